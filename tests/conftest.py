"""Shared fixtures. Tests that read ../shared skip when it is absent, and fail instead when
NEWSGRAPH_REQUIRE_SHARED=1 (as in CI). Tests of the store run on SQLite and on PostgreSQL (the
`db_url` fixture); the PostgreSQL ones need a server at $NEWSGRAPH_TEST_POSTGRES (`.ci/postgres.sh`
starts a throwaway one) and skip without it, or fail when NEWSGRAPH_REQUIRE_POSTGRES=1 (as in CI).

The gazetteer's index is built into a temporary cache directory of the session ($NEWSGRAPH_CACHE_DIR, which
subprocesses inherit), never into the user's ~/.cache."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from newsgraph import Newsgraph


def pytest_configure(config: pytest.Config) -> None:
    """Before anything builds the gazetteer's index: the session's own cache directory (a test may set another)."""
    cache = tempfile.mkdtemp(prefix="newsgraph-test-cache-")
    before = os.environ.get("NEWSGRAPH_CACHE_DIR")
    os.environ["NEWSGRAPH_CACHE_DIR"] = cache

    def restore() -> None:
        if before is None:
            os.environ.pop("NEWSGRAPH_CACHE_DIR", None)
        else:
            os.environ["NEWSGRAPH_CACHE_DIR"] = before
        shutil.rmtree(cache, ignore_errors=True)

    config.add_cleanup(restore)


REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", REPO.parent / "shared"))
POSTGRES = os.environ.get("NEWSGRAPH_TEST_POSTGRES")
BACKENDS = ["sqlite", "postgresql"]


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip (fail when NEWSGRAPH_REQUIRE_SHARED=1) if it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"shared data missing: {path}"
        if os.environ.get("NEWSGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def missing(message: str, required_by: str) -> NoReturn:
    """Skip for want of something outside the project, or fail when the environment variable `required_by` is 1
    (as in CI)."""
    if os.environ.get(required_by) == "1":
        pytest.fail(message)
    pytest.skip(message)


def require_postgres() -> str:
    if not POSTGRES:
        missing("no PostgreSQL server: set NEWSGRAPH_TEST_POSTGRES (source .ci/postgres.sh starts one)",
                "NEWSGRAPH_REQUIRE_POSTGRES")  # fmt: skip
    return POSTGRES


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test (dropped afterwards); its URL."""
    admin = create_engine(require_postgres(), isolation_level="AUTOCOMMIT")
    name = f"ng_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES or "").set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new database on each back end: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "news.db")
        return
    with postgres_database() as url:
        yield url


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
