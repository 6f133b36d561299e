"""A named query starts quickly because the CLI imports lazily, not because of a second parser.

``isc-graph`` is one click group; each command's module is imported only when it runs (see
isc_graph/cli/__init__.py). These tests check what that must give: ``isc-graph query NAME``,
``query -e``, ``show`` and ``stats`` import none of the heavy modules (nor the remote store),
the script answers (and refuses) exactly as the CLI does, and the listing in ``--help``, read
from a static map, matches the commands themselves.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import isc_graph.cli
from isc_graph.cli import COMMANDS, main

SCRIPT = Path(sys.executable).with_name("isc-graph")

# What a read command on the embedded store must not import: the build and validation stack,
# the analyses, the exporters, the remote store and the HTTP client under it.
HEAVY = (
    "rdflib",
    "pyshacl",
    "networkx",
    "numpy",
    "scipy",
    "pyvis",
    "pydot",
    "isc_graph.build",
    "isc_graph.parsing",
    "isc_graph.validation",
    "isc_graph.overlap",
    "isc_graph.export",
    "isc_graph.remote",
    "urllib.request",
    "http",
    "ssl",
    "socket",
    "email",
)

ANSWERED = [
    ["query", "action-line-leads"],
    ["query", "action-line-leads", "-f", "json"],
    ["query", "outcome-contributions", "--param", "objective=D.2", "--format", "csv"],
    ["query", "outcome-contributions", "-p", "objective=D.2", "--format=tsv"],
    ["query", "action-line-leads", "-f", "srj"],
    ["query", "action-line-leads", "-f", "jsonl"],
    ["query", "action-line-leads", "--timeout", "30"],
    ["query", "outcome-contributions", "--wide"],
    ["--lang", "fr", "query", "outcome-contributions", "-f", "csv"],
    ["--lang", "ES", "query", "outcome-contributions", "-f", "csv"],
]

REFUSED = [
    ["query", "action-line-leads", "-f", "xml"],
    ["query", "action-line-leads", "--timeout", "0"],
    ["query", "action-line-leads", "--timeout", "soon"],
    ["query", "action-line-leads", "--verbose"],
    ["query", "action-line-leads", "-p"],
    ["--lang", "de", "query", "action-line-leads"],
    ["query", "no-such-query"],
    ["query", "sdg-contributors"],  # a required parameter is missing
    ["query", "outcome-contributions", "-p", "objective"],
]


def run_script(
    args: list[str], root: Path, store: Path
) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run the installed script in a fresh process; its result and the modules it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(SCRIPT), "--root", str(root), *args],
        env={**os.environ, "ISC_GRAPH_STORE": str(store), "ISC_GRAPH_LANG": "en"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    done.stderr = "".join(
        line
        for line in done.stderr.splitlines(keepends=True)
        if not line.startswith("import time:")
    )
    return done, modules


def in_process(args: list[str], root: Path, store: Path) -> click.testing.Result:
    return CliRunner().invoke(
        main,
        ["--root", str(root), *args],
        prog_name="isc-graph",
        env={"ISC_GRAPH_STORE": str(store), "ISC_GRAPH_LANG": "en"},
        catch_exceptions=False,
    )


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize("args", ANSWERED + REFUSED, ids=[" ".join(a) for a in ANSWERED + REFUSED])
def test_a_named_query_imports_only_what_it_needs(args: list[str], built, store: Path) -> None:
    root = built[0]
    done, modules = run_script(args, root, store)
    assert heavy_in(modules) == []
    assert {m for m in modules if m.startswith("isc_graph.cli.")} <= {
        "isc_graph.cli.common",
        "isc_graph.cli.query",
    }
    expected = in_process(args, root, store)
    assert (done.returncode, done.stdout, done.stderr) == (
        expected.exit_code,
        expected.stdout,
        expected.stderr,
    )
    assert done.returncode == (0 if args in ANSWERED else 2)
    if args in REFUSED:
        assert done.stderr.count("Error:") == 1
        assert "Traceback" not in done.stderr


# The other read commands people run most, each with the command modules it may load.
READS = [
    (["show", "C2"], {"isc_graph.cli.common", "isc_graph.cli.show"}),
    (["show", "C2", "-f", "json"], {"isc_graph.cli.common", "isc_graph.cli.show"}),
    (["stats"], {"isc_graph.cli.common", "isc_graph.cli.stats"}),
    (
        ["query", "-e", "SELECT ?s ?l WHERE { ?s a isc:ActionLine ; skos:prefLabel ?l }"],
        {"isc_graph.cli.common", "isc_graph.cli.query"},
    ),
    (
        ["query", "outcome-contributions", "-p", "objective=D.2"],
        {"isc_graph.cli.common", "isc_graph.cli.query"},
    ),
]


@pytest.mark.parametrize(("args", "allowed"), READS, ids=[" ".join(a) for a, _ in READS])
def test_a_read_command_imports_only_what_it_needs(
    args: list[str], allowed: set[str], built, store: Path
) -> None:
    root = built[0]
    done, modules = run_script(args, root, store)
    assert done.returncode == 0, done.stderr
    assert done.stdout
    assert heavy_in(modules) == []
    assert {m for m in modules if m.startswith("isc_graph.cli.")} <= allowed
    if args[0] == "stats":  # nothing of show's
        assert not {"isc_graph.describe", "isc_graph.lookup", "isc_graph.render_text"} & modules


def test_output_to_a_file_imports_nothing_more(built, store: Path, tmp_path: Path) -> None:
    root = built[0]
    out = tmp_path / "leads.csv"
    done, modules = run_script(
        ["query", "action-line-leads", "-f", "csv", "-o", str(out)], root, store
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"Wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("action_line,")
    assert heavy_in(modules) == []


def test_a_stale_store_is_rebuilt_before_the_answer(built, store: Path) -> None:
    root = built[0]
    data = root / "data" / "doc-004.ttl"
    data.write_text(data.read_text() + "\n# changed\n")
    done, modules = run_script(["query", "action-line-leads"], root, store)
    assert done.returncode == 0, done.stderr
    assert "ontology/ or data/ changed since the last build; rebuilding…" in done.stderr
    assert done.stdout.startswith("action_line")
    assert "isc_graph.build" in modules  # the build is imported only when it is needed


def test_help_lists_the_commands_without_importing_them() -> None:
    code = (
        "import sys\n"
        "from isc_graph.cli import main\n"
        "try:\n"
        "    main(['--help'], prog_name='isc-graph')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', sorted(m for m in sys.modules if m.startswith('isc_graph.cli.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines()[-1] == "LOADED []"
    for name in COMMANDS:
        assert f"\n  {name} " in out


def command_modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.iter_modules(isc_graph.cli.__path__)
        if m.name != "common" and not m.name.startswith("_")
    ]


def test_the_static_map_names_every_command_of_every_module() -> None:
    defined = {}
    for module_name in command_modules():
        module = importlib.import_module(f"isc_graph.cli.{module_name}")
        for value in vars(module).values():
            if isinstance(value, click.Command) and value.callback.__module__ == module.__name__:
                defined[value.name] = module_name
    assert defined == {name: module for name, (module, _help) in COMMANDS.items()}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_static_short_help_is_the_commands_own(name: str) -> None:
    module_name, short_help = COMMANDS[name]
    command = getattr(importlib.import_module(f"isc_graph.cli.{module_name}"), name)
    assert command.name == name
    assert " ".join(command.help.partition("\n\n")[0].split()) == short_help
    assert command.short_help is None  # click would list short_help instead: keep them one


@pytest.mark.parametrize("width", [60, 80, 120])
def test_help_reads_as_it_would_with_every_command_loaded(width: int) -> None:
    """The lazy listing against an ordinary click group holding the real commands."""
    eager = click.Group("isc-graph")
    for name, (module_name, _help) in COMMANDS.items():
        eager.add_command(getattr(importlib.import_module(f"isc_graph.cli.{module_name}"), name))
    fresh = type(main)(name=main.name, lazy=COMMANDS)  # nothing imported through it yet
    listings = []
    for group in (fresh, eager):
        formatter = click.HelpFormatter(width=width)
        group.format_commands(click.Context(group), formatter)
        listings.append(formatter.getvalue())
    assert listings[0] == listings[1]
    assert listings[0].startswith("Commands:\n")


def test_completion_of_command_names_imports_nothing() -> None:
    code = (
        "import os, sys\n"
        "os.environ.update(_ISC_GRAPH_COMPLETE='zsh_complete', COMP_WORDS='isc-graph s',"
        " COMP_CWORD='1')\n"
        "from isc_graph.cli import main\n"
        "try:\n"
        "    main(prog_name='isc-graph')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', sorted(m for m in sys.modules if m.startswith('isc_graph.cli.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[-1] == "LOADED []"
    # zsh completion: type, value, help, for each command starting with "s".
    offered = out[:-1]
    assert offered[1::3] == ["serve", "show", "stats", "synth"]
    assert offered[2::3] == [
        click.Command(n, help=COMMANDS[n][1]).get_short_help_str() for n in offered[1::3]
    ]


def test_a_mistyped_command_is_answered_with_the_closest_name() -> None:
    """click suggests among the commands it holds; the lazy group offers them all."""
    done = subprocess.run(
        [sys.executable, "-m", "isc_graph", "quer"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.endswith("Error: No such command 'quer'. Did you mean 'query'?\n")
