"""The remote store one piece at a time, against a local server that answers what each test
scripts and records what it was sent: credentials and their redaction, URLs and origins,
each kind of failure, the answer formats, and push.

Expected values are written by hand (the HTTP exchange, the messages), not read back from
``isc_graph.remote``.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

from isc_graph.remote import (
    RemoteError,
    RemoteStore,
    _origin,
    _portable_results,
    _where,
    check_url,
    default_timeout,
    push,
    redact,
)

RESULTS = "application/sparql-results+json"
EMPTY = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Script:
    """What the server answers next (the same to every request) and what it was sent."""

    status: int = 200
    content_type: str = RESULTS
    body: bytes = EMPTY
    location: str = ""
    seen: list[Seen] = field(default_factory=list)
    first: list[int] = field(default_factory=list)  # statuses of the first requests, in turn


class _Handler(BaseHTTPRequestHandler):
    script: Script

    def _answer(self) -> None:
        size = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(size)
        self.script.seen.append(Seen(self.command, self.path, dict(self.headers), body))
        status = self.script.first.pop(0) if self.script.first else self.script.status
        self.send_response(status)
        self.send_header("Content-Type", self.script.content_type)
        if self.script.location:
            self.send_header("Location", self.script.location)
        self.send_header("Content-Length", str(len(self.script.body)))
        self.end_headers()
        self.wfile.write(self.script.body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *_args: object) -> None:
        pass


@dataclass
class Endpoint:
    url: str
    script: Script


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[Endpoint]:
    for name in ("ISC_GRAPH_TOKEN", "ISC_GRAPH_USER", "ISC_GRAPH_PASSWORD", "ISC_GRAPH_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    script = Script()
    handler = type("Handler", (_Handler,), {"script": script})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Endpoint(f"http://127.0.0.1:{server.server_address[1]}", script)
    finally:
        server.shutdown()
        server.server_close()


def form(seen: Seen) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(seen.body.decode("utf-8"))


# --- credentials -----------------------------------------------------------------------------


def test_no_credentials_no_authorization(endpoint: Endpoint) -> None:
    RemoteStore(endpoint.url + "/query").query("ASK {}")
    assert "Authorization" not in endpoint.script.seen[0].headers


def test_a_token_is_sent_as_bearer_and_wins_over_a_user(
    endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISC_GRAPH_TOKEN", "t0k")
    monkeypatch.setenv("ISC_GRAPH_USER", "alice")
    RemoteStore(endpoint.url + "/query").query("ASK {}")
    assert endpoint.script.seen[0].headers["Authorization"] == "Bearer t0k"


def test_a_user_without_password_is_sent_with_an_empty_one(
    endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISC_GRAPH_USER", "alice")
    RemoteStore(endpoint.url + "/query").query("ASK {}")
    assert endpoint.script.seen[0].headers["Authorization"] == "Basic " + base64.b64encode(
        b"alice:"
    ).decode("ascii")


def test_an_empty_user_is_still_a_user(endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISC_GRAPH_USER", "")
    monkeypatch.setenv("ISC_GRAPH_PASSWORD", "pw")
    RemoteStore(endpoint.url + "/query").query("ASK {}")
    assert endpoint.script.seen[0].headers["Authorization"] == "Basic OnB3"  # ":pw"


def test_redact_hides_the_basic_value_and_percent_encoded_secrets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("ISC_GRAPH_TOKEN", "ISC_GRAPH_USER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ISC_GRAPH_USER", "bob")
    monkeypatch.setenv("ISC_GRAPH_PASSWORD", "p@ss word")
    basic = base64.b64encode(b"bob:p@ss word").decode("ascii")
    text = f"sent Basic {basic}; echoed p%40ss%20word and p@ss word"
    assert redact(text) == "sent Basic ***; echoed *** and ***"


def test_redact_replaces_the_longest_secret_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISC_GRAPH_USER", raising=False)
    monkeypatch.setenv("ISC_GRAPH_TOKEN", "abc")
    monkeypatch.setenv("ISC_GRAPH_PASSWORD", "abcdef")
    assert redact("x abcdef y abc") == "x *** y ***"


def test_redact_without_secrets_changes_only_userinfo(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ISC_GRAPH_TOKEN", "ISC_GRAPH_USER", "ISC_GRAPH_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    text = "https://u:p@w@host/x and mail@example.org"
    assert redact(text) == "https://***@host/x and mail@example.org"


def test_a_remote_error_is_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISC_GRAPH_TOKEN", "s3cret")
    assert str(RemoteError("answer: bearer s3cret")) == "answer: bearer ***"


# --- URLs and origins ------------------------------------------------------------------------


def test_where_drops_credentials_and_query_string() -> None:
    assert _where("http://u:p@w@host:8080/q?graph=x#f") == "http://host:8080/q#f"


def test_check_url_refuses_credentials_and_says_what_to_give() -> None:
    with pytest.raises(RemoteError) as exc:
        check_url("http://alice@host/query?x=1")
    assert str(exc.value) == (
        "http://***@host/query?x=1: a URL with a user name or password in it is refused; "
        "give http://host/query and set ISC_GRAPH_USER and ISC_GRAPH_PASSWORD "
        "(or ISC_GRAPH_TOKEN) in the environment"
    )
    assert check_url("http://host/q?mail=a@b") == "http://host/q?mail=a@b"


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("http://Host/x", "http://host:80"),
        ("https://host/x", "https://host:443"),
        ("http://host:8080/x", "http://host:8080"),
        ("ftp://host/x", "ftp://host:None"),
        ("http://host:abc/x", "http://host:abc"),
    ],
)
def test_origin(url: str, origin: str) -> None:
    assert _origin(url) == origin


def test_a_redirect_to_another_port_is_refused(endpoint: Endpoint) -> None:
    endpoint.script.status = 307
    endpoint.script.location = "http://127.0.0.1:1/query"
    with pytest.raises(RemoteError) as exc:
        RemoteStore(endpoint.url + "/query?x=1").query("ASK {}")
    port = endpoint.url.rsplit(":", 1)[1]
    assert str(exc.value) == (
        f"{endpoint.url}/query: the endpoint redirects (307) to http://127.0.0.1:1/query, "
        f"another origin than http://127.0.0.1:{port}; not followed, so that credentials and "
        "data go only where configured: give that URL instead if you trust it"
    )
    assert len(endpoint.script.seen) == 1


# --- failures --------------------------------------------------------------------------------


def test_an_error_answer_gives_its_first_line_cut_at_200(endpoint: Endpoint) -> None:
    endpoint.script.status = 400
    endpoint.script.content_type = "text/plain"
    endpoint.script.body = b"\n  " + b"y" * 300 + b"\nsecond line"
    with pytest.raises(RemoteError) as exc:
        RemoteStore(endpoint.url + "/query").query("ASK {}")
    assert str(exc.value) == f"{endpoint.url}/query: the endpoint answered 400 Bad Request: " + (
        "y" * 200
    )


def test_an_error_answer_without_body(endpoint: Endpoint) -> None:
    endpoint.script.status = 503
    endpoint.script.body = b""
    with pytest.raises(RemoteError) as exc:
        RemoteStore(endpoint.url + "/query").query("ASK {}")
    assert str(exc.value) == f"{endpoint.url}/query: the endpoint answered 503 Service Unavailable"


def test_a_closed_port_cannot_connect() -> None:
    with pytest.raises(RemoteError, match=r"^http://127\.0\.0\.1:1/q: cannot connect \("):
        RemoteStore("http://127.0.0.1:1/q").query("ASK {}")


def test_a_port_that_is_not_a_number_is_not_a_usable_url() -> None:
    with pytest.raises(RemoteError, match=r"^http://127\.0\.0\.1:x/q: not a usable URL \("):
        RemoteStore("http://127.0.0.1:x/q").query("ASK {}")


def test_the_timeout_is_given_in_seconds(endpoint: Endpoint) -> None:
    assert RemoteStore(endpoint.url, timeout=2.5).timeout == 2.5
    assert repr(RemoteStore("http://h/q")) == "RemoteStore('http://h/q')"


def test_the_default_timeout_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISC_GRAPH_TIMEOUT", "7")
    assert default_timeout() == 7
    assert RemoteStore("http://h/q").timeout == 7


# --- queries and their answers -----------------------------------------------------------------


def test_a_query_is_posted_as_a_form_with_its_prefixes(endpoint: Endpoint) -> None:
    store = RemoteStore(endpoint.url + "/query")
    store.query("ASK { ?s ex:p ?o }", prefixes={"ex": "urn:ex:"}, use_default_graph_as_union=True)
    [seen] = endpoint.script.seen
    assert (seen.method, seen.path) == ("POST", "/query")
    assert seen.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert seen.headers["Accept"] == f"{RESULTS}, application/n-triples;q=0.9"
    assert form(seen) == {
        "query": ["PREFIX ex: <urn:ex:>\nASK { ?s ex:p ?o }"],
        "union-default-graph": ["true"],
    }


def test_without_union_no_union_parameter(endpoint: Endpoint) -> None:
    RemoteStore(endpoint.url + "/query").query("ASK {}")
    assert form(endpoint.script.seen[0]) == {"query": ["ASK {}"]}


def test_substitutions_are_bound_with_values(endpoint: Endpoint) -> None:
    RemoteStore(endpoint.url + "/query").query(
        "SELECT ?x WHERE { ?x ?p ?o }", substitutions={ox.Variable("x"): ox.NamedNode("urn:a")}
    )
    [text] = form(endpoint.script.seen[0])["query"]
    assert "VALUES ?x { <urn:a> }" in " ".join(text.split())


def test_a_syntax_error_is_raised_before_sending(endpoint: Endpoint) -> None:
    with pytest.raises(SyntaxError):
        RemoteStore(endpoint.url + "/query").query("SELECT WHERE")
    assert endpoint.script.seen == []


def test_a_query_the_local_engine_cannot_run_is_still_sent(endpoint: Endpoint) -> None:
    """SERVICE to a place the local engine cannot reach fails locally, not as syntax."""
    RemoteStore(endpoint.url + "/query").query("ASK { SERVICE <urn:nowhere> { ?s ?p ?o } }")
    assert len(endpoint.script.seen) == 1


@pytest.mark.parametrize("content_type", [RESULTS, "application/json"])
def test_json_results_are_read(endpoint: Endpoint, content_type: str) -> None:
    endpoint.script.content_type = content_type
    endpoint.script.body = json.dumps(
        {
            "head": {"vars": ["x"]},
            "results": {"bindings": [{"x": {"type": "literal", "value": "v"}}]},
        }
    ).encode()
    [row] = RemoteStore(endpoint.url).query("SELECT ?x WHERE {}")
    assert row["x"] == ox.Literal("v")


def test_unreadable_json_results(endpoint: Endpoint) -> None:
    endpoint.script.body = b"{not json"
    with pytest.raises(
        RemoteError, match=r"^http://127\.0\.0\.1:\d+: unreadable SPARQL results \("
    ):
        RemoteStore(endpoint.url).query("ASK {}")


TRIPLE = (ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"))


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/n-triples", b'<urn:s> <urn:p> "o" .\n'),
        ("text/plain", b'<urn:s> <urn:p> "o" .\n'),
        ("application/n-quads", b'<urn:s> <urn:p> "o" <urn:g> .\n'),
        ("text/turtle", b'@prefix e: <urn:> . e:s e:p "o" .'),
    ],
)
def test_graph_answers_are_read(endpoint: Endpoint, content_type: str, body: bytes) -> None:
    endpoint.script.content_type = content_type
    endpoint.script.body = body
    triples = list(RemoteStore(endpoint.url).query("CONSTRUCT WHERE { ?s ?p ?o }"))
    assert [(t.subject, t.predicate, t.object) for t in triples] == [TRIPLE]


def test_an_unreadable_graph_answer(endpoint: Endpoint) -> None:
    endpoint.script.content_type = "text/turtle"
    endpoint.script.body = b"<urn:s> <urn:p> ."
    with pytest.raises(RemoteError, match=r"^http://127\.0\.0\.1:\d+: unreadable RDF answer \("):
        RemoteStore(endpoint.url).query("CONSTRUCT WHERE { ?s ?p ?o }")


def test_an_answer_that_is_not_sparql(endpoint: Endpoint) -> None:
    endpoint.script.content_type = "text/html"
    endpoint.script.body = b"<html></html>"
    with pytest.raises(RemoteError) as exc:
        RemoteStore(endpoint.url + "/").query("ASK {}")
    assert str(exc.value) == (
        f"{endpoint.url}/: did not answer with SPARQL results (got text/html); is this the "
        "endpoint's query URL (Oxigraph: …/query, Fuseki: …/DATASET/sparql)?"
    )


# --- answers written the way other endpoints write them -------------------------------------------


def _bindings(*terms: dict) -> bytes:
    return json.dumps(
        {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": t} for t in terms]}}
    ).encode()


def test_virtuoso_blank_nodes_and_booleans_are_made_portable() -> None:
    body = _bindings(
        {"type": "bnode", "value": "nodeID://b1"},
        {
            "type": "typed-literal",
            "datatype": "http://www.w3.org/2001/XMLSchema#boolean",
            "value": "1",
        },
        {"type": "literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "0"},
        {
            "type": "literal",
            "datatype": "http://www.w3.org/2001/XMLSchema#boolean",
            "value": "true",
        },
    )
    terms = [row["x"] for row in json.loads(_portable_results(body))["results"]["bindings"]]
    assert [t["value"] for t in terms] == [
        "b" + b"nodeID://b1".hex(),
        "true",
        "false",
        "true",
    ]
    rows = list(ox.parse_query_results(_portable_results(body), format=ox.QueryResultsFormat.JSON))
    assert isinstance(rows[0]["x"], ox.BlankNode)
    assert [r["x"] for r in rows[1:]] == [
        ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
        ox.Literal("false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
        ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
    ]


def test_other_answers_pass_unchanged() -> None:
    plain = _bindings({"type": "literal", "value": "1"})
    assert _portable_results(plain) is plain
    broken = b'{"type": "bnode", no json'
    assert _portable_results(broken) is broken
    ask = b'{"head": {}, "boolean": true, "x": "bnode"}'.replace(b'"bnode"', b'"bnode"')
    assert _portable_results(ask) == ask


def test_a_boolean_named_only_in_a_value_is_left_alone() -> None:
    body = _bindings({"type": "literal", "value": "http://www.w3.org/2001/XMLSchema#boolean"})
    assert json.loads(_portable_results(body)) == json.loads(body)


# --- push --------------------------------------------------------------------------------------


def _quads(graph: str, n: int) -> list[ox.Quad]:
    g = ox.NamedNode(graph)
    return [
        ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal("o"), g)
        for i in range(n)
    ]


def test_push_puts_each_graph_in_order_as_n_triples(endpoint: Endpoint) -> None:
    endpoint.script.status = 204
    endpoint.script.body = b""
    done = push(
        {"urn:g2": _quads("urn:g2", 1), "urn:g1": _quads("urn:g1", 2)}, endpoint.url + "/store"
    )
    assert done == [("urn:g1", 2), ("urn:g2", 1)]
    seen = endpoint.script.seen
    assert [(s.method, s.path) for s in seen] == [
        ("PUT", "/store?graph=urn%3Ag1"),
        ("PUT", "/store?graph=urn%3Ag2"),
    ]
    assert seen[0].headers["Content-Type"] == "application/n-triples"
    assert seen[0].headers["Accept"] == "*/*"
    assert sorted(seen[0].body.decode().splitlines()) == [
        '<urn:s0> <urn:p> "o" .',
        '<urn:s1> <urn:p> "o" .',
    ]


def test_push_to_a_url_with_a_query_string_adds_the_graph(endpoint: Endpoint) -> None:
    endpoint.script.status = 204
    endpoint.script.body = b""
    push({"urn:g": _quads("urn:g", 1)}, endpoint.url + "/store?db=x")
    assert endpoint.script.seen[0].path == "/store?db=x&graph=urn%3Ag"


def test_a_dry_run_counts_and_sends_nothing(endpoint: Endpoint) -> None:
    assert push({"urn:g": _quads("urn:g", 3)}, endpoint.url, dry_run=True) == [("urn:g", 3)]
    assert endpoint.script.seen == []


def test_a_failed_first_push_says_none_was_replaced(endpoint: Endpoint) -> None:
    endpoint.script.status = 500
    endpoint.script.body = b"full"
    with pytest.raises(RemoteError) as exc:
        push({"urn:g": _quads("urn:g", 1)}, endpoint.url + "/store")
    assert str(exc.value) == (
        f"{endpoint.url}/store: the endpoint answered 500 Internal Server Error: full "
        "(graphs already replaced: none)"
    )


def test_push_refuses_credentials_in_the_url() -> None:
    with pytest.raises(RemoteError, match="a URL with a user name or password in it is refused"):
        push({}, "http://a:b@host/store", dry_run=True)


# --- found unchecked by mutation testing ------------------------------------------------------


def test_a_short_secret_inside_a_longer_one_is_replaced_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Longest first, whatever their alphabetical order: "b" replaced first would leave the
    "a" of "ab" in sight."""
    monkeypatch.delenv("ISC_GRAPH_USER", raising=False)
    monkeypatch.setenv("ISC_GRAPH_TOKEN", "b")
    monkeypatch.setenv("ISC_GRAPH_PASSWORD", "ab")
    assert redact("[ab]") == "[***]"


def test_a_token_with_a_space_is_hidden_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISC_GRAPH_USER", raising=False)
    monkeypatch.delenv("ISC_GRAPH_PASSWORD", raising=False)
    monkeypatch.setenv("ISC_GRAPH_TOKEN", "two words")
    assert redact("echo: two words, two%20words") == "echo: ***, ***"


def test_the_origin_of_a_redirect_with_userinfo_and_a_bad_port() -> None:
    assert _origin("http://u:p@host:abc/x") == "http://host:abc"


def test_a_post_redirected_within_the_origin_is_reported_not_followed(endpoint: Endpoint) -> None:
    """urllib does not resend a POST to a 307's new place: the answer is reported as is."""
    endpoint.script.status = 307
    endpoint.script.location = "/elsewhere"
    endpoint.script.body = b"moved\n"
    with pytest.raises(RemoteError) as exc:
        RemoteStore(endpoint.url + "/query").query("ASK {}")
    assert str(exc.value) == (
        f"{endpoint.url}/query: the endpoint answered 307 Temporary Redirect: moved"
    )


def test_a_failed_third_push_lists_the_two_replaced(endpoint: Endpoint) -> None:
    endpoint.script.first = [204, 204]
    endpoint.script.status = 500
    endpoint.script.body = b""
    graphs = {g: _quads(g, 1) for g in ("urn:g1", "urn:g2", "urn:g3")}
    with pytest.raises(RemoteError) as exc:
        push(graphs, endpoint.url + "/store")
    assert str(exc.value).endswith("(graphs already replaced: urn:g1, urn:g2)")


@pytest.fixture
def silent() -> Iterator[str]:
    """A port that accepts connections and never answers."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/store"


def test_push_waits_the_time_given(silent: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISC_GRAPH_TIMEOUT", "5")
    with pytest.raises(RemoteError, match=r"no answer within 0\.2 s"):
        push({"urn:g": _quads("urn:g", 1)}, silent, timeout=0.2)


def test_push_waits_the_configured_time_by_default(
    silent: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISC_GRAPH_TIMEOUT", "0.2")
    with pytest.raises(RemoteError, match=r"no answer within 0\.2 s"):
        push({"urn:g": _quads("urn:g", 1)}, silent)


_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def test_a_virtuoso_blank_node_alone_or_a_boolean_alone_is_made_portable() -> None:
    bnode = _bindings({"type": "bnode", "value": "nodeID://b7"})
    [term] = [r["x"] for r in json.loads(_portable_results(bnode))["results"]["bindings"]]
    assert term == {"type": "bnode", "value": "b" + b"nodeID://b7".hex()}
    one = _bindings({"type": "literal", "datatype": _XSD_BOOLEAN, "value": "1"})
    [term] = [r["x"] for r in json.loads(_portable_results(one))["results"]["bindings"]]
    assert term == {"type": "literal", "datatype": _XSD_BOOLEAN, "value": "true"}


def test_an_error_answer_that_is_not_utf8_is_shown_with_replacements(endpoint: Endpoint) -> None:
    endpoint.script.status = 500
    endpoint.script.body = b"bad \xff byte"
    with pytest.raises(RemoteError) as exc:
        RemoteStore(endpoint.url + "/query").query("ASK {}")
    assert str(exc.value) == (
        f"{endpoint.url}/query: the endpoint answered 500 Internal Server Error: bad \ufffd byte"
    )


def test_a_closed_port_says_why_it_cannot_connect() -> None:
    with pytest.raises(RemoteError) as exc:
        RemoteStore("http://127.0.0.1:1/q").query("ASK {}")
    assert re.fullmatch(
        r"http://127\.0\.0\.1:1/q: cannot connect \(\[Errno \d+\] Connection refused\)",
        str(exc.value),
    )


def test_without_credentials_a_message_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ISC_GRAPH_TOKEN", "ISC_GRAPH_USER", "ISC_GRAPH_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    text = "http://example.org/sparql answered 500: XXXX is not a known graph"
    assert redact(text) == text
