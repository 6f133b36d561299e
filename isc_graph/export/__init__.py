"""Export the graph, or a selection of it, for Gephi, Cytoscape, yEd, Graphviz or a browser.

>>> from isc_graph.export import export                       # doctest: +SKIP
>>> data = export(store, "graphml", focus="BDT", depth=1)      # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from ..queries import run_query
from .explorer import render_explorer
from .formats import GRAPH_FORMATS, PICTURE_FORMATS, RDF_FORMATS, write_graph, write_rdf
from .graph import clean, to_networkx
from .select import select

__all__ = ["FORMATS", "clean", "export", "select", "to_networkx"]

FORMATS = (*GRAPH_FORMATS, "html", *RDF_FORMATS, *PICTURE_FORMATS)
BINARY = {"graphml", "gexf", "png"}
PROGRESS_FROM = 5_000  # statements: from this many, say what is being done


def _labels(store: ox.Store) -> dict[str, str]:
    """Labels of the ontology's properties and classes, for edge labels."""
    query = "SELECT ?x ?l WHERE { ?x rdfs:label ?l FILTER (LANG(?l) IN ('en', '')) }"
    return {s["x"].value: s["l"].value for s in run_query(store, query)}


def export(
    store: ox.Store,
    fmt: str,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: list[str] | None = None,
    query: Path | str | None = None,
    log: Callable[[str], None] | None = None,
) -> str | bytes:
    """The selection (see :func:`select`) in ``fmt``, one of ``FORMATS``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    say = log or (lambda _m: None)
    quads = select(store, focus=focus, depth=depth, types=types, query=query)
    big = len(quads) >= PROGRESS_FROM
    if big:
        say(f"Selected {len(quads):,} statements")
    if fmt in RDF_FORMATS:
        return write_rdf(quads, fmt)
    graph = to_networkx(quads, _labels(store))
    if big:
        say(
            f"Built a graph of {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges"
        )
    if fmt == "html":
        if big:
            say(f"Laying out {graph.number_of_nodes():,} nodes…")
        return render_explorer(graph)
    return write_graph(graph, fmt)
