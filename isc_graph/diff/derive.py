"""The clause alignment as statements of the graph, computed by the build.

Right after the sources are loaded, :func:`derive_alignments` aligns the clauses of each
revision with those of the next revision of the same instrument that has clauses recorded
(:func:`isc_graph.diff.clauses.align`, the same core as ``compare_revisions``), and writes the
result into the named graph ``<https://w3id.org/isc-graph/graph/derived>``, where SPARQL can
ask "which 2014 clauses have no recorded successor in 2018?":

* ``newClause isc:continues oldClause`` for each pair;
* an ``isc:ClauseChange`` per clause: its kind(s) (``change:kept`` … ``change:no-successor``,
  ontology/changes.ttl), the two revisions, the clause(s), the similarities, the word diff
  and the addressees gained or lost;
* ``prov:wasGeneratedBy <https://w3id.org/isc-graph/id/clause-alignment>`` on every change,
  an activity whose comment gives the method and its thresholds: these statements are
  computed, not quoted, and the shapes hold them to that (``iscsh:ClauseChangeShape``) instead
  of asking for a source passage.

The statements are the same for the same data: every node is an IRI made of the clause and
revision ids (``clause-change/Res191-2018-m3-from-Res191-2014``,
``clause-change/Res191-2014-m1-to-Res191-2018``), and no blank node is made.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..errors import DataError, Location
from ..namespaces import GRAPH, ID, ONT
from .clauses import (
    ADDRESSEE_WEIGHT,
    MIN_SIMILARITY,
    ClauseChange,
    RevisionInfo,
    align,
    consecutive_pairs,
    read_clauses,
    read_revisions,
)

__all__ = ["ACTIVITY", "CHANGE", "DERIVED_GRAPH", "change_iri", "derive_alignments"]

DERIVED_GRAPH = GRAPH + "derived"
ACTIVITY = ID + "clause-alignment"
CHANGE = ID + "change/"  # the change kinds of ontology/changes.ttl
CLAUSE_CHANGE = ID + "clause-change/"

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_PROV = "http://www.w3.org/ns/prov#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_LABELS = {
    "kept": "kept",
    "reworded": "reworded",
    "addressees-changed": "addressees changed",
    "added": "added",
    "no-successor": "no recorded successor",
}
ACTIVITY_LABEL = "Clause alignment between consecutive revisions"
ACTIVITY_COMMENT = (
    "Computed by the build (isc_graph/diff/derive.py), not read from a document. For each "
    "resolution or decision, each revision with clauses recorded is compared with the next "
    "one that has clauses recorded (revisions without clauses or without a year are passed "
    "over). Clauses are paired by maximum-weight matching (networkx.max_weight_matching); a "
    "pair's weight is the Jaccard similarity of the content words of the two actions plus "
    f"{ADDRESSEE_WEIGHT:g} times the Jaccard similarity of their addressees, and pairs whose "
    f"actions share less than {MIN_SIMILARITY:g} of their content words are never paired. A "
    "pair is kept (same verb, words and addressees), reworded (other words or verb) and/or "
    "addressees-changed (other actors); a new clause left unpaired is added, an old one has "
    "no recorded successor: the alignment knows only the clauses the sources report, and "
    "says nothing of clauses they leave out."
)


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _p(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(prefix + local)


def change_iri(change: ClauseChange, old: RevisionInfo, new: RevisionInfo) -> str:
    """The IRI of a clause change: by the new clause and the old revision, or, for an old
    clause with no recorded successor, by the old clause and the new revision. Each clause is
    compared once with the revision before and once with the revision after, so the IRI is
    unique; its last segment (the notation) never equals a clause's id.

    >>> from isc_graph.diff.clauses import Clause, RevisionInfo
    >>> old = RevisionInfo("o", "Res191-2014", "", "Res191", "", "2014", 5)
    >>> new = RevisionInfo("n", "Res191-2018", "", "Res191", "", "2018", 6)
    >>> c = Clause("m", "Res191-2014-m1", "", "instructs", "to act", 1, ())
    >>> change_iri(ClauseChange(("no-successor",), c, None), old, new)
    'https://w3id.org/isc-graph/id/clause-change/Res191-2014-m1-to-Res191-2018'
    """
    if change.new is not None:
        return f"{CLAUSE_CHANGE}{change.new.id}-from-{old.id}"
    assert change.old is not None
    return f"{CLAUSE_CHANGE}{change.old.id}-to-{new.id}"


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(f"{value:.3f}", datatype=_p(_XSD, "decimal"))


def _activity(g: ox.NamedNode) -> list[ox.Quad]:
    node = _n(ACTIVITY)
    return [
        ox.Quad(node, _p(_RDF, "type"), _p(_PROV, "Activity"), g),
        ox.Quad(node, _p(_SKOS, "notation"), ox.Literal("clause-alignment"), g),
        ox.Quad(node, _p(_SKOS, "prefLabel"), ox.Literal(ACTIVITY_LABEL, language="en"), g),
        ox.Quad(node, _p(_RDFS, "label"), ox.Literal(ACTIVITY_LABEL, language="en"), g),
        ox.Quad(node, _p(_RDFS, "comment"), ox.Literal(ACTIVITY_COMMENT, language="en"), g),
    ]


def _label(change: ClauseChange, old: RevisionInfo, new: RevisionInfo) -> str:
    kinds = " and ".join(_LABELS[k] for k in change.kinds)
    if change.new is None:
        assert change.old is not None
        return f"{change.old.id}: {kinds} in {new.label}"
    if change.old is None:
        return f"{change.new.id}: {kinds} in {new.label}"
    return f"{change.new.id}: {kinds}, continuing {change.old.id}"


def _quads(
    change: ClauseChange, old: RevisionInfo, new: RevisionInfo, g: ox.NamedNode
) -> list[ox.Quad]:
    iri = change_iri(change, old, new)
    node = _n(iri)
    out = [
        ox.Quad(node, _p(_RDF, "type"), _p(ONT, "ClauseChange"), g),
        ox.Quad(node, _p(_SKOS, "notation"), ox.Literal(iri.rsplit("/", 1)[1]), g),
        ox.Quad(
            node, _p(_SKOS, "prefLabel"), ox.Literal(_label(change, old, new), language="en"), g
        ),
        ox.Quad(node, _p(ONT, "oldRevision"), _n(old.iri), g),
        ox.Quad(node, _p(ONT, "newRevision"), _n(new.iri), g),
        ox.Quad(node, _p(_PROV, "wasGeneratedBy"), _n(ACTIVITY), g),
    ]
    out += [ox.Quad(node, _p(ONT, "changeKind"), _n(CHANGE + k), g) for k in change.kinds]
    if change.old is not None:
        out.append(ox.Quad(node, _p(ONT, "oldClause"), _n(change.old.iri), g))
    if change.new is not None:
        out.append(ox.Quad(node, _p(ONT, "newClause"), _n(change.new.iri), g))
    if change.old is None or change.new is None:
        return out
    out.append(ox.Quad(_n(change.new.iri), _p(ONT, "continues"), _n(change.old.iri), g))
    if change.similarity is not None:
        out.append(ox.Quad(node, _p(ONT, "similarity"), _decimal(change.similarity), g))
    if change.addressee_similarity is not None:
        out.append(
            ox.Quad(node, _p(ONT, "addresseeSimilarity"), _decimal(change.addressee_similarity), g)
        )
    if change.diff:
        out.append(ox.Quad(node, _p(ONT, "wordDiff"), ox.Literal(change.diff), g))
    iris = {
        **dict(zip(change.old.addressees, change.old.addressee_iris, strict=False)),
        **dict(zip(change.new.addressees, change.new.addressee_iris, strict=False)),
    }
    out += [
        ox.Quad(node, _p(ONT, "addresseeAdded"), _n(iris[a]), g)
        for a in change.addressees_added
        if a in iris
    ]
    out += [
        ox.Quad(node, _p(ONT, "addresseeRemoved"), _n(iris[a]), g)
        for a in change.addressees_removed
        if a in iris
    ]
    return out


def derive_alignments(store: ox.Store) -> int:
    """Compute the clause alignment of every pair of consecutive revisions in ``store`` and
    insert it into the named graph ``graph/derived``; returns the number of statements
    inserted (none, and no graph, when no instrument has clauses in two revisions).

    Raises :class:`~isc_graph.errors.DataError` when that graph already holds statements: a
    source file ``data/derived.ttl`` would be loaded there, and its facts mixed with these.
    """
    g = _n(DERIVED_GRAPH)
    if next(iter(store.quads_for_pattern(None, None, None, g)), None) is not None:
        raise DataError(
            Location("data/derived.ttl"),
            f"the named graph <{DERIVED_GRAPH}> holds the statements the build computes (the "
            "clause alignment between revisions): rename the source file",
        )
    revisions = read_revisions(store)
    pairs = consecutive_pairs(revisions)
    clauses = read_clauses(store, [r.iri for p in pairs for r in p], evidence=False)
    quads: list[ox.Quad] = []
    for old, new in pairs:
        for change in align(clauses.get(old.iri, []), clauses.get(new.iri, [])):
            quads += _quads(change, old, new, g)
    if not quads:
        return 0
    quads += _activity(g)
    store.extend(quads)
    return len(set(quads))
