"""Where a project's ontology, data and queries are, and a fingerprint of their content.

A project is a folder with ``ontology/``, ``data/`` and ``queries/``. The fingerprint (size,
modification time and SHA-256 of each source file) lets read commands tell in a few
milliseconds whether the store was built from the current sources.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import DataError, IscGraphError, Location

__all__ = ["SHAPES_FILE", "Project", "SourceFile", "find_root", "unreadable"]

SHAPES_FILE = "shapes.ttl"
RDF_SUFFIXES = (".ttl",)
OTHER_RDF_SUFFIXES = (".nt", ".nq", ".trig", ".n3", ".rdf", ".owl", ".jsonld", ".turtle")
# Files that are not sources whatever they hold: notes, and the backups editors leave.
NOT_SOURCES = re.compile(r"(\.md|\.bak|\.orig|\.swp|~)$", re.IGNORECASE)
# The start of a Turtle file: a directive, or a statement about an IRI.
LOOKS_LIKE_TURTLE = re.compile(
    rb"^(?:\s*#[^\n]*\n)*\s*(?:@prefix|@base|prefix\s|base\s|<[^>\s]*>)", re.I
)
# Characters an IRI cannot hold (RFC 3987), which a file name would put in its graph's IRI.
NOT_IN_IRI = re.compile(r'[\s<>"{}|\\^`]')


def unreadable(rel: str, exc: OSError) -> DataError:
    """The error for a source file the system will not let us read."""
    hint = f"make it readable (chmod a+r {rel})" if exc.errno == 13 else "check the file"
    return DataError(Location(rel), f"cannot read: {exc.strerror or exc}; {hint}")


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
        return [
            SourceFile(p, self._rel(p), "ontology")
            for p in self._turtle_files(self.ontology_dir, "ontology/NAME.ttl")
            if p.name != SHAPES_FILE
        ]

    def data_files(self) -> list[SourceFile]:
        """Data files, each loaded into the named graph of its stem."""
        files = []
        for p in self._turtle_files(self.data_dir, "data/NAME.ttl, one per source document"):
            where = Location(self._rel(p))
            if p.stem == "ontology":
                raise DataError(
                    where,
                    "its named graph would be the ontology's (…/graph/ontology), and its facts "
                    "merged with ontology/*.ttl: rename the file after its source document",
                )
            if NOT_IN_IRI.search(p.stem):
                raise DataError(
                    where,
                    "the file name becomes the IRI of its named graph, which cannot hold spaces "
                    "or <>\"{}|\\^`: rename it with letters, digits, '-', '_' and '.'",
                )
            files.append(SourceFile(p, where.path, p.stem))
        return files

    def _turtle_files(self, folder: Path, pattern: str) -> list[Path]:
        """The Turtle files directly in ``folder``.

        Anything that would hold RDF but not be loaded is an error, not skipped in silence:
        other RDF formats, ``.TTL``, Turtle in a subfolder or under another suffix, a folder
        or a broken link named like a Turtle file.
        """
        self._require(folder)
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            raise DataError(
                Location(self._rel(folder)),
                f"cannot list the folder: {exc.strerror}; make it readable",
            ) from None
        found = []
        for p in entries:
            where = Location(self._rel(p))
            misplaced = DataError(
                where,
                f"only Turtle files directly in {folder.name}/ are loaded ({pattern}); "
                "convert or move it there",
            )
            if p.name.startswith("."):  # editor and system files (Emacs locks are broken links)
                if p.suffix == ".ttl" and p.is_file():
                    found.append(p)
                continue
            if p.suffix.lower() in OTHER_RDF_SUFFIXES or (p.is_dir() and any(p.rglob("*.ttl"))):
                raise misplaced
            if not p.exists():
                if p.is_symlink():
                    raise DataError(
                        where,
                        "a symbolic link that leads nowhere (a loop, or its target is missing): "
                        "fix the link or remove it",
                    )
                continue  # removed while we looked
            if p.suffix.lower() == ".ttl":
                if p.suffix != ".ttl":
                    raise DataError(
                        where,
                        f"the suffix {p.suffix} is not .ttl: only lower-case .ttl files are "
                        f"loaded; rename it {self._rel(p.with_suffix('.ttl'))}",
                    )
                if not p.is_file():
                    raise DataError(
                        where, "a folder (or device) named like a Turtle file: remove or rename it"
                    )
                found.append(p)
            elif p.is_file() and not NOT_SOURCES.search(p.name) and _starts_like_turtle(p):
                raise DataError(
                    where,
                    "holds Turtle, but only files ending in .ttl are loaded; rename it "
                    f"{self._rel(p.with_name(p.name.split('.')[0] + '.ttl'))} or move it "
                    f"out of {folder.name}/",
                )
        return found

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
            rel = self._rel(path)
            try:
                st = path.stat()
                old = (known or {}).get(rel)
                if old and old.get("size") == st.st_size and old.get("mtime_ns") == st.st_mtime_ns:
                    digest = old["sha256"]
                else:
                    import hashlib  # only when a file changed: keeps the up-to-date check cheap

                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                raise unreadable(rel, exc) from None
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


def _starts_like_turtle(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return bool(LOOKS_LIKE_TURTLE.match(head.removeprefix(b"\xef\xbb\xbf")))
