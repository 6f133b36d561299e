"""The facts a careful reader would check against the documents, asked the way users ask.

Each test names the source document and passage it checks; the expected values are read
from the documents in ../shared/seeds, not from the data files.
"""

from __future__ import annotations

import json

import pytest
from conftest import Invoke


@pytest.fixture
def ask(real_cli: Invoke):
    """Run a named query on the real graph; rows as dicts of short ids."""

    def run(name: str, **params: str) -> list[dict]:
        args = [x for k, v in params.items() for x in ("-p", f"{k}={v}")]
        result = real_cli("query", name, *args, "-f", "json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return run


def by(rows: list[dict], key: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r[key], []).append(r)
    return out


# --- doc-004: ITU-D contribution to WSIS and the 2030 Agenda (TDAG) -----------------------


def test_itu_roles_on_action_lines(ask) -> None:
    """'as a moderator/facilitator for Action Lines C2, C5 and C6, co-facilitator of WSIS
    Action Lines C1, C3, C4, C7, C11 and partner of WSIS Action Lines C8 and C9'."""
    lines = by(ask("action-line-leads"), "action_line")
    assert list(lines) == [f"C{i}" for i in range(1, 12)]  # every action line appears
    roles = {al: rows[0]["itu_role"] for al, rows in lines.items()}
    assert roles == {
        "C1": "co-facilitator",
        "C2": "facilitator",
        "C3": "co-facilitator",
        "C4": "co-facilitator",
        "C5": "facilitator",
        "C6": "facilitator",
        "C7": "co-facilitator",
        "C8": "partner",
        "C9": "partner",
        "C10": None,
        "C11": "co-facilitator",
    }


def test_bdt_leads_itus_part_of_most_action_lines(ask) -> None:
    """'BDT has been playing the role of the main ITU focal point for most of the WSIS Action
    Lines (including C1, C2, C3, C4, C6, C7, C9, C11)'; 'C2 and C6 – led by BDT'; 'interim
    focal point for WSIS Action Line C4'."""
    rows = ask("action-line-leads")
    leads = {r["action_line"]: (r["lead_unit"], r["lead_role"]) for r in rows}
    for al in ("C1", "C3", "C7", "C9", "C11"):
        assert leads[al] == ("BDT", "focal-point")
    assert leads["C2"] == ("BDT", "focal-point, lead")
    assert leads["C6"] == ("BDT", "focal-point, lead")
    assert leads["C4"] == ("BDT", "focal-point, interim-focal-point")


def test_action_lines_no_itu_unit_leads(ask) -> None:
    """C5: ITU is 'the sole facilitator' but BDT only implements activities, and SPM leads only
    the Forum session; C8: ITU is a partner; C10: the documents give ITU no role at all."""
    rows = {r["action_line"]: r for r in ask("action-line-leads")}
    for al in ("C5", "C8", "C10"):
        assert rows[al]["lead_unit"] is None and rows[al]["lead_role"] is None
    assert rows["C10"]["title"] is None and rows["C10"]["source"] is None
    assert rows["C5"]["title"] == "Building Confidence and Security in the Use of ICTs"


def test_role_on_a_line_differs_from_role_in_its_session(ask) -> None:
    """BDT is ITU's focal point for C1 and C11 but 'will also contribute to' their facilitation
    meetings; in 'WSIS AL C5: Cybersecurity (contributing role, SPM leads)' BDT contributes."""
    c1 = ask("session-roles", action_line="C1")
    assert [(r["session"], r["unit"], r["session_role"], r["line_role"]) for r in c1] == [
        ("WSIS19-ALFM-C1", "BDT", "contributor", "focal-point")
    ]
    c5 = {r["unit"]: r for r in ask("session-roles", action_line="C5")}
    assert c5["BDT"]["session_role"] == "contributor"
    assert c5["SPM"]["session_role"] == "lead"
    assert c5["SPM"]["line_role"] is None
    c2 = ask("session-roles", action_line="C2")
    assert [(r["unit"], r["session_role"]) for r in c2] == [("BDT", "lead")]


def test_who_leads_the_wsis_forum_sessions_on_each_line(ask) -> None:
    """Operational para. 2: 'The following lists series of sessions of the WSIS Forum will be
    led by BDT:' 'WSIS AL C2: ICT Infrastructure', 'WSIS AL C4: Capacity Building', 'WSIS AL
    C5: Cybersecurity (contributing role, SPM leads)', 'WSIS AL C6: Enabling Environment' and
    four 'WSIS AL C7: …' sessions (E-Waste, E-Environment, E-Agriculture, E-Health). Para. 3:
    BDT only contributes to the facilitation meetings for C1, C11 and C7, and no one is named
    as their lead. No session is named for C3, C8, C9 or C10."""
    rows = ask("action-line-leads")
    assert {(r["action_line"], r["session_leads"]) for r in rows} == {
        ("C1", None),
        ("C2", "BDT"),
        ("C3", None),
        ("C4", "BDT"),
        ("C5", "SPM"),
        ("C6", "BDT"),
        ("C7", "BDT"),
        ("C8", None),
        ("C9", None),
        ("C10", None),
        ("C11", None),
    }
    # SPM leads the session on C5, yet no unit leads the line itself.
    [c5] = [r for r in rows if r["action_line"] == "C5"]
    assert (c5["lead_unit"], c5["session_leads"]) == (None, "SPM")


def test_outcome_contributing_to_all_sdgs_and_action_lines(ask) -> None:
    """D.3-2: 'Contributes to achievement of SDG Goals 1 - 17' and 'WSIS AL C1 - C11'."""
    row = next(r for r in ask("outcome-contributions", objective="D.3") if r["outcome"] == "D.3-2")
    assert row["sdgs"] == ", ".join(str(i) for i in range(1, 18))
    assert row["action_lines"] == ", ".join(f"C{i}" for i in range(1, 12))


def test_typoed_codes_are_normalised(ask, real_cli: Invoke) -> None:
    """'D.1.5: Facilitation of agreement …' and 'D-4-1: Improved access …'."""
    d1 = {r["outcome"]: r for r in ask("outcome-contributions", objective="D.1")}
    assert sorted(d1) == ["D.1-1", "D.1-2", "D.1-3", "D.1-4", "D.1-5"]
    assert (d1["D.1-5"]["sdgs"], d1["D.1-5"]["action_lines"]) == ("1, 17", "C1, C11")
    d4 = {r["outcome"]: r for r in ask("outcome-contributions", objective="D.4")}
    assert d4["D.4-1"]["sdgs"] == "1, 3, 7, 8, 9, 11, 13, 17"
    assert d4["D.4-1"]["action_lines"] == "C2, C6, C7"  # printed "C2 and C6 and C7"
    for code, printed in (("D.1-5", "D.1.5"), ("D.4-1", "D-4-1")):
        shown = json.loads(real_cli("show", code, "-f", "json").stdout)
        facts = {x["predicate"]: x["value"] for x in shown["outgoing"]}
        assert facts["isc:originalCode"] == printed


def test_all_sixteen_itu_d_outcomes_and_their_contributions(ask) -> None:
    """Annex 1, read line by line."""
    rows = {r["outcome"]: (r["sdgs"], r["action_lines"]) for r in ask("outcome-contributions")}
    expected = {
        "D.1-1": ("1, 3, 5, 10, 16, 17", "C1, C11"),
        "D.1-2": ("1, 3, 5, 10, 16, 17", "C1, C11"),
        "D.1-3": ("1, 3, 5, 10, 16, 17", "C1, C11"),
        "D.1-4": ("1, 17", "C1, C11"),
        "D.1-5": ("1, 17", "C1, C11"),
        "D.2-1": ("1, 3, 5, 8, 9, 10, 11, 16, 17", "C1, C2, C3, C9, C11"),
        "D.2-2": ("4, 9, 11, 16, 17", "C5"),
        "D.2-3": ("1, 3, 5, 11, 13", "C2, C7"),
        "D.3-1": ("2, 4, 5, 8, 9, 10, 11, 16, 17", "C6"),
        "D.3-3": ("1, 2, 3, 4, 5, 6, 12, 13, 14, 16, 17", "C4"),
        "D.3-4": ("1, 2, 3, 4, 5, 9, 12, 16, 17", "C1, C2, C3, C4, C5, C6, C7, C11"),
        "D.4-2": ("2, 3, 4, 6, 7, 11", "C7"),
        "D.4-3": ("4, 5, 8, 10, 17", "C1, C2, C3, C4, C5, C6, C7, C8, C9"),
        "D.4-4": ("3, 5, 11, 12, 13", "C7"),
    }
    for outcome, contributions in expected.items():
        assert rows[outcome] == contributions, outcome
    assert len([o for o in rows if o.startswith("D.")]) == 16


def test_outcomes_contributing_to_sdg_5(ask) -> None:
    rows = ask("sdg-contributors", sdg="5")
    assert [r["outcome"] for r in rows] == [
        "D.1-1",
        "D.1-2",
        "D.1-3",
        "D.2-1",
        "D.2-3",
        "D.3-1",
        "D.3-2",
        "D.3-3",
        "D.3-4",
        "D.4-3",
        "D.4-4",
    ]
    assert {r["unit"] for r in rows} == {"BDT"}
    assert {r["source"] for r in rows} == {"doc-004"}


def test_itu_d_objectives_belong_to_the_2020_2023_plan(ask) -> None:
    rows = ask("objective-outcomes", objective="D.2")
    assert {(r["plan"], r["objective_title"]) for r in rows} == {
        ("SP2020-2023", "Modern and secure telecommunication/ICT Infrastructure")
    }
    assert [r["id"] for r in rows] == ["D.2-1", "D.2-2", "D.2-3"]


def test_res_140_and_wtdc_res_30_revisions(ask) -> None:
    """'PP Resolution 140 (Rev. Busan, 2014)', 'PP Resolution 140 (Rev. Dubai, 2018)',
    'WTDC Resolution 30 (Rev. Buenos Aires, 2017)', 'Council Resolution 1332 (Rev. 2016)'."""
    r140 = ask("resolution-history", resolution="140")
    assert [(r["revision"], r["conference"], r["year"]) for r in r140] == [
        ("Res140-2014", "PP-14", "2014"),
        ("Res140-2018", "PP-18", "2018"),
    ]
    r30 = ask("resolution-history", resolution="30")
    assert [(r["conference"], r["year"]) for r in r30] == [("WTDC-17", "2017")]
    r1332 = ask("resolution-history", resolution="1332")
    assert [r["year"] for r in r1332] == ["2016"]


def test_doc_004_revisions_are_cited_as_printed(ask) -> None:
    """References: 'PP Resolution 140 (Rev. Busan, 2014)', 'PP Resolution 140 (Rev. Dubai,
    2018)', 'WTDC Resolution 30 (Rev. Buenos Aires, 2017)', 'Council Resolution 1332 (Rev.
    2016)' (no Council session named, so no place)."""
    cited = [
        (r["revision"], r["place"], r["citation"])
        for n in ("140", "30", "1332")
        for r in ask("resolution-history", resolution=n)
    ]
    assert cited == [
        ("Res140-2014", "Busan", "Res. 140 (Rev. Busan, 2014)"),
        ("Res140-2018", "Dubai", "Res. 140 (Rev. Dubai, 2018)"),
        ("WTDC-Res30-2017", "Buenos Aires", "WTDC Res. 30 (Rev. Buenos Aires, 2017)"),
        ("CouncilRes1332-2016", None, "Council Res. 1332 (Rev. 2016)"),
    ]


# --- doc-001: report to Council on Resolution 191 (Busan, 2014) --------------------------


def test_res_191_revisions(ask) -> None:
    rows = ask("resolution-history", resolution="191")
    assert [(r["revision"], r["conference"], r["year"], r["source"]) for r in rows] == [
        ("Res191-2014", "PP-14", "2014", "doc-001"),
        ("Res191-2018", "PP-18", "2018", "doc-000"),
        ("Res191-2022", "PP-22", "2022", "doc-002"),
    ]
    assert {r["title"] for r in rows} == {
        "Strategy for the coordination of efforts among the three Sectors of the Union"
    }


def test_res_191_citations(ask) -> None:
    """doc-001: 'Resolution 191 (Busan, 2014)', as first adopted; doc-000: 'Resolution 191
    (Rev. Dubai, 2018)'; doc-002: 'Resolution 191 (Rev. Bucharest, 2022)'."""
    rows = ask("resolution-history", resolution="191")
    assert [(r["revision"], r["place"], r["citation"]) for r in rows] == [
        ("Res191-2014", "Busan", "Res. 191 (Busan, 2014)"),
        ("Res191-2018", "Dubai", "Res. 191 (Rev. Dubai, 2018)"),
        ("Res191-2022", "Bucharest", "Res. 191 (Rev. Bucharest, 2022)"),
    ]


def test_res_191_mandates_2014(ask) -> None:
    """§1.2–1.4: instructs the SG (design a strategy; an updated list of areas), the Directors
    (advisory-group agendas; support to the advisory groups), the SG and the Directors
    (reporting)."""
    rows = [r for r in ask("mandates", resolution="191") if r["revision"] == "Res191-2014"]
    assert [(r["verb"], r["addressee"]) for r in rows] == [
        ("instructs", "SG"),
        ("instructs", "SG"),
        ("instructs", "Dir-BDT, Dir-BR, Dir-TSB"),
        ("instructs", "Dir-BDT, Dir-BR, Dir-TSB"),
        ("instructs", "Dir-BDT, Dir-BR, Dir-TSB, SG"),
    ]
    assert "design of a coordination and cooperation strategy" in rows[0]["action"]
    assert {r["source"] for r in rows} == {"doc-001"}


def test_isc_tf_established_2015_with_terms_of_reference(real_cli: Invoke) -> None:
    shown = json.loads(real_cli("show", "ISC-TF", "-f", "json").stdout)
    facts = {x["predicate"]: x["value"] for x in shown["outgoing"]}
    assert facts["isc:establishedIn"] == "2015-03"
    assert facts["isc:termsOfReference"] == "SO-16-13"
    docs = {s["document"] for s in shown["sources"]}
    assert "doc-002" in docs


def test_isc_tf_composition(ask) -> None:
    """'chaired by the Deputy Secretary-General … a) the Deputies to the Directors … and the
    Chief of the Strategic Planning and Membership Department, b) the Intersectoral Focal
    Points …, c) the Regional Directors, d) the Chiefs of Departments of the General
    Secretariat, e) as an observer, the Head of the Internal Audit Unit, and at the invitation
    of the Chairman, the Chiefs of Departments of the Bureaux'."""
    rows = {(r["member"], r["role"]): r["source"] for r in ask("body-composition")}
    assert rows == {
        ("DSG", "chair"): "doc-000, doc-001, doc-002",
        ("Deputies-Bureaux-Directors", "member"): "doc-000, doc-001, doc-002",
        ("Chief-SPM", "member"): "doc-000, doc-001",  # doc-002 does not name the Chief of SPM
        ("IntersectoralFocalPoints", "member"): "doc-000, doc-001, doc-002",
        ("RegionalDirectors", "member"): "doc-000, doc-001, doc-002",
        ("Chiefs-GS-Departments", "member"): "doc-000, doc-001, doc-002",
        ("Head-IAU", "observer"): "doc-000, doc-001, doc-002",
        ("Chiefs-Bureaux-Departments", "invited"): "doc-000, doc-001, doc-002",
    }


def test_isc_tf_meeting_counts(ask) -> None:
    """doc-001: 'seven meetings in 2016 and one in 2017 … 16 in total since March 2015';
    doc-000: '5 meetings from January to December 2018 and 26 since its inception';
    doc-002: '46 meetings in total since its inception'."""
    rows = {(r["source"], r["meetings"], r["cumulative"]) for r in ask("meeting-counts")}
    assert {
        ("doc-001", "7", "false"),
        ("doc-001", "1", "false"),
        ("doc-001", "16", "true"),
        ("doc-000", "5", "false"),
        ("doc-000", "26", "true"),
        ("doc-002", "46", "true"),
    } <= rows


def test_iscg_was_the_iscT(real_cli: Invoke) -> None:
    """doc-000: 'the inter-Sector coordination group (ISCG) … (previously known as
    “Inter-Sector coordination team”)'."""
    result = real_cli(
        "query",
        "-f",
        "csv",
        "-e",
        "SELECT ?from ?to WHERE { ?c a org:ChangeEvent ; org:originalOrganization ?from ; "
        "org:resultingOrganization ?to }",
    )
    assert "ISCT,ISCG" in result.stdout.splitlines()


# --- the thematic areas of ISC-TF: doc-001 (2017), doc-000 (2019), doc-002 (2022) --------


def test_thematic_area_lists(ask) -> None:
    rows = by(ask("thematic-areas"), "year")
    assert {y: len(v) for y, v in rows.items()} == {"2017": 9, "2019": 11, "2022": 13}
    assert "Artificial Intelligence" in {r["area"] for r in rows["2019"]}
    assert {r["source"] for r in rows["2022"]} == {"doc-002"}


def test_thematic_area_mappings(ask) -> None:
    rows = {r["area"]: r for r in ask("thematic-areas", year="2022")}
    merged = rows["Communications & Web Editorial"]
    assert (merged["previous"], merged["mapping"]) == ("Communications, Web editorial", "merged")
    sme = rows["Resource Mobilization and SMEs"]
    assert sme["previous"] == "Participation of SMEs in the work of ITU, Resource mobilization"
    assert sme["mapping"] == "merged"
    assert rows["Emerging Trends and Artificial Intelligence"]["mapping"] == "renamed"
    for new in ("Community Networks", "Geospatial activities", "Membership", "Multilingualism"):
        assert (rows[new]["mapping"], rows[new]["previous"]) == ("new", None)
    assert rows["Gender"]["mapping"] == "unchanged"


# --- doc-000: ISC-TF report to TSAG on 2018 and PP-18 --------------------------------------


def test_res_191_mandates_2018_repeat_the_overlap_clause(ask) -> None:
    """The SG is instructed 'to identify all forms and examples of overlapping functions …',
    and so are 'The Secretary General and the Directors of the three Bureaux'."""
    rows = [r for r in ask("mandates", resolution="191") if r["revision"] == "Res191-2018"]
    assert len(rows) == 6
    overlap = [r for r in rows if "identify all forms and examples" in r["action"]]
    assert [r["addressee"] for r in overlap] == ["SG", "Dir-BDT, Dir-BR, Dir-TSB, SG"]
    invited = {r["addressee"] for r in rows if r["verb"] == "invites"}
    assert invited == {
        "RAG, TDAG, TSAG",
        "Dir-BDT, Dir-BR, Dir-TSB, ISC-TF",
        "MemberStates, SectorMembers",
    }


def test_decision_5_annex_2(ask) -> None:
    rows = ask("mandates", resolution="5")
    assert [(r["revision"], r["verb"], r["addressee"]) for r in rows] == [
        ("Dec5-2018", "suggests", "ISC-TF")
    ]


def test_decision_5_and_res_71_citations(ask) -> None:
    """'Annex 2 to Decision 5 (Rev. Dubai, 2018)'; 'adopted at PP-18 (Annex 1 to Res.71)' prints
    no revision name, so its citation is left empty, while doc-002 prints 'Resolution 71 (Rev.
    Bucharest, 2022)'. Resolution 44 is named without any revision: no citation."""
    [dec5] = ask("resolution-history", resolution="5")
    assert (dec5["place"], dec5["citation"]) == ("Dubai", "Dec. 5 (Rev. Dubai, 2018)")
    res71 = ask("resolution-history", resolution="71")
    assert [(r["revision"], r["place"], r["citation"]) for r in res71] == [
        ("Res71-2018", "Dubai", None),
        ("Res71-2022", "Bucharest", "Res. 71 (Rev. Bucharest, 2022)"),
    ]
    [res44] = ask("resolution-history", resolution="44")
    assert (res44["revision"], res44["citation"]) == (None, None)


def test_objective_i6(ask) -> None:
    """'I.6-a … I.6-b … I.6-c' and outputs 'I.6-1 … I.6-2'."""
    rows = ask("objective-outcomes", objective="I.6")
    assert [(r["kind"], r["id"]) for r in rows] == [
        ("outcome", "I.6-a"),
        ("outcome", "I.6-b"),
        ("outcome", "I.6-c"),
        ("output", "I.6-1"),
        ("output", "I.6-2"),
    ]
    assert {r["objective_title"] for r in rows} == {"Reducing overlap and duplication"}
    assert rows[2]["title"] == "Realize savings through avoidance of areas of overlap"


def test_sme_pilot_implemented_by_study_groups_and_bdt(ask) -> None:
    """'ITU-T SG5, SG16 and SG20 have begun to implement the pilot project on SMEs, while BDT
    has also started to have SMEs participating in their SGs'."""
    units = {r["unit"] for r in ask("unit-engagements") if r["topic"] == "SME-Pilot"}
    assert {"ITU-T-SG5", "ITU-T-SG16", "ITU-T-SG20", "BDT"} <= units


# --- doc-002: ISC-TF report to TSAG, 2022 ---------------------------------------------------


def test_dsg_named_and_last_meeting(real_cli: Invoke) -> None:
    """'chaired by ITU’s Deputy Secretary-General, Mr Malcolm Johnson'; last meeting
    'on 20th September 2022'."""
    out = real_cli(
        "query",
        "-f",
        "csv",
        "-e",
        "SELECT ?name WHERE { :DSG org:heldBy/skos:prefLabel ?name }",
    ).stdout
    assert "Malcolm Johnson" in out
    shown = json.loads(real_cli("show", "ISC-TF-46", "-f", "json").stdout)
    facts = {x["predicate"]: x["value"] for x in shown["outgoing"]}
    assert (facts["isc:body"], facts["isc:startDate"]) == ("ISC-TF", "2022-09-20")


def test_secretariat_working_group_chaired_by_director_br(ask) -> None:
    rows = ask("body-composition", body="Secretariat-ISWG")
    assert [(r["member"], r["role"]) for r in rows] == [("Dir-BR", "chair")]


# --- doc-003: ITU and the UN system (Council) ----------------------------------------------


def test_ungis_co_chaired_by_the_secretary_general(ask) -> None:
    """'The ITU Secretary-General also continued to co-Chair the UN Group on the Information
    Society (UNGIS) in 2016.'"""
    assert [(r["member"], r["role"]) for r in ask("body-composition", body="UNGIS")] == [
        ("SG", "co-chair")
    ]


def test_joint_initiatives(ask) -> None:
    """'ITU and UN Women joined forces to launch EQUALS'; 'The joint WHO-ITU mHealth for
    Non-Communicable Diseases (NCDs) partnership a global initiative since 2012'."""
    rows = ask("unit-engagements")
    equals = {r["unit"] for r in rows if r["topic"] == "EQUALS"}
    assert {"ITU", "UN-Women"} <= equals
    mhealth = {r["unit"] for r in rows if r["topic"] == "WHO-ITU-mHealth"}
    assert {"ITU", "WHO"} <= mhealth


def test_itu_takes_part_in_inter_agency_mechanisms(ask) -> None:
    rows = ask("unit-engagements", unit="ITU")
    mechanisms = {r["topic"] for r in rows if r["topic_kind"] == "inter-agency mechanism"}
    assert len(mechanisms) >= 23


# --- the UN SDG data -------------------------------------------------------------------------


def test_itu_is_custodian_of_five_sdg_indicators(ask) -> None:
    """doc-004: 'ITU was identified as the custodian agency for collecting 5 SDG indicators';
    the UN data names them."""
    rows = [r for r in ask("unit-engagements", unit="ITU") if r["role"] == "custodian"]
    assert sorted(r["topic"] for r in rows if r["topic_kind"] == "sdg indicator") == [
        "17.6.2",
        "17.8.1",
        "4.4.1",
        "5.b.1",
        "9.c.1",
    ]


def test_sdg_data_is_complete(real_cli: Invoke) -> None:
    out = real_cli(
        "query",
        "-f",
        "csv",
        "-e",
        "SELECT ?c (COUNT(?x) AS ?n) WHERE { VALUES ?c { sdgo:Goal sdgo:Target } ?x a ?c } "
        "GROUP BY ?c ORDER BY ?c",
    ).stdout
    assert out.splitlines()[1:] == ["sdgo:Goal,17", "sdgo:Target,169"]


def test_reported_counts(real_cli: Invoke) -> None:
    """doc-000: 'includes now six (6) Inter-Sectoral Objectives, including two (2) new ones';
    doc-002: 'Other 56 resolutions were reviewed, and 6 new resolutions were approved.'"""
    out = real_cli(
        "query",
        "-f",
        "csv",
        "-e",
        "SELECT ?of ?n ?doc WHERE { ?x isc:reportedCount ?c . ?c isc:count ?n ; isc:countOf ?of ;"
        " prov:qualifiedDerivation/prov:entity/skos:notation ?doc } ORDER BY ?doc ?n",
    ).stdout.splitlines()
    assert out[1:] == [
        "new Inter-Sectoral Objectives,2,doc-000",
        "Inter-Sectoral Objectives,6,doc-000",
        "new resolutions approved,6,doc-002",
        "other resolutions reviewed,56,doc-002",
    ]
