"""Everything about one entity: label, types, links both ways, and the passages they come from.

Links come in a natural order, the same from build to build: by property, then (incoming) by
the class of the linking node, then by what they show, numbers as numbers (C2 before C11) and
mandates in clause order (``isc:clauseOrder``). The facts of a qualified node (an engagement, a
mandate) come names first, then what it links to, then short values, then texts and notes.
Labels are read in the chosen language (:mod:`isc_graph.lang`), English where one is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from .errors import QueryError
from .lookup import resolve
from .namespaces import PREFIXES, short_id
from .queries import natural_key, run_query
from .results import term_text

__all__ = ["Description", "Link", "Source", "describe", "resolve_id"]

PROV_DERIVATION = PREFIXES["prov"] + "qualifiedDerivation"
RDF_TYPE = PREFIXES["rdf"] + "type"
QUALIFIED_CLASSES = {
    PREFIXES["isc"] + "Engagement",
    PREFIXES["isc"] + "Mandate",
    PREFIXES["isc"] + "MeetingCount",
    PREFIXES["isc"] + "ReportedCount",
    PREFIXES["org"] + "Membership",
    PREFIXES["org"] + "ChangeEvent",
}


@dataclass(frozen=True)
class Source:
    """A passage that states a fact; a reference text is cited by article, with no quote."""

    document: str
    locator: str
    quote: str

    def __str__(self) -> str:
        cited = f"{self.document}, {self.locator}"
        return f'{cited}: "{self.quote}"' if self.quote else cited


@dataclass
class Link:
    """One link to or from the entity; ``node`` holds the qualified node's own facts."""

    predicate: str
    predicate_label: str
    other: str
    other_label: str
    node: list[tuple[str, str]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    other_types: list[str] = field(default_factory=list)  # classes of the linked node
    lang: str = ""  # the language of a literal value
    literal: bool = False  # whether the value is a literal (a text, a number, a date)


@dataclass
class Description:
    """The answer of ``show``."""

    iri: str
    id: str
    label: str
    types: list[str]
    outgoing: list[Link]
    incoming: list[Link]
    sources: list[Source]

    def as_dict(self) -> dict:
        def link(x: Link) -> dict:
            return {
                "predicate": x.predicate,
                "predicate_label": x.predicate_label,
                "value": x.other,
                "value_label": x.other_label,
                "facts": [{"property": p, "value": v} for p, v in x.node],
                "sources": [s.__dict__ for s in x.sources],
                "value_types": x.other_types,
                "value_lang": x.lang,
            }

        return {
            "id": self.id,
            "iri": self.iri,
            "label": self.label,
            "types": self.types,
            "outgoing": [link(x) for x in self.outgoing],
            "incoming": [link(x) for x in self.incoming],
            "sources": [s.__dict__ for s in self.sources],
        }


def resolve_id(store: ox.Store, ident: str) -> str:
    """The IRI an id or name stands for (see :func:`isc_graph.lookup.resolve`)."""
    return resolve(store, ident)


# The name in the chosen language (?lang, see isc_graph.lang), else in English, else untagged.
_LABEL = """
SELECT ?x ?label WHERE {
  OPTIONAL { ?x skos:prefLabel ?pref FILTER (LANG(?pref) = ?lang) }
  OPTIONAL { ?x skos:prefLabel ?pref_en FILTER (LANGMATCHES(LANG(?pref_en), "en")) }
  OPTIONAL { ?x skos:prefLabel ?pref_any FILTER (LANG(?pref_any) = "") }
  OPTIONAL { ?x rdfs:label ?rdfs FILTER (LANG(?rdfs) = ?lang || LANG(?rdfs) IN ("en", "")) }
  OPTIONAL { ?x dcterms:title ?title }
  BIND (COALESCE(?pref, ?pref_en, ?pref_any, ?rdfs, ?title) AS ?label)
} ORDER BY ?label LIMIT 1"""

_SOURCES = """
SELECT ?x ?doc ?locator ?quote WHERE {
  ?x prov:qualifiedDerivation ?d . ?d prov:entity ?doc .
  OPTIONAL { ?d isc:locator ?locator } OPTIONAL { ?d isc:quote ?quote }
} ORDER BY ?doc ?locator ?quote"""

_OUT = "SELECT ?x ?p ?o WHERE { ?x ?p ?o } ORDER BY ?p ?o"
_IN = "SELECT ?x ?s ?p WHERE { ?s ?p ?x } ORDER BY ?p ?s"
_TYPES = "SELECT ?x ?t WHERE { ?x a ?t } ORDER BY ?t"


# The blank nodes next to an entity (engagements, memberships …), with their facts and the
# passages they cite, in one query: a blank node cannot be named in a later query (a remote
# endpoint's labels for it need not mean anything outside one answer).
_BLANKS = """
SELECT ?x ?b ?p ?o ?doc ?locator ?quote WHERE {
  { ?x ?l ?b } UNION { ?b ?l ?x }
  FILTER (isBlank(?b))
  { ?b ?p ?o }
  UNION {
    ?b prov:qualifiedDerivation ?d . ?d prov:entity ?doc .
    OPTIONAL { ?d isc:locator ?locator } OPTIONAL { ?d isc:quote ?quote }
  }
}"""


class _Describer:
    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._labels: dict[str, str] = {}
        self._blank_facts: dict[ox.BlankNode, set[tuple]] = {}
        self._blank_sources: dict[ox.BlankNode, set[Source]] = {}

    def q(self, query: str, x: ox.NamedNode | ox.BlankNode) -> ox.QuerySolutions:
        return run_query(self.store, query, {ox.Variable("x"): x})

    def read_blanks(self, x: ox.NamedNode) -> None:
        for s in self.q(_BLANKS, x):
            b = s["b"]
            self._blank_facts.setdefault(b, set())
            self._blank_sources.setdefault(b, set())
            if s["p"] is not None:
                self._blank_facts[b].add((s["p"], s["o"]))
            if s["doc"] is not None:
                self._blank_sources[b].add(
                    Source(term_text(s["doc"]), term_text(s["locator"]), term_text(s["quote"]))
                )

    def _facts(self, x: ox.NamedNode | ox.BlankNode) -> list[tuple]:
        """(predicate, object) pairs of ``x`` in the order of ``_OUT``."""
        if isinstance(x, ox.BlankNode):
            pairs = self._blank_facts.get(x, set())
            return sorted(pairs, key=lambda po: (po[0].value, str(po[1])))
        return [(s["p"], s["o"]) for s in self.q(_OUT, x)]

    def label(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
        if isinstance(term, (ox.Literal, ox.BlankNode)):
            return ""
        key = str(term)
        if key not in self._labels:
            self._labels[key] = next(
                (s["label"].value for s in self.q(_LABEL, term) if s["label"]), ""
            )
        return self._labels[key]

    def sources(self, x: ox.NamedNode | ox.BlankNode) -> list[Source]:
        if isinstance(x, ox.BlankNode):
            found = self._blank_sources.get(x, set())
            return sorted(found, key=lambda y: (y.document, y.locator, y.quote))
        return [
            Source(term_text(s["doc"]), term_text(s["locator"]), term_text(s["quote"]))
            for s in self.q(_SOURCES, x)
        ]

    def is_qualified(self, x: ox.NamedNode | ox.BlankNode) -> bool:
        return any(s["t"].value in QUALIFIED_CLASSES for s in self.q(_TYPES, x))

    def node_facts(
        self, x: ox.NamedNode | ox.BlankNode, skip: ox.NamedNode | None = None
    ) -> list[tuple[str, str]]:
        """The facts of a qualified node, leaving out its type, sources and the link back."""
        facts = []
        for p, o in self._facts(x):
            if p.value in (PROV_DERIVATION, RDF_TYPE) or o == skip:
                continue
            value, lab = term_text(o), self.label(o)
            shown = f"{value} ({lab})" if lab and lab != value else value
            # Properties by their prefixed names, as in SPARQL (labels mix styles across
            # vocabularies: "secretariat of" beside skos:notation).
            facts.append((_fact_rank(short_id(p.value), o), short_id(p.value), shown))
        facts.sort(key=lambda f: (f[0], f[1], natural_key(f[2])))
        return [(p, shown) for _, p, shown in facts]

    def types(self, x: ox.NamedNode | ox.BlankNode) -> list[str]:
        if isinstance(x, ox.BlankNode):
            types = sorted(o.value for p, o in self._facts(x) if p.value == RDF_TYPE)
            return [short_id(t) for t in types]
        return [short_id(s["t"].value) for s in self.q(_TYPES, x)]

    def kind(self, x: ox.NamedNode | ox.BlankNode) -> str:
        return ", ".join(self.types(x))

    def link(
        self,
        p: ox.NamedNode,
        other: ox.NamedNode | ox.BlankNode | ox.Literal,
        subject: ox.NamedNode,
    ) -> Link:
        expand = not isinstance(other, ox.Literal) and (
            isinstance(other, ox.BlankNode) or self.is_qualified(other)
        )
        literal = isinstance(other, ox.Literal)
        return Link(
            predicate=short_id(p.value),
            predicate_label=self.label(p) or short_id(p.value),
            other=term_text(other) if not expand else self.kind(other),
            other_label=self.label(other) if not expand else "",
            node=self.node_facts(other, skip=subject) if expand else [],
            sources=self.sources(other) if expand else [],
            other_types=[] if literal else self.types(other),
            lang=(other.language or "") if literal else "",
            literal=literal,
        )


# Facts of a qualified node, in the order a reader wants them: its names, what it is about
# (the topic of an engagement, the addressees of a mandate), other links and short values,
# then its texts and notes.
NAME_PROPERTIES = (
    "skos:prefLabel",
    "skos:altLabel",
    "skos:hiddenLabel",
    "skos:notation",
    "dcterms:title",
    "rdfs:label",
)
NOTE_PROPERTIES = (
    "skos:note",
    "skos:editorialNote",
    "skos:scopeNote",
    "skos:definition",
    "skos:historyNote",
    "skos:changeNote",
    "skos:example",
    "rdfs:comment",
    "dcterms:description",
)
_LEADING = (
    "isc:topic",
    "isc:agent",
    "isc:addressee",
    "isc:countOf",
    "org:organization",
    "org:member",
    "org:originalOrganization",
    "org:resultingOrganization",
)
CLAUSE_ORDER = "isc:clauseOrder"


def _fact_rank(prop: str, value: ox.NamedNode | ox.BlankNode | ox.Literal) -> int:
    if prop in NAME_PROPERTIES:
        return 0
    if prop in _LEADING:
        return 1
    if prop in NOTE_PROPERTIES:
        return 4
    if isinstance(value, ox.Literal) and len(value.value) > 60:
        return 3
    return 2


def _clause(link: Link) -> float:
    """A mandate's place in its resolution (``isc:clauseOrder``); others come after."""
    for prop, value in link.node:
        if prop == CLAUSE_ORDER and value.isdigit():
            return int(value)
    return float("inf")


def _link_key(link: Link) -> tuple:
    return (
        link.predicate,
        [natural_key(t) for t in link.other_types],
        _clause(link),
        natural_key(link.other),
        [(p, natural_key(v)) for p, v in link.node],
        [(s.document, natural_key(s.locator), s.quote) for s in link.sources],
    )


def describe(store: ox.Store, ident: str) -> Description:
    """Describe the entity ``ident`` (a short id, prefixed name or IRI)."""
    iri = resolve_id(store, ident)
    x = ox.NamedNode(iri)
    d = _Describer(store)
    d.read_blanks(x)
    types = [short_id(s["t"].value) for s in d.q(_TYPES, x)]
    outgoing = [
        d.link(s["p"], s["o"], x)
        for s in d.q(_OUT, x)
        if s["p"].value not in (PROV_DERIVATION, RDF_TYPE)
    ]
    incoming = [d.link(s["p"], s["s"], x) for s in d.q(_IN, x)]
    # The store orders blank nodes by their ids, which change with every build: order the
    # links by what they show instead, so that the output is the same from build to build.
    outgoing.sort(key=_link_key)
    incoming.sort(key=_link_key)
    if not types and not outgoing and not incoming:
        raise QueryError(f"'{ident}' ({iri}) is not in the graph")
    return Description(
        iri=iri,
        id=short_id(iri),
        label=d.label(x),
        types=types,
        outgoing=outgoing,
        incoming=incoming,
        sources=d.sources(x),
    )
