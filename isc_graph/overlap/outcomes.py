"""Outcomes that contribute to the same things: identical signatures and similar pairs.

An outcome's *signature* is the set of SDGs and WSIS action lines it contributes to. Outcomes
(across objectives and Sectors) with the same signature, or with similar ones, are where
two plans may fund the same work twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from .model import Evidence, Item
from .read import Outcome
from .similarity import group_identical, similar_sets

__all__ = [
    "SignatureGroup",
    "SimilarPair",
    "contribution_graph",
    "identical_signatures",
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


@dataclass
class SimilarPair:
    """Two signatures, each shared by one or more outcomes, with Jaccard ≥ the threshold."""

    a: list[Item]
    b: list[Item]
    jaccard: float
    shared: list[str]
    only_a: list[str]
    only_b: list[str]
    outcome_pairs: int
    why: str
    evidence: list[Evidence] = field(default_factory=list)


def _item(o: Outcome) -> Item:
    return Item(o.id, o.label, f"outcome of {o.objective}")


def _order(items: set[str] | frozenset[str]) -> list[str]:
    """SDGs by number, then action lines by number: SDG 5, SDG 10, C2, C11."""

    def key(code: str) -> tuple:
        if code.startswith("SDG "):
            return (0, [int(p) if p.isdigit() else 0 for p in code[4:].split(".")], code)
        digits = "".join(ch for ch in code if ch.isdigit())
        return (1, [int(digits or 0)], code)

    return sorted(items, key=key)


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


def _groups(outcomes: list[Outcome]) -> dict[frozenset, list[Outcome]]:
    by_key = {o.iri: o for o in outcomes}
    grouped = group_identical((o.iri, frozenset(o.items)) for o in outcomes)
    return {sig: [by_key[k] for k in keys] for sig, keys in grouped.items()}  # type: ignore[index]


def identical_signatures(
    outcomes: list[Outcome], evidence: dict[str, list[Evidence]] | None = None
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
    for sig, members in _groups(outcomes).items():
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
    groups = _groups(outcomes)
    signatures = list(groups)
    result = []
    for i, j, sim in similar_sets(signatures, threshold):
        if sim >= 1.0:
            continue
        sa, sb = signatures[i], signatures[j]
        ga, gb = groups[sa], groups[sb]
        if [o.id for o in gb] < [o.id for o in ga]:
            sa, sb, ga, gb = sb, sa, gb, ga
        shared = _order(sa & sb)
        a_ids = ", ".join(o.id for o in ga)
        b_ids = ", ".join(o.id for o in gb)
        result.append(
            SimilarPair(
                a=[_item(o) for o in ga],
                b=[_item(o) for o in gb],
                jaccard=round(sim, 4),
                shared=shared,
                only_a=_order(sa - sb),
                only_b=_order(sb - sa),
                outcome_pairs=len(ga) * len(gb),
                why=f"{a_ids} and {b_ids} share {len(shared)} of the {len(sa | sb)} items "
                f"they contribute to (Jaccard {sim:.2f} ≥ {threshold:g}).",
                evidence=sorted({ev for o in (*ga, *gb) for ev in evidence.get(o.iri, [])}),
            )
        )
    result.sort(key=lambda p: (-p.jaccard, [o.id for o in p.a], [o.id for o in p.b]))
    return result
