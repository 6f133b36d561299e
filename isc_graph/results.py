"""Turn query results into tables, CSV, TSV, JSON, SPARQL JSON or RDF.

``table``, ``csv``, ``tsv`` and ``json`` show entities by their short ids (``C2``, ``D.2-1``,
``BDT``) and literals by their plain value; ``srj`` is the standard SPARQL 1.1 Results JSON with
full IRIs, for programs. CONSTRUCT and DESCRIBE results are RDF: ``ttl``, ``nt`` or ``jsonld``.
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from .errors import QueryError
from .namespaces import PREFIXES, short_id

__all__ = ["GRAPH_FORMATS", "SELECT_FORMATS", "format_table", "render", "term_text"]

SELECT_FORMATS = ("table", "csv", "tsv", "json", "srj")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")
TABLE_CELL_MAX = 80

_RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def term_text(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    """The plain text of a term: short id for IRIs, value for literals, '' for unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short_id(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """Aligned columns under a dashed rule, for the terminal; long cells end in '…'.

    >>> print(format_table(["id", "label"], [["C2", "Infrastructure"]]), end="")
    id  label
    --  --------------
    C2  Infrastructure
    """

    def cell(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= TABLE_CELL_MAX else text[: TABLE_CELL_MAX - 1] + "…"

    body = [[cell(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join(lines) + "\n"


def _delimited(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    if delimiter == "\t":
        # TSV has no quoting: tabs and newlines inside values become spaces.
        clean = [[" ".join(c.split()) for c in row] for row in rows]
        out.write("\t".join(header) + "\n")
        out.writelines("\t".join(r) + "\n" for r in clean)
        return out.getvalue()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def render(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str | None) -> str:
    """Render a query result in ``fmt`` (None picks ``table`` or ``ttl``)."""
    if isinstance(result, ox.QueryBoolean):
        value = bool(result)
        if fmt == "srj":
            return json.dumps({"head": {}, "boolean": value}) + "\n"
        if fmt == "json":
            return json.dumps(value) + "\n"
        if fmt in GRAPH_FORMATS:
            raise QueryError(f"an ASK query answers true or false; --format {fmt} is for graphs")
        return ("true" if value else "false") + "\n"

    if isinstance(result, ox.QueryTriples):
        fmt = fmt or "ttl"
        if fmt not in GRAPH_FORMATS:
            raise QueryError(
                f"a CONSTRUCT or DESCRIBE query returns a graph; use --format "
                f"{', '.join(GRAPH_FORMATS)} (not {fmt})"
            )
        kwargs = {"prefixes": PREFIXES} if fmt == "ttl" else {}
        # Sorted, so that each subject's statements come together, predicates in order.
        triples = sorted(result, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        data = ox.serialize(triples, format=_RDF_FORMATS[fmt], **kwargs)
        return data.decode("utf-8")

    fmt = fmt or "table"
    if fmt in GRAPH_FORMATS:
        raise QueryError(
            f"a SELECT query returns a table; use --format {', '.join(SELECT_FORMATS)} (not {fmt})"
        )
    if fmt == "srj":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
    header = [v.value for v in result.variables]
    rows = [[term_text(sol[v]) for v in result.variables] for sol in result]
    if fmt == "json":
        objects = [
            {h: (c if c != "" else None) for h, c in zip(header, row, strict=True)} for row in rows
        ]
        return json.dumps(objects, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _delimited(header, rows, ",")
    if fmt == "tsv":
        return _delimited(header, rows, "\t")
    return format_table(header, rows)
