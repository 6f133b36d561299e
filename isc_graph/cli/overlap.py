"""``overlap`` and ``report``: the overlap analysis, as one document or as the report folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import IscGraphError
from .common import (
    emit,
    emit_stream,
    graph_file_option,
    handle_errors,
    open_store,
    output_option,
    project_of,
    store_option,
)

__all__ = ["overlap", "report"]


def _analysis_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The parameters shared by ``overlap`` and ``report``."""
    for option in reversed(
        [
            click.option(
                "--threshold",
                type=click.FloatRange(0, 1, min_open=True),
                default=0.5,
                show_default=True,
                help="Jaccard similarity from which two outcomes' contributions are similar "
                "(inclusive).",
            ),
            click.option(
                "--min-units",
                type=click.IntRange(min=2),
                default=2,
                show_default=True,
                help="How many units engaged on one topic make a shared engagement.",
            ),
            click.option(
                "--text-threshold",
                type=click.FloatRange(0, 1, min_open=True),
                default=0.7,
                show_default=True,
                help="Token similarity from which two mandates' actions are near-duplicates.",
            ),
            graph_file_option,
            store_option,
        ]
    ):
        func = option(func)
    return func


def _analyse(ctx: click.Context, store: str | None, graph_file: Path | None, **params: Any):
    """The overlap report of the store, or of the RDF file ``graph_file``."""
    from ..overlap import analyse

    db = open_store(ctx, store, graph_file)
    # The roll-up of units to Sectors is the project's named query unit-sectors.
    return analyse(db, queries_dir=project_of(ctx).queries_dir, **params)


@click.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "md", "html"]),
    default="md",
    show_default=True,
)
@_analysis_options
@output_option
@click.pass_context
@handle_errors
def overlap(ctx: click.Context, fmt: str, output: Path | None, **analysis: Any) -> None:
    """Where units overlap and where nobody works: six analyses, each finding with its sources."""
    from ..overlap import to_csv, write_json
    from ..overlap.render import render_html, render_markdown

    report = _analyse(ctx, **analysis)
    if fmt == "json":
        emit_stream(lambda out: write_json(report, out), output)
        return
    if fmt == "csv":
        text = to_csv(report)
    elif fmt == "html":
        text = render_html(report)
    else:
        text = render_markdown(report)
    emit(text, output)


@click.command()
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("isc-graph-report"),
    show_default=True,
    help="Folder to write overlap-report.html, .md and .json into.",
)
@_analysis_options
@click.pass_context
@handle_errors
def report(ctx: click.Context, out_dir: Path, **analysis: Any) -> None:
    """The main job: build the graph if needed, run the overlap analysis, write the reports."""
    from ..overlap import write_json
    from ..overlap.render import render_html, render_markdown, summary_lines

    result = _analyse(ctx, **analysis)
    files = {
        "overlap-report.html": render_html(result),
        "overlap-report.md": render_markdown(result),
        "overlap-report.json": None,  # streamed: it lists every similar pair
    }
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            if text is None:
                with (out_dir / name).open("w", encoding="utf-8") as out:
                    write_json(result, out)
            else:
                (out_dir / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise IscGraphError(f"{out_dir}: cannot write the report: {exc.strerror}") from None
    for line in summary_lines(result):
        click.echo(line)
    click.echo(f"Wrote {', '.join(str(out_dir / n) for n in files)}")
