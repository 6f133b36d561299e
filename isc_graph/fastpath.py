"""The hot path of ``isc-graph query NAME``: answer without importing click.

Importing click costs about 25 ms, half of what opening the store and running a whole query
costs a bare pyoxigraph process, so the named-query start-up target (at most 1.5 times the
bare process) cannot be met through it. This module recognises the plain form
``[--root DIR] [--lang LANG] query NAME|FILE.rq [-p NAME=VALUE]... [-f FORMAT] [--wide]
[--store PATH] [-o FILE] [--timeout SECONDS]``
on an up-to-date store and answers it with the same library calls and renderers as the CLI.
Anything else (other commands, --help, -e, --list, a store that needs a rebuild, and every
error) goes to the click CLI, which handles it in the usual way.
"""

from __future__ import annotations

import sys

from .lang import LANGUAGES

__all__ = ["main", "try_fast_query"]

_FORMATS = ("table", "csv", "tsv", "json", "jsonl", "srj", "ttl", "nt", "jsonld")


def _parse(argv: list[str]) -> dict | None:
    """The options of a plain named-query call, or None when it is anything else."""
    opts: dict = {
        "root": None,
        "lang": None,
        "store": None,
        "fmt": None,
        "output": None,
        "params": [],
        "wide": False,
        "timeout": None,
    }
    args = list(argv)
    while args and args[0] in ("--root", "--lang") and len(args) > 1:
        opts[args[0][2:]] = args[1]
        args = args[2:]
    if opts["lang"] is not None and opts["lang"].lower() not in LANGUAGES:
        return None
    if len(args) < 2 or args[0] != "query" or args[1].startswith("-"):
        return None
    opts["name"] = args[1]
    rest = args[2:]
    takes_value = {
        "-p": "params",
        "--param": "params",
        "-f": "fmt",
        "--format": "fmt",
        "--store": "store",
        "-o": "output",
        "--output": "output",
        "--timeout": "timeout",
    }
    while rest:
        flag = rest.pop(0)
        if flag == "--wide":
            opts["wide"] = True
            continue
        key, value = flag, None
        if flag.startswith("--") and "=" in flag:
            key, value = flag.split("=", 1)
        if key not in takes_value:
            return None
        if value is None:
            if not rest:
                return None
            value = rest.pop(0)
        if takes_value[key] == "params":
            opts["params"].append(value)
        else:
            opts[takes_value[key]] = value
    if opts["fmt"] is not None and opts["fmt"] not in _FORMATS:
        return None
    if opts["timeout"] is not None:
        try:
            opts["timeout"] = float(opts["timeout"])
        except ValueError:
            return None
        if not opts["timeout"] > 0:
            return None
    return opts


def try_fast_query(argv: list[str]) -> bool:
    """Answer a plain named query if possible; False means: let the full CLI handle it."""
    opts = _parse(argv)
    if opts is None:
        return False
    try:
        import os
        from pathlib import Path

        from .limits import query_timeout, run_with_time_limit
        from .project import Project
        from .queries import load_query, parse_params, run_query
        from .results import render
        from .store import StoreLocation, is_up_to_date, resolve_store_path

        if str(opts["store"] or os.environ.get("ISC_GRAPH_STORE", "")).startswith("http"):
            return False  # a remote endpoint: the CLI handles it
        project = Project(opts["root"])
        location = StoreLocation(resolve_store_path(opts["store"]))
        if not project.data_dir.is_dir() or not is_up_to_date(project, location):
            return False
        named = load_query(opts["name"], project.queries_dir)
        given = parse_params(opts["params"])
        named.bindings(given)  # a wrong parameter: the CLI reports it
        timeout = query_timeout(opts["timeout"])
        db = location.open_read_only()
        lang = opts["lang"].lower() if opts["lang"] else None

        def answer() -> str:
            # A value may be given by name or in another case: bind the value it names.
            values = named.bindings(named.check_values(db, given))
            result = run_query(db, named.text, values, name=named.name, lang=lang)
            return render(result, opts["fmt"], wide=opts["wide"])

        # Past the time limit or on Ctrl-C this ends the process with its message.
        text = run_with_time_limit(answer, timeout)
        if opts["output"]:
            Path(opts["output"]).write_text(text, encoding="utf-8")
            sys.stderr.write(f"Wrote {opts['output']}\n")
        else:
            sys.stdout.write(text)
    except Exception:  # any problem: the full CLI redoes the call and reports it properly
        return False
    return True


def main() -> None:
    """Entry point of the ``isc-graph`` script."""
    if try_fast_query(sys.argv[1:]):
        return
    from .cli import main as cli_main

    cli_main()
