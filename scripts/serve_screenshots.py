"""Screenshots of `newsgraph serve --watch` for docs/img, and a check that it works end to end: the demo's invented
articles (src/newsgraph/data/demo) as one RSS feed per outlet, served on 127.0.0.1; an empty database; `newsgraph
serve --watch` on those feeds; the feeds change between rounds (the first round sees the early articles, a later
one the rest); then the pages a reader opens, in headless Chromium, saved as PNG files.

    .venv/bin/python scripts/serve_screenshots.py docs/img     # needs chromium (apt-get install chromium)

Every article is invented (the demo says so); nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import json
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from newsgraph import Article, Newsgraph, Options
from newsgraph.demo import demo_folder, demo_names_file


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def demo_articles(folder: Path) -> list[Article]:
    """The demo's articles as newsgraph reads them (title, outlet, date, credits), from a scratch database."""
    with Newsgraph(folder / "scratch.db", Options(names_file=str(demo_names_file()))) as ng:
        ng.ingest([str(demo_folder())])
        return ng.articles()


def feed(outlet: str, articles: list[Article]) -> str:
    """An RSS 2.0 feed of `articles` with their whole text (content:encoded), as an outlet's feed gives them."""
    items = []
    for a in articles:
        day = datetime.fromisoformat((a.published or "2025-01-01")[:10]).replace(hour=9, tzinfo=UTC)
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in a.text.split("\n") if p.strip())
        authors = "".join(f"<dc:creator>{html.escape(c)}</dc:creator>" for c in a.credited)
        items.append(
            f"<item><title>{html.escape(a.title or '')}</title><link>{html.escape(a.url or '')}</link>"
            f"<guid>{html.escape(a.url or a.id)}</guid><pubDate>{format_datetime(day)}</pubDate>{authors}"
            f"<content:encoded>{html.escape(paragraphs)}</content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
        'content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{html.escape(outlet)}</title><link>https://{re.sub(r'[^a-z]', '', outlet.lower())}.example/</link>"
        f"<description>Invented articles of the newsgraph demo</description>{''.join(items)}</channel></rss>\n"
    )


def write_feeds(folder: Path, articles: list[Article], until: str | None) -> list[str]:
    """One feed file per outlet, of its articles published on or before `until` (all with None); their names (of
    the outlets with such articles)."""
    by_outlet: dict[str, list[Article]] = {}
    for a in articles:
        by_outlet.setdefault(a.outlet or "unknown", []).append(a)
    names = []
    for outlet, mine in sorted(by_outlet.items()):
        name = re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-") + ".xml"
        shown = [a for a in mine if until is None or (a.published or "") <= until]
        if shown:  # an outlet with nothing yet has no feed yet
            (folder / name).write_text(feed(outlet, shown), encoding="utf-8")
            names.append(name)
    return names


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def feed_server(folder: Path) -> Iterator[int]:
    """`folder` served on 127.0.0.1 (Python's http.server: Last-Modified, and 304 to If-Modified-Since)."""
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()


def write_sources(path: Path, port: int, names: list[str]) -> None:
    """The sources file (the watcher reads it again before each round)."""
    lines = "".join(f"http://127.0.0.1:{port}/{n}\n" for n in names)
    path.write_text(f"# the demo's outlets, one feed each (invented articles)\n{lines}", encoding="utf-8")


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.loads(answer.read())


def wait_for(predicate, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError):
            if predicate():
                return
        time.sleep(0.5)
    raise SystemExit(f"timed out waiting for {what}")


def shoot(base: str, out: Path, shots: list[tuple[str, str]]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else
                   (outside.append(r.request.url), r.abort()))  # fmt: skip
        for name, path in shots:
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.screenshot(path=str(out / name))
            print(f"{name}: {path}")
        browser.close()
    if outside:
        raise SystemExit(f"requests beyond the server: {outside}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--every", default="10s", help="the watcher's period")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        feeds = work / "feeds"
        feeds.mkdir()
        articles = demo_articles(work)
        days = sorted({a.published[:10] for a in articles if a.published})
        names = write_feeds(feeds, articles, until=days[len(days) // 2])
        db = work / "news.db"
        Newsgraph(db).close()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with feed_server(feeds) as feed_port:
            sources = work / "sources.txt"
            write_sources(sources, feed_port, names)
            command = [str(Path(sys.executable).parent / "newsgraph"), "serve", "--db", str(db), "--port", str(port),
                       "--watch", str(sources), "--every", args.every]  # fmt: skip
            server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            try:
                wait_for(lambda: get_json(base + "/api/v1/status")["watcher"]["rounds"], 300, "the first round")
                first = get_json(base + "/api/v1/status")["watcher"]["rounds"][-1]["new_articles"]
                time.sleep(1.5)  # the next round's requests must come a second after the first's (Last-Modified)
                write_sources(sources, feed_port, write_feeds(feeds, articles, until=None))  # the rest appear
                wait_for(lambda: sum(r["new_articles"] for r in get_json(base + "/api/v1/status")["watcher"]["rounds"])
                         >= len(articles), 300, "every article")  # fmt: skip
                status = get_json(base + "/api/v1/status")
                print(f"rounds: {[r['new_articles'] for r in reversed(status['watcher']['rounds'])]} (first {first})")
                stories = get_json(base + "/api/v1/stories?sort=size&limit=5")["stories"]
                story = stories[0]["id"]
                brief = get_json(f"{base}/api/v1/stories/{story}")
                evidence = next((e for f in brief["facts"] if f["status"] == "corroborated" for e in f["evidence"]
                                 if e["part"] == "text"), None)  # fmt: skip
                shots = [("serve-index.png", "/"), ("serve-story.png", f"/stories/{story}"),
                         ("serve-search.png", "/search?q=earthquake+tents"),
                         ("serve-status.png", "/status")]  # fmt: skip
                if evidence:
                    hl = "title" if evidence["part"] == "title" else f"{evidence['start']}-{evidence['end']}"
                    shots.append(("serve-article.png", f"/articles/{evidence['article_id']}?hl={hl}#hl"))
                shoot(base, args.out, shots)
            finally:
                server.terminate()
                _, err = server.communicate(timeout=60)
                if server.returncode not in (0, -15):
                    print(err[-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
