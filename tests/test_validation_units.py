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


# --- files of a shared graph, relative IRIs, and pySHACL's refusals and defaults -------------


def test_a_literal_problem_names_the_file_of_a_shared_graph_that_states_it(tmp_path: Path) -> None:
    files = {
        "ontology/a.ttl": ("ontology", ":BDT a isc:Unit ; isc:label 'BDT' ."),
        "ontology/b.ttl": (
            "ontology",
            ":TSB a isc:Unit ; isc:label 'TSB' ; isc:n 'five'^^xsd:integer .",
        ),
    }
    found = report(tmp_path, files)
    assert not found.conforms
    assert [str(v) for v in found.violations] == [
        "ontology/b.ttl: TSB isc:n: 'five' is not a valid xsd:integer (expected e.g. \"42\")"
    ]


def test_relative_iris_are_read_against_their_file(tmp_path: Path) -> None:
    """A file of a shared graph that writes ``<TSB>`` states the entity next to it."""
    store, sources = ox.Store(), []
    for rel, text in (
        ("ontology/a.ttl", "<BDT> a isc:Unit ; isc:label 'BDT' ."),
        ("ontology/b.ttl", "<TSB> a isc:Unit ."),
    ):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PREFIXES + text, encoding="utf-8")
        store.load(
            path=str(path),
            format=ox.RdfFormat.TURTLE,
            base_iri=path.resolve().as_uri(),
            to_graph=ox.NamedNode(graph_iri("ontology")),
        )
        sources.append(SourceFile(path, rel, "ontology"))
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(PREFIXES + SHAPES, encoding="utf-8")
    [v] = validate_store(store, sources, shapes, "ontology/shapes.ttl").violations
    tsb = (tmp_path / "ontology" / "TSB").resolve().as_uri()
    assert (v.file, v.entity, v.message) == ("ontology/b.ttl", tsb, "needs a label")


def test_pyshacl_names_shapes_it_cannot_use(tmp_path: Path) -> None:
    store, sources = project(tmp_path, {"data/doc-009.ttl": ("doc-009", ":TSB isc:label 'TSB' .")})
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        PREFIXES + "isc:S sh:targetNode :TSB ; sh:sparql [ sh:select "
        '"SELECT $this WHERE { $this ?p ?o MINUS { $this ?q ?o } }" ] .',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as exc:
        validate_store(store, sources, shapes, "ontology/shapes.ttl", engine="pyshacl")
    assert str(exc.value) == (
        "ontology/shapes.ttl: the shapes are not usable: Validation Failure - A SPARQL "
        "Constraint must not contain a MINUS clause."
    )


def test_pyshacl_results_without_a_message_say_they_violate_a_shape(tmp_path: Path) -> None:
    store, sources = project(tmp_path, {"data/doc-010.ttl": ("doc-010", ":TSB isc:label 'TSB' .")})
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        PREFIXES + 'isc:S sh:targetNode :TSB ; sh:sparql [ sh:select "SELECT $this WHERE { }" ] .',
        encoding="utf-8",
    )
    found = validate_store(store, sources, shapes, "ontology/shapes.ttl", engine="pyshacl")
    assert [str(v) for v in found.violations] == ["data/doc-010.ttl: TSB: violates a shape"]


def validate_with(
    tmp_path: Path, shapes: str, files: dict[str, tuple[str, str]], engine: str = "sparql"
) -> list[str]:
    """The violations, as a reader sees them, of ``files`` against ``shapes``."""
    store, sources = project(tmp_path, files)
    path = tmp_path / "shapes.ttl"
    path.write_text(PREFIXES + shapes, encoding="utf-8")
    found = validate_store(store, sources, path, "ontology/shapes.ttl", engine=engine)
    return [f"{v} [{v.value}] {v.severity}" for v in found.violations]


def test_a_whole_graph_check_is_put_on_the_node_it_reports(tmp_path: Path) -> None:
    """A check on the ontology node that reports another node as its value is located at
    that node, and its IRIs are shortened in the message."""
    shapes = (
        "isc:Whole sh:targetNode <https://w3id.org/isc-graph/ontology> ; "
        'sh:sparql [ sh:message "{?value} has a note" ; sh:select '
        '"SELECT $this ?value WHERE { ?value <https://w3id.org/isc-graph/ontology#note> ?n }" ] .'
    )
    files = {"data/doc-011.ttl": ("doc-011", ":TSB isc:note 'x' .")}
    assert validate_with(tmp_path, shapes, files) == [
        "data/doc-011.ttl: TSB: TSB has a note [] Violation"
    ]


def test_iris_in_messages_are_shortened_unless_in_angle_brackets(tmp_path: Path) -> None:
    shapes = (
        "isc:S sh:targetNode :TSB ; sh:property [ sh:path isc:label ; sh:minCount 1 ; "
        'sh:message "see https://w3id.org/isc-graph/ontology#Unit, '
        '<https://w3id.org/isc-graph/ontology#Unit> and http://www.w3.org/ns/org#member." ] .'
    )
    files = {"data/doc-012.ttl": ("doc-012", ":TSB isc:note 'x' .")}
    assert validate_with(tmp_path, shapes, files) == [
        "data/doc-012.ttl: TSB isc:label: see isc:Unit, "
        "<https://w3id.org/isc-graph/ontology#Unit> and org:member. [] Violation"
    ]


def test_a_focus_node_in_no_file_and_not_an_id_is_put_on_the_shapes(tmp_path: Path) -> None:
    shapes = (
        "isc:S sh:targetNode <urn:x:Ghost>, :Gone ; "
        "sh:property [ sh:path isc:label ; sh:minCount 1 ] ."
    )
    assert validate_with(tmp_path, shapes, {}) == [
        "(not defined in any file): Gone isc:label: fewer than 1 values [] Violation",
        "ontology/shapes.ttl: urn:x:Ghost isc:label: fewer than 1 values [] Violation",
    ]


@pytest.mark.parametrize(
    ("engine", "message"),
    [
        ("sparql", "value does not conform to the shape isc:Named"),
        ("pyshacl", "Value does not conform to Shape isc:Named. See details for more information."),
    ],
)
def test_blank_nodes_by_owner_and_not_the_details_of_sh_node(
    tmp_path: Path, engine: str, message: str
) -> None:
    """A blank node's violation is put on the entity it hangs from; why a value fails sh:node
    (here: it has no label) is not reported again on its own."""
    shapes = """
    isc:E sh:targetClass isc:Engagement ; sh:property [ sh:path isc:agent ; sh:node isc:Named ] .
    isc:Named sh:property [ sh:path isc:label ; sh:minCount 1 ; sh:message "unnamed" ] .
    isc:T sh:targetNode :C2 ; sh:property [ sh:path ( isc:engagement isc:role ) ;
      sh:hasValue isc:lead ; sh:message "no lead" ] .
    """
    files = {
        "data/doc-013.ttl": (
            "doc-013",
            ":C2 isc:engagement [ a isc:Engagement ; isc:agent :BDT ; isc:role isc:chair ] .",
        )
    }
    assert validate_with(tmp_path, shapes, files, engine) == [
        "data/doc-013.ttl: C2: no lead [] Violation",
        f"data/doc-013.ttl: C2 isc:agent: {message} [BDT] Violation",
    ]


def test_a_file_of_a_shared_graph_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    """The build drops the mark when it loads the file; finding which file states an entity
    reads the file the same way."""
    from isc_graph.loading import BOM, load_source

    store, sources = ox.Store(), []
    for rel, text in (
        ("ontology/a.ttl", ":BDT a isc:Unit ; isc:label 'BDT' ."),
        ("ontology/b.ttl", ":TSB a isc:Unit ."),
    ):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(BOM + (PREFIXES + text).encode("utf-8"))
        sources.append(SourceFile(path, rel, "ontology"))
        load_source(store, sources[-1])
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(PREFIXES + SHAPES, encoding="utf-8")
    found = validate_store(store, sources, shapes, "ontology/shapes.ttl")
    assert [str(v) for v in found.violations] == ["ontology/b.ttl: TSB isc:label: needs a label"]


def test_the_file_of_a_graph_of_one_file_is_not_read_again(tmp_path: Path) -> None:
    store, sources = project(tmp_path, {"data/doc-014.ttl": ("doc-014", ":TSB a isc:Unit .")})
    sources[0].path.unlink()
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(PREFIXES + SHAPES, encoding="utf-8")
    found = validate_store(store, sources, shapes, "ontology/shapes.ttl")
    assert [str(v) for v in found.violations] == ["data/doc-014.ttl: TSB isc:label: needs a label"]


def test_a_cycle_of_blank_nodes_is_described_not_followed_forever(tmp_path: Path) -> None:
    files = {
        "data/doc-015.ttl": (
            "doc-015",
            "_:a a isc:Engagement ; isc:role isc:chair ; isc:next _:b . _:b isc:next _:a .",
        )
    }
    [v] = report(tmp_path, files).violations
    assert (v.file, v.entity, v.value) == (
        "data/doc-015.ttl",
        "isc:Engagement [role isc:chair]",
        "isc:chair",
    )


def test_the_progress_bar_counts_the_checks_over_the_statements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal the bar reads "Validating 3 statements", counting checks."""
    import isc_graph.progress

    seen: list[tuple[int, str, str]] = []

    def recording(items: list, *, desc: str, unit: str) -> list:
        seen.append((len(items), desc, unit))
        return items

    monkeypatch.setattr(isc_graph.progress, "progress", recording)
    files = {"data/doc-016.ttl": ("doc-016", ":TSB a isc:Unit ; isc:label 'TSB' ; isc:note 'x' .")}
    assert report(tmp_path, files).conforms
    assert seen == [(4, "Validating 3 statements", "check")]
