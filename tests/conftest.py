"""Shared fixtures. Tests that read ../shared skip when it is absent, and fail instead when
NEWSGRAPH_REQUIRE_SHARED=1 (as in CI). Tests of the store run on SQLite and on PostgreSQL (the
`db_url` fixture); the PostgreSQL ones need a server at $NEWSGRAPH_TEST_POSTGRES (`.ci/postgres.sh`
starts a throwaway one) and skip without it, or fail when NEWSGRAPH_REQUIRE_POSTGRES=1 (as in CI).

The gazetteer's index is built into a temporary cache directory of the session ($NEWSGRAPH_CACHE_DIR, which
subprocesses inherit), never into the user's ~/.cache. A test marked with one of the kinds of slow test
(benchmark, processes, dask, browser) is marked slow too: `make check` runs `-m "not slow"`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from newsgraph import Newsgraph

SLOW_KINDS = ("benchmark", "processes", "dask", "browser")


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


@pytest.hookimpl(tryfirst=True)  # before -m selects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.get_closest_marker(kind) for kind in SLOW_KINDS) and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)


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


BARRIER = """
import os as _os, sys as _sys, time as _time


def wait_for_the_others() -> None:  # ready; then wait until the test closes every process's stdin at once
    folder = _os.environ["NEWSGRAPH_TEST_BARRIER"]
    ready, now = _os.path.join(folder, f"{_os.getpid()}.ready"), repr(_time.monotonic())
    with open(ready + ".tmp", "w") as f:  # the time taken first, the file named .ready only once it holds it
        f.write(now)
    _os.replace(ready + ".tmp", ready)
    _sys.stdin.read()
    with open(_os.path.join(folder, f"{_os.getpid()}.began"), "w") as f:
        f.write(repr(_time.monotonic()))
"""
"""Prepended to the code of processes run by `run_together`: they call `wait_for_the_others()` once they have
imported what they need, just before what must happen at the same moment."""


def run_together(code: str, args: list[list[str]], folder: Path, timeout: float = 300) -> None:
    """Run `python -c BARRIER+code ARGS` once for each ARGS, released at once behind a real barrier: the race is
    tested however slow the machine is to start them. Fails if a process fails, if not all become ready in `timeout`
    seconds, or if any began before all were ready."""
    folder.mkdir()
    env = {**os.environ, "NEWSGRAPH_TEST_BARRIER": str(folder)}
    errors = [(folder / f"stderr{i}").open("w+", encoding="utf-8") for i in range(len(args))]
    procs = [
        subprocess.Popen([sys.executable, "-c", BARRIER + code, *a], stdin=subprocess.PIPE, stderr=e, env=env)
        for a, e in zip(args, errors, strict=True)
    ]

    def said(i: int) -> str:
        errors[i].seek(0)
        return errors[i].read().strip()

    try:
        deadline = time.monotonic() + timeout
        while len(list(folder.glob("*.ready"))) < len(procs):
            gone = [i for i, p in enumerate(procs) if p.poll() is not None]
            assert not gone, f"process {gone[0]} ended before the barrier: {said(gone[0])}"
            assert time.monotonic() < deadline, f"not all {len(procs)} processes ready after {timeout} s"
            time.sleep(0.01)
        for p in procs:
            assert p.stdin is not None
            p.stdin.close()
        for p in procs:
            p.wait(timeout=timeout)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        failed = [(i, said(i).splitlines()[-1:]) for i, p in enumerate(procs) if p.returncode != 0]
        for e in errors:
            e.close()
    assert not failed, failed
    ready = [float(f.read_text()) for f in folder.glob("*.ready")]
    began = [float(f.read_text()) for f in folder.glob("*.began")]
    assert len(ready) == len(began) == len(procs)
    assert max(ready) < min(began), "a process began before all were ready"


# --- a headless browser (tests marked `browser`) ----------------------------------------------


def chromium() -> str:
    """Debian's chromium, when it and playwright are installed; else skip (fail with NEWSGRAPH_REQUIRE_BROWSER=1)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        path = None
    if not path:
        missing("no headless browser: apt-get install chromium, and the dev extra (playwright)",
                "NEWSGRAPH_REQUIRE_BROWSER")  # fmt: skip
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with sync_playwright() as p:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        b = p.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        yield b
        b.close()
