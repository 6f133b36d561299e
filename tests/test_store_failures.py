"""A damaged, unwritable or half-written store: each is named, with what to do, and repaired.

Part of the standing bad-input corpus (with tests/test_bad_input.py): each case checks the exit
code, a message naming the store, that no traceback is printed, and what the graph answers.
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Invoke, answer, assert_unchanged

LABEL = (
    "@prefix : <https://w3id.org/isc-graph/id/> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    ':BDT skos:altLabel "Development Bureau"@en .\n'
)


def _rebuilt_answer(text: str) -> list[str]:
    """An answer as a rebuild gives it: blank nodes get new names in each parse."""
    return sorted(re.sub(r"_:[0-9a-f]+", "_:", text).splitlines())


def _live(store: Path) -> Path:
    return store / (store / "CURRENT").read_text().strip()


def _truncate_largest_table(store: Path) -> None:
    table = max((_live(store) / "db").glob("*.sst"), key=lambda p: p.stat().st_size)
    os.truncate(table, 100)


def _empty_db(store: Path) -> None:
    for path in (_live(store) / "db").iterdir():
        path.unlink()


def _manifest(content: bytes) -> Callable[[Path], None]:
    return lambda store: (_live(store) / "manifest.json").write_bytes(content)


# (damage, what the message says is wrong, whether a read command rebuilds by itself: it does
# when the manifest or pointer is damaged, which it reads anyway; damage inside the database
# shows only when it is opened, and then the message says to run `build --force`).
DAMAGE: dict[str, tuple[Callable[[Path], None], str, bool]] = {
    "truncated table file": (_truncate_largest_table, "/db: Corruption: Sst file size", False),
    "emptied database folder": (_empty_db, "/db: IO error: No such file or directory", False),
    "garbage manifest": (_manifest(b"{not json"), "/manifest.json is not valid JSON", True),
    "non-UTF-8 manifest": (_manifest(b"\xff\xfe\x00{"), "/manifest.json is not valid JSON", True),
    "manifest not an object": (_manifest(b"[1, 2]"), "is not an isc-graph manifest", True),
    "pointer to nothing": (
        lambda store: (store / "CURRENT").write_text("g-nothing\n"),
        "(CURRENT names 'g-nothing', which is not a generation here)",
        True,
    ),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_store_is_named_and_repaired(case: str, cli: Invoke, built, store: Path) -> None:
    """Defect 6: a damaged store gave "unexpected RuntimeError: Corruption…" or
    UnicodeDecodeError, and `build` said "Up to date" over it."""
    damage, what, reads_rebuild = DAMAGE[case]
    root, _current, content = built

    damage(store)
    result = cli(root, "build")
    assert result.exit_code == 0, result.stderr
    assert not result.stdout.startswith("Up to date")
    assert what in result.stdout and result.stdout.rstrip().endswith("and is repaired")
    assert _rebuilt_answer(answer(store)) == _rebuilt_answer(content)

    damage(store)
    result = cli(root, "stats")
    assert "Traceback" not in result.stdout + result.stderr
    if reads_rebuild:
        assert result.exit_code == 0, result.stderr
        assert result.stderr.startswith(f"The store at {store} is damaged (")
        assert what in result.stderr and "rebuilding it…" in result.stderr
    else:
        assert result.exit_code == 2
        assert result.stderr.startswith(f"Error: the store at {store} is damaged (")
        assert what in result.stderr
        assert result.stderr.endswith(
            ": run `isc-graph build --force` to rebuild it from the sources\n"
        )
        repaired = cli(root, "build", "--force")
        assert repaired.exit_code == 0, repaired.stderr
        assert repaired.stdout.startswith("Built ")
    assert _rebuilt_answer(answer(store)) == _rebuilt_answer(content)
    assert cli(root, "build").stdout.startswith("Up to date")


@pytest.mark.parametrize("existing", [True, False], ids=["existing store", "new store"])
def test_unwritable_store(
    existing: bool, cli: Invoke, built, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 6: an unwritable store gave "unexpected PermissionError"."""
    root = built[0]
    target = store if existing else store.parent / "readonly" / "store"
    real_mkdir = os.mkdir

    def mkdir(path: str | os.PathLike, *args: object, **kwargs: object) -> None:
        # Tests run as root, which may write anywhere: refuse as the system refuses a user.
        if str(path).startswith(str(target)) or str(path) == str(target.parent):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    result = cli(root, "build", "--force", "--store", target)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: cannot write the store at {target}: Permission denied; make the folder "
        "writable, or choose another with --store (or ISC_GRAPH_STORE)\n"
    )
    monkeypatch.undo()
    assert_unchanged(store, built)


# A build in a process of its own that SIGKILLs itself at one moment of the build.
KILLER = textwrap.dedent(
    """
    import os, signal, sys, threading
    import isc_graph.build as build, isc_graph.store as store
    from isc_graph.cli import main

    point, root = sys.argv[1], sys.argv[2]

    def die(*_args, **_kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    if point == "loading":  # the first file loaded into the new database, the second not yet
        real_load, seen = build.load_source, []
        def load_source(db, source):
            seen.append(source)
            if len(seen) == 2:
                die()
            real_load(db, source)
        build.load_source = load_source
    elif point == "validation":  # while the checks run, or as soon as they end
        real_validate = build.validate_store
        def validate_store(*args, **kwargs):
            threading.Timer(0.05, die).start()
            real_validate(*args, **kwargs)
            die()
        build.validate_store = validate_store
    elif point == "before the swap":  # the new manifest written, CURRENT not yet
        real_write = store._write_atomic
        def write(path, text):
            if path.name == "CURRENT":
                die()
            real_write(path, text)
        store._write_atomic = write
    elif point == "between the two writes":  # the first file published, the second not yet
        real_write, written = store._write_atomic, []
        def write(path, text):
            written.append(path.name)
            if len(written) == 2:
                die()
            real_write(path, text)
        store._write_atomic = write
    elif point == "during the swap":  # CURRENT.tmp written and synced, not yet renamed
        real_replace = os.replace
        def replace(src, dst):
            if str(dst).endswith("CURRENT"):
                die()
            real_replace(src, dst)
        os.replace = replace
    main(["--root", root, "build"])
    """
)


@pytest.mark.parametrize(
    "point",
    ["loading", "validation", "before the swap", "between the two writes", "during the swap"],
)
def test_build_killed_at_each_moment(point: str, cli: Invoke, built, store: Path) -> None:
    """SIGKILL at each step of a build: the previous graph answers, the next build succeeds."""
    root = built[0]
    (root / "data" / "extra.ttl").write_text(LABEL, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, point, str(root)],
        env={**os.environ, "ISC_GRAPH_STORE": str(store)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -9, proc.stderr
    assert_unchanged(store, built)
    result = cli(root, "build")
    assert result.exit_code == 0, result.stderr
    assert "Development Bureau" in answer(store)
    assert len(list(store.glob("g-*"))) == 2  # the live one and one before; no leftovers


def test_publish_writes_the_manifest_before_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CURRENT names a generation only once its manifest is on disk: a reader never finds a
    live generation without one (a kill between the writes is the case above)."""
    import isc_graph.store as store_module

    order: list[str] = []
    real_replace = os.replace

    def replace(src: str | os.PathLike, dst: str | os.PathLike) -> None:
        order.append(Path(dst).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    location = store_module.StoreLocation(tmp_path / "store")
    gen = location.new_generation("test")
    location.publish(gen, {"format": 1, "sources": {}})
    assert order == ["manifest.json", "CURRENT"]
