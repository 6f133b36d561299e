"""Read what the analyses need from the store: a few SPARQL SELECTs, streamed.

Nothing here converts the RDF graph as a whole: each reader asks for one kind of fact
(outcomes and their contributions, engagements, mandates, action-line roles …) and returns
plain rows; :mod:`isc_graph.overlap.graphs` turns them into typed networkx graphs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespaces import PREFIXES, short_id
from ..queries import run_query
from .model import Evidence, Item

__all__ = [
    "COORDINATING_ROLES",
    "LEADING_ROLES",
    "Engagement",
    "Inputs",
    "Mandate",
    "Outcome",
    "evidence_of",
    "read_inputs",
]

ISC = PREFIXES["isc"]
UNIT_CLASSES = ("Bureau", "GeneralSecretariat", "Department")
# Agents that are part of ITU (units and bodies) and so belong in the unit–topic network;
# ITU itself, external organisations and UN mechanisms are left out.
ITU_ACTOR_CLASSES = (
    *UNIT_CLASSES,
    "RegionalOffice",
    "CoordinationBody",
    "AdvisoryGroup",
    "WorkingGroup",
    "GoverningBody",
    "Sector",
)
LEADING_ROLES = frozenset({"focal-point", "interim-focal-point", "lead"})
COORDINATING_ROLES = frozenset({"focal-point", "interim-focal-point", "coordinator"})


@dataclass
class Outcome:
    """A strategic-plan outcome and the SDGs and action lines it contributes to."""

    iri: str
    id: str
    label: str
    objective: str
    unit: str  # the bureau of the objective's Sector, or the Sector, or ""
    items: set[str] = field(default_factory=set)  # topic keys: "SDG 5", "C2"


@dataclass
class Engagement:
    """An agent playing a role on a topic, with the passages that say so."""

    agent: Item
    unit: Item | None  # the ITU unit the agent is, or whose post it is
    actor: Item | None  # the ITU unit or body, for the network (None: external)
    topic: Item
    role: str
    about: tuple[str, ...]  # what the topic is about (a session's action line …)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Mandate:
    """An operative clause: who is asked to do what, in which revision."""

    iri: str
    id: str
    verb: str
    action: str
    instrument: str  # the resolution or decision (its short id), or ""
    revision: str  # the revision's short id, or ""
    addressees: list[Item] = field(default_factory=list)


@dataclass
class Inputs:
    """Everything the analyses read, once."""

    outcomes: list[Outcome]
    topics: dict[str, Item]  # topic key -> item, for SDGs, targets and action lines
    engagements: list[Engagement]
    mandates: list[Mandate]
    active_agents: set[str]  # short ids of agents with at least one engagement
    post_units: dict[str, str]  # post short id -> unit short id
    action_lines: list[Item]
    goals: list[Item]
    targets: list[tuple[Item, str]]  # (target, its goal's key)
    thematic_areas: list[tuple[Item, str]]  # (area, its list's short id)
    itu_roles: dict[str, list[Engagement]]  # action line id -> ITU's engagements on it


def _text(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short_id(term.value)
    return str(getattr(term, "value", term))


def _kind(cls_iri: str) -> str:
    """``isc:RegionalOffice`` → ``regional office``; the UN's SDG classes by name."""
    local = cls_iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    named = {"Goal": "SDG", "Target": "SDG target", "Indicator": "SDG indicator"}
    if local in named:
        return named[local]
    words, current = [], ""
    for ch in local:
        if ch.isupper() and current:
            words.append(current)
            current = ""
        current += ch
    words.append(current)
    return " ".join(w.lower() for w in words if w)


def _sdg_key(notation: str) -> str:
    return f"SDG {notation}"


_OUTCOMES = """
SELECT ?o ?code ?label ?objective ?unit WHERE {
  ?o a isc:Outcome ; skos:notation ?code ; isc:objective ?obj .
  ?obj skos:notation ?objective .
  OPTIONAL { ?o skos:prefLabel ?label }
  OPTIONAL { ?obj isc:sector ?sector . ?sector skos:notation ?sectorCode .
             OPTIONAL { ?bureau isc:secretariatOf ?sector ; skos:notation ?bureauCode } }
  BIND (COALESCE(?bureauCode, ?sectorCode, "") AS ?unit)
}"""

_CONTRIBUTIONS = """
SELECT ?o ?code ?sdg WHERE {
  { ?o isc:contributesToSDG ?c . BIND (true AS ?sdg) }
  UNION { ?o isc:contributesToActionLine ?c . BIND (false AS ?sdg) }
  ?c skos:notation ?code .
}"""

_ENGAGEMENTS = """
SELECT ?e ?agent ?agentId ?agentLabel ?agentClass ?unitId ?unitLabel ?topic ?topicId
       ?topicLabel ?topicClass ?role ?about ?doc ?locator ?quote WHERE {
  ?e a isc:Engagement ; isc:agent ?agent ; isc:topic ?topic ; isc:role/skos:notation ?role .
  ?agent skos:notation ?agentId .
  OPTIONAL { ?agent skos:prefLabel ?agentLabel }
  OPTIONAL { ?agent a ?agentClass . FILTER (STRSTARTS(STR(?agentClass), STR(isc:))) }
  OPTIONAL { ?agent org:postIn ?u . ?u skos:notation ?unitId ; a ?uc .
             OPTIONAL { ?u skos:prefLabel ?unitLabel }
             VALUES ?uc { isc:Bureau isc:GeneralSecretariat isc:Department } }
  OPTIONAL { ?topic skos:notation ?topicId }
  OPTIONAL { ?topic skos:prefLabel ?topicLabel }
  OPTIONAL { ?topic a ?topicClass . FILTER (?topicClass != skos:Concept) }
  OPTIONAL { ?topic dcterms:subject|skos:broader ?aboutNode . ?aboutNode skos:notation ?about }
  OPTIONAL { ?e prov:qualifiedDerivation ?d . ?d prov:entity/skos:notation ?doc .
             OPTIONAL { ?d isc:locator ?locator } OPTIONAL { ?d isc:quote ?quote } }
}"""

_MANDATES = """
SELECT ?m ?id ?verb ?action ?instrument ?revision ?addr ?addrId ?addrLabel ?addrClass WHERE {
  ?m a isc:Mandate ; skos:notation ?id ; isc:verb ?verb ; isc:action ?action .
  OPTIONAL { ?m isc:revision ?rev . ?rev skos:notation ?revision .
             OPTIONAL { ?rev isc:revisionOf/skos:notation ?revOf } }
  OPTIONAL { ?m isc:instrument/skos:notation ?inst }
  BIND (COALESCE(?revOf, ?inst, "") AS ?instrument)
  OPTIONAL { ?m isc:addressee ?addr . ?addr skos:notation ?addrId .
             OPTIONAL { ?addr skos:prefLabel ?addrLabel }
             OPTIONAL { ?addr a ?addrClass } }
}"""

_CONCEPTS = """
SELECT ?x ?code ?label ?cls ?parent WHERE {
  { ?x a isc:ActionLine . BIND ("AL" AS ?cls) OPTIONAL { ?x dcterms:title ?label } }
  UNION { ?x a sdgo:Goal . BIND ("SDG" AS ?cls) OPTIONAL { ?x skos:prefLabel ?label } }
  UNION { ?x a sdgo:Target . BIND ("TARGET" AS ?cls)
          OPTIONAL { ?x skos:prefLabel ?label } OPTIONAL { ?x skos:broader/skos:notation ?parent } }
  UNION { ?x a isc:ThematicArea . BIND ("TA" AS ?cls)
          OPTIONAL { ?x skos:prefLabel ?label }
          OPTIONAL { ?x skos:inScheme/skos:notation ?parent } }
  ?x skos:notation ?code .
}"""

_ACTIVE = "SELECT DISTINCT ?id WHERE { [] a isc:Engagement ; isc:agent/skos:notation ?id }"

_POSTS = """
SELECT ?post ?unit WHERE {
  ?p a org:Post ; skos:notation ?post ; org:postIn/skos:notation ?unit .
}"""


def _rows(store: ox.Store, query: str) -> Iterable[ox.QuerySolution]:
    return run_query(store, query, name="overlap analysis")  # type: ignore[return-value]


def read_inputs(store: ox.Store) -> Inputs:
    """Read outcomes, engagements, mandates and the topic vocabularies from ``store``."""
    topics: dict[str, Item] = {}
    action_lines: list[Item] = []
    goals: list[Item] = []
    targets: list[tuple[Item, str]] = []
    areas: list[tuple[Item, str]] = []
    for s in _rows(store, _CONCEPTS):
        code, cls = s["code"].value, s["cls"].value
        label = _text(s["label"])
        if cls == "AL":
            item = Item(code, label, "action line")
            topics[code] = item
            action_lines.append(item)
        elif cls == "SDG":
            item = Item(_sdg_key(code), label, "SDG")
            topics[item.id] = item
            goals.append(item)
        elif cls == "TARGET":
            item = Item(f"SDG target {code}", label, "SDG target")
            topics[item.id] = item
            targets.append((item, _sdg_key(_text(s["parent"]))))
        else:
            areas.append((Item(code, label, "thematic area"), _text(s["parent"])))

    outcomes: dict[str, Outcome] = {}
    for o, code, label, objective, unit in _rows(store, _OUTCOMES):
        if o.value not in outcomes:
            outcomes[o.value] = Outcome(
                o.value, code.value, label.value if label else "", objective.value, unit.value
            )
    for o, code, sdg in _rows(store, _CONTRIBUTIONS):
        outcome = outcomes.get(o.value)
        if outcome is not None:
            outcome.items.add(f"SDG {code.value}" if sdg.value == "true" else code.value)

    engagements: dict[str, Engagement] = {}
    for s in _rows(store, _ENGAGEMENTS):
        key = f"{s['e']}|{s['agent']}|{s['topic']}|{s['role'].value}"
        e = engagements.get(key)
        if e is None:
            agent_cls = _text(s["agentClass"]).removeprefix("isc:")
            agent = Item(
                s["agentId"].value, _text(s["agentLabel"]), _kind(agent_cls) if agent_cls else ""
            )
            unit = None
            if agent_cls in UNIT_CLASSES:
                unit = agent
            elif s["unitId"] is not None:
                unit = Item(s["unitId"].value, _text(s["unitLabel"]), "unit")
            actor = (
                unit if unit is not None else (agent if agent_cls in ITU_ACTOR_CLASSES else None)
            )
            topic_id = _text(s["topicId"]) or _text(s["topicLabel"]) or _text(s["topic"])
            topic_kind = _kind(s["topicClass"].value) if s["topicClass"] is not None else ""
            e = engagements[key] = Engagement(
                agent,
                unit,
                actor,
                Item(topic_id, _text(s["topicLabel"]), topic_kind),
                s["role"].value,
                (),
            )
        if s["about"] is not None and s["about"].value not in e.about:
            e.about = tuple(sorted({*e.about, s["about"].value}))
        if s["doc"] is not None:
            ev = Evidence(s["doc"].value, _text(s["locator"]), _text(s["quote"]))
            if ev not in e.evidence:
                e.evidence.append(ev)
    itu_roles: dict[str, list[Engagement]] = defaultdict(list)
    for e in engagements.values():
        e.evidence.sort()
        if e.agent.id == "ITU" and e.topic.kind == "action line":
            itu_roles[e.topic.id].append(e)

    mandates: dict[str, Mandate] = {}
    for s in _rows(store, _MANDATES):
        iri = s["m"].value
        m = mandates.get(iri)
        if m is None:
            m = mandates[iri] = Mandate(
                iri,
                s["id"].value,
                s["verb"].value,
                s["action"].value,
                s["instrument"].value,
                _text(s["revision"]),
            )
        if s["addrId"] is not None:
            kind = _kind(s["addrClass"].value) if s["addrClass"] is not None else ""
            item = Item(s["addrId"].value, _text(s["addrLabel"]), kind)
            if all(a.id != item.id for a in m.addressees):
                m.addressees.append(item)
    for m in mandates.values():
        m.addressees.sort()

    return Inputs(
        outcomes=sorted(outcomes.values(), key=lambda o: (o.objective, o.id, o.iri)),
        topics=topics,
        engagements=sorted(
            engagements.values(), key=lambda e: (e.topic.id, e.agent.id, e.role, e.evidence)
        ),
        mandates=sorted(mandates.values(), key=lambda m: m.id),
        active_agents={s["id"].value for s in _rows(store, _ACTIVE)},
        post_units={s["post"].value: s["unit"].value for s in _rows(store, _POSTS)},
        action_lines=sorted(action_lines, key=lambda i: (len(i.id), i.id)),
        goals=sorted(
            goals, key=lambda i: int(i.id.split()[-1]) if i.id.split()[-1].isdigit() else 0
        ),
        targets=sorted(targets),
        thematic_areas=sorted(areas, key=lambda a: (a[1], a[0].id)),
        itu_roles=dict(itu_roles),
    )


def evidence_of(
    store: ox.Store, iris: Iterable[str], batch: int = 500
) -> dict[str, list[Evidence]]:
    """The passages each entity in ``iris`` cites, fetched in batches with ``VALUES``."""
    wanted = sorted(set(iris))
    found: dict[str, list[Evidence]] = defaultdict(list)
    for start in range(0, len(wanted), batch):
        values = " ".join(f"<{iri}>" for iri in wanted[start : start + batch])
        query = (
            "SELECT ?x ?doc ?locator ?quote WHERE { VALUES ?x { " + values + " } "
            "?x prov:qualifiedDerivation ?d . ?d prov:entity/skos:notation ?doc . "
            "OPTIONAL { ?d isc:locator ?locator } OPTIONAL { ?d isc:quote ?quote } }"
        )
        for s in _rows(store, query):
            found[s["x"].value].append(
                Evidence(s["doc"].value, _text(s["locator"]), _text(s["quote"]))
            )
    return {iri: sorted(set(evs)) for iri, evs in found.items()}
