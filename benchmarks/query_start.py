"""Start-up cost of the read commands against a bare pyoxigraph process running the same SPARQL.

Copies the project (ontology/, data/, queries/) into a temporary folder, so that an edit made
while the benchmark runs does not trigger a rebuild, and builds it into a temporary store (or
uses ``--store``). Then, for each command below:

* it records, in this process, the SPARQL texts the command sends to the store (a recording
  wrapper around the opened store: the texts exactly as run, prefixes given apart), and
* times, over ``--runs`` alternating runs, each in a fresh process, the command as a user runs
  it (manifest check, query, output) and a bare Python process that opens the same store
  read-only with pyoxigraph, runs the same texts and prints every row.

Prints each pair of medians and their ratio as a Markdown table. Target: at most 2 for each.
The CLI pays for importing click (its one command-line grammar) and its own modules; each
command's module, and what it needs, is imported only when that command runs
(isc_graph/cli/__init__.py), and values are bound in the query text (isc_graph/bind.py), so
the engine does the same work in both processes. Run it with
``.venv/bin/python benchmarks/query_start.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from measure import run_child

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
TARGET = 2  # each command's median at most this many times the bare process's

# (what the table shows, the command's arguments)
EXPRESSION = "SELECT ?s ?label WHERE { ?s a isc:ActionLine ; skos:prefLabel ?label }"
COMMANDS = [
    ("query action-line-leads", ["query", "action-line-leads"]),
    (
        "query outcome-contributions -p objective=D.2",
        ["query", "outcome-contributions", "-p", "objective=D.2"],
    ),
    ("show C2", ["show", "C2"]),
    ("stats", ["stats"]),
    ("query -e '…'", ["query", "-e", EXPRESSION]),
]

# The bare process: the store opened read-only, each recorded text run, every row printed.
BARE = """
import json, sys, pyoxigraph as ox
from pathlib import Path
store, recorded = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())
db = ox.Store.read_only(str(store / (store / "CURRENT").read_text().strip() / "db"))
for text in recorded["texts"]:
    result = db.query(text, prefixes=recorded["prefixes"], use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        print(bool(result))
    else:
        for row in result:
            print("\\t".join("" if t is None else str(t) for t in row))
"""

# Time both as a user's shell runs them: with Python's bytecode cache in use.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


class Recorder:
    """Answers like the store it wraps, keeping the text and arguments of every query."""

    def __init__(self, store: Any, texts: list[str], prefixes: dict[str, str]) -> None:
        self.store, self.texts, self.prefixes = store, texts, prefixes

    def query(self, text: str, **kwargs: Any) -> Any:
        if kwargs.get("substitutions"):
            raise SystemExit("a read passed substitutions: the bare process would differ")
        self.texts.append(text)
        self.prefixes.update(kwargs.get("prefixes") or {})
        return self.store.query(text, **kwargs)


def record(args: list[str], root: Path, store: Path) -> dict:
    """The SPARQL texts that ``isc-graph ARGS`` sends to the store, and the prefixes."""
    from isc_graph.cli import main
    from isc_graph.store import StoreLocation

    texts: list[str] = []
    prefixes: dict[str, str] = {}
    opened = StoreLocation.open_read_only
    StoreLocation.open_read_only = lambda self: Recorder(opened(self), texts, prefixes)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            main(["--root", str(root), *args, "--store", str(store)], standalone_mode=False)
    finally:
        StoreLocation.open_read_only = opened
    return {"texts": texts, "prefixes": prefixes}


def copy_project(root: Path, dest: Path) -> Path:
    for part in ("ontology", "data", "queries"):
        shutil.copytree(root / part, dest / part)
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--store", type=Path, help="a store to use (built if needed)")
    parser.add_argument("--root", type=Path, default=REPO, help="the project to build")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        root = copy_project(args.root, tmp / "project")
        store = args.store or tmp / "store"
        cli = [str(Path(sys.executable).parent / "isc-graph"), "--root", str(root)]
        run_child([*cli, "build", "--store", str(store)], tmp / "build.err", ENV)
        rows = []
        for label, words in COMMANDS:
            recorded = tmp / f"{len(rows)}.json"
            recorded.write_text(json.dumps(record(words, root, store)), encoding="utf-8")
            cli_cmd = [*cli, *words, "--store", str(store)]
            bare_cmd = [sys.executable, "-c", BARE, str(store), str(recorded)]
            for cmd in (cli_cmd, bare_cmd):  # warm the file cache
                run_child(cmd, tmp / "warm.err", ENV)
            cli_times, bare_times = [], []
            for _ in range(args.runs):
                cli_times.append(run_child(cli_cmd, tmp / "cli.err", ENV)[0])
                bare_times.append(run_child(bare_cmd, tmp / "bare.err", ENV)[0])
            cli_ms = statistics.median(cli_times) * 1000
            bare_ms = statistics.median(bare_times) * 1000
            texts = len(json.loads(recorded.read_text(encoding="utf-8"))["texts"])
            rows.append((label, texts, cli_ms, bare_ms))
            print(f"{label}: {cli_ms:.0f} ms, bare {bare_ms:.0f} ms", file=sys.stderr)
        print(f"runs: {args.runs} alternating, medians; target: ratio <= {TARGET}\n")
        print("| command | queries | isc-graph | bare pyoxigraph | ratio |")
        print("|---|---:|---:|---:|---:|")
        for label, texts, cli_ms, bare_ms in rows:
            ratio = cli_ms / bare_ms
            mark = "" if ratio <= TARGET else " (over target)"
            print(
                f"| `isc-graph {label}` | {texts} | {cli_ms:.0f} ms | {bare_ms:.0f} ms "
                f"| {ratio:.2f}{mark} |"
            )
        print(f"\n`query -e '…'` runs `{EXPRESSION}`.")


if __name__ == "__main__":
    main()
