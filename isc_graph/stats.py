"""Counts that tell what the graph holds: triples, entities per class, facts per document."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from .namespaces import GRAPH, short_id
from .queries import run_query
from .results import format_table

__all__ = ["Stats", "stats", "stats_text"]

_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class }
GROUP BY ?class ORDER BY DESC(?n) ?class"""

_PER_DOCUMENT = """
SELECT ?doc (SAMPLE(?label) AS ?title) (COUNT(DISTINCT ?fact) AS ?facts) (COUNT(?d) AS ?passages)
WHERE {
  ?fact prov:qualifiedDerivation ?d . ?d prov:entity ?doc .
  OPTIONAL { ?doc skos:prefLabel ?label }
} GROUP BY ?doc ORDER BY ?doc"""

_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@dataclass
class Stats:
    """What ``isc-graph stats`` reports."""

    triples: int
    graphs: list[tuple[str, int]]
    classes: list[tuple[str, int]]
    documents: list[tuple[str, str, int, int]]

    def as_dict(self) -> dict:
        return {
            "triples": self.triples,
            "graphs": dict(self.graphs),
            "entities_per_class": dict(self.classes),
            "facts_per_document": [
                {"document": d, "title": t, "facts": f, "passages": p}
                for d, t, f, p in self.documents
            ],
        }

    def records(self) -> list[dict]:
        """The counts as flat records, one per row of each table, for JSON lines: each has
        ``table`` (``triples``, ``graphs``, ``entities_per_class``, ``facts_per_document``)."""
        return [
            {"table": "triples", "triples": self.triples},
            *({"table": "graphs", "graph": g, "triples": n} for g, n in self.graphs),
            *({"table": "entities_per_class", "class": c, "entities": n} for c, n in self.classes),
            *(
                {
                    "table": "facts_per_document",
                    "document": d,
                    "title": t,
                    "facts": f,
                    "passages": p,
                }
                for d, t, f, p in self.documents
            ),
        ]


def stats(store: ox.Store) -> Stats:
    """Count the graph's triples, entities per class and facts per source document."""
    graphs = [
        (s["g"].value.removeprefix(GRAPH), int(s["n"].value)) for s in run_query(store, _PER_GRAPH)
    ]
    classes = [(short_id(s["class"].value), int(s["n"].value)) for s in run_query(store, _CLASSES)]
    documents = [
        (
            short_id(s["doc"].value),
            s["title"].value if s["title"] else "",
            int(s["facts"].value),
            int(s["passages"].value),
        )
        for s in run_query(store, _PER_DOCUMENT)
    ]
    return Stats(sum(n for _g, n in graphs), graphs, classes, documents)


def stats_text(s: Stats, *, wide: bool = False) -> str:
    """The terminal view of the counts (``wide``: titles whole, not cut).

    Here rather than beside ``show``'s text in :mod:`isc_graph.render_text`, so that
    ``stats`` does not import the description code it never uses."""
    parts = [f"Triples: {s.triples}\n", "\nTriples per graph\n"]
    parts.append(format_table(["graph", "triples"], [[g, str(n)] for g, n in s.graphs], wide=wide))
    parts.append("\nEntities per class\n")
    parts.append(
        format_table(["class", "entities"], [[c, str(n)] for c, n in s.classes], wide=wide)
    )
    parts.append("\nFacts per source document\n")
    parts.append(
        format_table(
            ["document", "facts", "passages", "title"],
            [[d, str(f), str(p), t] for d, t, f, p in s.documents],
            wide=wide,
        )
    )
    return "".join(parts)
