"""The ``isc-graph`` command line: thin wrappers around the library.

Exit codes (pySHACL's contract, used by every command): 0 success, 1 the data does not
conform to the shapes, 2 any other error (bad input, missing store, unknown query …).

The group below holds no command itself: :data:`COMMANDS` maps each name to the module that
defines it, imported only when that command runs, so that ``isc-graph query NAME`` does not
pay for rdflib, pySHACL, networkx or the exporters it never uses. One grammar serves every
call: the commands are plain click commands, parsed by click alone.
"""

from __future__ import annotations

import functools
import importlib
import os
from typing import Any

import click

from .. import __version__
from ..lang import ENV as LANG_ENV
from ..lang import LANGUAGES

__all__ = ["COMMANDS", "LazyGroup", "main"]

# name -> (module under isc_graph.cli, first paragraph of the command's help). The help is
# repeated here so that `isc-graph --help` and shell completion list the commands without
# importing them; tests/test_fast_start.py checks that it matches each command's own help.
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("build", "Validate ontology/ and data/, then load them into the store (atomically)."),
    "diff": (
        "diff",
        "What changed: two revisions of a resolution, two thematic-area lists, two graph versions.",
    ),
    "export": (
        "export",
        "Export the graph, or a selection of it, for Gephi, Cytoscape, yEd, Graphviz or a browser.",
    ),
    "extract": (
        "extract",
        "Read a new report (.txt, .docx, .pdf, .html) into candidate facts for review.",
    ),
    "overlap": (
        "overlap",
        "Where units overlap and where nobody works: six analyses, each finding with its sources.",
    ),
    "push": (
        "push",
        "Upload the built graph to a writable store (SPARQL 1.1 Graph Store Protocol).",
    ),
    "query": ("query", "Run a named query, a .rq file or ad-hoc SPARQL (-e) against the graph."),
    "report": (
        "overlap",
        "The main job: build the graph if needed, run the overlap analysis, write the reports.",
    ),
    "review": (
        "extract",
        "Accept or reject extracted candidates; write the accepted ones to data/doc-NNN.ttl.",
    ),
    "serve": (
        "serve",
        "Serve the graph read-only over the SPARQL 1.1 Protocol (the Oxigraph server).",
    ),
    "show": (
        "show",
        "Everything about one entity, by id (C2, D.2-1, BDT, Res191), name or IRI, with sources.",
    ),
    "stats": ("stats", "Triples, entities per class and facts per source document."),
    "synth": (
        "synth",
        "Write a synthetic graph shaped like the real one, of any size (for benchmarks).",
    ),
    "validate": (
        "build",
        "Check ontology/ and data/ against the shapes; the built graph is not touched.",
    ),
}


class LazyGroup(click.Group):
    """A click group whose commands are imported when they run, not when the group is.

    ``get_command`` imports ``isc_graph.cli.<module>`` and takes the command of that name
    from it. The listing in ``--help`` and the completion of command names read the short
    help from :data:`COMMANDS`, so neither imports any command module.
    """

    def __init__(self, *args: Any, lazy: dict[str, tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name not in self.lazy:
            return None
        module = importlib.import_module(f"{__name__}.{self.lazy[cmd_name][0]}")
        command = getattr(module, cmd_name)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module.__name__}.{cmd_name} is not a click command")
        self.commands[cmd_name] = command  # imported once: later look-ups find it here
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            # click suggests a close name among the commands loaded so far: offer them all.
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def listed_command(self, cmd_name: str) -> click.Command:
        """The command as ``--help`` lists it: the real one if already imported, else a
        stand-in carrying its help from :data:`COMMANDS` (click shortens both alike)."""
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        return click.Command(cmd_name, help=self.lazy[cmd_name][1])

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click.Group.format_commands, with listed_command in place of get_command.
        names = self.list_commands(ctx)
        commands = [(n, c) for n in names if not (c := self.listed_command(n)).hidden]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        rows = [(name, command.get_short_help_str(limit)) for name, command in commands]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def shell_complete(
        self, ctx: click.Context, incomplete: str
    ) -> list[click.shell_completion.CompletionItem]:
        # click.Group.shell_complete, with listed_command in place of get_command.
        from click.shell_completion import CompletionItem

        results = [
            CompletionItem(name, help=command.get_short_help_str())
            for name in self.list_commands(ctx)
            if name.startswith(incomplete) and not (command := self.listed_command(name)).hidden
        ]
        results.extend(click.Command.shell_complete(self, ctx, incomplete))
        return results


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="isc-graph")
@click.option(
    "--root",
    metavar="DIR",
    envvar="ISC_GRAPH_ROOT",
    help="Project folder holding ontology/, data/ and queries/ (default: this checkout).",
)
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks on errors.")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES, case_sensitive=False),
    envvar=LANG_ENV,
    default="en",
    show_default=True,
    help="Language of the SDG, target and indicator labels (English where one is missing).",
)
@click.pass_context
def main(ctx: click.Context, root: str | None, verbose: bool, lang: str) -> None:
    """A knowledge graph of ITU's inter-sectoral coordination, and tools to question it."""
    # Every query that prints labels reads the language from the environment (see
    # isc_graph.lang), so that the library and this CLI agree on one setting. It is put
    # back when the command ends, so that a caller's environment is left as it was.
    before = os.environ.get(LANG_ENV)
    os.environ[LANG_ENV] = lang.lower()
    ctx.call_on_close(functools.partial(_restore_env, LANG_ENV, before))


def _restore_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
