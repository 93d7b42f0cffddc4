from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from newsgraph import Newsgraph, Options
from newsgraph.api import Newsgraph as ApiNewsgraph
from newsgraph.store import schema
from newsgraph.store.db import SchemaMismatch, Store, database_url


def write_articles(folder: Path, n: int) -> None:
    topics = ["port strike in Hamburg", "earthquake in Peru", "snowstorm in Moscow", "low water on the Rhine"]
    for i in range(n):
        topic = topics[i % len(topics)]
        (folder / f"{i:02d}.txt").write_text(
            f"Report {i} on the {topic}\n\nOctober {10 + i}, 2025\n\n"
            f"This is report number {i} about the {topic}, written for a test of batches and "
            f"transactions. It has enough words to be stored as an article.\n",
            encoding="utf-8",
        )


def test_database_url() -> None:
    assert database_url("x.db") == "sqlite:///x.db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_env_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_DB", str(tmp_path / "env.db"))
    assert database_url() == f"sqlite:///{tmp_path / 'env.db'}"


def test_sqlite_is_in_wal_mode_with_schema_version(db_path: str) -> None:
    store = Store(db_path)
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == schema.SCHEMA_VERSION
    store.close()


def test_other_schema_version_is_refused(db_path: str) -> None:
    Store(db_path).close()
    store = Store(db_path)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE schema_version SET version = 999"))
    store.close()
    with pytest.raises(SchemaMismatch):
        Store(db_path)


def test_interrupted_run_keeps_committed_batches_and_rerun_completes(
    tmp_path: Path, db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_articles(folder, 10)
    options = Options(batch_size=3)
    commits = 0
    original = ApiNewsgraph._commit

    def flaky_commit(self: ApiNewsgraph, batch: list, report: object) -> None:
        nonlocal commits
        if commits == 2:
            raise KeyboardInterrupt  # the user pressed Ctrl-C during the third batch
        commits += 1
        original(self, batch, report)  # type: ignore[arg-type]

    monkeypatch.setattr(ApiNewsgraph, "_commit", flaky_commit)
    with Newsgraph(db_path, options) as ng, pytest.raises(KeyboardInterrupt):
        ng.ingest([folder])
    monkeypatch.setattr(ApiNewsgraph, "_commit", original)

    with Newsgraph(db_path, options) as ng:
        assert len(ng.articles()) == 6  # two whole batches, nothing of the third
        assert ng.store.counts()["stories"] == 0  # grouping had not run
        report = ng.ingest([folder])
        assert len(report.duplicates) == 6 and len(report.ingested) == 4
        assert len(ng.articles()) == 10
        assert all(sid for sid in ng.store.story_ids().values())


def test_same_id_with_other_content_is_a_failure(ng: Newsgraph) -> None:
    from newsgraph import Article

    body = "Workers at the port of Hamburg walked out on Tuesday, halting container handling."
    a = Article(id="x1", text=body, content_hash="h1")
    b = Article(id="x1", text=body + " Updated.", content_hash="h2")
    report = ng.ingest_articles([a, b])
    assert report.ingested == ["x1"]
    assert [f.reason for f in report.failures] == ["id 'x1' is already used by other content"]
