"""A graph file given for analysis (``overlap --graph FILE``) opens as a store with the
ontology beside it, or fails with an error that names the file and where in it."""

from __future__ import annotations

import doctest
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import REPO

from isc_graph import rdf_file, synth
from isc_graph.errors import DataError
from isc_graph.namespaces import graph_iri
from isc_graph.overlap import analyse
from isc_graph.rdf_file import FORMATS, open_graph_file

ONTOLOGY = REPO / "ontology"
ONTOLOGY_GRAPH = ox.NamedNode(graph_iri("ontology"))
SDG_1 = ox.NamedNode("http://metadata.un.org/sdg/1")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

TURTLE = """@prefix ex: <https://example.org/> .
ex:a ex:p ex:b ;
     ex:q "one", "two" .
ex:b ex:p <http://metadata.un.org/sdg/1> .
"""


def outside_ontology(store: ox.Store) -> list[ox.Quad]:
    return [q for q in store if q.graph_name != ONTOLOGY_GRAPH]


def test_docstring_examples() -> None:
    assert doctest.testmod(rdf_file).failed == 0


def test_n_quads_keep_their_graphs_and_count(tmp_path: Path) -> None:
    path = tmp_path / "synth.nq"
    written = synth.write(path, outcomes=30, topics=40, units=5, resolutions=2, seed=1)
    store = open_graph_file(path, ONTOLOGY)
    quads = outside_ontology(store)
    assert len(quads) == written == sum(1 for _ in ox.parse(path=path, format=FORMATS[".nq"]))
    assert {q.graph_name for q in quads} == {synth.GRAPH}


def test_turtle_goes_into_the_graph_of_its_name(tmp_path: Path) -> None:
    path = tmp_path / "part.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    quads = outside_ontology(open_graph_file(path, ONTOLOGY))
    assert len(quads) == 4
    assert {q.graph_name for q in quads} == {ox.NamedNode(graph_iri("part"))}


def test_the_suffix_is_read_whatever_its_case(tmp_path: Path) -> None:
    path = tmp_path / "part.TTL"
    path.write_text(TURTLE, encoding="utf-8")
    assert len(outside_ontology(open_graph_file(path, ONTOLOGY))) == 4


def test_the_ontology_is_beside_it_without_the_shapes(tmp_path: Path) -> None:
    path = tmp_path / "part.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    store = open_graph_file(path, ONTOLOGY)
    ontology = {(q.subject, q.predicate, q.object) for q in store if q.graph_name == ONTOLOGY_GRAPH}
    expected = {
        (t.subject, t.predicate, t.object)
        for f in ONTOLOGY.glob("*.ttl")
        if f.name != "shapes.ttl"
        for t in ox.parse(path=f, format=ox.RdfFormat.TURTLE)
        if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)
    }
    assert expected and expected <= ontology
    shapes = {t.subject for t in ox.parse(path=ONTOLOGY / "shapes.ttl", format=ox.RdfFormat.TURTLE)}
    assert not {q.subject for q in store} & (shapes - {t[0] for t in expected})


def test_definitions_the_file_points_at_come_from_the_data(tmp_path: Path) -> None:
    path = tmp_path / "part.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    assert not list(open_graph_file(path, ONTOLOGY).quads_for_pattern(SDG_1, RDF_TYPE, None))
    store = open_graph_file(path, ONTOLOGY, data_dir=REPO / "data")
    added = list(store.quads_for_pattern(SDG_1, None, None))
    assert any(q.predicate == RDF_TYPE for q in added)
    assert not any(isinstance(q.object, ox.BlankNode) for q in added)
    # Only what the file points at: SDG 2 is defined in the data but not referred to.
    assert not list(
        store.quads_for_pattern(ox.NamedNode("http://metadata.un.org/sdg/2"), None, None)
    )


def test_a_definition_in_the_file_is_not_completed(tmp_path: Path) -> None:
    path = tmp_path / "part.ttl"
    path.write_text(
        TURTLE + '<http://metadata.un.org/sdg/1> a ex:Goal ; ex:label "mine" .\n', encoding="utf-8"
    )
    store = open_graph_file(path, ONTOLOGY, data_dir=REPO / "data")
    assert len(outside_ontology(store)) == 6


def test_a_synthetic_file_is_analysed_whole(tmp_path: Path) -> None:
    path = tmp_path / "synth.nq"
    synth.write(path, outcomes=60, topics=40, units=5, resolutions=2, seed=1)
    store = open_graph_file(path, ONTOLOGY, data_dir=REPO / "data")
    report = analyse(store, queries_dir=REPO / "queries")
    assert report.to_dict()["inputs"]["outcomes"] == 60


@pytest.mark.parametrize(
    ("name", "text", "line", "column"),
    [
        (
            "bad.nq",
            '<https://e.org/a> <https://e.org/p> "x" .\n<https://e.org/a> <p> "y" .\n',
            2,
            19,
        ),
        ("bad.ttl", "@prefix ex: <https://e.org/> .\nex:a ex:p ex:b .\nex:a ex:p .\n", 3, 11),
        ("bad.nt", '<https://e.org/a> <https://e.org/p> "open\n', 1, None),
    ],
)
def test_a_syntax_error_names_the_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, column: int | None
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        open_graph_file(path, ONTOLOGY)
    error = caught.value
    assert (error.location.path, error.location.line) == (str(path), line)
    if column is not None:
        assert error.location.column == column
    assert str(error).startswith(f"{path}:{line}:")
    assert "Parser error" not in error.message and f", line {line})" not in error.message


def test_an_unknown_suffix_says_which_formats_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "graph.jsonld"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        open_graph_file(path, ONTOLOGY)
    message = str(caught.value)
    assert message.startswith(f"{path}: cannot tell the RDF format from the suffix '.jsonld'")
    for suffix in FORMATS:
        assert suffix in message


def test_no_suffix_is_an_unknown_one(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"suffix '\(none\)'"):
        open_graph_file(tmp_path / "graph", ONTOLOGY)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "missing.nq"
    with pytest.raises(DataError) as caught:
        open_graph_file(path, ONTOLOGY)
    assert str(caught.value).startswith(f"{path}: cannot read: ")


def test_a_file_without_statements_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.ttl"
    path.write_text("@prefix ex: <https://e.org/> .\n# nothing yet\n", encoding="utf-8")
    with pytest.raises(DataError, match="holds no RDF statements"):
        open_graph_file(path, ONTOLOGY)


def test_export_reads_a_graph_file_as_overlap_does(real_cli, tmp_path: Path) -> None:
    """``export --graph FILE``: a synthetic graph is exported without building it."""
    import json

    path = tmp_path / "synth.nq"
    synth.write(path, outcomes=40, topics=30, units=5, resolutions=2, seed=3)
    result = real_cli("export", "--graph", path, "-f", "nodelink", "--types", "isc:Outcome")
    assert result.exit_code == 0, result.stderr
    ids = {node["id"] for node in json.loads(result.stdout)["nodes"]}
    assert len(ids) == 40
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    failed = real_cli("export", "--graph", broken, "-f", "nodelink")
    assert failed.exit_code == 2
    assert failed.stderr.startswith(f"Error: {broken}:1:")
