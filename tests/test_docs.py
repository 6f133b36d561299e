"""The example queries in docs/model.md run and answer something."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from isc_graph.queries import run_query
from isc_graph.store import StoreLocation

MODEL = (REPO / "docs" / "model.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```sparql\n(.*?)```", MODEL, flags=re.S)


def test_the_model_page_has_examples() -> None:
    assert len(EXAMPLES) >= 9


# What each example answers on the repository's data, written from the documents: its
# columns, its number of rows (None where it follows the data's size, not a fact of the
# documents) and its first row. Keyed by a phrase of the example's text.
ANSWERS: dict[str, tuple[list[str], int | None, list[str]]] = {
    # 11 action lines; C2, C3, C4, C6 and C7 have a BDT focal point and lead rows
    "?ituRole ?unit ?unitRole": (
        ["line", "ituRole", "unit", "unitRole"],
        14,
        ["C1", "co-facilitator", "BDT", "focal-point"],
    ),
    "SELECT ?unit ?sector": (["unit", "sector"], 20, ["BDT", "ITU-D"]),
    "contributesToSDG sdg:5": (["outcome", "objective"], 11, ["D.1-1", "D.1"]),
    # Res. 191: 2014 and 2018 revisions, each clause once per addressee
    "isc:revisionOf :Res191": (
        ["revision", "verb", "addressee", "action"],
        27,
        [
            "Res191-2014",
            "instructs",
            "Dir-BDT",
            "to provide support to the Sectors advisory groups in the inter-Sectors coordination "
            "activity in areas of mutual interest",
        ],
    ),
    # "identify all forms and examples of overlapping functions", given in 2014 and 2018
    "HAVING (COUNT(DISTINCT ?m) > 1)": (
        ["action", "addressees", "clauses"],
        1,
        [
            "to identify all forms and examples of overlapping functions and activities between "
            "itu sectors, as well as the general secretariat and propose solutions to address "
            "them",
            "SG, Dir-BDT, Dir-TSB, Dir-BR",
            "2",
        ],
    ),
    # ISC-TF's eight members as doc-000, doc-001 and doc-002 list them (Chief-SPM in two)
    "org:organization :ISC-TF": (["member", "role", "doc"], 23, ["DSG", "chair", "doc-000"]),
    "isc:mappingKind": (
        ["year", "area", "kind", "before"],
        26,
        ["2019", "Accessibility", "unchanged", "Accessibility"],
    ),
    "HAVING (COUNT(DISTINCT ?u) > 1)": (["topic", "units"], 4, None),
    # no unit is focal point or lead of C5, C8 and C10
    "FILTER NOT EXISTS { ?e isc:topic ?al": (["line"], 3, None),
    "sp20:D.3-2": (
        ["doc", "locator", "quote"],
        3,
        None,
    ),
    "GRAPH ?g { ?s ?p ?o }": (
        ["g", "triples"],
        None,
        ["https://w3id.org/isc-graph/graph/derived", None],
    ),
}


def test_every_example_has_its_answer_written_down() -> None:
    for sparql in EXAMPLES:
        assert sum(key in sparql for key in ANSWERS) == 1, sparql


@pytest.mark.parametrize("sparql", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_example_runs(sparql: str, real_store) -> None:
    from isc_graph.results import term_text

    result = run_query(StoreLocation(real_store).open_read_only(), sparql)
    [(columns, count, first)] = [v for k, v in ANSWERS.items() if k in sparql]
    assert [v.value for v in result.variables] == columns
    rows = [[term_text(r[v]) for v in result.variables] for r in result]
    assert rows, sparql
    if count is not None:
        assert len(rows) == count
    if first is not None:
        assert [w if w is None else c for c, w in zip(rows[0], first, strict=True)] == first


def test_unordered_examples_answer_the_documented_sets(real_store) -> None:
    """The answers of the examples without ORDER BY, compared as sets."""
    db = StoreLocation(real_store).open_read_only()

    def answer(key: str) -> set[tuple[str, ...]]:
        from isc_graph.results import term_text

        [sparql] = [s for s in EXAMPLES if key in s]
        result = run_query(db, sparql)
        return {tuple(term_text(r[v]) for v in result.variables) for r in result}

    assert answer("FILTER NOT EXISTS { ?e isc:topic ?al") == {("C5",), ("C8",), ("C10",)}
    # doc-004: BDT and SPM share three WSIS Forum 2019 sessions; doc-003: GS and UNLO-NY
    # both handle external relations
    shared = {t: frozenset(u.split(", ")) for t, u in answer("HAVING (COUNT(DISTINCT ?u) > 1)")}
    assert shared == {
        "WSIS19-ITU-UNESCO-Hackathon": {"BDT", "SPM"},
        "WSIS19-AL-C5": {"BDT", "SPM"},
        "WSIS19-Accessibility-Track": {"BDT", "SPM"},
        "ITU-ExternalRelations": {"GS", "UNLO-NY"},
    }
    quotes = {q for _, _, q in answer("sp20:D.3-2")}
    assert "Contributes to achievement of SDG Goals 1 - 17" in quotes
    assert "Contributes to facilitation of implementation of WSIS AL C1 - C11" in quotes


def test_the_picture_is_generated_from_the_current_ontology() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "model_diagram", REPO / "scripts" / "model_diagram.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from rdflib import Graph

    dot = module.diagram(Graph().parse(REPO / "ontology" / "isc.ttl"))
    assert dot == (REPO / "docs" / "model.dot").read_text(encoding="utf-8"), (
        "docs/model.dot is stale: run scripts/model_diagram.py"
    )
