"""Every named query has a header, and runs on the real graph with its documented columns."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, Invoke

from isc_graph.queries import NamedQuery, list_queries

QUERIES = list_queries(REPO / "queries")

# The column contract of the query library (README, "Named queries").
COLUMNS = {
    "action-line-leads": "action_line title itu_role lead_unit lead_unit_label lead_role "
    "session_leads session_leads_label source",
    "outcome-contributions": "objective objective_label outcome title sdgs sdgs_label "
    "action_lines action_lines_label source",
    "objective-outcomes": "plan plan_label objective objective_title kind id title",
    "sdg-contributors": "sdg sdg_label outcome outcome_label objective objective_label unit "
    "unit_label source",
    "resolution-history": "resolution resolution_label revision revision_label conference "
    "conference_label year place citation title source",
    "mandates": "resolution resolution_label revision revision_label verb addressee "
    "addressee_label action source",
    "thematic-areas": "year area previous source mapping",
    "body-composition": "body body_label member member_label role source",
    "unit-engagements": "unit unit_label topic topic_label topic_kind role source",
    "unit-sectors": "unit unit_label unit_class sector sector_label basis source",
    "provenance": "subject subject_label predicate object object_label source locator quote id "
    "id_label",
    "session-roles": "action_line action_line_label session session_label unit unit_label "
    "session_role line_role source",
    "meeting-counts": "body body_label meetings period_start period_end cumulative source",
    "source-documents": "document label addressed_to addressed_to_label year seed_file facts",
    "revision-changes": "resolution resolution_label old_revision old_revision_label "
    "new_revision new_revision_label change old_clause old_clause_label new_clause "
    "new_clause_label similarity",
}

# The id columns of each query, written out by hand, each with the column that names it.
# An id column holds the short id (skos:notation) of an entity a reader may not know by its
# id: a unit, body, member, topic, SDG, outcome, objective, plan, resolution, revision,
# conference, session, action line or document addressee; a list of them in one cell gets a
# list of names. Not id columns: `source` (the documents cited, listed by the query
# source-documents), role, kind and mapping codes (words already: focal-point, outcome,
# renamed), years, numbers, and `area`/`previous` (names already). An id column whose name is
# another column that was already there keeps it: an action line's or outcome's `title`, an
# objective's `objective_title`, a document's `label`.
ID_COLUMNS = {
    "action-line-leads": {
        "action_line": "title",
        "lead_unit": "lead_unit_label",
        "session_leads": "session_leads_label",
    },
    "outcome-contributions": {
        "objective": "objective_label",
        "outcome": "title",
        "sdgs": "sdgs_label",
        "action_lines": "action_lines_label",
    },
    "objective-outcomes": {"plan": "plan_label", "objective": "objective_title", "id": "title"},
    "sdg-contributors": {
        "sdg": "sdg_label",
        "outcome": "outcome_label",
        "objective": "objective_label",
        "unit": "unit_label",
    },
    "resolution-history": {
        "resolution": "resolution_label",
        "revision": "revision_label",
        "conference": "conference_label",
    },
    "mandates": {
        "resolution": "resolution_label",
        "revision": "revision_label",
        "addressee": "addressee_label",
    },
    "thematic-areas": {},
    "body-composition": {"body": "body_label", "member": "member_label"},
    "unit-engagements": {"unit": "unit_label", "topic": "topic_label"},
    "unit-sectors": {"unit": "unit_label", "sector": "sector_label"},
    "provenance": {"subject": "subject_label", "object": "object_label", "id": "id_label"},
    "session-roles": {
        "action_line": "action_line_label",
        "session": "session_label",
        "unit": "unit_label",
    },
    "meeting-counts": {"body": "body_label"},
    "source-documents": {"document": "label", "addressed_to": "addressed_to_label"},
    "revision-changes": {
        "resolution": "resolution_label",
        "old_revision": "old_revision_label",
        "new_revision": "new_revision_label",
        "old_clause": "old_clause_label",
        "new_clause": "new_clause_label",
    },
}


def test_the_library_is_complete() -> None:
    assert sorted(q.name for q in QUERIES) == sorted(COLUMNS) == sorted(ID_COLUMNS)


def _ids(cell: str | None) -> list[str]:
    return [x for x in (cell or "").split(", ") if x]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_every_id_column_has_a_label_column_beside_it(query: NamedQuery, real_cli: Invoke) -> None:
    """Issue 11: a name beside every id, in the JSON output of every named query."""
    example = query.examples[0] if query.examples else {}
    args = [x for k, v in example.items() for x in ("-p", f"{k}={v}")]
    result = real_cli("query", query.name, *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows
    columns = list(rows[0])
    for id_column, label_column in ID_COLUMNS[query.name].items():
        if label_column == f"{id_column}_label":  # a new column, right after the id
            assert columns.index(label_column) == columns.index(id_column) + 1, columns
        # Each entity with an id has a name (an empty name only where there is no id); a cell
        # listing several ids names each of them, "; " apart, as names may hold commas.
        named = [r for r in rows if r[id_column]]
        assert named, f"{query.name}: no row with a {id_column}"
        for row in named:
            if id_column in ("object", "subject"):  # a literal or a qualified node has no name
                continue
            ids = _ids(row[id_column]) if "," in (row[id_column] or "") else [row[id_column]]
            labels = (row[label_column] or "").split("; ") if len(ids) > 1 else [row[label_column]]
            assert len(labels) == len(ids), (query.name, id_column, row)
            if query.name != "action-line-leads" or id_column != "action_line":
                assert all(labels), (query.name, id_column, row)
    assert (
        any(r[label] for r in rows for label in ID_COLUMNS[query.name].values())
        or not (ID_COLUMNS[query.name])
    )


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_labels_do_not_multiply_rows_in_another_language(
    query: NamedQuery, real_cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SDG data has a prefLabel per language: a label read without the ?lang filter would
    give one row per language."""
    monkeypatch.setenv("ISC_GRAPH_LANG", "en")  # --lang sets it; restored after the test
    example = query.examples[0] if query.examples else {}
    args = [x for k, v in example.items() for x in ("-p", f"{k}={v}")]
    english = json.loads(real_cli("query", query.name, *args, "-f", "json").stdout)
    for lang in ("fr", "es"):
        other = real_cli("--lang", lang, "query", query.name, *args, "-f", "json")
        assert other.exit_code == 0, other.stderr
        assert len(json.loads(other.stdout)) == len(english), lang


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_sub_selects_name_entities_in_every_language(query: NamedQuery) -> None:
    """A sub-select does not see the outer ?lang, so one that labels lists binds each language
    itself; those lists must be the languages there are."""
    from isc_graph.lang import LANGUAGES

    for listed in re.findall(r"VALUES \?lang \{([^}]*)\}", query.text):
        assert listed.split() == [f'"{code}"' for code in LANGUAGES], query.name


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
    """Each file, as written, is a SELECT query the engine parses (with the project's prefixes
    only), whose columns are the documented ones, and the library lists it."""
    import pyoxigraph as ox

    from isc_graph.namespaces import PREFIXES

    paths = sorted((REPO / "queries").glob("*.rq"))
    assert sorted(q.name for q in QUERIES) == [p.stem for p in paths] == sorted(COLUMNS)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# title: "), path
        result = ox.Store().query(text, prefixes=PREFIXES)  # a SyntaxError names the line
        assert isinstance(result, ox.QuerySolutions), path
        assert [v.value for v in result.variables] == COLUMNS[path.stem].split(), path


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
            ("outcome-contributions", "-p", "objective=D.22"),
            "Error: query 'outcome-contributions': no objective 'D.22' in the graph; "
            "did you mean D.2? (one of: D.1, D.2, D.3, D.4, I.6)",
        ),
        (
            ("unit-engagements", "-p", "unit=ISC-TX"),
            "Error: query 'unit-engagements': no unit 'ISC-TX' in the graph; "
            "did you mean ISC-TF or ISCT?",
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
    ids=["number-not-id", "close-code", "close-unit", "empty", "twice"],
)
def test_parameter_values_outside_the_graph_are_errors(
    args: tuple[str, ...], message: str, real_cli: Invoke
) -> None:
    result = real_cli("query", *args)
    assert result.exit_code == 2
    assert result.stderr.strip() == message
    assert result.stdout == ""
