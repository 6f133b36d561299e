"""Citations of instruments, their revisions and document symbols.

ITU prints the same work in many forms ("Resolution 191 (Rev. Dubai, 2018)", "Res. 191 (Rev.
Dubai 2018)", "PP-18 Resolution 191", "Council Resolution 1332 (Modified 2016)", "UNGA
Resolution 70/125", "A/RES/70/1", "WTDC Resolution 30 (Rev. Buenos Aires, 2017)"); each is
resolved to the graph's work, revision and conference where they exist, so that a reviewer
sees at once whether a citation is new.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..index import EntityIndex
from ..model import Candidate, Document
from ._text import passage, sentences

_BODIES = {
    "pp": "PP",
    "plenipotentiary conference": "PP",
    "council": "Council",
    "wtsa": "WTSA",
    "wtdc": "WTDC",
    "wrc": "WRC",
    "ra": "RA",
    "unga": "UNGA",
    "general assembly": "UNGA",
    "un general assembly": "UNGA",
    "ecosoc": "ECOSOC",
}
_BODY = (
    r"(?P<body>PP|Plenipotentiary Conference|Council|WTSA|WTDC|WRC|RA|UNGA|ECOSOC|"
    r"UN General Assembly|General Assembly)(?:[- ](?P<bodyyear>\d{2}|\d{4}))?"
)
INSTRUMENT = re.compile(
    rf"(?:\b{_BODY}\s+)?\b(?P<kind>Resolutions?|Res\.|Decisions?|Dec\.)\s*"
    r"(?P<num>\d{1,4}(?:/\d{1,4})?)\b"
    r"(?:\s*\((?P<paren>[^()]{1,60})\))?"
)
UN_SYMBOL = re.compile(r"\b(?P<organ>A|E)/RES/(?P<num>\d{1,4}(?:/\d{1,4}){1,2})\b")
DOC_SYMBOL = re.compile(r"\b(?P<sym>C\d{2}/\d{1,3})(?P<rev>\s*\(Rev\.\s*\d+\))?")
SERVICE_ORDER = re.compile(r"\bService Order\s*(?:No\.\s*|\()(?P<num>\d{1,2}/\d{1,3})\)?")
_REVISION = re.compile(
    r"^(?P<rev>Rev\.|Revised|Modified|Mod\.|Amended)?\s*(?P<place>[A-Z][A-Za-z .'-]*?)?,?\s*"
    r"(?P<year>(?:19|20)\d{2})$"
)


@dataclass
class Citation:
    """One instrument or document a passage cites, resolved against the graph."""

    start: int
    end: int
    printed: str
    subject: str
    facts: dict
    new_entities: dict[str, str] = field(default_factory=dict)


def find_citations(text: str, index: EntityIndex) -> list[Citation]:
    """Every citation in ``text``, in order of position."""
    found = [_instrument(m, index) for m in INSTRUMENT.finditer(text)]
    found += [_un_symbol(m, index) for m in UN_SYMBOL.finditer(text)]
    found += [
        _document(
            m.start(),
            m.end(),
            m.group(0),
            m.group("sym")
            + (
                "(" + re.sub(r"\s+", "", m.group("rev").strip()[1:-1]) + ")"
                if m.group("rev")
                else ""
            ),
            index,
        )
        for m in DOC_SYMBOL.finditer(text)
    ]
    found += [
        _document(m.start(), m.end(), m.group(0), "SO-" + m.group("num"), index)
        for m in SERVICE_ORDER.finditer(text)
    ]
    found = [c for c in found if c is not None]
    return sorted(found, key=lambda c: c.start)


def _instrument(m: re.Match[str], index: EntityIndex) -> Citation | None:
    body_text = (m.group("body") or "").lower()
    body = _BODIES.get(body_text)
    decision = m.group("kind").lower().startswith("dec")
    number = m.group("num")
    year = place = None
    revised: bool | None = None
    modified = False
    if m.group("bodyyear"):
        y = m.group("bodyyear")
        year = y if len(y) == 4 else ("20" + y if int(y) < 50 else "19" + y)
    paren = m.group("paren")
    end = m.end()
    if paren:
        r = _REVISION.match(paren.strip())
        if r:
            year = r.group("year")
            place = (r.group("place") or "").strip(" .,") or None
            if place and place.lower().startswith("rev"):
                place = None
            marker = (r.group("rev") or "").lower()
            revised = bool(marker)
            modified = marker.startswith(("mod", "amend"))
        else:
            end = m.start("paren") - 1  # "(C18/06)" after "Res.70" is another citation
    conference = None
    if year:
        conf = index.conference(body, year, place)
        if conf is None and place:
            conf = index.conference(body, year)
        if conf is not None:
            conference = conf.id
            body = body or index.conferences[conf.id]["body"] or None
    work = index.instrument(number, body, decision)
    facts: dict = {
        "kind": "decision" if decision else "resolution",
        "number": number,
        "body": body or (work.body if work else None),
        "place": place,
        "year": year,
        "revised": revised,
        "modified": modified,
        "conference": conference,
    }
    new: dict[str, str] = {}
    if work is not None:
        work_id = work.entity.id
    else:
        work_id = _new_work_id(number, facts["body"], decision)
        new[work_id] = _work_name(number, facts["body"], decision)
    revision = None
    if year:
        revision = work.revisions.get(year) if work else None
        if revision is None:
            revision = f"{work_id}-{year}"
            new[revision] = m.group(0)[: end - m.start()]
    facts["instrument"] = work_id
    facts["revision"] = revision
    printed = m.group(0)[: end - m.start()]
    facts["printed"] = printed
    return Citation(m.start(), end, printed, revision or work_id, facts, new)


def _un_symbol(m: re.Match[str], index: EntityIndex) -> Citation:
    organ = "UNGA" if m.group("organ") == "A" else "ECOSOC"
    number = m.group("num")
    work = index.instrument(number, organ)
    facts = {
        "kind": "resolution",
        "number": number,
        "body": organ,
        "place": None,
        "year": None,
        "revised": None,
        "modified": False,
        "conference": None,
        "revision": None,
        "printed": m.group(0),
    }
    new: dict[str, str] = {}
    if work is not None:
        work_id = work.entity.id
    else:
        work_id = f"{organ}-Res{number.replace('/', '-')}"
        new[work_id] = f"{organ} Resolution {number}"
    facts["instrument"] = work_id
    return Citation(m.start(), m.end(), m.group(0), work_id, facts, new)


def _document(start: int, end: int, printed: str, symbol: str, index: EntityIndex) -> Citation:
    entity = index.by_notation(symbol)
    doc_id = entity.id if entity else symbol.replace("/", "-")
    facts = {"kind": "document", "document": doc_id, "symbol": symbol, "printed": printed}
    new = {} if entity else {doc_id: symbol}
    return Citation(start, end, printed, doc_id, facts, new)


def _new_work_id(number: str, body: str | None, decision: bool) -> str:
    stem = "Dec" if decision else "Res"
    num = number.replace("/", "-")
    if body in (None, "PP"):
        return f"{stem}{num}"
    if body == "Council":
        return f"Council{stem}{num}"
    return f"{body}-{stem}{num}"


def _work_name(number: str, body: str | None, decision: bool) -> str:
    kind = "Decision" if decision else "Resolution"
    return f"{body} {kind} {number}" if body and body != "PP" else f"{kind} {number}"


def extract(document: Document, index: EntityIndex) -> Iterator[Candidate]:
    """One candidate per citation, quoting the sentence that holds it."""
    for block in document.blocks:
        for sentence in sentences(block.text):
            for c in find_citations(sentence.text, index):
                yield Candidate(
                    "citation",
                    c.subject,
                    dict(c.facts),
                    passage(block, sentence.text),
                    dict(c.new_entities),
                )
