"""The explorer: one self-contained HTML page to browse a selection of the graph.

It draws with vis-network, the maintained network-visualization library, taken at export time
from the copy the ``pyvis`` package ships and inlined into the page, so the file opens from
disk with no network. Positions are computed ahead with networkx's spring layout and physics
is off, so the picture is still. The page adds a legend of types, a search box (id or label),
type filters and a side panel with the clicked node's facts and their quoted sources.
"""

from __future__ import annotations

import json
import math
from importlib import resources

import networkx as nx

from ..svg import PALETTE

__all__ = ["render_explorer"]

VIS_JS = "templates/lib/vis-9.1.2/vis-network.min.js"
# Paul Tol's muted scheme, after the Okabe–Ito colours: sixteen types before a colour repeats.
MORE_COLOURS = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
)

# The page's HTML, CSS and script, with __VIS__ and __DATA__ to fill in.
PAGE = "explorer.html"


def _vis_js() -> str:
    return resources.files("pyvis").joinpath(VIS_JS).read_text(encoding="utf-8")


def render_explorer(graph: nx.MultiDiGraph, seed: int = 0) -> str:
    """The explorer page for ``graph`` (see :func:`isc_graph.export.graph.to_networkx`)."""
    types = sorted({d.get("type", "") for _, d in graph.nodes(data=True)})
    palette = (*PALETTE, *MORE_COLOURS)
    colours = {t: palette[i % len(palette)] for i, t in enumerate(types)}
    n = max(graph.number_of_nodes(), 1)
    pos = (
        nx.spring_layout(
            nx.Graph(graph), seed=seed, k=3 / math.sqrt(n), iterations=100, method="force"
        )
        if graph.number_of_nodes()
        else {}
    )
    scale = 120 * math.sqrt(n)
    nodes, details = [], {}
    for node, data in sorted(graph.nodes(data=True), key=lambda x: str(x[0])):
        x, y = pos.get(node, (0.0, 0.0))
        label = str(data.get("label", node))
        nodes.append(
            {
                "id": node,
                "label": node,
                "title": f"{node}: {label}",
                "title_text": label,
                "type": data.get("type", ""),
                "color": colours[data.get("type", "")],
                "x": round(float(x) * scale, 1),
                "y": round(float(y) * scale, 1),
            }
        )
        skip = {"id", "label", "type", "passages", "sources"}
        facts = [[k, str(v)] for k, v in sorted(data.items()) if k not in skip]
        links = [[d.get("label", ""), f"→ {v}"] for _, v, d in graph.out_edges(node, data=True)] + [
            [d.get("label", ""), f"← {u}"] for u, _, d in graph.in_edges(node, data=True)
        ]
        details[node] = {
            "label": label,
            "type": data.get("type", ""),
            "facts": facts,
            "links": sorted(links),
            "passages": data.get("passages", []),
        }
    edges = [
        {"from": u, "to": v, "label": d.get("label", ""), "title": d.get("predicate", "")}
        for u, v, d in graph.edges(data=True)
    ]
    data = {"nodes": nodes, "edges": edges, "colours": colours, "details": details}
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    page = resources.files(__package__).joinpath(PAGE).read_text(encoding="utf-8")
    return page.replace("__DATA__", payload).replace("__VIS__", _vis_js())
