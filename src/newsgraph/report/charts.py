"""A relation's series as a chart: plain-text lines for a terminal, or an SVG file (matplotlib).

Both show one slot per period from the first period with events to the last, the empty periods between
included, so that the time axis is honest; when that would be too many slots, only the periods with events
are shown, and the chart says so.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from newsgraph.models import Relation, RelationPoint
from newsgraph.report.safe import terminal_safe

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

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


def write_svg(relation: Relation, path: str | os.PathLike[str]) -> None:
    """The relation as an SVG chart at `path` (written under a temporary name in the same folder, then
    renamed): bars of events by QuadClass per period, cooperation above zero and conflict below with their
    counts written at the bar ends, and the mean intensity as a line on a second axis (-10 .. +10). The
    same relation gives the same bytes."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    from newsgraph.atomic import atomic_write

    rc = {"svg.hashsalt": "newsgraph", "svg.fonttype": "none", "text.usetex": False, "svg.id": None}
    with matplotlib.rc_context(rc):
        periods, capped = _axis(relation, MAX_BARS)
        figure = Figure(figsize=(_figure_width(len(periods)), 5.0), layout="constrained")
        FigureCanvasSVG(figure)
        if relation.points:
            _draw_series(figure, relation, periods, capped)
        else:
            _draw_empty(figure, relation)
        with atomic_write(path) as out:
            figure.savefig(out, format="svg", metadata={"Date": None})


def _figure_width(bars: int) -> float:
    return min(max(6.4, 2.5 + 0.28 * bars), 24.0)


def _title(relation: Relation) -> str:
    return f"{_shortened(relation.a_name)} – {_shortened(relation.b_name)}, by {relation.by}"


def _shortened(name: str, most: int = TITLE_NAME_CHARS) -> str:
    name = _one_line(name)  # no control characters: XML 1.0 cannot hold them
    return name if len(name) <= most else name[: most - 1] + "…"


def _draw_empty(figure: Figure, relation: Relation) -> None:
    figure.suptitle(_title(relation), parse_math=False)
    figure.text(0.5, 0.5, "no events", ha="center", va="center", fontsize=14, color="#555555")


def _draw_series(figure: Figure, relation: Relation, periods: list[str], capped: bool) -> None:
    by_period = {p.period: p for p in relation.points}
    points = [by_period.get(period) for period in periods]
    ax = figure.add_subplot()
    _draw_bars(ax, points)
    _draw_counts(ax, periods, points)
    intensity_axis = ax.twinx()
    _draw_intensity(intensity_axis, points)
    _label_x(ax, periods)
    title = _title(relation)
    if capped:
        title += f"\n(more than {MAX_BARS} {relation.by}s: only the {len(periods)} with events are shown)"
    ax.set_title(title, parse_math=False)
    ax.set_xlabel(f"{relation.by} (first day)", parse_math=False)
    columns = 5 if figure.get_figwidth() >= 9 else 3
    figure.legend(loc="outside lower center", ncols=columns, frameon=False, fontsize="small")


def _draw_bars(ax: Axes, points: list[RelationPoint | None]) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    xs = range(len(points))
    above = [0] * len(points)
    below = [0] * len(points)
    for quad, label in QUADS.items():
        heights = [0 if p is None else p.quad_counts.get(quad, 0) for p in points]
        base = above if quad <= 2 else below
        signed = heights if quad <= 2 else [-h for h in heights]
        ax.bar(xs, signed, bottom=base, width=0.8, color=QUAD_COLOURS[quad], label=label)
        for i, h in enumerate(signed):
            base[i] += h
    reach = max([*above, *(-v for v in below), 1])
    ax.set_ylim(-reach * 1.25 - 0.5, reach * 1.25 + 0.5)  # symmetric: zero meets the intensity axis's zero
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{abs(v):g}"))
    ax.set_ylabel("events (cooperation above zero, conflict below)")
    ax.set_xlim(-0.6, len(points) - 0.4)


def _draw_counts(ax: Axes, periods: list[str], points: list[RelationPoint | None]) -> None:
    """Each bar's cooperation count above it and its conflict count below it."""
    if len(points) > MAX_COUNT_LABELS:
        return
    size = "small" if len(points) <= 40 else "x-small"
    for x, (period, point) in enumerate(zip(periods, points, strict=True)):
        coop, conf = _cooperation(point), _conflict(point)
        if coop:
            label = ax.text(x, coop, f"{coop}", ha="center", va="bottom", fontsize=size, parse_math=False)
            label.set_gid(f"count-{period}-cooperation")
        if conf:
            label = ax.text(x, -conf, f"{conf}", ha="center", va="top", fontsize=size, parse_math=False)
            label.set_gid(f"count-{period}-conflict")


def _draw_intensity(ax: Axes, points: list[RelationPoint | None]) -> None:
    known = [(x, p.intensity) for x, p in enumerate(points) if p is not None and p.intensity is not None]
    ax.plot(
        [x for x, _ in known],
        [v for _, v in known],
        color="#1f4e9c",
        marker="o",
        markersize=4,
        linewidth=1.2,
        label="mean intensity",
    )
    ax.set_ylim(-11, 11)
    ax.set_yticks(range(-10, 11, 5))
    ax.set_ylabel("mean intensity (-10 conflict .. +10 cooperation)")


def _label_x(ax: Axes, periods: list[str]) -> None:
    """A label every few periods, so that they do not overlap; slanted when there are several."""
    step = max(1, -(-len(periods) // 30))
    shown = list(range(0, len(periods), step))
    rotation = 0 if len(periods) <= 4 else 45
    ax.set_xticks(
        shown,
        [periods[i] for i in shown],
        rotation=rotation,
        ha="center" if rotation == 0 else "right",
        rotation_mode="anchor",
        fontsize="small",
        parse_math=False,
    )
