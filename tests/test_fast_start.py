"""A named query on a built store answers through the fast path, without heavy imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Invoke

from isc_graph.fastpath import try_fast_query

CASES = [
    ["query", "action-line-leads"],
    ["query", "action-line-leads", "-f", "json"],
    ["query", "outcome-contributions", "--param", "objective=D.2", "--format", "csv"],
    ["query", "outcome-contributions", "-p", "objective=D.2", "--format=tsv"],
    ["query", "action-line-leads", "-f", "srj"],
    ["query", "action-line-leads", "-f", "jsonl"],
    ["query", "outcome-contributions", "--wide"],
    ["--lang", "fr", "query", "outcome-contributions", "-f", "csv"],
]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c[1:]) for c in CASES])
def test_fast_path_answers_like_the_cli(
    args: list[str], cli: Invoke, mini: Path, store: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("ISC_GRAPH_LANG", "en")
    expected = cli(mini, *args)
    assert expected.exit_code == 0, expected.stderr
    monkeypatch.setenv("ISC_GRAPH_STORE", str(store))
    monkeypatch.setenv("ISC_GRAPH_LANG", "en")  # --lang sets it: the fast path must read --lang
    assert try_fast_query(["--root", str(mini), *args]) is True
    assert capsys.readouterr().out == expected.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["query", "--list"],
        ["query", "-e", "ASK {}"],
        ["query", "no-such-query"],
        ["query", "sdg-contributors"],  # a missing required parameter: the CLI reports it
        ["query", "action-line-leads", "-f", "xml"],
        ["query", "action-line-leads", "--verbose"],
        ["show", "C2"],
        ["stats"],
        ["--version"],
        ["--lang", "de", "query", "action-line-leads"],
    ],
)
def test_everything_else_goes_to_the_cli(
    args: list[str], cli: Invoke, mini: Path, store: Path, monkeypatch
) -> None:
    assert cli(mini, "build").exit_code == 0
    monkeypatch.setenv("ISC_GRAPH_STORE", str(store))
    assert try_fast_query(["--root", str(mini), *args]) is False


def test_stale_store_goes_to_the_cli(cli: Invoke, mini: Path, store: Path, monkeypatch) -> None:
    assert cli(mini, "build").exit_code == 0
    (mini / "data" / "doc-004.ttl").write_text(
        (mini / "data" / "doc-004.ttl").read_text() + "\n# changed\n"
    )
    monkeypatch.setenv("ISC_GRAPH_STORE", str(store))
    assert try_fast_query(["--root", str(mini), "query", "action-line-leads"]) is False


def test_named_query_imports_no_rdflib_pyshacl_networkx_or_click(
    cli: Invoke, mini: Path, store: Path
) -> None:
    assert cli(mini, "build").exit_code == 0
    code = (
        "import sys\n"
        "from isc_graph.fastpath import main\n"
        f"sys.argv = ['isc-graph', '--root', {str(mini)!r}, 'query', 'action-line-leads']\n"
        "main()\n"
        "heavy = [m for m in ('rdflib', 'pyshacl', 'networkx', 'click') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "ISC_GRAPH_STORE": str(store)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines()[0].startswith("action_line")
    assert out.splitlines()[-1] == "HEAVY []"
