"""The example queries in docs/model.md run and answer something."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from isc_graph.queries import run_query
from isc_graph.store import StoreLocation

MODEL = (REPO / "docs" / "model.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```sparql\n(.*?)```", MODEL, flags=re.S)


def test_the_model_page_has_examples() -> None:
    assert len(EXAMPLES) >= 9


@pytest.mark.parametrize("sparql", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_example_runs(sparql: str, real_store) -> None:
    rows = list(run_query(StoreLocation(real_store).open_read_only(), sparql))
    assert rows, sparql


def test_the_picture_is_generated_from_the_current_ontology() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "model_diagram", REPO / "scripts" / "model_diagram.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from rdflib import Graph

    dot = module.diagram(Graph().parse(REPO / "ontology" / "isc.ttl"))
    assert dot == (REPO / "docs" / "model.dot").read_text(encoding="utf-8"), (
        "docs/model.dot is stale: run scripts/model_diagram.py"
    )
