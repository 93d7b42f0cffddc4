"""`newsgraph serve` in a real browser: the app on uvicorn on 127.0.0.1 (a free port), headless Chromium (Debian's
package) driven by Playwright. A reader's path through the seed story: the list, a search, the story, a conflicting
fact's evidence, the article with that sentence highlighted and scrolled into view. A hostile article runs nothing
on any page, and no page asks anything of any host but the server.

Skipped without chromium or playwright; failing instead when NEWSGRAPH_REQUIRE_BROWSER=1 (as in CI)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from conftest import chromium
from newsgraph import Newsgraph
from newsgraph.serve import create_app
from test_serve_pages import HOSTILE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(base address, database) of a server over the seed story and a hostile article."""
    import uvicorn

    from conftest import shared_path

    chromium()
    db = str(tmp_path_factory.mktemp("served") / "news.db")
    with Newsgraph(db) as ng:
        ng.ingest([str(shared_path("samples", "seeds"))])
        ng.ingest_articles([HOSTILE])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}", db
    server.should_exit = True
    thread.join(10)


class Tab:
    """A browser tab whose requests to any other place than the server are refused and recorded, with its dialogs,
    console messages and page errors recorded."""

    def __init__(self, browser: Any, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 800})
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []

        def route(r: Any) -> None:
            if r.request.url.startswith(base + "/"):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.console.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def close(self) -> None:
        self.context.close()


def test_list_search_story_evidence_article(browser: Any, server: tuple[str, str]) -> None:
    base, _ = server
    tab = Tab(browser, base)
    try:
        page = tab.page
        page.goto(base + "/")
        assert page.locator("table.stories a", has_text="Russia").count() == 1  # the seed story in the list
        page.fill("input[name=q][type=search]", "containers ammunition")
        page.press("input[name=q][type=search]", "Enter")
        page.wait_for_url("**/search?q=containers+ammunition")
        hits = page.locator("table.hits tr td mark.hit")
        assert hits.count() >= 1 and "containers" in {h.lower() for h in hits.all_inner_texts()}
        page.locator("table.hits a.story").first.click()
        page.wait_for_url("**/stories/*")
        conflict = page.locator(".fact.conflicting", has_text="1,000 containers")
        assert conflict.count() >= 1
        denial = conflict.first.locator(".variant.denies", has_text="no proof")
        assert denial.count() == 1
        evidence = denial.locator("a.evidence")
        href = evidence.get_attribute("href")
        evidence.click()
        page.wait_for_url("**/articles/*")
        mark = page.locator("mark#hl")
        assert mark.count() == 1 and "no proof" in mark.inner_text()
        box, height = mark.bounding_box(), page.viewport_size["height"]
        assert box is not None and 0 <= box["y"] < height, (box, href)  # scrolled into view
        assert page.evaluate("() => document.scripts.length") == 0
        assert tab.outside == [] and tab.dialogs == [] and tab.console == [], (tab.outside, tab.console)
    finally:
        tab.close()


def test_a_hostile_article_runs_nothing_on_any_page(browser: Any, server: tuple[str, str]) -> None:
    base, db = server
    with Newsgraph(db, create=False) as ng:
        sid = next(st.id for st in ng.stories() if HOSTILE.id in st.article_ids)
    aid = quote(HOSTILE.id, safe="")
    paths = ["/", f"/stories/{quote(sid)}", f"/articles/{aid}", f"/articles/{aid}?hl=title", "/search?q=Orlen+mill",
             f"/articles/{aid}?hl=0-60", "/status", "/?outlet=%3Cscript%3E", "/actors", "/api",
             "/actors?q=%3Cscript%3E"]  # fmt: skip
    tab = Tab(browser, base)
    try:
        for path in paths:
            tab.page.goto(base + path)
            tab.page.wait_for_load_state("load")
            assert tab.page.evaluate("() => window.__ran === undefined"), path
            assert tab.page.evaluate("() => document.scripts.length") == 0, path
            links = tab.page.evaluate("() => [...document.links].map(a => a.protocol)")
            assert set(links) <= {"http:"}, (path, links)  # no javascript: link
        assert tab.dialogs == [] and tab.outside == [], (tab.dialogs, tab.outside)
        assert tab.console == [], tab.console  # nothing was even tried and refused by the policy
        shown = tab.page.goto(f"{base}/articles/{aid}")
        assert shown is not None and shown.status == 200
        assert '<script>window.__ran = "script"</script>' in tab.page.inner_text("article.text")
    finally:
        tab.close()
