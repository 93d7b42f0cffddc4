"""Article -> Analysis (spaCy; actors, times, places; later quotes and events), in one explicit context."""

from newsgraph.analyze.context import AnalysisContext
from newsgraph.analyze.pipeline import analyze

__all__ = ["AnalysisContext", "analyze"]
