"""Regenerate src/newsgraph/data/actors/{actors,agents}.tsv from the PETRARCH-2 / Phoenix dictionaries.

Source: the Open Event Data Alliance's PETRARCH-2 coder (https://github.com/openeventdata/petrarch2), its files
petrarch2/data/dictionaries/Phoenix.Countries.actors.txt (generated from the CountryInfo project),
Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt and Phoenix.agents.txt. The repository is under the
MIT licence and each file's own header carries the same MIT notice (Copyright (c) 2014 Open Event Data Alliance);
docs/data.md says what that covers. Only the data is read: nothing of PETRARCH's code is used.

What is written (tab-separated, '#' lines are comments):

- actors.tsv: one actor a line, `name<TAB>keys<TAB>periods`: the dictionary's phrase in title case, the keys it
  and its synonyms are looked up by ('|' between them: `newsgraph.analyze.actor_table.name_key`, without middle
  initials and titles); `periods` (',' between them) are `country:sector:from:to:role`: the ISO 3166 alpha-3
  code (CAMEO's country codes mapped, empty for IGOs, NGOs, companies and groups across borders), the project's
  sector name (SECTORS), the first and last day (YYYYMMDD, empty when open) and a role the dictionary's comment
  gives ('# Foreign Minister'), empty when none. A period with no dates is the actor's default.
- agents.tsv: `phrase<TAB>sector`: role nouns and phrases ('interior ministry', 'riot police', 'rebels'), lower
  case, with their plurals.

    python scripts/petrarch_actors.py                        # from the mirror (MIRROR)
    python scripts/petrarch_actors.py --from path/to/dictionaries
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.analyze.actor_table import name_key, without_initials

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/newsgraph/data/actors"
MIRROR = Path("/work/.mirror/openeventdata+petrarch2/repo/.git")
IN_REPO = "petrarch2/data/dictionaries"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"

SECTORS = {
    "GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence", "JUD": "judiciary",
    "LEG": "legislature", "ELI": "elite", "OPP": "opposition", "PTY": "party", "REB": "rebels", "INS": "rebels",
    "SEP": "rebels", "UAF": "armed group", "IMG": "armed group", "RAD": "radicals", "BUS": "business",
    "MNC": "business", "MED": "media", "EDU": "education", "LAB": "labour", "HLH": "health", "HRI": "human rights",
    "REF": "refugees", "AGR": "agriculture", "ENV": "environment", "DEV": "development", "CVL": "civilians",
    "PPL": "civilians", "CRM": "criminals", "REL": "religion", "CHR": "religion", "MUS": "religion",
    "JEW": "religion", "BUD": "religion", "HIN": "religion", "IGO": "igo", "NGO": "ngo",
}  # fmt: skip
"""CAMEO's role codes -> the project's sectors (the first code of an actor's that is one of these is its sector)."""
ACROSS_BORDERS = frozenset({"IGO", "NGO", "MNC", "IMG"})
"""CAMEO codes that stand first in place of a country: international bodies, companies and armed groups."""
CAMEO_COUNTRIES = {"TMP": "TLS", "ROM": "ROU", "ZAR": "COD", "USR": "RUS", "SUN": "RUS", "YUG": "SRB", "SCG": "SRB",
                   "FRY": "SRB", "KSV": "XKX", "KOS": "XKX"}  # fmt: skip
"""CAMEO country codes that are not ISO 3166 alpha-3, and the code of the country that carries on from them."""
ABBREVIATIONS = {"amb.": "ambassador", "amb": "ambassador", "pm": "prime minister", "sec": "secretary",
                 "min.": "minister", "min": "minister", "def": "defense", "fm": "foreign minister"}  # fmt: skip
"""Abbreviations of the dictionaries' comments, for the role a comment gives ('# Amb. to UN')."""

_CODE = re.compile(r"\[([^\]\s]+)\s*([^\]]*)\]")
_PLURAL = re.compile(r"\{([^}]*)\}")


@dataclass
class Entry:
    names: list[str] = field(default_factory=list)
    periods: list[tuple[str, str, str, str, str]] = field(default_factory=list)


def read_text(folder: Path | None, name: str) -> str:
    """A dictionary file from a folder, else from the git mirror's HEAD."""
    if folder is not None:
        return (folder / name).read_text(encoding="utf-8", errors="replace")
    out = subprocess.run(
        ["git", f"--git-dir={MIRROR}", "show", f"HEAD:{IN_REPO}/{name}"], capture_output=True, check=True
    )
    return out.stdout.decode("utf-8", errors="replace")


def day(text: str) -> str:
    """YYYYMMDD of a dictionary date: YYMMDD years 00-30 are 20YY, others 19YY (the format's rule); '' when the
    date cannot be read (a date of another length: '2004017' is a typing slip, not a day)."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        return ""
    if len(digits) == 6:
        digits = ("20" if int(digits[:2]) <= 30 else "19") + digits
    return digits if len(digits) == 8 and "01" <= digits[4:6] <= "12" and "01" <= digits[6:8] <= "31" else ""


def code_parts(code: str, countries: set[str]) -> tuple[str, str] | None:
    """(ISO3 or '', sector) of a CAMEO code ('RUSGOV' -> RUS, government); None when it names no sector."""
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    first = chunks[0]
    country = CAMEO_COUNTRIES.get(first, first)
    country = country if country in countries else ""
    rest = chunks if first in ACROSS_BORDERS or not country else chunks[1:]
    sector = next((SECTORS[c] for c in rest if c in SECTORS), "")
    return (country, sector) if sector else None


def role_of(comment: str, roles: Iterable[str]) -> str:
    """The role a comment starts with ('Foreign Minister', 'Amb. to UN' -> ambassador), else ''."""
    words = [ABBREVIATIONS.get(w, w) for w in comment.lower().split()]
    text = " ".join(words)
    found = [r for r in roles if text == r or text.startswith(r + " ")]
    return max(found, key=len) if found else ""


def display(phrase: str) -> str:
    """'SERGEY_V._LAVROV_' -> 'Sergey V. Lavrov'."""
    words = " ".join(phrase.replace("_", " ").split())
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), words.lower())


def parse_actors(text: str, countries: set[str], roles: Iterable[str]) -> Iterator[Entry]:
    """The actors of a PETRARCH actor dictionary: a phrase, its '+' synonyms, its codes (on the phrase's line or on
    indented lines below it, each with an optional date restriction: <date, >date, date-date)."""
    entry: Entry | None = None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body, _, comment = raw.partition("#")
        indented = raw[:1] in ("\t", " ")
        if not indented:
            phrase = _CODE.sub("", body).strip()
            if phrase.startswith("+") and entry is not None:
                entry.names.append(display(phrase[1:]))
            elif phrase and not phrase.startswith(("+", "[")):
                if entry is not None:
                    yield entry
                entry = Entry([display(phrase)])
        if entry is None:
            continue
        for code, restriction in _CODE.findall(body):
            parts = code_parts(code, countries)
            if parts is None:
                continue
            start, end = _dates(restriction.strip())
            if restriction.strip() and not (start or end):
                continue  # a restriction that cannot be read
            entry.periods.append((*parts, start, end, role_of(comment, roles)))
    if entry is not None:
        yield entry


def _dates(restriction: str) -> tuple[str, str]:
    if restriction.startswith("<"):
        return "", day(restriction[1:])
    if restriction.startswith(">"):
        return day(restriction[1:]), ""
    if "-" in restriction:
        a, b = restriction.split("-", 1)
        return day(a), day(b)
    return "", ""


def parse_agents(text: str) -> dict[str, str]:
    """Agent phrase (lower case, singular and plural) -> sector."""
    sets: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in text.splitlines():
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        if body.startswith("!") and "=" in body:
            marker, items = body.split("=", 1)
            sets[marker.strip()] = [i.strip() for i in items.split(",") if i.strip()]
            continue
        code = re.search(r"\[~?([A-Z]+)~?\s*[\]}]", body)
        if not code:
            continue
        sector = next((SECTORS[c] for c in (code.group(1)[i : i + 3] for i in range(0, 9, 3)) if c in SECTORS), None)
        if sector is None:
            continue
        phrase = body[: body.index("[")]
        plurals = _PLURAL.search(phrase)
        phrase = _PLURAL.sub("", phrase).strip()
        forms = [phrase]
        for marker, items in sets.items():
            if marker in phrase:
                forms = [phrase.replace(marker, item) for item in items]
        if plurals is not None:
            forms += [p for p in plurals.group(1).split() if p]
        elif not any(marker in phrase for marker in sets):
            forms.append(_plural(phrase))
        for form in forms:
            key = " ".join(form.replace("_", " ").lower().split())
            if len(key) > 2:
                out.setdefault(key, sector)
    return out


def _plural(phrase: str) -> str:
    word = phrase.rstrip("_")
    if word.endswith("Y") and word[-2:-1] not in "AEIOU":
        return word[:-1] + "IES"
    return word + ("ES" if word.endswith(("SS", "SH", "CH", "X")) else "S")


def actor_rows(entries: Iterable[Entry]) -> list[str]:
    rows = []
    for e in entries:
        names = [n for n in dict.fromkeys(e.names) if len(n) > 1 and "\t" not in n and "|" not in n]
        periods = list(dict.fromkeys(e.periods))
        keys = [k for k in dict.fromkeys(name_key(without_initials(n)) for n in names) if k and "|" not in k]
        if names and keys and periods:
            rows.append(names[0] + "\t" + "|".join(keys) + "\t" + ",".join(":".join(p) for p in periods))
    return rows


HEADER = (
    "# {what} from the PETRARCH-2 / Phoenix dictionaries (https://github.com/openeventdata/petrarch2),\n"
    "# Copyright (c) 2014 Open Event Data Alliance, MIT licence; converted by scripts/petrarch_actors.py.\n"
)


WORDNET_NOTE = (
    "# Parts of the agents dictionary come from WordNet: WordNet 3.0 Copyright 2006 by Princeton University. "
    "All rights\n# reserved; used under the WordNet licence, whose full notice is in docs/data.md.\n"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="folder", type=Path, help="a folder with the dictionaries (default: mirror)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    countries = set(json.loads((ROOT / "src/newsgraph/data/countries.json").read_text("utf-8"))["countries"])
    roles = json.loads((ROOT / "src/newsgraph/data/roles.json").read_text("utf-8"))["roles"]
    rows: list[str] = []
    for name in ACTOR_FILES:
        rows += actor_rows(parse_actors(read_text(args.folder, name), countries, roles))
    agents = parse_agents(read_text(args.folder, AGENT_FILE))
    args.out.mkdir(parents=True, exist_ok=True)
    actors_head = HEADER.format(what="Actors: name<TAB>keys<TAB>country:sector:from:to:role,...")
    (args.out / "actors.tsv").write_text(actors_head + "\n".join(rows) + "\n", encoding="utf-8")
    agents_head = HEADER.format(what="Agents: phrase<TAB>sector") + WORDNET_NOTE
    lines = [f"{k}\t{v}" for k, v in sorted(agents.items())]
    (args.out / "agents.tsv").write_text(agents_head + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} actors, {len(agents)} agent phrases -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
