"""Engagements: which unit plays which role on which topic, where a sentence says so.

Only explicit statements are read, because an engagement drives the overlap analysis and a
wrong one shows up as a false overlap: "BDT will lead the …", "TSB is the focal point for
…", "The following sessions will be led by BDT:" followed by list items, and item notes
such as "(contributing role, SPM leads)", "(BDT and SPM lead)", "(ITU/WHO)". Action lines
are left to the action-line extractor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..index import Entity, EntityIndex
from ..model import Block, Candidate, Document
from ._text import is_item, new_id, passage, sentences, strip_bullet
from .action_line import AGENT_TYPES, agents_in

_LEAD_IN = re.compile(
    r"(?i)\b(?:will\s+be|are|is|were|was|to\s+be)\s+(?P<verb>led|coordinated|organi[sz]ed)\s+by\s+"
    r"(?:the\s+)?(?P<who>[A-Z][\w-]*)\s*:\s*$"
)
_NOTE = re.compile(r"\((?P<note>[^()]*)\)\s*$")
_STATED = re.compile(
    r"(?P<verb>will\s+lead|leads|continues\s+to\s+lead|will\s+continue\s+to\s+lead|is\s+leading|"
    r"is\s+(?:the|a|an)\s+(?:focal\s+point|lead|coordinator)\s+(?:for|of|on))\s+"
    r"(?P<topic>the\s+[A-Z][^,;:.()]*|[A-Z][^,;:.()]*)"
)
_ROLE = {
    "led": "lead",
    "coordinated": "coordinator",
    "organised": "organiser",
    "organized": "organiser",
}


def _topic(name: str, index: EntityIndex) -> tuple[str, dict[str, str]] | None:
    name = re.sub(r"\s+", " ", name).strip(" .;:,")
    name = re.sub(r"\s+(?:while|whereas|which|that|in order)\b.*$", "", name)
    if not name or re.fullmatch(r"(?i)(?:WSIS\s+)?(?:AL|Action\s+Lines?)\s+C\d+", name):
        return None
    hit = index.find(name)
    if hit is not None:
        if hit.is_a("ActionLine", "ActionLineSubLine"):
            return None
        return hit.id, {}
    nid = new_id(name)
    return nid, {nid: re.sub(r"^the\s+", "", name, flags=re.I)}


def _named(who: str, index: EntityIndex) -> Entity | None:
    entity = index.find(who)
    return entity if entity is not None and entity.is_a(*AGENT_TYPES) else None


def _candidate(block: Block, quote: str, agent: Entity, role: str, topic) -> Candidate:
    tid, new = topic
    facts = {"agent": agent.id, "role": role, "topic": tid}
    return Candidate("engagement", agent.id, facts, passage(block, quote), dict(new))


def extract(document: Document, index: EntityIndex) -> Iterator[Candidate]:
    """Candidates from stated roles, and from list items under a "led by X:" lead-in."""
    leader: tuple[Entity, str] | None = None
    for block in document.blocks:
        if leader is not None and is_item(block):
            yield from _item(block, leader, index)
            continue
        leader = None
        m = _LEAD_IN.search(block.text)
        if m is not None and (who := _named(m.group("who"), index)) is not None:
            leader = (who, _ROLE[m.group("verb").lower()])
        for sentence in sentences(block.text):
            yield from _stated(block, sentence.text, index)


def _item(block: Block, leader: tuple[Entity, str], index: EntityIndex) -> Iterator[Candidate]:
    text = block.text.strip()
    body = strip_bullet(text)
    note = _NOTE.search(body)
    name = body[: note.start()] if note else body
    topic = _topic(name, index)
    if topic is None:
        return
    agent, role = leader
    quote = text
    if note is None:
        yield _candidate(block, quote, agent, role, topic)
        return
    words = note.group("note")
    contributing = re.match(r"(?i)\s*contributing\s+role\s*,\s*(?P<rest>.+)$", words)
    leads = re.match(
        r"(?i)\s*(?P<who>.+?)\s+leads?\s*$", contributing.group("rest") if contributing else words
    )
    if contributing and leads:
        yield _candidate(block, quote, agent, "contributor", topic)
    if leads:
        for who in re.split(r"\s*(?:,|\band\b|&)\s*", leads.group("who")):
            if (entity := _named(who, index)) is not None:
                yield _candidate(block, quote, entity, "lead", topic)
        return
    yield _candidate(block, quote, agent, role, topic)
    if "/" in words:
        for who in words.split("/"):
            entity = _named(who.strip(), index)
            if entity is not None and entity.id != "ITU" and entity.id != agent.id:
                yield _candidate(block, quote, entity, "partner", topic)


def _stated(block: Block, text: str, index: EntityIndex) -> Iterator[Candidate]:
    agents = agents_in(text, index, None)
    for m in _STATED.finditer(text):
        before = [a for a in agents if a.end <= m.start()]
        if not before:
            continue
        agent = before[-1]
        gap = text[agent.end : m.start()]
        if not re.fullmatch(r"\s*(?:also\s+|further\s+|now\s+)?", gap):
            continue
        verb = m.group("verb").lower()
        role = "lead"
        if "focal" in verb:
            role = "focal-point"
        elif "coordinator" in verb:
            role = "coordinator"
        topic = _topic(m.group("topic"), index)
        if topic is not None:
            yield _candidate(block, text, agent.entity, role, topic)
