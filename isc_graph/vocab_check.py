"""Checks SHACL cannot make well: terms of the reused vocabularies, and literal forms.

A misspelt ``skos:prefLable`` or ``org:memberr`` is legal RDF and matches no shape, so it would
pass silently; rdflib knows the closed term lists of SKOS, DCTERMS, ORG, PROV-O, FOAF, RDF,
RDFS, OWL and XSD, and this module checks every predicate, class and datatype of those
namespaces against them. Literal forms are checked here too: neither pyoxigraph's parser nor
pySHACL rejects ``"twenty"^^xsd:gYear`` (rdflib has no parser for the ``g*`` types, and logs
a traceback rather than failing for the others), so the lexical spaces of the XSD types the
data may use are written out below from XML Schema 1.1 Part 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox

__all__ = ["Problem", "check_terms"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"

_YEAR = r"-?([1-9][0-9]{3,}|0[0-9]{3})"
_TZ = r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_MONTH = r"(0[1-9]|1[0-2])"
_DAY = r"(0[1-9]|[12][0-9]|3[01])"
_TIME = r"(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)"
LEXICAL = {
    "gYear": _YEAR + _TZ,
    "gYearMonth": f"{_YEAR}-{_MONTH}{_TZ}",
    "date": f"{_YEAR}-{_MONTH}-{_DAY}{_TZ}",
    "dateTime": f"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}{_TZ}",
    "integer": r"[+-]?[0-9]+",
    "nonNegativeInteger": r"\+?[0-9]+|-0+",
    "positiveInteger": r"\+?0*[1-9][0-9]*",
    "decimal": r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)",
    "boolean": r"true|false|1|0",
}
_LEXICAL_RE = {XSD + name: re.compile(pattern) for name, pattern in LEXICAL.items()}


def _closed_vocabularies() -> dict[str, object]:
    from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS
    from rdflib.namespace import XSD as RDFLIB_XSD

    return {str(ns): ns for ns in (SKOS, DCTERMS, ORG, PROV, FOAF, RDF, RDFS, OWL, RDFLIB_XSD)}


class Problem:
    """A statement that uses an unknown term or an ill-formed literal, and its named graph."""

    __slots__ = ("graph", "message", "predicate", "subject")

    def __init__(self, graph: str, subject: object, predicate: str, message: str) -> None:
        self.graph = graph
        self.subject = subject
        self.predicate = predicate
        self.message = message


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    return iri[:cut]


# Each query reads an index once, whatever the size of the data: the distinct predicates, the
# distinct classes, and the literals typed with an XSD datatype other than xsd:string (few in
# this data: years, counts). Only what they return is checked here, in Python.
_PREDICATES = "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } }"
_CLASSES = f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ ?s <{_RDF_TYPE}> ?c }} FILTER isIRI(?c) }}"
_TYPED = (
    "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER (isLiteral(?o) "
    f'&& DATATYPE(?o) != <{XSD}string> && STRSTARTS(STR(DATATYPE(?o)), "{XSD}")) }}'
)
_USES = "SELECT ?g ?s WHERE {{ GRAPH ?g {{ ?s {pattern} }} }}"


def check_terms(store: ox.Store) -> Iterator[Problem]:
    """Unknown terms of the reused vocabularies, unknown XSD datatypes and ill-formed literals."""
    from rdflib import URIRef

    vocabularies = _closed_vocabularies()

    def unknown(iri: str) -> str | None:
        ns = vocabularies.get(_namespace(iri))
        if ns is None or URIRef(iri) in ns:  # type: ignore[operator]
            return None
        return iri[len(_namespace(iri)) :]

    # Each unknown predicate, then each unknown class, with every statement that uses it.
    terms = [(row["p"].value, "", "{iri} ?o") for row in store.query(_PREDICATES)]
    terms += [(row["c"].value, "class ", f"<{_RDF_TYPE}> {{iri}}") for row in store.query(_CLASSES)]
    for iri, kind, pattern in terms:
        term = unknown(iri)
        if term is None:
            continue
        message = f"{kind}{term!r} is not a term of {_namespace(iri)}: check the spelling"
        predicate = iri if not kind else _RDF_TYPE
        for use in store.query(_USES.format(pattern=pattern.format(iri=f"<{iri}>"))):
            yield Problem(use["g"].value, use["s"], predicate, message)
    for row in store.query(_TYPED):
        o = row["o"]
        dt = o.datatype.value
        name = dt[len(XSD) :]
        where = (row["g"].value, row["s"], row["p"].value)
        if unknown(dt) is not None:
            yield Problem(*where, f"xsd:{name} is not an XML Schema datatype")
        elif dt in _LEXICAL_RE and not _LEXICAL_RE[dt].fullmatch(o.value):
            yield Problem(
                *where,
                f"{o.value!r} is not a valid xsd:{name} (expected e.g. "
                f"{_EXAMPLES.get(name, 'the XML Schema form')})",
            )


_EXAMPLES = {
    "gYear": '"2018"',
    "gYearMonth": '"2018-03"',
    "date": '"2018-03-15"',
    "dateTime": '"2018-03-15T09:30:00Z"',
    "integer": '"42"',
    "nonNegativeInteger": '"42"',
    "positiveInteger": '"42"',
    "decimal": '"4.2"',
    "boolean": '"true"',
}
