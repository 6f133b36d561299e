"""Mandates: an operative verb, the actors it addresses and the action asked of them.

Reports quote operative clauses actively ("it instructs the Directors of the Bureaux to …",
"PP-18 resolved that ITU should …") and passively ("The Secretary-General is instructed to
…", "Member States are invited to …"). Each clause is tied to the instrument cited in the
same sentence, or, for "it"/"the Resolution" and for list items under a lead-in, to the
instrument cited just before, because the overlap analysis compares mandates by revision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..index import EntityIndex
from ..model import Block, Candidate, Document
from ._text import is_item, new_id, passage, sentences, strip_bullet
from .action_line import AGENT_TYPES
from .citation import find_citations

VERBS = {
    "instruct": "instructs",
    "invite": "invites",
    "resolve": "resolves",
    "request": "requests",
    "encourage": "encourages",
    "urge": "urges",
    "call upon": "calls upon",
    "decide": "decides",
    "suggest": "suggests",
    "recommend": "recommends",
}
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|has been|have been)\s+(?:also\s+|further\s+|hereby\s+)?"
    r"(?P<verb>invited|instructed|requested|encouraged|urged|called upon)\s+(?P<action>to\s.+)$",
    re.S,
)
_ACTIVE = re.compile(
    r"\b(?P<verb>instructs|invites|requests|encourages|urges|calls upon|decides|resolves|"
    r"instructed|invited|requested|encouraged|urged|called upon|decided|resolved|suggests|"
    r"recommends)\s+(?P<rest>.+)$",
    re.S,
)
_ANAPHOR = re.compile(
    r"(?i)^(?:[A-Z][a-z]+,\s*)?(?:it|the (?:same )?(?:Resolution|Decision|Conference)|"
    r"this (?:Resolution|Decision))\s+(?:also\s+|further\s+)?$"
)


def _verb(word: str) -> str:
    word = word.lower()
    for stem, third in VERBS.items():
        if word.startswith(stem):
            return third
    return word


def _actions(text: str) -> list[str]:
    """Split "to A; and to B" into the clauses it joins; trailing full stop dropped."""
    parts = re.split(r";\s*(?:and\s+)?(?=to\s)", text.strip())
    return [p.strip().rstrip(".;").strip() for p in parts if p.strip()]


def _source(document: Document, i: int, before: str, index: EntityIndex, anaphoric: bool) -> dict:
    """The instrument (or conference) a clause belongs to, as facts."""
    cited = find_citations(before, index)
    instruments = [c for c in cited if c.facts.get("kind") != "document"]
    if instruments:
        c = instruments[-1]
        return {"instrument": c.facts["instrument"], "revision": c.facts.get("revision")}
    conf = re.search(r"\b((?:PP|WTDC|WTSA|WRC|RA|Council)-\d{2})\b", before)
    if conf and (hit := index.by_notation(conf.group(1))) is not None:
        return {"instrument": None, "revision": None, "conference": hit.id}
    blocks = document.blocks
    if anaphoric:
        back = range(i - 1, -1, -1)
    elif is_item(blocks[i]):
        back = []
        j = i - 1
        while j >= 0 and is_item(blocks[j]):
            back.append(j)
            j -= 1
        if j >= 0:
            back.append(j)
    else:
        back = [i - 1] if i > 0 else []
    for j in back:
        cited = [
            c for c in find_citations(blocks[j].text, index) if c.facts.get("kind") != "document"
        ]
        if cited:
            c = cited[-1]
            return {"instrument": c.facts["instrument"], "revision": c.facts.get("revision")}
    return {"instrument": None, "revision": None}


ACTOR_TYPES = (
    *AGENT_TYPES,
    "MembershipCategory",
    "GoverningBody",
    "WorkingGroup",
    "InterAgencyMechanism",
    "Conference",
)


def _addressees(phrase: str, index: EntityIndex) -> tuple[list[str], dict[str, str]] | None:
    """Ids of the actors named (new ids for unknown ones), or ``None`` when the phrase does
    not read as a list of actors (an unknown name must look like a name)."""
    ids: list[str] = []
    new: dict[str, str] = {}
    for name, entity in index.addressees(phrase):
        if entity is not None and entity.is_a(*ACTOR_TYPES):
            ids.append(entity.id)
        else:
            if not re.match(r"(?:the\s+|all\s+)?[A-Z]", name) or len(name.split()) > 6:
                return None
            nid = new_id(name)
            new[nid] = re.sub(r"^(?:the)\s+", "", name, flags=re.I)
            ids.append(nid)
    return list(dict.fromkeys(ids)), new


_OPENING = re.compile(
    r"^(?:(?:At|In|On|For|With|Under|Following|As|Furthermore|Moreover|Finally|Also)\b[^,]*,\s*)+"
)


def _subject_phrase(text: str) -> str:
    """The actors before a passive verb, without an opening phrase such as "At the
    national level," or "Furthermore,"."""
    return _OPENING.sub("", strip_bullet(text).strip(" ,;:"))


def _clause(
    document: Document, i: int, block: Block, quote: str, index: EntityIndex
) -> Iterator[Candidate]:
    text = strip_bullet(quote)
    m = _PASSIVE.search(text)
    if m is not None:
        before = text[: m.start()]
        phrase = _subject_phrase(re.split(r"[.;:]\s", before)[-1])
        named = _addressees(phrase, index) if phrase and len(phrase) <= 200 else None
        if named is None:
            return
        ids, new = named
        source = _source(document, i, before, index, anaphoric=False)
        yield from _emit(block, quote, _verb(m.group("verb")), ids, new, m.group("action"), source)
        return
    m = _ACTIVE.search(text)
    if m is None:
        return
    before = text[: m.start()]
    rest = m.group("rest")
    verb = _verb(m.group("verb"))
    subject = before.strip()
    known_subject = bool(
        _ANAPHOR.match(subject + " ")
        or find_citations(subject, index)
        or re.search(r"\b(?:PP|WTDC|WTSA|WRC|Council)(?:-\d{2})?\s*$", subject)
        or re.search(r"\b(?:Conference|Assembly|Council)(?: \d{4})?\s*$", subject)
    )
    if not known_subject:
        return
    anaphoric = bool(_ANAPHOR.match(subject + " "))
    source = _source(document, i, before, index, anaphoric)
    that = re.match(
        r"that\s+(?P<who>.+?)\s+(?:should|shall|will|must|is to|are to)\s+(?P<act>.+)$", rest, re.S
    )
    if that:
        named = _addressees(that.group("who"), index)
        if named is None:
            return
        ids, new = named
        yield from _emit(block, quote, verb, ids, new, that.group("act"), source)
        return
    if rest.startswith("to "):
        yield from _emit(block, quote, verb, [], {}, rest, source)
        return
    to = re.search(r"\s(to\s+[a-z].*)$", rest, re.S)
    if to is None:
        return
    phrase = rest[: to.start()]
    if len(phrase) > 200:
        return
    named = _addressees(phrase, index)
    if named is None:
        return
    ids, new = named
    yield from _emit(block, quote, verb, ids, new, to.group(1), source)


def _emit(
    block: Block,
    quote: str,
    verb: str,
    addressees: list[str],
    new: dict[str, str],
    action: str,
    source: dict,
) -> Iterator[Candidate]:
    subject = (
        source.get("revision")
        or source.get("instrument")
        or source.get("conference")
        or (addressees[0] if addressees else "")
    )
    for act in _actions(action):
        facts = {"verb": verb, "addressees": list(addressees), "action": act, **source}
        yield Candidate("mandate", subject, facts, passage(block, quote), dict(new))


def extract(document: Document, index: EntityIndex) -> Iterator[Candidate]:
    """One candidate per operative clause and action."""
    for i, block in enumerate(document.blocks):
        for sentence in sentences(block.text):
            yield from _clause(document, i, block, sentence.text, index)
