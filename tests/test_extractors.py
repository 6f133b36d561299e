"""The extractors on sentences written for these tests, against a small graph built here.

Each test names the ITU form it covers; every candidate's quote must be a verbatim slice of
its block.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from isc_graph.extract.extractors import (
    action_line,
    citation,
    composition,
    contribution,
    engagement,
    extract_all,
    mandate,
    thematic,
)
from isc_graph.extract.extractors._text import action_lines, numbers, sentences
from isc_graph.extract.index import EntityIndex, normalise_name
from isc_graph.extract.model import Block, Candidate, Document

GRAPH = """
@prefix : <https://w3id.org/isc-graph/id/> .
@prefix sp20: <https://w3id.org/isc-graph/id/sp2020-2023/> .
@prefix isc: <https://w3id.org/isc-graph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

:ITU a org:Organization ; skos:notation "ITU" ; skos:prefLabel "ITU"@en .
:ITU-D a isc:Sector ; skos:notation "ITU-D" ;
    skos:prefLabel "Telecommunication Development Sector"@en ; skos:altLabel "ITU-D"@en .
:BDT a isc:Bureau ; skos:notation "BDT" ;
    skos:prefLabel "Telecommunication Development Bureau"@en ; skos:altLabel "BDT"@en .
:TSB a isc:Bureau ; skos:notation "TSB" ;
    skos:prefLabel "Telecommunication Standardization Bureau"@en .
:BR a isc:Bureau ; skos:notation "BR" ; skos:prefLabel "Radiocommunication Bureau"@en .
:GS a isc:GeneralSecretariat ; skos:notation "GS" ; skos:prefLabel "General Secretariat"@en .
:SPM a isc:Department ; skos:notation "SPM" ;
    skos:prefLabel "Strategic Planning and Membership Department"@en .
:Dir-BDT a org:Post ; skos:notation "Dir-BDT" ; skos:prefLabel "Director of the BDT"@en ;
    isc:headOf :BDT .
:Dir-TSB a org:Post ; skos:notation "Dir-TSB" ; skos:prefLabel "Director of the TSB"@en ;
    isc:headOf :TSB .
:Dir-BR a org:Post ; skos:notation "Dir-BR" ; skos:prefLabel "Director of the BR"@en ;
    isc:headOf :BR .
:SG a org:Post ; skos:notation "SG" ; skos:prefLabel "Secretary-General"@en ; isc:headOf :GS .
:DSG a org:Post ; skos:notation "DSG" ; skos:prefLabel "Deputy Secretary-General"@en .
:Head-IAU a org:Post ; skos:notation "Head-IAU" ;
    skos:prefLabel "Head of the Internal Audit Unit"@en .
:RegionalDirectors a org:Post ; skos:notation "RegionalDirectors" ;
    skos:prefLabel "Regional Directors"@en .
:MemberStates a isc:MembershipCategory ; skos:notation "MemberStates" ;
    skos:prefLabel "Member States"@en .
:SectorMembers a isc:MembershipCategory ; skos:notation "SectorMembers" ;
    skos:prefLabel "Sector Members"@en .
:TSAG a isc:AdvisoryGroup ; skos:notation "TSAG" ; skos:prefLabel "TSAG"@en .
:RAG a isc:AdvisoryGroup ; skos:notation "RAG" ; skos:prefLabel "RAG"@en .
:ISC-TF a isc:CoordinationBody ; skos:notation "ISC-TF" ;
    skos:prefLabel "Inter-Sectoral Coordination Task Force"@en ; skos:altLabel "ISC TF"@en .
:PMICT4D a isc:Initiative ; skos:notation "PMICT4D" ;
    skos:prefLabel "Partnership on Measuring ICT for Development"@en .
:C1 a isc:ActionLine ; skos:notation "C1" ; skos:prefLabel "WSIS Action Line C1"@en .
:C2 a isc:ActionLine ; skos:notation "C2" ; skos:prefLabel "WSIS Action Line C2"@en .
:C7 a isc:ActionLine ; skos:notation "C7" ; skos:prefLabel "WSIS Action Line C7"@en .
:C7-e-health a isc:ActionLineSubLine ; skos:notation "C7-e-health" ;
    skos:prefLabel "e-health"@en .
:PP a isc:GoverningBody ; skos:notation "PP" ; skos:prefLabel "Plenipotentiary Conference"@en .
:Council a isc:GoverningBody ; skos:notation "Council" ; skos:prefLabel "Council"@en .
:WTDC a isc:GoverningBody ; skos:notation "WTDC" ;
    skos:prefLabel "World Telecommunication Development Conference"@en .
:PP-14 a isc:Conference ; skos:notation "PP-14" ; skos:prefLabel "PP-14"@en ; isc:body :PP ;
    isc:year "2014"^^xsd:gYear ; isc:place "Busan" .
:PP-18 a isc:Conference ; skos:notation "PP-18" ; skos:prefLabel "PP-18"@en ; isc:body :PP ;
    isc:year "2018"^^xsd:gYear ; isc:place "Dubai" .
:WTDC-17 a isc:Conference ; skos:notation "WTDC-17" ; skos:prefLabel "WTDC-17"@en ;
    isc:body :WTDC ; isc:year "2017"^^xsd:gYear ; isc:place "Buenos Aires, Argentina" .
:Res191 a isc:Resolution ; skos:notation "Res191" ; skos:prefLabel "Resolution 191"@en ;
    isc:number "191" ; isc:body :PP .
:Res191-2018 a isc:Revision ; skos:notation "Res191-2018" ;
    skos:prefLabel "Resolution 191 (Rev. Dubai, 2018)"@en ; isc:revisionOf :Res191 ;
    isc:year "2018"^^xsd:gYear ; isc:adoptedAt :PP-18 .
:Res140 a isc:Resolution ; skos:notation "Res140" ; skos:prefLabel "Resolution 140"@en ;
    isc:number "140" ; isc:body :PP .
:Res140-2014 a isc:Revision ; skos:notation "Res140-2014" ;
    skos:prefLabel "Resolution 140 (Rev. Busan, 2014)"@en ; isc:revisionOf :Res140 ;
    isc:year "2014"^^xsd:gYear .
:CouncilRes1332 a isc:Resolution ; skos:notation "CouncilRes1332" ;
    skos:prefLabel "Council Resolution 1332"@en ; isc:number "1332" ; isc:body :Council .
:Dec5 a isc:Decision ; skos:notation "Dec5" ; skos:prefLabel "Decision 5"@en ;
    isc:number "5" ; isc:body :PP .
sp20:D.2-1 a isc:Outcome ; skos:notation "D.2-1" ; skos:prefLabel "Resilient networks"@en .
sp20:D.1-5 a isc:Outcome ; skos:notation "D.1-5" ; skos:prefLabel "Cooperation agreements"@en .
sp20:D.4-1 a isc:Outcome ; skos:notation "D.4-1" ; skos:prefLabel "Access in LDCs"@en .
"""


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    store = ox.Store()
    store.load(GRAPH.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:x:test"))
    return EntityIndex.from_store(store)


def doc(*texts: str | tuple[str, str]) -> Document:
    """A document of blocks; a (kind, text) pair sets the block kind."""
    blocks = []
    for n, t in enumerate(texts, 1):
        kind, text = t if isinstance(t, tuple) else ("paragraph", t)
        blocks.append(Block(f"para. {n}", text, kind))
    return Document("test.txt", blocks=blocks)


def verbatim(document: Document, found: list[Candidate]) -> list[Candidate]:
    by_locator = {b.locator: b.text for b in document.blocks}
    for c in found:
        assert c.passage.quote in by_locator[c.passage.locator], c
    return found


def run(module, document: Document, index: EntityIndex) -> list[Candidate]:
    return verbatim(document, list(module.extract(document, index)))


# -- entity matching -------------------------------------------------------------------


def test_notation_and_label_lookups(index: EntityIndex) -> None:
    assert index.by_notation("bdt").id == "BDT"
    assert index.by_label("the telecommunication  development bureau").id == "BDT"
    assert index.find("The Secretary General").id == "SG"
    assert index.find("ITU’s Deputy Secretary-General").id == "DSG"
    assert index.find("ITU-D").id == "ITU-D"
    assert index.find("the Director of BDT").id == "Dir-BDT"
    assert index.find("the BDT Director").id == "Dir-BDT"
    assert index.find("the Bureau of Nowhere") is None
    assert normalise_name("Inter-sectoral Focal Points") == normalise_name(
        "the Intersectoral focal points"
    )


def test_addressee_lists(index: EntityIndex) -> None:
    ids = [e.id if e else None for _, e in index.addressees("the Directors of the BR, TSB and BDT")]
    assert ids == ["Dir-BR", "Dir-TSB", "Dir-BDT"]
    pairs = index.addressees("the Directors of the TSB and BDT and ISC TF")
    assert [e.id for _, e in pairs] == ["Dir-TSB", "Dir-BDT", "ISC-TF"]
    pairs = index.addressees("the Secretary-General and the Directors of the three Bureaux")
    assert sorted(e.id for _, e in pairs) == ["Dir-BDT", "Dir-BR", "Dir-TSB", "SG"]
    pairs = index.addressees("the Strategic Planning and Membership Department")
    assert [e.id for _, e in pairs] == ["SPM"]
    pairs = index.addressees("Member States and Observers")
    assert [(n, e.id if e else None) for n, e in pairs] == [
        ("Member States", "MemberStates"),
        ("Observers", None),
    ]


def test_instruments_and_conferences(index: EntityIndex) -> None:
    assert index.instrument("191", "PP").revisions == {"2018": "Res191-2018"}
    assert index.instrument("191", None).entity.id == "Res191"
    assert index.instrument("5", "PP", decision=True).entity.id == "Dec5"
    assert index.instrument("999", "PP") is None
    assert index.conference(None, "2017", "Buenos Aires").id == "WTDC-17"
    assert index.conference("PP", "2018").id == "PP-18"


# -- shared text helpers ---------------------------------------------------------------


def test_lists_and_sentences() -> None:
    assert action_lines("C1 - C4") == ["C1", "C2", "C3", "C4"]
    assert action_lines("C1–C11")[-1] == "C11"
    assert action_lines("C3 (Access) and C9") == ["C3", "C9"]
    assert numbers("2, 4 and 6") == [2, 4, 6]
    assert numbers("1 to 5") == [1, 2, 3, 4, 5]
    assert numbers("1-17") == list(range(1, 18))
    text = "See Res. 140 (Rev. Busan, 2014) and Doc. C19/12. The Bureau agreed."
    assert [s.text for s in sentences(text)] == [
        "See Res. 140 (Rev. Busan, 2014) and Doc. C19/12.",
        "The Bureau agreed.",
    ]


# -- citations -------------------------------------------------------------------------


def _cited(document: Document, index: EntityIndex) -> dict[str, dict]:
    return {
        c.facts["printed"]: c.facts | {"subject": c.subject} for c in run(citation, document, index)
    }


def test_citation_forms(index: EntityIndex) -> None:
    document = doc(
        "Work continued under Resolution 191 (Rev. Dubai, 2018) and Res. 140 (Rev. Busan, 2014).",
        "Delegates recalled PP-14 Resolution 140 and Council Resolution 1332 (Modified 2016).",
        "The UN texts are UNGA Resolution 70/125, A/RES/70/1 and E/RES/2016/22.",
        "Decision 5 applies; see also WTDC Resolution 30 (Rev. Buenos Aires, 2017) and WTSA "
        "Resolution 1.",
        "The report to Council (C19/21) and Service Order No. 17/04 were issued.",
    )
    cited = _cited(document, index)
    r191 = cited["Resolution 191 (Rev. Dubai, 2018)"]
    assert (r191["subject"], r191["instrument"], r191["conference"]) == (
        "Res191-2018",
        "Res191",
        "PP-18",
    )
    assert (r191["place"], r191["year"], r191["revised"]) == ("Dubai", "2018", True)
    assert cited["Res. 140 (Rev. Busan, 2014)"]["subject"] == "Res140-2014"
    pp14 = cited["PP-14 Resolution 140"]
    assert (pp14["subject"], pp14["conference"]) == ("Res140-2014", "PP-14")
    council = cited["Council Resolution 1332 (Modified 2016)"]
    assert (council["instrument"], council["revision"], council["modified"]) == (
        "CouncilRes1332",
        "CouncilRes1332-2016",
        True,
    )
    assert cited["UNGA Resolution 70/125"]["subject"] == "UNGA-Res70-125"
    assert cited["A/RES/70/1"]["subject"] == "UNGA-Res70-1"
    assert cited["E/RES/2016/22"]["body"] == "ECOSOC"
    assert cited["Decision 5"]["subject"] == "Dec5"
    wtdc = cited["WTDC Resolution 30 (Rev. Buenos Aires, 2017)"]
    assert (wtdc["instrument"], wtdc["revision"], wtdc["conference"]) == (
        "WTDC-Res30",
        "WTDC-Res30-2017",
        "WTDC-17",
    )
    assert cited["WTSA Resolution 1"]["subject"] == "WTSA-Res1"
    assert cited["C19/21"]["kind"] == "document"
    assert cited["Service Order No. 17/04"]["document"] == "SO-17-04"


def test_citation_new_entities_are_flagged(index: EntityIndex) -> None:
    found = run(citation, doc("It follows Resolution 2 (Busan, 2014)."), index)
    (c,) = found
    assert c.subject == "Res2-2014" and c.facts["revised"] is False
    assert set(c.new_entities) == {"Res2", "Res2-2014"}
    assert c.passage.quote == "It follows Resolution 2 (Busan, 2014)."


# -- mandates --------------------------------------------------------------------------


def test_mandate_active_with_anaphor_and_two_actions(index: EntityIndex) -> None:
    document = doc(
        "The conference revised Resolution 191 (Rev. Dubai, 2018) on coordination.",
        "It instructs the Directors of the BR, TSB and BDT to keep a joint calendar of events; "
        "and to publish it yearly.",
    )
    found = run(mandate, document, index)
    assert [c.facts["action"] for c in found] == [
        "to keep a joint calendar of events",
        "to publish it yearly",
    ]
    for c in found:
        assert c.subject == "Res191-2018"
        assert c.facts["verb"] == "instructs"
        assert c.facts["addressees"] == ["Dir-BR", "Dir-TSB", "Dir-BDT"]


def test_mandate_passive_items_under_a_lead_in(index: EntityIndex) -> None:
    document = doc(
        "Resolution 191 (Rev. Dubai, 2018) adds these operative items:",
        ("item", "The Secretary-General is instructed to map shared activities;"),
        ("item", "Member States and Sector Members are invited to join the work."),
        ("item", "At the regional level, TSAG and RAG are encouraged to exchange plans."),
    )
    found = run(mandate, document, index)
    got = [(c.facts["verb"], c.facts["addressees"], c.subject) for c in found]
    assert got == [
        ("instructs", ["SG"], "Res191-2018"),
        ("invites", ["MemberStates", "SectorMembers"], "Res191-2018"),
        ("encourages", ["TSAG", "RAG"], "Res191-2018"),
    ]


def test_mandate_verbs_and_unknown_addressees(index: EntityIndex) -> None:
    document = doc(
        "The Council requests the Secretary-General to report annually.",
        "PP-18 resolved that ITU should keep its WSIS role.",
        "Council Resolution 1332 (Rev. 2016) urges Sector Members to share data.",
        "Res. 140 (Rev. Busan, 2014) calls upon Regional Commissions to align plans.",
    )
    found = run(mandate, document, index)
    got = [(c.facts["verb"], c.facts["addressees"], c.subject) for c in found]
    assert got == [
        ("requests", ["SG"], "SG"),
        ("resolves", ["ITU"], "PP-18"),
        ("urges", ["SectorMembers"], "CouncilRes1332-2016"),
        ("calls upon", ["Regional-Commissions"], "Res140-2014"),
    ]
    assert found[3].new_entities == {"Regional-Commissions": "Regional Commissions"}
    assert found[1].facts["action"] == "keep its WSIS role"


def test_no_mandate_without_an_issuer(index: EntityIndex) -> None:
    found = run(mandate, doc("BDT invites experts to a workshop in May."), index)
    assert found == []


# -- action-line roles -----------------------------------------------------------------


def _roles(found: list[Candidate]) -> set[tuple[str, str, str]]:
    return {(c.facts["agent"], c.facts["role"], c.facts["action_line"]) for c in found}


def test_action_line_role_lists(index: EntityIndex) -> None:
    document = doc(
        "Under the WSIS framework ITU is facilitator for Action Lines C2, C5 and C6, "
        "co-facilitator for C1, C3, C4, C7, C11 and partner of WSIS Action Lines C8 and C9.",
    )
    roles = _roles(run(action_line, document, index))
    assert roles == {
        ("ITU", "facilitator", "C2"),
        ("ITU", "facilitator", "C5"),
        ("ITU", "facilitator", "C6"),
        *{("ITU", "co-facilitator", c) for c in ("C1", "C3", "C4", "C7", "C11")},
        ("ITU", "partner", "C8"),
        ("ITU", "partner", "C9"),
    }


def test_action_line_ranges_where_clauses_and_led_by(index: EntityIndex) -> None:
    document = doc(
        "TSB acts as focal point for WSIS Action Lines C1 - C4.",
        "BDT serves as the ITU focal point for WSIS Action Lines C3 and C7, where ITU is the "
        "co-facilitator, and C9, where ITU is a partner.",
        "The roadmaps of WSIS Action Lines C2 and C6 – led by BDT – are being revised.",
        "SPM has been acting as lead for WSIS Action Line C7 (e-health) since 2016.",
        "All Action Lines C1–C11 are reviewed each year.",
    )
    found = run(action_line, document, index)
    roles = _roles(found)
    assert {("TSB", "focal-point", f"C{n}") for n in range(1, 5)} <= roles
    assert {("BDT", "focal-point", "C3"), ("BDT", "focal-point", "C7")} <= roles
    assert ("BDT", "focal-point", "C9") in roles
    assert {("ITU", "co-facilitator", "C3"), ("ITU", "partner", "C9")} <= roles
    assert {("BDT", "lead", "C2"), ("BDT", "lead", "C6")} <= roles
    assert not any(agent == "ITU" and role == "focal-point" for agent, role, _ in roles)
    spm = [c for c in found if c.facts["agent"] == "SPM"]
    assert [(c.facts["sub_line"], c.facts["since"]) for c in spm] == [("C7-e-health", "2016")]
    assert not any(c.facts["action_line"] == "C11" for c in found)


# -- contributions ---------------------------------------------------------------------


def test_contribution_lines_with_typo_codes(index: EntityIndex) -> None:
    document = doc(
        "D.1.5: Agreements to cooperate on development programmes",
        "Contributes to achievement of SDG Goals 2, 4 and 6",
        "Contributes to facilitation of implementation of WSIS AL C1 - C3 and C11",
        "D-4-1: Better access in the least developed countries. Contributes to achievement of "
        "SDGs 1-3.",
        "D.9-9: An outcome the graph lacks",
        "Contributes to Goals 1 to 2",
    )
    found = run(contribution, document, index)
    got = {(c.subject, c.facts["target"]) for c in found}
    assert {("sp2020-2023/D.1-5", f"sdg:{n}") for n in (2, 4, 6)} <= got
    assert {("sp2020-2023/D.1-5", al) for al in ("C1", "C2", "C3", "C11")} <= got
    assert {("sp2020-2023/D.4-1", f"sdg:{n}") for n in (1, 2, 3)} <= got
    assert {("D.9-9", "sdg:1"), ("D.9-9", "sdg:2")} <= got
    assert len(got) == 12
    d15 = next(c for c in found if c.subject == "sp2020-2023/D.1-5")
    assert (d15.facts["code"], d15.facts["original_code"]) == ("D.1-5", "D.1.5")
    d99 = next(c for c in found if c.subject == "D.9-9")
    assert d99.new_entities == {"D.9-9": "Outcome D.9-9"}


def test_contribution_table_rows(index: EntityIndex) -> None:
    document = doc(
        ("row", "Outcome | Contribution to SDGs | WSIS Action Lines"),
        ("row", "D.2-1: Resilient networks | 1, 9 | C2 and C7"),
    )
    found = run(contribution, document, index)
    assert {c.facts["target"] for c in found} == {"sdg:1", "sdg:9", "C2", "C7"}
    assert {c.passage.quote for c in found} == {"1, 9", "C2 and C7"}


# -- thematic areas --------------------------------------------------------------------


def test_thematic_area_lists(index: EntityIndex) -> None:
    document = doc(
        "In 2021 the areas of inter-sectoral interest coordinated by ISC-TF include the topics "
        "of Spectrum outreach, Digital health, Youth and Skills, and as of 2021, Quantum "
        "technologies.",
        "The thematic areas include the following topics: Cities, Water and Oceans.",
    )
    found = run(thematic, document, index)
    first = [
        (c.facts["area"], c.facts.get("since")) for c in found if c.passage.locator == "para. 1"
    ]
    assert first == [
        ("Spectrum outreach", None),
        ("Digital health", None),
        ("Youth and Skills", None),
        ("Quantum technologies", "2021"),
    ]
    assert {c.facts["list_year"] for c in found if c.passage.locator == "para. 1"} == {"2021"}
    assert {c.facts["coordinated_by"] for c in found if c.passage.locator == "para. 1"} == {
        "ISC-TF"
    }
    second = [c.facts["area"] for c in found if c.passage.locator == "para. 2"]
    assert second == ["Cities", "Water", "Oceans"]


# -- composition and meeting counts ----------------------------------------------------


def test_composition_and_meeting_counts(index: EntityIndex) -> None:
    document = doc(
        "The ISC-TF, chaired by the Deputy Secretary-General, has held 4 meetings in 2020 and "
        "31 since its creation. ISC-TF is composed of: a) the Regional Directors; b) the "
        "Director of the BR and the Director of the TSB; c) as an observer, the Head of the "
        "Internal Audit Unit, and at the invitation of the Chair, the Legal Adviser.",
        "The ISC-TF met five times in 2021 (12 in total since 2019).",
    )
    found = list(composition.extract(document, index))
    verbatim(document, found)
    members = {(c.facts["member"], c.facts["role"]) for c in found if c.kind == "composition"}
    assert members == {
        ("DSG", "chair"),
        ("RegionalDirectors", "member"),
        ("Dir-BR", "member"),
        ("Dir-TSB", "member"),
        ("Head-IAU", "observer"),
        ("Legal-Adviser", "invited"),
    }
    counts = [(c.facts["count"], c.facts["cumulative"]) for c in found if c.kind == "meeting-count"]
    assert counts == [(4, False), (31, True), (5, False), (12, True)]
    assert all(c.subject == "ISC-TF" for c in found)


# -- engagements -----------------------------------------------------------------------


def test_engagements_stated_and_listed(index: EntityIndex) -> None:
    document = doc(
        "BDT will continue to lead the Partnership on Measuring ICT for Development, with "
        "partners.",
        "TSB is the focal point for Open Source Tools in study groups.",
        "The following sessions will be led by BDT:",
        ("item", "Digital Skills Forum"),
        ("item", "Youth Summit (contributing role, SPM leads)"),
        ("item", "Spectrum Day (BDT and TSB lead)"),
        ("item", "Health Hackathon (ITU/WHO)"),
        "BDT will lead several streams of the Forum.",
    )
    found = run(engagement, document, index)
    got = {(c.facts["agent"], c.facts["role"], c.facts["topic"]) for c in found}
    assert got == {
        ("BDT", "lead", "PMICT4D"),
        ("TSB", "focal-point", "Open-Source-Tools-in-study-groups"),
        ("BDT", "lead", "Digital-Skills-Forum"),
        ("BDT", "contributor", "Youth-Summit"),
        ("SPM", "lead", "Youth-Summit"),
        ("BDT", "lead", "Spectrum-Day"),
        ("TSB", "lead", "Spectrum-Day"),
        ("BDT", "lead", "Health-Hackathon"),
    }


# -- all together ----------------------------------------------------------------------


def test_extract_all_quotes_are_verbatim_and_unique(index: EntityIndex) -> None:
    text = (
        "Resolution 191 (Rev. Dubai, 2018) invites RAG and TSAG to share their work plans. "
        "ITU is co-facilitator for WSIS Action Lines C1 and C7."
    )
    document = doc(text, text, "D.2-1: Resilient networks", "Contributes to achievement of SDG 9")
    found = extract_all(document, index)
    verbatim(document, found)
    kinds = {c.kind for c in found}
    assert {"citation", "mandate", "action-line-role", "contribution"} <= kinds
    keys = [(c.kind, c.subject, repr(c.facts), c.passage) for c in found]
    assert len(keys) == len(set(keys))


def test_extract_all_refuses_a_rewritten_quote(index: EntityIndex, monkeypatch) -> None:
    from isc_graph.extract import extractors
    from isc_graph.extract.model import Passage

    def bad(document, index):
        yield Candidate("citation", "X", {}, Passage("para. 1", "not in the text"))

    monkeypatch.setitem(extractors.EXTRACTORS, "citation", bad)
    with pytest.raises(AssertionError):
        extract_all(doc("Some text."), index)
