"""How the overlap analysis scales with the number of outcomes (synthetic graphs).

For each size, a fresh Python process generates a synthetic graph (``isc_graph.synth``) with
200 topics, 200 units and one resolution per 50 outcomes, loads it into an in-memory
Oxigraph store, then runs the full analysis (``isc_graph.overlap.analyse``: the SPARQL reads,
the six analyses and the evidence of every finding). It reports the analysis time, the
process's peak memory (resident set, which includes the store and the generator), and the
fitted growth exponent of time against outcomes on a log–log scale (1 is linear).

    python benchmarks/overlap_scale.py                         # 1k … 100k outcomes
    python benchmarks/overlap_scale.py --sizes 1000 10000      # some sizes only
    python benchmarks/overlap_scale.py --svg docs/benchmarks/overlap-scale.svg

Target on the 2-core build machine: 100,000 outcomes by 200 topics in under 30 s and 2 GB.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

# Each size runs in its own process, so that peak memory is that size's alone.
CHILD = """
import json, resource, sys, time
from isc_graph import synth
from isc_graph.overlap import analyse
n = int(sys.argv[1])
t0 = time.perf_counter()
store = synth.load(synth.generate(outcomes=n, topics=200, units=200,
                                  resolutions=max(n // 50, 1), seed=0))
t1 = time.perf_counter()
report = analyse(store, threshold=0.5, min_units=2, seed=0)
t2 = time.perf_counter()
print(json.dumps({
    "outcomes": n, "triples": len(store), "load_s": t1 - t0, "analysis_s": t2 - t1,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "similar_pairs": len(report.similar_pairs), "signature_groups": len(report.signature_groups),
}))
"""


def measure(n: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(n)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(y) on log(x)."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    num = sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True))
    den = sum((a - mx) ** 2 for a in lx)
    return num / den if den else float("nan")


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
            f"{n:>7} outcomes: {row['triples']:>9} triples, load {row['load_s']:5.1f} s, "
            f"analysis {row['analysis_s']:5.1f} s, peak {row['peak_mb']:6.0f} MB",
            file=sys.stderr,
        )
    print("| outcomes | triples | similar pairs | analysis | peak memory |")
    print("|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['outcomes']:,} | {r['triples']:,} | {r['similar_pairs']:,} | "
            f"{r['analysis_s']:.1f} s | {r['peak_mb']:,.0f} MB |"
        )
    if len(rows) > 1:
        k = slope([r["outcomes"] for r in rows], [r["analysis_s"] for r in rows])
        print(f"\nGrowth exponent of the analysis time (log–log slope): {k:.2f}")
    if args.svg:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from isc_graph.svg import line_chart

        xs = [r["outcomes"] for r in rows]
        picture = line_chart(
            xs,
            {
                "analysis (s)": [r["analysis_s"] for r in rows],
                "peak memory (GB)": [r["peak_mb"] / 1024 for r in rows],
                "linear, for reference (s)": [rows[-1]["analysis_s"] * x / xs[-1] for x in xs],
            },
            x_label="outcomes (log scale), 200 topics",
            y_label="seconds / GB (log scale)",
            title="Overlap analysis: time and memory against outcomes",
            log=True,
        )
        args.svg.parent.mkdir(parents=True, exist_ok=True)
        args.svg.write_text(picture + "\n", encoding="utf-8")
        print(f"Wrote {args.svg}", file=sys.stderr)


if __name__ == "__main__":
    main()
