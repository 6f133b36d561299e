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

from .errors import StoreError
from .project import Project

__all__ = [
    "MANIFEST_FORMAT",
    "STORE_ENV",
    "StoreLocation",
    "default_store_path",
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

    def current_generation(self) -> Path | None:
        pointer = self.path / CURRENT
        try:
            name = pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        gen = self.path / name
        return gen if (gen / "db").is_dir() else None

    def manifest(self) -> dict | None:
        gen = self.current_generation()
        if gen is None:
            return None
        try:
            return json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def exists(self) -> bool:
        return self.manifest() is not None

    def open_read_only(self) -> ox.Store:
        gen = self.current_generation()
        if gen is None:
            raise StoreError(f"no graph has been built in {self.path}; run `isc-graph build` first")
        try:
            return ox.Store.read_only(str(gen / "db"))
        except OSError as exc:
            raise StoreError(f"cannot open the store {gen / 'db'}: {exc}") from None

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
