"""A synthetic graph of any size, shaped like the real one, for benchmarks and experiments.

It uses the same classes and properties as ``data/`` (outcomes contributing to SDGs and
action lines, engagements as qualified nodes, resolutions with revisions and mandates,
thematic areas, provenance on every fact-bearing node), so the named queries and the overlap
analysis run on it unchanged. It also meets ``ontology/shapes.ttl`` beside the project's own
sources: written to ``data/synth.ttl``, it is validated and loaded by the normal build.

What stands for what:

* **Synthetic entities** live under ``https://w3id.org/isc-graph/id/synth/``, their labels say
  "Synthetic", and every one cites a synthetic source document (``synth-doc-NNNN``, a thousand
  passages each) with a locator and a made-up quote, so they cannot be mistaken for facts.
  Their short ids (the last segment of the IRI, also the ``skos:notation``) never equal a
  real one: organisations, documents, plans, resolutions and lists start with ``synth-``;
  objectives are numbered from 101 (``R.101``, ``T.102`` …, the real plans stop below 10),
  and their outcomes follow (``R.101-1``).
* **The contribution vocabulary is real.** The shapes allow an outcome to contribute only to
  the 17 SDGs (the UN's IRIs, ``http://metadata.un.org/sdg/N``, defined in
  ``data/un-sdg-kos.ttl``) and to the eleven WSIS action lines C1 … C11 (``id/C1`` …,
  defined in ``data/doc-004.ttl``). The synthetic graph points at these and never restates
  them; :func:`load` brings in their definitions from the project's data when it loads the
  synthetic graph on its own.
* **``topics``** counts the topic vocabulary: the 17 SDGs, then the action lines (C1, C2 …,
  at most eleven), then ``topics - 28`` synthetic *sub-lines* (``isc:ActionLineSubLine``,
  e.g. ``C4-synth-7``, ``skos:broader`` their action line, round robin). A sub-line cannot
  be the object of ``isc:contributesToActionLine`` (the shapes want an ``isc:ActionLine``),
  so an outcome that works on a sub-line contributes to its action line and to the one to
  three SDGs the sub-line serves. Outcome signatures are therefore sets of the 28 real
  items, as in the real plans, drawn from a repertoire of five per topic: more topics, more
  varied signatures; more outcomes, more outcomes per signature (signature groups), while
  the similar pairs stay in proportion. ITU units are engaged on the action lines and the
  sub-lines (the unit–topic network and the shared engagements span all the topics), the
  task force and units on thematic areas (one per four topics, in one dated list).

Sizes follow the real data's proportions where it has any: a few contributions per outcome
with skewed (Zipf-like) popularity, outcomes sharing signatures, clauses repeated across
revisions.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from .namespaces import ID, PREFIXES, SDG, graph_iri

__all__ = ["FORMATS", "GRAPH", "generate", "load", "write"]

SYNTH = ID + "synth/"
GRAPH = ox.NamedNode(graph_iri("synth"))
ROLE = ID + "role/"
GOALS = 17
ACTION_LINES = 11
# Synthetic objectives are numbered from here, well clear of the real plans' codes.
OBJECTIVE_BASE = 100
# Distinct outcome signatures per topic of the vocabulary (see ``_quads``).
SIGNATURES_PER_TOPIC = 5
# The formats :func:`write` chooses by suffix. N-Triples is valid Turtle, so a ``.ttl`` file
# of it in ``data/`` is read by the build like any other source.
FORMATS = {
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.N_TRIPLES,
}

_RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_VERBS = ("instructs", "invites", "encourages", "resolves", "requests")
_ACTIONS = (
    "to identify overlapping functions and activities between the Sectors",
    "to ensure close coordination between the advisory groups",
    "to report on the implementation of this resolution",
    "to strengthen cooperation with the regional offices",
    "to develop a joint work plan on areas of mutual interest",
    "to promote the participation of small and medium enterprises",
    "to support the organisation of joint events",
    "to harmonise the web and editorial content of the Union",
    "to mobilise resources for joint projects",
    "to assist developing countries in capacity building",
)
_OBJECTS = (
    "on accessibility",
    "on gender equality",
    "on emergency telecommunications",
    "on climate change",
    "on artificial intelligence",
    "on cybersecurity",
    "on smart sustainable cities",
    "on bridging the standardization gap",
    "",
)
_SYLLABLES = ("ka", "lo", "mi", "tre", "su", "van", "dor", "pe", "ri", "ul", "no", "gas")
# Roles of ontology/roles.ttl.
_ROLES = ("lead", "contributor", "partner", "focal-point", "implementer", "coordinator")
_ITU_ROLES = ("facilitator", "co-facilitator", "partner")


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(SYNTH + local)


def _p(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(PREFIXES[prefix] + local)


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (rank**s) for rank in range(1, n + 1)]


def _distinct(items: list) -> list:
    """``items`` without repeats, in first-seen order (a set's order would vary by process)."""
    return list(dict.fromkeys(items))


def generate(
    *,
    outcomes: int = 1000,
    topics: int = 200,
    units: int = 100,
    resolutions: int = 200,
    seed: int = 0,
) -> Iterator[ox.Quad]:
    """The quads of a synthetic graph (in the named graph ``GRAPH``), deterministic for a seed.

    ``topics`` is the size of the topic vocabulary: the 17 SDGs, then up to eleven WSIS
    action lines, then synthetic sub-lines of them (see the module's docstring). Each outcome
    contributes to one to twelve SDGs and action lines. ``units`` counts the three synthetic
    Bureaux and ``units - 3`` departments. The sizes are checked at once, before any quad.

    Examples
    --------
    >>> quads = list(generate(outcomes=10, topics=20, units=3, resolutions=2, seed=1))
    >>> quads == list(generate(outcomes=10, topics=20, units=3, resolutions=2, seed=1))
    True
    >>> sum(q.predicate.value.endswith("#type") and q.object.value.endswith("#Outcome")
    ...     for q in quads)
    10
    """
    if topics < GOALS + 1:
        raise ValueError("topics must be at least 18 (the 17 SDGs and one action line)")
    if min(outcomes, units, resolutions) < 0:
        raise ValueError("sizes must not be negative")
    return _quads(outcomes, topics, units, resolutions, seed)


def _quads(
    outcomes: int, topics: int, units: int, resolutions: int, seed: int
) -> Iterator[ox.Quad]:
    """The quads of :func:`generate`, made as they are asked for (sizes already checked)."""
    rng = random.Random(seed)
    g = GRAPH
    label = _p("skos", "prefLabel")
    notation = _p("skos", "notation")
    derivation = _p("prov", "qualifiedDerivation")
    passages = 0  # derivations citing the synthetic source documents
    blanks = 0

    def blank(prefix: str) -> ox.BlankNode:
        nonlocal blanks
        blanks += 1
        return ox.BlankNode(f"{prefix}{blanks}")

    def cite(
        node: ox.NamedNode | ox.BlankNode, doc: ox.NamedNode, locator: str, quote: str
    ) -> Iterator[ox.Quad]:
        d = blank("d")
        yield ox.Quad(node, derivation, d, g)
        yield ox.Quad(d, _RDF_TYPE, _p("prov", "Derivation"), g)
        yield ox.Quad(d, _p("prov", "entity"), doc, g)
        yield ox.Quad(d, _p("isc", "locator"), ox.Literal(locator), g)
        yield ox.Quad(d, _p("isc", "quote"), ox.Literal(quote), g)

    def source(node: ox.NamedNode | ox.BlankNode, locator: str) -> Iterator[ox.Quad]:
        nonlocal passages
        passages += 1
        doc = _n(f"synth-doc-{passages // 1000:04d}")
        yield from cite(node, doc, locator, f"Synthetic passage {passages}")

    def entity(
        node: ox.NamedNode, cls: ox.NamedNode, text: str, locator: str | None = None
    ) -> Iterator[ox.Quad]:
        """A named entity: its class, its short id (its IRI's last segment), label, source."""
        code = node.value.rsplit("/", 1)[-1]
        yield ox.Quad(node, _RDF_TYPE, cls, g)
        yield ox.Quad(node, notation, ox.Literal(code), g)
        yield ox.Quad(node, label, ox.Literal(text, language="en"), g)
        yield from source(node, locator or code)

    # Organisation: ITU, three Sectors with their Bureaux, departments in a Bureau or in ITU.
    itu = _n("synth-ITU")
    yield from entity(itu, _p("org", "Organization"), "Synthetic ITU")
    sectors: list[tuple[ox.NamedNode, str]] = []
    unit_nodes: list[ox.NamedNode] = []
    for s, (sector, bureau) in enumerate((("R", "BR"), ("T", "TSB"), ("D", "BDT"))):
        sn, bn = _n(f"synth-ITU-{sector}"), _n(f"synth-{bureau}")
        yield from entity(sn, _p("isc", "Sector"), f"Synthetic Sector {s}")
        yield ox.Quad(sn, _p("org", "unitOf"), itu, g)
        yield from entity(bn, _p("isc", "Bureau"), f"Synthetic bureau {bureau}")
        yield ox.Quad(bn, _p("isc", "secretariatOf"), sn, g)
        yield ox.Quad(bn, _p("org", "unitOf"), itu, g)
        sectors.append((sn, sector))
        unit_nodes.append(bn)
    bureaux = list(unit_nodes)
    for u in range(max(units - 3, 0)):
        un = _n(f"synth-U{u:04d}")
        yield from entity(un, _p("isc", "Department"), f"Synthetic department {u}")
        # Three in four belong to a Bureau (and so to its Sector); the rest to ITU alone.
        parent = bureaux[u % 4] if u % 4 < 3 else itu
        yield ox.Quad(un, _p("org", "unitOf"), parent, g)
        unit_nodes.append(un)
    body = _n("synth-TF")
    yield from entity(body, _p("isc", "CoordinationBody"), "Synthetic task force")

    # The contribution vocabulary (the real SDGs and action lines, referenced, not restated)
    # and the synthetic sub-lines of those action lines. What working on a topic contributes
    # to: an SDG or an action line, itself; a sub-line, its action line and the SDGs it serves.
    goals = [ox.NamedNode(f"{SDG}{goal}") for goal in range(1, GOALS + 1)]
    lines = [ox.NamedNode(f"{ID}C{a}") for a in range(1, min(topics - GOALS, ACTION_LINES) + 1)]
    profiles: list[tuple[ox.NamedNode, ...]] = [(x,) for x in goals + lines]
    goal_weights = _zipf_weights(GOALS, 0.8)
    sublines = []
    for k in range(max(topics - GOALS - ACTION_LINES, 0)):
        parent = lines[k % len(lines)]
        code = f"{parent.value.rsplit('/', 1)[-1]}-synth-{k // len(lines) + 1}"
        node = _n(code)
        yield from entity(node, _p("isc", "ActionLineSubLine"), f"Synthetic sub-line {code}")
        yield ox.Quad(node, _p("skos", "broader"), parent, g)
        sublines.append(node)
        served = _distinct(rng.choices(goals, goal_weights, k=rng.randint(1, 3)))
        profiles.append((parent, *served))
    # The repertoire of signatures (what an outcome contributes to): each the union of what one
    # to three topics contribute to, popular topics (Zipf) more often. Its size grows with the
    # topics, not with the outcomes: a new outcome mostly repeats a known combination, as in
    # the real plans, so similar pairs stay in proportion at any number of outcomes.
    order = list(range(len(profiles)))
    rng.shuffle(order)
    weights = _zipf_weights(len(profiles), 0.6)
    repertoire = [
        _distinct(
            [x for i in rng.choices(order, weights, k=rng.randint(1, 3)) for x in profiles[i]]
        )
        for _ in range(SIGNATURES_PER_TOPIC * topics)
    ]
    repertoire_weights = _zipf_weights(len(repertoire), 0.8)

    # Thematic areas in one dated list, coordinated by the task force; a few units on each.
    areas = []
    scheme = _n("synth-TA")
    yield from entity(scheme, _p("isc", "ThematicAreaList"), "Synthetic areas")
    yield ox.Quad(
        scheme, _p("isc", "documentYear"), ox.Literal("2022", datatype=_p("xsd", "gYear")), g
    )
    yield ox.Quad(scheme, _p("isc", "coordinatedBy"), body, g)
    for t in range(max(topics // 4, 1)):
        area = _n(f"synth-TA-{t:03d}")
        yield from entity(area, _p("isc", "ThematicArea"), f"Synthetic area {t}")
        yield ox.Quad(area, _p("skos", "inScheme"), scheme, g)
        areas.append(area)

    def engagement(agent: ox.NamedNode, topic: ox.NamedNode, role: str) -> Iterator[ox.Quad]:
        # One engagement per agent and topic, so never the same agent, role and topic twice.
        e = blank("e")
        yield ox.Quad(e, _RDF_TYPE, _p("isc", "Engagement"), g)
        yield ox.Quad(e, _p("isc", "agent"), agent, g)
        yield ox.Quad(e, _p("isc", "topic"), topic, g)
        yield ox.Quad(e, _p("isc", "role"), ox.NamedNode(ROLE + role), g)
        yield from source(e, "engagements")

    unit_weights = _zipf_weights(len(unit_nodes), 0.8)

    def some_units() -> list[ox.NamedNode]:
        return _distinct(rng.choices(unit_nodes, unit_weights, k=rng.randint(1, 3)))

    for area in areas:
        yield from engagement(body, area, "coordinator")
        if unit_nodes and rng.random() < 0.7:
            for un in some_units():
                yield from engagement(un, area, rng.choice(_ROLES))
    for line in lines:
        yield from engagement(itu, line, rng.choice(_ITU_ROLES))
    for topic in lines + sublines:
        if unit_nodes and rng.random() < 0.8:
            for un in some_units():
                yield from engagement(un, topic, rng.choice(_ROLES))

    # The plan: objectives of about 25 outcomes each, spread over the Sectors.
    plan = _n("synth-SP")
    yield from entity(plan, _p("isc", "StrategicPlan"), "Synthetic strategic plan")
    n_objectives = max(outcomes // 25, 1)
    objectives = []
    for k in range(n_objectives):
        sector, letter = sectors[k % 3]
        code = f"{letter}.{OBJECTIVE_BASE + k + 1}"
        obj = _n(code)
        yield from entity(obj, _p("isc", "SectorObjective"), f"Synthetic objective {code}")
        yield ox.Quad(obj, _p("isc", "plan"), plan, g)
        yield ox.Quad(obj, _p("isc", "sector"), sector, g)
        objectives.append((obj, code))
    # Each objective draws most of its outcomes' signatures from a focus of about a dozen
    # (skewed towards popular ones), as the real plan's objectives do; the others come from
    # the whole repertoire.
    foci = [
        rng.choices(range(len(repertoire)), repertoire_weights, k=12) for _ in range(n_objectives)
    ]
    for k in range(outcomes):
        obj, code = objectives[k % n_objectives]
        ident = f"{code}-{k // n_objectives + 1}"
        node = _n(ident)
        yield from entity(
            node, _p("isc", "Outcome"), f"Synthetic outcome {ident}", f"Annex, {ident}"
        )
        yield ox.Quad(node, _p("isc", "objective"), obj, g)
        if rng.random() < 0.7:
            chosen = repertoire[rng.choice(foci[k % n_objectives])]
        else:
            chosen = repertoire[rng.choices(range(len(repertoire)), repertoire_weights)[0]]
        for target in chosen:
            pred = "contributesToSDG" if target.value.startswith(SDG) else "contributesToActionLine"
            yield ox.Quad(node, _p("isc", pred), target, g)

    # Resolutions with one to three revisions; clauses often carried into the next revision.
    addressees = [*unit_nodes[:50], body]
    gyear = _p("xsd", "gYear")
    for r in range(resolutions):
        res = _n(f"synth-Res{r}")
        yield from entity(res, _p("isc", "Resolution"), f"Synthetic resolution {r}")
        yield ox.Quad(res, _p("isc", "number"), ox.Literal(str(r)), g)
        previous: list[tuple[str, str]] = []
        # Each resolution has its own subject matter: three made-up words.
        theme = "in " + " ".join(
            "".join(rng.choice(_SYLLABLES) for _ in range(3)) for _ in range(3)
        )
        for v in range(rng.randint(1, 3)):
            year = 2014 + 4 * v
            rev = _n(f"synth-Res{r}-{year}")
            yield from entity(rev, _p("isc", "Revision"), f"Synthetic resolution {r}, {year}")
            yield ox.Quad(rev, _p("isc", "revisionOf"), res, g)
            yield ox.Quad(rev, _p("isc", "year"), ox.Literal(str(year), datatype=gyear), g)
            clauses = []
            for c in range(rng.randint(2, 5)):
                if previous and rng.random() < 0.4:
                    verb, action = rng.choice(previous)
                else:
                    verb = rng.choice(_VERBS)
                    action = " ".join(filter(None, (rng.choice(_ACTIONS), rng.choice(_OBJECTS))))
                    action += " " + theme
                clauses.append((verb, action))
                m = _n(f"synth-Res{r}-{year}-m{c + 1}")
                yield from entity(
                    m,
                    _p("isc", "Mandate"),
                    f"Synthetic clause {c + 1}",
                    f"Resolution {r} ({year}), clause {c + 1}",
                )
                yield ox.Quad(m, _p("isc", "revision"), rev, g)
                yield ox.Quad(m, _p("isc", "verb"), ox.Literal(verb), g)
                yield ox.Quad(m, _p("isc", "action"), ox.Literal(action), g)
                for a in _distinct(rng.choices(addressees, k=rng.randint(1, 2))):
                    yield ox.Quad(m, _p("isc", "addressee"), a, g)
            previous = clauses

    # The synthetic source documents the derivations cite, a thousand passages each; each
    # cites itself for its title, as the real ones do (it adds no passage to count).
    for k in range(passages // 1000 + 1):
        doc = _n(f"synth-doc-{k:04d}")
        title = f"Synthetic source document {k}"
        yield ox.Quad(doc, _RDF_TYPE, _p("isc", "SourceDocument"), g)
        yield ox.Quad(doc, notation, ox.Literal(doc.value.rsplit("/", 1)[-1]), g)
        yield ox.Quad(doc, label, ox.Literal(title, language="en"), g)
        yield from cite(doc, doc, "Title", title)


def load(quads: Iterator[ox.Quad], ontology: Path | str | None = None) -> ox.Store:
    """An in-memory store holding ``quads``, with the project's ontology (its roles among
    them) beside it, as a built store has.

    ``ontology`` is the ontology folder (default: the project's). The synthetic graph points
    at the real SDGs and action lines without defining them; their definitions are taken
    from the ``data/`` folder beside ``ontology``, as ``overlap --graph`` takes them
    (:mod:`isc_graph.rdf_file`), so that a synthetic graph is analysed as it would be in a
    build. (A written file is opened with :func:`isc_graph.rdf_file.open_graph_file`.)
    """
    from .project import Project
    from .rdf_file import add_definitions, add_ontology

    store = ox.Store()
    folder = Path(ontology) if ontology is not None else Project().ontology_dir
    add_ontology(store, folder)
    store.bulk_extend(quads)
    add_definitions(store, folder.parent / "data", None)
    return store


def write(path: Path | str, **sizes: int) -> int:
    """Write the synthetic graph to ``path``; returns the number of statements written.

    The suffix chooses the format: ``.nq`` is N-Quads (in the named graph ``GRAPH``), ``.nt``
    and ``.ttl`` are N-Triples, which is also Turtle, so that ``data/synth.ttl`` is read by the
    normal build (into the named graph of its file name, ``synth``). The quads are written as
    they are generated, never all held at once; the file appears complete or not at all (it
    is written beside, under a hidden name a build skips, and renamed), so a build never
    reads half of it. ``sizes`` are the keywords of :func:`generate`.
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix)
    if fmt is None:
        accepted = ", ".join(FORMATS)
        raise ValueError(
            f"{path}: cannot tell the RDF format from the suffix {path.suffix or '(none)'!r}; "
            f"use one of {accepted} (.nq writes N-Quads, .nt and .ttl N-Triples)"
        )
    quads = generate(**sizes)  # checks the sizes before anything is written
    count = 0

    def counted() -> Iterator[ox.Quad | ox.Triple]:
        nonlocal count
        for q in quads:
            count += 1
            yield q if fmt is ox.RdfFormat.N_QUADS else q.triple

    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "wb") as out:
            out.write(
                b"# Synthetic data written by `isc-graph synth` (isc_graph.synth): made up for "
                b"benchmarks, not facts about ITU.\n"
            )
            ox.serialize(counted(), out, format=fmt)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count
