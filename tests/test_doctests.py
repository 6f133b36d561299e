"""The examples in the library's docstrings run."""

from __future__ import annotations

import doctest

import pytest

from isc_graph import bind, lang, lookup, namespaces, overlap, progress, remote, results, svg, synth
from isc_graph.export import graph
from isc_graph.overlap import (
    engagements,
    gaps,
    mandates,
    outcomes,
    read,
    render,
    similarity,
    structure,
)

MODULES = [
    bind,
    lang,
    lookup,
    namespaces,
    progress,
    remote,
    results,
    svg,
    synth,
    overlap,
    similarity,
    outcomes,
    read,
    engagements,
    render,
    mandates,
    gaps,
    structure,
    graph,
]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples(module) -> None:
    failures, tried = doctest.testmod(module)
    assert tried > 0 and failures == 0
