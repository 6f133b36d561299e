"""Compare two revisions of a resolution clause by clause: what was kept, reworded, addressed
to other actors, added, and what has no recorded successor.

The alignment itself is :func:`isc_graph.diff.clauses.align` (its docstring gives the method
and thresholds); this module reads the two revisions, checks that they can be compared, and
writes the result as a :class:`~isc_graph.diff.model.DiffReport` whose rows quote each clause's
passages, so that a reader can check every pairing against the documents.

>>> from isc_graph.diff.revisions import compare_revisions     # doctest: +SKIP
>>> compare_revisions(store, "Res191-2014", "Res191-2018").summary[0]  # doctest: +SKIP
'Resolution 191: 5 clauses in 2014, 6 in 2018: 0 kept, 0 reworded, … 6 added, …'
"""

from __future__ import annotations

import difflib
from typing import Any

import pyoxigraph as ox

from ..errors import IscGraphError
from ..queries import natural_key
from .clauses import (
    ADDRESSEE_WEIGHT,
    KINDS,
    MIN_SIMILARITY,
    Clause,
    ClauseChange,
    RevisionInfo,
    align,
    consecutive_pairs,
    read_clauses,
    read_revisions,
)
from .model import DiffReport, Section

__all__ = [
    "COLUMNS",
    "METHOD",
    "ComparisonError",
    "compare_latest",
    "compare_revisions",
    "latest_pairs",
    "report_of",
    "summary_line",
]

COLUMNS = [
    "kind",
    "old",
    "new",
    "similarity",
    "changes",
    "old_text",
    "new_text",
    "old_passage",
    "new_passage",
]
METHOD = (
    "Clauses are paired by maximum-weight matching on the Jaccard similarity of the content "
    f"words of their actions (pairs below {MIN_SIMILARITY:g} are never paired), with the "
    f"addressees as a second signal (weight {ADDRESSEE_WEIGHT:g}). Kept: same verb, words and "
    "addressees; reworded: other words or verb; addressees changed: other actors; added: only "
    "in the new revision; no recorded successor: only in the old one. The comparison knows "
    "only the clauses the sources report: a clause with no recorded successor is not shown "
    "to be repealed."
)
_PHRASES = {
    "kept": "kept",
    "reworded": "reworded",
    "addressees-changed": "addressees changed",
    "added": "added",
    "no-successor": "with no recorded successor",
}


class ComparisonError(IscGraphError):
    """Two things that cannot be compared: an unknown revision or list, or two revisions of
    different instruments."""


def _suggest(wanted: str, known: list[str]) -> str:
    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def _find(revisions: list[RevisionInfo], wanted: str) -> RevisionInfo:
    for r in revisions:
        if r.id == wanted:
            return r
    for r in revisions:  # the same id in another case: Res191-2014 for res191-2014
        if r.id.casefold() == wanted.casefold():
            return r
    ids = [r.id for r in revisions]
    # An id that starts like an instrument's (Res191-2016) lists that instrument's revisions.
    same = [r for r in revisions if wanted.casefold().startswith(r.instrument.casefold() + "-")]
    listed = ", ".join(r.id for r in same) if same else ", ".join(sorted(ids, key=natural_key))
    scope = f" of {same[0].instrument}" if same else ""
    raise ComparisonError(
        f"no revision '{wanted}' in the graph{_suggest(wanted, ids)}; "
        f"the revisions{scope} are {listed or 'none'}"
    )


def _with_clauses(revisions: list[RevisionInfo], instrument: str) -> str:
    ids = [r.id for r in revisions if r.instrument == instrument and r.clauses]
    return ", ".join(ids) or "none"


def compare_revisions(
    store: ox.Store, old_id: str, new_id: str, *, lang: str | None = None
) -> DiffReport:
    """Compare revision ``old_id`` (e.g. ``Res191-2014``) with ``new_id`` (``Res191-2018``).

    Raises :class:`ComparisonError` when either id is unknown, when the two are revisions of
    different instruments, when ``new_id`` is the earlier one, or when the graph records no
    clause for one of them (the sources do not report its text: there is nothing to compare,
    rather than every clause added or without successor).
    """
    revisions = read_revisions(store, lang)
    old, new = _find(revisions, old_id), _find(revisions, new_id)
    if old.id == new.id:
        raise ComparisonError(f"'{old.id}' is compared with itself: give two revisions")
    if old.instrument != new.instrument:
        raise ComparisonError(
            f"{old.id} is a revision of {old.instrument} and {new.id} of {new.instrument}: "
            "compare two revisions of the same resolution or decision (revisions of "
            f"{old.instrument} with clauses: {_with_clauses(revisions, old.instrument)})"
        )
    if old.year and new.year and old.year_key > new.year_key:
        raise ComparisonError(
            f"{old.id} ({old.year}) is later than {new.id} ({new.year}): give the earlier "
            "revision first"
        )
    for r in (old, new):
        if not r.clauses:
            raise ComparisonError(
                f"the graph records no clause of {r.id}: its sources do not report its "
                f"operative part, so there is nothing to compare (revisions of {r.instrument} "
                f"with clauses: {_with_clauses(revisions, r.instrument)})"
            )
    clauses = read_clauses(store, [old.iri, new.iri], lang=lang)
    changes = align(clauses.get(old.iri, []), clauses.get(new.iri, []))
    return report_of(old, new, changes)


def latest_pairs(revisions: list[RevisionInfo]) -> list[tuple[RevisionInfo, RevisionInfo]]:
    """For each instrument with clauses in two revisions or more, its latest two such
    revisions (revisions without a year cannot be placed and are passed over)."""
    last: dict[str, tuple[RevisionInfo, RevisionInfo]] = {}
    for pair in consecutive_pairs(revisions):
        last[pair[0].instrument] = pair  # pairs come in year order per instrument
    return [last[k] for k in sorted(last, key=natural_key)]


def compare_latest(store: ox.Store, *, lang: str | None = None) -> list[DiffReport]:
    """The comparison of the latest two revisions of each resolution or decision that has
    clauses recorded in both, by instrument id: what the report's "What changed" shows."""
    revisions = read_revisions(store, lang)
    pairs = latest_pairs(revisions)
    clauses = read_clauses(store, [r.iri for p in pairs for r in p], lang=lang)
    return [
        report_of(old, new, align(clauses.get(old.iri, []), clauses.get(new.iri, [])))
        for old, new in pairs
    ]


# --- The report ---------------------------------------------------------------------------


def _counts(changes: list[ClauseChange]) -> dict[str, int]:
    counts = dict.fromkeys(KINDS, 0)
    for c in changes:
        counts[c.kind] += 1
    return counts


def summary_line(old: RevisionInfo, new: RevisionInfo, changes: list[ClauseChange]) -> str:
    """``Resolution 191: 5 clauses in 2014, 6 in 2018: 0 kept, … 6 added, …``."""
    counts = _counts(changes)
    n_old = sum(c.old is not None for c in changes)
    n_new = sum(c.new is not None for c in changes)
    parts = ", ".join(f"{counts[k]} {_PHRASES[k]}" for k in KINDS)
    return (
        f"{old.instrument_label}: {n_old} clause{'s' if n_old != 1 else ''} in "
        f"{old.year or old.id}, {n_new} in {new.year or new.id}: {parts}"
    )


def _clause_text(c: Clause | None) -> str:
    if c is None:
        return ""
    who = ", ".join(c.addressees)
    head = " ".join(x for x in (c.verb, who) if x)
    return f"{head}: {c.action}" if head else c.action


def _passages(c: Clause | None) -> list[str]:
    if c is None:
        return []
    return [
        f"{e.document}, {e.locator}: “{e.quote}”" if e.quote else f"{e.document}, {e.locator}"
        for e in c.evidence
    ]


def _changes_text(c: ClauseChange) -> str:
    parts = []
    if c.diff:
        parts.append(c.diff)
    if c.addressees_added or c.addressees_removed:
        moved = [f"+{a}" for a in c.addressees_added] + [f"-{a}" for a in c.addressees_removed]
        parts.append("addressees: " + " ".join(moved))
    return "; ".join(parts)


def _row(c: ClauseChange) -> dict[str, Any]:
    return {
        "kind": ", ".join(c.kinds),
        "old": c.old.id if c.old else None,
        "new": c.new.id if c.new else None,
        "similarity": c.similarity,
        "changes": _changes_text(c),
        "old_text": _clause_text(c.old),
        "new_text": _clause_text(c.new),
        "old_passage": _passages(c.old),
        "new_passage": _passages(c.new),
    }


def _clause_dict(c: Clause | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "id": c.id,
        "label": c.label,
        "verb": c.verb,
        "action": c.action,
        "order": c.order,
        "addressees": [
            {"id": i, "label": label}
            for i, label in zip(c.addressees, c.addressee_labels, strict=False)
        ],
        "evidence": [
            {"document": e.document, "locator": e.locator, "quote": e.quote} for e in c.evidence
        ],
    }


def _revision_dict(r: RevisionInfo, clauses: int) -> dict[str, Any]:
    return {"id": r.id, "label": r.label, "year": r.year, "clauses": clauses}


def report_of(old: RevisionInfo, new: RevisionInfo, changes: list[ClauseChange]) -> DiffReport:
    """The :class:`DiffReport` of an alignment: a summary line, three sections (continued,
    added, no recorded successor) and ``data`` with every clause and its passages."""
    continued = [c for c in changes if c.old is not None and c.new is not None]
    added = [c for c in changes if c.old is None]
    orphans = [c for c in changes if c.new is None]
    summary = [summary_line(old, new, changes)]
    if orphans:
        summary.append(
            f"A {old.year or old.id} clause with no recorded successor may still stand: the "
            f"graph holds the clauses of {new.label} that its sources report."
        )
    sections = [
        Section(
            "Clauses continued",
            COLUMNS,
            [_row(c) for c in continued],
            note=f"Each {new.year or new.id} clause paired with the {old.year or old.id} clause "
            "it continues, and how it changed (word diff: [-removed-] {+added+}).",
        ),
        Section(
            "Clauses added",
            COLUMNS,
            [_row(c) for c in added],
            note=f"Clauses of {new.label} that continue no clause recorded for {old.label}.",
        ),
        Section(
            "Clauses with no recorded successor",
            COLUMNS,
            [_row(c) for c in orphans],
            note=f"Clauses of {old.label} that no clause recorded for {new.label} continues; "
            "not shown to be repealed, as a source may report only part of a revision.",
        ),
    ]
    data = {
        "instrument": {"id": old.instrument, "label": old.instrument_label},
        "old": _revision_dict(old, sum(c.old is not None for c in changes)),
        "new": _revision_dict(new, sum(c.new is not None for c in changes)),
        "method": {
            "text": METHOD,
            "similarity": "jaccard of content words of isc:action",
            "min_similarity": MIN_SIMILARITY,
            "addressee_weight": ADDRESSEE_WEIGHT,
        },
        "counts": _counts(changes),
        "clauses": [
            {
                "kind": c.kind,
                "kinds": list(c.kinds),
                "old": _clause_dict(c.old),
                "new": _clause_dict(c.new),
                "similarity": c.similarity,
                "addressee_similarity": c.addressee_similarity,
                "diff": c.diff,
                "addressees_added": list(c.addressees_added),
                "addressees_removed": list(c.addressees_removed),
            }
            for c in changes
        ],
    }
    return DiffReport(
        "revisions",
        f"{old.instrument_label}: {old.label} → {new.label}",
        summary,
        sections,
        data,
    )
