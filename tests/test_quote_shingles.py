"""Every quote is verbatim in its source document, checked without the documents.

``tests/fixtures/seed-shingles`` holds fingerprints of each document (see
``scripts/seed_shingles.py``): this check runs in any clone, where
``tests/test_provenance.py``'s needs ``../shared/seeds``. A one-word change in a quote fails
it, naming the entity, the document and the passage.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest
from conftest import REPO, copy_project

from isc_graph.queries import run_query
from isc_graph.store import StoreLocation

FIXTURES = REPO / "tests" / "fixtures" / "seed-shingles"
QUOTES = """SELECT ?x ?id ?doc ?locator ?quote WHERE {
    ?x prov:qualifiedDerivation ?d . ?d prov:entity ?source ; isc:locator ?locator ;
    isc:quote ?quote . ?source isc:seedFile ?file ; skos:notation ?doc .
    OPTIONAL { ?x skos:notation ?id } } ORDER BY ?doc ?locator ?quote"""


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "seed_shingles", REPO / "scripts" / "seed_shingles.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shingles = _script()


def fingerprints() -> dict[str, set[str]]:
    return {p.stem: shingles.load(p) for p in sorted(FIXTURES.glob("doc-*.txt"))}


def unverified(db: ox.Store, prints: dict[str, set[str]]) -> tuple[int, list[str]]:
    """How many quotes were checked, and a line naming each one that is not verbatim."""
    failures, checked = [], 0
    for r in run_query(db, QUOTES):
        doc, quote = r["doc"].value, r["quote"].value
        entity = r["id"].value if r["id"] is not None else _describe(db, r["x"])
        checked += 1
        if doc not in prints:
            failures.append(f"{entity}: {doc} has no fingerprints (run scripts/seed_shingles.py)")
        elif not shingles.is_verbatim(quote, prints[doc]):
            failures.append(f"{entity}: not verbatim in {doc}, {r['locator'].value}: {quote!r}")
    return checked, failures


def _describe(db: ox.Store, node: ox.BlankNode) -> str:
    """A qualified node by its class and the ids it links: ``Engagement [BDT C2 lead]``."""
    notation = ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    kind, ids = "node", []
    for q in db.quads_for_pattern(node, None, None):
        if q.predicate == rdf_type:
            kind = q.object.value.rsplit("#", 1)[-1]
        elif isinstance(q.object, ox.NamedNode):
            ids += [n.object.value for n in db.quads_for_pattern(q.object, notation, None)]
    return f"{kind} [{' '.join(sorted(set(ids)))}]"


@pytest.fixture(scope="module")
def db(real_store: Path) -> ox.Store:
    return StoreLocation(real_store).open_read_only()


def test_every_document_with_a_text_has_fingerprints(db: ox.Store) -> None:
    docs = {
        r["doc"].value
        for r in run_query(db, "SELECT ?doc WHERE { ?x isc:seedFile ?f ; skos:notation ?doc }")
    }
    assert docs == set(fingerprints()) == {f"doc-00{i}" for i in range(5)}


def test_every_quote_is_verbatim_without_the_documents(db: ox.Store) -> None:
    checked, failures = unverified(db, fingerprints())
    assert checked > 1000
    assert failures == []


def test_a_one_word_change_in_any_quote_fails() -> None:
    """Each quote of the data, with one of its words changed (first, middle or last), is no
    longer verbatim; the original is."""
    prints = fingerprints()
    store = ox.Store()
    for ttl in sorted((REPO / "data").glob("*.ttl")):
        store.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    quotes = [(r["doc"].value, r["quote"].value) for r in run_query(store, QUOTES)]
    assert len(quotes) > 1000
    for doc, quote in quotes:
        assert shingles.is_verbatim(quote, prints[doc]), quote
        words = list(re.finditer(r"\w+", quote))
        for w in {words[0], words[len(words) // 2], words[-1]}:
            changed = quote[: w.start()] + _other(w.group()) + quote[w.end() :]
            assert not shingles.is_verbatim(changed, prints[doc]), (doc, quote, changed)


def _other(word: str) -> str:
    """Another word: a realistic slip (a letter changed, or a digit)."""
    if word.isdigit():
        return str(int(word) + 1)
    return word[:-1] + ("e" if word[-1] != "e" else "a")


def test_a_changed_quote_in_a_copy_is_named(tmp_path: Path) -> None:
    """One word of one quote changed in a copy of the data: the check names the entity, the
    document and the passage."""
    from isc_graph.build import build
    from isc_graph.project import Project

    root = copy_project(tmp_path / "project", REPO / "data")
    ttl = root / "data" / "doc-002.ttl"
    text = ttl.read_text(encoding="utf-8")
    original = "The areas of intersectoral interest coordinated by ISC-TF include"
    assert text.count(original) >= 1
    ttl.write_text(
        text.replace(original, original.replace("coordinated", "covered")), encoding="utf-8"
    )
    build(Project(root), tmp_path / "store")
    _checked, failures = unverified(
        StoreLocation(tmp_path / "store").open_read_only(), fingerprints()
    )
    assert failures, "the changed quote passed"
    assert all("not verbatim in doc-002, Introduction: " in f for f in failures), failures
    assert all("covered by ISC-TF" in f for f in failures)
    assert any(f.startswith("TA-2022-") for f in failures), failures


def test_the_fingerprints_are_those_of_the_documents(tmp_path: Path) -> None:
    """Where the documents are at hand, the files are what the script writes from them."""
    from conftest import SEEDS

    if not SEEDS.is_dir():
        pytest.skip("the source documents (../shared/seeds) are not beside this clone")
    shingles.generate(SEEDS, REPO / "data", tmp_path)
    for path in sorted(FIXTURES.glob("doc-*.txt")):
        assert (tmp_path / path.name).read_text() == path.read_text(), (
            f"{path} is stale: run scripts/seed_shingles.py"
        )
