"""Progress of long work (a build of large files, an overlap of a large graph, a large export).

One helper for every place, so that all progress looks and behaves the same: a bar on standard
error, drawn only when standard error is a terminal; off when it is a pipe or a file (as in
scripts, CI and tests), so that output stays clean for the programs that read it.

The bar is `tqdm <https://tqdm.github.io/>`_'s: a maintained, pure-Python library with no
dependencies of its own, which writes to stderr by default, redraws at most a few times a
second and already knows how to switch itself off when its stream is not a terminal (rich
would do the same, but brings Pygments and markdown-it with it for a one-line bar).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any, TypeVar

__all__ = ["progress", "steps", "ticking"]

T = TypeVar("T")


def _disabled(file: IO[str], force: bool | None) -> bool:
    if force is not None:
        return not force
    isatty = getattr(file, "isatty", None)
    return not (isatty is not None and isatty())


def progress(
    iterable: Iterable[T] | None = None,
    *,
    total: int | None = None,
    desc: str = "",
    unit: str = "it",
    unit_scale: bool = False,
    force: bool | None = None,
    file: IO[str] | None = None,
) -> Any:
    """A progress bar over ``iterable`` (or one to ``update()`` by hand, up to ``total``).

    Drawn on ``file`` (default: standard error) only when it is a terminal, or when ``force``
    is True; ``force=False`` never draws it. Iterating it yields the items of ``iterable``.

    >>> import io
    >>> out = io.StringIO()
    >>> list(progress(range(3), desc="files", file=out)), out.getvalue()
    ([0, 1, 2], '')
    """
    from tqdm import tqdm

    stream = file if file is not None else sys.stderr
    return tqdm(
        iterable,
        total=total,
        desc=desc,
        unit=unit,
        unit_scale=unit_scale,
        file=stream,
        disable=_disabled(stream, force),
        leave=False,
        dynamic_ncols=True,
    )


@contextmanager
def steps(
    desc: str, total: int, *, force: bool | None = None, file: IO[str] | None = None
) -> Iterator[Callable[[str], None]]:
    """A bar over ``total`` coarse steps; ``step(name)`` starts the next one and shows its name.

    >>> import io
    >>> out = io.StringIO()
    >>> with steps("overlap", 2, force=True, file=out) as step:
    ...     step("reading the graph")
    ...     step("comparing outcomes")
    >>> "overlap" in out.getvalue() and "comparing outcomes" in out.getvalue()
    True
    """
    bar = progress(total=total, desc=desc, unit="step", force=force, file=file)
    started = False

    def step(name: str) -> None:
        nonlocal started
        if started:
            bar.update()
        started = True
        bar.set_postfix_str(name)

    try:
        yield step
        if started:
            bar.update()
    finally:
        bar.close()


@contextmanager
def ticking(bar: Any, interval: float = 0.5) -> Iterator[None]:
    """Redraw ``bar`` every ``interval`` seconds while the block runs.

    A bar redraws when it is updated; one long step that cannot report as it goes (the bulk
    load of a large file, done in Rust) would freeze it. Redrawn, its elapsed time keeps
    counting, so that a long build visibly works.
    """
    if getattr(bar, "disable", True):
        yield
        return
    done = threading.Event()

    def tick() -> None:
        while not done.wait(interval):
            bar.refresh()

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
