"""Bounded queries (issue 12, defects 1–4): text limits, time limits, Ctrl-C, SIGTERM on serve."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from conftest import INTERRUPTIBLE, REPO, Invoke

from isc_graph.limits import MAX_DEPTH, MAX_QUERY_CHARS, nesting_depth

DEEP = "SELECT * WHERE { BIND(" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) }"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def env_for(store: Path) -> dict[str, str]:
    return {**os.environ, "ISC_GRAPH_STORE": str(store), "ISC_GRAPH_ROOT": str(REPO)}


def isc_graph(*args: str) -> list[str]:
    return [sys.executable, "-m", "isc_graph", *args]


def installed_script(store: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """The installed ``isc-graph`` script, run once."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("isc-graph")), *args],
        env={**env_for(store), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_nesting_depth_skips_strings_iris_and_comments() -> None:
    text = "SELECT * WHERE { ?s <urn:a(b> \"(((\" ; ?p '''{{'''\n FILTER(?o < (3)) } # (((("
    assert nesting_depth(text) == 3


def test_deep_nesting_is_refused_not_a_crash(real_cli: Invoke) -> None:
    result = real_cli("query", "-e", DEEP)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: expression: the query nests 5002 levels deep; the limit is {MAX_DEPTH}: "
        "deeper nesting can crash the SPARQL engine; flatten it\n"
    )


def test_deep_braces_in_a_file_are_refused(real_cli: Invoke, tmp_path: Path) -> None:
    query = tmp_path / "deep.rq"
    query.write_text("SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000)
    result = real_cli("query", str(query))
    assert result.exit_code == 2
    assert "the query nests 3000 levels deep; the limit is" in result.stderr


def test_an_overlong_query_is_refused(real_cli: Invoke) -> None:
    text = "SELECT * WHERE { BIND(" + "+".join(["1"] * 20000) + " AS ?x) }"
    result = real_cli("query", "-e", text)
    assert result.exit_code == 2
    assert f"characters long; the limit is {MAX_QUERY_CHARS:,}" in result.stderr


def test_the_installed_script_refuses_deep_nesting_too(real_store: Path, tmp_path: Path) -> None:
    query = tmp_path / "deep.rq"
    query.write_text(DEEP)
    done = installed_script(real_store, "query", str(query))
    assert done.returncode == 2
    assert "the query nests 5002 levels deep" in done.stderr


def test_an_embedded_query_past_its_timeout_ends_with_exit_2(real_store: Path) -> None:
    start = time.monotonic()
    done = subprocess.run(
        isc_graph("query", "--timeout", "1", "-e", CROSS_JOIN),
        env=env_for(real_store),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.monotonic() - start < 30
    assert done.returncode == 2
    assert done.stderr.startswith("Error: the query took longer than 1 s (--timeout): ")
    assert done.stderr.count("\n") == 1


def test_isc_graph_timeout_bounds_a_query_file(real_store: Path, tmp_path: Path) -> None:
    query = tmp_path / "cross.rq"
    query.write_text(CROSS_JOIN)
    done = installed_script(real_store, "query", str(query), ISC_GRAPH_TIMEOUT="1")
    assert done.returncode == 2
    assert "the query took longer than 1 s" in done.stderr


def test_ctrl_c_during_a_long_query_exits_130_at_once(real_store: Path) -> None:
    proc = subprocess.Popen(
        isc_graph("query", "-e", CROSS_JOIN),
        env=env_for(real_store),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **INTERRUPTIBLE,
    )
    try:
        time.sleep(3)  # well inside the query
        assert proc.poll() is None
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
        assert time.monotonic() - sent < 5
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 130
    assert err == "Interrupted.\n"


# --- serve ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(store: Path, *args: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        isc_graph("serve", "--port", str(port), *args),
        env=env_for(store),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    end = time.monotonic() + 30
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            return proc, base
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"serve did not start: {proc.communicate()[1]}")


def ask(base: str, query: str, timeout: float = 30) -> tuple[int, bytes]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(
        base + "/query", data=data, headers={"Accept": "application/sparql-results+json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture(scope="module")
def served(real_store: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    proc, base = start_serve(real_store, "--timeout", "2")
    yield proc, base
    proc.terminate()
    proc.wait(timeout=15)


def cpu_seconds(proc: psutil.Process) -> float:
    """CPU time of ``proc`` and its children, live and ended."""
    total = sum(proc.cpu_times()[:4])
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += sum(child.cpu_times()[:2])
    return total


def test_serve_refuses_deep_nesting_and_keeps_answering(served) -> None:
    _, base = served
    status, body = ask(base, DEEP)
    assert status == 400
    assert b"the query nests 5002 levels deep" in body
    assert ask(base, "ASK { ?s ?p ?o }") == (200, b'{"head":{},"boolean":true}')


def test_serve_stops_a_runaway_query_and_its_cpu_work(served) -> None:
    proc, base = served
    server = psutil.Process(proc.pid)
    start = time.monotonic()
    status, body = ask(base, CROSS_JOIN)
    assert time.monotonic() - start < 30
    assert status == 503
    assert b"the query took longer than 2 s (--timeout) and was stopped" in body
    time.sleep(1)
    before = cpu_seconds(server)
    time.sleep(3)
    assert cpu_seconds(server) - before < 1  # the engine's work stopped (it was a full core)
    assert ask(base, "ASK { ?s ?p ?o }")[0] == 200


def test_serve_refuses_a_huge_result_with_an_error_status(served) -> None:
    _, base = served
    status, body = ask(base, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    assert status in (503, 507)  # cut by size (64 MB) or by time, never a 200 cut short
    assert b"the result is larger than 64 MB" in body or b"took longer than" in body
    assert ask(base, "ASK { ?s ?p ?o }")[0] == 200


def test_sigterm_on_serve_stops_the_oxigraph_server(real_store: Path) -> None:
    proc, base = start_serve(real_store)
    children = psutil.Process(proc.pid).children(recursive=True)
    assert children, "the Oxigraph server runs as a child"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=15)
    assert proc.returncode == 0
    assert "Stopped." in err
    _, alive = psutil.wait_procs(children, timeout=10)
    assert not alive
    with pytest.raises(OSError):
        urllib.request.urlopen(base + "/", timeout=2)


# Queries that once killed or wedged the engine, or that are simply wrong: the server answers
# each with an error status (or a complete answer) and still answers the next one.
HOSTILE = {
    "deep parentheses": (DEEP, {400}),
    "deep braces": ("SELECT * WHERE " + "{" * 3000 + "}" * 3000, {400}),
    "deep RDF lists": ("SELECT * WHERE { ?s ?p " + "(" * 600 + "1" + ")" * 600 + " }", {400}),
    "deep FILTER EXISTS": (
        "SELECT * WHERE { ?s ?p ?o " + "FILTER EXISTS { " * 900 + "}" * 900 + " }",
        {400},
    ),
    # Past the 6,881 terms that crashed the server on its default stack: answered whole now.
    "long operator chain": ("SELECT (" + "+".join(["1"] * 7000) + " AS ?x) WHERE {}", {200}),
    "overlong text": ("SELECT * WHERE { ?s ?p ?o } #" + "x" * (MAX_QUERY_CHARS + 10), {400}),
    "syntax error": ("SELECT * WHERE { ?s ?p }", {400}),
    "undeclared prefix": ("SELECT * WHERE { ?s nope:p ?o }", {400}),
    "update": ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", {400, 403}),
    "runaway cross join": (CROSS_JOIN, {503}),
    "binary junk": (
        "\x00\x01\x02 SELECT \udcff".encode(errors="surrogateescape").decode("latin-1"),
        {400},
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_serve_survives_every_hostile_query(case: str, served) -> None:
    query, statuses = HOSTILE[case]
    status, _body = ask(served[1], query, timeout=60)
    assert status in statuses, (case, status, _body[:200])
    assert served[0].poll() is None, "the server process ended"
    assert ask(served[1], "ASK { ?s ?p ?o }") == (200, b'{"head":{},"boolean":true}')


def test_a_port_just_used_can_be_served_again() -> None:
    """A restart on the same port: the last connection of the previous server (which, like
    every http.server, set SO_REUSEADDR) is in TIME_WAIT on the server side, and a probe
    without SO_REUSEADDR refused the port ("Address already in use")."""
    from isc_graph.serve import check_port

    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        served, _ = listener.accept()
        served.close()  # the server closes first: its end of the connection waits
        client.recv(1)  # the server's FIN has arrived
        client.close()
    time.sleep(0.2)  # the client's FIN reaches the server's end, which enters TIME_WAIT
    with socket.socket() as plain, pytest.raises(OSError):
        plain.bind(("127.0.0.1", port))  # what the probe did
    check_port("127.0.0.1", port)  # what the server does
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(OSError):
            check_port("127.0.0.1", busy.getsockname()[1])
