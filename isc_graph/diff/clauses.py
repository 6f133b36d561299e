"""The clauses of a revision, and which clause of the next revision continues which.

One alignment core serves both the comparison users ask for (:mod:`isc_graph.diff.revisions`)
and the statements the build derives into the graph (:mod:`isc_graph.diff.derive`), so the
two can never disagree.

How clauses are aligned
-----------------------
* **Text similarity** is the Jaccard similarity of the two actions' content words
  (:func:`isc_graph.overlap.mandates.normalise_tokens`: lower case, stop words and the
  connective "continue" left out, plurals folded). It is the measure the overlap analysis
  uses for near-duplicate mandates, so a similarity means the same thing in both reports. A
  set measure rather than :mod:`difflib`'s sequence ratio, because a revision often moves a
  phrase ("… in areas of mutual interest" to the front) without changing what is asked, and
  because the ratio counts the articles and prepositions that every clause shares.
* **Addressees** are the second signal: the weight of a candidate pair is its text similarity
  plus :data:`ADDRESSEE_WEIGHT` times the Jaccard similarity of the two addressee sets. They
  only choose among pairs whose actions are alike already: two clauses are never paired
  because they ask the same actors, since a resolution asks the same actors many things.
* **Minimum similarity**: a pair whose actions share less than :data:`MIN_SIMILARITY` of their
  content words is not a candidate. At 0.5 at least half the words of the two actions are the
  same; Resolution 191's 2018 items, which doc-000 reports as "new items in its operational
  part", share at most 0.37 with any 2014 clause (the 2014 support to the advisory groups and
  the 2018 invitation to Member States to support coordination), and the pair that the data
  records as one action given twice (Res191-2018-m3 and m5) shares all of them.
* **Maximum-weight matching** (:func:`networkx.max_weight_matching`) pairs each clause with at
  most one clause of the other revision, maximising the total weight: a clause that two new
  clauses resemble goes to the closer one, and the other counts as added.

Each pair is then classified: *kept* (same verb, same words, case and punctuation aside, and
same addressees), *reworded* (other words or another verb), *addressees changed* (other
actors); a clause both reworded and addressed to other actors has both kinds, and counts as
reworded in the totals. Clauses left over are *added* (new revision only) or have *no
recorded successor* (old revision only): the comparison knows only the clauses the sources
report, and a source may report part of a revision, so it never says a clause was repealed.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from ..lang import label_pattern
from ..limits import MAX_QUERY_CHARS
from ..namespaces import short_id
from ..overlap.mandates import normalise_tokens
from ..overlap.model import Evidence
from ..queries import natural_key, run_query

__all__ = [
    "ADDRESSEE_WEIGHT",
    "KINDS",
    "MIN_SIMILARITY",
    "Clause",
    "ClauseChange",
    "RevisionInfo",
    "action_similarity",
    "addressee_similarity",
    "align",
    "consecutive_pairs",
    "read_clauses",
    "read_revisions",
    "word_diff",
]

MIN_SIMILARITY = 0.5
ADDRESSEE_WEIGHT = 0.25
# The change kinds, in the order the reports list them (notations of ontology/changes.ttl).
KINDS = ("kept", "reworded", "addressees-changed", "added", "no-successor")
_EPS = 1e-9
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class RevisionInfo:
    """A revision of an instrument: ids, labels, year, and how many clauses it has."""

    iri: str
    id: str
    label: str
    instrument: str  # short id of the resolution or decision (Res191)
    instrument_label: str
    year: str  # "" when the graph gives none
    clauses: int

    @property
    def year_key(self) -> tuple[int, list]:
        return (int(self.year) if self.year.lstrip("-").isdigit() else 0, natural_key(self.id))


@dataclass(frozen=True)
class Clause:
    """One clause (isc:Mandate) of a revision, with what the comparison needs."""

    iri: str
    id: str
    label: str
    verb: str
    action: str
    order: int | None
    addressees: tuple[str, ...]  # short ids, sorted
    addressee_labels: tuple[str, ...] = ()  # in the order of ``addressees``
    addressee_iris: tuple[str, ...] = ()  # in the order of ``addressees``
    evidence: tuple[Evidence, ...] = ()

    @property
    def key(self) -> tuple:
        return (self.order if self.order is not None else 10**9, natural_key(self.id))

    @property
    def wording(self) -> list[str]:
        """Verb and action as words, for the diff."""
        return ([self.verb] if self.verb else []) + self.action.split()


@dataclass
class ClauseChange:
    """What became of one clause: ``kinds`` (the first is the kind it counts as), the
    clause on each side (None where there is none), the similarities and the wording change."""

    kinds: tuple[str, ...]
    old: Clause | None
    new: Clause | None
    similarity: float | None = None
    addressee_similarity: float | None = None
    diff: str = ""
    addressees_added: tuple[str, ...] = ()
    addressees_removed: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return self.kinds[0]


def action_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content words of two actions (0.0 when either has none).

    >>> action_similarity("to identify overlapping Activities", "to identify overlapping activity")
    1.0
    """
    x, y = normalise_tokens(a), normalise_tokens(b)
    if not x or not y:
        return 0.0
    inter = len(x & y)
    return inter / (len(x) + len(y) - inter)


def addressee_similarity(a: Iterable[str], b: Iterable[str]) -> float:
    """Jaccard similarity of two addressee sets; two clauses that name nobody are alike (1.0).

    >>> addressee_similarity(["SG"], ["SG", "Dir-BR"])
    0.5
    """
    x, y = set(a), set(b)
    if not x and not y:
        return 1.0
    return len(x & y) / len(x | y)


def _words(text: Iterable[str]) -> list[str]:
    return [w.casefold() for t in text for w in _WORD.findall(t)]


def word_diff(old: Sequence[str], new: Sequence[str]) -> str:
    """The new wording with removed words as ``[-…-]`` and added ones as ``{+…+}``.

    Words are matched case-insensitively, without their punctuation; unchanged words are
    shown as the new text has them.

    >>> word_diff("to ensure the design".split(), "to continue ensure the design".split())
    'to {+continue+} ensure the design'
    >>> word_diff(["instructs", "to", "act"], ["invites", "to", "act"])
    '[-instructs-] {+invites+} to act'
    """
    a = [" ".join(_words([w])) for w in old]
    b = [" ".join(_words([w])) for w in new]
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += new[j1:j2]
            continue
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(old[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(new[j1:j2]) + "+}")
    return " ".join(out)


def _classify(old: Clause, new: Clause) -> ClauseChange:
    kinds = []
    if _words(old.wording) != _words(new.wording):
        kinds.append("reworded")
    added = tuple(a for a in new.addressees if a not in old.addressees)
    removed = tuple(a for a in old.addressees if a not in new.addressees)
    if added or removed:
        kinds.append("addressees-changed")
    return ClauseChange(
        tuple(kinds) or ("kept",),
        old,
        new,
        similarity=round(action_similarity(old.action, new.action), 3),
        addressee_similarity=round(addressee_similarity(old.addressees, new.addressees), 3),
        diff=word_diff(old.wording, new.wording) if "reworded" in kinds else "",
        addressees_added=added,
        addressees_removed=removed,
    )


def align(
    old: Sequence[Clause], new: Sequence[Clause], *, min_similarity: float = MIN_SIMILARITY
) -> list[ClauseChange]:
    """Which clause of ``new`` continues which of ``old``, and how; then the added clauses and
    those with no recorded successor.

    The result lists the clauses of ``new`` in clause order (each continued or added), then
    the clauses of ``old`` that nothing continues, in clause order. It depends only on the
    clauses, not on the order they are given in.
    """
    old = sorted(old, key=lambda c: c.key)
    new = sorted(new, key=lambda c: c.key)
    g = nx.Graph()
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            text = action_similarity(o.action, n.action)
            if text + _EPS < min_similarity:
                continue
            people = addressee_similarity(o.addressees, n.addressees)
            # Rounded, so that the matching does not hinge on the last bits of a float.
            g.add_edge(("old", i), ("new", j), weight=round(text + ADDRESSEE_WEIGHT * people, 9))
    partner: dict[int, int] = {}  # new clause index -> old clause index
    for a, b in nx.max_weight_matching(g):
        o, n = (a, b) if a[0] == "old" else (b, a)
        partner[n[1]] = o[1]
    changes = []
    for j, n in enumerate(new):
        if j in partner:
            changes.append(_classify(old[partner[j]], n))
        else:
            changes.append(ClauseChange(("added",), None, n))
    matched_old = set(partner.values())
    changes += [
        ClauseChange(("no-successor",), o, None) for i, o in enumerate(old) if i not in matched_old
    ]
    return changes


# --- Reading the graph -------------------------------------------------------------------


def _text(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def read_revisions(store: ox.Store, lang: str | None = None) -> list[RevisionInfo]:
    """Every revision of a resolution or decision, with the number of clauses the graph
    records for it; sorted by instrument, then year."""
    query = f"""
SELECT ?rev ?revision ?instrument ?year ?label ?instrument_label ?clauses WHERE {{
  ?rev a isc:Revision ; skos:notation ?revision ; isc:revisionOf ?work .
  ?work skos:notation ?instrument .
  {label_pattern("?rev", "label")}
  {label_pattern("?work", "instrument_label")}
  OPTIONAL {{ ?rev isc:year ?y }}
  BIND (COALESCE(STR(?y), "") AS ?year)
  OPTIONAL {{
    SELECT ?rev (COUNT(DISTINCT ?m) AS ?clauses) WHERE {{ ?m isc:revision ?rev }} GROUP BY ?rev
  }}
}}"""
    seen: dict[str, RevisionInfo] = {}
    for row in run_query(store, query, name="revisions", lang=lang):  # type: ignore[union-attr]
        iri = row["rev"].value
        if iri in seen:  # a second year or label would be a shape violation; keep the first
            continue
        seen[iri] = RevisionInfo(
            iri,
            row["revision"].value,
            _text(row["label"]) or row["revision"].value,
            row["instrument"].value,
            _text(row["instrument_label"]) or row["instrument"].value,
            _text(row["year"]),
            int(_text(row["clauses"]) or 0),
        )
    return sorted(seen.values(), key=lambda r: (natural_key(r.instrument), r.year_key))


def consecutive_pairs(revisions: Iterable[RevisionInfo]) -> list[tuple[RevisionInfo, RevisionInfo]]:
    """Each revision with clauses and the next one of the same instrument that has clauses.

    A revision without clauses recorded is passed over (the sources do not report its text,
    which says nothing about how it changed), and so is one without a year (it cannot be
    placed in the sequence).
    """
    by_instrument: dict[str, list[RevisionInfo]] = defaultdict(list)
    for r in revisions:
        if r.clauses and r.year:
            by_instrument[r.instrument].append(r)
    pairs = []
    for instrument in sorted(by_instrument, key=natural_key):
        ordered = sorted(by_instrument[instrument], key=lambda r: r.year_key)
        pairs += list(itertools.pairwise(ordered))
    return pairs


def read_clauses(
    store: ox.Store,
    revisions: Iterable[str] | None = None,
    *,
    lang: str | None = None,
    evidence: bool = True,
) -> dict[str, list[Clause]]:
    """The clauses of each revision (by revision IRI), in clause order: all revisions, or
    those in ``revisions`` (IRIs). ``evidence``: read each clause's passages too."""
    values = ""
    wanted: set[str] | None = None
    if revisions is not None:
        iris = sorted(set(revisions))
        if not iris:
            return {}
        values = "VALUES ?rev { " + " ".join(f"<{i}>" for i in iris) + " }"
        if len(values) > MAX_QUERY_CHARS // 2:
            # Too many revisions to name in a query (a corpus of thousands): read every
            # clause and keep those of the revisions asked for.
            values, wanted = "", set(iris)
    query = f"""
SELECT ?m ?rev ?id ?verb ?action ?order ?label WHERE {{
  {values}
  ?m isc:revision ?rev ; skos:notation ?id ; isc:action ?action .
  OPTIONAL {{ ?m isc:verb ?verb }}
  OPTIONAL {{ ?m isc:clauseOrder ?order }}
  {label_pattern("?m", "label")}
}}"""
    people = f"""
SELECT ?m ?a ?addressee ?addressee_label WHERE {{
  {values}
  ?m isc:revision ?rev ; isc:addressee ?a .
  OPTIONAL {{ ?a skos:notation ?n }}
  BIND (COALESCE(?n, STR(?a)) AS ?addressee)
  {label_pattern("?a", "addressee_label")}
}}"""
    names: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for row in run_query(store, people, name="clause addressees", lang=lang):  # type: ignore[union-attr]
        ident = short_id(row["addressee"].value)
        names[row["m"].value][ident] = (_text(row["addressee_label"]), row["a"].value)
    rows: dict[str, dict] = {}
    for row in run_query(store, query, name="clauses", lang=lang):  # type: ignore[union-attr]
        iri = row["m"].value
        if iri in rows or (wanted is not None and row["rev"].value not in wanted):
            continue
        rows[iri] = {
            "rev": row["rev"].value,
            "id": row["id"].value,
            "label": _text(row["label"]),
            "verb": _text(row["verb"]),
            "action": " ".join(row["action"].value.split()),
            "order": int(row["order"].value) if row["order"] is not None else None,
        }
    passages: dict[str, list[Evidence]] = {}
    if evidence and rows:
        from ..overlap.read import evidence_of

        passages = evidence_of(store, rows)
    found: dict[str, list[Clause]] = defaultdict(list)
    for iri, r in rows.items():
        people_of = names.get(iri, {})
        ids = tuple(sorted(people_of, key=natural_key))
        found[r["rev"]].append(
            Clause(
                iri,
                r["id"],
                r["label"],
                r["verb"],
                r["action"],
                r["order"],
                ids,
                tuple(people_of[i][0] or i for i in ids),
                tuple(people_of[i][1] for i in ids),
                tuple(passages.get(iri, ())),
            )
        )
    return {rev: sorted(cs, key=lambda c: c.key) for rev, cs in found.items()}
