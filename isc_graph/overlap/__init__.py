"""Overlap and gap detection: where two units work on the same thing, and where nobody does.

Objective I.6 and Resolution 191 ask the secretariat to "identify all forms and examples of
overlapping functions and activities". :func:`analyse` reads what it needs from the store
with a few SPARQL queries, builds typed networkx graphs and runs six analyses; each finding
carries the passages it rests on and one sentence saying why it was flagged.

>>> from isc_graph.overlap import analyse          # doctest: +SKIP
>>> report = analyse(store, threshold=0.5)          # doctest: +SKIP
>>> report.to_dict()["summary"]                     # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from ..namespaces import ID
from ..progress import steps
from .engagements import SharedEngagement, shared_engagements, unit_topic_graph
from .gaps import Gap, action_lines_without_lead, sdg_gaps, thematic_areas_without_units
from .mandates import DuplicatePair, InactiveAddressee, mandate_duplicates, unreported_addressees
from .model import Evidence, Source, to_plain
from .outcomes import (
    SignatureGroup,
    SimilarPair,
    SimilarPairs,
    identical_signatures,
    signature_groups,
    similar_pairs,
)
from .read import Inputs, evidence_of, read_inputs
from .structure import Centrality, Community, actor_topic_graph, centrality, communities

__all__ = ["OverlapReport", "analyse", "analyse_inputs", "to_csv", "write_json"]


@dataclass
class OverlapReport:
    """The findings of :func:`analyse`; ``to_dict()`` is the JSON report."""

    parameters: dict
    counts: dict
    signature_groups: list[SignatureGroup]
    similar_pairs: SimilarPairs | list[SimilarPair]
    shared_engagements: list[SharedEngagement]
    mandate_duplicates: list[DuplicatePair]
    unreported_addressees: list[InactiveAddressee]
    gaps: dict[str, list[Gap]]
    actor_centrality: list[Centrality]
    topic_centrality: list[Centrality]
    communities: list[Community]
    # The networkx graphs behind the findings, for pictures: "units" (unit–topic) and
    # "network" (actor–topic).
    graphs: dict = field(default_factory=dict)
    # The documents the passages come from (source documents and reference texts).
    sources: list[Source] = field(default_factory=list)
    # The labels of SDGs ("SDG 5"), targets ("SDG target 5.b") and action lines, for tables.
    labels: dict[str, str] = field(default_factory=dict)
    # What changed: the latest two revisions of each resolution with clauses in both, and the
    # latest two thematic-area lists (isc_graph.diff.model.DiffReport each).
    changes: list = field(default_factory=list)

    def citations(self) -> dict[str, list[str]]:
        """For each document id, the sections of the JSON report whose findings quote it
        (``shared_engagements``, ``gaps.targets_without_outcomes`` …), in report order."""
        found: dict[str, list[str]] = defaultdict(list)

        def cite(section: str, evidence: Iterator[Evidence]) -> None:
            for doc in sorted({e.document for e in evidence}):
                found[doc].append(section)

        cite("signature_groups", (e for g in self.signature_groups for e in g.evidence))
        if isinstance(self.similar_pairs, SimilarPairs):
            cite("similar_pairs", self.similar_pairs.cited())
        else:
            cite("similar_pairs", (e for p in self.similar_pairs for e in p.evidence))
        cite("shared_engagements", (e for s in self.shared_engagements for e in s.evidence))
        cite("mandate_duplicates.pairs", (e for d in self.mandate_duplicates for e in d.evidence))
        cite(
            "mandate_duplicates.unreported_addressees",
            (e for a in self.unreported_addressees for e in a.evidence),
        )
        for kind, gaps in self.gaps.items():
            cite(f"gaps.{kind}", (e for g in gaps for e in g.evidence))
        cite("changes", self._change_evidence())
        return dict(found)

    def _change_evidence(self) -> Iterator[Evidence]:
        """The passages of the clauses the revision comparisons show."""
        for r in self.changes:
            for c in r.data.get("clauses", []):
                for side in (c["old"], c["new"]):
                    for e in (side or {}).get("evidence", []):
                        yield Evidence(e["document"], e["locator"], e["quote"])

    def sources_dicts(self) -> list[dict]:
        """The ``sources`` of the JSON report: each document with where it is cited."""
        cited = self.citations()
        return [{**to_plain(s), "cited_in": cited.get(s.id, [])} for s in self.sources]

    def summary(self) -> dict[str, int]:
        """How many findings of each kind."""
        return {
            "signature_groups": len(self.signature_groups),
            "similar_pairs": len(self.similar_pairs),
            "shared_engagements": len(self.shared_engagements),
            "uncoordinated_shared_engagements": sum(
                s.status == "uncoordinated" for s in self.shared_engagements
            ),
            "inter_sectoral_shared_engagements": sum(
                s.inter_sectoral for s in self.shared_engagements
            ),
            "mandate_duplicates": len(self.mandate_duplicates),
            "unreported_addressees": len(self.unreported_addressees),
            **{f"gaps_{kind}": len(items) for kind, items in self.gaps.items()},
            "communities": len(self.communities),
        }

    def to_dict(self) -> dict:
        """The JSON report: ``summary``, ``parameters``, ``inputs`` and the seven sections."""
        data = self._sections()
        data["similar_pairs"] = list(_pair_dicts(self.similar_pairs))
        return data

    def _sections(self) -> dict:
        """:meth:`to_dict` with ``similar_pairs`` left empty (they may be millions)."""
        # Imported here: isc_graph.diff reads mandates with this package's tokeniser.
        from ..diff.latest import changes_dict

        return {
            "summary": self.summary(),
            "parameters": self.parameters,
            "inputs": self.counts,
            "signature_groups": to_plain(self.signature_groups),
            "similar_pairs": [],
            "shared_engagements": to_plain(self.shared_engagements),
            "mandate_duplicates": {
                "pairs": to_plain(self.mandate_duplicates),
                "unreported_addressees": to_plain(self.unreported_addressees),
            },
            "gaps": to_plain(self.gaps),
            "centrality": {
                "actors": to_plain(self.actor_centrality),
                "topics": to_plain(self.topic_centrality),
            },
            "communities": to_plain(self.communities),
            "changes": changes_dict(self.changes),
            "sources": self.sources_dicts(),
        }


def write_json(report: OverlapReport, out: TextIO) -> None:
    """Write ``report.to_dict()`` to ``out`` as indented JSON, one similar pair at a time.

    The similar pairs, of which a large graph has millions, are never all held as plain values
    at once. The text is encoded by orjson (Rust): Python's own encoder falls back to pure
    Python whenever it indents, and took 38 s on the report of 100,000 synthetic outcomes.
    The layout is ``json.dumps(…, indent=2, ensure_ascii=False)``'s.

    Examples
    --------
    >>> import io, json
    >>> import pyoxigraph as ox
    >>> report = analyse(ox.Store())
    >>> out = io.StringIO()
    >>> write_json(report, out)
    >>> out.getvalue() == json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\\n"
    True
    """
    import orjson

    def dumps(value: object, depth: int) -> str:
        # Nested at ``depth``, a value's lines are indented by two spaces per level; a JSON
        # string never holds a raw newline, so every newline is a line break of the layout.
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
        return text.replace("\n", "\n" + "  " * depth) if depth else text

    out.write("{")
    for n, (key, value) in enumerate(report._sections().items()):
        out.write(("," if n else "") + "\n  " + json.dumps(key) + ": ")
        if key != "similar_pairs":
            out.write(dumps(value, 1))
            continue
        empty = True
        for pair in _pair_dicts(report.similar_pairs):
            out.write(("[" if empty else ",") + "\n    " + dumps(pair, 2))
            empty = False
        out.write("[]" if empty else "\n  ]")
    out.write("\n}\n")


def _pair_dicts(pairs: SimilarPairs | list[SimilarPair]) -> Iterator[dict]:
    if isinstance(pairs, SimilarPairs):
        return pairs.dicts()
    return (p.to_dict() for p in pairs)


def analyse(
    store: ox.Store,
    *,
    threshold: float = 0.5,
    min_units: int = 2,
    text_threshold: float = 0.7,
    seed: int = 0,
    queries_dir: Path | None = None,
    lang: str | None = None,
) -> OverlapReport:
    """Run the six analyses on the graph in ``store``.

    ``threshold`` is the Jaccard similarity from which two outcomes' contribution sets count
    as similar (inclusive); ``min_units`` how many units make a shared engagement (units of
    two or more Sectors, or of a Sector and the GS, make one too); ``text_threshold`` the
    token similarity from which two mandates are near-duplicates; ``seed`` fixes Louvain
    and, on large graphs, the betweenness sample. ``queries_dir`` holds the named query
    ``unit-sectors.rq`` that places each unit in its Sector (default: the project's).
    ``lang`` is the language of labels (``en``, ``fr``, ``es``; default ``$ISC_GRAPH_LANG``,
    else English): the SDGs and their targets are labelled in it, the rest in English.
    """
    # A bar of the coarse steps on a terminal (isc_graph.progress): a large graph takes minutes.
    with steps("Overlap analysis", 6) as step:
        step("reading the graph")
        inputs = read_inputs(store, queries_dir, lang)
        report = analyse_inputs(
            inputs,
            threshold=threshold,
            min_units=min_units,
            text_threshold=text_threshold,
            seed=seed,
            fetch_evidence=lambda iris: evidence_of(store, iris),
            step=step,
        )
        step("comparing revisions and thematic-area lists")
        from ..diff.latest import latest_changes

        report.changes = latest_changes(store, lang=lang)
        return report


def analyse_inputs(
    inputs: Inputs,
    *,
    threshold: float = 0.5,
    min_units: int = 2,
    text_threshold: float = 0.7,
    seed: int = 0,
    fetch_evidence=None,
    step: Callable[[str], None] | None = None,
) -> OverlapReport:
    """:func:`analyse` on inputs already read (``fetch_evidence(iris)`` gives the passages;
    ``step(name)`` is told as each coarse step starts, for a progress bar)."""
    step = step or (lambda _name: None)
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    if not 0 < text_threshold <= 1:
        raise ValueError(f"text_threshold must be in (0, 1], not {text_threshold}")
    if min_units < 2:
        raise ValueError(f"min_units must be at least 2, not {min_units}")

    step("comparing outcomes")
    by_signature = signature_groups(inputs.outcomes)
    groups = identical_signatures(inputs.outcomes, groups=by_signature)
    pairs = similar_pairs(inputs.outcomes, threshold, groups=by_signature)
    step("comparing mandates")
    duplicates = mandate_duplicates(inputs.mandates, text_threshold)
    inactive = unreported_addressees(inputs.mandates, inputs.active_agents, inputs.post_units)
    area_evidence: dict[str, list[Evidence]] = {}
    if fetch_evidence is not None:
        # Passages are fetched only for the outcomes, mandates and areas in the findings.
        iris: dict[str, set[str]] = defaultdict(set)
        for o in inputs.outcomes:
            iris[o.id].add(o.iri)
        for m in inputs.mandates:
            iris[m.id].add(m.iri)
        for area, _ in inputs.thematic_areas:
            iris[area.id].add(ID + area.id)
        ids = {i.id for g in groups for i in g.outcomes}
        ids |= pairs.outcome_ids()
        ids |= {x for d in duplicates for x in (d.a, d.b)}
        ids |= {x for a in inactive for x in a.mandates}
        ids |= {area.id for area, _ in inputs.thematic_areas}
        found = fetch_evidence({iri for i in ids for iri in iris[i]})

        cache: dict[tuple[str, ...], list[Evidence]] = {}

        def passages(*entity_ids: str) -> list[Evidence]:
            if entity_ids not in cache:
                cache[entity_ids] = sorted(
                    {ev for i in entity_ids for iri in iris[i] for ev in found.get(iri, [])}
                )
            return cache[entity_ids]

        for g in groups:
            g.evidence = passages(*(o.id for o in g.outcomes))
        pairs.attach_evidence(passages)
        for d in duplicates:
            d.evidence = passages(d.a, d.b)
        for a in inactive:
            a.evidence = passages(*a.mandates)
        area_evidence = {area.id: passages(area.id) for area, _ in inputs.thematic_areas}

    topic_labels = {key: item.label for key, item in inputs.topics.items() if item.label}
    for g in groups:
        g.labels = {x: topic_labels[x] for x in g.signature if x in topic_labels}
    no_goal, no_target = sdg_gaps(inputs.goals, inputs.targets, inputs.outcomes)
    gaps = {
        "action_lines_without_lead": action_lines_without_lead(
            inputs.action_lines, inputs.itu_roles, inputs.engagements, inputs.sessions
        ),
        "sdgs_without_outcomes": no_goal,
        "targets_without_outcomes": no_target,
        "thematic_areas_without_units": thematic_areas_without_units(
            inputs.thematic_areas, inputs.engagements, area_evidence
        ),
    }
    step("analysing the network")
    network = actor_topic_graph(inputs.engagements, inputs.outcomes, topic_labels)
    actors, topics = centrality(network, seed=seed)
    unit_graph = unit_topic_graph(inputs.engagements)
    return OverlapReport(
        parameters={
            "threshold": threshold,
            "min_units": min_units,
            "text_threshold": text_threshold,
            "seed": seed,
        },
        counts={
            "outcomes": len(inputs.outcomes),
            "outcomes_with_contributions": sum(bool(o.items) for o in inputs.outcomes),
            "engagements": len(inputs.engagements),
            "unit_engagements": sum(e.unit is not None for e in inputs.engagements),
            "mandates": len(inputs.mandates),
            "network_nodes": network.number_of_nodes(),
            "network_edges": network.number_of_edges(),
        },
        signature_groups=groups,
        similar_pairs=pairs,
        shared_engagements=shared_engagements(inputs.engagements, min_units, inputs.unit_sectors),
        mandate_duplicates=duplicates,
        unreported_addressees=inactive,
        gaps=gaps,
        actor_centrality=actors,
        topic_centrality=topics,
        communities=communities(network, seed=seed),
        graphs={"units": unit_graph, "network": network},
        sources=inputs.sources,
        labels=topic_labels,
    )


def _evidence_text(evidence: list[Evidence]) -> str:
    return " | ".join(
        f"{e.document}, {e.locator}: {e.quote}" if e.quote else e.document for e in evidence
    )


def to_csv(report: OverlapReport) -> str:
    """One flat table of every finding: analysis, subject, related, score, why, evidence,
    for a shared engagement the Sectors (and the GS) its units belong to, and the subject's
    label (``subject_label``: "Telecommunication Development Bureau" beside ``BDT``)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        ["analysis", "subject", "related", "score", "why", "evidence", "sectors", "subject_label"]
    )

    def row(*cells: str, sectors: str = "", label: str = "") -> None:
        w.writerow([*cells, sectors, label])

    for g in report.signature_groups:
        row(
            "signature_group",
            ", ".join(o.id for o in g.outcomes),
            ", ".join(g.signature),
            "1",
            g.why,
            _evidence_text(g.evidence),
            label="; ".join(o.label for o in g.outcomes if o.label),
        )
    for p in report.similar_pairs:
        row(
            "similar_pair",
            ", ".join(o.id for o in p.a),
            ", ".join(o.id for o in p.b),
            f"{p.jaccard:g}",
            p.why,
            _evidence_text(p.evidence),
            label="; ".join(o.label for o in p.a if o.label),
        )
    for s in report.shared_engagements:
        units = ", ".join(f"{u.unit.id} ({', '.join(u.roles)})" for u in s.units)
        row(
            "shared_engagement",
            s.topic.id,
            units,
            s.status,
            s.why,
            _evidence_text(s.evidence),
            sectors=", ".join(s.sectors),
            label=s.topic.label,
        )
    for d in report.mandate_duplicates:
        row(
            "mandate_duplicate",
            d.a,
            d.b,
            f"{d.similarity:g}",
            d.why,
            _evidence_text(d.evidence),
            label=d.labels.get(d.a, ""),
        )
    for a in report.unreported_addressees:
        row(
            "unreported_addressee",
            a.addressee.id,
            ", ".join(a.mandates),
            "",
            a.why,
            _evidence_text(a.evidence),
            label=a.addressee.label,
        )
    for kind, gaps in report.gaps.items():
        for gap in gaps:
            row(
                f"gap:{kind}",
                gap.item.id,
                gap.context,
                "",
                gap.why,
                _evidence_text(gap.evidence),
                label=gap.item.label,
            )
    for c in report.actor_centrality + report.topic_centrality:
        row(
            "centrality",
            c.id,
            c.kind,
            f"{c.betweenness:g}",
            f"degree {c.degree}, betweenness {c.betweenness:g}",
            "",
            label=c.label,
        )
    for com in report.communities:
        row(
            "community",
            str(com.id),
            ", ".join(com.actors),
            str(len(com.actors) + len(com.topics)),
            f"topics: {', '.join(com.topics)}",
            "",
        )
    return out.getvalue()
