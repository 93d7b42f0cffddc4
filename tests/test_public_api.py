"""The public API is small and explicit; changing it is a decision, so this test pins it."""

import inspect

import newsgraph

PUBLIC = [
    "Analysis",
    "AnalysisContext",
    "Article",
    "Entity",
    "Failure",
    "IngestReport",
    "Mention",
    "Newsgraph",
    "NewsgraphError",
    "Options",
    "Place",
    "Quote",
    "Sentence",
    "Story",
    "StoryBrief",
    "Timex",
    "WatchRecord",
    "WatchRound",
    "__version__",
    "analyze",
    "clean_text",
    "read_sources",
    "similarity",
]

NEWSGRAPH_METHODS = [
    "actor", "actor_page", "actors", "article_detail", "articles", "brief", "changes", "close", "context", "counts",
    "entities", "export", "export_chunks", "export_to", "ingest", "ingest_articles", "ingest_items", "ingest_jsonl",
    "relations", "report", "search", "stories", "story", "story_page", "update_comparisons",
    "update_stories", "watch", "watch_round", "watch_status",
]  # fmt: skip


def test_public_names() -> None:
    assert sorted(newsgraph.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert hasattr(newsgraph, name)


def test_newsgraph_methods() -> None:
    methods = sorted(n for n, _ in inspect.getmembers(newsgraph.Newsgraph, inspect.isfunction) if not n.startswith("_"))
    assert methods == NEWSGRAPH_METHODS


def test_every_error_newsgraph_raises_on_purpose_is_a_newsgraph_error() -> None:
    """One base class: every exception class defined in src/newsgraph derives from NewsgraphError."""
    import ast
    from pathlib import Path

    src = Path(newsgraph.__file__).parent
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and b.id.endswith(("Error", "Exception")) for b in node.bases
            ):
                assert path.name == "errors.py", f"{path.relative_to(src)} defines {node.name}: define it in errors.py"
    from newsgraph import errors

    for name in errors.__all__:
        assert issubclass(getattr(errors, name), newsgraph.NewsgraphError)
