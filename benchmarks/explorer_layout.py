"""How the explorer export (``export -f html``) scales with the nodes of the graph.

For each size, a fresh Python process makes a synthetic graph (``isc_graph.synth``: 200
topics, 200 units, one resolution per 50 outcomes, as many outcomes as give about that many
nodes) in an in-memory store, untimed, and then times the export as the library runs it for
``isc-graph export -f html``: the selection, the property graph, the layout and the page.
Up to ``AGGREGATE_FROM`` (2,000) nodes the page draws every node; above, it opens on groups.
With ``--graphml`` the same process also times a GraphML export of the same graph.

It reports each export's seconds, the page's size, and the process's peak memory (resident
set, store included), and the growth exponent of the html export's time on a log–log scale.

    python benchmarks/explorer_layout.py                          # 1k, 10k, 100k nodes
    python benchmarks/explorer_layout.py --sizes 1000 3000 --graphml

Target on the 2-core build machine: a 100,000-node html export in under a minute.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from measure import run_child, slope

REPO = Path(__file__).resolve().parent.parent

# Nodes of a synthetic graph against its outcomes (measured from 450 to 80,000 outcomes):
# outcomes, their objectives, revisions and clauses grow together; the rest is fixed.
NODES_PER_OUTCOME = 1.242
FIXED_NODES = 460

CHILD = """
import sys, time
from isc_graph import synth
from isc_graph.export import export
outcomes, out, graphml = int(sys.argv[1]), sys.argv[2], sys.argv[3] == "1"
store = synth.load(synth.generate(
    outcomes=outcomes, topics=200, units=200, resolutions=max(outcomes // 50, 1), seed=0))
said = []
start = time.perf_counter()
page = export(store, "html", log=said.append)
html_s = time.perf_counter() - start
with open(out, "w", encoding="utf-8") as f:
    f.write(page)
sys.stderr.write("".join(f"explorer_layout: {m}\\n" for m in said))
sys.stderr.write(f"explorer_layout: html {html_s:.6f} s\\n")
if graphml:
    del page
    start = time.perf_counter()
    data = export(store, "graphml")
    sys.stderr.write(f"explorer_layout: graphml {time.perf_counter() - start:.6f} s "
                     f"{len(data)} bytes\\n")
"""
_NODES = re.compile(r"Built a graph of ([\d,]+) nodes, ([\d,]+) edges")
_HTML = re.compile(r"explorer_layout: html ([0-9.]+) s")
_GRAPHML = re.compile(r"explorer_layout: graphml ([0-9.]+) s (\d+) bytes")


def measure(nodes: int, graphml: bool) -> dict:
    """Time the html export (and GraphML, if asked) of a graph of about ``nodes`` nodes."""
    outcomes = max(round((nodes - FIXED_NODES) / NODES_PER_OUTCOME), 1)
    with tempfile.TemporaryDirectory(prefix="explorer-layout-") as tmp:
        page, err = Path(tmp, "page.html"), Path(tmp, "err")
        argv = [sys.executable, "-c", CHILD, str(outcomes), str(page), "1" if graphml else "0"]
        wall, peak_mb = run_child(argv, err)
        text = err.read_text(encoding="utf-8", errors="replace")
        built = _NODES.search(text)
        exported = _GRAPHML.search(text)
        return {
            "outcomes": outcomes,
            "nodes": int(built.group(1).replace(",", "")) if built else None,
            "edges": int(built.group(2).replace(",", "")) if built else None,
            "html_s": float(_HTML.search(text).group(1)),
            "page_mb": page.stat().st_size / 1024 / 1024,
            "graphml_s": float(exported.group(1)) if exported else None,
            "graphml_mb": int(exported.group(2)) / 1024 / 1024 if exported else None,
            "process_s": wall,
            "peak_mb": peak_mb,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--graphml", action="store_true", help="Also time a GraphML export.")
    args = parser.parse_args()
    rows = []
    for nodes in args.sizes:
        row = measure(nodes, args.graphml)
        rows.append(row)
        print(
            f"{row['nodes']:>8,} nodes: html {row['html_s']:6.1f} s ({row['page_mb']:.0f} MB)"
            + (f", graphml {row['graphml_s']:6.1f} s" if row["graphml_s"] is not None else "")
            + f", peak {row['peak_mb']:5.0f} MB",
            file=sys.stderr,
        )
    head = "| nodes | edges | html export | page | peak memory |"
    rule = "|---:|---:|---:|---:|---:|"
    if args.graphml:
        head, rule = head + " GraphML export | GraphML |", rule + "---:|---:|"
    print(head)
    print(rule)
    for r in rows:
        line = (
            f"| {r['nodes']:,} | {r['edges']:,} | {r['html_s']:.1f} s | {r['page_mb']:.1f} MB "
            f"| {r['peak_mb']:,.0f} MB |"
        )
        if args.graphml:
            line += f" {r['graphml_s']:.1f} s | {r['graphml_mb']:.0f} MB |"
        print(line)
    if len(rows) > 1:
        k = slope([r["nodes"] for r in rows], [r["html_s"] for r in rows])
        print(f"\nGrowth exponent of the html export (log–log slope): {k:.2f}")


if __name__ == "__main__":
    main()
