"""The ``isc-graph`` command line: thin wrappers around the library.

Exit codes (pySHACL's contract, used by every command): 0 success, 1 the data does not
conform to the shapes, 2 any other error (bad input, missing store, unknown query …).
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click
import pyoxigraph as ox

from . import __version__
from .errors import EXIT_ERROR, IscGraphError, ValidationFailed
from .lang import ENV as LANG_ENV
from .lang import LANGUAGES
from .project import Project
from .results import GRAPH_FORMATS, SELECT_FORMATS, TABLE_FORMATS

__all__ = ["main"]

# The export formats, listed here so that --help does not import the exporters.
EXPORT_FORMATS = [
    "graphml",
    "gexf",
    "cyjs",
    "nodelink",
    "dot",
    "html",
    "ttl",
    "trig",
    "nt",
    "jsonld",
    "svg",
    "png",
]


def _log(message: str) -> None:
    click.echo(message, err=True)


def _print_violations(report: Any) -> None:
    for v in report.violations:
        click.echo(str(v), err=True)


def _handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one ``Error: …`` line and an exit code; -v adds the traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        verbose = click.get_current_context().find_root().params.get("verbose", False)
        try:
            return func(*args, **kwargs)
        except ValidationFailed as exc:
            _print_violations(exc.report)
            click.echo(
                f"Error: {exc} Nothing was loaded; the previous graph is unchanged.", err=True
            )
            sys.exit(exc.exit_code)
        except IscGraphError as exc:
            if verbose:
                traceback.print_exc()
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted; the previous graph is unchanged.", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except Exception as exc:
            if verbose:
                traceback.print_exc()
            text = " ".join(str(exc).split())
            if "Corruption" in text:  # RocksDB found damage while reading, not when opening
                message = (
                    f"the store is damaged ({text.split(' The file ')[0]}): run "
                    "`isc-graph build --force` to rebuild it from the sources"
                )
            else:
                message = f"unexpected {type(exc).__name__}: {exc} (run with -v for details)"
            click.echo(f"Error: {message}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


def store_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--store",
        "store",
        metavar="PATH",
        envvar="ISC_GRAPH_STORE",
        help="Store folder (default: $ISC_GRAPH_STORE, else the per-user data folder).",
    )(func)


def output_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True, path_type=Path),
        help="Write to FILE instead of standard output.",
    )(func)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise IscGraphError(f"{output}: cannot write: {exc.strerror}") from None
    _log(f"Wrote {output}")


def _emit_stream(write: Callable[[TextIO], None], output: Path | None) -> None:
    """Like :func:`_emit`, for output too large to hold as one string."""
    if output is None:
        write(click.get_text_stream("stdout"))
        return
    try:
        with output.open("w", encoding="utf-8") as out:
            write(out)
    except OSError as exc:
        raise IscGraphError(f"{output}: cannot write: {exc.strerror}") from None
    _log(f"Wrote {output}")


def _project(ctx: click.Context) -> Project:
    project = Project(ctx.find_root().params.get("root"))
    project.require_named_root()
    return project


def _open(ctx: click.Context, store: str | None):
    from .remote import RemoteStore, is_remote

    if is_remote(store):
        return RemoteStore(store)
    from .build import ensure_built

    return ensure_built(_project(ctx), store, log=_log).open_read_only()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    # isc_graph.lang), so that the library, the fast path and this CLI agree on one setting.
    # It is put back when the command ends, so that a caller's environment is left as it was.
    before = os.environ.get(LANG_ENV)
    os.environ[LANG_ENV] = lang.lower()
    ctx.call_on_close(functools.partial(_restore_env, LANG_ENV, before))


def _restore_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


@main.command()
@store_option
@click.option("--force", is_flag=True, help="Rebuild even if the store is up to date.")
@click.pass_context
@_handle_errors
def build(ctx: click.Context, store: str | None, force: bool) -> None:
    """Validate ontology/ and data/, then load them into the store (atomically)."""
    from .build import build as run_build

    verbose = ctx.find_root().params.get("verbose", False)
    from .remote import is_remote, redact

    if is_remote(store):
        raise IscGraphError(
            f"{redact(store)} is a remote endpoint: build writes the embedded store; "
            "build it, then upload it with `isc-graph push URL`"
        )
    result = run_build(_project(ctx), store, force=force, progress=_log if verbose else None)
    click.echo(result.summary())


@main.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Report format.",
)
@output_option
@click.pass_context
@_handle_errors
def validate(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Check ontology/ and data/ against the shapes; load nothing.

    Exit 0 when the data conforms, 1 when it has violations, 2 on errors.
    """
    from .build import validate as run_validate

    report = run_validate(_project(ctx))
    if fmt == "json":
        text = json.dumps(report.as_dict(), indent=2) + "\n"
    else:
        text = "".join(f"{v}\n" for v in report.violations) + report.summary() + "\n"
    _emit(text, output)
    sys.exit(0 if report.conforms else 1)


def wide_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--wide",
        is_flag=True,
        help="Print long cells of the table whole (else names are cut at 40 characters, "
        "other cells at 80, with …).",
    )(func)


def _complete_query_name(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[click.shell_completion.CompletionItem]:
    """Shell completion of ``query NAME``: the named queries, or a file for a path."""
    from click.shell_completion import CompletionItem

    if "/" in incomplete or incomplete.startswith("."):
        return [CompletionItem(incomplete, type="file")]
    from .queries import list_queries

    try:
        queries = list_queries(Project(ctx.find_root().params.get("root")).queries_dir)
    except Exception:  # completion must never fail loudly: offer nothing
        return []
    return [CompletionItem(q.name, help=q.title) for q in queries if q.name.startswith(incomplete)]


@main.command()
@click.argument("name", required=False, metavar="NAME|FILE.rq", shell_complete=_complete_query_name)
@click.option("-e", "--expression", metavar="SPARQL", help="Run this SPARQL text instead.")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a parameter of the named query (repeatable).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(SELECT_FORMATS + GRAPH_FORMATS),
    help="table (default), csv, tsv, json, jsonl (one object per line), srj for SELECT and "
    "ASK (and --list); ttl (default), nt, jsonld for CONSTRUCT and DESCRIBE.",
)
@wide_option
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    envvar="ISC_GRAPH_TIMEOUT",
    default=60,
    show_default=True,
    metavar="SECONDS",
    help="Longest the query may take (default: $ISC_GRAPH_TIMEOUT, else 60).",
)
@store_option
@output_option
@click.pass_context
@_handle_errors
def query(
    ctx: click.Context,
    name: str | None,
    expression: str | None,
    params: tuple[str, ...],
    fmt: str | None,
    wide: bool,
    list_: bool,
    timeout: float,
    store: str | None,
    output: Path | None,
) -> None:
    """Run a named query, a .rq file or ad-hoc SPARQL (-e) against the graph."""
    from .errors import QueryError
    from .limits import run_with_time_limit
    from .queries import NamedQuery, list_queries, load_query, parse_params, run_query
    from .results import format_records, render

    project = _project(ctx)
    if list_:
        if fmt not in (None, *TABLE_FORMATS):
            raise QueryError(f"--list is written as {', '.join(TABLE_FORMATS)}, not {fmt}")
        rows = [
            [q.name, " ".join(str(p) for p in q.params), q.title]
            for q in list_queries(project.queries_dir)
        ]
        _emit(
            format_records(["name", "parameters", "title"], rows, fmt or "table", wide=wide), output
        )
        return
    if name and expression:
        raise QueryError(f"give either a query ({name}) or -e 'SPARQL', not both")
    if not name and not expression:
        raise QueryError("give a query name, a .rq file or -e 'SPARQL' (see --list)")
    named = (
        NamedQuery.from_text("expression", expression)
        if expression
        else load_query(name, project.queries_dir)
    )
    given = parse_params(params)
    named.bindings(given)  # a wrong parameter is reported before the store is opened
    db = _open(ctx, store)

    def answer() -> str:
        # A value may be given by name or in another case: bind the value it names.
        values = named.bindings(named.check_values(db, given))
        return render(run_query(db, named.text, values, name=named.name), fmt, wide=wide)

    _emit(run_with_time_limit(answer, timeout), output)


@main.command()
@click.argument("ident", metavar="ID")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--all", "full", is_flag=True, help="List every link and every text in full (text format)."
)
@click.option("--no-pager", is_flag=True, help="Do not page the text on a terminal.")
@store_option
@output_option
@click.pass_context
@_handle_errors
def show(
    ctx: click.Context,
    ident: str,
    fmt: str,
    full: bool,
    no_pager: bool,
    store: str | None,
    output: Path | None,
) -> None:
    """Everything about one entity, by id (C2, D.2-1, BDT, Res191), name or IRI, with sources.

    The text groups the facts and folds long lists (10 shown, the rest counted; --all lists
    them). On a terminal it goes through $PAGER (else `less -FRX`); -f json has everything.
    """
    from .describe import describe
    from .render_text import description_text

    d = describe(_open(ctx, store), ident)
    if fmt == "json":
        _emit(json.dumps(d.as_dict(), indent=2, ensure_ascii=False) + "\n", output)
        return
    text = description_text(d, full=full)
    if output is not None or no_pager:
        _emit(text, output)
        return
    from .pager import page

    page(text, sys.stdout)


@main.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    help="text (tables), json, or jsonl: one object per line, each with its table.",
)
@wide_option
@store_option
@output_option
@click.pass_context
@_handle_errors
def stats(ctx: click.Context, fmt: str, wide: bool, store: str | None, output: Path | None) -> None:
    """Triples, entities per class and facts per source document."""
    from .render_text import stats_text
    from .stats import stats as run_stats

    s = run_stats(_open(ctx, store))
    if fmt == "json":
        text = json.dumps(s.as_dict(), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in s.records())
    else:
        text = stats_text(s, wide=wide)
    _emit(text, output)


def _analysis_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The parameters shared by ``overlap`` and ``report``."""
    for option in reversed(
        [
            click.option(
                "--threshold",
                type=click.FloatRange(0, 1, min_open=True),
                default=0.5,
                show_default=True,
                help="Jaccard similarity from which two outcomes' contributions are similar "
                "(inclusive).",
            ),
            click.option(
                "--min-units",
                type=click.IntRange(min=2),
                default=2,
                show_default=True,
                help="How many units engaged on one topic make a shared engagement.",
            ),
            click.option(
                "--text-threshold",
                type=click.FloatRange(0, 1, min_open=True),
                default=0.7,
                show_default=True,
                help="Token similarity from which two mandates' actions are near-duplicates.",
            ),
            click.option(
                "--graph",
                "graph_file",
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                help="Analyse the RDF in this file (N-Quads, Turtle …, e.g. from `synth`) "
                "instead of the store.",
            ),
            store_option,
        ]
    ):
        func = option(func)
    return func


def _analyse(ctx: click.Context, store: str | None, graph_file: Path | None, **params: Any):
    """The overlap report of the store, or of the RDF file ``graph_file``."""
    from .overlap import analyse

    if graph_file is not None:
        from .synth import load

        try:
            db = load(path=graph_file, ontology=_project(ctx).ontology_dir)
        except (SyntaxError, ValueError, OSError) as exc:
            raise IscGraphError(f"{graph_file}: cannot read it as RDF: {exc}") from None
    else:
        db = _open(ctx, store)
    # The roll-up of units to Sectors is the project's named query unit-sectors.
    return analyse(db, queries_dir=_project(ctx).queries_dir, **params)


@main.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "md", "html"]),
    default="md",
    show_default=True,
)
@_analysis_options
@output_option
@click.pass_context
@_handle_errors
def overlap(ctx: click.Context, fmt: str, output: Path | None, **analysis: Any) -> None:
    """Where units overlap and where nobody works: six analyses, each finding with its sources."""
    from .overlap import to_csv, write_json
    from .overlap.render import render_html, render_markdown

    report = _analyse(ctx, **analysis)
    if fmt == "json":
        _emit_stream(lambda out: write_json(report, out), output)
        return
    if fmt == "csv":
        text = to_csv(report)
    elif fmt == "html":
        text = render_html(report)
    else:
        text = render_markdown(report)
    _emit(text, output)


@main.command()
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("isc-graph-report"),
    show_default=True,
    help="Folder to write overlap-report.html, .md and .json into.",
)
@_analysis_options
@click.pass_context
@_handle_errors
def report(ctx: click.Context, out_dir: Path, **analysis: Any) -> None:
    """The main job: build the graph if needed, run the overlap analysis, write the reports."""
    from .overlap import write_json
    from .overlap.render import render_html, render_markdown, summary_lines

    result = _analyse(ctx, **analysis)
    files = {
        "overlap-report.html": render_html(result),
        "overlap-report.md": render_markdown(result),
        "overlap-report.json": None,  # streamed: it lists every similar pair
    }
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            if text is None:
                with (out_dir / name).open("w", encoding="utf-8") as out:
                    write_json(result, out)
            else:
                (out_dir / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise IscGraphError(f"{out_dir}: cannot write the report: {exc.strerror}") from None
    for line in summary_lines(result):
        click.echo(line)
    click.echo(f"Wrote {', '.join(str(out_dir / n) for n in files)}")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="N-Quads file to write (.nq).",
)
@click.option("--outcomes", type=click.IntRange(min=0), default=10000, show_default=True)
@click.option(
    "--topics",
    type=click.IntRange(min=18),
    default=200,
    show_default=True,
    help="SDGs and action lines outcomes contribute to.",
)
@click.option("--units", type=click.IntRange(min=0), default=200, show_default=True)
@click.option(
    "--resolutions",
    type=click.IntRange(min=0),
    help="Resolutions, with one to three revisions each  [default: one per 50 outcomes].",
)
@click.option("--seed", type=int, default=0, show_default=True)
@_handle_errors
def synth(
    output: Path, outcomes: int, topics: int, units: int, resolutions: int | None, seed: int
) -> None:
    """Write a synthetic graph shaped like the real one, of any size (for benchmarks)."""
    from .synth import write

    try:
        n = write(
            output,
            outcomes=outcomes,
            topics=topics,
            units=units,
            resolutions=resolutions if resolutions is not None else max(outcomes // 50, 1),
            seed=seed,
        )
    except OSError as exc:
        raise IscGraphError(f"{output}: cannot write: {exc.strerror}") from None
    _log(f"Wrote {n} quads to {output}")


@main.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="graphml, gexf, cyjs, nodelink, dot, html (the explorer), ttl, trig, nt, jsonld, "
    "svg or png (drawn by Graphviz).",
)
@click.option("--focus", metavar="ID", help="Only the neighbourhood of this entity (short id).")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="How many links from --focus.",
)
@click.option(
    "--types",
    metavar="T1,T2",
    help="Only entities of these classes (Bureau, isc:Outcome, sdgo:Goal …).",
)
@click.option(
    "--query",
    "query_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Start from the result of this CONSTRUCT query.",
)
@store_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to FILE (needed for graphml, gexf and png, which are binary).",
)
@click.pass_context
@_handle_errors
def export(
    ctx: click.Context,
    fmt: str,
    focus: str | None,
    depth: int,
    types: str | None,
    query_file: Path | None,
    store: str | None,
    output: Path | None,
) -> None:
    """Export the graph, or a selection of it, for Gephi, Cytoscape, yEd, Graphviz or a browser."""
    from .export import BINARY
    from .export import export as run_export

    if output is None and fmt in BINARY:
        raise IscGraphError(f"--format {fmt} is binary: give a file with -o FILE")
    data = run_export(
        _open(ctx, store),
        fmt,
        focus=focus,
        depth=depth,
        types=[t for t in types.split(",") if t.strip()] if types else None,
        query=query_file,
        log=_log,
    )
    if isinstance(data, bytes) and output is not None:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise IscGraphError(f"{output}: cannot write: {exc.strerror}") from None
        _log(f"Wrote {output}")
        return
    _emit(data.decode("utf-8") if isinstance(data, bytes) else data, output)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@main.command()
@click.option("--bind", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Longest a query may run, in seconds; past it the query is stopped (HTTP 503).",
)
@store_option
@click.pass_context
@_handle_errors
def serve(ctx: click.Context, bind: str, port: int, timeout: int, store: str | None) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol (the Oxigraph server).

    Queries that nest too deep or are too long are refused (HTTP 400), one running past
    --timeout is stopped (503), a result over 64 MB is refused (507).
    """
    import shutil
    import socket

    from .build import ensure_built
    from .remote import is_remote, redact
    from .serve import serve as run_server

    if is_remote(store):
        raise IscGraphError(
            f"{redact(store)} is already a SPARQL endpoint; serve serves the embedded store"
        )
    location = ensure_built(_project(ctx), store, log=_log)
    gen = location.current_generation()
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if gen is None or not Path(exe).exists():
        raise IscGraphError("the Oxigraph server (the `oxigraph` package) is not installed")
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((bind, port))
        except OSError as exc:
            raise IscGraphError(
                f"cannot listen on {bind}:{port} ({exc.strerror}); "
                "choose another with --port, or stop what uses it"
            ) from None
    if bind not in LOOPBACK:
        _log(
            f"Warning: listening on {bind}, not only on this machine: anyone who can reach it "
            "can query the graph."
        )
    host = f"[{bind}]" if ":" in bind else bind

    def ready() -> None:
        _log(
            f"Serving the graph read-only at http://{host}:{port}/ "
            f"(SPARQL: http://{host}:{port}/query)"
        )
        _log("Press Ctrl-C to stop.")

    # A supervising front runs the Oxigraph server as a worker (isc_graph/serve.py says why).
    run_server(exe, gen / "db", bind, port, timeout, ready=ready)
    _log("Stopped.")


@main.command()
@click.argument("url")
@click.option("--dry-run", is_flag=True, help="Show what would be replaced; send nothing.")
@store_option
@click.pass_context
@_handle_errors
def push(ctx: click.Context, url: str, dry_run: bool, store: str | None) -> None:
    """Upload the built graph to a writable store (SPARQL 1.1 Graph Store Protocol).

    URL is the store's Graph Store endpoint (Oxigraph server: http://HOST:7878/store;
    Fuseki: http://HOST:3030/DATASET/data). Each of the project's named graphs is replaced
    whole, so pushing twice changes nothing.
    """
    from collections import defaultdict

    from .build import ensure_built
    from .remote import check_url, is_remote, redact
    from .remote import push as run_push

    if not is_remote(url):
        raise IscGraphError(f"{redact(url)}: give the store's http(s):// Graph Store endpoint")
    check_url(url)  # before building: a URL with credentials in it is refused
    db = ensure_built(_project(ctx), store, log=_log).open_read_only()
    by_graph: dict[str, list] = defaultdict(list)
    for q in db.quads_for_pattern(None, None, None):
        if isinstance(q.graph_name, ox.NamedNode):
            by_graph[q.graph_name.value].append(q)
    done = run_push(dict(by_graph), url, dry_run=dry_run)
    verb = "Would replace" if dry_run else "Replaced"
    for graph, n in done:
        click.echo(f"{verb} <{graph}> with {n} triples")
