"""Exports: every graph format read back with networkx, RDF with rdflib, the explorer in a
real browser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import Invoke, needs_chromium, offline_page

from isc_graph.export import clean, export, select, to_networkx
from isc_graph.export.formats import to_dot
from isc_graph.store import StoreLocation


@pytest.fixture(scope="module")
def db(real_store: Path) -> ox.Store:
    return StoreLocation(real_store).open_read_only()


@pytest.fixture(scope="module")
def selection(db: ox.Store) -> nx.MultiDiGraph:
    from isc_graph.export import _labels

    return to_networkx(select(db, focus="BDT", depth=1), _labels(db))


def same_graph(back: nx.Graph, expected: nx.MultiDiGraph, attrs=("id", "label", "type")) -> None:
    flat = clean(expected)
    assert set(map(str, back.nodes)) == set(flat.nodes)
    assert back.number_of_edges() == flat.number_of_edges()
    for n, data in flat.nodes(data=True):
        for a in attrs:
            assert str(back.nodes[n].get(a, "")) == str(data.get(a, "")), (n, a)
    edge_labels = sorted(str(d.get("label")) for *_, d in back.edges(data=True))
    assert edge_labels == sorted(str(d["label"]) for *_, d in flat.edges(data=True))


def test_selection_keeps_the_neighbourhood_with_engagements_and_sources(selection) -> None:
    assert "BDT" in selection and "C2" in selection and "ITU-D" in selection
    roles = sorted(d["role"] for d in selection.get_edge_data("BDT", "C2").values() if "role" in d)
    assert "focal-point" in roles
    c2 = selection.nodes["C2"]
    assert (c2["type"], c2["label"]) == ("isc:ActionLine", "WSIS Action Line C2")
    assert "doc-004" in c2["sources"]
    edge = next(d for d in selection.get_edge_data("BDT", "C2").values() if d.get("role") == "lead")
    assert edge["source"] == ["doc-004"] and edge["passages"][0]["quote"]


def test_graphml(selection) -> None:
    from isc_graph.export.formats import write_graph

    back = nx.read_graphml(__import__("io").BytesIO(write_graph(selection, "graphml")))
    same_graph(back, selection, ("id", "label", "type", "iri", "sources"))


def test_gexf(selection) -> None:
    from isc_graph.export.formats import write_graph

    back = nx.read_gexf(__import__("io").BytesIO(write_graph(selection, "gexf")))
    same_graph(back, selection, ("label", "type", "iri"))


def test_cytoscape_json(selection) -> None:
    from isc_graph.export.formats import write_graph

    back = nx.cytoscape_graph(json.loads(write_graph(selection, "cyjs")))
    same_graph(back, selection, ("id", "type", "iri", "sources"))


def test_node_link_json_keeps_passages(selection) -> None:
    from isc_graph.export.formats import write_graph

    back = nx.node_link_graph(json.loads(write_graph(selection, "nodelink")), edges="edges")
    same_graph(back, selection, ("label", "type", "iri"))  # "id" is the node key itself
    assert back.nodes["C2"]["passages"] == selection.nodes["C2"]["passages"]


def test_dot_reads_back_and_renders(selection, tmp_path: Path) -> None:
    import pydot

    text = to_dot(selection)
    [back] = pydot.graph_from_dot_data(text)
    names = {n.get_name().strip('"') for n in back.get_nodes()} - {"node", "edge", "graph"}
    assert names == set(selection.nodes)
    assert len(back.get_edges()) == selection.number_of_edges()
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed here (.ci/run installs it)")
    svg = export_cli_bytes(selection, "svg")
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg


def export_cli_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    from isc_graph.export.formats import write_graph

    data = write_graph(graph, fmt)
    return data if isinstance(data, bytes) else data.encode("utf-8")


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nt", "jsonld"])
def test_rdf_formats_keep_the_selection_whole(db: ox.Store, fmt: str) -> None:
    """Read back with rdflib: the same statements (blank nodes counted, not matched: an
    isomorphism test on hundreds of blank nodes is needlessly slow)."""
    import rdflib

    quads = select(db, focus="ISC-TF", depth=0)
    expected = {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads}
    data = export(db, fmt, focus="ISC-TF", depth=0)
    syntax = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}[fmt]
    parsed = rdflib.Dataset()
    parsed.parse(data=data, format=syntax)
    back = {(s, p, o) for s, p, o, _ in parsed.quads((None, None, None, None))}

    def ground(triples: set) -> set:
        return {t for t in triples if not any(isinstance(x, rdflib.BNode) for x in t)}

    def blank_shape(triples: set) -> list:
        return sorted(
            (str(p), str(o) if not isinstance(o, rdflib.BNode) else "_")
            for s, p, o in triples
            if isinstance(s, rdflib.BNode)
        )

    assert ground(back) == ground(expected)
    assert blank_shape(back) == blank_shape(expected)
    # Provenance travels with the selection: ISC-TF's quoted passages are there.
    assert any(str(p).endswith("#quote") for _, p, _ in back)
    if fmt == "trig":  # and each statement stays in the graph of the file it comes from
        graphs = {str(g.identifier) for g in parsed.graphs()}
        assert "https://w3id.org/isc-graph/graph/doc-002" in graphs


def to_rdflib(term):
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value.endswith("#string"):
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def test_selections_combine(db: ox.Store, tmp_path: Path) -> None:
    alone = to_networkx(select(db, focus="BDT", depth=0))
    assert set(alone.nodes) == {"BDT"}
    typed = to_networkx(select(db, types=["Bureau", "isc:ActionLine"]))
    assert {d["type"] for _, d in typed.nodes(data=True)} == {"isc:Bureau", "isc:ActionLine"}
    both = to_networkx(select(db, focus="BDT", depth=1, types=["ActionLine", "Bureau"]))
    assert set(both.nodes) == {"BDT", *(f"C{i}" for i in range(1, 12) if f"C{i}" in both)}
    assert "C2" in both and "ITU-D" not in both
    q = tmp_path / "units.rq"
    q.write_text(
        "CONSTRUCT { ?u org:unitOf :ITU ; a isc:Bureau } "
        "WHERE { ?u org:unitOf :ITU ; a isc:Bureau }"
    )
    built = to_networkx(select(db, query=q))
    assert set(built.nodes) == {"BDT", "BR", "TSB"}


def test_export_command(real_cli: Invoke, db: ox.Store, tmp_path: Path) -> None:
    from test_export_contents import neighbours  # BDT's neighbours, counted by SPARQL

    out = tmp_path / "bdt.graphml"
    result = real_cli("export", "-f", "graphml", "--focus", "BDT", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert set(nx.read_graphml(out).nodes) == neighbours(db, "BDT")
    text = real_cli("export", "-f", "ttl", "--focus", "BDT", "--depth", "0")
    assert text.exit_code == 0 and ":BDT" in text.stdout
    binary = real_cli("export", "-f", "png", "--focus", "BDT")
    assert binary.exit_code == 2
    assert "binary: give a file with -o FILE" in binary.stderr
    unknown = real_cli("export", "-f", "dot", "--focus", "NOPE")
    assert unknown.exit_code == 1 and "no entity 'NOPE'" in unknown.stderr
    q = tmp_path / "select.rq"
    q.write_text("SELECT * WHERE { ?s ?p ?o }")
    wrong = real_cli("export", "-f", "dot", "--query", q)
    assert wrong.exit_code == 2 and "--query takes a CONSTRUCT" in wrong.stderr


@needs_chromium
def test_explorer_in_a_real_browser(real_cli: Invoke, db: ox.Store, tmp_path: Path) -> None:
    page_file = tmp_path / "explorer.html"
    result = real_cli("export", "-f", "html", "--focus", "BDT", "-o", page_file)
    assert result.exit_code == 0, result.stderr
    with offline_page(page_file.as_uri(), 1400, 900) as watched:
        page = watched.page
        page.wait_for_function("window.explorer !== undefined")
        drawn = page.evaluate("window.explorer.nodeCount()")
        page.fill("#search", "Telecommunication Development Bureau")
        page.click("#go")
        by_name = page.evaluate("window.explorer.network.getSelectedNodes()")
        page.fill("#search", "C2")
        page.click("#go")
        selected = page.evaluate("window.explorer.network.getSelectedNodes()")
        # Clicking the selected node (at its drawn position) shows its facts and sources.
        box = page.evaluate(
            "(() => { const p = window.explorer.network.getPositions(['C2']).C2;"
            " return window.explorer.network.canvasToDOM(p); })()"
        )
        canvas = page.locator("#graph canvas").bounding_box()
        page.mouse.click(canvas["x"] + box["x"], canvas["y"] + box["y"])
        panel = page.inner_text("#panel")
        artifacts = Path(__file__).parent / "artifacts"
        artifacts.mkdir(exist_ok=True)
        page.screenshot(path=str(artifacts / "explorer.png"))
    assert watched.outside == [] and watched.errors == []
    assert drawn == page_count(page_file) == to_networkx(select(db, focus="BDT")).number_of_nodes()
    assert by_name == ["BDT"] and selected == ["C2"]
    assert "WSIS Action Line C2" in panel
    assert (
        "On behalf of ITU, BDT has been acting as Focal Point and Facilitator of Action Line C2"
        in panel
    )


def page_count(page_file: Path) -> int:
    """How many nodes the page was given (the selection's size)."""
    text = page_file.read_text(encoding="utf-8")
    start = text.index("const DATA = ") + len("const DATA = ")
    data, _ = json.JSONDecoder().raw_decode(text[start:])
    return len(data["nodes"])


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed here")
def test_svg_of_an_action_line_at_depth_2_is_legible(real_cli: Invoke, tmp_path: Path) -> None:
    """Issue 11: 8,399 x 11,099 pt with 200-character labels; now at most 2,000 pt a side,
    no line of text longer than 40 characters, the full names kept as tooltips."""
    import xml.etree.ElementTree as ET

    out = tmp_path / "c5.svg"
    result = real_cli("export", "-f", "svg", "--focus", "C5", "--depth", "2", "-o", out)
    assert result.exit_code == 0, result.stderr
    svg = ET.parse(out).getroot()
    width, height = (float(svg.get(a).removesuffix("pt")) for a in ("width", "height"))
    assert width <= 2000 and height <= 2000, (width, height)
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t.text or "" for t in svg.iter(f"{ns}text")]
    assert texts and max(map(len, texts)) <= 40, max(texts, key=len)
    assert {"BDT", "Telecommunication", "Development Bureau"} <= set(texts)  # a name, wrapped
    tooltips = {a.get("{http://www.w3.org/1999/xlink}title") for a in svg.iter(f"{ns}a")}
    assert any(t and len(t) > 100 for t in tooltips)  # an outcome's full title


def test_short_labels_cut_at_a_word(selection) -> None:
    from isc_graph.export.graph import short_label

    assert short_label("Telecommunication Development Bureau") == (
        "Telecommunication Development Bureau"
    )
    long = "Enhanced use of telecommunications/ICTs for sustainable development by everyone"
    assert short_label(long) == "Enhanced use of telecommunications/ICTs…"
    for _, data in selection.nodes(data=True):
        assert len(data["short_label"]) <= 40


def test_every_class_has_a_family_and_a_colour_of_its_own(db: ox.Store) -> None:
    from isc_graph.export.families import FAMILIES, NOT_DRAWN, class_colours, family_of
    from isc_graph.namespaces import short_id
    from isc_graph.queries import run_query

    rows = run_query(db, "SELECT ?c WHERE { ?c a owl:Class FILTER (isIRI(?c)) }")
    classes = {short_id(r["c"].value) for r in rows} - NOT_DRAWN
    used = {d["type"] for _, d in to_networkx(select(db)).nodes(data=True)}
    assert {c for c in classes | used if family_of(c) == "Other"} == set()
    assert len(FAMILIES) <= 12
    family_colours = [colour for _, colour, _ in FAMILIES]
    assert len(set(family_colours)) == len(family_colours)
    colours = class_colours()
    assert len(set(colours.values())) == len(colours)

    def luminance(c: str) -> float:
        r, g, b = (int(c[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    assert min(map(luminance, colours.values())) > 0.05  # nothing drawn black


def explorer_data(text: str) -> dict:
    start = text.index("const DATA = ") + len("const DATA = ")
    data, _ = json.JSONDecoder().raw_decode(text[start:])
    return data


def test_explorer_colours_are_the_same_in_every_export(db: ox.Store) -> None:
    whole = explorer_data(export(db, "html"))
    part = explorer_data(export(db, "html", types=["Bureau", "ActionLine", "sdgo:Goal"]))
    again = explorer_data(export(db, "html", types=["sdgo:Goal", "Bureau"]))
    for shown in (part, again):
        for t, colour in shown["colours"].items():
            assert whole["colours"][t] == colour
    families = [f["family"] for f in whole["legend"]]
    assert len(families) <= 12 and len({f["colour"] for f in whole["legend"]}) == len(families)
    bdt = next(n for n in whole["nodes"] if n["id"] == "BDT")
    assert bdt["title_text"] == "Telecommunication Development Bureau"
    assert "BDT" in whole["linked"]


def test_labels_come_in_the_chosen_language(db: ox.Store) -> None:
    fr = to_networkx(select(db, focus="1", depth=0), lang="fr")
    assert fr.nodes["1"]["label"] == (
        "Éliminer la pauvreté sous toutes ses formes et partout dans le monde"
    )
    en = to_networkx(select(db, focus="1", depth=0), lang="en")
    assert en.nodes["1"]["label"] == "End poverty in all its forms everywhere"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--types", "Bureu"], "no entity of type Bureu; types in the graph: Bureau, "),
        (["--focus", "C55"], "no entity 'C55'; did you mean "),
        (
            ["--focus", "BDT", "--depth", "0", "--types", "ActionLine"],
            "the selection holds no entity of type ActionLine within 0 links of BDT",
        ),
    ],
)
def test_an_empty_selection_is_an_error(
    real_cli: Invoke, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "x.gexf"
    result = real_cli("export", "-f", "gexf", "-o", out, *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: " + message), result.stderr
    assert not out.exists()


@pytest.fixture(scope="module")
def large() -> nx.MultiDiGraph:
    """A synthetic graph just over the size from which the explorer opens on groups."""
    from isc_graph import synth
    from isc_graph.export import _labels

    store = synth.load(synth.generate(outcomes=1_400, topics=200, units=200, resolutions=28))
    return to_networkx(select(store), _labels(store))


def test_explorer_layout_is_the_same_for_the_same_seed(selection, large) -> None:
    """Positions depend on the graph and the seed only (the larger graph is laid out with
    igraph's grid, the smaller exactly)."""
    from isc_graph.export.explorer import render_explorer

    def positions(graph: nx.MultiDiGraph, seed: int) -> dict:
        data = explorer_data(render_explorer(graph, seed=seed))
        return {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}

    for graph in (selection, large):
        first = positions(graph, 0)
        assert set(first) == set(graph.nodes)
        assert positions(graph, 0) == first
        assert positions(graph, 1) != first


def test_a_small_graph_opens_with_every_node(selection) -> None:
    from isc_graph.export.explorer import AGGREGATE_FROM, render_explorer

    assert selection.number_of_nodes() < AGGREGATE_FROM
    data = explorer_data(render_explorer(selection))
    assert data["top"] == [] and data["groups"] == []
    assert {n["id"] for n in data["nodes"]} == set(selection.nodes)
    assert len(data["edges"]) == selection.number_of_edges()


def test_a_large_graph_opens_on_groups_with_every_node_to_open(large) -> None:
    """Above the threshold the page opens on one group per family; every node is in the page,
    each in exactly one group that opens into it, however many levels down."""
    from isc_graph.export.explorer import AGGREGATE_FROM, render_explorer
    from isc_graph.export.families import family_of
    from isc_graph.export.layout import TILE

    assert large.number_of_nodes() >= AGGREGATE_FROM
    data = explorer_data(render_explorer(large))
    groups = {g["id"]: g for g in data["groups"]}
    families = {family_of(t) for _, t in large.nodes(data="type")}
    assert [groups[g]["label"] for g in data["top"]] == [
        f for f in (f["family"] for f in data["legend"]) if f in families
    ]
    assert len(data["nodes"]) == large.number_of_nodes()
    assert len(data["edges"]) == large.number_of_edges()

    def leaves(ident: str) -> list[int]:
        g = groups[ident]
        assert len(g.get("children", g.get("members", []))) <= TILE
        if "members" in g:
            return g["members"]
        found = [i for c in g["children"] for i in leaves(c)]
        assert len(found) == g["count"]
        return found

    held = [i for ident in data["top"] for i in leaves(ident)]
    assert sorted(held) == list(range(len(data["nodes"])))
    outcomes = next(g for g in data["groups"] if g["label"] == "Outcome")
    assert outcomes["count"] > TILE and len(outcomes["children"]) > 1  # tiles of the class


@needs_chromium
def test_a_large_explorer_opens_groups_in_the_browser(large, tmp_path: Path) -> None:
    from isc_graph.export.explorer import render_explorer

    page_file = tmp_path / "large.html"
    page_file.write_text(render_explorer(large), encoding="utf-8")
    data = explorer_data(page_file.read_text(encoding="utf-8"))
    plan = next(g["id"] for g in data["groups"] if g["label"] == "Strategic plan")
    with offline_page(page_file.as_uri(), 1400, 900) as watched:
        page = watched.page
        page.wait_for_function("window.explorer !== undefined")
        opening = page.evaluate("window.explorer.nodeCount()")
        page.evaluate(f"window.explorer.open({json.dumps(plan)})")
        opened = page.evaluate("window.explorer.view.getIds()")
        page.fill("#search", "R.101-3")
        page.click("#go")
        selected = page.evaluate("window.explorer.network.getSelectedNodes()")
        panel = page.inner_text("#panel")
    assert watched.outside == [] and watched.errors == []
    assert opening == len(data["top"])
    assert plan not in opened and "Outcome" in " ".join(
        g["label"] for g in data["groups"] if g["id"] in opened
    )
    assert selected == ["R.101-3"]  # the groups holding it were opened
    assert "Synthetic outcome R.101-3" in panel and "contributes to" in panel
