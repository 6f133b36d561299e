"""Writers: one function per format, each returning the file's content (text or bytes).

networkx writes GraphML, GEXF, Cytoscape JSON and node-link JSON; pydot writes DOT and
Graphviz's ``dot`` draws SVG and PNG; pyoxigraph serialises the RDF formats.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import networkx as nx
import pyoxigraph as ox

from ..errors import IscGraphError
from ..namespaces import PREFIXES
from .graph import clean

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


def to_dot(graph: nx.MultiDiGraph) -> str:
    """Graphviz DOT through pydot, every name and value quoted (ids hold ':' and '/')."""
    import pydot

    dot = pydot.Dot("isc_graph", graph_type="digraph", strict=False)
    dot.set_graph_defaults(rankdir="LR", fontname="Helvetica", overlap="false")
    dot.set_node_defaults(shape="box", style="rounded", fontname="Helvetica", fontsize="10")
    dot.set_edge_defaults(fontname="Helvetica", fontsize="8", color="#777777")
    flat = clean(graph)
    for n, data in flat.nodes(data=True):
        attrs = {k: _dot_id(v) for k, v in data.items() if k in ("label", "type", "iri")}
        attrs["label"] = _dot_id(f"{n}\n{data.get('label', '')}" if data.get("label") != n else n)
        dot.add_node(pydot.Node(_dot_id(n), **attrs))
    for u, v, data in flat.edges(data=True):
        dot.add_edge(
            pydot.Edge(
                _dot_id(u),
                _dot_id(v),
                label=_dot_id(data.get("label", "")),
                predicate=_dot_id(data.get("predicate", "")),
                source=_dot_id(data.get("source", "")),
            )
        )
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
