"""Shared fixtures. Tests that read ../shared skip when it is absent, and fail instead when
NEWSGRAPH_REQUIRE_SHARED=1 (as in CI)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph import Newsgraph

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip (fail when NEWSGRAPH_REQUIRE_SHARED=1) if it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"shared data missing: {path}"
        if os.environ.get("NEWSGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def seeds() -> Path:
    return shared_path("samples", "seeds")


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "news.db")


@pytest.fixture
def ng(db_path: str) -> Iterator[Newsgraph]:
    with Newsgraph(db_path) as graph:
        yield graph
