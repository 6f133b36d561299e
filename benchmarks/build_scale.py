"""How a build (load + SHACL validation + swap) scales, against a bare pyoxigraph bulk load.

For each size, a project is made in a temporary folder: the repository's ontology, queries
and data, plus ``data/synth.ttl``, a synthetic corpus that conforms to the shapes
(``isc_graph.synth``) of about that many triples (written untimed). Then, each in a fresh
process:

* ``isc-graph build`` as a user runs it (fingerprint, bulk load of every file into a new
  generation, validation against ``ontology/shapes.ttl``, graph counts, swap), and
* a bare Python process that bulk-loads the same files, each into its named graph, into a
  fresh on-disk Oxigraph store with ``Store.bulk_load`` and nothing else.

It reports seconds, triples per second and peak memory (resident set) of both, and their
ratio. Targets on the 2-core build machine: ratio at most 2 at a million triples, peak
memory under 2 GB, cost growing linearly.

    python benchmarks/build_scale.py                               # 10k, 100k, 1M triples
    python benchmarks/build_scale.py --sizes 10000 100000 1000000 10000000
    python benchmarks/build_scale.py --svg docs/benchmarks/build-scale.svg
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from measure import run_child, save_chart, slope

REPO = Path(__file__).resolve().parent.parent

BARE = """
import sys
from pathlib import Path
import pyoxigraph as ox
root, store = Path(sys.argv[1]), ox.Store(sys.argv[2])
files = [p for p in sorted((root / "ontology").glob("*.ttl")) if p.name != "shapes.ttl"]
for p in files:
    store.bulk_load(path=str(p), format=ox.RdfFormat.TURTLE, base_iri=p.as_uri(),
                    to_graph=ox.NamedNode("https://w3id.org/isc-graph/graph/ontology"))
for p in sorted((root / "data").glob("*.ttl")):
    store.bulk_load(path=str(p), format=ox.RdfFormat.TURTLE, base_iri=p.as_uri(),
                    to_graph=ox.NamedNode("https://w3id.org/isc-graph/graph/" + p.stem))
store.flush()
print(len(store))
"""
# Synthetic triples per outcome with 200 topics and units and one resolution per 50
# outcomes (measured on 20,000 outcomes); sizes are reached to within a few per cent.
TRIPLES_PER_OUTCOME = 17.6


def make_project(folder: Path, triples: int) -> int:
    """A copy of the repository's project with a synthetic corpus of about ``triples``."""
    from isc_graph import synth

    for part in ("ontology", "queries", "data"):
        shutil.copytree(REPO / part, folder / part, ignore=shutil.ignore_patterns("*.md"))
    outcomes = max(int(triples / TRIPLES_PER_OUTCOME), 1)
    return synth.write(
        folder / "data" / "synth.ttl",
        outcomes=outcomes,
        topics=200,
        units=200,
        resolutions=max(outcomes // 50, 1),
        seed=0,
    )


def measure(target: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="build-scale-") as tmp:
        project, err = Path(tmp, "project"), Path(tmp, "err")
        synthetic = make_project(project, target)
        files_mb = sum(p.stat().st_size for p in project.rglob("*.ttl")) / 1024 / 1024
        env = {**os.environ, "ISC_GRAPH_STORE": str(Path(tmp, "store"))}
        build_s, build_mb = run_child(
            [sys.executable, "-m", "isc_graph", "--root", str(project), "build"], err, env
        )
        manifest = next(Path(tmp, "store").glob("g-*/manifest.json")).read_text()

        triples = json.loads(manifest)["triples"]
        bare_s, bare_mb = run_child(
            [sys.executable, "-c", BARE, str(project), str(Path(tmp, "bare"))], err
        )
        return {
            "synthetic": synthetic,
            "triples": triples,
            "files_mb": files_mb,
            "build_s": build_s,
            "build_mb": build_mb,
            "bare_s": bare_s,
            "bare_mb": bare_mb,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--svg", type=Path, help="Write the curve as an SVG picture here.")
    args = parser.parse_args()
    rows = []
    for target in args.sizes:
        row = measure(target)
        rows.append(row)
        print(
            f"{row['triples']:>10,} triples ({row['files_mb']:.0f} MB of Turtle): build "
            f"{row['build_s']:6.1f} s, {row['build_mb']:5.0f} MB; bare bulk_load "
            f"{row['bare_s']:6.1f} s, {row['bare_mb']:5.0f} MB; ratio "
            f"{row['build_s'] / row['bare_s']:.2f}",
            file=sys.stderr,
        )
    print(
        "| triples (synthetic file + repository and derived) | build + validate | triples/s "
        "| peak memory | bare bulk_load | triples/s | peak memory | ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['triples']:,} ({r['synthetic']:,} + {r['triples'] - r['synthetic']:,}) "
            f"| {r['build_s']:.1f} s | {r['triples'] / r['build_s']:,.0f} "
            f"| {r['build_mb']:,.0f} MB | {r['bare_s']:.1f} s "
            f"| {r['triples'] / r['bare_s']:,.0f} | {r['bare_mb']:,.0f} MB "
            f"| {r['build_s'] / r['bare_s']:.2f} |"
        )
    xs = [r["triples"] for r in rows]
    if len(rows) > 1:
        build_k = slope(xs, [r["build_s"] for r in rows])
        bare_k = slope(xs, [r["bare_s"] for r in rows])
        print(f"\nGrowth exponent (log–log slope): build {build_k:.2f}, bare {bare_k:.2f}")
    if args.svg:
        series = {
            "build + validate (s)": [r["build_s"] for r in rows],
            "bare bulk_load (s)": [r["bare_s"] for r in rows],
            "build peak memory (GB)": [r["build_mb"] / 1024 for r in rows],
        }
        save_chart(
            args.svg,
            xs,
            series,
            x_label="triples (log scale)",
            title="isc-graph build against a bare bulk load",
        )


if __name__ == "__main__":
    main()
