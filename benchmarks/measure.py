"""What the benchmarks share: running one command in a fresh process, timed, with its own
peak memory, and the growth exponent of a curve."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["run_child", "save_chart", "slope"]

# ru_maxrss is in kilobytes on Linux, in bytes on macOS.
_RSS_UNIT = 1 if sys.platform == "darwin" else 1024


def run_child(
    argv: list[str], stderr_path: Path, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Run ``argv`` and return its wall seconds and peak resident MB.

    The child's resource usage comes from ``wait4`` on its process id, so each run's peak is
    its own, whatever ran before. A failed run stops the benchmark with the child's stderr.
    """
    with stderr_path.open("wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code:
        raise SystemExit(
            f"{' '.join(argv[:6])} … failed (exit {code}):\n"
            + stderr_path.read_text(encoding="utf-8", errors="replace")
        )
    return wall, usage.ru_maxrss * _RSS_UNIT / 1024 / 1024


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(y) on log(x): 1 is linear growth."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    num = sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True))
    den = sum((a - mx) ** 2 for a in lx)
    return num / den if den else float("nan")


def save_chart(
    path: Path, xs: list[float], series: dict[str, list[float]], *, x_label: str, title: str
) -> None:
    """Draw ``series`` against ``xs`` on log–log axes (isc_graph.svg) and write it to ``path``."""
    from isc_graph.svg import line_chart

    picture = line_chart(
        xs, series, x_label=x_label, y_label="seconds / GB (log scale)", title=title, log=True
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(picture + "\n", encoding="utf-8")
    print(f"Wrote {path}", file=sys.stderr)
