"""The engine through the CLI, on a small real excerpt: build, validate, query, show, stats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import Invoke

FIXTURE_TRIPLES = 111  # tests/fixtures/mini/data/doc-004.ttl


@pytest.fixture
def total(mini: Path) -> int:
    """Triples the mini project holds: the fixture plus the ontology as it is today."""
    files = [p for p in (mini / "ontology").glob("*.ttl") if p.name != "shapes.ttl"]
    return FIXTURE_TRIPLES + sum(len(list(ox.parse(path=p))) for p in files)


def test_build_then_up_to_date(cli: Invoke, mini: Path, store: Path, total: int) -> None:
    first = cli(mini, "build")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.startswith(f"Built {total} triples in 2 graphs into {store} (")
    again = cli(mini, "build")
    assert again.exit_code == 0
    assert again.stdout == f"Up to date: {total} triples in {store}\n"
    assert (store / "CURRENT").is_file()


def test_validate_conforms(cli: Invoke, mini: Path, total: int) -> None:
    result = cli(mini, "validate")
    assert result.exit_code == 0
    assert result.stdout == f"Conforms: {total} triples checked against the shapes.\n"


def test_validate_json(cli: Invoke, mini: Path, total: int) -> None:
    result = cli(mini, "validate", "--format", "json")
    assert json.loads(result.stdout) == {
        "conforms": True,
        "triples": total,
        "engine": "sparql",
        "violations": [],
    }


def test_validate_with_the_reference_engine(cli: Invoke, mini: Path, total: int) -> None:
    result = cli(mini, "validate", "--engine", "pyshacl", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["engine"] == "pyshacl"
    assert json.loads(result.stdout)["triples"] == total


def test_query_builds_on_first_use_and_prints_table(cli: Invoke, mini: Path) -> None:
    result = cli(mini, "query", "action-line-leads")
    assert result.exit_code == 0, result.stderr
    assert "building it" in result.stderr
    # A title is cut at 40 characters (--wide prints it whole); the unit's name is beside it.
    assert result.stdout == (
        "action_line  title                                     itu_role     lead_unit"
        "  lead_unit_label  lead_role    session_leads  session_leads_label  source\n"
        "-----------  ----------------------------------------  -----------  ---------"
        "  ---------------  -----------  -------------  -------------------  -------\n"
        "C2           Information and Communication Infrastru…  facilitator  BDT"
        "        BDT              focal-point                                      doc-004\n"
        "C10\n"
    )


def test_query_csv_with_param(cli: Invoke, mini: Path) -> None:
    result = cli(mini, "query", "outcome-contributions", "--param", "objective=D.2", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows == [
        {
            "objective": "D.2",
            "objective_label": "Modern and secure telecommunication/ICT Infrastructure",
            "outcome": "D.2-3",
            "title": "Strengthened capacity of Member States to use telecommunication/ICT for "
            "disaster risk reduction and management, to ensure availability of emergency "
            "telecommunications, and support cooperation in this area",
            "sdgs": "1, 3, 5, 11, 13",
            "sdgs_label": "End poverty in all its forms everywhere; Ensure healthy lives and "
            "promote well-being for all at all ages; Achieve gender equality and empower all "
            "women and girls; Make cities and human settlements inclusive, safe, resilient and "
            "sustainable; Take urgent action to combat climate change and its impacts",
            "action_lines": "C2",
            "action_lines_label": "Information and Communication Infrastructure",
            "source": "doc-004",
        }
    ]


def test_param_value_the_graph_lacks_is_an_error_not_an_empty_answer(
    cli: Invoke, mini: Path
) -> None:
    result = cli(mini, "query", "outcome-contributions", "-p", "objective=D.4", "-f", "csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: query 'outcome-contributions': no objective 'D.4' in the graph; "
        "did you mean D.2? (one of: D.2)"
    )


def test_json_uses_short_ids_and_null_for_unbound(cli: Invoke, mini: Path) -> None:
    result = cli(mini, "query", "action-line-leads", "-f", "json")
    data = json.loads(result.stdout)
    assert data[0]["action_line"] == "C2" and data[0]["lead_unit"] == "BDT"
    assert data[1] == {
        "action_line": "C10",
        "title": None,
        "itu_role": None,
        "lead_unit": None,
        "lead_unit_label": None,
        "lead_role": None,
        "session_leads": None,
        "session_leads_label": None,
        "source": None,
    }


def test_srj_is_standard_sparql_json_with_full_iris(cli: Invoke, mini: Path) -> None:
    result = cli(mini, "query", "-e", "SELECT ?s WHERE { ?s a isc:Bureau }", "--format", "srj")
    data = json.loads(result.stdout)
    assert data["head"] == {"vars": ["s"]}
    assert data["results"]["bindings"] == [
        {"s": {"type": "uri", "value": "https://w3id.org/isc-graph/id/BDT"}}
    ]


def test_tsv(cli: Invoke, mini: Path) -> None:
    result = cli(
        mini, "query", "-e", "SELECT ?al WHERE { ?al a isc:ActionLine } ORDER BY ?al", "-f", "tsv"
    )
    assert result.stdout == "al\nC10\nC2\n"


def test_ask_and_construct(cli: Invoke, mini: Path) -> None:
    ask = cli(mini, "query", "-e", "ASK { :BDT a isc:Bureau }")
    assert ask.stdout == "true\n"
    nt = cli(mini, "query", "-e", "CONSTRUCT { :BDT a ?c } WHERE { :BDT a ?c }", "-f", "nt")
    assert nt.stdout == (
        "<https://w3id.org/isc-graph/id/BDT> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        " <https://w3id.org/isc-graph/ontology#Bureau> .\n"
    )
    jsonld = cli(mini, "query", "-e", "DESCRIBE :BDT", "-f", "jsonld")
    assert jsonld.exit_code == 0
    assert "https://w3id.org/isc-graph/id/BDT" in jsonld.stdout
    bad = cli(mini, "query", "-e", "SELECT ?s WHERE { ?s ?p ?o }", "-f", "ttl")
    assert bad.exit_code == 2
    assert "a SELECT query returns a table" in bad.stderr


def test_query_file_and_output(cli: Invoke, mini: Path, tmp_path: Path) -> None:
    rq = tmp_path / "my-question.rq"
    rq.write_text("SELECT ?id WHERE { ?x a isc:SectorObjective ; skos:notation ?id }\n")
    out = tmp_path / "answer.csv"
    result = cli(mini, "query", str(rq), "-f", "csv", "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text() == "id\nD.2\n"
    assert f"Wrote {out}" in result.stderr


def test_query_list(cli: Invoke, mini: Path) -> None:
    result = cli(mini, "query", "--list")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "parameters", "title"]
    names = [line.split()[0] for line in lines[2:]]
    assert names == sorted(p.stem for p in (mini / "queries").glob("*.rq"))
    assert any(line.startswith("body-composition") and "body=ISC-TF" in line for line in lines)


def test_unknown_query_and_bad_params(cli: Invoke, mini: Path) -> None:
    r = cli(mini, "query", "action-line-lead")
    assert r.exit_code == 2
    assert r.stderr == (
        "Error: no named query 'action-line-lead'; did you mean action-line-leads? "
        "(`isc-graph query --list` shows them all)\n"
    )
    r = cli(mini, "query", "sdg-contributors")
    assert r.exit_code == 2
    assert (
        r.stderr
        == "Error: query 'sdg-contributors' needs --param sdg=VALUE (SDG number, 1 to 17)\n"
    )
    r = cli(mini, "query", "sdg-contributors", "-p", "goal=5")
    assert "has no parameter goal (parameters: sdg)" in r.stderr
    r = cli(mini, "query", "-e", "SELECT ?s WHERE { ?s ?p }")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-3:] == [
        "Error: expression: invalid SPARQL at 1:26: expected one of LATERAL, SERVICE, [_]",
        "  SELECT ?s WHERE { ?s ?p }",
        "                           ^",
    ]
    r = cli(mini, "query", "-e", "SELECT * WHERE { ?s foo:bar ?o }")
    assert r.stderr.splitlines()[0].startswith(
        "Error: expression: invalid SPARQL at 1:28: unknown prefix foo: (declare it with PREFIX"
    )
    r = cli(mini, "query", "-e", "INSERT DATA { :a :b :c }")
    assert r.exit_code == 2
    assert "SPARQL Update (INSERT, DELETE, LOAD …) is not run against the graph" in r.stderr
    r = cli(mini, "query", "action-line-leads", "-e", "ASK {}")
    assert r.stderr == "Error: give either a query (action-line-leads) or -e 'SPARQL', not both\n"


def test_show_entity_with_sources(cli: Invoke, mini: Path) -> None:
    result = cli(mini, "show", "C2", "--all")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith(
        "WSIS Action Line C2 (C2)\nIRI    https://w3id.org/isc-graph/id/C2\nTypes  isc:ActionLine\n"
        "\nName and ids\n  skos:prefLabel  WSIS Action Line C2\n  skos:notation   C2\n"
    )
    assert "  dcterms:title   Information and Communication Infrastructure\n" in text
    assert "\nLinks\n  skos:inScheme  WSIS-ActionLines (WSIS action lines)\n" in text
    # Incoming qualified relations, grouped by property and class, show their facts and
    # quoted sources.
    assert (
        "  isc:topic from isc:Engagement (2)\n"
        "    - isc:agent: BDT\n"
        "      isc:role: focal-point (focal point); isc:since: 2005\n"
        "      source: doc-004, Policy level, para. 2\n"
    ) in text
    assert '        "as a moderator/facilitator for Action Lines C2, C5 and C6"\n' in text
    # Folded (the default), a passage comes first on one line, then its place, cut to fit.
    folded = cli(mini, "show", "C2").stdout
    assert '      source: doc-004: "Since 2005, BDT has been' in folded
    assert (
        '      source: doc-004: "as a moderator/facilitator for Action Lines C2, C5 and C6" '
        "(Policy level, p…" in folded
    )


def test_show_accepts_iri_prefixed_name_and_case(cli: Invoke, mini: Path) -> None:
    for ident in ("https://w3id.org/isc-graph/id/BDT", ":BDT", "bdt"):
        result = cli(mini, "show", ident, "-f", "json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["id"] == "BDT"


def test_show_unknown_id(cli: Invoke, mini: Path) -> None:
    result = cli(mini, "show", "C99")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] + "\n" == (
        "Error: no entity 'C99': give an id such as C2, D.2-1, BDT or Res191, "
        "a name or an alternative name\n"
    )


def test_stats(cli: Invoke, mini: Path, total: int) -> None:
    result = cli(mini, "stats", "-f", "json")
    data = json.loads(result.stdout)
    assert data["triples"] == total
    assert data["graphs"] == {"doc-004": FIXTURE_TRIPLES, "ontology": total - FIXTURE_TRIPLES}
    assert data["entities_per_class"]["isc:ActionLine"] == 2
    assert data["facts_per_document"] == [
        {
            "document": "doc-004",
            "title": data["facts_per_document"][0]["title"],
            "facts": 10,
            "passages": 10,
        }
    ]
    text = cli(mini, "stats").stdout
    assert text.startswith(f"Triples: {total}\n")
    assert "Facts per source document" in text


def test_missing_store_without_sources_gives_hint(tmp_path: Path) -> None:
    """An installed package run outside a checkout, with no store built: say how to get one."""
    from isc_graph.build import ensure_built
    from isc_graph.errors import StoreError
    from isc_graph.project import Project

    guessed = Project(tmp_path)
    guessed.explicit = False  # as when the root is the working folder, not one the user named
    with pytest.raises(StoreError, match="run `isc-graph build` in a project checkout"):
        ensure_built(guessed, tmp_path / "store")


@pytest.mark.parametrize("command", [["stats"], ["show", "BDT"], ["query", "action-line-leads"]])
def test_a_named_root_must_be_a_project(cli: Invoke, tmp_path: Path, command: list[str]) -> None:
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    for root, what in ((tmp_path / "nowhere", "no such folder"), (empty, "no ontology/ and data/")):
        result = cli(root, *command)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"Error: {root}: {what}")
        assert "--root and ISC_GRAPH_ROOT must name a project folder" in result.stderr


def test_show_finds_an_id_by_its_iri_segment(real_cli: Invoke) -> None:
    """C18/38 is :C18-38 in the IRI; either spelling finds it."""
    for ident in ("C18/38", "C18-38"):
        result = real_cli("show", ident, "-f", "json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["label"] == "C18/38"
