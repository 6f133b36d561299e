"""Stream source files into a store, with errors that point at ``file:line:column``.

Each file goes straight from disk into its named graph with pyoxigraph's bulk loader: nothing
is held as Python objects, so a build's memory does not grow with the data, and the loader
parses in parallel where the format allows. It renames blank nodes, so two files never share
one by accident. The costly diagnostics (where an invalid byte or a too-long token is) run
only when a file has failed to load.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError, Location
from .namespaces import graph_iri
from .project import SourceFile, unreadable

__all__ = ["MAX_TOKEN_BYTES", "load_source", "parser_message"]

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
# pyoxigraph repeats the position at the end, with or without the file name.
_TRAILING_LINE = re.compile(r" \((?:[^()]*, )?line \d+\)$")


def _decode_error(rel: str, raw: bytes) -> DataError | None:
    """Where ``raw`` stops being UTF-8, if it does."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return DataError(
            Location(rel, line, column),
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
        )
    return None


def _too_long(rel: str, text: str) -> DataError:
    """The error for a token longer than the parser takes, placed where the token starts."""
    longest = max(_TOKEN.finditer(text), key=lambda m: m.end() - m.start(), default=None)
    if longest is None or longest.end() - longest.start() < MAX_TOKEN_BYTES // 4:
        where = Location(rel)
        what = "a literal or IRI (or an unclosed quote)"
    else:
        start = longest.start()
        where = Location(rel, text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start))
        size = len(longest.group().encode("utf-8"))
        kind = "an IRI" if longest.group().startswith("<") else "a literal"
        what = f"{kind} of {size / 1024 / 1024:.1f} MiB"
    return DataError(
        where,
        f"{what} is longer than the parser takes ({MAX_TOKEN_BYTES // 1024 // 1024} MiB): "
        "keep a quote to the passage that states the fact, or keep long text outside the "
        "graph and link to it",
    )


def _read(source: SourceFile) -> bytes:
    try:
        return source.path.read_bytes()
    except OSError as exc:
        raise unreadable(source.rel, exc) from None


def _has_content(path: Path, rel: str) -> tuple[bool, bool]:
    """Whether the file starts with a byte-order mark, and whether it holds anything but blank
    lines and comments (read up to its first such line, not further)."""
    try:
        with path.open("rb") as fh:
            bom = fh.read(3) == BOM
            fh.seek(3 if bom else 0)
            for line in fh:
                stripped = line.strip()
                if stripped and not stripped.startswith(b"#"):
                    return bom, True
    except OSError as exc:
        raise unreadable(rel, exc) from None
    return bom, False


def parser_message(exc: SyntaxError) -> str:
    """pyoxigraph's message for a syntax error, without the position (the location says it)
    and with the two cryptic ones said plainly."""
    message = _TRAILING_LINE.sub("", _OX_POSITION.sub("", str(exc.msg or exc)))
    if message == "Unexpected end":
        return "unexpected end of file: the last statement is not finished (missing ' .'?)"
    if message == "Unexpected end of file":
        return "unexpected end of file inside a string or IRI: close its quote or '>'"
    return message


def _syntax_error(source: SourceFile, exc: SyntaxError) -> DataError:
    message = parser_message(exc)
    if message.startswith("Invalid UTF-8"):
        found = _decode_error(source.rel, _read(source).removeprefix(BOM))
        if found is not None:
            return found
    return DataError(Location(source.rel, exc.lineno, exc.offset), message)


def load_source(store: ox.Store, source: SourceFile) -> None:
    """Load one Turtle file into the named graph of ``source`` in ``store``.

    A UTF-8 byte-order mark at the start is dropped: some editors write one, and it is no
    part of the Turtle. Raises :class:`DataError` for a file that is unreadable, empty, not
    Turtle, or holds prefixes but no statements.
    """
    bom, content = _has_content(source.path, source.rel)
    if not content:
        raise DataError(
            Location(source.rel, 1, 1),
            "the file is empty; add Turtle statements or delete the file",
        )
    graph = ox.NamedNode(graph_iri(source.graph))
    # A graph shared by several files (the ontology's) is counted before and after; a file's
    # own graph only needs to hold one statement after the load.
    shared = _holds_any(store, graph)
    before = _count(store, graph) if shared else 0
    options = {
        "format": ox.RdfFormat.TURTLE,
        "base_iri": source.path.resolve().as_uri(),
        "to_graph": graph,
    }
    try:
        if bom:
            with source.path.open("rb") as fh:
                fh.seek(len(BOM))
                store.bulk_load(fh, **options)
        else:
            store.bulk_load(path=str(source.path), **options)
    except SyntaxError as exc:
        raise _syntax_error(source, exc) from None
    except MemoryError:  # pyoxigraph: "Reached the buffer maximal size of 16777216"
        raw = _read(source).removeprefix(BOM)
        raise (_decode_error(source.rel, raw) or _too_long(source.rel, raw.decode())) from None
    except OSError as exc:
        if exc.filename is None and exc.errno is None:
            raise  # the store failed, not the file: the caller says so
        raise unreadable(source.rel, exc) from None
    after = _count(store, graph) if shared else int(_holds_any(store, graph))
    if after == before:
        raise DataError(
            Location(source.rel, 1, 1),
            "the file holds prefixes but no statements; add data or delete the file",
        )


def _holds_any(store: ox.Store, graph: ox.NamedNode) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None


def _count(store: ox.Store, graph: ox.NamedNode) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
