"""Shared fixtures: a throw-away copy of a project, a store folder, and a CLI runner."""

from __future__ import annotations

import io
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from isc_graph.cli import main

REPO = Path(__file__).resolve().parent.parent
MINI_DATA = REPO / "tests" / "fixtures" / "mini" / "data"
SEEDS = REPO.parent / "shared" / "seeds"


def copy_project(dest: Path, data: Path) -> Path:
    """A project folder with the repo's ontology and queries and the given data folder."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "ontology", dest / "ontology")
    shutil.copytree(REPO / "queries", dest / "queries")
    shutil.copytree(data, dest / "data", ignore=shutil.ignore_patterns("*.md"))
    return dest


def _ctrl_c_as_on_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


# For a child process the tests press Ctrl-C in: a run started in the background (``cmd &``
# in a script, as for a long mutation run) ignores SIGINT, and its children inherit that;
# Python then sets no KeyboardInterrupt handler and the child never sees the Ctrl-C.
INTERRUPTIBLE: dict[str, Any] = {"preexec_fn": _ctrl_c_as_on_a_terminal}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def stderr_as_terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """Standard error as a terminal, so that progress bars are drawn; what they draw.

    Called in the test itself: pytest sets its own standard error before each test runs.
    """
    out = _Terminal()
    monkeypatch.setattr(sys, "stderr", out)
    return out


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A small project (a real excerpt of seed 004) that builds in about a second."""
    return copy_project(tmp_path / "project", MINI_DATA)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


Invoke = Callable[..., Result]


def runner_for(store: Path, root: Path | None = None) -> Invoke:
    """Run ``isc-graph --root ROOT ARGS`` against ``store``; stdout and stderr kept apart.

    With ``root`` fixed, the returned function takes only the command's arguments.
    """
    runner = CliRunner()

    def invoke(*args: object) -> Result:
        words = [str(a) for a in args]
        if root is not None:
            words = [str(root), *words]
        return runner.invoke(
            main,
            ["--root", *words],
            env={"ISC_GRAPH_STORE": str(store)},
            catch_exceptions=False,
        )

    return invoke


@pytest.fixture
def cli(store: Path) -> Invoke:
    """``cli(root, *args)``: the CLI on a project folder, with the test's own store."""
    return runner_for(store)


@pytest.fixture(scope="session")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own data, built once per test session."""
    from isc_graph.build import build
    from isc_graph.project import Project

    path = tmp_path_factory.mktemp("real") / "store"
    build(Project(REPO), path)
    return path


@pytest.fixture
def real_cli(real_store: Path) -> Invoke:
    """``real_cli(*args)``: the CLI on the repository's own data."""
    return runner_for(real_store, REPO)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed here (.ci/run installs it)"
)


@dataclass
class OfflinePage:
    """A page in headless Chromium that records any request leaving ``file:`` and any error."""

    page: Any
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextmanager
def offline_page(url: str, width: int, height: int) -> Iterator[OfflinePage]:
    """Open ``url`` in Debian's Chromium through Playwright, watching for network requests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": height})
        watched = OfflinePage(page)
        page.on(
            "request",
            lambda r: watched.outside.append(r.url) if not r.url.startswith("file:") else None,
        )
        page.on("pageerror", lambda e: watched.errors.append(str(e)))
        page.goto(url)
        try:
            yield watched
        finally:
            browser.close()


def answer(store: Path) -> str:
    """What the live graph answers, read straight from the store (no rebuild)."""
    from isc_graph.queries import run_query
    from isc_graph.results import render
    from isc_graph.store import StoreLocation

    db = StoreLocation(store).open_read_only()
    return render(run_query(db, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"), "csv")


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the mini project, built once: tests copy it rather than build again."""
    from isc_graph.build import build
    from isc_graph.project import Project

    base = tmp_path_factory.mktemp("mini-built")
    path = base / "store"
    build(Project(copy_project(base / "project", MINI_DATA)), path)
    return path


@pytest.fixture
def built(mini: Path, store: Path, mini_store: Path) -> tuple[Path, str, str]:
    """The mini project, built; with the live generation and its answer before any damage."""
    shutil.copytree(mini_store, store)
    return mini, (store / "CURRENT").read_text(), answer(store)


def assert_unchanged(store: Path, before: tuple[Path, str, str]) -> None:
    """The live generation and its answer are those of ``before``."""
    _root, current, content = before
    assert (store / "CURRENT").read_text() == current
    assert answer(store) == content
