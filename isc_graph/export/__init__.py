"""Export the graph, or a selection of it, for Gephi, Cytoscape, yEd, Graphviz or a browser.

>>> from isc_graph.export import export                       # doctest: +SKIP
>>> data = export(store, "graphml", focus="BDT", depth=1)      # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from ..lang import label_pattern
from ..progress import steps
from ..queries import run_query
from .explorer import render_explorer
from .formats import GRAPH_FORMATS, PICTURE_FORMATS, RDF_FORMATS, write_graph, write_rdf
from .graph import clean, to_networkx
from .select import EmptySelection, select

__all__ = ["FORMATS", "EmptySelection", "clean", "export", "select", "to_networkx"]

FORMATS = (*GRAPH_FORMATS, "html", *RDF_FORMATS, *PICTURE_FORMATS)
BINARY = {"graphml", "gexf", "png"}
PROGRESS_FROM = 5_000  # statements: from this many, say what is being done


def _labels(store: ox.Store, lang: str | None = None) -> dict[str, str]:
    """Labels of the ontology's properties and classes, for edge labels, in ``lang`` where the
    ontology has it (else English, else untagged)."""
    query = (
        "SELECT DISTINCT ?x ?l WHERE { ?x rdfs:label ?any "
        + label_pattern("?x", "l", "rdfs:label")
        + " }"
    )
    # run_query binds ?lang itself: bound here as well, to another language than the
    # default, the two bindings would join to nothing and every label be lost.
    rows = run_query(store, query, lang=lang)
    return {s["x"].value: s["l"].value for s in rows if s["l"] is not None}


def export(
    store: ox.Store,
    fmt: str,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: list[str] | None = None,
    query: Path | str | None = None,
    lang: str | None = None,
    log: Callable[[str], None] | None = None,
) -> str | bytes:
    """The selection (see :func:`select`) in ``fmt``, one of ``FORMATS``; labels in ``lang``
    (default: ``$ISC_GRAPH_LANG``, else English), falling back to English.

    Raises :class:`EmptySelection` (exit code 1 on the command line) when the selection
    holds no entity, naming the ids or classes there are."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    say = log or (lambda _m: None)
    # A bar of the coarse steps on a terminal (isc_graph.progress): a large export takes a while.
    with steps("Exporting", 2 if fmt in RDF_FORMATS else 3) as step:
        step("selecting")
        quads = select(store, focus=focus, depth=depth, types=types, query=query)
        big = len(quads) >= PROGRESS_FROM
        if big:
            say(f"Selected {len(quads):,} statements")
        if fmt in RDF_FORMATS:
            step(f"writing {fmt}")
            return write_rdf(quads, fmt)
        step("building the graph")
        graph = to_networkx(quads, _labels(store, lang), lang)
        if big:
            say(
                f"Built a graph of {graph.number_of_nodes():,} nodes, "
                f"{graph.number_of_edges():,} edges"
            )
        step("laying out" if fmt == "html" else f"writing {fmt}")
        if fmt == "html":
            if big:
                say(f"Laying out {graph.number_of_nodes():,} nodes…")
            return render_explorer(graph)
        return write_graph(graph, fmt)
