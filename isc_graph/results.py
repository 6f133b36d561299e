"""Turn query results into tables, CSV, TSV, JSON, JSON lines, SPARQL JSON or RDF.

``table``, ``csv``, ``tsv``, ``json`` and ``jsonl`` (one JSON object per line) show entities by
their short ids (``C2``, ``D.2-1``, ``BDT``) and literals by their plain value; ``srj`` is the
standard SPARQL 1.1 Results JSON with full IRIs, for programs. CONSTRUCT and DESCRIBE results
are RDF: ``ttl``, ``nt`` or ``jsonld``.
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from .errors import QueryError
from .namespaces import PREFIXES, short_id

__all__ = [
    "GRAPH_FORMATS",
    "SELECT_FORMATS",
    "TABLE_FORMATS",
    "format_records",
    "format_table",
    "render",
    "term_text",
]

SELECT_FORMATS = ("table", "csv", "tsv", "json", "jsonl", "srj")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")
# The formats of a plain table of rows (query --list, stats): SELECT's without srj.
TABLE_FORMATS = ("table", "csv", "tsv", "json", "jsonl")
TABLE_CELL_MAX = 80
# Names and titles are cut sooner, so that a row with ids and their names fits a terminal.
LABEL_CELL_MAX = 40

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


def _is_label(column: str) -> bool:
    return column in ("label", "title") or column.endswith(("_label", "_title"))


def format_table(header: list[str], rows: list[list[str]], *, wide: bool = False) -> str:
    """Aligned columns under a dashed rule, for the terminal.

    A cell longer than 80 characters (40 in a name or title column: ``label``, ``title``,
    ``*_label``, ``*_title``) is cut and ends in '…'; ``wide`` keeps every cell whole.

    >>> print(format_table(["id", "label"], [["C2", "Infrastructure"]]), end="")
    id  label
    --  --------------
    C2  Infrastructure
    >>> long = [["C2", "Information and Communication Infrastructure"]]
    >>> print(format_table(["id", "label"], long), end="")
    id  label
    --  ----------------------------------------
    C2  Information and Communication Infrastru…
    """

    def cell(text: str, limit: int | None) -> str:
        text = " ".join(text.split())
        return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"

    limits = [None if wide else LABEL_CELL_MAX if _is_label(h) else TABLE_CELL_MAX for h in header]
    body = [[cell(c, limit) for c, limit in zip(row, limits, strict=True)] for row in rows]
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


def format_records(
    header: list[str], rows: list[list[str]], fmt: str = "table", *, wide: bool = False
) -> str:
    """Rows of plain text as ``table``, ``csv``, ``tsv``, ``json`` or ``jsonl``.

    In JSON an empty cell is ``null``; ``jsonl`` writes one object per line.

    >>> print(format_records(["id", "label"], [["C2", ""]], "jsonl"), end="")
    {"id": "C2", "label": null}
    """
    if fmt in ("json", "jsonl"):
        objects = [
            {h: (c if c != "" else None) for h, c in zip(header, row, strict=True)} for row in rows
        ]
        if fmt == "jsonl":
            return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)
        return json.dumps(objects, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _delimited(header, rows, ",")
    if fmt == "tsv":
        return _delimited(header, rows, "\t")
    if fmt != "table":
        raise QueryError(f"a table is written as {', '.join(TABLE_FORMATS)}, not {fmt}")
    return format_table(header, rows, wide=wide)


def render(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    fmt: str | None,
    *,
    wide: bool = False,
) -> str:
    """Render a query result in ``fmt`` (None picks ``table`` or ``ttl``).

    ``wide`` keeps long cells of the table whole (see :func:`format_table`).
    """
    if isinstance(result, ox.QueryBoolean):
        value = bool(result)
        if fmt == "srj":
            return json.dumps({"head": {}, "boolean": value}) + "\n"
        if fmt in ("json", "jsonl"):
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
    return format_records(header, rows, fmt, wide=wide)
