"""Set similarity without comparing all pairs: identical signatures and a Jaccard join.

``similar_sets`` is the prefix-filtering all-pairs join (Chaudhuri et al. 2006; Bayardo et al.
2007, "Scaling up all pairs similarity search"): order the tokens rarest first; if two sets
have Jaccard similarity at least ``t``, their prefixes of length ``|x| - ceil(t·|x|) + 1``
share a token, so only sets that share a prefix token (found through an inverted index) and
whose sizes are compatible (``|y| ≥ t·|x|``) are compared. networkx and the standard library
have no similarity join, and the inputs (a few tokens per set, 10⁵ sets) need none of a
sparse-matrix package's generality, so the join is written here.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence

__all__ = ["group_identical", "jaccard", "similar_sets"]

_EPS = 1e-9


def jaccard(a: set | frozenset, b: set | frozenset) -> float:
    """Intersection size over union size; two empty sets are not similar (0.0).

    Examples
    --------
    >>> jaccard({"SDG 5", "C2"}, {"SDG 5", "C3"})
    0.3333333333333333
    """
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def group_identical(
    sets: Iterable[tuple[Hashable, frozenset]],
) -> dict[frozenset, list[Hashable]]:
    """Members grouped by identical set, in input order; empty sets are left out.

    Examples
    --------
    >>> group_identical([("a", frozenset({1, 2})), ("b", frozenset({2, 1})), ("c", frozenset())])
    {frozenset({1, 2}): ['a', 'b']}
    """
    groups: dict[frozenset, list[Hashable]] = defaultdict(list)
    for key, items in sets:
        if items:
            groups[items].append(key)
    return dict(groups)


def similar_sets(sets: Sequence[frozenset], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, similarity)`` with ``i < j`` and Jaccard ≥ ``threshold`` (0 < t ≤ 1).

    A pair exactly at the threshold is included. Pass distinct sets (identical ones are
    better grouped first with :func:`group_identical`); the result is sorted by decreasing
    similarity, then by index.

    Examples
    --------
    >>> similar_sets([frozenset("ab"), frozenset("abc"), frozenset("xyz")], 0.5)
    [(0, 1, 0.6666666666666666)]
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"the threshold must be in (0, 1], not {threshold}")
    freq = Counter(tok for s in sets for tok in s)
    rank = {tok: r for r, tok in enumerate(sorted(freq, key=lambda t: (freq[t], repr(t))))}
    ordered = [sorted(rank[t] for t in s) for s in sets]
    by_size = sorted(range(len(sets)), key=lambda i: (len(ordered[i]), i))
    index: dict[int, list[int]] = defaultdict(list)
    pairs: list[tuple[int, int, float]] = []
    for i in by_size:
        x = ordered[i]
        n = len(x)
        if n == 0:
            continue
        min_size = math.ceil(threshold * n - _EPS)
        prefix = n - min_size + 1
        candidates: set[int] = set()
        for tok in x[:prefix]:
            for j in index[tok]:
                if len(ordered[j]) >= min_size:
                    candidates.add(j)
        xs = sets[i]
        for j in candidates:
            sim = jaccard(xs, sets[j])
            if sim >= threshold - _EPS:
                pairs.append((min(i, j), max(i, j), sim))
        for tok in x[:prefix]:
            index[tok].append(i)
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    return pairs
