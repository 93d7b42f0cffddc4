"""The static HTML report in a real browser: headless Chromium (Debian's package), driven by Playwright with its
executable path set. Pages open from disk with no request beyond them, a hostile article runs nothing, and the seed
story page shows the corroborated Lavrov quote and the denial only one outlet reports.

Skipped without chromium or playwright; failing instead when NEWSGRAPH_REQUIRE_BROWSER=1 (as in CI, whose .ci/run
installs chromium)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph import Article, Newsgraph

pytestmark = pytest.mark.browser

HOSTILE = (
    'Lithuania expelled two Russian diplomats on Monday. <script>window.__ran = "script"</script> '
    '<img src="x" onerror="window.__ran = \'onerror\'"> <svg onload="window.__ran = \'svg\'"></svg> '
    'Russia condemned the decision, calling it "hostile".'
)


class Visit:
    """One page opened from disk, with every request beyond the report's folder refused and recorded, and every
    dialog, console message and page error recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.context = browser.new_context(java_script_enabled=True)
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        folder = path.parent.resolve().as_uri()

        def route(r: Any) -> None:
            if r.request.url.startswith(folder):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.console.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")

    def close(self) -> None:
        self.context.close()


def test_a_hostile_article_runs_nothing(browser: Any, tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "news.db") as ng:
        title = "<img src=x onerror=\"window.__ran='title'\">Expulsions"
        ng.ingest_articles(
            [Article(id="x1", text=HOSTILE, title=title, outlet="Lodestar News", published="2025-11-03", language="en")]
        )
        files = [f for f in ng.report(tmp_path / "report") if f.suffix == ".html"]
    assert len(files) >= 2
    for path in files:
        visit = Visit(browser, path)
        try:
            page = visit.page
            assert page.evaluate("() => window.__ran === undefined"), path  # no handler, no script ran
            assert page.evaluate("() => document.scripts.length") == 0, path
            assert page.evaluate("() => document.querySelectorAll('svg, iframe, object, embed').length") == 0
            images = page.evaluate("() => [...document.images].map(i => i.getAttribute('src'))")
            assert images == ([f"{path.stem}.svg"] if path.name.startswith("pair-") else []), path  # charts only
            assert visit.dialogs == [] and visit.outside == [], path
            if path.name.startswith("story-"):
                shown = page.inner_text("body")
                assert '<script>window.__ran = "script"</script>' in shown  # shown as the text it is
                assert "onerror" in shown and title in shown
        finally:
            visit.close()


def test_the_seed_story_page(browser: Any, tmp_path: Path, seeds: Path) -> None:
    with Newsgraph(tmp_path / "news.db") as ng:
        ng.ingest([str(seeds)])
        (story,) = ng.stories()
        ng.report(tmp_path / "report")
    path = tmp_path / "report" / f"story-{story.id}.html"
    visit = Visit(browser, path)
    try:
        page = visit.page
        corroborated = page.locator(".fact.corroborated", has_text="qualitatively new")
        assert corroborated.count() >= 1
        quote = corroborated.first
        assert "quote" in quote.inner_text() and "Lavrov" in quote.inner_text()
        # the statement in both outlets' words (The Moscow Times quotes it, and reports it in its own words too)
        assert quote.locator(".variant").count() >= 2
        assert {"Euronews", "The Moscow Times"} <= set(quote.locator(".outlets").first.inner_text().split(", "))
        assert quote.locator(".confidence").first.inner_text().startswith("confidence ")

        conflict = page.locator(".fact.conflicting", has_text="1,000 containers")
        assert conflict.count() >= 1
        denial = conflict.first.locator(".variant.denies", has_text="Washington had no proof")
        assert denial.count() == 1
        assert "The Moscow Times" in denial.inner_text() and "Euronews" not in denial.inner_text()  # one outlet's
        assert conflict.first.locator(".variant.denies", has_text="Euronews").count() == 0

        styles = page.evaluate(
            "() => [...document.querySelectorAll('.fact')].map(e => getComputedStyle(e).borderLeftColor)"
        )
        assert len(set(styles)) >= 2  # facts coloured by status
        assert page.locator(".col").count() == 2  # the articles side by side
        assert visit.outside == [] and visit.console == [] and visit.dialogs == []
    finally:
        visit.close()
