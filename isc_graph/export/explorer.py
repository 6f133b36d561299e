"""The explorer: one self-contained HTML page to browse a selection of the graph.

It draws with vis-network, the maintained network-visualization library, taken at export time
from the copy the ``pyvis`` package ships and inlined into the page, so the file opens from
disk with no network. Positions are computed ahead (:mod:`.layout`: a force layout whose cost
grows with the nodes, not their square) and physics is off, so the picture is still. Nodes
have the colour of their class and a legend groups the classes into families (see
:mod:`.families`), each class a filter. Labels grow with a node's links and show once they
are large enough on screen, so the whole graph opens with its hubs named and the rest named
as one zooms in. The view opens fitted to the linked nodes (nodes
without links are set aside below). A search box finds an id, a label or an alternative label;
a side panel shows the clicked node's facts and their quoted sources.

From ``AGGREGATE_FROM`` nodes the page opens on groups, one per family of classes, and a click
on a group opens it into its classes, tiles of nodes near one another, or its nodes; every
node is in the page, so opening needs no network, and a search opens the groups that hold
the node found.
"""

from __future__ import annotations

import json
import math
from importlib import resources

import networkx as nx
import numpy as np

from .families import FAMILIES, OTHER, colour_of, family_of
from .graph import short_label
from .layout import AGGREGATE_FROM, groups, layout

__all__ = ["AGGREGATE_FROM", "render_explorer"]

VIS_JS = "templates/lib/vis-9.1.2/vis-network.min.js"
# The page's HTML, CSS and script, with __VIS__ and __DATA__ to fill in.
PAGE = "explorer.html"
# A node's label: its id, and its name cut to this many characters.
LABEL_CHARS = 30


def _vis_js() -> str:
    return resources.files("pyvis").joinpath(VIS_JS).read_text(encoding="utf-8")


def _legend(types: dict[str, int]) -> list[dict]:
    """The families present, in table order, each with its classes present and their counts."""
    out = []
    for name, colour, classes in (*FAMILIES, (*OTHER, ())):
        members = [c for c in classes if c in types]
        if name == OTHER[0]:
            members = sorted(t for t in types if family_of(t) == OTHER[0])
        if members:
            out.append(
                {
                    "family": name,
                    "colour": colour,
                    "types": [[c, colour_of(c), types[c]] for c in members],
                }
            )
    return out


def _label(ident: str, name: str) -> str:
    """The id over the short name; only the name where the id is a whole IRI."""
    if ident.startswith(("http://", "https://")) and name:
        return name
    return f"{ident}\n{name}" if name and name != ident else ident


def render_explorer(graph: nx.MultiDiGraph, seed: int = 0) -> str:
    """The explorer page for ``graph`` (see :func:`isc_graph.export.graph.to_networkx`); the
    same graph and ``seed`` give the same page.

    Nodes are numbered in the order of their ids; edges are written as the numbers of their
    ends and of their label in a table (a graph of 100,000 nodes has half a million edges,
    which as objects would double the page). The links a node's panel lists are found from
    them in the page. From ``AGGREGATE_FROM`` nodes the page also holds the groups it opens
    on (see :func:`.layout.groups`)."""
    ids = sorted(graph.nodes, key=str)
    index = {node: i for i, node in enumerate(ids)}
    predicates: dict[tuple[str, str], int] = {}
    edges = []
    for u, v, d in graph.edges(data=True):
        key = (str(d.get("label", "")), str(d.get("predicate", "")))
        edges.append([index[u], index[v], predicates.setdefault(key, len(predicates))])
    pos, main = layout([str(n) for n in ids], ((a, b) for a, b, _ in edges), seed)
    types: dict[str, int] = {}
    nodes, details = [], {}
    skip = {"id", "label", "type", "passages", "sources", "short_label", "family"}
    for i, node in enumerate(ids):
        data = graph.nodes[node]
        label = str(data.get("label", node))
        kind = str(data.get("type", ""))
        types[kind] = types.get(kind, 0) + 1
        name = short_label(str(data.get("short_label", "")), LABEL_CHARS)
        links = len({m for m in nx.all_neighbors(graph, node) if m != node})
        nodes.append(
            {
                "id": node,
                "label": _label(str(node), name),
                "title_text": label,
                "alt": list(data.get("alt_labels", [])),
                "type": kind,
                "value": round(math.log1p(links), 2),  # hubs grow, but not past reading
                "x": round(float(pos[i, 0]), 1),
                "y": round(float(pos[i, 1]), 1),
            }
        )
        details[node] = {
            "label": label,
            "type": kind,
            "family": family_of(kind),
            "facts": [
                [k, "; ".join(map(str, v)) if isinstance(v, list) else str(v)]
                for k, v in sorted(data.items())
                if k not in skip and v not in ("", [])
            ],
            "passages": data.get("passages", []),
        }
    opening: list[dict] = []
    top: list[str] = []
    if len(ids) >= AGGREGATE_FROM:
        pairs = np.array([(a, b) for a, b, _ in edges], dtype=np.int64).reshape(-1, 2)
        families = groups([n["type"] for n in nodes], pos, pairs, seed)
        opening = [g.to_dict() for f in families for g in f.walk()]
        top = [f.ident for f in families]
    data = {
        "nodes": nodes,
        "edges": edges,
        "predicates": [list(k) for k in predicates],
        "legend": _legend(types),
        "colours": {t: colour_of(t) for t in sorted(types)},
        "linked": [str(ids[i]) for i in sorted(main)],
        "details": details,
        "groups": opening,
        "top": top,
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    page = resources.files(__package__).joinpath(PAGE).read_text(encoding="utf-8")
    return page.replace("__DATA__", payload).replace("__VIS__", _vis_js())
