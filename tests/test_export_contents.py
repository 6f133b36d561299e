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
import math
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

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed here"
)

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


@needs_dot
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


# --- DOT, pictures and layout in small (found unchecked by mutation testing) ------------------


def _luma(hex_colour: str) -> float:
    """Relative luminance with the Rec. 709 weights, as the DOT writer is documented to use."""
    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize(
    ("colour", "expected"),
    [
        ("#000000", 0.0),
        ("#ffffff", 1.0),
        ("#ff0000", 0.2126),
        ("#00ff00", 0.7152),
        ("#0000ff", 0.0722),
    ],
)
def test_luminance_by_its_definition(colour: str, expected: float) -> None:
    from isc_graph.export.formats import _luminance

    assert _luminance(colour) == pytest.approx(expected)


def _small_graph(n: int) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for i in range(n):
        graph.add_node(
            f"U{i}",
            label=f"Unit number {i}",
            short_label=f"Unit {i}",
            type="org:OrganizationalUnit" if i % 2 else "isc:Resolution",
            iri=f"{ID}U{i}",
            family="Units",
        )
    for i in range(n - 1):
        graph.add_edge(
            f"U{i}", f"U{i + 1}", label="member of", predicate="org:memberOf", source="doc-004"
        )
    return graph


def _dot(graph: nx.MultiDiGraph):
    import pydot

    from isc_graph.export.formats import to_dot

    [dot] = pydot.graph_from_dot_data(to_dot(graph))
    return dot


def _unquote(value: str | None) -> str | None:
    return value[1:-1] if value and value.startswith('"') else value


def test_dot_of_a_small_selection_is_ranked_with_edge_labels() -> None:
    dot = _dot(_small_graph(3))
    assert dot.get_name() == "isc_graph"
    defaults = {k: _unquote(v) for k, v in dot.get_node("graph")[0].get_attributes().items()}
    assert (defaults["layout"], defaults["rankdir"], defaults["fontname"]) == (
        "dot",
        "LR",
        "Helvetica",
    )
    node_defaults = {k: _unquote(v) for k, v in dot.get_node("node")[0].get_attributes().items()}
    assert (node_defaults["shape"], node_defaults["style"]) == ("box", "rounded,filled")
    edge_defaults = {k: _unquote(v) for k, v in dot.get_node("edge")[0].get_attributes().items()}
    assert edge_defaults["fontname"] == "Helvetica" and edge_defaults["color"].startswith("#")
    node = {k: _unquote(v) for k, v in dot.get_node('"U1"')[0].get_attributes().items()}
    assert (node["type"], node["iri"], node["family"]) == (
        "org:OrganizationalUnit",
        f"{ID}U1",
        "Units",
    )
    assert (node["title"], node["tooltip"]) == ("Unit number 1", "U1: Unit number 1")
    assert node["fillcolor"] == node["color"]
    assert node["fontcolor"] == ("white" if _luma(node["fillcolor"]) < 0.45 else "black")
    [edge] = dot.get_edge('"U0"', '"U1"')
    attrs = {k: _unquote(v) for k, v in edge.get_attributes().items()}
    assert attrs == {
        "predicate": "org:memberOf",
        "source": "doc-004",
        "tooltip": "U0 member of U1",
        "label": "member of",
    }


def test_dot_picks_a_readable_font_colour_on_dark_and_light_fills() -> None:
    from isc_graph.export.families import colour_of

    graph = nx.MultiDiGraph()
    kinds = [
        "isc:Resolution", "org:OrganizationalUnit", "isc:Outcome", "sdgo:Goal", "isc:Mandate",
        "isc:ThematicArea", "isc:WSISActionLine", "isc:Objective", "org:Membership",
    ]  # fmt: skip
    for i, kind in enumerate(kinds):
        graph.add_node(f"N{i}", type=kind, label=kind)
    dot = _dot(graph)
    seen = set()
    for i, kind in enumerate(kinds):
        node = {k: _unquote(v) for k, v in dot.get_node(f'"N{i}"')[0].get_attributes().items()}
        assert node["fillcolor"] == colour_of(kind)
        expected = "white" if _luma(node["fillcolor"]) < 0.45 else "black"
        assert node["fontcolor"] == expected, kind
        seen.add(expected)
    assert seen == {"white", "black"}


def test_dot_of_a_large_selection_uses_a_force_layout_and_edge_titles() -> None:
    from isc_graph.export.formats import RANKED_UP_TO

    dot = _dot(_small_graph(RANKED_UP_TO + 1))
    defaults = {k: _unquote(v) for k, v in dot.get_node("graph")[0].get_attributes().items()}
    assert defaults["layout"] == "sfdp"
    assert defaults["outputorder"] == "edgesfirst"  # edges under the nodes
    assert defaults["splines"] == "false"
    [edge] = dot.get_edge('"U0"', '"U1"')
    attrs = {k: _unquote(v) for k, v in edge.get_attributes().items()}
    assert attrs["title"] == "member of" and "label" not in attrs


@needs_dot
def test_png_is_drawn_at_150_dpi(tmp_path: Path) -> None:
    import struct

    from isc_graph.export.formats import draw

    graph = _small_graph(2)
    svg = draw(graph, "svg").decode("utf-8")
    width_pt = float(svg.split('width="', 1)[1].split("pt", 1)[0])
    png = draw(graph, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width_px = struct.unpack(">I", png[16:20])[0]
    assert abs(width_px - width_pt * 150 / 72) <= 2


@needs_dot
def test_a_format_graphviz_does_not_know_is_its_error() -> None:
    from isc_graph.errors import IscGraphError
    from isc_graph.export.formats import draw

    with pytest.raises(IscGraphError, match=r'^Graphviz failed: Format: "nonsense" not recognized'):
        draw(_small_graph(1), "nonsense")


def test_layout_scales_the_main_part_and_sets_the_rest_below_it() -> None:
    import math

    from isc_graph.export.layout import SPREAD, layout

    ids = [f"n{i:02}" for i in range(16)]
    main = [(i, i + 1) for i in range(8)]  # a path of 9 nodes
    links = [*main, (9, 10), (11, 12), (11, 13)]  # parts of 2 and 3, then 2 lone nodes
    pos, found = layout(ids, links, seed=3)
    assert sorted(found) == list(range(9))
    core = pos[found]
    assert abs(core.mean(axis=0)).max() < 1e-6 * SPREAD  # centred
    assert abs(core).max() == pytest.approx(SPREAD * math.sqrt(9))  # as far apart as any size
    below = pos[9:]
    assert below[:, 1].min() >= core[:, 1].max() + 200 - 1e-6
    assert below[:, 0].min() >= core[:, 0].min() - 1e-6  # rows start at the main part's left

    # largest first, in reading order (rows down, left to right in a row): the part of three,
    # then of two, then the lone nodes
    def place(part: list[int]) -> tuple[float, float]:
        return (round(float(pos[part, 1].min())), float(pos[part, 0].min()))

    assert place([11, 12, 13]) < place([9, 10]) < place([14]) < place([15])
    again, _ = layout(ids, links, seed=3)
    assert (again == pos).all()


def test_layout_of_nodes_without_links_wraps_rows() -> None:
    from isc_graph.export.layout import layout

    ids = [f"n{i:02}" for i in range(30)]
    pos, main = layout(ids, [], seed=0)
    assert main == []
    assert pos[:, 0].min() == 0.0
    assert pos[:, 0].max() <= 1200.0
    assert len({round(y) for y in pos[:, 1]}) > 1  # more than one row
    assert pos[0, 1] == 200.0
    assert layout([], [])[1] == []


def test_sibling_groups_are_spread_around_their_members_centre() -> None:
    import math

    import numpy as np

    from isc_graph.export.layout import Group, _spread

    pos = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 10.0]])
    one = [Group("#g1", "all", "#000", [], [0, 1, 2, 3])]
    _spread(one, pos, np.zeros((0, 2), dtype=int), seed=0)
    assert (one[0].x, one[0].y) == (5.0, 5.0)
    three = [Group(f"#g{k}", str(k), "#000", [], m) for k, m in enumerate([[0], [1], [2, 3]])]
    _spread(three, pos, np.array([[0, 1], [2, 3]]), seed=0)
    centres = np.array([[g.x, g.y] for g in three])
    assert np.allclose(centres.mean(axis=0), [5.0, 5.0], atol=1e-6)
    gaps = [np.linalg.norm(centres[a] - centres[b]) for a, b in [(0, 1), (0, 2), (1, 2)]]
    assert min(gaps) > 100  # well apart: the radius is at least 150 * sqrt(3)
    assert max(np.abs(centres - [5.0, 5.0]).max(axis=1)) <= 150 * math.sqrt(3) + 1e-6


def _explorer_data(page: str) -> dict:
    start = page.index("const DATA = ") + len("const DATA = ")
    data, _end = json.JSONDecoder().raw_decode(page, start)
    return data


def test_the_explorer_page_holds_each_node_its_facts_and_links() -> None:
    from isc_graph.export.explorer import render_explorer

    graph = nx.MultiDiGraph()
    graph.add_node(
        "BDT",
        label="Telecommunication Development Bureau",
        short_label="Development Bureau",
        type="org:OrganizationalUnit",
        alt_labels=["Bureau"],
        notation="BDT",
        sources=["doc-004"],
        passages=[["doc-004", "§ 2", "BDT leads"]],
        empty="",
    )
    graph.add_node("C2", label="Information </script> infrastructure", type="isc:WSISActionLine")
    graph.add_node("https://example.org/x", short_label="Example", type="isc:Unknown")
    graph.add_edge("BDT", "C2", label="leads", predicate="isc:leads")
    graph.add_edge("BDT", "C2", label="leads", predicate="isc:leads")
    graph.add_edge("C2", "BDT", label="led by", predicate="isc:ledBy")
    page = render_explorer(graph)
    assert "__VIS__" not in page and "__DATA__" not in page
    assert "vis.Network" in page or "vis-network" in page
    assert "</script> infrastructure" not in page  # escaped, so the page's script stays whole
    data = _explorer_data(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert [n["id"] for n in data["nodes"]] == ["BDT", "C2", "https://example.org/x"]
    assert nodes["BDT"]["label"] == "BDT\nDevelopment Bureau"
    assert nodes["https://example.org/x"]["label"] == "Example"
    assert nodes["C2"]["label"] == "C2"
    assert nodes["BDT"]["alt"] == ["Bureau"]
    assert nodes["BDT"]["value"] == round(math.log1p(1), 2)  # one neighbour, however linked
    assert nodes["https://example.org/x"]["value"] == 0
    assert data["predicates"] == [["leads", "isc:leads"], ["led by", "isc:ledBy"]]
    assert sorted(data["edges"]) == [[0, 1, 0], [0, 1, 0], [1, 0, 1]]
    assert data["linked"] == ["BDT", "C2"]
    assert data["details"]["BDT"] == {
        "label": "Telecommunication Development Bureau",
        "type": "org:OrganizationalUnit",
        "family": "ITU units",
        "facts": [["alt_labels", "Bureau"], ["notation", "BDT"]],
        "passages": [["doc-004", "§ 2", "BDT leads"]],
    }
    assert data["details"]["C2"]["passages"] == []
    counts = {t[0]: t[2] for family in data["legend"] for t in family["types"]}
    assert counts == {"org:OrganizationalUnit": 1, "isc:WSISActionLine": 1, "isc:Unknown": 1}
    assert set(data["colours"]) == set(counts)
    assert data["groups"] == [] and data["top"] == []


def test_nodelink_passages_carry_document_locator_and_quote(db: ox.Store) -> None:
    """Every passage an exported node or edge carries is one the store holds, whole: its
    document, locator and quote (a reference text's article has none), as a query written
    here finds them."""
    rows = run_query(
        db,
        "SELECT ?doc ?loc ?quote WHERE { ?d a prov:Derivation ; prov:entity ?src ; "
        "isc:locator ?loc . OPTIONAL { ?d isc:quote ?quote } ?src skos:notation ?doc }",
    )
    known = {(r["doc"].value, r["loc"].value, r["quote"].value if r["quote"] else "") for r in rows}
    data = json.loads(export(db, "nodelink", focus="ISCT", depth=1))
    passages = [p for n in data["nodes"] for p in n.get("passages", [])]
    passages += [p for e in data["edges"] for p in e.get("passages", [])]
    assert passages
    for p in passages:
        assert p["document"] and p["locator"], p
        assert (p["document"], p["locator"], p["quote"]) in known, p
    assert all(e.get("source") for e in data["edges"] if e.get("passages"))
