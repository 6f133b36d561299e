"""Query results as tables, CSV, TSV, JSON, JSON lines, SPARQL JSON and RDF, byte for byte.

The expected texts are written out by hand: a change of a column's cut, a delimiter, a null,
an order or an error message fails here (these tests were written against the mutants that
``scripts/mutation.py isc_graph/results.py`` found surviving).
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from isc_graph.errors import QueryError
from isc_graph.results import format_records, format_table, render, term_text

ID = "https://w3id.org/isc-graph/id/"
LONG = "x" * 81  # one character past the cut of an ordinary cell


@pytest.fixture(scope="module")
def store() -> ox.Store:
    db = ox.Store()
    bdt, itu = ox.NamedNode(ID + "BDT"), ox.NamedNode(ID + "ITU")
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    unit_of = ox.NamedNode("http://www.w3.org/ns/org#unitOf")
    db.add(ox.Quad(bdt, label, ox.Literal("Telecommunication Development Bureau", language="en")))
    db.add(ox.Quad(bdt, unit_of, itu))
    # sorts after the prefLabel by its value, before it by its predicate
    alt = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
    db.add(ox.Quad(bdt, alt, ox.Literal("Zeta")))
    db.add(ox.Quad(itu, label, ox.Literal("International Telecommunication Union")))
    return db


SELECT = (
    "SELECT ?id ?label WHERE { ?id <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } "
    "ORDER BY ?id"
)


def test_term_text() -> None:
    assert term_text(None) == ""
    assert term_text(ox.NamedNode(ID + "BDT")) == "BDT"
    assert term_text(ox.BlankNode("b1")) == "_:b1"
    assert term_text(ox.Literal("a b", language="en")) == "a b"


def test_table_cuts_ordinary_and_label_cells() -> None:
    text = format_table(["id", "note", "unit_title"], [["C2", LONG, "y" * 41]])
    assert text.splitlines() == [
        "id  note" + " " * 76 + "  unit_title",
        "--  " + "-" * 80 + "  " + "-" * 40,
        "C2  " + "x" * 79 + "…  " + "y" * 39 + "…",
    ]
    exact = format_table(["id", "label"], [["C2", "z" * 40]])
    assert exact.splitlines()[-1] == "C2  " + "z" * 40  # 40 characters fit
    assert format_table(["title"], [["t" * 41]]).splitlines()[-1] == "t" * 39 + "…"
    assert format_table(["x_label"], [["t" * 41]]).splitlines()[-1] == "t" * 39 + "…"
    assert format_table(["labels"], [["t" * 41]]).splitlines()[-1] == "t" * 41  # not a label


def test_table_wide_keeps_cells_whole_and_joins_lines() -> None:
    text = format_table(["id", "label"], [["C2", "a\nb  " + "w" * 50]], wide=True)
    assert text == "id  label\n--  " + "-" * 54 + "\nC2  a b " + "w" * 50 + "\n"


def test_csv_and_tsv() -> None:
    header, rows = ["id", "label"], [["C2", 'say "hi", then\ttab\nline'], ["C3", ""]]
    assert format_records(header, rows, "csv") == (
        'id,label\nC2,"say ""hi"", then\ttab\nline"\nC3,\n'
    )
    assert format_records(header, rows, "tsv") == 'id\tlabel\nC2\tsay "hi", then tab line\nC3\t\n'


def test_json_and_jsonl() -> None:
    header, rows = ["id", "label"], [["C2", "Infrastructure é"], ["C3", ""]]
    assert format_records(header, rows, "json") == (
        '[\n  {\n    "id": "C2",\n    "label": "Infrastructure é"\n  },\n'
        '  {\n    "id": "C3",\n    "label": null\n  }\n]\n'
    )
    assert format_records(header, rows, "jsonl") == (
        '{"id": "C2", "label": "Infrastructure é"}\n{"id": "C3", "label": null}\n'
    )
    assert format_records(header, [], "jsonl") == ""
    assert format_records(header, rows) == format_table(header, rows)


def test_records_are_cut_unless_wide() -> None:
    assert format_records(["label"], [["t" * 41]]).splitlines()[-1] == "t" * 39 + "…"
    assert format_records(["label"], [["t" * 41]], wide=True).splitlines()[-1] == "t" * 41


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl"])
def test_a_row_of_the_wrong_length_is_an_error(fmt: str) -> None:
    """A row with a cell too few is a bug in the caller: it is not silently cut."""
    with pytest.raises(ValueError):
        format_records(["id", "label"], [["C2"]], fmt)


def test_unknown_table_format() -> None:
    with pytest.raises(QueryError) as err:
        format_records(["id"], [["C2"]], "xml")
    assert str(err.value) == "a table is written as table, csv, tsv, json, jsonl, not xml"


def test_select(store: ox.Store) -> None:
    assert render(store.query(SELECT), None) == (
        "id   label\n"
        "---  -------------------------------------\n"
        "BDT  Telecommunication Development Bureau\n"
        "ITU  International Telecommunication Union\n"
    )
    assert render(store.query(SELECT), "csv") == (
        "id,label\nBDT,Telecommunication Development Bureau\n"
        "ITU,International Telecommunication Union\n"
    )
    long = 'SELECT ?l WHERE { BIND ("' + "v" * 90 + '" AS ?l) }'
    assert render(store.query(long), "table").splitlines()[-1] == "v" * 79 + "…"
    assert render(store.query(long), "table", wide=True).splitlines()[-1] == "v" * 90
    srj = render(store.query(SELECT), "srj")
    assert srj.endswith("}\n")
    data = json.loads(srj)
    assert data["head"]["vars"] == ["id", "label"]
    assert data["results"]["bindings"][0]["id"] == {"type": "uri", "value": ID + "BDT"}
    assert data["results"]["bindings"][0]["label"]["xml:lang"] == "en"
    with pytest.raises(QueryError) as err:
        render(store.query(SELECT), "ttl")
    assert str(err.value) == (
        "a SELECT query returns a table; use --format table, csv, tsv, json, jsonl, srj (not ttl)"
    )


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (None, "true\n"),
        ("table", "true\n"),
        ("csv", "true\n"),
        ("json", "true\n"),
        ("jsonl", "true\n"),
        ("srj", '{"head": {}, "boolean": true}\n'),
    ],
)
def test_ask(store: ox.Store, fmt: str | None, expected: str) -> None:
    assert render(store.query("ASK { ?s ?p ?o }"), fmt) == expected


def test_ask_false_and_graph_formats(store: ox.Store) -> None:
    assert render(store.query("ASK { ?s ?s ?s }"), None) == "false\n"
    assert render(store.query("ASK { ?s ?s ?s }"), "json") == "false\n"
    assert render(store.query("ASK { ?s ?s ?s }"), "srj") == '{"head": {}, "boolean": false}\n'
    with pytest.raises(QueryError) as err:
        render(store.query("ASK { ?s ?p ?o }"), "nt")
    assert str(err.value) == "an ASK query answers true or false; --format nt is for graphs"


CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def test_construct_sorted_by_subject_then_predicate(store: ox.Store) -> None:
    nt = render(store.query(CONSTRUCT), "nt")
    assert nt.splitlines() == [
        f'<{ID}BDT> <http://www.w3.org/2004/02/skos/core#altLabel> "Zeta" .',
        f"<{ID}BDT> <http://www.w3.org/2004/02/skos/core#prefLabel> "
        '"Telecommunication Development Bureau"@en .',
        f"<{ID}BDT> <http://www.w3.org/ns/org#unitOf> <{ID}ITU> .",
        f"<{ID}ITU> <http://www.w3.org/2004/02/skos/core#prefLabel> "
        '"International Telecommunication Union" .',
    ]
    ttl = render(store.query(CONSTRUCT), None)
    assert "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ." in ttl
    assert ':BDT skos:altLabel "Zeta" ;' in ttl and "org:unitOf :ITU" in ttl
    assert ttl.index(":BDT") < ttl.index(":ITU skos:prefLabel")
    jsonld = json.loads(render(store.query(CONSTRUCT), "jsonld"))
    assert "@context" not in jsonld or jsonld["@context"] == {}  # no prefixes given to JSON-LD
    with pytest.raises(QueryError) as err:
        render(store.query(CONSTRUCT), "csv")
    assert str(err.value) == (
        "a CONSTRUCT or DESCRIBE query returns a graph; use --format ttl, nt, jsonld (not csv)"
    )


def test_a_graph_is_written_with_each_subject_and_predicate_s_objects_in_order() -> None:
    """N-Triples of a CONSTRUCT: statements sorted by subject, predicate, then object as
    written, so that a graph reads (and compares) the same however the store returns it (the
    store gives the blank node first)."""
    store = ox.Store()
    s, p = ox.NamedNode("urn:s"), ox.NamedNode("urn:p")
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    for o in (ox.NamedNode("urn:a"), ox.Literal("z"), ox.Literal("5", datatype=integer)):
        store.add(ox.Quad(s, p, o))
    store.add(ox.Quad(s, p, ox.BlankNode("b1")))
    lines = render(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), "nt").splitlines()
    assert lines[:3] == [
        '<urn:s> <urn:p> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .',
        '<urn:s> <urn:p> "z" .',
        "<urn:s> <urn:p> <urn:a> .",
    ]
    assert lines[3].startswith("<urn:s> <urn:p> _:") and len(lines) == 4
