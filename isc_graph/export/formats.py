"""Writers: one function per format, each returning the file's content (text or bytes).

networkx writes GraphML, GEXF, Cytoscape JSON and node-link JSON; pydot writes DOT and
Graphviz's ``dot`` draws SVG and PNG; pyoxigraph serialises the RDF formats.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import textwrap

import networkx as nx
import pyoxigraph as ox

from ..errors import IscGraphError
from ..namespaces import PREFIXES
from .families import colour_of
from .graph import clean, short_label

__all__ = ["GRAPH_FORMATS", "PICTURE_FORMATS", "RDF_FORMATS", "to_dot", "write_graph", "write_rdf"]

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
GRAPH_FORMATS = ("graphml", "gexf", "cyjs", "nodelink", "dot")
PICTURE_FORMATS = ("svg", "png")


def write_rdf(quads: list[ox.Quad], fmt: str) -> bytes:
    """The quads in an RDF format; formats without graphs get the triples."""
    rdf_format = RDF_FORMATS[fmt]
    prefixes = dict(PREFIXES)
    items: list = quads
    if fmt != "trig":
        items = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    kwargs = {"prefixes": prefixes} if fmt in ("ttl", "trig") else {}
    return ox.serialize(items, format=rdf_format, **kwargs)


def _dot_id(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


# Largest drawing, in inches (2,000 points): Graphviz scales a larger layout down to it.
MAX_INCHES = 2000 / 72
# Up to this many nodes, a ranked drawing (dot) with edge labels reads best; beyond it, ranks
# grow thousands of points long, and a force layout (sfdp) packs the nodes in a square.
RANKED_UP_TO = 40
WRAP = 24  # characters per line of a node's name


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _bare(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _node_label(ident: str, data: dict) -> str:
    """The id on the first line, the short name wrapped below it (each line at most 40
    characters)."""
    lines = [short_label(ident)]
    name = data.get("short_label", "")
    if name and _bare(name) != _bare(ident):  # not "C18/38" under "C18-38"
        lines += textwrap.wrap(name, WRAP, break_long_words=False) or [name]
    return "\n".join(short_label(line) for line in lines)


def to_dot(graph: nx.MultiDiGraph) -> str:
    """Graphviz DOT through pydot, every name and value quoted (ids hold ':' and '/').

    Nodes show their id and a short name, filled with the colour of their class (see
    :mod:`.families`); the full label is the tooltip (an SVG ``<title>``) and the ``title``
    attribute. The layout suits the size: ranked left to right with edge labels for a small
    selection, a force layout without edge labels (they become tooltips) for a larger one,
    and never more than 2,000 points a side.
    """
    import pydot

    ranked = graph.number_of_nodes() <= RANKED_UP_TO
    dot = pydot.Dot("isc_graph", graph_type="digraph", strict=False)
    common = {"fontname": "Helvetica", "size": _dot_id(f"{MAX_INCHES:.2f},{MAX_INCHES:.2f}")}
    if ranked:
        dot.set_graph_defaults(
            layout="dot", rankdir="LR", ranksep="0.6", nodesep="0.15", concentrate="false", **common
        )
    else:
        dot.set_graph_defaults(
            layout="sfdp",
            overlap="prism",
            overlap_scaling="-4",
            sep='"+3"',
            K="0.5",
            repulsiveforce="1.5",
            splines="false",
            outputorder="edgesfirst",
            **common,
        )
    dot.set_node_defaults(
        shape="box",
        style='"rounded,filled"',
        fontname="Helvetica",
        fontsize="10",
        margin='"0.08,0.03"',
    )
    dot.set_edge_defaults(
        fontname="Helvetica", fontsize="8", color='"#77777799"', arrowsize="0.6", penwidth="0.8"
    )
    flat = clean(graph)
    for n, data in flat.nodes(data=True):
        attrs = {k: _dot_id(v) for k, v in data.items() if k in ("type", "iri", "family")}
        full = str(data.get("label", n))
        colour = colour_of(str(data.get("type", "")))
        attrs.update(
            label=_dot_id(_node_label(str(n), data)),
            title=_dot_id(full),
            tooltip=_dot_id(f"{n}: {full}" if full != n else n),
            fillcolor=_dot_id(colour),
            color=_dot_id(colour),
            fontcolor=_dot_id("white" if _luminance(colour) < 0.45 else "black"),
        )
        dot.add_node(pydot.Node(_dot_id(n), **attrs))
    for u, v, data in flat.edges(data=True):
        label = str(data.get("label", ""))
        attrs = {
            "predicate": _dot_id(data.get("predicate", "")),
            "source": _dot_id(data.get("source", "")),
            "tooltip": _dot_id(f"{u} {label} {v}"),
        }
        attrs["label" if ranked else "title"] = _dot_id(label)
        dot.add_edge(pydot.Edge(_dot_id(u), _dot_id(v), **attrs))
    return dot.to_string()


def draw(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """A picture drawn by Graphviz's ``dot`` (which must be installed)."""
    exe = shutil.which("dot")
    if exe is None:
        raise IscGraphError(
            "drawing needs Graphviz's `dot` program: install Graphviz (apt install graphviz, "
            "brew install graphviz), or export --format dot and draw it elsewhere"
        )
    done = subprocess.run(
        [exe, f"-T{fmt}", "-Gdpi=150"] if fmt == "png" else [exe, f"-T{fmt}"],
        input=to_dot(graph).encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise IscGraphError(f"Graphviz failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def write_graph(graph: nx.MultiDiGraph, fmt: str) -> str | bytes:
    """The property graph in one of ``GRAPH_FORMATS`` or ``PICTURE_FORMATS``."""
    if fmt in PICTURE_FORMATS:
        return draw(graph, fmt)
    if fmt == "dot":
        return to_dot(graph)
    flat = clean(graph)
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(flat, buf)
        return buf.getvalue()
    if fmt == "gexf":
        buf = io.BytesIO()
        nx.write_gexf(flat, buf)
        return buf.getvalue()
    if fmt == "cyjs":
        return json.dumps(nx.cytoscape_data(flat), indent=1, ensure_ascii=False) + "\n"
    if fmt == "nodelink":
        data = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, indent=1, ensure_ascii=False, default=list) + "\n"
    raise ValueError(f"unknown format {fmt}")
