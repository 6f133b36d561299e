"""Mandates given twice, and mandates whose addressee has no reported activity."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from ..queries import natural_key
from .model import Evidence, Item
from .read import Mandate
from .similarity import group_identical, similar_sets

__all__ = [
    "DuplicatePair",
    "InactiveAddressee",
    "mandate_addressee_graph",
    "mandate_duplicates",
    "normalise_tokens",
    "unreported_addressees",
]

# Words that carry no action: articles, prepositions, conjunctions, and the connective verbs
# of operative clauses ("to continue to ensure …").
_STOPWORD_TEXT = (
    "a an and as at be been by for from in into its of on or such that the their them these "
    "this those to with within well all any other continue"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def normalise_tokens(text: str) -> frozenset[str]:
    """The set of lower-case word tokens of ``text`` without stop words, with a crude plural
    fold (``activities`` → ``activity``, ``sectors`` → ``sector``).

    Examples
    --------
    >>> sorted(normalise_tokens("to identify all forms of overlapping Activities"))
    ['activity', 'form', 'identify', 'overlapping']
    """
    tokens = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word in STOPWORDS:
            continue
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        tokens.add(word)
    return frozenset(tokens)


@dataclass
class DuplicatePair:
    """Two clauses whose actions are near-duplicates."""

    a: str
    b: str
    similarity: float
    scope: str  # within revision | across revisions | across instruments
    same_addressees: bool
    addressees_a: list[str]
    addressees_b: list[str]
    action_a: str
    action_b: str
    why: str
    evidence: list[Evidence] = field(default_factory=list)
    # id -> label of the clauses and addressees named above (what each clause asks, in short)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class InactiveAddressee:
    """An addressee of mandates with no engagement of its own (nor of its unit) in the graph."""

    addressee: Item
    mandates: list[str]
    why: str
    evidence: list[Evidence] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # clause id -> what it asks, in short


def mandate_addressee_graph(mandates: list[Mandate]) -> nx.Graph:
    """Bipartite graph of mandates (``bipartite`` 0) and their addressees (1).

    Examples
    --------
    >>> from isc_graph.overlap.model import Item
    >>> from isc_graph.overlap.read import Mandate
    >>> g = mandate_addressee_graph([Mandate("m", "R-m1", "instructs", "to act", "R", "R-1",
    ...                                      [Item("SG")])])
    >>> sorted(g.edges())
    [('R-m1', 'SG')]
    """
    g = nx.Graph()
    for m in mandates:
        g.add_node(m.id, bipartite=0, kind="mandate", revision=m.revision)
        for a in m.addressees:
            g.add_node(a.id, bipartite=1, kind=a.kind or "addressee", label=a.label)
            g.add_edge(m.id, a.id)
    return g


def _scope(a: Mandate, b: Mandate) -> str:
    if a.revision and a.revision == b.revision:
        return "within revision"
    if a.instrument and a.instrument == b.instrument:
        return "across revisions"
    return "across instruments"


def _names(items: list[Item], seen: set[str]) -> str:
    """The items with their labels, those already in ``seen`` by id only; adds to ``seen``."""
    out = []
    for x in items:
        out.append(x.id if x.id in seen else x.name)
        seen.add(x.id)
    return ", ".join(out)


def mandate_duplicates(
    mandates: list[Mandate],
    threshold: float = 0.7,
    evidence: dict[str, list[Evidence]] | None = None,
) -> list[DuplicatePair]:
    """Pairs of clauses whose normalised action tokens have Jaccard ≥ ``threshold``.

    Examples
    --------
    >>> from isc_graph.overlap.model import Item
    >>> from isc_graph.overlap.read import Mandate
    >>> ms = [Mandate("1", "R-2018-m1", "instructs", "to identify all overlapping activities",
    ...               "R", "R-2018", [Item("SG")]),
    ...       Mandate("2", "R-2018-m2", "instructs", "to identify overlapping activities",
    ...               "R", "R-2018", [Item("Dir-BDT")])]
    >>> [(p.a, p.b, p.similarity, p.scope) for p in mandate_duplicates(ms)]
    [('R-2018-m1', 'R-2018-m2', 1.0, 'within revision')]
    """
    evidence = evidence or {}
    tokens = [(i, normalise_tokens(m.action)) for i, m in enumerate(mandates)]
    groups = group_identical(tokens)
    signatures = list(groups)
    candidates: list[tuple[int, int, float]] = []
    for members in groups.values():
        candidates += [(i, j, 1.0) for k, i in enumerate(members) for j in members[k + 1 :]]
    for x, y, sim in similar_sets(signatures, threshold):
        candidates += [(i, j, sim) for i in groups[signatures[x]] for j in groups[signatures[y]]]
    result = []
    for i, j, sim in candidates:
        a, b = sorted((mandates[i], mandates[j]), key=lambda m: m.id)  # type: ignore[index]
        who_a = [x.id for x in a.addressees]
        who_b = [x.id for x in b.addressees]
        scope = _scope(a, b)
        same = who_a == who_b
        seen: set[str] = set()
        to_whom = (
            f"to the same addressees ({_names(a.addressees, seen)})"
            if same
            else (
                f"to {_names(a.addressees, seen) or 'nobody named'} "
                f"and to {_names(b.addressees, seen) or 'nobody named'}"
            )
        )
        clauses = (
            f"{a.item.name} and {b.item.name}"
            if a.short_label != b.short_label
            else f"{a.id} and {b.id} (both: {a.short_label})"
        )
        result.append(
            DuplicatePair(
                a=a.id,
                b=b.id,
                similarity=round(sim, 4),
                scope=scope,
                same_addressees=same,
                addressees_a=who_a,
                addressees_b=who_b,
                action_a=a.action,
                action_b=b.action,
                why=f"{clauses}, {scope}, give nearly the same action "
                f"(token similarity {sim:.2f}) {to_whom}.",
                evidence=sorted({*evidence.get(a.iri, []), *evidence.get(b.iri, [])}),
                labels={
                    x.id: x.label for x in (a.item, b.item, *a.addressees, *b.addressees) if x.label
                },
            )
        )
    result.sort(key=lambda p: (-p.similarity, natural_key(p.a), natural_key(p.b)))
    return result


def unreported_addressees(
    mandates: list[Mandate],
    active_agents: set[str],
    post_units: dict[str, str],
    evidence: dict[str, list[Evidence]] | None = None,
) -> list[InactiveAddressee]:
    """Addressees with no engagement in the graph, neither their own nor (for a post, such
    as a Director) their unit's, with the mandates addressed to them.

    Examples
    --------
    >>> from isc_graph.overlap.model import Item
    >>> from isc_graph.overlap.read import Mandate
    >>> ms = [Mandate("1", "R-m1", "invites", "to support", "R", "", [Item("MemberStates"),
    ...                                                                 Item("Dir-BDT")])]
    >>> [a.addressee.id for a in unreported_addressees(ms, {"BDT"}, {"Dir-BDT": "BDT"})]
    ['MemberStates']
    """
    evidence = evidence or {}
    by_addressee: dict[Item, list[Mandate]] = defaultdict(list)
    for m in mandates:
        for a in m.addressees:
            by_addressee[a].append(m)
    result = []
    for addressee, ms in sorted(by_addressee.items(), key=lambda kv: natural_key(kv[0].id)):
        unit = post_units.get(addressee.id)
        if addressee.id in active_agents or (unit is not None and unit in active_agents):
            continue
        ms = sorted({m.id: m for m in ms}.values(), key=lambda m: natural_key(m.id))
        ids = [m.id for m in ms]
        result.append(
            InactiveAddressee(
                addressee=addressee,
                mandates=ids,
                why=f"{addressee.name} is asked to act by {len(ids)} clause"
                f"{'s' if len(ids) != 1 else ''} ({', '.join(ids)}), but no activity of "
                f"{addressee.id}{f' or {unit}' if unit else ''} is reported in the graph.",
                evidence=sorted({ev for m in ms for ev in evidence.get(m.iri, [])}),
                labels={m.id: m.short_label for m in ms},
            )
        )
    return result
