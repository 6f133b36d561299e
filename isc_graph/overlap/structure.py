"""The shape of the unit–topic network: who is central, and which groups work together."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from ..queries import natural_key
from .engagements import add_engagement
from .read import Engagement, Outcome

__all__ = ["Centrality", "Community", "actor_topic_graph", "centrality", "communities"]

# Above this many nodes, betweenness is estimated from this many sampled sources (seeded).
EXACT_BETWEENNESS_LIMIT = 2000
BETWEENNESS_SAMPLES = 256


@dataclass
class Centrality:
    """Degree and betweenness of one node of the actor–topic graph."""

    id: str
    label: str
    kind: str
    degree: int
    degree_centrality: float
    betweenness: float


@dataclass
class Community:
    """A Louvain community: the actors and topics that hang together."""

    id: int
    actors: list[str]
    topics: list[str]
    labels: dict[str, str] = field(default_factory=dict)  # actor or topic id -> its label


def actor_topic_graph(
    engagements: list[Engagement],
    outcomes: list[Outcome],
    labels: dict[str, str] | None = None,
) -> nx.Graph:
    """Bipartite graph of ITU actors (units and bodies, ``bipartite`` 0) and topics (1).

    Edges come from engagements (``roles``) and, for a unit responsible for outcomes, from
    the SDGs and action lines those outcomes contribute to (``outcomes``: how many), so the
    graph has the size of the topic vocabulary, not of the number of outcomes. ``labels``
    gives the labels of those SDGs and action lines (and of units no engagement names).

    Examples
    --------
    >>> from isc_graph.overlap.model import Item
    >>> g = actor_topic_graph([], [Outcome("x", "D.1-1", "", "D.1", "BDT", {"SDG 5", "C2"})])
    >>> sorted(g.edges(data="outcomes"))
    [('BDT', 'C2', 1), ('BDT', 'SDG 5', 1)]
    """
    g = nx.Graph()
    for e in engagements:
        if e.actor is not None:
            add_engagement(g, e.actor, e)
    labels = labels or {}
    counts: dict[tuple[str, str], int] = {}
    for o in outcomes:
        if not o.unit:
            continue
        for item in o.items:
            counts[o.unit, item] = counts.get((o.unit, item), 0) + 1
    for (unit, item), n in sorted(counts.items()):
        if unit not in g:
            g.add_node(unit, bipartite=0, kind="unit", label=labels.get(unit, ""))
        if item not in g:
            kind = "SDG" if item.startswith("SDG") else "action line"
            g.add_node(item, bipartite=1, kind=kind, label=labels.get(item, ""))
        g.add_edge(unit, item, outcomes=n)
    return g


def centrality(graph: nx.Graph, seed: int = 0) -> tuple[list[Centrality], list[Centrality]]:
    """Actors and topics with their degree and betweenness, most central first.

    Betweenness is exact up to ``EXACT_BETWEENNESS_LIMIT`` nodes and estimated from
    ``BETWEENNESS_SAMPLES`` seeded sources above it.

    Examples
    --------
    >>> g = nx.Graph([("BDT", "C2"), ("TSB", "C2"), ("BDT", "C5")])
    >>> nx.set_node_attributes(g, {"BDT": 0, "TSB": 0, "C2": 1, "C5": 1}, "bipartite")
    >>> actors, topics = centrality(g)
    >>> [(c.id, c.degree, c.betweenness) for c in actors]
    [('BDT', 2, 0.6667), ('TSB', 1, 0.0)]
    """
    if graph.number_of_nodes() == 0:
        return [], []
    degree = nx.degree_centrality(graph)
    n = graph.number_of_nodes()
    k = None if n <= EXACT_BETWEENNESS_LIMIT else min(BETWEENNESS_SAMPLES, n)
    between = nx.betweenness_centrality(graph, k=k, seed=seed)
    actors, topics = [], []
    for node, data in graph.nodes(data=True):
        c = Centrality(
            id=str(node),
            label=data.get("label", ""),
            kind=data.get("kind", ""),
            degree=graph.degree(node),
            degree_centrality=round(degree[node], 4),
            betweenness=round(between[node], 4),
        )
        (actors if data.get("bipartite") == 0 else topics).append(c)
    for group in (actors, topics):
        group.sort(key=lambda c: (-c.betweenness, -c.degree, natural_key(c.id)))
    return actors, topics


def communities(graph: nx.Graph, seed: int = 0) -> list[Community]:
    """Louvain communities of the actor–topic graph (networkx, fixed ``seed``), largest
    first; isolated nodes are left out.

    Examples
    --------
    >>> g = nx.Graph([("BDT", "C2"), ("BDT", "C3"), ("TSB", "C5"), ("TSB", "C6")])
    >>> nx.set_node_attributes(g, {"BDT": 0, "TSB": 0}, "bipartite")
    >>> [(c.actors, c.topics) for c in communities(g)]
    [(['BDT'], ['C2', 'C3']), (['TSB'], ['C5', 'C6'])]
    """
    if graph.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(graph, seed=seed)
    groups = []
    for members in found:
        if len(members) < 2:
            continue
        actors = sorted(
            (str(m) for m in members if graph.nodes[m].get("bipartite") == 0), key=natural_key
        )
        topics = sorted(
            (str(m) for m in members if graph.nodes[m].get("bipartite") != 0), key=natural_key
        )
        groups.append((actors, topics))
    groups.sort(
        key=lambda g: (
            -(len(g[0]) + len(g[1])),
            [natural_key(x) for x in g[0]],
            [natural_key(x) for x in g[1]],
        )
    )
    labels = {str(n): d["label"] for n, d in graph.nodes(data=True) if d.get("label")}
    return [
        Community(i + 1, a, t, {x: labels[x] for x in (*a, *t) if x in labels})
        for i, (a, t) in enumerate(groups)
    ]
