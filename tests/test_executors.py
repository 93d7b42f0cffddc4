"""Analysis beyond one process: serial, local worker processes and a Dask LocalCluster give the same database; a
worker killed mid-run costs nothing (its batches are analysed again on a new pool); memory stays bounded by the
batches in flight."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_path
from newsgraph import Article, Newsgraph, Options
from newsgraph.analyze import AnalysisContext, executors
from newsgraph.demo import demo_folder, demo_names_file
from newsgraph.models import AnalysisFailure

pytestmark = pytest.mark.processes  # local worker processes, a Dask cluster, a killed CLI


def inputs(polnear: int) -> list[str]:
    texts = sorted(str(p) for p in shared_path("data", "polnear", "data", "train", "text").glob("*.txt"))
    return [str(demo_folder()), str(shared_path("samples", "seeds")), *texts[:polnear]]


def ingested(tmp: Path, name: str, options: Options, sources: list[str]) -> tuple[dict[str, Any], Any]:
    with Newsgraph(tmp / f"{name}.db", options) as ng:
        report = ng.ingest(sources)
        return ng.export(), report


@pytest.mark.dask
def test_serial_local_workers_and_a_dask_cluster_give_the_same_export(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    options = Options(names_file=str(demo_names_file()), batch_size=16)
    sources = inputs(200)
    serial, report = ingested(tmp_path, "serial", options, sources)
    assert len(report.ingested) >= 220 and not report.failures
    assert serial["stories"] and serial["quotes"] and serial["events"]
    local, report = ingested(tmp_path, "local", replace(options, workers=2), sources)
    assert not report.failures and local == serial
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    ) as cluster:
        on_dask, report = ingested(tmp_path, "dask", replace(options, dask=cluster.scheduler_address), sources)
    assert not report.failures and on_dask == serial


def test_a_worker_killed_mid_run_costs_nothing(tmp_path: Path) -> None:
    """A local worker process is killed while batches are in flight: the pool is replaced, its batches are analysed
    again, and the database is the one a serial ingest gives."""
    options = Options(names_file=str(demo_names_file()), batch_size=4)
    sources = inputs(24)
    serial, _ = ingested(tmp_path, "serial", options, sources)
    killed: list[int] = []
    pools: list[executors.Executor] = []
    make_pool, commit = executors.executor, Newsgraph._commit

    def kept_pool(*args: Any) -> executors.Executor:
        pools.append(make_pool(*args))
        return pools[-1]

    def commit_then_kill(self: Newsgraph, *args: Any) -> None:
        commit(self, *args)
        if not killed:  # after the first commit: the workers have analysed a batch, and more are in flight
            (worker, *_) = [p for p in multiprocessing.active_children() if p.pid and p.is_alive()]
            os.kill(worker.pid, signal.SIGKILL)  # type: ignore[arg-type]
            killed.append(worker.pid)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(executors, "executor", kept_pool)
        patch.setattr(Newsgraph, "_commit", commit_then_kill)
        after_kill, report = ingested(tmp_path, "killed", replace(options, workers=2), sources)
    assert killed, "no worker was killed"
    (pool,) = pools
    assert isinstance(pool, executors.LocalWorkers) and pool.generation >= 1  # the kill broke the pool mid-run
    assert not report.failures and after_kill == serial


def test_a_batch_that_kills_its_worker_twice_is_reported_article_by_article(monkeypatch: pytest.MonkeyPatch) -> None:
    context = AnalysisContext.create()
    pool = executors.LocalWorkers(context, 1)
    try:
        good = [Article(id="a", text="Lavrov met Kim Jong Un in Pyongyang on Thursday.", language="en")]
        dying = pool.pool_submit  # every submission of this batch kills its worker
        poison = [Article(id="p1", text="x"), Article(id="p2", text="y")]

        def submit(articles: Any) -> Any:
            if articles is poison or [a.id for a in articles] == ["p1", "p2"]:
                return pool.generation, pool.pool.submit(os._exit, 1)
            return dying(articles)

        monkeypatch.setattr(pool, "pool_submit", submit)
        results = pool.submit(poison).result()
        assert len(results) == 2
        assert all(isinstance(r, AnalysisFailure) and r.reason.startswith("analysis failed twice in a worker: BrokenProcessPool") for r in results)
        (analysis,) = pool.submit(good).result()  # the pool was replaced: the next batch is analysed
        assert not isinstance(analysis, AnalysisFailure) and analysis.article_id == "a"
    finally:
        pool.close()


def test_batches_in_flight_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ingesting process holds at most the executor's bound of analysed-but-unwritten batches (plus the one being
    read), whatever the input's size."""
    seen: list[int] = []
    original = Newsgraph._submit

    def spy(self: Newsgraph, batch: Any, pool: Any, pending: Any, report: Any) -> None:
        original(self, batch, pool, pending, report)
        seen.append(len(pending))

    monkeypatch.setattr(Newsgraph, "_submit", spy)
    articles = [
        Article(
            id=f"a{i}", text=f"Item {i}: the council of Karsdal met on Monday to discuss the harbour.", language="en"
        )
        for i in range(40)
    ]
    with Newsgraph(tmp_path / "n.db", Options(batch_size=4)) as ng:
        assert len(ng.ingest_articles(articles).ingested) == 40
    assert len(seen) == 11 and max(seen) == 0  # serial: every batch is written before the next is read
    seen.clear()
    with Newsgraph(tmp_path / "w.db", Options(batch_size=4, workers=2)) as ng:
        assert len(ng.ingest_articles(articles).ingested) == 40
    assert len(seen) == 11 and max(seen) == 4  # two workers: at most four batches in flight


@pytest.mark.dask
def test_an_unreachable_dask_scheduler_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    import socket

    from click.testing import CliRunner

    from newsgraph.cli import main

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(executors, "DASK_CONNECT_TIMEOUT", 2.0)
    seeds = str(shared_path("samples", "seeds"))
    db = str(tmp_path / "d.db")
    result = CliRunner().invoke(main, ["ingest", seeds, "--db", db, "--dask", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")


COMMITS_RECORDED = """
import sys
from pathlib import Path
from newsgraph.api import Newsgraph
from newsgraph.cli import main

log = Path(sys.argv.pop(1))
commit = Newsgraph._commit


def recorded(self, fresh, task, report):
    commit(self, fresh, task, report)
    with log.open("a") as f:
        f.write(f"{len(report.ingested)}\\n")


Newsgraph._commit = recorded
sys.argv[0] = "newsgraph"
main()
"""
"""`newsgraph ARGS` with the number of articles stored so far appended to the file LOG after each batch is committed
(python -c COMMITS_RECORDED LOG ARGS)."""


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_a_killed_cli_ingest_keeps_its_batches_and_a_rerun_completes_it(tmp_path: Path) -> None:
    """`newsgraph ingest --workers 2` killed with SIGKILL once some batches are stored: the database is whole, the
    workers go away with their parent, and the same command run again stores the rest, as one uninterrupted run
    would have."""
    import sqlite3
    import subprocess
    import sys

    sources = inputs(16)
    names = ["--names", str(demo_names_file())]
    arguments = ["ingest", *sources, "--batch-size", "4", *names, "-q"]
    command = [sys.executable, "-m", "newsgraph.cli", *arguments]
    clean = tmp_path / "clean.db"
    subprocess.run([*command, "--db", str(clean)], check=True, capture_output=True, timeout=600)
    killed_db, commits = tmp_path / "killed.db", tmp_path / "commits"
    run = subprocess.Popen(
        [sys.executable, "-c", COMMITS_RECORDED, str(commits), *arguments, "--db", str(killed_db), "--workers", "2"],
        stderr=subprocess.PIPE,
    )

    def committed() -> list[int]:  # the number of articles stored after each commit so far
        return [int(line) for line in commits.read_text().splitlines()] if commits.exists() else []

    deadline = time.monotonic() + 300
    while len(committed()) < 2 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(run.pid)
    run.kill()
    run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL, f"the ingest ended before it could be killed: {run.stderr.read()!r}"
    assert len(committed()) >= 2, "fewer than two batches committed in 300 s"
    with sqlite3.connect(clean) as con, sqlite3.connect(killed_db) as killed:
        total = int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        kept = int(killed.execute("SELECT count(*) FROM articles").fetchone()[0])
    assert committed()[-1] <= kept < total  # every batch recorded as committed (a later one may not be recorded yet)
    deadline = time.monotonic() + 60
    while [p for p in workers if Path(f"/proc/{p}").exists()] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in workers if Path(f"/proc/{p}").exists() and "Z" not in _state(p)], "workers outlived it"
    with sqlite3.connect(killed_db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rerun = subprocess.run([*command, "--db", str(killed_db), "--workers", "2"], capture_output=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr.decode()
    with Newsgraph(clean, create=False) as a, Newsgraph(killed_db, create=False) as b:
        one, other = a.export(), b.export()
    assert [x["id"] for x in one["articles"]] == [x["id"] for x in other["articles"]]
    assert len(other["articles"]) > kept
    assert sorted(sorted(s["article_ids"]) for s in one["stories"]) == sorted(
        sorted(s["article_ids"]) for s in other["stories"]
    )


def _state(pid: int) -> str:
    try:
        return (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""


def test_a_task_whose_pool_lost_a_worker_unnoticed_is_sent_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed while it writes a result leaves the pool's reader waiting for ever, so its task's future never
    ends: the task notices the dead worker itself and is sent again to a new pool (no hang)."""
    from concurrent.futures import Future

    monkeypatch.setattr(executors, "LOST_WORKER_CHECK", 0.05)
    stuck: Future[Any] = Future()  # never resolved, as after such a kill
    done: Future[Any] = Future()
    done.set_result(["analysed"])

    class Owner:
        generation = 0
        replaced: list[int] = []

        def pool_submit(self, articles: Any) -> tuple[int, Future[Any]]:
            return (self.generation, done if self.replaced else stuck)

        def lost_worker(self, generation: int) -> bool:
            return True  # one of the pool's processes has ended

        def replace_pool(self, generation: int) -> None:
            self.replaced.append(generation)
            self.generation += 1

    from concurrent.futures import ThreadPoolExecutor

    task = executors._Retried(Owner(), [])  # type: ignore[arg-type]
    with ThreadPoolExecutor(1) as thread:
        try:
            assert thread.submit(task.result).result(timeout=10) == ["analysed"] and Owner.replaced == [0]
        finally:
            if not stuck.done():  # a task that waited for ever is let go, so the test ends (and fails)
                stuck.set_result(["never"])
