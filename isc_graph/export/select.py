"""Which part of the graph to export: all of it, a neighbourhood, some classes, or a query.

A selection is a list of quads (each in the named graph of the file it comes from, so TriG
keeps its origin). Blank nodes hanging from a selected entity (engagements, memberships,
derivations with their quoted passages) travel with it, so provenance is never cut off.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..errors import EXIT_VIOLATIONS, IscGraphError, QueryError
from ..namespaces import PREFIXES, graph_iri, short_id
from ..queries import run_query

__all__ = ["EmptySelection", "select"]


class EmptySelection(IscGraphError):
    """The selection holds no entity: an unknown id or class, or a query that finds nothing.
    The message names what exists."""

    exit_code = EXIT_VIOLATIONS


RDF_TYPE = PREFIXES["rdf"] + "type"
# Links that say where a fact comes from, not how entities relate.
PROVENANCE = {PREFIXES["prov"] + "qualifiedDerivation", PREFIXES["prov"] + "entity"}
ONTOLOGY_GRAPH = ox.NamedNode(graph_iri("ontology"))


def _all_data(store: ox.Store) -> list[ox.Quad]:
    """Every statement but the ontology's, each in its named graph (a query, so that a remote
    endpoint answers it too)."""
    rows = run_query(
        store,
        f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != {ONTOLOGY_GRAPH}) }}",
    )
    return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]


def _closure(quads: Iterable[ox.Quad], roots: set) -> list[ox.Quad]:
    """The quads about ``roots``, about the blank nodes that point at them (engagements,
    memberships), and about the blank nodes reachable from those (derivations)."""
    by_subject: dict[object, list[ox.Quad]] = defaultdict(list)
    pointing: set[ox.BlankNode] = set()
    for q in quads:
        by_subject[q.subject].append(q)
        if (
            isinstance(q.subject, ox.BlankNode)
            and q.object in roots
            and q.predicate.value not in PROVENANCE
        ):
            pointing.add(q.subject)
    keep: list[ox.Quad] = []
    todo = [*roots, *pointing]
    seen = set(todo)
    while todo:
        node = todo.pop()
        for q in by_subject.get(node, []):
            keep.append(q)
            if isinstance(q.object, ox.BlankNode) and q.object not in seen:
                seen.add(q.object)
                todo.append(q.object)
    return keep


def _neighbours(quads: list[ox.Quad]) -> dict[ox.NamedNode, set[ox.NamedNode]]:
    """Entity adjacency, a qualified blank node joining the entities it links."""
    links: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
    blank_links: dict[ox.BlankNode, set[ox.NamedNode]] = defaultdict(set)
    for q in quads:
        s, o = q.subject, q.object
        if q.predicate.value == RDF_TYPE or q.predicate.value in PROVENANCE:
            continue
        if isinstance(o, ox.Literal):
            continue
        if isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode):
            links[s].add(o)
            links[o].add(s)
        elif isinstance(s, ox.BlankNode) and isinstance(o, ox.NamedNode):
            blank_links[s].add(o)
        elif isinstance(s, ox.NamedNode) and isinstance(o, ox.BlankNode):
            blank_links[o].add(s)
    for members in blank_links.values():
        for a in members:
            links[a] |= members - {a}
    return links


def _resolve(store: ox.Store, ident: str) -> ox.NamedNode:
    """The entity an id or name stands for (see :func:`isc_graph.lookup.resolve`); an unknown
    one makes the selection empty, and the error suggests the closest ids and names."""
    from ..lookup import resolve

    try:
        return ox.NamedNode(resolve(store, ident))
    except QueryError as exc:
        if str(exc).startswith("no entity"):
            raise EmptySelection(str(exc)) from None
        raise


def _type_names(store: ox.Store) -> list[str]:
    """The classes of the entities in the data, as a user would type them (Bureau, sdgo:Goal)."""
    rows = run_query(
        store,
        "SELECT DISTINCT ?t WHERE { GRAPH ?g { ?s a ?t } "
        f"FILTER (?g != {ONTOLOGY_GRAPH} && isIRI(?s)) }}",
    )
    return sorted({short_id(r["t"].value).removeprefix("isc:") for r in rows}, key=str.casefold)


def _check_types(store: ox.Store, types: list[str], present: set[str]) -> None:
    """An error naming the classes there are, if one of ``types`` has no entity in the data."""
    missing = [t for t in types if _type_iri(t) not in present]
    if not missing:
        return
    known = _type_names(store)
    in_data = {_type_iri(k) for k in known}
    unknown = [t for t in missing if _type_iri(t) not in in_data]
    if unknown:
        # The closest names first, so that the likely meaning is read before the list.
        close = difflib.get_close_matches(unknown[0], known, n=3, cutoff=0.6)
        ordered = [*close, *(k for k in known if k not in close)]
        raise EmptySelection(
            f"no entity of type {', '.join(unknown)}; types in the graph: {', '.join(ordered)}"
        )


def _type_iri(name: str) -> str:
    name = name.strip()
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    if name.startswith(("http://", "https://")):
        return name
    return PREFIXES["isc"] + name


def select(
    store: ox.Store,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: list[str] | None = None,
    query: Path | str | None = None,
) -> list[ox.Quad]:
    """The quads of a selection; the options combine (each narrows the previous).

    ``query`` is a CONSTRUCT query (text or a file) whose result is the starting graph;
    ``focus`` keeps the entities within ``depth`` links of an entity (a short id);
    ``types`` keeps the entities of those classes (``Bureau``, ``isc:Outcome``, ``sdgo:Goal``).
    """
    if query is not None:
        text = Path(query).read_text(encoding="utf-8") if isinstance(query, Path) else query
        result = run_query(store, text, name=str(query))
        if not isinstance(result, ox.QueryTriples):
            raise QueryError(f"{query}: --query takes a CONSTRUCT (or DESCRIBE) query")
        quads = [ox.Quad(t.subject, t.predicate, t.object) for t in result]
    else:
        quads = _all_data(store)
    if focus is not None:
        if depth < 0:
            raise QueryError(f"--depth must be 0 or more, not {depth}")
        start = _resolve(store, focus)
        links = _neighbours(quads)
        reached, frontier = {start}, {start}
        for _ in range(depth):
            frontier = {n for f in frontier for n in links.get(f, set())} - reached
            reached |= frontier
        quads = _keep_entities(quads, reached)
    if types:
        wanted = {_type_iri(t) for t in types}
        _check_types(store, types, {q.object.value for q in quads if q.predicate.value == RDF_TYPE})
        entities = {
            q.subject for q in quads if q.predicate.value == RDF_TYPE and q.object.value in wanted
        }
        quads = _keep_entities(quads, entities)
    if not any(
        isinstance(q.subject, ox.NamedNode) and q.predicate.value == RDF_TYPE for q in quads
    ):
        where = [f"of type {', '.join(types)}"] if types else []
        where += [f"within {depth} links of {focus}"] if focus is not None else []
        where += [f"in the result of {query}"] if query is not None else []
        raise EmptySelection(" ".join(["the selection holds no entity", *where]))
    return quads


def _keep_entities(quads: list[ox.Quad], entities: set) -> list[ox.Quad]:
    """The entities' own quads and their blank nodes, without links to entities left out
    (a blank node linking to one is dropped with its passages, and so is every blank node
    reachable only through it)."""
    kept = _closure(quads, entities)
    dropped_blanks = {
        q.subject
        for q in kept
        if isinstance(q.subject, ox.BlankNode)
        and isinstance(q.object, ox.NamedNode)
        and q.predicate.value != RDF_TYPE
        and q.predicate.value not in PROVENANCE
        and q.object not in entities
        and _is_entity(q.object)
    }
    result = []
    for q in kept:
        if q.subject in dropped_blanks or q.object in dropped_blanks:
            continue
        if (
            isinstance(q.subject, ox.NamedNode)
            and isinstance(q.object, ox.NamedNode)
            and (
                q.predicate.value not in (RDF_TYPE, *PROVENANCE)
                and _is_entity(q.object)
                and q.object not in entities
            )
        ):
            continue
        result.append(q)
    # The passages of a dropped blank node hang from nothing once it is gone: only what is
    # still reachable from the entities is kept (a depth-0 selection of BDT had 364 orphan
    # statements of derivations of engagements that link outside it).
    return _closure(result, entities)


def _is_entity(node: ox.NamedNode) -> bool:
    """Things that are nodes of their own (not classes, roles or mapping kinds)."""
    v = node.value
    if v.startswith(PREFIXES[""]):
        return not v.startswith((PREFIXES["role"], PREFIXES["mapping"]))
    return v.startswith(PREFIXES["sdg"]) and not v.startswith(PREFIXES["sdgo"])
