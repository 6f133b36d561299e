"""The SPARQL engine, one SHACL feature at a time: targets, paths, every constraint component
it compiles, severities, messages and SPARQL-based constraints, and the shapes it refuses.

Each case is a tiny shapes graph and data graph with the violations written out by hand
(focus node, value, path, message). The same case is then given to pySHACL, the reference
implementation, which must find the same focus nodes, values and paths: so a case tests
the engine against SHACL, not against itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from isc_graph.errors import DataError
from isc_graph.shacl_sparql import Check, Finding, compile_shapes, run_checks
from isc_graph.validation import _pyshacl_findings

PREFIXES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <urn:ex:> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
EX = "urn:ex:"
XSD = "http://www.w3.org/2001/XMLSchema#"

Key = tuple[str, str, str | None, str | None]  # severity, focus, value, path


def short(term: object) -> str | None:
    """A term as the expected values below write it: ``ex:`` names bare, a blank node ``_``,
    a literal in N-Triples form with ``xsd:`` datatypes shortened."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return "_"
    if isinstance(term, ox.NamedNode):
        return term.value.removeprefix(EX)
    if isinstance(term, str):
        return term.removeprefix(EX)
    return str(term).replace(f"<{XSD}", "xsd:").replace(">", "")


def key(f: Finding) -> Key:
    return (f.severity, short(f.focus), short(f.value), short(f.path))


def store_of(data: str) -> ox.Store:
    store = ox.Store()
    store.load(
        (PREFIXES + data).encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(EX + "g")
    )
    return store


def write_shapes(tmp_path: Path, shapes: str) -> Path:
    path = tmp_path / "shapes.ttl"
    path.write_text(PREFIXES + shapes, encoding="utf-8")
    return path


def ours(tmp_path: Path, shapes: str, data: str, *, with_data: bool = True) -> list[Finding]:
    store = store_of(data)
    path = write_shapes(tmp_path, shapes)
    return list(run_checks(store, compile_shapes(path, "shapes.ttl", store if with_data else None)))


def check(tmp_path: Path, shapes: str, data: str, expected: set[tuple]) -> None:
    """The engine finds ``expected`` ((focus, value, path, message) or with a severity in
    front), and pySHACL the same focus nodes, values and paths."""
    full = {e if len(e) == 5 else ("Violation", *e) for e in expected}
    found = ours(tmp_path, shapes, data)
    assert {(*key(f), f.message) for f in found} == full
    store = store_of(data)
    reference = {key(f) for f in _pyshacl_findings(store, write_shapes(tmp_path, shapes), "s")}
    assert reference == {e[:4] for e in full}


# --- value type ------------------------------------------------------------------------------

CLASS_SHAPES = """
ex:S a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:property [ sh:path ex:knows ; sh:class ex:Person ] .
"""
CLASS_DATA = """
ex:Student rdfs:subClassOf ex:Person . ex:PhD rdfs:subClassOf ex:Student .
ex:a a ex:Person ; ex:knows ex:b, ex:c, ex:e, "lit" .
ex:b a ex:Student . ex:c a ex:Thing . ex:e a ex:PhD .
ex:d a ex:PhD ; ex:knows ex:c .
"""
NOT_A_PERSON = "value is not an instance of urn:ex:Person"


def test_class_counts_instances_of_subclasses(tmp_path: Path) -> None:
    check(
        tmp_path,
        CLASS_SHAPES,
        CLASS_DATA,
        {
            ("a", "c", "knows", NOT_A_PERSON),
            ("a", '"lit"', "knows", NOT_A_PERSON),
            ("d", "c", "knows", NOT_A_PERSON),
        },
    )


def test_class_without_the_data_walks_the_hierarchy_in_the_query(tmp_path: Path) -> None:
    found = ours(tmp_path, CLASS_SHAPES, CLASS_DATA, with_data=False)
    assert {key(f)[1:3] for f in found} == {("a", "c"), ("a", '"lit"'), ("d", "c")}


def test_a_class_target_of_one_class_without_subclasses(tmp_path: Path) -> None:
    data = 'ex:a a ex:Person ; ex:knows ex:b . ex:b a ex:Person . ex:c a ex:Person ; ex:knows "x" .'
    check(tmp_path, CLASS_SHAPES, data, {("c", '"x"', "knows", NOT_A_PERSON)})


def test_datatype(tmp_path: Path) -> None:
    shapes = "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:age ; sh:datatype xsd:integer ] ."
    data = 'ex:a ex:age 5, "6", ex:x, "7"@en .'
    message = f"value does not have the datatype {XSD}integer"
    check(
        tmp_path,
        shapes,
        data,
        {("a", '"6"', "age", message), ("a", "x", "age", message), ("a", '"7"@en', "age", message)},
    )


def test_datatype_checks_the_lexical_form(tmp_path: Path) -> None:
    """pySHACL has no parser for xsd:gYear and passes it; SHACL says a literal outside the
    lexical space of its datatype fails sh:datatype."""
    shapes = "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:year ; sh:datatype xsd:gYear ] ."
    found = ours(tmp_path, shapes, 'ex:a ex:year "2019"^^xsd:gYear, "twenty"^^xsd:gYear .')
    assert [key(f) for f in found] == [("Violation", "a", '"twenty"^^xsd:gYear', "year")]


NODE_KIND_DATA = 'ex:a ex:p ex:iri, [ ex:q 1 ], "lit" .'


@pytest.mark.parametrize(
    ("kind", "bad"),
    [
        ("IRI", {"_", '"lit"'}),
        ("BlankNode", {"iri", '"lit"'}),
        ("Literal", {"iri", "_"}),
        ("BlankNodeOrIRI", {'"lit"'}),
        ("BlankNodeOrLiteral", {"iri"}),
        ("IRIOrLiteral", {"_"}),
    ],
)
def test_node_kind(tmp_path: Path, kind: str, bad: set[str]) -> None:
    shapes = f"ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:nodeKind sh:{kind} ] ."
    message = f"value is not of the node kind http://www.w3.org/ns/shacl#{kind}"
    check(tmp_path, shapes, NODE_KIND_DATA, {("a", v, "p", message) for v in bad})


# --- value range, string, language, in -------------------------------------------------------


@pytest.mark.parametrize(
    ("component", "bad"),
    [
        ("minExclusive", {"1", "2", '"x"'}),
        ("minInclusive", {"1", '"x"'}),
        ("maxExclusive", {"2", "3", '"x"'}),
        ("maxInclusive", {"3", '"x"'}),
    ],
)
def test_value_range(tmp_path: Path, component: str, bad: set[str]) -> None:
    shapes = f"ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:n ; sh:{component} 2 ] ."
    data = 'ex:a ex:n 1, 2, 3, "x" .'
    values = {v if v.startswith('"') else f'"{v}"^^xsd:integer' for v in bad}
    check(tmp_path, shapes, data, {("a", v, "n", "value is out of the range 2") for v in values})


@pytest.mark.parametrize(
    ("constraint", "data", "bad", "message"),
    [
        (
            "sh:minLength 1",
            'ex:a ex:s "", "a", ""@en, ex:i, [ ex:q 1 ] .',
            {'""', '""@en', "_"},
            "value is shorter than 1 characters",
        ),
        (
            "sh:minLength 3",
            'ex:a ex:s "ab", "abc", 12, ""@en .',
            {'"ab"', '"12"^^xsd:integer', '""@en'},
            "value is shorter than 3 characters",
        ),
        (
            "sh:maxLength 2",
            'ex:a ex:s "abc", "ab", [ ex:q 1 ], ex:i .',
            {'"abc"', "_", "i"},
            "value is longer than 2 characters",
        ),
        (
            'sh:pattern "^a" ; sh:flags "i"',
            'ex:a ex:s "Abc", "abc", "bca", ex:ab, [ ex:q 1 ] .',
            {'"bca"', "ab", "_"},
            "value does not match the pattern ^a",
        ),
        (
            'sh:pattern "^a"',
            'ex:a ex:s "Abc", "abc" .',
            {'"Abc"'},
            "value does not match the pattern ^a",
        ),
    ],
)
def test_string_constraints(
    tmp_path: Path, constraint: str, data: str, bad: set[str], message: str
) -> None:
    shapes = f"ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:s ; {constraint} ] ."
    check(tmp_path, shapes, data, {("a", v, "s", message) for v in bad})


def test_language_in(tmp_path: Path) -> None:
    shapes = 'ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:s ; sh:languageIn ("en" "fr") ] .'
    data = 'ex:a ex:s "x"@en, "y"@en-GB, "z"@fr, "w"@de, "plain", ex:i .'
    message = "value's language is not one of en, fr"
    check(
        tmp_path,
        shapes,
        data,
        {("a", '"w"@de', "s", message), ("a", '"plain"', "s", message), ("a", "i", "s", message)},
    )


def test_unique_lang(tmp_path: Path) -> None:
    shapes = """
    ex:S sh:targetNode ex:a, ex:b ; sh:property [ sh:path ex:s ; sh:uniqueLang true ] .
    ex:T sh:targetNode ex:a ; sh:property [ sh:path ex:s ; sh:uniqueLang false ] .
    """
    data = 'ex:a ex:s "x"@en, "y"@en, "z"@fr, "p", "q" . ex:b ex:s "x"@en, "z"@fr .'
    check(tmp_path, shapes, data, {("a", None, "s", "more than one value in the same language")})


def test_in(tmp_path: Path) -> None:
    shapes = 'ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:s ; sh:in (ex:x "y" 1) ] .'
    data = 'ex:a ex:s ex:x, ex:z, "y", "y"@en, 1, 1.0 .'
    message = "value is not one of urn:ex:x, y, 1"
    check(
        tmp_path,
        shapes,
        data,
        {
            ("a", "z", "s", message),
            ("a", '"y"@en', "s", message),
            ("a", '"1"^^xsd:decimal', "s", message),
        },
    )


def test_an_empty_in_list_refuses_every_value(tmp_path: Path) -> None:
    shapes = "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:s ; sh:in () ] ."
    check(tmp_path, shapes, "ex:a ex:s ex:x .", {("a", "x", "s", "value is not one of nothing")})


def test_has_value(tmp_path: Path) -> None:
    shapes = "ex:S sh:targetNode ex:a, ex:b ; sh:property [ sh:path ex:s ; sh:hasValue ex:x ] ."
    data = "ex:a ex:s ex:x, ex:y . ex:b ex:s ex:y ."
    check(tmp_path, shapes, data, {("b", None, "s", "the value urn:ex:x is missing")})


# --- cardinality -----------------------------------------------------------------------------

COUNT_DATA = "ex:b ex:p ex:x . ex:c ex:p ex:x, ex:y . ex:d ex:p ex:x, ex:y, ex:z ."


@pytest.mark.parametrize(
    ("constraint", "bad", "message"),
    [
        ("sh:minCount 1", {"a"}, "fewer than 1 values"),
        ("sh:minCount 2", {"a", "b"}, "fewer than 2 values"),
        ("sh:minCount 0", set(), "fewer than 0 values"),
        ("sh:maxCount 1", {"c", "d"}, "more than 1 values"),
        ("sh:maxCount 2", {"d"}, "more than 2 values"),
        ("sh:maxCount 0", {"b", "c", "d"}, "more than 0 values"),
    ],
)
def test_cardinality(tmp_path: Path, constraint: str, bad: set[str], message: str) -> None:
    shapes = (
        f"ex:S sh:targetNode ex:a, ex:b, ex:c, ex:d ; sh:property [ sh:path ex:p ; {constraint} ] ."
    )
    check(tmp_path, shapes, COUNT_DATA, {(n, None, "p", message) for n in bad})


def test_counts_are_per_focus_node_of_the_shape(tmp_path: Path) -> None:
    """Only the targets count: ex:other has three values but is no focus node."""
    shapes = "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:maxCount 2 ] ."
    data = "ex:a a ex:C ; ex:p ex:x . ex:other ex:p ex:x, ex:y, ex:z . ex:D rdfs:subClassOf ex:C ."
    check(tmp_path, shapes, data, set())


def test_qualified_value_shape(tmp_path: Path) -> None:
    shapes = """
    ex:S sh:targetNode ex:a, ex:b, ex:c ; sh:property [ sh:path ex:p ;
      sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 1 ] .
    """
    data = """
    ex:x a ex:C . ex:z a ex:C .
    ex:a ex:p ex:x, ex:y . ex:b ex:p ex:y . ex:c ex:p ex:x, ex:z .
    """
    message = "the number of values conforming to a shape is out of range"
    check(tmp_path, shapes, data, {("b", None, "p", message), ("c", None, "p", message)})


def test_qualified_max_count_alone(tmp_path: Path) -> None:
    shapes = """
    ex:S sh:targetNode ex:a, ex:c ; sh:property [ sh:path ex:p ;
      sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMaxCount 1 ] .
    """
    data = "ex:x a ex:C . ex:z a ex:C . ex:a ex:p ex:x . ex:c ex:p ex:x, ex:z ."
    message = "the number of values conforming to a shape is out of range"
    check(tmp_path, shapes, data, {("c", None, "p", message)})


# --- shapes in shapes ------------------------------------------------------------------------

NAMED = "ex:Named sh:property [ sh:path rdfs:label ; sh:minCount 1 ] ."


def test_node(tmp_path: Path) -> None:
    shapes = f"ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:node ex:Named ] . {NAMED}"
    data = 'ex:a ex:p ex:x, ex:y . ex:x rdfs:label "x" .'
    check(
        tmp_path,
        shapes,
        data,
        {("a", "y", "p", "value does not conform to the shape urn:ex:Named")},
    )


def test_not(tmp_path: Path) -> None:
    shapes = f"ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:not ex:Named ] . {NAMED}"
    data = 'ex:a ex:p ex:x, ex:y . ex:x rdfs:label "x" .'
    message = "value conforms to the shape urn:ex:Named, which it must not"
    check(tmp_path, shapes, data, {("a", "x", "p", message)})


LOGICAL = """
ex:HasL sh:property [ sh:path ex:l ; sh:minCount 1 ] .
ex:HasM sh:property [ sh:path ex:m ; sh:minCount 1 ] .
"""
LOGICAL_DATA = "ex:a ex:l 1 ; ex:m 1 . ex:b ex:l 1 . ex:c ex:q 1 ."


@pytest.mark.parametrize(
    ("component", "bad", "message"),
    [
        ("and", {"b", "c"}, "value does not conform to every shape of urn:ex:HasL, urn:ex:HasM"),
        ("or", {"c"}, "value conforms to none of the shapes of urn:ex:HasL, urn:ex:HasM"),
        (
            "xone",
            {"a", "c"},
            "value does not conform to exactly one shape of urn:ex:HasL, urn:ex:HasM",
        ),
    ],
)
def test_logical(tmp_path: Path, component: str, bad: set[str], message: str) -> None:
    shapes = f"ex:S sh:targetNode ex:a, ex:b, ex:c ; sh:{component} (ex:HasL ex:HasM) . {LOGICAL}"
    check(tmp_path, shapes, LOGICAL_DATA, {(n, n, None, message) for n in bad})


def test_node_constraints_inside_a_node_shape(tmp_path: Path) -> None:
    """sh:node to a shape with node-level constraints (datatype of the node itself)."""
    shapes = """
    ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:node ex:Int ] .
    ex:Int sh:datatype xsd:integer .
    """
    check(
        tmp_path,
        shapes,
        'ex:a ex:p 1, "x" .',
        {("a", '"x"', "p", "value does not conform to the shape urn:ex:Int")},
    )


def test_a_shape_without_constraints_is_conformed_to(tmp_path: Path) -> None:
    shapes = (
        "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:not ex:Empty ] . "
        "ex:Empty a sh:NodeShape ."
    )
    message = "value conforms to the shape urn:ex:Empty, which it must not"
    check(tmp_path, shapes, "ex:a ex:p ex:x .", {("a", "x", "p", message)})


# --- targets ---------------------------------------------------------------------------------

NEEDS_L = "sh:property [ sh:path ex:l ; sh:minCount 1 ]"


@pytest.mark.parametrize(
    ("target", "bad"),
    [
        ("sh:targetSubjectsOf ex:p", {"a", "b"}),
        ("sh:targetObjectsOf ex:p", {"x"}),
        ("sh:targetNode ex:c, ex:x", {"c", "x"}),
        ("sh:targetClass ex:C", {"c"}),
        ("sh:targetClass ex:C ; sh:targetNode ex:a", {"a", "c"}),
        ("sh:targetClass ex:C, ex:D", {"c", "d"}),
        ("sh:targetSubjectsOf ex:p ; sh:targetObjectsOf ex:p", {"a", "b", "x"}),
    ],
)
def test_targets(tmp_path: Path, target: str, bad: set[str]) -> None:
    shapes = f"ex:S a sh:NodeShape ; {target} ; {NEEDS_L} ."
    data = "ex:a ex:p ex:x . ex:b ex:p ex:x . ex:c a ex:C . ex:d a ex:D . ex:e ex:l 1 ."
    check(tmp_path, shapes, data, {(n, None, "l", "fewer than 1 values") for n in bad})


def test_a_class_that_is_a_shape_targets_its_instances(tmp_path: Path) -> None:
    shapes = f"ex:C a rdfs:Class, sh:NodeShape ; {NEEDS_L} ."
    data = "ex:c a ex:C . ex:d a ex:D . ex:D rdfs:subClassOf ex:C . ex:e a ex:C ; ex:l 1 ."
    check(tmp_path, shapes, data, {(n, None, "l", "fewer than 1 values") for n in ("c", "d")})


def test_a_shape_without_targets_checks_nothing(tmp_path: Path) -> None:
    check(tmp_path, f"ex:S a sh:NodeShape ; {NEEDS_L} .", "ex:a ex:p 1 .", set())


# --- paths -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        ("[ sh:inversePath ex:p ]", set()),  # its one value, ex:e, is a leaf
        ("( ex:p ex:q )", {"c"}),
        ("[ sh:alternativePath ( ex:p ex:q ) ]", {"b", "d"}),
        ("[ sh:zeroOrMorePath ex:p ]", {"a", "b", "c"}),
        ("[ sh:oneOrMorePath ex:p ]", {"b", "c"}),
        ("[ sh:zeroOrOnePath ex:p ]", {"a", "b"}),
    ],
)
def test_paths(tmp_path: Path, path: str, bad: set[str]) -> None:
    """Every value reached must be an ex:Leaf; the path decides which values are reached."""
    shapes = f"ex:S sh:targetNode ex:a ; sh:property [ sh:path {path} ; sh:class ex:Leaf ] ."
    data = (
        "ex:a ex:p ex:b ; ex:q ex:d . ex:b ex:p ex:c ; ex:q ex:c . ex:c ex:q ex:d . "
        "ex:e ex:p ex:a ; a ex:Leaf ."
    )
    expected = {("a", v, None, "value is not an instance of urn:ex:Leaf") for v in bad}
    check(tmp_path, shapes, data, expected)


def test_a_simple_path_is_reported_a_complex_one_is_not(tmp_path: Path) -> None:
    shapes = "ex:S sh:targetNode ex:a ; sh:property [ sh:path ( ex:p ) ; sh:minCount 1 ] ."
    [found] = ours(tmp_path, shapes, "ex:a ex:q 1 .")
    assert found.path is None


# --- severities, messages, deactivation ------------------------------------------------------


def test_severity_and_messages(tmp_path: Path) -> None:
    shapes = """
    ex:S sh:targetNode ex:a ; sh:message "shape says" ; sh:datatype xsd:string ;
      sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:severity sh:Warning ;
        sh:message "needs a p" ] ;
      sh:property [ sh:path ex:q ; sh:minCount 1 ; sh:severity sh:Info ] .
    """
    check(
        tmp_path,
        shapes,
        "ex:a ex:r 1 .",
        {
            ("Violation", "a", "a", None, "shape says"),
            ("Warning", "a", None, "p", "needs a p"),
            ("Info", "a", None, "q", "fewer than 1 values"),
        },
    )


def test_deactivated_shapes_and_properties_check_nothing(tmp_path: Path) -> None:
    shapes = f"""
    ex:S sh:targetNode ex:a ; sh:deactivated true ; {NEEDS_L} .
    ex:T sh:targetNode ex:a ; sh:property [ sh:path ex:m ; sh:minCount 1 ; sh:deactivated true ] ;
      sh:property [ sh:path ex:n ; sh:minCount 1 ; sh:deactivated false ] .
    """
    check(tmp_path, shapes, "ex:a ex:p 1 .", {("a", None, "n", "fewer than 1 values")})


# --- SPARQL-based constraints ---------------------------------------------------------------------

SPARQL = (
    """
ex:decl sh:declare [ sh:prefix "ex" ; sh:namespace "urn:ex:"^^xsd:anyURI ] .
ex:S sh:targetNode ex:a, ex:b ; sh:sparql [ sh:prefixes ex:decl ; sh:message "{?value} is too big" ;
  sh:select """
    + '"""'
    + """SELECT $this ?value ?path WHERE {
    $this ex:n ?value . FILTER (?value > 3) BIND (ex:n AS ?path) }"""
    + '"""'
    + """ ] .
"""
)


def test_sparql_constraint_with_this_prebound_and_the_message_filled(tmp_path: Path) -> None:
    data = "ex:a ex:n 1, 5 . ex:b ex:n 7 . ex:c ex:n 9 ."
    found = ours(tmp_path, SPARQL, data)
    assert {(*key(f), f.message) for f in found} == {
        ("Violation", "a", '"5"^^xsd:integer', "n", "5 is too big"),
        ("Violation", "b", '"7"^^xsd:integer', "n", "7 is too big"),
    }
    reference = _pyshacl_findings(store_of(data), write_shapes(tmp_path, SPARQL), "s")
    assert {key(f) for f in reference} == {key(f) for f in found}


def test_sparql_constraint_selecting_only_this(tmp_path: Path) -> None:
    shapes = """
    ex:S sh:targetNode ex:a ; sh:message "from the shape" ;
      sh:sparql [ sh:severity sh:Warning ; sh:select "SELECT $this WHERE { $this ?p ?n }" ] .
    ex:T sh:targetNode ex:a ; sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?n }" ] .
    ex:U sh:targetNode ex:a ;
      sh:sparql [ sh:deactivated true ; sh:select "SELECT $this WHERE { }" ] .
    """
    found = ours(tmp_path, shapes, "ex:a ex:n 1 .")
    assert sorted((*key(f), f.message) for f in found) == [
        ("Violation", "a", None, None, "violates a SPARQL constraint"),
        ("Warning", "a", None, None, "from the shape"),
    ]


def test_a_message_variable_that_is_not_selected_stays_as_written(tmp_path: Path) -> None:
    shapes = """
    ex:S sh:targetNode ex:a ; sh:sparql [ sh:message "{?missing} and {$this}" ;
      sh:select "SELECT $this WHERE { $this <urn:ex:n> ?n }" ] .
    """
    [found] = ours(tmp_path, shapes, "ex:a ex:n 1 .")
    assert found.message == "{?missing} and urn:ex:a"


# --- shapes the engine refuses, with where and why -------------------------------------------


@pytest.mark.parametrize(
    ("shapes", "message"),
    [
        (
            "ex:S sh:targetNode ex:a ; sh:closed true .",
            "shapes.ttl: the shape urn:ex:S uses sh:closed, which the SPARQL engine does not "
            "check; check with `isc-graph validate --engine pyshacl`, or express the rule as an "
            "sh:sparql constraint",
        ),
        (
            "ex:S sh:targetNode ex:a ; "
            "sh:property [ sh:path ex:p ; sh:equals ex:q ; sh:lessThan ex:r ] .",
            "shapes.ttl: the shape a blank-node shape uses sh:equals, which the SPARQL engine does "
            "not check; check with `isc-graph validate --engine pyshacl`, or express the rule as "
            "an sh:sparql constraint",
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:in [ rdf:first ex:x ] ] .",
            "shapes.ttl: the shapes are not usable: a malformed RDF list near _:",
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:in ex:loop ] . "
            "ex:loop rdf:first ex:x ; rdf:rest ex:loop .",
            "shapes.ttl: the shapes are not usable: a malformed RDF list near <urn:ex:loop>",
        ),
        (
            'ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:in "x" ] .',
            'shapes.ttl: the shapes are not usable: a malformed RDF list near "x"',
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:nodeKind sh:Thing ] .",
            "shapes.ttl: the shapes are not usable: sh:nodeKind <http://www.w3.org/ns/shacl#Thing> "
            "in a blank-node shape",
        ),
        (
            'ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:nodeKind "IRI" ] .',
            'shapes.ttl: the shapes are not usable: sh:nodeKind "IRI" in a blank-node shape',
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:minCount 1 ] .",
            "shapes.ttl: the shapes are not usable: a property shape of urn:ex:S has no sh:path",
        ),
        (
            'ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount "two" ] .',
            'shapes.ttl: the shapes are not usable: "two" is not an integer',
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount ex:two ] .",
            "shapes.ttl: the shapes are not usable: <urn:ex:two> is not an integer",
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:qualifiedValueShape [ sh:class ex:C ] .",
            "shapes.ttl: the shapes are not usable: sh:qualifiedValueShape in urn:ex:S needs an "
            "sh:path",
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:hasValue ex:x .",
            "shapes.ttl: the shapes are not usable: sh:hasValue in urn:ex:S needs an sh:path",
        ),
        (
            "ex:S sh:targetNode ex:a ; "
            'sh:property [ sh:path ex:p ; sh:sparql [ sh:select "ASK {}" ] ] .',
            "shapes.ttl: the shapes are not usable: sh:sparql on a property shape of urn:ex:S",
        ),
        (
            'ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE {}" ] .',
            "shapes.ttl: the shapes are not usable: sh:sparql on urn:ex:S: only shapes targeting "
            "nodes (sh:targetNode) are checked with SPARQL constraints",
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:targetClass ex:C ; "
            'sh:sparql [ sh:select "SELECT $this WHERE {}" ] .',
            "shapes.ttl: the shapes are not usable: sh:sparql on urn:ex:S: only shapes targeting "
            "nodes (sh:targetNode) are checked with SPARQL constraints",
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:sparql [ sh:message 'no query' ] .",
            "shapes.ttl: the shapes are not usable: an sh:sparql constraint of urn:ex:S has no "
            "sh:select",
        ),
        (
            'ex:S sh:targetNode ex:a ; sh:property [ sh:path "p" ; sh:minCount 1 ] .',
            'shapes.ttl: the shapes are not usable: sh:path "p" is not a path',
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:path [ ex:q ex:p ] ; sh:minCount 1 ] .",
            "shapes.ttl: the shapes are not usable: an sh:path that is not a SHACL property path",
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:node ex:N ] . "
            'ex:N sh:property [ sh:path ex:q ; sh:sparql [ sh:select "ASK {}" ] ] .',
            "shapes.ttl: the shapes are not usable: sh:sparql nested in urn:ex:N is not supported",
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:datatype [ ] .",
            "shapes.ttl: the shapes are not usable: sh:datatype in urn:ex:S needs an IRI, not a "
            "blank node",
        ),
        (
            'ex:S sh:targetNode ex:a ; sh:datatype "integer" .',
            "shapes.ttl: the shapes are not usable: sh:datatype in urn:ex:S needs an IRI, not "
            '"integer"',
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minInclusive [ ] ] .",
            "shapes.ttl: the shapes are not usable: sh:minInclusive in a blank-node shape needs an "
            "IRI or a literal, not a blank node",
        ),
    ],
)
def test_refused_shapes(tmp_path: Path, shapes: str, message: str) -> None:
    with pytest.raises(DataError) as exc:
        compile_shapes(write_shapes(tmp_path, shapes), "shapes.ttl", store_of("ex:a ex:p 1 ."))
    assert str(exc.value).startswith(message)


def test_a_sparql_constraint_that_is_not_sparql_is_named_when_run(tmp_path: Path) -> None:
    shapes = 'ex:S sh:targetNode ex:a ; sh:sparql [ sh:select "SELECT $this WHERE {" ] .'
    store = store_of("ex:a ex:p 1 .")
    checks = compile_shapes(write_shapes(tmp_path, shapes), "shapes.ttl", store)
    with pytest.raises(DataError) as exc:
        list(run_checks(store, checks))
    assert str(exc.value).startswith(
        "ontology/shapes.ttl: the SPARQL constraint of urn:ex:S is not valid SPARQL: "
    )


def test_missing_and_unreadable_shape_files(tmp_path: Path) -> None:
    with pytest.raises(DataError) as exc:
        compile_shapes(tmp_path / "none.ttl", "ontology/shapes.ttl")
    assert str(exc.value) == (
        "ontology/shapes.ttl: no such file: the shapes the data is checked against belong in "
        "the ontology folder; restore it (git checkout -- ontology/shapes.ttl)"
    )
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <urn:ex:> .\n\nex:S ex:p .\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        compile_shapes(bad, "ontology/shapes.ttl")
    assert str(exc.value).startswith("ontology/shapes.ttl:3:")
    assert "cannot read the shapes: " in str(exc.value)


# --- cases that once went unnoticed (found by mutation testing) ------------------------------


def test_a_shape_targeting_the_class_rdfs_class_is_not_itself_a_class(tmp_path: Path) -> None:
    shapes = f"ex:S sh:targetClass rdfs:Class ; {NEEDS_L} ."
    data = "ex:C a rdfs:Class . ex:x a ex:S ."
    check(tmp_path, shapes, data, {("C", None, "l", "fewer than 1 values")})


def test_a_shape_found_by_target_subjects_of_alone(tmp_path: Path) -> None:
    shapes = f"ex:S sh:targetSubjectsOf ex:p ; {NEEDS_L} ."
    check(tmp_path, shapes, "ex:a ex:p 1 .", {("a", None, "l", "fewer than 1 values")})


def test_or_of_no_shapes_is_never_satisfied(tmp_path: Path) -> None:
    """(pySHACL refuses an empty list here; SHACL's definition of sh:or gives a violation.)"""
    [found] = ours(tmp_path, "ex:S sh:targetNode ex:a ; sh:or () .", "ex:a ex:p 1 .")
    assert (*key(found), found.message) == (
        "Violation",
        "a",
        "a",
        None,
        "value conforms to none of the shapes of nothing",
    )


def test_two_qualified_shapes_keep_their_own_counts(tmp_path: Path) -> None:
    shapes = """
    ex:S sh:targetNode ex:a ;
      sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:C ] ;
        sh:qualifiedMinCount 2 ] ;
      sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ;
        sh:qualifiedMaxCount 0 ] .
    """
    data = "ex:x a ex:C . ex:y a ex:C . ex:a ex:p ex:x, ex:y ."
    check(tmp_path, shapes, data, set())


def test_a_qualified_maximum_of_one_counts_only_conforming_values(tmp_path: Path) -> None:
    shapes = """
    ex:S sh:targetNode ex:b ; sh:property [ sh:path ex:p ;
      sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMaxCount 1 ] .
    """
    check(tmp_path, shapes, "ex:x a ex:C . ex:b ex:p ex:x, ex:y .", set())


def test_a_sparql_constraint_and_another_component_on_one_shape(tmp_path: Path) -> None:
    shapes = f"""
    ex:S sh:targetNode ex:a ; sh:sparql [ sh:select "SELECT $this WHERE {{ $this ?p ?o }}" ] ;
      sh:xone (ex:HasL ex:HasM) . {LOGICAL}
    """
    found = ours(tmp_path, shapes, "ex:a ex:q 1 .")
    assert sorted(f.message for f in found) == [
        "value does not conform to exactly one shape of urn:ex:HasL, urn:ex:HasM",
        "violates a SPARQL constraint",
    ]


@pytest.mark.parametrize(
    ("shapes", "message"),
    [
        (
            "ex:S sh:targetNode ex:a ; sh:property ex:P . ex:P sh:path ex:p ; sh:nodeKind sh:X .",
            "shapes.ttl: the shapes are not usable: sh:nodeKind <http://www.w3.org/ns/shacl#X> "
            "in urn:ex:P",
        ),
        (
            'ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minLength "one" ] .',
            'shapes.ttl: the shapes are not usable: "one" is not an integer',
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; "
            'sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMinCount "x" ] .',
            'shapes.ttl: the shapes are not usable: "x" is not an integer',
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:node ex:N ] . "
            'ex:N sh:sparql [ sh:select "SELECT $this WHERE {}" ] .',
            "shapes.ttl: the shapes are not usable: sh:sparql nested in urn:ex:N is not supported",
        ),
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:node ex:N ] . "
            "ex:N sh:qualifiedValueShape [ sh:class ex:C ] .",
            "shapes.ttl: the shapes are not usable: sh:qualifiedValueShape in urn:ex:N needs an "
            "sh:path",
        ),
    ],
)
def test_more_refused_shapes(tmp_path: Path, shapes: str, message: str) -> None:
    with pytest.raises(DataError) as exc:
        compile_shapes(write_shapes(tmp_path, shapes), "shapes.ttl", store_of("ex:a ex:p 1 ."))
    assert str(exc.value) == message


def test_a_prefix_declared_without_namespace_is_not_declared(tmp_path: Path) -> None:
    shapes = """
    ex:decl sh:declare [ sh:prefix "ex" ] .
    ex:S sh:targetNode ex:a ; sh:sparql [ sh:prefixes ex:decl ;
      sh:select "SELECT $this WHERE { $this ex:n ?n }" ] .
    """
    store = store_of("ex:a ex:n 1 .")
    checks = compile_shapes(write_shapes(tmp_path, shapes), "shapes.ttl", store)
    with pytest.raises(DataError, match="the SPARQL constraint of urn:ex:S is not valid SPARQL"):
        list(run_checks(store, checks))


def test_a_syntax_error_in_the_shapes_gives_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <urn:ex:> .\n\nex:S ex:p .\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        compile_shapes(bad, "ontology/shapes.ttl")
    assert str(exc.value).startswith("ontology/shapes.ttl:3:11: cannot read the shapes: ")


# --- what each compiled check carries, and shapes found by their targets alone ---------------


def checks_of(tmp_path: Path, shapes: str, data: str = "ex:a ex:p 1 .") -> list[Check]:
    """The checks compiled from ``shapes`` for a store holding ``data``."""
    return compile_shapes(write_shapes(tmp_path, shapes), "shapes.ttl", store_of(data))


def test_each_check_names_its_shape_in_the_order_of_the_shapes(tmp_path: Path) -> None:
    """Named shapes come first, by IRI, then blank-node shapes; a node-level constraint and a
    property's constraint both carry the node shape they belong to."""
    shapes = """
    ex:S sh:targetNode ex:a ; sh:datatype xsd:string ;
      sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "needs a p" ;
        sh:severity sh:Warning ] .
    [] sh:targetNode ex:a ; sh:property [ sh:path ex:q ; sh:maxCount 1 ] .
    ex:R sh:targetObjectsOf ex:p ; sh:class ex:C .
    """
    found = [
        (c.shape, c.component, c.path, c.message, c.severity) for c in checks_of(tmp_path, shapes)
    ]
    assert found == [
        ("urn:ex:R", "class", None, "value is not an instance of urn:ex:C", "Violation"),
        (
            "urn:ex:S",
            "datatype",
            None,
            f"value does not have the datatype {XSD}string",
            "Violation",
        ),
        ("urn:ex:S", "minCount", "urn:ex:p", "needs a p", "Warning"),
        ("a blank-node shape", "maxCount", "urn:ex:q", "more than 1 values", "Violation"),
    ]


def test_a_shape_found_by_target_objects_of_alone(tmp_path: Path) -> None:
    shapes = f"ex:S sh:targetObjectsOf ex:p ; {NEEDS_L} ."
    data = "ex:a ex:p ex:x . ex:y ex:p ex:a . ex:a ex:l 1 ."
    check(tmp_path, shapes, data, {("x", None, "l", "fewer than 1 values")})


def test_a_class_pointing_at_node_shape_by_another_property_is_no_shape(tmp_path: Path) -> None:
    """Only ``rdf:type sh:NodeShape`` makes a class a shape targeting its instances, as SHACL
    says (pySHACL takes any subject of sh:property for a node shape, so it is not asked)."""
    shapes = f"ex:C a rdfs:Class ; rdfs:seeAlso sh:NodeShape ; {NEEDS_L} ."
    assert ours(tmp_path, shapes, "ex:c a ex:C .") == []
    declared = f"ex:C a rdfs:Class, sh:NodeShape ; {NEEDS_L} ."
    assert [key(f) for f in ours(tmp_path, declared, "ex:c a ex:C .")] == [
        ("Violation", "c", None, "l")
    ]


def test_a_blank_node_class_shape_with_a_class_target(tmp_path: Path) -> None:
    """A blank node that is a class and a shape has no instances in the data; its
    sh:targetClass still targets the instances of that class."""
    shapes = f"[ a rdfs:Class, sh:NodeShape ; sh:targetClass ex:C ; {NEEDS_L} ] ."
    data = "ex:c a ex:C . ex:d a ex:D . ex:D rdfs:subClassOf ex:C . ex:e a ex:C ; ex:l 1 ."
    check(
        tmp_path,
        shapes,
        data,
        {("c", None, "l", "fewer than 1 values"), ("d", None, "l", "fewer than 1 values")},
    )


def test_a_class_target_without_the_data_still_finds_subclasses(tmp_path: Path) -> None:
    """Compiled with no store at hand, the hierarchy is walked by the query itself."""
    shapes = f"ex:S sh:targetClass ex:C, ex:E ; {NEEDS_L} ."
    data = "ex:c a ex:C . ex:d a ex:D . ex:D rdfs:subClassOf ex:C . ex:e a ex:E ; ex:l 1 ."
    found = ours(tmp_path, shapes, data, with_data=False)
    assert sorted(key(f) for f in found) == [
        ("Violation", "c", None, "l"),
        ("Violation", "d", None, "l"),
    ]


def test_min_length_one_compares_values_with_the_empty_string(tmp_path: Path) -> None:
    """sh:minLength 1 fails only the empty string: a plain string is compared as a term, not
    measured; any other minimum measures every value."""
    shapes = """
    ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:s ; sh:minLength 1 ] .
    ex:T sh:targetNode ex:a ; sh:property [ sh:path ex:t ; sh:minLength 2 ] .
    """
    one, two = checks_of(tmp_path, shapes)
    assert re.search(r'sameTerm\(\?\w+, ""\)', one.query)
    assert "sameTerm" not in two.query
    assert re.search(r"STRLEN\(STR\(\?\w+\)\) < 2", two.query)


@pytest.mark.parametrize(
    "constraint",
    [
        "sh:minCount 2",
        "sh:maxCount 2",
        "sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMinCount 2",
        "sh:uniqueLang true",
    ],
)
def test_counts_group_only_the_focus_nodes(tmp_path: Path, constraint: str) -> None:
    """The values are counted for the focus nodes alone (the target repeated inside the
    grouping), not for every node that has the property."""
    shapes = f"ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; {constraint} ] ."
    [compiled] = checks_of(tmp_path, shapes)
    assert compiled.query.count("VALUES ?this { <urn:ex:a> }") == 2


def test_an_owl_class_that_is_a_shape_targets_its_instances(tmp_path: Path) -> None:
    shapes = f"ex:C a <http://www.w3.org/2002/07/owl#Class>, sh:NodeShape ; {NEEDS_L} ."
    data = "ex:c a ex:C . ex:d a ex:D . ex:e a ex:C ; ex:l 1 ."
    assert [key(f) for f in ours(tmp_path, shapes, data)] == [("Violation", "c", None, "l")]


@pytest.mark.parametrize(
    ("constraint", "bad", "message"),
    [
        ("sh:and ()", set(), "value does not conform to every shape of nothing"),
        ("sh:xone ()", {"a"}, "value does not conform to exactly one shape of nothing"),
    ],
)
def test_empty_logical_lists(tmp_path: Path, constraint: str, bad: set[str], message: str) -> None:
    """An empty sh:and is conformed to; an empty sh:xone never is (no shape is conformed to)."""
    found = ours(tmp_path, f"ex:S sh:targetNode ex:a ; {constraint} .", "ex:a ex:p 1 .")
    assert {(*key(f), f.message) for f in found} == {
        ("Violation", n, n, None, message) for n in bad
    }


def test_an_empty_language_list_refuses_every_value(tmp_path: Path) -> None:
    shapes = "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:s ; sh:languageIn () ] ."
    found = ours(tmp_path, shapes, 'ex:a ex:s "x"@en, "y", ex:i .')
    assert {(key(f)[2], f.message) for f in found} == {
        ('"x"@en', "value's language is not one of nothing"),
        ('"y"', "value's language is not one of nothing"),
        ("i", "value's language is not one of nothing"),
    }


def test_a_language_list_member_that_is_not_a_literal_allows_nothing(tmp_path: Path) -> None:
    shapes = 'ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:s ; sh:languageIn (ex:en "fr") ] .'
    found = ours(tmp_path, shapes, 'ex:a ex:s "x"@en, "y"@fr .')
    assert [(key(f)[2], f.message) for f in found] == [
        ('"x"@en', "value's language is not one of urn:ex:en, fr")
    ]


def test_pattern_flags_that_are_not_a_literal_are_ignored(tmp_path: Path) -> None:
    shapes = (
        'ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:s ; sh:pattern "^a" ; sh:flags ex:i ] .'
    )
    found = ours(tmp_path, shapes, 'ex:a ex:s "Abc", "abc" .')
    assert [key(f)[2] for f in found] == ['"Abc"']


def test_a_qualified_minimum_of_zero_is_always_met(tmp_path: Path) -> None:
    shapes = """
    ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ;
      sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMinCount 0 ] .
    """
    check(tmp_path, shapes, "ex:a ex:q 1 .", set())


def test_a_prefix_namespace_given_as_an_iri(tmp_path: Path) -> None:
    shapes = """
    ex:decl sh:declare [ sh:prefix "ex" ; sh:namespace <urn:ex:> ] .
    ex:S sh:targetNode ex:a ; sh:sparql [ sh:prefixes ex:decl ; sh:message "{$this} has {?n}" ;
      sh:select "SELECT $this ?n WHERE { $this ex:n ?n }" ] .
    """
    found = ours(tmp_path, shapes, "ex:a ex:n 1 .")
    assert [(*key(f), f.message) for f in found] == [
        ("Violation", "a", None, None, "urn:ex:a has 1")
    ]


def test_prefixes_belong_to_the_constraint_that_declares_them(tmp_path: Path) -> None:
    """Each constraint is run with the prefixes it declares (all of them) and its own query;
    one without sh:prefixes cannot use the prefixes another constraint declares."""
    shapes = """
    ex:decl sh:declare [ sh:prefix "ex" ; sh:namespace "urn:ex:"^^xsd:anyURI ],
      [ sh:prefix "x" ; sh:namespace "urn:x:"^^xsd:anyURI ] .
    ex:A sh:targetNode ex:a ; sh:sparql [ sh:prefixes ex:decl ;
      sh:select "SELECT $this WHERE { $this ex:n ?n . $this x:m ?m }" ] .
    ex:B sh:targetNode ex:a ; sh:sparql [ sh:select "SELECT $this WHERE { $this ex:q ?q }" ] .
    """
    store = store_of("ex:a ex:n 1 ; <urn:x:m> 2 .")
    first, second = compile_shapes(write_shapes(tmp_path, shapes), "shapes.ttl", store)
    assert sorted(first.query.splitlines()) == [
        "PREFIX ex: <urn:ex:>",
        "PREFIX x: <urn:x:>",
        "SELECT $this WHERE { $this ex:n ?n . $this x:m ?m }",
    ]
    assert second.query == "SELECT $this WHERE { $this ex:q ?q }"
    assert [key(f) for f in run_checks(store, [first])] == [("Violation", "a", None, None)]
    with pytest.raises(DataError, match="the SPARQL constraint of urn:ex:B is not valid SPARQL"):
        list(run_checks(store, [first, second]))


def test_two_alternative_paths_each_reach_their_own_values(tmp_path: Path) -> None:
    """Each sh:alternativePath is read from its own property shape."""
    shapes = """
    ex:S sh:targetNode ex:a ;
      sh:property [ sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:class ex:Leaf ] ;
      sh:property [ sh:path [ sh:alternativePath ( ex:r ex:s ) ] ; sh:class ex:Leaf ] .
    """
    data = "ex:a ex:p ex:b ; ex:q ex:c ; ex:r ex:d ; ex:s ex:e . ex:b a ex:Leaf . ex:d a ex:Leaf ."
    expected = {("a", v, None, "value is not an instance of urn:ex:Leaf") for v in ("c", "e")}
    check(tmp_path, shapes, data, expected)


def test_a_node_shape_has_the_severity_it_states(tmp_path: Path) -> None:
    shapes = "ex:S sh:targetNode ex:a ; sh:severity sh:Warning ; sh:datatype xsd:string ."
    check(
        tmp_path,
        shapes,
        "ex:a ex:r 1 .",
        {
            (
                "Warning",
                "a",
                "a",
                None,
                "value does not have the datatype http://www.w3.org/2001/XMLSchema#string",
            )
        },
    )
