"""Topics on which several ITU units are engaged, and whether anything coordinates them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from .model import Evidence, Item
from .read import COORDINATING_ROLES, Engagement

__all__ = [
    "SharedEngagement",
    "UnitRole",
    "add_engagement",
    "shared_engagements",
    "unit_topic_graph",
]


@dataclass
class UnitRole:
    """One unit's part in a shared topic (``via``: the post through which it acts, if any)."""

    unit: Item
    roles: list[str]
    via: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class SharedEngagement:
    """A topic with two or more engaged units; ``status`` is coordinated or uncoordinated."""

    topic: Item
    units: list[UnitRole]
    status: str
    coordinated_by: list[str]
    why: str
    evidence: list[Evidence] = field(default_factory=list)


def _covers(e: Engagement) -> bool:
    """A coordination body engaged on a topic, or a focal point or coordinator for it,
    covers it."""
    return e.agent.kind == "coordination body" or e.role in COORDINATING_ROLES


def unit_topic_graph(engagements: list[Engagement]) -> nx.Graph:
    """Bipartite graph of ITU units (``bipartite`` 0) and the topics they are engaged on (1);
    each edge keeps the roles (``roles``) in sorted order.

    Examples
    --------
    >>> from isc_graph.overlap.model import Item
    >>> from isc_graph.overlap.read import Engagement
    >>> bdt, c2 = Item("BDT", "", "bureau"), Item("C2", "", "action line")
    >>> g = unit_topic_graph([Engagement(bdt, bdt, bdt, c2, "lead", ())])
    >>> g.edges["BDT", "C2"]["roles"]
    ['lead']
    """
    g = nx.Graph()
    for e in engagements:
        if e.unit is not None:
            add_engagement(g, e.unit, e)
    return g


def add_engagement(g: nx.Graph, who: Item, e: Engagement) -> None:
    """Add ``who`` (``bipartite`` 0), the engagement's topic (1) and the role on their edge."""
    g.add_node(who.id, bipartite=0, kind=who.kind, label=who.label)
    g.add_node(e.topic.id, bipartite=1, kind=e.topic.kind, label=e.topic.label)
    roles = g.get_edge_data(who.id, e.topic.id, default={}).get("roles", [])
    g.add_edge(who.id, e.topic.id, roles=sorted({*roles, e.role}))


def shared_engagements(engagements: list[Engagement], min_units: int = 2) -> list[SharedEngagement]:
    """Topics engaged on by at least ``min_units`` distinct units, uncoordinated first.

    A topic is *coordinated* when a coordination body is engaged on it, or a focal point or
    coordinator is named for it, either on the topic itself or on what it is about (a WSIS
    Forum session's action line); otherwise *uncoordinated*.

    Examples
    --------
    >>> from isc_graph.overlap.model import Item
    >>> from isc_graph.overlap.read import Engagement
    >>> bdt, spm = Item("BDT", "", "bureau"), Item("SPM", "", "department")
    >>> hack = Item("Hackathon", "", "session")
    >>> es = [Engagement(bdt, bdt, bdt, hack, "lead", ()),
    ...       Engagement(spm, spm, spm, hack, "lead", ())]
    >>> [(s.topic.id, s.status, [u.unit.id for u in s.units]) for s in shared_engagements(es)]
    [('Hackathon', 'uncoordinated', ['BDT', 'SPM'])]
    """
    if min_units < 1:
        raise ValueError(f"min_units must be at least 1, not {min_units}")
    by_topic: dict[str, list[Engagement]] = defaultdict(list)
    for e in engagements:
        by_topic[e.topic.id].append(e)
    result = []
    for topic_id, es in by_topic.items():
        per_unit: dict[Item, list[Engagement]] = defaultdict(list)
        for e in es:
            if e.unit is not None:
                per_unit[e.unit].append(e)
        if len(per_unit) < min_units:
            continue
        topic = es[0].topic
        covering = [
            e
            for key in (topic_id, *sorted({a for e in es for a in e.about}))
            for e in by_topic.get(key, [])
            if _covers(e)
        ]
        coordinated_by = sorted({f"{e.agent.id} ({e.role}, on {e.topic.id})" for e in covering})
        units = [
            UnitRole(
                unit=unit,
                roles=sorted({e.role for e in ue}),
                via=sorted({e.agent.id for e in ue if e.agent.id != unit.id}),
                evidence=sorted({ev for e in ue for ev in e.evidence}),
            )
            for unit, ue in sorted(per_unit.items(), key=lambda kv: kv[0].id)
        ]
        who = ", ".join(f"{u.unit.id} ({', '.join(u.roles)})" for u in units)
        who = " and ".join(who.rsplit(", ", 1)) if len(units) > 1 else who
        all_of = "both" if len(units) == 2 else "all"
        if coordinated_by:
            status = "coordinated"
            why = (
                f"{who} are {all_of} engaged on {topic_id}; covered by {', '.join(coordinated_by)}."
            )
        else:
            status = "uncoordinated"
            why = (
                f"{who} are {all_of} engaged on {topic_id}, and no coordination body, focal "
                "point or coordinator covers it in the graph."
            )
        result.append(
            SharedEngagement(
                topic=topic,
                units=units,
                status=status,
                coordinated_by=coordinated_by,
                why=why,
                evidence=sorted(
                    {ev for u in units for ev in u.evidence}
                    | {ev for e in covering for ev in e.evidence}
                ),
            )
        )
    result.sort(key=lambda s: (s.status != "uncoordinated", -len(s.units), s.topic.id))
    return result
