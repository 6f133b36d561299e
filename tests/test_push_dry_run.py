"""``push --dry-run`` sends nothing; ``push`` replaces each named graph with one PUT.

A local HTTP server records every request it is sent; the graphs expected are listed by a
SPARQL query of this file, not by the push code.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest
from conftest import Invoke

from isc_graph.queries import run_query
from isc_graph.store import StoreLocation


class Recorder(BaseHTTPRequestHandler):
    """Answers 204 to anything and notes (method, path, body size)."""

    seen: list[tuple[str, str, int]]

    def _record(self) -> None:
        size = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(size)
        self.seen.append((self.command, self.path, size))
        self.send_response(204)
        self.end_headers()

    do_GET = do_POST = do_PUT = do_DELETE = _record

    def log_message(self, *_args: object) -> None:  # quiet
        pass


@pytest.fixture
def endpoint() -> Iterator[tuple[str, list[tuple[str, str, int]]]]:
    seen: list[tuple[str, str, int]] = []
    handler = type("Handler", (Recorder,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/store", seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def graphs(real_store: Path) -> dict[str, int]:
    """Each named graph of the built store and its number of triples."""
    db = StoreLocation(real_store).open_read_only()
    rows = run_query(db, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"].value: int(r["n"].value) for r in rows}


def test_dry_run_sends_no_request(real_cli: Invoke, endpoint, graphs: dict[str, int]) -> None:
    url, seen = endpoint
    result = real_cli("push", "--dry-run", url)
    assert result.exit_code == 0, result.stderr
    assert seen == []
    assert result.stdout.splitlines() == [
        f"Would replace <{g}> with {n} triples" for g, n in sorted(graphs.items())
    ]


def test_push_puts_each_graph_once(real_cli: Invoke, endpoint, graphs: dict[str, int]) -> None:
    """The server above does record requests: a real push is seen, one PUT per graph."""
    url, seen = endpoint
    result = real_cli("push", url)
    assert result.exit_code == 0, result.stderr
    assert [m for m, _, _ in seen] == ["PUT"] * len(graphs)
    targets = [parse_qs(urlsplit(path).query)["graph"][0] for _, path, _ in seen]
    assert targets == sorted(graphs)
    assert all(size > 0 for *_, size in seen)


def test_library_dry_run_sends_no_request(endpoint, monkeypatch: pytest.MonkeyPatch) -> None:
    """The library function too, even with urllib itself refusing to be called."""
    from isc_graph import remote

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a request was sent")

    monkeypatch.setattr(remote, "_request", refuse)
    url, seen = endpoint
    n = ox.NamedNode("https://w3id.org/isc-graph/id/BDT")
    quad = ox.Quad(n, n, ox.Literal("x"), ox.NamedNode("https://example.org/g"))
    assert remote.push({"https://example.org/g": [quad]}, url, dry_run=True) == [
        ("https://example.org/g", 1)
    ]
    assert seen == []
