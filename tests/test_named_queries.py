"""Every named query has a header, and runs on the real graph with its documented columns."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import REPO, Invoke

from isc_graph.queries import NamedQuery, list_queries

QUERIES = list_queries(REPO / "queries")

# The column contract of the query library (README, "Named queries").
COLUMNS = {
    "action-line-leads": "action_line title itu_role lead_unit lead_role session_leads source",
    "outcome-contributions": "objective outcome title sdgs action_lines source",
    "objective-outcomes": "plan objective objective_title kind id title",
    "sdg-contributors": "sdg outcome objective unit source",
    "resolution-history": "resolution revision conference year place citation title source",
    "mandates": "resolution revision verb addressee action source",
    "thematic-areas": "year area previous source mapping",
    "body-composition": "body member role source",
    "unit-engagements": "unit topic topic_kind role source",
    "unit-sectors": "unit unit_label unit_class sector sector_label basis source",
    "provenance": "subject predicate object source locator quote id",
    "session-roles": "action_line session unit session_role line_role source",
    "meeting-counts": "body meetings period_start period_end cumulative source",
    "source-documents": "document label addressed_to year seed_file facts",
}


def test_the_library_is_complete() -> None:
    assert sorted(q.name for q in QUERIES) == sorted(COLUMNS)


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_header(query: NamedQuery) -> None:
    assert query.title, f"{query.path}: no '# title:' line"
    assert query.description, f"{query.path}: no '# description:' line"
    for p in query.params:
        assert p.description, f"{query.path}: parameter {p.name} has no description"
    required = [p.name for p in query.params if p.required]
    for name in required:
        assert any(name in ex for ex in query.examples), f"{query.path}: no example for {name}"


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_runs_with_documented_columns(query: NamedQuery, real_cli: Invoke) -> None:
    runs = query.examples or [{}]
    if not any(p.required for p in query.params):
        runs = [{}, *runs]
    for example in runs:
        args = [x for k, v in example.items() for x in ("-p", f"{k}={v}")]
        result = real_cli("query", query.name, *args, "-f", "csv")
        assert result.exit_code == 0, result.stderr
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows[0] == COLUMNS[query.name].split()
        assert len(rows) > 1, f"{query.name} {example}: no rows"
        # A parameter filters: every row shows the value asked for.
        for name, value in example.items():
            if name in rows[0]:
                col = rows[0].index(name)
                assert {r[col] for r in rows[1:]} == {value}


def test_every_query_file_parses(tmp_path: Path) -> None:
    for path in sorted((REPO / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# title: "), path


@pytest.mark.parametrize("query", [q for q in QUERIES if q.params], ids=lambda q: q.name)
def test_every_parameter_lists_its_values(query: NamedQuery, real_store: Path) -> None:
    """A value outside the graph is an error, so each parameter says which values it takes,
    and the documented examples are among them."""
    from isc_graph.queries import run_query
    from isc_graph.store import StoreLocation

    assert sorted(query.values) == sorted(p.name for p in query.params)
    db = StoreLocation(real_store).open_read_only()
    for name, select in query.values.items():
        known = {sol["value"].value for sol in run_query(db, select)}
        assert known, f"{query.name}: the values of {name} are empty"
        for example in query.examples:
            if name in example:
                assert example[name] in known


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("mandates", "-p", "resolution=Res191"),
            "Error: query 'mandates': no resolution 'Res191' in the graph; did you mean 191? "
            "(one of: 5, 30, 44, 70, 70/125, 71, 140, 191, 1332)",
        ),
        (
            ("outcome-contributions", "-p", "objective=d.2"),
            "Error: query 'outcome-contributions': no objective 'd.2' in the graph; "
            "did you mean D.2? (one of: D.1, D.2, D.3, D.4, I.6)",
        ),
        (
            ("unit-engagements", "-p", "unit=isc-tf"),
            "Error: query 'unit-engagements': no unit 'isc-tf' in the graph; did you mean ISC-TF?",
        ),
        (
            ("sdg-contributors", "-p", "sdg="),
            "Error: --param sdg= has no value; give one, or leave the parameter out",
        ),
        (
            ("mandates", "-p", "resolution=191", "-p", "resolution=71"),
            "Error: --param resolution is given twice ('191' and '71'); give it once",
        ),
    ],
    ids=["number-not-id", "case", "case-unit", "empty", "twice"],
)
def test_parameter_values_outside_the_graph_are_errors(
    args: tuple[str, ...], message: str, real_cli: Invoke
) -> None:
    result = real_cli("query", *args)
    assert result.exit_code == 2
    assert result.stderr.strip() == message
    assert result.stdout == ""
