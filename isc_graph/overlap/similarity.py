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

import numpy as np

__all__ = ["group_identical", "jaccard", "similar_set_arrays", "similar_sets"]

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
    similarity, then by index. :func:`similar_set_arrays` gives the same pairs as arrays.

    Examples
    --------
    >>> similar_sets([frozenset("ab"), frozenset("abc"), frozenset("xyz")], 0.5)
    [(0, 1, 0.6666666666666666)]
    """
    first, second, similarity = similar_set_arrays(sets, threshold)
    pairs = list(zip(first.tolist(), second.tolist(), similarity.tolist(), strict=True))
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    return pairs


def similar_set_arrays(
    sets: Sequence[frozenset], threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs of :func:`similar_sets` as three arrays (``i``, ``j``, similarity), ``i < j``.

    Sets are ranked rarest token first and indexed under their prefix tokens only
    (``|x| - ceil(t·|x|) + 1`` of them: two sets with Jaccard ≥ ``t`` share a prefix token).
    The sets under one token are verified exactly, as bitsets, in numpy blocks, with the
    length filter (``t·|x| ≤ |y| ≤ |x| / t``) applied before the bit counts; pairs found under
    several tokens are kept once. The order of the pairs is unspecified.

    Examples
    --------
    >>> i, j, sim = similar_set_arrays([frozenset("ab"), frozenset("xy"), frozenset("b")], 0.5)
    >>> i.tolist(), j.tolist(), sim.tolist()
    ([0], [2], [0.5])
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"the threshold must be in (0, 1], not {threshold}")
    n = len(sets)
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64))
    if n < 2:
        return empty
    freq = Counter(tok for s in sets for tok in s)
    rank = {tok: r for r, tok in enumerate(sorted(freq, key=lambda t: (freq[t], repr(t))))}
    words = (len(rank) + 63) // 64
    masks = []
    postings: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        ranks = sorted(rank[t] for t in s)
        prefix = ranks[: len(ranks) - math.ceil(threshold * len(ranks) - _EPS) + 1]
        for r in prefix:
            postings[r].append(i)
        mask = sum(1 << r for r in ranks)
        masks.append([(mask >> (64 * w)) & 0xFFFFFFFFFFFFFFFF for w in range(words)])
    bits = np.array(masks, dtype=np.uint64).reshape(n, words)
    sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=n)
    found_i, found_j, found_sim = [], [], []
    block = 256
    for r in sorted(postings):
        members = np.array(postings[r], dtype=np.int64)
        m = members.size
        if m < 2:
            continue
        # Smallest sets first, so that the length filter is a cut-off column per block.
        members = members[np.argsort(sizes[members], kind="stable")]
        member_bits, member_sizes = bits[members], sizes[members]
        for start in range(0, m - 1, block):
            stop = min(start + block, m)
            # Length filter: a set of size |y| > |x| / t cannot reach t with x.
            end = int(
                np.searchsorted(member_sizes, member_sizes[stop - 1] / threshold + _EPS, "right")
            )
            if end <= start + 1:
                continue
            inter = np.zeros((stop - start, end - start - 1), dtype=np.int32)
            for w in range(words):  # word by word: cheaper than a reduction over a short axis
                inter += np.bitwise_count(
                    member_bits[start:stop, w, None] & member_bits[None, start + 1 : end, w]
                )
            row_sizes = member_sizes[start:stop, None]
            col_sizes = member_sizes[None, start + 1 : end]
            sim = inter / (row_sizes + col_sizes - inter)
            # Upper triangle only: column k of this block is member start + 1 + k.
            upper = np.arange(start + 1, end)[None, :] > np.arange(start, stop)[:, None]
            hit_r, hit_c = np.nonzero((sim >= threshold - _EPS) & upper)
            if hit_r.size:
                x, y = members[start + hit_r], members[start + 1 + hit_c]
                found_i.append(np.minimum(x, y))
                found_j.append(np.maximum(x, y))
                found_sim.append(sim[hit_r, hit_c])
    if not found_i:
        return empty
    i_all, j_all = np.concatenate(found_i), np.concatenate(found_j)
    s_all = np.concatenate(found_sim)
    # A pair found under several prefix tokens is kept once.
    _, first = np.unique(i_all * n + j_all, return_index=True)
    return i_all[first], j_all[first], s_all[first]
