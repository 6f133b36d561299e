"""The on-disk Oxigraph store: where it lives, how it is swapped in, how it is opened.

Layout of a store folder::

    STORE/
      CURRENT            name of the live generation (replaced atomically)
      g-<id>/db/         an Oxigraph database
      g-<id>/manifest.json   what that generation was built from
      .lock              held while a build runs

A build writes a new generation beside the live one and swaps ``CURRENT`` with
``os.replace`` only once everything has passed, so readers always see a complete graph and a
failed or killed build leaves the previous one exactly as it was.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreDamaged, StoreError
from .project import Project

__all__ = [
    "MANIFEST_FORMAT",
    "STORE_ENV",
    "StoreLocation",
    "default_store_path",
    "is_remote",
    "is_up_to_date",
    "resolve_store_path",
]

STORE_ENV = "ISC_GRAPH_STORE"
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
KEEP_GENERATIONS = 2
MANIFEST_FORMAT = 1


def default_store_path() -> Path:
    """The per-user default store: ``<user data dir>/isc-graph/store``."""
    from platformdirs import user_data_path

    return user_data_path("isc-graph", appauthor=False) / "store"


def is_remote(store: object) -> bool:
    """Whether ``store`` (an option value) names an HTTP(S) endpoint rather than a folder.

    Here rather than in :mod:`isc_graph.remote`, whose HTTP client a local read never needs.
    """
    return isinstance(store, str) and store.startswith(("http://", "https://"))


def resolve_store_path(option: str | os.PathLike | None = None) -> Path:
    """``--store`` if given, else ``$ISC_GRAPH_STORE``, else the default."""
    chosen = option or os.environ.get(STORE_ENV)
    return Path(chosen).expanduser().resolve() if chosen else default_store_path()


class StoreLocation:
    """A store folder and its generations."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def lock_path(self) -> Path:
        return self.path / ".lock"

    def damaged(self, what: str) -> StoreDamaged:
        """The error for a store whose live generation cannot be used."""
        return StoreDamaged(self.path, what)

    def check_folder(self) -> None:
        """Fail clearly when the store path is a file (or lies under one)."""
        for path in (self.path, *self.path.parents):
            if path.exists():
                if not path.is_dir():
                    raise StoreError(
                        f"{path} is a file, not a folder: the store is a folder; point --store "
                        "(or ISC_GRAPH_STORE) at a folder, it is created if missing"
                    )
                return

    def current_generation(self) -> Path | None:
        """The live generation's folder, None when no graph was built here.

        Raises :class:`StoreDamaged` when ``CURRENT`` names no generation with a database.
        """
        self.check_folder()
        pointer = self.path / CURRENT
        try:
            name = pointer.read_bytes().decode("utf-8", "replace").strip()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"cannot read {pointer}: {exc.strerror}") from None
        gen = self.path / name
        if not name.startswith("g-") or "/" in name or not (gen / "db").is_dir():
            shown = name if len(name) <= 40 else name[:40] + "…"
            raise self.damaged(f"{CURRENT} names {shown!r}, which is not a generation here")
        return gen

    def manifest(self) -> dict | None:
        """The live generation's manifest, None when no graph was built here.

        Raises :class:`StoreDamaged` when the manifest is missing or is not a JSON object.
        """
        gen = self.current_generation()
        if gen is None:
            return None
        path = gen / MANIFEST
        rel = f"{gen.name}/{MANIFEST}"
        try:
            data = json.loads(path.read_bytes())
        except FileNotFoundError:
            raise self.damaged(f"{rel} is missing") from None
        except ValueError:  # not JSON, or not UTF-8
            raise self.damaged(f"{rel} is not valid JSON") from None
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror}") from None
        sources = data.get("sources", {}) if isinstance(data, dict) else None
        if not isinstance(sources, dict) or not all(
            isinstance(v, dict) and isinstance(v.get("sha256"), str) for v in sources.values()
        ):
            raise self.damaged(f"{rel} is not an isc-graph manifest")
        return data

    def exists(self) -> bool:
        return self.manifest() is not None

    def open_read_only(self) -> ox.Store:
        gen = self.current_generation()
        if gen is None:
            raise StoreError(f"no graph has been built in {self.path}; run `isc-graph build` first")
        try:
            return ox.Store.read_only(str(gen / "db"))
        except PermissionError as exc:
            raise StoreError(
                f"cannot read the store at {self.path}: {exc.strerror or exc}; make it "
                "readable, or choose another with --store (or ISC_GRAPH_STORE)"
            ) from None
        except (OSError, RuntimeError) as exc:  # RocksDB reports damage as RuntimeError
            raise self.damaged(f"{gen.name}/db: {_first_sentence(exc)}") from None

    def verify(self) -> None:
        """Open the live database and count its quads against the manifest.

        Opening reads every table's checksummed footer and properties, counting reads one
        index whole: together they find the damage seen in practice (truncated, missing or
        overwritten files) in well under a second for the repository's data.
        """
        manifest = self.manifest()
        if manifest is None:
            return
        db = self.open_read_only()
        try:
            count = len(db)
        except (OSError, RuntimeError) as exc:
            raise self.damaged(f"{_first_sentence(exc)}") from None
        finally:
            del db
        expected = manifest.get("triples")
        if isinstance(expected, int) and count != expected:
            raise self.damaged(f"it holds {count} triples, its manifest says {expected}")

    def new_generation(self, build_id: str) -> Path:
        gen = self.path / f"g-{build_id}"
        gen.mkdir(parents=True)
        return gen

    def publish(self, gen: Path, manifest: dict) -> None:
        """Write the manifest and make ``gen`` the live generation, atomically."""
        _write_atomic(gen / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
        _write_atomic(self.path / CURRENT, gen.name + "\n")

    def prune(self) -> None:
        """Remove generations other than the live one and the one before (kept for readers
        that opened it just before the swap) and any left by an interrupted build."""
        live = self.current_generation()
        gens = sorted(
            (p for p in self.path.glob("g-*") if p.is_dir()),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        finished = [g for g in gens if (g / MANIFEST).is_file()]
        keep = {live, *finished[:KEEP_GENERATIONS]}
        import shutil

        for g in gens:
            if g not in keep:
                shutil.rmtree(g, ignore_errors=True)


def _first_sentence(exc: BaseException) -> str:
    """RocksDB's message up to its repeated advice ("The file … may be corrupted.")."""
    return " ".join(str(exc).split()).split(" The file ")[0]


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def is_up_to_date(project: Project, location: StoreLocation) -> bool:
    """True when the live generation was built from the sources as they are now."""
    manifest = location.manifest()
    if manifest is None or manifest.get("format") != MANIFEST_FORMAT:
        return False
    known = manifest.get("sources", {})
    current = project.fingerprint(known)
    return {k: v["sha256"] for k, v in current.items()} == {
        k: v["sha256"] for k, v in known.items()
    }
