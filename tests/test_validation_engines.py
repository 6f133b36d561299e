"""The SPARQL engine against pySHACL, the reference, on every case of the bad-input corpus.

Both engines validate the same store (the mini project with one faulty file added) and must
agree on whether it conforms and on what is wrong: file, entity, property and message.

Where they differ, pySHACL falls short of the specification: a literal outside the lexical
space of its datatype ("twenty"^^xsd:gYear) fails ``sh:datatype``; the SPARQL engine says so,
pySHACL (whose rdflib has no parser for xsd:gYear) does not. The literal check reports the
literal with both engines, so both fail such data.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINI_DATA, copy_project
from test_bad_input import PREFIXES, SHAPE_CASES

from isc_graph.build import validate
from isc_graph.project import Project
from isc_graph.validation import ValidationReport


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("engines") / "project", MINI_DATA)


def found(report: ValidationReport) -> set[tuple[str, str, str, str]]:
    return {(v.file, v.entity, v.property, v.message) for v in report.violations}


@pytest.mark.parametrize("case", sorted(SHAPE_CASES))
def test_engines_agree_on_the_bad_input_corpus(case: str, project: Path) -> None:
    snippet, expected = SHAPE_CASES[case]
    extra = project / "data" / "extra.ttl"
    extra.write_text(PREFIXES + snippet, encoding="utf-8")
    try:
        sparql = validate(Project(project), engine="sparql")
        reference = validate(Project(project), engine="pyshacl")
    finally:
        extra.unlink()
    assert not sparql.conforms
    assert not reference.conforms
    assert expected in [str(v) for v in sparql.violations]
    assert found(sparql) == found(reference)


def test_an_ill_formed_year_fails_its_datatype_with_the_sparql_engine(project: Path) -> None:
    extra = project / "data" / "extra.ttl"
    extra.write_text(
        PREFIXES + ':TA-2030 a isc:ThematicAreaList ; skos:notation "TA-2030" ; '
        'skos:prefLabel "TA-2030"@en ; isc:documentYear "twenty"^^xsd:gYear ; '
        "prov:qualifiedDerivation [ a prov:Derivation ; prov:entity :doc-004 ; "
        'isc:locator "Annex 1" ; isc:quote "q" ] .\n',
        encoding="utf-8",
    )
    try:
        sparql = validate(Project(project), engine="sparql")
        reference = validate(Project(project), engine="pyshacl")
    finally:
        extra.unlink()
    literal = (
        "data/extra.ttl",
        "TA-2030",
        "isc:documentYear",
        "'twenty' is not a valid xsd:gYear (expected e.g. \"2018\")",
    )
    datatype = (
        "data/extra.ttl",
        "TA-2030",
        "isc:documentYear",
        "a thematic-area list is dated by exactly one isc:documentYear (xsd:gYear)",
    )
    assert found(sparql) == {literal, datatype}
    assert found(reference) == {literal}


def test_engines_agree_that_the_mini_project_conforms(project: Path) -> None:
    sparql = validate(Project(project), engine="sparql")
    reference = validate(Project(project), engine="pyshacl")
    assert sparql.conforms and reference.conforms
    assert sparql.triples == reference.triples > 100


def test_a_shape_the_engine_cannot_check_is_refused_not_passed(project: Path) -> None:
    """A constraint the SPARQL engine does not compile must stop validation, naming it."""
    from isc_graph.errors import DataError

    shapes = project / "ontology" / "shapes.ttl"
    saved = shapes.read_text(encoding="utf-8")
    try:
        shapes.write_text(
            saved + "\niscsh:ClosedShape a sh:NodeShape ; sh:targetClass isc:Outcome ; "
            "sh:closed true .\n",
            encoding="utf-8",
        )
        with pytest.raises(DataError) as raised:
            validate(Project(project), engine="sparql")
        assert str(raised.value) == (
            "ontology/shapes.ttl: the shape https://w3id.org/isc-graph/shapes#ClosedShape uses "
            "sh:closed, which the SPARQL engine does not check; check with `isc-graph validate "
            "--engine pyshacl`, or express the rule as an sh:sparql constraint"
        )
    finally:
        shapes.write_text(saved, encoding="utf-8")
        shutil.rmtree(project / "store", ignore_errors=True)
