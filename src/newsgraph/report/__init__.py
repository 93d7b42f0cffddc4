"""Outputs for people: a story's brief (later: static HTML report, charts)."""
