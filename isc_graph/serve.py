"""``isc-graph serve``: the Oxigraph server behind a small supervising front.

The Oxigraph server alone cannot bound a query: its ``--timeout-s`` let a 4-way cross join
keep a core busy for over 75 s after the client left, answered cut queries with 200 and a
truncated body, and a deeply nested query aborted it (stack overflow). So the public port is
served by this front (the standard library's HTTP server), which

* checks each query's text (:func:`isc_graph.limits.check_query_text`) and answers 400
  without passing it on when it is too long or nests too deep;
* forwards everything else to the Oxigraph server (``serve-read-only``), the *worker*, on a
  private loopback port, and reads its whole answer before sending it: the client gets the
  worker's status with the complete body, or an error status, never a cut 200;
* when an answer is not complete within the time limit (503) or grows past
  :data:`MAX_RESULT_BYTES` (507), kills the worker and starts a fresh one, so that the
  engine's work really stops (queries running at that moment get 503 too);
* stops the worker when it stops itself: Ctrl-C, SIGTERM or SIGHUP.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import IscGraphError, QueryError
from .limits import MAX_QUERY_CHARS, STACK_BYTES, check_query_text

__all__ = ["MAX_RESULT_BYTES", "check_port", "serve"]

MAX_RESULT_BYTES = 64 * 1024 * 1024
MAX_REQUEST_BYTES = 4 * MAX_QUERY_CHARS + 4096  # room for percent-encoding and other fields
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "te"}


class _Stopped(Exception):
    """SIGTERM or SIGHUP: stop like on Ctrl-C."""


class _Cut(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Worker:
    """The Oxigraph server on a private loopback port, restarted when a query is cut."""

    def __init__(self, exe: str, db: Path) -> None:
        self.exe, self.db = exe, db
        self.lock = threading.Lock()
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.generation = 0

    def start(self) -> None:
        with self.lock:
            self._start()

    def _start(self) -> None:
        self.port = _free_port()
        # The server's engine threads get a large stack, so a long chain of operators that the
        # size limit lets through cannot overflow it (see isc_graph.limits).
        env = {**os.environ, "RUST_MIN_STACK": str(STACK_BYTES)}
        self.proc = subprocess.Popen(
            [
                self.exe,
                "serve-read-only",
                "--location",
                str(self.db),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--union-default-graph",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # it names its private port: not for the user
            stderr=subprocess.DEVNULL,
        )
        self.generation += 1
        end = time.monotonic() + 30
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise IscGraphError(
                    f"the Oxigraph server stopped with exit code {self.proc.returncode}"
                )
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise IscGraphError("the Oxigraph server did not start within 30 s")

    def restart(self, generation: int) -> None:
        """Kill the worker that ``generation`` names and start another (once per generation)."""
        with self.lock:
            if generation != self.generation:
                return  # another request restarted it already
            self._kill()
            self._start()

    def ensure(self) -> int:
        """The current generation, restarting a worker that died."""
        with self.lock:
            if self.proc is None or self.proc.poll() is not None:
                self._start()
            return self.generation

    def _kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self) -> None:
        with self.lock:
            if self.proc is not None and self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._kill()


def query_text(method: str, path: str, headers: object, body: bytes) -> list[str]:
    """The SPARQL texts a request carries: ``query``/``update`` fields or a SPARQL body."""
    texts = []
    for field in ("query", "update"):
        texts += urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get(field, [])
    if method == "POST" and body:
        kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()  # type: ignore[attr-defined]
        if kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            texts += form.get("query", []) + form.get("update", [])
        elif kind in ("application/sparql-query", "application/sparql-update"):
            texts.append(body.decode("utf-8", "replace"))
    return texts


def _handler(worker: Worker, timeout: float) -> type[BaseHTTPRequestHandler]:
    class Front(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "isc-graph"

        def log_message(self, format: str, *args: object) -> None:
            pass  # the Oxigraph server's own log is quiet too

        def _answer(self, status: int, body: bytes, headers: list[tuple[str, str]]) -> None:
            self.send_response(status)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, status: int, message: str) -> None:
            self._answer(status, message.encode() + b"\n", [("Content-Type", "text/plain")])

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_REQUEST_BYTES:
                self.close_connection = True
                self._error(413, f"the request is larger than {MAX_REQUEST_BYTES:,} bytes")
                return
            body = self.rfile.read(length) if length else b""
            try:
                for text in query_text(self.command, self.path, self.headers, body):
                    check_query_text(text)
            except QueryError as exc:
                self._error(400, str(exc))
                return
            try:
                status, headers, data = self._exchange(body)
            except _Cut as cut:
                self._error(cut.status, str(cut))
                return
            self._answer(status, data, headers)

        def _exchange(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
            """The worker's whole answer, or _Cut (and a fresh worker) past a limit."""
            generation = worker.ensure()
            deadline = time.monotonic() + timeout
            conn = http.client.HTTPConnection("127.0.0.1", worker.port, timeout=timeout)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            try:
                conn.request(self.command, self.path, body=body or None, headers=headers)
                answer = conn.getresponse()
                chunks, size = [], 0
                while chunk := answer.read1(1 << 16) if self.command != "HEAD" else b"":
                    size += len(chunk)
                    if size > MAX_RESULT_BYTES:
                        worker.restart(generation)
                        raise _Cut(
                            507,
                            f"the result is larger than {MAX_RESULT_BYTES // 2**20} MB, the "
                            "limit of this server; narrow the query or add LIMIT",
                        )
                    chunks.append(chunk)
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError
                    conn.sock.settimeout(left)  # type: ignore[union-attr]
                kept = [(k, v) for k, v in answer.getheaders() if k.lower() not in _HOP_BY_HOP]
                return answer.status, kept, b"".join(chunks)
            except TimeoutError:
                worker.restart(generation)
                raise _Cut(
                    503,
                    f"the query took longer than {timeout:g} s (--timeout) and was stopped; "
                    "narrow it or add LIMIT",
                ) from None
            except (OSError, http.client.HTTPException):
                if generation != worker.generation:
                    raise _Cut(
                        503,
                        "the query was stopped: another query ran past the time limit and the "
                        "engine was restarted; try again",
                    ) from None
                worker.restart(generation)  # it died: a fresh one answers the next query
                raise _Cut(502, "the SPARQL engine failed on this query") from None
            finally:
                conn.close()

        do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_OPTIONS = _forward

    return Front


def check_port(bind: str, port: int) -> None:
    """Raise OSError when ``bind:port`` cannot be listened on.

    The probe binds as the server will, with SO_REUSEADDR (http.server sets it): without it,
    a port whose last connections are still in TIME_WAIT after a restart was refused, though
    the server itself would have bound it.
    """
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((bind, port))


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type, family: int) -> None:
        self.address_family = family
        super().__init__(address, handler)


def serve(
    exe: str,
    db: Path,
    bind: str,
    port: int,
    timeout: float,
    *,
    ready: Callable[[], None] | None = None,
) -> None:
    """Serve the store ``db`` read-only on ``bind:port`` until Ctrl-C, SIGTERM or SIGHUP."""
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    worker = Worker(exe, db)
    worker.start()

    def stop(signum: int, frame: object) -> None:
        raise _Stopped

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        front = _Server((bind, port), _handler(worker, timeout), family)
        try:
            if ready:
                ready()
            front.serve_forever(poll_interval=0.2)
        finally:
            front.server_close()
    except (KeyboardInterrupt, _Stopped):
        pass
    finally:
        worker.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
