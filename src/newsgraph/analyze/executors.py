"""Where analysis runs: in the ingesting process, on N local worker processes, or on a Dask cluster.

Every executor takes batches of articles and gives back, batch by batch and in the order the batches were submitted,
what `analyze_each` gives (an `Analysis`, or an `AnalysisFailure` with the one-line reason an article failed). The
analysis context is shipped once to each worker: as the initializer argument of a local worker process, as data
scattered to every Dask worker.
A worker keeps the spaCy model it loads for all its batches.

A batch whose task fails (its worker process died, the task raised) is submitted once more; if it fails again, each of
its articles gets the reason. Callers bound how many batches are in flight (`in_flight`), so memory stays flat
whatever the input's size.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from newsgraph.analyze.context import AnalysisContext
from newsgraph.analyze.pipeline import analyze_each
from newsgraph.errors import ExecutorError
from newsgraph.models import Analysis, AnalysisFailure, Article

Results = list[Analysis | AnalysisFailure]


class Task(Protocol):
    """A submitted batch: its results when they are ready."""

    def result(self) -> Results: ...


class Executor(Protocol):
    in_flight: int
    """How many batches the caller keeps submitted before it waits for the oldest."""

    def submit(self, articles: Sequence[Article]) -> Task: ...

    def close(self) -> None: ...


def _failed(articles: Sequence[Article], exc: BaseException) -> Results:
    reason = " ".join(str(exc).split())[:200] or exc.__class__.__name__
    said = f"analysis failed twice in a worker: {exc.__class__.__name__}: {reason}"
    return [AnalysisFailure(a.id, said) for a in articles]


class _Done:
    def __init__(self, results: Results) -> None:
        self._results = results

    def result(self) -> Results:
        return self._results


class Serial:
    """Analysis in the ingesting process, batch by batch as submitted."""

    in_flight = 0

    def __init__(self, context: AnalysisContext) -> None:
        self.context = context

    def submit(self, articles: Sequence[Article]) -> Task:
        return _Done(analyze_each(articles, self.context))

    def close(self) -> None:
        pass


_context: AnalysisContext | None = None
"""A local worker process's analysis context, set once by its initializer (the worker's own state: the ingesting
process never reads or sets it)."""


def _start_worker(context: AnalysisContext) -> None:
    global _context
    _context = context
    threading.Thread(target=_exit_with_parent, name="exit-with-parent", daemon=True).start()


def _exit_with_parent() -> None:
    """End this worker when the ingesting process is gone (killed, say): a worker waiting for its next batch would
    otherwise wait forever, holding its model in memory."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(1)


def _analyze_in_worker(articles: Sequence[Article]) -> Results:
    return analyze_each(articles, _context)


TASK_ARTICLES = 16
"""A batch goes to the workers in tasks of at most this many articles, so that the workers share its work and none
waits long for the last one at the end of a run."""


def _pieces(articles: Sequence[Article]) -> list[Sequence[Article]]:
    return [articles[i : i + TASK_ARTICLES] for i in range(0, len(articles), TASK_ARTICLES)]


class _Joined:
    """A batch sent as several tasks: their results, in order."""

    def __init__(self, parts: list[Task]) -> None:
        self.parts = parts

    def result(self) -> Results:
        return [r for part in self.parts for r in part.result()]


LOST_WORKER_CHECK = 1.0
"""Seconds between two looks, while a task is awaited, at whether a worker of its pool died unnoticed."""


class _Retried:
    """A local task that is submitted once more when it fails (to a new pool when its pool broke)."""

    def __init__(self, owner: LocalWorkers, articles: Sequence[Article]) -> None:
        self.owner, self.articles = owner, list(articles)
        self.generation, self.future = owner.pool_submit(self.articles)

    def result(self) -> Results:
        try:
            return self._wait(self.generation, self.future)
        except Exception as first:  # noqa: BLE001 - a dead worker or a task that raised: once more
            if isinstance(first, BrokenProcessPool):
                self.owner.replace_pool(self.generation)
            try:
                return self._wait(*self.owner.pool_submit(self.articles))
            except Exception as second:  # noqa: BLE001
                if isinstance(second, BrokenProcessPool):
                    self.owner.replace_pool(self.owner.generation)
                return _failed(self.articles, second)

    def _wait(self, generation: int, future: Future[Results]) -> Results:
        """The task's results; BrokenProcessPool when a worker of its pool died and the pool did not notice: a worker
        killed while it wrote a result leaves half a message in the pool's pipe, which the pool's reader then waits on
        for ever (and the other workers on the pipe's lock)."""
        while True:
            try:
                return future.result(timeout=LOST_WORKER_CHECK)
            except TimeoutError:
                if self.owner.lost_worker(generation):
                    raise BrokenProcessPool("a worker died while its pool waited for it") from None


def _processes(pool: ProcessPoolExecutor) -> list[Any]:
    """A pool's worker processes (ProcessPoolExecutor keeps them in `_processes`; none known when it does not)."""
    found = getattr(pool, "_processes", None) or {}
    return list(found.values())


class LocalWorkers:
    """Analysis on `workers` local processes (spawned: each imports newsgraph and loads the model once)."""

    def __init__(self, context: AnalysisContext, workers: int) -> None:
        self.context, self.workers = context, workers
        self.in_flight = 2 * workers
        self.generation = 0
        self.pool = self._pool()

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.context,),
        )

    def pool_submit(self, articles: Sequence[Article]) -> tuple[int, Future[Results]]:
        """(the pool's generation, the task): a pool found broken on submission is replaced first."""
        try:
            return self.generation, self.pool.submit(_analyze_in_worker, articles)
        except BrokenProcessPool:
            self.replace_pool(self.generation)
            return self.generation, self.pool.submit(_analyze_in_worker, articles)

    def replace_pool(self, generation: int) -> None:
        """A new pool for the one of this generation, which broke (a worker died); once, whoever asks first. The old
        pool's workers still alive are ended: one may wait for ever on a lock the dead one held."""
        if generation == self.generation:
            old = self.pool
            old.shutdown(wait=False, cancel_futures=True)
            for process in _processes(old):
                if process.exitcode is None:
                    process.kill()
            self.pool = self._pool()
            self.generation += 1

    def lost_worker(self, generation: int) -> bool:
        """Whether the pool of this generation lost a worker: it was replaced, or one of its processes ended."""
        return generation != self.generation or any(p.exitcode is not None for p in _processes(self.pool))

    def submit(self, articles: Sequence[Article]) -> Task:
        return _Joined([_Retried(self, part) for part in _pieces(articles)])

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _DaskTask:
    def __init__(self, owner: DaskWorkers, articles: Sequence[Article]) -> None:
        self.owner, self.articles = owner, list(articles)
        self.future = owner.client_submit(self.articles)

    def result(self) -> Results:
        try:
            return list(self.future.result())
        except Exception:  # noqa: BLE001 - a task that raised (a lost worker is retried by Dask itself): once more
            try:
                return list(self.owner.client_submit(self.articles).result())
            except Exception as second:  # noqa: BLE001
                return _failed(self.articles, second)


DASK_CONNECT_TIMEOUT = 20.0
"""Seconds to wait for a Dask scheduler to accept a connection, and again for it to answer, before the ingest gives
up with one line."""


NETWORK_SCHEMES = ("tcp", "tls", "ws", "wss")
"""The protocols over which a stranger can answer at a Dask address (inproc is within the process; ucx is left to
Dask)."""


def check_scheduler(address: str) -> None:
    """Nothing when a Dask scheduler answers at `address`, else ExecutorError saying what is there, in bounded time
    whatever is there: a Client waits forever on a peer that accepts and says nothing, and reads a web server's first
    bytes as the length of a message to allocate (exabytes). First a plain connection (what fails there is said in its
    own words), then Dask's handshake and an identity asked (what fails there is no Dask scheduler), each within
    DASK_CONNECT_TIMEOUT, on an event loop of its own in a thread of its own (whatever loop the caller runs)."""
    scheme = address.split("://", 1)[0] if "://" in address else "tcp"
    if scheme not in NETWORK_SCHEMES:
        return
    with ThreadPoolExecutor(1) as thread:
        reason = thread.submit(asyncio.run, _scheduler_answer(address, DASK_CONNECT_TIMEOUT)).result()
    if reason is not None:
        raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {reason}")


async def _scheduler_answer(address: str, timeout: float) -> str | None:
    """None when a Dask scheduler answers at `address`, else why not."""
    return await _connection(address, timeout) or await _identity(address, timeout)


async def _connection(address: str, timeout: float) -> str | None:
    """None when `address` accepts a connection, else why not."""
    from distributed.comm import get_address_host_port

    try:
        host, port = get_address_host_port(address)
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except ValueError as exc:  # no port, a port that is no number
        return str(exc)
    except TimeoutError:
        return f"no connection within {timeout:g} s (nothing answers there, or there is no route to it)"
    except OSError as exc:
        return "connection refused" if isinstance(exc, ConnectionRefusedError) else exc.strerror or str(exc)
    writer.close()
    return None


async def _identity(address: str, timeout: float) -> str | None:
    """None when what accepts connections at `address` answers as a Dask scheduler, else what it is."""
    from distributed.security import Security

    settings = Security().get_connection_args("client")  # as a Client takes them from Dask's configuration
    if address.startswith("tls://") and settings.get("ssl_context") is None:
        return "a tls:// address needs Dask's TLS settings (distributed.comm.tls in Dask's configuration)"
    try:
        reply = await asyncio.wait_for(_ask_identity(address, timeout, settings), timeout)
    except TimeoutError:
        return f"something accepts connections there but gives no answer in {timeout:g} s"
    except OSError:
        return "what answers there is no Dask scheduler (it closed the connection)"
    except Exception:  # noqa: BLE001 - bytes that are no Dask message (a web server's reply, garbage)
        return _NOT_DASK
    if isinstance(reply, dict) and isinstance(reply.get("workers"), dict):
        return None
    kind = reply.get("type") if isinstance(reply, dict) else None
    return f"what answers there is a Dask {kind}, not a scheduler" if isinstance(kind, str) else _NOT_DASK


_NOT_DASK = "what answers there is no Dask scheduler (it does not speak Dask's protocol)"


async def _ask_identity(address: str, timeout: float, settings: dict[str, Any]) -> Any:
    from distributed.comm import connect

    comm = await connect(address, timeout=timeout, **settings)
    try:
        await comm.write({"op": "identity", "reply": True})
        return await comm.read()
    finally:
        comm.abort()


class DaskWorkers:
    """Analysis on a Dask distributed cluster (`address`: its scheduler, e.g. tcp://10.0.0.5:8786, or a
    `distributed.Client` to use). The context is scattered to every worker once."""

    def __init__(self, context: AnalysisContext, address: Any) -> None:
        from distributed import Client  # the dask extra: pip install 'newsgraph[dask]'

        self.own_client = not isinstance(address, Client)
        if self.own_client:
            check_scheduler(str(address))
        try:
            self.client = Client(address, timeout=f"{DASK_CONNECT_TIMEOUT}s") if self.own_client else address
        except Exception as exc:  # noqa: BLE001 - no route, no port, TLS not set up, UCX not installed: one line
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.in_flight = 2 * workers
        self.context = self.client.scatter(context, broadcast=True, hash=False)

    def client_submit(self, articles: Sequence[Article]) -> Any:
        return self.client.submit(analyze_each, articles, self.context, pure=False)

    def submit(self, articles: Sequence[Article]) -> Task:
        return _Joined([_DaskTask(self, part) for part in _pieces(articles)])

    def close(self) -> None:
        if self.own_client:
            self.client.close()


def executor(context: AnalysisContext, workers: int = 1, dask: Any = None) -> Executor:
    """The executor of these settings: Dask when an address (or client) is given, else `workers` local processes
    when more than one, else the ingesting process."""
    if dask is not None:
        return DaskWorkers(context, dask)
    if workers > 1:
        return LocalWorkers(context, workers)
    return Serial(context)
