"""Start-up cost of a named query: ``isc-graph query action-line-leads`` against bare pyoxigraph.

Builds the repository's graph into a temporary store (or uses ``--store``), then times, over
``--runs`` alternating runs:

* the CLI, as a user runs it (a fresh process, manifest check, query, table output), and
* a bare Python process that opens the same store read-only with pyoxigraph and runs the
  same query text, consuming every row.

Prints both medians and their ratio. Target: at most 2. The CLI pays for importing click
(its one command-line grammar) and little else: each command's module, and what it needs, is
imported only when that command runs (isc_graph/cli/__init__.py). Run it with
``.venv/bin/python benchmarks/query_start.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = 2  # the CLI's median at most this many times the bare process's

BARE = """
import sys, pyoxigraph as ox
from pathlib import Path
store, query = sys.argv[1], Path(sys.argv[2]).read_text()
gen = Path(store) / (Path(store) / "CURRENT").read_text().strip() / "db"
db = ox.Store.read_only(str(gen))
prefixes = {"": "https://w3id.org/isc-graph/id/", "isc": "https://w3id.org/isc-graph/ontology#",
  "role": "https://w3id.org/isc-graph/id/role/", "skos": "http://www.w3.org/2004/02/skos/core#",
  "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
  "xsd": "http://www.w3.org/2001/XMLSchema#"}
rows = list(db.query(query, prefixes=prefixes, use_default_graph_as_union=True))
print(len(rows))
"""


# Time both commands as a user's shell runs them: with Python's bytecode cache in use.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--store", type=Path, help="a store to use (built if needed)")
    parser.add_argument("--root", type=Path, default=REPO, help="the project to build")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        cli = [str(Path(sys.executable).parent / "isc-graph"), "--root", str(args.root)]
        subprocess.run(
            [*cli, "build", "--store", str(store)], check=True, stdout=subprocess.DEVNULL
        )
        query_file = REPO / "queries" / "action-line-leads.rq"
        cli_cmd = [*cli, "query", "action-line-leads", "--store", str(store)]
        bare_cmd = [sys.executable, "-c", BARE, str(store), str(query_file)]
        for cmd in (cli_cmd, bare_cmd):  # warm the file cache
            timed(cmd)
        cli_times, bare_times = [], []
        for _ in range(args.runs):
            cli_times.append(timed(cli_cmd))
            bare_times.append(timed(bare_cmd))
        cli_ms = statistics.median(cli_times) * 1000
        bare_ms = statistics.median(bare_times) * 1000
        print(f"runs: {args.runs}")
        print(f"isc-graph query action-line-leads: median {cli_ms:.0f} ms")
        print(f"bare pyoxigraph, same store and query: median {bare_ms:.0f} ms")
        print(f"ratio: {cli_ms / bare_ms:.2f} (target <= {TARGET})")


if __name__ == "__main__":
    main()
