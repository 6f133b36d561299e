"""WSIS action-line roles: who facilitates, co-facilitates, partners, leads or is focal point
for which of the action lines C1–C11.

Reports state these roles in dense sentences ("as a moderator/facilitator for Action Lines
C2, C5 and C6, co-facilitator of WSIS Action Lines C1, C3, C4, C7, C11 and partner of …",
"C1, C3 and C11, where ITU is the co-facilitator", "C2 and C6 – led by BDT"); the question
"which bureau leads each action line" is answered from them, so each (agent, role, line) is
one candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..index import Entity, EntityIndex
from ..model import Candidate, Document
from ._text import AL_LIST, action_lines, passage, sentences

AGENT_TYPES = (
    "Organization",
    "Bureau",
    "Sector",
    "Department",
    "GeneralSecretariat",
    "CoordinationBody",
    "ExternalOrganization",
    "AdvisoryGroup",
    "RegionalOffice",
    "Post",
    "StudyGroup",
)
ROLE_TERMS = [
    (re.compile(r"(?i)\bco-?facilitators?\b"), "co-facilitator"),
    (re.compile(r"(?i)\b(?:moderator\s*/\s*)?(?<!co-)(?<!co)facilitators?\b"), "facilitator"),
    (re.compile(r"(?i)\binterim\s+focal\s+points?\b"), "interim-focal-point"),
    (re.compile(r"(?i)(?<!interim )\bfocal\s+points?\b"), "focal-point"),
    (re.compile(r"(?i)\bco-?leads?\b"), "co-lead"),
    (re.compile(r"(?i)\bpartners?\b(?!ship)"), "partner"),
    (
        re.compile(
            r"(?i)\b(?:leads?|leading)\b(?!\s+(?:to|by)\b)(?=\s+(?:of|for|on|the|WSIS|Action))"
        ),
        "lead",
    ),
    (
        re.compile(
            r"(?i)\bimplement(?:s|ing)\s+(?:\w+\s+){0,3}activities\s+in\s+the\s+context\s+of"
        ),
        "implementer",
    ),
]
_ACRONYM = re.compile(r"\b(?:[Tt]he\s+Bureau\b|[A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]{1,3})?\b)")
_VERBISH = re.compile(r"(?i)\b(?:is|are|was|were|as|been|acting|act|acts|plays?|playing|be)\b")


@dataclass
class _Agent:
    start: int
    end: int
    entity: Entity


def agents_in(text: str, index: EntityIndex, last_bureau: Entity | None) -> list[_Agent]:
    """Actors named in ``text`` (acronyms the graph knows, and "the Bureau")."""
    found = []
    for m in _ACRONYM.finditer(text):
        word = m.group(0)
        if word.lower() == "the bureau":
            if last_bureau is not None:
                found.append(_Agent(m.start(), m.end(), last_bureau))
            continue
        entity = index.by_notation(word)
        if entity is not None and entity.is_a(*AGENT_TYPES):
            found.append(_Agent(m.start(), m.end(), entity))
    return found


def _roles(text: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for pattern, role in ROLE_TERMS:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e, _ in spans):
                continue
            spans.append((m.start(), m.end(), role))
    return sorted(spans)


def _subject(agents: list[_Agent], text: str, before: int) -> _Agent | None:
    """The actor a role belongs to: the last one before it that is not merely a modifier
    ("the main ITU focal point" is BDT's role, not ITU's)."""
    for agent in reversed([a for a in agents if a.end <= before]):
        between = text[agent.end : before]
        if len(between.split()) <= 3 and not _VERBISH.search(between):
            continue
        return agent
    return None


def extract(document: Document, index: EntityIndex) -> Iterator[Candidate]:
    """One candidate per agent, role and action line."""
    last_bureau: Entity | None = None
    for block in document.blocks:
        for sentence in sentences(block.text):
            text = sentence.text
            agents = agents_in(text, index, last_bureau)
            if re.search(r"(?i)\b(?:action\s+lines?|AL|WSIS)\b", text):
                yield from _sentence(block, text, agents, index)
            for agent in agents:
                if agent.entity.is_a("Bureau"):
                    last_bureau = agent.entity


def _sentence(block, text: str, agents: list[_Agent], index: EntityIndex) -> Iterator[Candidate]:
    since = re.search(r"\b[Ss]ince\s+((?:19|20)\d{2})\b", text)
    roles = _roles(text)
    consumed: list[tuple[int, int]] = []
    found: list[tuple[Entity, str, str, str | None]] = []
    lists = list(AL_LIST.finditer(text))
    for al in lists:
        lines = action_lines(al.group(0))
        after = text[al.end() :]
        where = re.match(
            r"\s*,?\s*where\s+(?P<who>[A-Z][A-Za-z-]+)\s+(?:is|acts as|are)\s+"
            r"(?:the\s+|a\s+|an\s+)?"
            r"(?:sole\s+|main\s+|lead\s+|official\s+)?(?P<role>co-?facilitator|facilitator|partner|"
            r"focal point|lead)\b",
            after,
        )
        if where:
            who = index.by_notation(where.group("who"))
            role = _role_name(where.group("role"))
            if who is not None:
                found += [(who, role, line, None) for line in lines]
            consumed.append((al.end(), al.end() + where.end()))
        led = re.match(r"\s*[-–—,]?\s*(?:is\s+|are\s+)?led\s+by\s+(?P<who>[A-Z][A-Za-z-]+)", after)
        if led and (who := index.by_notation(led.group("who"))) is not None:
            found += [(who, "lead", line, None) for line in lines]
        before_roles = [
            r for r in roles if r[1] <= al.start() and not any(s <= r[0] < e for s, e in consumed)
        ]
        if not before_roles:
            continue
        chosen = [before_roles[-1]]
        # "Focal Point and Facilitator of C2": roles joined by "and" share the list.
        for r in reversed(before_roles[:-1]):
            if re.fullmatch(r"\s*(?:and|,|/)\s*", text[r[1] : chosen[0][0]]):
                chosen.insert(0, r)
            else:
                break
        if not _close(text, chosen[-1][1], al.start(), lists):
            continue
        agent = _subject(agents, text, chosen[0][0])
        if agent is None:
            continue
        sub = _sub_line(al.group(0), index) if len(lines) == 1 else None
        for _s, _e, role in chosen:
            found += [(agent.entity, role, line, sub) for line in lines]
    seen = set()
    for entity, role, line, sub in found:
        if (entity.id, role, line) in seen:
            continue
        seen.add((entity.id, role, line))
        facts = {"agent": entity.id, "role": role, "action_line": line}
        if sub:
            facts["sub_line"] = sub
        if since and role in ("focal-point", "lead"):
            facts["since"] = since.group(1)
        yield Candidate("action-line-role", entity.id, facts, passage(block, text))


def _close(text: str, role_end: int, list_start: int, lists) -> bool:
    """A role reaches a list if only the words naming action lines, or other lists it also
    covers ("C1, C3 …, where ITU is the co-facilitator, and C9"), stand between them."""
    gap = text[role_end:list_start]
    for other in lists:
        if role_end <= other.start() and other.end() <= list_start:
            gap = gap.replace(other.group(0), " ")
    return len(gap) <= 120 and not re.search(r"[.;]", gap)


def _role_name(word: str) -> str:
    word = word.lower().replace(" ", "-")
    return "co-facilitator" if word.startswith("co") else word


def _sub_line(text: str, index: EntityIndex) -> str | None:
    m = re.search(r"\(([^()]+)\)", text)
    if m is None:
        return None
    hit = index.by_label(m.group(1), "ActionLineSubLine")
    return hit.id if hit else None
