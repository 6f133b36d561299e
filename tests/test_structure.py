"""ITU's structure in the graph: full names, the roll-up of units to Sectors, the reference
source it comes from, and one node per thing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, Invoke, copy_project, runner_for

from isc_graph.queries import run_query
from isc_graph.store import StoreLocation


@pytest.fixture(scope="module")
def db(real_store):
    return StoreLocation(real_store).open_read_only()


@pytest.fixture(scope="module")
def real_cli(real_store: Path) -> Invoke:
    return runner_for(real_store, REPO)


def rows_of(result) -> list[dict[str, str]]:
    import csv
    import io

    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


# Written by hand from ../shared/reference/itu-structure (CS Art. 7, 11, 12, 17, 21; CV Art.
# 11A, 14A, 17A) and the reports' own statements (ITU-T SG5 …, doc-004's ITU-D study groups).
EXPECTED_SECTORS = {
    "ITU-R": {"ITU-R"},
    "ITU-T": {"ITU-T"},
    "ITU-D": {"ITU-D"},
    "GS": {"GS"},
    "BR": {"ITU-R"},
    "TSB": {"ITU-T"},
    "BDT": {"ITU-D"},
    "RAG": {"ITU-R"},
    "TSAG": {"ITU-T"},
    "TDAG": {"ITU-D"},
    "ITU-T-SG5": {"ITU-T"},
    "ITU-T-SG16": {"ITU-T"},
    "ITU-T-SG20": {"ITU-T"},
    "ITU-D-SG1": {"ITU-D"},
    "ITU-D-SG2": {"ITU-D"},
    "Dir-BR": {"ITU-R"},
    "Dir-TSB": {"ITU-T"},
    "Dir-BDT": {"ITU-D"},
    "SG": {"GS"},
    "DSG": {"GS"},
    "Chiefs-GS-Departments": {"GS"},
    "Deputies-Bureaux-Directors": {"ITU-R", "ITU-T", "ITU-D"},
    "Chiefs-Bureaux-Departments": {"ITU-R", "ITU-T", "ITU-D"},
}
# Units no source places in a Sector: counted with the General Secretariat, marked "default".
EXPECTED_DEFAULT = {
    "SPM",
    "IAU",
    "UNLO-NY",
    "RegionalOffices",
    "RO-Africa",
    "RO-Europe",
    "Chief-SPM",
    "Head-IAU",
    "IntersectoralFocalPoints",
    "RegionalDirectors",
}


def test_every_itu_unit_rolls_up_to_a_sector_or_the_general_secretariat(
    db, real_cli: Invoke
) -> None:
    # The units, counted by an independent query: every instance of a unit class, and every
    # post that is not a post in a body outside the Union's units (the ISCT's leadership team,
    # the Chair of the Council, the UN Secretary-General).
    units = {
        r["id"].value
        for r in run_query(
            db,
            """SELECT DISTINCT ?id WHERE {
                 VALUES ?c { isc:Sector isc:GeneralSecretariat isc:Bureau isc:Department
                             isc:RegionalOffice isc:AdvisoryGroup isc:StudyGroup org:Post }
                 ?u a ?c ; skos:notation ?id .
                 FILTER NOT EXISTS {
                   VALUES ?outside { isc:CoordinationBody isc:GoverningBody isc:WorkingGroup
                                     isc:ExternalOrganization isc:InterAgencyMechanism }
                   ?u org:postIn/a ?outside }
               }""",
        )
    }
    rows = rows_of(real_cli("query", "unit-sectors", "-f", "csv"))
    mapped: dict[str, set[str]] = {}
    for r in rows:
        mapped.setdefault(r["unit"], set()).add(r["sector"])
    left_without = sorted(units - set(mapped))
    assert left_without == [], f"ITU units without a Sector: {left_without}"
    assert set(mapped) == units
    for unit, sectors in mapped.items():
        assert sectors <= {"ITU-R", "ITU-T", "ITU-D", "GS"}, unit


def test_unit_sectors_as_the_basic_texts_set_them(real_cli: Invoke) -> None:
    rows = rows_of(real_cli("query", "unit-sectors", "-f", "csv"))
    stated: dict[str, set[str]] = {}
    default: set[str] = set()
    for r in rows:
        if r["basis"] == "stated":
            stated.setdefault(r["unit"], set()).add(r["sector"])
        else:
            assert r["basis"] == "default" and r["sector"] == "GS", r
            default.add(r["unit"])
    for unit, sectors in EXPECTED_SECTORS.items():
        assert stated.get(unit) == sectors, unit
    assert default == EXPECTED_DEFAULT
    sg5 = next(r for r in rows if r["unit"] == "ITU-T-SG5")
    assert sg5["unit_label"] == "ITU-T Study Group 5"
    assert sg5["sector_label"] == "Telecommunication Standardization Sector"
    assert sg5["unit_class"] == "study group"
    assert "itu-basic-texts" in sg5["source"]


def test_unit_sectors_parameter(real_cli: Invoke) -> None:
    rows = rows_of(real_cli("query", "unit-sectors", "-p", "unit=TSAG", "-f", "csv"))
    assert [(r["unit"], r["sector"], r["basis"]) for r in rows] == [("TSAG", "ITU-T", "stated")]


FULL_NAMES = {
    "BR": "Radiocommunication Bureau",
    "TSB": "Telecommunication Standardization Bureau",
    "BDT": "Telecommunication Development Bureau",
    "ITU-R": "Radiocommunication Sector",
    "ITU-T": "Telecommunication Standardization Sector",
    "ITU-D": "Telecommunication Development Sector",
    "RAG": "Radiocommunication Advisory Group",
    "TSAG": "Telecommunication Standardization Advisory Group",
    "TDAG": "Telecommunication Development Advisory Group",
    "GS": "General Secretariat",
}


def test_units_have_full_names_and_keep_the_acronym(db) -> None:
    for notation, name in FULL_NAMES.items():
        found = {
            (r["label"].value, r["alt"].value)
            for r in run_query(
                db,
                f'SELECT ?label ?alt WHERE {{ ?u skos:notation "{notation}" ; '
                "skos:prefLabel ?label ; skos:altLabel ?alt }",
            )
        }
        assert found == {(name, notation)}, notation


def test_show_starts_with_the_full_name(real_cli: Invoke) -> None:
    result = real_cli("show", "BDT")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Telecommunication Development Bureau (BDT)"
    assert "  isc:secretariatOf  ITU-D (Telecommunication Development Sector)" in lines
    # The reference source is cited by article, with no quotation marks.
    cited = lines.index("  source: itu-basic-texts, CS Art. 21")
    assert not "".join(lines[cited + 1 : cited + 2]).lstrip().startswith('"')


def test_reference_derivations_cite_an_article_and_quote_nothing(db) -> None:
    rows = list(
        run_query(
            db,
            """SELECT ?x ?locator ?quote WHERE {
                 ?x prov:qualifiedDerivation ?d . ?d prov:entity :itu-basic-texts .
                 OPTIONAL { ?d isc:locator ?locator } OPTIONAL { ?d isc:quote ?quote } }""",
        )
    )
    assert len(rows) >= 20
    for r in rows:
        assert r["quote"] is None
        assert re.fullmatch(r"(CS|CV) Art\. \d+[A-Z]?(, para\. \d+)?", r["locator"].value)
    # Every report derivation still carries its quote.
    unquoted = list(
        run_query(
            db,
            """SELECT ?x WHERE { ?x prov:qualifiedDerivation ?d .
                 ?d prov:entity/a isc:SourceDocument . FILTER NOT EXISTS { ?d isc:quote ?q } }""",
        )
    )
    assert unquoted == []


def test_reference_text_is_its_own_named_graph(db) -> None:
    graphs = {
        r["g"].value
        for r in run_query(db, "SELECT DISTINCT ?g WHERE { GRAPH ?g { :TSAG isc:sector :ITU-T } }")
    }
    assert graphs == {"https://w3id.org/isc-graph/graph/itu-basic-texts"}


def test_one_node_per_council_session_and_one_place_per_conference(db) -> None:
    sessions = [
        r["c"].value
        for r in run_query(
            db,
            "SELECT ?c WHERE { ?c a isc:Conference ; isc:body :Council ; isc:year ?y . "
            'FILTER (STR(?y) = "2016") }',
        )
    ]
    assert sessions == ["https://w3id.org/isc-graph/id/Council-16"]
    quotes = {
        r["q"].value
        for r in run_query(
            db, "SELECT ?q WHERE { :Council-16 prov:qualifiedDerivation/isc:quote ?q }"
        )
    }
    assert "As previously reported to the 2016 Session of the Council" in quotes
    assert (
        "This report presents an overview of ITU’s activities and relationship with the UN "
        "system since Council 2016." in quotes
    )
    place = [
        (r["p"].value, r["c"].value)
        for r in run_query(
            db, "SELECT DISTINCT ?p ?c WHERE { :PP-18 isc:place ?p ; isc:country ?c }"
        )
    ]
    assert place == [("Dubai", "UAE")]


def test_one_engagement_per_agent_role_and_topic_in_a_document(db) -> None:
    rows = list(
        run_query(
            db,
            """SELECT ?g ?agent ?role ?topic (COUNT(DISTINCT ?e) AS ?n) WHERE {
                 GRAPH ?g { ?e a isc:Engagement ; isc:agent ?agent ; isc:role ?role ;
                               isc:topic ?topic } }
               GROUP BY ?g ?agent ?role ?topic HAVING (COUNT(DISTINCT ?e) > 1)""",
        )
    )
    assert rows == []
    # The ISC-TF's coordination of climate change in doc-000: one engagement, three passages.
    quotes = [
        r["q"].value
        for r in run_query(
            db,
            """SELECT ?q WHERE { GRAPH <https://w3id.org/isc-graph/graph/doc-000> {
                 ?e isc:agent :ISC-TF ; isc:role role:coordinator ;
                    isc:topic :TA-2019-climate-change ;
                    prov:qualifiedDerivation/isc:quote ?q } }""",
        )
    ]
    assert len(quotes) == 3


# Each fault breaks a copy of the repository's data one way; validation names each.
BREAKS = {
    "doc-003.ttl": (
        '\n:Council-2016 a isc:Conference ; skos:prefLabel "Council 2016"@en ;\n'
        '    skos:notation "Council-2016" ; isc:body :Council ; isc:year "2016"^^xsd:gYear ;\n'
        "    prov:qualifiedDerivation [ a prov:Derivation ; prov:entity :doc-003 ;\n"
        '        isc:locator "Summary" ; isc:quote "since Council 2016" ] .\n',
        "data/doc-003.ttl: Council-2016 isc:year: Council-16 is also a session of the same body "
        "in the same year: if they are one session, make them one node (keep every derivation, "
        "the other name as skos:altLabel); if not, give each its isc:startDate",
    ),
    "doc-004.ttl": (
        '\n:PP-18 isc:place "Dubai, UAE" .\n',
        "data/doc-000.ttl, data/doc-004.ttl: PP-18 isc:place: an event has one isc:place: keep "
        'one form of the place ("Dubai") and put the country in isc:country',
    ),
    "doc-000.ttl": (
        "\n[] a isc:Engagement ; isc:agent :ISC-TF ; isc:role role:coordinator ;\n"
        "    isc:topic :TA-2019-gender ;\n"
        "    prov:qualifiedDerivation [ a prov:Derivation ; prov:entity :doc-000 ;\n"
        '        isc:locator "Abstract" ; isc:quote "Gender" ] .\n',
        "data/doc-000.ttl: isc:Engagement [agent ISC-TF, role coordinator, topic "
        "TA-2019-gender] isc:topic: the same engagement (agent, role and topic) is stated more "
        "than once from doc-000: make it one engagement with one derivation per passage",
    ),
}


def test_uniqueness_checks_fail_on_broken_copies_of_the_data(tmp_path: Path, cli: Invoke) -> None:
    root = copy_project(tmp_path / "broken", REPO / "data")
    for name, (extra, _message) in BREAKS.items():
        with (root / "data" / name).open("a", encoding="utf-8") as f:
            f.write(extra)
    result = cli(root, "validate")
    assert result.exit_code == 1, result.stdout
    lines = result.stdout.splitlines()
    for name, (_extra, message) in BREAKS.items():
        assert message in lines, name
    # Both sessions of Council in 2016 are named; nothing else fires (the unbroken data
    # conforms: the real_store fixture builds it).
    assert (
        "data/doc-001.ttl, data/doc-003.ttl: Council-16 isc:year: Council-2016 is also a session "
        "of the same body in the same year: if they are one session, make them one node (keep "
        "every derivation, the other name as skos:altLabel); if not, give each its "
        "isc:startDate" in lines
    )
    assert len([line for line in lines if line.startswith("data/")]) == len(BREAKS) + 1
