"""Sources -> clean Article records."""

from newsgraph.ingest.article import build_article, content_hash
from newsgraph.ingest.cleaning import clean_text
from newsgraph.ingest.language import detect_language
from newsgraph.ingest.sources import Skipped, read_sources

__all__ = ["Skipped", "build_article", "clean_text", "content_hash", "detect_language", "read_sources"]
