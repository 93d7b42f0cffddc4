"""A relation's series as a chart: plain-text lines for a terminal, or an SVG file (written as text).

Both show one slot per period from the first period with events to the last, the empty periods between
included, so that the time axis is honest; when that would be too many slots, only the periods with events
are shown, and the chart says so.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from newsgraph.errors import OutputError
from newsgraph.models import Relation, RelationPoint
from newsgraph.report.safe import terminal_safe

UNITS = ("day", "week", "month")
MAX_ROWS = 200
"""Most rows `terminal_chart` fills in; beyond, it shows the periods with events only."""
MAX_BARS = 400
"""Most bars `write_svg` fills in; beyond, it shows the periods with events only."""
MAX_COUNT_LABELS = 150
"""Most bars whose counts `write_svg` writes; beyond, the labels would be a smudge."""
COOPERATION_BAR = "█"
CONFLICT_BAR = "▒"
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {1: "#8fd18f", 2: "#2e8b3e", 3: "#f4a259", 4: "#c8312b"}
TITLE_NAME_CHARS = 60
"""Longest name `write_svg` puts in a title whole."""
INTENSITY_MODES = ("asserted", "attributed")
"""The modes of the events a mean intensity is taken over (as for `RelationPoint.intensity`)."""


# -- the time axis ----------------------------------------------------------------------------------------


def fill_periods(periods: Sequence[str], by: str, *, limit: int | None = None) -> list[str]:
    """The distinct periods (YYYY-MM-DD, each a period's first day) in order, with the periods of unit `by`
    (day, week starting on Monday, month starting on the 1st) missing between the first and the last put in.
    Without filling (the distinct periods in order) when that would give more than `limit` periods, or when
    a period is not a date. ValueError for an unknown unit."""
    if by not in UNITS:
        raise ValueError(f"unknown period unit {by!r}: one of {', '.join(UNITS)}")
    given = sorted(set(periods))
    days = _parse_all(given)
    if days is None or len(days) < 2:
        return given
    first, last = days[0], days[-1]
    if limit is not None and period_span(first, last, by) > limit:
        return given
    return sorted(set(given) | {d.isoformat() for d in _steps(first, last, by)})


def period_span(first: date, last: date, by: str) -> int:
    """How many periods of unit `by` run from the one starting on `first` to the one starting on `last`."""
    if last < first:
        return 0
    if by == "day":
        return (last - first).days + 1
    if by == "week":
        return (last - first).days // 7 + 1
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _parse_all(periods: Sequence[str]) -> list[date] | None:
    try:
        return [date.fromisoformat(p) for p in periods]
    except ValueError:
        return None


def _steps(first: date, last: date, by: str) -> list[date]:
    out: list[date] = []
    current = first
    while current <= last:
        out.append(current)
        current = _next_period(current, by)
    return out


def _next_period(current: date, by: str) -> date:
    if by == "day":
        return current + timedelta(days=1)
    if by == "week":
        return current + timedelta(days=7)
    if current.month == 12:
        return date(current.year + 1, 1, 1)
    return date(current.year, current.month + 1, 1)


def _axis(relation: Relation, limit: int) -> tuple[list[str], bool]:
    """The periods to show, and whether the empty ones were left out (too many)."""
    given = [p.period for p in relation.points]
    shown = fill_periods(given, relation.by, limit=limit)
    days = _parse_all(sorted(set(given)))
    capped = days is not None and len(days) > 1 and period_span(days[0], days[-1], relation.by) > limit
    return shown, capped


# -- counting ---------------------------------------------------------------------------------------------


def _cooperation(point: RelationPoint | None) -> int:
    return 0 if point is None else point.quad_counts.get(1, 0) + point.quad_counts.get(2, 0)


def _conflict(point: RelationPoint | None) -> int:
    return 0 if point is None else point.quad_counts.get(3, 0) + point.quad_counts.get(4, 0)


def _total(point: RelationPoint | None) -> int:
    return 0 if point is None else point.total


def _type_counts(counts: dict[str, int]) -> str:
    """'CONSULT 2, AID 1': the most frequent type first."""
    ordered = sorted(((n, t) for t, n in counts.items() if n), key=lambda nt: (-nt[0], nt[1]))
    return ", ".join(f"{_one_line(t)} {n}" for n, t in ordered)


def _mean_intensity(relation: Relation) -> float | None:
    """The mean intensity of the relation's asserted and attributed events; when it lists no events, the
    periods' means weighted by their event counts (an estimate: those count every mode)."""
    if relation.events:
        values = [e.intensity for e in relation.events if e.mode in INTENSITY_MODES]
        return sum(values) / len(values) if values else None
    weighted = [(p.intensity, p.total) for p in relation.points if p.intensity is not None and p.total]
    weight = sum(n for _, n in weighted)
    return sum(v * n for v, n in weighted) / weight if weight else None


def _signed(value: float | None) -> str:
    """'+4.3', '-0.5', '  n/a': five characters."""
    return "  n/a" if value is None else f"{value:+5.1f}"


def _one_line(text: str) -> str:
    """Untrusted text safe on a terminal, and on one line."""
    return terminal_safe(text).replace("\n", " ").replace("\t", " ")


# -- terminal ---------------------------------------------------------------------------------------------


def terminal_chart(relation: Relation, width: int = 40) -> list[str]:
    """The relation as plain-text lines (no escape sequences; names made terminal-safe): a header, a legend,
    one row per period (period, bar of cooperation and conflict events scaled so the busiest period fills
    `width`, event count, mean intensity, counts by type) and a line of totals."""
    if width < 1:
        raise ValueError(f"width must be at least 1, not {width}")
    a, b = _one_line(relation.a_name), _one_line(relation.b_name)
    lines = [f"{a} – {b}, by {_one_line(relation.by)}"]
    if not relation.points:
        return [*lines, "no events", _totals_line(relation)]
    periods, capped = _axis(relation, MAX_ROWS)
    by_period = {p.period: p for p in relation.points}
    largest = max(max(_total(p), _cooperation(p) + _conflict(p)) for p in relation.points)
    lines.append(
        f"{COOPERATION_BAR} cooperation (QuadClass 1-2)  {CONFLICT_BAR} conflict (QuadClass 3-4)"
        f"  bar of {width} = {largest} events"
    )
    if capped:
        lines.append(
            f"more than {MAX_ROWS} {relation.by}s from {periods[0]} to {periods[-1]}: "
            f"only the {len(periods)} with events are shown"
        )
    count_width = max(len("events"), len(str(largest)))
    lines.append(f"{'period':<10}  {'':<{width}}  {'events':>{count_width}}  {'mean':>5}  types".rstrip())
    for period in periods:
        lines.append(_row(_one_line(period), by_period.get(period), largest, width, count_width))
    lines.append(_totals_line(relation))
    return lines


def _row(period: str, point: RelationPoint | None, largest: int, width: int, count_width: int) -> str:
    bar = _bar(_cooperation(point), _conflict(point), largest, width)
    intensity = None if point is None else point.intensity
    types = "" if point is None else _type_counts(point.counts)
    return f"{period:<10}  {bar:<{width}}  {_total(point):>{count_width}}  {_signed(intensity)}  {types}".rstrip()


def _bar(cooperation: int, conflict: int, largest: int, width: int) -> str:
    """Cooperation then conflict characters, in proportion to `largest` events filling `width`; a kind
    with events gets at least one character."""
    if largest <= 0:
        return ""
    coop = _cells(cooperation, largest, width)
    conf = _cells(conflict, largest, width)
    while coop + conf > width:  # two rounded-up kinds can overrun by a character
        if coop >= conf:
            coop -= 1
        else:
            conf -= 1
    return COOPERATION_BAR * coop + CONFLICT_BAR * conf


def _cells(count: int, largest: int, width: int) -> int:
    if count <= 0:
        return 0
    return max(1, round(count * width / largest))


def _totals_line(relation: Relation) -> str:
    points = relation.points
    events = sum(p.total for p in points)
    coop = sum(_cooperation(p) for p in points)
    conf = sum(_conflict(p) for p in points)
    busy = sum(1 for p in points if p.total)
    return (
        f"total: {events} events ({coop} cooperation, {conf} conflict) in {busy} {relation.by}s with events;"
        f" mean intensity {_signed(_mean_intensity(relation)).strip()}"
    )


# -- SVG --------------------------------------------------------------------------------------------------

PX_PER_INCH = 96
HEIGHT = 5.0 * PX_PER_INCH
FONTS = "DejaVu Sans, Helvetica, Arial, sans-serif"  # what the viewer has: nothing is fetched
EM = 0.6  # a character's width in ems, generously (no font metrics without a renderer)
INK = "#333333"
INTENSITY_COLOUR = "#1f4e9c"
INTENSITY_REACH = 11.0  # the intensity axis runs from -11 to +11, its ticks from -10 to +10
AXIS_TITLES = ("events (cooperation above zero, conflict below)", "mean intensity (-10 conflict .. +10 cooperation)")
LEGEND = [*((name, QUAD_COLOURS[quad]) for quad, name in QUADS.items()), ("mean intensity", "")]  # "": a line
_NOT_IN_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # XML 1.0 forbids these; and CR


@dataclass(frozen=True)
class _Frame:
    """The plot's box in pixels, slots `pitch` pixels apart, counts from -reach to +reach (zero in the middle)."""

    left: float
    top: float
    right: float
    bottom: float
    pitch: float
    reach: float

    def x(self, slot: int) -> float:
        return self.left + (slot + 0.6) * self.pitch

    def y(self, count: float, intensity: bool = False) -> float:
        if intensity:
            count = min(max(count, -INTENSITY_REACH), INTENSITY_REACH) / INTENSITY_REACH * self.reach
        return (self.top + self.bottom) / 2 - count / self.reach * (self.bottom - self.top) / 2


def write_svg(relation: Relation, path: str | os.PathLike[str]) -> None:
    """The relation as an SVG chart at `path` (written under a temporary name in the same folder, then
    renamed; removed if writing fails): bars of events by QuadClass per period, cooperation above zero and
    conflict below with their counts written at the bar ends, and the mean intensity as a line on a second
    axis (-10 .. +10). Text is escaped, without what XML cannot hold. The same relation gives the same bytes.
    OutputError when it cannot be written (a missing folder, a full disk)."""
    from newsgraph.atomic import atomic_write

    text = svg_text(relation)
    try:
        with atomic_write(path) as out:
            out.write(text)
    except OSError as exc:
        raise OutputError.writing(f"the chart to {os.fspath(path)}", exc) from exc


def _figure_width(bars: int) -> float:
    return min(max(6.4, 2.5 + 0.28 * bars), 24.0)


def _title(relation: Relation) -> tuple[str, str]:
    """The title in two parts, where it may be broken."""
    return f"{_shortened(relation.a_name)} – ", f"{_shortened(relation.b_name)}, by {relation.by}"


def _shortened(name: str, most: int = TITLE_NAME_CHARS) -> str:
    name = _one_line(_NOT_IN_XML.sub("", name))
    return name if len(name) <= most else name[: most - 1] + "…"


def _xml(text: str) -> str:
    """Untrusted text escaped for XML, on one line, without what XML 1.0 forbids, other controls shown as U+FFFD."""
    return escape(_one_line(_NOT_IN_XML.sub("", text)), quote=True)


def _n(value: float) -> str:
    """A number with at most two decimals (and six digits), the same on every machine."""
    return f"{round(value, 2):g}"


def _el(tag: str, text: str = "", children: str = "", /, **attributes: float | str) -> str:
    """An element holding `text` (escaped) then `children` (elements); attribute values escaped, numbers
    rounded, `_` in attribute names written `-`."""
    pairs = ((k.replace("_", "-"), _xml(v) if isinstance(v, str) else _n(v)) for k, v in attributes.items())
    written, inner = "".join(f' {k}="{v}"' for k, v in pairs), _xml(text) + children
    return f"<{tag}{written}>{inner}</{tag}>" if inner else f"<{tag}{written}/>"


def _text(x: float, y: float, text: str, size: float = 11, anchor: str = "middle", **more: float | str) -> str:
    return _el("text", text, x=x, y=y, font_size=size, text_anchor=anchor, **more)


def _line(x1: float, y1: float, x2: float, y2: float, colour: str = INK, width: float = 1) -> str:
    return _el("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=colour, stroke_width=width)


def _fit(text: str, room: float, size: float, em: float = EM) -> float:
    """The font size, at most `size` and at least 7, at which `text` takes about `room` pixels or less."""
    return max(7.0, min(size, room / (em * max(len(text), 1))))


def svg_text(relation: Relation) -> str:
    """The SVG chart `write_svg` writes, as text."""
    periods, capped = _axis(relation, MAX_BARS)
    width = _figure_width(len(periods)) * PX_PER_INCH
    heading, top = _heading(relation, width)
    empty = _text(width / 2, HEIGHT / 2, "no events", 18, fill="#555555")
    parts = [
        _el("title", "".join(_title(relation))),
        _el("rect", width=width, height=HEIGHT, fill="#ffffff"),
        heading,
        *(_series(relation, periods, capped, width, top) if relation.points else [empty]),
    ]
    w, h = _n(width), _n(HEIGHT)
    opening = f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"'
    opening += f' font-family="{FONTS}" fill="{INK}">'
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', opening, *parts, "</svg>\n"])


def _heading(relation: Relation, width: float) -> tuple[str, float]:
    """The title, on two lines (broken after the dash) when one would be too small to read; and its bottom."""
    lines = _title(relation)
    if (size := _fit("".join(lines), width - 20, 16, em=0.7)) >= 11:  # 0.7: wide enough for capitals
        return _text(width / 2, 26, "".join(lines), size), 26
    size = min(_fit(line, width - 20, 16, em=0.7) for line in lines)
    spans = "".join(_el("tspan", line, x=width / 2, y=22 + i * (size + 4)) for i, line in enumerate(lines))
    return _el("text", "", spans, font_size=size, text_anchor="middle"), 26 + size


def _series(relation: Relation, periods: list[str], capped: bool, width: float, top: float) -> list[str]:
    by_period = {p.period: p for p in relation.points}
    points = [by_period.get(period) for period in periods]
    legend, legend_top = _legend(width)
    labels = [_shortened(period, 16) for period in periods]
    label_room = (EM * 11 * max(map(len, labels)) + 11) * math.sqrt(0.5) + 10 if len(labels) > 4 else 20
    reach = max([*(max(_cooperation(p), _conflict(p)) for p in points), 1]) * 1.25 + 0.5
    pitch = (width - 144) / (len(points) + 0.2)
    frame = _Frame(72, top + (34 if capped else 18), width - 72, legend_top - 30 - label_room, pitch, reach)
    note = f"(more than {MAX_BARS} {relation.by}s: only the {len(periods)} with events are shown)"
    bars, counts = _bars(frame, periods, points)
    return [
        *([_text(width / 2, top + 20, note, _fit(note, width - 20, 12))] if capped else []),
        *_axes(frame, labels),
        *bars,
        *_intensity(frame, points),
        *counts,
        _text((frame.left + frame.right) / 2, legend_top - 12, f"{relation.by} (first day)", 12),
        *legend,
    ]


def _axes(frame: _Frame, labels: list[str]) -> list[str]:
    """The frame, the zero line, integer count ticks on the left (conflict counted down from zero), intensity
    ticks on the right, the axes' titles read upwards, and a label every few periods so that they do not
    overlap (slanted when there are several)."""
    step = next(s * 10**k for k in range(12) for s in (1, 2, 5) if frame.reach / (s * 10**k) < 5)
    most, middle, high = int(frame.reach // step) * step, (frame.top + frame.bottom) / 2, frame.bottom - frame.top
    parts = [
        _el("rect", x=frame.left, y=frame.top, width=frame.right - frame.left, height=high, fill="none", stroke=INK),
        _line(frame.left, frame.y(0), frame.right, frame.y(0), width=0.8),
    ]
    for x, title in zip((22, frame.right + 50), AXIS_TITLES, strict=True):
        parts.append(_text(x, middle, title, _fit(title, high, 12), transform=f"rotate(-90 {_n(x)} {_n(middle)})"))
    ticks = [(frame.left, -5, "end", frame.y(t), str(abs(t))) for t in range(-most, most + 1, step)]
    ticks += [(frame.right, 5, "start", frame.y(t, True), str(t).replace("-", "−")) for t in range(-10, 11, 5)]
    for x, length, anchor, y, label in ticks:
        parts += [_line(x, y, x + length, y), _text(x + 1.6 * length, y + 4, label, anchor=anchor)]
    for slot in range(0, len(labels), max(1, -(-len(labels) // 30))):
        x, y = frame.x(slot), frame.bottom + 19
        parts.append(_line(x, frame.bottom, x, frame.bottom + 5))
        if len(labels) > 4:
            turn = f"rotate(-45 {_n(x + 4)} {_n(y - 5)})"
            parts.append(_text(x + 4, y - 5, labels[slot], anchor="end", transform=turn))
        else:
            parts.append(_text(x, y, labels[slot]))
    return parts


def _bars(frame: _Frame, periods: list[str], points: list[RelationPoint | None]) -> tuple[list[str], list[str]]:
    """A rectangle per QuadClass with events in a period, with a tooltip: 1 then 2 up from zero, 3 then 4 down;
    and each bar's cooperation count above it and conflict count below it, on a white halo."""
    bars, counts = [], ['<g paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round">']
    size = 11 if len(points) <= 40 else 8
    for slot, (period, point) in enumerate(zip(periods, points, strict=True)):
        reached = {1: 0, -1: 0}  # events stacked up, and down
        for quad, name in QUADS.items():
            if (count := 0 if point is None else point.quad_counts.get(quad, 0)) > 0:
                sign = 1 if quad <= 2 else -1
                reached[sign] += count
                top, bottom = sorted((frame.y(sign * (reached[sign] - count)), frame.y(sign * reached[sign])))
                x, wide, colour = frame.x(slot) - 0.4 * frame.pitch, 0.8 * frame.pitch, QUAD_COLOURS[quad]
                tip = _el("title", f"{period}: {count} {name}")
                box: dict[str, float] = {"x": x, "y": top, "width": wide, "height": bottom - top}
                bars.append(_el("rect", "", tip, id=f"bar-{period}-quad-{quad}", **box, fill=colour))
        for sign, kind in ((1, "cooperation"), (-1, "conflict")):
            if reached[sign] and len(points) <= MAX_COUNT_LABELS:
                y = frame.y(sign * reached[sign]) + (-3 if sign > 0 else size + 1)
                counts.append(_text(frame.x(slot), y, str(reached[sign]), size, id=f"count-{period}-{kind}"))
    return bars, [*counts, "</g>"]


def _intensity(frame: _Frame, points: list[RelationPoint | None]) -> list[str]:
    """The periods' mean intensities, a dot on each, joined by a line only between neighbouring periods that both have
    one: a period without events is a gap in the line, not a continuity the chart would invent."""
    known: list[tuple[int, float, float]] = []
    for slot, p in enumerate(points):
        if p is not None and p.intensity is not None and math.isfinite(p.intensity):
            known.append((slot, frame.x(slot), frame.y(p.intensity, intensity=True)))
    runs: list[list[tuple[float, float]]] = []
    for k, (slot, x, y) in enumerate(known):
        if k == 0 or known[k - 1][0] != slot - 1:
            runs.append([])
        runs[-1].append((x, y))
    return [
        f'<g id="intensity" fill="{INTENSITY_COLOUR}" stroke="{INTENSITY_COLOUR}">',
        *(_el("polyline", points=" ".join(f"{_n(x)},{_n(y)}" for x, y in run), fill="none", stroke_width=1.5)
          for run in runs if len(run) > 1),  # fmt: skip
        *(_el("circle", cx=x, cy=y, r=3) for _, x, y in known),
        "</g>",
    ]


def _legend(width: float) -> tuple[list[str], float]:
    """The legend at the bottom, in as many columns as fit of 5, 3, 2 or 1, filled down then across; its top."""
    column = max(EM * 11 * len(label) for label, _ in LEGEND) + 40
    columns = next((c for c in (5, 3, 2) if c * column <= width - 20), 1)
    rows, left = -(-len(LEGEND) // columns), (width - columns * column) / 2 + 10
    top, parts = HEIGHT - 8 - 20 * rows, []
    for i, (label, colour) in enumerate(LEGEND):
        x, y = left + (i // rows) * column, top + (i % rows) * 20 + 10
        if colour:
            parts.append(_el("rect", x=x, y=y - 5, width=16, height=10, fill=colour))
        else:
            dot = _el("circle", cx=x + 8, cy=y, r=3, fill=INTENSITY_COLOUR)
            parts += [_line(x, y, x + 16, y, INTENSITY_COLOUR, 1.5), dot]
        parts.append(_text(x + 22, y + 4, label, anchor="start"))
    return parts, top
