"""Article -> Analysis (spaCy; actors, times, places; later quotes and events), in one explicit context."""

from newsgraph.analyze.context import AnalysisContext
from newsgraph.analyze.pipeline import AnalysisError, analyze, analyze_each

__all__ = ["AnalysisContext", "AnalysisError", "analyze", "analyze_each"]
