"""Text helpers the extractors share: sentences as spans of the block's own text (so every
quote stays verbatim), the list forms ITU prints ("C1, C3 and C11", "C1 - C11", "SDGs 1-17",
"Goals 1 to 5"), outcome codes with their printed typos, and ids for names the graph lacks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Block, Passage

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Res|Rev|No|Nos|Doc|Docs|Dec|Art|para|paras|Mr|Mrs|Ms|Dr|St|vs|cf|Ref|Vol|Annex|"
    r"approx|incl|Corr|Add|Fig|al)|\be\.g|\bi\.e|\betc|\bU\.N|\b[A-Z])\.$"
)
_BULLET = re.compile(r"^\s*(?:[·•▪◦‣*\-–]|\d{1,3}[.)](?!\d)|[a-z]\)|\([a-z0-9]+\))\s+")


@dataclass(frozen=True)
class Span:
    """A stretch of a block's text: ``text == block.text[start:end]``."""

    start: int
    end: int
    text: str


def sentences(text: str) -> list[Span]:
    """The block's sentences, each a verbatim slice, stripped of surrounding spaces."""
    spans: list[Span] = []
    start = 0
    for m in re.finditer(r"[.!?](?:[”’\"')\]]*)\s+(?=[A-Z“\"‘(\d·•])", text):
        head = text[start : m.start() + 1].rstrip()
        if _ABBREV.search(head.split()[-1] if head.split() else ""):
            continue
        if re.fullmatch(r"\s*(?:\d{1,3}\.)+", head):
            continue  # "1." or "1.2." numbering a paragraph, not a sentence
        spans.append(_span(text, start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append(_span(text, start, len(text)))
    return [s for s in spans if s.text]


def _span(text: str, start: int, end: int) -> Span:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    return Span(start + lead, start + lead + len(piece), piece)


def strip_bullet(text: str) -> str:
    """A list item's text without its bullet or number ("· ", "1. ", "a) ")."""
    return _BULLET.sub("", text, count=1)


def is_item(block: Block) -> bool:
    """True for list items, whether the reader marked them or left the bullet in."""
    return block.kind == "item" or bool(re.match(r"^\s*[·•▪◦‣*]\s", block.text))


def passage(block: Block, quote: str) -> Passage:
    """A passage whose quote is checked to be verbatim in the block."""
    quote = quote.strip()
    if quote not in block.text:
        raise ValueError(f"quote not verbatim in block {block.locator!r}: {quote!r}")
    return Passage(block.locator, quote)


def new_id(name: str) -> str:
    """An id for an entity the graph lacks, built from its printed name."""
    words = re.findall(r"[A-Za-z0-9]+", re.sub(r"^(?:the|an?)\s+", "", name.strip(), flags=re.I))
    return "-".join(words)[:80] or "unnamed"


# -- numbers and lists -----------------------------------------------------------------

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
NUMBER = r"(?:\d{1,4}|" + "|".join(NUMBER_WORDS) + r")"


def to_int(token: str) -> int:
    token = token.lower()
    return NUMBER_WORDS[token] if token in NUMBER_WORDS else int(token)


_DASH = r"\s*(?:-|–|—|to|through)\s*"
_LIST_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"

# An action-line list: "C2, C5 and C6", "C1 - C11", "C1–C11", "C2 (ICT infrastructure) and C6".
_AL = r"C(?:1[01]|[1-9])\b(?:\s*\([^()]{1,80}\))?"
AL_LIST = re.compile(rf"{_AL}(?:(?:{_DASH}|{_LIST_SEP}){_AL})*")


def action_lines(text: str) -> list[str]:
    """Expand an action-line list to ids C1…C11, in order, without repeats."""
    bare = re.sub(r"\([^()]*\)", "", text)
    out: list[str] = []
    for m in re.finditer(rf"C(\d{{1,2}})(?:{_DASH}C(\d{{1,2}}))?", bare):
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        for n in range(lo, hi + 1):
            if 1 <= n <= 11 and f"C{n}" not in out:
                out.append(f"C{n}")
    return out


_NUM_ITEM = r"\d{1,2}"
NUM_LIST = re.compile(rf"{_NUM_ITEM}(?:(?:{_DASH}|{_LIST_SEP}){_NUM_ITEM})*")


def numbers(text: str, top: int = 17) -> list[int]:
    """Expand "1, 3, 5", "1 - 17", "1 to 5" to numbers in 1..top, in order, no repeats."""
    out: list[int] = []
    for m in re.finditer(rf"(\d{{1,2}})(?:{_DASH}(\d{{1,2}}))?", text):
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        for n in range(lo, hi + 1):
            if 1 <= n <= top and n not in out:
                out.append(n)
    return out


# Outcome and output codes: "D.2-1", "I.6-a", and the typos "D.1.5", "D-4-1".
CODE = re.compile(r"\b([A-Z])([.\-])(\d{1,2})([.\-])(\d{1,2}|[a-z])\b")


def normal_code(match: re.Match[str]) -> str:
    """The code as the Strategic Plan writes it: letter, dot, number, hyphen, item."""
    return f"{match.group(1)}.{match.group(3)}-{match.group(5)}"


def sentence_iter(block: Block) -> Iterator[Span]:
    yield from sentences(block.text)
