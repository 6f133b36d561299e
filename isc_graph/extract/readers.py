"""Read a report (.txt, .docx, .pdf, .html) into located blocks of verbatim text.

Extraction quotes the source, so every block keeps the document's words exactly: hard line
breaks inside a paragraph become one space and runs of whitespace become one space, nothing
else changes. What a reviewer needs next is to *find* the passage, so each block carries a
locator built the way ITU documents are numbered: a numbered heading ("2", "1.2", "§1.2") or
an annex ("Annex 1") becomes the section of the paragraphs under it ("§1.2, para. 3"), an
unnumbered heading ("Background") likewise ("Background, para. 2"); a paragraph that prints
its own multi-level number ("1.2. The Resolution …") is located by it ("§1.2"); list items
are counted under the paragraph they follow ("§2, para. 1, item 4"); table rows are counted
per table in the section ("Annex 1, table 2, row 3"), their cells joined by " | ". A section
holding a single paragraph is located by its heading alone ("Summary"). Printed labels (the
number of a paragraph, a bullet) go into the locator and out of the text.

Each format is read with a maintained library, chosen for what it gives the splitter:

* .docx: python-docx. It exposes paragraph styles (Heading N, Title, List …) and tables in
  body order, so headings, items and rows come from the document's own structure.
* .pdf: pdfminer.six. Its layout analysis groups lines into text boxes in reading order,
  which is the paragraph structure a PDF does not store; pypdf only gives lines. Tables in
  a PDF are not marked as such and are read as paragraphs.
* .html/.htm: lxml.html (lxml is already needed by python-docx). Headings, paragraphs, list
  items and table rows are the elements themselves; <br> is a hard line break.
* .txt: the standard library. Paragraphs are lines, or blank-line-separated runs of lines
  when the text is hard-wrapped; lines with tabs between words are table rows.

Metadata (title, document number, date, author) are read from the first blocks only and
only where printed: "Document C19/35-E" gives the number C19/35, "20 May 2019" the date
2019-05-20, "Report by the Secretary-General" the author; an all-capitals line, a Title
style or <h1>/<title> the title. Nothing is guessed when nothing is printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import IscGraphError
from .model import Block, Document

__all__ = ["SUFFIXES", "read_document", "read_text"]

SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")

_WS = re.compile(r"\s+")
_BULLET = re.compile(r"^([·•▪◦‣●○■□\-–—*])\s+")
_LETTER_ITEM = re.compile(r"^(\(?(?:[a-z]|[ivx]{1,4})\))\s+")
# A printed paragraph or heading number: "1.", "1.2", "1.2.", "§1.2", "1<tab>" (a bare
# single number needs a tab, so that "2016 was a year" is not read as numbered).
_NUMBER = re.compile(r"^(?:§\s*)?(\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.|\d{1,3}(?=\t))[ \t]+(?=\S)")
_ANNEX = re.compile(
    r"^(annex|appendix|attachment)\s+(\d+|[A-Z]|one|two|three|four|five|six|seven|eight|nine"
    r"|ten)\b[\s.:–—-]*(.*)$",
    re.IGNORECASE,
)
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_WORD_NUMBERS = {w: str(i) for i, w in enumerate(_NUMBER_WORDS, start=1)}
# Front-matter labels of ITU documents, printed alone on a line, often with a colon.
_LABELS = {
    "summary",
    "abstract",
    "executive summary",
    "action required",
    "action",
    "decision required",
    "references",
    "reference",
    "keywords",
    "purpose",
    "introduction",
    "background",
    "conclusion",
    "conclusions",
    "recommendation",
    "recommendations",
}
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, start=1)}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(\d{{4}})\b", re.I)
_DATE_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_DOC_NUMBER = re.compile(
    r"\b(?:Document|Doc\.)\s+(?:No\.\s*)?([A-Z][A-Za-z]*-?\d{0,4}/[0-9A-Za-z.()]+?|[A-Z]+-[A-Z]+\d+)"
    r"(?:-[EFSACR])?(?=[\s,;]|$)"
)
_AUTHOR = re.compile(
    r"^(?:(?:Report|Note|Contribution|Submission|Proposal|Statement|Communication)\s+"
    r"(?:by|of|from)\s+.+|Source:\s*(.+))$"
)


def read_document(path: Path | str) -> Document:
    """The document at ``path`` as metadata and located blocks, by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise IscGraphError(
            f"{path}: cannot read {suffix or 'a file without suffix'}; "
            f"give a {', '.join(SUFFIXES)} file"
        )
    if not path.is_file():
        raise IscGraphError(f"{path}: no such file")
    try:
        if suffix == ".txt":
            text = path.read_text(encoding="utf-8-sig")
            return _assemble(path, _txt_units(text))
        if suffix == ".docx":
            return _assemble(path, _docx_units(path))
        if suffix == ".pdf":
            return _assemble(path, _pdf_units(path))
        return _assemble(path, _html_units(path.read_bytes()))
    except IscGraphError:
        raise
    except (OSError, ValueError, KeyError) as exc:
        raise IscGraphError(f"{path}: cannot read it as {suffix}: {exc}") from None
    except Exception as exc:  # a library's own error on a damaged file
        raise IscGraphError(f"{path}: cannot read it as {suffix}: {exc}") from None


def read_text(text: str, path: str = "<text>") -> Document:
    """Plain text (as in a .txt file) read into a document: for tests and other callers."""
    return _assemble(Path(path), _txt_units(text))


# --------------------------------------------------------------------------------------------
# Units: what each format gives the locator, in reading order


@dataclass
class _Unit:
    """A paragraph, heading, list item or table row before it is located."""

    text: str
    kind: str = "paragraph"  # "paragraph", "heading", "item", "row", "title"
    cells: list[str] = field(default_factory=list)
    new_table: bool = False  # the first row of a table
    level: int = 0  # heading level where the format says it


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _has_letters(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _txt_units(text: str) -> list[_Unit]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    wrap = 0
    if lengths:
        p90 = lengths[int(0.9 * (len(lengths) - 1))]
        if 50 <= p90 <= 100 and len(lengths) >= 5:
            wrap = p90  # a hard-wrapped text: a long line continues in the next
    units: list[_Unit] = []
    current: list[str] = []
    in_table = False

    def flush() -> None:
        nonlocal current
        if current:
            units.append(_Unit(" ".join(current)))
            current = []

    for raw in lines:
        line = raw.strip()
        if not line or not _has_letters(line):
            flush()
            in_table = False
            continue
        body = _strip_label(line)[1]
        if "\t" in body.strip():
            flush()
            cells = [_norm(c) for c in body.split("\t") if _norm(c)]
            units.append(_Unit(" | ".join(cells), "row", cells, new_table=not in_table))
            in_table = True
            continue
        in_table = False
        starts_block = bool(_strip_label(line)[0]) or bool(_ANNEX.match(line))
        if current and not starts_block:
            previous = current[-1]
            if (wrap and len(previous) >= 0.6 * wrap) or (_is_caps(previous) and _is_caps(line)):
                current.append(_norm(line))
                continue
        flush()
        current = [_norm(line)]
    flush()
    return units


def _docx_units(path: Path) -> list[_Unit]:
    import docx  # python-docx: only when a .docx is read
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    units: list[_Unit] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = _norm(paragraph.text)
            if not text or not _has_letters(text):
                continue
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            numbered = child.pPr is not None and child.pPr.numPr is not None
            if style == "Title":
                units.append(_Unit(text, "title"))
            elif style.startswith("Heading"):
                level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
                units.append(_Unit(text, "heading", level=level))
            elif style.startswith("List") or numbered:
                units.append(_Unit(text, "item"))
            else:
                units.append(_Unit(text))
        elif tag == "tbl":
            first = True
            for row in Table(child, document).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    if _norm(cell.text):
                        cells.append(_norm(cell.text))
                if cells:
                    units.append(_Unit(" | ".join(cells), "row", cells, new_table=first))
                    first = False
    return units


def _pdf_units(path: Path) -> list[_Unit]:
    from pdfminer.high_level import extract_pages  # pdfminer.six: only when a .pdf is read
    from pdfminer.layout import LAParams, LTTextContainer

    units: list[_Unit] = []
    for page in extract_pages(str(path), laparams=LAParams()):
        for element in page:
            if not isinstance(element, LTTextContainer):
                continue
            text = element.get_text()
            if re.fullmatch(r"\s*[-–]?\s*\d+\s*[-–]?\s*", text):
                continue  # a page number
            # A text box is a paragraph, unless lines inside it start items or numbers.
            units.extend(_txt_units_box(text))
    return units


def _txt_units_box(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if current and (_strip_label(line)[0] or _ANNEX.match(line)):
            units.append(_Unit(" ".join(current)))
            current = []
        current.append(_norm(line))
    if current:
        units.append(_Unit(" ".join(current)))
    return [u for u in units if _has_letters(u.text)]


_HTML_BLOCKS = {"p", "div", "li", "dt", "dd", "blockquote", "pre", "caption", "figcaption"}
_HTML_CONTAINERS = {
    "html", "body", "main", "article", "section", "header", "footer", "nav", "aside",
    "div", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "blockquote", "figure", "center",
}  # fmt: skip


def _html_units(data: bytes) -> list[_Unit]:
    import lxml.html  # only when an .html file is read

    root = lxml.html.document_fromstring(data)
    for element in root.iter("script", "style", "noscript", "template"):
        element.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    units: list[_Unit] = []
    title = root.find(".//head/title")
    if title is not None and _norm(title.text_content()):
        units.append(_Unit(_norm(title.text_content()), "title"))
    body = root.find("body")
    _html_walk(body if body is not None else root, units)
    if len(units) > 1 and units[0].kind == "title":
        h1 = next((u for u in units[1:] if u.kind == "heading" and u.level == 1), None)
        if h1 is not None and h1.text == units[0].text:
            del units[0]  # <title> repeats the <h1>: keep the printed one
            h1.kind = "title"
    return units


def _own_text(element) -> str:
    """The text of an element without that of nested lists and tables."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag not in ("ul", "ol", "table", "dl"):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return _norm("".join(parts))


def _html_walk(element, units: list[_Unit]) -> None:
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if not tag:
            continue
        if re.fullmatch(r"h[1-6]", tag):
            text = _norm(child.text_content())
            if text:
                units.append(_Unit(text, "heading", level=int(tag[1])))
        elif tag == "table":
            first = True
            for row in child.iter("tr"):
                cells = [_norm(c.text_content()) for c in row if c.tag in ("td", "th")]
                cells = [c for c in cells if c]
                if cells:
                    units.append(_Unit(" | ".join(cells), "row", cells, new_table=first))
                    first = False
        elif tag == "li":
            text = _own_text(child)
            if text and _has_letters(text):
                units.append(_Unit(text, "item"))
            _html_walk(child, units)
        elif tag in _HTML_BLOCKS and not any(
            isinstance(c.tag, str)
            and c.tag.lower()
            in _HTML_BLOCKS | _HTML_CONTAINERS | {"h1", "h2", "h3", "h4", "h5", "h6"}
            for c in child
        ):
            text = _norm(child.text_content())
            if text and _has_letters(text):
                units.append(_Unit(text))
        elif tag in _HTML_CONTAINERS or tag in _HTML_BLOCKS:
            if tag in ("ul", "ol"):
                units.append(_Unit("", "list-start"))
            own = _norm((child.text or "") + "".join((c.tail or "") for c in child))
            if own and _has_letters(own) and tag not in ("ul", "ol", "table", "dl"):
                units.append(_Unit(own))
            _html_walk(child, units)
        else:
            text = _norm(child.text_content())
            if text and _has_letters(text):
                units.append(_Unit(text))


# --------------------------------------------------------------------------------------------
# Locating


def _strip_label(text: str) -> tuple[str, str]:
    """(printed label, text without it): a bullet, "a)", or a paragraph number."""
    for pattern in (_BULLET, _LETTER_ITEM, _NUMBER):
        m = pattern.match(text)
        if m:
            return m.group(1).strip(), text[m.end() :]
    return "", text


_HEADING_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+(?=\S)")


def _front_matter(text: str) -> bool:
    """A line of the cover: the document number, the date, the author."""
    return bool(
        _DOC_NUMBER.match(text)
        or _is_date_line(text)
        or (len(text.split()) <= 12 and _AUTHOR.match(text))
    )


def _heading_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 14
        and len(text) <= 120
        and (text[0].isupper() or text[0].isdigit())
        and text[-1] not in ".;,:"
        and ": " not in text
        and text.count(",") <= 1
    )


def _opening(text: str) -> str:
    return " ".join(text.lower().split()[:3])


def _label(text: str) -> str | None:
    """A front-matter label ("Summary:", "Action required") as its heading, else None."""
    bare = text.rstrip(":").strip()
    return bare if bare.lower() in _LABELS and len(text) - len(bare) <= 1 else None


@dataclass
class _Locator:
    """The state of the walk: the section, and counts of paragraphs, items and tables in it."""

    annex: str = ""
    numbered: str = ""
    numbered_para: bool = False  # the number is a paragraph's ("1.2. The …"), not a heading's
    named: str = ""
    formulas: frozenset[str] = frozenset()  # heading-like openings that recur: not headings
    para: int = 0
    item_para: int = 0
    item: int = 0
    table: int = 0
    row: int = 0
    in_list: bool = False

    @property
    def section(self) -> str:
        return ", ".join(p for p in (self.annex, self.numbered, self.named) if p)

    def reset_counts(self) -> None:
        self.para = self.item = self.item_para = self.table = self.row = 0
        self.in_list = False

    def prefix(self, rest: str) -> str:
        return f"{self.section}, {rest}" if self.section else rest


def _assemble(path: Path, units: Iterable[_Unit]) -> Document:
    doc = Document(path=str(path))
    units = list(units)
    openings: dict[str, int] = {}
    for unit in units:
        if unit.kind == "paragraph" and _heading_like(unit.text):
            openings[_opening(unit.text)] = openings.get(_opening(unit.text), 0) + 1
    # A heading-like line whose opening words recur through the document ("Contributes to
    # achievement of SDG Goals …" under each outcome) is a formula of a listing, not a heading.
    at = _Locator(formulas=frozenset(k for k, n in openings.items() if n >= 3))
    located: list[tuple[str, Block]] = []  # (section, block)
    title_taken = any(u.kind == "title" for u in units)
    for index, unit in enumerate(units):
        if unit.kind == "list-start":
            at.in_list = False
            continue
        for section, block in _locate(unit, at, index, title_taken):
            if block.locator == "Title":
                title_taken = True
            located.append((section, block))
    doc.blocks = _collapse(located)
    _metadata(doc)
    return doc


def _locate(
    unit: _Unit, at: _Locator, index: int, title_taken: bool
) -> Iterator[tuple[str, Block]]:
    text = unit.text
    if unit.kind == "title":
        yield at.section, Block("Title", text, "heading")
        return
    if unit.kind == "row":
        if unit.new_table or at.row == 0:
            at.table += 1
            at.row = 0
        at.row += 1
        at.in_list = False
        yield at.section, Block(at.prefix(f"table {at.table}, row {at.row}"), text, "row")
        return
    at.row = 0
    label, rest = _strip_label(text)
    if unit.kind == "heading" and not label and (m := _HEADING_NUMBER.match(text)):
        label, rest = m.group(1), text[m.end() :]  # "1 Background" in a heading style
    if unit.kind == "paragraph" and not label and _front_matter(text):
        at.para += 1  # "Document C19/35-E", a date, "Report by …": not headings
        yield at.section, Block(at.prefix(f"para. {at.para}"), text, "paragraph")
        return
    annex = _ANNEX.match(text)
    if annex and (not annex.group(3) or _heading_like(annex.group(3)) or _is_caps(text)):
        number = _WORD_NUMBERS.get(annex.group(2).lower(), annex.group(2).upper())
        at.annex, at.numbered, at.named = f"{annex.group(1).capitalize()} {number}", "", ""
        at.reset_counts()
        yield at.section, Block(at.section, text, "heading")
        return
    bullet = bool(label) and (_BULLET.match(text) or _LETTER_ITEM.match(text))
    if unit.kind == "item" or bullet:
        if not at.in_list:
            at.in_list = True
            at.item = 0
        at.item += 1
        shown = f"item {label}" if _LETTER_ITEM.match(text) else f"item {at.item}"
        where = f"para. {at.para}, {shown}" if at.para else shown
        yield at.section, Block(at.prefix(where), rest if bullet else text, "item")
        return
    at.in_list = False
    heading = unit.kind == "heading"
    if label and not bullet:  # a printed number
        number = label.lstrip("§").strip().rstrip(".")
        if heading or _heading_like(rest):
            at.numbered, at.named, at.numbered_para = f"§{number}", "", False
            at.reset_counts()
            yield at.section, Block(at.section, rest, "heading")
            return
        if "." in number:  # "1.2. The Resolution …": the paragraph is located by its number
            at.numbered, at.named, at.numbered_para = f"§{number}", "", True
            at.reset_counts()
            at.para = 1
            yield at.section, Block(at.section, rest, "paragraph")
            return
        at.para += 1
        shown = f"para. {at.para}" + (f" (numbered {number})" if number != str(at.para) else "")
        yield at.section, Block(at.prefix(shown), rest, "paragraph")
        return
    if not title_taken and index < 12 and _is_caps(text) and len(text.split()) >= 3:
        yield at.section, Block("Title", text, "heading")
        return
    named = _label(text)
    if (
        heading
        or named
        or (_heading_like(text) and not _is_date_line(text) and _opening(text) not in at.formulas)
    ):
        if at.numbered_para:  # a heading ends the numbered paragraph's section
            at.numbered, at.numbered_para = "", False
        at.named = named or text
        at.reset_counts()
        yield at.section, Block(at.section, text, "heading")
        return
    at.para += 1
    yield at.section, Block(at.prefix(f"para. {at.para}"), text, "paragraph")


def _collapse(located: list[tuple[str, Block]]) -> list[Block]:
    """A section with one paragraph and nothing else is located by its heading alone."""
    counts: dict[str, int] = {}
    for section, block in located:
        if block.kind != "heading" and block.locator != section:
            counts[section] = counts.get(section, 0) + 1
    blocks = []
    for section, block in located:
        if section and counts.get(section) == 1 and block.locator == f"{section}, para. 1":
            block = Block(section, block.text, block.kind)
        blocks.append(block)
    return blocks


# --------------------------------------------------------------------------------------------
# Metadata


def _is_date_line(text: str) -> bool:
    m = _DATE_DMY.search(text) or _DATE_MDY.search(text)
    return bool(m) and len((text[: m.start()] + text[m.end() :]).split()) <= 4


def _iso_date(text: str) -> str:
    m = _DATE_DMY.search(text)
    if m:
        day, month, year = int(m.group(1)), _MONTHS[m.group(2).lower()], m.group(3)
    else:
        m = _DATE_MDY.search(text)
        if not m:
            return ""
        month, day, year = _MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3)
    return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= 31 else m.group(0)


def _metadata(doc: Document) -> None:
    head = doc.blocks[:20]
    pieces = [cell.strip() for b in head for cell in b.text.split(" | ")]
    for block in head:
        if block.locator == "Title" and not doc.title:
            doc.title = block.text
    for piece in pieces:
        if not doc.number and (m := _DOC_NUMBER.search(piece)):
            doc.number = m.group(1)
        if not doc.date and _is_date_line(piece):
            doc.date = _iso_date(piece)
        if not doc.author and len(piece.split()) <= 12 and (m := _AUTHOR.match(piece)):
            doc.author = (m.group(1) or piece).strip()
