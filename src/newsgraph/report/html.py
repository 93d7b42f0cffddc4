"""A static HTML report of a database: an index of stories, one page per story (its articles side by side, facts
coloured by status with their variants and evidence, provenance, timeline of events), one page per pair of
actors with its relation chart. Opens from disk: no server, no network, no script.

Article text is untrusted: every piece of it goes through `html.escape` (quotes included) and is only ever
placed in element content or quoted attribute values the report writes itself; pages carry a Content Security
Policy that forbids scripts, so even a mistake here would run nothing.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from newsgraph.atomic import atomic_path
from newsgraph.models import Dyad, Evidence, Fact, Relation, RelationEvent, StoryBrief, Variant, outlet_name
from newsgraph.report.brief import confident_facts, main_happening, outlets_text, weak_note
from newsgraph.report.text import comparison_note, participants

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}a{color:#1a5490}
.meta{color:#666;font-size:.9em}.cols{display:flex;gap:1em;overflow-x:auto}
.col{flex:1 1 0;min-width:18em;border:1px solid #ddd;padding:.6em;border-radius:4px;background:#fafafa}
.col pre{white-space:pre-wrap;font:inherit;margin:0}
.fact{border-left:5px solid #999;padding:.3em .6em;margin:.4em 0;background:#f7f7f7}
.corroborated{border-color:#2e8540}.single_source{border-color:#999}.uncompared{border-color:#ccc}.conflicting{border-color:#c0392b}
.status{font-weight:600;font-size:.85em;text-transform:uppercase;letter-spacing:.03em}
.variant{margin:.2em 0 .2em 1em;font-size:.92em}.denies{color:#c0392b}.stale{background:#fff4d6;padding:.3em .6em}
table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;padding:.25em .6em;text-align:left;vertical-align:top}
td.date,th.date{white-space:nowrap}td.said{font-size:.92em;max-width:40em}
"""


def esc(text: object) -> str:
    """Untrusted text as HTML text or a quoted attribute value: <, >, &, " and ' escaped, control characters out."""
    return html.escape(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", str(text)), quote=True)


def page(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def slug(text: str) -> str:
    """A file name from an id: letters, digits, '-' and '_' only."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text)[:80] or "_"


def index_page(briefs: Sequence[StoryBrief], dyads: Sequence[Dyad]) -> str:
    rows = "".join(
        f'<tr><td><a href="story-{slug(b.story.id)}.html">{esc(b.story.title or "(untitled)")}</a></td>'
        f"<td>{len(b.articles)}</td><td>{esc(', '.join(b.story.outlets))}</td>"
        f'<td class="date">{esc(_span(b.story.first_published, b.story.last_published))}</td>'
        f"<td>{sum(f.status == 'conflicting' for f in confident_facts(b.facts, b.fact_confidence)[0])}</td></tr>"
        for b in briefs
    )
    pairs = "".join(
        f'<li><a href="pair-{slug(d.a)}-{slug(d.b)}.html">{esc(d.a_name)} – {esc(d.b_name)}</a> '
        f"({d.events} events: {d.cooperation} cooperation, {d.conflict} conflict)</li>"
        for d in dyads
    )
    body = (
        '<h1>Stories</h1><table><tr><th>story</th><th>articles</th><th>outlets</th><th class="date">dates</th>'
        f"<th>conflicts</th></tr>{rows}</table>"
        + (f"<h2>Relations between actors</h2><ul>{pairs}</ul>" if pairs else "")
    )
    return page("newsgraph report", body)


def _span(first: str | None, last: str | None) -> str:
    """A story's dates: '2011-11-12', or '2011-11-12 .. 2011-11-14' (no line break inside a date)."""
    return first or "" if not last or last == first else f"{first or '?'} .. {last}"


def _fact(f: Fact, texts: dict[str, str]) -> str:
    def source(v: Variant, e: Evidence) -> str:  # a number's sentence, which its words alone do not show
        said = texts.get(e.article_id, "")[e.start : e.end] if f.kind == "quantity" else ""
        return f' <q class="meta">{esc(" ".join(said.split()))}</q>' if said else ""

    variants = "".join(
        f'<div class="variant{" denies" if v.stance == "denies" else ""}">'
        f"{'✗ denies: ' if v.stance == 'denies' else ''}{esc(v.text)}{source(v, e)} "
        f'<span class="meta">— {esc(outlet_name(v.outlet, [v.article_id]))}'
        f"{f', wording {v.distance:.2f} apart' if v.distance and v.stance == 'asserts' else ''}"
        f" · evidence {esc(e.article_id)} {f'{e.start}–{e.end}' if e.part == 'text' else 'title'}</span></div>"
        for v, e in zip(f.variants, f.evidence, strict=False)
    )
    who = f"{esc(f.who)} · " if f.who else ""
    agreed = f" · agree on {esc(', '.join(f.agreed))}" if f.agreed and len(f.variants) > 1 else ""
    return (
        f'<div class="fact {esc(f.status)}"><span class="status">{esc(f.status.replace("_", " "))}</span> '
        f'<span class="meta">{esc(f.kind)} · {who}<span class="outlets">{esc(outlets_text(f))}</span> · '
        f'<span class="confidence">confidence {f.confidence:.2f}{agreed}</span></span>{variants}</div>'
    )


def _event_outlet(e: RelationEvent) -> str:
    """An event's outlet; an article with none is 'unknown outlet', its id beside it."""
    return esc(e.outlet) if e.outlet else f'{esc(outlet_name(None))} <span class="meta">{esc(e.article_id)}</span>'


def _event(e: RelationEvent, said: bool = False) -> str:
    """An event as a table row; `said`: with the sentence it was read from (a pair's page, whose events come from many
    stories)."""
    claim = f" (claimed by {esc(e.claimant)})" if e.claimant else ""
    sentence = f'<td class="said">{esc(" ".join(e.sentence.split()))}</td>' if said else ""
    return (
        f'<tr><td class="date">{esc(e.date or "undated")}</td><td>{esc(e.type)}</td>'
        f"<td>{esc(participants(e, '→'))}{claim}</td><td>{esc(e.mode)}</td><td>{e.intensity:+.1f}</td>"
        f"<td>{_event_outlet(e)}</td>{sentence}</tr>"
    )


def story_page(brief: StoryBrief, texts: dict[str, str]) -> str:
    """One story: its articles side by side, facts by status, provenance, timeline."""
    cols = "".join(
        f'<div class="col"><b>{esc(outlet_name(a.outlet))}</b> <span class="meta">{esc(a.published or "")}'
        f" · {esc(a.id)}</span><h3>{esc(a.title or '')}</h3><pre>{esc(texts.get(a.id, ''))}</pre></div>"
        for a in brief.articles
    )
    shown, weak = confident_facts(brief.facts, brief.fact_confidence)
    facts = "".join(_fact(f, texts) for f in shown) or ("" if weak else "<p>No facts aligned.</p>")
    left_out = weak_note(weak, brief.fact_confidence)
    facts += f'<p class="meta weak">{esc(left_out.replace("`", ""))}</p>' if left_out else ""
    provenance = "".join(
        f'<tr><td>{esc(outlet_name(p.outlet))} <span class="meta">{esc(p.article_id)}</span></td>'
        f"<td>{esc(', '.join(p.credited))}</td>"
        f"<td>{esc(', '.join(p.media))}</td><td>{esc(', '.join(p.quoted))}</td><td>{esc(p.reprint_of or '')}</td></tr>"
        for p in brief.provenance
    )
    events = "".join(_event(e) for e in brief.events)
    note = comparison_note(brief)
    stale = f'<p class="stale">{esc(note)}</p>' if note else ""
    lead = main_happening(brief.facts, brief.fact_confidence)
    happened = (f'<p class="lead"><span class="status">What happened:</span> {esc(" ".join(lead.text.split()))} '
                f'<span class="meta">— {esc(outlets_text(lead))}</span></p>' if lead else "")  # fmt: skip
    body = (
        f'<p><a href="index.html">← all stories</a></p><h1>{esc(brief.story.title or "(untitled)")}</h1>'
        f'<p class="meta">{esc(brief.story.id)} · {len(brief.articles)} articles · '
        f"{esc(', '.join(brief.story.outlets))}</p>{happened}"
        f"<h2>What the outlets agree on, report alone, or contradict</h2>{stale}{facts}"
        "<h2>Provenance</h2><table><tr><th>article</th><th>credits</th><th>cites</th><th>quotes</th>"
        f"<th>reprints</th></tr>{provenance}</table>"
        "<h2>Timeline</h2><table><tr><th>date</th><th>type</th><th>who → whom</th><th>mode</th><th>intensity</th>"
        f"<th>outlet</th></tr>{events}</table>"
        f'<h2>Articles</h2><div class="cols">{cols}</div>'
    )
    return page(brief.story.title or brief.story.id, body)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def pair_page(relation: Relation, chart: str | None) -> str:
    rows = "".join(
        f"<tr><td>{esc(p.period)}</td><td>{p.total}</td><td>{esc(_counts(p.counts))}</td>"
        f"<td>{'' if p.intensity is None else f'{p.intensity:+.1f}'}</td></tr>"
        for p in relation.points
    )
    image = f'<p><img src="{esc(chart)}" alt="relation chart" style="max-width:100%"></p>' if chart else ""
    body = (
        f'<p><a href="index.html">← all stories</a></p><h1>{esc(relation.a_name)} – {esc(relation.b_name)}</h1>'
        f"{image}<table><tr><th>{esc(relation.by)}</th><th>events</th><th>types</th><th>mean intensity</th></tr>"
        f"{rows}</table><h2>Events</h2><table><tr><th class=\"date\">date</th><th>type</th><th>who → whom</th>"
        f"<th>mode</th><th>intensity</th><th>outlet</th><th>the sentence</th></tr>"
        f"{''.join(_event(e, said=True) for e in relation.events)}</table>"
    )
    return page(f"{relation.a_name} – {relation.b_name}", body)


def write(folder: str | os.PathLike[str], pages: Sequence[tuple[str, str]]) -> list[Path]:
    """Write (file name, text) pages into `folder` (created) all or none: each under a temporary name first, and only
    once all are written are they renamed onto their names, the first page (the index) last. A failure before
    leaves every earlier file as it was. A symbolic link at a page's name is replaced, never followed."""
    out = Path(folder)
    out.mkdir(exist_ok=True)
    with ExitStack() as stack:  # left in reverse order: the first page's temporary file is renamed last
        for name, text in pages:
            stack.enter_context(atomic_path(out / name, follow_links=False)).write_text(text, encoding="utf-8")
    return [out / name for name, _ in pages]
