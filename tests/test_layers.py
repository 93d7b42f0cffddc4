"""The house: data flows one way, ingest -> analyze -> stories -> compare -> relations -> outputs, with the store
beneath all. A module imports only modules of its own floor or of the floors below it (docs/architecture.md)."""

from __future__ import annotations

import ast

from conftest import REPO

FLOORS = {
    "errors": 0, "models": 0, "relation_records": 0, "watch_records": 0, "vectors": 0, "options": 0, "dates": 0, "resources": 0, "atomic": 0,  # leaves
    "store": 1,
    "ingest": 2,
    "analyze": 3,
    "stories": 4,
    "compare": 5,
    "relations": 6,
    "report": 7, "export": 7, "search": 7,
    "api": 8, "demo": 8, "serve": 8,
    "actor_reads": 8,  # what the api reads for actors and story filters
    "cli": 9,
}  # fmt: skip
"""The floor of each top-level module or package of newsgraph."""


def imports() -> list[tuple[str, str]]:
    """(module, what it imports) for every import of newsgraph by a module of src/newsgraph."""
    root = REPO / "src" / "newsgraph"
    found = []
    for path in root.rglob("*.py"):
        module = ".".join(("newsgraph", *path.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            found += [(module, n) for n in names if n.startswith("newsgraph.")]
    return found


def floor(module: str) -> int:
    return FLOORS[module.split(".")[1]]


def test_every_module_has_a_floor() -> None:
    tops = {p.stem for p in (REPO / "src" / "newsgraph").iterdir() if p.suffix == ".py" or p.is_dir()}
    assert tops - {"__init__", "__pycache__", "data", "py"} <= set(FLOORS)


def test_no_module_imports_from_a_floor_above_its_own() -> None:
    found = imports()
    assert len(found) > 100
    upward = [(m, n) for m, n in found if m != "newsgraph" and floor(n) > floor(m)]
    assert upward == []


def test_the_store_imports_only_the_leaves_it_stores_and_itself() -> None:
    below = ("store", "models", "relation_records", "watch_records", "errors")
    assert [(m, n) for m, n in imports() if m.startswith("newsgraph.store") and n.split(".")[1] not in below] == []


def test_the_server_reads_through_the_api_never_the_store() -> None:
    served = [(m, n) for m, n in imports() if m.startswith("newsgraph.serve")]
    assert ("newsgraph.serve.app", "newsgraph.api") in served
    assert [(m, n) for m, n in served if n.split(".")[1] == "store"] == []
