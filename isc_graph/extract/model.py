"""What extraction works on and what it produces: a document as located blocks of text, and
candidate facts, each with the verbatim passage it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Block", "Candidate", "Document", "Passage"]


@dataclass(frozen=True)
class Block:
    """One located unit of a document's text: a paragraph, a list item, a table row, a
    heading. ``locator`` is what a reader looks for ("§1.2", "Annex 1, table 2, row 3",
    "para. 14"); ``text`` is the block's text exactly as the document gives it (whitespace
    within a line kept, line breaks inside a paragraph joined by one space)."""

    locator: str
    text: str
    kind: str = "paragraph"  # "heading", "paragraph", "item", "row"


@dataclass
class Document:
    """A report read from .txt, .docx, .pdf or .html: its printed metadata and its blocks in
    reading order."""

    path: str
    title: str = ""
    number: str = ""  # the document's symbol as printed, e.g. "C19/35" or "TDAG-21/7"
    date: str = ""  # as printed, or ISO yyyy-mm-dd when the document gives a full date
    author: str = ""  # e.g. "Report by the Secretary-General"
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Passage:
    """Where a candidate comes from: the block's locator and the verbatim quote (a substring
    of that block's text, never rewritten)."""

    locator: str
    quote: str


@dataclass
class Candidate:
    """One candidate fact, for review.

    ``kind`` is the relation type: "citation", "mandate", "action-line-role",
    "contribution", "thematic-area", "composition", "meeting-count" or "engagement".
    ``subject`` is the short id of the entity the fact is about (an id of the graph when the
    name was matched, else a new id flagged in ``new_entities``). ``facts`` holds the
    relation's fields (e.g. {"verb": "instructs", "addressees": ["SG"], "action": "to …"}),
    with ids of the graph where matched. ``new_entities`` maps each new id to its printed
    name, for entities not found in the graph; ``new_entity_types`` may give the class of a
    new id as a CURIE ("org:Organization", "isc:CitedDocument"), where the extractor knows
    it (the writer otherwise infers it from the entity's place in the fact).
    """

    kind: str
    subject: str
    facts: dict[str, Any]
    passage: Passage
    new_entities: dict[str, str] = field(default_factory=dict)
    new_entity_types: dict[str, str] = field(default_factory=dict)
