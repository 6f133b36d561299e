"""The ``isc-graph`` command line: thin wrappers around the library.

Exit codes (pySHACL's contract, used by every command): 0 success, 1 the data does not
conform to the shapes, 2 any other error (bad input, missing store, unknown query …).
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import EXIT_ERROR, IscGraphError, ValidationFailed
from .project import Project
from .results import GRAPH_FORMATS, SELECT_FORMATS, format_table

__all__ = ["main"]


def _log(message: str) -> None:
    click.echo(message, err=True)


def _print_violations(report: Any) -> None:
    for v in report.violations:
        click.echo(str(v), err=True)


def _handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one ``Error: …`` line and an exit code; -v adds the traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        verbose = click.get_current_context().find_root().params.get("verbose", False)
        try:
            return func(*args, **kwargs)
        except ValidationFailed as exc:
            _print_violations(exc.report)
            click.echo(
                f"Error: {exc} Nothing was loaded; the previous graph is unchanged.", err=True
            )
            sys.exit(exc.exit_code)
        except IscGraphError as exc:
            if verbose:
                traceback.print_exc()
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted; the previous graph is unchanged.", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except Exception as exc:
            if verbose:
                traceback.print_exc()
            click.echo(
                f"Error: unexpected {type(exc).__name__}: {exc} (run with -v for details)", err=True
            )
            sys.exit(EXIT_ERROR)

    return wrapper


def store_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--store",
        "store",
        metavar="PATH",
        envvar="ISC_GRAPH_STORE",
        help="Store folder (default: $ISC_GRAPH_STORE, else the per-user data folder).",
    )(func)


def output_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True, path_type=Path),
        help="Write to FILE instead of standard output.",
    )(func)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise IscGraphError(f"{output}: cannot write: {exc.strerror}") from None
    _log(f"Wrote {output}")


def _project(ctx: click.Context) -> Project:
    project = Project(ctx.find_root().params.get("root"))
    project.require_named_root()
    return project


def _open(ctx: click.Context, store: str | None):
    from .build import ensure_built

    return ensure_built(_project(ctx), store, log=_log).open_read_only()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="isc-graph")
@click.option(
    "--root",
    metavar="DIR",
    envvar="ISC_GRAPH_ROOT",
    help="Project folder holding ontology/, data/ and queries/ (default: this checkout).",
)
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks on errors.")
def main(root: str | None, verbose: bool) -> None:
    """A knowledge graph of ITU's inter-sectoral coordination, and tools to question it."""


@main.command()
@store_option
@click.option("--force", is_flag=True, help="Rebuild even if the store is up to date.")
@click.pass_context
@_handle_errors
def build(ctx: click.Context, store: str | None, force: bool) -> None:
    """Validate ontology/ and data/, then load them into the store (atomically)."""
    from .build import build as run_build

    verbose = ctx.find_root().params.get("verbose", False)
    result = run_build(_project(ctx), store, force=force, progress=_log if verbose else None)
    click.echo(result.summary())


@main.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Report format.",
)
@output_option
@click.pass_context
@_handle_errors
def validate(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Check ontology/ and data/ against the shapes; load nothing.

    Exit 0 when the data conforms, 1 when it has violations, 2 on errors.
    """
    from .build import validate as run_validate

    report = run_validate(_project(ctx))
    if fmt == "json":
        text = json.dumps(report.as_dict(), indent=2) + "\n"
    else:
        text = "".join(f"{v}\n" for v in report.violations) + report.summary() + "\n"
    _emit(text, output)
    sys.exit(0 if report.conforms else 1)


@main.command()
@click.argument("name", required=False, metavar="NAME|FILE.rq")
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
    help="table (default), csv, tsv, json, srj for SELECT and ASK; "
    "ttl (default), nt, jsonld for CONSTRUCT and DESCRIBE.",
)
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@store_option
@output_option
@click.pass_context
@_handle_errors
def query(
    ctx: click.Context,
    name: str | None,
    expression: str | None,
    params: tuple[str, ...],
    fmt: str | None,
    list_: bool,
    store: str | None,
    output: Path | None,
) -> None:
    """Run a named query, a .rq file or ad-hoc SPARQL (-e) against the graph."""
    from .errors import QueryError
    from .queries import NamedQuery, list_queries, load_query, parse_params, run_query
    from .results import render

    project = _project(ctx)
    if list_:
        rows = [
            [q.name, " ".join(str(p) for p in q.params), q.title]
            for q in list_queries(project.queries_dir)
        ]
        _emit(format_table(["name", "parameters", "title"], rows), output)
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
    bindings = named.bindings(given)
    db = _open(ctx, store)
    named.check_values(db, given)
    result = run_query(db, named.text, bindings, name=named.name)
    _emit(render(result, fmt), output)


@main.command()
@click.argument("ident", metavar="ID")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@store_option
@output_option
@click.pass_context
@_handle_errors
def show(ctx: click.Context, ident: str, fmt: str, store: str | None, output: Path | None) -> None:
    """Everything about one entity (C2, D.2-1, BDT, ISC-TF, Res191 or an IRI), with sources."""
    from .describe import describe
    from .render_text import description_text

    d = describe(_open(ctx, store), ident)
    text = (
        json.dumps(d.as_dict(), indent=2, ensure_ascii=False) + "\n"
        if fmt == "json"
        else description_text(d)
    )
    _emit(text, output)


@main.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@store_option
@output_option
@click.pass_context
@_handle_errors
def stats(ctx: click.Context, fmt: str, store: str | None, output: Path | None) -> None:
    """Triples, entities per class and facts per source document."""
    from .render_text import stats_text
    from .stats import stats as run_stats

    s = run_stats(_open(ctx, store))
    text = json.dumps(s.as_dict(), indent=2) + "\n" if fmt == "json" else stats_text(s)
    _emit(text, output)
