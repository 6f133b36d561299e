"""A selection of RDF as a property graph for visualization tools (networkx MultiDiGraph).

Entities become nodes with ``id`` (short official id), ``label`` (in the chosen language,
else English), ``short_label`` (at most 40 characters, cut at a word), ``alt_labels``,
``type`` (most specific class), ``family`` (its family, see :mod:`.families`), ``iri``,
``sources`` (documents citing them) and their literal facts (those in another language left
out). Links between
entities become edges with ``label`` (the predicate's label), ``predicate`` (IRI) and
``source`` (documents citing the statement's subject). Qualified nodes become edges too: an
engagement is an edge from agent to topic labelled with the role, a membership an edge from
member to body. Passages (locator and quote) are kept on nodes and edges as ``passages`` for
the explorer; :func:`clean` flattens values for formats that need scalars.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import networkx as nx
import pyoxigraph as ox

from ..lang import default_language
from ..namespaces import PREFIXES
from ..namespaces import short_id as _short_id
from .families import family_of

__all__ = ["SHORT", "clean", "short_label", "to_networkx"]

SHORT = 40  # characters of a short label

P = PREFIXES
RDF_TYPE = P["rdf"] + "type"
DERIVATION = P["prov"] + "qualifiedDerivation"
LABELS = (P["skos"] + "prefLabel", P["dcterms"] + "title", P["rdfs"] + "label")
ALT_LABEL = P["skos"] + "altLabel"
QUALIFIED = {
    P["isc"] + "Engagement": (P["isc"] + "agent", P["isc"] + "topic", P["isc"] + "role"),
    P["org"] + "Membership": (P["org"] + "member", P["org"] + "organization", P["org"] + "role"),
}


# A large graph names the same classes, documents and entities hundreds of thousands of times.
short_id = lru_cache(maxsize=1 << 16)(_short_id)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def short_label(text: str, limit: int = SHORT) -> str:
    """``text`` cut at a word to at most ``limit`` characters, an ellipsis marking the cut.

    >>> short_label("Enhanced use of ICT for sustainable development by all", 30)
    'Enhanced use of ICT for…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–(") + "…"


def _in_language(literals: list[ox.Literal], lang: str) -> list[ox.Literal]:
    """The literals in ``lang``, else in English, else without a language tag, else all: what
    the ``?lang`` pattern of :mod:`isc_graph.lang` picks, for statements already in hand."""
    for wanted in (lang, "en", ""):
        found = [x for x in literals if (x.language or "").split("-")[0].lower() == wanted]
        if found:
            return found
    return literals


def _short_name(ident: str, label: str, alts: list[str]) -> str:
    """A name for the picture: the label if short, else a short alternative label that is more
    than the id, else the label cut at a word."""
    if len(label) <= SHORT:
        return label
    fitting = [a for a in alts if len(a) <= SHORT and a.casefold() != ident.casefold()]
    return max(fitting, key=len) if fitting else short_label(label)


def to_networkx(
    quads: list[ox.Quad], labels: dict[str, str] | None = None, lang: str | None = None
) -> nx.MultiDiGraph:
    """The property graph of ``quads``; ``labels`` maps predicate and class IRIs to labels;
    ``lang`` is the language of labels (default: :func:`isc_graph.lang.default_language`).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> n = lambda x: ox.NamedNode("https://w3id.org/isc-graph/id/" + x)
    >>> org = lambda x: ox.NamedNode("http://www.w3.org/ns/org#" + x)
    >>> a = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    >>> g = to_networkx(
    ...     [ox.Quad(n("BDT"), org("unitOf"), n("ITU")), ox.Quad(n("ITU"), a, org("Organization"))]
    ... )
    >>> list(g.edges(data="label"))
    [('BDT', 'ITU', 'unitOf')]
    >>> g.nodes["ITU"]["family"]
    'ITU units'
    """
    labels = labels or {}
    lang = lang or default_language()
    by_subject: dict[object, list[ox.Quad]] = defaultdict(list)
    for q in quads:
        by_subject[q.subject].append(q)

    def types_of(node: object) -> list[str]:
        return [q.object.value for q in by_subject.get(node, []) if q.predicate.value == RDF_TYPE]

    known: dict[object, list[dict[str, str]]] = {}

    def passages(node: object) -> list[dict[str, str]]:
        """The node's quoted passages, found once: a node with many links asks for each."""
        if node not in known:
            known[node] = _passages(node)
        return known[node]

    def _passages(node: object) -> list[dict[str, str]]:
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
            literals: dict[str, list[ox.Literal]] = defaultdict(list)
            for q in facts:
                if isinstance(q.object, ox.Literal):
                    literals[q.predicate.value].append(q.object)
            label = (
                next(
                    (
                        sorted(x.value for x in _in_language(literals[p], lang))[0]
                        for p in LABELS
                        if literals.get(p)
                    ),
                    "",
                )
                or ident
            )
            alts = sorted({x.value for x in _in_language(literals.get(ALT_LABEL, []), lang)})
            found = passages(term)
            kind = short_id(sorted(types)[0]) if types else ""
            attrs = {
                "id": ident,
                "label": label,
                "short_label": _short_name(ident, label, alts) if label != ident else "",
                "alt_labels": alts,
                "type": kind,
                "family": family_of(kind),
                "iri": term.value,
                "sources": sorted({x["document"] for x in found}),
                "passages": found,
            }
            for predicate, values in literals.items():
                if predicate in LABELS or predicate == ALT_LABEL:
                    continue
                attrs[_local(predicate)] = "; ".join(x.value for x in _in_language(values, lang))
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
