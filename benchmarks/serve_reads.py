"""Serve reads: how long the actors, relations, filtered stories and export endpoints take on an existing database.

Each request goes through the ASGI app (`newsgraph.serve.create_app`) over httpx's ASGI transport (no socket), one at
a time, and is timed as a whole (the read, the JSON, the transport); each is repeated `--repeat` times, so the first
figure of `/api/v1/actors` is the cold read of every actor and the next ones the warm (kept) list. The database is
only read: give a copy of one in use (e.g. `sqlite3 SRC ".backup copy.db"`), as another process writing to it changes
the figures. The most mentioned actor is taken from the first answer.

Run: .venv/bin/python benchmarks/serve_reads.py DB [--repeat 2] [--no-export]
"""

from __future__ import annotations

import argparse
import asyncio
import time

import httpx

from newsgraph.serve import create_app


async def _timed(client: httpx.AsyncClient, url: str, repeat: int) -> httpx.Response:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        answer = await client.get(url)
        times.append(time.perf_counter() - start)
    shown = " ".join(f"{t * 1000:.0f}" for t in times)
    print(f"{url[:70]:70} {answer.status_code} {len(answer.content) / 1e3:9.1f} kB  {shown} ms")
    return answer


async def run(db: str, repeat: int, export: bool) -> None:
    app = create_app(db)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://serve", timeout=3600) as client:
            first = await _timed(client, "/api/v1/actors", repeat + 1)
            top = first.json()["actors"][0]["id"] if first.json()["actors"] else "USA"
            for url in (
                "/api/v1/actors?q=kremlin",
                "/api/v1/actors?limit=200",
                f"/api/v1/actors/{top}",
                "/api/v1/actors/USA",
                "/api/v1/relations?a=USA&b=RUS",
                "/api/v1/relations?a=USA&b=RUS&format=svg",
                f"/api/v1/stories?actor={top}",
                "/api/v1/stories?actor=Vladimir%20Putin",
                "/api/v1/stories?country=RUS",
                "/api/v1/stories?place=London",
                "/api/v1/openapi.json",
            ):
                await _timed(client, url, repeat)
            if export:
                await _timed(client, "/api/v1/export", 1)
    finally:
        app.state.newsgraph.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-export", action="store_true")
    args = parser.parse_args()
    asyncio.run(run(args.db, args.repeat, not args.no_export))


if __name__ == "__main__":
    main()
