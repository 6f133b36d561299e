"""``export``: the graph, or a selection of it, in the formats of graph tools and browsers."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import IscGraphError
from .common import emit, graph_file_option, handle_errors, log, open_store, store_option

__all__ = ["EXPORT_FORMATS", "export"]

# The export formats, listed here so that `export --help` does not import the exporters.
EXPORT_FORMATS = [
    "graphml",
    "gexf",
    "cyjs",
    "nodelink",
    "dot",
    "html",
    "ttl",
    "trig",
    "nt",
    "jsonld",
    "svg",
    "png",
]


@click.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="graphml, gexf, cyjs, nodelink, dot, html (the explorer), ttl, trig, nt, jsonld, "
    "svg or png (drawn by Graphviz).",
)
@click.option("--focus", metavar="ID", help="Only the neighbourhood of this entity (short id).")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="How many links from --focus.",
)
@click.option(
    "--types",
    metavar="T1,T2",
    help="Only entities of these classes (Bureau, isc:Outcome, sdgo:Goal …).",
)
@click.option(
    "--query",
    "query_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Start from the result of this CONSTRUCT query.",
)
@graph_file_option
@store_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to FILE (needed for graphml, gexf and png, which are binary).",
)
@click.pass_context
@handle_errors
def export(
    ctx: click.Context,
    fmt: str,
    focus: str | None,
    depth: int,
    types: str | None,
    query_file: Path | None,
    graph_file: Path | None,
    store: str | None,
    output: Path | None,
) -> None:
    """Export the graph, or a selection of it, for Gephi, Cytoscape, yEd, Graphviz or a browser."""
    from ..export import BINARY
    from ..export import export as run_export

    if output is None and fmt in BINARY:
        raise IscGraphError(f"--format {fmt} is binary: give a file with -o FILE")
    data = run_export(
        open_store(ctx, store, graph_file),
        fmt,
        focus=focus,
        depth=depth,
        types=[t for t in types.split(",") if t.strip()] if types else None,
        query=query_file,
        log=log,
    )
    if isinstance(data, bytes) and output is not None:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise IscGraphError(f"{output}: cannot write: {exc.strerror}") from None
        log(f"Wrote {output}")
        return
    emit(data.decode("utf-8") if isinstance(data, bytes) else data, output)
