"""How the overlap command scales with the number of outcomes (synthetic graphs), end to end.

For each size, a synthetic graph (``isc_graph.synth``: 200 topics, 200 units, one resolution
per 50 outcomes) is written to a temporary N-Quads file, untimed. Then the command is timed as
a user runs it, in a fresh Python process:

    isc-graph overlap --graph FILE -f json -o OUT

that is, start-up, reading the file into a store, the full analysis (the SPARQL reads, the
six analyses and the evidence of every finding) and writing the JSON report. It reports the
command's wall time, the analysis's share of it, the report's size and the child process's
peak memory (resident set), and the fitted growth exponent of time against outcomes on a
log–log scale (1 is linear).

The analysis's share is measured inside the same run: the child is ``python -m isc_graph``
run through :mod:`runpy`, as ``-m`` does, with ``isc_graph.overlap.analyse`` wrapped to note
its own time; no option is added to the command.

    python benchmarks/overlap_scale.py                         # 1k … 100k outcomes
    python benchmarks/overlap_scale.py --sizes 1000 10000      # some sizes only
    python benchmarks/overlap_scale.py --svg docs/benchmarks/overlap-scale.svg

Target on the 2-core build machine: 100,000 outcomes by 200 topics in under 30 s and 2 GB.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from measure import run_child, save_chart, slope

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# ``python -m isc_graph ARGS`` with the analysis timed: the wrapper is installed before the
# command's modules are imported, so however the command reaches ``analyse``, it is this one.
CHILD = """
import runpy, sys, time
import isc_graph.overlap as overlap
analyse = overlap.analyse
def timed(*args, **kwargs):
    start = time.perf_counter()
    try:
        return analyse(*args, **kwargs)
    finally:
        sys.stderr.write(f"overlap_scale: analysis {time.perf_counter() - start:.6f} s\\n")
overlap.analyse = timed
sys.argv[0] = "isc-graph"
runpy.run_module("isc_graph", run_name="__main__", alter_sys=True)
"""
_ANALYSIS = re.compile(r"^overlap_scale: analysis ([0-9.]+) s$", re.MULTILINE)
_PAIRS = re.compile(r'"similar_pairs": (\d+)')


def measure(n: int) -> dict:
    """Write a graph of ``n`` outcomes (untimed), then time the overlap command on it."""
    from isc_graph import synth

    with tempfile.TemporaryDirectory(prefix="overlap-scale-") as tmp:
        graph, report, err = Path(tmp, "synth.nq"), Path(tmp, "overlap.json"), Path(tmp, "err")
        quads = synth.write(
            graph, outcomes=n, topics=200, units=200, resolutions=max(n // 50, 1), seed=0
        )
        args = ["overlap", "--graph", str(graph), "-f", "json", "-o", str(report)]
        wall, peak_mb = run_child([sys.executable, "-c", CHILD, *args], err)
        found = _ANALYSIS.search(err.read_text(encoding="utf-8", errors="replace"))
        with report.open(encoding="utf-8") as f:
            pairs = _PAIRS.search(f.read(4096))  # the summary leads the report
        return {
            "outcomes": n,
            "quads": quads,
            "file_mb": graph.stat().st_size / 1024 / 1024,
            "command_s": wall,
            "analysis_s": float(found.group(1)) if found else None,
            "report_mb": report.stat().st_size / 1024 / 1024,
            "peak_mb": peak_mb,
            "similar_pairs": int(pairs.group(1)) if pairs else None,
        }


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000, 30000, 100000])
    parser.add_argument("--svg", type=Path, help="Write the curve as an SVG picture here.")
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        row = measure(n)
        rows.append(row)
        print(
            f"{n:>7} outcomes: {row['quads']:>9} quads ({row['file_mb']:.0f} MB), command "
            f"{row['command_s']:5.1f} s (analysis {_s(row['analysis_s'])}), report "
            f"{row['report_mb']:.0f} MB, peak {row['peak_mb']:6.0f} MB",
            file=sys.stderr,
        )
    print(
        "| outcomes | quads | similar pairs | command (wall) | of which analysis "
        "| JSON report | peak memory |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        pairs = "–" if r["similar_pairs"] is None else f"{r['similar_pairs']:,}"
        print(
            f"| {r['outcomes']:,} | {r['quads']:,} | {pairs} | {r['command_s']:.1f} s | "
            f"{_s(r['analysis_s'])} | {r['report_mb']:,.0f} MB | {r['peak_mb']:,.0f} MB |"
        )
    xs = [r["outcomes"] for r in rows]
    timed = [r for r in rows if r["analysis_s"]]
    if len(rows) > 1:
        k = slope(xs, [r["command_s"] for r in rows])
        print(f"\nGrowth exponent of the command's time (log–log slope): {k:.2f}")
        if len(timed) > 1:
            k = slope([r["outcomes"] for r in timed], [r["analysis_s"] for r in timed])
            print(f"Growth exponent of the analysis time (log–log slope): {k:.2f}")
    if args.svg:
        series = {"command (s)": [r["command_s"] for r in rows]}
        if len(timed) == len(rows):
            series["analysis (s)"] = [r["analysis_s"] for r in rows]
        series["peak memory (GB)"] = [r["peak_mb"] / 1024 for r in rows]
        series["linear, for reference (s)"] = [rows[-1]["command_s"] * x / xs[-1] for x in xs]
        save_chart(
            args.svg,
            xs,
            series,
            x_label="outcomes (log scale), 200 topics",
            title="isc-graph overlap --graph: time and memory against outcomes",
        )


if __name__ == "__main__":
    main()
