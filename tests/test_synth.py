"""The synthetic graph: deterministic, of the asked size, shaped like the real one, conforming
to the shapes beside the project's sources, and written in a format the build reads."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import REPO, copy_project

from isc_graph import synth
from isc_graph.queries import list_queries, load_query, run_query
from isc_graph.rdf_file import open_graph_file

# A SPARQL expression: the namespace of the synthetic entities.
SYNTHETIC = f"STR(<{synth.SYNTH}>)"
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
    assert count(store, "{ ?x a isc:Bureau } UNION { ?x a isc:Department }") == 15
    assert count(store, "?x a isc:Resolution") == 12
    # 40 topics: the 17 SDGs, the 11 real action lines, and 12 synthetic sub-lines of them.
    assert count(store, "?x a isc:ActionLineSubLine ; skos:broader/a isc:ActionLine") == 12
    assert 1 <= count(store, "[] isc:contributesToActionLine ?x") <= 11
    assert count(store, "[] isc:contributesToSDG ?x") <= 17
    # What the outcomes contribute to is the real vocabulary, brought in by load().
    assert count(store, "[] isc:contributesToSDG ?x . ?x a sdgo:Goal") == count(
        store, "[] isc:contributesToSDG ?x"
    )
    assert count(store, "?x a isc:ActionLine") == 11
    assert (
        count(
            store,
            f"?x a isc:ActionLine FILTER STRSTARTS(STR(?x), {SYNTHETIC})",
        )
        == 0
    )
    # Every outcome contributes to one to twelve of them (one to three topics).
    per = run_query(
        store,
        "SELECT ?o (COUNT(?c) AS ?n) WHERE { ?o a isc:Outcome . "
        "{ ?o isc:contributesToSDG ?c } UNION { ?o isc:contributesToActionLine ?c } } GROUP BY ?o",
    )
    assert all(1 <= int(r["n"].value) <= 12 for r in per)


def test_few_topics_mean_fewer_action_lines_and_no_sub_lines() -> None:
    store = synth.load(
        synth.generate(outcomes=60, topics=20, units=4, resolutions=1, seed=2),
        ontology=REPO / "ontology",
    )
    assert count(store, "[] isc:contributesToActionLine ?x") <= 3
    assert count(store, "?x a isc:ActionLineSubLine") == 0


def test_every_fact_bearing_node_has_a_source(store: ox.Store) -> None:
    missing = count(
        store,
        "?x a ?c . VALUES ?c { isc:Outcome isc:Mandate isc:Engagement isc:ThematicArea "
        "isc:Revision isc:Resolution isc:SectorObjective isc:StrategicPlan isc:Bureau "
        "isc:Department isc:Sector isc:ActionLineSubLine isc:ThematicAreaList } "
        f"FILTER (STRSTARTS(STR(?x), {SYNTHETIC}) || isBlank(?x)) "
        "FILTER NOT EXISTS { ?x prov:qualifiedDerivation/prov:entity/a isc:SourceDocument }",
    )
    assert missing == 0


def test_short_ids_are_the_last_segment_and_none_is_real(store: ox.Store) -> None:
    rows = run_query(
        store,
        f"SELECT ?x ?id WHERE {{ ?x skos:notation ?id FILTER STRSTARTS(STR(?x), {SYNTHETIC}) }}",
    )
    found = {r["x"].value: r["id"].value for r in rows}
    assert found
    assert all(iri.rsplit("/", 1)[-1] == code for iri, code in found.items())
    real = {
        r["id"].value
        for r in run_query(
            store,
            "SELECT ?id WHERE { ?x skos:notation ?id "
            f"FILTER (!STRSTARTS(STR(?x), {SYNTHETIC})) }}",
        )
    }
    assert not real & set(found.values())


# How many rows each named query answers on the synthetic graph, as a count of what the graph
# holds (a pattern for `count`): one row per action line, outcome, mandate, revision, unit …
# None where nothing is expected, with the reason: the synthetic graph has no memberships,
# meeting counts or sessions, and the clause alignment behind revision-changes is made by a
# build (graph/derived), which `synth.load` does not run.
ROWS_ON_SYNTH = {
    "action-line-leads": "?x a isc:ActionLine",
    "body-composition": None,
    "mandates": "?x a isc:Mandate",
    "meeting-counts": None,
    "objective-outcomes": "?x a isc:Outcome",
    "outcome-contributions": "?x a isc:Outcome",
    # not one row per thing but per fact and passage: see the test for what is counted
    "provenance": "{ ?n skos:notation 'synth-BDT' } UNION { ?x skos:notation 'synth-BDT' . "
    "?n ?link ?x ; a ?k VALUES ?k { isc:Engagement isc:Mandate } }",
    "resolution-history": "?x a isc:Revision",
    "revision-changes": None,
    "sdg-contributors": "?x isc:contributesToSDG sdg:9",
    "session-roles": None,
    "source-documents": "?x a isc:SourceDocument",
    "thematic-areas": "?x a isc:ThematicArea",
    "unit-engagements": "?x a isc:Engagement",
    "unit-sectors": "{ ?x a isc:Bureau } UNION { ?x a isc:Department }",
}


@pytest.mark.parametrize("query", list_queries(REPO / "queries"), ids=lambda q: q.name)
def test_named_queries_run_on_it(query, store: ox.Store) -> None:
    """Each query answers its documented columns, one row per thing of the graph it lists."""
    from test_named_queries import COLUMNS

    defaults = {"sdg": "9", "id": "synth-BDT", "body": "synth-TF"}
    given = {p.name: defaults[p.name] for p in query.params if p.required}
    result = run_query(store, query.text, query.bindings(given))
    assert [v.value for v in result.variables] == COLUMNS[query.name].split()
    rows = list(result)
    where = ROWS_ON_SYNTH[query.name]
    if query.name == "provenance":
        # synth-BDT and each engagement or mandate naming it, each fact with its passage
        subjects = {r["subject"].value for r in rows}
        [n] = run_query(store, f"SELECT (COUNT(DISTINCT ?n) AS ?n) WHERE {{ {where} }}")
        assert len(subjects) == int(n["n"].value) > 1
        assert {r["id"].value for r in rows} == {"synth-BDT"}
        assert all(r["source"] and r["locator"] and r["quote"] for r in rows)
        return
    assert len(rows) == (count(store, where) if where else 0), query.name
    if where:
        assert rows, query.name


def test_written_nquads_read_back(tmp_path: Path) -> None:
    path = tmp_path / "g.nq"
    n = synth.write(path, **SIZES, seed=4)
    again = open_graph_file(path, REPO / "ontology", data_dir=REPO / "data")
    assert count(again, "?x a isc:Outcome") == 250
    assert n == sum(1 for _ in synth.generate(**SIZES, seed=4))
    assert {q.graph_name for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)} == {
        synth.GRAPH
    }


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_turtle_and_n_triples_are_written_as_n_triples(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"g{suffix}"
    sizes = {"outcomes": 40, "topics": 30, "units": 5, "resolutions": 3, "seed": 1}
    n = synth.write(path, **sizes)
    expected = [q.triple for q in synth.generate(**sizes)]
    assert n == len(expected)
    # N-Triples is Turtle: both parsers read exactly the generated triples.
    for fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE):
        assert [q.triple for q in ox.parse(path=str(path), format=fmt)] == expected
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_an_unknown_suffix_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"'\.rdf'.*\.nq, \.nt, \.ttl"):
        synth.write(tmp_path / "g.rdf", outcomes=1)
    with pytest.raises(ValueError, match="'\\(none\\)'"):
        synth.write(tmp_path / "g", outcomes=1)
    with pytest.raises(ValueError, match="at least 18"):
        synth.write(tmp_path / "g.ttl", outcomes=1, topics=5)
    assert list(tmp_path.iterdir()) == []


def test_write_streams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file grows while the quads are generated: they are never all held at once."""
    path = tmp_path / "g.nq"
    partial = tmp_path / ".g.nq.partial"
    real = synth.generate
    sizes_seen: list[int] = []

    def watched(**sizes: int):
        def quads():
            for k, q in enumerate(real(**sizes)):
                if k % 5000 == 4999:
                    sizes_seen.append(partial.stat().st_size)
                yield q

        return quads()

    monkeypatch.setattr(synth, "generate", watched)
    n = synth.write(path, outcomes=2000, topics=60, units=20, resolutions=10, seed=0)
    assert n > 20000
    assert sizes_seen[-1] > sizes_seen[0] > 0
    assert path.stat().st_size > sizes_seen[-1]
    assert not partial.exists()


def test_too_few_topics() -> None:
    with pytest.raises(ValueError, match="at least 18"):
        list(synth.generate(outcomes=1, topics=5))


def test_the_analysis_of_a_synthetic_graph_follows_the_schema(store: ox.Store) -> None:
    import json

    import jsonschema

    from isc_graph.overlap import analyse

    report = analyse(store)
    assert report.similar_pairs and report.shared_engagements and report.mandate_duplicates
    assert report.signature_groups
    # The sub-lines are engagement topics: several units share some of them.
    assert any("-synth-" in s.topic.id for s in report.shared_engagements)
    schema = json.loads((REPO / "docs" / "overlap.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report.to_dict(), schema)


def test_a_synthetic_corpus_in_data_conforms_and_builds_with_the_project(
    tmp_path: Path, real_store: Path
) -> None:
    """Written to data/synth.ttl, the corpus passes the project's validation and is loaded
    whole by the normal build, beside the real sources it points at."""
    from isc_graph.build import build
    from isc_graph.errors import ValidationFailed
    from isc_graph.project import Project
    from isc_graph.store import StoreLocation

    root = copy_project(tmp_path / "project", REPO / "data")
    n = synth.write(
        root / "data" / "synth.ttl", outcomes=200, topics=60, units=12, resolutions=6, seed=3
    )
    try:
        result = build(Project(root), tmp_path / "store")
    except ValidationFailed as exc:
        violations = "\n".join(str(v) for v in exc.report.violations)  # type: ignore[attr-defined]
        pytest.fail(f"the synthetic corpus does not conform:\n{violations}")
    assert result.built
    real = StoreLocation(real_store).manifest()
    # The build also derives the clause alignment of the synthetic resolutions' revisions.
    derived = result.graphs["derived"] - real["graphs"]["derived"]  # type: ignore[index]
    assert derived > 0
    assert result.triples == real["triples"] + n + derived  # type: ignore[index]
    assert result.graphs["synth"] == n

    db = StoreLocation(tmp_path / "store").open_read_only()
    query = load_query("outcome-contributions", root / "queries")
    rows = list(run_query(db, query.text, query.bindings({"objective": "R.101"})))
    assert rows
    assert all(r["outcome"].value.startswith("R.101-") for r in rows)
    # The synthetic outcomes contribute to the real SDGs and action lines, named by the real
    # data.
    assert any(r["action_lines"] is not None for r in rows)
    for r in rows:
        for ids, labels in (("sdgs", "sdgs_label"), ("action_lines", "action_lines_label")):
            if r[ids] is not None:
                assert len(r[labels].value.split("; ")) == len(r[ids].value.split(", "))
