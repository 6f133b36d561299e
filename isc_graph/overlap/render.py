"""The overlap report as Markdown and as one self-contained HTML page.

Both show every kind of finding with its reason and passages; long lists are cut to
``limit`` rows per table (the JSON report has them all). The HTML page inlines its CSS and
its pictures (SVG), loads nothing from the network, and prints on A4.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

import networkx as nx

from .. import svg
from ..queries import natural_key
from . import OverlapReport
from .engagements import SharedEngagement
from .model import Evidence, named

__all__ = [
    "Folded",
    "Section",
    "render_html",
    "render_markdown",
    "sections",
    "sectors_text",
    "slug",
    "summary_lines",
    "summary_phrases",
    "top_findings",
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
    "sources": "Sources",
    "changes": "What changed",
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


# Each count of the summary in plain words: (singular, plural, the section it links to).
PHRASES = {
    "shared_engagements": ("topic shared by several units", "topics shared by several units"),
    "uncoordinated_shared_engagements": (
        "topic shared without coordination",
        "topics shared without coordination",
    ),
    "inter_sectoral_shared_engagements": (
        "topic shared across Sectors",
        "topics shared across Sectors",
    ),
    "mandate_duplicates": ("mandate given twice", "mandates given twice"),
    "unreported_addressees": (
        "addressee with no reported activity",
        "addressees with no reported activity",
    ),
    "gaps_action_lines_without_lead": (
        "action line where no ITU unit leads",
        "action lines where no ITU unit leads",
    ),
    "gaps_sdgs_without_outcomes": (
        "SDG no outcome contributes to",
        "SDGs no outcome contributes to",
    ),
    "gaps_targets_without_outcomes": (
        "SDG target no outcome names",
        "SDG targets no outcome names",
    ),
    "gaps_thematic_areas_without_units": (
        "thematic area with no engaged unit",
        "thematic areas with no engaged unit",
    ),
    "signature_groups": (
        "group of outcomes with identical contributions",
        "groups of outcomes with identical contributions",
    ),
    "similar_pairs": (
        "pair of outcomes with similar contributions",
        "pairs of outcomes with similar contributions",
    ),
    "communities": ("community of units and topics", "communities of units and topics"),
}
# The section of the report each count links to (by its JSON key).
_COUNT_SECTION = {
    "shared_engagements": "shared_engagements",
    "uncoordinated_shared_engagements": "shared_engagements",
    "inter_sectoral_shared_engagements": "shared_engagements",
    "mandate_duplicates": "mandate_duplicates.pairs",
    "unreported_addressees": "mandate_duplicates.unreported_addressees",
    "gaps_action_lines_without_lead": "gaps.action_lines_without_lead",
    "gaps_sdgs_without_outcomes": "gaps.sdgs_without_outcomes",
    "gaps_targets_without_outcomes": "gaps.targets_without_outcomes",
    "gaps_thematic_areas_without_units": "gaps.thematic_areas_without_units",
    "signature_groups": "signature_groups",
    "similar_pairs": "similar_pairs",
    "communities": "communities",
}


def summary_phrases(report: OverlapReport) -> list[tuple[int, str, str]]:
    """Each count of the summary in plain words, in the order a coordinator reads them:
    ``(5, "topics shared without coordination", "shared_engagements")`` (the last item is
    the JSON key of the section it counts).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from isc_graph.overlap import analyse
    >>> summary_phrases(analyse(ox.Store()))[1]
    (0, 'topics shared without coordination', 'shared_engagements')
    """
    counts = report.summary()
    out = []
    for key, (one, many) in PHRASES.items():
        n = counts.get(key)
        if n is not None:
            out.append((n, one if n == 1 else many, _COUNT_SECTION[key]))
    return out


def top_findings(report: OverlapReport, top: int = 3) -> list[str]:
    """The findings a coordinator should act on first, each by its sentence: topics shared
    across Sectors without coordination, then other uncoordinated ones, then mandates given
    twice, action lines no unit leads, and the largest group of identical contributions
    (up to ``top`` of each kind)."""
    shared = report.shared_engagements
    uncoordinated = [s for s in shared if s.status == "uncoordinated"]
    return [
        *(x.why for x in [s for s in uncoordinated if s.inter_sectoral][:top]),
        *(x.why for x in [s for s in uncoordinated if not s.inter_sectoral][:top]),
        *(x.why for x in report.mandate_duplicates[:top]),
        *(x.why for x in report.gaps["action_lines_without_lead"][:top]),
        *(x.why for x in report.signature_groups[:1]),
    ]


def summary_lines(report: OverlapReport, top: int = 3) -> list[str]:
    """A few lines for the terminal: counts, and the findings to act on first."""
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
    firsts = top_findings(report, top)
    if firsts:
        lines.append("top findings (to act on first):")
        lines += [f"  - {w}" for w in firsts]
    return lines


# --- The sections, once for both formats ------------------------------------------------


@dataclass
class Folded:
    """A cell that folds a long list: a line saying what it holds, and the items."""

    summary: str
    items: list[str]
    compact: list[str] = field(default_factory=list)  # the items in short, for Markdown


Cell = str | list[Evidence] | Folded


@dataclass
class Section:
    """One table of the report: its heading, columns and rows (a list cell holds passages).

    ``key`` is the JSON key of the findings it shows (``shared_engagements``,
    ``gaps.targets_without_outcomes`` …), for the links of the summary and the sources.
    """

    level: int
    title: str
    header: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    total: int = 0
    picture: str = ""  # "heatmap" or "network": drawn above the table in HTML
    key: str = ""
    note: str = ""  # a sentence under the heading

    @property
    def anchor(self) -> str:
        return slug(self.title)


def slug(title: str) -> str:
    """The anchor of a heading as GitHub makes it (so the Markdown links work there too).

    Examples
    --------
    >>> slug("1. Topics several units work on")
    '1-topics-several-units-work-on'
    >>> slug("SDG targets no outcome names (169)")
    'sdg-targets-no-outcome-names-169'
    """
    text = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return text.replace(" ", "-")


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


def _targets_by_goal(report: OverlapReport) -> list[list[Cell]]:
    """One row per goal: the goal, how many of its targets no outcome names, the targets
    (folded), and how many outcomes contribute to the goal itself; goals in natural order."""
    by_goal: dict[str, list] = defaultdict(list)
    notes: dict[str, str] = {}
    for g in report.gaps["targets_without_outcomes"]:
        goal = g.context.split(" has ")[0]
        by_goal[goal].append(g)
        notes[goal] = g.context.split(" has ", 1)[-1]
    rows: list[list[Cell]] = []
    for goal in sorted(by_goal, key=natural_key):
        targets = sorted(by_goal[goal], key=lambda g: natural_key(g.item.id))
        codes = [named(t.item.id.removeprefix("SDG target "), t.item.label) for t in targets]
        rows.append(
            [
                named(goal, report.labels.get(goal, ""), 80),
                str(len(targets)),
                Folded(
                    f"{len(targets)} target{'s' if len(targets) != 1 else ''}",
                    codes,
                    [t.item.id.removeprefix("SDG target ") for t in targets],
                ),
                notes[goal],
            ]
        )
    return rows


def _kind(item) -> str:
    return f"{item.name}, {item.kind}" if item.kind else item.name


def sections(report: OverlapReport, limit: int = 50) -> list[Section]:
    """The report's tables, in the order a coordinator acts on them, each cut to ``limit``
    rows (``total`` keeps the full count)."""
    out = [
        Section(
            2,
            f"1. {TITLES['shared_engagements']}",
            ["topic", "sectors", "units (roles)", "status", "why", "evidence"],
            [
                [
                    _kind(x.topic),
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
            key="shared_engagements",
            note="Topics shared across Sectors without coordination come first.",
        ),
        Section(
            2,
            f"2. {TITLES['mandate_duplicates']}",
            ["clauses", "similarity", "scope", "addressees", "actions", "why", "evidence"],
            [
                [
                    f"{x.a} / {x.b}",
                    f"{x.similarity:.2f}",
                    x.scope,
                    f"{', '.join(x.addressees_a)} / {', '.join(x.addressees_b)}",
                    f"{x.action_a} / {x.action_b}",
                    x.why,
                    x.evidence,
                ]
                for x in report.mandate_duplicates[:limit]
            ],
            len(report.mandate_duplicates),
            key="mandate_duplicates.pairs",
        ),
        Section(
            3,
            TITLES["unreported_addressees"],
            ["addressee", "clauses", "why", "evidence"],
            [
                [_kind(x.addressee), ", ".join(x.mandates), x.why, x.evidence]
                for x in report.unreported_addressees[:limit]
            ],
            len(report.unreported_addressees),
            key="mandate_duplicates.unreported_addressees",
        ),
        Section(2, "3. Gaps"),
    ]
    for kind, gaps in report.gaps.items():
        title = f"{TITLES[kind]} ({len(gaps)})"
        if kind == "targets_without_outcomes":
            rows = _targets_by_goal(report)
            out.append(
                Section(
                    3,
                    title,
                    ["goal", "targets without an outcome", "targets", "outcomes for the goal"],
                    rows,
                    len(rows),
                    key=f"gaps.{kind}",
                    note="One line per goal; the JSON report lists every target.",
                )
            )
            continue
        rows = [[g.item.name, g.why, g.evidence] for g in gaps[:limit]]
        out.append(
            Section(3, title, ["item", "why", "evidence"], rows, len(gaps), key=f"gaps.{kind}")
        )
    out += [
        Section(
            2,
            f"4. {TITLES['signature_groups']}",
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
            key="signature_groups",
        ),
        Section(
            2,
            f"5. {TITLES['similar_pairs']}",
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
            key="similar_pairs",
        ),
        Section(2, f"6. {TITLES['centrality']}", picture="network"),
    ]
    for title, rows in (
        ("Units and bodies", report.actor_centrality),
        ("Topics", report.topic_centrality),
    ):
        out.append(
            Section(
                3,
                title,
                ["id", "kind", "degree", "betweenness"],
                [
                    [named(c.id, c.label), c.kind, str(c.degree), f"{c.betweenness:.3f}"]
                    for c in rows[:15]
                ],
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
            key="communities",
        )
    )
    changes = _changes_sections(report, limit)
    out.append(_sources_section(report, out + changes))
    return out + changes


def _change_rows(data: dict) -> list[list[Cell]]:
    """One row per clause of a revision comparison, with the passages of both sides."""
    rows: list[list[Cell]] = []
    for c in data.get("clauses", []):
        old, new = c["old"], c["new"]
        evidence = [
            Evidence(e["document"], e["locator"], e["quote"])
            for side in (old, new)
            for e in (side or {}).get("evidence", [])
        ]
        moved = [f"+{a}" for a in c["addressees_added"]]
        moved += [f"-{a}" for a in c["addressees_removed"]]
        changes = "; ".join(
            x for x in (c["diff"], "addressees: " + " ".join(moved) if moved else "") if x
        )
        rows.append(
            [
                ", ".join(k.replace("-", " ") for k in c["kinds"]),
                named(old["id"], old["label"], 200) if old else "",
                named(new["id"], new["label"], 200) if new else "",
                "" if c["similarity"] is None else f"{c['similarity']:.2f}",
                changes,
                evidence,
            ]
        )
    return rows


def _area_rows(data: dict) -> list[list[Cell]]:
    """One row per thematic area of a list comparison, changed areas first."""
    order = {k: n for n, k in enumerate(("renamed", "merged", "split", "new", "dropped"))}
    entries = sorted(data.get("areas", []), key=lambda e: order.get(e["kind"], len(order)))
    return [
        [
            e["kind"],
            ", ".join(named(x["id"], x["label"]) for x in e["old"]),
            named(e["new"]["id"], e["new"]["label"]) if e["new"] else "",
            e["basis"],
        ]
        for e in entries
    ]


def _changes_sections(report: OverlapReport, limit: int) -> list[Section]:
    """ "What changed": a summary line per comparison, then a table for each: the clauses of
    the latest two revisions of each resolution, and the areas of the latest two lists."""
    if not report.changes:
        return [
            Section(
                2,
                f"8. {TITLES['changes']}",
                note="The graph has neither two revisions of a resolution with clauses "
                "recorded nor two thematic-area lists to compare.",
                key="changes",
            )
        ]
    lines = " ".join(f"{r.summary[0]}." for r in report.changes if r.summary)
    out = [
        Section(
            2,
            f"8. {TITLES['changes']}",
            note="The latest two revisions of each resolution that has clauses recorded in "
            f"both, and the latest two thematic-area lists. {lines}",
            key="changes",
        )
    ]
    for r in report.changes:
        data = r.data
        if r.kind == "revisions":
            title = f"{data['instrument']['label']}, {data['old']['year']} → {data['new']['year']}"
            header = ["change", data["old"]["id"], data["new"]["id"], "similarity", "wording"]
            rows = _change_rows(data)
            header.append("evidence")
        else:
            title = f"Thematic areas, {data['old']['year']} → {data['new']['year']}"
            header = ["change", data["old"]["id"], data["new"]["id"], "basis"]
            rows = _area_rows(data)
        out.append(
            Section(
                3,
                title,
                header,
                rows[:limit],
                len(rows),
                note=" ".join(x if x.endswith(".") else x + "." for x in r.summary),
            )
        )
    return out


def _sources_section(report: OverlapReport, shown: list[Section]) -> Section:
    """Each document by number and title, and the sections that quote it."""
    cited = report.citations()
    rows: list[list[Cell]] = []
    for src in report.sources:
        title = src.label or src.title
        if src.title and src.title.lower() != title.lower():
            title += f" (printed title: {src.title})"
        keys = set(cited.get(src.id, []))
        where = [s.title for s in shown if s.key in keys]
        rows.append(
            [
                src.id,
                title,
                src.year,
                src.kind,
                Folded("", where) if where else "not quoted in a finding",
            ]
        )
    return Section(
        2,
        f"7. {TITLES['sources']}",
        ["document", "title", "year", "kind", "cited in"],
        rows,
        len(rows),
        key="sources",
    )


def _intro(report: OverlapReport) -> str:
    p, n = report.parameters, report.counts
    return (
        f"Where ITU units work on the same thing, and where nobody does, from the graph of "
        f"{n['outcomes']} outcomes, {n['engagements']} engagements and {n['mandates']} mandates. "
        f"Jaccard threshold {p['threshold']:g}; at least {p['min_units']} units, or units of two "
        "or more Sectors (or of a Sector and the General Secretariat); mandate text "
        f"similarity {p['text_threshold']:g}; seed {p['seed']}. Every finding gives its reason "
        "and the passages it rests on; a passage is quoted once per table and numbered, and "
        "later rows refer to its number."
    )


def _more_text(section: Section) -> str:
    shown = len(section.rows)
    return (
        f"… and {section.total - shown} more (see the JSON report)."
        if section.total > shown
        else ""
    )


class _Passages:
    """The passages of one table, numbered in the order they are first quoted."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.numbers: dict[tuple[str, str], int] = {}

    def number(self, e: Evidence) -> tuple[int, bool]:
        """The passage's number, and whether this is its first appearance in the table (the
        same words of one document count as one passage, whatever their locator)."""
        key = (e.document, e.quote)
        if key in self.numbers:
            return self.numbers[key], False
        self.numbers[key] = len(self.numbers) + 1
        return self.numbers[key], True


def _toc(parts: list[Section]) -> list[tuple[int, str, str]]:
    """The table of contents: (level, title, anchor) of the summary and every section."""
    return [(2, "Summary", "summary"), *((s.level, s.title, s.anchor) for s in parts)]


# --- Markdown ---------------------------------------------------------------------------


def _md_evidence(cell: list[Evidence], passages: _Passages) -> str:
    parts = []
    for e in cell[:3]:
        if not e.quote:
            parts.append(e.document)
            continue
        n, first = passages.number(e)
        parts.append(f'[{n}] {e.document}, {e.locator}: "{e.quote}"' if first else f"[{n}]")
    return "; ".join(parts) + (f"; and {len(cell) - 3} more" if len(cell) > 3 else "")


def _md_cell(cell: Cell, passages: _Passages) -> str:
    if isinstance(cell, list):
        text = _md_evidence(cell, passages)
    elif isinstance(cell, Folded):
        text = ", ".join(cell.compact or cell.items)
    else:
        text = cell
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: OverlapReport, limit: int = 50) -> str:
    """The report as Markdown: contents, a summary in words, then one section per analysis
    in the order a coordinator acts on them, and the sources."""
    parts = sections(report, limit)
    anchors = {s.key: s.anchor for s in parts if s.key}
    out = ["# Overlap and gap report", "", _intro(report), "", "**Contents**", ""]
    out += [f"{'  ' * (level - 2)}- [{title}](#{anchor})" for level, title, anchor in _toc(parts)]
    out += ["", "## Summary", ""]
    out += [f"- **{n}** [{text}](#{anchors[key]})" for n, text, key in summary_phrases(report)]
    firsts = top_findings(report)
    if firsts:
        out += ["", "To act on first:", "", *[f"1. {line}" for line in firsts]]
    for section in parts:
        out += ["", f"{'#' * section.level} {section.title}"]
        if section.note:
            out += ["", section.note]
        if not section.header:
            continue
        passages = _Passages(section.anchor)
        out += ["", "| " + " | ".join(section.header) + " |", "|" + "---|" * len(section.header)]
        out += [
            "| " + " | ".join(_md_cell(c, passages) for c in row) + " |" for row in section.rows
        ]
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
.card { border: 1px solid #ccc; border-radius: .4rem; padding: .5rem .8rem; width: 10.5rem;
        color: inherit; text-decoration: none; font-size: .9rem; }
.card:hover { border-color: #0072B2; }
.card b { display: block; font-size: 1.4rem; }
.toc { border: 1px solid #ccc; border-radius: .4rem; padding: .4rem 1rem; margin: 1rem 0;
       font-size: .9rem; columns: 2; column-gap: 2rem; }
.toc-title { font-weight: bold; margin: .2rem 0; column-span: all; }
.toc ul { margin: 0; padding-left: 1.3rem; } .toc > ul { list-style: none; padding-left: 0; }
.toc li { break-inside: avoid; }
.ref { font-weight: bold; text-decoration: none; }
.note, .lead { font-size: .9rem; color: #444; } ul.plain { margin: 0; padding-left: 1rem; }
details summary { cursor: pointer; color: #0072B2; }
figure { margin: 1rem 0; } figcaption { font-size: .8rem; color: #555; }
.more { font-size: .85rem; color: #555; }
@media print { body { max-width: none; margin: 0; } h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; } a { color: inherit; } .toc { columns: 1; } }
"""


def _doc_link(document: str, sources: dict[str, str]) -> str:
    """A document id linked to its line in the Sources, with its title as a tooltip."""
    if document not in sources:
        return escape(document)
    return (
        f'<a href="#source-{escape(document)}" title="{escape(sources[document])}">'
        f"{escape(document)}</a>"
    )


def _html_evidence(cell: list[Evidence], passages: _Passages, sources: dict[str, str]) -> str:
    items = []
    for e in cell[:3]:
        doc = _doc_link(e.document, sources)
        if not e.quote:
            items.append(doc)
            continue
        n, first = passages.number(e)
        ref = f"{passages.prefix}-p{n}"
        if first:
            items.append(
                f'<span id="{ref}" class="ref">[{n}]</span> {doc}, {escape(e.locator)}: '
                f"<q>{escape(e.quote)}</q>"
            )
        else:
            items.append(f'<a class="ref" href="#{ref}">[{n}]</a> {doc}')
    if len(cell) > 3:
        items.append(f"and {len(cell) - 3} more")
    return '<div class="ev">' + "<br>".join(items) + "</div>"


def _html_cell(cell: Cell, column: str, passages: _Passages, sources: dict[str, str]) -> str:
    if isinstance(cell, list):
        return _html_evidence(cell, passages, sources)
    if isinstance(cell, Folded):
        items = "".join(f"<li>{escape(x)}</li>" for x in cell.items)
        if not cell.summary:
            return f'<ul class="plain">{items}</ul>'
        return f"<details><summary>{escape(cell.summary)}</summary><ul>{items}</ul></details>"
    if column == "status":
        return f'<span class="{escape(cell)}">{escape(cell)}</span>'
    if column == "sectors" and cell.startswith(f"{INTER_SECTORAL}:"):
        rest = cell.removeprefix(f"{INTER_SECTORAL}:")
        return f'<span class="inter-sectoral">{INTER_SECTORAL}</span>:{escape(rest)}'
    return escape(cell)


def _html_table(section: Section, sources: dict[str, str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in section.header)
    passages = _Passages(section.anchor)
    rows = []
    for row in section.rows:
        cells = zip(row, section.header, strict=True)
        attrs = ""
        if section.key == "sources":
            attrs = f' id="source-{escape(str(row[0]))}"'
        rows.append(
            f"<tr{attrs}>"
            + "".join(f"<td>{_html_cell(c, h, passages, sources)}</td>" for c, h in cells)
            + "</tr>"
        )
    more = _more_text(section)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>" + (
        f'<p class="more">{escape(more)}</p>' if more else ""
    )


def _heatmap(report: OverlapReport, max_topics: int = 80) -> str:
    g: nx.Graph = report.graphs.get("units", nx.Graph())
    units = sorted(
        (n for n, d in g.nodes(data=True) if d.get("bipartite") == 0),
        key=lambda n: natural_key(str(n)),
    )
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


def _html_toc(parts: list[Section]) -> str:
    """Nested lists of links: the level-2 headings, each with its level-3 ones."""
    html, open_sub = ["<ul>"], False
    for level, title, anchor in _toc(parts):
        link = f'<a href="#{anchor}">{escape(title)}</a>'
        if level == 2:
            if open_sub:
                html.append("</ul></li>")
                open_sub = False
            elif len(html) > 1:
                html.append("</li>")
            html.append(f"<li>{link}")
        else:
            if not open_sub:
                html.append("<ul>")
                open_sub = True
            html.append(f"<li>{link}</li>")
    html.append("</ul></li></ul>" if open_sub else "</li></ul>")
    return (
        '<nav class="toc" aria-label="Contents"><p class="toc-title">Contents</p>'
        + "".join(html)
        + "</nav>"
    )


def render_html(report: OverlapReport, limit: int = 50) -> str:
    """The report as one self-contained HTML page: contents, a summary in words, then one
    section per analysis in the order a coordinator acts on them, and the sources."""
    parts = sections(report, limit)
    anchors = {s.key: s.anchor for s in parts if s.key}
    sources = {s.id: s.label or s.title for s in report.sources}
    cards = "".join(
        f'<a class="card" href="#{anchors[key]}"><b>{n}</b>{escape(text)}</a>'
        for n, text, key in summary_phrases(report)
    )
    firsts = top_findings(report)
    html = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Overlap and gap report — isc-graph</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Overlap and gap report</h1>",
        f"<p>{escape(_intro(report))}</p>",
        _html_toc(parts),
        '<h2 id="summary">Summary</h2>',
        f'<div class="cards">{cards}</div>',
    ]
    if firsts:
        html += [
            '<p class="lead">To act on first:</p>',
            "<ol>" + "".join(f"<li>{escape(x)}</li>" for x in firsts) + "</ol>",
        ]
    pictures = {"heatmap": _heatmap, "network": _network}
    for section in parts:
        html.append(
            f'<h{section.level} id="{section.anchor}">{escape(section.title)}</h{section.level}>'
        )
        if section.note:
            html.append(f'<p class="note">{escape(section.note)}</p>')
        if section.picture:
            html.append(pictures[section.picture](report))
        if section.header:
            html.append(_html_table(section, sources))
    # Folded lists open for printing: a printed <details> shows only its summary.
    html.append(
        '<script>addEventListener("beforeprint", () => document.querySelectorAll("details")'
        ".forEach((d) => { d.open = true; }));</script>"
    )
    html.append("</body></html>")
    return "\n".join(html) + "\n"
