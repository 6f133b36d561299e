"""``show`` and named-query parameters by name, and the readable ``show``, on the real data."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import REPO, Invoke

from isc_graph.cli import main


def test_show_finds_an_entity_by_its_name_in_lower_case(real_cli: Invoke) -> None:
    result = real_cli("show", "telecommunication  development bureau", "--no-pager")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Telecommunication Development Bureau (BDT)\n")


def test_show_finds_an_entity_by_an_alternative_name(real_cli: Invoke) -> None:
    result = real_cli("show", "No Poverty", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["iri"] == "http://metadata.un.org/sdg/1"


def test_show_suggests_the_closest_ids(real_cli: Invoke) -> None:
    result = real_cli("show", "C22")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Error: no entity 'C22'; did you mean C2 (WSIS Action Line C2)")


def test_show_refuses_a_name_two_entities_share(real_cli: Invoke) -> None:
    result = real_cli("show", "Gender equality")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: 'Gender equality' names several entities: 5 (")
    assert ", GenderEquality (" in result.stderr
    assert result.stderr.rstrip().endswith("give one of these ids")


@pytest.mark.parametrize("value", ["bdt", "Telecommunication Development Bureau", "BDT"])
def test_query_parameter_by_name_or_in_any_case(real_cli: Invoke, value: str) -> None:
    expected = real_cli("query", "unit-engagements", "-p", "unit=BDT", "-f", "csv")
    result = real_cli("query", "unit-engagements", "-p", f"unit={value}", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected.stdout
    assert "\nBDT," in result.stdout


def test_query_parameter_naming_nothing_keeps_its_error(real_cli: Invoke) -> None:
    result = real_cli("query", "unit-engagements", "-p", "unit=BDTT")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: query 'unit-engagements': no unit 'BDTT' in the graph; did you mean BDT"
    )


def test_show_lists_mandates_in_clause_order(real_cli: Invoke) -> None:
    data = json.loads(real_cli("show", "Res191-2018", "-f", "json").stdout)
    mandates = [
        dict((f["property"], f["value"]) for f in x["facts"])["skos:notation"]
        for x in data["incoming"]
        if x["predicate"] == "isc:revision"
    ]
    assert mandates == [f"Res191-2018-m{i}" for i in range(1, 7)]
    text = real_cli("show", "Res191-2018").stdout
    found = re.findall(r"skos:notation: (Res191-2018-m\d)", text)
    assert found == mandates


def test_show_orders_values_naturally(real_cli: Invoke) -> None:
    text = real_cli("show", "BDT", "--all").stdout
    assert 0 < text.index("isc:topic: C2 (") < text.index("isc:topic: C11 (")
    goal = real_cli("show", "1").stdout  # targets 1.1 … 1.5, then 1.a, 1.b
    assert goal.index("1.2 (") < goal.index("1.5 (") < goal.index("1.a (")


def test_show_folds_long_lists_and_all_lists_everything(real_cli: Invoke) -> None:
    data = json.loads(real_cli("show", "BDT", "-f", "json").stdout)
    engagements = [x for x in data["incoming"] if x["predicate"] == "isc:agent"]
    assert len(engagements) > 11  # -f json keeps everything
    text = real_cli("show", "BDT").stdout
    assert f"  isc:agent from isc:Engagement ({len(engagements)})\n" in text
    assert f"    … and {len(engagements) - 10} more (--all to list them)\n" in text
    group = text.split("isc:agent from isc:Engagement")[1].split("\n  isc:")[0]
    assert group.count("\n    - isc:topic: ") == 10
    full = real_cli("show", "BDT", "--all").stdout
    assert "--all to list them" not in full
    group = full.split("isc:agent from isc:Engagement")[1].split("\n  isc:")[0]
    assert group.count("\n    - isc:topic: ") == len(engagements)


def test_show_bdt_fits_on_a_few_screens(real_cli: Invoke) -> None:
    text = real_cli("show", "BDT").stdout
    lines = text.splitlines()
    assert lines[0] == "Telecommunication Development Bureau (BDT)"
    assert len(lines) < 120
    # Every kind of information is still there: names, links, notes, what refers to it, sources.
    for title in ("Name and ids", "Links", "Notes", "Referenced by", "Sources"):
        assert f"\n{title}\n" in text
    assert "SPM (Strategic Planning and Membership Department)" in text
    assert "(quoted above)" in text


def test_show_pages_on_a_terminal_only(real_store, tmp_path, monkeypatch) -> None:
    paged = tmp_path / "paged.txt"
    env = {
        "ISC_GRAPH_STORE": str(real_store),
        "ISC_GRAPH_ROOT": str(REPO),
        "PAGER": f"cat > '{paged}'",
    }
    runner = CliRunner()
    plain = runner.invoke(main, ["show", "BDT"], env=env)
    assert plain.exit_code == 0 and plain.stdout.startswith("Telecommunication")
    assert not paged.exists()  # not a terminal: no pager
    monkeypatch.setattr("isc_graph.pager.is_terminal", lambda stream: True)
    result = runner.invoke(main, ["show", "BDT", "--no-pager"], env=env)
    assert result.stdout == plain.stdout
    assert not paged.exists()
    result = runner.invoke(main, ["show", "BDT"], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert paged.read_text(encoding="utf-8") == plain.stdout


def test_show_labels_in_the_chosen_language(monkeypatch) -> None:
    from isc_graph.describe import describe
    from isc_graph.render_text import description_text

    store = ox.Store()
    store.load(
        """
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <http://metadata.un.org/sdg/1> skos:notation "1" ;
            skos:prefLabel "End poverty"@en, "Éliminer la pauvreté"@fr ;
            skos:narrower <http://metadata.un.org/sdg/1.1> .
        <http://metadata.un.org/sdg/1.1> skos:notation "1.1" ; skos:prefLabel "Eradicate"@en .
        """,
        format=ox.RdfFormat.TURTLE,
    )
    monkeypatch.setenv("ISC_GRAPH_LANG", "fr")
    text = description_text(describe(store, "éliminer la pauvreté"))
    assert text.startswith("Éliminer la pauvreté (1)\n")
    assert "skos:narrower  1.1 (Eradicate)\n" in text  # no French label: English
    monkeypatch.setenv("ISC_GRAPH_LANG", "en")
    assert description_text(describe(store, "1")).startswith("End poverty (1)\n")
