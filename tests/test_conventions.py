"""Issue 11's conventions: --version, JSON lines, a readable table, example queries, shell
completion and progress."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, Invoke

from isc_graph import __version__
from isc_graph.cli import main
from isc_graph.progress import progress, steps
from isc_graph.results import LABEL_CELL_MAX, TABLE_CELL_MAX, format_table

EXAMPLES = REPO / "queries" / "examples"

# --version


def test_version(cli: Invoke, mini: Path) -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"isc-graph, version {__version__}\n"


def test_version_through_python_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "isc_graph", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout == f"isc-graph, version {__version__}\n"


# JSON lines and formats of --list and stats


def test_jsonl_is_the_json_objects_one_per_line(cli: Invoke, mini: Path) -> None:
    as_json = cli(mini, "query", "action-line-leads", "-f", "json")
    as_jsonl = cli(mini, "query", "action-line-leads", "-f", "jsonl")
    assert as_jsonl.exit_code == 0, as_jsonl.stderr
    lines = as_jsonl.stdout.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(as_json.stdout)
    assert len(lines) == 2
    assert json.loads(lines[0])["lead_unit_label"]  # the excerpt names BDT "BDT"


def test_ask_in_jsonl(cli: Invoke, mini: Path) -> None:
    assert cli(mini, "query", "-e", "ASK { :BDT a isc:Bureau }", "-f", "jsonl").stdout == "true\n"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "table"])
def test_query_list_honours_the_format(fmt: str, cli: Invoke, mini: Path) -> None:
    result = cli(mini, "query", "--list", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    names = sorted(p.stem for p in (mini / "queries").glob("*.rq"))
    if fmt == "json":
        rows = json.loads(result.stdout)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
    elif fmt in ("csv", "tsv"):
        delimiter = "," if fmt == "csv" else "\t"
        rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=delimiter))
    else:
        rows = [{"name": line.split()[0]} for line in result.stdout.splitlines()[2:]]
    assert [r["name"] for r in rows] == names
    if fmt == "json":
        assert {"name": "body-composition", "parameters": "body=ISC-TF"}.items() <= next(
            r for r in rows if r["name"] == "body-composition"
        ).items()


def test_query_list_refuses_a_graph_format(cli: Invoke, mini: Path) -> None:
    result = cli(mini, "query", "--list", "-f", "ttl")
    assert result.exit_code == 2
    assert result.stderr == "Error: --list is written as table, csv, tsv, json, jsonl, not ttl\n"


def test_stats_in_jsonl(cli: Invoke, mini: Path) -> None:
    as_json = json.loads(cli(mini, "stats", "-f", "json").stdout)
    result = cli(mini, "stats", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0] == {"table": "triples", "triples": as_json["triples"]}
    classes = {r["class"]: r["entities"] for r in records if r["table"] == "entities_per_class"}
    assert classes == as_json["entities_per_class"]
    documents = [r for r in records if r["table"] == "facts_per_document"]
    assert [r["document"] for r in documents] == [
        d["document"] for d in as_json["facts_per_document"]
    ]


# A readable table: long names cut, --wide keeps them


def test_the_table_cuts_names_at_40_and_other_cells_at_80() -> None:
    name, text = "n" * 60, "t" * 100
    lines = format_table(["id", "id_label", "note"], [["C2", name, text]]).splitlines()
    cells = lines[2].split("  ")
    assert cells[1] == "n" * (LABEL_CELL_MAX - 1) + "…"
    assert cells[2] == "t" * (TABLE_CELL_MAX - 1) + "…"
    wide = format_table(["id", "id_label", "note"], [["C2", name, text]], wide=True)
    assert wide.splitlines()[2] == f"C2  {name}  {text}"


TITLE = (
    "Strengthened capacity of Member States to use telecommunication/ICT for disaster risk "
    "reduction and management, to ensure availability of emergency telecommunications, and "
    "support cooperation in this area"
)


def test_query_table_cuts_long_names_and_wide_prints_them_whole(cli: Invoke, mini: Path) -> None:
    args = ("query", "outcome-contributions", "-p", "objective=D.2")
    table = cli(mini, *args)
    assert table.exit_code == 0, table.stderr
    row = table.stdout.splitlines()[2]
    assert TITLE[: LABEL_CELL_MAX - 1] + "…" in row
    assert TITLE not in row
    wide = cli(mini, *args, "--wide")
    assert wide.exit_code == 0, wide.stderr
    assert TITLE in wide.stdout.splitlines()[2]


def test_stats_and_list_take_wide(cli: Invoke, mini: Path) -> None:
    for args in (("stats", "--wide"), ("query", "--list", "--wide")):
        result = cli(mini, *args)
        assert result.exit_code == 0, result.stderr
        assert "…" not in result.stdout


# Example queries


def test_examples_are_not_named_queries(real_cli: Invoke) -> None:
    listed = real_cli("query", "--list", "-f", "json")
    names = {q["name"] for q in json.loads(listed.stdout)}
    assert not names & {p.stem for p in EXAMPLES.glob("*.rq")}
    assert sorted(p.name for p in EXAMPLES.glob("*.rq")) == ["my-construct.rq", "my-question.rq"]


def test_my_question_answers_with_names(real_cli: Invoke) -> None:
    result = real_cli("query", EXAMPLES / "my-question.rq", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert list(rows[0]) == ["unit", "unit_label", "role", "sector", "sector_label"]
    assert {
        "unit": "BDT",
        "unit_label": "Telecommunication Development Bureau",
        "role": "implementer",
        "sector": "ITU-D",
        "sector_label": "Telecommunication Development Sector",
    } in rows


def test_my_construct_starts_an_export(real_cli: Invoke, tmp_path: Path) -> None:
    import pyoxigraph as ox

    out = tmp_path / "part.trig"
    result = real_cli("export", "-f", "trig", "--query", EXAMPLES / "my-construct.rq", "-o", out)
    assert result.exit_code == 0, result.stderr
    quads = list(ox.parse(path=out, format=ox.RdfFormat.TRIG))
    subjects = {q.subject.value.rsplit("/", 1)[-1] for q in quads}
    assert {"ISC-TF", "DSG"} <= subjects


README_LINES = [
    line.split("  #")[0].strip()
    for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    if line.startswith("isc-graph ") and "queries/examples/" in line
]


def test_the_readme_uses_both_examples() -> None:
    used = " ".join(README_LINES)
    assert "queries/examples/my-question.rq" in used
    assert "queries/examples/my-construct.rq" in used


@pytest.mark.parametrize("line", README_LINES)
def test_readme_example_runs(
    line: str, real_cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each README command line that uses queries/examples runs as written (from the
    checkout, writing its -o file into a scratch folder)."""
    words = shlex.split(line)[1:]
    words = [str(REPO / w) if w.startswith("queries/examples/") else w for w in words]
    monkeypatch.chdir(tmp_path)
    result = real_cli(*words)
    assert result.exit_code == 0, (line, result.stderr)
    if "-o" in words:
        written = tmp_path / words[words.index("-o") + 1]
        assert written.stat().st_size > 0


# Shell completion


def _complete(words: str) -> list[str]:
    """What click's bash completion offers after ``isc-graph WORDS``."""
    parts = shlex.split(words) if words.strip() else []
    if words.endswith(" "):
        parts.append("")
    result = CliRunner().invoke(
        main,
        [],
        prog_name="isc-graph",
        env={
            "_ISC_GRAPH_COMPLETE": "bash_complete",
            "COMP_WORDS": " ".join(["isc-graph", *parts]),
            "COMP_CWORD": str(len(parts)),
        },
    )
    return [line.split(",", 1)[1] for line in result.output.splitlines()]


def test_completion_offers_named_queries() -> None:
    offered = _complete("query unit-")
    assert offered == ["unit-engagements", "unit-sectors"]
    assert set(_complete("query ")) == {p.stem for p in (REPO / "queries").glob("*.rq")}


def test_completion_offers_formats() -> None:
    assert _complete("query action-line-leads -f j") == ["json", "jsonl", "jsonld"]
    assert _complete("stats -f j") == ["json", "jsonl"]


def test_completion_of_a_path_is_left_to_the_shell() -> None:
    result = CliRunner().invoke(
        main,
        [],
        prog_name="isc-graph",
        env={
            "_ISC_GRAPH_COMPLETE": "bash_complete",
            "COMP_WORDS": "isc-graph query queries/ex",
            "COMP_CWORD": "2",
        },
    )
    assert result.output.splitlines() == ["file,queries/ex"]


def test_the_readme_says_how_to_enable_completion() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "_ISC_GRAPH_COMPLETE=bash_source isc-graph" in readme


# Progress


def test_progress_is_silent_when_stderr_is_not_a_terminal() -> None:
    out = io.StringIO()  # not a terminal
    assert list(progress(range(5), desc="Parsing", file=out)) == list(range(5))
    with steps("Overlap analysis", 2, file=out) as step:
        step("reading")
        step("comparing")
    assert out.getvalue() == ""


def test_progress_is_drawn_when_forced() -> None:
    out = io.StringIO()
    assert list(progress(range(5), desc="Parsing", unit="file", force=True, file=out)) == list(
        range(5)
    )
    assert "Parsing" in out.getvalue()
    assert re.search(r"\d/5 .*file/s", out.getvalue())  # files done of 5, and the rate
    out = io.StringIO()
    with steps("Overlap analysis", 2, force=True, file=out) as step:
        step("reading")
        step("comparing")
    assert "Overlap analysis" in out.getvalue() and "comparing" in out.getvalue()


def test_progress_is_drawn_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(out, "isatty", lambda: True)
    list(progress(range(3), desc="Loading", file=out))
    assert "Loading" in out.getvalue()


def test_commands_print_no_progress_into_captured_stderr(cli: Invoke, mini: Path) -> None:
    """Under CliRunner (and in pipes, files, CI) stderr is not a terminal: no bar."""
    built = cli(mini, "-v", "build")
    assert built.exit_code == 0, built.stderr
    overlap = cli(mini, "overlap", "-f", "json", "-o", mini / "o.json")
    exported = cli(mini, "export", "-f", "nodelink")
    for result in (built, overlap, exported):
        assert "%|" not in result.stderr and "it/s" not in result.stderr
    assert built.stderr == "Loading the sources into Oxigraph…\nValidating against the shapes…\n"


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_build_on_a_terminal_shows_files_statements_and_phases(
    mini: Path, tmp_path: Path
) -> None:
    """stderr a terminal: the build shows the file being loaded, the file count, then the
    checks over the statements loaded."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    # A terminal of 120 columns, as a user's is (a new pseudo-terminal has none).
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "isc_graph", "--root", str(mini), "build"],
        env={**os.environ, "ISC_GRAPH_STORE": str(tmp_path / "store")},
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)  # the child holds the terminal now; reading ends when it exits
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child has closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0
    text = drawn.decode("utf-8", "replace")
    assert re.search(r"Loading file \d/\d", text)
    assert "data/doc-004.ttl" in text
    assert re.search(r"Validating [\d,]+ statements", text)
    assert out.decode().startswith("Built ")
