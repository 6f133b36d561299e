"""Mutation testing on demand: how many seeded bugs the tests catch, module by module.

mutmut (configured in ``pyproject.toml``, ``[tool.mutmut]``) changes the code one small
bug at a time (``<`` for ``<=``, a constant, a dropped argument …) and runs the tests that
cover the changed function; a mutant the tests do not notice "survives". This wrapper runs
it in a scratch copy of the repository (``.mutation/``), so that the work tree is never
mutated and a run can be narrowed without editing ``pyproject.toml``::

    .venv/bin/python scripts/mutation.py                        # every configured module
    .venv/bin/python scripts/mutation.py isc_graph/results.py \\
        --tests tests/test_results.py tests/test_doctests.py    # one module, a few tests
    .venv/bin/python scripts/mutation.py --show                 # the survivors of the last run
    .venv/bin/python scripts/mutation.py --again                # the survivors, after new tests
    .venv/bin/python scripts/mutation.py isc_graph/overlap/ --sample 400 --tests …  # a sample

It prints the score (killed / mutants) and the survivors, and writes each survivor's diff
to ``survivors.diff`` in the scratch copy. ``--work DIR`` keeps a run in a scratch copy of
its own (``.mutation-export/``, say), so one module's survivors can be read while another
module runs. ``--again`` brings the scratch copy's code and tests up to date with the
repository and runs the last run's survivors only, keeping every other verdict: for new
tests, which belong in a test file the run already selects (a changed selection makes mutmut
start over). After a change to the code, start a new run.

``--sample N`` runs N mutants drawn at random (``--seed``; the names are kept in
``sample.txt`` in the scratch copy, and only they are counted) and gives the score with its
95% interval: on two cores a module of a few
thousand mutants takes over an hour in full, a sample of 400 a quarter of that. A run of
the whole configuration takes hours on two cores (each mutant re-runs the tests that cover
it), so it is not part of CI: run it on the module being changed, with the tests that
exercise it, and kill its survivors with tests.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_WORK = REPO / ".mutation"
COPY = ["isc_graph", "tests", "ontology", "queries", "data", "docs", "scripts", "pyproject.toml"]
COPY_FILES = ["README.md", "CHANGELOG.md", "uv.lock"]
# mutmut's words for a mutant's fate, and whether the tests caught it.
CAUGHT = {"killed", "timeout", "segfault"}
SAMPLE = "sample.txt"  # the names a sampled run drew, in its scratch copy
# Survivors judged equivalent (no test can tell them from the code), each with its change and
# why; see load_equivalent().
EQUIVALENT = REPO / "tests" / "mutation-equivalent.toml"


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def prepare(work: Path, modules: list[str], tests: list[str]) -> None:
    """A fresh copy of the repository whose [tool.mutmut] mutates ``modules`` only and
    selects ``tests`` (the configured ones when empty)."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    for name in COPY:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, work / name)
    for name in COPY_FILES:
        if (REPO / name).exists():
            shutil.copy2(REPO / name, work / name)
    text = (work / "pyproject.toml").read_text(encoding="utf-8")
    config = tomllib.loads(text)["tool"]["mutmut"]
    if modules:
        text = _replace_list(text, "only_mutate", modules)
    if tests:
        text = _replace_list(text, "pytest_add_cli_args_test_selection", tests)
    (work / "pyproject.toml").write_text(text, encoding="utf-8")
    print(f"mutating {', '.join(modules or config['only_mutate'])}")


def _replace_list(text: str, key: str, values: list[str]) -> str:
    pattern = re.compile(rf"^{key} = \[.*?\]$", flags=re.S | re.M)
    if not pattern.search(text):
        raise SystemExit(f"pyproject.toml: [tool.mutmut] has no {key}")
    return pattern.sub(lambda _m: f"{key} = {_toml_list(values)}", text, count=1)


def load_equivalent(path: Path = EQUIVALENT) -> dict[str, str]:
    """The survivors listed as equivalent: mutant name → the line the mutant writes.

    Each ``[[equivalent]]`` entry has ``mutant`` (mutmut's name), ``change`` (the ``+`` line
    of its diff, stripped) and ``reason``. mutmut numbers a function's mutants anew when the
    function changes, so a survivor is matched by its function and its change, not by its
    number (see :func:`_function`).
    """
    if not path.exists():
        return {}
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", [])
    for i, entry in enumerate(entries, 1):
        missing = {"mutant", "change", "reason"} - set(entry)
        if missing:
            raise SystemExit(
                f"{path}: entry {i} has no {', '.join(sorted(missing))}; each [[equivalent]] "
                "needs mutant, change and reason"
            )
    return {e["mutant"]: e["change"] for e in entries}


def _function(name: str) -> str:
    """A mutant's function: its name without mutmut's number (``…x_build__mutmut_7``)."""
    return name.rsplit("__mutmut_", 1)[0]


def _added_line(diff: str) -> str | None:
    """The line a mutant writes (its diff's one ``+`` line; None if it only removes)."""
    added = [
        line[1:].strip()
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    return added[0] if added else None


def results(work: Path) -> Counter:
    """How many mutants met each fate in the last run, the survivors listed and their diffs
    written to ``survivors.diff``; a survivor listed as equivalent, whose change is still the
    recorded one, counts as "equivalent"."""
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    done = subprocess.run(
        [mutmut, "results", "--all", "true"], cwd=work, capture_output=True, text=True
    )
    drawn = work / SAMPLE
    sampled = set(drawn.read_text(encoding="utf-8").split()) if drawn.exists() else None
    listed = load_equivalent()
    equivalent = {(_function(name), change) for name, change in listed.items()}
    diffs: list[str] = []
    fates: Counter = Counter()
    by_module: defaultdict[str, Counter] = defaultdict(Counter)
    for line in done.stdout.splitlines():
        name, sep, fate = line.strip().rpartition(": ")
        if sampled is not None and name not in sampled:
            fate = "not checked"  # outside the sample, even if some run reached it
        if not sep:
            continue
        if fate == "survived":
            shown = subprocess.run(
                [mutmut, "show", name], cwd=work, capture_output=True, text=True
            ).stdout
            if (_function(name), _added_line(shown)) in equivalent:
                fate = "equivalent"
            else:
                if name in listed:
                    print(
                        f"  {name} is listed as equivalent, but its change is no longer the "
                        f"recorded one (the code moved): check it again in {EQUIVALENT.name}"
                    )
                print(f"  survived: {name}")
                diffs.append(f"# {name}\n{shown}")
        fates[fate] += 1
        by_module[name.rsplit(".x", 1)[0]][fate] += 1
    (work / "survivors.diff").write_text("\n".join(diffs), encoding="utf-8")
    if len(by_module) > 1:
        for module, met in sorted(by_module.items()):
            run = sum(n for fate, n in met.items() if fate not in ("not checked", "equivalent"))
            caught = sum(n for fate, n in met.items() if fate in CAUGHT)
            print(f"  {module}: {caught}/{run} = {100 * caught / max(run, 1):.1f}%")
    return fates


def refresh(work: Path) -> None:
    """The scratch copy's package and tests replaced by the repository's, its configuration
    (modules and test selection) kept."""
    for name in ("isc_graph", "tests"):
        shutil.rmtree(work / name)
        shutil.copytree(REPO / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
    # mutmut copies the tests once, into mutants/, and keeps a copy it finds there.
    shutil.rmtree(work / "mutants" / "tests", ignore_errors=True)


def mutants(work: Path, fate: str | None = None) -> list[str]:
    """The names of the mutants in the scratch copy (those that met ``fate``, if given)."""
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    done = subprocess.run(
        [mutmut, "results", "--all", "true"], cwd=work, capture_output=True, text=True, check=True
    )
    found = [line.strip().rpartition(": ") for line in done.stdout.splitlines()]
    return [name for name, sep, met in found if sep and (fate is None or met == fate)]


def sample(work: Path, size: int, seed: int) -> list[str]:
    """``size`` mutants drawn at random (reproducibly, by ``seed``) from all of them.

    mutmut generates mutants and maps tests to functions at the start of a run; a run asked
    for a mutant that does not exist stops right after that, leaving every mutant listed and
    none run.
    """
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    subprocess.run([mutmut, "run", "no-such-mutant"], cwd=work, capture_output=True)
    names = mutants(work)
    if not names:
        raise SystemExit(f"{work}: mutmut generated no mutants")
    chosen = sorted(random.Random(seed).sample(names, min(size, len(names))))
    (work / SAMPLE).write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="files to mutate (default: the configured)")
    parser.add_argument("--tests", nargs="*", default=[], help="test files or folders to run")
    parser.add_argument("--max-children", type=int, default=2, help="mutants run at once")
    parser.add_argument("--show", action="store_true", help="only report the last run")
    parser.add_argument(
        "--again", action="store_true", help="re-run the last survivors with the new tests"
    )
    parser.add_argument(
        "--sample", type=int, metavar="N", help="run N mutants drawn at random, not all"
    )
    parser.add_argument("--seed", type=int, default=1, help="of the random draw (default 1)")
    parser.add_argument(
        "--work", type=Path, default=DEFAULT_WORK, help="scratch copy (default: .mutation/)"
    )
    args = parser.parse_args(argv)
    work = args.work.resolve()
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    run_mutmut = [mutmut, "run", "--max-children", str(args.max_children)]
    if args.again:
        if not (work / "mutants").is_dir():
            raise SystemExit(f"{work}: no earlier run to go on from; run without --again")
        names = mutants(work, "survived")
        drawn = work / SAMPLE
        if drawn.exists():
            names = sorted(set(names) & set(drawn.read_text(encoding="utf-8").split()))
        refresh(work)
        if names:  # named: a run without names would also run every mutant a sample left out
            run = subprocess.run(run_mutmut + names, cwd=work)
            if run.returncode != 0:
                return run.returncode
    elif not args.show:
        prepare(work, args.modules, args.tests)
        chosen = sample(work, args.sample, args.seed) if args.sample else []
        run = subprocess.run(run_mutmut + chosen, cwd=work)
        if run.returncode != 0:
            return run.returncode
    fates = results(work)
    unrun = fates.pop("not checked", 0)  # outside a sample
    run = sum(fates.values())
    detail = ", ".join(f"{fate} {n}" for fate, n in sorted(fates.items()))
    # The score leaves out the equivalent mutants: no test can catch them.
    total = run - fates["equivalent"]
    caught = sum(n for fate, n in fates.items() if fate in CAUGHT)
    score = f"{100 * caught / total:.1f}%" if total else "n/a"
    print(f"mutants {run}: {detail}; score {caught}/{total} = {score}")
    if unrun and total:
        low, high = wilson(caught, total)
        print(
            f"a sample of {run} of {run + unrun} mutants: the score of all of them lies "
            f"between {100 * low:.1f}% and {100 * high:.1f}% (95% Wilson interval)"
        )
    return 0


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion: sound near 100%, where the normal
    approximation is not."""
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


if __name__ == "__main__":
    sys.exit(main())
