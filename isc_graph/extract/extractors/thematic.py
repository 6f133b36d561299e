"""Thematic-area lists: "The areas of inter-sectoral interest coordinated by ISC-TF include
the topics of A, B, and C".

The list changes from report to report, and the graph keeps each list dated, so every area
is a candidate with the list's printed year (if any), the coordinating body and, for an area
added "as of 2018", that year. Names with "and" inside ("Resource Mobilization and SMEs")
stay whole when the list uses a serial comma.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..index import EntityIndex
from ..model import Candidate, Document
from ._text import new_id, passage, sentences

_LIST = re.compile(
    r"(?i)\b(?:thematic\s+)?areas?\b(?P<what>[^.:;]{0,160}?)\b(?:include|includes|are|comprise|comprises|cover|covers)"
    r"\s*(?:the\s+following\s+(?:topics|areas|themes)|the\s+(?:topics|themes)\s+of|the\s+following)?"
    r"\s*:?\s*(?P<list>.+)$",
    re.S,
)
_BY = re.compile(
    r"(?i)\b(?:coordinated|covered|managed|handled)\s+by\s+(?:the\s+)?(?P<who>[A-Z][\w-]*(?:\s[A-Z][\w-]*)*)"
)
_YEAR = re.compile(r"(?i)\b(?:in|for|as of)\s+((?:19|20)\d{2})\b")


def split_areas(text: str) -> list[tuple[str, str | None]]:
    """Split a printed list into (area, year added) pairs.

    With a serial comma ("A, B, and C") only commas separate items; without one, the last
    "and" does too. "and as of 2018, X" marks X as added in 2018.
    """
    text = text.strip().rstrip(".;")
    text = re.sub(
        r",?\s*and\s+as\s+of\s+((?:19|20)\d{2}),\s*", lambda m: f", \x00{m.group(1)}\x00", text
    )
    serial = bool(re.search(r",\s*and\s+", text)) or "\x00" in text
    parts = [p.strip() for p in text.split(",")]
    items: list[tuple[str, str | None]] = []
    for n, part in enumerate(parts):
        year = None
        m = re.match(r"\x00(\d{4})\x00\s*(.*)$", part)
        if m:
            year, part = m.group(1), m.group(2)
        part = re.sub(r"^and\s+", "", part).strip()
        if not part:
            continue
        if not serial and n == len(parts) - 1 and " and " in part:
            head, _, tail = part.rpartition(" and ")
            items += [(head.strip(), None), (tail.strip(), year)]
            continue
        items.append((part, year))
    return items


def extract(document: Document, index: EntityIndex) -> Iterator[Candidate]:
    """One candidate per area of each printed list."""
    for block in document.blocks:
        for sentence in sentences(block.text):
            m = _LIST.search(sentence.text)
            if m is None or not re.search(
                r"(?i)thematic|topics|inter-?sectoral|interest", sentence.text
            ):
                continue
            by = _BY.search(m.group("what") or "")
            coordinator = index.find(by.group("who")) if by else None
            year = _YEAR.search(sentence.text[: m.start("list")])
            areas = split_areas(m.group("list"))
            if len(areas) < 2:
                continue
            for name, since in areas:
                name = name.strip(" .:")
                if not name or len(name) > 80:
                    continue
                nid = "TA-" + new_id(name).lower()
                facts = {
                    "area": name,
                    "list_year": year.group(1) if year else None,
                    "coordinated_by": coordinator.id if coordinator else None,
                    "matches": [e.id for e in index.labelled(name) if e.is_a("ThematicArea")],
                }
                if since:
                    facts["since"] = since
                yield Candidate(
                    "thematic-area", nid, facts, passage(block, sentence.text), {nid: name}
                )
