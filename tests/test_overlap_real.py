"""On the real data, the report flags what a careful reader of the documents flags."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SEEDS, Invoke

from isc_graph.overlap import OverlapReport, analyse
from isc_graph.store import StoreLocation


@pytest.fixture(scope="module")
def report(real_store: Path) -> OverlapReport:
    return analyse(StoreLocation(real_store).open_read_only())


def quotes(evidence) -> list[str]:
    return [e.quote for e in evidence]


def test_units_sharing_wsis_forum_sessions_without_coordination(report: OverlapReport) -> None:
    """doc-004 lists sessions 'led by BDT', one marked '(contributing role, SPM leads)'."""
    shared = {s.topic.id: s for s in report.shared_engagements}
    c5 = shared["WSIS19-AL-C5"]
    assert c5.status == "uncoordinated"
    assert [(u.unit.id, u.roles) for u in c5.units] == [("BDT", ["contributor"]), ("SPM", ["lead"])]
    assert "WSIS AL C5: Cybersecurity (contributing role, SPM leads)" in quotes(c5.evidence)
    hackathon = shared["WSIS19-ITU-UNESCO-Hackathon"]
    assert [(u.unit.id, u.roles) for u in hackathon.units] == [("BDT", ["lead"]), ("SPM", ["lead"])]
    assert shared["WSIS19-Accessibility-Track"].status == "uncoordinated"
    # doc-003: the GS coordinates external relations, assisted by the UN Liaison Office.
    external = shared["ITU-ExternalRelations"]
    assert external.status == "coordinated"
    assert external.coordinated_by == ["GS (coordinator, on ITU-ExternalRelations)"]
    assert sorted(shared) == [
        "ITU-ExternalRelations",
        "WSIS19-AL-C5",
        "WSIS19-Accessibility-Track",
        "WSIS19-ITU-UNESCO-Hackathon",
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
    gaps = {g.item.id: g for g in report.gaps["action_lines_without_lead"]}
    assert sorted(gaps) == ["C5", "C8"]
    assert (gaps["C5"].context, gaps["C8"].context) == ("facilitator", "partner")
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
    ]
    assert data["shared_engagements"][0]["topic"]["id"] == "WSIS19-AL-C5"
    table = real_cli("overlap", "-f", "csv").stdout.splitlines()
    assert table[0] == "analysis,subject,related,score,why,evidence"
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
    assert "4 topics shared by 2+ units (3 uncoordinated)" in result.stdout
    assert f"Wrote {out / 'overlap-report.html'}" in result.stdout
    md = (out / "overlap-report.md").read_text(encoding="utf-8")
    assert "## 3. Topics several units work on" in md


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
    assert broken.stderr.startswith(f"Error: {bad}: cannot read it as RDF")


def test_json_report_follows_its_schema(report: OverlapReport) -> None:
    import jsonschema
    from conftest import REPO

    schema = json.loads((REPO / "docs" / "overlap.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(report.to_dict(), schema)


def test_streamed_json_is_the_report_as_a_dict(real_cli: Invoke, report: OverlapReport) -> None:
    result = real_cli("overlap", "-f", "json")
    assert result.stdout == json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
