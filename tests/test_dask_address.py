"""`ingest --dask ADDRESS` where no Dask scheduler answers: one line, in bounded time, whatever is at that address.

Only local sockets: a port nothing listens on, one whose backlog is full (it drops new connections as an unroutable
address does), one that accepts and says nothing, one that answers as a web server, one that sends garbage."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.analyze import executors
from newsgraph.cli import main

pytestmark = pytest.mark.dask

TIMEOUT = 2.0
ARTICLE = (  # one article, so that the ingest gets as far as analysing
    "The council of Karsdal met on Monday to discuss the harbour. Its members agreed to dredge the channel before "
    "the winter storms, the mayor said after the meeting."
)


@contextmanager
def server(answer: bytes | None) -> Iterator[int]:
    """A local port that accepts connections and, when `answer` is given, sends it to each (else says nothing),
    keeping every connection open until the test ends."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:  # the listener closed: the test is over
                return
            held.append(conn)
            if answer is not None:
                conn.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
        for conn in held:
            conn.close()


@contextmanager
def closed_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    yield port


@contextmanager
def full_backlog() -> Iterator[int]:
    """A port that never accepts, its one-connection backlog taken: new connections get no answer at all."""
    with socket.socket() as listener, socket.socket() as first:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        first.connect(("127.0.0.1", port))
        yield port


NOT_DASK = "what answers there is no Dask scheduler (it does not speak Dask's protocol)"
HTTP = b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nBad Request"
PLACES = {
    "closed": (closed_port, "connection refused"),
    "full backlog": (full_backlog, f"no connection within {TIMEOUT:g} s (nothing answers there, or there is no route"),
    "silent": (lambda: server(None), f"something accepts connections there but gives no answer in {TIMEOUT:g} s"),
    "http": (lambda: server(HTTP), NOT_DASK),
    "garbage": (lambda: server(b"\xff" * 64), NOT_DASK),
    "small garbage": (lambda: server(b"\x01" + b"\x00" * 7 + b"\x10" + b"\x00" * 15), NOT_DASK),
}


@pytest.mark.parametrize("place", list(PLACES))
def test_what_is_no_dask_scheduler_is_one_line_in_bounded_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, place: str
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(executors, "DASK_CONNECT_TIMEOUT", TIMEOUT)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    opened, said = PLACES[place]
    with opened() as port:
        address = f"tcp://127.0.0.1:{port}"
        started = time.monotonic()
        with pytest.raises(executors.ExecutorError) as caught:
            executors.check_scheduler(address)
        assert time.monotonic() - started < 2 * TIMEOUT + 2  # the connection's timeout, then the answer's
        result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "d.db"), "--dask", address])
    assert result.exit_code == 1, result.output
    (line,) = result.output.strip().splitlines()
    assert line == f"Error: {caught.value}"
    assert line.startswith(f"Error: cannot reach the Dask scheduler at {address}: ") and said in line, line
    assert "Traceback" not in result.output and "EiB" not in line


def test_a_dask_worker_is_no_scheduler_and_a_scheduler_is(monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(executors, "DASK_CONNECT_TIMEOUT", 10.0)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None, protocol="tcp", host="127.0.0.1"
    ) as cluster:
        executors.check_scheduler(cluster.scheduler_address)  # no error
        (worker,) = cluster.workers.values()
        with pytest.raises(executors.ExecutorError, match="a Dask Worker, not a scheduler"):
            executors.check_scheduler(worker.address)


@pytest.mark.parametrize(
    ("scheme", "said"),
    [
        ("tls", "a tls:// address needs Dask's TLS settings (distributed.comm.tls in Dask's configuration)"),
        ("ucx", "Can't instantiate abstract class"),  # UCX not installed: Dask's own words, once a traceback
    ],
)
def test_an_address_dask_cannot_use_here_is_one_line(tmp_path: Path, scheme: str, said: str) -> None:
    pytest.importorskip("distributed")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with server(None) as port:
        address = f"{scheme}://127.0.0.1:{port}"
        result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "d.db"), "--dask", address])
    assert result.exit_code == 1, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: cannot reach the Dask scheduler at {address}: ") and said in line, line
