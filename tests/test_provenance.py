"""Every fact is traced to a passage that really is in its source document."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS

from isc_graph.queries import run_query
from isc_graph.store import StoreLocation

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the source documents (../shared/seeds) are not beside this clone"
)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def db(real_store):
    return StoreLocation(real_store).open_read_only()


def test_every_source_document_names_its_text(db) -> None:
    rows = list(
        run_query(
            db,
            "SELECT ?doc ?file WHERE { ?doc a isc:SourceDocument . "
            "OPTIONAL { ?doc isc:seedFile ?file } } ORDER BY ?doc",
        )
    )
    docs = {r["doc"].value.rsplit("/", 1)[-1]: r["file"] for r in rows}
    assert set(docs) == {"doc-000", "doc-001", "doc-002", "doc-003", "doc-004", "un-sdg-kos"}
    for doc, file in docs.items():
        if doc.startswith("doc-"):
            assert file is not None and file.value.startswith(doc[4:] + "_"), doc


@needs_seeds
def test_every_quote_is_verbatim_in_its_document(db) -> None:
    texts = {
        r["doc"].value: normalise((SEEDS / r["file"].value).read_text(encoding="utf-8"))
        for r in run_query(db, "SELECT ?doc ?file WHERE { ?doc isc:seedFile ?file }")
    }
    missing = []
    checked = 0
    for r in run_query(
        db,
        "SELECT ?doc ?locator ?quote WHERE { ?d prov:entity ?doc ; isc:locator ?locator ; "
        "isc:quote ?quote }",
    ):
        if r["doc"].value not in texts:
            continue
        checked += 1
        if normalise(r["quote"].value) not in texts[r["doc"].value]:
            missing.append((r["doc"].value, r["locator"].value, r["quote"].value))
    assert checked > 500
    assert missing == []


def test_every_fact_bearing_node_has_a_source(db) -> None:
    rows = list(
        run_query(
            db,
            """SELECT ?x ?t WHERE {
                 VALUES ?t { isc:Engagement isc:Mandate org:Membership isc:Outcome isc:Output
                             isc:Objective isc:SectorObjective isc:InterSectoralObjective
                             isc:ActionLine isc:Revision isc:ThematicArea isc:MeetingCount }
                 ?x a ?t FILTER NOT EXISTS { ?x prov:qualifiedDerivation/prov:entity ?doc }
               }""",
        )
    )
    assert rows == []
