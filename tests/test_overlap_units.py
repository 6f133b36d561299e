"""The overlap analysis piece by piece, on inputs made by hand: the readers' kinds and
fallbacks, the wording of each finding (singular and plural), the CSV rows, and the
Markdown and HTML report (every section's heading and columns, the contents, the cut lists).

Every expected value is written out here from the small inputs each test builds.
"""

from __future__ import annotations

import csv
import io
import re

import networkx as nx
import pytest
from conftest import stderr_as_terminal
from test_overlap_small import engage, graph, topic

from isc_graph.diff.model import DiffReport
from isc_graph.lang import ENV as LANG_ENV
from isc_graph.overlap import OverlapReport, analyse_inputs, to_csv
from isc_graph.overlap.engagements import SharedEngagement, UnitRole, shared_engagements
from isc_graph.overlap.gaps import (
    Gap,
    action_lines_without_lead,
    sdg_gaps,
    thematic_areas_without_units,
)
from isc_graph.overlap.mandates import (
    DuplicatePair,
    InactiveAddressee,
    mandate_duplicates,
    unreported_addressees,
)
from isc_graph.overlap.model import Evidence, Item, Source, named, shorten
from isc_graph.overlap.outcomes import SignatureGroup, SimilarPair
from isc_graph.overlap.read import (
    Engagement,
    Inputs,
    Mandate,
    Outcome,
    Session,
    read_inputs,
    read_sources,
    read_unit_sectors,
)
from isc_graph.overlap.structure import Centrality, Community, actor_topic_graph, centrality


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Labels are read in English unless a test asks for another language."""
    monkeypatch.setenv(LANG_ENV, "en")


# --- model: labels cut to a length -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short enough", 60, "Short enough"),
        ("exactly ten", 11, "exactly ten"),
        ("  spaces \n and\ttabs  ", 60, "spaces and tabs"),
        ("abcd efgh ijkl", 10, "abcd…"),
        ("Identify overlapping functions and activities", 30, "Identify overlapping…"),
        ("see Annex X and the rest", 14, "see Annex X…"),
        ("alpha, beta; gamma", 12, "alpha…"),
        ("one two; three", 10, "one two…"),
        ("one two: three", 10, "one two…"),
        ("one two. three", 10, "one two…"),
        ("one two ( three", 11, "one two…"),
    ],
)
def test_shorten_cuts_at_a_word_and_drops_trailing_punctuation(
    text: str, limit: int, expected: str
) -> None:
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_shorten_keeps_sixty_characters_by_default() -> None:
    sixty = "word " * 11 + "abcde"  # 60 characters
    assert len(sixty) == 60 and shorten(sixty) == sixty
    assert shorten(sixty + "f") == "word " * 10 + "word…"


def test_named_shows_a_label_that_says_more_than_the_id() -> None:
    assert named("BDT", "Telecommunication Development Bureau") == (
        "BDT (Telecommunication Development Bureau)"
    )
    assert named("ITU-D", " itu-d ") == "ITU-D"
    assert named("C5", "") == "C5"
    assert named("X", "one two three", 9) == "X (one two…)"


# --- read: the kinds and fallbacks of the readers ----------------------------------------------


def test_kind_words_of_classes() -> None:
    from isc_graph.overlap.read import _kind

    assert _kind("https://w3id.org/isc-graph/ontology#RegionalOffice") == "regional office"
    assert _kind("http://metadata.un.org/sdg/ontology#Goal") == "SDG"
    assert _kind("http://metadata.un.org/sdg/ontology#Target") == "SDG target"
    assert _kind("http://metadata.un.org/sdg/ontology#Indicator") == "SDG indicator"
    assert _kind("http://www.w3.org/ns/org/Post") == "post"
    assert _kind("CoordinationBody") == "coordination body"


def test_sources_are_read_with_label_title_year_and_kind() -> None:
    data = (
        ':doc skos:prefLabel "The doc"@en ; dcterms:title "THE DOC" ; isc:documentYear "2019" .\n'
        ':doc-10 a isc:SourceDocument ; skos:notation "doc-10" .\n'
        ':doc-2 a isc:ReferenceText ; skos:notation "doc-2" ; dcterms:title "Basic texts" .\n'
    )
    assert read_sources(graph(data)) == [
        Source("doc", "The doc", "THE DOC", "2019", "source document"),
        Source("doc-2", "", "Basic texts", "", "reference text"),
        Source("doc-10", "", "", "", "source document"),
    ]


CONCEPTS = (
    ':C11 a isc:ActionLine ; skos:notation "C11" ; skos:prefLabel "C11 pref"@en .\n'
    ':C2 a isc:ActionLine ; skos:notation "C2" ; skos:prefLabel "C2 pref"@en ; '
    'dcterms:title "Access"@en .\n'
    'sdg:10 a sdgo:Goal ; skos:notation "10" ; skos:prefLabel "Reduced inequalities"@en .\n'
    'sdg:5 a sdgo:Goal ; skos:notation "5" ; skos:prefLabel "Gender equality"@en , '
    '"Égalité entre les sexes"@fr .\n'
    'sdg:5.b a sdgo:Target ; skos:notation "5.b" ; skos:broader sdg:5 .\n'
    'sdg:5.10 a sdgo:Target ; skos:notation "5.10" ; skos:broader sdg:5 .\n'
    'sdg:5.2 a sdgo:Target ; skos:notation "5.2" ; skos:broader sdg:5 .\n'
    ':TA a isc:ThematicAreaList ; skos:notation "TA" .\n'
    ':TA-web a isc:ThematicArea ; skos:notation "TA-web" ; skos:prefLabel "Web"@en ; '
    "skos:inScheme :TA .\n"
    ':D.1 a isc:SectorObjective ; skos:notation "D.1" .\n'
    ':D.1-1 a isc:Outcome ; skos:notation "D.1-1" ; isc:objective :D.1 ; '
    'skos:prefLabel "Connectivity"@en , "Connectivité"@fr ; isc:contributesToSDG sdg:5 ; '
    "isc:contributesToActionLine :C2 .\n"
)


def test_concepts_are_read_with_their_kinds_in_order() -> None:
    inputs = read_inputs(graph(CONCEPTS))
    assert inputs.action_lines == [
        Item("C2", "Access", "action line"),
        Item("C11", "C11 pref", "action line"),
    ]
    assert inputs.goals == [
        Item("SDG 5", "Gender equality", "SDG"),
        Item("SDG 10", "Reduced inequalities", "SDG"),
    ]
    assert inputs.targets == [
        (Item("SDG target 5.2", "", "SDG target"), "SDG 5"),
        (Item("SDG target 5.10", "", "SDG target"), "SDG 5"),
        (Item("SDG target 5.b", "", "SDG target"), "SDG 5"),
    ]
    assert inputs.thematic_areas == [(Item("TA-web", "Web", "thematic area"), "TA")]
    assert sorted(inputs.topics) == [
        "C11",
        "C2",
        "SDG 10",
        "SDG 5",
        "SDG target 5.10",
        "SDG target 5.2",
        "SDG target 5.b",
    ]
    [o] = inputs.outcomes
    assert (o.id, o.label, o.objective, o.unit, o.items) == (
        "D.1-1",
        "Connectivity",
        "D.1",
        "",
        {"SDG 5", "C2"},
    )


def test_outcomes_and_sdgs_are_labelled_in_the_language_asked_for() -> None:
    inputs = read_inputs(graph(CONCEPTS), lang="fr")
    assert [o.label for o in inputs.outcomes] == ["Connectivité"]
    assert inputs.goals[0] == Item("SDG 5", "Égalité entre les sexes", "SDG")
    # No French label: the English one.
    assert inputs.goals[1].label == "Reduced inequalities"


SECTORS = (
    ':ITU-T a isc:Sector ; skos:notation "ITU-T" ; skos:prefLabel "Standardization"@en .\n'
    ':ITU-D a isc:Sector ; skos:notation "ITU-D" ; skos:prefLabel "Development"@en .\n'
    ':GS a isc:GeneralSecretariat ; skos:notation "GS" ; '
    'skos:prefLabel "General Secretariat"@en .\n'
    ':BDT a isc:Bureau ; skos:notation "BDT" ; skos:prefLabel "Dev Bureau"@en ; '
    "isc:secretariatOf :ITU-D .\n"
    ':JG a isc:StudyGroup ; skos:notation "JG" ; isc:sector :ITU-D , :ITU-T .\n'
    ':Office a org:Post ; skos:notation "Office" .\n'
)


def test_a_unit_of_two_sectors_lists_them_in_constitution_order() -> None:
    places = read_unit_sectors(graph(SECTORS))
    assert [(p.sector.id, p.sector.label, p.sector.kind, p.basis) for p in places["JG"]] == [
        ("ITU-T", "Standardization", "Sector", "stated"),
        ("ITU-D", "Development", "Sector", "stated"),
    ]
    assert [(p.sector.id, p.basis) for p in places["Office"]] == [("GS", "default")]


def test_engaged_agents_get_the_kind_of_their_class_and_posts_their_units() -> None:
    data = SECTORS + topic("X") + topic("Y") + topic("Z")
    data += ':Dir a org:Post ; skos:notation "Dir" ; org:postIn :BDT .\n'
    data += ':Deputy a org:Post ; skos:notation "Deputy" ; org:postIn :Office .\n'
    data += ':Someone skos:notation "Someone" .\n'
    data += engage("Dir", "X", "lead") + engage("Someone", "Y", "partner")
    data += engage("Deputy", "Z", "lead") + engage("BDT", "Z", "contributor")
    by_agent = {e.agent.id: e for e in read_inputs(graph(data)).engagements}
    dir_, someone, deputy, bdt = (by_agent[a] for a in ("Dir", "Someone", "Deputy", "BDT"))
    assert dir_.agent.kind == "post"
    assert dir_.unit == Item("BDT", "Dev Bureau", "bureau")
    assert dir_.units == (Item("BDT", "Dev Bureau", "bureau"),)
    assert bdt.unit == Item("BDT", "Dev Bureau", "bureau")
    # An agent of no class of the project's has no kind, and is no unit.
    assert (someone.agent.kind, someone.unit, someone.actor) == ("", None, None)
    # A post in a post that the roll-up places (no class of a unit): a "unit".
    assert deputy.unit == Item("Office", "", "unit")


def test_addressees_get_the_kind_of_their_class() -> None:
    data = SECTORS + (
        ':m1 a isc:Mandate ; skos:notation "m1" ; isc:verb "instructs" ; isc:action "to act" ; '
        "isc:addressee :BDT , :Nobody .\n"
        ':Nobody skos:notation "Nobody" .\n'
    )
    [m] = read_inputs(graph(data)).mandates
    assert m.addressees == [Item("BDT", "Dev Bureau", "bureau"), Item("Nobody", "", "")]
    assert (m.instrument, m.revision, m.label) == ("", "", "")


# --- structure: the actor–topic graph and centrality -------------------------------------------


def test_outcome_units_and_their_topics_get_kinds_and_labels() -> None:
    bdt = Item("BDT", "Dev Bureau", "bureau")
    c2 = Item("C2", "Access", "action line")
    es = [Engagement(bdt, bdt, bdt, c2, "lead", ())]
    outcomes = [
        Outcome("o1", "D.1-1", "", "D.1", "TSB", {"SDG 5", "C2"}),
        Outcome("o2", "D.1-2", "", "D.1", "TSB", {"SDG 5"}),
        Outcome("o3", "D.1-3", "", "D.1", "", {"C7"}),
    ]
    g = actor_topic_graph(es, outcomes, {"SDG 5": "Gender", "TSB": "Std Bureau"})
    assert dict(g.nodes(data=True)) == {
        "BDT": {"bipartite": 0, "kind": "bureau", "label": "Dev Bureau"},
        "C2": {"bipartite": 1, "kind": "action line", "label": "Access"},
        "TSB": {"bipartite": 0, "kind": "unit", "label": "Std Bureau"},
        "SDG 5": {"bipartite": 1, "kind": "SDG", "label": "Gender"},
    }
    assert g.number_of_edges() == 3
    assert g.edges["BDT", "C2"] == {"roles": ["lead"]}
    assert g.edges["TSB", "C2"] == {"outcomes": 1}
    assert g.edges["TSB", "SDG 5"] == {"outcomes": 2}
    assert dict(actor_topic_graph([], outcomes[:1]).nodes(data="kind")) == {
        "TSB": "unit",
        "C2": "action line",
        "SDG 5": "SDG",
    }


def test_centrality_is_rounded_to_four_places_and_ordered() -> None:
    """A path A – BDT – B – TSB – C: BDT and TSB each lie on three of the six paths between
    other nodes, B on four."""
    g = nx.Graph([("BDT", "A"), ("BDT", "B"), ("TSB", "B"), ("TSB", "C")])
    nx.set_node_attributes(g, {"BDT": 0, "TSB": 0, "A": 1, "B": 1, "C": 1}, "bipartite")
    nx.set_node_attributes(g, {"BDT": "bureau", "A": "SDG"}, "kind")
    nx.set_node_attributes(g, {"BDT": "Dev Bureau"}, "label")
    actors, topics = centrality(g)
    assert actors == [
        Centrality("BDT", "Dev Bureau", "bureau", 2, 0.5, 0.5),
        Centrality("TSB", "", "", 2, 0.5, 0.5),
    ]
    assert topics == [
        Centrality("B", "", "", 2, 0.5, 0.6667),
        Centrality("A", "", "SDG", 1, 0.25, 0.0),
        Centrality("C", "", "", 1, 0.25, 0.0),
    ]
    g3 = nx.Graph([("U", "T1"), ("U", "T2"), ("U", "T3")])
    nx.set_node_attributes(g3, {"U": 0}, "bipartite")
    [u], _ = centrality(g3)
    assert (u.degree_centrality, u.betweenness) == (1.0, 1.0)
    g7 = nx.Graph([("U", "T1"), ("V", "T2"), ("W", "T3"), ("X", "T3")])
    nx.set_node_attributes(g7, dict.fromkeys("UVWX", 0), "bipartite")
    assert [c.degree_centrality for c in centrality(g7)[0]] == [0.1667] * 4
    assert centrality(nx.Graph()) == ([], [])


# --- gaps: action lines no unit leads, SDGs, thematic areas ------------------------------------

ITU = Item("ITU", "", "organization")
C5 = Item("C5", "", "action line")
BDT = Item("BDT", "", "bureau")
TSB = Item("TSB", "", "bureau")


def itu_on(line: Item, role: str = "facilitator", quote: str = "ITU facilitates") -> Engagement:
    return Engagement(ITU, None, None, line, role, (), [Evidence("doc", "p", quote)])


def test_a_lead_that_is_no_unit_does_not_lead_the_line() -> None:
    unesco = Item("UNESCO", "", "external organization")
    es = [
        itu_on(C5),
        Engagement(unesco, None, None, C5, "lead", ()),
        Engagement(BDT, BDT, BDT, C5, "contributor", ()),
    ]
    [gap] = action_lines_without_lead([C5], {"C5": es[:1]}, es)
    assert (gap.item, gap.kind, gap.context) == (C5, "action line without lead", "facilitator")
    assert gap.why == (
        "ITU is sole facilitator of C5, but no ITU unit is named as its focal point or lead; "
        "the sources name no session on it."
    )
    assert gap.evidence == [Evidence("doc", "p", "ITU facilitates")]
    # A unit as focal point leads it; a line ITU has no role on is no gap.
    led = [*es, Engagement(TSB, TSB, TSB, C5, "interim-focal-point", ())]
    assert action_lines_without_lead([C5], {"C5": es[:1]}, led) == []
    assert action_lines_without_lead([C5], {}, es) == []


def test_sessions_without_an_event_or_an_engagement_name_no_lead() -> None:
    """Two sessions on C5 at no named event, one led by BDT and TSB, the other by nobody."""
    s1 = Session(Item("S1", "Talk", "session"), None, ("C5",))
    s2 = Session(Item("S2", "", "session"), None, ("C5", "C6"))
    s3 = Session(Item("S3", "Other", "session"), Item("F", "", "event"), ("C6",))
    es = [
        itu_on(C5),
        Engagement(BDT, BDT, BDT, s1.item, "lead", (), [Evidence("doc", "q", "BDT leads")]),
        Engagement(TSB, TSB, TSB, s1.item, "lead", ()),
        Engagement(TSB, TSB, TSB, s1.item, "contributor", (), [Evidence("doc", "r", "helps")]),
    ]
    roles = {"C5": [es[0], itu_on(C5, "partner", "ITU partners")]}
    [gap] = action_lines_without_lead([C5], roles, es, [s1, s2, s3])
    assert gap.context == "facilitator, partner"
    assert gap.why == (
        "ITU is sole facilitator and partner of C5, but no ITU unit is named as its focal "
        'point or lead; BDT and TSB lead the session on it, "Talk"; no lead is named for the '
        "session on it."
    )
    assert gap.evidence == [
        Evidence("doc", "p", "ITU facilitates"),
        Evidence("doc", "p", "ITU partners"),
        Evidence("doc", "q", "BDT leads"),
    ]


def test_sessions_of_one_event_are_counted_in_the_plural() -> None:
    forum = Item("F", "", "event")
    s1 = Session(Item("S1", "A", "session"), forum, ("C5",))
    s2 = Session(Item("S2", "B", "session"), forum, ("C5",))
    s3 = Session(Item("S3", "C", "session"), forum, ("C5",))
    es = [itu_on(C5, "co-facilitator")]
    es += [Engagement(BDT, BDT, BDT, s.item, "lead", ()) for s in (s1, s2, s3)]
    [gap] = action_lines_without_lead([C5], {"C5": es[:1]}, es, [s1, s2, s3])
    assert gap.why == (
        "ITU is co-facilitator of C5, but no ITU unit is named as its focal point or lead; "
        'BDT leads the F sessions on it, "A", "B" and "C".'
    )


def test_another_agency_facilitating_makes_itu_a_facilitator_not_the_sole_one() -> None:
    unesco = Item("UNESCO", "", "external organization")
    es = [itu_on(C5), Engagement(unesco, None, None, C5, "co-facilitator", ())]
    [gap] = action_lines_without_lead([C5], {"C5": es[:1]}, es)
    assert gap.why.startswith("ITU is facilitator of C5, but")
    # A unit of ITU facilitating does not share ITU's facilitation.
    es = [itu_on(C5), Engagement(BDT, BDT, BDT, C5, "facilitator", ())]
    [gap] = action_lines_without_lead([C5], {"C5": es[:1]}, es)
    assert gap.why.startswith("ITU is sole facilitator of C5, but")


def test_sdg_gaps_rest_on_the_sdg_vocabulary_and_count_the_goals_outcomes() -> None:
    goals = [Item("SDG 4", "Education", "SDG"), Item("SDG 5", "", "SDG"), Item("SDG 9", "", "SDG")]
    targets = [
        (Item("SDG target 4.1", "Free schooling", "SDG target"), "SDG 4"),
        (Item("SDG target 5.1", "", "SDG target"), "SDG 5"),
        (Item("SDG target 5.2", "", "SDG target"), "SDG 5"),
        (Item("SDG target 9.1", "", "SDG target"), "SDG 9"),
    ]
    outcomes = [
        Outcome("o1", "D.1-1", "", "D.1", "BDT", {"SDG 5", "SDG target 5.2"}),
        Outcome("o2", "D.1-2", "", "D.1", "BDT", {"SDG 5", "SDG 9"}),
    ]
    no_goal, no_target = sdg_gaps(goals, targets, outcomes)
    assert no_goal == [
        Gap(
            Item("SDG 4", "Education", "SDG"),
            "SDG without outcome",
            "No strategic-plan outcome in the graph contributes to SDG 4 (Education).",
            "",
            [Evidence("un-sdg-kos")],
        )
    ]
    assert [(g.item.id, g.kind, g.context, g.why, g.evidence) for g in no_target] == [
        (
            "SDG target 4.1",
            "SDG target without outcome",
            "SDG 4 has 0 contributing outcomes",
            "No outcome names target 4.1 (Free schooling); SDG 4 has 0 contributing outcomes.",
            [Evidence("un-sdg-kos")],
        ),
        (
            "SDG target 5.1",
            "SDG target without outcome",
            "SDG 5 has 2 contributing outcomes",
            "No outcome names target 5.1; SDG 5 has 2 contributing outcomes.",
            [Evidence("un-sdg-kos")],
        ),
        (
            "SDG target 9.1",
            "SDG target without outcome",
            "SDG 9 has 1 contributing outcome",
            "No outcome names target 9.1; SDG 9 has 1 contributing outcome.",
            [Evidence("un-sdg-kos")],
        ),
    ]


def test_thematic_areas_without_units_name_who_else_is_engaged() -> None:
    tf = Item("ISC-TF", "", "coordination body")
    isct = Item("ISCT", "", "coordination body")
    web, gender, ai = (
        Item("TA-web", "", "thematic area"),
        Item("TA-gender", "Gender", "thematic area"),
        Item("TA-ai", "AI", "thematic area"),
    )
    es = [
        Engagement(tf, None, tf, gender, "coordinator", ()),
        Engagement(isct, None, isct, web, "coordinator", ()),
        Engagement(tf, None, tf, web, "coordinator", ()),
        Engagement(BDT, BDT, BDT, ai, "lead", ()),
    ]
    areas = [(gender, "TA-2022"), (web, "TA-2022"), (ai, "TA-2022"), (Item("TA-x"), "TA-2017")]
    passages = {"TA-web": [Evidence("doc", "p", "web")]}
    gaps = thematic_areas_without_units(areas, es, passages)
    assert [(g.item.id, g.kind, g.context, g.why, g.evidence) for g in gaps] == [
        (
            "TA-gender",
            "thematic area without unit",
            "TA-2022; coordinated by ISC-TF",
            "No ITU unit is engaged on the thematic area 'Gender' (TA-2022); only ISC-TF is.",
            [],
        ),
        (
            "TA-web",
            "thematic area without unit",
            "TA-2022; coordinated by ISC-TF, ISCT",
            "No ITU unit is engaged on the thematic area 'TA-web' (TA-2022); only ISC-TF, ISCT "
            "are.",
            [Evidence("doc", "p", "web")],
        ),
        (
            "TA-x",
            "thematic area without unit",
            "TA-2017",
            "No ITU unit is engaged on the thematic area 'TA-x' (TA-2017).",
            [],
        ),
    ]


# --- mandates: given twice, and addressed to the inactive --------------------------------------


def clause(ident: str, action: str, revision: str = "", instrument: str = "", *to: Item) -> Mandate:
    return Mandate(f"iri:{ident}", ident, "instructs", action, instrument, revision, list(to))


SG = Item("SG", "Secretary-General", "post")


def test_addressees_without_activity_in_the_singular_and_the_plural() -> None:
    ms = [
        clause("m1", "to report", "R-1", "R", SG, Item("Dir-BDT")),
        clause("m2", "to report again", "R-1", "R", SG),
        clause("m10", "to help", "R-1", "R", SG),
    ]
    ms[0].label = "Res. 1, instructs: report yearly"
    passages = {"iri:m1": [Evidence("doc", "p", "m1")], "iri:m10": [Evidence("doc", "p", "m10")]}
    found = unreported_addressees(ms, {"TSB"}, {"Dir-BDT": "BDT"}, passages)
    assert [(a.addressee.id, a.mandates, a.why) for a in found] == [
        (
            "Dir-BDT",
            ["m1"],
            "Dir-BDT is asked to act by 1 clause (m1), but no activity of Dir-BDT or BDT is "
            "reported in the graph.",
        ),
        (
            "SG",
            ["m1", "m2", "m10"],
            "SG (Secretary-General) is asked to act by 3 clauses (m1, m2, m10), but no activity "
            "of SG is reported in the graph.",
        ),
    ]
    assert found[1].evidence == [Evidence("doc", "p", "m1"), Evidence("doc", "p", "m10")]
    assert found[1].labels == {"m1": "report yearly", "m2": "to report again", "m10": "to help"}
    # An active post's unit, or an active addressee, is not reported.
    assert [a.addressee.id for a in unreported_addressees(ms, {"BDT"}, {"Dir-BDT": "BDT"})] == [
        "SG"
    ]
    assert unreported_addressees(ms, {"SG", "Dir-BDT"}, {}) == []


def test_mandates_given_twice_within_across_revisions_and_instruments() -> None:
    bdt = Item("BDT", "Dev Bureau", "bureau")
    ms = [
        clause("a1", "to identify overlapping activities", "R-2014", "R", SG),
        clause("a2", "to identify all overlapping activity", "R-2018", "R", bdt),
        clause("b1", "to identify overlapping activities", "Q-2018", "Q", SG),
        clause("c1", "to help members and to report", "R-2018", "R"),
        clause("c2", "to help members", "R-2018", "R"),
    ]
    ms[0].label = "Res. R: identify"
    ms[2].label = "Res. Q: identify"
    found = {(d.a, d.b): d for d in mandate_duplicates(ms, 0.5)}
    assert list(found) == [("a1", "a2"), ("a1", "b1"), ("a2", "b1"), ("c1", "c2")]
    across = found["a1", "a2"]
    assert (across.scope, across.same_addressees, across.addressees_a, across.addressees_b) == (
        "across revisions",
        False,
        ["SG"],
        ["BDT"],
    )
    assert across.why == (
        "a1 (identify) and a2 (to identify all overlapping activity), across revisions, give "
        "nearly the same action (token similarity 1.00) to SG (Secretary-General) and to BDT "
        "(Dev Bureau)."
    )
    assert across.labels == {
        "a1": "identify",
        "a2": "to identify all overlapping activity",
        "SG": "Secretary-General",
        "BDT": "Dev Bureau",
    }
    same = found["a1", "b1"]
    assert (same.scope, same.same_addressees, same.similarity) == ("across instruments", True, 1.0)
    assert same.why == (
        "a1 and b1 (both: identify), across instruments, give nearly the same action (token "
        "similarity 1.00) to the same addressees (SG (Secretary-General))."
    )
    within = found["c1", "c2"]
    assert (within.scope, within.similarity) == ("within revision", 0.6667)
    assert within.why.endswith("(token similarity 0.67) to the same addressees ().")
    c3 = clause("c3", "to help members", "R-2018", "R", SG)
    [one] = mandate_duplicates([ms[3], c3], 0.5)
    assert one.why.endswith("to nobody named and to SG (Secretary-General).")
    [other] = mandate_duplicates([c3, ms[3]], 0.5)
    assert (other.a, other.b) == ("c1", "c3")


# --- engagements: a coordination body as the topic ---------------------------------------------


def test_a_coordination_body_founded_by_two_sectors_coordinates_itself() -> None:
    from isc_graph.overlap.read import Placement

    isct = Item("ISCT", "", "coordination body")
    tsag, rag = Item("TSAG", "", "advisory group"), Item("RAG", "", "advisory group")
    tf = Item("ISC-TF", "", "coordination body")
    es = [
        Engagement(tsag, tsag, tsag, isct, "founder", ()),
        Engagement(rag, rag, rag, isct, "founder", ()),
    ]
    places = {"TSAG": [Placement(Item("ITU-T"))], "RAG": [Placement(Item("ITU-D"))]}
    [shared] = shared_engagements(es, 2, places)
    assert shared.why == (
        "ITU-T, with TSAG as founder, and ITU-D, with RAG as founder, are both engaged on "
        "ISCT; coordinated by itself, a coordination body."
    )
    es.append(Engagement(tf, None, tf, isct, "coordinator", ()))
    [shared] = shared_engagements(es, 2, places)
    assert shared.coordinated_by == [
        "ISCT (itself a coordination body)",
        "ISC-TF (coordinator, on ISCT)",
    ]
    assert shared.why.endswith(
        "coordinated by itself, a coordination body, and by ISC-TF as coordinator."
    )


# --- the report: a small one made by hand ------------------------------------------------------

PARAMETERS = {"threshold": 0.5, "min_units": 2, "text_threshold": 0.7, "seed": 0}
GAP_KINDS = (
    "action_lines_without_lead",
    "sdgs_without_outcomes",
    "targets_without_outcomes",
    "thematic_areas_without_units",
)


def make_report(**fields: object) -> OverlapReport:
    """A report with no findings but those given."""
    values: dict = {
        "parameters": dict(PARAMETERS),
        "counts": {"outcomes": 0, "engagements": 0, "mandates": 0},
        "signature_groups": [],
        "similar_pairs": [],
        "shared_engagements": [],
        "mandate_duplicates": [],
        "unreported_addressees": [],
        "gaps": {kind: [] for kind in GAP_KINDS},
        "actor_centrality": [],
        "topic_centrality": [],
        "communities": [],
    }
    values.update(fields)
    return OverlapReport(**values)


QUOTE_ONE = Evidence("doc-1", "p. 2", "quote one")


def target_gap(code: str, label: str, context: str) -> Gap:
    return Gap(Item(f"SDG target {code}", label, "SDG target"), "", "", context)


def full_report() -> OverlapReport:
    """One or two findings of every kind, with passages from four documents."""
    c5 = Item("C5", "Cybersecurity", "action line")
    return make_report(
        counts={"outcomes": 4, "engagements": 12, "mandates": 3},
        shared_engagements=[
            SharedEngagement(
                c5,
                [
                    UnitRole(Item("BDT"), ["lead"], [], ["ITU-D"], "stated"),
                    UnitRole(Item("TSB"), ["contributor"], [], ["ITU-T"], "stated"),
                ],
                ["ITU-T", "ITU-D"],
                True,
                "uncoordinated",
                [],
                "W1",
                [QUOTE_ONE, Evidence("doc-1", "p. 3", "quote one")],
            ),
            SharedEngagement(
                Item("Gender"),
                [
                    UnitRole(Item("BDT"), ["lead"], [], ["ITU-D"], "stated"),
                    UnitRole(Item("RO"), ["host", "lead"], [], ["ITU-D"], "stated"),
                ],
                ["ITU-D"],
                False,
                "coordinated",
                ["ISC-TF (coordinator, on Gender)"],
                "W7 | piped",
                [QUOTE_ONE, Evidence("doc-1", "p. 4", "two"), Evidence("doc-8"), Evidence("x")],
            ),
        ],
        mandate_duplicates=[
            DuplicatePair(
                "m1",
                "m2",
                0.875,
                "across revisions",
                False,
                ["SG"],
                ["SG", "BDT"],
                "to act",
                "to act now",
                "W2",
                labels={"m1": "act"},
            )
        ],
        unreported_addressees=[
            InactiveAddressee(SG, ["m1", "m3"], "W3", [Evidence("doc-2")]),
        ],
        gaps={
            "action_lines_without_lead": [
                Gap(Item("C3", "Access"), "", "W4", "facilitator", [Evidence("doc-1", "p", "C3")])
            ],
            "sdgs_without_outcomes": [
                Gap(Item("SDG 4", "Quality education", "SDG"), "", "W5", "", [Evidence("un")])
            ],
            "targets_without_outcomes": [
                target_gap("10.1", "", "SDG 10 has 0 contributing outcomes"),
                target_gap("2.10", "", "SDG 2 has 1 contributing outcome"),
                target_gap("2.2", "Label 2.2", "SDG 2 has 1 contributing outcome"),
            ],
            "thematic_areas_without_units": [
                Gap(Item("TA-web", "Web"), "", "W8", "TA-2022", [Evidence("doc-1", "p", "areas")])
            ],
        },
        signature_groups=[
            SignatureGroup(
                ["SDG 5", "C2"],
                [Item("D.1-1", "Outcome one"), Item("D.2-1")],
                ["D.1", "D.2"],
                "W6",
                [QUOTE_ONE],
            )
        ],
        similar_pairs=[
            SimilarPair(
                [Item("D.1-1", "Outcome one")],
                [Item("D.3-1"), Item("D.3-2")],
                2 / 3,
                ["SDG 5", "C2"],
                ["SDG 5", "C2", "C3"],
                0.5,
                [Evidence("doc-3", "s. 1", "q3")],
            )
        ],
        actor_centrality=[
            Centrality("BDT", "Telecommunication Development Bureau", "bureau", 3, 0.75, 0.12345),
        ],
        topic_centrality=[Centrality("C5", "", "action line", 2, 0.5, 0.0)],
        communities=[
            Community(1, ["BDT", "TSB"], ["C5"]),
            Community(2, ["RO"], [f"T{n}" for n in range(1, 22)]),
        ],
        sources=[
            Source("doc-1", "Report on X", "REPORT ON X", "2019", "source document"),
            Source("doc-2", "", "Printed only", "2018", "reference text"),
            Source("doc-3", "Label three", "Other printed", "", "source document"),
            Source("doc-8", "Unused", "", "2000", "source document"),
            Source("doc-9", "Old resolutions", "", "2014", "source document"),
        ],
        labels={"SDG 2": "Zero hunger", "SDG 10": "Reduced inequalities"},
        changes=[
            DiffReport(
                "revisions",
                "",
                ["Resolution 9: 1 clause reworded", "no clause dropped."],
                data={
                    "instrument": {"label": "Resolution 9"},
                    "old": {"id": "Res9-2014", "year": "2014"},
                    "new": {"id": "Res9-2018", "year": "2018"},
                    "clauses": [
                        {
                            "kinds": ["re-worded", "moved"],
                            "old": {
                                "id": "m1",
                                "label": "act",
                                "evidence": [
                                    {"document": "doc-9", "locator": "§1", "quote": "old words"}
                                ],
                            },
                            "new": {"id": "m2", "label": "m2", "evidence": []},
                            "similarity": 0.8,
                            "diff": "+now",
                            "addressees_added": ["BDT"],
                            "addressees_removed": ["SG"],
                        },
                        {
                            "kinds": ["new"],
                            "old": None,
                            "new": {"id": "m3", "label": "help"},
                            "similarity": None,
                            "diff": "",
                            "addressees_added": [],
                            "addressees_removed": [],
                        },
                    ],
                },
            ),
            DiffReport(
                "thematic-areas",
                "",
                ["Thematic areas: 1 new"],
                data={
                    "old": {"id": "TA-2017", "year": "2017"},
                    "new": {"id": "TA-2022", "year": "2022"},
                    "areas": [
                        {
                            "kind": "dropped",
                            "old": [{"id": "TA-2017-x", "label": "X"}],
                            "new": None,
                            "basis": "stated",
                        },
                        {
                            "kind": "new",
                            "old": [],
                            "new": {"id": "TA-2022-ai", "label": "AI"},
                            "basis": "stated",
                        },
                        {
                            "kind": "renamed",
                            "old": [
                                {"id": "TA-2017-web", "label": "Web"},
                                {"id": "TA-2017-ed", "label": "Editorial"},
                            ],
                            "new": {"id": "TA-2022-web", "label": "Web editorial"},
                            "basis": "inferred",
                        },
                    ],
                },
            ),
        ],
    )


# --- __init__: citations, summary, CSV -----------------------------------------------------


def test_citations_name_the_sections_that_quote_each_document() -> None:
    assert full_report().citations() == {
        "doc-1": [
            "signature_groups",
            "shared_engagements",
            "gaps.action_lines_without_lead",
            "gaps.thematic_areas_without_units",
        ],
        "doc-3": ["similar_pairs"],
        "doc-8": ["shared_engagements"],
        "x": ["shared_engagements"],
        "doc-2": ["mandate_duplicates.unreported_addressees"],
        "un": ["gaps.sdgs_without_outcomes"],
        "doc-9": ["changes"],
    }
    assert make_report().citations() == {}


def test_summary_counts_every_kind_of_finding() -> None:
    assert full_report().summary() == {
        "signature_groups": 1,
        "similar_pairs": 1,
        "shared_engagements": 2,
        "uncoordinated_shared_engagements": 1,
        "inter_sectoral_shared_engagements": 1,
        "mandate_duplicates": 1,
        "unreported_addressees": 1,
        "gaps_action_lines_without_lead": 1,
        "gaps_sdgs_without_outcomes": 1,
        "gaps_targets_without_outcomes": 3,
        "gaps_thematic_areas_without_units": 1,
        "communities": 2,
    }


def test_the_csv_has_one_row_per_finding() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(full_report()))))
    header = ["analysis", "subject", "related", "score", "why", "evidence", "sectors"]
    assert rows == [
        [*header, "subject_label"],
        ["signature_group", "D.1-1, D.2-1", "SDG 5, C2", "1", "W6",
         "doc-1, p. 2: quote one", "", "Outcome one"],
        ["similar_pair", "D.1-1", "D.3-1, D.3-2", "0.666667",
         "D.1-1 and D.3-1, D.3-2 share 2 of the 3 items they contribute to "
         "(Jaccard 0.67 ≥ 0.5).", "doc-3, s. 1: q3", "", "Outcome one"],
        ["shared_engagement", "C5", "BDT (lead), TSB (contributor)", "uncoordinated", "W1",
         "doc-1, p. 2: quote one | doc-1, p. 3: quote one", "ITU-T, ITU-D", "Cybersecurity"],
        ["shared_engagement", "Gender", "BDT (lead), RO (host, lead)", "coordinated",
         "W7 | piped", "doc-1, p. 2: quote one | doc-1, p. 4: two | doc-8 | x", "ITU-D", ""],
        ["mandate_duplicate", "m1", "m2", "0.875", "W2", "", "", "act"],
        ["unreported_addressee", "SG", "m1, m3", "", "W3", "doc-2", "", "Secretary-General"],
        ["gap:action_lines_without_lead", "C3", "facilitator", "", "W4", "doc-1, p: C3", "",
         "Access"],
        ["gap:sdgs_without_outcomes", "SDG 4", "", "", "W5", "un", "", "Quality education"],
        ["gap:targets_without_outcomes", "SDG target 10.1", "SDG 10 has 0 contributing outcomes",
         "", "", "", "", ""],
        ["gap:targets_without_outcomes", "SDG target 2.10", "SDG 2 has 1 contributing outcome",
         "", "", "", "", ""],
        ["gap:targets_without_outcomes", "SDG target 2.2", "SDG 2 has 1 contributing outcome",
         "", "", "", "", "Label 2.2"],
        ["gap:thematic_areas_without_units", "TA-web", "TA-2022", "", "W8", "doc-1, p: areas",
         "", "Web"],
        ["centrality", "BDT", "bureau", "0.12345", "degree 3, betweenness 0.12345", "", "",
         "Telecommunication Development Bureau"],
        ["centrality", "C5", "action line", "0", "degree 2, betweenness 0", "", "", ""],
        ["community", "1", "BDT, TSB", "3", "topics: C5", "", "", ""],
        ["community", "2", "RO", "22", "topics: " + ", ".join(f"T{n}" for n in range(1, 22)),
         "", "", ""],
    ]  # fmt: skip
    assert to_csv(make_report()) == ",".join([*header, "subject_label"]) + "\n"


def test_the_coarse_steps_are_told_in_order() -> None:
    told: list[str] = []
    inputs = Inputs([], {}, [], [], set(), {}, [], [], [], [], {})
    report = analyse_inputs(inputs, step=told.append)
    assert told == ["comparing outcomes", "comparing mandates", "analysing the network"]
    assert report.parameters == PARAMETERS
    assert report.counts == {
        "outcomes": 0,
        "outcomes_with_contributions": 0,
        "engagements": 0,
        "unit_engagements": 0,
        "mandates": 0,
        "network_nodes": 0,
        "network_edges": 0,
    }


# --- render: the terminal summary ------------------------------------------------------------


def test_summary_lines_in_the_singular_and_the_plural() -> None:
    from isc_graph.overlap.render import summary_lines

    assert summary_lines(full_report()) == [
        "1 groups of outcomes with identical contributions, 1 similar pairs (Jaccard ≥ 0.5)",
        "2 topics shared by 2+ units (1 uncoordinated, 1 inter-sectoral)",
        "1 pair of near-duplicate mandates, 1 addressees with no reported activity",
        "gaps: 1 action lines without a leading unit, 1 SDGs and 3 targets without an "
        "outcome, 1 thematic areas without a unit",
        "top findings (to act on first):",
        "  - W1",
        "  - W2",
        "  - W4",
        "  - W6",
    ]
    empty = make_report(parameters={**PARAMETERS, "threshold": 0.25, "min_units": 3})
    assert summary_lines(empty) == [
        "0 groups of outcomes with identical contributions, 0 similar pairs (Jaccard ≥ 0.25)",
        "0 topics shared by 3+ units or across Sectors (0 uncoordinated, 0 inter-sectoral)",
        "0 pairs of near-duplicate mandates, 0 addressees with no reported activity",
        "gaps: 0 action lines without a leading unit, 0 SDGs and 0 targets without an "
        "outcome, 0 thematic areas without a unit",
    ]
    two = make_report(mandate_duplicates=full_report().mandate_duplicates * 2)
    assert summary_lines(two)[2].startswith("2 pairs of near-duplicate mandates, ")


def test_top_findings_take_up_to_top_of_each_kind() -> None:
    from isc_graph.overlap.render import top_findings

    def shared(why: str, status: str, inter: bool) -> SharedEngagement:
        return SharedEngagement(Item(why), [], [], inter, status, [], why)

    report = make_report(
        shared_engagements=[
            shared("I1", "uncoordinated", True),
            shared("I2", "uncoordinated", True),
            shared("U1", "uncoordinated", False),
            shared("U2", "uncoordinated", False),
            shared("C1", "coordinated", True),
        ],
        signature_groups=[SignatureGroup([], [], [], "G1"), SignatureGroup([], [], [], "G2")],
    )
    assert top_findings(report) == ["I1", "I2", "U1", "U2", "G1"]
    assert top_findings(report, 1) == ["I1", "U1", "G1"]
    assert top_findings(make_report()) == []


# --- render: the Markdown report -------------------------------------------------------------

EMPTY_MARKDOWN = """\
# Overlap and gap report

Where ITU units work on the same thing, and where nobody does, from the graph of 0 outcomes, \
0 engagements and 0 mandates. Jaccard threshold 0.5; at least 2 units, or units of two or more \
Sectors (or of a Sector and the General Secretariat); mandate text similarity 0.7; seed 0. \
Every finding gives its reason and the passages it rests on; a passage is quoted once per table \
and numbered, and later rows refer to its number.

**Contents**

- [Summary](#summary)
- [1. Topics several units work on](#1-topics-several-units-work-on)
- [2. Mandates given twice](#2-mandates-given-twice)
  - [Addressees with no reported activity](#addressees-with-no-reported-activity)
- [3. Gaps](#3-gaps)
  - [Action lines where ITU has a role but no unit leads (0)]\
(#action-lines-where-itu-has-a-role-but-no-unit-leads-0)
  - [SDGs no outcome contributes to (0)](#sdgs-no-outcome-contributes-to-0)
  - [SDG targets no outcome names (0)](#sdg-targets-no-outcome-names-0)
  - [Thematic areas with no engaged unit (0)](#thematic-areas-with-no-engaged-unit-0)
- [4. Outcomes with identical contributions](#4-outcomes-with-identical-contributions)
- [5. Outcomes with similar contributions](#5-outcomes-with-similar-contributions)
- [6. Central units and topics](#6-central-units-and-topics)
  - [Units and bodies](#units-and-bodies)
  - [Topics](#topics)
  - [Communities of units and topics](#communities-of-units-and-topics)
- [7. Sources](#7-sources)
- [8. What changed](#8-what-changed)

## Summary

- **0** [topics shared by several units](#1-topics-several-units-work-on)
- **0** [topics shared without coordination](#1-topics-several-units-work-on)
- **0** [topics shared across Sectors](#1-topics-several-units-work-on)
- **0** [mandates given twice](#2-mandates-given-twice)
- **0** [addressees with no reported activity](#addressees-with-no-reported-activity)
- **0** [action lines where no ITU unit leads]\
(#action-lines-where-itu-has-a-role-but-no-unit-leads-0)
- **0** [SDGs no outcome contributes to](#sdgs-no-outcome-contributes-to-0)
- **0** [SDG targets no outcome names](#sdg-targets-no-outcome-names-0)
- **0** [thematic areas with no engaged unit](#thematic-areas-with-no-engaged-unit-0)
- **0** [groups of outcomes with identical contributions]\
(#4-outcomes-with-identical-contributions)
- **0** [pairs of outcomes with similar contributions](#5-outcomes-with-similar-contributions)
- **0** [communities of units and topics](#communities-of-units-and-topics)

## 1. Topics several units work on

Topics shared across Sectors without coordination come first.

| topic | sectors | units (roles) | status | why | evidence |
|---|---|---|---|---|---|

## 2. Mandates given twice

| clauses | similarity | scope | addressees | actions | why | evidence |
|---|---|---|---|---|---|---|

### Addressees with no reported activity

| addressee | clauses | why | evidence |
|---|---|---|---|

## 3. Gaps

### Action lines where ITU has a role but no unit leads (0)

| item | why | evidence |
|---|---|---|

### SDGs no outcome contributes to (0)

| item | why | evidence |
|---|---|---|

### SDG targets no outcome names (0)

One line per goal; the JSON report lists every target.

| goal | targets without an outcome | targets | outcomes for the goal |
|---|---|---|---|

### Thematic areas with no engaged unit (0)

| item | why | evidence |
|---|---|---|

## 4. Outcomes with identical contributions

| outcomes | objectives | contributions | why | evidence |
|---|---|---|---|---|

## 5. Outcomes with similar contributions

| outcomes | similar to | Jaccard | shared | only first | only second | evidence |
|---|---|---|---|---|---|---|

## 6. Central units and topics

### Units and bodies

| id | kind | degree | betweenness |
|---|---|---|---|

### Topics

| id | kind | degree | betweenness |
|---|---|---|---|

### Communities of units and topics

| community | units and bodies | topics |
|---|---|---|

## 7. Sources

| document | title | year | kind | cited in |
|---|---|---|---|---|

## 8. What changed

The graph has neither two revisions of a resolution with clauses recorded nor two \
thematic-area lists to compare.
"""


def test_the_markdown_of_an_empty_report_has_every_section_and_its_columns() -> None:
    from isc_graph.overlap.render import render_markdown

    assert render_markdown(make_report()) == EMPTY_MARKDOWN


def part(markdown: str, heading: str) -> list[str]:
    """The lines under a heading (``## 1. Topics …``), up to the next heading, blanks left out."""
    lines = markdown.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return [line for line in lines[start:end] if line]


def test_the_markdown_report_shows_every_finding_in_its_table() -> None:
    from isc_graph.overlap.render import render_markdown

    md = render_markdown(full_report())
    assert md.splitlines()[2].startswith("Where ITU units work on the same thing, and where "
                                         "nobody does, from the graph of 4 outcomes, 12 "
                                         "engagements and 3 mandates.")  # fmt: skip
    assert part(md, "## Summary") == [
        "- **2** [topics shared by several units](#1-topics-several-units-work-on)",
        "- **1** [topic shared without coordination](#1-topics-several-units-work-on)",
        "- **1** [topic shared across Sectors](#1-topics-several-units-work-on)",
        "- **1** [mandate given twice](#2-mandates-given-twice)",
        "- **1** [addressee with no reported activity](#addressees-with-no-reported-activity)",
        "- **1** [action line where no ITU unit leads]"
        "(#action-lines-where-itu-has-a-role-but-no-unit-leads-1)",
        "- **1** [SDG no outcome contributes to](#sdgs-no-outcome-contributes-to-1)",
        "- **3** [SDG targets no outcome names](#sdg-targets-no-outcome-names-3)",
        "- **1** [thematic area with no engaged unit](#thematic-areas-with-no-engaged-unit-1)",
        "- **1** [group of outcomes with identical contributions]"
        "(#4-outcomes-with-identical-contributions)",
        "- **1** [pair of outcomes with similar contributions]"
        "(#5-outcomes-with-similar-contributions)",
        "- **2** [communities of units and topics](#communities-of-units-and-topics)",
        "To act on first:",
        "1. W1",
        "1. W2",
        "1. W4",
        "1. W6",
    ]
    assert part(md, "## 1. Topics several units work on")[3:] == [
        "| C5 (Cybersecurity), action line | inter-sectoral: ITU-T, ITU-D | ITU-T: TSB "
        '(contributor); ITU-D: BDT (lead) | uncoordinated | W1 | [1] doc-1, p. 2: "quote one"; '
        "[1] |",
        "| Gender | ITU-D | ITU-D: BDT (lead), RO (host, lead) | coordinated | W7 \\| piped | "
        '[1]; [2] doc-1, p. 4: "two"; doc-8; and 1 more |',
    ]
    assert part(md, "## 2. Mandates given twice")[2:] == [
        "| m1 / m2 | 0.88 | across revisions | SG / SG, BDT | to act / to act now | W2 |  |"
    ]
    assert part(md, "### Addressees with no reported activity")[2:] == [
        "| SG (Secretary-General), post | m1, m3 | W3 | doc-2 |"
    ]
    assert part(md, "### Action lines where ITU has a role but no unit leads (1)")[2:] == [
        '| C3 (Access) | W4 | [1] doc-1, p: "C3" |'
    ]
    assert part(md, "### SDGs no outcome contributes to (1)")[2:] == [
        "| SDG 4 (Quality education) | W5 | un |"
    ]
    assert part(md, "### SDG targets no outcome names (3)") == [
        "One line per goal; the JSON report lists every target.",
        "| goal | targets without an outcome | targets | outcomes for the goal |",
        "|---|---|---|---|",
        "| SDG 2 (Zero hunger) | 2 | 2.2, 2.10 | 1 contributing outcome |",
        "| SDG 10 (Reduced inequalities) | 1 | 10.1 | 0 contributing outcomes |",
    ]
    assert part(md, "### Thematic areas with no engaged unit (1)")[2:] == [
        '| TA-web (Web) | W8 | [1] doc-1, p: "areas" |'
    ]
    assert part(md, "## 4. Outcomes with identical contributions")[2:] == [
        '| D.1-1, D.2-1 | D.1, D.2 | SDG 5, C2 | W6 | [1] doc-1, p. 2: "quote one" |'
    ]
    assert part(md, "## 5. Outcomes with similar contributions")[2:] == [
        '| D.1-1 | D.3-1, D.3-2 | 0.67 | SDG 5, C2 |  | C3 | [1] doc-3, s. 1: "q3" |'
    ]
    assert part(md, "### Units and bodies")[2:] == [
        "| BDT (Telecommunication Development Bureau) | bureau | 3 | 0.123 |"
    ]
    assert part(md, "### Topics")[2:] == ["| C5 | action line | 2 | 0.000 |"]
    assert part(md, "### Communities of units and topics")[2:] == [
        "| 1 | BDT, TSB | C5 |",
        "| 2 | RO | " + ", ".join(f"T{n}" for n in range(1, 21)) + " … |",
    ]


def test_the_sources_say_where_each_document_is_quoted() -> None:
    from isc_graph.overlap.render import render_markdown

    md = render_markdown(full_report())
    assert part(md, "## 7. Sources") == [
        "| document | title | year | kind | cited in |",
        "|---|---|---|---|---|",
        "| doc-1 | Report on X | 2019 | source document | 1. Topics several units work on, "
        "Action lines where ITU has a role but no unit leads (1), Thematic areas with no "
        "engaged unit (1), 4. Outcomes with identical contributions |",
        "| doc-2 | Printed only | 2018 | reference text | Addressees with no reported activity |",
        "| doc-3 | Label three (printed title: Other printed) |  | source document | 5. Outcomes "
        "with similar contributions |",
        "| doc-8 | Unused | 2000 | source document | 1. Topics several units work on |",
        "| doc-9 | Old resolutions | 2014 | source document | 8. What changed |",
    ]
    quiet = make_report(sources=[Source("doc-5", "Quiet", "", "2001", "source document")])
    assert part(render_markdown(quiet), "## 7. Sources")[2:] == [
        "| doc-5 | Quiet | 2001 | source document | not quoted in a finding |"
    ]


def test_what_changed_has_a_table_per_comparison() -> None:
    from isc_graph.overlap.render import render_markdown

    md = render_markdown(full_report())
    assert part(md, "## 8. What changed") == [
        "The latest two revisions of each resolution that has clauses recorded in both, and "
        "the latest two thematic-area lists. Resolution 9: 1 clause reworded. Thematic areas: "
        "1 new."
    ]
    assert part(md, "### Resolution 9, 2014 → 2018") == [
        "Resolution 9: 1 clause reworded. no clause dropped.",
        "| change | Res9-2014 | Res9-2018 | similarity | wording | evidence |",
        "|---|---|---|---|---|---|",
        "| re worded, moved | m1 (act) | m2 | 0.80 | +now; addressees: +BDT -SG | [1] doc-9, §1: "
        '"old words" |',
        "| new |  | m3 (help) |  |  |  |",
    ]
    assert part(md, "### Thematic areas, 2017 → 2022") == [
        "Thematic areas: 1 new.",
        "| change | TA-2017 | TA-2022 | basis |",
        "|---|---|---|---|",
        "| renamed | TA-2017-web (Web), TA-2017-ed (Editorial) | TA-2022-web (Web editorial) "
        "| inferred |",
        "| new |  | TA-2022-ai (AI) | stated |",
        "| dropped | TA-2017-x (X) |  | stated |",
    ]
    assert "- [8. What changed](#8-what-changed)" in md
    assert "  - [Resolution 9, 2014 → 2018](#resolution-9-2014--2018)" in md


def test_long_lists_are_cut_with_a_note_of_how_many_more() -> None:
    from isc_graph.overlap.render import render_markdown

    md = render_markdown(full_report(), limit=1)
    assert part(md, "## 1. Topics several units work on")[3:] == [
        "| C5 (Cybersecurity), action line | inter-sectoral: ITU-T, ITU-D | ITU-T: TSB "
        '(contributor); ITU-D: BDT (lead) | uncoordinated | W1 | [1] doc-1, p. 2: "quote one"; '
        "[1] |",
        "… and 1 more (see the JSON report).",
    ]
    assert part(md, "### Communities of units and topics")[2:] == [
        "| 1 | BDT, TSB | C5 |",
        "… and 1 more (see the JSON report).",
    ]
    assert re.findall(r"… and (\d+) more \(see the JSON report\)\.", md) == ["1", "1", "1", "2"]
    assert "more (see the JSON report)" not in render_markdown(full_report())


def test_centrality_tables_show_the_fifteen_most_central() -> None:
    from isc_graph.overlap.render import render_markdown

    actors = [Centrality(f"U{n}", "", "unit", 1, 0.1, 0.0) for n in range(1, 17)]
    md = render_markdown(make_report(actor_centrality=actors), limit=5)
    rows = part(md, "### Units and bodies")[2:]
    assert rows == [f"| U{n} | unit | 1 | 0.000 |" for n in range(1, 16)]


# --- render: the HTML page -------------------------------------------------------------------


def html_part(page: str, anchor: str) -> str:
    """The HTML from the heading with id ``anchor`` to the next heading."""
    start = re.search(rf'<h[23] id="{re.escape(anchor)}">', page)
    assert start is not None, anchor
    after = re.search(r"<h[23] id=", page[start.end() :])
    return page[start.start() : start.end() + after.start()] if after else page[start.start() :]


SOURCE_1 = '<a href="#source-doc-1" title="Report on X">doc-1</a>'


def test_the_html_page_starts_and_ends_as_a_self_contained_document() -> None:
    from isc_graph.overlap.render import render_html

    page = render_html(make_report())
    assert page.startswith(
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Overlap and gap report — isc-graph</title>\n"
        "<style>\n"
    )
    assert "</style></head><body>\n<h1>Overlap and gap report</h1>\n<p>Where ITU units" in page
    assert page.endswith(
        '<script>addEventListener("beforeprint", () => document.querySelectorAll("details")'
        ".forEach((d) => { d.open = true; }));</script>\n</body></html>\n"
    )
    assert "To act on first" not in page
    assert "<p>No unit is engaged on any topic in the graph.</p>" in page
    assert "Louvain" not in page and "<details>" not in page
    changes = '<h2 id="8-what-changed">8. What changed</h2>\n<p class="note">The graph has neither'
    assert changes in page


def test_the_contents_nest_the_subsections_under_their_section() -> None:
    from isc_graph.overlap.render import Section, _html_toc

    head = '<nav class="toc" aria-label="Contents"><p class="toc-title">Contents</p>'
    parts = [Section(2, "A"), Section(3, "B"), Section(3, "C"), Section(2, "D")]
    assert _html_toc(parts) == head + (
        '<ul><li><a href="#summary">Summary</a></li><li><a href="#a">A</a><ul><li><a href="#b">'
        'B</a></li><li><a href="#c">C</a></li></ul></li><li><a href="#d">D</a></li></ul></nav>'
    )
    assert _html_toc([Section(2, "A & B"), Section(3, "C")]) == head + (
        '<ul><li><a href="#summary">Summary</a></li><li><a href="#a--b">A &amp; B</a><ul><li>'
        '<a href="#c">C</a></li></ul></li></ul></nav>'
    )
    assert _html_toc([]) == head + '<ul><li><a href="#summary">Summary</a></li></ul></nav>'


def test_the_summary_cards_and_the_findings_to_act_on_first() -> None:
    from isc_graph.overlap.render import render_html

    page = render_html(full_report())
    assert page.count('<a class="card" ') == 12
    assert (
        '<div class="cards"><a class="card" href="#1-topics-several-units-work-on"><b>2</b>'
        'topics shared by several units</a><a class="card" href="#1-topics-several-units-work-on">'
        "<b>1</b>topic shared without coordination</a>"
    ) in page
    assert (
        '<a class="card" href="#communities-of-units-and-topics"><b>2</b>communities of units '
        "and topics</a></div>"
    ) in page
    assert (
        '<p class="lead">To act on first:</p>\n<ol><li>W1</li><li>W2</li><li>W4</li><li>W6</li>'
        "</ol>"
    ) in page


def test_the_html_tables_mark_status_sectors_and_number_the_passages() -> None:
    from isc_graph.overlap.render import render_html

    shared = html_part(render_html(full_report()), "1-topics-several-units-work-on")
    table = shared[shared.index("<table>") :]
    ref = '<a class="ref" href="#1-topics-several-units-work-on-p1">[1]</a> ' + SOURCE_1
    assert table == (
        "<table><thead><tr><th>topic</th><th>sectors</th><th>units (roles)</th><th>status</th>"
        "<th>why</th><th>evidence</th></tr></thead><tbody>"
        "<tr><td>C5 (Cybersecurity), action line</td>"
        '<td><span class="inter-sectoral">inter-sectoral</span>: ITU-T, ITU-D</td>'
        "<td>ITU-T: TSB (contributor); ITU-D: BDT (lead)</td>"
        '<td><span class="uncoordinated">uncoordinated</span></td><td>W1</td>'
        '<td><div class="ev"><span id="1-topics-several-units-work-on-p1" class="ref">[1]</span> '
        f"{SOURCE_1}, p. 2: <q>quote one</q><br>{ref}</div></td></tr>"
        "<tr><td>Gender</td><td>ITU-D</td><td>ITU-D: BDT (lead), RO (host, lead)</td>"
        '<td><span class="coordinated">coordinated</span></td><td>W7 | piped</td>'
        f'<td><div class="ev">{ref}<br>'
        '<span id="1-topics-several-units-work-on-p2" class="ref">[2]</span> '
        f'{SOURCE_1}, p. 4: <q>two</q><br><a href="#source-doc-8" title="Unused">doc-8</a><br>'
        "and 1 more</div></td></tr></tbody></table>\n"
    )
    assert shared.startswith(
        '<h2 id="1-topics-several-units-work-on">1. Topics several units work on</h2>\n'
        '<p class="note">Topics shared across Sectors without coordination come first.</p>\n'
        "<p>No unit is engaged on any topic in the graph.</p>\n<table>"
    )
    cut = html_part(render_html(full_report(), limit=1), "1-topics-several-units-work-on")
    assert cut.endswith('</tbody></table><p class="more">… and 1 more (see the JSON report).</p>\n')
    assert "(see the JSON report)" not in render_html(full_report())


def test_the_html_folds_targets_under_their_goal_and_links_the_sources() -> None:
    from isc_graph.overlap.render import render_html

    page = render_html(full_report())
    assert (
        "<tbody><tr><td>SDG 2 (Zero hunger)</td><td>2</td><td><details><summary>2 targets"
        "</summary><ul><li>2.2 (Label 2.2)</li><li>2.10</li></ul></details></td>"
        "<td>1 contributing outcome</td></tr><tr><td>SDG 10 (Reduced inequalities)</td>"
        "<td>1</td><td><details><summary>1 target</summary><ul><li>10.1</li></ul></details>"
        "</td><td>0 contributing outcomes</td></tr></tbody>"
    ) in html_part(page, "sdg-targets-no-outcome-names-3")
    sources = html_part(page, "7-sources")
    assert re.findall(r"<tr[^>]*>", sources) == [
        "<tr>",
        '<tr id="source-doc-1">',
        '<tr id="source-doc-2">',
        '<tr id="source-doc-3">',
        '<tr id="source-doc-8">',
        '<tr id="source-doc-9">',
    ]
    assert (
        '<tr id="source-doc-1"><td>doc-1</td><td>Report on X</td><td>2019</td>'
        '<td>source document</td><td><ul class="plain"><li>1. Topics several units work on</li>'
        "<li>Action lines where ITU has a role but no unit leads (1)</li><li>Thematic areas "
        "with no engaged unit (1)</li><li>4. Outcomes with identical contributions</li></ul>"
        "</td></tr>"
    ) in sources
    assert '<td><ul class="plain"><li>8. What changed</li></ul></td></tr>' in sources
    assert 'id="source-' not in page.replace(sources, "")
    assert '<td><div class="ev">un</div></td>' in page
    assert '<a href="#source-doc-2" title="Printed only">doc-2</a>' in page


def units_graph() -> nx.Graph:
    """Five units on C5, each with another strongest role; BDT also focal point on C2."""
    g = nx.Graph()
    g.add_nodes_from(["BDT", "TSB", "SPM", "RO", "X"], bipartite=0)
    g.add_nodes_from(["C5", "C2"], bipartite=1)
    for who, roles in [
        ("BDT", ["contributor", "lead"]),
        ("TSB", ["interim-focal-point"]),
        ("SPM", ["contributor", "coordinator"]),
        ("RO", ["contributor"]),
        ("X", ["host"]),
    ]:
        g.add_edge(who, "C5", roles=roles)
    g.add_edge("BDT", "C2", roles=["focal-point"])
    return g


def test_the_heatmap_colours_each_unit_by_its_strongest_role() -> None:
    from isc_graph.overlap.render import _heatmap

    report = make_report(graphs={"units": units_graph()})
    picture = _heatmap(report)
    for who, topic_id, group, colour in [
        ("BDT", "C5", "lead", "#0072B2"),
        ("BDT", "C2", "focal point", "#56B4E9"),
        ("TSB", "C5", "focal point", "#56B4E9"),
        ("SPM", "C5", "coordinator", "#009E73"),
        ("RO", "C5", "contributor", "#E69F00"),
        ("X", "C5", "other", "#CC79A7"),
    ]:
        assert f'fill="{colour}"><title>{who} – {topic_id}: {group}</title>' in picture
    assert "<title>X – C2: none</title>" in picture
    assert 'aria-label="Units by topics"' in picture
    assert picture.endswith(
        "<figcaption>Which unit is engaged on which topic, coloured by its strongest role."
        "</figcaption></figure>"
    )
    cut = _heatmap(report, max_topics=1)
    assert "BDT – C2" not in cut and "BDT – C5: lead" in cut
    assert cut.endswith(
        "coloured by its strongest role. The 1 topics with the most engaged units are shown."
        "</figcaption></figure>"
    )


def network_report() -> OverlapReport:
    """A1 works on T1, T2, T3; A2 on T3; A3 on T4; two communities."""
    g = nx.Graph([("A1", "T1"), ("A1", "T2"), ("A1", "T3"), ("A2", "T3"), ("A3", "T4")])
    nx.set_node_attributes(g, {"A1": 0, "A2": 0, "A3": 0}, "bipartite")
    nx.set_node_attributes(g, {"A1": "Alpha"}, "label")
    communities = [Community(1, ["A1"], ["T1", "T2"]), Community(2, ["A2"], ["T3"])]
    return make_report(graphs={"network": g}, communities=communities)


def test_the_network_picture_colours_communities_and_squares_units() -> None:
    from isc_graph.overlap.render import _network

    picture = _network(network_report())
    assert picture.startswith('<figure><svg xmlns="http://www.w3.org/2000/svg"')
    assert 'aria-label="The unit–topic network"' in picture
    assert re.search(r'<rect [^>]*fill="#E69F00" stroke="white"><title>A1: Alpha</title>', picture)
    assert re.search(r'<circle [^>]*fill="#E69F00" stroke="white"><title>T2</title>', picture)
    assert re.search(r'<rect [^>]*fill="#009E73" stroke="white"><title>A2</title>', picture)
    assert re.search(r'<circle [^>]*fill="#009E73" stroke="white"><title>T3</title>', picture)
    assert re.search(r'<rect [^>]*fill="#777" stroke="white"><title>A3</title>', picture)
    assert picture.count("<line ") == 5
    assert picture.endswith(
        "<figcaption>Units and bodies (squares) and the topics they work on (circles), "
        "coloured by Louvain community.</figcaption></figure>"
    )


def test_the_network_picture_keeps_the_best_connected_nodes() -> None:
    from isc_graph.overlap.render import _network

    three = _network(network_report(), max_nodes=3)
    assert re.findall(r"<title>([^<]+)</title></(?:rect|circle)>", three) == [
        "A1: Alpha",
        "A2",
        "T3",
    ]
    assert three.endswith(
        "coloured by Louvain community. The 3 best-connected of 7 nodes are shown."
        "</figcaption></figure>"
    )
    # A3 is among the four, but with none of its topics: it is left out.
    four = _network(network_report(), max_nodes=4)
    assert "<title>A3</title>" not in four
    assert "The 3 best-connected of 7 nodes are shown." in four
    assert _network(make_report()) == ""


def test_the_pictures_sit_under_their_sections() -> None:
    from isc_graph.overlap.render import render_html

    report = network_report()
    report.graphs["units"] = units_graph()
    page = render_html(report)
    central = html_part(page, "6-central-units-and-topics")
    assert central.startswith(
        '<h2 id="6-central-units-and-topics">6. Central units and topics</h2>\n<figure><svg '
    )
    assert "coloured by Louvain community." in central
    assert "strongest role" in html_part(page, "1-topics-several-units-work-on")


# --- more of the readers: sessions, mandates, engagements, batches -----------------------------

RICHER = (
    SECTORS
    + ':F a isc:Event ; skos:notation "F" ; skos:prefLabel "Forum"@en .\n'
    + ':C5 a isc:ActionLine ; skos:notation "C5" .\n:C2 a isc:ActionLine ; skos:notation "C2" .\n'
    + ':S10 a isc:Session ; skos:notation "S10" ; skos:prefLabel "Ten"@en ; isc:sessionOf :F ; '
    "dcterms:subject :C5 , :C2 .\n"
    + ':S9 a isc:Session ; skos:notation "S9" .\n'
    + ':Res9 a isc:Resolution ; skos:notation "Res9" .\n'
    + ':Res9-2018 a isc:Revision ; skos:notation "Res9-2018" ; isc:revisionOf :Res9 .\n'
    + ':Dec5 skos:notation "Dec5" .\n'
    + ':SG a org:Post ; skos:notation "SG" ; skos:prefLabel "Secretary-General"@en .\n'
    + ':Dir a org:Post ; skos:notation "Dir" ; org:postIn :BDT .\n'
    + ':m10 a isc:Mandate ; skos:notation "m10" ; isc:verb "instructs" ; isc:action "to act" ; '
    'isc:revision :Res9-2018 ; skos:prefLabel "Res 9: act"@en ; isc:addressee :SG , :BDT .\n'
    + ':m2 a isc:Mandate ; skos:notation "m2" ; isc:verb "invites" ; isc:action "to help" ; '
    "isc:instrument :Dec5 .\n"
    + ':ITU a org:Organization ; skos:notation "ITU" .\n'
    + topic("X")
    + ':Anon skos:prefLabel "Anonymous"@en .\n'
    + engage("ITU", "C5", "facilitator", "ITU facilitates C5")
    + engage("ITU", "X", "partner")
    + engage("BDT", "S10", "lead", "z last")
    + engage("BDT", "S10", "lead", "a first")
    + engage("Dir", "Anon", "contributor")
)


def test_sessions_and_mandates_are_read_whole_in_natural_order() -> None:
    inputs = read_inputs(graph(RICHER))
    assert inputs.sessions == [
        Session(Item("S9", "", "session"), None, ()),
        Session(Item("S10", "Ten", "session"), Item("F", "Forum", "event"), ("C2", "C5")),
    ]
    m2, m10 = inputs.mandates
    assert (m2.id, m2.verb, m2.action, m2.instrument, m2.revision, m2.addressees, m2.label) == (
        "m2",
        "invites",
        "to help",
        "Dec5",
        "",
        [],
        "",
    )
    assert (m10.id, m10.instrument, m10.revision, m10.label, m10.short_label) == (
        "m10",
        "Res9",
        "Res9-2018",
        "Res 9: act",
        "act",
    )
    assert m10.addressees == [
        Item("BDT", "Dev Bureau", "bureau"),
        Item("SG", "Secretary-General", "post"),
    ]
    assert m10.item == Item("m10", "act", "mandate")
    assert inputs.post_units == {"Dir": "BDT"}
    assert inputs.active_agents == {"ITU", "BDT", "Dir"}


def test_engagements_keep_what_their_topic_is_about_and_sorted_passages() -> None:
    inputs = read_inputs(graph(RICHER))
    assert [(e.topic.id, e.agent.id, e.role) for e in inputs.engagements] == [
        ("Anonymous", "Dir", "contributor"),
        ("C5", "ITU", "facilitator"),
        ("S10", "BDT", "lead"),
        ("S10", "BDT", "lead"),
        ("X", "ITU", "partner"),
    ]
    anon, c5, s10a, s10b, x = inputs.engagements
    assert anon.topic == Item("Anonymous", "Anonymous", "")
    assert (c5.topic, c5.unit, c5.actor, c5.agent.kind) == (
        Item("C5", "", "action line"),
        None,
        None,
        "",
    )
    assert c5.evidence == [Evidence("doc", "p", "ITU facilitates C5")]
    assert (s10a.topic, s10a.about) == (Item("S10", "Ten", "session"), ("C2", "C5"))
    assert [s10a.evidence, s10b.evidence] == [
        [Evidence("doc", "p", "a first")],
        [Evidence("doc", "p", "z last")],
    ]
    assert x.topic.kind == "subject"
    # Only ITU's roles on action lines count for the gaps.
    assert inputs.itu_roles == {"C5": [c5]}


def test_iris_are_batched_by_count_and_by_length() -> None:
    from isc_graph.overlap.read import _value_lists

    iris = ["a", "bb", "ccc"]
    assert list(_value_lists(iris, 2, 100)) == ["<a> <bb>", "<ccc>"]
    assert list(_value_lists(iris, 3, 100)) == ["<a> <bb> <ccc>"]
    assert list(_value_lists(iris, 3, 8)) == ["<a> <bb>", "<ccc>"]
    assert list(_value_lists(iris, 3, 7)) == ["<a>", "<bb>", "<ccc>"]
    assert list(_value_lists(iris, 3, 14)) == ["<a> <bb> <ccc>"]
    assert list(_value_lists([], 3, 14)) == []


# --- more of the analyses: communities, tokens, parameters -------------------------------------


def test_communities_are_numbered_largest_first_with_their_labels() -> None:
    from isc_graph.overlap.structure import communities

    g = nx.Graph([("BDT", "C2"), ("BDT", "C3"), ("BDT", "C10"), ("TSB", "C5"), ("TSB", "C6")])
    g.add_node("Alone", bipartite=0, label="")
    nx.set_node_attributes(g, {"BDT": 0, "TSB": 0, "C2": 1}, "bipartite")
    nx.set_node_attributes(g, {"BDT": "Dev Bureau", "C5": "Cyber"}, "label")
    assert communities(g) == [
        Community(1, ["BDT"], ["C2", "C3", "C10"], {"BDT": "Dev Bureau"}),
        Community(2, ["TSB"], ["C5", "C6"], {"C5": "Cyber"}),
    ]
    assert communities(nx.Graph()) == []


def test_mandate_tokens_fold_plurals_and_drop_connectives() -> None:
    from isc_graph.overlap.mandates import mandate_addressee_graph, normalise_tokens

    assert normalise_tokens("To continue to ensure access for all Sectors and the ties") == {
        "ensure",
        "access",
        "sector",
        "tie",
    }
    assert normalise_tokens("bus policies, its 2 studies") == {"bus", "policy", "2", "study"}
    g = mandate_addressee_graph([clause("m1", "to act", "R-1", "R", SG, Item("X"))])
    assert dict(g.nodes(data=True)) == {
        "m1": {"bipartite": 0, "kind": "mandate", "revision": "R-1"},
        "SG": {"bipartite": 1, "kind": "post", "label": "Secretary-General"},
        "X": {"bipartite": 1, "kind": "addressee", "label": ""},
    }


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"threshold": 0}, "threshold must be in (0, 1], not 0"),
        ({"threshold": 1.01}, "threshold must be in (0, 1], not 1.01"),
        ({"text_threshold": 0}, "text_threshold must be in (0, 1], not 0"),
        ({"text_threshold": 1.5}, "text_threshold must be in (0, 1], not 1.5"),
        ({"min_units": 1}, "min_units must be at least 2, not 1"),
    ],
)
def test_parameters_out_of_range_are_refused(bad: dict, message: str) -> None:
    inputs = Inputs([], {}, [], [], set(), {}, [], [], [], [], {})
    with pytest.raises(ValueError) as caught:
        analyse_inputs(inputs, **bad)
    assert str(caught.value) == message


def test_the_edges_of_the_parameter_ranges_are_allowed() -> None:
    inputs = Inputs([], {}, [], [], set(), {}, [], [], [], [], {})
    report = analyse_inputs(inputs, threshold=1, text_threshold=1, min_units=2, seed=4)
    assert report.parameters == {"threshold": 1, "min_units": 2, "text_threshold": 1, "seed": 4}


def test_the_sources_of_the_json_report_say_where_each_is_cited() -> None:
    dicts = full_report().sources_dicts()
    assert dicts[0] == {
        "id": "doc-1",
        "label": "Report on X",
        "title": "REPORT ON X",
        "year": "2019",
        "kind": "source document",
        "cited_in": [
            "signature_groups",
            "shared_engagements",
            "gaps.action_lines_without_lead",
            "gaps.thematic_areas_without_units",
        ],
    }
    assert [(d["id"], d["cited_in"]) for d in dicts[1:]] == [
        ("doc-2", ["mandate_duplicates.unreported_addressees"]),
        ("doc-3", ["similar_pairs"]),
        ("doc-8", ["shared_engagements"]),
        ("doc-9", ["changes"]),
    ]
    quiet = make_report(sources=[Source("doc-5")])
    assert quiet.sources_dicts()[0]["cited_in"] == []


# --- more of the rendering: the intro, units by Sector, odd cells ------------------------------


def test_the_intro_states_the_parameters() -> None:
    from isc_graph.overlap.render import render_markdown

    params = {"threshold": 0.25, "min_units": 3, "text_threshold": 0.8, "seed": 7}
    md = render_markdown(make_report(parameters=params))
    assert md.splitlines()[2] == (
        "Where ITU units work on the same thing, and where nobody does, from the graph of 0 "
        "outcomes, 0 engagements and 0 mandates. Jaccard threshold 0.25; at least 3 units, or "
        "units of two or more Sectors (or of a Sector and the General Secretariat); mandate "
        "text similarity 0.8; seed 7. Every finding gives its reason and the passages it rests "
        "on; a passage is quoted once per table and numbered, and later rows refer to its "
        "number."
    )


def test_units_are_listed_under_their_sector_by_default_and_without_one_last() -> None:
    from isc_graph.overlap.render import sectors_text, units_by_sector

    units = [
        UnitRole(Item("U1"), ["contributor"], []),
        UnitRole(Item("SPM"), ["lead", "host"], [], ["GS"], "default"),
        UnitRole(Item("JG"), ["member"], [], ["ITU-T", "ITU-D"], "stated"),
        UnitRole(Item("BDT"), ["lead"], [], ["ITU-D"], "stated"),
    ]
    shared = SharedEngagement(Item("X"), units, ["ITU-T", "ITU-D", "GS"], True, "", [], "")
    assert units_by_sector(shared) == (
        "ITU-T: JG (member); ITU-D: JG (member), BDT (lead); GS (by default): SPM (lead, host); "
        "U1 (contributor)"
    )
    assert sectors_text(shared) == "inter-sectoral: ITU-T, ITU-D, GS"
    shared.inter_sectoral = False
    assert sectors_text(shared) == "ITU-T, ITU-D, GS"


def test_cells_lose_line_breaks_and_unknown_documents_are_not_linked() -> None:
    from isc_graph.overlap.render import render_html, render_markdown

    gap = Gap(Item("C9"), "", "two\nlines", "", [Evidence("elsewhere", "p", "a <quote>")])
    report = make_report(gaps={**{k: [] for k in GAP_KINDS}, "action_lines_without_lead": [gap]})
    md = render_markdown(report)
    assert '| C9 | two lines | [1] elsewhere, p: "a <quote>" |' in md
    page = render_html(report)
    assert (
        '<span id="action-lines-where-itu-has-a-role-but-no-unit-leads-1-p1" class="ref">[1]'
        "</span> elsewhere, p: <q>a &lt;quote&gt;</q>"
    ) in page


# --- more of the same, found unchecked by a second sample of mutants ---------------------------


def test_the_contribution_graph_has_outcomes_on_one_side_and_what_they_serve_on_the_other() -> None:
    from isc_graph.overlap.outcomes import contribution_graph

    g = contribution_graph(
        [
            Outcome("iri:1", "D.2-1", "", "D.2", "BDT", {"SDG 5", "C2"}),
            Outcome("iri:2", "T.1-1", "", "T.1", "TSB", {"C2"}),
        ]
    )
    assert dict(g.nodes(data=True)) == {
        "D.2-1": {"bipartite": 0, "kind": "outcome", "objective": "D.2"},
        "T.1-1": {"bipartite": 0, "kind": "outcome", "objective": "T.1"},
        "SDG 5": {"bipartite": 1, "kind": "SDG"},
        "C2": {"bipartite": 1, "kind": "action line"},
    }
    assert sorted(map(sorted, g.edges())) == [["C2", "D.2-1"], ["C2", "T.1-1"], ["D.2-1", "SDG 5"]]


def test_a_similar_pair_as_json() -> None:
    pair = SimilarPair(
        [Item("D.1-1", "Outcome one")],
        [Item("D.3-1"), Item("D.3-2")],
        2 / 3,
        ["SDG 5", "C2"],
        ["SDG 5", "C2", "C3"],
        0.5,
        [Evidence("doc-3", "s. 1", "q3")],
        [Evidence("doc-1", "p. 2", "q1"), Evidence("doc-3", "s. 1", "q3")],
    )
    assert pair.to_dict() == {
        "a": [{"id": "D.1-1", "label": "Outcome one", "kind": ""}],
        "b": [{"id": "D.3-1", "label": "", "kind": ""}, {"id": "D.3-2", "label": "", "kind": ""}],
        "jaccard": 0.6667,
        "shared": ["SDG 5", "C2"],
        "only_a": [],
        "only_b": ["C3"],
        "outcome_pairs": 2,
        "why": "D.1-1 and D.3-1, D.3-2 share 2 of the 3 items they contribute to "
        "(Jaccard 0.67 ≥ 0.5).",
        "evidence": [
            {"document": "doc-1", "locator": "p. 2", "quote": "q1"},
            {"document": "doc-3", "locator": "s. 1", "quote": "q3"},
        ],
    }


def _jaccard_pairs(sets: list[frozenset], threshold: float) -> dict[tuple[int, int], float]:
    """Every pair at or above ``threshold``, by comparing each set with each other one."""
    found = {}
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            union = len(sets[i] | sets[j])
            sim = len(sets[i] & sets[j]) / union if union else 0.0
            if sim >= threshold - 1e-12:
                found[i, j] = sim
    return found


@pytest.mark.parametrize("threshold", [0.3, 0.8, 1.0])
def test_similar_sets_are_those_a_pairwise_comparison_finds(threshold: float) -> None:
    """Hundreds of sets sharing one token (more than a block of 256 under it), over exactly
    two 64-bit words of tokens (the commonest in the last bit): the pairs and similarities
    are those of comparing every pair."""
    import random

    from isc_graph.overlap.similarity import similar_set_arrays

    rng = random.Random(7)
    sets = [frozenset({rng.randrange(40), 900}) for _ in range(300)]
    sets += [frozenset({*rng.sample(range(126), rng.randint(1, 4)), 901}) for _ in range(300)]
    sets += [frozenset(range(126)), frozenset(range(1, 126)), frozenset({124, 125})]
    assert len(set().union(*sets)) == 128
    i, j, sim = similar_set_arrays(sets, threshold)
    got = {(a, b): s for a, b, s in zip(i.tolist(), j.tolist(), sim.tolist(), strict=True)}
    expected = _jaccard_pairs(sets, threshold)
    assert got.keys() == expected.keys()
    assert all(abs(got[k] - expected[k]) < 1e-9 for k in expected)
    assert all(a < b for a, b in got)


def test_a_similarity_threshold_outside_zero_to_one_is_refused_by_value() -> None:
    from isc_graph.overlap.similarity import similar_set_arrays

    for bad in (0, 1.5):
        with pytest.raises(ValueError) as exc:
            similar_set_arrays([frozenset("a"), frozenset("a")], bad)
        assert str(exc.value) == f"the threshold must be in (0, 1], not {bad}"


def test_iri_lists_fill_each_chunk_up_to_the_budget() -> None:
    from isc_graph.overlap.read import _value_lists

    # "<a> <b>" is 7 characters: each chunk takes two IRIs, the last one the rest.
    assert list(_value_lists(["a", "b", "c", "d", "e"], 10, 7)) == ["<a> <b>", "<c> <d>", "<e>"]
    assert list(_value_lists(["a", "b", "c", "d", "e"], 2, 100)) == ["<a> <b>", "<c> <d>", "<e>"]


def test_a_goal_label_is_cut_at_eighty_characters_in_the_targets_table() -> None:
    from isc_graph.overlap.render import _targets_by_goal

    # 83 characters: cut to 80 with its "…", the sixteenth word (ending at 79) goes too.
    label = " ".join(["word"] * 16) + " end"
    report = make_report(
        gaps={
            **{kind: [] for kind in GAP_KINDS},
            "targets_without_outcomes": [
                target_gap("5.1", "End discrimination", "SDG 5 has 2 contributing outcomes")
            ],
        },
        labels={"SDG 5": label},
    )
    [row] = _targets_by_goal(report)
    assert row[0] == "SDG 5 (" + " ".join(["word"] * 15) + "…)"


def test_similar_pairs_list_what_only_each_side_contributes_to() -> None:
    report = make_report(
        similar_pairs=[
            SimilarPair(
                [Item("D.1-1")], [Item("D.3-1")], 0.5, ["C1", "C2", "SDG 5"], ["SDG 5", "C7"], 0.5
            )
        ]
    )
    from isc_graph.overlap.render import render_markdown

    text = render_markdown(report)
    assert "| D.1-1 | D.3-1 | 0.50 | SDG 5 | C1, C2 | C7 |" in text


def test_units_in_the_network_without_a_label_have_an_empty_one() -> None:
    g = actor_topic_graph([], [Outcome("iri:x", "D.1-1", "", "D.1", "BDT", {"C2", "SDG 5"})])
    assert g.nodes["C2"] == {"bipartite": 1, "kind": "action line", "label": ""}
    assert g.nodes["SDG 5"] == {"bipartite": 1, "kind": "SDG", "label": ""}
    assert g.nodes["BDT"] == {"bipartite": 0, "kind": "unit", "label": ""}


def test_the_analysis_of_a_store_shows_its_steps_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from isc_graph.overlap import analyse

    terminal = stderr_as_terminal(monkeypatch)
    analyse(graph(RICHER))
    drawn = terminal.getvalue()
    assert "Overlap analysis:" in drawn
    for step in ("reading the graph", "comparing outcomes", "analysing the network"):
        assert step in drawn


def test_near_duplicate_mandates_keep_both_actions_and_both_passages() -> None:
    a = clause("a1", "to identify overlapping activities", "R-2014", "R", SG)
    b = clause("b1", "to identify all overlapping activity", "R-2018", "R", SG)
    evidence = {
        a.iri: [Evidence("doc-1", "p. 1", "identify overlapping activities")],
        b.iri: [Evidence("doc-2", "p. 9", "identify all overlapping activity")],
    }
    [pair] = mandate_duplicates([a, b], 0.5, evidence)
    assert (pair.action_a, pair.action_b) == (
        "to identify overlapping activities",
        "to identify all overlapping activity",
    )
    assert pair.evidence == [
        Evidence("doc-1", "p. 1", "identify overlapping activities"),
        Evidence("doc-2", "p. 9", "identify all overlapping activity"),
    ]


def test_a_topic_about_something_nobody_engages_on_is_still_shared() -> None:
    """A session about C9, which no engagement names itself: the units on the session are
    shared on it, and nothing covers it."""
    store = graph(
        SECTORS
        + ':TSB a isc:Bureau ; skos:notation "TSB" ; isc:secretariatOf :ITU-T .\n'
        + ':C9 a isc:ActionLine ; skos:notation "C9" .\n'
        + ':S1 a isc:Session ; skos:notation "S1" ; dcterms:subject :C9 .\n'
        + engage("BDT", "S1", "lead")
        + engage("TSB", "S1", "contributor")
    )
    inputs = read_inputs(store)
    [shared] = shared_engagements(inputs.engagements, unit_sectors=read_unit_sectors(store))
    assert (shared.topic.id, shared.status) == ("S1", "uncoordinated")
    assert [u.unit.id for u in shared.units] == ["BDT", "TSB"]  # the lead first


def test_mandates_are_read_in_the_language_asked_for() -> None:
    """The clause's label in the language asked for; its addressees' in English (read in
    a nested pattern, see isc_graph.lang.label_pattern)."""
    store = graph(
        ':BDT a isc:Bureau ; skos:notation "BDT" ; skos:prefLabel "Dev Bureau"@en , '
        '"Bureau de développement"@fr .\n'
        ':m1 a isc:Mandate ; skos:notation "m1" ; isc:verb "instructs" ; isc:action "to act" ; '
        'skos:prefLabel "Res 1: act"@en , "Rés 1 : agir"@fr ; isc:addressee :BDT .\n'
    )
    [m] = read_inputs(store, lang="fr").mandates
    assert (m.label, m.addressees) == ("Rés 1 : agir", [Item("BDT", "Dev Bureau", "bureau")])
    [m] = read_inputs(store, lang="en").mandates
    assert (m.label, m.addressees[0].label) == ("Res 1: act", "Dev Bureau")


def test_a_topic_without_notation_or_label_is_named_by_its_iri() -> None:
    store = graph(":Thing a isc:Subject .\n" + engage("BDT", "Thing", "lead") + SECTORS)
    [e] = read_inputs(store).engagements
    assert e.topic.id == "Thing"  # the IRI, short


def test_a_post_in_two_units_counts_for_both() -> None:
    store = graph(
        SECTORS
        + ':TSB a isc:Bureau ; skos:notation "TSB" ; isc:secretariatOf :ITU-T .\n'
        + ':Team a org:Post ; skos:notation "Team" ; org:postIn :BDT , :TSB .\n'
        + engage("Team", "X", "contributor")
        + topic("X")
    )
    [e] = read_inputs(store).engagements
    assert [u.id for u in e.units] == ["BDT", "TSB"]
    assert e.unit is not None and e.unit.id == "BDT"


# --- small rules each finding rests on ----------------------------------------------------------


def test_two_empty_sets_are_not_similar() -> None:
    from isc_graph.overlap.similarity import jaccard

    assert jaccard(set(), set()) == 0.0
    assert jaccard(frozenset(), frozenset({"C2"})) == 0.0


def test_a_five_letter_word_in_ies_folds_to_y() -> None:
    from isc_graph.overlap.mandates import normalise_tokens

    assert normalise_tokens("flies") == {"fly"}
    assert normalise_tokens("ties") == {"tie"}  # four letters: only the s goes


def test_identical_signatures_order_objectives_naturally_and_keep_passages() -> None:
    from isc_graph.overlap.outcomes import identical_signatures

    outcomes = [
        Outcome("iri:10", "D.10-1", "", "D.10", "BDT", {"SDG 5", "C2"}),
        Outcome("iri:2", "D.2-1", "", "D.2", "BDT", {"SDG 5", "C2"}),
    ]
    evidence = {
        "iri:10": [Evidence("doc-2", "p. 9", "ten")],
        "iri:2": [Evidence("doc-1", "p. 1", "two")],
    }
    [group] = identical_signatures(outcomes, evidence)
    assert group.objectives == ["D.2", "D.10"]
    assert group.why == (
        "2 outcomes across objectives D.2, D.10 contribute to exactly the same 2 items (SDG 5, C2)."
    )
    assert group.evidence == [Evidence("doc-1", "p. 1", "two"), Evidence("doc-2", "p. 9", "ten")]


def test_a_similar_pair_puts_the_lower_ranked_signature_first_with_its_passages() -> None:
    """The first outcome read (B-1) has the later id: the pair still starts with A-1."""
    from isc_graph.overlap.outcomes import similar_pairs

    outcomes = [
        Outcome("iri:b", "B-1", "", "D.1", "BDT", {"SDG 5", "SDG 4", "C2"}),
        Outcome("iri:a", "A-1", "", "D.1", "BDT", {"SDG 5", "SDG 4"}),
    ]
    evidence = {
        "iri:b": [Evidence("doc-2", "p. 2", "bee")],
        "iri:a": [Evidence("doc-1", "p. 1", "ay")],
    }
    [pair] = similar_pairs(outcomes, 0.5, evidence)
    assert ([o.id for o in pair.a], [o.id for o in pair.b]) == (["A-1"], ["B-1"])
    assert (pair.only_a, pair.only_b) == ([], ["C2"])
    assert pair.evidence == [Evidence("doc-1", "p. 1", "ay"), Evidence("doc-2", "p. 2", "bee")]


def test_a_second_clause_without_addressees_goes_to_nobody_named() -> None:
    first = clause("c0", "to help members", "R-2018", "R", SG)
    second = clause("c1", "to help members and to report", "R-2018", "R")
    [pair] = mandate_duplicates([first, second], 0.5)
    assert pair.why.endswith("to SG (Secretary-General) and to nobody named.")


def test_min_units_below_one_is_refused_by_value() -> None:
    with pytest.raises(ValueError) as caught:
        shared_engagements([], min_units=0)
    assert str(caught.value) == "min_units must be at least 1, not 0"


def test_a_shared_topic_keeps_the_labels_of_what_covers_it() -> None:
    hack = Item("Hackathon", "", "session")
    bdt, tsb = Item("BDT", "", "bureau"), Item("TSB", "", "bureau")
    task_force = Item("ISC-TF", "Inter-Sectoral Coordination Task Force", "coordination body")
    focal = Item("FP", "", "post")
    es = [
        Engagement(bdt, bdt, bdt, hack, "lead", ()),
        Engagement(tsb, tsb, tsb, hack, "contributor", ()),
        Engagement(task_force, None, None, hack, "member", ()),
        Engagement(focal, None, None, hack, "focal-point", ()),
    ]
    [shared] = shared_engagements(es)
    assert shared.coordinated_by == [
        "FP (focal-point, on Hackathon)",
        "ISC-TF (member, on Hackathon)",
    ]
    assert shared.labels == {"ISC-TF": "Inter-Sectoral Coordination Task Force"}


def test_one_part_is_listed_as_it_is() -> None:
    from isc_graph.overlap.engagements import _listed

    assert _listed(["ITU-D, with BDT as lead"]) == "ITU-D, with BDT as lead"
    assert _listed(["A", "B"]) == "A, and B,"


def test_units_placed_by_default_are_named_in_the_plural() -> None:
    from isc_graph.overlap.read import Placement

    hack = Item("Hackathon", "", "session")
    units = [Item("BDT", "", "bureau"), Item("SPM", "", "department"), Item("RO", "", "office")]
    es = [Engagement(u, u, u, hack, "lead", ()) for u in units]
    gs = Item("GS", "General Secretariat", "General Secretariat")
    places = {
        "BDT": [Placement(Item("ITU-D", "", "Sector"))],
        "SPM": [Placement(gs, "default")],
        "RO": [Placement(gs, "default")],
    }
    [shared] = shared_engagements(es, unit_sectors=places)
    assert shared.why == (
        "ITU-D, with BDT as lead, and the General Secretariat, with RO and SPM as lead, are "
        "both engaged on Hackathon, and no coordination body, focal point or coordinator "
        "covers it in the graph. RO and SPM count with the General Secretariat by default "
        "(no source names their Sector)."
    )


def test_the_inputs_keep_the_source_documents() -> None:
    inputs = read_inputs(graph(topic("X") + engage("BDT", "X", "lead")))
    assert inputs.sources == [Source("doc", "", "", "", "source document")]


def test_the_units_of_a_post_are_labelled_in_the_language_asked_for() -> None:
    store = graph(
        SECTORS
        + ':BDT skos:prefLabel "Bureau de développement"@fr .\n'
        + ':Dir a org:Post ; skos:notation "Dir" ; org:postIn :BDT .\n'
        + topic("X")
        + engage("Dir", "X", "lead")
    )
    [e] = read_inputs(store, lang="fr").engagements
    assert e.units == (Item("BDT", "Bureau de développement", "bureau"),)
    [e] = read_inputs(store, lang="en").engagements
    assert e.units == (Item("BDT", "Dev Bureau", "bureau"),)


def test_a_missing_roll_up_query_is_named_with_where_to_find_it(tmp_path) -> None:
    from isc_graph.errors import QueryError

    with pytest.raises(QueryError) as caught:
        read_unit_sectors(graph(""), tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'unit-sectors'}.rq: no such file; the overlap analysis reads the Sector "
        "of each unit with this named query (copy it from isc-graph's queries/)"
    )


def roll_up(tmp_path, rows: str) -> dict[str, list[tuple[str, str]]]:
    """The placements read through a ``unit-sectors`` query that gives ``rows``."""
    (tmp_path / "unit-sectors.rq").write_text(
        "SELECT ?unit ?unit_class ?sector ?sector_label ?basis WHERE {\n"
        "  VALUES (?unit ?unit_class ?sector ?sector_label ?basis) {\n" + rows + "  }\n}\n",
        encoding="utf-8",
    )
    places = read_unit_sectors(graph(""), tmp_path)
    return {u: [(p.sector.id, p.basis) for p in ps] for u, ps in places.items()}


def test_a_unit_is_placed_by_default_only_in_the_one_top_that_defaults_name(tmp_path) -> None:
    gs = '("GS" "GeneralSecretariat" "GS" "General Secretariat" "stated")\n'
    spm_in_gs = '("SPM" "Department" "GS" "General Secretariat" "default")\n'
    assert roll_up(tmp_path, gs + spm_in_gs) == {
        "GS": [("GS", "stated")],
        "SPM": [("GS", "default")],
    }
    # The one default names no top of the roll-up: nothing to default to.
    assert roll_up(tmp_path, spm_in_gs) == {}
    # Two defaults: neither is trusted, even the one that is a top.
    ro_in_x = '("RO" "RegionalOffice" "X" "" "default")\n'
    assert roll_up(tmp_path, gs + spm_in_gs + ro_in_x) == {"GS": [("GS", "stated")]}


def test_thematic_area_changes_are_listed_renamed_merged_split_new_dropped() -> None:
    from isc_graph.overlap.render import render_markdown

    def area(kind: str, old: list[str], new: str) -> dict:
        return {
            "kind": kind,
            "old": [{"id": x, "label": ""} for x in old],
            "new": {"id": new, "label": ""} if new else None,
            "basis": "stated",
        }

    changes = DiffReport(
        "thematic-areas",
        "",
        ["Thematic areas: 5 changed"],
        data={
            "old": {"id": "TA-2017", "year": "2017"},
            "new": {"id": "TA-2022", "year": "2022"},
            "areas": [
                area("dropped", ["TA-x"], ""),
                area("new", [], "TA-ai"),
                area("split", ["TA-y"], "TA-y1"),
                area("merged", ["TA-a", "TA-b"], "TA-ab"),
                area("renamed", ["TA-web"], "TA-www"),
            ],
        },
    )
    md = render_markdown(make_report(changes=[changes]))
    assert part(md, "### Thematic areas, 2017 → 2022")[3:] == [
        "| renamed | TA-web | TA-www | stated |",
        "| merged | TA-a, TA-b | TA-ab | stated |",
        "| split | TA-y | TA-y1 | stated |",
        "| new |  | TA-ai | stated |",
        "| dropped | TA-x |  | stated |",
    ]


def test_three_passages_in_an_html_cell_have_no_note_of_more() -> None:
    from isc_graph.overlap.render import render_html

    shared = SharedEngagement(
        Item("C5"),
        [
            UnitRole(Item("BDT"), ["lead"], [], ["ITU-D"], "stated"),
            UnitRole(Item("RO"), ["host"], [], ["ITU-D"], "stated"),
        ],
        ["ITU-D"],
        False,
        "uncoordinated",
        [],
        "W1",
        [Evidence("doc-1", "p. 1", "one"), Evidence("doc-1", "p. 2", "two"), Evidence("doc-3")],
    )
    page = render_html(make_report(shared_engagements=[shared]))
    cell = html_part(page, "1-topics-several-units-work-on")
    assert cell.endswith(
        '<td><div class="ev"><span id="1-topics-several-units-work-on-p1" class="ref">[1]</span> '
        'doc-1, p. 1: <q>one</q><br><span id="1-topics-several-units-work-on-p2" class="ref">'
        "[2]</span> doc-1, p. 2: <q>two</q><br>doc-3</div></td></tr></tbody></table>\n"
    )


def test_the_html_summary_has_its_heading_before_the_cards() -> None:
    from isc_graph.overlap.render import render_html

    summary = html_part(render_html(make_report()), "summary")
    assert summary.startswith('<h2 id="summary">Summary</h2>\n<div class="cards">')


def test_passages_are_fetched_for_the_outcomes_of_groups_and_of_pairs() -> None:
    outcomes = [
        Outcome("iri:1", "D.1-1", "", "D.1", "", {"SDG 5"}),
        Outcome("iri:2", "D.1-2", "", "D.1", "", {"SDG 5"}),
        Outcome("iri:3", "D.2-1", "", "D.2", "", {"SDG 1", "SDG 2"}),
        Outcome("iri:4", "D.2-2", "", "D.2", "", {"SDG 1", "SDG 2", "SDG 3"}),
    ]
    asked: list[set[str]] = []

    def fetch(iris: set[str]) -> dict[str, list[Evidence]]:
        asked.append(set(iris))
        return {iri: [Evidence("doc", "p", iri.removeprefix("iri:"))] for iri in iris}

    inputs = Inputs(outcomes, {}, [], [], set(), {}, [], [], [], [], {})
    report = analyse_inputs(inputs, fetch_evidence=fetch)
    assert asked == [{"iri:1", "iri:2", "iri:3", "iri:4"}]
    [group] = report.signature_groups
    assert group.evidence == [Evidence("doc", "p", "1"), Evidence("doc", "p", "2")]
    [pair] = report.similar_pairs
    assert pair.evidence == [Evidence("doc", "p", "3"), Evidence("doc", "p", "4")]


def path_engagements() -> list[Engagement]:
    """The path BDT – C2 – TSB – C5, in that order of nodes."""
    bdt, tsb = Item("BDT", "", "bureau"), Item("TSB", "", "bureau")
    c2, c5 = Item("C2", "", "action line"), Item("C5", "", "action line")
    return [
        Engagement(bdt, bdt, bdt, c2, "lead", ()),
        Engagement(tsb, tsb, tsb, c2, "lead", ()),
        Engagement(tsb, tsb, tsb, c5, "lead", ()),
    ]


def betweenness(found: list[Centrality]) -> list[tuple[str, float]]:
    return [(c.id, c.betweenness) for c in found]


def test_betweenness_is_exact_up_to_the_limit_and_sampled_beyond(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On the path of four nodes, C2 and TSB each lie on two of the three paths between the
    other nodes (0.6667). Beyond the limit, two sources are sampled: seed 0 draws C5 and C2.
    From C5, TSB lies on the paths to C2 and BDT, C2 on the one to BDT; from C2, TSB lies on
    the one to C5. A sampled source's count is scaled by 1 / (1 · 3), the others' by
    1 / (2 · 3): C2 1 · 1/2 = 0.5, TSB 3 · 1/4 = 0.75."""
    from isc_graph.overlap import structure

    monkeypatch.setattr(structure, "BETWEENNESS_SAMPLES", 2)
    g = actor_topic_graph(path_engagements(), [])
    monkeypatch.setattr(structure, "EXACT_BETWEENNESS_LIMIT", 4)
    actors, topics = centrality(g, seed=0)
    assert betweenness(actors) == [("TSB", 0.6667), ("BDT", 0.0)]
    assert betweenness(topics) == [("C2", 0.6667), ("C5", 0.0)]
    monkeypatch.setattr(structure, "EXACT_BETWEENNESS_LIMIT", 3)
    actors, topics = centrality(g, seed=0)
    assert betweenness(actors) == [("TSB", 0.75), ("BDT", 0.0)]
    assert betweenness(topics) == [("C2", 0.5), ("C5", 0.0)]


def test_the_analysis_samples_betweenness_with_the_seed_it_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seed 0 samples C5 and C2 (C2 0.5, TSB 0.75, as above); seed 1 samples C2 and TSB:
    each lies on one path from the other (to BDT, to C5), scaled by 1/2. Whatever the
    global random state, the seed decides."""
    import random

    from isc_graph.overlap import structure

    monkeypatch.setattr(structure, "EXACT_BETWEENNESS_LIMIT", 3)
    monkeypatch.setattr(structure, "BETWEENNESS_SAMPLES", 2)
    inputs = Inputs([], {}, path_engagements(), [], set(), {}, [], [], [], [], {})
    state = random.getstate()
    try:
        random.seed(1)
        zero = analyse_inputs(inputs, seed=0)
        random.seed(0)
        one = analyse_inputs(inputs, seed=1)
    finally:
        random.setstate(state)
    assert betweenness(zero.actor_centrality) == [("TSB", 0.75), ("BDT", 0.0)]
    assert betweenness(zero.topic_centrality) == [("C2", 0.5), ("C5", 0.0)]
    assert betweenness(one.actor_centrality) == [("TSB", 0.5), ("BDT", 0.0)]
    assert betweenness(one.topic_centrality) == [("C2", 0.5), ("C5", 0.0)]
