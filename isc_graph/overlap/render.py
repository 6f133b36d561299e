"""The overlap report as Markdown and as one self-contained HTML page.

Both show every kind of finding with its reason and passages; long lists are cut to
``limit`` rows per table (the JSON report has them all). The HTML page inlines its CSS and
its pictures (SVG), loads nothing from the network, and prints on A4.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

import networkx as nx

from .. import svg
from ..queries import natural_key
from . import OverlapReport
from .engagements import SharedEngagement
from .model import Evidence

__all__ = [
    "Section",
    "render_html",
    "render_markdown",
    "sections",
    "sectors_text",
    "summary_lines",
    "units_by_sector",
]

TITLES = {
    "signature_groups": "Outcomes with identical contributions",
    "similar_pairs": "Outcomes with similar contributions",
    "shared_engagements": "Topics several units work on",
    "mandate_duplicates": "Mandates given twice",
    "unreported_addressees": "Addressees with no reported activity",
    "action_lines_without_lead": "Action lines where ITU has a role but no unit leads",
    "sdgs_without_outcomes": "SDGs no outcome contributes to",
    "targets_without_outcomes": "SDG targets no outcome names",
    "thematic_areas_without_units": "Thematic areas with no engaged unit",
    "centrality": "Central units and topics",
    "communities": "Communities of units and topics",
}
# The marker of a shared engagement whose units belong to two or more Sectors (or the GS).
INTER_SECTORAL = "inter-sectoral"
ROLE_COLOURS = {
    "lead": "#0072B2",
    "focal point": "#56B4E9",
    "coordinator": "#009E73",
    "contributor": "#E69F00",
    "other": "#CC79A7",
}


def _role_group(roles: list[str]) -> str:
    if "lead" in roles:
        return "lead"
    if any(r in ("focal-point", "interim-focal-point") for r in roles):
        return "focal point"
    if "coordinator" in roles:
        return "coordinator"
    if "contributor" in roles:
        return "contributor"
    return "other"


def _shared_line(s: dict[str, int], min_units: int) -> str:
    # Two units of two Sectors are a shared engagement whatever --min-units asks.
    across = "" if min_units <= 2 else " or across Sectors"
    return (
        f"{s['shared_engagements']} topics shared by {min_units}+ units{across} "
        f"({s['uncoordinated_shared_engagements']} uncoordinated, "
        f"{s['inter_sectoral_shared_engagements']} inter-sectoral)"
    )


def summary_lines(report: OverlapReport, top: int = 3) -> list[str]:
    """A few lines for the terminal: counts, and the first findings of each kind."""
    s = report.summary()
    gaps = report.gaps
    lines = [
        f"{s['signature_groups']} groups of outcomes with identical contributions, "
        f"{s['similar_pairs']} similar pairs (Jaccard ≥ {report.parameters['threshold']:g})",
        _shared_line(s, report.parameters["min_units"]),
        f"{s['mandate_duplicates']} pair{'s' if s['mandate_duplicates'] != 1 else ''} "
        "of near-duplicate mandates, "
        f"{s['unreported_addressees']} addressees with no reported activity",
        f"gaps: {len(gaps['action_lines_without_lead'])} action lines without a leading unit, "
        f"{len(gaps['sdgs_without_outcomes'])} SDGs and "
        f"{len(gaps['targets_without_outcomes'])} targets without an outcome, "
        f"{len(gaps['thematic_areas_without_units'])} thematic areas without a unit",
    ]
    firsts = [
        *(x.why for x in report.shared_engagements[:top]),
        *(x.why for x in report.mandate_duplicates[:top]),
        *(x.why for x in gaps["action_lines_without_lead"][:top]),
        *(x.why for x in report.signature_groups[:1]),
    ]
    if firsts:
        lines.append("top findings:")
        lines += [f"  - {w}" for w in firsts]
    return lines


# --- The sections, once for both formats ------------------------------------------------


@dataclass
class Section:
    """One table of the report: its heading, columns and rows (a list cell holds passages)."""

    level: int
    title: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str | list[Evidence]]] = field(default_factory=list)
    total: int = 0
    picture: str = ""  # "heatmap" or "network": drawn above the table in HTML


def _ids(items) -> str:
    return ", ".join(o.id for o in items)


def sectors_text(shared: SharedEngagement) -> str:
    """``inter-sectoral: ITU-T, ITU-D``, ``ITU-D``, or empty when no unit has a Sector."""
    listed = ", ".join(shared.sectors)
    return f"{INTER_SECTORAL}: {listed}" if shared.inter_sectoral else listed


def units_by_sector(shared: SharedEngagement) -> str:
    """Each unit with its roles, under its Sector: ``ITU-T: ITU-T-SG5 (implementer); ITU-D:
    BDT (implementer)``; ``GS (by default): …`` for units counted there by default; units
    without a Sector last.

    Examples
    --------
    >>> from isc_graph.overlap.engagements import SharedEngagement, UnitRole
    >>> from isc_graph.overlap.model import Item
    >>> units = [UnitRole(Item("BDT"), ["lead"], [], ["ITU-D"], "stated"),
    ...          UnitRole(Item("SPM"), ["lead", "host"], [], ["GS"], "default"),
    ...          UnitRole(Item("U1"), ["contributor"], [])]
    >>> s = SharedEngagement(Item("X"), units, ["ITU-D", "GS"], True, "uncoordinated", [], "")
    >>> units_by_sector(s)
    'ITU-D: BDT (lead); GS (by default): SPM (lead, host); U1 (contributor)'
    """
    groups: dict[tuple[str, bool], list[str]] = {
        (sector, default): [] for sector in (*shared.sectors, "") for default in (False, True)
    }
    for u in shared.units:
        for sector in u.sectors or [""]:
            key = (sector, bool(sector) and u.basis == "default")
            groups.setdefault(key, []).append(f"{u.unit.id} ({', '.join(u.roles)})")
    return "; ".join(
        (f"{sector}{' (by default)' if default else ''}: " if sector else "") + ", ".join(units)
        for (sector, default), units in groups.items()
        if units
    )


def _targets_by_goal(gaps: list) -> list[tuple[str, list[str], str]]:
    by_goal: dict[str, list[str]] = defaultdict(list)
    notes: dict[str, str] = {}
    for g in gaps:
        goal = g.context.split(" has ")[0]
        by_goal[goal].append(g.item.id.removeprefix("SDG target "))
        notes[goal] = g.context
    return [(goal, ts, notes[goal]) for goal, ts in by_goal.items()]


def sections(report: OverlapReport, limit: int = 50) -> list[Section]:
    """The report's tables, each cut to ``limit`` rows (``total`` keeps the full count)."""
    out = [
        Section(
            2,
            f"1. {TITLES['signature_groups']}",
            ["outcomes", "objectives", "contributions", "why", "evidence"],
            [
                [
                    _ids(g.outcomes),
                    ", ".join(g.objectives),
                    ", ".join(g.signature),
                    g.why,
                    g.evidence,
                ]
                for g in report.signature_groups[:limit]
            ],
            len(report.signature_groups),
        ),
        Section(
            2,
            f"2. {TITLES['similar_pairs']}",
            [
                "outcomes",
                "similar to",
                "Jaccard",
                "shared",
                "only first",
                "only second",
                "evidence",
            ],
            [
                [
                    _ids(x.a),
                    _ids(x.b),
                    f"{x.jaccard:.2f}",
                    ", ".join(x.shared),
                    ", ".join(x.only_a),
                    ", ".join(x.only_b),
                    x.evidence,
                ]
                for x in report.similar_pairs[:limit]
            ],
            len(report.similar_pairs),
        ),
        Section(
            2,
            f"3. {TITLES['shared_engagements']}",
            ["topic", "sectors", "units (roles)", "status", "why", "evidence"],
            [
                [
                    f"{x.topic.id} ({x.topic.kind})" if x.topic.kind else x.topic.id,
                    sectors_text(x),
                    units_by_sector(x),
                    x.status,
                    x.why,
                    x.evidence,
                ]
                for x in report.shared_engagements[:limit]
            ],
            len(report.shared_engagements),
            picture="heatmap",
        ),
        Section(
            2,
            f"4. {TITLES['mandate_duplicates']}",
            ["clauses", "similarity", "scope", "addressees", "actions", "evidence"],
            [
                [
                    f"{x.a} / {x.b}",
                    f"{x.similarity:.2f}",
                    x.scope,
                    f"{', '.join(x.addressees_a)} / {', '.join(x.addressees_b)}",
                    f"{x.action_a} / {x.action_b}",
                    x.evidence,
                ]
                for x in report.mandate_duplicates[:limit]
            ],
            len(report.mandate_duplicates),
        ),
        Section(
            3,
            TITLES["unreported_addressees"],
            ["addressee", "clauses", "why", "evidence"],
            [
                [f"{x.addressee.id} ({x.addressee.kind})", ", ".join(x.mandates), x.why, x.evidence]
                for x in report.unreported_addressees[:limit]
            ],
            len(report.unreported_addressees),
        ),
        Section(2, "5. Gaps"),
    ]
    for kind, gaps in report.gaps.items():
        title = f"{TITLES[kind]} ({len(gaps)})"
        if kind == "targets_without_outcomes":
            rows = [[goal, ", ".join(ts), note] for goal, ts, note in _targets_by_goal(gaps)]
            out.append(Section(3, title, ["goal", "targets", "note"], rows, len(rows)))
            continue
        rows = [
            [f"{g.item.id} ({g.item.label})" if g.item.label else g.item.id, g.why, g.evidence]
            for g in gaps[:limit]
        ]
        out.append(Section(3, title, ["item", "why", "evidence"], rows, len(gaps)))
    out.append(Section(2, f"6. {TITLES['centrality']}", picture="network"))
    for title, rows in (
        ("Units and bodies", report.actor_centrality),
        ("Topics", report.topic_centrality),
    ):
        out.append(
            Section(
                3,
                title,
                ["id", "kind", "degree", "betweenness"],
                [[c.id, c.kind, str(c.degree), f"{c.betweenness:.3f}"] for c in rows[:15]],
                min(len(rows), 15),
            )
        )
    out.append(
        Section(
            3,
            TITLES["communities"],
            ["community", "units and bodies", "topics"],
            [
                [
                    str(c.id),
                    ", ".join(c.actors),
                    ", ".join(c.topics[:20]) + (" …" if len(c.topics) > 20 else ""),
                ]
                for c in report.communities[:limit]
            ],
            len(report.communities),
        )
    )
    return out


def _intro(report: OverlapReport) -> str:
    p, n = report.parameters, report.counts
    return (
        f"Where ITU units work on the same thing, and where nobody does, from the graph of "
        f"{n['outcomes']} outcomes, {n['engagements']} engagements and {n['mandates']} mandates. "
        f"Jaccard threshold {p['threshold']:g}; at least {p['min_units']} units, or units of two "
        "or more Sectors (or of a Sector and the General Secretariat); mandate text "
        f"similarity {p['text_threshold']:g}; seed {p['seed']}. Every finding gives its reason "
        "and the passages it rests on."
    )


def _top_findings(report: OverlapReport) -> list[str]:
    return [x.removeprefix("  - ") for x in summary_lines(report) if x.startswith("  - ")]


def _more_text(section: Section) -> str:
    shown = len(section.rows)
    return (
        f"… and {section.total - shown} more (see the JSON report)."
        if section.total > shown
        else ""
    )


# --- Markdown ---------------------------------------------------------------------------


def _md_cell(cell: str | list[Evidence]) -> str:
    if isinstance(cell, list):
        parts = [
            f'{e.document}, {e.locator}: "{e.quote}"' if e.quote else e.document for e in cell[:3]
        ]
        text = "; ".join(parts) + (f"; and {len(cell) - 3} more" if len(cell) > 3 else "")
    else:
        text = cell
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: OverlapReport, limit: int = 50) -> str:
    """The report as Markdown: a summary, then one section per analysis."""
    out = ["# Overlap and gap report", "", _intro(report), "", "## Summary", ""]
    out += ["| finding | count |", "|---|---|"]
    out += [f"| {k.replace('_', ' ')} | {v} |" for k, v in report.summary().items()]
    out += ["", *[f"- {line}" for line in _top_findings(report)]]
    for section in sections(report, limit):
        out += ["", f"{'#' * section.level} {section.title}"]
        if not section.header:
            continue
        out += ["", "| " + " | ".join(section.header) + " |", "|" + "---|" * len(section.header)]
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in section.rows]
        if more := _more_text(section):
            out += ["", more]
    return "\n".join(out) + "\n"


# --- HTML -------------------------------------------------------------------------------

_CSS = """
body { font-family: Helvetica, Arial, sans-serif; max-width: 70rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; line-height: 1.4; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.3rem; border-bottom: 2px solid #0072B2;
     padding-bottom: .2rem; margin-top: 2.5rem; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
.why { color: #333; } .ev { font-size: .78rem; color: #555; }
.ev q { font-style: italic; }
.uncoordinated { color: #b00020; font-weight: bold; } .coordinated { color: #00703c; }
.inter-sectoral { color: #5e3c99; font-weight: bold; }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; }
.card { border: 1px solid #ccc; border-radius: .4rem; padding: .5rem .8rem; min-width: 9rem; }
.card b { display: block; font-size: 1.4rem; }
figure { margin: 1rem 0; } figcaption { font-size: .8rem; color: #555; }
.more { font-size: .85rem; color: #555; }
@media print { body { max-width: none; margin: 0; } h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; } a { color: inherit; } }
"""


def _html_cell(cell: str | list[Evidence], column: str) -> str:
    if isinstance(cell, list):
        items = [
            f"{escape(e.document)}, {escape(e.locator)}: <q>{escape(e.quote)}</q>"
            if e.quote
            else escape(e.document)
            for e in cell[:3]
        ]
        if len(cell) > 3:
            items.append(f"and {len(cell) - 3} more")
        return '<div class="ev">' + "<br>".join(items) + "</div>"
    if column == "status":
        return f'<span class="{escape(cell)}">{escape(cell)}</span>'
    if column == "sectors" and cell.startswith(f"{INTER_SECTORAL}:"):
        rest = cell.removeprefix(f"{INTER_SECTORAL}:")
        return f'<span class="inter-sectoral">{INTER_SECTORAL}</span>:{escape(rest)}'
    return escape(cell)


def _html_table(section: Section) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in section.header)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{_html_cell(c, h)}</td>" for c, h in zip(row, section.header, strict=True))
        + "</tr>"
        for row in section.rows
    )
    more = _more_text(section)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" + (
        f'<p class="more">{escape(more)}</p>' if more else ""
    )


def _heatmap(report: OverlapReport, max_topics: int = 80) -> str:
    g: nx.Graph = report.graphs.get("units", nx.Graph())
    units = sorted(n for n, d in g.nodes(data=True) if d.get("bipartite") == 0)
    topics = sorted(
        (n for n, d in g.nodes(data=True) if d.get("bipartite") == 1),
        key=lambda t: (-g.degree(t), str(t)),
    )[:max_topics]
    topics.sort(key=lambda t: natural_key(str(t)))
    if not units or not topics:
        return "<p>No unit is engaged on any topic in the graph.</p>"
    cells = {
        (u, t): _role_group(g.edges[u, t]["roles"])
        for u in units
        for t in topics
        if g.has_edge(u, t)
    }
    picture = svg.heatmap(units, topics, cells, ROLE_COLOURS, title="Units by topics")
    shown = (
        ""
        if len(topics) == g.number_of_nodes() - len(units)
        else (f" The {max_topics} topics with the most engaged units are shown.")
    )
    return (
        f"<figure>{picture}<figcaption>Which unit is engaged on which topic, coloured by its "
        f"strongest role.{shown}</figcaption></figure>"
    )


def _network(report: OverlapReport, max_nodes: int = 150) -> str:
    g: nx.Graph = report.graphs.get("network", nx.Graph())
    if g.number_of_nodes() == 0:
        return ""
    keep = sorted(g.nodes(), key=lambda n: (-g.degree(n), str(n)))[:max_nodes]
    sub = g.subgraph(keep).copy()
    sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0])
    groups = {m: c.id for c in report.communities for m in (*c.actors, *c.topics)}
    actors = {n for n, d in sub.nodes(data=True) if d.get("bipartite") == 0}
    picture = svg.network(
        sub,
        groups=groups,
        square=actors,
        seed=report.parameters["seed"],
        title="The unit–topic network",
    )
    cut = (
        ""
        if sub.number_of_nodes() == g.number_of_nodes()
        else (
            f" The {sub.number_of_nodes()} best-connected of {g.number_of_nodes()} nodes are shown."
        )
    )
    return (
        f"<figure>{picture}<figcaption>Units and bodies (squares) and the topics they work on "
        f"(circles), coloured by Louvain community.{cut}</figcaption></figure>"
    )


def render_html(report: OverlapReport, limit: int = 50) -> str:
    """The report as one self-contained HTML page."""
    cards = "".join(
        f'<div class="card"><b>{v}</b>{escape(k.replace("_", " "))}</div>'
        for k, v in report.summary().items()
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Overlap and gap report — isc-graph</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Overlap and gap report</h1>",
        f"<p>{escape(_intro(report))}</p>",
        "<h2>Summary</h2>",
        f'<div class="cards">{cards}</div>',
        "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in _top_findings(report)) + "</ul>",
    ]
    pictures = {"heatmap": _heatmap, "network": _network}
    for section in sections(report, limit):
        parts.append(f"<h{section.level}>{escape(section.title)}</h{section.level}>")
        if section.picture:
            parts.append(pictures[section.picture](report))
        if section.header:
            parts.append(_html_table(section))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
