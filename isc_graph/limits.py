"""Limits on queries: the text is checked before it reaches the engine, and the time is bounded.

Oxigraph parses and evaluates SPARQL recursively, so a deeply nested query (5,000 nested
parentheses, 2,300 nested ``{ }``, 420 nested RDF lists) or a long chain of operators
(``1+1+…`` with 6,600 terms) overflows the stack and kills the process with no message; the
Oxigraph server dies the same way (nested lists at 273 levels). Measured on this machine,
each case in a fresh process, pyoxigraph 0.5.13 on an 8 MB main-thread stack:

====================================  ==================  ====================
construct                             pyoxigraph dies at  Oxigraph server dies at
====================================  ==================  ====================
nested ``( )`` in an expression       4,750 levels        4,694 levels
nested ``{ }`` groups                 2,250 levels
nested ``[ ]`` blank nodes            over 1,000 levels
nested ``( )`` RDF lists              425 levels          273 levels
nested ``FILTER EXISTS { }``          843 levels
``1 + 1 + …``                         6,906 terms         6,881 terms
====================================  ==================  ====================

So a query may nest at most :data:`MAX_DEPTH` brackets (``( { [`` counted together, strings,
IRIs and comments skipped) and be at most :data:`MAX_QUERY_CHARS` characters long. Chains of
operators are bounded by the length: the embedded engine runs queries on a thread with a
:data:`STACK_BYTES` stack and the server's engine gets the same through ``RUST_MIN_STACK``
(a chain of 19,000 ``+`` or 38,000 ``!`` then answers), so 20,000 characters stay far from
any crash.

:func:`run_with_time_limit` bounds the time of a command's query in a CLI process: the work
runs on a worker thread while the main thread waits, so Ctrl-C is honoured at once and a
query past its time ends the process with one line (pyoxigraph cannot cancel a running query,
but the process can end while its thread is busy).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

from .errors import QueryError

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "MAX_DEPTH",
    "MAX_QUERY_CHARS",
    "TIMEOUT_ENV",
    "check_query_text",
    "nesting_depth",
    "query_timeout",
    "run_with_time_limit",
]

MAX_DEPTH = 100
MAX_QUERY_CHARS = 20_000
DEFAULT_TIMEOUT_S = 60.0
TIMEOUT_ENV = "ISC_GRAPH_TIMEOUT"
STACK_BYTES = 256 * 1024 * 1024  # reserved, not used: pages are touched only as needed

EXIT_INTERRUPTED = 130

_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_OPEN, _CLOSE = "({[", ")}]"

T = TypeVar("T")


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``( { [`` in ``text``, not counting strings, IRIs and comments.

    >>> nesting_depth('SELECT * WHERE { ?s ?p "((((" FILTER((?o < 3)) } # ((((')
    3
    """
    depth = deepest = i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif ch == "<":
            m = _IRI.match(text, i)
            if m:
                i = m.end() - 1
        elif ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote) - 1
        i += 1
    return deepest


def check_query_text(text: str, name: str = "query") -> None:
    """Raise :class:`QueryError` when ``text`` is longer or nests deeper than the limits."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"{name}: the query is {len(text):,} characters long; the limit is "
            f"{MAX_QUERY_CHARS:,}: a longer query can crash the SPARQL engine; shorten it "
            "(bind values with VALUES or -p rather than spelling them out)"
        )
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise QueryError(
            f"{name}: the query nests {depth} levels deep; the limit is {MAX_DEPTH}: deeper "
            "nesting can crash the SPARQL engine; flatten it"
        )


def query_timeout(seconds: float | None = None) -> float:
    """The time a query may take: ``seconds``, else ``$ISC_GRAPH_TIMEOUT``, else 60."""
    if seconds is not None:
        return seconds
    raw = os.environ.get(TIMEOUT_ENV)
    if raw is None:
        return DEFAULT_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise QueryError(f"{TIMEOUT_ENV} must be a number of seconds above 0, not {raw!r}")
    return value


def run_with_time_limit(func: Callable[[], T], seconds: float, option: str = "--timeout") -> T:
    """``func()``, run on a worker thread with a large stack, for at most ``seconds``.

    For CLI processes only: past the time limit the process ends with exit code 2 and one
    ``Error: the query took longer than …`` line, on Ctrl-C with exit code 130, at once, even
    while the engine is busy in native code (which holds no Python lock, so the main thread
    keeps waking). An exception raised by ``func`` is raised here.
    """
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = func()
        except BaseException as exc:  # handed to the main thread, which reports it
            box["error"] = _detached(exc)

    previous = threading.stack_size(STACK_BYTES)
    try:
        worker = threading.Thread(target=target, name="isc-graph-query", daemon=True)
        worker.start()
    finally:
        threading.stack_size(previous)
    try:
        worker.join(seconds)
    except KeyboardInterrupt:
        _exit(EXIT_INTERRUPTED, "Interrupted.")
    if worker.is_alive():
        _exit(
            2,
            f"Error: the query took longer than {seconds:g} s ({option}): narrow it (LIMIT, "
            f"a bound parameter) or allow more time with {option} or {TIMEOUT_ENV}",
        )
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def _detached(exc: BaseException) -> BaseException:
    """``exc`` without its tracebacks (chained ones too), dropped here, on the worker thread.

    The frames hold the engine's result objects, which pyoxigraph refuses to drop on another
    thread than the one that made them.
    """
    seen: BaseException | None = exc
    for _ in range(100):
        if seen is None:
            break
        seen.__traceback__ = None
        seen = seen.__cause__ or seen.__context__
    return exc


def _exit(code: int, message: str) -> None:
    """End the process now: the worker thread may be busy in the engine and cannot be joined."""
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
    os._exit(code)
