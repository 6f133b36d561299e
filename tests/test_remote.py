"""Remote stores against a real Oxigraph server, serve, push, and the failure modes."""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import INTERRUPTIBLE, REPO, Invoke, runner_for

from isc_graph.cli import main
from isc_graph.queries import list_queries
from isc_graph.remote import RemoteError, RemoteStore, redact

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A writable Oxigraph server on a free loopback port; yields its base URL."""
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def pushed(server: str, real_store: Path) -> str:
    result = runner_for(real_store, REPO)("push", f"{server}/store")
    assert result.exit_code == 0, result.stderr
    return f"{server}/query"


def rows(text: str) -> list[list[str]]:
    return sorted(csv.reader(io.StringIO(text)))


def test_push_replaces_the_named_graphs_and_twice_changes_nothing(
    server: str, pushed: str, real_store: Path
) -> None:
    cli = runner_for(real_store, REPO)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = cli("query", "-e", count, "-f", "csv", "--store", pushed).stdout
    again = cli("push", f"{server}/store")
    assert again.exit_code == 0
    assert "Replaced <https://w3id.org/isc-graph/graph/doc-004> with" in again.stdout
    assert cli("query", "-e", count, "-f", "csv", "--store", pushed).stdout == before
    assert before == cli("query", "-e", count, "-f", "csv").stdout
    dry = cli("push", f"{server}/store", "--dry-run")
    # The graphs in order of name: the clause alignment the build derives comes first.
    assert dry.stdout.startswith("Would replace <https://w3id.org/isc-graph/graph/derived> with")
    assert "Would replace <https://w3id.org/isc-graph/graph/doc-000> with" in dry.stdout


@pytest.mark.parametrize("query", list_queries(REPO / "queries"), ids=lambda q: q.name)
def test_every_named_query_answers_the_same_remotely(query, pushed: str, real_cli: Invoke) -> None:
    params = [f"{k}={v}" for example in query.examples[:1] for k, v in example.items()]
    args = ["query", query.name, *(x for p in params for x in ("-p", p)), "-f", "csv"]
    here = real_cli(*args)
    there = real_cli(*args, "--store", pushed)
    assert here.exit_code == there.exit_code == 0, there.stderr
    assert rows(there.stdout) == rows(here.stdout)


@pytest.mark.parametrize(
    "args", [("show", "BDT"), ("show", "D.2-1"), ("stats", "-f", "json"), ("overlap", "-f", "json")]
)
def test_read_commands_answer_the_same_remotely(args, pushed: str, real_cli: Invoke) -> None:
    assert real_cli(*args, "--store", pushed).stdout == real_cli(*args).stdout


def test_build_refuses_a_remote_store(real_cli: Invoke, pushed: str) -> None:
    result = real_cli("build", "--store", pushed)
    assert result.exit_code == 2
    assert "is a remote endpoint: build writes the embedded store" in result.stderr


def test_serve_answers_queries_refuses_updates_and_stops_cleanly(real_store: Path) -> None:
    port = free_port()
    env = {**os.environ, "ISC_GRAPH_STORE": str(real_store), "ISC_GRAPH_ROOT": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "isc_graph", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **INTERRUPTIBLE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/")
        ui = urllib.request.urlopen(base + "/", timeout=5)
        assert ui.headers.get_content_type() == "text/html"
        store = RemoteStore(base + "/query")
        [row] = list(
            store.query(
                "SELECT (COUNT(*) AS ?n) WHERE "
                "{ ?s a <https://w3id.org/isc-graph/ontology#ActionLine> }"
            )
        )
        assert int(row["n"].value) == 11
        update = urllib.request.Request(
            base + "/update",
            data=urllib.parse.urlencode(
                {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}
            ).encode(),
            method="POST",
        )
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=5)
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
    assert f"Serving the graph read-only at {base}/" in err
    assert "Stopped." in err
    assert proc.returncode == 0


def test_serve_on_a_port_in_use(real_cli: Invoke) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = real_cli("serve", "--port", port)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port}")


class _Stub(BaseHTTPRequestHandler):
    """A misbehaving endpoint: status, content type, delay, extra headers (``headers``) and
    body set per server; ``echo`` answers with the request's headers on one line, Authorization
    first (within the 200 characters an error message quotes)."""

    def do_POST(self) -> None:
        cfg = self.server.cfg  # type: ignore[attr-defined]
        self.server.seen.append(self.headers.get("Authorization"))  # type: ignore[attr-defined]
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(cfg.get("delay", 0))
        body = cfg.get("body", b"oops")
        if cfg.get("echo"):
            sent = sorted(self.headers.items(), key=lambda kv: kv[0] != "Authorization")
            body = ("you sent: " + "; ".join(f"{k}: {v}" for k, v in sent)).encode()
        self.send_response(cfg.get("status", 500))
        self.send_header("Content-Type", cfg.get("type", "text/plain"))
        self.send_header("Content-Length", str(len(body)))
        for name, value in cfg.get("headers", {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the time-limit tests) is expected, not an error


def _start_stub() -> ThreadingHTTPServer:
    httpd = _QuietServer(("127.0.0.1", 0), _Stub)
    httpd.cfg, httpd.seen = {}, []  # type: ignore[attr-defined]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture
def stub() -> Iterator[ThreadingHTTPServer]:
    httpd = _start_stub()
    yield httpd
    httpd.shutdown()


@pytest.fixture
def elsewhere() -> Iterator[ThreadingHTTPServer]:
    """A second stub, on another port: another origin than ``stub``."""
    httpd = _start_stub()
    yield httpd
    httpd.shutdown()


def url_of(httpd: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}/query"


def test_closed_port(real_cli: Invoke) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = real_cli("query", "action-line-leads", "--store", url)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {url}: cannot connect")


def test_server_error_answer(stub, real_cli: Invoke) -> None:
    stub.cfg.update(status=500, body=b"Internal failure\nmore")
    result = real_cli("stats", "--store", url_of(stub))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {url_of(stub)}: the endpoint answered 500 Internal Server Error: "
        "Internal failure\n"
    )


def test_not_a_sparql_answer(stub, real_cli: Invoke) -> None:
    stub.cfg.update(status=200, type="text/html", body=b"<html>welcome</html>")
    result = real_cli("query", "action-line-leads", "--store", url_of(stub))
    assert result.exit_code == 2
    assert "did not answer with SPARQL results (got text/html)" in result.stderr


def test_slow_server_is_cut_by_the_time_limit(stub) -> None:
    stub.cfg.update(status=200, delay=3)
    with pytest.raises(RemoteError, match=r"no answer within 0\.5 s"):
        RemoteStore(url_of(stub), timeout=0.5).query("ASK {}")


def test_credentials_come_from_the_environment(stub, monkeypatch) -> None:
    stub.cfg.update(
        status=200, type="application/sparql-results+json", body=b'{"head":{},"boolean":true}'
    )
    monkeypatch.setenv("ISC_GRAPH_TOKEN", "s3cret")
    assert bool(RemoteStore(url_of(stub)).query("ASK {}"))
    monkeypatch.delenv("ISC_GRAPH_TOKEN")
    monkeypatch.setenv("ISC_GRAPH_USER", "ana")
    monkeypatch.setenv("ISC_GRAPH_PASSWORD", "pw")
    RemoteStore(url_of(stub)).query("ASK {}")
    assert stub.seen == ["Bearer s3cret", "Basic YW5hOnB3"]


def test_a_failed_push_says_what_was_already_replaced(stub, real_store: Path) -> None:
    stub.cfg.update(status=500)
    result = runner_for(real_store, REPO)("push", url_of(stub))
    assert result.exit_code == 2
    assert "the endpoint answered 500 Internal Server Error" in result.stderr
    assert "(graphs already replaced: none)" in result.stderr


def test_export_from_a_remote_store(pushed: str, real_cli: Invoke, tmp_path: Path) -> None:
    import networkx as nx

    here, there = tmp_path / "here.graphml", tmp_path / "there.graphml"
    assert real_cli("export", "-f", "graphml", "--focus", "BDT", "-o", here).exit_code == 0
    result = real_cli("export", "-f", "graphml", "--focus", "BDT", "-o", there, "--store", pushed)
    assert result.exit_code == 0, result.stderr
    a, b = nx.read_graphml(here), nx.read_graphml(there)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert a.number_of_edges() == b.number_of_edges()


def test_time_limit_from_the_environment(stub, real_cli: Invoke, monkeypatch) -> None:
    stub.cfg.update(status=200, delay=3)
    monkeypatch.setenv("ISC_GRAPH_TIMEOUT", "0.5")
    result = real_cli("stats", "--store", url_of(stub))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {url_of(stub)}: no answer within 0.5 s"


# Credentials (issue 12, defects 5 and 8): sent to the configured origin only, never printed,
# never taken from a URL.

TOKEN = "tok-5ecret-7e3a9"
SPARQL_TRUE = {"status": 200, "type": "application/sparql-results+json"}


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_query_redirected_to_another_origin_sends_it_no_credentials(
    code, stub, elsewhere, real_cli: Invoke, monkeypatch
) -> None:
    elsewhere.cfg.update(**SPARQL_TRUE, body=b'{"head":{},"boolean":true}')
    stub.cfg.update(status=code, headers={"Location": url_of(elsewhere)})
    monkeypatch.setenv("ISC_GRAPH_TOKEN", TOKEN)
    result = real_cli("query", "-e", "ASK {}", "--store", url_of(stub))
    assert stub.seen == [f"Bearer {TOKEN}"]
    assert elsewhere.seen == []  # not followed: the query and the token stay where configured
    assert result.exit_code == 2
    other = f"127.0.0.1:{elsewhere.server_address[1]}"
    assert result.stderr == (
        f"Error: {url_of(stub)}: the endpoint redirects ({code}) to {url_of(elsewhere)}, "
        f"another origin than http://127.0.0.1:{stub.server_address[1]}; not followed, so "
        "that credentials and data go only where configured: give that URL instead if you "
        "trust it\n"
    )
    assert other in result.stderr


def test_a_push_redirected_to_another_origin_sends_it_no_credentials(
    stub, elsewhere, real_store: Path, monkeypatch
) -> None:
    elsewhere.cfg.update(status=204, body=b"")
    stub.cfg.update(status=307, headers={"Location": url_of(elsewhere)})
    monkeypatch.setenv("ISC_GRAPH_TOKEN", TOKEN)
    result = runner_for(real_store, REPO)("push", url_of(stub))
    assert stub.seen == [f"Bearer {TOKEN}"]
    assert elsewhere.seen == []
    assert result.exit_code == 2
    assert f"redirects (307) to {url_of(elsewhere)}, another origin" in result.stderr
    assert "(graphs already replaced: none)" in result.stderr


def test_a_redirect_within_the_origin_keeps_the_credentials(stub, monkeypatch) -> None:
    """Only another origin is refused: a 303 to the same server is followed, token included."""
    stub.cfg.update(status=303, headers={"Location": "/elsewhere"})
    monkeypatch.setenv("ISC_GRAPH_TOKEN", TOKEN)
    with pytest.raises(RemoteError, match="redirect error that would lead to an infinite loop"):
        RemoteStore(url_of(stub)).query("ASK {}")
    assert len(stub.seen) > 1
    assert set(stub.seen) == {f"Bearer {TOKEN}"}


@pytest.mark.parametrize("verbose", [False, True], ids=["plain", "verbose"])
def test_an_error_that_echoes_the_request_shows_no_token(
    verbose, stub, real_cli: Invoke, monkeypatch
) -> None:
    stub.cfg.update(status=500, echo=True)
    monkeypatch.setenv("ISC_GRAPH_TOKEN", TOKEN)
    result = real_cli(*(["-v"] if verbose else []), "stats", "--store", url_of(stub))
    assert stub.seen == [f"Bearer {TOKEN}"]
    assert result.exit_code == 2
    assert "Authorization: Bearer ***" in result.stderr
    assert TOKEN not in result.stdout + result.stderr


def test_an_error_that_echoes_the_request_shows_no_password(
    stub, real_store: Path, monkeypatch
) -> None:
    stub.cfg.update(status=500, echo=True)
    monkeypatch.setenv("ISC_GRAPH_USER", "ana")
    monkeypatch.setenv("ISC_GRAPH_PASSWORD", "pa55-w0rd")
    result = runner_for(real_store, REPO)("push", url_of(stub))
    assert stub.seen[0] == "Basic YW5hOnBhNTUtdzByZA=="
    assert result.exit_code == 2
    assert "Authorization: Basic ***" in result.stderr
    output = result.stdout + result.stderr
    assert "pa55-w0rd" not in output and "YW5hOnBhNTUtdzByZA==" not in output


def _with_userinfo(httpd: ThreadingHTTPServer) -> str:
    return url_of(httpd).replace("http://", "http://alice:pa55-w0rd@")


@pytest.mark.parametrize("verbose", [False, True], ids=["plain", "verbose"])
@pytest.mark.parametrize("how", ["--store", "ISC_GRAPH_STORE", "push"])
def test_a_url_with_credentials_in_it_is_refused(how, verbose, stub, real_store: Path) -> None:
    url = _with_userinfo(stub)
    words = ["--root", str(REPO), *(["-v"] if verbose else [])]
    env = {"ISC_GRAPH_STORE": str(real_store)}
    if how == "--store":
        words += ["query", "-e", "ASK {}", "--store", url]
    elif how == "ISC_GRAPH_STORE":
        words += ["stats"]
        env["ISC_GRAPH_STORE"] = url
    else:
        words += ["push", url]
    result = CliRunner().invoke(main, words, env=env, catch_exceptions=False)
    assert stub.seen == []  # nothing was sent
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: http://***@127.0.0.1:{stub.server_address[1]}/query: a URL with a user name "
        f"or password in it is refused; give {url_of(stub)} and set ISC_GRAPH_USER and "
        "ISC_GRAPH_PASSWORD (or ISC_GRAPH_TOKEN) in the environment"
    )
    assert "pa55-w0rd" not in result.stdout + result.stderr


def test_redact_hides_every_credential(monkeypatch) -> None:
    monkeypatch.setenv("ISC_GRAPH_TOKEN", "t/k+n")
    monkeypatch.setenv("ISC_GRAPH_PASSWORD", "p@ss")
    monkeypatch.setenv("ISC_GRAPH_USER", "ana")
    text = "http://ana:p@ss@host:1/q Bearer t/k+n t%2Fk%2Bn p%40ss"
    assert redact(text) == "http://***@host:1/q Bearer *** *** ***"


@pytest.mark.parametrize("command", ["build", "serve"])
def test_commands_that_refuse_an_endpoint_do_not_print_its_password(command: str) -> None:
    result = CliRunner().invoke(
        main,
        ["--root", str(REPO), command, "--store", "http://alice:pa55-w0rd@127.0.0.1:9/query"],
    )
    assert result.exit_code == 2
    assert "http://***@127.0.0.1:9/query" in result.stderr
    assert "pa55-w0rd" not in result.stdout + result.stderr
