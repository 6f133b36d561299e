"""The store folder's pieces one by one: where it is, how its pointer and manifest are read,
how a generation is published and old ones pruned, and what each damage is called.

Expected values are written by hand from the layout in ``isc_graph/store.py``'s docstring
(``CURRENT``, ``g-<id>/db``, ``g-<id>/manifest.json``), not read back from the code.
"""

from __future__ import annotations

import gc
import json
import os
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from isc_graph.errors import StoreDamaged, StoreError
from isc_graph.project import Project
from isc_graph.store import (
    MANIFEST_FORMAT,
    STORE_ENV,
    StoreLocation,
    _first_sentence,
    default_store_path,
    is_remote,
    is_up_to_date,
    resolve_store_path,
)

SHA = "0" * 64
EX = "http://example.org/"


def _db(folder: Path, triples: int) -> None:
    """An Oxigraph database at ``folder`` holding ``triples`` triples, closed again."""
    db = ox.Store(str(folder))
    for i in range(triples):
        db.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i))))
    db.flush()
    del db
    gc.collect()


def _generation(
    store: Path, name: str, manifest: object = None, triples: int = 0, live: bool = True
) -> Path:
    """``store/name`` with a database and (unless None) a manifest; named in CURRENT."""
    gen = store / name
    (gen / "db").mkdir(parents=True)
    if triples:
        _db(gen / "db", triples)
    if manifest is not None:
        (gen / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    if live:
        (store / "CURRENT").write_text(name + "\n", encoding="utf-8")
    return gen


def _what(exc: pytest.ExceptionInfo[StoreDamaged]) -> str:
    return exc.value.what


# --- where the store is -------------------------------------------------------------------


def test_default_store_path_is_in_the_user_data_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "isc-graph" / "store"


@pytest.mark.parametrize(
    ("value", "remote"),
    [
        ("http://localhost:7878/query", True),
        ("https://example.org/sparql", True),
        ("ftp://example.org/store", False),
        ("HTTP://example.org/query", False),
        ("store/http://x", False),
        ("/var/lib/isc-graph/store", False),
        (Path("http://example.org"), False),
        (None, False),
    ],
)
def test_is_remote(value: object, remote: bool) -> None:
    assert is_remote(value) is remote


def test_the_option_wins_over_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "from-env"))
    assert resolve_store_path(tmp_path / "from-option") == tmp_path / "from-option"


def test_the_environment_is_used_without_an_option(monkeypatch, tmp_path: Path) -> None:
    assert STORE_ENV == "ISC_GRAPH_STORE"
    monkeypatch.setenv("ISC_GRAPH_STORE", str(tmp_path / "from-env"))
    assert resolve_store_path(None) == tmp_path / "from-env"
    assert resolve_store_path("") == tmp_path / "from-env"


def test_the_default_without_option_or_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ISC_GRAPH_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_store_path() == tmp_path / "xdg" / "isc-graph" / "store"


def test_a_relative_or_home_path_is_made_absolute(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert resolve_store_path("~/graphs/store") == tmp_path / "home" / "graphs" / "store"
    assert resolve_store_path("rel/store") == tmp_path / "rel" / "store"
    assert resolve_store_path("rel/../other") == tmp_path / "other"


# --- the pointer and the folder -----------------------------------------------------------


def test_lock_path(tmp_path: Path) -> None:
    assert StoreLocation(tmp_path / "s").lock_path == tmp_path / "s" / ".lock"


def test_a_store_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError) as exc:
        StoreLocation(tmp_path / "file").current_generation()
    assert str(exc.value) == (
        f"{tmp_path / 'file'} is a file, not a folder: the store is a folder; point --store "
        "(or ISC_GRAPH_STORE) at a folder, it is created if missing"
    )


def test_a_store_path_under_a_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(
        StoreError, match="^" + re.escape(str(tmp_path / "file")) + " is a file, not"
    ):
        StoreLocation(tmp_path / "file" / "a" / "store").current_generation()


def test_a_missing_store_under_a_folder_is_no_graph(tmp_path: Path) -> None:
    location = StoreLocation(tmp_path / "a" / "b" / "store")
    assert location.current_generation() is None
    assert location.manifest() is None
    assert location.exists() is False
    location.verify()  # nothing to check, no error


def test_the_first_existing_folder_decides(tmp_path: Path) -> None:
    """A folder found first stops the search: a file further up does not matter."""
    (tmp_path / "store").mkdir()
    StoreLocation(tmp_path / "store").check_folder()
    StoreLocation(tmp_path / "store" / "missing").check_folder()


def test_current_names_the_live_generation(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _generation(store, "g-older", live=False)
    gen = _generation(store, "g-20260101")
    assert StoreLocation(store).current_generation() == store / "g-20260101" == gen


def test_current_with_surrounding_whitespace(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _generation(store, "g-1")
    (store / "CURRENT").write_text("  g-1 \r\n\n")
    assert StoreLocation(store).current_generation() == store / "g-1"


@pytest.mark.parametrize(
    ("pointer", "shown"),
    [
        ("x-1", "'x-1'"),  # not a generation's name
        ("", "''"),
        ("g-1/../g-1", "'g-1/../g-1'"),  # a path, even to a real generation
        ("g-missing", "'g-missing'"),
        ("g-nodb", "'g-nodb'"),
        ("g-" + "a" * 50, "'g-" + "a" * 38 + "…'"),  # long: cut at 40 characters
        ("g-" + "b" * 38, "'g-" + "b" * 38 + "'"),  # exactly 40: shown whole
        ("g-" + "c" * 39, "'g-" + "c" * 38 + "…'"),  # 41: cut
    ],
)
def test_current_naming_no_generation_is_damage(tmp_path: Path, pointer: str, shown: str) -> None:
    store = tmp_path / "store"
    _generation(store, "g-1", live=False)
    (store / "g-nodb").mkdir()
    (store / "CURRENT").write_text(pointer + "\n")
    with pytest.raises(StoreDamaged) as exc:
        StoreLocation(store).current_generation()
    assert _what(exc) == f"CURRENT names {shown}, which is not a generation here"
    assert exc.value.store == store


def test_current_naming_a_generation_whose_db_is_a_file(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (store / "g-1").mkdir(parents=True)
    (store / "g-1" / "db").write_text("not a folder")
    (store / "CURRENT").write_text("g-1\n")
    with pytest.raises(StoreDamaged, match="CURRENT names 'g-1', which is not a generation"):
        StoreLocation(store).current_generation()


def test_current_that_is_not_utf8_is_damage_not_a_crash(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "CURRENT").write_bytes(b"g-\xff\n")
    with pytest.raises(StoreDamaged) as exc:
        StoreLocation(store).current_generation()
    assert _what(exc) == "CURRENT names 'g-\ufffd', which is not a generation here"


def test_current_that_cannot_be_read(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (store / "CURRENT").mkdir(parents=True)  # a folder: reading it fails
    with pytest.raises(StoreError) as exc:
        StoreLocation(store).current_generation()
    assert not isinstance(exc.value, StoreDamaged)
    assert str(exc.value) == f"cannot read {store / 'CURRENT'}: Is a directory"


# --- the manifest -------------------------------------------------------------------------


def test_a_manifest_is_read(tmp_path: Path) -> None:
    manifest = {"format": 1, "triples": 0, "sources": {"data/a.ttl": {"sha256": SHA}}}
    _generation(tmp_path / "store", "g-1", manifest)
    location = StoreLocation(tmp_path / "store")
    assert location.manifest() == manifest
    assert location.exists() is True


def test_a_manifest_without_sources_is_accepted(tmp_path: Path) -> None:
    _generation(tmp_path / "store", "g-1", {"format": 1})
    assert StoreLocation(tmp_path / "store").manifest() == {"format": 1}


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (None, "g-1/manifest.json is missing"),
        (b"{not json", "g-1/manifest.json is not valid JSON"),
        (b"\xff\xfe\x00{", "g-1/manifest.json is not valid JSON"),
        (b"[1, 2]", "g-1/manifest.json is not an isc-graph manifest"),
        (b'"text"', "g-1/manifest.json is not an isc-graph manifest"),
        (b'{"sources": []}', "g-1/manifest.json is not an isc-graph manifest"),
        (b'{"sources": null}', "g-1/manifest.json is not an isc-graph manifest"),
        (b'{"sources": {"a": "0000"}}', "g-1/manifest.json is not an isc-graph manifest"),
        (b'{"sources": {"a": {"size": 1}}}', "g-1/manifest.json is not an isc-graph manifest"),
        (b'{"sources": {"a": {"sha256": 5}}}', "g-1/manifest.json is not an isc-graph manifest"),
        (
            b'{"sources": {"a": {"sha256": "00"}, "b": {"sha256": null}}}',
            "g-1/manifest.json is not an isc-graph manifest",
        ),
    ],
)
def test_a_bad_manifest_is_damage(tmp_path: Path, content: bytes | None, what: str) -> None:
    store = tmp_path / "store"
    gen = _generation(store, "g-1")
    if content is not None:
        (gen / "manifest.json").write_bytes(content)
    location = StoreLocation(store)
    with pytest.raises(StoreDamaged) as exc:
        location.manifest()
    assert _what(exc) == what
    assert str(exc.value) == (
        f"the store at {store} is damaged ({what}): run `isc-graph build --force` to "
        "rebuild it from the sources"
    )
    with pytest.raises(StoreDamaged):
        location.exists()


def test_a_manifest_that_cannot_be_read(tmp_path: Path) -> None:
    store = tmp_path / "store"
    gen = _generation(store, "g-1")
    (gen / "manifest.json").mkdir()
    with pytest.raises(StoreError) as exc:
        StoreLocation(store).manifest()
    assert not isinstance(exc.value, StoreDamaged)
    assert str(exc.value) == f"cannot read {gen / 'manifest.json'}: Is a directory"


# --- opening and verifying ----------------------------------------------------------------


def test_open_without_a_graph_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as exc:
        StoreLocation(tmp_path / "store").open_read_only()
    assert str(exc.value) == (
        f"no graph has been built in {tmp_path / 'store'}; run `isc-graph build` first"
    )


def test_open_reads_the_live_generation(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _generation(store, "g-old", {"triples": 1}, triples=1, live=False)
    _generation(store, "g-new", {"triples": 3}, triples=3)
    db = StoreLocation(store).open_read_only()
    assert len(db) == 3
    with pytest.raises(RuntimeError, match="read-write"):
        db.add(ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.Literal("x")))


def test_an_empty_database_folder_is_damage(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _generation(store, "g-1", {"triples": 0}, triples=2)
    for path in (store / "g-1" / "db").iterdir():
        path.unlink()
    with pytest.raises(StoreDamaged) as exc:
        StoreLocation(store).open_read_only()
    assert _what(exc).startswith("g-1/db: IO error: No such file or directory")


def test_open_on_an_unreadable_database(tmp_path: Path, monkeypatch) -> None:
    store = tmp_path / "store"
    _generation(store, "g-1", {"triples": 0}, triples=1)

    def refuse(path: str) -> ox.Store:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(ox.Store, "read_only", refuse)
    with pytest.raises(StoreError) as exc:
        StoreLocation(store).open_read_only()
    assert not isinstance(exc.value, StoreDamaged)
    assert str(exc.value) == (
        f"cannot read the store at {store}: Permission denied; make it readable, or choose "
        "another with --store (or ISC_GRAPH_STORE)"
    )


def test_verify_accepts_the_count_the_manifest_says(tmp_path: Path) -> None:
    _generation(tmp_path / "store", "g-1", {"triples": 4, "sources": {}}, triples=4)
    StoreLocation(tmp_path / "store").verify()


def test_verify_names_a_count_that_differs(tmp_path: Path) -> None:
    _generation(tmp_path / "store", "g-1", {"triples": 5, "sources": {}}, triples=4)
    with pytest.raises(StoreDamaged) as exc:
        StoreLocation(tmp_path / "store").verify()
    assert _what(exc) == "it holds 4 triples, its manifest says 5"


@pytest.mark.parametrize("triples", ["4", None, 4.5])
def test_verify_skips_a_count_that_is_not_a_number(tmp_path: Path, triples: object) -> None:
    manifest = {"sources": {}} if triples is None else {"triples": triples, "sources": {}}
    _generation(tmp_path / "store", "g-1", manifest, triples=2)
    StoreLocation(tmp_path / "store").verify()


def test_verify_names_damage_found_while_counting(tmp_path: Path, monkeypatch) -> None:
    _generation(tmp_path / "store", "g-1", {"triples": 1, "sources": {}}, triples=1)

    class Broken:
        def __len__(self) -> int:
            raise RuntimeError("Corruption: block checksum mismatch  The file x may be corrupted.")

    monkeypatch.setattr(ox.Store, "read_only", lambda path: Broken())
    with pytest.raises(StoreDamaged) as exc:
        StoreLocation(tmp_path / "store").verify()
    assert _what(exc) == "Corruption: block checksum mismatch"


@pytest.mark.parametrize(
    ("message", "first"),
    [
        (
            "Corruption: Sst file size mismatch: /s/000009.sst. Size recorded in manifest "
            "2045, actual size 100\n  The file /s/MANIFEST-000005 may be corrupted.",
            "Corruption: Sst file size mismatch: /s/000009.sst. Size recorded in manifest 2045,"
            " actual size 100",
        ),
        (
            "IO error: No such file or directory The file x may be corrupted.",
            "IO error: No such file or directory",
        ),
        ("plain   message\twith\nspaces", "plain message with spaces"),
    ],
)
def test_first_sentence(message: str, first: str) -> None:
    assert _first_sentence(RuntimeError(message)) == first


# --- publishing and pruning ---------------------------------------------------------------


def test_new_generation(tmp_path: Path) -> None:
    location = StoreLocation(tmp_path / "a" / "store")
    gen = location.new_generation("20260101-1")
    assert gen == tmp_path / "a" / "store" / "g-20260101-1"
    assert gen.is_dir()
    with pytest.raises(FileExistsError):
        location.new_generation("20260101-1")


def test_publish_writes_the_manifest_and_the_pointer(tmp_path: Path) -> None:
    location = StoreLocation(tmp_path / "store")
    gen = location.new_generation("7")
    (gen / "db").mkdir()
    manifest = {"sources": {"b": {"sha256": SHA}}, "format": 1, "triples": 0}
    location.publish(gen, manifest)
    assert (tmp_path / "store" / "CURRENT").read_bytes() == b"g-7\n"
    assert (gen / "manifest.json").read_text(encoding="utf-8") == (
        '{\n  "format": 1,\n  "sources": {\n    "b": {\n      "sha256": "'
        + SHA
        + '"\n    }\n  },\n  "triples": 0\n}'
    )
    assert sorted(p.name for p in (tmp_path / "store").rglob("*.tmp")) == []
    assert location.current_generation() == gen
    assert location.manifest() == manifest


def test_publish_names_a_generation_with_any_characters(tmp_path: Path) -> None:
    location = StoreLocation(tmp_path / "store")
    gen = location.new_generation("é")
    (gen / "db").mkdir()
    location.publish(gen, {"sources": {}, "note": "Bureau de développement"})
    assert (tmp_path / "store" / "CURRENT").read_bytes() == "g-é\n".encode()
    assert location.manifest() == {"sources": {}, "note": "Bureau de développement"}


def test_publish_replaces_the_previous_pointer(tmp_path: Path) -> None:
    location = StoreLocation(tmp_path / "store")
    for name in ("1", "2"):
        gen = location.new_generation(name)
        (gen / "db").mkdir()
        location.publish(gen, {"sources": {}})
    assert (tmp_path / "store" / "CURRENT").read_text() == "g-2\n"
    assert location.current_generation() == tmp_path / "store" / "g-2"


def _aged(gen: Path, ns: int) -> Path:
    os.utime(gen, ns=(ns, ns))
    return gen


def test_prune_keeps_the_live_generation_and_the_one_before(tmp_path: Path) -> None:
    store = tmp_path / "store"
    location = StoreLocation(store)
    gens = []
    for i in range(1, 5):
        gen = location.new_generation(str(i))
        (gen / "db").mkdir()
        location.publish(gen, {"sources": {}})
        gens.append(gen)
    interrupted = location.new_generation("5")  # a build that never wrote its manifest
    (store / "g-file").write_text("not a generation folder")
    (store / "other").mkdir()
    for i, gen in enumerate([*gens, interrupted], start=1):
        _aged(gen, i * 10**9)
    location.prune()
    assert sorted(p.name for p in store.iterdir()) == ["CURRENT", "g-3", "g-4", "g-file", "other"]


def _four_generations(store: Path) -> StoreLocation:
    """A store with finished generations g-1 … g-4, each older than the next."""
    location = StoreLocation(store)
    for i in range(1, 5):
        gen = location.new_generation(str(i))
        (gen / "db").mkdir()
        (gen / "manifest.json").write_text('{"sources": {}}')
        _aged(gen, i * 10**9)
    return location


def test_prune_keeps_the_live_generation_even_when_older(tmp_path: Path) -> None:
    """The two most recent finished generations and the live one, whatever their ages."""
    store = tmp_path / "store"
    location = _four_generations(store)
    (store / "CURRENT").write_text("g-1\n")
    location.prune()
    assert sorted(p.name for p in store.glob("g-*")) == ["g-1", "g-3", "g-4"]


def test_prune_leaves_a_generation_it_cannot_remove(tmp_path: Path, monkeypatch) -> None:
    """A file that cannot be deleted (held open elsewhere, or not the user's) does not fail
    the build that prunes: the other old generations are removed all the same."""
    store = tmp_path / "store"
    location = _four_generations(store)
    (store / "g-1" / "db" / "held").write_text("x")
    (store / "CURRENT").write_text("g-4\n")
    real_unlink = os.unlink

    def unlink(path: str | os.PathLike, *args: object, **kwargs: object) -> None:
        if Path(path).name == "held":
            raise PermissionError(13, "Permission denied", str(path))
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    location.prune()
    assert sorted(p.name for p in store.glob("g-*")) == ["g-1", "g-3", "g-4"]
    assert (store / "g-1" / "db" / "held").is_file()
    assert not (store / "g-2").exists()


def test_prune_orders_by_age_not_by_name(tmp_path: Path) -> None:
    store = tmp_path / "store"
    location = StoreLocation(store)
    for name, age in [("a", 3), ("b", 1), ("c", 2)]:
        gen = location.new_generation(name)
        (gen / "db").mkdir()
        (gen / "manifest.json").write_text('{"sources": {}}')
        _aged(gen, age * 10**9)
    (store / "CURRENT").write_text("g-a\n")
    location.prune()
    assert sorted(p.name for p in store.glob("g-*")) == ["g-a", "g-c"]


# --- up to date ---------------------------------------------------------------------------


def _project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    (root / "ontology").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "data" / "a.ttl").write_text(f"<{EX}a> <{EX}p> <{EX}b> .\n", encoding="utf-8")
    return Project(root)


def _published(tmp_path: Path, project: Project, **extra: object) -> StoreLocation:
    location = StoreLocation(tmp_path / "store")
    gen = location.new_generation("1")
    (gen / "db").mkdir()
    location.publish(gen, {"sources": project.fingerprint(), **extra})
    return location


def test_up_to_date_when_the_sources_are_unchanged(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert MANIFEST_FORMAT == 1
    location = _published(tmp_path, project, format=1)
    assert is_up_to_date(project, location) is True


def test_not_up_to_date_without_a_graph(tmp_path: Path) -> None:
    assert is_up_to_date(_project(tmp_path), StoreLocation(tmp_path / "store")) is False


@pytest.mark.parametrize("fmt", [None, 0, 2, "1"])
def test_not_up_to_date_for_another_manifest_format(tmp_path: Path, fmt: object) -> None:
    project = _project(tmp_path)
    extra = {} if fmt is None else {"format": fmt}
    assert is_up_to_date(project, _published(tmp_path, project, **extra)) is False


def test_a_manifest_without_sources_is_not_up_to_date(tmp_path: Path) -> None:
    project = _project(tmp_path)
    location = StoreLocation(tmp_path / "store")
    gen = location.new_generation("1")
    (gen / "db").mkdir()
    location.publish(gen, {"format": 1})
    assert is_up_to_date(project, location) is False


def test_a_file_of_unchanged_size_and_time_is_not_read_again(tmp_path: Path) -> None:
    """The documented trade-off of the cheap check: a file whose size and modification time
    are those in the manifest keeps its recorded hash, even if its bytes were changed."""
    project = _project(tmp_path)
    path = project.root / "data" / "a.ttl"
    st = path.stat()
    location = _published(tmp_path, project, format=1)
    path.write_text(path.read_text().replace("<http://example.org/b>", "<http://example.org/c>"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert is_up_to_date(project, location) is True
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    assert is_up_to_date(project, location) is False


def test_not_up_to_date_when_a_source_changes(tmp_path: Path) -> None:
    project = _project(tmp_path)
    location = _published(tmp_path, project, format=1)
    (project.root / "data" / "a.ttl").write_text(f"<{EX}a> <{EX}p> <{EX}c> .\n")
    assert is_up_to_date(project, location) is False


def test_not_up_to_date_when_a_source_is_added(tmp_path: Path) -> None:
    project = _project(tmp_path)
    location = _published(tmp_path, project, format=1)
    (project.root / "data" / "b.ttl").write_text(f"<{EX}b> <{EX}p> <{EX}c> .\n")
    assert is_up_to_date(project, location) is False


def test_a_touched_but_unchanged_source_is_up_to_date(tmp_path: Path) -> None:
    project = _project(tmp_path)
    location = _published(tmp_path, project, format=1)
    path = project.root / "data" / "a.ttl"
    path.write_text(path.read_text())
    os.utime(path, ns=(1, 1))
    assert is_up_to_date(project, location) is True
