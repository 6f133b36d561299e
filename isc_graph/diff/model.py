"""The shape every comparison takes, so that one set of renderers writes them all."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["DiffReport", "Section"]


@dataclass
class Section:
    """One table of a comparison: a title, its columns and its rows.

    A row maps each column to a value: a string, a number, None (shown empty) or a list of
    strings (shown one per line, or joined). ``note`` says in a sentence what the section
    holds, or how it was found (e.g. "inferred: the documents state no mapping").
    """

    title: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""


@dataclass
class DiffReport:
    """A comparison: what was compared, a few lines of summary, the sections, and the
    structured result for JSON (``data``: kind-specific, stable keys)."""

    kind: str  # "revisions", "thematic-areas" or "versions"
    title: str
    summary: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
