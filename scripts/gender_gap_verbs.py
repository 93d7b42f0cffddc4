"""The Gender Gap Tracker's quote verbs that newsgraph's attribution lexicon does not list yet, as lemmas.

    python scripts/gender_gap_verbs.py path/to/quote_verb_list.txt

The list: github.com/sfu-discourse-lab/GenderGapTracker, nlp/english/rules/quote_verb_list.txt (MIT licence,
Copyright (c) 2018-2023 Maite Taboada), one inflected form a line. A form is taken as a lemma when the list also
holds another of its regular forms (say/says, clarify/clarified); lemmas the lexicon already has (reporting,
cognition or attitude verbs) are left out, and so are those that report no words in news more often than they do
(LEFT_OUT). What it prints is what `reporting_verbs_ggt` in src/newsgraph/data/attribution.json holds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsgraph.analyze.quotes.lexicon import inflections

LEXICON = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "attribution.json"
LEFT_OUT = {"accept", "demonstrate", "ensure", "persist", "present", "release"}
"""'accepted the nomination', 'presented a plan', 'released a statement': rarely someone's words."""


def lemmas(forms: set[str]) -> list[str]:
    return sorted(f for f in forms if len(inflections(f) & forms) > 1)


def main() -> None:
    forms = {line.strip().lower() for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()}
    forms.discard("")
    data = json.loads(LEXICON.read_text(encoding="utf-8"))
    known = set(data["reporting_verbs"]) | set(data["cognition_verbs"]) | set(data["attitude_verbs"])
    print(json.dumps([v for v in lemmas(forms) if v not in known and v not in LEFT_OUT]))


if __name__ == "__main__":
    main()
