"""Read source files into quads, with errors that point at ``file:line:column``.

pyoxigraph parses (it is fast and reports positions); each file's triples go into the named
graph of that file, and blank nodes are renamed so that two files never share one by accident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import DataError, Location
from .namespaces import graph_iri
from .project import SourceFile

__all__ = ["ParsedFile", "parse_file", "parse_files"]

_OX_POSITION = re.compile(r"^Parser error at line \d+ (?:between columns \d+ and \d+|column \d+): ")
_TRAILING_LINE = re.compile(r" \(line \d+\)$")


@dataclass
class ParsedFile:
    """The quads of one source file."""

    source: SourceFile
    quads: list[ox.Quad]


def _decode(source: SourceFile, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise DataError(
            Location(source.rel, line, column),
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
        ) from None


def parse_file(source: SourceFile) -> ParsedFile:
    """Parse one Turtle file into quads of its named graph."""
    try:
        raw = source.path.read_bytes()
    except OSError as exc:
        raise DataError(Location(source.rel), f"cannot read: {exc.strerror}") from None
    text = _decode(source, raw)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise DataError(
            Location(source.rel, 1, 1),
            "the file is empty; add Turtle statements or delete the file",
        )
    graph = ox.NamedNode(graph_iri(source.graph))
    try:
        triples = ox.parse(
            raw,
            format=ox.RdfFormat.TURTLE,
            base_iri=source.path.resolve().as_uri(),
            rename_blank_nodes=True,
        )
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    except SyntaxError as exc:
        message = _TRAILING_LINE.sub("", _OX_POSITION.sub("", str(exc.msg or exc)))
        if message == "Unexpected end":
            message = "unexpected end of file: the last statement is not finished (missing ' .'?)"
        raise DataError(Location(source.rel, exc.lineno, exc.offset), message) from None
    if not quads:
        raise DataError(
            Location(source.rel, 1, 1),
            "the file holds prefixes but no statements; add data or delete the file",
        )
    return ParsedFile(source, quads)


def parse_files(sources: list[SourceFile]) -> list[ParsedFile]:
    """Parse every file, stopping at the first error."""
    return [parse_file(s) for s in sources]
