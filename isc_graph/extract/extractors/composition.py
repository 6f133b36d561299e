"""Body composition (chair, vice-chairs, members, observers, invitees) and meeting counts.

Reports describe a body in one sentence: "The ISC-TF, chaired by the Deputy Secretary-General,
has held 5 meetings … and 26 since its inception" and "is composed of: a) …; b) …; e) as an
observer, the Head of …, and at the invitation of the Chairman, the Chiefs of …". Who sits
on a body, and how often it meets, are the facts the coordination questions start from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..index import Entity, EntityIndex
from ..model import Block, Candidate, Document
from ._text import NUMBER, new_id, passage, sentences, to_int
from .action_line import agents_in

BODY_TYPES = (
    "CoordinationBody",
    "WorkingGroup",
    "AdvisoryGroup",
    "InterAgencyMechanism",
    "GoverningBody",
)
_CHAIRED = re.compile(
    r"(?i)\b(?P<role>co-?chaired|chaired|vice-?chaired)\s+by\s+(?P<who>[^,;()]+?)"
    r"(?=\s+(?:with|and|has|had|was|is|were)\b|[,;()]|\.?$)"
)
_LIST_START = re.compile(
    r"(?i)\b(?:is\s+composed\s+of|consists\s+of|comprises|with\s+the\s+participation\s+of|"
    r"members\s+are)\s*:?\s*"
)
_ROLE_MARK = [
    (re.compile(r"(?i)^as\s+(?:an\s+)?observers?,\s*"), "observer"),
    (re.compile(r"(?i)^at\s+the\s+invitation\s+of\s+the\s+[\w-]+,\s*"), "invited"),
    (re.compile(r"(?i)^as\s+(?:a\s+)?vice-?chairs?,\s*"), "vice-chair"),
    (re.compile(r"(?i)^as\s+(?:the\s+)?chair(?:man|person)?,\s*"), "chair"),
]
_HELD = re.compile(r"(?i)\b(?:has\s+|had\s+|have\s+)?(?:held|met|convened)\b")
_COUNT = re.compile(
    rf"(?i)(?<![\w/.-])(?P<n>{NUMBER})(?![\w/.-])\s*(?P<what>meetings?|times|sessions)?"
    r"(?=(?P<tail>[^,;()]{0,40}))"
)


def _body(text: str, before: int, index: EntityIndex) -> Entity | None:
    """The body a sentence is about: the body named just before ``before`` ("a Secretariat
    Inter-sectoral Working Group, chaired by"), else the last known body named before it."""
    named = re.search(
        r"([A-Z][\w-]*(?:\s+[A-Za-z][\w-]*){0,7})\s*(?:\([A-Z][\w-]*\))?\s*,?\s*$", text[:before]
    )
    if named:
        words = named.group(1).split()
        for n in range(len(words)):
            hit = index.find(" ".join(words[n:]), *BODY_TYPES)
            if hit is not None:
                return hit
    for agent in reversed(agents_in(text[:before], index, None)):
        if agent.entity.is_a(*BODY_TYPES):
            return agent.entity
    return None


def _member(name: str, index: EntityIndex) -> tuple[str, dict[str, str]]:
    name = re.sub(r"\s+", " ", name).strip(" .;:,")
    name = re.sub(r"^(?:ITU[’']s\s+)", "", name)
    name = re.sub(r",\s*(?:Mr|Mrs|Ms|Dr)\.?\s.*$", "", name)
    hit = index.find(name)
    if hit is not None:
        return hit.id, {}
    nid = new_id(name)
    return nid, {nid: re.sub(r"^the\s+", "", name, flags=re.I)}


def extract(document: Document, index: EntityIndex) -> Iterator[Candidate]:
    """Composition and meeting-count candidates."""
    for block in document.blocks:
        for sentence in sentences(block.text):
            yield from _composition(block, sentence.text, index)
            yield from _meetings(block, sentence.text, index)


def _composition(block: Block, text: str, index: EntityIndex) -> Iterator[Candidate]:
    seen: set[tuple[str, str, str]] = set()
    for m in _CHAIRED.finditer(text):
        body = _body(text, m.start(), index)
        if body is None:
            continue
        role = m.group("role").lower().replace("-", "")
        role = {"cochaired": "co-chair", "vicechaired": "vice-chair"}.get(role, "chair")
        member, new = _member(m.group("who"), index)
        if (body.id, member, role) not in seen:
            seen.add((body.id, member, role))
            facts = {"body": body.id, "member": member, "role": role}
            yield Candidate("composition", body.id, facts, passage(block, text), new)
    start = _LIST_START.search(text)
    if start is None:
        return
    body = _body(text, start.start(), index)
    if body is None:
        return
    rest = text[start.end() :].rstrip(". ")
    items = re.split(r"\s*(?:;|,)?\s*(?:and\s+)?\b[a-h]\)\s*", rest)
    if len(items) <= 2:
        items = re.split(r"\s*;\s*(?:and\s+)?", rest)
    for item in items:
        yield from _items(block, text, body, item, index, seen)


def _items(block, text, body, item: str, index, seen) -> Iterator[Candidate]:
    """One list item may hold several people and role marks ("as an observer, the Head of
    X, and at the invitation of the Chair, the Chiefs of Y")."""
    item = item.strip(" ;,.")
    pieces = re.split(r",\s*and\s+(?=at\s+the\s+invitation|as\s+)", item)
    for piece in pieces:
        role = "member"
        for pattern, name in _ROLE_MARK:
            mark = pattern.match(piece)
            if mark:
                role, piece = name, piece[mark.end() :]
                break
        names = [piece]
        if " and the " in piece and index.find(piece) is None:
            names = re.split(r"\s+and\s+(?=the\s)", piece)
        for name in names:
            if not name.strip() or len(name) > 120:
                continue
            member, new = _member(name, index)
            if (body.id, member, role) in seen:
                continue
            seen.add((body.id, member, role))
            facts = {"body": body.id, "member": member, "role": role}
            yield Candidate("composition", body.id, facts, passage(block, text), new)


def _meetings(block: Block, text: str, index: EntityIndex) -> Iterator[Candidate]:
    held = _HELD.search(text)
    if held is None:
        return
    body = _body(text, held.start(), index)
    if body is None:
        return
    tail = text[held.end() :]
    first = True
    for m in _COUNT.finditer(tail):
        what = m.group("what")
        after = m.group("tail")
        lead = tail[max(0, m.start() - 12) : m.start()]
        if re.fullmatch(r"(?:19|20)\d{2}", m.group("n")):
            continue  # a year
        if re.match(
            r"\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)",
            after,
        ):
            continue  # a date
        if not what:
            if first or not re.search(r"(?i)(?:\band|;|\(|,)\s*$", lead):
                continue
            if not re.match(r"(?i)\s*(?:in\s+total|since|in\s+(?:19|20)\d{2}|from)", after):
                continue
        elif what.lower().startswith("session"):
            continue
        first = False
        count = to_int(m.group("n"))
        cumulative = bool(re.match(r"(?i)\s*(?:in\s+total|since)", after)) or "in total" in after
        facts = {
            "body": body.id,
            "count": count,
            "cumulative": cumulative,
            "period": after.strip(" ,") or None,
        }
        yield Candidate("meeting-count", body.id, facts, passage(block, text))
