"""The synthetic graph: deterministic, of the asked size, and shaped like the real one."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import REPO

from isc_graph import synth
from isc_graph.queries import list_queries, run_query

SIZES = {"outcomes": 250, "topics": 40, "units": 15, "resolutions": 12}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return synth.load(synth.generate(**SIZES, seed=4), ontology=REPO / "ontology")


def count(store: ox.Store, where: str) -> int:
    [row] = run_query(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")
    return int(row["n"].value)


def test_same_seed_same_graph_other_seed_other_graph() -> None:
    first = list(synth.generate(**SIZES, seed=1))
    assert first == list(synth.generate(**SIZES, seed=1))
    assert first != list(synth.generate(**SIZES, seed=2))


def test_sizes_are_honoured(store: ox.Store) -> None:
    assert count(store, "?x a isc:Outcome") == 250
    assert count(store, "?x a sdgo:Goal") == 17
    assert count(store, "?x a isc:ActionLine") == 40 - 17
    assert count(store, "{ ?x a isc:Bureau } UNION { ?x a isc:Department }") == 15
    assert count(store, "?x a isc:Resolution") == 12
    # Every outcome contributes to one to eight of the topics.
    per = run_query(
        store,
        "SELECT ?o (COUNT(?c) AS ?n) WHERE { ?o a isc:Outcome . "
        "{ ?o isc:contributesToSDG ?c } UNION { ?o isc:contributesToActionLine ?c } } GROUP BY ?o",
    )
    assert all(1 <= int(r["n"].value) <= 9 for r in per)


def test_every_fact_bearing_node_has_a_source(store: ox.Store) -> None:
    missing = count(
        store,
        "?x a ?c . VALUES ?c { isc:Outcome isc:Mandate isc:Engagement isc:ThematicArea } "
        "FILTER NOT EXISTS { ?x prov:qualifiedDerivation/prov:entity/a isc:SourceDocument }",
    )
    assert missing == 0


@pytest.mark.parametrize("query", list_queries(REPO / "queries"), ids=lambda q: q.name)
def test_named_queries_run_on_it(query, store: ox.Store) -> None:
    defaults = {"sdg": "9", "id": "SBDT", "body": "synth-TF"}
    given = {p.name: defaults[p.name] for p in query.params if p.required}
    rows = list(run_query(store, query.text, query.bindings(given)))
    assert isinstance(rows, list)


def test_written_nquads_read_back(tmp_path: Path) -> None:
    path = tmp_path / "g.nq"
    n = synth.write(path, **SIZES, seed=4)
    again = synth.load(path=path, ontology=REPO / "ontology")
    assert count(again, "?x a isc:Outcome") == 250
    assert n == sum(1 for _ in synth.generate(**SIZES, seed=4))


def test_too_few_topics() -> None:
    with pytest.raises(ValueError, match="at least 18"):
        list(synth.generate(outcomes=1, topics=5))


def test_the_analysis_of_a_synthetic_graph_follows_the_schema(store: ox.Store) -> None:
    import json

    import jsonschema

    from isc_graph.overlap import analyse

    report = analyse(store)
    assert report.similar_pairs and report.shared_engagements and report.mandate_duplicates
    schema = json.loads((REPO / "docs" / "overlap.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report.to_dict(), schema)
