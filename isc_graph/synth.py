"""A synthetic graph of any size, shaped like the real one, for benchmarks and experiments.

It uses the same classes and properties as ``data/`` (outcomes contributing to the UN's SDG
IRIs and to action lines, engagements as qualified nodes, resolutions with revisions and
mandates, thematic areas, provenance on every fact-bearing node), so the named queries and
the overlap analysis run on it unchanged. Entities live under
``https://w3id.org/isc-graph/id/synth/`` and their labels say "Synthetic", so they cannot be
mistaken for facts. Sizes follow the real data's proportions where it has any: a few
contributions per outcome with skewed (Zipf-like) popularity, some outcomes copying another's
signature, clauses repeated across revisions.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from .namespaces import ID, PREFIXES, graph_iri

__all__ = ["GRAPH", "generate", "load", "write"]

SYNTH = ID + "synth/"
GRAPH = ox.NamedNode(graph_iri("synth"))
SDG = "http://metadata.un.org/sdg/"
ROLE = ID + "role/"

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
_ROLES = ("lead", "contributor", "partner", "focal-point", "implementer", "coordinator")


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(SYNTH + local)


def _p(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(PREFIXES[prefix] + local)


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (rank**s) for rank in range(1, n + 1)]


def generate(
    *,
    outcomes: int = 1000,
    topics: int = 200,
    units: int = 100,
    resolutions: int = 200,
    seed: int = 0,
) -> Iterator[ox.Quad]:
    """The quads of a synthetic graph (in the named graph ``GRAPH``), deterministic for a seed.

    ``topics`` is the size of the contribution vocabulary: the 17 SDGs plus ``topics - 17``
    action lines. Each outcome contributes to one to six of them.

    Examples
    --------
    >>> quads = list(generate(outcomes=10, topics=20, units=3, resolutions=2, seed=1))
    >>> quads == list(generate(outcomes=10, topics=20, units=3, resolutions=2, seed=1))
    True
    >>> sum(q.predicate.value.endswith("#type") and q.object.value.endswith("#Outcome")
    ...     for q in quads)
    10
    """
    if topics < 18:
        raise ValueError("topics must be at least 18 (the 17 SDGs and one action line)")
    if min(outcomes, units, resolutions) < 0:
        raise ValueError("sizes must not be negative")
    rng = random.Random(seed)
    g = GRAPH
    label = _p("skos", "prefLabel")
    notation = _p("skos", "notation")
    derivation = _p("prov", "qualifiedDerivation")
    counter = 0

    def entity(node: ox.NamedNode, cls: ox.NamedNode, code: str, text: str) -> Iterator[ox.Quad]:
        yield ox.Quad(node, _RDF_TYPE, cls, g)
        yield ox.Quad(node, notation, ox.Literal(code), g)
        yield ox.Quad(node, label, ox.Literal(text, language="en"), g)

    def source(node: ox.NamedNode | ox.BlankNode, locator: str) -> Iterator[ox.Quad]:
        nonlocal counter
        counter += 1
        d = ox.BlankNode(f"d{counter}")
        doc = _n(f"doc-{counter // 1000:04d}")
        yield ox.Quad(node, derivation, d, g)
        yield ox.Quad(d, _RDF_TYPE, _p("prov", "Derivation"), g)
        yield ox.Quad(d, _p("prov", "entity"), doc, g)
        yield ox.Quad(d, _p("isc", "locator"), ox.Literal(locator), g)
        yield ox.Quad(d, _p("isc", "quote"), ox.Literal(f"Synthetic passage {counter}"), g)

    # Organisation: ITU, three Sectors with their Bureaux, other units as GS departments.
    itu = _n("ITU")
    yield from entity(itu, _p("org", "Organization"), "synth-ITU", "Synthetic ITU")
    sectors = []
    unit_nodes: list[tuple[ox.NamedNode, str]] = []
    for s, (sector, bureau) in enumerate((("R", "BR"), ("T", "TSB"), ("D", "BDT"))):
        sn, bn = _n(f"ITU-{sector}"), _n(f"S{bureau}")
        yield from entity(sn, _p("isc", "Sector"), f"synth-ITU-{sector}", f"Synthetic Sector {s}")
        yield from entity(bn, _p("isc", "Bureau"), f"S{bureau}", f"Synthetic bureau {bureau}")
        yield ox.Quad(bn, _p("isc", "secretariatOf"), sn, g)
        yield ox.Quad(bn, _p("org", "unitOf"), itu, g)
        sectors.append((sn, sector))
        unit_nodes.append((bn, f"S{bureau}"))
    for u in range(max(units - 3, 0)):
        un = _n(f"U{u:04d}")
        yield from entity(un, _p("isc", "Department"), f"U{u:04d}", f"Synthetic department {u}")
        yield ox.Quad(un, _p("org", "unitOf"), itu, g)
        unit_nodes.append((un, f"U{u:04d}"))
    body = _n("TF")
    yield from entity(body, _p("isc", "CoordinationBody"), "synth-TF", "Synthetic task force")

    # The contribution vocabulary: the 17 SDGs (the UN's IRIs) and action lines.
    vocab: list[tuple[ox.NamedNode, bool]] = []
    for goal in range(1, 18):
        node = ox.NamedNode(f"{SDG}{goal}")
        yield from entity(node, _p("sdgo", "Goal"), str(goal), f"Synthetic SDG {goal}")
        vocab.append((node, True))
    for a in range(1, topics - 17 + 1):
        node = _n(f"C{a}")
        yield from entity(node, _p("isc", "ActionLine"), f"SC{a}", f"Synthetic action line {a}")
        vocab.append((node, False))
    order = list(range(len(vocab)))
    rng.shuffle(order)
    weights = _zipf_weights(len(vocab), 0.6)

    # Thematic areas, coordinated by the task force; a few units engaged on each.
    areas = []
    scheme = _n("TA")
    yield from entity(scheme, _p("isc", "ThematicAreaList"), "synth-TA", "Synthetic areas")
    yield ox.Quad(
        scheme, _p("isc", "documentYear"), ox.Literal("2022", datatype=_p("xsd", "gYear")), g
    )
    for t in range(max(topics // 4, 1)):
        area = _n(f"TA-{t:03d}")
        yield from entity(
            area, _p("isc", "ThematicArea"), f"synth-TA-{t:03d}", f"Synthetic area {t}"
        )
        yield ox.Quad(area, _p("skos", "inScheme"), scheme, g)
        yield from source(area, f"areas, item {t}")
        areas.append(area)

    def engagement(agent: ox.NamedNode, topic: ox.NamedNode, role: str) -> Iterator[ox.Quad]:
        nonlocal counter
        e = ox.BlankNode(f"e{counter}")
        yield ox.Quad(e, _RDF_TYPE, _p("isc", "Engagement"), g)
        yield ox.Quad(e, _p("isc", "agent"), agent, g)
        yield ox.Quad(e, _p("isc", "topic"), topic, g)
        yield ox.Quad(e, _p("isc", "role"), ox.NamedNode(ROLE + role), g)
        yield from source(e, "engagements")

    unit_weights = _zipf_weights(len(unit_nodes), 0.8)
    for area in areas:
        yield from engagement(body, area, "coordinator")
        if unit_nodes and rng.random() < 0.7:
            for un, _ in set(rng.choices(unit_nodes, unit_weights, k=rng.randint(1, 3))):
                yield from engagement(un, area, rng.choice(_ROLES))
    for node, is_goal in vocab:
        if is_goal:
            continue
        yield from engagement(itu, node, rng.choice(("facilitator", "co-facilitator", "partner")))
        if unit_nodes and rng.random() < 0.8:
            for un, _ in set(rng.choices(unit_nodes, unit_weights, k=rng.randint(1, 3))):
                yield from engagement(un, node, rng.choice(_ROLES))

    # The plan: objectives of about 25 outcomes each, spread over the Sectors.
    plan = _n("SP")
    yield from entity(plan, _p("isc", "StrategicPlan"), "synth-SP", "Synthetic strategic plan")
    n_objectives = max(outcomes // 25, 1)
    objectives = []
    for k in range(n_objectives):
        sector, letter = sectors[k % 3]
        obj = _n(f"{letter}.{k + 1}")
        yield from entity(
            obj, _p("isc", "SectorObjective"), f"{letter}.{k + 1}", f"Synthetic objective {k + 1}"
        )
        yield ox.Quad(obj, _p("isc", "plan"), plan, g)
        yield ox.Quad(obj, _p("isc", "sector"), sector, g)
        objectives.append((obj, f"{letter}.{k + 1}"))
    # Each objective draws its outcomes' contributions from a focus of about a dozen topics
    # (skewed towards popular ones), as the real plan's objectives do.
    foci = [
        sorted({order[i] for i in rng.choices(range(len(vocab)), weights, k=12)})
        for _ in range(n_objectives)
    ]
    signatures: list[list[int]] = []
    for k in range(outcomes):
        obj, code = objectives[k % n_objectives]
        ident = f"{code}-{k // n_objectives + 1}"
        node = _n(ident)
        yield from entity(node, _p("isc", "Outcome"), ident, f"Synthetic outcome {ident}")
        yield ox.Quad(node, _p("isc", "objective"), obj, g)
        if signatures and rng.random() < 0.1:
            chosen = rng.choice(signatures)  # the same contributions as an earlier outcome
        else:
            focus = foci[k % n_objectives]
            picked = set(rng.sample(focus, rng.randint(min(2, len(focus)), min(8, len(focus)))))
            if rng.random() < 0.3:
                picked.add(order[rng.choices(range(len(vocab)), weights, k=1)[0]])
            chosen = sorted(picked)
        signatures.append(chosen)
        for i in chosen:
            target, is_goal = vocab[i]
            pred = "contributesToSDG" if is_goal else "contributesToActionLine"
            yield ox.Quad(node, _p("isc", pred), target, g)
        yield from source(node, f"Annex, {ident}")

    # Resolutions with one to three revisions; clauses often carried into the next revision.
    addressees = [un for un, _ in unit_nodes[:50]] + [body]
    for r in range(resolutions):
        res = _n(f"Res{r}")
        yield from entity(res, _p("isc", "Resolution"), f"Res{r}", f"Synthetic resolution {r}")
        yield ox.Quad(res, _p("isc", "number"), ox.Literal(str(r)), g)
        previous: list[tuple[str, str]] = []
        # Each resolution has its own subject matter: three made-up words.
        theme = "in " + " ".join(
            "".join(rng.choice(_SYLLABLES) for _ in range(3)) for _ in range(3)
        )
        for v in range(rng.randint(1, 3)):
            rev = _n(f"Res{r}-{2014 + 4 * v}")
            yield from entity(
                rev,
                _p("isc", "Revision"),
                f"Res{r}-{2014 + 4 * v}",
                f"Synthetic resolution {r}, {2014 + 4 * v}",
            )
            yield ox.Quad(rev, _p("isc", "revisionOf"), res, g)
            clauses = []
            for c in range(rng.randint(2, 5)):
                if previous and rng.random() < 0.4:
                    verb, action = rng.choice(previous)
                else:
                    verb = rng.choice(_VERBS)
                    action = f"{rng.choice(_ACTIONS)} {rng.choice(_OBJECTS)} {theme}"
                clauses.append((verb, action))
                m = _n(f"Res{r}-{2014 + 4 * v}-m{c + 1}")
                yield from entity(
                    m,
                    _p("isc", "Mandate"),
                    f"Res{r}-{2014 + 4 * v}-m{c + 1}",
                    f"Synthetic clause {c + 1}",
                )
                yield ox.Quad(m, _p("isc", "revision"), rev, g)
                yield ox.Quad(m, _p("isc", "verb"), ox.Literal(verb), g)
                yield ox.Quad(m, _p("isc", "action"), ox.Literal(action), g)
                for a in set(rng.choices(addressees, k=rng.randint(1, 2))):
                    yield ox.Quad(m, _p("isc", "addressee"), a, g)
                yield from source(m, f"Resolution {r}, clause {c + 1}")
            previous = clauses

    # The synthetic source documents the derivations cite, a thousand passages each.
    for k in range(counter // 1000 + 1):
        yield from entity(
            _n(f"doc-{k:04d}"),
            _p("isc", "SourceDocument"),
            f"synth-doc-{k:04d}",
            f"Synthetic source document {k}",
        )


def load(
    quads: Iterator[ox.Quad] | None = None,
    path: Path | str | None = None,
    ontology: Path | str | None = None,
) -> ox.Store:
    """An in-memory store holding ``quads`` or the RDF file at ``path`` (N-Quads, Turtle …),
    with the project's ontology (its roles among them) beside it, as a built store has.

    ``ontology`` is the ontology folder (default: the project's).
    """
    from .project import Project

    store = ox.Store()
    folder = Path(ontology) if ontology is not None else Project().ontology_dir
    for f in sorted(folder.glob("*.ttl")):
        if f.name != "shapes.ttl":
            store.bulk_load(
                path=str(f),
                format=ox.RdfFormat.TURTLE,
                to_graph=ox.NamedNode(graph_iri("ontology")),
            )
    if quads is not None:
        store.bulk_extend(quads)
    if path is not None:
        store.bulk_load(path=str(path), format=ox.RdfFormat.from_extension(Path(path).suffix[1:]))
    return store


def write(path: Path | str, **sizes: int) -> int:
    """Write the synthetic graph to ``path`` as N-Quads; returns the number of quads."""
    count = 0

    def counted() -> Iterator[ox.Quad]:
        nonlocal count
        for q in generate(**sizes):
            count += 1
            yield q

    ox.serialize(counted(), str(path), format=ox.RdfFormat.N_QUADS)
    return count
