"""Unit tests of the export package on small inputs built here: the layout and its groups,
the property graph, each writer, the explorer's data and the export entry point.

Expected values are written by hand from the input of each test (or follow from the rules
the modules document), never recomputed with the code under test.
"""

from __future__ import annotations

import io
import json
import math
import random
import re
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pyoxigraph as ox
import pytest
from conftest import stderr_as_terminal

from isc_graph.export.layout import SPREAD, TILE, Group, _force, _spread, groups, layout
from isc_graph.namespaces import ID, ONT, PREFIXES, graph_iri

NO_LINKS = np.zeros((0, 2), dtype=np.int64)


# --- layout: the force layout of one part ---------------------------------------------------


def path_graph(n: int) -> ig.Graph:
    """A path of ``n`` nodes, as igraph holds it."""
    return ig.Graph(n=n, edges=[(i, i + 1) for i in range(n - 1)])


def test_a_lone_node_sits_at_the_origin() -> None:
    assert _force(ig.Graph(n=1), seed=4).tolist() == [[0.0, 0.0]]


@pytest.mark.parametrize("n", [2, 5, 12])
def test_a_part_is_centred_and_as_wide_as_its_size_asks(n: int) -> None:
    """Centred on the origin, its farthest coordinate SPREAD * sqrt(n) from it."""
    pos = _force(path_graph(n), seed=1)
    assert pos.shape == (n, 2)
    assert np.allclose(pos.mean(axis=0), 0.0, atol=1e-9)
    assert float(np.abs(pos).max()) == pytest.approx(SPREAD * math.sqrt(n))


def test_two_linked_nodes_lie_opposite_each_other() -> None:
    pos = _force(path_graph(2), seed=0)
    assert np.allclose(pos[0], -pos[1])
    assert float(np.abs(pos).max()) == pytest.approx(120 * math.sqrt(2))


def test_the_force_layout_depends_on_the_seed_only() -> None:
    graph = ig.Graph.Ring(10)
    first = _force(graph, seed=7)
    assert (_force(graph, seed=7) == first).all()
    assert not np.allclose(_force(graph, seed=8), first)


def test_the_force_layout_starts_from_a_square_of_side_sqrt_n_drawn_from_the_seed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """igraph starts from positions spread over a square of side sqrt(n) around the origin
    (where its grid is fastest), drawn from the seed, and runs its 500 iterations."""
    calls: list[dict] = []
    real = ig.Graph.layout_fruchterman_reingold

    def spy(self: ig.Graph, **kwargs: object) -> ig.Layout:
        calls.append(kwargs)
        return real(self, **kwargs)

    monkeypatch.setattr(ig.Graph, "layout_fruchterman_reingold", spy)
    n = 64
    _force(ig.Graph.Ring(n), seed=3)
    _force(ig.Graph.Ring(n), seed=3)
    _force(ig.Graph.Ring(n), seed=4)
    start = np.asarray(calls[0]["seed"], dtype=float)
    assert start.shape == (n, 2)
    half = math.sqrt(n) / 2  # 4
    assert float(np.abs(start).max()) <= half
    assert float(start.min()) < -0.9 * half and float(start.max()) > 0.9 * half
    assert calls[1]["seed"] == calls[0]["seed"]
    assert calls[2]["seed"] != calls[0]["seed"]
    assert calls[0]["niter"] == 500


def test_the_force_layout_gives_igraph_back_its_usual_random_numbers() -> None:
    """After a layout, igraph draws from Python's ``random`` module again."""
    _force(ig.Graph.Ring(6), seed=2)
    graph = ig.Graph.Ring(5)
    random.seed(11)
    first = graph.layout_random().coords
    random.seed(11)
    assert graph.layout_random().coords == first


# --- layout: the parts of a graph ------------------------------------------------------------


def test_nodes_without_links_are_set_in_rows_of_eight_140_apart() -> None:
    """With no main part, lone nodes fill rows 1,200 wide (140 each: eight to a row) from
    (0, 200), rows 140 apart (80 between rows, 60 of height), in the order of their ids."""
    ids = [f"n{i:02}" for i in range(20)]
    pos, main = layout(ids, [])
    assert main == []
    expected = [[140.0 * (i % 8), 200.0 + 140.0 * (i // 8)] for i in range(20)]
    assert pos.tolist() == expected


def test_lone_nodes_are_placed_in_the_order_of_their_ids() -> None:
    pos, _ = layout(["c", "a", "b"], [])
    assert pos.tolist() == [[280.0, 200.0], [0.0, 200.0], [140.0, 200.0]]


def test_self_links_and_repeated_links_do_not_make_a_part() -> None:
    pos, main = layout(["a", "b"], [(0, 0), (1, 1)])
    assert main == []
    assert pos.tolist() == [[0.0, 200.0], [140.0, 200.0]]


def test_the_default_seed_is_zero() -> None:
    ids = [f"n{i}" for i in range(6)]
    links = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0)]
    assert (layout(ids, links)[0] == layout(ids, links, seed=0)[0]).all()
    assert not np.allclose(layout(ids, links, seed=1)[0], layout(ids, links, seed=0)[0])


def test_rows_below_the_main_part_wrap_at_its_width() -> None:
    """A path of nine nodes is the main part; the eleven lone nodes go in rows starting at its
    left edge, 200 below its lowest point, each row as full as the part's width allows."""
    ids = [f"n{i:02}" for i in range(20)]
    pos, main = layout(ids, [(i, i + 1) for i in range(8)], seed=0)
    assert main == list(range(9))
    core = pos[main]
    left, right = float(core[:, 0].min()), float(core[:, 0].max())
    top = float(core[:, 1].max())
    lone = pos[9:]
    per_row = max(1, math.floor((right - left) / 140))
    expected = [
        [left + 140.0 * (k % per_row), top + 200 + 140.0 * (k // per_row)] for k in range(11)
    ]
    assert np.allclose(lone, expected)
    assert float(lone[:, 0].max()) + 140 <= right + 1e-6  # each node's box within the width


def test_a_small_part_is_set_below_with_its_own_shape() -> None:
    """A linked pair apart from the main part keeps its shape (SPREAD * sqrt(2) from its
    centre), its box's corner at the main part's left, 200 below it; the lone node after it
    sits 140 past the pair's width, on the same row if it fits."""
    ids = ["a", "b", "c", "d", "e", "f", "g", "h"]
    # a-b-c-d-e: the main part; f-g: a pair; h: alone
    pos, main = layout(ids, [(0, 1), (1, 2), (2, 3), (3, 4), (5, 6)], seed=2)
    assert main == [0, 1, 2, 3, 4]
    core = pos[main]
    left, right = float(core[:, 0].min()), float(core[:, 0].max())
    row = float(core[:, 1].max()) + 200
    pair = pos[[5, 6]]
    assert np.allclose(pair.min(axis=0), [left, row])
    assert np.allclose(pair[0] - pair.mean(axis=0), -(pair[1] - pair.mean(axis=0)))
    assert float(np.abs(pair - pair.mean(axis=0)).max()) == pytest.approx(120 * math.sqrt(2))
    width = float(np.ptp(pair[:, 0])) + 140
    height = float(np.ptp(pair[:, 1])) + 60
    if left + width + 140 <= right:
        assert np.allclose(pos[7], [left + width, row])
    else:
        assert np.allclose(pos[7], [left, row + 80 + height])


def test_of_equal_parts_the_one_with_the_first_ids_comes_first() -> None:
    """Two pairs of the same size, no main part larger: the pair named first is the main one."""
    pos, main = layout(["z1", "z2", "a1", "a2"], [(0, 1), (2, 3)])
    assert main == [2, 3]
    assert pos[[0, 1], 1].min() >= pos[[2, 3], 1].max() + 200 - 1e-6


def test_no_nodes_no_positions() -> None:
    pos, main = layout([], [])
    assert pos.shape == (0, 2) and main == []


# --- groups ----------------------------------------------------------------------------------


def test_a_group_as_the_page_reads_it() -> None:
    leaf = Group("#g2", "Bureau", "#0072B2", ["isc:Bureau"], [3, 1], 1.26, -3.449, 7.77)
    assert leaf.to_dict() == {
        "id": "#g2",
        "label": "Bureau",
        "color": "#0072B2",
        "types": ["isc:Bureau"],
        "count": 2,
        "x": 1.3,
        "y": -3.4,
        "size": 7.8,
        "members": [3, 1],
    }
    parent = Group("#g1", "ITU units", "#0072B2", ["isc:Bureau"], [3, 1], children=[leaf])
    assert parent.to_dict()["children"] == ["#g2"]
    assert "members" not in parent.to_dict()
    assert [g.ident for g in parent.walk()] == ["#g1", "#g2"]


def test_sibling_groups_linked_by_their_members_are_placed_nearer() -> None:
    """Groups whose members are linked are drawn nearer one another than an unlinked one."""
    pos = np.array([[0.0, 0.0], [10, 0], [0, 10], [10, 10], [5, 5], [6, 6]])
    links = np.array([[0, 2], [1, 3], [0, 3], [1, 2]])  # from the first group to the second
    for seed in (0, 1):
        three = [
            Group(k, k, "#000", [], m) for k, m in zip("abc", [[0, 1], [2, 3], [4, 5]], strict=True)
        ]
        _spread(three, pos, links, seed)
        c = np.array([[g.x, g.y] for g in three])
        near = np.linalg.norm(c[0] - c[1])
        assert near < 0.6 * np.linalg.norm(c[0] - c[2])
        assert near < 0.6 * np.linalg.norm(c[1] - c[2])


def test_sibling_groups_spread_as_wide_as_half_their_members() -> None:
    """Members spread 5,000 either side of their centre: the groups lie up to half that, 2,500,
    from it (more than the least, 150 * sqrt(3))."""
    pos = np.array([[0.0, 0.0], [10_000, 0], [0, 10_000], [10_000, 10_000]])
    three = [Group(str(k), str(k), "#000", [], m) for k, m in enumerate([[0], [1], [2, 3]])]
    _spread(three, pos, NO_LINKS, seed=0)
    c = np.array([[g.x, g.y] for g in three])
    assert np.allclose(c.mean(axis=0), [5_000, 5_000])
    assert float(np.abs(c - [5_000, 5_000]).max()) == pytest.approx(2_500)


def test_sibling_groups_of_close_members_are_at_least_150_sqrt_n_apart() -> None:
    pos = np.array([[0.0, 0.0], [10, 0], [0, 10], [10, 10]])
    four = [Group(str(k), str(k), "#000", [], [k]) for k in range(4)]
    _spread(four, pos, NO_LINKS, seed=0)
    c = np.array([[g.x, g.y] for g in four])
    assert float(np.abs(c - [5, 5]).max()) == pytest.approx(300)  # 150 * sqrt(4)


def test_sibling_groups_are_placed_the_same_for_the_same_seed() -> None:
    pos = np.array([[0.0, 0.0], [10, 0], [0, 10], [10, 10]])

    def place(seed: int) -> list[tuple[float, float]]:
        four = [Group(str(k), str(k), "#000", [], [k]) for k in range(4)]
        _spread(four, pos, np.array([[0, 1]]), seed)
        return [(g.x, g.y) for g in four]

    assert place(5) == place(5)
    assert place(5) != place(6)


def small_types() -> list[str]:
    """Six nodes: two ITU units of two classes, a resolution, two unlisted classes."""
    return ["isc:Sector", "isc:Bureau", "isc:Resolution", "ex:Zed", "isc:Bureau", "ex:Alpha"]


def test_a_small_graph_opens_on_one_group_per_family_in_table_order() -> None:
    types = small_types()
    pos = np.array([[0.0, 0.0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5]])
    top = groups(types, pos, NO_LINKS)
    assert [(g.ident, g.label, g.colour) for g in top] == [
        ("#g1", "ITU units", "#0072B2"),
        ("#g2", "Instruments & mandates", "#D55E00"),
        ("#g3", "Other", "#BBBBBB"),
    ]
    assert [g.types for g in top] == [
        ["isc:Bureau", "isc:Sector"],  # the table's order, not the nodes'
        ["isc:Resolution"],
        ["ex:Alpha", "ex:Zed"],
    ]
    assert [g.members for g in top] == [[0, 1, 4], [2], [3, 5]]
    # at most TILE nodes each: a group opens into its nodes, however many classes it has
    assert all(g.children == [] for g in top)
    assert [g.to_dict()["members"] for g in top] == [[0, 1, 4], [2], [3, 5]]


def test_group_sizes_grow_with_their_members_up_to_a_25th_of_the_picture() -> None:
    """The positions lie up to 50 from their mean (x about 1,000, y about 0): the largest
    group is 50 / 25 = 2 across, the others 2 * (0.4 + 0.6 * log(1 + n) / log(1 + 3))."""
    types = small_types()
    pos = np.array([[950.0, 0.0], [1050, 0], [1000, 10], [1000, -10], [1000, 0], [1000, 0]])
    top = groups(types, pos, NO_LINKS)
    sizes = [g.size for g in top]
    assert sizes[0] == pytest.approx(2.0)
    assert sizes[1] == pytest.approx(2 * (0.4 + 0.6 * math.log(2) / math.log(4)))
    assert sizes[2] == pytest.approx(2 * (0.4 + 0.6 * math.log(3) / math.log(4)))


def test_groups_of_nodes_all_in_one_place_still_have_a_size() -> None:
    top = groups(["isc:Bureau", "isc:Bureau"], np.zeros((2, 2)), NO_LINKS)
    assert [g.size for g in top] == [pytest.approx(1 / 25)]
    assert (top[0].x, top[0].y) == (0.0, 0.0)  # a lone group sits on its members' centre


def test_groups_are_placed_the_same_for_the_same_seed() -> None:
    types = small_types()
    pos = np.array([[0.0, 0.0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5]])

    def place(seed: int) -> list[tuple[float, float]]:
        return [(g.x, g.y) for g in groups(types, pos, NO_LINKS, seed)]

    assert place(3) == place(3)
    assert place(3) != place(4)
    assert place(0) == [(g.x, g.y) for g in groups(types, pos, NO_LINKS)]


def test_a_large_family_opens_into_its_classes_then_tiles() -> None:
    """1,500 Bureaus and 10 Sectors: the ITU units open into Bureau (cut into two tiles of
    750, left and right) and Sector (its nodes); ids number the groups as they are made."""
    n_bureau, n_sector = 1_500, 10
    types = ["isc:Bureau"] * n_bureau + ["isc:Sector"] * n_sector + ["isc:Resolution"]
    xs = np.arange(len(types), dtype=float)
    pos = np.stack([xs, np.zeros_like(xs)], axis=1)
    [units, instruments] = groups(types, pos, NO_LINKS)
    assert (units.ident, instruments.ident) == ("#g1", "#g6")
    assert [(c.ident, c.label, c.colour, c.types) for c in units.children] == [
        ("#g2", "Bureau", "#0072B2", ["isc:Bureau"]),
        ("#g3", "Sector", "#73B1D5", ["isc:Sector"]),  # 45 % towards white
    ]
    bureau, sector = units.children
    assert sector.members == list(range(1_500, 1_510)) and sector.children == []
    assert [(t.ident, t.label, t.types) for t in bureau.children] == [
        ("#g4", "Bureau 1/2", ["isc:Bureau"]),
        ("#g5", "Bureau 2/2", ["isc:Bureau"]),
    ]
    first, second = bureau.children
    assert first.members == list(range(750)) and second.members == list(range(750, 1_500))
    assert (first.x, first.y) == (374.5, 0.0)  # the mean of its members' positions
    assert (second.x, second.y) == (1124.5, 0.0)
    assert instruments.children == [] and instruments.members == [1_510]
    # the largest group (1,510 nodes) is a 25th of the picture's half-width (755)
    assert units.size == pytest.approx(755 / 25)


def test_a_large_family_of_one_class_opens_into_tiles() -> None:
    types = ["isc:Outcome"] * (TILE + 1)
    pos = np.stack([np.arange(TILE + 1, dtype=float), np.zeros(TILE + 1)], axis=1)
    [plan] = groups(types, pos, NO_LINKS)
    assert plan.label == "Strategic plan" and plan.types == ["isc:Outcome"]
    assert [t.label for t in plan.children] == ["Strategic plan 1/2", "Strategic plan 2/2"]
    assert [len(t.members) for t in plan.children] == [501, 500]


def test_untyped_nodes_make_a_class_of_their_own_in_other() -> None:
    types = [""] * 600 + ["ex:Thing"] * 600
    pos = np.zeros((1_200, 2))
    [other] = groups(types, pos, NO_LINKS)
    assert other.types == ["", "ex:Thing"]
    assert [c.label for c in other.children] == ["(untyped)", "ex:Thing"]


# --- the property graph ----------------------------------------------------------------------

SKOS, ORG, PROV, DCT = PREFIXES["skos"], PREFIXES["org"], PREFIXES["prov"], PREFIXES["dcterms"]
RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"


def iri(value: str) -> ox.NamedNode:
    """An IRI from a prefixed name (``isc:leads``, ``:BDT``) or a whole IRI."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES:
        return ox.NamedNode(PREFIXES[prefix] + local)
    return ox.NamedNode(value)


Term = ox.NamedNode | ox.BlankNode | ox.Literal


def quad(s: ox.NamedNode | ox.BlankNode, p: str, o: Term | str, graph: str = "doc-t") -> ox.Quad:
    """A statement in the named graph of a file; a string object is a prefixed name."""
    obj = iri(o) if isinstance(o, str) else o
    return ox.Quad(s, iri(p), obj, ox.NamedNode(graph_iri(graph)))


def lit(text: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(text, language=lang) if lang else ox.Literal(text)


def derivation(
    node: ox.NamedNode | ox.BlankNode, doc: str | None, loc: str | None, text: str | None
) -> list[ox.Quad]:
    """A quoted passage of ``node``: its document, locator and quote, each optional."""
    d = ox.BlankNode()
    out = [quad(node, "prov:qualifiedDerivation", d), quad(d, "rdf:type", "prov:Derivation")]
    if doc:
        out.append(quad(d, "prov:entity", f":{doc}"))
    if loc:
        out.append(quad(d, "isc:locator", lit(loc)))
    if text:
        out.append(quad(d, "isc:quote", lit(text)))
    return out


def test_a_node_holds_its_label_facts_and_passages() -> None:
    """What a user reads on a node: labels left out of the facts, literal facts in the chosen
    language joined by "; ", passages with document, locator and quote ("" when missing)."""
    from isc_graph.export.graph import to_networkx

    a = iri(":A")
    quads = [
        quad(a, "rdf:type", "isc:Bureau"),
        quad(a, "skos:prefLabel", lit("Bureau A", "en")),
        quad(a, "skos:prefLabel", lit("Bureau A (fr)", "fr")),
        quad(a, "skos:altLabel", lit("BA", "en")),
        quad(a, "skos:notation", lit("A")),
        quad(a, "rdfs:comment", lit("first")),
        quad(a, "rdfs:comment", lit("second")),
        quad(a, "dcterms:description", lit("in English", "en")),
        quad(a, "dcterms:description", lit("en français", "fr")),
        *derivation(a, "doc-2", "§ 3", "A leads"),
        *derivation(a, None, "§ 1", None),
        *derivation(a, "doc-1", None, None),
    ]
    g = to_networkx(quads, lang="en")
    assert list(g.nodes) == ["A"]
    assert g.nodes["A"] == {
        "id": "A",
        "label": "Bureau A",
        "short_label": "Bureau A",
        "alt_labels": ["BA"],
        "type": "isc:Bureau",
        "family": "ITU units",
        "iri": ID + "A",
        "sources": ["", "doc-1", "doc-2"],
        "passages": [
            {"document": "", "locator": "§ 1", "quote": ""},
            {"document": "doc-1", "locator": "", "quote": ""},
            {"document": "doc-2", "locator": "§ 3", "quote": "A leads"},
        ],
        "notation": "A",
        "comment": "first; second",
        "description": "in English",
    }
    fr = to_networkx(quads, lang="fr").nodes["A"]
    assert (fr["label"], fr["description"], fr["comment"]) == (
        "Bureau A (fr)",
        "en français",
        "first; second",  # untagged: kept in every language
    )


def test_a_label_falls_back_to_title_then_to_the_id() -> None:
    from isc_graph.export.graph import to_networkx

    doc, bare = iri(":doc-9"), iri(":X-1")
    quads = [
        quad(doc, "rdf:type", "isc:SourceDocument"),
        quad(doc, "dcterms:title", lit("Report of the council")),
        quad(bare, "rdf:type", "ex:Thing"),
        quad(bare, "rdf:type", "ex:Another"),
    ]
    g = to_networkx(quads, lang="en")
    assert (g.nodes["doc-9"]["label"], g.nodes["doc-9"]["family"]) == (
        "Report of the council",
        "Documents",
    )
    x = g.nodes["X-1"]
    assert (x["label"], x["short_label"], x["type"], x["family"]) == (
        "X-1",
        "",
        "ex:Another",
        "Other",
    )


def test_a_long_label_is_shown_by_its_longest_short_alternative() -> None:
    from isc_graph.export.graph import to_networkx

    a = iri(":WTDC")
    long = "World Telecommunication Development Conference of the year 2022"
    quads = [
        quad(a, "rdf:type", "isc:Conference"),
        quad(a, "skos:prefLabel", lit(long)),
        quad(a, "skos:altLabel", lit("wtdc")),  # the id again: not a name
        quad(a, "skos:altLabel", lit("WTDC-22")),
        quad(a, "skos:altLabel", lit("Development Conference 2022")),
    ]
    node = to_networkx(quads, lang="en").nodes["WTDC"]
    assert node["short_label"] == "Development Conference 2022"
    assert node["alt_labels"] == ["Development Conference 2022", "WTDC-22", "wtdc"]


def test_links_become_edges_with_label_predicate_and_sources() -> None:
    """An edge is labelled with its predicate's label (else the IRI's last segment, after '#'
    or '/') and carries the documents quoting its subject."""
    from isc_graph.export.graph import to_networkx

    a, b = iri(":A"), iri(":B")
    related = "http://example.org/vocab/relatedTo"
    quads = [
        quad(a, "rdf:type", "isc:Bureau"),
        quad(b, "rdf:type", "isc:Sector"),
        quad(a, "isc:leads", b),
        quad(a, related, b),
        quad(a, "isc:mentions", ":Nowhere"),  # not in the selection: no edge, no node
        *derivation(a, "doc-7", "§ 2", "A leads B"),
    ]
    g = to_networkx(quads, {ONT + "leads": "leads the work of"}, lang="en")
    assert sorted(g.nodes) == ["A", "B"]
    edges = {k: d for _, _, k, d in g.edges(keys=True, data=True)}
    passage = [{"document": "doc-7", "locator": "§ 2", "quote": "A leads B"}]
    assert edges == {
        ONT + "leads": {
            "label": "leads the work of",
            "predicate": ONT + "leads",
            "source": ["doc-7"],
            "passages": passage,
        },
        related: {
            "label": "relatedTo",
            "predicate": related,
            "source": ["doc-7"],
            "passages": passage,
        },
    }


def test_engagements_and_memberships_become_edges_labelled_with_their_role() -> None:
    from isc_graph.export.graph import to_networkx

    bdt, c2, tf = iri(":BDT"), iri(":C2"), iri(":TF")
    e, m, bare = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    quads = [
        quad(bdt, "rdf:type", "isc:Bureau"),
        quad(c2, "rdf:type", "isc:ActionLine"),
        quad(tf, "rdf:type", "isc:CoordinationBody"),
        quad(e, "rdf:type", "isc:Engagement"),
        quad(e, "isc:agent", bdt),
        quad(e, "isc:topic", c2),
        quad(e, "isc:role", "role:lead"),
        *derivation(e, "doc-4", "§ 5", "BDT leads C2"),
        quad(m, "rdf:type", "org:Membership"),
        quad(m, "org:member", bdt),
        quad(m, "org:organization", tf),
        quad(bare, "rdf:type", "isc:Engagement"),  # no role
        quad(bare, "isc:agent", c2),
        quad(bare, "isc:topic", bdt),
    ]
    g = to_networkx(quads, {ONT + "Engagement": "engagement"}, lang="en")
    [lead] = g.get_edge_data("BDT", "C2").values()
    assert lead == {
        "label": "engagement: lead",
        "predicate": ONT + "Engagement",
        "role": "lead",
        "source": ["doc-4"],
        "passages": [{"document": "doc-4", "locator": "§ 5", "quote": "BDT leads C2"}],
    }
    [member] = g.get_edge_data("BDT", "TF").values()
    assert (member["label"], member["role"], member["source"]) == ("Membership", "", [])
    [plain] = g.get_edge_data("C2", "BDT").values()
    assert plain["label"] == "Engagement"


# --- selections and the export entry point, on a store of a few statements -----------------


def tiny_store(extra: list[ox.Quad] | None = None) -> ox.Store:
    """A chain A -leads-> B -leads-> C -leads-> D (a Bureau and three Sectors), A labelled in
    English and French, and an ontology labelling ``isc:leads`` in both languages."""
    a, b, c, d = (iri(f":{x}") for x in "ABCD")
    quads = [
        quad(a, "rdf:type", "isc:Bureau"),
        quad(a, "skos:prefLabel", lit("Bureau A", "en")),
        quad(a, "skos:prefLabel", lit("Bureau A (fr)", "fr")),
        *(quad(x, "rdf:type", "isc:Sector") for x in (b, c, d)),
        quad(a, "isc:leads", b),
        quad(b, "isc:leads", c),
        quad(c, "isc:leads", d),
        quad(iri("isc:leads"), "rdfs:label", lit("leads", "en"), "ontology"),
        quad(iri("isc:leads"), "rdfs:label", lit("dirige", "fr"), "ontology"),
        quad(iri("isc:Sector"), "rdfs:label", lit("Sector"), "ontology"),
        quad(iri("isc:Bureau"), "rdf:type", "owl:Class", "ontology"),
        *(extra or []),
    ]
    store = ox.Store()
    store.extend(quads)
    return store


def entities(quads: list[ox.Quad]) -> set[str]:
    """The short ids of the typed entities of a selection."""
    return {
        q.subject.value.removeprefix(ID)
        for q in quads
        if isinstance(q.subject, ox.NamedNode) and q.predicate.value == RDF_TYPE
    }


def test_edge_labels_come_in_the_chosen_language() -> None:
    """Labels of the ontology's terms in the language asked for, else English, else untagged;
    a term with no label is left out."""
    from isc_graph.export import _labels

    store = tiny_store()
    assert _labels(store, "fr") == {ONT + "leads": "dirige", ONT + "Sector": "Sector"}
    assert _labels(store, "en") == {ONT + "leads": "leads", ONT + "Sector": "Sector"}


def test_a_focused_export_reaches_one_link_by_default() -> None:
    from isc_graph.export import export, select

    store = tiny_store()
    assert entities(select(store, focus=":B")) == {"A", "B", "C"}
    data = json.loads(export(store, "nodelink", focus=":B"))
    assert sorted(n["id"] for n in data["nodes"]) == ["A", "B", "C"]
    deeper = json.loads(export(store, "nodelink", focus=":B", depth=2))
    assert sorted(n["id"] for n in deeper["nodes"]) == ["A", "B", "C", "D"]


def test_an_export_in_french_labels_nodes_and_edges_in_french() -> None:
    from isc_graph.export import export

    data = json.loads(export(store := tiny_store(), "nodelink", focus=":A", lang="fr"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["A"]["label"] == "Bureau A (fr)"
    assert [(e["source"], e["target"], e["label"]) for e in data["edges"]] == [("A", "B", "dirige")]
    english = json.loads(export(store, "nodelink", focus=":A", lang="en"))
    assert [e["label"] for e in english["edges"]] == ["leads"]


def test_an_entity_without_links_is_its_own_neighbourhood() -> None:
    from isc_graph.export import select

    store = tiny_store([quad(iri(":E"), "rdf:type", "isc:Sector")])
    assert entities(select(store, focus=":E", depth=1)) == {"E"}
    assert entities(select(store, focus=":E", depth=3)) == {"E"}


def test_an_entity_pointing_at_a_blank_node_reaches_what_it_links() -> None:
    """X points at a blank node that links Y: X and Y are neighbours."""
    from isc_graph.export import select

    x, y, blank = iri(":X"), iri(":Y"), ox.BlankNode()
    store = tiny_store(
        [
            quad(x, "rdf:type", "isc:Bureau"),
            quad(y, "rdf:type", "isc:Sector"),
            quad(x, "isc:hasPart", blank),
            quad(blank, "isc:partOf", y),
        ]
    )
    assert entities(select(store, focus=":X", depth=1)) == {"X", "Y"}
    assert entities(select(store, focus=":Y", depth=1)) == {"X", "Y"}


def test_a_link_to_an_sdg_goal_left_out_is_cut_but_the_class_is_kept() -> None:
    from isc_graph.export import select

    goal = ox.NamedNode(PREFIXES["sdg"] + "5")
    store = tiny_store(
        [
            quad(goal, "rdf:type", "sdgo:Goal"),
            quad(iri(":A"), "isc:contributesTo", goal),
            quad(iri(":A"), "isc:scheme", "sdgo:Goals"),  # a vocabulary term, not an entity
        ]
    )
    kept = {(q.predicate.value, q.object.value) for q in select(store, focus=":A", depth=0)}
    assert (ONT + "contributesTo", goal.value) not in kept
    assert (ONT + "scheme", PREFIXES["sdgo"] + "Goals") in kept
    linked = {(q.predicate.value, q.object.value) for q in select(store, focus=":A", depth=1)}
    assert (ONT + "contributesTo", goal.value) in linked


def test_an_unknown_type_names_the_types_there_are_whatever_their_case() -> None:
    from isc_graph.export import EmptySelection, select

    store = tiny_store([quad(iri(":E"), "rdf:type", "isc:alpha")])
    with pytest.raises(EmptySelection) as caught:
        select(store, types=["Qqqq"])
    assert str(caught.value) == "no entity of type Qqqq; types in the graph: alpha, Bureau, Sector"


def test_the_export_bar_has_a_step_per_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two stages for RDF (select, write), three for the others (select, build, write)."""
    import contextlib
    from collections.abc import Callable, Iterator

    import isc_graph.export as export_module

    seen: list[tuple[int, list[str]]] = []

    @contextlib.contextmanager
    def steps(_desc: str, total: int) -> Iterator[Callable[[str], None]]:
        names: list[str] = []
        seen.append((total, names))
        yield names.append

    monkeypatch.setattr(export_module, "steps", steps)
    store = tiny_store()
    export_module.export(store, "nt", focus=":A", depth=0)
    export_module.export(store, "cyjs", focus=":A", depth=0)
    export_module.export(store, "html", focus=":A", depth=0)
    assert seen == [
        (2, ["selecting", "writing nt"]),
        (3, ["selecting", "building the graph", "writing cyjs"]),
        (3, ["selecting", "building the graph", "laying out"]),
    ]


def test_a_large_export_says_what_it_is_doing(monkeypatch: pytest.MonkeyPatch) -> None:
    import isc_graph.export as export_module

    store = tiny_store()
    said: list[str] = []
    monkeypatch.setattr(export_module, "PROGRESS_FROM", 7)
    export_module.export(store, "html", focus=":B", log=said.append)
    # A, B and C typed, A's two labels, and the two links among them
    assert said == [
        "Selected 7 statements",
        "Built a graph of 3 nodes, 2 edges",
        "Laying out 3 nodes…",
    ]
    said.clear()
    export_module.export(store, "ttl", focus=":B", log=said.append)
    assert said == ["Selected 7 statements"]
    said.clear()
    monkeypatch.setattr(export_module, "PROGRESS_FROM", 8)
    export_module.export(store, "html", focus=":B", log=said.append)
    assert said == []


def test_an_unknown_format_is_refused() -> None:
    from isc_graph.export import export

    with pytest.raises(ValueError, match="unknown format 'xls'; one of graphml, gexf, "):
        export(tiny_store(), "xls")


# --- writers ---------------------------------------------------------------------------------


def two_units() -> nx.MultiDiGraph:
    """Two nodes and a link, with the attributes the property graph gives them."""
    g = nx.MultiDiGraph()
    g.add_node(
        "BDT",
        id="BDT",
        label="Bureau de développement",
        short_label="Bureau de développement",
        alt_labels=["BD", "Dev"],
        type="isc:Bureau",
        family="ITU units",
        iri=ID + "BDT",
        sources=["doc-1", "doc-2"],
        passages=[{"document": "doc-1", "locator": "§ 1", "quote": "q"}],
    )
    g.add_node("ITU", id="ITU", label="ITU", short_label="", type="org:Organization")
    g.add_edge(
        "BDT",
        "ITU",
        key=ORG + "unitOf",
        label="unit of",
        predicate=ORG + "unitOf",
        source=["doc-1"],
        passages=[],
    )
    return g


def test_graphml_holds_flat_attributes() -> None:
    from isc_graph.export.formats import write_graph

    back = nx.read_graphml(io.BytesIO(write_graph(two_units(), "graphml")))
    bdt = back.nodes["BDT"]
    assert (bdt["label"], bdt["alt_labels"], bdt["sources"]) == (
        "Bureau de développement",
        "BD; Dev",
        "doc-1; doc-2",
    )
    assert "passages" not in bdt
    [(u, v, edge)] = back.edges(data=True)
    assert (u, v, edge["label"], edge["predicate"], edge["source"]) == (
        "BDT",
        "ITU",
        "unit of",
        ORG + "unitOf",
        "doc-1",
    )


def test_gexf_holds_flat_attributes() -> None:
    from isc_graph.export.formats import write_graph

    back = nx.read_gexf(io.BytesIO(write_graph(two_units(), "gexf")))
    assert back.nodes["BDT"]["label"] == "Bureau de développement"
    assert back.nodes["BDT"]["sources"] == "doc-1; doc-2"
    [(_u, _v, edge)] = back.edges(data=True)
    assert edge["predicate"] == ORG + "unitOf"


def test_cytoscape_json_is_indented_readable_text() -> None:
    from isc_graph.export.formats import write_graph

    text = write_graph(two_units(), "cyjs")
    assert isinstance(text, str) and text.endswith("}\n")
    assert "développement" in text  # not escaped
    assert text.splitlines()[1].startswith(' "') and not text.splitlines()[1].startswith("  ")
    data = json.loads(text)
    nodes = {n["data"]["id"]: n["data"] for n in data["elements"]["nodes"]}
    assert nodes["BDT"]["alt_labels"] == "BD; Dev" and "passages" not in nodes["BDT"]


def test_node_link_json_keeps_lists_and_passages_indented() -> None:
    from isc_graph.export.formats import write_graph

    text = write_graph(two_units(), "nodelink")
    assert isinstance(text, str) and text.endswith("}\n") and "développement" in text
    lines = text.splitlines()
    assert lines[0] == "{" and lines[1].startswith(' "') and not lines[1].startswith("  ")
    data = json.loads(text)
    bdt = next(n for n in data["nodes"] if n["id"] == "BDT")
    assert bdt["alt_labels"] == ["BD", "Dev"]
    assert bdt["passages"] == [{"document": "doc-1", "locator": "§ 1", "quote": "q"}]
    [edge] = data["edges"]
    assert (edge["source"], edge["target"], edge["key"]) == ("BDT", "ITU", ORG + "unitOf")


def test_an_unknown_graph_format_is_refused() -> None:
    from isc_graph.export.formats import write_graph

    with pytest.raises(ValueError, match="unknown format xls"):
        write_graph(two_units(), "xls")


def rdf_quads() -> list[ox.Quad]:
    a = iri(":A")
    return [
        quad(a, "rdf:type", "isc:Bureau", "doc-1"),
        quad(a, "rdf:type", "isc:Bureau", "doc-2"),  # the same triple, in another file
        quad(a, "skos:notation", lit("A"), "doc-1"),
    ]


def test_turtle_and_trig_use_the_project_prefixes() -> None:
    from isc_graph.export.formats import write_rdf

    ttl = write_rdf(rdf_quads(), "ttl").decode("utf-8")
    trig = write_rdf(rdf_quads(), "trig").decode("utf-8")
    for text in (ttl, trig):
        assert f"@prefix isc: <{ONT}> ." in text
        assert f"@prefix skos: <{SKOS}> ." in text
        assert "isc:Bureau" in text
    assert graph_iri("doc-1") in trig and graph_iri("doc-2") in trig  # each file's graph


def test_n_triples_hold_each_triple_once_in_order() -> None:
    from isc_graph.export.formats import write_rdf

    lines = write_rdf(rdf_quads(), "nt").decode("utf-8").splitlines()
    assert lines == [  # in the order of their text: 1999 (rdf:) before 2004 (skos:)
        f"<{ID}A> <{RDF_TYPE}> <{ONT}Bureau> .",
        f'<{ID}A> <{SKOS}notation> "A" .',
    ]


DOT_ATTR = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[^,\]\s]+)')


def dot_statements(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """Each statement of the DOT text (``graph``, ``node``, ``edge``, a node's quoted id, or
    ``"u" -> "v"``) and its attributes, quotes taken off (a read of the text, as Graphviz
    reads it: pydot's parser takes most of a second to build)."""
    from isc_graph.export.formats import to_dot

    text = to_dot(graph)
    out = {}
    quoted = r'"(?:[^"\\]|\\.)*"'
    pattern = rf"^(\w+|{quoted}(?: -> {quoted})?) \[(.*?)\];$"
    for statement in re.finditer(pattern, text, re.M | re.S):
        head, body = statement.groups()
        out[head] = {k: v[1:-1] if v.startswith('"') else v for k, v in DOT_ATTR.findall(body)}
    return out


def test_dot_defaults_of_a_small_drawing() -> None:
    dot = dot_statements(two_units())
    assert dot["graph"] == {
        "layout": "dot",
        "rankdir": "LR",
        "ranksep": "0.6",
        "nodesep": "0.15",
        "concentrate": "false",
        "fontname": "Helvetica",
        "size": "27.78,27.78",  # 2,000 points
    }
    assert dot["node"] == {
        "shape": "box",
        "style": "rounded,filled",
        "fontname": "Helvetica",
        "fontsize": "10",
        "margin": "0.08,0.03",
    }
    assert dot["edge"] == {
        "fontname": "Helvetica",
        "fontsize": "8",
        "color": "#77777799",
        "arrowsize": "0.6",
        "penwidth": "0.8",
    }


def test_dot_defaults_of_a_large_drawing() -> None:
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"N{i}" for i in range(41))
    dot = dot_statements(g)
    assert dot["graph"] == {
        "layout": "sfdp",
        "overlap": "prism",
        "overlap_scaling": "-4",
        "sep": "+3",
        "K": "0.5",
        "repulsiveforce": "1.5",
        "splines": "false",
        "outputorder": "edgesfirst",
        "fontname": "Helvetica",
        "size": "27.78,27.78",
    }


def test_dot_nodes_show_the_id_over_the_wrapped_name() -> None:
    g = two_units()
    g.add_node("C18-38", label="C18/38", short_label="C18/38", type="isc:Resolution")
    g.add_node(
        "R1",
        label="A resolution",
        short_label="On the use of telecommunications for everyone",
        type="isc:Resolution",
    )
    g.add_node("plain")  # no attributes at all
    dot = dot_statements(g)
    node = {n: dot[f'"{n}"'] for n in g.nodes}
    assert node["BDT"]["label"] == "BDT\nBureau de développement"
    assert node["ITU"]["label"] == "ITU"
    assert node["C18-38"]["label"] == "C18-38"  # the name is the id again
    assert node["R1"]["label"] == "R1\nOn the use of\ntelecommunications for\neveryone"
    assert (node["R1"]["title"], node["R1"]["tooltip"]) == ("A resolution", "R1: A resolution")
    assert (node["ITU"]["title"], node["ITU"]["tooltip"]) == ("ITU", "ITU")
    assert node["plain"]["label"] == "plain" and node["plain"]["tooltip"] == "plain"
    assert node["BDT"]["family"] == "ITU units" and node["BDT"]["iri"] == ID + "BDT"
    assert "sources" not in node["BDT"] and "alt_labels" not in node["BDT"]
    assert (node["BDT"]["fillcolor"], node["BDT"]["fontcolor"]) == ("#0072B2", "white")
    assert dot['"BDT" -> "ITU"'] == {
        "predicate": ORG + "unitOf",
        "source": "doc-1",
        "tooltip": "BDT unit of ITU",
        "label": "unit of",
    }


def test_dot_escapes_quotes_and_backslashes() -> None:
    g = nx.MultiDiGraph()
    g.add_node('say "hi"', label='a \\ b "c"')
    dot = dot_statements(g)
    assert dot['"say \\"hi\\""']["title"] == 'a \\\\ b \\"c\\"'


def test_dot_edges_of_a_large_drawing_keep_their_label_as_a_title() -> None:
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"N{i:02}" for i in range(41))
    g.add_edge("N00", "N01", label="member of", predicate="org:memberOf")
    assert dot_statements(g)['"N00" -> "N01"'] == {
        "predicate": "org:memberOf",
        "source": "",
        "tooltip": "N00 member of N01",
        "title": "member of",
    }


def test_a_drawing_without_graphviz_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from isc_graph.errors import IscGraphError
    from isc_graph.export import formats

    monkeypatch.setattr(formats.shutil, "which", lambda _name: None)
    with pytest.raises(IscGraphError, match="drawing needs Graphviz's `dot` program"):
        formats.draw(two_units(), "svg")


def test_a_failing_graphviz_is_reported_even_in_bad_encoding(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Graphviz's message is shown, bytes that are not UTF-8 replaced."""
    from isc_graph.errors import IscGraphError
    from isc_graph.export import formats

    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\ncat >/dev/null\nprintf 'bad \\377 font\\n' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(formats.shutil, "which", lambda _name: str(fake))
    with pytest.raises(IscGraphError) as caught:
        formats.draw(two_units(), "svg")
    assert str(caught.value) == "Graphviz failed: bad \ufffd font"


def test_a_drawing_gets_the_dot_text_and_the_resolution(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``dot`` is given the DOT text in UTF-8, and 150 dpi for a PNG."""
    from isc_graph.export import formats

    fake = tmp_path / "dot"
    fake.write_text('#!/bin/sh\nprintf "%s|" "$@"\ncat\n')
    fake.chmod(0o755)
    monkeypatch.setattr(formats.shutil, "which", lambda _name: str(fake))
    svg = formats.draw(two_units(), "svg").decode("utf-8")
    assert svg.startswith("-Tsvg|digraph isc_graph {")
    assert "développement" in svg
    png = formats.draw(two_units(), "png").decode("utf-8")
    assert png.startswith("-Tpng|-Gdpi=150|digraph")


# --- the explorer's data ---------------------------------------------------------------------


def page_data(page: str) -> dict:
    """The data the explorer page holds, as its script reads it."""
    start = page.index("const DATA = ") + len("const DATA = ")
    data, _end = json.JSONDecoder().raw_decode(page, start)
    return data


def test_the_explorer_lists_facts_types_and_edges_as_given() -> None:
    from isc_graph.export.explorer import render_explorer

    g = nx.MultiDiGraph()
    g.add_node("b", id="b", label="Bee", type="isc:Sector", note="x", sources=["d"], family="f")
    g.add_node("a", id="a", label="A </b> tag", type="isc:Sector", short_label="A tag")
    g.add_node("c")  # nothing known
    g.add_edge("a", "b")  # no label, no predicate
    g.add_edge("a", "c", label="x", predicate="isc:x")
    data = page_data(render_explorer(g))
    assert [n["id"] for n in data["nodes"]] == ["a", "b", "c"]
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["a"]["title_text"] == "A </b> tag"  # escaped in the page, whole once read
    assert nodes["a"]["label"] == "a\nA tag"
    assert (nodes["c"]["type"], nodes["c"]["title_text"], nodes["c"]["alt"]) == ("", "c", [])
    assert nodes["a"]["value"] == round(math.log(3), 2)  # two neighbours
    assert data["predicates"] == [["", ""], ["x", "isc:x"]]
    assert data["edges"] == [[0, 1, 0], [0, 2, 1]]
    assert data["details"]["b"] == {
        "label": "Bee",
        "type": "isc:Sector",
        "family": "ITU units",
        "facts": [["note", "x"]],  # id, label, type, family, sources are shown otherwise
        "passages": [],
    }
    assert data["details"]["c"] == {
        "label": "c",
        "type": "",
        "family": "Other",
        "facts": [],
        "passages": [],
    }
    assert data["legend"] == [
        {"family": "ITU units", "colour": "#0072B2", "types": [["isc:Sector", "#73B1D5", 2]]},
        {"family": "Other", "colour": "#BBBBBB", "types": [["", data["colours"][""], 1]]},
    ]
    assert list(data["colours"]) == ["", "isc:Sector"]
    assert data["linked"] == ["a", "b", "c"]


def test_explorer_positions_are_the_layout_rounded_to_a_tenth() -> None:
    """Two lone nodes sit in the row under the (empty) main part: (0, 200) and (140, 200)."""
    from isc_graph.export.explorer import render_explorer

    g = nx.MultiDiGraph()
    g.add_nodes_from(["y", "x"])
    data = page_data(render_explorer(g))
    assert [(n["id"], n["x"], n["y"]) for n in data["nodes"]] == [
        ("x", 0.0, 200.0),
        ("y", 140.0, 200.0),
    ]
    assert data["linked"] == []


def test_a_large_explorer_opens_on_the_groups_of_its_nodes(monkeypatch: pytest.MonkeyPatch) -> None:
    """From AGGREGATE_FROM nodes (lowered here to 3) the page holds the families it opens on,
    numbered as the nodes are (in the order of their ids)."""
    from isc_graph.export import explorer

    monkeypatch.setattr(explorer, "AGGREGATE_FROM", 3)
    g = nx.MultiDiGraph()
    g.add_node("s1", type="isc:Sector")
    g.add_node("r1", type="isc:Resolution")
    g.add_node("b1", type="isc:Bureau")
    g.add_edge("s1", "b1", label="in", predicate="isc:in")
    data = page_data(explorer.render_explorer(g))
    assert data["top"] == ["#g1", "#g2"]
    groups_by_id = {x["id"]: x for x in data["groups"]}
    assert [x["id"] for x in data["groups"]] == ["#g1", "#g2"]
    units, instruments = groups_by_id["#g1"], groups_by_id["#g2"]
    assert (units["label"], units["types"], units["members"], units["count"]) == (
        "ITU units",
        ["isc:Bureau", "isc:Sector"],
        [0, 2],  # b1 and s1
        2,
    )
    assert (instruments["label"], instruments["members"]) == ("Instruments & mandates", [1])
    monkeypatch.setattr(explorer, "AGGREGATE_FROM", 4)
    small = page_data(explorer.render_explorer(g))
    assert small["groups"] == [] and small["top"] == []


# --- smaller pieces --------------------------------------------------------------------------


def test_tiles_are_columns_by_x_cut_into_cells_by_y() -> None:
    """2,500 nodes make three tiles' worth: two columns of 1,250 (left, right), each cut into
    cells of at most 1,000 from the bottom up (lowest y first)."""
    from isc_graph.export.layout import _tiles

    n = 2_500
    pos = np.stack([np.arange(n, dtype=float), -np.arange(n, dtype=float)], axis=1)
    tiles = _tiles(list(range(n)), pos)
    assert [len(t) for t in tiles] == [1_000, 250, 1_000, 250]
    assert tiles[0] == list(range(1_249, 249, -1))  # the left column, lowest y first
    assert tiles[1] == list(range(249, -1, -1))
    assert tiles[2] == list(range(2_499, 1_499, -1))
    assert tiles[3] == list(range(1_499, 1_249, -1))


def test_tiles_break_ties_by_node_number() -> None:
    from isc_graph.export.layout import _tiles

    pos = np.zeros((1_001, 2))
    members = list(range(1_000, -1, -1))
    assert _tiles(members, pos) == [list(range(501)), list(range(501, 1_001))]


def test_class_colours_are_shades_of_their_family() -> None:
    """The first class has the family's colour, the second is 45 % towards white, the third
    30 % towards black; an unlisted class is a grey."""
    from isc_graph.export.families import class_colours, colour_of, family_of

    assert colour_of("isc:Bureau") == "#0072B2"
    assert colour_of("isc:Sector") == "#73B1D5"
    assert colour_of("isc:GeneralSecretariat") == "#00507D"
    grey = colour_of("ex:Unlisted")
    assert grey[1:3] == grey[3:5] == grey[5:7]
    assert colour_of("ex:Unlisted") == grey
    assert family_of("ex:Unlisted") == "Other" and family_of("isc:Event") == "Events & sessions"
    assert list(class_colours())[:2] == ["isc:Bureau", "isc:Sector"]


def test_clean_flattens_values_for_graphml() -> None:
    from isc_graph.export.graph import clean

    g = nx.MultiDiGraph()
    g.add_node("a", tags=["x", "y"], pair=("p", 1), none=None, passages=[{"q": 1}], n=3, ok=True)
    g.add_edge("a", "a", key="k", source={"d"}, passages=[])
    flat = clean(g)
    assert flat.nodes["a"] == {"tags": "x; y", "pair": "p; 1", "n": 3, "ok": True}
    assert list(flat.edges(keys=True, data=True)) == [("a", "a", 0, {"source": "d"})]


def test_a_type_missing_from_the_selection_says_where_it_was_looked_for() -> None:
    from isc_graph.export import EmptySelection, select

    with pytest.raises(EmptySelection) as caught:
        select(tiny_store(), focus=":A", depth=0, types=["Sector"])
    assert str(caught.value) == (
        "the selection holds no entity of type Sector within 0 links of :A"
    )


def test_types_are_named_as_a_user_types_them() -> None:
    from isc_graph.export import select

    store = tiny_store(
        [
            quad(iri(":G"), "rdf:type", "sdgo:Goal"),
            quad(iri(":H"), "rdf:type", "http://example.org/Thing"),
        ]
    )
    assert entities(select(store, types=["Bureau"])) == {"A"}
    assert entities(select(store, types=["sdgo:Goal", " Bureau "])) == {"A", "G"}
    assert entities(select(store, types=["http://example.org/Thing"])) == {"H"}


def test_a_query_selection_starts_from_its_result() -> None:
    from isc_graph.errors import QueryError
    from isc_graph.export import EmptySelection, select

    store = tiny_store()
    found = select(store, query="CONSTRUCT { ?s a isc:Bureau } WHERE { ?s a isc:Bureau }")
    assert entities(found) == {"A"}
    with pytest.raises(QueryError, match="takes a CONSTRUCT"):
        select(store, query="SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(EmptySelection, match=r"^the selection holds no entity in the result of"):
        select(store, query="CONSTRUCT { ?s a isc:Nothing } WHERE { ?s a isc:Nothing }")
    with pytest.raises(QueryError, match="--depth must be 0 or more, not -1"):
        select(store, focus=":A", depth=-1)


def test_the_explorer_names_a_node_by_its_id_and_name() -> None:
    from isc_graph.export.explorer import _label

    assert _label("BDT", "Development Bureau") == "BDT\nDevelopment Bureau"
    assert _label("BDT", "BDT") == "BDT"
    assert _label("BDT", "") == "BDT"
    assert _label("https://example.org/x", "Example") == "Example"
    assert _label("https://example.org/x", "") == "https://example.org/x"


def test_an_engagement_with_an_end_outside_the_selection_is_no_edge() -> None:
    from isc_graph.export.graph import to_networkx

    bdt, c2 = iri(":BDT"), iri(":C2")
    e, half = ox.BlankNode(), ox.BlankNode()
    quads = [
        quad(c2, "rdf:type", "isc:ActionLine"),
        quad(bdt, "rdf:type", "isc:Bureau"),
        quad(e, "rdf:type", "isc:Engagement"),
        quad(e, "isc:agent", ":Elsewhere"),  # nothing known of it: not in the selection
        quad(e, "isc:topic", c2),
        quad(half, "rdf:type", "isc:Engagement"),
        quad(half, "isc:topic", bdt),  # no agent at all
    ]
    g = to_networkx(quads, lang="en")
    assert sorted(g.nodes) == ["BDT", "C2"] and g.number_of_edges() == 0


def test_an_engagement_is_kept_with_both_its_ends_and_dropped_with_one() -> None:
    from isc_graph.export import select

    e = ox.BlankNode()
    store = tiny_store(
        [
            quad(e, "rdf:type", "isc:Engagement"),
            quad(e, "isc:agent", iri(":A")),
            quad(e, "isc:topic", iri(":B")),
        ]
    )
    assert any(q.subject == e for q in select(store, focus=":A", depth=1))
    assert not any(q.subject == e for q in select(store, focus=":A", depth=0))


def test_a_passage_with_nothing_known_is_empty() -> None:
    from isc_graph.export.graph import to_networkx

    a = iri(":A")
    quads = [quad(a, "rdf:type", "isc:Bureau"), quad(a, "prov:qualifiedDerivation", ":Gone")]
    node = to_networkx(quads, lang="en").nodes["A"]
    assert node["passages"] == [{"document": "", "locator": "", "quote": ""}]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Use of ICT for all", 40, "Use of ICT for all"),
        ("  Use  of\nICT  ", 40, "Use of ICT"),
        ("Enhanced use of ICT for sustainable development", 30, "Enhanced use of ICT for…"),
        ("Telecommunications, development and more", 20, "Telecommunications…"),
        ("Supercalifragilisticexpialidocious", 10, "Supercali…"),
    ],
)
def test_a_short_label_is_cut_at_the_last_whole_word(text: str, limit: int, expected: str) -> None:
    from isc_graph.export.graph import short_label

    assert short_label(text, limit) == expected


# --- more of the same, found unchecked by a second sample of mutants ---------------------------


def test_an_unlisted_class_gets_one_of_five_greys_fixed_by_its_name() -> None:
    """#BBBBBB darkened or lightened by 0, 20 or 40% (worked out by hand: 187 → 112, 150,
    187, 201, 214)."""
    from isc_graph.export.families import colour_of

    greys = {"#707070", "#969696", "#BBBBBB", "#C9C9C9", "#D6D6D6"}
    names = [f"Thing{i}" for i in range(60)]
    colours = [colour_of(n) for n in names]
    assert set(colours) == greys
    assert colours == [colour_of(n) for n in names]


def test_a_long_word_in_a_node_name_is_not_broken() -> None:
    from isc_graph.export.formats import _node_label

    name = "Telecommunicationdevelopment bureau"  # a first word of 28 characters
    assert _node_label("X", {"short_label": name}) == "X\nTelecommunicationdevelopment\nbureau"


def test_untagged_labels_are_taken_before_those_in_another_language() -> None:
    from isc_graph.export.graph import _in_language

    plain, german = lit("plain"), lit("deutsch", "de")
    assert _in_language([german, plain], "fr") == [plain]
    assert _in_language([german], "fr") == [german]  # nothing better: all of them


def test_an_alternative_name_of_exactly_forty_characters_is_short_enough() -> None:
    from isc_graph.export.graph import _short_name

    label = "A label that is far too long to be drawn under a node"
    alt = "An alternative name of forty characters."
    assert len(alt) == 40
    assert _short_name("X", label, [alt, "Shorter"]) == alt


def test_a_cut_label_keeps_a_final_capital_x() -> None:
    from isc_graph.export.graph import short_label

    assert short_label("Annex X and more words", 10) == "Annex X…"


def test_a_node_without_a_type_has_an_empty_type() -> None:
    from isc_graph.export.graph import to_networkx

    a, b = iri(":A"), iri(":B")
    g = to_networkx(
        [
            quad(a, "rdf:type", "isc:Bureau"),
            quad(a, "isc:partOf", b),
            quad(b, "rdfs:label", lit("B")),
        ]
    )
    assert g.nodes["B"]["type"] == "" and g.nodes["A"]["type"] == "isc:Bureau"


def test_the_explorer_is_laid_out_with_seed_zero_by_default() -> None:
    from isc_graph.export.explorer import render_explorer

    g = nx.MultiDiGraph()
    for u, v in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("a", "c")]:
        g.add_edge(u, v, label="links", predicate="urn:links")
    assert render_explorer(g) == render_explorer(g, seed=0)
    assert render_explorer(g) != render_explorer(g, seed=1)


def test_an_export_shows_its_steps_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from isc_graph.export import export

    terminal = stderr_as_terminal(monkeypatch)
    export(tiny_store(), "graphml", focus=":B")
    assert "Exporting:" in terminal.getvalue() and "selecting" in terminal.getvalue()
