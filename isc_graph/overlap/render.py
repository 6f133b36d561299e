"""The overlap report as Markdown and as one self-contained HTML page.

Both show every kind of finding with its reason and passages; long lists are cut to
``limit`` rows per table (the JSON report has them all). The HTML page inlines its CSS and
its pictures (SVG), loads nothing from the network, and prints on A4.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

import networkx as nx

from .. import svg
from ..queries import natural_key
from . import OverlapReport
from .model import Evidence

__all__ = ["render_html", "render_markdown", "summary_lines"]

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


def summary_lines(report: OverlapReport, top: int = 3) -> list[str]:
    """A few lines for the terminal: counts, and the first findings of each kind."""
    s = report.summary()
    gaps = report.gaps
    lines = [
        f"{s['signature_groups']} groups of outcomes with identical contributions, "
        f"{s['similar_pairs']} similar pairs (Jaccard ≥ {report.parameters['threshold']:g})",
        f"{s['shared_engagements']} topics shared by {report.parameters['min_units']}+ units "
        f"({s['uncoordinated_shared_engagements']} uncoordinated)",
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


# --- Markdown ---------------------------------------------------------------------------


def _md_cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return out


def _md_evidence(evidence: list[Evidence], limit: int = 3) -> str:
    parts = [
        f'{e.document}, {e.locator}: "{e.quote}"' if e.quote else e.document
        for e in evidence[:limit]
    ]
    more = len(evidence) - limit
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def _more(total: int, limit: int) -> list[str]:
    return ["", f"… and {total - limit} more (see the JSON report)."] if total > limit else []


def render_markdown(report: OverlapReport, limit: int = 50) -> str:
    """The report as Markdown: a summary, then one section per analysis."""
    s = report.summary()
    p = report.parameters
    out = [
        "# Overlap and gap report",
        "",
        f"Parameters: Jaccard threshold {p['threshold']:g}, at least {p['min_units']} units, "
        f"mandate text similarity {p['text_threshold']:g}, seed {p['seed']}. "
        f"Inputs: {report.counts['outcomes']} outcomes, {report.counts['engagements']} "
        f"engagements, {report.counts['mandates']} mandates.",
        "",
        "## Summary",
        "",
        *_md_table(["finding", "count"], [[k.replace("_", " "), v] for k, v in s.items()]),
        "",
        *[f"- {line}" for line in summary_lines(report)[:4]],
    ]

    out += ["", f"## 1. {TITLES['signature_groups']}", ""]
    out += _md_table(
        ["outcomes", "objectives", "contributions", "why", "evidence"],
        [
            [
                ", ".join(o.id for o in g.outcomes),
                ", ".join(g.objectives),
                ", ".join(g.signature),
                g.why,
                _md_evidence(g.evidence),
            ]
            for g in report.signature_groups[:limit]
        ],
    ) + _more(len(report.signature_groups), limit)

    out += ["", f"## 2. {TITLES['similar_pairs']}", ""]
    out += _md_table(
        ["outcomes", "similar to", "Jaccard", "shared", "only first", "only second", "evidence"],
        [
            [
                ", ".join(o.id for o in x.a),
                ", ".join(o.id for o in x.b),
                f"{x.jaccard:.2f}",
                ", ".join(x.shared),
                ", ".join(x.only_a),
                ", ".join(x.only_b),
                _md_evidence(x.evidence, 2),
            ]
            for x in report.similar_pairs[:limit]
        ],
    ) + _more(len(report.similar_pairs), limit)

    out += ["", f"## 3. {TITLES['shared_engagements']}", ""]
    out += _md_table(
        ["topic", "units (roles)", "status", "why", "evidence"],
        [
            [
                f"{x.topic.id} ({x.topic.kind})",
                "; ".join(f"{u.unit.id} ({', '.join(u.roles)})" for u in x.units),
                x.status,
                x.why,
                _md_evidence(x.evidence),
            ]
            for x in report.shared_engagements[:limit]
        ],
    ) + _more(len(report.shared_engagements), limit)

    out += ["", f"## 4. {TITLES['mandate_duplicates']}", ""]
    out += _md_table(
        ["clause", "clause", "similarity", "scope", "addressees", "actions", "evidence"],
        [
            [
                x.a,
                x.b,
                f"{x.similarity:.2f}",
                x.scope,
                f"{', '.join(x.addressees_a)} / {', '.join(x.addressees_b)}",
                f"{x.action_a} / {x.action_b}",
                _md_evidence(x.evidence),
            ]
            for x in report.mandate_duplicates[:limit]
        ],
    ) + _more(len(report.mandate_duplicates), limit)
    out += ["", f"### {TITLES['unreported_addressees']}", ""]
    out += _md_table(
        ["addressee", "clauses", "why"],
        [
            [x.addressee.id, ", ".join(x.mandates), x.why]
            for x in report.unreported_addressees[:limit]
        ],
    ) + _more(len(report.unreported_addressees), limit)

    out += ["", "## 5. Gaps"]
    for kind, gaps in report.gaps.items():
        out += ["", f"### {TITLES[kind]}", ""]
        if kind == "targets_without_outcomes":
            out += _md_table(
                ["goal", "targets", "note"],
                [[goal, ", ".join(ts), note] for goal, ts, note in _targets_by_goal(gaps)],
            )
            continue
        out += _md_table(
            ["item", "label", "why", "evidence"],
            [[g.item.id, g.item.label, g.why, _md_evidence(g.evidence)] for g in gaps[:limit]],
        ) + _more(len(gaps), limit)

    out += ["", f"## 6. {TITLES['centrality']}", ""]
    out += _md_table(
        ["unit or body", "kind", "degree", "betweenness"],
        [[c.id, c.kind, c.degree, f"{c.betweenness:.3f}"] for c in report.actor_centrality[:15]],
    )
    out += [""]
    out += _md_table(
        ["topic", "kind", "degree", "betweenness"],
        [[c.id, c.kind, c.degree, f"{c.betweenness:.3f}"] for c in report.topic_centrality[:15]],
    )
    out += ["", f"### {TITLES['communities']}", ""]
    out += _md_table(
        ["community", "units and bodies", "topics"],
        [
            [
                c.id,
                ", ".join(c.actors),
                ", ".join(c.topics[:12]) + (" …" if len(c.topics) > 12 else ""),
            ]
            for c in report.communities[:limit]
        ],
    )
    return "\n".join(out) + "\n"


def _targets_by_goal(gaps: list) -> list[tuple[str, list[str], str]]:
    by_goal: dict[str, list[str]] = defaultdict(list)
    notes: dict[str, str] = {}
    for g in gaps:
        goal = g.context.split(" has ")[0]
        by_goal[goal].append(g.item.id.removeprefix("SDG target "))
        notes[goal] = g.context
    return [(goal, ts, notes[goal]) for goal, ts in by_goal.items()]


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
.cards { display: flex; flex-wrap: wrap; gap: .6rem; }
.card { border: 1px solid #ccc; border-radius: .4rem; padding: .5rem .8rem; min-width: 9rem; }
.card b { display: block; font-size: 1.4rem; }
figure { margin: 1rem 0; } figcaption { font-size: .8rem; color: #555; }
.more { font-size: .85rem; color: #555; }
@media print { body { max-width: none; margin: 0; } h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; } a { color: inherit; } }
"""


def _ev_html(evidence: list[Evidence], limit: int = 3) -> str:
    items = [
        f"{escape(e.document)}, {escape(e.locator)}: <q>{escape(e.quote)}</q>"
        if e.quote
        else escape(e.document)
        for e in evidence[:limit]
    ]
    more = len(evidence) - limit
    if more > 0:
        items.append(f"and {more} more")
    return '<div class="ev">' + "<br>".join(items) + "</div>"


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _more_html(total: int, limit: int) -> str:
    if total <= limit:
        return ""
    return f'<p class="more">… and {total - limit} more (see the JSON report).</p>'


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
    s = report.summary()
    p = report.parameters
    cards = "".join(
        f'<div class="card"><b>{v}</b>{escape(k.replace("_", " "))}</div>' for k, v in s.items()
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Overlap and gap report — isc-graph</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Overlap and gap report</h1>",
        f"<p>Where ITU units work on the same thing, and where nobody does, from the graph of "
        f"{report.counts['outcomes']} outcomes, {report.counts['engagements']} engagements and "
        f"{report.counts['mandates']} mandates. Jaccard threshold {p['threshold']:g}; at least "
        f"{p['min_units']} units; mandate text similarity {p['text_threshold']:g}; seed "
        f"{p['seed']}. Every finding gives its reason and the passages it rests on.</p>",
        "<h2>Summary</h2>",
        f'<div class="cards">{cards}</div>',
        "<ul>"
        + "".join(
            f"<li>{escape(x.removeprefix('  - '))}</li>"
            for x in summary_lines(report)
            if x.startswith("  - ")
        )
        + "</ul>",
    ]

    parts.append(f"<h2>1. {TITLES['signature_groups']}</h2>")
    parts.append(
        _table(
            ["outcomes", "objectives", "contributions", "why", "evidence"],
            [
                [
                    escape(", ".join(o.id for o in g.outcomes)),
                    escape(", ".join(g.objectives)),
                    escape(", ".join(g.signature)),
                    f'<span class="why">{escape(g.why)}</span>',
                    _ev_html(g.evidence),
                ]
                for g in report.signature_groups[:limit]
            ],
        )
        + _more_html(len(report.signature_groups), limit)
    )

    parts.append(f"<h2>2. {TITLES['similar_pairs']}</h2>")
    parts.append(
        _table(
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
                    escape(", ".join(o.id for o in x.a)),
                    escape(", ".join(o.id for o in x.b)),
                    f"{x.jaccard:.2f}",
                    escape(", ".join(x.shared)),
                    escape(", ".join(x.only_a)),
                    escape(", ".join(x.only_b)),
                    _ev_html(x.evidence, 2),
                ]
                for x in report.similar_pairs[:limit]
            ],
        )
        + _more_html(len(report.similar_pairs), limit)
    )

    parts.append(f"<h2>3. {TITLES['shared_engagements']}</h2>")
    parts.append(_heatmap(report))
    parts.append(
        _table(
            ["topic", "units (roles)", "status", "why", "evidence"],
            [
                [
                    f"{escape(x.topic.id)}<br><small>{escape(x.topic.kind)}</small>",
                    "<br>".join(escape(f"{u.unit.id} ({', '.join(u.roles)})") for u in x.units),
                    f'<span class="{x.status}">{x.status}</span>',
                    escape(x.why),
                    _ev_html(x.evidence),
                ]
                for x in report.shared_engagements[:limit]
            ],
        )
        + _more_html(len(report.shared_engagements), limit)
    )

    parts.append(f"<h2>4. {TITLES['mandate_duplicates']}</h2>")
    parts.append(
        _table(
            ["clauses", "similarity", "scope", "addressees", "actions", "evidence"],
            [
                [
                    escape(f"{x.a} / {x.b}"),
                    f"{x.similarity:.2f}",
                    escape(x.scope),
                    escape(f"{', '.join(x.addressees_a)} / {', '.join(x.addressees_b)}"),
                    escape(x.action_a) + "<br>/ " + escape(x.action_b),
                    _ev_html(x.evidence),
                ]
                for x in report.mandate_duplicates[:limit]
            ],
        )
        + _more_html(len(report.mandate_duplicates), limit)
    )
    parts.append(f"<h3>{TITLES['unreported_addressees']}</h3>")
    parts.append(
        _table(
            ["addressee", "clauses", "why", "evidence"],
            [
                [
                    escape(f"{x.addressee.id} ({x.addressee.kind})"),
                    escape(", ".join(x.mandates)),
                    escape(x.why),
                    _ev_html(x.evidence, 2),
                ]
                for x in report.unreported_addressees[:limit]
            ],
        )
        + _more_html(len(report.unreported_addressees), limit)
    )

    parts.append("<h2>5. Gaps</h2>")
    for kind, gaps in report.gaps.items():
        parts.append(f"<h3>{TITLES[kind]} ({len(gaps)})</h3>")
        if kind == "targets_without_outcomes":
            parts.append(
                _table(
                    ["goal", "targets", "note"],
                    [
                        [escape(goal), escape(", ".join(ts)), escape(note)]
                        for goal, ts, note in _targets_by_goal(gaps)
                    ],
                )
            )
            continue
        parts.append(
            _table(
                ["item", "why", "evidence"],
                [
                    [
                        escape(g.item.id)
                        + (f"<br><small>{escape(g.item.label)}</small>" if g.item.label else ""),
                        escape(g.why),
                        _ev_html(g.evidence, 2),
                    ]
                    for g in gaps[:limit]
                ],
            )
            + _more_html(len(gaps), limit)
        )

    parts.append(f"<h2>6. {TITLES['centrality']}</h2>")
    parts.append(_network(report))
    for title, rows in (
        ("Units and bodies", report.actor_centrality[:15]),
        ("Topics", report.topic_centrality[:15]),
    ):
        parts.append(f"<h3>{title}</h3>")
        parts.append(
            _table(
                ["id", "kind", "degree", "betweenness"],
                [
                    [escape(c.id), escape(c.kind), str(c.degree), f"{c.betweenness:.3f}"]
                    for c in rows
                ],
            )
        )
    parts.append(f"<h3>{TITLES['communities']}</h3>")
    parts.append(
        _table(
            ["community", "units and bodies", "topics"],
            [
                [
                    str(c.id),
                    escape(", ".join(c.actors)),
                    escape(", ".join(c.topics[:20]) + (" …" if len(c.topics) > 20 else "")),
                ]
                for c in report.communities[:limit]
            ],
        )
    )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
