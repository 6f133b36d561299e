"""On the real data, the report flags what a careful reader of the documents flags."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import SEEDS, Invoke

from isc_graph.overlap import OverlapReport, analyse
from isc_graph.overlap.model import Evidence
from isc_graph.store import StoreLocation


@pytest.fixture(scope="module")
def report(real_store: Path) -> OverlapReport:
    return analyse(StoreLocation(real_store).open_read_only())


def quotes(evidence) -> list[str]:
    return [e.quote for e in evidence]


def test_units_sharing_wsis_forum_sessions_without_coordination(report: OverlapReport) -> None:
    """doc-004 lists sessions 'led by BDT', one marked '(contributing role, SPM leads)'. BDT is
    the secretariat of ITU-D; no source places SPM in a Sector, so it counts with the GS by
    default: the sessions are shared across the line between a Sector and the GS."""
    shared = {s.topic.id: s for s in report.shared_engagements}
    c5 = shared["WSIS19-AL-C5"]
    assert c5.status == "uncoordinated"
    assert (c5.sectors, c5.inter_sectoral) == (["ITU-D", "GS"], True)
    assert [(u.unit.id, u.basis) for u in c5.units] == [("BDT", "stated"), ("SPM", "default")]
    assert [(u.unit.id, u.roles) for u in c5.units] == [("BDT", ["contributor"]), ("SPM", ["lead"])]
    assert "WSIS AL C5: Cybersecurity (contributing role, SPM leads)" in quotes(c5.evidence)
    hackathon = shared["WSIS19-ITU-UNESCO-Hackathon"]
    assert [(u.unit.id, u.roles) for u in hackathon.units] == [("BDT", ["lead"]), ("SPM", ["lead"])]
    assert shared["WSIS19-Accessibility-Track"].status == "uncoordinated"
    # doc-003: the GS coordinates external relations, assisted by the UN Liaison Office.
    external = shared["ITU-ExternalRelations"]
    assert external.status == "coordinated"
    assert external.coordinated_by == ["GS (coordinator, on ITU-ExternalRelations)"]
    assert (external.sectors, external.inter_sectoral) == (["GS"], False)
    assert sorted(shared) == [
        "C2",  # doc-004: BDT focal point; the ITU-D study groups contribute
        "ISCT",  # doc-001 §3.1: RAG, TSAG and TDAG agreed to establish it
        "ITU-ExternalRelations",
        "Res140-2018-m1",  # doc-004: BDT implementing, the regional offices involved
        "SME-Pilot",  # doc-000: ITU-T SG5, SG16, SG20 and BDT
        "WSIS-outcomes",  # doc-004: ITU-D, BDT and the ITU-D study groups contribute
        "WSIS19-AL-C5",
        "WSIS19-Accessibility-Track",
        "WSIS19-ITU-UNESCO-Hackathon",
        "common-topics-list",  # doc-001 §3.2: input from the three Sector advisory groups
    ]


def test_advisory_groups_of_the_three_sectors(report: OverlapReport) -> None:
    """doc-001 §3.1–3.2: RAG, TSAG and TDAG agreed on the ISCT, and gave input to its list of
    common topics; both are inter-sectoral, and coordinated (the ISCT is a coordination body
    and leads the list)."""
    shared = {s.topic.id: s for s in report.shared_engagements}
    for topic in ("ISCT", "common-topics-list"):
        found = shared[topic]
        assert (found.sectors, found.inter_sectoral, found.status) == (
            ["ITU-R", "ITU-T", "ITU-D"],
            True,
            "coordinated",
        )
        assert [(u.unit.id, u.sectors) for u in found.units] == [
            ("RAG", ["ITU-R"]),
            ("TDAG", ["ITU-D"]),
            ("TSAG", ["ITU-T"]),
        ]
    assert shared["common-topics-list"].coordinated_by == ["ISCT (lead, on common-topics-list)"]
    assert "Inter-Sectoral Coordination Team (ISCT)" in quotes(shared["ISCT"].evidence)[0]


def test_uncoordinated_inter_sectoral_findings_come_first(report: OverlapReport) -> None:
    order = [(s.topic.id, s.status, s.inter_sectoral) for s in report.shared_engagements]
    assert order == [
        ("Res140-2018-m1", "uncoordinated", True),
        ("WSIS19-AL-C5", "uncoordinated", True),
        ("WSIS19-Accessibility-Track", "uncoordinated", True),
        ("WSIS19-ITU-UNESCO-Hackathon", "uncoordinated", True),
        ("WSIS-outcomes", "uncoordinated", False),
        ("SME-Pilot", "coordinated", True),
        ("ISCT", "coordinated", True),
        ("common-topics-list", "coordinated", True),
        ("C2", "coordinated", False),
        ("ITU-ExternalRelations", "coordinated", False),
    ]


def test_the_overlap_clause_given_twice_in_2018(report: OverlapReport) -> None:
    """Res. 191 (Rev. Dubai, 2018), as doc-000 reports it, instructs the Secretary-General and,
    in another clause, the Secretary-General and the three Directors, to identify all forms
    and examples of overlapping functions: the same action, twice."""
    [dup] = report.mandate_duplicates
    assert (dup.a, dup.b, dup.scope, dup.similarity) == (
        "Res191-2018-m3",
        "Res191-2018-m5",
        "within revision",
        1.0,
    )
    assert (dup.addressees_a, dup.addressees_b) == (["SG"], ["Dir-BDT", "Dir-BR", "Dir-TSB", "SG"])
    assert {e.document for e in dup.evidence} == {"doc-000"}


def test_addressees_without_reported_activity(report: OverlapReport) -> None:
    idle = {a.addressee.id: a.mandates for a in report.unreported_addressees}
    assert sorted(idle) == ["Dir-BR", "ITU-Membership", "MemberStates", "SectorMembers"]
    assert "Res191-2018-m5" in idle["Dir-BR"]


def test_action_lines_where_itu_has_a_role_but_no_unit_leads(report: OverlapReport) -> None:
    """doc-004: C5 is the line 'where ITU is the sole facilitator'; no unit is named its focal
    point or lead, but the Forum session on it is 'WSIS AL C5: Cybersecurity (contributing role,
    SPM leads)'. ITU is 'partner of WSIS Action Lines C8 and C9', and no session on C8 is named.
    """
    gaps = {g.item.id: g for g in report.gaps["action_lines_without_lead"]}
    assert sorted(gaps) == ["C5", "C8"]
    assert (gaps["C5"].context, gaps["C8"].context) == ("facilitator", "partner")
    assert gaps["C5"].why == (
        "ITU is sole facilitator of C5 (Building Confidence and Security in the Use of ICTs), "
        "but no ITU unit is named as its focal point or lead; SPM (Strategic Planning and "
        'Membership Department) leads the WSIS Forum 2019 session on it, "WSIS AL C5: '
        'Cybersecurity".'
    )
    assert gaps["C8"].why == (
        "ITU is partner of C8 (WSIS Action Line C8), but no ITU unit is named as its focal "
        "point or lead; "
        "the sources name no session on it."
    )
    c5 = gaps["C5"].evidence
    assert (
        Evidence(
            "doc-004",
            "Operational level beyond PP-18, para. 2, list item 4",
            "WSIS AL C5: Cybersecurity (contributing role, SPM leads)",
        )
        in c5
    )
    assert (
        "WSIS Action Line C5 (Building Confidence and Security in the Use of ICTs), where ITU "
        "is the sole facilitator"
    ) in quotes(c5)
    assert quotes(gaps["C8"].evidence) == [
        "Following PP Resolution 140 (Rev. Busan, 2014), ITU should continue playing a lead "
        "facilitation role in the WSIS implementation process",
        "partner of WSIS Action Lines C8 and C9",
    ]
    assert all(e.document == "doc-004" for g in gaps.values() for e in g.evidence)


def test_sdg_and_thematic_area_gaps(report: OverlapReport) -> None:
    # Annex 1 of doc-004 covers all 17 SDGs, at goal level only.
    assert report.gaps["sdgs_without_outcomes"] == []
    assert len(report.gaps["targets_without_outcomes"]) == 169
    # The ISC-TF lists name no unit for any area: all 33 (three lists) are coordinated by ISC-TF
    # (one also by the informal AI group) and engage no unit.
    areas = report.gaps["thematic_areas_without_units"]
    assert len(areas) == 33
    assert all("ISC-TF" in g.context for g in areas)


def test_outcomes_of_d1_with_identical_contributions(report: OverlapReport) -> None:
    groups = [([o.id for o in g.outcomes], g.signature) for g in report.signature_groups]
    assert groups == [
        (
            ["D.1-1", "D.1-2", "D.1-3"],
            ["SDG 1", "SDG 3", "SDG 5", "SDG 10", "SDG 16", "SDG 17", "C1", "C11"],
        ),
        (["D.1-4", "D.1-5"], ["SDG 1", "SDG 17", "C1", "C11"]),
    ]
    pairs = {(p.a[0].id, p.b[0].id): p for p in report.similar_pairs}
    assert pairs["D.2-3", "D.4-4"].shared == ["SDG 3", "SDG 5", "SDG 11", "SDG 13", "C7"]
    # Exactly at the threshold: 4 shared of 8.
    assert pairs["D.1-1", "D.1-4"].jaccard == 0.5


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are not beside this clone")
def test_every_quoted_passage_of_a_finding_is_in_its_document(report: OverlapReport) -> None:
    texts = {}
    for path in SEEDS.iterdir():
        match = re.match(r"(\d{3})_", path.name)
        if match and path.is_file():
            texts[f"doc-{match[1]}"] = normalise(path.read_text(encoding="utf-8", errors="replace"))
    findings = [
        *report.signature_groups,
        *report.similar_pairs,
        *report.shared_engagements,
        *report.mandate_duplicates,
        *report.unreported_addressees,
        *(g for gaps in report.gaps.values() for g in gaps),
    ]
    checked = 0
    for finding in findings:
        for e in finding.evidence:
            if e.document in texts and e.quote:
                assert normalise(e.quote) in texts[e.document], (e.document, e.quote)
                checked += 1
    assert checked > 50


def test_overlap_json_and_csv(real_cli: Invoke) -> None:
    result = real_cli("overlap", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data)[3:] == [
        "signature_groups",
        "similar_pairs",
        "shared_engagements",
        "mandate_duplicates",
        "gaps",
        "centrality",
        "communities",
        "changes",
        "sources",
    ]
    assert data["shared_engagements"][0]["topic"]["id"] == "Res140-2018-m1"
    table = real_cli("overlap", "-f", "csv").stdout.splitlines()
    assert table[0] == "analysis,subject,related,score,why,evidence,sectors,subject_label"
    assert any(
        row.startswith("mandate_duplicate,Res191-2018-m3,Res191-2018-m5,1,") for row in table
    )


def test_overlap_html_is_self_contained(real_cli: Invoke) -> None:
    html = real_cli("overlap", "-f", "html").stdout
    assert html.startswith("<!DOCTYPE html>")
    assert "<svg" in html and "Units by topics" in html and "unit–topic network" in html
    assert not re.search(r"(src|href)=\"https?:", html)
    assert "WSIS AL C5: Cybersecurity (contributing role, SPM leads)" in html


def test_report_writes_three_files_and_a_summary(real_cli: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = real_cli("report", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "overlap-report.html",
        "overlap-report.json",
        "overlap-report.md",
    ]
    assert "10 topics shared by 2+ units (5 uncoordinated, 7 inter-sectoral)" in result.stdout
    assert f"Wrote {out / 'overlap-report.html'}" in result.stdout
    md = (out / "overlap-report.md").read_text(encoding="utf-8")
    assert "## 1. Topics several units work on" in md


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--threshold", "0"), "Invalid value for '--threshold'"),
        (("--threshold", "1.5"), "Invalid value for '--threshold'"),
        (("--min-units", "1"), "Invalid value for '--min-units'"),
    ],
)
def test_bad_parameters(real_cli: Invoke, args: tuple[str, ...], message: str) -> None:
    result = real_cli("overlap", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_synth_then_analyse_it(real_cli: Invoke, tmp_path: Path) -> None:
    nq = tmp_path / "synth.nq"
    made = real_cli("synth", "-o", nq, "--outcomes", "300", "--units", "12", "--resolutions", "20")
    assert made.exit_code == 0, made.stderr
    result = real_cli("overlap", "--graph", nq, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["inputs"]["outcomes"] == 300
    bad = tmp_path / "bad.nq"
    bad.write_text("not rdf\n", encoding="utf-8")
    broken = real_cli("overlap", "--graph", bad)
    assert broken.exit_code == 2
    assert broken.stderr == (
        f"Error: {bad}:1:1: The subject of a triple must be an IRI or a blank node\n"
    )


def test_json_report_follows_its_schema(report: OverlapReport) -> None:
    import jsonschema
    from conftest import REPO

    schema = json.loads((REPO / "docs" / "overlap.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(report.to_dict(), schema)


def test_streamed_json_is_the_report_as_a_dict(real_cli: Invoke, report: OverlapReport) -> None:
    result = real_cli("overlap", "-f", "json")
    assert result.stdout == json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


# doc-000, "Areas of coordination and outcomes of the work of ISC-TF".
SME_PASSAGES = (
    "ITU-T SG5, SG16 and SG20 have begun to implement the pilot project on SMEs",
    "while BDT has also started to have SMEs participating in their SGs",
    "Continued overseeing the pilot project for the participation of SMEs in the work of ITU "
    "(C18/69); and",
)


def test_the_sme_pilot_is_shared_across_sectors_in_every_format(real_cli: Invoke) -> None:
    """doc-000: three ITU-T study groups have begun to implement the pilot project on SMEs,
    while BDT has SMEs participating in its study groups; the ISC-TF oversees the pilot. A
    study group is part of its Sector (CS Art. 17), BDT is the Bureau of ITU-D (CS Art. 21)."""
    from html import escape

    data = json.loads(real_cli("overlap", "-f", "json").stdout)
    [sme] = [s for s in data["shared_engagements"] if s["topic"]["id"] == "SME-Pilot"]
    assert (sme["sectors"], sme["inter_sectoral"], sme["status"]) == (
        ["ITU-T", "ITU-D"],
        True,
        "coordinated",
    )
    assert [(u["unit"]["id"], u["roles"], u["sectors"], u["basis"]) for u in sme["units"]] == [
        ("BDT", ["implementer"], ["ITU-D"], "stated"),
        ("ITU-T-SG5", ["implementer"], ["ITU-T"], "stated"),
        ("ITU-T-SG16", ["implementer"], ["ITU-T"], "stated"),
        ("ITU-T-SG20", ["implementer"], ["ITU-T"], "stated"),
    ]
    assert "ISC-TF (coordinator, on SME-Pilot)" in sme["coordinated_by"]
    assert sme["why"].startswith(
        "ITU-T, with ITU-T-SG5 (ITU-T Study Group 5), ITU-T-SG16 (ITU-T Study Group 16) and "
        "ITU-T-SG20 (ITU-T Study Group 20) as implementer, and ITU-D, with BDT "
        "(Telecommunication Development Bureau) as implementer, are both engaged on SME-Pilot "
        "(Pilot project for the participation of SMEs in the work of…); coordinated by ISC-TF "
        "(Inter-Sectoral Coordination Task Force) as coordinator"
    )
    assert all(any(p in e["quote"] for e in sme["evidence"]) for p in SME_PASSAGES)

    rows = list(csv.reader(io.StringIO(real_cli("overlap", "-f", "csv").stdout)))
    [row] = [r for r in rows if r[:2] == ["shared_engagement", "SME-Pilot"]]
    assert (row[3], row[4], row[6]) == ("coordinated", sme["why"], "ITU-T, ITU-D")
    assert all(p in row[5] for p in SME_PASSAGES)

    md = real_cli("overlap", "-f", "md").stdout
    [line] = [
        x for x in md.splitlines() if x.startswith("| SME-Pilot (") and "…), initiative |" in x
    ]
    assert "| inter-sectoral: ITU-T, ITU-D |" in line
    assert (
        "| ITU-T: ITU-T-SG5 (implementer), ITU-T-SG16 (implementer), ITU-T-SG20 (implementer); "
        "ITU-D: BDT (implementer) |"
    ) in line
    # Each passage quoted in full the first time in its table (earlier rows may quote some).
    assert all(p in md for p in SME_PASSAGES)

    html = real_cli("overlap", "-f", "html").stdout
    [tr] = [
        x
        for x in html.split("<tr>")
        if x.startswith("<td>SME-Pilot (") and "…), initiative</td>" in x
    ]
    assert '<span class="inter-sectoral">inter-sectoral</span>: ITU-T, ITU-D' in tr
    assert all(escape(p) in html for p in SME_PASSAGES)
