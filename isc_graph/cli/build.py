"""``build`` and ``validate``: the commands that read the sources rather than the store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import IscGraphError
from .common import emit, handle_errors, log, output_option, project_of, store_option

__all__ = ["build", "validate"]


@click.command()
@store_option
@click.option("--force", is_flag=True, help="Rebuild even if the store is up to date.")
@click.pass_context
@handle_errors
def build(ctx: click.Context, store: str | None, force: bool) -> None:
    """Validate ontology/ and data/, then load them into the store (atomically)."""
    from ..build import build as run_build

    verbose = ctx.find_root().params.get("verbose", False)
    from ..remote import is_remote, redact

    if is_remote(store):
        raise IscGraphError(
            f"{redact(store)} is a remote endpoint: build writes the embedded store; "
            "build it, then upload it with `isc-graph push URL`"
        )
    result = run_build(project_of(ctx), store, force=force, progress=log if verbose else None)
    click.echo(result.summary())


@click.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Report format.",
)
@click.option(
    "--engine",
    type=click.Choice(["sparql", "pyshacl"]),
    default="sparql",
    show_default=True,
    help="sparql: the shapes compiled to SPARQL over Oxigraph (what a build runs); pyshacl: "
    "the reference implementation (slow on large data).",
)
@output_option
@click.pass_context
@handle_errors
def validate(ctx: click.Context, fmt: str, engine: str, output: Path | None) -> None:
    """Check ontology/ and data/ against the shapes; the built graph is not touched.

    Exit 0 when the data conforms, 1 when it has violations, 2 on errors.
    """
    from ..build import validate as run_validate

    report = run_validate(project_of(ctx), engine=engine)
    if fmt == "json":
        import json

        text = json.dumps(report.as_dict(), indent=2) + "\n"
    else:
        text = "".join(f"{v}\n" for v in report.violations) + report.summary() + "\n"
    emit(text, output)
    sys.exit(0 if report.conforms else 1)
