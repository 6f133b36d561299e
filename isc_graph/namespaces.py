"""IRIs of the project, prefixes, and short ids.

A short id is what users type and read: ``C2``, ``D.2-1``, ``BDT``, ``5`` for SDG 5. By the data
conventions it is the last segment of an entity's IRI (and its ``skos:notation``), so turning an
IRI into its short id needs no store lookup.
"""

from __future__ import annotations

__all__ = [
    "GRAPH",
    "ID",
    "ONT",
    "PREFIXES",
    "SDG",
    "graph_iri",
    "prefixed",
    "short_id",
]

ID = "https://w3id.org/isc-graph/id/"
ONT = "https://w3id.org/isc-graph/ontology#"
GRAPH = "https://w3id.org/isc-graph/graph/"
SDG = "http://metadata.un.org/sdg/"

PREFIXES: dict[str, str] = {
    "": ID,
    "isc": ONT,
    "sp20": ID + "sp2020-2023/",
    "sp24": ID + "sp2024-2027/",
    "role": ID + "role/",
    "mapping": ID + "mapping/",
    "sdg": SDG,
    "sdgo": "http://metadata.un.org/sdg/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}

# Longest namespace first, so that sp20: wins over the bare id namespace.
_BY_LENGTH = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def graph_iri(name: str) -> str:
    """The IRI of the named graph that holds one source file's facts.

    >>> graph_iri("doc-004")
    'https://w3id.org/isc-graph/graph/doc-004'
    """
    return GRAPH + name


def short_id(iri: str) -> str:
    """The short id of an entity IRI, or a prefixed name for vocabulary terms.

    >>> short_id("https://w3id.org/isc-graph/id/sp2020-2023/D.2-1")
    'D.2-1'
    >>> short_id("http://metadata.un.org/sdg/5")
    '5'
    >>> short_id("http://www.w3.org/ns/org#Membership")
    'org:Membership'
    >>> short_id("https://example.org/x")
    'https://example.org/x'
    """
    if iri.startswith(ID) or (iri.startswith(SDG) and "#" not in iri):
        return iri.rstrip("/").rsplit("/", 1)[-1]
    return prefixed(iri)


def prefixed(iri: str) -> str:
    """A prefixed name for ``iri`` if a known prefix fits, else the IRI itself.

    >>> prefixed("https://w3id.org/isc-graph/ontology#Mandate")
    'isc:Mandate'
    """
    for ns, prefix in _BY_LENGTH:
        if iri.startswith(ns):
            local = iri[len(ns) :]
            if local and all(c.isalnum() or c in "-_." for c in local) and not local.endswith("."):
                return f"{prefix}:{local}"
    return iri


def sparql_prefixes() -> str:
    """PREFIX declarations for every known prefix, for ad-hoc queries."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
