"""Where a project's ontology, data and queries are, and a fingerprint of their content.

A project is a folder with ``ontology/``, ``data/`` and ``queries/``. The fingerprint (size,
modification time and SHA-256 of each source file) lets read commands tell in a few
milliseconds whether the store was built from the current sources.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import IscGraphError

__all__ = ["SHAPES_FILE", "Project", "SourceFile", "find_root"]

SHAPES_FILE = "shapes.ttl"
RDF_SUFFIXES = (".ttl",)
OTHER_RDF_SUFFIXES = (".nt", ".nq", ".trig", ".n3", ".rdf", ".owl", ".jsonld")


class SourceFile:
    """One RDF source file and the named graph it is loaded into.

    (A plain class rather than a dataclass: importing dataclasses costs the query hot path
    several milliseconds.)
    """

    __slots__ = ("graph", "path", "rel")

    def __init__(self, path: Path, rel: str, graph: str) -> None:
        self.path = path
        self.rel = rel  # path relative to the project root, for messages and the manifest
        self.graph = graph  # named graph: the file stem for data, "ontology" for the ontology

    def __repr__(self) -> str:
        return f"SourceFile({self.rel!r}, graph={self.graph!r})"


def find_root(start: Path | None = None) -> Path:
    """The project root: ``ISC_GRAPH_ROOT``, else the checkout this package lives in, else CWD."""
    env = os.environ.get("ISC_GRAPH_ROOT")
    if env:
        return Path(env).expanduser().resolve()
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "ontology").is_dir() and (checkout / "data").is_dir():
        return checkout
    return (start or Path.cwd()).resolve()


class Project:
    """The source folders of one isc-graph project."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root).resolve() if root is not None else find_root()
        # A root the user named (argument or ISC_GRAPH_ROOT) must be a project; a guessed one
        # (this checkout, or the working folder) may lack sources when a built store is used.
        self.explicit = root is not None or bool(os.environ.get("ISC_GRAPH_ROOT"))

    def __repr__(self) -> str:
        return f"Project({str(self.root)!r})"

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def shapes_path(self) -> Path:
        return self.ontology_dir / SHAPES_FILE

    @property
    def shapes_rel(self) -> str:
        return self._rel(self.shapes_path)

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def ontology_files(self) -> list[SourceFile]:
        """Ontology files loaded into the graph (all ``ontology/*.ttl`` but the shapes)."""
        self._require(self.ontology_dir)
        return [
            SourceFile(p, self._rel(p), "ontology")
            for p in sorted(self.ontology_dir.iterdir())
            if p.suffix in RDF_SUFFIXES and p.name != SHAPES_FILE and p.is_file()
        ]

    def data_files(self) -> list[SourceFile]:
        """Data files, each loaded into the named graph of its stem."""
        self._require(self.data_dir)
        entries = sorted(self.data_dir.iterdir())
        for p in entries:
            # Other RDF files would be skipped silently, and their facts missing from answers.
            if p.suffix.lower() in OTHER_RDF_SUFFIXES or (p.is_dir() and any(p.rglob("*.ttl"))):
                raise IscGraphError(
                    f"{self._rel(p)}: only Turtle files directly in data/ are loaded "
                    "(data/NAME.ttl, one per source document); convert or move it there"
                )
        return [
            SourceFile(p, self._rel(p), p.stem)
            for p in entries
            if p.suffix in RDF_SUFFIXES and p.is_file()
        ]

    def graph_files(self) -> list[SourceFile]:
        """Everything that goes into the store."""
        return self.ontology_files() + self.data_files()

    def fingerprint_paths(self) -> list[Path]:
        """Every file whose change makes the store out of date (graph files and the shapes)."""
        paths = [f.path for f in self.graph_files()]
        if self.shapes_path.is_file():
            paths.append(self.shapes_path)
        return sorted(paths)

    def fingerprint(self, known: dict[str, dict] | None = None) -> dict[str, dict]:
        """``{rel path: {size, mtime_ns, sha256}}`` of every source file.

        Files whose size and modification time match ``known`` reuse its hash instead of
        being read again, which keeps the up-to-date check of a read command cheap.
        """
        result: dict[str, dict] = {}
        for path in self.fingerprint_paths():
            st = path.stat()
            rel = self._rel(path)
            old = (known or {}).get(rel)
            if old and old.get("size") == st.st_size and old.get("mtime_ns") == st.st_mtime_ns:
                digest = old["sha256"]
            else:
                import hashlib  # only when a file changed: keeps the up-to-date check cheap

                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            result[rel] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": digest}
        return result

    def is_project(self) -> bool:
        """Whether the root holds the ``ontology/`` and ``data/`` folders."""
        return self.ontology_dir.is_dir() and self.data_dir.is_dir()

    def require_named_root(self) -> None:
        """Fail clearly when a root the user named is not a project folder."""
        if self.explicit and not self.is_project():
            what = "no such folder" if not self.root.is_dir() else "no ontology/ and data/ in it"
            raise IscGraphError(
                f"{self.root}: {what}. --root and ISC_GRAPH_ROOT must name a project folder "
                "(one with ontology/, data/ and queries/)."
            )

    def _require(self, folder: Path) -> None:
        if not folder.is_dir():
            raise IscGraphError(
                f"{folder}: no such folder. Run isc-graph inside a project checkout "
                "(with ontology/, data/ and queries/) or set ISC_GRAPH_ROOT to one."
            )
