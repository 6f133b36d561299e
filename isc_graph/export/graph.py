"""A selection of RDF as a property graph for visualization tools (networkx MultiDiGraph).

Entities become nodes with ``id`` (short official id), ``label``, ``type`` (most specific
class), ``iri``, ``sources`` (documents citing them) and their literal facts. Links between
entities become edges with ``label`` (the predicate's label), ``predicate`` (IRI) and
``source`` (documents citing the statement's subject). Qualified nodes become edges too: an
engagement is an edge from agent to topic labelled with the role, a membership an edge from
member to body. Passages (locator and quote) are kept on nodes and edges as ``passages`` for
the explorer; :func:`clean` flattens values for formats that need scalars.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pyoxigraph as ox

from ..namespaces import PREFIXES, short_id

__all__ = ["clean", "to_networkx"]

P = PREFIXES
RDF_TYPE = P["rdf"] + "type"
DERIVATION = P["prov"] + "qualifiedDerivation"
LABELS = (P["skos"] + "prefLabel", P["dcterms"] + "title", P["rdfs"] + "label")
QUALIFIED = {
    P["isc"] + "Engagement": (P["isc"] + "agent", P["isc"] + "topic", P["isc"] + "role"),
    P["org"] + "Membership": (P["org"] + "member", P["org"] + "organization", P["org"] + "role"),
}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(quads: list[ox.Quad], labels: dict[str, str] | None = None) -> nx.MultiDiGraph:
    """The property graph of ``quads``; ``labels`` maps predicate and class IRIs to labels.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> n = lambda x: ox.NamedNode("https://w3id.org/isc-graph/id/" + x)
    >>> unit_of = ox.NamedNode("http://www.w3.org/ns/org#unitOf")
    >>> g = to_networkx([ox.Quad(n("BDT"), unit_of, n("ITU"))])
    >>> list(g.edges(data="label"))
    [('BDT', 'ITU', 'unitOf')]
    """
    labels = labels or {}
    by_subject: dict[object, list[ox.Quad]] = defaultdict(list)
    for q in quads:
        by_subject[q.subject].append(q)

    def types_of(node: object) -> list[str]:
        return [q.object.value for q in by_subject.get(node, []) if q.predicate.value == RDF_TYPE]

    def passages(node: object) -> list[dict[str, str]]:
        out = []
        for q in by_subject.get(node, []):
            if q.predicate.value == DERIVATION:
                d = {
                    _local(x.predicate.value): _text(x.object) for x in by_subject.get(q.object, [])
                }
                out.append(
                    {
                        "document": d.get("entity", ""),
                        "locator": d.get("locator", ""),
                        "quote": d.get("quote", ""),
                    }
                )
        return sorted(out, key=lambda x: (x["document"], x["locator"], x["quote"]))

    g = nx.MultiDiGraph()

    def add_node(term: ox.NamedNode) -> str:
        ident = short_id(term.value)
        if ident not in g:
            types = types_of(term)
            facts = by_subject.get(term, [])
            label = next(
                (_text(q.object) for p in LABELS for q in facts if q.predicate.value == p), ""
            )
            found = passages(term)
            attrs = {
                "id": ident,
                "label": label or ident,
                "type": short_id(sorted(types)[0]) if types else "",
                "iri": term.value,
                "sources": sorted({x["document"] for x in found}),
                "passages": found,
            }
            for q in facts:
                if isinstance(q.object, ox.Literal) and q.predicate.value not in LABELS:
                    name = _local(q.predicate.value)
                    attrs[name] = (
                        f"{attrs[name]}; {q.object.value}" if name in attrs else q.object.value
                    )
            g.add_node(ident, **attrs)
        return ident

    for subject, facts in by_subject.items():
        if isinstance(subject, ox.NamedNode):
            if any(q.predicate.value == RDF_TYPE for q in facts):
                add_node(subject)
            for q in facts:
                if (
                    isinstance(q.object, ox.NamedNode)
                    and q.predicate.value not in (RDF_TYPE, DERIVATION)
                    and q.object in by_subject
                ):
                    a, b = add_node(subject), add_node(q.object)
                    found = passages(subject)
                    g.add_edge(
                        a,
                        b,
                        key=q.predicate.value,
                        label=labels.get(q.predicate.value) or _local(q.predicate.value),
                        predicate=q.predicate.value,
                        source=sorted({x["document"] for x in found}),
                        passages=found,
                    )
        else:
            for cls in types_of(subject):
                if cls not in QUALIFIED:
                    continue
                from_p, to_p, role_p = QUALIFIED[cls]
                ends = {
                    q.predicate.value: q.object for q in facts if isinstance(q.object, ox.NamedNode)
                }
                if (
                    from_p in ends
                    and to_p in ends
                    and ends[from_p] in by_subject
                    and ends[to_p] in by_subject
                ):
                    role = short_id(ends[role_p].value) if role_p in ends else ""
                    found = passages(subject)
                    a, b = add_node(ends[from_p]), add_node(ends[to_p])
                    g.add_edge(
                        a,
                        b,
                        label=f"{labels.get(cls) or _local(cls).lower()}: {role}"
                        if role
                        else _local(cls),
                        predicate=cls,
                        role=role,
                        source=sorted({x["document"] for x in found}),
                        passages=found,
                    )
    return g


def _text(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return short_id(term.value)
    return str(getattr(term, "value", term))


def clean(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are strings, numbers or booleans (GraphML and GEXF
    reject None, lists and dicts): lists are joined with "; ", passages are left out."""

    def flat(data: dict) -> dict:
        out = {}
        for k, v in data.items():
            if k == "passages" or v is None:
                continue
            out[k] = "; ".join(map(str, v)) if isinstance(v, (list, tuple, set)) else v
        return out

    g = nx.MultiDiGraph()
    for n, data in graph.nodes(data=True):
        g.add_node(n, **flat(data))
    for u, v, data in graph.edges(data=True):  # numbered keys: GEXF reads edge keys as ints
        g.add_edge(u, v, **flat(data))
    return g
