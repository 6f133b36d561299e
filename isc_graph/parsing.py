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
from .project import SourceFile, unreadable

__all__ = ["MAX_TOKEN_BYTES", "ParsedFile", "parse_file", "parse_files"]

# The Turtle parser holds one token (a literal, an IRI) in a buffer of at most 16 MiB.
MAX_TOKEN_BYTES = 16 * 1024 * 1024
BOM = b"\xef\xbb\xbf"
# Comments, IRIs and string literals of every quoting, to find where a too-long one starts.
_TOKEN = re.compile(
    r"#[^\n]*|<[^>\n]*>"
    r'|"""(?:[^"\\]++|\\.|"(?!""))*+"""'
    r"|'''(?:[^'\\]++|\\.|'(?!''))*+'''"
    r'|"(?:[^"\\\n]++|\\.)*+"'
    r"|'(?:[^'\\\n]++|\\.)*+'",
    re.DOTALL,
)

_OX_POSITION = re.compile(
    r"^Parser error (?:at line \d+ (?:between columns \d+ and \d+|column \d+)"
    r"|between line \d+ column \d+ and line \d+ column \d+): "
)
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


def _too_long(source: SourceFile, text: str) -> DataError:
    """The error for a token longer than the parser takes, placed where the token starts."""
    longest = max(_TOKEN.finditer(text), key=lambda m: m.end() - m.start(), default=None)
    if longest is None or longest.end() - longest.start() < MAX_TOKEN_BYTES // 4:
        where = Location(source.rel)
        what = "a literal or IRI (or an unclosed quote)"
    else:
        start = longest.start()
        where = Location(
            source.rel, text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
        )
        size = len(longest.group().encode("utf-8"))
        kind = "an IRI" if longest.group().startswith("<") else "a literal"
        what = f"{kind} of {size / 1024 / 1024:.1f} MiB"
    return DataError(
        where,
        f"{what} is longer than the parser takes ({MAX_TOKEN_BYTES // 1024 // 1024} MiB): "
        "keep a quote to the passage that states the fact, or keep long text outside the "
        "graph and link to it",
    )


def parse_file(source: SourceFile) -> ParsedFile:
    """Parse one Turtle file into quads of its named graph.

    A UTF-8 byte-order mark at the start is dropped: some editors write one, and it is no
    part of the Turtle.
    """
    try:
        raw = source.path.read_bytes()
    except OSError as exc:
        raise unreadable(source.rel, exc) from None
    raw = raw.removeprefix(BOM)
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
        elif message == "Unexpected end of file":
            message = "unexpected end of file inside a string or IRI: close its quote or '>'"
        raise DataError(Location(source.rel, exc.lineno, exc.offset), message) from None
    except MemoryError:  # pyoxigraph: "Reached the buffer maximal size of 16777216"
        raise _too_long(source, text) from None
    if not quads:
        raise DataError(
            Location(source.rel, 1, 1),
            "the file holds prefixes but no statements; add data or delete the file",
        )
    return ParsedFile(source, quads)


def parse_files(sources: list[SourceFile]) -> list[ParsedFile]:
    """Parse every file, stopping at the first error."""
    return [parse_file(s) for s in sources]
