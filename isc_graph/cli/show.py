"""``show``: everything about one entity, paged on a terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import emit, handle_errors, open_store, output_option, store_option

__all__ = ["show"]


@click.command()
@click.argument("ident", metavar="ID")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--all", "full", is_flag=True, help="List every link and every text in full (text format)."
)
@click.option("--no-pager", is_flag=True, help="Do not page the text on a terminal.")
@store_option
@output_option
@click.pass_context
@handle_errors
def show(
    ctx: click.Context,
    ident: str,
    fmt: str,
    full: bool,
    no_pager: bool,
    store: str | None,
    output: Path | None,
) -> None:
    """Everything about one entity, by id (C2, D.2-1, BDT, Res191), name or IRI, with sources.

    The text groups the facts and folds long lists (10 shown, the rest counted; --all lists
    them). On a terminal it goes through $PAGER (else `less -FRX`); -f json has everything.
    """
    from ..describe import describe
    from ..render_text import description_text

    d = describe(open_store(ctx, store), ident)
    if fmt == "json":
        import json

        emit(json.dumps(d.as_dict(), indent=2, ensure_ascii=False) + "\n", output)
        return
    text = description_text(d, full=full)
    if output is not None or no_pager:
        emit(text, output)
        return
    from ..pager import page

    page(text, sys.stdout)
