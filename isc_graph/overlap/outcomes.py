"""Outcomes that contribute to the same things: identical signatures and similar pairs.

An outcome's *signature* is the set of SDGs and WSIS action lines it contributes to. Outcomes
(across objectives and Sectors) with the same signature, or with similar ones, are where
two plans may fund the same work twice.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

import networkx as nx

from ..queries import natural_key
from .model import Evidence, Item, to_plain
from .read import Outcome
from .similarity import group_identical, similar_set_arrays

__all__ = [
    "SignatureGroup",
    "SimilarPair",
    "SimilarPairs",
    "contribution_graph",
    "identical_signatures",
    "signature_groups",
    "similar_pairs",
]


@dataclass
class SignatureGroup:
    """Outcomes whose contributions are exactly the same."""

    signature: list[str]
    outcomes: list[Item]
    objectives: list[str]
    why: str
    evidence: list[Evidence] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # SDG or action line -> its label


class SimilarPair:
    """Two signatures, each shared by one or more outcomes, with Jaccard ≥ the threshold.

    ``a`` and ``b`` list the outcomes of each signature; the sentence, the shared items and
    the merged passages are made when asked for (``why``, ``shared``, ``evidence``,
    ``to_dict()``), since a large graph has hundreds of thousands of pairs.
    """

    __slots__ = ("_a", "_a_evidence", "_b", "_b_evidence", "a", "b", "jaccard", "threshold")

    def __init__(
        self,
        a: list[Item],
        b: list[Item],
        jaccard: float,
        signature_a: list[str],
        signature_b: list[str],
        threshold: float,
        a_evidence: list[Evidence] | None = None,
        b_evidence: list[Evidence] | None = None,
    ) -> None:
        self.a, self.b, self.jaccard, self.threshold = a, b, jaccard, threshold
        self._a, self._b = signature_a, signature_b  # each in display order
        self._a_evidence = a_evidence or []
        self._b_evidence = b_evidence or []

    @property
    def shared(self) -> list[str]:
        """Items both signatures contain."""
        b = set(self._b)
        return [x for x in self._a if x in b]

    @property
    def only_a(self) -> list[str]:
        b = set(self._b)
        return [x for x in self._a if x not in b]

    @property
    def only_b(self) -> list[str]:
        a = set(self._a)
        return [x for x in self._b if x not in a]

    def __repr__(self) -> str:
        return f"SimilarPair({[o.id for o in self.a]}, {[o.id for o in self.b]}, {self.jaccard})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SimilarPair):
            return NotImplemented
        return (self.a, self.b, self.jaccard, self._a, self._b) == (
            other.a,
            other.b,
            other.jaccard,
            other._a,
            other._b,
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def outcome_pairs(self) -> int:
        return len(self.a) * len(self.b)

    @property
    def why(self) -> str:
        a = ", ".join(o.id for o in self.a)
        b = ", ".join(o.id for o in self.b)
        union = len(self.shared) + len(self.only_a) + len(self.only_b)
        return (
            f"{a} and {b} share {len(self.shared)} of the {union} items they contribute to "
            f"(Jaccard {self.jaccard:.2f} ≥ {self.threshold:g})."
        )

    @property
    def evidence(self) -> list[Evidence]:
        return sorted({*self._a_evidence, *self._b_evidence})

    def set_evidence(self, a: list[Evidence], b: list[Evidence]) -> None:
        self._a_evidence, self._b_evidence = a, b

    def to_dict(self) -> dict:
        return {
            "a": [to_plain(o) for o in self.a],
            "b": [to_plain(o) for o in self.b],
            "jaccard": round(self.jaccard, 4),
            "shared": self.shared,
            "only_a": self.only_a,
            "only_b": self.only_b,
            "outcome_pairs": self.outcome_pairs,
            "why": self.why,
            "evidence": [to_plain(e) for e in self.evidence],
        }


class SimilarPairs(Sequence[SimilarPair]):
    """The similar pairs of a graph, kept as arrays and made into :class:`SimilarPair` on access.

    A graph of 10⁵ outcomes can have millions of similar pairs; holding each as an object
    (and its passages) costs gigabytes, so the pairs are three arrays (first signature,
    second signature, similarity) over per-signature tables shared by all the pairs of a
    signature. It is a sequence: ``len``, indexing, slicing and iteration work as on a list,
    and it compares equal to a list of the same pairs.

    Examples
    --------
    >>> pairs = SimilarPairs.empty(0.5)
    >>> len(pairs), pairs == [], list(pairs[:3])
    (0, True, [])
    """

    def __init__(
        self,
        first: Sequence[int],
        second: Sequence[int],
        similarity: Sequence[float],
        items: list[list[Item]],
        signatures: list[list[str]],
        threshold: float,
    ) -> None:
        self._first, self._second = first, second
        self._similarity = similarity
        self._items, self._signatures = items, signatures
        self._evidence: list[list[Evidence]] = [[] for _ in items]
        self.threshold = threshold

    @classmethod
    def empty(cls, threshold: float) -> SimilarPairs:
        """No pairs."""
        return cls([], [], [], [], [], threshold)

    def __len__(self) -> int:
        return len(self._first)

    @overload
    def __getitem__(self, index: int) -> SimilarPair: ...

    @overload
    def __getitem__(self, index: slice) -> list[SimilarPair]: ...

    def __getitem__(self, index: int | slice) -> SimilarPair | list[SimilarPair]:
        if isinstance(index, slice):
            return [self._pair(k) for k in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("similar pair index out of range")
        return self._pair(index)

    def __iter__(self) -> Iterator[SimilarPair]:
        return (self._pair(k) for k in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, SimilarPairs)):
            return len(self) == len(other) and all(x == y for x, y in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{len(self)} similar pairs, Jaccard ≥ {self.threshold:g}>"

    def _pair(self, k: int) -> SimilarPair:
        i, j = int(self._first[k]), int(self._second[k])
        return SimilarPair(
            self._items[i],
            self._items[j],
            float(self._similarity[k]),
            self._signatures[i],
            self._signatures[j],
            self.threshold,
            self._evidence[i],
            self._evidence[j],
        )

    def outcome_ids(self) -> set[str]:
        """The ids of the outcomes in at least one pair."""
        used = {int(i) for i in self._first} | {int(j) for j in self._second}
        return {o.id for i in used for o in self._items[i]}

    def attach_evidence(self, passages: Callable[..., list[Evidence]]) -> None:
        """Set each signature's passages to ``passages(*outcome_ids)`` (sorted, no repeats)."""
        used = {int(i) for i in self._first} | {int(j) for j in self._second}
        for i in used:
            self._evidence[i] = passages(*(o.id for o in self._items[i]))

    def cited(self) -> Iterator[Evidence]:
        """The passages of the signatures in at least one pair (each signature once)."""
        used = {int(i) for i in self._first} | {int(j) for j in self._second}
        return (e for i in sorted(used) for e in self._evidence[i])

    def dicts(self) -> Iterator[dict]:
        """Each pair as :meth:`SimilarPair.to_dict` gives it, one at a time.

        The outcome lists and passages of a signature are made into plain values once and
        shared by its pairs, so writing millions of pairs is linear in what is written.
        """
        plain_items: dict[int, list[dict]] = {}
        # Passages are numbered once, in their sorted order, so that merging two signatures'
        # passages compares numbers rather than passages (hashing and comparing the
        # passage objects was most of the time of writing a large report).
        used = sorted({int(i) for i in self._first} | {int(j) for j in self._second})
        order = sorted({e for i in used for e in self._evidence[i]})
        number = {e: n for n, e in enumerate(order)}
        plain_evidence = [
            {"document": e.document, "locator": e.locator, "quote": e.quote} for e in order
        ]
        numbered = {i: [number[e] for e in self._evidence[i]] for i in used}

        def items(i: int) -> list[dict]:
            if i not in plain_items:
                plain_items[i] = [
                    {"id": o.id, "label": o.label, "kind": o.kind} for o in self._items[i]
                ]
            return plain_items[i]

        for k in range(len(self)):
            i, j = int(self._first[k]), int(self._second[k])
            pair = self._pair(k)
            shared, only_a, only_b = pair.shared, pair.only_a, pair.only_b
            a_ids = ", ".join(o.id for o in self._items[i])
            b_ids = ", ".join(o.id for o in self._items[j])
            merged = heapq.merge(numbered[i], numbered[j])
            yield {
                "a": items(i),
                "b": items(j),
                "jaccard": round(pair.jaccard, 4),
                "shared": shared,
                "only_a": only_a,
                "only_b": only_b,
                "outcome_pairs": pair.outcome_pairs,
                "why": f"{a_ids} and {b_ids} share {len(shared)} of the "
                f"{len(shared) + len(only_a) + len(only_b)} items they contribute to "
                f"(Jaccard {pair.jaccard:.2f} ≥ {self.threshold:g}).",
                "evidence": [plain_evidence[n] for n, _ in itertools.groupby(merged)],
            }


def _item(o: Outcome) -> Item:
    return Item(o.id, o.label, f"outcome of {o.objective}")


def _order_key(code: str) -> tuple:
    if code.startswith("SDG "):
        return (0, [int(p) if p.isdigit() else 0 for p in code[4:].split(".")], code)
    digits = "".join(ch for ch in code if ch.isdigit())
    return (1, [int(digits or 0)], code)


class _Orderer:
    """SDGs by number, then action lines by number (SDG 5, SDG 10, C2, C11); keys cached."""

    def __init__(self) -> None:
        self.keys: dict[str, tuple] = {}

    def __call__(self, items: set[str] | frozenset[str]) -> list[str]:
        keys = self.keys
        for item in items:
            if item not in keys:
                keys[item] = _order_key(item)
        return sorted(items, key=keys.__getitem__)


_order = _Orderer()


def contribution_graph(outcomes: list[Outcome]) -> nx.Graph:
    """The bipartite outcome–contribution graph (``bipartite`` 0: outcomes, 1: SDGs and lines).

    Examples
    --------
    >>> from isc_graph.overlap.read import Outcome
    >>> g = contribution_graph([Outcome("x", "D.2-1", "", "D.2", "BDT", {"SDG 5", "C2"})])
    >>> sorted(g.edges())
    [('D.2-1', 'C2'), ('D.2-1', 'SDG 5')]
    """
    g = nx.Graph()
    for o in outcomes:
        g.add_node(o.id, bipartite=0, kind="outcome", objective=o.objective)
        for item in o.items:
            g.add_node(item, bipartite=1, kind="SDG" if item.startswith("SDG") else "action line")
            g.add_edge(o.id, item)
    return g


def signature_groups(outcomes: list[Outcome]) -> dict[frozenset, list[Outcome]]:
    """Outcomes by signature (the set of their contributions); no-contribution ones left out."""
    by_key = {o.iri: o for o in outcomes}
    grouped = group_identical((o.iri, frozenset(o.items)) for o in outcomes)
    return {sig: [by_key[k] for k in keys] for sig, keys in grouped.items()}  # type: ignore[index]


def identical_signatures(
    outcomes: list[Outcome],
    evidence: dict[str, list[Evidence]] | None = None,
    groups: dict[frozenset, list[Outcome]] | None = None,
) -> list[SignatureGroup]:
    """Groups of two or more outcomes with the same (non-empty) signature, largest first.

    Examples
    --------
    >>> from isc_graph.overlap.read import Outcome
    >>> os = [Outcome("1", "D.1-1", "", "D.1", "BDT", {"SDG 5"}),
    ...       Outcome("2", "D.4-1", "", "D.4", "BDT", {"SDG 5"}),
    ...       Outcome("3", "D.4-2", "", "D.4", "BDT", {"SDG 4"})]
    >>> [([o.id for o in g.outcomes], g.signature) for g in identical_signatures(os)]
    [(['D.1-1', 'D.4-1'], ['SDG 5'])]
    """
    evidence = evidence or {}
    result = []
    for sig, members in (groups if groups is not None else signature_groups(outcomes)).items():
        if len(members) < 2:
            continue
        objectives = sorted({o.objective for o in members}, key=natural_key)
        across = (
            "across objectives " + ", ".join(objectives)
            if len(objectives) > 1
            else (f"within objective {objectives[0]}")
        )
        result.append(
            SignatureGroup(
                signature=_order(sig),
                outcomes=[_item(o) for o in members],
                objectives=objectives,
                why=f"{len(members)} outcomes {across} contribute to exactly the same "
                f"{len(sig)} item{'s' if len(sig) != 1 else ''} ({', '.join(_order(sig))}).",
                evidence=sorted({ev for o in members for ev in evidence.get(o.iri, [])}),
            )
        )
    result.sort(
        key=lambda g: (-len(g.outcomes), -len(g.signature), [natural_key(o.id) for o in g.outcomes])
    )
    return result


def similar_pairs(
    outcomes: list[Outcome],
    threshold: float = 0.5,
    evidence: dict[str, list[Evidence]] | None = None,
    groups: dict[frozenset, list[Outcome]] | None = None,
) -> SimilarPairs:
    """Pairs of distinct signatures with Jaccard similarity ≥ ``threshold`` (at it counts).

    Outcomes with identical signatures travel together (``a`` and ``b`` list them), so a pair
    of signatures stands for ``outcome_pairs`` pairs of outcomes; identical signatures are
    reported by :func:`identical_signatures`, not here. Within a pair, ``a`` is the side
    whose outcome ids come first; pairs are ordered by decreasing similarity, then by the
    first outcome id, size and ids of ``a``, then of ``b``.

    Examples
    --------
    >>> from isc_graph.overlap.read import Outcome
    >>> os = [Outcome("1", "D.1-1", "", "D.1", "BDT", {"SDG 5", "SDG 4", "C2"}),
    ...       Outcome("2", "D.4-1", "", "D.4", "BDT", {"SDG 5", "SDG 4"})]
    >>> [(p.a[0].id, p.b[0].id, round(p.jaccard, 2), p.shared) for p in similar_pairs(os, 0.5)]
    [('D.1-1', 'D.4-1', 0.67, ['SDG 4', 'SDG 5'])]
    """
    import numpy as np

    evidence = evidence or {}
    groups = groups if groups is not None else signature_groups(outcomes)
    signatures = list(groups)
    first, second, similarity = similar_set_arrays(signatures, threshold)
    if not first.size:
        return SimilarPairs.empty(threshold)
    # Only the signatures in a pair are made into items and sorted lists.
    used = np.unique(np.concatenate([first, second]))
    local = np.full(len(signatures), -1, dtype=np.int64)
    local[used] = np.arange(used.size)
    members = [groups[signatures[k]] for k in used.tolist()]
    items = [[_item(o) for o in group] for group in members]
    ordered = [_order(signatures[k]) for k in used.tolist()]
    # Each signature's rank by (first outcome id, size, all ids): ``a`` is the lower rank.
    keys = [(group[0].id, len(group), [o.id for o in group]) for group in members]
    rank = np.empty(len(keys), dtype=np.int64)
    rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    x, y = local[first], local[second]
    swap = rank[y] < rank[x]
    a, b = np.where(swap, y, x), np.where(swap, x, y)
    keep = similarity < 1.0 - 1e-9  # distinct signatures are never identical; be safe
    a, b, similarity = a[keep], b[keep], similarity[keep]
    order = np.lexsort((rank[b], rank[a], -similarity))
    pairs = SimilarPairs(a[order], b[order], similarity[order], items, ordered, threshold)
    if evidence:
        by_id = {o.id: evidence.get(o.iri, []) for group in members for o in group}
        pairs.attach_evidence(lambda *ids: sorted({ev for i in ids for ev in by_id[i]}))
    return pairs
