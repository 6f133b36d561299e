"""Labels in the reader's language: the UN's French and Spanish SDG labels, English elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from isc_graph.cli import main
from isc_graph.lang import bind_language

SDG1_FR = "Éliminer la pauvreté sous toutes ses formes et partout dans le monde"
SDG1_ES = "Poner fin a la pobreza en todas sus formas y en todo el mundo"
SDG1_EN = "End poverty in all its forms everywhere"

# One label per entity, in the chosen language where there is one, else in English.
LABELS = """SELECT ?id ?label WHERE {
  VALUES ?x { sdg:1 :BDT }
  ?x skos:notation ?id .
  OPTIONAL { ?x skos:prefLabel ?pref FILTER (LANG(?pref) = ?lang) }
  OPTIONAL { ?x skos:prefLabel ?en FILTER (LANGMATCHES(LANG(?en), "en")) }
  BIND (STR(COALESCE(?pref, ?en)) AS ?label)
} ORDER BY ?id"""


def labels(store: Path, *options: str, env: dict[str, str] | None = None) -> dict[str, str]:
    result = CliRunner().invoke(
        main,
        ["--root", str(REPO), *options, "query", "-e", LABELS, "-f", "json"],
        env={"ISC_GRAPH_STORE": str(store), **(env or {})},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    return {row["id"]: row["label"] for row in json.loads(result.stdout)}


def test_sdg_labels_in_french_and_spanish_with_english_fallback(real_store: Path) -> None:
    assert labels(real_store) == {"1": SDG1_EN, "BDT": "Telecommunication Development Bureau"}
    assert labels(real_store, "--lang", "fr") == {
        "1": SDG1_FR,
        "BDT": "Telecommunication Development Bureau",
    }
    assert labels(real_store, "--lang", "ES")["1"] == SDG1_ES


def test_language_from_the_environment(real_store: Path) -> None:
    assert labels(real_store, env={"ISC_GRAPH_LANG": "fr"})["1"] == SDG1_FR
    # The option wins over the environment.
    assert labels(real_store, "--lang", "en", env={"ISC_GRAPH_LANG": "fr"})["1"] == SDG1_EN


def test_unknown_language_is_refused(real_store: Path) -> None:
    result = CliRunner().invoke(
        main, ["--root", str(REPO), "--lang", "de", "stats"], env={"ISC_GRAPH_STORE": "x"}
    )
    assert result.exit_code == 2
    assert "'de' is not one of 'en', 'fr', 'es'" in result.stderr


def test_every_goal_keeps_one_label_per_language(real_store: Path) -> None:
    from isc_graph.queries import run_query
    from isc_graph.store import StoreLocation

    db = StoreLocation(real_store).open_read_only()
    rows = list(
        run_query(
            db,
            """SELECT ?language (COUNT(DISTINCT ?g) AS ?goals) (COUNT(?l) AS ?labels) WHERE {
                 ?g a sdgo:Goal ; skos:prefLabel ?l . BIND (LANG(?l) AS ?language)
               } GROUP BY ?language ORDER BY ?language""",
        )
    )
    # COUNT(?l) counts one label per goal per language (no goal has two in one language).
    assert [(r["language"].value, int(r["goals"].value)) for r in rows] == [
        ("en", 17),
        ("es", 17),
        ("fr", 17),
    ]
    assert all(r["goals"].value == r["labels"].value for r in rows)


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_query_without_lang_is_left_alone(lang: str) -> None:
    text = "SELECT * WHERE { ?s ?p ?o }"
    assert bind_language(text, lang) == text
