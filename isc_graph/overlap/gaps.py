"""Where nobody works: action lines without a leading unit, SDGs and targets without an
outcome, thematic areas without an engaged unit."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..queries import natural_key
from .model import Evidence, Item, named
from .read import LEADING_ROLES, Engagement, Outcome, Session

__all__ = ["Gap", "action_lines_without_lead", "sdg_gaps", "thematic_areas_without_units"]


@dataclass
class Gap:
    """Something in the graph that no unit or outcome covers."""

    item: Item
    kind: str  # action line without lead | SDG without outcome | … (see the functions)
    why: str
    context: str = ""
    evidence: list[Evidence] = field(default_factory=list)


def action_lines_without_lead(
    action_lines: list[Item],
    itu_roles: dict[str, list[Engagement]],
    engagements: list[Engagement],
    sessions: list[Session] | None = None,
) -> list[Gap]:
    """Action lines on which ITU has a role but no ITU unit is focal point or lead.

    The sentence gives ITU's role as the graph records it ("sole facilitator" when no other
    organisation facilitates or co-facilitates the line), and who leads the ``sessions`` on
    the line, whose passages join the evidence: a line no unit leads may still have a session
    some unit leads.

    Examples
    --------
    >>> from isc_graph.overlap.read import Engagement, Session
    >>> itu, bdt, spm = Item("ITU"), Item("BDT", "", "bureau"), Item("SPM", "", "department")
    >>> c5, c6 = Item("C5", "", "action line"), Item("C6", "", "action line")
    >>> roles = {"C5": [Engagement(itu, None, None, c5, "facilitator", ())],
    ...          "C6": [Engagement(itu, None, None, c6, "facilitator", ())]}
    >>> s5 = Session(Item("S5", "C5 session", "session"), Item("F", "Forum 2019"), ("C5",))
    >>> leads = [Engagement(bdt, bdt, bdt, c6, "focal-point", ()),
    ...          Engagement(spm, spm, spm, s5.item, "lead", ("C5",))]
    >>> [gap] = action_lines_without_lead([c5, c6], roles, leads, [s5])
    >>> print(gap.why)  # doctest: +NORMALIZE_WHITESPACE
    ITU is sole facilitator of C5, but no ITU unit is named as its focal point or lead;
    SPM leads the Forum 2019 session on it, "C5 session".
    """
    led = {e.topic.id for e in engagements if e.unit is not None and e.role in LEADING_ROLES}
    by_topic: dict[str, list[Engagement]] = {}
    for e in engagements:
        by_topic.setdefault(e.topic.id, []).append(e)
    gaps = []
    for line in action_lines:
        roles = itu_roles.get(line.id, [])
        if not roles or line.id in led:
            continue
        on_line = [s for s in sessions or [] if line.id in s.subjects]
        session_leads = [
            e for s in on_line for e in by_topic.get(s.item.id, []) if e.role == "lead"
        ]
        gaps.append(
            Gap(
                item=line,
                kind="action line without lead",
                why=f"ITU is {_itu_roles(roles, by_topic.get(line.id, []))} of {line.name}, "
                "but no ITU unit is named as its focal point or lead; "
                f"{_session_leads(on_line, session_leads)}.",
                context=", ".join(sorted({e.role for e in roles})),
                evidence=sorted({ev for e in [*roles, *session_leads] for ev in e.evidence}),
            )
        )
    return gaps


_FACILITATING = frozenset({"facilitator", "co-facilitator"})


def _itu_roles(roles: list[Engagement], on_line: list[Engagement]) -> str:
    """ITU's roles on a line, "sole facilitator" when no outside organisation facilitates it.

    A unit of ITU (BDT, "Focal Point and Facilitator ... on behalf of ITU") facilitating the
    line does not make ITU's facilitation shared; another agency does.
    """
    shared = any(
        e.role in _FACILITATING and e.agent.id != "ITU" and e.actor is None for e in on_line
    )
    names = sorted({e.role for e in roles})
    return " and ".join(
        "sole facilitator" if r == "facilitator" and not shared else r for r in names
    )


def _session_leads(on_line: list[Session], leads: list[Engagement]) -> str:
    """Who leads the sessions on a line, sessions grouped by their leads and event."""
    if not on_line:
        return "the sources name no session on it"
    by_session: dict[str, set[str]] = {}
    lead_names: dict[str, str] = {}
    for e in leads:
        by_session.setdefault(e.topic.id, set()).add(e.agent.id)
        lead_names[e.agent.id] = e.agent.name
    groups: dict[tuple[tuple[str, ...], str], list[Session]] = {}
    for s in on_line:
        who = tuple(sorted(by_session.get(s.item.id, ())))
        event = (s.event.label or s.event.id) if s.event is not None else ""
        groups.setdefault((who, event), []).append(s)
    clauses = []
    # Sessions with a lead first, then those the sources name no lead for.
    for (who, event), group in sorted(groups.items(), key=lambda g: (not g[0][0], g[0])):
        what = f"the {event + ' ' if event else ''}session{'s' if len(group) > 1 else ''} on it"
        names = _and([f'"{s.item.label}"' for s in group if s.item.label])
        named = f", {names}" if names else ""
        if who:
            verb = "leads" if len(who) == 1 else "lead"
            clauses.append(f"{_and([lead_names.pop(w, w) for w in who])} {verb} {what}{named}")
        else:
            clauses.append(f"no lead is named for {what}{named}")
    return "; ".join(clauses)


def _and(words: list[str]) -> str:
    """``["A", "B", "C"]`` → ``A, B and C``."""
    return " and ".join(filter(None, [", ".join(words[:-1]), *words[-1:]]))


def sdg_gaps(
    goals: list[Item], targets: list[tuple[Item, str]], outcomes: list[Outcome]
) -> tuple[list[Gap], list[Gap]]:
    """SDGs no outcome contributes to, and targets no outcome contributes to (a target counts
    as covered only when an outcome names it; the sources may name goals only).

    Examples
    --------
    >>> goals = [Item("SDG 4", "", "SDG"), Item("SDG 5", "", "SDG")]
    >>> targets = [(Item("SDG target 5.b", "", "SDG target"), "SDG 5")]
    >>> outcomes = [Outcome("x", "D.1-1", "", "D.1", "BDT", {"SDG 5"})]
    >>> no_goal, no_target = sdg_gaps(goals, targets, outcomes)
    >>> [g.item.id for g in no_goal], [g.context for g in no_target]
    (['SDG 4'], ['SDG 5 has 1 contributing outcome'])
    """
    covered: dict[str, int] = {}
    for o in outcomes:
        for item in o.items:
            covered[item] = covered.get(item, 0) + 1
    uncovered_goals = [
        Gap(
            item=g,
            kind="SDG without outcome",
            why=f"No strategic-plan outcome in the graph contributes to {g.name}.",
            evidence=[Evidence("un-sdg-kos")],
        )
        for g in goals
        if g.id not in covered
    ]
    uncovered_targets = []
    for t, goal in targets:
        if t.id in covered:
            continue
        n = covered.get(goal, 0)
        context = f"{goal} has {n} contributing outcome{'s' if n != 1 else ''}"
        uncovered_targets.append(
            Gap(
                item=t,
                kind="SDG target without outcome",
                why=f"No outcome names {named(t.id.removeprefix('SDG '), t.label)}; {context}.",
                context=context,
                evidence=[Evidence("un-sdg-kos")],
            )
        )
    return uncovered_goals, uncovered_targets


def thematic_areas_without_units(
    areas: list[tuple[Item, str]],
    engagements: list[Engagement],
    evidence: dict[str, list[Evidence]] | None = None,
) -> list[Gap]:
    """Thematic areas on which no ITU unit is engaged (a coordination body may be).

    Examples
    --------
    >>> from isc_graph.overlap.read import Engagement
    >>> tf = Item("ISC-TF", "", "coordination body")
    >>> gender = Item("TA-2022-gender", "Gender", "thematic area")
    >>> es = [Engagement(tf, None, tf, gender, "coordinator", ())]
    >>> [(g.item.id, g.context) for g in thematic_areas_without_units([(gender, "TA-2022")], es)]
    [('TA-2022-gender', 'TA-2022; coordinated by ISC-TF')]
    """
    evidence = evidence or {}
    engaged: dict[str, set[str]] = {}
    units: set[str] = set()
    for e in engagements:
        engaged.setdefault(e.topic.id, set()).add(e.agent.id)
        if e.unit is not None:
            units.add(e.topic.id)
    gaps = []
    for area, list_id in areas:
        if area.id in units:
            continue
        others = sorted(engaged.get(area.id, set()), key=natural_key)
        context = f"{list_id}; coordinated by {', '.join(others)}" if others else list_id
        gaps.append(
            Gap(
                item=area,
                kind="thematic area without unit",
                why=f"No ITU unit is engaged on the thematic area '{area.label or area.id}' "
                f"({list_id})"
                + (
                    f"; only {', '.join(others)} {'is' if len(others) == 1 else 'are'}."
                    if others
                    else "."
                ),
                context=context,
                evidence=evidence.get(area.id, []),
            )
        )
    return gaps
