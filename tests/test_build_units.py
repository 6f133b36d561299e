"""The build one piece at a time on the small project: what a build reports, when a read
command rebuilds first (and what it says), a store built elsewhere, and a damaged store.

Expected counts come from loading the same files into a plain store in the test.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import MINI_DATA, copy_project

from isc_graph.build import BuildResult, build, ensure_built, validate
from isc_graph.errors import IscGraphError, StoreError
from isc_graph.namespaces import graph_iri
from isc_graph.project import Project
from isc_graph.store import StoreLocation


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(copy_project(tmp_path / "project", MINI_DATA))


def plain_counts(project: Project) -> dict[str, int]:
    """Statements per named graph when the project's files are loaded as they are (the
    derived graph, computed by the build, is not among them)."""
    store = ox.Store()
    for source in project.graph_files():
        store.load(
            path=str(source.path),
            format=ox.RdfFormat.TURTLE,
            to_graph=ox.NamedNode(graph_iri(source.graph)),
        )
    return {
        row["g"].value.rsplit("/", 1)[-1]: int(row["n"].value)
        for row in store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
    }


def build_id(store: Path) -> str:
    return StoreLocation(store).manifest()["build_id"]


def test_a_build_reports_what_it_loaded(project: Project, tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = build(project, store)
    expected = plain_counts(project)
    derived = result.graphs.pop("derived", 0)
    assert result.graphs == expected
    assert list(result.graphs) == sorted(result.graphs)
    assert result.triples == sum(expected.values()) + derived
    assert result.built and result.store == store and result.replaced_damage is None
    manifest = StoreLocation(store).manifest()
    assert (manifest["triples"], manifest["root"]) == (result.triples, str(project.root))
    assert result.summary() == (
        f"Built {result.triples} triples in {len(expected) + (1 if derived else 0)} graphs "
        f"into {store} ({result.seconds:.1f} s)"
    )


def test_a_second_build_is_up_to_date_and_force_rebuilds(project: Project, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = build(project, store)
    again = build(project, store)
    assert not again.built
    assert (again.triples, again.graphs, again.seconds) == (first.triples, first.graphs, 0.0)
    assert again.summary() == f"Up to date: {first.triples} triples in {store}"
    before = build_id(store)
    forced = build(project, store, force=True)
    assert forced.built and build_id(store) != before


def test_a_build_over_a_damaged_store_says_what_it_repaired(
    project: Project, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    build(project, store)
    gen = StoreLocation(store).current_generation()
    (gen / "manifest.json").write_text("{", encoding="utf-8")
    said: list[str] = []
    result = build(project, store, progress=said.append)
    assert result.built
    assert "manifest.json" in (result.replaced_damage or "")
    assert said[0].startswith(f"The store at {store} is damaged (")
    assert said[0].endswith("); rebuilding it…")
    assert result.summary().endswith(
        f"; the store was damaged ({result.replaced_damage}) and is repaired"
    )
    assert "Loading the sources into Oxigraph…" in said


def test_validate_checks_the_sources_and_derived_statements(project: Project) -> None:
    report = validate(project)
    assert report.conforms
    assert report.triples >= sum(plain_counts(project).values())


# --- ensure_built: what read commands do first ---------------------------------------------


def test_ensure_built_builds_a_missing_store_and_says_so(project: Project, tmp_path: Path) -> None:
    store = tmp_path / "store"
    said: list[str] = []
    location = ensure_built(project, store, log=said.append)
    assert location.path == store
    assert said == [f"No graph built yet in {store}; building it…"]
    assert StoreLocation(store).manifest()["triples"] > 0


def test_ensure_built_leaves_a_fresh_store_alone(project: Project, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build(project, store)
    before = build_id(store)
    said: list[str] = []
    ensure_built(project, store, log=said.append)
    assert said == []
    assert build_id(store) == before


def test_ensure_built_rebuilds_after_a_change(project: Project, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build(project, store)
    before = build_id(store)
    data = project.root / "data" / "doc-004.ttl"
    data.write_text(data.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    said: list[str] = []
    ensure_built(project, store, log=said.append)
    assert said == ["ontology/ or data/ changed since the last build; rebuilding…"]
    assert build_id(store) != before


def test_ensure_built_rebuilds_a_damaged_store(project: Project, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build(project, store)
    gen = StoreLocation(store).current_generation()
    (gen / "manifest.json").write_text("[]", encoding="utf-8")
    said: list[str] = []
    ensure_built(project, store, log=said.append)
    assert len(said) == 1
    assert said[0].startswith(f"The store at {store} is damaged (")
    assert StoreLocation(store).manifest()["triples"] > 0


def test_without_sources_a_store_built_elsewhere_is_used_as_it_is(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    build(project, store)
    before = build_id(store)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("ISC_GRAPH_ROOT", raising=False)
    guessed = Project(elsewhere)
    guessed.explicit = False  # as when the root is guessed, not named
    said: list[str] = []
    assert ensure_built(guessed, store, log=said.append).path == store
    assert said == [] and build_id(store) == before


def test_without_sources_or_store_the_message_says_how_to_get_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    guessed = Project(empty)
    guessed.explicit = False
    with pytest.raises(StoreError) as exc:
        ensure_built(guessed, tmp_path / "none")
    assert str(exc.value) == (
        f"no graph has been built in {tmp_path / 'none'} and {empty} holds no ontology/ and "
        "data/ to build one; run `isc-graph build` in a project checkout, or point --store / "
        "ISC_GRAPH_STORE at a built store"
    )


def test_a_named_root_that_is_no_project_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IscGraphError, match="no ontology/ and data/ in it"):
        ensure_built(Project(tmp_path), tmp_path / "store")


def test_the_default_project_and_store_come_from_the_environment(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISC_GRAPH_ROOT", str(project.root))
    monkeypatch.setenv("ISC_GRAPH_STORE", str(tmp_path / "env-store"))
    result: BuildResult = build()
    assert result.store == tmp_path / "env-store"
    assert StoreLocation(tmp_path / "env-store").manifest()["root"] == str(project.root)
    assert ensure_built().path == tmp_path / "env-store"
