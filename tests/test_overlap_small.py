"""Each analysis pinned exactly on small hand-made graphs, empty and degenerate ones included."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import REPO

from isc_graph.overlap import analyse
from isc_graph.overlap.model import Evidence
from isc_graph.overlap.similarity import jaccard, similar_sets

PREFIXES = """
@prefix :     <https://w3id.org/isc-graph/id/> .
@prefix sp:   <https://w3id.org/isc-graph/id/sp2020-2023/> .
@prefix role: <https://w3id.org/isc-graph/id/role/> .
@prefix isc:  <https://w3id.org/isc-graph/ontology#> .
@prefix sdg:  <http://metadata.un.org/sdg/> .
@prefix sdgo: <http://metadata.un.org/sdg/ontology#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
:doc a isc:SourceDocument ; skos:notation "doc" .
"""


def graph(turtle: str) -> ox.Store:
    """The ontology (for the roles) and ``turtle``, in memory."""
    store = ox.Store()
    for f in sorted((REPO / "ontology").glob("*.ttl")):
        if f.name != "shapes.ttl":
            store.load(path=str(f), format=ox.RdfFormat.TURTLE)
    store.load(PREFIXES + turtle, format=ox.RdfFormat.TURTLE)
    return store


def src(quote: str) -> str:
    return f'prov:qualifiedDerivation [ prov:entity :doc ; isc:locator "p" ; isc:quote "{quote}" ]'


def unit(code: str, cls: str = "isc:Bureau") -> str:
    return f':{code} a {cls} ; skos:notation "{code}" ; skos:prefLabel "{code}"@en .\n'


def topic(code: str, cls: str = "isc:Subject") -> str:
    return f':{code} a {cls} ; skos:notation "{code}" ; skos:prefLabel "{code}"@en .\n'


def engage(agent: str, on: str, role: str, quote: str = "q") -> str:
    return (
        f"[] a isc:Engagement ; isc:agent :{agent} ; isc:topic :{on} ; isc:role role:{role} ; "
        f"{src(quote)} .\n"
    )


def outcome(code: str, *items: str, objective: str = "D.1") -> str:
    links = " ; ".join(
        f"isc:contributesToSDG sdg:{i}" if i.isdigit() else f"isc:contributesToActionLine :{i}"
        for i in items
    )
    return (
        f'sp:{code} a isc:Outcome ; skos:notation "{code}" ; skos:prefLabel "{code}"@en ; '
        f"isc:objective sp:{objective} {'; ' + links if links else ''} ; {src(code)} .\n"
    )


VOCAB = (
    "".join(f'sdg:{n} a sdgo:Goal ; skos:notation "{n}" .\n' for n in (4, 5, 9))
    + "".join(f':{c} a isc:ActionLine ; skos:notation "{c}" .\n' for c in ("C2", "C3", "C5"))
    + "".join(f'sp:{o} a isc:SectorObjective ; skos:notation "{o}" .\n' for o in ("D.1", "D.2"))
)


def test_an_empty_graph_has_no_findings() -> None:
    report = analyse(graph(""))
    data = report.to_dict()
    assert data["signature_groups"] == data["similar_pairs"] == []
    assert data["shared_engagements"] == data["communities"] == []
    assert data["mandate_duplicates"] == {"pairs": [], "unreported_addressees": []}
    assert all(v == [] for v in data["gaps"].values())
    assert data["centrality"] == {"actors": [], "topics": []}
    assert data["inputs"]["outcomes"] == 0


def test_outcomes_without_contributions_are_neither_grouped_nor_paired() -> None:
    report = analyse(graph(VOCAB + outcome("D.1-1") + outcome("D.1-2")))
    assert report.signature_groups == [] and report.similar_pairs == []


def test_identical_signatures_and_similar_pairs() -> None:
    data = (
        VOCAB
        + outcome("D.1-1", "5", "C2")
        + outcome("D.2-1", "5", "C2", objective="D.2")
        + outcome("D.2-2", "5", "C2", "C3", objective="D.2")
        + outcome("D.2-3", "9", objective="D.2")
    )
    report = analyse(graph(data), threshold=0.5)
    [group] = report.signature_groups
    assert [o.id for o in group.outcomes] == ["D.1-1", "D.2-1"]
    assert group.signature == ["SDG 5", "C2"]
    assert group.objectives == ["D.1", "D.2"]
    assert group.why == (
        "2 outcomes across objectives D.1, D.2 contribute to exactly the same 2 items (SDG 5, C2)."
    )
    assert group.evidence == [Evidence("doc", "p", "D.1-1"), Evidence("doc", "p", "D.2-1")]
    [pair] = report.similar_pairs
    assert ([o.id for o in pair.a], [o.id for o in pair.b]) == (["D.1-1", "D.2-1"], ["D.2-2"])
    assert (pair.jaccard, pair.shared, pair.only_a, pair.only_b) == (
        pytest.approx(2 / 3),
        ["SDG 5", "C2"],
        [],
        ["C3"],
    )
    assert pair.outcome_pairs == 2
    assert pair.why == (
        "D.1-1, D.2-1 and D.2-2 share 2 of the 3 items they contribute to (Jaccard 0.67 ≥ 0.5)."
    )
    # A similarity exactly at the threshold counts; above it, the pair is gone.
    assert len(analyse(graph(data), threshold=2 / 3).similar_pairs) == 1
    assert analyse(graph(data), threshold=0.7).similar_pairs == []


def test_similarity_join_matches_all_pairs_comparison() -> None:
    """The prefix-filtered join finds exactly what comparing every pair finds."""
    import random

    rng = random.Random(7)
    sets = list({frozenset(rng.sample(range(30), rng.randint(1, 6))) for _ in range(400)})
    for t in (0.3, 0.5, 2 / 3, 0.8, 1.0):
        brute = sorted(
            (i, j)
            for i in range(len(sets))
            for j in range(i + 1, len(sets))
            if jaccard(sets[i], sets[j]) >= t - 1e-9
        )
        assert sorted((i, j) for i, j, _ in similar_sets(sets, t)) == brute


def test_shared_engagements_coordinated_or_not() -> None:
    data = (
        unit("BDT")
        + unit("TSB")
        + unit("SPM", "isc:Department")
        + unit("ISC-TF", "isc:CoordinationBody")
        + topic("Hackathon")
        + topic("Gender")
        + topic("Solo")
        + engage("BDT", "Hackathon", "lead", "BDT leads")
        + engage("SPM", "Hackathon", "lead", "SPM leads")
        + engage("BDT", "Gender", "contributor")
        + engage("TSB", "Gender", "implementer")
        + engage("ISC-TF", "Gender", "coordinator", "the task force coordinates")
        + engage("BDT", "Solo", "lead")
    )
    shared = analyse(graph(data)).shared_engagements
    assert [(s.topic.id, s.status) for s in shared] == [
        ("Hackathon", "uncoordinated"),
        ("Gender", "coordinated"),
    ]
    hack, gender = shared
    assert [(u.unit.id, u.roles) for u in hack.units] == [("BDT", ["lead"]), ("SPM", ["lead"])]
    assert hack.why == (
        "BDT as lead and SPM as lead are both engaged on Hackathon, and no coordination body, "
        "focal point or coordinator covers it in the graph."
    )
    assert hack.evidence == [Evidence("doc", "p", "BDT leads"), Evidence("doc", "p", "SPM leads")]
    assert gender.coordinated_by == ["ISC-TF (coordinator, on Gender)"]
    assert Evidence("doc", "p", "the task force coordinates") in gender.evidence
    assert analyse(graph(data), min_units=3).shared_engagements == []


# --- Shared engagements at two levels: units and Sectors ----------------------------------

# ITU's structure as data/ states it: Sectors, the GS, a Bureau per Sector (isc:secretariatOf),
# study and advisory groups (isc:sector), a post in a Bureau, a department and a regional office
# that nothing places in a Sector (so counted with the GS by default).
STRUCTURE = (
    ':ITU-T a isc:Sector ; skos:notation "ITU-T" ; skos:prefLabel "Standardization"@en .\n'
    ':ITU-D a isc:Sector ; skos:notation "ITU-D" ; skos:prefLabel "Development"@en .\n'
    ':GS a isc:GeneralSecretariat ; skos:notation "GS" ; '
    'skos:prefLabel "General Secretariat"@en .\n'
    ':TSB a isc:Bureau ; skos:notation "TSB" ; isc:secretariatOf :ITU-T .\n'
    ':BDT a isc:Bureau ; skos:notation "BDT" ; isc:secretariatOf :ITU-D .\n'
    ':ITU-T-SG5 a isc:StudyGroup ; skos:notation "ITU-T-SG5" ; isc:sector :ITU-T .\n'
    ':ITU-T-SG16 a isc:StudyGroup ; skos:notation "ITU-T-SG16" ; isc:sector :ITU-T .\n'
    ':TSAG a isc:AdvisoryGroup ; skos:notation "TSAG" ; isc:sector :ITU-T .\n'
    ':Dir-BDT a org:Post ; skos:notation "Dir-BDT" ; org:postIn :BDT ; isc:headOf :BDT .\n'
    ':SPM a isc:Department ; skos:notation "SPM" .\n'
    ':RO-Africa a isc:RegionalOffice ; skos:notation "RO-Africa" .\n'
    + unit("ISC-TF", "isc:CoordinationBody")
)


def test_two_units_of_one_sector_are_shared_but_not_inter_sectoral() -> None:
    data = STRUCTURE + topic("X") + engage("TSB", "X", "lead") + engage("ITU-T-SG5", "X", "lead")
    [shared] = analyse(graph(data)).shared_engagements
    assert (shared.sectors, shared.inter_sectoral) == (["ITU-T"], False)
    assert [(u.unit.id, u.sectors, u.basis) for u in shared.units] == [
        ("ITU-T-SG5", ["ITU-T"], "stated"),
        ("TSB", ["ITU-T"], "stated"),
    ]
    assert shared.why == (
        "Within ITU-T, ITU-T-SG5 as lead and TSB as lead are both engaged on X, and no "
        "coordination body, focal point or coordinator covers it in the graph."
    )
    # Two units of one Sector are not enough when three units are asked for.
    assert analyse(graph(data), min_units=3).shared_engagements == []


def test_one_unit_in_each_of_two_sectors_is_found_whatever_min_units() -> None:
    """ITU-T SG5 and SG16 implement a pilot, BDT acts through its Director, ISC-TF oversees it."""
    data = (
        STRUCTURE
        + topic("Pilot")
        + ':Pilot skos:prefLabel "SME pilot"@en .\n'
        + engage("ITU-T-SG5", "Pilot", "implementer", "SG5 and SG16 implement the pilot")
        + engage("ITU-T-SG16", "Pilot", "implementer", "SG5 and SG16 implement the pilot")
        + engage("Dir-BDT", "Pilot", "implementer", "BDT has SMEs in its SGs")
        + engage("ISC-TF", "Pilot", "coordinator", "ISC-TF oversees the pilot")
    )
    for min_units in (2, 3, 5):
        [shared] = analyse(graph(data), min_units=min_units).shared_engagements
        assert (shared.sectors, shared.inter_sectoral) == (["ITU-T", "ITU-D"], True)
    # The post counts for its Bureau, and the Bureau for its Sector.
    assert [(u.unit.id, u.via, u.sectors) for u in shared.units] == [
        ("BDT", ["Dir-BDT"], ["ITU-D"]),
        ("ITU-T-SG5", [], ["ITU-T"]),
        ("ITU-T-SG16", [], ["ITU-T"]),
    ]
    assert shared.status == "coordinated"
    assert shared.why == (
        "ITU-T, with ITU-T-SG5 and ITU-T-SG16 as implementer, and ITU-D, with BDT as "
        "implementer, are both engaged on Pilot (SME pilot); coordinated by ISC-TF as "
        "coordinator."
    )
    # The units' passages first, then the coordinator's.
    assert [e.quote for e in shared.evidence] == [
        "BDT has SMEs in its SGs",
        "SG5 and SG16 implement the pilot",
        "ISC-TF oversees the pilot",
    ]


def test_a_unit_no_source_places_counts_with_the_gs_by_default() -> None:
    data = STRUCTURE + topic("S") + engage("BDT", "S", "contributor") + engage("SPM", "S", "lead")
    [shared] = analyse(graph(data)).shared_engagements
    assert (shared.sectors, shared.inter_sectoral) == (["ITU-D", "GS"], True)
    assert [(u.unit.id, u.sectors, u.basis) for u in shared.units] == [
        ("BDT", ["ITU-D"], "stated"),
        ("SPM", ["GS"], "default"),
    ]
    assert shared.why == (
        "ITU-D, with BDT as contributor, and the General Secretariat, with SPM as lead, are "
        "both engaged on S, and no coordination body, focal point or coordinator covers it in "
        "the graph. SPM counts with the General Secretariat by default (no source names its "
        "Sector)."
    )


def test_units_without_a_sector_structure_have_no_sector() -> None:
    """Without Sectors or a GS in the graph (as in a synthetic graph), units still share
    topics; they simply have no Sector."""
    data = unit("BDT") + unit("SPM", "isc:Department") + unit("RO", "isc:RegionalOffice")
    data += topic("A") + engage("BDT", "A", "lead") + engage("SPM", "A", "lead")
    data += engage("RO", "A", "contributor")
    [shared] = analyse(graph(data)).shared_engagements
    assert (shared.sectors, shared.inter_sectoral) == ([], False)
    assert [(u.unit.id, u.sectors, u.basis) for u in shared.units] == [
        ("BDT", [], ""),
        ("RO", [], ""),
        ("SPM", [], ""),
    ]
    assert shared.why.startswith("BDT as lead, RO as contributor and SPM as lead are all engaged")


def test_inter_sectoral_findings_come_first_within_each_status() -> None:
    """Inter-sectoral uncoordinated, other uncoordinated, inter-sectoral coordinated, the rest;
    more units first within each."""
    data = STRUCTURE + "".join(topic(t) for t in ("A", "B", "C", "D", "E"))
    data += engage("TSB", "A", "lead") + engage("TSAG", "A", "lead")  # ITU-T only
    data += engage("ITU-T-SG5", "A", "lead")
    data += engage("TSB", "B", "lead") + engage("BDT", "B", "lead")  # ITU-T and ITU-D
    data += engage("TSB", "C", "lead") + engage("TSAG", "C", "lead")  # ITU-T only
    data += engage("ISC-TF", "C", "coordinator")
    data += engage("TSB", "D", "lead") + engage("RO-Africa", "D", "lead")  # ITU-T and GS
    data += engage("ISC-TF", "D", "coordinator")
    data += engage("BDT", "E", "lead") + engage("SPM", "E", "lead")  # ITU-D and GS
    data += engage("ITU-T-SG5", "E", "lead")
    shared = analyse(graph(data)).shared_engagements
    assert [(s.topic.id, s.status, s.inter_sectoral) for s in shared] == [
        ("E", "uncoordinated", True),
        ("B", "uncoordinated", True),
        ("A", "uncoordinated", False),
        ("D", "coordinated", True),
        ("C", "coordinated", False),
    ]
    assert analyse(graph(data)).summary()["inter_sectoral_shared_engagements"] == 3


def test_a_coordination_body_as_topic_coordinates_itself() -> None:
    """The advisory groups of two Sectors founding a coordination team are coordinating."""
    data = STRUCTURE + unit("ISCT", "isc:CoordinationBody")
    data += ':RAG a isc:AdvisoryGroup ; skos:notation "RAG" ; isc:sector :ITU-D .\n'
    data += engage("TSAG", "ISCT", "founder") + engage("RAG", "ISCT", "founder")
    [shared] = analyse(graph(data)).shared_engagements
    assert (shared.status, shared.coordinated_by) == (
        "coordinated",
        ["ISCT (itself a coordination body)"],
    )


def test_the_roll_up_is_the_named_query(tmp_path) -> None:
    from isc_graph.errors import QueryError
    from isc_graph.overlap.read import read_unit_sectors

    store = graph(STRUCTURE)
    places = read_unit_sectors(store)
    assert {u: [(p.sector.id, p.basis) for p in ps] for u, ps in places.items()} == {
        "BDT": [("ITU-D", "stated")],
        "Dir-BDT": [("ITU-D", "stated")],
        "GS": [("GS", "stated")],
        "ITU-D": [("ITU-D", "stated")],
        "ITU-T": [("ITU-T", "stated")],
        "ITU-T-SG16": [("ITU-T", "stated")],
        "ITU-T-SG5": [("ITU-T", "stated")],
        "RO-Africa": [("GS", "default")],
        "SPM": [("GS", "default")],
        "TSAG": [("ITU-T", "stated")],
        "TSB": [("ITU-T", "stated")],
    }
    with pytest.raises(QueryError, match=r"unit-sectors\.rq: no such file"):
        read_unit_sectors(store, tmp_path)


def test_one_unit_shares_nothing() -> None:
    data = unit("BDT") + topic("A") + topic("B") + engage("BDT", "A", "lead")
    data += engage("BDT", "B", "contributor")
    report = analyse(graph(data))
    assert report.shared_engagements == []
    assert [(c.id, c.degree) for c in report.actor_centrality] == [("BDT", 2)]
    assert [(c.actors, c.topics) for c in report.communities] == [(["BDT"], ["A", "B"])]


def mandate(code: str, revision: str, action: str, *addressees: str) -> str:
    to = " , ".join(f":{a}" for a in addressees)
    return (
        f':{code} a isc:Mandate ; skos:notation "{code}" ; isc:revision :{revision} ; '
        f'isc:verb "instructs" ; isc:action "{action}" ; isc:addressee {to} ; {src(code)} .\n'
    )


def test_mandate_duplicates_and_addressees_without_activity() -> None:
    data = (
        ':Res9 a isc:Resolution ; skos:notation "Res9" ; isc:number "9" .\n'
        ':Res9-2014 a isc:Revision ; skos:notation "Res9-2014" ; isc:revisionOf :Res9 .\n'
        ':Res9-2018 a isc:Revision ; skos:notation "Res9-2018" ; isc:revisionOf :Res9 .\n'
        + unit("BDT")
        + ':Dir-BDT a org:Post ; skos:notation "Dir-BDT" ; org:postIn :BDT .\n'
        + ':SG a org:Post ; skos:notation "SG" .\n'
        + topic("X")
        + engage("BDT", "X", "lead")
        + mandate("m1", "Res9-2014", "to identify all overlapping activities", "SG")
        + mandate("m2", "Res9-2018", "to identify overlapping activities", "Dir-BDT")
        + mandate("m3", "Res9-2018", "to report to the Council every year", "SG")
    )
    report = analyse(graph(data))
    [dup] = report.mandate_duplicates
    assert (dup.a, dup.b, dup.similarity, dup.scope, dup.same_addressees) == (
        "m1",
        "m2",
        1.0,
        "across revisions",
        False,
    )
    assert dup.evidence == [Evidence("doc", "p", "m1"), Evidence("doc", "p", "m2")]
    # Dir-BDT acts through BDT, which has an engagement; SG has none.
    [idle] = report.unreported_addressees
    assert (idle.addressee.id, idle.mandates) == ("SG", ["m1", "m3"])


def test_gaps() -> None:
    data = (
        VOCAB
        + ':ITU a org:Organization ; skos:notation "ITU" .\n'
        + unit("BDT")
        + ':TA a isc:ThematicAreaList ; skos:notation "TA" .\n'
        + ':TA-gender a isc:ThematicArea ; skos:notation "TA-gender" ; skos:prefLabel "Gender"@en ;'
        + " skos:inScheme :TA .\n"
        + ':TA-web a isc:ThematicArea ; skos:notation "TA-web" ; skos:inScheme :TA .\n'
        + engage("ITU", "C2", "facilitator", "ITU facilitates C2")
        + engage("ITU", "C5", "facilitator", "ITU facilitates C5")
        + engage("BDT", "C2", "focal-point")
        + engage("BDT", "TA-web", "contributor")
        + outcome("D.1-1", "5", "C2")
    )
    gaps = analyse(graph(data)).gaps
    [c5] = gaps["action_lines_without_lead"]
    assert (c5.item.id, c5.context, c5.evidence) == (
        "C5",
        "facilitator",
        [Evidence("doc", "p", "ITU facilitates C5")],
    )
    assert [g.item.id for g in gaps["sdgs_without_outcomes"]] == ["SDG 4", "SDG 9"]
    assert [g.item.id for g in gaps["thematic_areas_without_units"]] == ["TA-gender"]
    assert gaps["targets_without_outcomes"] == []


def test_action_line_gap_names_shared_facilitation_and_session_leads() -> None:
    """ITU facilitates C5 with an outside co-facilitator, so it is not "sole facilitator"; of
    three sessions on C5, BDT leads two and the third names no lead. C3 has no session."""
    session = ':{0} a isc:Session ; skos:notation "{0}" ; skos:prefLabel "{1}"@en ; '
    session += "isc:sessionOf :F ; dcterms:subject :C5 .\n"
    data = (
        VOCAB
        + ':ITU a org:Organization ; skos:notation "ITU" .\n'
        + ':UNESCO a isc:ExternalOrganization ; skos:notation "UNESCO" .\n'
        + unit("BDT")
        + ':F a isc:Event ; skos:notation "F" ; skos:prefLabel "Forum 2019"@en .\n'
        + session.format("S1", "C5 talk")
        + session.format("S2", "C5 lab")
        + session.format("S3", "C5 panel")
        + engage("ITU", "C5", "facilitator", "ITU facilitates C5")
        + engage("UNESCO", "C5", "co-facilitator", "UNESCO co-facilitates C5")
        + engage("ITU", "C3", "partner", "ITU partners on C3")
        + engage("BDT", "S1", "lead", "BDT leads S1")
        + engage("BDT", "S2", "lead", "BDT leads S2")
        + engage("BDT", "S3", "contributor", "BDT contributes to S3")
    )
    gaps = {g.item.id: g for g in analyse(graph(data)).gaps["action_lines_without_lead"]}
    assert gaps["C5"].why == (
        "ITU is facilitator of C5, but no ITU unit is named as its focal point or lead; "
        'BDT leads the Forum 2019 sessions on it, "C5 talk" and "C5 lab"; '
        'no lead is named for the Forum 2019 session on it, "C5 panel".'
    )
    assert [e.quote for e in gaps["C5"].evidence] == [
        "BDT leads S1",
        "BDT leads S2",
        "ITU facilitates C5",
    ]
    assert gaps["C3"].why == (
        "ITU is partner of C3, but no ITU unit is named as its focal point or lead; "
        "the sources name no session on it."
    )


def test_centrality_and_communities_are_deterministic() -> None:
    data = unit("BDT") + unit("TSB") + "".join(topic(t) for t in ("A", "B", "C", "D"))
    data += engage("BDT", "A", "lead") + engage("BDT", "B", "lead") + engage("TSB", "B", "lead")
    data += engage("TSB", "C", "lead") + engage("TSB", "D", "lead")
    first, second = analyse(graph(data), seed=3), analyse(graph(data), seed=3)
    assert first.to_dict() == second.to_dict()
    actors = {c.id: (c.degree, c.betweenness) for c in first.actor_centrality}
    # Path A–BDT–B–TSB–{C, D}: TSB lies on more shortest paths than BDT.
    assert actors["TSB"][0] == 3 and actors["BDT"][0] == 2
    assert actors["TSB"][1] > actors["BDT"][1] > 0
    members = sorted(sorted(c.actors + c.topics) for c in first.communities)
    assert sum(len(m) for m in members) == 6


@pytest.mark.parametrize("bad", [{"threshold": 0}, {"threshold": 1.5}, {"min_units": 1}])
def test_parameters_are_checked(bad: dict) -> None:
    with pytest.raises(ValueError):
        analyse(graph(""), **bad)


def test_ties_are_ordered_by_id() -> None:
    """Equal similarities and equal sizes fall back to the ids, whatever the input order."""
    data = (
        VOCAB
        + outcome("D.2-9", "4", "5", "C3", objective="D.2")
        + outcome("D.1-2", "4", "5", "C2")
        + outcome("D.1-1", "4", "5", "C5")
    )
    pairs = [
        (p.a[0].id, p.b[0].id, round(p.jaccard, 2)) for p in analyse(graph(data)).similar_pairs
    ]
    assert pairs == [("D.1-1", "D.1-2", 0.5), ("D.1-1", "D.2-9", 0.5), ("D.1-2", "D.2-9", 0.5)]
    units = unit("BDT") + unit("TSB") + topic("B") + topic("A")
    units += engage("TSB", "B", "lead") + engage("BDT", "B", "lead")
    units += engage("TSB", "A", "lead") + engage("BDT", "A", "lead")
    shared = analyse(graph(units)).shared_engagements
    assert [s.topic.id for s in shared] == ["A", "B"]
    assert [u.unit.id for u in shared[0].units] == ["BDT", "TSB"]


def test_similar_pairs_behave_as_a_list() -> None:
    """The lazily made pairs index, slice, iterate and compare like a list of pairs."""
    data = (
        VOCAB
        + outcome("D.1-1", "4", "5", "C2")
        + outcome("D.1-2", "4", "5")
        + outcome("D.2-1", "4", "5", "C3", objective="D.2")
    )
    pairs = analyse(graph(data)).similar_pairs
    listed = list(pairs)
    assert len(pairs) == 3 and pairs == listed and pairs[:] == listed
    assert pairs[-1] == listed[2] and pairs[1:2] == [listed[1]]
    assert [(p.a[0].id, p.b[0].id, round(p.jaccard, 2)) for p in pairs] == [
        ("D.1-1", "D.1-2", 0.67),
        ("D.1-2", "D.2-1", 0.67),
        ("D.1-1", "D.2-1", 0.5),
    ]
    assert pairs[0].evidence == [
        Evidence("doc", "p", "D.1-1"),
        Evidence("doc", "p", "D.1-2"),
    ]
    with pytest.raises(IndexError):
        pairs[3]


def test_json_is_written_one_pair_at_a_time_as_to_dict_gives_it() -> None:
    import io
    import json

    from isc_graph.overlap import write_json

    data = VOCAB + "".join(
        outcome(f"D.1-{n}", *items)
        for n, items in enumerate([("4", "5"), ("4", "5", "C2"), ("4", "C2"), ("9",)], 1)
    )
    for threshold in (0.3, 1.0):
        report = analyse(graph(data), threshold=threshold)
        out = io.StringIO()
        write_json(report, out)
        assert out.getvalue() == json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
        assert len(json.loads(out.getvalue())["similar_pairs"]) == (3 if threshold < 1 else 0)


def test_length_filter_keeps_pairs_of_unequal_sizes() -> None:
    """A set and a superset twice its size are exactly at Jaccard 0.5."""
    sets = [frozenset("abcd"), frozenset("ab"), frozenset("abcde"), frozenset("a")]
    assert similar_sets(sets, 0.5) == [(0, 2, 0.8), (0, 1, 0.5), (1, 3, 0.5)]
    assert similar_sets(sets, 0.4) == [(0, 2, 0.8), (0, 1, 0.5), (1, 3, 0.5), (1, 2, 0.4)]


def test_evidence_of_long_iris_stays_within_the_query_limit() -> None:
    """Batches are bounded by the query-length limit, not only by their count of IRIs."""
    from isc_graph.limits import MAX_QUERY_CHARS
    from isc_graph.overlap.read import evidence_of

    base = "https://w3id.org/isc-graph/id/" + "x" * 200
    iris = [f"{base}-{k}" for k in range(3 * MAX_QUERY_CHARS // len(base))]
    found = evidence_of(graph(f"<{iris[-1]}> {src('last')} ."), iris)
    assert found == {iris[-1]: [Evidence("doc", "p", "last")]}
