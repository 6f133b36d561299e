"""``isc-graph diff --from REF --to REF``: statements added and removed between two versions.

The versions are commits of a small project in a throw-away git repository, the working
files, N-Quads files and a built store. Blank nodes get fresh ids in every load, so the tests
check that they are compared by content: a file rewritten with its blank nodes reordered
shows no change, and a blank node edited in place reads as the one statement that changed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import MINI_DATA, copy_project, runner_for

from isc_graph.diff.model import DiffReport, Section
from isc_graph.diff.render import FORMATS, render, word_diff
from isc_graph.diff.versions import open_version
from isc_graph.project import Project

ID = "https://w3id.org/isc-graph/id/"
GRAPH = "https://w3id.org/isc-graph/graph/doc-004"
ADDED = (
    f'<{ID}C10> <http://purl.org/dc/terms/title> "Ethical dimensions of the Information Society" .'
)
REMOVED = (
    f"<{ID}sp2020-2023/D.2-3> <https://w3id.org/isc-graph/ontology#contributesToSDG> "
    "<http://metadata.un.org/sdg/13> ."
)
# git run with a fixed identity and no user or system configuration, as on a clean machine.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        check=True,
        capture_output=True,
        env={**os.environ, **GIT_ENV},
    )


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def edit(root: Path, old: str, new: str) -> None:
    path = root / "data" / "doc-004.ttl"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_one_remove_one(root: Path) -> None:
    edit(
        root,
        'skos:notation "C10" ;',
        'skos:notation "C10" ;\n'
        '    dcterms:title "Ethical dimensions of the Information Society" ;',
    )
    edit(root, "sdg:11, sdg:13 ;", "sdg:11 ;")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The mini project in a git repository, with its first version committed."""
    root = copy_project(tmp_path / "project", MINI_DATA)
    git(root, "init", "-q")
    commit(root, "First version")
    return root


@pytest.fixture
def diff(repo: Path, tmp_path: Path):
    """``diff(*args)``: ``isc-graph --root REPO diff ARGS``."""
    invoke = runner_for(tmp_path / "store", repo)
    return lambda *args: invoke("diff", *args)


def as_json(result) -> dict:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def statements(report: dict) -> tuple[list[str], list[str]]:
    """The statements added and removed, over all documents."""
    docs = report["data"]["documents"]
    return [s for d in docs for s in d["added"]], [s for d in docs for s in d["removed"]]


def test_one_fact_added_and_one_removed_between_two_commits(repo: Path, diff) -> None:
    add_one_remove_one(repo)
    commit(repo, "One fact more, one less")
    report = as_json(diff("--from", "HEAD~1", "--to", "HEAD", "-f", "json"))
    assert report["kind"] == "versions"
    assert statements(report) == ([ADDED], [REMOVED])
    (doc,) = report["data"]["documents"]
    assert (doc["document"], doc["graph"]) == ("doc-004", GRAPH)
    by_entity = {e["entity"]: e for e in doc["entities"]}
    assert by_entity["C10"]["added"] == [ADDED] and by_entity["C10"]["removed"] == []
    assert by_entity["D.2-3"]["removed"] == [REMOVED] and by_entity["D.2-3"]["added"] == []
    assert by_entity["C10"]["label"] == "WSIS Action Line C10"

    text = diff("--from", "HEAD~1", "--to", "HEAD").stdout
    assert "doc-004: 1 statement added, 1 removed; 2 entities changed" in text
    rows = [line.split() for line in text.splitlines() if line.startswith(("C10 ", "D.2-3 "))]
    assert [r[0] for r in rows] == ["C10", "D.2-3"]
    assert "added" in rows[0] and "dcterms:title" in rows[0]
    assert rows[1][-3:] == ["removed", "isc:contributesToSDG", "13"]


def test_the_working_files_against_a_commit(repo: Path, diff) -> None:
    add_one_remove_one(repo)  # not committed
    for args in (["--from", "HEAD"], ["--from", "HEAD", "--to", "WORKTREE"]):
        assert statements(as_json(diff(*args, "-f", "json"))) == ([ADDED], [REMOVED])
    swapped = as_json(diff("--from", "WORKTREE", "--to", "HEAD", "-f", "json"))
    assert statements(swapped) == ([REMOVED], [ADDED])


def test_the_same_diff_between_two_n_quads_files(repo: Path, diff, tmp_path: Path) -> None:
    add_one_remove_one(repo)
    files = []
    for ref in ("HEAD", "WORKTREE"):
        store, _name = open_version(ref, Project(repo))
        path = tmp_path / f"{ref.lower()}.nq"
        path.write_bytes(ox.serialize(store, format=ox.RdfFormat.N_QUADS))
        files.append(path)
    report = as_json(diff("--from", files[0], "--to", files[1], "-f", "json"))
    assert statements(report) == ([ADDED], [REMOVED])


def test_a_built_store_is_a_version(repo: Path, diff, mini_store: Path) -> None:
    """The store built from the same files holds the same statements."""
    report = as_json(diff("--from", mini_store, "--to", "WORKTREE", "-f", "json"))
    assert statements(report) == ([], [])
    assert report["summary"][0].startswith("No differences")


def test_blank_nodes_renamed_or_reordered_are_no_change(repo: Path, diff) -> None:
    """Derivations are blank nodes with fresh ids in every load: compared by content."""
    assert statements(as_json(diff("--from", "HEAD", "-f", "json"))) == ([], [])
    # The same statements written otherwise: a derivation's lines reordered, an engagement
    # (a blank node that hangs from nothing) moved to the end of the file.
    edit(
        repo,
        '[ a prov:Derivation ; prov:entity :doc-004 ; isc:locator "Summary" ;\n'
        '        isc:quote "This document',
        '[ isc:locator "Summary" ; prov:entity :doc-004 ; a prov:Derivation ;\n'
        '        isc:quote "This document',
    )
    path = repo / "data" / "doc-004.ttl"
    text = path.read_text(encoding="utf-8")
    start = text.index("[] a isc:Engagement ; isc:agent :ITU")
    end = text.index("\n\n", start) + 2
    path.write_text(text[:start] + text[end:] + "\n" + text[start:end], encoding="utf-8")
    commit(repo, "Same facts, written otherwise")
    report = as_json(diff("--from", "HEAD~1", "--to", "HEAD", "-f", "json"))
    assert statements(report) == ([], [])
    assert "No differences" in diff("--from", "HEAD~1", "--to", "HEAD").stdout


def test_a_blank_node_edited_in_place_reads_as_the_statement_that_changed(repo: Path, diff) -> None:
    edit(repo, '    isc:since "2005"^^xsd:gYear ;\n', "")  # from BDT's engagement
    edit(repo, 'isc:locator "Annex 1, D.2-3"', 'isc:locator "Annex 1, outcome D.2-3"')
    report = as_json(diff("--from", "HEAD", "-f", "json"))
    added, removed = statements(report)
    assert len(added) == 1 and len(removed) == 2
    assert added[0].endswith(
        '<https://w3id.org/isc-graph/ontology#locator> "Annex 1, outcome D.2-3" .'
    )
    rows = {(r["entity"].split(" _:")[0], r["property"]): r for r in report["sections"][1]["rows"]}
    since = rows["isc:Engagement [agent BDT, role focal-point, topic C2]", "isc:since"]
    assert (since["change"], since["value"]) == ("removed", "2005")
    locator = rows["D.2-3", "prov:qualifiedDerivation/isc:locator"]
    assert (locator["change"], locator["value"]) == ("changed", "Annex 1, {+outcome+} D.2-3")


@pytest.fixture
def hostile(repo: Path) -> Path:
    """A quote with markup, quotes and a pipe: every format must keep it inert."""
    edit(
        repo,
        'isc:quote "flagship activities undertaken by BDT"',
        'isc:quote "flagship <script>alert(\\"x\\")</script> | activities undertaken by BDT"',
    )
    return repo


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders(hostile: Path, diff, fmt: str) -> None:
    result = diff("--from", "HEAD", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        report = json.loads(out)
        assert list(report) == ["kind", "title", "summary", "sections", "data"]
        assert report["data"]["documents"][0]["document"] == "doc-004"
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and "<style>" in out
        assert "<script>" not in out and "&lt;script&gt;" in out
        assert "<ins>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; |</ins>" in out
        assert "http" not in out.replace("https://w3id.org/isc-graph/graph/", "")
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {r["section"] for r in rows} == {"Documents", "doc-004"}
        assert {"document", "entity", "property", "value"} <= set(rows[0])
        (changed,) = [r for r in rows if r["change"] == "changed"]
        assert changed["property"] == "prov:qualifiedDerivation/isc:quote"
    elif fmt == "md":
        assert "\\|" in out and "<script>" not in out
        assert "| document | added | removed | entities |" in out
    else:
        assert "doc-004: 1 statement added, 1 removed; 1 entity changed" in out


def test_output_to_a_file(repo: Path, diff, tmp_path: Path) -> None:
    out = tmp_path / "diff.html"
    result = diff("--from", "HEAD", "-f", "html", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "HEAD~9"], "HEAD~9 is neither a git revision of {root}, a file nor a store"),
        (["--from", "no-such-tag", "--to", "HEAD"], "no-such-tag is neither a git revision"),
        (["--to", "HEAD"], "--to needs --from"),
        (["--from", "HEAD", "Res191-2014"], "give either --from/--to or Res191-2014"),
        ([], "say what to compare"),
        (["thematic-areas", "2019"], "thematic-areas takes two years"),
        (["--from", "{root}/data"], "neither a built store"),
        (["--from", "{root}/data/README.md"], "cannot tell the RDF format"),
    ],
)
def test_bad_input_is_one_error_line(repo: Path, diff, args: list[str], message: str) -> None:
    (repo / "data" / "README.md").write_text("notes\n")
    result = diff(*(a.format(root=repo) for a in args))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert message.format(root=repo) in result.stderr


def test_a_project_outside_git_says_so(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "plain", MINI_DATA)
    result = runner_for(tmp_path / "store", root)("diff", "--from", "HEAD")
    assert result.exit_code == 2
    assert f"({root} is not in a git repository)" in result.stderr


def test_word_level_changes_in_html_are_del_and_ins() -> None:
    cell = word_diff("the <b> old text", "the <b> new text")
    assert cell == "the <b> [-old-]{+new+} text"
    report = DiffReport("versions", "t", sections=[Section("s", ["value"], [{"value": cell}])])
    html = render(report, "html")
    assert "<td>the &lt;b&gt; <del>old</del><ins>new</ins> text</td>" in html
    assert render(report, "text").splitlines()[-1] == cell


@pytest.mark.parametrize(
    ("args", "kind"),
    [
        (["Res191-2014", "Res191-2018"], "revisions"),
        (["thematic-areas", "2019", "2022"], "thematic-areas"),
    ],
)
def test_the_other_kinds_read_the_built_graph(real_cli, args: list[str], kind: str) -> None:
    report = as_json(real_cli("diff", *args, "-f", "json"))
    assert report["kind"] == kind
    for fmt in FORMATS:
        assert real_cli("diff", *args, "-f", fmt).exit_code == 0
