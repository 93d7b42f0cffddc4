"""`newsgraph serve` under load (issue 25): requests per second and p50/p99 latency for a story's JSON, a story page,
a search and the story list, against a bare Starlette endpoint that returns the same bytes, with an ingest writing
beside the server, and the server's memory over the run.

Database: 10,000 articles grown from the real texts of benchmarks/scale.py (PolNeAR train and ECB+ in ../shared,
read in place), with their cached analyses (scale.py's cache), arranged as benchmarks/compare.py does (copy c of a
text from invented outlet c, within two days of it: multi-outlet stories), written through scale.py's write path,
then the online clustering and the compare stage. Built once (15 minutes, 13 of them the compare stage) into
the cache directory (serve-load-10k.db, with a stamp; `--fresh` builds it again); each run serves a copy of it, so
that the ingest of one run is not in the next. `--db PATH` serves a copy of another database instead.

Processes: `newsgraph serve` (uvicorn, one process) on 127.0.0.1 and a free port; the bare endpoint, a Starlette app
written here and served by uvicorn the same way (same log level) in another process, answering
/api/v1/stories/{id} with the exact bytes and content-type the real server gave for that story; the client in a
third process (the machine's cores are shared by the three, and by the ingest in the last part). The client keeps
N connections open (HTTP/1.1 keep-alive, raw asyncio by default; `--client httpx` uses httpx's AsyncClient) and
sends requests until the request count or the time limit, whichever comes first; every latency is recorded (from
writing the request to the last byte of the body). Errors: a status other than 200/304, or an exception.

Targets: `story_json` (/api/v1/stories/{id} over the 200 largest stories, in turn), `story_page` (/stories/{id}),
`search` (/api/v1/search?q=WORD over words of the stories' titles), `list` (/api/v1/stories?limit=50); a target
whose first request is a 404 is skipped ("not built"). Each is warmed up first (unmeasured). `bare` is the story
JSON's load on the bare endpoint; ratio = rps(story_json) / rps(bare).

Ingest beside: `newsgraph ingest` (a subprocess) stores new articles into the served database (copies of the
database's articles with new ids, titles and a changed last line, same dates: they join existing stories) while the
client loads the story JSON and the list, pass after pass, until the ingest ends; then every new article is asked
for through /api/v1/articles/{id}.

Memory: the server process's VmRSS every 0.5 s, from the first measured pass to the end.

Run: .venv/bin/python benchmarks/serve_load.py [--clients 32] [--requests 20000] [--seconds 60] [--json PATH]
     .venv/bin/python benchmarks/serve_load.py --quick --db SMALL.db   (a smoke run)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import math
import os
import pickle
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
CACHE_NAME = "serve-load-10k.db"
BUILD_SEED = 25
TARGETS = ("story_json", "story_page", "search", "list")
BESIDE = ("story_json", "list")
OK = (200, 304)


# --- the database -----------------------------------------------------------------------------------------------


def cache_dir() -> Path:
    from newsgraph.analyze.gazetteer import default_cache_dir

    return default_cache_dir()


def build(path: Path, n: int) -> dict[str, Any]:
    """n articles from scale.py's cached analyses (compare.py's multi-outlet arrangement), written, clustered and
    compared into a new SQLite database at `path`; its stamp beside it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from compare import BATCH, make
    from newsgraph import Newsgraph, Options
    from newsgraph.store.schema import SCHEMA_VERSION
    from newsgraph.stories.online import OnlineClusterer
    from scale import analysed, base_texts, write

    start = time.perf_counter()
    texts = base_texts()
    analyses = analysed(texts)
    loaded = time.perf_counter()
    rng = random.Random(BUILD_SEED)
    path.unlink(missing_ok=True)
    with Newsgraph(path) as ng:
        for lo in range(0, n, BATCH):
            write(ng._store, [make(i, texts, analyses, rng) for i in range(lo, min(n, lo + BATCH))])
        written = time.perf_counter()
        OnlineClusterer(ng._store.writing, Options()).run()
        clustered = time.perf_counter()
        compared = ng.update_comparisons()
        counts = ng.counts()
    stamp = {
        "articles": n,
        "counts": counts,
        "stories_compared": compared,
        "schema_version": SCHEMA_VERSION,
        "base_texts": len(texts),
        "seed": BUILD_SEED,
        "seconds": {"load_analyses": round(loaded - start, 1), "write": round(written - loaded, 1),
                    "stories": round(clustered - written, 1), "compare": round(time.perf_counter() - clustered, 1)},
    }  # fmt: skip
    _stamp(path).write_text(json.dumps(stamp, indent=1))
    return stamp


def _stamp(path: Path) -> Path:
    return path.with_name(path.name + ".stamp.json")


def cached_database(n: int, fresh: bool) -> tuple[Path, dict[str, Any]]:
    """The cached n-article database, built when absent, stale (another schema or size) or `fresh`."""
    from newsgraph.store.schema import SCHEMA_VERSION

    path = cache_dir() / (CACHE_NAME if n == 10_000 else f"serve-load-{n}.db")
    stamp: dict[str, Any] = {}
    if path.exists() and _stamp(path).exists():
        stamp = json.loads(_stamp(path).read_text())
    if fresh or stamp.get("articles") != n or stamp.get("schema_version") != SCHEMA_VERSION:
        print(f"building a {n}-article database in {path}", file=sys.stderr, flush=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        stamp = build(path, n)
        print(f"built: {json.dumps(stamp)}", file=sys.stderr, flush=True)
    return path, stamp


# --- processes --------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def newsgraph_command() -> list[str]:
    """The `newsgraph` CLI run by this interpreter (the code on PYTHONPATH, as in every benchmark)."""
    return [sys.executable, "-c", "import sys; from newsgraph.cli import main; sys.exit(main())"]


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes, dict[str, str]]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
    finally:
        conn.close()


class Server:
    """A subprocess serving HTTP on 127.0.0.1:port, its output in a log file; stopped (then killed) on exit."""

    def __init__(self, name: str, command: list[str], port: int, folder: Path) -> None:
        self.name, self.port = name, port
        self.log = folder / f"{name}.log"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)

    def wait_ready(self, path: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited {self.process.returncode}: {self.tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if get(self.port, path, timeout=5)[0] < 500:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not answering after {timeout} s: {self.tail()}")

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:]

    def stop(self) -> None:
        stop(self.process)


def stop(process: subprocess.Popen[Any]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process pid so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class RssSampler(threading.Thread):
    """The RSS of process pid every `every` seconds, each sample with the phase under way."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.phase = pid, every, "start"
        self.start_time = time.perf_counter()
        self.samples: list[tuple[float, str, float]] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            mb = rss_mb(self.pid)
            if mb is not None:
                self.samples.append((round(time.perf_counter() - self.start_time, 2), self.phase, round(mb, 1)))
            self.done.wait(self.every)

    def summary(self) -> dict[str, Any]:
        measured = [(t, mb) for t, phase, mb in self.samples if phase not in ("start", "warmup")]
        if len(measured) < 2:
            return {"samples": len(measured)}
        ts, mbs = [t for t, _ in measured], [mb for _, mb in measured]
        t_mean, mb_mean = sum(ts) / len(ts), sum(mbs) / len(mbs)
        var = sum((t - t_mean) ** 2 for t in ts) or 1.0
        slope = sum((t - t_mean) * (mb - mb_mean) for t, mb in measured) / var
        growth = mbs[-1] - mbs[0]
        by_phase: dict[str, float] = {}
        for _, phase, mb in self.samples:
            by_phase[phase] = max(by_phase.get(phase, 0.0), mb)
        warm = [mb for _, phase, mb in self.samples if phase == "warmup"]
        return {
            "samples": len(measured),
            "warmup_peak_mb": max(warm, default=None),
            "seconds": round(ts[-1] - ts[0], 1),
            "start_mb": mbs[0],
            "max_mb": max(mbs),
            "end_mb": mbs[-1],
            "growth_mb": round(growth, 1),
            "slope_mb_per_min": round(60 * slope, 2),
            "flat": growth <= max(0.10 * mbs[0], 5.0),
            "max_mb_by_phase": by_phase,
            "every_sample": self.samples,
        }


# --- the client (runs in a process of its own) ------------------------------------------------------------------


class Quota:
    """Requests left and the deadline, shared by the connections of one pass."""

    def __init__(self, requests: int, seconds: float) -> None:
        self.left, self.deadline, self.taken = requests, time.perf_counter() + seconds, 0

    def take(self) -> int | None:
        if self.left <= 0 or time.perf_counter() >= self.deadline:
            return None
        self.left -= 1
        self.taken += 1
        return self.taken - 1


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: Counter[str] = Counter()

    def record(self, status: int | str, seconds: float) -> None:
        self.latencies.append(seconds)
        self.statuses[str(status)] += 1


def _head(head: bytes) -> tuple[int, int, bool]:
    """Status, Content-Length and whether the server closes the connection, from a response's head."""
    lines = head.decode("latin-1").split("\r\n")
    status, length, close = int(lines[0].split()[1]), None, False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "connection":
            close = value == "close"
        elif name == "transfer-encoding":
            raise ValueError(f"transfer-encoding {value} (not read by this client)")
    if length is None:
        raise ValueError("no content-length")
    return status, length, close


async def _raw_connection(port: int, paths: list[str], quota: Quota, tally: Tally) -> None:
    """One keep-alive HTTP/1.1 connection sending GETs one after another (reconnecting after an error)."""
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    while (i := quota.take()) is not None:
        start = time.perf_counter()
        try:
            if writer is None or reader is None:
                reader, writer = await asyncio.open_connection(HOST, port, limit=1 << 20)
            writer.write(f"GET {paths[i % len(paths)]} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
            status, length, close = _head(await reader.readuntil(b"\r\n\r\n"))
            await reader.readexactly(length)
            tally.record(status, time.perf_counter() - start)
        except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            tally.record(type(exc).__name__, time.perf_counter() - start)
            close = True
        if close and writer is not None:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _raw_pass(port: int, paths: list[str], clients: int, quota: Quota, tally: Tally) -> None:
    await asyncio.gather(*(_raw_connection(port, paths, quota, tally) for _ in range(clients)))


async def _httpx_pass(port: int, paths: list[str], clients: int, quota: Quota, tally: Tally) -> None:
    import httpx

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=f"http://{HOST}:{port}", limits=limits, timeout=60) as client:

        async def one() -> None:
            while (i := quota.take()) is not None:
                start = time.perf_counter()
                try:
                    response = await client.get(paths[i % len(paths)])
                    tally.record(response.status_code, time.perf_counter() - start)
                except httpx.HTTPError as exc:
                    tally.record(type(exc).__name__, time.perf_counter() - start)

        await asyncio.gather(*(one() for _ in range(clients)))


def client_pass(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one pass (in the client process): every latency, the statuses, the wall and CPU seconds."""
    quota, tally = Quota(spec["requests"], spec["seconds"]), Tally()
    run = _httpx_pass if spec["client"] == "httpx" else _raw_pass
    cpu, start = time.process_time(), time.perf_counter()
    asyncio.run(run(spec["port"], spec["paths"], spec["clients"], quota, tally))
    wall = time.perf_counter() - start
    return {"latencies": tally.latencies, "statuses": dict(tally.statuses), "seconds": wall,
            "client_cpu_s": time.process_time() - cpu}  # fmt: skip


def run_pass(spec: dict[str, Any], server_pid: int | None) -> dict[str, Any]:
    """One pass in a new client process; the server's CPU seconds over it."""
    before = cpu_seconds(server_pid) if server_pid else 0.0
    done = subprocess.run([sys.executable, __file__, "--client-pass"], input=json.dumps(spec), capture_output=True,
                          text=True, timeout=spec["seconds"] + 300)  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"client exited {done.returncode}: {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    result["server_cpu_s"] = (cpu_seconds(server_pid) - before) if server_pid else None
    return result


def figures(passes: list[dict[str, Any]]) -> dict[str, Any]:
    """Requests, errors, rps, p50/p99/max latency (ms) and CPU use of one or more passes of a target."""
    latencies = sorted(x for p in passes for x in p["latencies"])
    statuses: Counter[str] = Counter()
    for p in passes:
        statuses.update(p["statuses"])
    n, wall = len(latencies), sum(p["seconds"] for p in passes)

    def quantile(q: float) -> float:
        return round(1000 * latencies[max(0, math.ceil(q * n) - 1)], 2) if n else float("nan")

    server_cpu = [p["server_cpu_s"] for p in passes if p["server_cpu_s"] is not None]
    return {
        "requests": n,
        "errors": sum(c for s, c in statuses.items() if not (s.isdigit() and int(s) in OK)),
        "statuses": dict(statuses),
        "seconds": round(wall, 2),
        "rps": round(n / wall, 1) if wall else 0.0,
        "p50_ms": quantile(0.50),
        "p99_ms": quantile(0.99),
        "max_ms": round(1000 * latencies[-1], 2) if n else float("nan"),
        "client_cpu": round(sum(p["client_cpu_s"] for p in passes) / wall, 2) if wall else None,
        "server_cpu": round(sum(server_cpu) / wall, 2) if wall and server_cpu else None,
    }


# --- the bare endpoint (runs in a process of its own) -----------------------------------------------------------


def serve_bare(bodies_path: str, port: int) -> None:
    """/api/v1/stories/{id}: the bytes and content-type the real server gave for that story, nothing else."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    saved = pickle.loads(Path(bodies_path).read_bytes())
    bodies: dict[str, bytes] = saved["bodies"]
    content_type: str = saved["content_type"]

    async def story(request: Request) -> Response:
        body = bodies.get(request.path_params["id"])
        if body is None:
            return Response(b"", 404)
        return Response(body, 200, headers={"content-type": content_type})

    async def ready(request: Request) -> Response:
        return Response(b"{}", 200, headers={"content-type": content_type})

    app = Starlette(routes=[Route("/api/v1/stories/{id}", story), Route("/api/v1/status", ready)])
    uvicorn.run(app, host=HOST, port=port, log_level="info")  # as `newsgraph serve` runs it


# --- the run ----------------------------------------------------------------------------------------------------


def target_paths(port: int, sample: int) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """The paths of each target, the ids of the stories loaded and words for the search."""
    status, body, _ = get(port, f"/api/v1/stories?sort=size&limit={sample}")
    if status != 200:
        raise RuntimeError(f"/api/v1/stories answered {status}: {body[:200]!r}")
    stories = json.loads(body)["stories"]
    ids = [s["id"] for s in stories]
    if not ids:
        raise RuntimeError("the database has no stories")
    words = sorted({w.lower() for s in stories for w in (s.get("title") or "").split() if w.isalpha() and len(w) > 4})
    words = random.Random(1).sample(words, min(50, len(words))) or ["news"]
    return (
        {
            "story_json": [f"/api/v1/stories/{i}" for i in ids],
            "story_page": [f"/stories/{i}" for i in ids],
            "search": [f"/api/v1/search?q={w}" for w in words],
            "list": ["/api/v1/stories?limit=50"],
        },
        ids,
        words,
    )


def ingest_input(db: Path, path: Path, n: int) -> list[str]:
    """JSONL of n new articles: copies of the database's first n with new ids, titles and a changed last line, same
    outlet and date (so they join the stories of the originals); their ids."""
    from newsgraph import Newsgraph

    with Newsgraph(db, create=False) as ng:
        originals = ng.articles()[:n]
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for k, a in enumerate(originals):
            ids.append(f"load-{k}-{a.id}")
            text = f"{a.text}\n\nUpdated at {k} past the hour."
            record = {"id": ids[-1], "text": text, "title": f"Update: {a.title}", "outlet": a.outlet}
            record.update(published=a.published, language=a.language or "en")
            out.write(json.dumps(record) + "\n")
    return ids


def ingest_beside(args: argparse.Namespace, db: Path, folder: Path, real: Server, spec: dict[str, Any],
                  paths: dict[str, list[str]], sampler: RssSampler) -> dict[str, Any]:  # fmt: skip
    """Load the story JSON and the list, pass after pass, while `newsgraph ingest` stores new articles."""
    source = folder / "beside.jsonl"
    ids = ingest_input(db, source, args.ingest_articles)
    passes: dict[str, list[dict[str, Any]]] = {t: [] for t in BESIDE}
    log = folder / "ingest.log"
    sampler.phase = "beside"
    mine = {**spec, "port": real.port}
    with log.open("wb") as out:
        start = time.perf_counter()
        ingest = subprocess.Popen([*newsgraph_command(), "ingest", str(source), "--db", str(db), "-q"],
                                  stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
        try:
            while ingest.poll() is None and time.perf_counter() - start < args.ingest_timeout:
                for target in BESIDE:
                    passes[target].append(run_pass({**mine, "paths": paths[target]}, real.process.pid))
            loaded_until = time.perf_counter() - start
            code = ingest.wait(max(1.0, args.ingest_timeout - (time.perf_counter() - start)))
        finally:
            stop(ingest)
    ingest_s = time.perf_counter() - start
    visible = sum(get(real.port, f"/api/v1/articles/{i}")[0] == 200 for i in ids)
    return {
        "ingest_articles": len(ids),
        "ingest_exit": code,
        "ingest_seconds": round(ingest_s, 1),
        "load_seconds": round(loaded_until, 1),
        "visible_after": visible,
        "ingest_log_tail": log.read_text(errors="replace")[-600:],
        "targets": {t: figures(p) for t, p in passes.items() if p},
    }


def measure(args: argparse.Namespace, db: Path, folder: Path) -> dict[str, Any]:
    """Start both servers, run every pass, stop them (whatever happens)."""
    servers: list[Server] = []
    sampler: RssSampler | None = None
    try:
        real = Server("newsgraph", [*newsgraph_command(), "serve", "--db", str(db), "--host", HOST, "--port",
                                    str(port := free_port())], port, folder)  # fmt: skip
        servers.append(real)
        real.wait_ready("/api/v1/status")
        sampler = RssSampler(real.process.pid)
        sampler.start()
        paths, ids, words = target_paths(real.port, args.stories)
        bodies, content_type = {}, "application/json"
        for sid in ids:
            status, body, headers = get(real.port, f"/api/v1/stories/{sid}")
            if status != 200:
                raise RuntimeError(f"/api/v1/stories/{sid} answered {status}")
            bodies[sid], content_type = body, headers.get("content-type", content_type)
        (folder / "bodies.pickle").write_bytes(pickle.dumps({"bodies": bodies, "content_type": content_type}))
        bare = Server("bare", [sys.executable, __file__, "--bare-serve", str(folder / "bodies.pickle"), "--port",
                               str(port := free_port())], port, folder)  # fmt: skip
        servers.append(bare)
        bare.wait_ready("/api/v1/status")
        spec = {"clients": args.clients, "requests": args.requests, "seconds": args.seconds, "client": args.client}
        results: dict[str, Any] = {"skipped": {}, "targets": {}}
        sizes = sorted(len(b) for b in bodies.values())
        results["story_json_bytes"] = {"min": sizes[0], "median": sizes[len(sizes) // 2], "max": sizes[-1]}
        runs = [(t, real, paths[t]) for t in TARGETS] + [("bare", bare, paths["story_json"])]
        runs.insert(1, runs.pop())  # bare right after the story JSON: the two of the ratio close in time
        for target, server, target_path in runs:
            status = get(server.port, target_path[0])[0]
            if status == 404:
                print(f"{target}: skipped: not built", file=sys.stderr, flush=True)
                results["skipped"][target] = "not built"
                continue
            mine = {**spec, "paths": target_path, "port": server.port}
            sampler.phase = "warmup"
            run_pass({**mine, "requests": args.warmup, "seconds": 30}, None)
            sampler.phase = target
            done = run_pass(mine, server.process.pid)
            results["targets"][target] = figures([done])
            print(f"{target}: {json.dumps(results['targets'][target])}", file=sys.stderr, flush=True)
        rps = results["targets"]
        if "story_json" in rps and "bare" in rps and rps["bare"]["rps"]:
            results["ratio_story_json_to_bare"] = round(rps["story_json"]["rps"] / rps["bare"]["rps"], 3)
        if not args.skip_ingest:
            results["beside"] = ingest_beside(args, db, folder, real, spec, paths, sampler)
        sampler.phase = "end"
        time.sleep(1.0)
        results["memory"] = sampler.summary()
        results["search_words"] = words[:10]
        return results
    finally:
        if sampler is not None:
            sampler.done.set()
        for server in servers:
            server.stop()


def table(result: dict[str, Any]) -> str:
    lines = [f"database: {result['database']['articles']} articles, {result['database'].get('stories', '?')} stories;"
             f" {result['clients']} clients, at most {result['requests']} requests or {result['seconds']} s per pass;"
             f" client: {result['client']}"]  # fmt: skip
    head = ("target", "requests", "errors", "rps", "p50 ms", "p99 ms", "max ms", "client CPU", "server CPU")
    row = "{:<22} {:>9} {:>7} {:>8} {:>8} {:>8} {:>8} {:>11} {:>11}"
    lines.append(row.format(*head))

    def add(name: str, f: dict[str, Any]) -> None:
        lines.append(row.format(name, f["requests"], f["errors"], f["rps"], f["p50_ms"], f["p99_ms"], f["max_ms"],
                                str(f["client_cpu"]), str(f["server_cpu"])))  # fmt: skip

    for target, f in result["targets"].items():
        add(target, f)
    for target, why in result["skipped"].items():
        lines.append(f"{target:<22} skipped: {why}")
    if "ratio_story_json_to_bare" in result:
        lines.append(f"story JSON / bare endpoint: {result['ratio_story_json_to_bare']} (goal: at least 0.5)")
    beside = result.get("beside")
    if beside:
        for target, f in beside["targets"].items():
            add(f"{target} (ingest beside)", f)
        lines.append(f"ingest beside: {beside['ingest_articles']} articles, exit {beside['ingest_exit']}, "
                     f"{beside['ingest_seconds']} s (load during {beside['load_seconds']} s); "
                     f"visible afterwards: {beside['visible_after']}/{beside['ingest_articles']}")  # fmt: skip
    m = result["memory"]
    if "start_mb" in m:
        lines.append(f"server RSS: warm-up peak {m['warmup_peak_mb']} MB; measured: start {m['start_mb']} MB, "
                     f"max {m['max_mb']} MB, end {m['end_mb']} MB, growth "
                     f"{m['growth_mb']} MB over {m['seconds']} s ({m['slope_mb_per_min']} MB/min): "
                     f"{'flat' if m['flat'] else 'NOT flat'}")  # fmt: skip
    return "\n".join(lines)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=32, help="concurrent connections")
    parser.add_argument("--requests", type=int, default=20_000, help="requests per pass, at most")
    parser.add_argument("--seconds", type=float, default=60.0, help="seconds per pass, at most")
    parser.add_argument("--warmup", type=int, default=500, help="unmeasured requests before each pass")
    parser.add_argument("--stories", type=int, default=200, help="the largest stories whose JSON is loaded")
    parser.add_argument("--db", type=Path, default=None, help="serve a copy of this SQLite database")
    parser.add_argument("--articles", type=int, default=10_000, help="articles of the cached database")
    parser.add_argument("--fresh", action="store_true", help="build the cached database again")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw")
    parser.add_argument("--ingest-articles", type=int, default=200)
    parser.add_argument("--ingest-timeout", type=float, default=900.0)
    parser.add_argument("--skip-ingest", action="store_true", help="leave out the ingest beside the server")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 2 clients, 200 requests, 3 ingested")
    parser.add_argument("--json", type=Path, default=None, help="write every figure there")
    parser.add_argument("--client-pass", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bare-serve", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.clients, args.requests, args.seconds, args.warmup = 2, 200, 20.0, 20
        args.stories, args.ingest_articles = min(args.stories, 20), min(args.ingest_articles, 3)
    return args


@contextlib.contextmanager
def served_copy(args: argparse.Namespace) -> Iterator[tuple[Path, Path, dict[str, Any]]]:
    """A temporary folder and a copy of the database in it (the cached one, built when needed, or --db)."""
    stamp: dict[str, Any] = {}
    if args.db is not None:
        source = args.db
    else:
        source, stamp = cached_database(args.articles, args.fresh)
    with tempfile.TemporaryDirectory(prefix="serve-load-") as tmp:
        db = Path(tmp) / "served.db"
        shutil.copyfile(source, db)
        yield Path(tmp), db, {"source": str(source), **stamp}


def main(argv: list[str] | None = None) -> dict[str, Any] | None:
    args = parse(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: the finally blocks stop every subprocess
    if args.client_pass:
        json.dump(client_pass(json.loads(sys.stdin.read())), sys.stdout)
        return None
    if args.bare_serve:
        serve_bare(args.bare_serve, args.port)
        return None
    with served_copy(args) as (folder, db, about):
        from newsgraph import Newsgraph

        with Newsgraph(db, create=False) as ng:
            about.update(ng.counts())
        start = time.perf_counter()
        result = {"database": about, "clients": args.clients, "requests": args.requests, "seconds": args.seconds,
                  "client": args.client, "cores": os.cpu_count(), **measure(args, db, folder)}  # fmt: skip
        result["run_seconds"] = round(time.perf_counter() - start, 1)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
