"""``query``: a named query, a .rq file or ad-hoc SPARQL, the command most often run.

Its path is the one kept short: this module imports click, the result formats and the
shared pieces only; the queries, the time limit and the store come when the command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..project import Project
from ..results import GRAPH_FORMATS, SELECT_FORMATS, TABLE_FORMATS
from .common import (
    emit,
    handle_errors,
    open_store,
    output_option,
    project_of,
    store_option,
    wide_option,
)

__all__ = ["query"]


def _complete_query_name(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[click.shell_completion.CompletionItem]:
    """Shell completion of ``query NAME``: the named queries, or a file for a path."""
    from click.shell_completion import CompletionItem

    if "/" in incomplete or incomplete.startswith("."):
        return [CompletionItem(incomplete, type="file")]
    from ..queries import list_queries

    try:
        queries = list_queries(Project(ctx.find_root().params.get("root")).queries_dir)
    except Exception:  # completion must never fail loudly: offer nothing
        return []
    return [CompletionItem(q.name, help=q.title) for q in queries if q.name.startswith(incomplete)]


@click.command()
@click.argument("name", required=False, metavar="NAME|FILE.rq", shell_complete=_complete_query_name)
@click.option("-e", "--expression", metavar="SPARQL", help="Run this SPARQL text instead.")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a parameter of the named query (repeatable).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(SELECT_FORMATS + GRAPH_FORMATS),
    help="table (default), csv, tsv, json, jsonl (one object per line), srj for SELECT and "
    "ASK (and --list); ttl (default), nt, jsonld for CONSTRUCT and DESCRIBE.",
)
@wide_option
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    envvar="ISC_GRAPH_TIMEOUT",
    default=60,
    show_default=True,
    metavar="SECONDS",
    help="Longest the query may take (default: $ISC_GRAPH_TIMEOUT, else 60).",
)
@store_option
@output_option
@click.pass_context
@handle_errors
def query(
    ctx: click.Context,
    name: str | None,
    expression: str | None,
    params: tuple[str, ...],
    fmt: str | None,
    wide: bool,
    list_: bool,
    timeout: float,
    store: str | None,
    output: Path | None,
) -> None:
    """Run a named query, a .rq file or ad-hoc SPARQL (-e) against the graph."""
    from ..errors import QueryError
    from ..limits import run_with_time_limit
    from ..queries import NamedQuery, list_queries, load_query, parse_params, run_query
    from ..results import format_records, render

    project = project_of(ctx)
    if list_:
        if fmt not in (None, *TABLE_FORMATS):
            raise QueryError(f"--list is written as {', '.join(TABLE_FORMATS)}, not {fmt}")
        rows = [
            [q.name, " ".join(str(p) for p in q.params), q.title]
            for q in list_queries(project.queries_dir)
        ]
        emit(
            format_records(["name", "parameters", "title"], rows, fmt or "table", wide=wide), output
        )
        return
    if name and expression:
        raise QueryError(f"give either a query ({name}) or -e 'SPARQL', not both")
    if not name and not expression:
        raise QueryError("give a query name, a .rq file or -e 'SPARQL' (see --list)")
    named = (
        NamedQuery.from_text("expression", expression)
        if expression
        else load_query(name, project.queries_dir)
    )
    given = parse_params(params)
    named.bindings(given)  # a wrong parameter is reported before the store is opened
    db = open_store(ctx, store)

    def answer() -> str:
        # A value may be given by name or in another case: bind the value it names.
        values = named.bindings(named.check_values(db, given))
        return render(run_query(db, named.text, values, name=named.name), fmt, wide=wide)

    emit(run_with_time_limit(answer, timeout), output)
