"""The mutation-testing script's list of equivalent mutants: well formed, and about modules
that are mutated."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
import types
from pathlib import Path

import pytest
from conftest import REPO


def _script() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("mutation", REPO / "scripts" / "mutation.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutation"] = module
    spec.loader.exec_module(module)
    return module


def test_every_listed_equivalent_mutant_has_its_change_and_reason() -> None:
    script = _script()
    listed = script.load_equivalent()
    entries = tomllib.loads(script.EQUIVALENT.read_text(encoding="utf-8"))["equivalent"]
    assert len(listed) == len(entries)  # no mutant listed twice
    mutated = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "mutmut"
    ]["only_mutate"]
    for entry in entries:
        module = entry["mutant"].split(".x")[0].replace(".", "/")
        path = next(p for p in (f"{module}.py", f"{module}/__init__.py") if (REPO / p).exists())
        assert any(Path(path).match(pattern) for pattern in mutated), entry["mutant"]
        assert entry["change"].strip() == entry["change"] and entry["change"]
        assert len(entry["reason"].split()) >= 4, entry["mutant"]


def test_an_entry_without_its_reason_is_refused_by_number(tmp_path: Path) -> None:
    script = _script()
    listed = tmp_path / "equivalent.toml"
    listed.write_text(
        '[[equivalent]]\nmutant = "a.x_f__mutmut_1"\nchange = "x = 2"\nreason = "unused"\n'
        '[[equivalent]]\nmutant = "a.x_f__mutmut_2"\nchange = "x = 3"\n',
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as exc:
        script.load_equivalent(listed)
    assert str(exc.value) == (
        f"{listed}: entry 2 has no reason; each [[equivalent]] needs mutant, change and reason"
    )


def test_the_change_of_a_mutant_is_the_line_it_writes() -> None:
    diff = (
        "--- isc_graph/build.py\n+++ isc_graph/build.py\n@@ -1,2 +1,2 @@\n"
        "-    return 0\n+    return 1\n"
    )
    assert _script()._added_line(diff) == "return 1"
    assert _script()._added_line("--- a\n+++ a\n-    gone\n") is None


def test_a_listed_mutant_is_known_by_its_function_and_change_not_its_number() -> None:
    """mutmut renumbers a function's mutants when the function changes."""
    script = _script()
    assert script._function("isc_graph.build.x_build__mutmut_12") == "isc_graph.build.x_build"
    assert script._function("isc_graph.a.xǁCǁm__mutmut_3") == "isc_graph.a.xǁCǁm"
