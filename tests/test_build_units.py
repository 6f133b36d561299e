"""The build one piece at a time on the small project: what a build reports, when a read
command rebuilds first (and what it says), a store built elsewhere, and a damaged store.

Expected counts come from loading the same files into a plain store in the test.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import MINI_DATA, copy_project, stderr_as_terminal

from isc_graph.build import BuildResult, build, ensure_built, validate
from isc_graph.errors import IscGraphError, StoreError, ValidationFailed
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
    assert again.built is False
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
    assert result.summary() == (
        f"Built {result.triples} triples in {len(result.graphs)} graphs into {store} "
        f"({result.seconds:.1f} s); the store was damaged ({result.replaced_damage}) and is "
        "repaired"
    )
    assert said[1:] == ["Loading the sources into Oxigraph…", "Validating against the shapes…"]


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
    assert StoreLocation(store).manifest()["root"] == str(project.root)


def test_ensure_built_rebuilds_a_damaged_store(project: Project, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build(project, store)
    gen = StoreLocation(store).current_generation()
    (gen / "manifest.json").write_text("[]", encoding="utf-8")
    said: list[str] = []
    ensure_built(project, store, log=said.append)
    assert len(said) == 1
    assert said[0].startswith(f"The store at {store} is damaged (")
    assert StoreLocation(store).manifest()["root"] == str(project.root)


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


def test_validate_with_the_reference_engine(project: Project) -> None:
    assert validate(project, engine="pyshacl").engine == "pyshacl"


def test_data_that_does_not_conform_fails_with_its_report(project: Project, tmp_path: Path) -> None:
    (project.root / "data" / "extra.ttl").write_text(
        "@prefix org: <http://www.w3.org/ns/org#> .\n"
        "<https://w3id.org/isc-graph/id/X> a org:OrganizationalUnit .\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as exc:
        build(project, tmp_path / "store")
    report = exc.value.report
    assert not report.conforms and report.violations
    assert str(exc.value) == report.summary()
    assert not (tmp_path / "store").exists() or StoreLocation(tmp_path / "store").manifest() is None


def test_the_derived_statements_are_written_to_the_store(real_store: Path) -> None:
    """The repository's revisions give clause alignments: the store on disk holds as many
    as the build counted."""
    expected = StoreLocation(real_store).manifest()["graphs"]["derived"]
    gen = StoreLocation(real_store).current_generation()
    db = ox.Store.read_only(str(gen / "db"))
    derived = ox.NamedNode(graph_iri("derived"))
    assert expected > 0
    assert len(list(db.quads_for_pattern(None, None, None, derived))) == expected


def test_a_disk_that_fails_while_loading_fails_the_build(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from isc_graph import build as build_module

    store = tmp_path / "store"
    build(project, store)
    before = build_id(store)
    real = build_module.load_source
    daemons = []

    def failing_on_disk(db: ox.Store, source: object) -> None:
        if threading.current_thread().name == "isc-graph disk load":
            # A daemon thread: an interrupted build exits without waiting for the disk.
            daemons.append(threading.current_thread().daemon)
            raise OSError("No space left on device")
        real(db, source)

    monkeypatch.setattr(build_module, "load_source", failing_on_disk)
    with pytest.raises(StoreError) as exc:
        build(project, store, force=True)
    assert str(exc.value).startswith("cannot write the store in ")
    assert str(exc.value).endswith(
        ": No space left on device; check the free space and permissions there, or choose "
        "another folder with --store"
    )
    assert build_id(store) == before
    assert daemons == [True]
    assert [p.name for p in store.iterdir() if p.name.startswith("g-")] == [
        StoreLocation(store).current_generation().name
    ]


def test_a_store_that_cannot_be_created_is_named(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ox.Store

    def refusing(path: str | None = None) -> ox.Store:
        if path is not None:
            raise OSError("permission denied")
        return real()

    monkeypatch.setattr(ox, "Store", refusing)
    with pytest.raises(StoreError) as exc:
        build(project, tmp_path / "store")
    assert str(exc.value).startswith("cannot create a store in ")
    assert str(exc.value).endswith(": permission denied")


def test_a_build_on_a_terminal_shows_its_progress(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tqdm import tqdm

    terminal = stderr_as_terminal(monkeypatch)
    result = build(project, tmp_path / "store")
    drawn = terminal.getvalue()
    files = project.graph_files()
    size = tqdm.format_sizeof(sum(f.path.stat().st_size for f in files))
    assert "Loading:" in drawn  # before the first file
    n = len(files)
    assert all(f"Loading file {i}/{n}:" in drawn for i in range(1, n + 1))
    assert "Loading file 0/" not in drawn and f"Loading file {n + 1}/" not in drawn
    assert all(f.rel in drawn for f in files)
    assert f"/{size} [" in drawn  # the total in bytes, scaled
    assert "B/s" in drawn
    assert f"Validating {result.triples:,} statements" in drawn
    assert "Writing the store:" in drawn and "file/s" in drawn


def test_the_manifest_says_what_built_the_store(project: Project, tmp_path: Path) -> None:
    import platform
    import re
    from datetime import datetime

    from isc_graph import __version__

    store = tmp_path / "store"
    result = build(project, store)
    manifest = StoreLocation(store).manifest()
    assert set(manifest) == {
        "format", "build_id", "built_at", "isc_graph", "pyoxigraph", "python", "root",
        "sources", "graphs", "triples",
    }  # fmt: skip
    assert re.fullmatch(r"\d{8}T\d{6}-[0-9a-f]{8}", manifest["build_id"])
    assert datetime.fromisoformat(manifest["built_at"]).utcoffset().total_seconds() == 0
    assert manifest["built_at"].endswith("+00:00") and len(manifest["built_at"]) == 25
    assert (manifest["isc_graph"], manifest["pyoxigraph"]) == (__version__, ox.__version__)
    assert manifest["python"] == platform.python_version()
    assert manifest["graphs"] == result.graphs
    assert 0 < result.seconds < 600


def test_a_failed_build_leaves_only_the_live_generation(project: Project, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build(project, store)
    live = StoreLocation(store).current_generation().name
    (project.root / "data" / "extra.ttl").write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(IscGraphError):
        build(project, store)
    assert [p.name for p in store.iterdir() if p.name.startswith("g-")] == [live]


def test_a_store_that_cannot_be_published_says_where_and_what_to_do(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def full(self: StoreLocation, gen: Path, manifest: dict) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(StoreLocation, "publish", full)
    store = tmp_path / "store"
    with pytest.raises(StoreError) as exc:
        build(project, store)
    assert str(exc.value) == (
        f"cannot write the store at {store}: No space left on device; make the folder "
        "writable, or choose another with --store (or ISC_GRAPH_STORE)"
    )


SHAPE_THE_SPARQL_ENGINE_REFUSES = """
<urn:isc-graph-test:Closed> a <http://www.w3.org/ns/shacl#NodeShape> ;
    <http://www.w3.org/ns/shacl#targetNode> <urn:isc-graph-test:nothing> ;
    <http://www.w3.org/ns/shacl#closed> true .
"""
REFUSED = (
    "ontology/shapes.ttl: the shape urn:isc-graph-test:Closed uses sh:closed, which the SPARQL "
    "engine does not check; check with `isc-graph validate --engine pyshacl`, or express the "
    "rule as an sh:sparql constraint"
)


def test_shapes_only_the_reference_engine_checks_are_named_and_checked_there(
    project: Project, tmp_path: Path
) -> None:
    """A shape the SPARQL engine cannot check is refused with the shapes file's path in the
    project; the reference engine (pySHACL) checks it, for `validate` and for a build."""
    with project.shapes_path.open("a", encoding="utf-8") as fh:
        fh.write(SHAPE_THE_SPARQL_ENGINE_REFUSES)
    for run in (lambda: validate(project), lambda: build(project, tmp_path / "refused")):
        with pytest.raises(IscGraphError) as exc:
            run()
        assert str(exc.value) == REFUSED
    assert validate(project, engine="pyshacl").conforms
    assert build(project, tmp_path / "store", engine="pyshacl").built


def test_a_build_id_is_in_universal_time_wherever_the_machine_is(
    project: Project, tmp_path: Path
) -> None:
    """The build id starts with the time of the build in UTC, also on a machine set to UTC+14."""
    import os
    import time
    from datetime import UTC, datetime, timedelta

    saved = os.environ.get("TZ")
    os.environ["TZ"] = "KIRI-14"  # POSIX form: 14 hours ahead of UTC
    time.tzset()
    try:
        before = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
        build(project, tmp_path / "store")
        after = datetime.now(UTC).replace(tzinfo=None)
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()
    stamp = datetime.strptime(build_id(tmp_path / "store").split("-")[0], "%Y%m%dT%H%M%S")
    assert before <= stamp <= after + timedelta(seconds=1)


def test_derived_statements_that_cannot_be_written_fail_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repository's data gives derived statements (clause alignments); a disk that fails
    when they are written fails the build with the store's folder, and the live store stays."""
    from conftest import REPO

    from isc_graph import build as build_module

    project = Project(copy_project(tmp_path / "project", REPO / "data"))
    store = tmp_path / "store"
    build(project, store)
    before = build_id(store)

    class FullDisk:
        """A store on disk whose last write (the derived statements) finds the disk full."""

        def __init__(self, path: str) -> None:
            self._db = ox.Store(path)

        def extend(self, quads: object) -> None:
            raise OSError("No space left on device")

        def __getattr__(self, name: str) -> object:
            return getattr(self._db, name)

    class Oxigraph:
        def __getattr__(self, name: str) -> object:
            return getattr(ox, name)

        @staticmethod
        def Store(path: str | None = None) -> object:
            return ox.Store() if path is None else FullDisk(path)

    monkeypatch.setattr(build_module, "ox", Oxigraph())
    with pytest.raises(StoreError) as exc:
        build(project, store, force=True)
    assert str(exc.value).startswith(f"cannot write the store in {store}")
    assert "No space left on device; check the free space" in str(exc.value)
    assert build_id(store) == before


def test_every_bar_a_build_draws_keeps_counting_during_long_steps(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file's load and the wait for the disk are redrawn while they run (a frozen bar
    looks like a hung build): the bar redrawn is the one drawn for that step."""
    from isc_graph import build as build_module

    drawn: list[tuple[object, str]] = []
    ticked: list[object] = []
    real_progress, real_ticking = build_module.show_progress, build_module.ticking

    def progress(**kwargs: object) -> object:
        bar = real_progress(**kwargs)
        drawn.append((bar, kwargs["desc"]))
        return bar

    def ticking(bar: object) -> object:
        ticked.append(bar)
        return real_ticking(bar)

    monkeypatch.setattr(build_module, "show_progress", progress)
    monkeypatch.setattr(build_module, "ticking", ticking)
    build(project, tmp_path / "store")
    bars = {desc: bar for bar, desc in drawn}
    files = len(project.graph_files())
    # Two loads of the sources (the store on disk loads in a thread without a bar).
    assert ticked == [bars["Loading"]] * files + [bars["Writing the store"]]


def test_leftovers_that_cannot_be_removed_do_not_hide_why_a_build_failed(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed build removes its new generation as best it can; if the folder cannot be
    removed (a file held open elsewhere), the user still reads why the build failed."""
    import shutil

    def held_open(path: Path, ignore_errors: bool = False) -> None:
        if not ignore_errors:
            raise PermissionError(f"cannot remove {path}: in use")

    (project.root / "data" / "extra.ttl").write_text(
        "@prefix org: <http://www.w3.org/ns/org#> .\n"
        "<https://w3id.org/isc-graph/id/X> a org:OrganizationalUnit .\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(shutil, "rmtree", held_open)
    with pytest.raises(ValidationFailed):
        build(project, tmp_path / "store")
