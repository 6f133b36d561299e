"""What the commands share: error reporting, the common options, output, the project, the store.

Kept light on purpose: every command imports this module, so anything heavy (the build, the
remote store) is imported inside the function that needs it, only when it does.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from ..errors import EXIT_ERROR, IscGraphError, StoreDamaged, ValidationFailed
from ..project import Project

if TYPE_CHECKING:
    from ..store import StoreLocation

__all__ = [
    "emit",
    "emit_stream",
    "handle_errors",
    "log",
    "open_store",
    "output_option",
    "project_of",
    "store_location",
    "store_option",
    "wide_option",
]


def log(message: str) -> None:
    """A progress or status line: on standard error, so that standard output stays the data."""
    click.echo(message, err=True)


def _print_violations(report: Any) -> None:
    for v in report.violations:
        click.echo(str(v), err=True)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
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
                _print_traceback()
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted; the previous graph is unchanged.", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except Exception as exc:
            if verbose:
                _print_traceback()
            text = " ".join(str(exc).split())
            if "Corruption" in text:  # RocksDB found damage while reading, not when opening
                message = (
                    f"the store is damaged ({text.split(' The file ')[0]}): run "
                    "`isc-graph build --force` to rebuild it from the sources"
                )
            else:
                message = f"unexpected {type(exc).__name__}: {exc} (run with -v for details)"
            click.echo(f"Error: {message}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


def _print_traceback() -> None:
    import traceback  # only with -v, after an error: a successful command never needs it

    traceback.print_exc()


def store_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--store PATH``: the store folder, or a remote endpoint for the read commands."""
    return click.option(
        "--store",
        "store",
        metavar="PATH",
        envvar="ISC_GRAPH_STORE",
        help="Store folder (default: $ISC_GRAPH_STORE, else the per-user data folder).",
    )(func)


def graph_file_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--graph FILE``: read an RDF file (from ``synth``, a download …) instead of the store."""
    return click.option(
        "--graph",
        "graph_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Read the RDF in this file (.nq, .trig, .nt, .ttl or .rdf, e.g. from `synth`) "
        "instead of the store.",
    )(func)


def output_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``-o FILE``: write the command's output to a file rather than standard output."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True, path_type=Path),
        help="Write to FILE instead of standard output.",
    )(func)


def wide_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--wide``: tables print long cells whole."""
    return click.option(
        "--wide",
        is_flag=True,
        help="Print long cells of the table whole (else names are cut at 40 characters, "
        "other cells at 80, with …).",
    )(func)


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` and say so on standard error."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise IscGraphError(f"{output}: cannot write: {exc.strerror}") from None
    log(f"Wrote {output}")


def emit_stream(write: Callable[[TextIO], None], output: Path | None) -> None:
    """Like :func:`emit`, for output too large to hold as one string."""
    if output is None:
        write(sys.stdout)  # the stream click's runner captures in tests, too
        return
    try:
        with output.open("w", encoding="utf-8") as out:
            write(out)
    except OSError as exc:
        raise IscGraphError(f"{output}: cannot write: {exc.strerror}") from None
    log(f"Wrote {output}")


def project_of(ctx: click.Context) -> Project:
    """The project that ``--root`` (or $ISC_GRAPH_ROOT, or this checkout) names."""
    project = Project(ctx.find_root().params.get("root"))
    project.require_named_root()
    return project


def store_location(ctx: click.Context, store: str | None) -> StoreLocation:
    """The embedded store's location, built first if the sources changed.

    An up-to-date store (the usual case) is recognised here with the manifest check alone,
    so that a read command does not import the build and, through it, rdflib and pySHACL;
    anything else (no store yet, changed sources, a damaged store) goes to
    :func:`isc_graph.build.ensure_built`, which decides and reports as always.
    """
    from ..store import StoreLocation, is_up_to_date, resolve_store_path

    project = project_of(ctx)
    location = StoreLocation(resolve_store_path(store))
    if project.is_project():
        try:
            if is_up_to_date(project, location):
                return location
        except StoreDamaged:
            pass  # ensure_built reports it and rebuilds
    elif location.exists():
        return location  # no sources here: a store built elsewhere is used as it is
    from ..build import ensure_built

    return ensure_built(project, store, log=log)


def open_store(ctx: click.Context, store: str | None, graph_file: Path | None = None) -> Any:
    """The graph to read: the RDF file ``graph_file`` (in memory, beside the project's
    ontology and the definitions in data/ of what it points at), a remote SPARQL endpoint, or
    the embedded store (read-only)."""
    from ..store import is_remote

    if graph_file is not None:
        from ..rdf_file import open_graph_file

        project = project_of(ctx)
        return open_graph_file(graph_file, project.ontology_dir, data_dir=project.data_dir)

    if is_remote(store):
        from ..remote import RemoteStore  # the HTTP client: only for an endpoint

        return RemoteStore(store)
    return store_location(ctx, store).open_read_only()
