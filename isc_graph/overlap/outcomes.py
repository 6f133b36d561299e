"""Outcomes that contribute to the same things: identical signatures and similar pairs.

An outcome's *signature* is the set of SDGs and WSIS action lines it contributes to. Outcomes
(across objectives and Sectors) with the same signature, or with similar ones, are where
two plans may fund the same work twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from .model import Evidence, Item, to_plain
from .read import Outcome
from .similarity import group_identical, similar_sets

__all__ = [
    "SignatureGroup",
    "SimilarPair",
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


class SimilarPair:
    """Two signatures, each shared by one or more outcomes, with Jaccard ≥ the threshold.

    There can be hundreds of thousands of these in a large graph, so the sentence and the
    merged passages are made when asked for (``why``, ``evidence``, ``to_dict()``), and the
    outcome lists are shared between the pairs of a signature.
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
        objectives = sorted({o.objective for o in members})
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
    result.sort(key=lambda g: (-len(g.outcomes), -len(g.signature), [o.id for o in g.outcomes]))
    return result


def similar_pairs(
    outcomes: list[Outcome],
    threshold: float = 0.5,
    evidence: dict[str, list[Evidence]] | None = None,
    groups: dict[frozenset, list[Outcome]] | None = None,
) -> list[SimilarPair]:
    """Pairs of distinct signatures with Jaccard similarity ≥ ``threshold`` (at it counts).

    Outcomes with identical signatures travel together (``a`` and ``b`` list them), so a pair
    of signatures stands for ``outcome_pairs`` pairs of outcomes; identical signatures are
    reported by :func:`identical_signatures`, not here.

    Examples
    --------
    >>> from isc_graph.overlap.read import Outcome
    >>> os = [Outcome("1", "D.1-1", "", "D.1", "BDT", {"SDG 5", "SDG 4", "C2"}),
    ...       Outcome("2", "D.4-1", "", "D.4", "BDT", {"SDG 5", "SDG 4"})]
    >>> [(p.a[0].id, p.b[0].id, round(p.jaccard, 2), p.shared) for p in similar_pairs(os, 0.5)]
    [('D.1-1', 'D.4-1', 0.67, ['SDG 4', 'SDG 5'])]
    """
    evidence = evidence or {}
    groups = groups if groups is not None else signature_groups(outcomes)
    signatures = list(groups)
    # Per signature, once: its outcomes as items, their ids, their passages.
    items = [[_item(o) for o in groups[sig]] for sig in signatures]
    ordered = [_order(sig) for sig in signatures]
    names = [", ".join(o.id for o in groups[sig]) for sig in signatures]
    passages = [
        sorted({ev for o in groups[sig] for ev in evidence.get(o.iri, [])}) for sig in signatures
    ]
    result = []
    for i, j, sim in similar_sets(signatures, threshold):
        if sim >= 1.0:
            continue
        if names[j] < names[i]:
            i, j = j, i
        result.append(
            SimilarPair(
                items[i], items[j], sim, ordered[i], ordered[j], threshold, passages[i], passages[j]
            )
        )
    result.sort(key=lambda p: (-p.jaccard, p.a[0].id, p.b[0].id, len(p.a), len(p.b)))
    return result
