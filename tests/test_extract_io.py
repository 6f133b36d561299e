"""Reading reports in four formats, writing candidates for review, and the review itself.

The fixtures are composed at test time in the style of an ITU report (a cover with number,
date and author, a title, numbered sections, a list, an annex with a table), so that each
format's reader is checked against the same expected locators and metadata.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Invoke, runner_for
from rdflib import Graph, Namespace, URIRef

from isc_graph.extract.model import Candidate, Document, Passage
from isc_graph.extract.readers import read_document, read_text
from isc_graph.extract.write import parse_review, render_review

ISC = Namespace("https://w3id.org/isc-graph/ontology#")
ID = Namespace("https://w3id.org/isc-graph/id/")

NUMBER_LINE = "Document C19/35-E"
DATE_LINE = "20 May 2019"
AUTHOR_LINE = "Report by the Secretary-General"
TITLE = "IMPLEMENTATION OF RESOLUTION 191 (REV. DUBAI, 2018)"
SUMMARY = "This document reports on the coordination of efforts among the three Sectors."
CLAUSE_1 = "The Plenipotentiary Conference instructs the Secretary-General"
CLAUSE_2 = "to ensure the coordination of efforts among the three Sectors of the Union."
MEETINGS = "The ISC-TF held 5 meetings in 2018. It is composed of:"
ITEMS = ["the Deputies to the Directors of the three Bureaux;", "the Regional Directors."]
ROWS = [["Outcomes", "Outputs"], ["I.6-a: Closer collaboration", "I.6-1: A process"]]


def write_txt(path: Path) -> Path:
    path.write_text(
        f"{NUMBER_LINE}\n{DATE_LINE}\n{AUTHOR_LINE}\n\n{TITLE}\n\nSummary:\n{SUMMARY}\n\n"
        f"1\tBackground\n1.1. {CLAUSE_1}\n{CLAUSE_2}\n\n"
        f"2. Coordination within the secretariat\n{MEETINGS}\n"
        + "".join(f"· {item}\n" for item in ITEMS)
        + "\nANNEX 1\n"
        + "".join("\t".join(row) + "\n" for row in ROWS),
        encoding="utf-8",
    )
    return path


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in (NUMBER_LINE, DATE_LINE, AUTHOR_LINE):
        document.add_paragraph(line)
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph("Summary:")
    document.add_paragraph(SUMMARY)
    document.add_heading("1 Background", level=1)
    paragraph = document.add_paragraph(f"1.1. {CLAUSE_1}")
    paragraph.add_run().add_break()  # a hard line break inside the paragraph
    paragraph.add_run(CLAUSE_2)
    document.add_heading("2 Coordination within the secretariat", level=1)
    document.add_paragraph(MEETINGS)
    for item in ITEMS:
        document.add_paragraph(item, style="List Bullet")
    document.add_heading("Annex 1", level=1)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate(ROWS):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    document.save(str(path))
    return path


def write_html(path: Path) -> Path:
    path.write_text(
        f"<html><head><title>{TITLE}</title></head><body>"
        f"<p>{NUMBER_LINE}</p><p>{DATE_LINE}</p><p>{AUTHOR_LINE}</p><h1>{TITLE}</h1>"
        f"<h2>Summary</h2><p>{SUMMARY}</p>"
        f"<h2>1 Background</h2><p>1.1. {CLAUSE_1}<br>\n{CLAUSE_2}</p>"
        f"<h2>2. Coordination within the secretariat</h2><p>{MEETINGS}</p>"
        "<ul>" + "".join(f"<li>{item}</li>" for item in ITEMS) + "</ul>"
        "<h2>Annex 1</h2><table>"
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in ROWS)
        + "</table></body></html>",
        encoding="utf-8",
    )
    return path


def write_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)

    def para(text: str) -> None:
        pdf.multi_cell(0, 5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(8)

    for line in (NUMBER_LINE, DATE_LINE, AUTHOR_LINE, TITLE, "Summary:", SUMMARY, "1 Background"):
        para(line)
    para(f"1.1. {CLAUSE_1} {CLAUSE_2}")  # long enough to wrap onto a second line
    para("2. Coordination within the secretariat")
    para(MEETINGS)
    for item in ITEMS:
        para(f"- {item}")
    pdf.output(str(path))
    return path


WRITERS = {"txt": write_txt, "docx": write_docx, "html": write_html, "pdf": write_pdf}


def located(document: Document) -> dict[str, str]:
    return {b.locator: b.text for b in document.blocks}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_each_format_gives_the_same_locators_and_metadata(fmt: str, tmp_path: Path) -> None:
    document = read_document(WRITERS[fmt](tmp_path / f"report.{fmt}"))
    blocks = located(document)
    assert (document.number, document.date, document.author) == (
        "C19/35",
        "2019-05-20",
        AUTHOR_LINE,
    )
    assert document.title == TITLE
    assert blocks["Title"] == TITLE
    assert blocks["Summary"] == SUMMARY
    # The line break inside the paragraph is one space; the printed number is the locator.
    assert blocks["§1.1"] == f"{CLAUSE_1} {CLAUSE_2}"
    assert blocks["§2"] == "Coordination within the secretariat"
    assert blocks["§2, para. 1"] == MEETINGS
    assert blocks["§2, para. 1, item 1"] == ITEMS[0]
    assert blocks["§2, para. 1, item 2"] == ITEMS[1]
    if fmt != "pdf":  # a PDF does not mark its tables
        assert blocks["Annex 1, table 1, row 1"] == "Outcomes | Outputs"
        assert blocks["Annex 1, table 1, row 2"] == "I.6-a: Closer collaboration | I.6-1: A process"


def test_paragraphs_are_counted_under_unnumbered_headings() -> None:
    document = read_text(
        "Background\n1. First paragraph of the section.\n1. Second, printed as 1.\n"
        "17. Third, printed as 17.\nConclusions\nThe membership is invited to engage.\n"
    )
    assert [b.locator for b in document.blocks] == [
        "Background",
        "Background, para. 1",
        "Background, para. 2 (numbered 1)",
        "Background, para. 3 (numbered 17)",
        "Conclusions",
        "Conclusions",
    ]
    assert document.blocks[1].text == "First paragraph of the section."


def test_an_unreadable_file_is_one_error(tmp_path: Path, cli: Invoke, mini: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    result = cli(mini, "extract", bad)
    assert result.exit_code == 2
    assert result.stderr.count("Error:") == 1 and "broken.docx" in result.stderr
    assert cli(mini, "extract", tmp_path / "report.odt").exit_code == 2


# Writing candidates and reviewing them


def candidates(document: Document) -> list[Candidate]:
    """One candidate of each kind, on the mini project's entities and some new ones."""
    blocks = located(document)

    def at(locator: str, quote: str) -> Passage:
        assert quote in blocks[locator]
        return Passage(locator, quote)

    iscft = {"ISC-TF": "Inter-Sectoral Coordination Task Force"}
    return [
        Candidate(
            "mandate",
            "Res191-2018",
            {
                "verb": "instructs",
                "addressees": ["BDT"],
                "action": "to ensure the coordination of efforts among the three Sectors",
                "instrument": "Res191",
                "revision": "Res191-2018",
                "year": "2018",
                "revised": True,
            },
            at("§1.1", CLAUSE_1),
            {"Res191": "Resolution 191", "Res191-2018": "Resolution 191 (Rev. Dubai, 2018)"},
        ),
        Candidate(
            "action-line-role",
            "ITU",
            {"agent": "ITU", "role": "co-facilitator", "action_line": "C10"},
            at("Summary", "coordination of efforts"),
        ),
        Candidate(
            "citation",
            "C18-38",
            {"kind": "document", "document": "C18-38", "symbol": "C18/38"},
            at("Summary", SUMMARY),
            {"C18-38": "C18/38"},
        ),
        Candidate(
            "contribution",
            "sp2020-2023/D.2-3",
            {"target": "sdg:5", "target_kind": "sdg"},
            at("Summary", SUMMARY),
        ),
        Candidate(
            "composition",
            "ISC-TF",
            {"member": "BDT", "organization": "ISC-TF", "role": "member"},
            at("§2, para. 1, item 1", ITEMS[0]),
            iscft,
        ),
        Candidate(
            "meeting-count",
            "ISC-TF",
            {"body": "ISC-TF", "count": 5, "period_start": "2018", "cumulative": False},
            at("§2, para. 1", "The ISC-TF held 5 meetings in 2018."),
            iscft,
        ),
        Candidate(
            "thematic-area",
            "doc-005-areas-gender",
            {"name": "Gender", "coordinator": "ISC-TF"},
            at("Summary", "the three Sectors"),
            {"doc-005-areas-gender": "Gender", **iscft},
            {"doc-005-areas-gender": "isc:ThematicArea"},
        ),
    ]


@pytest.fixture
def review_file(mini: Path, tmp_path: Path) -> Path:
    document = read_document(write_txt(tmp_path / "report.txt"))
    path = mini / "review" / "doc-005.ttl"
    path.parent.mkdir()
    path.write_text(render_review(document, candidates(document), "doc-005"), encoding="utf-8")
    return path


def test_the_review_file_parses_and_marks_every_candidate(review_file: Path) -> None:
    text = review_file.read_text(encoding="utf-8")
    review = parse_review(text)
    assert [c.kind for c in review.candidates] == [
        "mandate",
        "action-line-role",
        "citation",
        "contribution",
        "composition",
        "meeting-count",
        "thematic-area",
    ]
    graph = Graph().parse(data=text, format="turtle")
    doc = ID["doc-005"]
    assert (doc, URIRef("http://purl.org/dc/terms/identifier"), None) in graph
    prov = Namespace("http://www.w3.org/ns/prov#")
    own = set(graph.objects(doc, prov.qualifiedDerivation))  # the document's own source
    derivations = set(graph.subjects(prov.entity, doc)) - own
    assert derivations and derivations <= set(graph.subjects(ISC.reviewStatus, None))
    for mandate in graph.subjects(None, ISC.Mandate):
        assert (mandate, ISC.reviewStatus, ID["review/candidate"]) in graph
    contexts = {str(o) for o in graph.objects(None, ISC.context)}
    assert f"{CLAUSE_1} {CLAUSE_2}" in contexts
    new = ID["ISC-TF"]
    assert (new, ISC.reviewStatus, ID["review/candidate"]) in graph
    notes = {str(o) for o in graph.objects(new, URIRef(
        "http://www.w3.org/2004/02/skos/core#editorialNote"))}  # fmt: skip
    assert notes == {
        "new entity from extraction: check it is not an existing one under another name"
    }


def test_accept_all_writes_a_source_that_builds(review_file: Path, mini: Path, cli: Invoke) -> None:
    result = cli(mini, "review", review_file, "--accept-all")
    assert result.exit_code == 0, result.stderr
    data = mini / "data" / "doc-005.ttl"
    text = data.read_text(encoding="utf-8")
    assert "reviewStatus" not in text and "isc:context" not in text and "review:" not in text
    graph = Graph().parse(data=text, format="turtle")
    assert (ID["doc-005"], ISC.cites, ID["C18-38"]) in graph
    built = cli(mini, "build")
    assert built.exit_code == 0, built.stderr
    # Reviewed facts are not replaced by a second review unless asked.
    again = cli(mini, "review", review_file, "--accept-all")
    assert again.exit_code == 2
    assert again.stderr == (
        f"Error: {data} exists: review into another file with -o, or replace it with --force\n"
    )
    assert data.read_text(encoding="utf-8") == text
    assert cli(mini, "review", review_file, "--accept-all", "--force").exit_code == 0


def test_accept_by_kind_filters(review_file: Path, mini: Path, cli: Invoke) -> None:
    result = cli(mini, "review", review_file, "--accept", "mandate", "--accept", "citation")
    assert result.exit_code == 0, result.stderr
    graph = Graph().parse(mini / "data" / "doc-005.ttl")
    assert len(set(graph.subjects(None, ISC.Mandate))) == 1
    assert (ID["doc-005"], ISC.cites, ID["C18-38"]) in graph
    assert not set(graph.subjects(None, ISC.Engagement))
    assert (None, ISC.meetingCount, None) not in graph
    assert cli(mini, "build").exit_code == 0


def test_interactive_review(review_file: Path, mini: Path, store: Path) -> None:
    from click.testing import CliRunner

    from isc_graph.cli import main

    result = CliRunner().invoke(
        main,
        ["--root", str(mini), "review", str(review_file)],
        input="a\nr\nq\n",
        env={"ISC_GRAPH_STORE": str(store)},
    )
    assert result.exit_code == 0, result.output
    assert "Plenipotentiary Conference instructs the Secretary-General" in result.output
    text = (mini / "data" / "doc-005.ttl").read_text(encoding="utf-8")
    assert "# --- candidate 1 (mandate) ---" in text
    assert "(action-line-role)" not in text and "(citation)" not in text
    assert "Wrote" in result.stderr and "1 of 7 candidates" in result.stderr


def test_review_refuses_what_is_not_a_review_file(mini: Path, cli: Invoke) -> None:
    result = cli(mini, "review", mini / "data" / "doc-004.ttl", "--accept-all")
    assert result.exit_code == 2
    assert result.stderr.count("Error:") == 1
    assert not (mini / "data" / "doc-NNN.ttl").exists()
    assert cli(mini, "review", mini / "nothing.ttl").exit_code == 2


def test_extract_writes_to_review_never_to_data(mini: Path, tmp_path: Path, store: Path) -> None:
    invoke = runner_for(store, mini)
    report = write_txt(tmp_path / "report.txt")
    refused = invoke("extract", report, "-o", mini / "data" / "doc-005.ttl")
    assert refused.exit_code == 2 and "never written to data/" in refused.stderr
    result = invoke("extract", report)
    assert result.exit_code == 0, result.stderr
    written = mini / "review" / "doc-005.ttl"
    assert parse_review(written.read_text(encoding="utf-8")).doc_id == "doc-005"
    assert "total" in result.stderr
    assert sorted(p.name for p in (mini / "data").iterdir()) == ["doc-004.ttl"]
    again = invoke("extract", report)
    assert again.exit_code == 2 and "--force" in again.stderr
