"""Validation reports one piece at a time: which file a violation is in, how its entity is
named (an id, a literal, a blank node by its class and key links), severities, the whole-graph
checks, the summary, and both engines on the same small project.

Expected values are written by hand from the small graphs below.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from isc_graph.errors import DataError
from isc_graph.namespaces import graph_iri
from isc_graph.project import SourceFile
from isc_graph.validation import ValidationReport, Violation, validate_store

PREFIXES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix : <https://w3id.org/isc-graph/id/> .
@prefix isc: <https://w3id.org/isc-graph/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

SHAPES = """
isc:NeedsLabel a sh:NodeShape ; sh:targetClass isc:Unit ;
  sh:property [ sh:path isc:label ; sh:minCount 1 ; sh:message "needs a label" ] .
isc:Known a sh:NodeShape ; sh:targetObjectsOf isc:partOf ;
  sh:property [ sh:path isc:label ; sh:minCount 1 ;
    sh:message "the unit it is part of needs a label" ] .
isc:EngagementRole a sh:NodeShape ; sh:targetClass isc:Engagement ;
  sh:property [ sh:path isc:role ; sh:in ( isc:lead isc:support ) ; sh:message "unknown role" ] .
isc:Short a sh:NodeShape ; sh:targetSubjectsOf isc:note ;
  sh:property [ sh:path isc:note ; sh:maxLength 5 ; sh:severity sh:Warning ;
    sh:message "long note" ] .
"""


def project(tmp_path: Path, files: dict[str, tuple[str, str]]) -> tuple[ox.Store, list[SourceFile]]:
    """A store holding ``files`` (rel → (graph, Turtle)), loaded as a build loads them."""
    store, sources = ox.Store(), []
    for rel, (graph, text) in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PREFIXES + text, encoding="utf-8")
        store.load(
            path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph_iri(graph))
        )
        sources.append(SourceFile(path, rel, graph))
    return store, sources


def report(
    tmp_path: Path, files: dict[str, tuple[str, str]], engine: str = "sparql"
) -> ValidationReport:
    store, sources = project(tmp_path, files)
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(PREFIXES + SHAPES, encoding="utf-8")
    return validate_store(store, sources, shapes, "ontology/shapes.ttl", engine=engine)


TWO_FILES = {
    "ontology/a.ttl": ("ontology", ":BDT a isc:Unit ; isc:label 'BDT' ."),
    "ontology/b.ttl": ("ontology", ":TSB a isc:Unit ."),
    "data/doc-001.ttl": ("doc-001", ":SG5 isc:partOf :TSB, :Nowhere ."),
}


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_a_violation_names_the_one_file_of_a_shared_graph_that_states_it(
    tmp_path: Path, engine: str
) -> None:
    found = report(tmp_path, TWO_FILES, engine)
    assert not found.conforms
    assert [str(v) for v in found.violations] == [
        "(not defined in any file): Nowhere isc:label: the unit it is part of needs a label",
        "ontology/b.ttl: TSB isc:label: needs a label",
        "ontology/b.ttl: TSB isc:label: the unit it is part of needs a label",
    ]
    assert found.triples == 5
    assert found.engine == engine
    assert found.summary() == "Does not conform: 3 violations."


def test_an_entity_stated_in_several_files_of_a_graph_names_them_all(tmp_path: Path) -> None:
    files = {
        "ontology/a.ttl": ("ontology", ":TSB a isc:Unit ."),
        "ontology/b.ttl": ("ontology", ":TSB isc:note 'x' ."),
    }
    [v] = report(tmp_path, files).violations
    assert v.file == "ontology/a.ttl, ontology/b.ttl"


def test_a_graph_of_one_file_is_that_file(tmp_path: Path) -> None:
    files = {"data/doc-002.ttl": ("doc-002", ":TSB a isc:Unit .")}
    [v] = report(tmp_path, files).violations
    assert (v.file, v.entity, v.property, v.message, v.value, v.severity) == (
        "data/doc-002.ttl",
        "TSB",
        "isc:label",
        "needs a label",
        "",
        "Violation",
    )


def test_a_blank_node_is_named_by_its_owner_and_shown_by_its_class_and_links(
    tmp_path: Path,
) -> None:
    files = {
        "data/doc-003.ttl": (
            "doc-003",
            ":C2 isc:label 'C2' ; isc:engagement [ a isc:Engagement ; isc:agent :BDT ; "
            "isc:role isc:chair ; isc:topic :C2 ] .",
        )
    }
    [v] = report(tmp_path, files).violations
    assert (v.file, v.entity, v.value) == ("data/doc-003.ttl", "C2", "isc:chair")


def test_a_blank_node_with_no_owner_is_described(tmp_path: Path) -> None:
    files = {
        "data/doc-004.ttl": (
            "doc-004",
            "[ a isc:Engagement ; isc:agent :BDT ; isc:role isc:chair ; isc:topic :C2 ] .\n"
            "[ a isc:Engagement ; isc:role isc:chair ] .\n"
            "[ isc:note 'too long' ] . [ a isc:Engagement ; isc:role isc:lead ] .",
        )
    }
    found = report(tmp_path, files).violations
    assert sorted(v.entity for v in found) == [
        "a blank node",
        "isc:Engagement [agent BDT, role isc:chair, topic C2]",
        "isc:Engagement [role isc:chair]",
    ]
    assert {v.file for v in found} == {"data/doc-004.ttl"}


def test_a_warning_is_listed_but_the_data_conforms(tmp_path: Path) -> None:
    files = {
        "data/doc-005.ttl": ("doc-005", ":TSB a isc:Unit ; isc:label 'TSB' ; isc:note 'too long' .")
    }
    found = report(tmp_path, files)
    assert found.conforms
    assert found.violations == [
        Violation("data/doc-005.ttl", "TSB", "isc:note", "long note", "too long", "Warning")
    ]
    assert found.summary() == "Conforms: 3 triples checked against the shapes."
    assert found.as_dict() == {
        "conforms": True,
        "triples": 3,
        "engine": "sparql",
        "violations": [
            {
                "file": "data/doc-005.ttl",
                "entity": "TSB",
                "property": "isc:note",
                "message": "long note",
                "value": "too long",
                "severity": "Warning",
            }
        ],
    }


def test_one_violation_is_not_plural(tmp_path: Path) -> None:
    files = {"data/doc-006.ttl": ("doc-006", ":TSB a isc:Unit .")}
    assert report(tmp_path, files).summary() == "Does not conform: 1 violation."


def test_an_unknown_engine(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown validation engine 'other'; use one of"):
        report(tmp_path, {}, engine="other")


def test_pyshacl_refuses_shapes_it_cannot_read(tmp_path: Path) -> None:
    store, sources = project(tmp_path, {})
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("not turtle", encoding="utf-8")
    with pytest.raises(DataError, match=r"^ontology/shapes\.ttl: cannot read the shapes: "):
        validate_store(store, sources, shapes, "ontology/shapes.ttl", engine="pyshacl")
    with pytest.raises(DataError, match=r"^ontology/shapes\.ttl: no such file"):
        validate_store(
            store, sources, tmp_path / "none.ttl", "ontology/shapes.ttl", engine="pyshacl"
        )


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_literals_in_a_language_and_typed_reach_pyshacl_whole(tmp_path: Path, engine: str) -> None:
    files = {
        "data/doc-007.ttl": (
            "doc-007",
            ":TSB a isc:Unit ; isc:label 'TSB' ; isc:note 'bonjour'@fr, '123456'^^xsd:integer .",
        )
    }
    found = report(tmp_path, files, engine)
    assert sorted(v.value for v in found.violations) == ["123456", "bonjour"]


def test_a_statement_in_a_graph_no_file_loaded(tmp_path: Path) -> None:
    """Statements the build derives (graph/derived) come from no file: a violation there is
    put on the entity, "not defined in any file" when it is one of the graph's ids."""
    store, sources = project(tmp_path, {})
    store.add(
        ox.Quad(
            ox.NamedNode("https://w3id.org/isc-graph/id/X"),
            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode("https://w3id.org/isc-graph/ontology#Unit"),
            ox.NamedNode(graph_iri("derived")),
        )
    )
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(PREFIXES + SHAPES, encoding="utf-8")
    found = validate_store(store, sources, shapes, "ontology/shapes.ttl")
    assert [str(v) for v in found.violations] == [
        "(not defined in any file): X isc:label: needs a label"
    ]


def test_pyshacl_leaves_ill_typed_literals_to_the_literal_check(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = {
        "data/doc-008.ttl": (
            "doc-008",
            ":TSB a isc:Unit ; isc:label 'TSB' ; isc:n 'five'^^xsd:integer .",
        )
    }
    found = report(tmp_path, files, "pyshacl")
    assert "Failed to convert Literal lexical form" not in caplog.text
    assert [str(v) for v in found.violations] == [
        "data/doc-008.ttl: TSB isc:n: 'five' is not a valid xsd:integer (expected e.g. \"42\")"
    ]
