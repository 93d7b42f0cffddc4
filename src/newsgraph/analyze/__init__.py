"""Article -> Analysis (spaCy; later: actors, time, places, quotes, events)."""

from newsgraph.analyze.pipeline import analyze

__all__ = ["analyze"]
