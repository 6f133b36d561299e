"""Every overlap finding on the real data carries its passages, and every format shows them.

The expected passages do not come from the analysis: they are read from the store with SPARQL
written here (the derivations of the thematic areas and mandates a finding names), or copied
by hand from the source documents (``../shared/seeds``). A finding that lost its evidence, a
CSV whose evidence column is empty, or a Markdown or HTML report without quotes fails here.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, runner_for

from isc_graph.queries import run_query
from isc_graph.store import StoreLocation

# Passages copied by hand from the source documents, with the finding that must quote each.
RES191_ITEM5 = (
    "Member States and Sector Members are invited to support efforts to improve "
    "inter-sectorial coordination, including taking an active part in groups established by "
    "the Sector advisory groups in coordination activities."
)
AREAS_2022 = (
    "The areas of intersectoral interest coordinated by ISC-TF include the following topics: "
    "Accessibility, Bridging the Standards Gap, Communications & Web Editorial, Community "
    "Networks, Emergency Telecommunications, Emerging Trends and Artificial Intelligence, "
    "Environment and Smart Sustainable Cities and Communities, Events Coordination, Gender, "
    "Geospatial activities, Membership, Resource Mobilization and SMEs, and Multilingualism."
)
AREAS_2017 = (
    "The areas of inter-sectoral interest coordinated by ISC-TF include the topics of: Climate "
    "change, Emergency telecommunications, Accessibility, Communications, Web editorial, "
    "Resource mobilization, Gender, Events Coordination, and Bridging the Standards Gap."
)
C5_SOLE = (
    "WSIS Action Line C5 (Building Confidence and Security in the Use of ICTs), where ITU is "
    "the sole facilitator"
)
# (section of the Markdown report, finding id, document, passage)
HAND_WRITTEN = [
    ("Addressees with no reported activity", "SectorMembers", "doc-000", RES191_ITEM5),
    ("Thematic areas with no engaged unit", "TA-2022-membership", "doc-002", AREAS_2022),
    ("Thematic areas with no engaged unit", "TA-2017-gender", "doc-001", AREAS_2017),
    ("Action lines where ITU has a role but no unit leads", "C5", "doc-004", C5_SOLE),
]


@pytest.fixture(scope="module")
def outputs(real_store: Path) -> dict[str, str]:
    """The overlap report of the real data in each format, as the command writes it."""
    cli = runner_for(real_store, REPO)
    out = {}
    for fmt in ("json", "csv", "md", "html"):
        result = cli("overlap", "-f", fmt)
        assert result.exit_code == 0, result.stderr
        out[fmt] = result.stdout
    return out


@pytest.fixture(scope="module")
def report(outputs: dict[str, str]) -> dict:
    return json.loads(outputs["json"])


def quotes_of(db, entity_ids: list[str]) -> set[str]:
    """The quoted passages the store derives the entities from (independent of the analysis)."""
    values = " ".join(f'"{i}"' for i in entity_ids)
    rows = run_query(
        db,
        f"SELECT DISTINCT ?quote WHERE {{ VALUES ?id {{ {values} }} ?x skos:notation ?id ; "
        "prov:qualifiedDerivation/isc:quote ?quote }",
    )
    return {r["quote"].value for r in rows}


def findings(report: dict) -> list[tuple[str, str, list[dict]]]:
    """(section, subject id, evidence) of every finding that rests on passages."""
    out = [
        ("signature_groups", ", ".join(o["id"] for o in g["outcomes"]), g["evidence"])
        for g in report["signature_groups"]
    ]
    out += [("similar_pairs", str(p.get("a")), p["evidence"]) for p in report["similar_pairs"]]
    out += [
        ("shared_engagements", s["topic"]["id"], s["evidence"])
        for s in report["shared_engagements"]
    ]
    out += [
        ("mandate_duplicates", f"{d['a']} {d['b']}", d["evidence"])
        for d in report["mandate_duplicates"]["pairs"]
    ]
    out += [
        ("unreported_addressees", a["addressee"]["id"], a["evidence"])
        for a in report["mandate_duplicates"]["unreported_addressees"]
    ]
    out += [
        (f"gaps.{kind}", g["item"]["id"], g["evidence"])
        for kind, gaps in report["gaps"].items()
        for g in gaps
    ]
    return out


def test_every_finding_has_a_passage(report: dict) -> None:
    """Each finding names a document, and each but the SDG gaps (which rest on the UN's SDG
    vocabulary, not a quoted passage) quotes it."""
    seen = findings(report)
    sections = {s for s, *_ in seen}
    assert {"unreported_addressees", "gaps.thematic_areas_without_units"} <= sections
    for section, subject, evidence in seen:
        assert evidence, f"{section} {subject}: no evidence"
        assert all(e["document"] for e in evidence), (section, subject)
        if section not in ("gaps.sdgs_without_outcomes", "gaps.targets_without_outcomes"):
            assert any(e["quote"] for e in evidence), f"{section} {subject}: no quote"


def test_thematic_area_gaps_quote_the_areas_sources(report: dict, real_store: Path) -> None:
    db = StoreLocation(real_store).open_read_only()
    gaps = report["gaps"]["thematic_areas_without_units"]
    assert len(gaps) == 33
    for gap in gaps:
        expected = quotes_of(db, [gap["item"]["id"]])
        assert expected, gap["item"]["id"]
        assert {e["quote"] for e in gap["evidence"]} >= expected, gap["item"]["id"]


def test_unreported_addressees_quote_their_mandates(report: dict, real_store: Path) -> None:
    db = StoreLocation(real_store).open_read_only()
    found = report["mandate_duplicates"]["unreported_addressees"]
    assert [a["addressee"]["id"] for a in found] == [
        "Dir-BR",
        "ITU-Membership",
        "MemberStates",
        "SectorMembers",
    ]
    for a in found:
        expected = quotes_of(db, a["mandates"])
        assert len(expected) >= len(a["mandates"]), a["addressee"]["id"]
        assert {e["quote"] for e in a["evidence"]} >= expected, a["addressee"]["id"]


@pytest.mark.parametrize(("section", "subject", "document", "quote"), HAND_WRITTEN)
def test_json_quotes_the_passage(
    report: dict, section: str, subject: str, document: str, quote: str
) -> None:
    [evidence] = [e for _, s, e in findings(report) if s == subject]
    assert {"document": document, "quote": quote} in [
        {"document": e["document"], "quote": e["quote"]} for e in evidence
    ]


def test_csv_evidence_column_quotes_every_passage(outputs: dict[str, str], report: dict) -> None:
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    with_passages = [r for r in rows if r["analysis"] not in ("centrality", "community")]
    assert with_passages
    for r in with_passages:
        assert r["evidence"].strip(), f"{r['analysis']} {r['subject']}: empty evidence"
    by_subject = {(r["analysis"], r["subject"]): r["evidence"] for r in rows}
    for section, subject, document, quote in HAND_WRITTEN:
        analysis = {
            "Addressees with no reported activity": "unreported_addressee",
            "Thematic areas with no engaged unit": "gap:thematic_areas_without_units",
            "Action lines where ITU has a role but no unit leads": "gap:action_lines_without_lead",
        }[section]
        cell = by_subject[(analysis, subject)]
        assert f"{document}, " in cell and quote in cell, (section, subject)
    # every quoted passage of every finding is in its row
    for a in report["mandate_duplicates"]["unreported_addressees"]:
        cell = by_subject[("unreported_addressee", a["addressee"]["id"])]
        assert all(e["quote"] in cell for e in a["evidence"])


def section_text(text: str, title: str, marker: str = "#") -> str:
    """The part of a Markdown report from the heading that starts with ``title`` to the next
    heading."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip(marker + " ").startswith(title))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(marker)), len(lines))
    return "\n".join(lines[start:end])


@pytest.mark.parametrize(("section", "subject", "document", "quote"), HAND_WRITTEN)
def test_markdown_quotes_the_passage(
    outputs: dict[str, str], section: str, subject: str, document: str, quote: str
) -> None:
    part = section_text(outputs["md"], section)
    assert f"| {subject} " in part
    assert f"{document}, " in part and f'"{quote}"' in part


@pytest.mark.parametrize(("section", "subject", "document", "quote"), HAND_WRITTEN)
def test_html_quotes_the_passage(
    outputs: dict[str, str], section: str, subject: str, document: str, quote: str
) -> None:
    page = outputs["html"]
    start = re.search(r'<h3 id="[^"]*">' + re.escape(html.escape(section)), page).start()
    end = page.index("</table>", start)
    assert f"<q>{html.escape(quote)}</q>" in page[start:end]
    assert f"{html.escape(subject)}" in page[start:end]
