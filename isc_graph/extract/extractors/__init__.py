"""Candidate facts from a document, one module per relation type.

Each module has ``extract(document, index) -> Iterator[Candidate]``. :func:`extract_all`
runs them all, drops exact repeats (the same fact from the same passage), and refuses any
candidate whose quote is not verbatim in its block: a reviewer must be able to find every
quote in the document as printed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from ..index import EntityIndex
from ..model import Candidate, Document
from . import action_line, citation, composition, contribution, engagement, mandate, thematic

__all__ = ["EXTRACTORS", "extract_all"]

Extractor = Callable[[Document, EntityIndex], Iterator[Candidate]]

EXTRACTORS: dict[str, Extractor] = {
    "citation": citation.extract,
    "mandate": mandate.extract,
    "action-line-role": action_line.extract,
    "contribution": contribution.extract,
    "thematic-area": thematic.extract,
    "composition": composition.extract,  # also "meeting-count"
    "engagement": engagement.extract,
}


def _key(candidate: Candidate) -> str:
    return json.dumps(
        [
            candidate.kind,
            candidate.subject,
            candidate.facts,
            candidate.passage.locator,
            candidate.passage.quote,
        ],
        sort_keys=True,
        default=str,
    )


def extract_all(document: Document, index: EntityIndex) -> list[Candidate]:
    """Every candidate of every relation type, in document order per type, without repeats."""
    blocks = {}
    for block in document.blocks:
        blocks.setdefault(block.locator, []).append(block.text)
    seen: set[str] = set()
    out: list[Candidate] = []
    for extract in EXTRACTORS.values():
        for candidate in extract(document, index):
            texts = blocks.get(candidate.passage.locator, [])
            assert any(candidate.passage.quote in t for t in texts), (
                f"quote not verbatim in {candidate.passage.locator!r}: {candidate.passage.quote!r}"
            )
            key = _key(candidate)
            if key not in seen:
                seen.add(key)
                out.append(candidate)
    return out
