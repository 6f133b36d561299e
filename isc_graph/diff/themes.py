"""Compare two dated lists of ISC-TF thematic areas: new, dropped, renamed, merged, split.

The lists come from different reports, and no report says how its areas relate to the list
before: the data records each area's predecessors (``isc:previous``, with ``isc:mappingKind``
and ``skos:exactMatch`` where unchanged) as read from the names, and says so in editorial
notes. This module follows those links, across intermediate lists when the two years are not
consecutive, and never adds a mapping of its own; where a note on the area or on a list in
between says the mapping is not stated by the document, the row says "inferred", as the data
does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from ..lang import label_pattern
from ..queries import natural_key, run_query
from .model import DiffReport, Section
from .revisions import ComparisonError

__all__ = ["INFERRED", "THEME_KINDS", "compare_theme_lists", "latest_years", "list_years"]

# Kinds of change of an area, in the order the report lists them.
THEME_KINDS = ("unchanged", "renamed", "merged", "split", "new", "dropped")
# How the data says a mapping was read rather than stated: "The document does not say how
# its areas relate …", "the document does not state the merger", "No document states this
# explicitly", "the mappings … are read from the names", "Read as the merger of …".
INFERRED = re.compile(
    r"does not (say|state)|no document states|not stated|\bread (as|from)\b|inferred from",
    re.IGNORECASE,
)
_COLUMNS = ["kind", "old", "new", "basis", "note"]


@dataclass
class _List:
    iri: str
    id: str
    year: str
    label: str
    notes: list[str] = field(default_factory=list)


@dataclass
class _Area:
    iri: str
    id: str
    label: str
    scheme: str
    recorded: str = ""  # isc:mappingKind notation
    notes: list[str] = field(default_factory=list)
    previous: set[str] = field(default_factory=set)
    exact: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return f"{self.label} ({self.id})"


def _text(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def _read_lists(store: ox.Store, lang: str | None) -> dict[str, _List]:
    query = f"""
SELECT ?list ?id ?year ?label ?note WHERE {{
  ?list a isc:ThematicAreaList ; skos:notation ?id ; isc:documentYear ?y .
  BIND (STR(?y) AS ?year)
  {label_pattern("?list", "label")}
  OPTIONAL {{ ?list skos:editorialNote ?note }}
}}"""
    lists: dict[str, _List] = {}
    for row in run_query(store, query, name="thematic-area lists", lang=lang):  # type: ignore[union-attr]
        iri = row["list"].value
        item = lists.setdefault(
            iri, _List(iri, row["id"].value, row["year"].value, _text(row["label"]))
        )
        note = _text(row["note"])
        if note and note not in item.notes:
            item.notes.append(note)
    return lists


def _read_areas(store: ox.Store, lang: str | None) -> dict[str, _Area]:
    query = f"""
SELECT ?area ?id ?scheme ?label ?kind ?note WHERE {{
  ?area a isc:ThematicArea ; skos:notation ?id ; skos:inScheme ?scheme .
  {label_pattern("?area", "label")}
  OPTIONAL {{ ?area isc:mappingKind/skos:notation ?kind }}
  OPTIONAL {{ ?area skos:editorialNote ?note }}
}}"""
    areas: dict[str, _Area] = {}
    for row in run_query(store, query, name="thematic areas", lang=lang):  # type: ignore[union-attr]
        iri = row["area"].value
        area = areas.setdefault(
            iri,
            _Area(iri, row["id"].value, _text(row["label"]), row["scheme"].value),
        )
        area.recorded = area.recorded or _text(row["kind"])
        note = _text(row["note"])
        if note and note not in area.notes:
            area.notes.append(note)
    links = """
SELECT ?area ?p ?prev WHERE {
  ?area a isc:ThematicArea .
  { ?area isc:previous ?prev BIND ("previous" AS ?p) }
  UNION { ?area skos:exactMatch ?prev BIND ("exact" AS ?p) }
}"""
    for row in run_query(store, links, name="thematic-area mappings"):  # type: ignore[union-attr]
        area = areas.get(row["area"].value)
        if area is None:
            continue
        target = area.exact if row["p"].value == "exact" else area.previous
        target.add(row["prev"].value)
    return areas


def list_years(store: ox.Store) -> list[str]:
    """The years of the thematic-area lists in the graph, oldest first."""
    return sorted({x.year for x in _read_lists(store, None).values()}, key=natural_key)


def latest_years(store: ox.Store) -> tuple[str, str] | None:
    """The years of the latest two lists, or None when the graph has fewer than two."""
    years = list_years(store)
    return (years[-2], years[-1]) if len(years) >= 2 else None


def _find_list(lists: dict[str, _List], year: str) -> _List:
    found = [x for x in lists.values() if x.year == year.strip()]
    years = sorted({x.year for x in lists.values()}, key=natural_key)
    if not found:
        raise ComparisonError(
            f"no thematic-area list of {year!r} in the graph; the lists are of "
            f"{', '.join(years) or 'no year: the graph has none'}"
        )
    if len(found) > 1:
        ids = ", ".join(sorted(x.id for x in found))
        raise ComparisonError(f"several thematic-area lists are dated {year} ({ids})")
    return found[0]


@dataclass
class _Mapping:
    """One area of the new list traced back to the old one."""

    area: _Area
    ancestors: list[_Area]
    path: list[_Area]  # every area on the way back, the new one first
    all_unchanged: bool


def _trace(area: _Area, areas: dict[str, _Area], old: _List) -> _Mapping:
    """Follow isc:previous from ``area`` back to the areas of ``old``."""
    ancestors: dict[str, _Area] = {}
    path: list[_Area] = [area]
    unchanged = True
    frontier, seen = [area], {area.iri}
    while frontier:
        step = []
        for a in frontier:
            if a.scheme == old.iri:
                continue
            unchanged = unchanged and a.recorded == "unchanged" and len(a.previous) == 1
            for iri in sorted(a.previous):
                prev = areas.get(iri)
                if prev is None or iri in seen:
                    continue
                seen.add(iri)
                if prev.scheme == old.iri:
                    ancestors[iri] = prev
                else:
                    path.append(prev)
                    step.append(prev)
        frontier = step
    found = sorted(ancestors.values(), key=lambda a: natural_key(a.id))
    return _Mapping(area, found, path, unchanged and bool(found))


def _basis(notes: list[str]) -> str:
    return "inferred" if any(INFERRED.search(n) for n in notes) else "as recorded"


def compare_theme_lists(store: ox.Store, old_year: str, new_year: str) -> DiffReport:
    """Compare the thematic-area list of ``old_year`` (e.g. ``"2019"``) with that of
    ``new_year`` (``"2022"``), from the mappings the graph records.

    Raises :class:`~isc_graph.diff.revisions.ComparisonError` for a year with no list (the
    message lists the years there are), for the same year twice, or when ``new_year`` is the
    earlier one.
    """
    lists = _read_lists(store, None)
    old, new = _find_list(lists, str(old_year)), _find_list(lists, str(new_year))
    if old.iri == new.iri:
        raise ComparisonError(f"the list of {old.year} is compared with itself: give two years")
    if natural_key(old.year) > natural_key(new.year):
        raise ComparisonError(f"{old.year} is later than {new.year}: give the earlier year first")
    areas = _read_areas(store, None)
    # The notes of every list after the old one, up to the new one: each says how its areas
    # were mapped to the list before.
    between = [
        x
        for x in lists.values()
        if natural_key(old.year) < natural_key(x.year) <= natural_key(new.year)
    ]
    list_notes = [n for x in sorted(between, key=lambda x: natural_key(x.year)) for n in x.notes]
    new_areas = sorted(
        (a for a in areas.values() if a.scheme == new.iri), key=lambda a: natural_key(a.id)
    )
    old_areas = sorted(
        (a for a in areas.values() if a.scheme == old.iri), key=lambda a: natural_key(a.id)
    )
    mappings = [_trace(a, areas, old) for a in new_areas]
    successors: dict[str, list[_Area]] = defaultdict(list)
    for m in mappings:
        for anc in m.ancestors:
            successors[anc.iri].append(m.area)

    entries: list[dict[str, Any]] = []
    for m in mappings:
        if not m.ancestors:
            kind = "new"
        elif len(m.ancestors) > 1:
            kind = "merged"
        elif len(successors[m.ancestors[0].iri]) > 1:
            kind = "split"
        elif m.all_unchanged:
            kind = "unchanged"
        else:
            kind = "renamed"
        area_notes = [n for a in m.path for n in a.notes]
        entries.append(
            {
                "kind": kind,
                "recorded_kind": m.area.recorded,
                "new": {"id": m.area.id, "label": m.area.label},
                "old": [{"id": a.id, "label": a.label} for a in m.ancestors],
                "basis": _basis(area_notes + list_notes),
                "notes": area_notes,
            }
        )
    for a in old_areas:
        if not successors.get(a.iri):
            entries.append(
                {
                    "kind": "dropped",
                    "recorded_kind": "",
                    "new": None,
                    "old": [{"id": a.id, "label": a.label}],
                    "basis": _basis(list_notes),
                    "notes": [],
                }
            )
    return _report(old, new, len(old_areas), len(new_areas), entries, list_notes)


def _name(item: dict[str, str]) -> str:
    return f"{item['label']} ({item['id']})"


def _row(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": e["kind"],
        "old": [_name(x) for x in e["old"]],
        "new": _name(e["new"]) if e["new"] else None,
        "basis": e["basis"],
        "note": " ".join(e["notes"]),
    }


def _report(
    old: _List,
    new: _List,
    n_old: int,
    n_new: int,
    entries: list[dict[str, Any]],
    list_notes: list[str],
) -> DiffReport:
    counts = dict.fromkeys(THEME_KINDS, 0)
    for e in entries:
        counts[e["kind"]] += 1
    merged_from = sum(len(e["old"]) for e in entries if e["kind"] == "merged")
    parts = [f"{counts['unchanged']} unchanged", f"{counts['renamed']} renamed"]
    parts.append(
        f"{counts['merged']} merged" + (f" (from {merged_from} areas)" if merged_from else "")
    )
    parts += [f"{counts[k]} {k}" for k in ("split", "new", "dropped")]
    summary = [f"Thematic areas: {n_old} in {old.year}, {n_new} in {new.year}: {', '.join(parts)}"]
    inferred = sum(e["basis"] == "inferred" for e in entries)
    if inferred == len(entries) and entries:
        summary.append(
            "Every mapping is inferred: the documents state none; the data reads them from the "
            "areas' names (see the notes)."
        )
    elif inferred:
        summary.append(f"{inferred} of {len(entries)} mappings are inferred (see the notes).")
    note_inferred = " Inferred: the documents state no mapping." if inferred else ""
    o, n = old.year, new.year
    groups = [
        (
            "Renamed, merged and split areas",
            ("renamed", "merged", "split"),
            f"Areas of the {n} list that continue {o} areas under another name or shape.",
        ),
        ("New areas", ("new",), f"Areas of the {n} list that continue no area of the {o} list."),
        (
            "Dropped areas",
            ("dropped",),
            f"Areas of the {o} list that no area of the {n} list continues.",
        ),
        (
            "Unchanged areas",
            ("unchanged",),
            f"Areas of the {n} list that continue an area of the {o} list under its name.",
        ),
    ]
    sections = [
        Section(
            title,
            _COLUMNS,
            [_row(e) for e in entries if e["kind"] in kinds],
            note=note + note_inferred,
        )
        for title, kinds, note in groups
    ]
    data = {
        "old": {"id": old.id, "year": old.year, "label": old.label, "areas": n_old},
        "new": {"id": new.id, "year": new.year, "label": new.label, "areas": n_new},
        "counts": counts,
        "list_notes": list_notes,
        "areas": entries,
    }
    return DiffReport(
        "thematic-areas",
        f"Thematic areas: {old.year} → {new.year}",
        summary,
        sections,
        data,
    )
