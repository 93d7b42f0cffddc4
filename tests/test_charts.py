"""Charts of a relation: terminal lines and SVG, from hand-built records."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsgraph.errors import OutputError
from newsgraph.models import Relation, RelationEvent, RelationPoint
from newsgraph.report.charts import (
    CONFLICT_BAR,
    COOPERATION_BAR,
    MAX_BARS,
    MAX_COUNT_LABELS,
    MAX_ROWS,
    QUAD_COLOURS,
    fill_periods,
    terminal_chart,
    write_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def point(period: str, counts: dict[str, int], quads: dict[int, int], intensity: float | None) -> RelationPoint:
    return RelationPoint(period=period, counts=counts, quad_counts=quads, intensity=intensity, events=[])


def event(date: str, quad: int, intensity: float, mode: str = "asserted") -> RelationEvent:
    return RelationEvent(
        id=f"e-{date}-{quad}",
        article_id="a1",
        outlet=None,
        date=date,
        type="CONSULT",
        quad_class=quad,
        intensity=intensity,
        mode=mode,
        source="Russia",
        source_country="RUS",
        target="Ukraine",
        target_country="UKR",
        claimant=None,
        sentence="They met.",
    )


def relation(
    points: list[RelationPoint], by: str = "week", a_name: str = "Russia", b_name: str = "Ukraine"
) -> Relation:
    return Relation(a="RUS", b="UKR", a_name=a_name, b_name=b_name, by=by, points=points, events=[])


def weekly() -> Relation:
    """Three weeks with events and an empty week (2024-01-08) between the first two."""
    return relation(
        [
            point("2024-01-01", {"CONSULT": 2, "AID": 1}, {1: 2, 2: 1}, 4.3),
            point("2024-01-15", {"ASSAULT": 6, "ACCUSE": 1, "CONSULT": 1}, {1: 1, 3: 1, 4: 6}, -6.0),
            point("2024-01-22", {"REJECT": 7}, {3: 7}, None),
        ]
    )


def row(lines: list[str], period: str) -> str:
    (found,) = [line for line in lines if line.startswith(period)]
    return found


# -- fill_periods -----------------------------------------------------------------------------------------


def test_fill_periods_fills_days_weeks_and_months() -> None:
    assert fill_periods(["2024-02-28", "2024-03-02"], "day") == ["2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"]
    assert fill_periods(["2024-01-22", "2024-01-01"], "week") == [
        "2024-01-01",
        "2024-01-08",
        "2024-01-15",
        "2024-01-22",
    ]
    assert fill_periods(["2023-11-01", "2024-02-01", "2023-11-01"], "month") == [
        "2023-11-01",
        "2023-12-01",
        "2024-01-01",
        "2024-02-01",
    ]
    assert fill_periods([], "week") == []
    assert fill_periods(["2024-01-01"], "month") == ["2024-01-01"]


def test_fill_periods_keeps_what_it_cannot_fill() -> None:
    assert fill_periods(["2020-01-01", "2024-01-01"], "day", limit=10) == ["2020-01-01", "2024-01-01"]
    assert fill_periods(["2024-01-01", "soon"], "day") == ["2024-01-01", "soon"]
    with pytest.raises(ValueError):
        fill_periods(["2024-01-01"], "fortnight")


# -- terminal ---------------------------------------------------------------------------------------------


def test_terminal_chart_shows_the_empty_week_between() -> None:
    lines = terminal_chart(weekly())
    assert lines[0] == "Russia – Ukraine, by week"
    periods = [line[:10] for line in lines if line[:4] == "2024"]
    assert periods == ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"]
    empty = row(lines, "2024-01-08")
    assert COOPERATION_BAR not in empty and CONFLICT_BAR not in empty
    assert empty.split() == ["2024-01-08", "0", "n/a"]
    assert any(COOPERATION_BAR in line and CONFLICT_BAR in line for line in lines[:3])  # the legend
    assert all("\x1b" not in line for line in lines)


def test_terminal_chart_scales_bars_to_the_busiest_period() -> None:
    lines = terminal_chart(weekly(), width=16)
    busiest = row(lines, "2024-01-15")  # 8 events fill the width
    assert busiest.count(COOPERATION_BAR) == 2 and busiest.count(CONFLICT_BAR) == 14
    assert row(lines, "2024-01-01").count(COOPERATION_BAR) == 6  # 3 of 8
    assert row(lines, "2024-01-22").count(CONFLICT_BAR) == 14  # 7 of 8
    for line in lines:
        assert line.count(COOPERATION_BAR) + line.count(CONFLICT_BAR) <= 16 or not line.startswith("2024")
    wide = terminal_chart(weekly(), width=40)
    assert row(wide, "2024-01-15").count(CONFLICT_BAR) == 35


def test_terminal_chart_a_small_count_still_gets_a_cell() -> None:
    lines = terminal_chart(
        relation([point("2024-01-01", {"AID": 1}, {2: 1}, 7.0), point("2024-01-08", {"ASSAULT": 100}, {4: 100}, -9.0)]),
        width=10,
    )
    assert row(lines, "2024-01-01").count(COOPERATION_BAR) == 1


def test_terminal_chart_shows_counts_intensity_and_types() -> None:
    lines = terminal_chart(weekly())
    first = row(lines, "2024-01-01")
    assert first.split()[2:4] == ["3", "+4.3"]
    assert first.endswith("CONSULT 2, AID 1")
    second = row(lines, "2024-01-15")
    assert "-6.0" in second and second.endswith("ASSAULT 6, ACCUSE 1, CONSULT 1")
    assert "  n/a  REJECT 7" in row(lines, "2024-01-22")
    assert lines[-1].startswith("total: 18 events (4 cooperation, 14 conflict) in 3 weeks with events")


def test_terminal_chart_totals_take_the_mean_intensity_of_asserted_events() -> None:
    base = weekly()
    events = [
        event("2024-01-01", 1, 4.0),
        event("2024-01-02", 4, -9.0),
        event("2024-01-03", 3, -10.0, mode="hypothetical"),
    ]
    with_events = Relation(base.a, base.b, base.a_name, base.b_name, base.by, base.points, events)
    assert terminal_chart(with_events)[-1].endswith("mean intensity -2.5")
    assert terminal_chart(base)[-1].endswith("mean intensity -3.2")  # no events listed: (3 * 4.3 - 8 * 6) / 11
    no_intensity = relation([point("2024-01-01", {"AID": 1}, {2: 1}, None)])
    assert terminal_chart(no_intensity)[-1].endswith("mean intensity n/a")


def test_terminal_chart_with_no_points() -> None:
    lines = terminal_chart(relation([]))
    assert lines[0] == "Russia – Ukraine, by week"
    assert "no events" in lines
    assert lines[-1].startswith("total: 0 events")


def test_terminal_chart_with_one_point() -> None:
    lines = terminal_chart(relation([point("2024-03-01", {"AGREE": 1}, {1: 1}, 10.0)], by="month"), width=5)
    assert row(lines, "2024-03-01").split()[:4] == ["2024-03-01", COOPERATION_BAR * 5, "1", "+10.0"]


def test_terminal_chart_leaves_out_empty_rows_when_there_are_too_many() -> None:
    points = [point("2020-01-01", {"AID": 1}, {2: 1}, 5.0), point("2024-01-01", {"AID": 2}, {2: 2}, 5.0)]
    lines = terminal_chart(relation(points, by="day"))
    assert [line[:10] for line in lines if line.startswith("20")] == ["2020-01-01", "2024-01-01"]
    assert any(f"more than {MAX_ROWS} days" in line and "only the 2 with events" in line for line in lines)
    assert len(lines) < 10


def test_terminal_chart_names_are_made_safe() -> None:
    lines = terminal_chart(relation([], a_name="Evil\x1b[2J\nCorp", b_name="B"))
    assert "\x1b" not in lines[0] and "\n" not in lines[0]
    with pytest.raises(ValueError):
        terminal_chart(weekly(), width=0)


# -- SVG --------------------------------------------------------------------------------------------------


def texts(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def by_id(path: Path, gid: str) -> str:
    root = ET.parse(path).getroot()
    (group,) = [g for g in root.iter() if g.get("id") == gid]
    return "".join(group.itertext()).strip()


def test_svg_parses_and_shows_title_counts_and_labels(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    write_svg(weekly(), out)
    shown = texts(out)
    assert "Russia – Ukraine, by week" in shown
    assert "events (cooperation above zero, conflict below)" in shown
    assert "mean intensity (-10 conflict .. +10 cooperation)" in shown
    assert "2024-01-08" in shown  # the empty week is on the axis
    assert by_id(out, "count-2024-01-01-cooperation") == "3"
    assert by_id(out, "count-2024-01-15-cooperation") == "1"
    assert by_id(out, "count-2024-01-15-conflict") == "7"
    assert by_id(out, "count-2024-01-22-conflict") == "7"
    assert not [g for g in ET.parse(out).getroot().iter() if (g.get("id") or "").startswith("count-2024-01-08")]
    assert [name for name in os.listdir(tmp_path)] == ["chart.svg"]  # no temporary file left


def test_svg_is_the_same_bytes_twice(tmp_path: Path) -> None:
    write_svg(weekly(), tmp_path / "one.svg")
    write_svg(weekly(), tmp_path / "two.svg")
    assert (tmp_path / "one.svg").read_bytes() == (tmp_path / "two.svg").read_bytes()


def test_svg_escapes_names(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    hostile = relation(weekly().points, a_name="<script>alert(1)</script>", b_name="$x$ & \\frac{1}{2}")
    write_svg(hostile, out)
    root = ET.parse(out).getroot()
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    raw = out.read_text(encoding="utf-8")
    assert "<script" not in raw and "&lt;script&gt;" in raw
    assert "<script>alert(1)</script> – $x$ & \\frac{1}{2}, by week" in texts(out)  # shown as typed, not as math


def test_svg_shortens_long_names(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    write_svg(relation(weekly().points, a_name="A" * 500), out)
    assert "A" * 59 + "… – Ukraine, by week" in texts(out)


def test_svg_with_no_points(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    write_svg(relation([]), out)
    shown = texts(out)
    assert "no events" in shown and "Russia – Ukraine, by week" in shown


def test_svg_with_one_point(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    write_svg(relation([point("2024-03-01", {"AGREE": 1}, {1: 1}, 10.0)], by="month"), out)
    assert "2024-03-01" in texts(out)
    assert by_id(out, "count-2024-03-01-cooperation") == "1"


def test_svg_with_many_points_thins_the_labels(tmp_path: Path) -> None:
    points = [point(f"2024-{m:02d}-{d:02d}", {"AID": d}, {2: d}, 3.0) for m in (1, 2, 3) for d in (1, 9, 17, 25)]
    out = tmp_path / "chart.svg"
    write_svg(relation(points, by="day"), out)
    shown = [t for t in texts(out) if t.startswith("2024-")]
    assert "2024-01-01" in shown
    assert 10 <= len(shown) <= 30  # 85 days on the axis, a label every few


def test_svg_replaces_an_earlier_file(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    out.write_text("old", encoding="utf-8")
    write_svg(weekly(), out)
    ET.parse(out)


def test_a_name_with_a_control_character_still_gives_well_formed_svg(tmp_path: Path) -> None:
    relation = Relation("RUS", "PRK", "Rus\x0bsia\x1b[31m", "North Korea", "week", [], [])
    path = tmp_path / "c.svg"
    write_svg(relation, path)
    ET.parse(path)


def test_svg_is_self_contained_and_sized(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    write_svg(weekly(), out)
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    width, height = float(root.get("width", "")), float(root.get("height", ""))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}" and width > 0 and height > 0
    assert root.find(f"{SVG}title") is not None and root.findtext(f"{SVG}title") == "Russia – Ukraine, by week"
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    assert not tags & {"script", "style", "image", "use", "a", "foreignObject"}
    assert all(not k.endswith("href") and not k.startswith("on") for e in root.iter() for k in e.attrib)
    assert "url(" not in out.read_text(encoding="utf-8") and "@import" not in out.read_text(encoding="utf-8")


def test_svg_escapes_hostile_names_and_periods(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    points = [point('"><b>&x\x1b', {"AID": 2}, {2: 2}, 5.0), *weekly().points]
    a_name, b_name = "<script>alert('x')</script> & \"Co\"", "Bad\x00\x01\x1b[2J\x7fName\ufffe\ud800"
    write_svg(relation(points, a_name=a_name, b_name=b_name), out)
    raw = out.read_bytes()
    root = ET.parse(out).getroot()  # well formed: nothing XML 1.0 forbids got through
    assert not [e for e in root.iter() if e.tag.removeprefix(SVG) == "script"]
    assert b"<script" not in raw and b"&lt;script&gt;" in raw and b"&amp;" in raw and b"&quot;Co&quot;" in raw
    assert not [c for c in raw.decode("utf-8") if ord(c) < 0x20 and c != "\n"]
    title = "<script>alert('x')</script> & \"Co\" – Bad[2J\ufffdName, by week"
    assert title in texts(out) and root.findtext(f"{SVG}title") == title
    assert '"><b>&x' in texts(out)  # an odd period is a label as typed (but for controls), and part of ids
    assert by_id(out, 'count-"><b>&x-cooperation') == "2" and b"&quot;&gt;&lt;b&gt;&amp;x" in raw
    assert not [e for e in root.iter() if e.tag.removeprefix(SVG) == "b"]


@pytest.mark.slow  # over 3 s: `make check` leaves it to `make test`
def test_svg_is_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Built in another order, or in processes hashing strings differently, a relation gives the same bytes."""
    points = [point(f"2024-{m:02d}-01", {"AID": m, "FIGHT": 13 - m}, {2: m, 4: 13 - m}, m - 6.5) for m in range(1, 13)]
    shuffled = [
        point(p.period, dict(reversed(p.counts.items())), dict(reversed(p.quad_counts.items())), p.intensity)
        for p in reversed(points)
    ]
    write_svg(relation(points, by="month"), tmp_path / "here.svg")
    write_svg(relation(shuffled, by="month"), tmp_path / "shuffled.svg")
    expected = (tmp_path / "here.svg").read_bytes()
    assert (tmp_path / "shuffled.svg").read_bytes() == expected
    code = "import pickle, sys; from newsgraph.report.charts import write_svg; write_svg(pickle.load(sys.stdin.buffer), sys.argv[1])"
    given = pickle.dumps(relation(points, by="month"))
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join(sys.path)}
        out = tmp_path / f"seed-{seed}.svg"
        subprocess.run([sys.executable, "-c", code, str(out)], input=given, env=env, check=True)
        assert out.read_bytes() == expected


def bar_rects(path: Path) -> dict[str, ET.Element]:
    """The bars' rectangles by id."""
    rects = ET.parse(path).getroot().iter(f"{SVG}rect")
    return {r.get("id", ""): r for r in rects if r.get("id", "").startswith("bar-")}


def bars(path: Path) -> dict[str, tuple[float, float]]:
    """bar id -> (top, bottom) in pixels."""
    return {
        gid: (float(r.get("y", "")), float(r.get("y", "")) + float(r.get("height", "")))
        for gid, r in bar_rects(path).items()
    }


def test_svg_bar_heights_are_proportional_to_counts(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    write_svg(weekly(), out)
    found = bars(out)
    expected = {f"bar-{p.period}-quad-{q}": n for p in weekly().points for q, n in p.quad_counts.items()}
    assert set(found) == set(expected)  # a rectangle per QuadClass with events, none for the empty week
    per_event = {(bottom - top) / expected[gid] for gid, (top, bottom) in found.items()}
    assert max(per_event) - min(per_event) < 0.02 and min(per_event) > 1
    zero = found["bar-2024-01-01-quad-1"][1]  # cooperation stands on zero, material on verbal
    assert found["bar-2024-01-01-quad-2"][1] == pytest.approx(found["bar-2024-01-01-quad-1"][0], abs=0.01)
    assert found["bar-2024-01-15-quad-1"][1] == pytest.approx(zero, abs=0.01)
    assert found["bar-2024-01-15-quad-3"][0] == pytest.approx(zero, abs=0.01)  # conflict hangs from zero
    assert found["bar-2024-01-15-quad-4"][0] == pytest.approx(found["bar-2024-01-15-quad-3"][1], abs=0.01)
    assert found["bar-2024-01-22-quad-3"][0] == pytest.approx(zero, abs=0.01)
    rects = bar_rects(out)
    assert all(r.get("fill") == QUAD_COLOURS[int(gid[-1])] for gid, r in rects.items())
    lefts = {gid: float(r.get("x", "")) for gid, r in rects.items()}
    first, third, fourth = (lefts[f"bar-{b}"] for b in ("2024-01-01-quad-1", "2024-01-15-quad-1", "2024-01-22-quad-3"))
    assert third - first == pytest.approx(2 * (fourth - third), abs=0.02) and fourth > third  # the empty week between


def test_svg_count_ticks_are_integers_and_the_intensity_axis_runs_from_minus_10_to_10(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    write_svg(relation([point("2024-03-01", {"AGREE": 1}, {1: 1}, 10.0)], by="month"), out)
    shown = texts(out)
    numbers = [t for t in shown if t.replace(".", "").isdigit()]
    assert numbers and all(t.isdigit() for t in numbers) and "0" in numbers and "1" in numbers
    assert {"−10", "−5", "0", "5", "10"} <= set(shown)
    root = ET.parse(out).getroot()
    (intensity,) = [g for g in root.iter(f"{SVG}g") if g.get("id") == "intensity"]
    assert len(list(intensity.iter(f"{SVG}circle"))) == 1


def test_svg_leaves_out_empty_periods_when_there_are_too_many(tmp_path: Path) -> None:
    points = [point("2020-01-01", {"AID": 1}, {2: 1}, 5.0), point("2024-01-01", {"AID": 2}, {2: 2}, 5.0)]
    out = tmp_path / "chart.svg"
    write_svg(relation(points, by="day"), out)
    shown = texts(out)
    assert f"(more than {MAX_BARS} days: only the 2 with events are shown)" in shown
    assert [t for t in shown if t.startswith("20")] == ["2020-01-01", "2024-01-01"]
    assert set(bars(out)) == {"bar-2020-01-01-quad-2", "bar-2024-01-01-quad-2"}


def test_svg_writes_no_counts_on_too_many_bars(tmp_path: Path) -> None:
    points = [point(f"2024-01-{d:02d}", {"AID": 1}, {2: 1}, 5.0) for d in range(1, 32)]
    points += [point(f"2024-{m:02d}-{d:02d}", {"AID": 1}, {2: 1}, 5.0) for m in range(2, 7) for d in range(1, 29)]
    assert len(points) > MAX_COUNT_LABELS
    out = tmp_path / "chart.svg"
    write_svg(relation(points, by="day"), out)
    ids = [e.get("id") or "" for e in ET.parse(out).getroot().iter()]
    assert not [i for i in ids if i.startswith("count-")]
    assert len(bar_rects(out)) == len(points)


def test_svg_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "chart.svg"
    out.write_text("old", encoding="utf-8")

    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match=f"^cannot write the chart to {out}: disk full$"):
        write_svg(weekly(), out)
    assert os.listdir(tmp_path) == ["chart.svg"] and out.read_text(encoding="utf-8") == "old"


def test_the_intensity_line_has_a_gap_where_a_period_has_no_events(tmp_path: Path) -> None:
    """The weekly relation's first two weeks with a mean have an empty week between them: two dots, no line across
    the empty week (a line would suggest a continuity the events do not show); neighbouring weeks are joined."""
    out = tmp_path / "chart.svg"
    write_svg(weekly(), out)
    root = ET.parse(out).getroot()
    group = next(e for e in root.iter() if e.get("id") == "intensity")
    assert [e.tag.split("}")[-1] for e in group].count("polyline") == 0
    assert [e.tag.split("}")[-1] for e in group].count("circle") == 2
    joined = relation([*weekly().points[:2], point("2024-01-22", {"AID": 1}, {2: 1}, 3.0)])
    write_svg(joined, out)
    group = next(e for e in ET.parse(out).getroot().iter() if e.get("id") == "intensity")
    (line,) = [e for e in group if e.tag.endswith("polyline")]  # 01-15 and 01-22 are neighbours; 01-08 is a gap
    assert len(line.get("points", "").split()) == 2
