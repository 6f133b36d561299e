"""Score the extractors against the curated facts of the five seed reports.

Usage: .venv/bin/python benchmarks/extract_score.py [SEEDS_DIR] [--details]

SEEDS_DIR defaults to REPO/../shared/seeds. Each seed is read with
isc_graph.extract.readers.read_document (a paragraph-per-line fallback when that module is
missing), candidates come from extract_all with an EntityIndex of the repository's graph
(built into a temporary store), and are compared with the facts data/doc-00N.ttl records for
that seed. The seed of each source document is the one its isc:SourceDocument names
(isc:seedFile, shown with its title).

Curated facts are read by SPARQL from the built store, each restricted to the document's
named graph <https://w3id.org/isc-graph/graph/doc-00N>. What makes an extracted fact equal to
a curated one, per relation type:

citation        the cited instrument, revision or document symbol: same id; or the report
                names only the work ("Res.140") and the curated citation is a revision of it.
                Curated: isc:cites of the document whose target is an isc:Resolution,
                isc:Revision or isc:Decision, or a Council document / Service Order symbol
                (named reports, strategies and web pages are out of scope).
mandate         same verb + same set of addressees + same source (revision, else instrument,
                else the conference that decided it, else none). Curated: isc:Mandate nodes.
                Counted as multisets, so two clauses with the same verb, addressees and
                revision need two extracted clauses.
action-line-role  same agent + role + action line. Curated: isc:Engagement whose topic is an
                isc:ActionLine.
contribution    same outcome + same SDG or action line. Curated: isc:contributesToSDG and
                isc:contributesToActionLine of the outcomes.
thematic-area   same area name (case, spacing, punctuation and "&"/"and" ignored). Curated:
                isc:ThematicArea nodes.
composition     same body + member + role. Curated: org:Membership nodes.
meeting-count   same body + count. Curated: isc:MeetingCount nodes.
engagement      same agent + role + topic. Curated: isc:Engagement whose topic is not an
                action line.

Extracted facts are de-duplicated per document before counting (a report that repeats its
abstract in its body states each fact once). precision = extracted facts equal to a curated
one / extracted facts; recall = curated facts equal to an extracted one / curated facts;
verbatim = extracted candidates whose quote occurs in the seed's text (whitespace runs
collapsed, as the curated data's quotes are checked).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from isc_graph.build import build  # noqa: E402
from isc_graph.extract.extractors import extract_all  # noqa: E402
from isc_graph.extract.index import EntityIndex, normalise_name, short_id  # noqa: E402
from isc_graph.extract.model import Block, Candidate, Document  # noqa: E402
from isc_graph.project import Project  # noqa: E402
from isc_graph.store import StoreLocation  # noqa: E402

KINDS = [
    "citation",
    "mandate",
    "action-line-role",
    "contribution",
    "thematic-area",
    "composition",
    "meeting-count",
    "engagement",
]
TARGETS = {  # kind -> (min precision, min recall or None)
    "citation": (0.9, 0.8),
    "action-line-role": (0.9, 0.8),
    "contribution": (0.9, 0.8),
}
PREFIXES = """
PREFIX isc: <https://w3id.org/isc-graph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""


def read(path: Path) -> Document:
    """The seed as the product reads it, or a paragraph-per-line fallback."""
    try:
        from isc_graph.extract.readers import read_document
    except ImportError:
        lines = [re.sub(r"\s+", " ", x).strip() for x in path.read_text("utf-8").splitlines()]
        blocks = [Block(f"line {n}", x) for n, x in enumerate(lines, 1) if x]
        return Document(str(path), blocks=blocks)
    return read_document(path)


def curated(store, graph: str) -> dict[str, list[tuple]]:
    """The curated facts of one document's graph, as comparable keys per relation type."""
    facts: dict[str, list[tuple]] = {k: [] for k in KINDS}
    for r in _select(
        store,
        graph,
        """
        SELECT ?c WHERE { GRAPH GRAPH_IRI { ?d a isc:SourceDocument ; isc:cites ?c }
          ?c skos:notation ?n .
          OPTIONAL { ?c a ?t }
          FILTER(?t IN (isc:Resolution, isc:Revision, isc:Decision)
                 || REGEX(?n, "^(C[0-9]{2}/|SO-)")) }""",
    ):
        facts["citation"].append((r["c"],))
    for r in _select(
        store,
        graph,
        """
        SELECT ?m ?verb ?src (GROUP_CONCAT(STR(?a); separator=" ") AS ?addressed) WHERE {
          GRAPH GRAPH_IRI { ?m a isc:Mandate }
          OPTIONAL { ?m isc:verb ?verb }
          OPTIONAL { ?m isc:revision|isc:instrument|isc:decidedAt ?src }
          OPTIONAL { ?m isc:addressee ?a } } GROUP BY ?m ?verb ?src""",
    ):
        addressees = frozenset(short_id(a) for a in (r["addressed"] or "").split())
        facts["mandate"].append((r["verb"], addressees, r["src"]))
    for r in _select(
        store,
        graph,
        """
        SELECT DISTINCT ?a ?r ?t ?al WHERE { GRAPH GRAPH_IRI { ?e a isc:Engagement }
          ?e isc:agent ?a ; isc:role ?role ; isc:topic ?t . ?role skos:notation ?r .
          BIND(EXISTS { ?t a isc:ActionLine } AS ?al) }""",
    ):
        kind = "action-line-role" if r["al"] == "true" else "engagement"
        facts[kind].append((r["a"], r["r"], r["t"]))
    for r in _select(
        store,
        graph,
        """
        SELECT DISTINCT ?o ?t WHERE { GRAPH GRAPH_IRI {
          ?o isc:contributesToSDG|isc:contributesToActionLine ?t } }""",
    ):
        facts["contribution"].append((r["o"], r["t"]))
    for r in _select(
        store,
        graph,
        """
        SELECT DISTINCT ?l WHERE { GRAPH GRAPH_IRI { ?x a isc:ThematicArea }
          ?x skos:prefLabel ?l }""",
    ):
        facts["thematic-area"].append((normalise_name(r["l"]),))
    for r in _select(
        store,
        graph,
        """
        SELECT DISTINCT ?o ?m ?r WHERE { GRAPH GRAPH_IRI { ?x a org:Membership }
          ?x org:organization ?o ; org:member ?m ; org:role ?role . ?role skos:notation ?r }""",
    ):
        facts["composition"].append((r["o"], r["m"], r["r"]))
    for r in _select(
        store,
        graph,
        """
        SELECT DISTINCT ?b ?n WHERE { GRAPH GRAPH_IRI { ?x a isc:MeetingCount }
          ?b isc:meetingCount ?x . ?x isc:count ?n }""",
    ):
        facts["meeting-count"].append((r["b"], int(r["n"])))
    return facts


def _select(store, graph: str, query: str) -> list[dict[str, str | None]]:
    text = PREFIXES + query.replace("GRAPH_IRI", f"<{graph}>")
    out = []
    result = store.query(text, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    for row in result:
        out.append({n: (short_id(row[n].value) if row[n] is not None else None) for n in names})
    return out


def key(c: Candidate) -> tuple:
    """The comparable key of an extracted candidate (see the module docstring)."""
    f = c.facts
    if c.kind == "citation":
        return (c.subject,)
    if c.kind == "mandate":
        src = f.get("revision") or f.get("instrument") or f.get("conference")
        return (f["verb"], frozenset(f["addressees"]), src)
    if c.kind == "action-line-role":
        return (f["agent"], f["role"], f["action_line"])
    if c.kind == "contribution":
        return (f["outcome"], f["target"])
    if c.kind == "thematic-area":
        return (normalise_name(f["area"]),)
    if c.kind == "composition":
        return (f["body"], f["member"], f["role"])
    if c.kind == "meeting-count":
        return (f["body"], f["count"])
    if c.kind == "engagement":
        return (f["agent"], f["role"], f["topic"])
    raise ValueError(c.kind)


def _dedupe_key(c: Candidate) -> tuple:
    if c.kind == "mandate":
        return (*key(c), normalise_name(c.facts.get("action", "")))
    return key(c)


def citation_equal(revisions_of: dict[str, str]) -> Callable:
    """Equal ids, or a work-only citation of the work a curated revision revises."""

    def equal(ext: tuple, cur: tuple) -> bool:
        if ext == cur:
            return True
        return revisions_of.get(cur[0]) == ext[0]

    return equal


def score(extracted: list[tuple], curated_keys: list[tuple], equal: Callable) -> tuple[int, int]:
    """(extracted facts equal to a curated one, curated facts equal to an extracted one)."""
    good = sum(1 for e in extracted if any(equal(e, c) for c in curated_keys))
    found = sum(1 for c in curated_keys if any(equal(e, c) for e in extracted))
    return good, found


def multiset_score(extracted: list[tuple], curated_keys: list[tuple]) -> tuple[int, int]:
    both = Counter(extracted) & Counter(curated_keys)
    n = sum(both.values())
    return n, n


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seeds", nargs="?", default=str(REPO.parent / "shared" / "seeds"))
    parser.add_argument("--details", action="store_true", help="list misses and extra facts")
    args = parser.parse_args(argv)
    seeds = Path(args.seeds)
    with tempfile.TemporaryDirectory(prefix="isc-extract-score-") as tmp:
        build(Project(REPO), store=Path(tmp) / "store")
        store = StoreLocation(Path(tmp) / "store").open_read_only()
        index = EntityIndex.from_store(store)
        revisions_of: dict[str, str] = {}
        for r in store.query(
            PREFIXES + "SELECT ?r ?w WHERE { ?r isc:revisionOf ?w }",
            use_default_graph_as_union=True,
        ):
            revisions_of[short_id(r["r"].value)] = short_id(r["w"].value)
        docs = [
            (short_id(r["d"].value), r["f"].value, r["t"].value)
            for r in store.query(
                PREFIXES + "SELECT ?d ?f ?t WHERE { ?d a isc:SourceDocument ; isc:seedFile ?f ; "
                "skos:prefLabel ?t } ORDER BY ?d",
                use_default_graph_as_union=True,
            )
        ]
        totals = {k: Counter() for k in KINDS}
        for doc_id, seed_file, title in docs:
            path = seeds / seed_file
            if not path.is_file():
                print(f"{doc_id}: seed {path} not found", file=sys.stderr)
                return 2
            print(f"{doc_id} = {seed_file}: {title}")
            document = read(path)
            raw = _ws(path.read_text("utf-8"))
            candidates = extract_all(document, index)
            graph = f"https://w3id.org/isc-graph/graph/{doc_id}"
            cur = curated(store, graph)
            for kind in KINDS:
                mine = [c for c in candidates if c.kind == kind]
                verbatim = sum(1 for c in mine if _ws(c.passage.quote) in raw)
                unique: dict[tuple, Candidate] = {}
                for c in mine:
                    unique.setdefault(_dedupe_key(c), c)
                ext_keys = [key(c) for c in unique.values()]
                if kind == "mandate":
                    good, found = multiset_score(ext_keys, cur[kind])
                elif kind == "citation":
                    ext_keys = sorted(set(ext_keys))
                    good, found = score(
                        ext_keys, sorted(set(cur[kind])), citation_equal(revisions_of)
                    )
                else:
                    ext_keys = sorted(set(ext_keys), key=str)
                    good, found = score(ext_keys, sorted(set(cur[kind]), key=str), tuple.__eq__)
                n_cur = len(cur[kind]) if kind == "mandate" else len(set(cur[kind]))
                t = totals[kind]
                t["curated"] += n_cur
                t["extracted"] += len(ext_keys)
                t["good"] += good
                t["found"] += found
                t["quotes"] += len(mine)
                t["verbatim"] += verbatim
                if args.details:
                    _details(kind, ext_keys, cur[kind], kind == "citation", revisions_of)
        print()
        return _table(totals)


def _details(kind, ext_keys, cur_keys, citation, revisions_of) -> None:
    def eq(e, c):
        return e == c or (citation and revisions_of.get(c[0]) == e[0])

    extra = [e for e in ext_keys if not any(eq(e, c) for c in cur_keys)]
    missed = [c for c in set(cur_keys) if not any(eq(e, c) for e in ext_keys)]
    for e in extra:
        print(f"  {kind:17} extra   {_fmt(e)}")
    for c in sorted(missed, key=str):
        print(f"  {kind:17} missed  {_fmt(c)}")


def _fmt(k: tuple) -> str:
    return " | ".join(",".join(sorted(x)) if isinstance(x, frozenset) else str(x) for x in k)


def _table(totals: dict[str, Counter]) -> int:
    head = (
        f"{'relation type':17} {'curated':>7} {'extracted':>9} {'matched':>7} "
        f"{'precision':>9} {'recall':>6} {'verbatim':>8}"
    )
    print(head)
    print("-" * len(head))
    missed = []
    for kind in KINDS:
        t = totals[kind]
        precision = t["good"] / t["extracted"] if t["extracted"] else float("nan")
        recall = t["found"] / t["curated"] if t["curated"] else float("nan")
        verbatim = 100.0 * t["verbatim"] / t["quotes"] if t["quotes"] else 100.0
        print(
            f"{kind:17} {t['curated']:7d} {t['extracted']:9d} {t['good']:7d} "
            f"{precision:9.2f} {recall:6.2f} {verbatim:7.1f}%"
        )
        min_p, min_r = TARGETS.get(kind, (0.9, None))
        if t["extracted"] and precision < min_p:
            missed.append(f"{kind}: precision {precision:.2f} < {min_p}")
        if min_r is not None and recall < min_r:
            missed.append(f"{kind}: recall {recall:.2f} < {min_r}")
        if verbatim < 100.0:
            missed.append(f"{kind}: {verbatim:.1f}% of quotes verbatim")
    print()
    print("matched: extracted facts equal to a curated one (recall counts curated facts found)")
    for line in missed:
        print("target missed:", line)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
