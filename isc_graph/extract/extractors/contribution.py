"""Outcome contributions to SDGs and to WSIS action lines.

The strategic plan's tables print an outcome ("D.2-1: Enhanced capacity …") followed by the
lines "Contributes to achievement of SDG Goals 1, 3, 5" and "Contributes to facilitation of
implementation of WSIS AL C1 and C11", sometimes in the same cell, sometimes in the next
rows. Codes come with typos ("D.1.5", "D-4-1"): they are normalised and the printed form
kept, as the curated data does with isc:originalCode.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..index import EntityIndex
from ..model import Block, Candidate, Document
from ._text import AL_LIST, CODE, action_lines, normal_code, numbers, passage, sentences

# How many blocks after an outcome's own block its "Contributes to …" lines may come.
_REACH = 4
_SDG_LIST = re.compile(
    r"(?i)\b(?:SDGs?|Sustainable Development Goals?)(?:\s+Goals?)?\s*(?:Nos?\.?\s*)?"
    r"(?P<list>\d{1,2}(?:(?:\s*(?:-|–|—|to|through)\s*|\s*,\s*(?:and\s+)?|\s+and\s+)\d{1,2})*)"
    r"|\bGoals?\s+(?P<list2>\d{1,2}(?:(?:\s*(?:-|–|—|to|through)\s*|\s*,\s*(?:and\s+)?|\s+and\s+)"
    r"\d{1,2})*)"
)
_OUTCOME_START = re.compile(
    r"^\s*(?:[·•*\-]\s*)?(?P<code>[A-Z][.\-]\d{1,2}[.\-](?:\d{1,2}|[a-z]))\b\s*[:.)\-–]?"
)


def _outcome(code_text: str, index: EntityIndex) -> tuple[str, str, dict[str, str]]:
    """(id, normalised code, new entities) for a printed outcome code."""
    m = CODE.match(code_text)
    code = normal_code(m) if m else code_text
    hit = index.by_notation(code)
    if hit is None:
        candidates = [e for e in index.by_id.values() if e.notation == code and e.is_a("Outcome")]
        hit = candidates[0] if len(candidates) == 1 else None
    if hit is not None:
        return hit.id, code, {}
    return code, code, {code: f"Outcome {code}"}


def extract(document: Document, index: EntityIndex) -> Iterator[Candidate]:
    """One candidate per (outcome, SDG) and (outcome, action line)."""
    current: tuple[str, str, str, dict[str, str]] | None = None  # id, code, printed, new
    age = 0
    header: dict[str, int] = {}
    for block in document.blocks:
        start = _OUTCOME_START.match(block.text)
        cells = _cells(block)
        if block.kind == "row" and cells and _is_header(cells):
            header = {name: n for n, cell in enumerate(cells) for name in _header_kind(cell)}
            continue
        if start:
            printed = start.group("code")
            oid, code, new = _outcome(printed, index)
            current = (oid, code, printed, new)
            age = 0
        elif current is not None:
            age += 1
            if age > _REACH:
                current = None
        if current is None:
            continue
        if cells and header:
            yield from _row(block, cells, header, current, index)
            continue
        for sentence in sentences(block.text):
            yield from _sentence(block, sentence.text, current, index)


def _sentence(block: Block, text: str, current, index: EntityIndex) -> Iterator[Candidate]:
    if not re.search(r"(?i)\bcontribut", text):
        return
    oid, code, printed, new = current
    base = {"outcome": oid, "code": code}
    if printed != code:
        base["original_code"] = printed
    for m in _SDG_LIST.finditer(text):
        listed = m.group("list") or m.group("list2")
        for n in numbers(listed):
            facts = {**base, "target": f"sdg:{n}", "target_kind": "sdg", "original_text": listed}
            yield Candidate("contribution", oid, facts, passage(block, text), dict(new))
    if re.search(r"(?i)\b(?:WSIS|action\s+lines?|AL)\b", text):
        for m in AL_LIST.finditer(text):
            for line in action_lines(m.group(0)):
                facts = {
                    **base,
                    "target": line,
                    "target_kind": "action-line",
                    "original_text": m.group(0),
                }
                yield Candidate("contribution", oid, facts, passage(block, text), dict(new))


def _cells(block: Block) -> list[str]:
    if "\t" in block.text:
        return block.text.split("\t")
    if " | " in block.text:
        return block.text.split(" | ")
    return []


def _header_kind(cell: str) -> list[str]:
    kinds = []
    if re.search(r"(?i)\bSDGs?\b|Sustainable Development Goal", cell):
        kinds.append("sdg")
    if re.search(r"(?i)\bWSIS\b|action\s+lines?", cell):
        kinds.append("action-line")
    return kinds


def _is_header(cells: list[str]) -> bool:
    return any(_header_kind(c) for c in cells) and not any(CODE.search(c) for c in cells)


def _row(
    block: Block, cells: list[str], header: dict[str, int], current, index
) -> Iterator[Candidate]:
    """A table row: the SDG and action-line columns named by the header row."""
    oid, code, printed, new = current
    base = {"outcome": oid, "code": code}
    if printed != code:
        base["original_code"] = printed
    for kind, col in header.items():
        if col >= len(cells) or not cells[col].strip():
            continue
        cell = cells[col].strip()
        targets = [f"sdg:{n}" for n in numbers(cell)] if kind == "sdg" else action_lines(cell)
        for target in targets:
            facts = {**base, "target": target, "target_kind": kind, "original_text": cell}
            yield Candidate("contribution", oid, facts, passage(block, cell), dict(new))
