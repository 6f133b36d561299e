"""Where the explorer puts each node, and the groups it opens on when a graph is too large to
read as one picture.

The layout is igraph's Fruchterman–Reingold, the force model networkx's ``spring_layout``
computes, but in C and, above a thousand nodes, with a grid that only lets nearby nodes
repel: each step costs time in proportion to the nodes, so 100,000 nodes are laid out in
about 15 s where networkx took 8.7 s for 849 (and Graphviz's ``sfdp`` 200 s for 100,000).
Positions depend only on the graph and the seed: the nodes are numbered in the order of
their ids, the starting positions come from the seed, and igraph draws its random numbers
from a generator seeded with it.

Above ``AGGREGATE_FROM`` nodes the page opens on groups (see :func:`groups`): a family of
classes (:mod:`.families`), then its classes, then tiles of at most ``TILE`` nodes that lie
near one another in the layout, each expanded in the page into what it holds.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import igraph as ig
import networkx as nx
import numpy as np

from .families import FAMILIES, OTHER, colour_of, family_of

__all__ = ["AGGREGATE_FROM", "TILE", "Group", "groups", "layout"]

# From this many nodes the page opens on groups: past it, a picture of every node is a grey
# cloud one cannot read, and the browser takes seconds to draw and move it.
AGGREGATE_FROM = 2_000
# Most nodes one group opens into at once.
TILE = 1_000
# Force iterations: networkx's default count, the cooling schedule of igraph's default.
ITERATIONS = 500
# Distance between linked nodes on screen grows with the square root of the nodes, as the
# previous networkx layout (k = 3 / sqrt(n)) did.
SPREAD = 120


def _force(graph: ig.Graph, seed: int) -> np.ndarray:
    """Fruchterman–Reingold positions of a connected graph, scaled so that its nodes are as far
    apart on screen whatever their number."""
    n = graph.vcount()
    if n == 1:
        return np.zeros((1, 2))
    # In a square of side sqrt(n), as igraph starts: the grid is fastest from there.
    start = np.random.default_rng(seed).uniform(-0.5, 0.5, (n, 2)) * math.sqrt(n)
    # igraph draws random numbers from Python's ``random`` module unless told otherwise.
    ig.set_random_number_generator(random.Random(seed))
    try:
        found = graph.layout_fruchterman_reingold(
            seed=start.tolist(), niter=ITERATIONS, grid="auto"
        )
    finally:
        ig.set_random_number_generator(random)
    pos = np.asarray(found.coords, dtype=float)
    pos -= pos.mean(axis=0)
    extent = float(np.abs(pos).max()) or 1.0
    return pos / extent * SPREAD * math.sqrt(n)


def layout(
    ids: Sequence[str], links: Iterable[tuple[int, int]], seed: int = 0
) -> tuple[np.ndarray, list[int]]:
    """Positions (one row of x, y per id) for nodes ``ids`` linked by ``links`` (pairs of
    indexes into ``ids``), and, apart, the indexes of the main part.

    Returns ``(positions, main)``. The main part (the largest set of linked nodes) is laid out
    by force; the smaller parts and the nodes without links are set in rows below it, largest
    first, so that they cannot pull the view off-centre.
    """
    n = len(ids)
    pairs = sorted({(min(a, b), max(a, b)) for a, b in links if a != b})
    graph = ig.Graph(n=n, edges=pairs)
    parts = sorted(
        (list(p) for p in graph.connected_components()),
        key=lambda p: (-len(p), sorted(ids[i] for i in p)),
    )
    pos = np.zeros((n, 2))
    if not parts:
        return pos, []
    main = parts[0] if len(parts[0]) > 1 else []
    if main:
        pos[main] = _force(graph.induced_subgraph(main), seed)
    left = float(pos[main, 0].min()) if main else 0.0
    right = float(pos[main, 0].max()) if main else 1200.0
    y = (float(pos[main, 1].max()) if main else 0.0) + 200
    x = left
    for part in parts[1 if main else 0 :]:  # left to right, wrapping at the main part's width
        small = _force(graph.induced_subgraph(part), seed)
        low = small.min(axis=0)
        width, height = np.ptp(small, axis=0) + np.array([140.0, 60.0])
        if x + width > right and x > left:
            x, y = left, y + 80 + height
        pos[part] = small - low + (x, y)
        x += width
    return pos, main


@dataclass
class Group:
    """A group of nodes drawn as one: its label, its colour's class or family, the indexes of
    the nodes it holds, its position, and what it opens into (groups, else its nodes)."""

    ident: str
    label: str
    colour: str
    types: list[str]
    members: list[int]
    x: float = 0.0
    y: float = 0.0
    size: float = 0.0
    children: list[Group] = field(default_factory=list)

    def to_dict(self) -> dict:
        """For the page: children by id; a group without children lists its nodes."""
        out = {
            "id": self.ident,
            "label": self.label,
            "color": self.colour,
            "types": self.types,
            "count": len(self.members),
            "x": round(self.x, 1),
            "y": round(self.y, 1),
            "size": round(self.size, 1),
        }
        if self.children:
            out["children"] = [c.ident for c in self.children]
        else:
            out["members"] = self.members
        return out

    def walk(self) -> Iterable[Group]:
        """This group and every group under it."""
        yield self
        for c in self.children:
            yield from c.walk()


def _tiles(members: list[int], pos: np.ndarray) -> list[list[int]]:
    """``members`` cut into parts of at most ``TILE`` nodes that lie together: columns by x,
    each cut into cells by y."""
    count = math.ceil(len(members) / TILE)
    columns = math.ceil(math.sqrt(count))
    per_column = math.ceil(len(members) / columns)
    idx = np.asarray(members)
    by_x = idx[np.lexsort((idx, pos[idx, 0]))]
    out = []
    for c in range(0, len(by_x), per_column):
        column = by_x[c : c + per_column]
        by_y = column[np.lexsort((column, pos[column, 1]))]
        out += [by_y[r : r + TILE].tolist() for r in range(0, len(by_y), TILE)]
    return out


def _spread(siblings: list[Group], pos: np.ndarray, links: np.ndarray, seed: int) -> None:
    """Place sibling groups apart: their members are spread over the same part of the picture
    (a family over all of it), so their centres would lie on one another. A spring layout of
    the groups, linked as their members are, around the centre of their members and about as
    wide as they are."""
    where = pos[[i for g in siblings for i in g.members]]
    centre = where.mean(axis=0)
    if len(siblings) == 1:
        siblings[0].x, siblings[0].y = centre.tolist()
        return
    owner = np.full(len(pos), -1)
    for k, g in enumerate(siblings):
        owner[g.members] = k
    # Every pair is linked, weakly where no member links them, so that a group without links
    # stays among the others rather than pushed to the edge.
    small = nx.complete_graph(len(siblings))
    nx.set_edge_attributes(small, 0.1, "weight")
    if links.size:
        a, b = owner[links[:, 0]], owner[links[:, 1]]
        keep = (a >= 0) & (b >= 0) & (a != b)
        ends = np.sort(np.stack([a[keep], b[keep]], axis=1), axis=1)
        pairs, counts = np.unique(ends, axis=0, return_counts=True)
        for (u, v), w in zip(pairs.tolist(), counts.tolist(), strict=True):
            small.edges[u, v]["weight"] += math.log1p(w)
    placed = nx.spring_layout(small, seed=seed, weight="weight")
    radius = max(float(np.abs(where - centre).max()) * 0.5, 150.0 * math.sqrt(len(siblings)))
    for k, g in enumerate(siblings):
        g.x, g.y = (centre + np.asarray(placed[k]) * radius).tolist()


def groups(types: Sequence[str], pos: np.ndarray, links: np.ndarray, seed: int = 0) -> list[Group]:
    """The groups the page opens on: one per family of classes present (in the table's
    order). A family of more than ``TILE`` nodes opens into its classes (or, if it has one,
    into tiles), a class of more than ``TILE`` nodes into tiles of nodes near one another, a
    group of at most ``TILE`` nodes into its nodes. ``types`` is each node's class, ``pos``
    its position, ``links`` the pairs of linked node indexes (an array of two columns)."""
    counter = iter(range(1, 10**9))

    def new(label: str, colour: str, kinds: list[str], members: list[int]) -> Group:
        return Group(f"#g{next(counter)}", label, colour, kinds, members)

    def tile(group: Group) -> None:
        if len(group.members) <= TILE:
            return
        tiles = _tiles(group.members, pos)
        group.children = [
            new(f"{group.label} {k + 1}/{len(tiles)}", group.colour, group.types, t)
            for k, t in enumerate(tiles)
        ]
        for t in group.children:
            t.x, t.y = pos[t.members].mean(axis=0).tolist()

    by_family: dict[str, list[int]] = {}
    by_type: dict[str, list[int]] = {}
    for i, kind in enumerate(types):
        by_family.setdefault(family_of(kind), []).append(i)
        by_type.setdefault(kind, []).append(i)
    top = []
    for name, colour, classes in (*FAMILIES, (*OTHER, ())):
        members = by_family.get(name)
        if not members:
            continue
        kinds = [c for c in classes if c in by_type]
        if name == OTHER[0]:
            kinds = sorted(t for t in by_type if family_of(t) == OTHER[0])
        family = new(name, colour, kinds, members)
        top.append(family)
        if len(members) > TILE and len(kinds) > 1:
            family.children = [
                new(k.removeprefix("isc:") or "(untyped)", colour_of(k), [k], by_type[k])
                for k in kinds
            ]
            _spread(family.children, pos, links, seed)
            for group in family.children:
                tile(group)
        else:
            tile(family)
    _spread(top, pos, links, seed)
    # Groups are drawn in the layout's units, so that one fitted to the whole picture is seen
    # (a node's size is in pixels, a dot among thousands): larger as they hold more.
    extent = float(np.abs(pos - pos.mean(axis=0)).max()) or 1.0
    largest = math.log1p(max(len(g.members) for g in top))
    for g in (x for t in top for x in t.walk()):
        g.size = extent / 25 * (0.4 + 0.6 * math.log1p(len(g.members)) / largest)
    return top
