"""What the exports contain, checked against the documents and the store, not against the
exporter's own graph.

ISC-TF's composition is written here from the documents (doc-000, doc-001 and doc-002 each
list its members) and its memberships are counted with a SPARQL query of this file; each
export format must hold one membership edge per membership, labelled with the role. Edge
labels in DOT and SVG, edges in the explorer's data and a depth-0 selection without blank
nodes that link outside it are checked the same way.
"""

from __future__ import annotations

import io
import json
import shutil
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from isc_graph.export import export, select
from isc_graph.namespaces import ID, PREFIXES
from isc_graph.queries import run_query
from isc_graph.store import StoreLocation

# ISC-TF's members and their roles, as the three reports on the task force state them.
ISC_TF_MEMBERS = {
    "DSG": "chair",
    "Chiefs-Bureaux-Departments": "invited",
    "Chief-SPM": "member",
    "Chiefs-GS-Departments": "member",
    "Deputies-Bureaux-Directors": "member",
    "IntersectoralFocalPoints": "member",
    "RegionalDirectors": "member",
    "Head-IAU": "observer",
}
MEMBERSHIP = PREFIXES["org"] + "Membership"
SVG = "{http://www.w3.org/2000/svg}"
# The links of a qualified blank node (engagement, membership) to the entities it joins.
QUALIFIED_LINKS = {
    PREFIXES["org"] + "member",
    PREFIXES["org"] + "organization",
    PREFIXES["isc"] + "agent",
    PREFIXES["isc"] + "topic",
    PREFIXES["isc"] + "basedOn",
    PREFIXES["isc"] + "inCoordinationWith",
}


@pytest.fixture(scope="module")
def db(real_store: Path) -> ox.Store:
    return StoreLocation(real_store).open_read_only()


@pytest.fixture(scope="module")
def memberships(db: ox.Store) -> Counter:
    """(member, role) of each membership of ISC-TF, one per membership node, by SPARQL."""
    rows = run_query(
        db,
        "SELECT ?ms ?member ?role WHERE { ?ms a org:Membership ; org:organization :ISC-TF ; "
        "org:member/skos:notation ?member ; org:role/skos:notation ?role }",
    )
    return Counter((r["member"].value, r["role"].value) for r in rows)


def test_the_store_holds_the_documented_composition(memberships: Counter) -> None:
    assert set(memberships) == set(ISC_TF_MEMBERS.items())
    assert sum(memberships.values()) == 23  # one membership per member and document


def membership_edges(edges: list[tuple[str, str, dict]]) -> Counter:
    """(member, role) of the edges into ISC-TF that are memberships, from their label."""
    found: Counter = Counter()
    for u, v, data in edges:
        label = str(data.get("label") or data.get("title") or "")
        if v == "ISC-TF" and label.startswith("membership: "):
            found[(u, label.removeprefix("membership: "))] += 1
    return found


def read_back(fmt: str, data: str | bytes) -> list[tuple[str, str, dict]]:
    """The edges of an export as its readers see them: networkx for the graph formats, pydot
    for DOT, the page's data for the explorer."""
    if fmt == "graphml":
        return list(nx.read_graphml(io.BytesIO(data)).edges(data=True))
    if fmt == "gexf":
        return list(nx.read_gexf(io.BytesIO(data)).edges(data=True))
    if fmt == "cyjs":
        return list(nx.cytoscape_graph(json.loads(data)).edges(data=True))
    if fmt == "nodelink":
        return list(nx.node_link_graph(json.loads(data), edges="edges").edges(data=True))
    if fmt == "dot":
        import pydot

        [graph] = pydot.graph_from_dot_data(data)
        return [
            (
                e.get_source().strip('"'),
                e.get_destination().strip('"'),
                {k: str(v).strip('"') for k, v in e.get_attributes().items()},
            )
            for e in graph.get_edges()
        ]
    if fmt == "html":
        return [(u, v, {"label": label}) for u, v, label in explorer_edges(data)]
    raise ValueError(fmt)


def explorer_data(page: str) -> dict:
    start = page.index("const DATA = ") + len("const DATA = ")
    data, _ = json.JSONDecoder().raw_decode(page[start:])
    return data


def explorer_edges(page: str) -> list[tuple[str, str, str]]:
    """(from, to, label) of every edge the explorer page draws. The page writes an edge as an
    object, or compactly as the numbers of its ends and of its (label, predicate) pair."""
    data = explorer_data(page)
    ids = [n["id"] for n in data["nodes"]]
    out = []
    for e in data["edges"]:
        if isinstance(e, dict):
            out.append((e["from"], e["to"], e.get("label", "")))
        else:
            a, b, k = e
            out.append((ids[a], ids[b], data["predicates"][k][0]))
    return out


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cyjs", "nodelink", "dot", "html"])
def test_every_membership_is_an_edge_with_its_role(
    db: ox.Store, memberships: Counter, fmt: str
) -> None:
    edges = read_back(fmt, export(db, fmt, focus="ISC-TF", depth=1))
    assert membership_edges(edges) == memberships


def test_rdf_export_keeps_every_membership(db: ox.Store, memberships: Counter) -> None:
    data = export(db, "nt", focus="ISC-TF", depth=1)
    triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    typed = {t.subject for t in triples if t.object == ox.NamedNode(MEMBERSHIP)}
    into_tf = {
        t.subject
        for t in triples
        if t.predicate.value == PREFIXES["org"] + "organization" and t.object.value == ID + "ISC-TF"
    }
    assert len(typed & into_tf) == sum(memberships.values())


@pytest.fixture(scope="module")
def isct_engagements(db: ox.Store) -> Counter:
    """(agent, role) of the engagements on the Inter-Sectoral Coordination Team, by SPARQL."""
    rows = run_query(
        db,
        "SELECT ?e ?agent ?role WHERE { ?e a isc:Engagement ; isc:topic :ISCT ; "
        "isc:agent/skos:notation ?agent ; isc:role/skos:notation ?role }",
    )
    return Counter((r["agent"].value, r["role"].value) for r in rows)


def test_dot_edges_carry_their_labels(db: ox.Store, isct_engagements: Counter) -> None:
    """A small selection (ISCT and its neighbours) is drawn ranked, each edge labelled."""
    # RAG, TSAG and TDAG founded the team (doc-001, §3.1): three "founder" engagements.
    assert {a for (a, r) in isct_engagements if r == "founder"} == {"RAG", "TSAG", "TDAG"}
    edges = read_back("dot", export(db, "dot", focus="ISCT", depth=1))
    assert edges and all(d.get("label") for *_, d in edges)
    engagements = Counter(
        (u, d["label"].removeprefix("engagement: "))
        for u, v, d in edges
        if v == "ISCT" and d["label"].startswith("engagement: ")
    )
    assert engagements == isct_engagements


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed here")
def test_svg_draws_every_edge_label(db: ox.Store, isct_engagements: Counter) -> None:
    from xml.etree import ElementTree

    svg = ElementTree.fromstring(export(db, "svg", focus="ISCT", depth=1))
    groups = [g for g in svg.iter(SVG + "g") if g.get("class") == "edge"]
    texts = [[x.text or "" for x in g.iter(SVG + "text")] for g in groups]
    assert len(groups) == 15 and all(texts), "an edge without a label"
    drawn = Counter(
        t
        for g, ts in zip(groups, texts, strict=True)
        if g.findtext(SVG + "title", "").endswith("->ISCT")
        for t in ts
        if t.startswith("engagement: ")
    )
    expected = Counter(
        f"engagement: {role}" for (_, role), n in isct_engagements.items() for _ in range(n)
    )
    assert drawn == expected


def test_explorer_page_has_the_edges(db: ox.Store, isct_engagements: Counter) -> None:
    page = export(db, "html", focus="ISCT", depth=1)
    edges = explorer_edges(page)
    assert len(edges) == 15, "the explorer draws no edges, or not all"
    ids = {n["id"] for n in explorer_data(page)["nodes"]}
    assert all(u in ids and v in ids and label for u, v, label in edges)
    engagements = Counter(
        (u, label.removeprefix("engagement: "))
        for u, v, label in edges
        if v == "ISCT" and label.startswith("engagement: ")
    )
    assert engagements == isct_engagements


@pytest.mark.parametrize("focus", ["BDT", "ISC-TF", "C5"])
def test_depth_0_holds_no_blank_node_linking_outside(db: ox.Store, focus: str) -> None:
    quads = select(db, focus=focus, depth=0)
    entity = ox.NamedNode(ID + focus)
    outside = [
        q
        for q in quads
        if isinstance(q.subject, ox.BlankNode)
        and q.predicate.value in QUALIFIED_LINKS
        and q.object != entity
    ]
    assert outside == []
    # and no blank node is left hanging from nothing: each is reachable from the entity
    reached, todo = {entity}, [entity]
    by_subject: dict = {}
    for q in quads:
        by_subject.setdefault(q.subject, []).append(q)
        if isinstance(q.subject, ox.BlankNode) and q.object == entity:
            todo.append(q.subject)
            reached.add(q.subject)
    while todo:
        for q in by_subject.get(todo.pop(), []):
            if isinstance(q.object, ox.BlankNode) and q.object not in reached:
                reached.add(q.object)
                todo.append(q.object)
    assert {q.subject for q in quads} <= reached


def test_depth_0_is_the_entity_and_its_passages(db: ox.Store) -> None:
    """BDT alone: its own statements but its links to other entities (ITU, ITU-D), and those of
    its derivations, counted by SPARQL."""
    [row] = run_query(
        db,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
        "{ :BDT ?p ?o FILTER (!isIRI(?o) || ?p = rdf:type) BIND (:BDT AS ?s) } UNION "
        "{ :BDT prov:qualifiedDerivation ?s . ?s ?p ?o } } }",
    )
    quads = select(db, focus="BDT", depth=0)
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == int(row["n"].value)


def neighbours(db: ox.Store, ident: str) -> set[str]:
    """The short ids of ``ident`` and of the entities one link from it, directly or through a
    qualified blank node (engagement, membership), by SPARQL: what an export at depth 1 holds."""
    rows = run_query(
        db,
        f"""SELECT DISTINCT ?n WHERE {{
              {{ VALUES ?n {{ :{ident} }} }} UNION {{ :{ident} ?p ?n }} UNION
              {{ ?n ?p :{ident} }} UNION
              {{ ?b ?p :{ident} . ?b ?q ?n FILTER (isBlank(?b) && ?q != rdf:type) }}
              ?n a ?class
              FILTER (isIRI(?n) && (!BOUND(?p) || ?p NOT IN (rdf:type, prov:entity)))
              FILTER (!STRSTARTS(STR(?n), STR(role:)) && !STRSTARTS(STR(?n), STR(mapping:)))
            }}""",
    )
    return {r["n"].value.removeprefix(ID) for r in rows}


def test_depth_1_holds_the_neighbourhood(db: ox.Store) -> None:
    expected = neighbours(db, "BDT")
    assert {"BDT", "ITU", "ITU-D", "C2", "Dir-BDT"} <= expected
    graph = nx.read_graphml(io.BytesIO(export(db, "graphml", focus="BDT", depth=1)))
    assert set(graph.nodes) == expected
