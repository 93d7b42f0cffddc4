"""Print the mean Goldstein score of the CAMEO codes that PLOVER maps to each event type.

This is how the base intensities in src/newsgraph/data/events.json were chosen (rounded to one decimal,
then written there as the project's own table; see docs/events.md). It reads two references in
../shared/data/events (GDELT's CAMEO -> Goldstein lookup, the OEDA CAMEO -> PLOVER mapping) and
ships nothing derived from them but the rounded means.

    python scripts/intensity_table.py [../shared/data/events]
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path
from statistics import mean


def main(folder: Path) -> None:
    goldstein = {}
    for line in (folder / "CAMEO.goldsteinscale.txt").read_text().splitlines()[1:]:
        code, _, score = line.partition("\t")
        if score.strip():
            goldstein[code.strip()] = float(score)
    by_type: dict[str, list[float]] = defaultdict(list)
    by_root: dict[str, set[str]] = defaultdict(set)
    for line in (folder / "CAMEO2PLOVER-2021.txt").read_text().splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)", line)
        if m and m.group(1) in goldstein:
            by_type[m.group(2)].append(goldstein[m.group(1)])
            by_root[m.group(2)].add(m.group(1)[:2])
    for kind, scores in sorted(by_type.items(), key=lambda kv: -mean(kv[1])):
        roots = ",".join(sorted(by_root[kind]))
        spread = f"min {min(scores):+5.1f} max {max(scores):+5.1f}"
        print(f"{kind:<10} {mean(scores):+5.1f}  {spread}  n={len(scores):<3} CAMEO {roots}")
    print("CAMEO 02 (appeal, PLOVER REQUEST):", f"{mean(v for k, v in goldstein.items() if k.startswith('02')):+.1f}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/data/events"))
