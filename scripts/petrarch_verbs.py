"""Convert PETRARCH-2's CAMEO verb-pattern dictionary into newsgraph's compact event-pattern data.

    git --git-dir=PATH/petrarch2/.git show HEAD:petrarch2/data/dictionaries/CAMEO.2.0.txt > /tmp/CAMEO.2.0.txt
    python scripts/petrarch_verbs.py /tmp/CAMEO.2.0.txt > src/newsgraph/data/event_patterns.json

Source: github.com/openeventdata/petrarch2, petrarch2/data/dictionaries/CAMEO.2.0.txt (MIT licence, (c) 2015 Open
Event Data Alliance; format in docs/source/dictionaries.rst of the same repository). Only the data carries over:
the verbs, multi-word verbs and verb patterns with their CAMEO codes. The CAMEO -> PLOVER table below is this
project's own, written at the level of CAMEO codes from the CAMEO codebook's category definitions and the PLOVER
type definitions (docs/events.md); it follows the choices the project's hand-written lexicon already made
(signing an agreement is SUPPORT, imposing sanctions SANCTION, lifting them RETREAT, a state of emergency
COERCE).

What is kept:
- `verbs`: a verb's lemma -> the CAMEO code the dictionary gives the verb alone ('ASK [020]'); verbs with no
  code of their own are left out (a block's code is too broad for a verb alone: 'HIT' in a block of criticism);
- `phrasal`: multi-word verbs whose verb comes first ('ask for'), with a code of their own -> code;
- `patterns`, `block_of`: a verb's lemma -> its blocks -> their patterns after the verb ('* AID',
  '* {FINANCIAL AID}', '* (FOR HELP)', '* OUT {NEW STRATEGY}') -> code. A pattern is one or two elements,
  written 'noun', 'modifier_noun' (the last word is the head) or '(preposition noun)' / '(preposition)',
  nouns singular and lower case, synonym sets by name. Patterns with words before the verb (they restrict
  the subject), with more than two elements, or coded only for the target ('[:173]') are left out; a
  null-coded pattern is kept as '---' (the verb with that object is no event: 'cast doubt on');
- `sets`: a word -> the synonym sets ('&weapon') it is in;
- `cameo`: CAMEO code -> [newsgraph label (PLOVER type or TYPE:variant, or NONE), PLOVER mode].
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

# CAMEO code -> (label, mode): the project's own reading of the CAMEO codebook against PLOVER's types. A code not
# listed takes its nearest listed prefix (1234 -> 123 -> 12). Root 01 (public statements) is no PLOVER event.
CAMEO_TO_PLOVER: dict[str, tuple[str, str]] = {
    "01": ("NONE", "statement"),
    "02": ("REQUEST:appeal", "appeal"),
    "021": ("REQUEST:appeal", "cooperate"),
    "022": ("REQUEST:appeal", "diplomatic"),
    "023": ("REQUEST:appeal", "aid"),
    "024": ("REQUEST:appeal", "reform"),
    "025": ("REQUEST:appeal", "yield"),
    "026": ("REQUEST:appeal", "meet"),
    "027": ("REQUEST:appeal", "settle"),
    "028": ("REQUEST:appeal", "mediate"),
    "03": ("AGREE", "intent"),
    "031": ("AGREE", "economic"),
    "032": ("AGREE", "diplomatic"),
    "033": ("AGREE", "aid"),
    "034": ("AGREE", "reform"),
    "035": ("AGREE", "yield"),
    "036": ("AGREE", "meet"),
    "037": ("AGREE", "mediate"),
    "038": ("AGREE", "mediate"),
    "039": ("AGREE", "settle"),
    "04": ("CONSULT", "meet"),
    "041": ("CONSULT", "phone"),
    "042": ("CONSULT", "visit"),
    "043": ("CONSULT", "host"),
    "044": ("CONSULT", "meet"),
    "045": ("CONSULT:negotiate", "mediate"),
    "046": ("CONSULT:negotiate", "negotiate"),
    "05": ("SUPPORT", "diplomatic"),
    "051": ("SUPPORT", "praise"),
    "052": ("SUPPORT", "defend"),
    "053": ("SUPPORT", "rally"),
    "054": ("SUPPORT", "recognize"),
    "055": ("SUPPORT", "apologize"),
    "056": ("SUPPORT", "forgive"),
    "057": ("SUPPORT", "sign"),
    "06": ("COOPERATE", "material"),
    "061": ("COOPERATE", "economic"),
    "062": ("COOPERATE", "military"),
    "063": ("COOPERATE", "judicial"),
    "064": ("COOPERATE", "intelligence"),
    "07": ("AID", "aid"),
    "071": ("AID", "economic"),
    "072": ("AID:military", "military"),
    "073": ("AID", "humanitarian"),
    "074": ("AID", "peacekeeping"),
    "075": ("AID", "asylum"),
    "08": ("CONCEDE", "yield"),
    "081": ("RETREAT", "ease restrictions"),
    "082": ("CONCEDE", "ease dissent"),
    "083": ("CONCEDE", "reform"),
    "084": ("RETREAT", "release"),
    "085": ("RETREAT", "ease sanctions"),
    "086": ("CONCEDE", "allow involvement"),
    "087": ("RETREAT", "de-escalate"),
    "0871": ("RETREAT", "ceasefire"),
    "0873": ("RETREAT", "demobilize"),
    "0874": ("RETREAT", "withdraw"),
    "09": ("ACCUSE:investigate", "investigate"),
    "10": ("REQUEST", "demand"),
    "11": ("ACCUSE", "disapprove"),
    "111": ("ACCUSE", "criticize"),
    "112": ("ACCUSE", "accuse"),
    "113": ("ACCUSE", "rally opposition"),
    "114": ("ACCUSE", "complain"),
    "115": ("ACCUSE", "sue"),
    "116": ("ACCUSE", "find guilty"),
    "12": ("REJECT", "reject"),
    "13": ("THREATEN", "threaten"),
    "138": ("THREATEN", "force"),
    "14": ("PROTEST", "protest"),
    "15": ("MOBILIZE", "force posture"),
    "151": ("MOBILIZE", "police alert"),
    "152": ("MOBILIZE", "military alert"),
    "153": ("MOBILIZE", "police"),
    "154": ("MOBILIZE", "armed forces"),
    "155": ("MOBILIZE", "cyber"),
    "16": ("SANCTION", "reduce relations"),
    "161": ("SANCTION", "break relations"),
    "162": ("SANCTION", "cut aid"),
    "163": ("SANCTION", "embargo"),
    "164": ("SANCTION", "halt talks"),
    "165": ("SANCTION", "halt mediation"),
    "166": ("SANCTION", "expel"),
    "17": ("COERCE", "coerce"),
    "171": ("COERCE", "seize"),
    "1712": ("ASSAULT:property", "property"),
    "172": ("COERCE", "restrict"),
    "173": ("COERCE:arrest", "arrest"),
    "174": ("COERCE", "deport"),
    "175": ("COERCE", "repress"),
    "176": ("COERCE", "cyber"),
    "18": ("ASSAULT", "assault"),
    "181": ("ASSAULT", "abduct"),
    "182": ("ASSAULT", "beat"),
    "183": ("ASSAULT", "bomb"),
    "184": ("ASSAULT", "human shield"),
    "185": ("ASSAULT", "assassinate"),
    "186": ("ASSAULT", "assassinate"),
    "19": ("ASSAULT", "fight"),
    "191": ("COERCE", "blockade"),
    "192": ("ASSAULT", "occupy"),
    "193": ("ASSAULT", "small arms"),
    "194": ("ASSAULT", "artillery"),
    "195": ("ASSAULT", "aerial"),
    "196": ("ASSAULT", "ceasefire violation"),
    "20": ("ASSAULT", "mass violence"),
}

_PARTICLES = frozenset({"out", "up", "down", "off", "away", "back", "forward", "aside", "over", "in", "on"})
_PREPOSITIONS = frozenset({"for", "to", "with", "at", "against", "by", "into", "from", "upon", "of", "about"})


def singular(word: str) -> str:
    """A noun's singular by the regular rules ('rallies' -> 'rally', 'exercises' -> 'exercise')."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _code(text: str) -> str | None:
    """The source-side code of '[042:043]' ('042'); None for a target-only code ('[:173]') or a malformed one."""
    first = text.split(":")[0].strip().rstrip("!")
    return first if first == "---" or re.fullmatch(r"\d{2,4}", first) else None


def _words(phrase: str) -> str:
    return "_".join(singular(w) for w in phrase.lower().replace("_", " ").split())


def _element(token: str, synsets: dict[str, list[str]]) -> str | None:
    """One pattern element: 'aid', 'financial_aid', '(for help)', '&weapon' (a synonym set, by name)."""
    if token.startswith("("):
        inner = token[1:-1].replace("{", "").replace("}", "").split()
        prep, rest = inner[0].lower(), inner[1:]
        if not rest:
            return f"({prep})"
        head = _phrase(" ".join(rest), synsets)
        return f"({prep} {head})" if head else None
    return _phrase(token.strip("{}"), synsets)


def _phrase(phrase: str, synsets: dict[str, list[str]]) -> str | None:
    """'FINANCIAL AID' -> 'financial_aid'; a synonym set stays a name ('&weapon'), None when it is undefined."""
    out = []
    for word in phrase.split():
        if word in ("$", "+", "^", "%"):
            continue
        if word.startswith("&"):
            if word.rstrip("_") not in synsets:
                return None  # an undefined synonym set: PETRARCH ignores the pattern
            out.append(word.lower().rstrip("_").replace("_", "-"))
        else:
            out.append(_words(word))
    return "_".join(out) or None


def _tokens(post: str) -> list[str]:
    """'OUT {NEW STRATEGY} (FOR HELP)' -> ['OUT', '{NEW STRATEGY}', '(FOR HELP)']."""
    return re.findall(r"\([^)]*\)|\{[^}]*\}|[^\s(){}]+", post)


def parse(text: str) -> dict[str, Any]:
    synsets: dict[str, list[str]] = {}
    verbs: dict[str, str] = {}
    phrasal: dict[str, str] = {}
    blocks: list[dict[str, str]] = []
    members: list[list[str]] = []
    current, in_verbs = None, False
    for raw in text.splitlines():
        line = raw.split("#")[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not line.strip() or line.startswith("~"):
            continue
        if not in_verbs:
            if line.startswith("&"):
                current = line.split()[0].rstrip("_")
                synsets[current] = []
            elif line.startswith("+") and current:
                synsets[current].append(line[1:].strip().rstrip("_"))
            continue
        header = re.match(r"^---\s+\S+\s+\[([^\]]*)\]\s+---", line)
        if header:
            blocks.append({})
            members.append([])
        elif line.startswith("-") and blocks:
            _pattern(line, synsets, blocks[-1])
        elif blocks:
            _verb(line, members[-1], verbs, phrasal)
    kept = [k for k, b in enumerate(blocks) if b and members[k]]
    block_of: dict[str, list[int]] = defaultdict(list)
    for new, k in enumerate(kept):
        for verb in members[k]:
            if new not in block_of[verb]:
                block_of[verb].append(new)
    patterns = [blocks[k] for k in kept]
    return {"verbs": verbs, "phrasal": phrasal, "patterns": patterns, "block_of": dict(block_of),
            "sets": _sets(patterns, synsets)}  # fmt: skip


def _sets(patterns: list[dict[str, str]], synsets: dict[str, list[str]]) -> dict[str, list[str]]:
    """word -> the synonym sets the patterns name that hold it ('rifle' -> ['&weapon'])."""
    used = {w for rules in patterns for key in rules for w in re.findall(r"&[a-z0-9-]+", key)}
    sets: dict[str, list[str]] = defaultdict(list)
    for name in sorted(used):
        for member in synsets[name.upper().replace("-", "_")]:
            word = _words(member)
            if name not in sets[word]:
                sets[word].append(name)
    return dict(sets)


def _verb(line: str, block_verbs: list[str], verbs: dict[str, str], phrasal: dict[str, str]) -> None:
    word = line.split()[0]
    found = re.search(r"\[([^\]]*)\]", line)
    code = (_code(found.group(1)) if found else None) or "---"  # a verb's own code, not its block's
    parts = word.lower().split("_")
    head = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    lemma = parts[head].lstrip("+")
    if not lemma.isalpha():
        return
    block_verbs.append(lemma)
    if len(parts) == 1:
        if code != "---":
            verbs.setdefault(lemma, code)
    elif head == 0 and len(parts) == 2 and code != "---" and parts[1] in _PARTICLES | _PREPOSITIONS:
        phrasal.setdefault(f"{lemma} {parts[1]}", code)


def _pattern(line: str, synsets: dict[str, list[str]], out: dict[str, str]) -> None:
    found = re.search(r"\[([^\]]*)\]", line)
    code = _code(found.group(1)) if found else None
    body = line[1 : found.start()] if found else ""
    if code is None or "*" not in body:
        return
    pre, post = body.split("*", 1)
    if any(t not in ("$", "+", "^", "%") for t in pre.split()):
        return  # the pattern restricts the subject
    tokens = [t for t in _tokens(post) if t not in ("$", "+", "^", "%")]
    if not tokens or len(tokens) > 2:
        return
    elements = [_element(t, synsets) for t in tokens]
    if any(e is None for e in elements):
        return
    out.setdefault(" ".join(e for e in elements if e), code)


def main() -> None:
    data = parse(Path(sys.argv[1]).read_text(encoding="utf-8", errors="replace"))
    about = (
        "Verbs, multi-word verbs and verb patterns with their CAMEO codes, from PETRARCH-2's CAMEO.2.0.txt "
        "(github.com/openeventdata/petrarch2, MIT licence, (c) 2015 Open Event Data Alliance), converted by "
        "scripts/petrarch_verbs.py; 'cameo' is newsgraph's own CAMEO -> PLOVER table (docs/events.md)."
    )
    out = {"_about": about, "cameo": {k: list(v) for k, v in CAMEO_TO_PLOVER.items()}, **data}
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
