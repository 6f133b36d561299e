"""``diff``: what changed between two revisions of a resolution, two thematic-area lists, or
two versions of the graph (git revisions, RDF files, stores)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..diff.render import FORMATS, render
from ..errors import IscGraphError
from .common import (
    emit,
    handle_errors,
    open_store,
    output_option,
    project_of,
    store_option,
    wide_option,
)

if TYPE_CHECKING:
    from ..diff.model import DiffReport

__all__ = ["diff"]

USAGE = (
    "say what to compare: OLD NEW (two revisions of a resolution, e.g. Res191-2014 "
    "Res191-2018), thematic-areas OLD_YEAR NEW_YEAR, or --from REF [--to REF] (two versions "
    "of the graph)"
)


@click.command()
@click.argument("args", nargs=-1, metavar="[OLD NEW | thematic-areas OLD_YEAR NEW_YEAR]")
@click.option(
    "--from",
    "from_ref",
    metavar="REF",
    help="The old version of the graph: a git revision (HEAD~1, a tag), WORKTREE, an RDF "
    "file (.nq, .trig, .nt, .ttl), a store folder or a project folder.",
)
@click.option(
    "--to",
    "to_ref",
    metavar="REF",
    help="The new version, as --from (default: WORKTREE, the files as they are).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text (tables), md (Markdown), html (one page), json or csv (one row per table row).",
)
@wide_option
@store_option
@output_option
@click.pass_context
@handle_errors
def diff(
    ctx: click.Context,
    args: tuple[str, ...],
    from_ref: str | None,
    to_ref: str | None,
    fmt: str,
    wide: bool,
    store: str | None,
    output: Path | None,
) -> None:
    """What changed: two revisions of a resolution, two thematic-area lists, two graph versions.

    \b
      isc-graph diff Res191-2014 Res191-2018        clauses of two revisions
      isc-graph diff thematic-areas 2019 2022       two lists of thematic areas
      isc-graph diff --from HEAD~1 [--to WORKTREE]  statements added and removed

    The first two read the built graph (--store); the third loads each version itself. A
    version's blank nodes (derivations, engagements) are compared by content, so loading the
    same files twice shows no change. The exit status is 0 whether or not anything differs
    (as with git diff), 2 on bad input.
    """
    if from_ref is not None or to_ref is not None:
        if args:
            raise IscGraphError(f"give either --from/--to or {' '.join(args)}, not both")
        if from_ref is None:
            raise IscGraphError("--to needs --from: the version to compare it with")
        report = _versions(ctx, from_ref, to_ref or "WORKTREE")
    elif args and args[0] == "thematic-areas":
        if len(args) != 3:
            raise IscGraphError("thematic-areas takes two years: thematic-areas OLD_YEAR NEW_YEAR")
        from ..diff.themes import compare_theme_lists

        report = compare_theme_lists(open_store(ctx, store), args[1], args[2])
    elif len(args) == 2:
        from ..diff.revisions import compare_revisions

        report = compare_revisions(open_store(ctx, store), args[0], args[1], lang=_lang(ctx))
    else:
        raise IscGraphError(USAGE)
    emit(render(report, fmt, wide=wide), output)


def _lang(ctx: click.Context) -> str | None:
    return ctx.find_root().params.get("lang")


def _versions(ctx: click.Context, old_ref: str, new_ref: str) -> DiffReport:
    from ..diff.versions import compare_versions, open_version

    project = project_of(ctx)
    old, old_name = open_version(old_ref, project)
    new, new_name = open_version(new_ref, project)
    return compare_versions(old, new, old_name=old_name, new_name=new_name, lang=_lang(ctx))
