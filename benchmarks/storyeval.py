"""Scores for a clustering of items (articles) into stories against a gold clustering.

Both clusterings are given as ``{item: cluster label}`` dicts over the same items; labels are
only compared for equality, so the two sides may use unrelated label sets.

* ``bcubed``: item-averaged BCubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al.
  2009). For each item, precision is the share of its predicted cluster that shares its gold
  cluster, recall the share of its gold cluster that shares its predicted cluster; both are
  averaged over the items, and F1 is the harmonic mean of the two averages.
* ``pairwise``: precision, recall and F1 over the unordered pairs of distinct items that share a
  cluster (predicted pairs vs gold pairs).

Pure functions, no I/O. Used by benchmarks/ecbplus.py; run this file to execute its self-check:
``.venv/bin/python benchmarks/storyeval.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def _check(pred: Mapping[str, str], gold: Mapping[str, str]) -> None:
    if pred.keys() != gold.keys():
        missing = sorted(gold.keys() - pred.keys())[:5]
        extra = sorted(pred.keys() - gold.keys())[:5]
        raise ValueError(f"pred and gold cover different items (missing from pred: {missing}, extra: {extra})")
    if not gold:
        raise ValueError("no items to score")


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Item-averaged BCubed (precision, recall, F1) of ``pred`` against ``gold``.

    The items are the keys of ``gold``; ``pred`` must have exactly the same keys (ValueError
    otherwise, and also when there are no items). Every item counts itself: an item alone in
    both clusterings has precision and recall 1.
    """
    _check(pred, gold)
    pred_size = Counter(pred.values())
    gold_size = Counter(gold.values())
    both = Counter((pred[item], gold[item]) for item in gold)
    precision = sum(both[(pred[i], gold[i])] / pred_size[pred[i]] for i in gold) / len(gold)
    recall = sum(both[(pred[i], gold[i])] / gold_size[gold[i]] for i in gold) / len(gold)
    return precision, recall, _f1(precision, recall)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Pairwise (precision, recall, F1) of ``pred`` against ``gold``.

    A pair is an unordered pair of distinct items in the same cluster. Precision is the share of
    predicted pairs that are gold pairs, recall the share of gold pairs that are predicted pairs.

    Convention for empty denominators: with no predicted pairs (all singletons) precision is 1.0
    (no wrong pair was claimed); with no gold pairs recall is 1.0 (no pair could be missed). F1
    is 0.0 when precision + recall is 0. Keys must match as for ``bcubed``.
    """
    _check(pred, gold)
    predicted = sum(_pairs(n) for n in Counter(pred.values()).values())
    true = sum(_pairs(n) for n in Counter(gold.values()).values())
    correct = sum(_pairs(n) for n in Counter((pred[i], gold[i]) for i in gold).values())
    precision = correct / predicted if predicted else 1.0
    recall = correct / true if true else 1.0
    return precision, recall, _f1(precision, recall)


def _self_check() -> None:
    gold = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
    perfect = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    assert bcubed(perfect, gold) == (1.0, 1.0, 1.0)
    assert pairwise(perfect, gold) == (1.0, 1.0, 1.0)

    singletons = {item: item for item in gold}
    p, r, _ = bcubed(singletons, gold)
    assert p == 1.0 and abs(r - (3 * (1 / 3) + 2 * (1 / 2)) / 5) < 1e-12
    assert pairwise(singletons, gold)[:2] == (1.0, 0.0)

    one = {item: "all" for item in gold}
    p, r, _ = bcubed(one, gold)
    assert r == 1.0 and abs(p - (3 * (3 / 5) + 2 * (2 / 5)) / 5) < 1e-12
    p, r, f = pairwise(one, gold)  # 10 predicted pairs, 3 + 1 gold pairs, all found
    assert (p, r) == (0.4, 1.0) and abs(f - 2 * 0.4 / 1.4) < 1e-12

    # one item moved: pred {a,b} {c,d,e}
    moved = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
    p, r, _ = bcubed(moved, gold)
    assert abs(p - (1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5) < 1e-12
    assert abs(r - (2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5) < 1e-12
    assert pairwise(moved, gold)[:2] == (0.5, 0.5)  # predicted ab cd ce de; gold ab ac bc de

    assert bcubed(gold, perfect) == bcubed(perfect, gold)  # labels are only compared for equality
    for bad in ({"a": "1"}, {**perfect, "z": "3"}):
        try:
            bcubed(bad, gold)
        except ValueError:
            pass
        else:
            raise AssertionError("mismatched keys must raise")
    print("storyeval self-check passed")


if __name__ == "__main__":
    _self_check()
