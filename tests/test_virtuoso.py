"""A second, independent SPARQL engine: push to Virtuoso Open Source, read the same answers.

The instance is private (tests/virtuoso.py): loopback ports, its database in a temporary
folder, set up as the README says, stopped at the end of the module.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import virtuoso
from conftest import REPO, Invoke, runner_for

from isc_graph.queries import list_queries
from isc_graph.remote import _portable_results, _with_values

QUERIES = list_queries(REPO / "queries")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[virtuoso.Virtuoso]:
    if virtuoso.SERVER is None or virtuoso.ISQL is None:
        pytest.skip(virtuoso.MISSING)
    instance = virtuoso.start(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="module")
def pushed(server: virtuoso.Virtuoso, real_store: Path) -> str:
    """The query endpoint, after the repository's graph has been pushed to it."""
    result = runner_for(real_store, REPO)("push", server.store_url)
    assert result.exit_code == 0, result.stderr
    return server.query_url


def _cases() -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every named query with no parameter (where it may run so) and with each example, in
    English and in French (the SDG labels come in both)."""
    for query in QUERIES:
        runs = [] if any(p.required for p in query.params) else [()]
        runs += [tuple(f"{k}={v}" for k, v in example.items()) for example in query.examples]
        for params in runs:
            flags = tuple(x for p in params for x in ("-p", p))
            for lang in ("en", "fr"):
                yield (
                    " ".join((query.name, *params, lang)),
                    ("--lang", lang, "query", query.name, *flags),
                )


CASES = dict(_cases())


def test_push_replaces_each_graph_and_twice_changes_nothing(
    server: virtuoso.Virtuoso, pushed: str, real_cli: Invoke
) -> None:
    count = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    before = real_cli("query", "-e", count, "-f", "csv", "--store", pushed).stdout
    again = real_cli("push", server.store_url)
    assert again.exit_code == 0, again.stderr
    assert "Replaced <https://w3id.org/isc-graph/graph/doc-004> with" in again.stdout
    assert real_cli("query", "-e", count, "-f", "csv", "--store", pushed).stdout == before
    assert before == real_cli("query", "-e", count, "-f", "csv").stdout


def test_the_default_graph_is_the_union_of_the_pushed_graphs(pushed: str, real_cli: Invoke) -> None:
    # Virtuoso's own graphs are private to it (virtuoso.SETUP): the default graph is ours.
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    there = real_cli("query", "-e", count, "-f", "csv", "--store", pushed)
    assert there.exit_code == 0, there.stderr
    assert there.stdout == real_cli("query", "-e", count, "-f", "csv").stdout


@pytest.mark.parametrize("case", CASES)
def test_every_named_query_answers_the_same_on_virtuoso(
    case: str, pushed: str, real_cli: Invoke
) -> None:
    # Every named query has an ORDER BY: rows are compared in order, unbound cells included.
    args = (*CASES[case], "-f", "json")
    here = real_cli(*args)
    there = real_cli(*args, "--store", pushed)
    assert here.exit_code == 0, here.stderr
    assert there.exit_code == 0, there.stderr
    assert there.stdout == here.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("show", "BDT"),
        ("show", "C5"),
        ("show", "WSIS19-AL-C5"),
        ("show", "Res191-2018"),
        ("show", "D.2-1"),
        ("--lang", "es", "show", "5"),
        ("stats",),
        ("stats", "-f", "json"),
        ("overlap", "-f", "json"),
        ("--lang", "fr", "overlap", "-f", "json"),
        ("report",),
    ],
    ids=" ".join,
)
def test_read_commands_answer_the_same_on_virtuoso(args, pushed: str, real_cli: Invoke) -> None:
    here = real_cli(*args)
    there = real_cli(*args, "--store", pushed)
    assert here.exit_code == 0, here.stderr
    assert there.exit_code == 0, there.stderr
    assert there.stdout == here.stdout


def _canonical(value: object) -> object:
    """``value`` with the order that RDF does not define taken out: lists and the "; "-joined
    values of a multi-valued property are sorted, as are the keys of objects."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, str) and "; " in value:
        return sorted(value.split("; "))
    return value


@pytest.mark.parametrize("focus", ["BDT", "C5"])
def test_export_answers_the_same_on_virtuoso(
    focus: str, pushed: str, real_cli: Invoke, tmp_path: Path
) -> None:
    # A graph has no order: nodes, edges and the values of a multi-valued property come in
    # the order the endpoint returns the statements, so they are compared as sets.
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    args = ("export", "-f", "nodelink", "--focus", focus)
    assert real_cli(*args, "-o", here).exit_code == 0
    result = real_cli(*args, "-o", there, "--store", pushed)
    assert result.exit_code == 0, result.stderr
    a, b = json.loads(here.read_text()), json.loads(there.read_text())
    assert len(b["nodes"]) == len(a["nodes"]) > 1
    for edge in (*a["edges"], *b["edges"]):
        if isinstance(edge.get("key"), int):  # the rank of a parallel edge, in arrival order
            del edge["key"]
    assert _canonical(b) == _canonical(a)


# What the engines may write differently, read the same (no server needed).

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def test_virtuoso_blank_node_labels_and_booleans_are_read() -> None:
    body = json.dumps(
        {
            "head": {"vars": ["b", "c", "t"]},
            "results": {
                "bindings": [
                    {
                        "b": {"type": "bnode", "value": "nodeID://b10006"},
                        "c": {"type": "bnode", "value": "nodeID://b10006"},
                        "t": {"type": "typed-literal", "datatype": XSD_BOOLEAN, "value": "1"},
                    }
                ]
            },
        }
    ).encode()
    [row] = ox.parse_query_results(_portable_results(body), format=ox.QueryResultsFormat.JSON)
    assert isinstance(row["b"], ox.BlankNode) and row["b"] == row["c"]
    assert row["t"] == ox.Literal("true", datatype=ox.NamedNode(XSD_BOOLEAN))


def test_parameters_are_bound_before_the_optionals_see_them() -> None:
    # At the end of the group, the OPTIONAL matched every ?x first: an entity without a label
    # in the chosen language lost its English one (show --lang es 5 on a remote endpoint).
    x = {ox.Variable("x"): ox.NamedNode("urn:x")}
    assert _with_values("SELECT ?l WHERE { OPTIONAL { ?x <urn:p> ?l } }", x) == (
        "SELECT ?l WHERE { VALUES ?x { <urn:x> } OPTIONAL { ?x <urn:p> ?l } }"
    )
    # A query that BINDs the variable gets the block at the end (a BIND may not rebind it).
    assert _with_values("SELECT ?x WHERE { BIND (<urn:x> AS ?x) }", x) == (
        "SELECT ?x WHERE { BIND (<urn:x> AS ?x)  VALUES ?x { <urn:x> } }"
    )
