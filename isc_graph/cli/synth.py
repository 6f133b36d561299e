"""``synth``: synthetic graphs of any size, for the benchmarks."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import IscGraphError
from .common import handle_errors, log

__all__ = ["synth"]


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write: .nq (N-Quads), or .ttl / .nt (N-Triples, which is Turtle: "
    "data/synth.ttl joins the project's build).",
)
@click.option("--outcomes", type=click.IntRange(min=0), default=10000, show_default=True)
@click.option(
    "--topics",
    type=click.IntRange(min=18),
    default=200,
    show_default=True,
    help="SDGs, WSIS action lines and synthetic sub-lines of them: outcomes contribute to "
    "the SDGs and action lines, units are engaged on the lines and sub-lines.",
)
@click.option("--units", type=click.IntRange(min=0), default=200, show_default=True)
@click.option(
    "--resolutions",
    type=click.IntRange(min=0),
    help="Resolutions, with one to three revisions each  [default: one per 50 outcomes].",
)
@click.option("--seed", type=int, default=0, show_default=True)
@handle_errors
def synth(
    output: Path, outcomes: int, topics: int, units: int, resolutions: int | None, seed: int
) -> None:
    """Write a synthetic graph shaped like the real one, of any size (for benchmarks)."""
    from ..synth import write

    try:
        n = write(
            output,
            outcomes=outcomes,
            topics=topics,
            units=units,
            resolutions=resolutions if resolutions is not None else max(outcomes // 50, 1),
            seed=seed,
        )
    except ValueError as exc:
        raise IscGraphError(str(exc)) from None
    except OSError as exc:
        raise IscGraphError(f"{output}: cannot write: {exc.strerror}") from None
    log(f"Wrote {n} statements to {output}")
