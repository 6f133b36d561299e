"""A private Virtuoso Open Source instance for the tests: loopback only, its own database.

:func:`start` writes a ``virtuoso.ini`` that keeps every file in one folder and listens on
two free loopback ports (SQL and HTTP), starts ``virtuoso-t`` in the foreground, waits until
its SPARQL endpoint answers, and prepares it with ``isql-vt`` as the README says a Virtuoso
for isc-graph needs (:data:`SETUP`). :meth:`Virtuoso.stop` shuts it down.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
MISSING = (
    "Virtuoso is not installed here (Debian: apt-get install virtuoso-opensource; "
    ".ci/run installs it)"
)
START_S = 60.0  # a new database is created on the first start: a few seconds here

# What the README asks of a Virtuoso that isc-graph pushes to and reads from:
# - the anonymous SPARQL user may update, so that `push` can PUT to /sparql-graph-crud;
# - Virtuoso's own graphs (its RDF views, LDP and URIQA set-up) are private, so that the
#   default graph, the union of all the graphs the anonymous user can read, is the union of
#   the pushed graphs; the anonymous user keeps reading and writing every other graph.
SETUP = """
GRANT SPARQL_UPDATE TO "SPARQL";
DB.DBA.RDF_GRAPH_GROUP_CREATE ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 1);
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs',
  'http://www.openlinksw.com/schemas/virtrdf#');
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs',
  'http://www.w3.org/ns/ldp#');
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs',
  'http://localuriqaserver/sparql');
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);
"""

INI = """\
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort        = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed       = {d}
NumberOfBuffers   = 10000
MaxDirtyBuffers   = 6000
ThreadsPerQuery   = 1

[HTTPServer]
ServerPort    = 127.0.0.1:{http}
ServerRoot    = {d}
ServerThreads = 4
Charset       = UTF-8

[SPARQL]
ResultSetMaxRows      = 100000
MaxQueryExecutionTime = 60
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Virtuoso:
    """A running instance: its process, folder and the base URL of its HTTP server."""

    process: subprocess.Popen
    folder: Path
    base: str
    sql_port: int

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def store_url(self) -> str:
        return f"{self.base}/sparql-graph-crud"

    def isql(self, sql: str) -> str:
        """Run ``sql`` as dba; an error in any statement fails."""
        script = self.folder / "setup.sql"
        script.write_text(sql, encoding="utf-8")
        assert ISQL is not None
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", str(script)],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0 or "Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql-vt failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        self.process.terminate()  # Virtuoso shuts down cleanly on SIGTERM
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start(folder: Path, seconds: float = START_S) -> Virtuoso:
    """A new instance with its database in ``folder``, answering and set up (:data:`SETUP`)."""
    assert SERVER is not None, MISSING
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(d=folder, sql=sql, http=http))
    process = subprocess.Popen(
        [SERVER, "+configfile", str(folder / "virtuoso.ini"), "+foreground"],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Virtuoso(process, folder, f"http://127.0.0.1:{http}", sql)
    try:
        _wait(server, seconds)
        server.isql(SETUP)
    except BaseException:
        server.stop()
        raise
    return server


def _wait(server: Virtuoso, seconds: float) -> None:
    end = time.monotonic() + seconds
    ask = f"{server.query_url}?query=ASK%7B%7D"
    while time.monotonic() < end:
        if server.process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited ({server.process.returncode}):\n{server.log()}")
        try:
            urllib.request.urlopen(ask, timeout=2).close()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise TimeoutError(f"Virtuoso did not answer within {seconds:g} s:\n{server.log()}")
