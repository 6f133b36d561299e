"""Topics on which several ITU units, or units of several Sectors, are engaged, and whether
anything coordinates them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from ..queries import natural_key
from .model import Evidence, Item
from .read import COORDINATING_ROLES, Engagement, Placement, sector_key

__all__ = [
    "SharedEngagement",
    "UnitRole",
    "add_engagement",
    "shared_engagements",
    "unit_topic_graph",
]


@dataclass
class UnitRole:
    """One unit's part in a shared topic (``via``: the post through which it acts, if any).

    ``sectors`` are the Sectors, or the GS, the unit belongs to; ``basis`` says how the graph
    places it there: ``stated`` (a chain of sourced links), ``default`` (nothing places it in
    a Sector, so it is counted with the GS), or empty when it has no Sector.
    """

    unit: Item
    roles: list[str]
    via: list[str]
    sectors: list[str] = field(default_factory=list)
    basis: str = ""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class SharedEngagement:
    """A topic with two or more engaged units; ``status`` is coordinated or uncoordinated.

    ``sectors`` are the Sectors and the GS its units belong to (ITU-R, ITU-T, ITU-D, GS);
    it is ``inter_sectoral`` when there are two or more of them. ``evidence`` holds the units'
    passages first, then those of what coordinates the topic.
    """

    topic: Item
    units: list[UnitRole]
    sectors: list[str]
    inter_sectoral: bool
    status: str
    coordinated_by: list[str]
    why: str
    evidence: list[Evidence] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # coordinating agent id -> label


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
        for unit in e.units:
            add_engagement(g, unit, e)
    return g


def add_engagement(g: nx.Graph, who: Item, e: Engagement) -> None:
    """Add ``who`` (``bipartite`` 0), the engagement's topic (1) and the role on their edge."""
    g.add_node(who.id, bipartite=0, kind=who.kind, label=who.label)
    g.add_node(e.topic.id, bipartite=1, kind=e.topic.kind, label=e.topic.label)
    roles = g.get_edge_data(who.id, e.topic.id, default={}).get("roles", [])
    g.add_edge(who.id, e.topic.id, roles=sorted({*roles, e.role}))


def shared_engagements(
    engagements: list[Engagement],
    min_units: int = 2,
    unit_sectors: Mapping[str, Sequence[Placement]] | None = None,
) -> list[SharedEngagement]:
    """Topics engaged on by at least ``min_units`` distinct units, or by units of two or more
    Sectors (or of a Sector and the GS); inter-sectoral and uncoordinated first.

    ``unit_sectors`` places each unit (by short id) in its Sector(s) or the GS, as
    :func:`isc_graph.overlap.read.read_unit_sectors` reads them; a unit it leaves out has no
    Sector. A topic whose units span two or more of them is *inter-sectoral*. A topic is
    *coordinated* when it is itself a coordination body, when a coordination body is engaged
    on it, or when a focal point or coordinator is named for it, either on the topic itself
    or on what it is about (a WSIS Forum session's action line); otherwise *uncoordinated*.
    The order: inter-sectoral uncoordinated, other uncoordinated, inter-sectoral
    coordinated, the rest; then more units first, then by topic.

    Examples
    --------
    >>> from isc_graph.overlap.model import Item
    >>> from isc_graph.overlap.read import Engagement, Placement
    >>> bdt, spm = Item("BDT", "", "bureau"), Item("SPM", "", "department")
    >>> hack = Item("Hackathon", "", "session")
    >>> es = [Engagement(bdt, bdt, bdt, hack, "lead", ()),
    ...       Engagement(spm, spm, spm, hack, "lead", ())]
    >>> [(s.topic.id, s.status, [u.unit.id for u in s.units]) for s in shared_engagements(es)]
    [('Hackathon', 'uncoordinated', ['BDT', 'SPM'])]
    >>> places = {"BDT": [Placement(Item("ITU-D"))], "SPM": [Placement(Item("GS"), "default")]}
    >>> [shared] = shared_engagements(es, min_units=3, unit_sectors=places)
    >>> shared.sectors, shared.inter_sectoral
    (['ITU-D', 'GS'], True)
    >>> print(shared.why)  # doctest: +NORMALIZE_WHITESPACE
    ITU-D, with BDT as lead, and GS, with SPM as lead, are both engaged on Hackathon, and no
    coordination body, focal point or coordinator covers it in the graph. SPM counts with GS
    by default (no source names its Sector).
    """
    if min_units < 1:
        raise ValueError(f"min_units must be at least 1, not {min_units}")
    unit_sectors = unit_sectors or {}
    names = {p.sector.id: p.sector for places in unit_sectors.values() for p in places}
    by_topic: dict[str, list[Engagement]] = defaultdict(list)
    for e in engagements:
        by_topic[e.topic.id].append(e)
    result = []
    for es in by_topic.values():
        units = _unit_roles(es, unit_sectors)
        sectors = sorted({s for u in units for s in u.sectors}, key=sector_key)
        if len(units) < min_units and not (len(units) >= 2 and len(sectors) >= 2):
            continue
        result.append(_shared(es[0].topic, units, sectors, _covering(es, by_topic), names))
    result.sort(
        key=lambda s: (
            s.status != "uncoordinated",
            not s.inter_sectoral,
            # A span of Sectors the sources state outranks one that rests on a default
            # placement (a unit no source places, counted with the General Secretariat).
            not _spans_stated_sectors(s.units),
            -len(s.units),
            natural_key(s.topic.id),
        )
    )
    return result


def _spans_stated_sectors(units: Sequence[UnitRole]) -> bool:
    """Whether the units' stated placements alone span two or more Sectors (or the GS)."""
    return len({s for u in units if u.basis == "stated" for s in u.sectors}) >= 2


def _covering(
    es: list[Engagement], by_topic: Mapping[str, list[Engagement]]
) -> list[list[Engagement]]:
    """The engagements that cover the topic of ``es``: on the topic itself, then on each thing
    it is about."""
    about = sorted({a for e in es for a in e.about})
    return [[e for e in by_topic.get(key, []) if _covers(e)] for key in (es[0].topic.id, *about)]


def _shared(
    topic: Item,
    units: list[UnitRole],
    sectors: list[str],
    covering: list[list[Engagement]],
    names: Mapping[str, Item],
) -> SharedEngagement:
    """The finding for one topic; its passages: the units' first, then the coordination's."""
    coordinated_by = sorted(
        {f"{e.agent.id} ({e.role}, on {e.topic.id})" for group in covering for e in group}
    )
    if topic.kind == "coordination body":  # founding or joining one is coordination
        coordinated_by.insert(0, f"{topic.id} (itself a coordination body)")
    evidence = sorted({ev for u in units for ev in u.evidence})
    for group in covering:
        evidence += sorted({ev for e in group for ev in e.evidence})
    return SharedEngagement(
        topic=topic,
        units=units,
        sectors=sectors,
        inter_sectoral=len(sectors) >= 2,
        status="coordinated" if coordinated_by else "uncoordinated",
        coordinated_by=coordinated_by,
        why=_why(topic, units, sectors, names, covering),
        evidence=list(dict.fromkeys(evidence)),
        labels={e.agent.id: e.agent.label for group in covering for e in group if e.agent.label},
    )


def _unit_roles(
    es: list[Engagement], unit_sectors: Mapping[str, Sequence[Placement]]
) -> list[UnitRole]:
    """The units engaged in ``es`` (a post counts for its units), in natural order."""
    per_unit: dict[str, list[Engagement]] = defaultdict(list)
    items: dict[str, Item] = {}
    for e in es:
        for unit in e.units:
            per_unit[unit.id].append(e)
            items.setdefault(unit.id, unit)
    roles = []
    for uid in sorted(per_unit, key=natural_key):
        ue, places = per_unit[uid], unit_sectors.get(uid, ())
        roles.append(
            UnitRole(
                unit=items[uid],
                roles=sorted({e.role for e in ue}),
                via=sorted({e.agent.id for e in ue if e.agent.id != uid}),
                sectors=list(dict.fromkeys(p.sector.id for p in places)),
                basis=_basis(places),
                evidence=sorted({ev for e in ue for ev in e.evidence}),
            )
        )
    return roles


def _basis(places: Sequence[Placement]) -> str:
    """``stated`` if the graph states any of the placements, else ``default``, or ``""``."""
    if not places:
        return ""
    return "stated" if any(p.basis == "stated" for p in places) else "default"


def _and(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return " and ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


def _sector_name(sector_id: str, names: Mapping[str, Item]) -> str:
    """``ITU-T``; the General Secretariat by its name, with "the"."""
    item = names.get(sector_id)
    if item is not None and item.kind == "General Secretariat":
        return f"the {item.label or sector_id}"
    return sector_id


def _as_roles(units: Sequence[UnitRole], seen: set[str]) -> str:
    """``ITU-T-SG5 (ITU-T Study Group 5) and ITU-T-SG16 (…) as implementer; TSB as lead``:
    units with the same roles together, each named with its label the first time (``seen``
    collects the ids named so far)."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for u in units:
        groups.setdefault(tuple(u.roles), []).append(_first(u.unit, seen))
    return "; ".join(f"{_and(ids)} as {_and(list(roles))}" for roles, ids in groups.items())


def _first(item: Item, seen: set[str]) -> str:
    """The item with its label the first time it is named in a sentence, its id after."""
    if item.id in seen:
        return item.id
    seen.add(item.id)
    return item.name


def _listed(parts: Sequence[str]) -> str:
    """Parts that hold commas: ``A, and B,``; ``A; B; and C,``."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{parts[0]}, and {parts[1]},"
    return "; ".join(parts[:-1]) + f"; and {parts[-1]},"


def _coordination_text(topic: Item, covering: list[list[Engagement]], seen: set[str]) -> str:
    """Who coordinates: ``ISC-TF (Inter-Sectoral Coordination Task Force) as coordinator``,
    ``BDT as focal-point on C2`` for what the topic is about, ``as coordinator (also on X)``;
    empty when nobody does."""
    agents: dict[str, Item] = {}
    roles: dict[str, dict[str, list[str]]] = {}
    for group in covering:
        for e in group:
            agents.setdefault(e.agent.id, e.agent)
            on = roles.setdefault(e.agent.id, {}).setdefault(e.role, [])
            if e.topic.id not in on:
                on.append(e.topic.id)

    def role_text(role: str, on: list[str]) -> str:
        others = [t for t in on if t != topic.id]
        if len(others) == len(on):
            return f"{role} on {_and(others)}"
        return f"{role} (also on {_and(others)})" if others else role

    text = _and(
        [
            f"{_first(agents[a], seen)} as "
            + _and([role_text(r, on) for r, on in sorted(by_role.items())])
            for a, by_role in sorted(roles.items(), key=lambda kv: natural_key(kv[0]))
        ]
    )
    if topic.kind == "coordination body":
        itself = "itself, a coordination body"
        text = f"{itself}, and by {text}" if text else itself
    return text


def _why(
    topic: Item,
    units: list[UnitRole],
    sectors: list[str],
    names: Mapping[str, Item],
    covering: list[list[Engagement]],
) -> str:
    """One sentence: who is engaged (by Sector when they span several), and who coordinates;
    each unit and the topic named with their labels the first time."""
    within = ""
    seen: set[str] = set()
    if len(sectors) >= 2:
        parts = [
            f"{_sector_name(s, names)}, with "
            + _as_roles([u for u in units if s in u.sectors], seen)
            for s in sectors
        ]
        parts += [f"{_first(u.unit, seen)} as {_and(u.roles)}" for u in units if not u.sectors]
        who = _listed(parts)
    else:
        who = _and([f"{_first(u.unit, seen)} as {_and(u.roles)}" for u in units])
        if sectors and all(u.sectors for u in units):
            within = f"Within {_sector_name(sectors[0], names)}, "
    both = "both" if len(units if len(sectors) < 2 else parts) == 2 else "all"
    text = f"{within}{who} are {both} engaged on {topic.name}"
    coordination = _coordination_text(topic, covering, seen)
    if coordination:
        text += f"; coordinated by {coordination}."
    else:
        text += ", and no coordination body, focal point or coordinator covers it in the graph."
    return text + _default_note(units, names)


def _default_note(units: list[UnitRole], names: Mapping[str, Item]) -> str:
    """A sentence naming the units placed in a Sector (the GS) only by default, if any."""
    by_sector: dict[str, list[str]] = defaultdict(list)
    for u in units:
        if u.basis == "default":
            for s in u.sectors:
                by_sector[s].append(u.unit.id)
    return "".join(
        f" {_and(ids)} {'counts' if len(ids) == 1 else 'count'} with {_sector_name(s, names)} "
        f"by default (no source names {'its' if len(ids) == 1 else 'their'} Sector)."
        for s, ids in by_sector.items()
    )
