"""The examples in the library's docstrings run."""

from __future__ import annotations

import doctest

import pytest

from isc_graph import namespaces, results, svg


@pytest.mark.parametrize("module", [namespaces, results, svg], ids=lambda m: m.__name__)
def test_docstring_examples(module) -> None:
    failures, tried = doctest.testmod(module)
    assert tried > 0 and failures == 0
