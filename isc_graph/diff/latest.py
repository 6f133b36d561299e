"""What changed lately: the comparisons the overlap report ends with.

The latest two revisions of each resolution or decision that has clauses recorded in both,
and the latest two thematic-area lists; each a :class:`~isc_graph.diff.model.DiffReport`.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from .model import DiffReport
from .revisions import compare_latest
from .themes import compare_theme_lists, latest_years

__all__ = ["changes_dict", "latest_changes"]


def latest_changes(store: ox.Store, *, lang: str | None = None) -> list[DiffReport]:
    """The revision comparisons (by instrument id), then the thematic-area one; an empty
    list when the graph has neither two revisions with clauses nor two lists."""
    found = compare_latest(store, lang=lang)
    years = latest_years(store)
    if years is not None:
        found.append(compare_theme_lists(store, *years))
    return found


def changes_dict(reports: list[DiffReport]) -> dict[str, Any]:
    """The ``changes`` key of the JSON report: the first summary line of each comparison,
    and each comparison's kind, title, summary and data."""
    return {
        "summary": [r.summary[0] for r in reports if r.summary],
        "comparisons": [
            {"kind": r.kind, "title": r.title, "summary": r.summary, "data": r.data}
            for r in reports
        ],
    }
