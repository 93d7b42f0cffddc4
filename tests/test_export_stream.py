"""Streaming export: the store reads in chunks from one cursor inside one snapshot, the writers write
record by record, and the output is byte for byte what the earlier in-memory export gave."""

from __future__ import annotations

import io
import json
import os
import random
import stat
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, event, insert, text
from sqlalchemy.engine import make_url

from conftest import POSTGRES, require_postgres
from newsgraph import Newsgraph
from newsgraph import export as ex
from newsgraph.cli import main
from newsgraph.demo import demo_folder
from newsgraph.store import Store
from newsgraph.store import schema as s
from newsgraph.stories.linking import profiles


def legacy_export(store: Store) -> dict[str, Any]:
    """The export as it was built before streaming (commit 7443cde): every collection read whole (and, since, each
    story's stored comparison, read for all stories at once)."""
    with store.snapshot() as view:
        story_of = view.story_ids()
        reuse = view.reuse()
        articles = [
            {
                "id": a.id,
                "url": a.url,
                "outlet": a.outlet,
                "title": a.title,
                "published": a.published,
                "language": a.language,
                "credited": list(a.credited),
                "story_id": story_of.get(a.id),
                "reuse_of": reuse.get(a.id, (None, None))[0],
                "reuse_overlap": reuse.get(a.id, (None, None))[1] if reuse.get(a.id, (None, None))[0] else None,
                "text": a.text,
            }
            for a in view.articles()
        ]
        found = view.stories()
        compared = view.comparisons([st.id for st in found], stale=True)
        stories = [
            {
                "id": st.id,
                "title": st.title,
                "article_ids": st.article_ids,
                "first_published": st.first_published,
                "last_published": st.last_published,
                "facts": compared[st.id].as_json()[0] if st.id in compared else [],
                "provenance": compared[st.id].as_json()[1] if st.id in compared else [],
                "comparison_stale": st.id not in compared or compared[st.id].stale,
            }
            for st in found
        ]
        return {
            "articles": articles,
            "stories": stories,
            "entities": [
                {"id": e.id, "name": e.name, "type": e.type, "country": e.country, "role": e.role}
                | {"sector": e.sector, "aliases": e.aliases}
                for e in profiles(view.mention_stats())
            ],
            "quotes": [],
            "events": [],
            "times": view.times(),
            "places": view.places(),
        }


def legacy_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def legacy_jsonl(data: dict[str, Any]) -> str:
    return "".join(
        json.dumps({"record": ex.RECORD_NAMES[name], **record}, ensure_ascii=False) + "\n"
        for name in ex.COLLECTIONS
        for record in data[name]
    )


def synthetic_store(url: str, n: int = 60, seed: int = 3) -> Store:
    """A database written directly with SQL: stories of equal sizes and dates (the order's ties), undated
    and empty dates, a story without a title, reprints, non-ASCII and multi-line texts, entities
    of many mentions and forms, places with negative coordinates."""
    rng = random.Random(seed)
    store = Store(url)
    words = ["port", "strike", "Hamburg", "Gdańsk", "“quoted”", "naïve", "東京", "x\ny", "tab\there", "a,b", '"q"']
    days = [None, "", "2025-10-01", "2025-10-02", "2025-09-30", "2024-01-01"]
    story_ids = ["s00000000aa", "s00000000AB", "s0000000010", "s_zz", "sZ", "s00000000ab", "untitled"]
    entities = [(f"e{i:012x}", ["person", "country", "organization"][i % 3]) for i in range(23)]
    with store.engine.begin() as conn:
        conn.execute(insert(s.stories), [{"id": sid, "title": f"Story {sid} «{i}»" if i else None, "created_at": "x",
                                          "size": 0} for i, sid in enumerate(story_ids)])  # fmt: skip
        conn.execute(insert(s.entities), [{"id": e, "type": t} for e, t in entities])
        for i in range(n):
            aid = f"a{rng.randrange(10**6):06d}-{i}"
            reuse = rng.random() < 0.2
            conn.execute(insert(s.articles).values(
                id=aid, content_hash=f"h{i}", url=None if i % 4 else f"https://example.org/{i}",
                outlet=rng.choice([None, "Reuters", "AFP"]), title=rng.choice([None, f"Title {i} " + rng.choice(words)]),
                published=rng.choice(days), language=rng.choice([None, "en", "de"]),
                credited=rng.choice([[], ["AFP"], ["AFP", "Jane Doe"]]),
                text=" ".join(rng.choices(words, k=rng.randint(1, 30))), source=f"t:{i}", ingested_at="x",
                story_id=rng.choice([*story_ids, None]), reuse_of=f"a{i - 1}" if reuse else None,
                reuse_overlap=rng.choice([0.61, 0.9]) if reuse or i % 7 == 0 else None,
            ))  # fmt: skip
            for k in range(rng.randint(0, 6)):
                eid, kind = rng.choice(entities)
                form = rng.choice(["Anna Smith", "Smith", "the minister", "Ölander", "Anna  Smith"])
                resolved = kind != "organization"
                conn.execute(insert(s.mentions).values(
                    article_id=aid, start=k, end=k + 3, text=form, label="PERSON", entity_id=eid,
                    name=rng.choice([form, "Anna Smith", None]) if resolved else None, kind=kind if resolved else None,
                    country=rng.choice([None, "RUS", "PRK"]), role=rng.choice([None, "minister", "counterpart"]),
                ))  # fmt: skip
            for k in range(rng.randint(0, 3)):
                conn.execute(insert(s.places).values(
                    article_id=aid, start=rng.randint(0, 5), end=9, text="Lima", name="Lima", feature="city",
                    country=rng.choice(["PER", None]), lat=-12.05, lon=-77.04 + k, adjectival=bool(k % 2),
                ))  # fmt: skip
            for _ in range(rng.randint(0, 3)):
                conn.execute(insert(s.times).values(
                    article_id=aid, start=rng.randint(0, 5), end=7, text="Tuesday", type="DATE", value="2025-10-21",
                ))  # fmt: skip
    return store


def streamed_json(store: Store, chunk: int) -> str:
    out = io.StringIO()
    with ex.stream(store, chunk) as data:
        ex.write_json(data, out)
    return out.getvalue()


@pytest.mark.parametrize("chunk", [1, 3, 500])
def test_streamed_json_is_the_earlier_dump(db_url: str, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Byte for byte `json.dumps(old_dict, indent=2, ensure_ascii=False) + "\\n"`, whatever the chunk size,
    with the entities sorted in memory or through temporary files (runs of 4, merged 2 at a time)."""
    store = synthetic_store(db_url)
    try:
        expected = legacy_export(store)
        assert expected["stories"] and expected["entities"] and expected["places"] and expected["times"]
        assert streamed_json(store, chunk) == legacy_json(expected)
        monkeypatch.setattr(ex, "ENTITY_RUN", 4)
        monkeypatch.setattr(ex, "MERGE_FAN_IN", 2)
        assert streamed_json(store, chunk) == legacy_json(expected)
        out = io.StringIO()
        with ex.stream(store, chunk) as data:
            ex.write_jsonl(data, out)
        assert out.getvalue() == legacy_jsonl(expected)
        assert ex.build_export(store) == expected
    finally:
        store.close()


def test_cli_and_api_exports_of_ingested_articles_are_the_earlier_ones(db_url: str, tmp_path: Path) -> None:
    with Newsgraph(db_url) as ng:
        ng.ingest([demo_folder()])
        expected = legacy_export(ng._store)  # the earlier builder, which knew no quotes or events
        exported = ng.export()
        assert exported["quotes"] and not expected["quotes"]  # (quotes: tests/test_quotes_store.py)
        assert exported["events"] and not expected["events"]  # (events: tests/test_events_store.py)
        expected["quotes"], expected["events"] = exported["quotes"], exported["events"]
        assert exported == expected
    assert expected["entities"] and expected["places"]
    for fmt, render in (("json", legacy_json), ("jsonl", legacy_jsonl)):
        out = tmp_path / f"news.{fmt}"
        result = CliRunner().invoke(main, ["export", "--db", db_url, "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8") == render(expected)
        assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_the_store_streams_in_chunks_from_one_cursor(db_url: str) -> None:
    """Five articles read two at a time: three lists from one SELECT run with yield_per=2 (a server-side
    cursor on PostgreSQL, open while the lists are read), inside the snapshot's one transaction."""
    store = synthetic_store(db_url, n=5)
    executed: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        executed.append((" ".join(statement.split()), context.execution_options.get("yield_per")))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        with store.snapshot() as view:
            chunks = view.iter_articles(chunk=2)
            first = next(chunks)
            selects = [(q, y) for q, y in executed if "FROM articles" in q]
            assert len(selects) == 1 and selects[0][1] == 2
            if db_url.startswith("postgresql"):
                assert view._conn is not None
                assert view._conn.execute(text("SELECT count(*) FROM pg_cursors")).scalar() == 1
            rest = list(chunks)
            assert [len(c) for c in [first, *rest]] == [2, 2, 1]
            assert len([q for q, _ in executed if "FROM articles" in q]) == 1
            for stream in (view.iter_times(2), view.iter_places(2), view.iter_stories(2)):
                assert all(len(c) <= 2 for c in stream)
            stats = list(view.iter_mention_stats(2))
            owners = [{st.entity_id for st in group} for group in stats]
            assert all(not (a & b) for i, a in enumerate(owners) for b in owners[i + 1 :])  # no entity split
            assert Counter(st for group in stats for st in group) == Counter(view.mention_stats())
            assert [st for group in view.iter_stories(2) for st in group] == view.stories()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
        store.close()


def test_writers_write_each_record_before_reading_the_next() -> None:
    """The writers take iterators and write as they read: when a record is read, the one before it is
    already in the output."""
    out = io.StringIO()

    def records(collection: str) -> Iterator[dict[str, Any]]:
        for i in range(3):
            if i:
                assert f"{collection}-{i - 1}" in out.getvalue()
            yield {"id": f"{collection}-{i}", "lat": -1.5}

    for write in (ex.write_json, ex.write_jsonl):
        out.seek(0)
        out.truncate()
        write({name: records(name) for name in ex.COLLECTIONS}, out)
        assert out.getvalue().count('"id"') == 3 * len(ex.COLLECTIONS)
    out.seek(0)
    out.truncate()
    ex.write_csv({"places": records("places")}, out, "places")
    assert out.getvalue() == '"id","lat"\n"places-0",-1.5\n"places-1",-1.5\n"places-2",-1.5\n'


def test_write_json_is_json_dump_for_any_records() -> None:
    data = {"a": [{"x": [1, [], {}], "y": None, "z": "é\n\u2028"}, {}], "b": [], "c": [[1, 2], "s"]}
    out = io.StringIO()
    ex.write_json(data, out)
    assert out.getvalue() == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    ex.write_json({}, out)
    assert out.getvalue() == "{}\n"


def test_sorting_through_temporary_files_is_sorting(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    records = [{"type": rng.choice("ab"), "name": rng.choice(["x", "y", "ä"]), "id": str(i)} for i in range(50)]

    def key(r: dict[str, Any]) -> tuple[str, str, str]:
        return r["type"], r["name"], r["id"]

    opened = 0
    original = ex.tempfile.TemporaryFile

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal opened
        opened += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(ex.tempfile, "TemporaryFile", counting)
    assert list(ex._sorted(iter(records), key, run=100)) == sorted(records, key=key)
    assert opened == 0
    assert list(ex._sorted(iter(records), key, run=4, fan_in=3)) == sorted(records, key=key)
    assert opened > 13  # 13 runs of 4, then merges of 3


def test_story_order_is_python_order_under_a_language_collation() -> None:
    """Stories of one size and date are ordered by id as Python orders strings (byte order), also in a
    PostgreSQL database whose collation orders 's_c', 'sa', 'sB' otherwise."""
    admin = create_engine(require_postgres(), isolation_level="AUTOCOMMIT")
    name = f"ng_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' "
                          "LOCALE 'C.UTF-8'"))  # fmt: skip
    try:
        url = make_url(POSTGRES or "").set(database=name).render_as_string(hide_password=False)
        store = Store(url)
        ids = ["sa", "sB", "s_c", "sD"]
        with store.engine.begin() as conn:
            in_sql = [
                r[0] for r in conn.execute(text("SELECT x FROM (VALUES ('sa'), ('sB'), ('s_c')) v(x) ORDER BY x"))
            ]
            assert in_sql != sorted(in_sql)  # the collation is not byte order
            conn.execute(insert(s.stories), [{"id": i, "title": i, "created_at": "x", "size": 1} for i in ids])
            conn.execute(insert(s.articles), [
                {"id": f"a{i}", "content_hash": i, "credited": [], "text": i, "source": i, "ingested_at": "x",
                 "story_id": sid, "published": "2025-10-01"} for i, sid in enumerate(ids)
            ])  # fmt: skip
        with store.snapshot() as view:
            assert [st.id for group in view.iter_stories(2) for st in group] == sorted(ids)
        assert streamed_json(store, 2) == legacy_json(legacy_export(store))
        store.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_failed_export_leaves_no_half_written_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "news.db")
    synthetic_store(db, n=5).close()
    out = tmp_path / "news.json"

    def fail_midway(data: ex.Records, out: Any) -> None:
        out.write("{\n")
        raise OSError("disk full")

    monkeypatch.setattr("newsgraph.export.write_json", fail_midway)
    result = CliRunner().invoke(main, ["export", "--db", db, "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert result.output.strip() == f"Error: cannot write the export to {out}: disk full"  # one line, no traceback
    out.write_text("an earlier export\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--db", db, "-o", str(out)])
    assert result.exit_code != 0 and out.read_text(encoding="utf-8") == "an earlier export\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_an_export_file_keeps_its_mode_or_gets_the_usual_one(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    synthetic_store(db, n=3).close()
    new, old = tmp_path / "new.json", tmp_path / "old.json"
    old.write_text("earlier\n", encoding="utf-8")
    old.chmod(0o640)
    for out in (new, old):
        assert CliRunner().invoke(main, ["export", "--db", db, "-o", str(out)]).exit_code == 0
        assert json.loads(out.read_text(encoding="utf-8"))["articles"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask and stat.S_IMODE(old.stat().st_mode) == 0o640
