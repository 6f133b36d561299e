"""The explorer: one self-contained HTML page to browse a selection of the graph.

It draws with vis-network, the maintained network-visualization library, taken at export time
from the copy the ``pyvis`` package ships and inlined into the page, so the file opens from
disk with no network. Positions are computed ahead with networkx's spring layout and physics
is off, so the picture is still. Nodes have the colour of their class and a legend groups the
classes into families (see :mod:`.families`), each class a filter. Labels grow with a node's
links and show once they are large enough on screen, so the whole graph opens with its hubs
named and the rest named as one zooms in. The view opens fitted to the linked nodes (nodes
without links are set aside below). A search box finds an id, a label or an alternative label;
a side panel shows the clicked node's facts and their quoted sources.
"""

from __future__ import annotations

import json
import math
from importlib import resources

import networkx as nx

from .families import FAMILIES, OTHER, colour_of, family_of
from .graph import short_label

__all__ = ["render_explorer"]

VIS_JS = "templates/lib/vis-9.1.2/vis-network.min.js"
# The page's HTML, CSS and script, with __VIS__ and __DATA__ to fill in.
PAGE = "explorer.html"
# A node's label: its id, and its name cut to this many characters.
LABEL_CHARS = 30


def _vis_js() -> str:
    return resources.files("pyvis").joinpath(VIS_JS).read_text(encoding="utf-8")


def _spring(graph: nx.Graph, seed: int) -> dict:
    n = max(graph.number_of_nodes(), 1)
    scale = 120 * math.sqrt(n)
    pos = nx.spring_layout(graph, seed=seed, k=3 / math.sqrt(n), iterations=100, method="force")
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in pos.items()}


def _layout(graph: nx.MultiDiGraph, seed: int) -> tuple[dict, list[str]]:
    """Positions and the ids of the main part (the largest set of linked nodes), which the view
    is fitted to. The main part is laid out by spring layout; the smaller parts and the nodes
    without links are set in rows below it, so that they cannot pull the view off-centre."""
    simple = nx.Graph(graph)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    parts = sorted(nx.connected_components(simple), key=lambda c: (-len(c), sorted(map(str, c))))
    if not parts:
        return {}, []
    main = parts[0] if len(parts[0]) > 1 else set()
    pos = _spring(simple.subgraph(main), seed) if main else {}
    left = min((x for x, _ in pos.values()), default=0.0)
    right = max((x for x, _ in pos.values()), default=1200.0)
    y = max((y for _, y in pos.values()), default=0.0) + 200
    x = left
    rest = [p for p in parts if p is not main]
    for part in rest:  # largest first, left to right, wrapping at the main part's width
        small = (
            _spring(simple.subgraph(part), seed) if len(part) > 1 else {next(iter(part)): (0, 0)}
        )
        xs = [p[0] for p in small.values()]
        ys = [p[1] for p in small.values()]
        width, height = max(xs) - min(xs) + 140, max(ys) - min(ys) + 60
        if x + width > right and x > left:
            x, y = left, y + 80 + height
        for node, (px, py) in small.items():
            pos[node] = (x + px - min(xs), y + py - min(ys))
        x += width
    return pos, [str(n) for n in sorted(main, key=str)]


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
    """The explorer page for ``graph`` (see :func:`isc_graph.export.graph.to_networkx`)."""
    pos, linked = _layout(graph, seed)
    types: dict[str, int] = {}
    nodes, details = [], {}
    for node, data in sorted(graph.nodes(data=True), key=lambda x: str(x[0])):
        x, y = pos.get(node, (0.0, 0.0))
        label = str(data.get("label", node))
        kind = str(data.get("type", ""))
        types[kind] = types.get(kind, 0) + 1
        name = short_label(str(data.get("short_label", "")), LABEL_CHARS)
        links = len({m for m in nx.all_neighbors(graph, node) if m != node})
        nodes.append(
            {
                "id": node,
                "label": _label(str(node), name),
                "title": f"{node}: {label}" if label != node else str(node),
                "title_text": label,
                "alt": list(data.get("alt_labels", [])),
                "type": kind,
                "color": colour_of(kind),
                "value": round(math.log1p(links), 2),  # hubs grow, but not past reading
                "x": round(x, 1),
                "y": round(y, 1),
            }
        )
        skip = {"id", "label", "type", "passages", "sources", "short_label", "family"}
        facts = [
            [k, "; ".join(map(str, v)) if isinstance(v, list) else str(v)]
            for k, v in sorted(data.items())
            if k not in skip and v not in ("", [])
        ]
        links_out = [
            [d.get("label", ""), f"→ {v}"] for _, v, d in graph.out_edges(node, data=True)
        ] + [[d.get("label", ""), f"← {u}"] for u, _, d in graph.in_edges(node, data=True)]
        details[node] = {
            "label": label,
            "type": kind,
            "family": family_of(kind),
            "facts": facts,
            "links": sorted(links_out),
            "passages": data.get("passages", []),
        }
    edges = [
        {"from": u, "to": v, "label": d.get("label", ""), "title": d.get("predicate", "")}
        for u, v, d in graph.edges(data=True)
    ]
    data = {
        "nodes": nodes,
        "edges": edges,
        "legend": _legend(types),
        "colours": {t: colour_of(t) for t in sorted(types)},
        "linked": linked,
        "details": details,
    }
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    page = resources.files(__package__).joinpath(PAGE).read_text(encoding="utf-8")
    return page.replace("__DATA__", payload).replace("__VIS__", _vis_js())
