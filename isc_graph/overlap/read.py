"""Read what the analyses need from the store: a few SPARQL SELECTs, streamed.

Nothing here converts the RDF graph as a whole: each reader asks for one kind of fact
(outcomes and their contributions, engagements, mandates, action-line roles …) and returns
plain rows; :mod:`isc_graph.overlap.graphs` turns them into typed networkx graphs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..lang import label_pattern
from ..limits import MAX_QUERY_CHARS
from ..namespaces import PREFIXES, short_id
from ..project import Project
from ..queries import load_query, natural_key, run_query
from .model import Evidence, Item, Source

__all__ = [
    "COORDINATING_ROLES",
    "LEADING_ROLES",
    "SECTOR_ORDER",
    "UNIT_SECTORS_QUERY",
    "Engagement",
    "Inputs",
    "Mandate",
    "Outcome",
    "Placement",
    "Session",
    "evidence_of",
    "read_inputs",
    "read_sources",
    "read_unit_sectors",
    "sector_key",
]

ISC = PREFIXES["isc"]
# The named query (queries/unit-sectors.rq) that rolls every ITU unit up to its Sector or the GS.
UNIT_SECTORS_QUERY = "unit-sectors"
# The classes of ITU units, as queries/unit-sectors.rq lists them. An agent of one of them is a
# unit even in a graph that places it in no Sector (the synthetic graph's departments, which
# have no General Secretariat to default to, and so no row in the roll-up).
UNIT_CLASSES = frozenset(
    {
        "Sector",
        "GeneralSecretariat",
        "Bureau",
        "Department",
        "RegionalOffice",
        "AdvisoryGroup",
        "StudyGroup",
    }
)
# Agents that are part of ITU (units and bodies) and so belong in the unit–topic network;
# ITU itself, external organisations and UN mechanisms are left out.
ITU_ACTOR_CLASSES = UNIT_CLASSES | {"CoordinationBody", "WorkingGroup", "GoverningBody"}
# The Sectors in the order of the Constitution (CS Art. 7), then the General Secretariat.
SECTOR_ORDER = ("ITU-R", "ITU-T", "ITU-D", "GS")
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


@dataclass(frozen=True, order=True)
class Placement:
    """The Sector, or the General Secretariat, a unit belongs to, and on what basis.

    ``basis`` is ``stated`` when the graph links the unit to it (each link with its source),
    ``default`` when nothing places the unit in a Sector and it is counted with the GS.
    """

    sector: Item
    basis: str = "stated"


def sector_key(sector_id: str) -> tuple[int, list]:
    """Sort key for Sector ids: ITU-R, ITU-T, ITU-D, the GS, then any other by name.

    Examples
    --------
    >>> sorted(["GS", "ITU-D", "ITU-T", "synth-ITU-R"], key=sector_key)
    ['ITU-T', 'ITU-D', 'GS', 'synth-ITU-R']
    """
    rank = SECTOR_ORDER.index(sector_id) if sector_id in SECTOR_ORDER else len(SECTOR_ORDER)
    return rank, natural_key(sector_id)


@dataclass
class Engagement:
    """An agent playing a role on a topic, with the passages that say so.

    ``units`` are the ITU units the agent counts for: itself if it is one, else the units its
    post is in or heads (a collective post may be in several); ``unit`` is the first of them.
    """

    agent: Item
    unit: Item | None  # the ITU unit the agent is, or whose post it is
    actor: Item | None  # the ITU unit or body, for the network (None: external)
    topic: Item
    role: str
    about: tuple[str, ...]  # what the topic is about (a session's action line …)
    evidence: list[Evidence] = field(default_factory=list)
    units: tuple[Item, ...] = ()

    def __post_init__(self) -> None:
        if not self.units and self.unit is not None:
            self.units = (self.unit,)


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
    label: str = ""  # its label in the graph, if any

    @property
    def short_label(self) -> str:
        """What the clause asks, in a few words: the part of its label after the colon
        ("Res. 191 (…), instructs the Secretary-General: identify overlapping functions"),
        else its action."""
        _, colon, tail = self.label.partition(": ")
        return tail if colon and tail else (self.label or self.action)

    @property
    def item(self) -> Item:
        """The clause as an item: its id and short label."""
        return Item(self.id, self.short_label, "mandate")


@dataclass
class Session:
    """A session of an event (the WSIS Forum 2019) and what it is about."""

    item: Item  # the session's short id and label, kind "session"
    event: Item | None  # the event it is a session of, if the graph says
    subjects: tuple[str, ...]  # short ids of its subjects (action lines, sub-lines …)


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
    # unit short id -> its Sector(s) or the GS; a unit without a row has no Sector
    unit_sectors: dict[str, tuple[Placement, ...]] = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)  # sessions with their subjects
    sources: list[Source] = field(default_factory=list)  # the documents passages come from


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


# The label pattern lives with the language binding it relies on.
_label = label_pattern


_OUTCOMES = (
    """
SELECT ?o ?code ?label ?objective ?unit WHERE {
  ?o a isc:Outcome ; skos:notation ?code ; isc:objective ?obj .
  ?obj skos:notation ?objective .
  """
    + _label("?o", "label")
    + """
  OPTIONAL { ?obj isc:sector ?sector . ?sector skos:notation ?sectorCode .
             OPTIONAL { ?bureau isc:secretariatOf ?sector ; skos:notation ?bureauCode } }
  BIND (COALESCE(?bureauCode, ?sectorCode, "") AS ?unit)
}"""
)

# The kind is a string: Virtuoso 7.2 answers 1 (an xsd:integer) for a BIND of true.
_CONTRIBUTIONS = """
SELECT ?o ?code ?kind WHERE {
  { ?o isc:contributesToSDG ?c . BIND ("SDG" AS ?kind) }
  UNION { ?o isc:contributesToActionLine ?c . BIND ("action line" AS ?kind) }
  ?c skos:notation ?code .
}"""

_ENGAGEMENTS = (
    """
SELECT ?e ?agent ?agentId ?agentLabel ?topic ?topicId ?topicLabel ?topicClass ?role ?about
       ?doc ?locator ?quote WHERE {
  ?e a isc:Engagement ; isc:agent ?agent ; isc:topic ?topic ; isc:role/skos:notation ?role .
  ?agent skos:notation ?agentId .
  """
    + _label("?agent", "agentLabel")
    + """
  OPTIONAL { ?topic skos:notation ?topicId }
  """
    + _label("?topic", "topicLabel")
    + """
  OPTIONAL { ?topic a ?topicClass . FILTER (?topicClass != skos:Concept) }
  OPTIONAL { ?topic dcterms:subject|skos:broader ?aboutNode . ?aboutNode skos:notation ?about }
  OPTIONAL { ?e prov:qualifiedDerivation ?d . ?d prov:entity/skos:notation ?doc .
             OPTIONAL { ?d isc:locator ?locator } OPTIONAL { ?d isc:quote ?quote } }
}"""
)

# The classes of every engaged agent that say what it is: the project's own, and org:Post.
_AGENT_CLASSES = """
SELECT DISTINCT ?agent ?class WHERE {
  [] a isc:Engagement ; isc:agent ?agent .
  ?agent a ?class . FILTER (STRSTARTS(STR(?class), STR(isc:)) || ?class = org:Post)
}"""

# The units an engaged post is in or heads (the analysis keeps those that are ITU units).
_AGENT_UNITS = (
    """
SELECT DISTINCT ?agent ?unitId ?unitLabel ?unitClass WHERE {
  [] a isc:Engagement ; isc:agent ?agent .
  ?agent org:postIn|isc:headOf ?u . ?u skos:notation ?unitId .
  """
    + _label("?u", "unitLabel")
    + """
  OPTIONAL { ?u a ?unitClass . FILTER (STRSTARTS(STR(?unitClass), STR(isc:))) }
}"""
)

_MANDATES = (
    """
SELECT ?m ?id ?label ?verb ?action ?instrument ?revision ?addr ?addrId ?addrLabel ?addrClass
WHERE {
  ?m a isc:Mandate ; skos:notation ?id ; isc:verb ?verb ; isc:action ?action .
  """
    + _label("?m", "label")
    + """
  OPTIONAL { ?m isc:revision ?rev . ?rev skos:notation ?revision .
             OPTIONAL { ?rev isc:revisionOf/skos:notation ?revOf } }
  OPTIONAL { ?m isc:instrument/skos:notation ?inst }
  BIND (COALESCE(?revOf, ?inst, "") AS ?instrument)
  OPTIONAL { ?m isc:addressee ?addr . ?addr skos:notation ?addrId .
             """
    + _label("?addr", "addrLabel", nested=True)
    + """
             OPTIONAL { ?addr a ?addrClass } }
}"""
)

# The labels are read after the UNION: a filter on ?lang inside a branch of it would not see
# the binding of ?lang (each branch is evaluated on its own), and SDGs come in three languages.
_CONCEPTS = (
    """
SELECT ?x ?code ?label ?cls ?parent WHERE {
  { ?x a isc:ActionLine . BIND ("AL" AS ?cls) }
  UNION { ?x a sdgo:Goal . BIND ("SDG" AS ?cls) }
  UNION { ?x a sdgo:Target . BIND ("TARGET" AS ?cls)
          OPTIONAL { ?x skos:broader/skos:notation ?parent } }
  UNION { ?x a isc:ThematicArea . BIND ("TA" AS ?cls)
          OPTIONAL { ?x skos:inScheme/skos:notation ?parent } }
  ?x skos:notation ?code .
  """
    + _label("?x", "titleLabel", "dcterms:title")
    + """
  """
    + _label("?x", "prefLabel")
    + """
  BIND (IF(?cls = "AL", COALESCE(?titleLabel, ?prefLabel), ?prefLabel) AS ?label)
}"""
)

_SESSIONS = (
    """
SELECT ?id ?label ?event ?eventLabel ?subject WHERE {
  ?s a isc:Session ; skos:notation ?id .
  """
    + _label("?s", "label")
    + """
  OPTIONAL { ?s isc:sessionOf ?e . ?e skos:notation ?event .
             """
    + _label("?e", "eventLabel", nested=True)
    + """ }
  OPTIONAL { ?s dcterms:subject/skos:notation ?subject }
}"""
)

# The documents the passages come from: source documents and reference texts.
_SOURCES = (
    """
SELECT ?id ?label ?title ?year ?cls WHERE {
  { ?d a isc:SourceDocument . BIND ("source document" AS ?cls) }
  UNION { ?d a isc:ReferenceText . BIND ("reference text" AS ?cls) }
  ?d skos:notation ?id .
  """
    + _label("?d", "label")
    + """
  OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d isc:documentYear ?year }
}"""
)

_ACTIVE = "SELECT DISTINCT ?id WHERE { [] a isc:Engagement ; isc:agent/skos:notation ?id }"

_POSTS = """
SELECT ?post ?unit WHERE {
  ?p a org:Post ; skos:notation ?post ; org:postIn/skos:notation ?unit .
}"""


def _rows(store: ox.Store, query: str, lang: str | None = None) -> Iterable[ox.QuerySolution]:
    return run_query(store, query, name="overlap analysis", lang=lang)  # type: ignore[return-value]


def _id_key(item: Item) -> list:
    return natural_key(item.id)


def read_sources(store: ox.Store, lang: str | None = None) -> list[Source]:
    """The source documents and reference texts in the graph, in natural order of their ids."""
    found: dict[str, Source] = {}
    for s in _rows(store, _SOURCES, lang):
        sid = s["id"].value
        if sid not in found:
            found[sid] = Source(
                sid, _text(s["label"]), _text(s["title"]), _text(s["year"]), s["cls"].value
            )
    return sorted(found.values(), key=lambda x: natural_key(x.id))


def _read_sessions(store: ox.Store, lang: str | None = None) -> list[Session]:
    """Every session with its event and subjects, one record per session."""
    sessions: dict[str, Session] = {}
    for s in _rows(store, _SESSIONS, lang):
        sid = s["id"].value
        session = sessions.get(sid)
        if session is None:
            event = None
            if s["event"] is not None:
                event = Item(s["event"].value, _text(s["eventLabel"]), "event")
            session = sessions[sid] = Session(Item(sid, _text(s["label"]), "session"), event, ())
        if s["subject"] is not None and s["subject"].value not in session.subjects:
            session.subjects = tuple(sorted({*session.subjects, s["subject"].value}))
    return sorted(sessions.values(), key=lambda x: natural_key(x.item.id))


def read_inputs(
    store: ox.Store, queries_dir: Path | None = None, lang: str | None = None
) -> Inputs:
    """Read outcomes, engagements, mandates, the topic vocabularies and the Sector of each
    unit from ``store``; ``queries_dir`` holds the named query of the roll-up
    (``unit-sectors.rq``; by default the project's ``queries/``). Labels are read in
    ``lang`` where the graph has it (default: ``$ISC_GRAPH_LANG``, else English), else in
    English (see :mod:`isc_graph.lang`)."""
    topics: dict[str, Item] = {}
    action_lines: list[Item] = []
    goals: list[Item] = []
    targets: list[tuple[Item, str]] = []
    areas: list[tuple[Item, str]] = []
    for s in _rows(store, _CONCEPTS, lang):
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
    for o, code, label, objective, unit in _rows(store, _OUTCOMES, lang):
        if o.value not in outcomes:
            outcomes[o.value] = Outcome(
                o.value, code.value, label.value if label else "", objective.value, unit.value
            )
    for o, code, kind in _rows(store, _CONTRIBUTIONS):
        outcome = outcomes.get(o.value)
        if outcome is not None:
            outcome.items.add(f"SDG {code.value}" if kind.value == "SDG" else code.value)

    unit_sectors = read_unit_sectors(store, queries_dir)
    engagements = _read_engagements(store, unit_sectors, lang)
    itu_roles: dict[str, list[Engagement]] = defaultdict(list)
    for e in engagements:
        if e.agent.id == "ITU" and e.topic.kind == "action line":
            itu_roles[e.topic.id].append(e)

    mandates: dict[str, Mandate] = {}
    for s in _rows(store, _MANDATES, lang):
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
                label=_text(s["label"]),
            )
        if s["addrId"] is not None:
            kind = _kind(s["addrClass"].value) if s["addrClass"] is not None else ""
            item = Item(s["addrId"].value, _text(s["addrLabel"]), kind)
            if all(a.id != item.id for a in m.addressees):
                m.addressees.append(item)
    for m in mandates.values():
        m.addressees.sort(key=_id_key)

    return Inputs(
        outcomes=sorted(
            outcomes.values(),
            key=lambda o: (natural_key(o.objective), natural_key(o.id), o.iri),
        ),
        topics=topics,
        engagements=engagements,
        mandates=sorted(mandates.values(), key=lambda m: natural_key(m.id)),
        active_agents={s["id"].value for s in _rows(store, _ACTIVE)},
        post_units={s["post"].value: s["unit"].value for s in _rows(store, _POSTS)},
        action_lines=sorted(action_lines, key=lambda i: (len(i.id), i.id)),
        goals=sorted(
            goals, key=lambda i: int(i.id.split()[-1]) if i.id.split()[-1].isdigit() else 0
        ),
        targets=sorted(targets, key=lambda t: natural_key(t[0].id)),
        thematic_areas=sorted(areas, key=lambda a: (natural_key(a[1]), natural_key(a[0].id))),
        itu_roles=dict(itu_roles),
        unit_sectors=unit_sectors,
        sessions=_read_sessions(store, lang),
        sources=read_sources(store, lang),
    )


def read_unit_sectors(
    store: ox.Store, queries_dir: Path | None = None
) -> dict[str, tuple[Placement, ...]]:
    """Each ITU unit's Sector(s) or the GS, as the named query ``unit-sectors`` rolls them up.

    ``queries_dir`` is the folder of named queries (by default the project's ``queries/``).
    A unit the query gives no row (in a graph with no Sector structure) is left out: it has
    no Sector. Each unit's placements are in :func:`sector_key` order.
    """
    folder = queries_dir if queries_dir is not None else Project().queries_dir
    if not (folder / f"{UNIT_SECTORS_QUERY}.rq").is_file():
        raise QueryError(
            f"{folder / UNIT_SECTORS_QUERY}.rq: no such file; the overlap analysis reads the "
            "Sector of each unit with this named query (copy it from isc-graph's queries/)"
        )
    query = load_query(UNIT_SECTORS_QUERY, folder)
    rows = [
        (
            s["unit"].value,
            _text(s["unit_class"]),
            s["sector"].value,
            _text(s["sector_label"]),
            s["basis"].value,
        )
        for s in run_query(store, query.text, name=query.name)  # type: ignore[union-attr]
    ]
    kinds = {unit: cls for unit, cls, *_ in rows}  # a Sector's own row gives its kind
    # Every "default" row names the one General Secretariat, itself a top of the roll-up (its
    # own row is "stated"). A graph without a GS has nothing to default to; there the query
    # may name any node with a notation, so such rows are dropped: those units have no Sector.
    tops = {unit for unit, _, sector, _, basis in rows if unit == sector and basis == "stated"}
    defaults = {sector for _, _, sector, _, basis in rows if basis == "default"}
    found: dict[str, set[Placement]] = defaultdict(set)
    for unit, _, sector, label, basis in rows:
        if basis == "default" and (len(defaults) > 1 or sector not in tops):
            continue
        found[unit].add(Placement(Item(sector, label, kinds.get(sector, "")), basis))
    return {
        unit: tuple(sorted(places, key=lambda p: (sector_key(p.sector.id), p)))
        for unit, places in found.items()
    }


def _local_class(term: ox.NamedNode) -> str:
    """``isc:Bureau`` → ``Bureau``, ``org:Post`` → ``Post``."""
    return _text(term).removeprefix("isc:").removeprefix("org:")


def _agent_class(classes: set[str]) -> str:
    """The class that says best what an agent is: a unit class, then an ITU body's, then any."""
    ranked = sorted(classes, key=lambda c: (c not in UNIT_CLASSES, c not in ITU_ACTOR_CLASSES, c))
    return ranked[0] if ranked else ""


def _is_unit(ident: str, classes: set[str], unit_sectors: dict[str, tuple[Placement, ...]]) -> bool:
    """An ITU unit: of a unit class, or rolled up to a Sector (a post is not a unit itself)."""
    return bool(classes & UNIT_CLASSES) or ("Post" not in classes and ident in unit_sectors)


def _agent_units(
    store: ox.Store, unit_sectors: dict[str, tuple[Placement, ...]], lang: str | None = None
) -> tuple[dict[str, set[str]], dict[str, tuple[Item, ...]]]:
    """Each engaged agent's classes, and the ITU units it counts for (by its IRI)."""
    classes: dict[str, set[str]] = defaultdict(set)
    for s in _rows(store, _AGENT_CLASSES):
        classes[s["agent"].value].add(_local_class(s["class"]))
    posts: dict[str, dict[str, tuple[str, set[str]]]] = defaultdict(dict)
    for s in _rows(store, _AGENT_UNITS, lang):
        _, unit_classes = posts[s["agent"].value].setdefault(
            s["unitId"].value, (_text(s["unitLabel"]), set())
        )
        if s["unitClass"] is not None:
            unit_classes.add(_local_class(s["unitClass"]))
    units = {
        agent: tuple(
            Item(uid, label, _kind(_agent_class(ucs)) if ucs else "unit")
            for uid, (label, ucs) in sorted(in_units.items(), key=lambda kv: natural_key(kv[0]))
            if _is_unit(uid, ucs, unit_sectors)
        )
        for agent, in_units in posts.items()
    }
    return classes, units


def _read_engagements(
    store: ox.Store, unit_sectors: dict[str, tuple[Placement, ...]], lang: str | None = None
) -> list[Engagement]:
    """Every engagement, its agent resolved to the ITU units it counts for: itself if it is
    an ITU unit, else the units its post is in or heads."""
    classes, post_units = _agent_units(store, unit_sectors, lang)
    engagements: dict[str, Engagement] = {}
    for s in _rows(store, _ENGAGEMENTS, lang):
        key = f"{s['e']}|{s['agent']}|{s['topic']}|{s['role'].value}"
        e = engagements.get(key)
        if e is None:
            iri = s["agent"].value
            cls = _agent_class(classes[iri])
            agent = Item(s["agentId"].value, _text(s["agentLabel"]), _kind(cls) if cls else "")
            units = (agent,) if _is_unit(agent.id, classes[iri], unit_sectors) else ()
            units = units or post_units.get(iri, ())
            unit = units[0] if units else None
            actor = unit if unit is not None else (agent if cls in ITU_ACTOR_CLASSES else None)
            topic_id = _text(s["topicId"]) or _text(s["topicLabel"]) or _text(s["topic"])
            topic_kind = _kind(s["topicClass"].value) if s["topicClass"] is not None else ""
            e = engagements[key] = Engagement(
                agent,
                unit,
                actor,
                Item(topic_id, _text(s["topicLabel"]), topic_kind),
                s["role"].value,
                (),
                units=units,
            )
        if s["about"] is not None and s["about"].value not in e.about:
            e.about = tuple(sorted({*e.about, s["about"].value}))
        if s["doc"] is not None:
            ev = Evidence(s["doc"].value, _text(s["locator"]), _text(s["quote"]))
            if ev not in e.evidence:
                e.evidence.append(ev)
    for e in engagements.values():
        e.evidence.sort()
    return sorted(engagements.values(), key=lambda e: (e.topic.id, e.agent.id, e.role, e.evidence))


def evidence_of(
    store: ox.Store, iris: Iterable[str], batch: int = 500
) -> dict[str, list[Evidence]]:
    """The passages each entity in ``iris`` cites, fetched in batches with ``VALUES``.

    A batch holds at most ``batch`` IRIs and stays within the query-length limit
    (:data:`isc_graph.limits.MAX_QUERY_CHARS`) however long the IRIs are: a count alone let
    a graph of long IRIs (100,000 synthetic outcomes) build a query the limit refuses.
    """
    head = "SELECT ?x ?doc ?locator ?quote WHERE { VALUES ?x { "
    tail = (
        " } ?x prov:qualifiedDerivation ?d . ?d prov:entity/skos:notation ?doc . "
        "OPTIONAL { ?d isc:locator ?locator } OPTIONAL { ?d isc:quote ?quote } }"
    )
    budget = MAX_QUERY_CHARS - len(head) - len(tail)
    found: dict[str, list[Evidence]] = defaultdict(list)
    for values in _value_lists(sorted(set(iris)), batch, budget):
        for s in _rows(store, head + values + tail):
            found[s["x"].value].append(
                Evidence(s["doc"].value, _text(s["locator"]), _text(s["quote"]))
            )
    return {iri: sorted(set(evs)) for iri, evs in found.items()}


def _value_lists(iris: list[str], batch: int, budget: int) -> Iterable[str]:
    """``iris`` as space-separated ``<iri>`` lists of at most ``batch`` IRIs and ``budget``
    characters each (an IRI longer than ``budget`` goes alone, and the query check says so)."""
    chunk: list[str] = []
    size = 0
    for iri in iris:
        term = f"<{iri}>"
        if chunk and (len(chunk) == batch or size + 1 + len(term) > budget):
            yield " ".join(chunk)
            chunk, size = [], 0
        size += len(term) + (1 if chunk else 0)
        chunk.append(term)
    if chunk:
        yield " ".join(chunk)
