"""``stats``: what the graph holds, in numbers."""

from __future__ import annotations

from pathlib import Path

import click

from .common import emit, handle_errors, open_store, output_option, store_option, wide_option

__all__ = ["stats"]


@click.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    help="text (tables), json, or jsonl: one object per line, each with its table.",
)
@wide_option
@store_option
@output_option
@click.pass_context
@handle_errors
def stats(ctx: click.Context, fmt: str, wide: bool, store: str | None, output: Path | None) -> None:
    """Triples, entities per class and facts per source document."""
    import json

    from ..stats import stats as run_stats
    from ..stats import stats_text

    s = run_stats(open_store(ctx, store))
    if fmt == "json":
        text = json.dumps(s.as_dict(), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in s.records())
    else:
        text = stats_text(s, wide=wide)
    emit(text, output)
