"""Paging long text on a terminal, as git does: ``$PAGER``, else ``less -FRX``."""

from __future__ import annotations

import os
import sys
from typing import TextIO

__all__ = ["is_terminal", "page"]


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is an interactive terminal (not a file, a pipe or a test runner)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def page(text: str, stream: TextIO | None = None) -> None:
    """Show ``text`` through the pager when ``stream`` (stdout) is a terminal, else write it.

    The pager is ``$PAGER`` run by the shell, as git runs it, else ``less`` with ``LESS=FRX``
    unless ``$LESS`` says otherwise: quit when the text fits one screen (-F), keep colours
    (-R), leave the text on the screen (-X). ``PAGER=cat`` or an empty ``PAGER`` turns it off.
    """
    out = stream or sys.stdout
    pager = os.environ.get("PAGER", "less")
    if not is_terminal(out) or not pager.strip() or pager.strip() == "cat":
        out.write(text)
        return
    import subprocess  # only for a terminal: text written to a pipe or a file needs none

    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    out.flush()
    try:
        proc = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        out.write(text)
        return
    try:
        assert proc.stdin is not None
        proc.stdin.write(text.encode(getattr(out, "encoding", None) or "utf-8", "replace"))
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end: not an error
        pass
    proc.wait()
