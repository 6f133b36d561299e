"""``isc-graph extract`` and ``isc-graph review``: from a new report to reviewed facts in data/.

``extract`` reads the report, finds candidate facts with the graph's names (the built store
gives the entity index) and writes them to review/doc-NNN.ttl, never to data/. ``review``
walks through that file, one candidate at a time or by kind for scripts, and writes the
accepted ones to data/doc-NNN.ttl as a normal source, which ``isc-graph build`` validates.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import click

from ..errors import IscGraphError
from .common import handle_errors, log, open_store, project_of, store_option

KINDS_HELP = (
    "mandate, citation, engagement, action-line-role, contribution, thematic-area, "
    "composition, meeting-count"
)
_DOC_ID = re.compile(r"^doc-\d{3,}$")
# What a reviewer is shown of a chunk besides its passages: the statements, without the
# derivations (shown above them) and the review status.
_DERIVATIONS = re.compile(r"\s*prov:qualifiedDerivation\s+\[[^\]]*\](?:\s*,\s*\[[^\]]*\])*")
_STATUS = re.compile(r"\s*isc:reviewStatus\s+review:candidate\s*;")


def next_doc_id(data_dir: Path) -> str:
    """The next free doc-NNN after the highest of data/ (doc-005 after doc-004)."""
    numbers = [
        int(m.group(1))
        for p in (data_dir.glob("doc-*.ttl") if data_dir.is_dir() else [])
        if (m := re.fullmatch(r"doc-(\d+)", p.stem))
    ]
    return f"doc-{max(numbers, default=-1) + 1:03d}"


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().parent == folder.resolve()


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Review file to write (default: review/DOC-ID.ttl in the project).",
)
@click.option("--doc-id", metavar="doc-NNN", help="Id of the new source document "
              "(default: the next free one after data/'s).")  # fmt: skip
@click.option("--force", is_flag=True, help="Replace an existing review file.")
@store_option
@click.pass_context
@handle_errors
def extract(
    ctx: click.Context,
    file: Path,
    output: Path | None,
    doc_id: str | None,
    force: bool,
    store: str | None,
) -> None:
    """Read a new report (.txt, .docx, .pdf, .html) into candidate facts for review.

    Every candidate keeps its passage (locator and verbatim quote) and the text around it,
    and is marked isc:reviewStatus review:candidate; the file goes to review/, never data/.
    A summary per relation type is printed on standard error. Then run `isc-graph review`.
    """
    from ..extract.readers import read_document
    from ..extract.write import parse_review, render_review

    project = project_of(ctx)
    doc_id = doc_id or next_doc_id(project.data_dir)
    if not _DOC_ID.match(doc_id):
        raise IscGraphError(f"--doc-id {doc_id!r}: write it as doc-NNN (e.g. doc-005)")
    if (project.data_dir / f"{doc_id}.ttl").exists():
        raise IscGraphError(f"{doc_id} is taken: data/{doc_id}.ttl exists; choose another id")
    output = output or project.root / "review" / f"{doc_id}.ttl"
    if _inside(output, project.data_dir):
        raise IscGraphError(
            f"{output}: candidates are never written to data/; write them to review/ and "
            "accept them with `isc-graph review`"
        )
    if output.exists() and not force:
        raise IscGraphError(
            f"{output} exists (it may hold review edits): use --force to replace it"
        )
    document = read_document(file)
    candidates = _extract(ctx, store, document)
    text = render_review(document, candidates.found, doc_id, candidates.classes)
    parse_review(text, str(output))  # the file must parse before it is written
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise IscGraphError(f"{output}: cannot write: {exc.strerror}") from None
    counts = Counter(c.kind for c in candidates.found)
    log(f"Read {file}: {len(document.blocks)} blocks; {doc_id}: {document.title or '(no title)'}")
    for kind in sorted(counts):
        log(f"  {kind:<17} {counts[kind]:>4}")
    log(f"  {'total':<17} {sum(counts.values()):>4}")
    log(f"Wrote {output}: review it with `isc-graph review {output}`")


class _Found:
    def __init__(self, found: list[Any], classes: dict[str, Any]) -> None:
        self.found = found
        self.classes = classes


def _extract(ctx: click.Context, store: str | None, document: Any) -> _Found:
    from ..extract.extractors import extract_all
    from ..extract.index import EntityIndex

    index = EntityIndex.from_store(open_store(ctx, store))
    found = list(extract_all(document, index))
    ids: set[str] = set()
    for c in found:
        ids.add(c.subject)
        for value in c.facts.values():
            values = value if isinstance(value, list | tuple) else [value]
            ids.update(v for v in values if isinstance(v, str))
    classes = {i: entity.types for i in ids if i and (entity := index.get(i)) is not None}
    return _Found(found, classes)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--accept-all",
    is_flag=True,
    help="Accept every candidate (but those of --reject kinds), without asking.",
)
@click.option(
    "--accept",
    "accept_kinds",
    multiple=True,
    metavar="KIND",
    help=f"Accept every candidate of this kind, without asking (repeatable): {KINDS_HELP}.",
)
@click.option(
    "--reject",
    "reject_kinds",
    multiple=True,
    metavar="KIND",
    help="Reject every candidate of this kind, without asking (repeatable).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Data file to write (default: data/DOC-ID.ttl in the project).",
)
@click.option("--force", is_flag=True, help="Replace the data file if it exists.")
@click.pass_context
@handle_errors
def review(
    ctx: click.Context,
    file: Path,
    accept_all: bool,
    accept_kinds: tuple[str, ...],
    reject_kinds: tuple[str, ...],
    output: Path | None,
    force: bool,
) -> None:
    """Accept or reject extracted candidates; write the accepted ones to data/doc-NNN.ttl.

    Each candidate is shown with its passage and the text around it; answer a (accept),
    r (reject) or q (quit: stop asking, leave the rest out).
    --accept-all, --accept KIND and --reject KIND decide without asking; with both --accept
    and --reject, candidates of other kinds are still asked about, unless standard input is
    not a terminal, when they are rejected. The accepted facts carry no review status;
    `isc-graph build` then validates them with the rest of data/.
    """
    from ..extract.write import KINDS, accepted_turtle, parse_review

    for kind in (*accept_kinds, *reject_kinds):
        if kind not in KINDS:
            raise IscGraphError(f"unknown kind {kind!r}: use one of {KINDS_HELP}")
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise IscGraphError(f"{file}: cannot read: {exc.strerror}") from None
    review_file = parse_review(text, str(file))
    project = project_of(ctx)
    output = output or project.data_dir / f"{review_file.doc_id}.ttl"
    if output.exists() and not force:
        # Reviewed facts are not replaced by accident: asked before anything is reviewed.
        raise IscGraphError(
            f"{output} exists: review into another file with -o, or replace it with --force"
        )
    decided_only = accept_all or ((accept_kinds or reject_kinds) and not _interactive())
    accepted = []
    asking = not decided_only
    for chunk in review_file.candidates:
        if chunk.kind in reject_kinds:
            continue
        if accept_all or chunk.kind in accept_kinds:
            accepted.append(chunk)
        elif asking:
            answer = _ask(review_file, chunk)
            if answer == "a":
                accepted.append(chunk)
            elif answer == "q":
                asking = False
    data = accepted_turtle(review_file, accepted, str(output))
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise IscGraphError(f"{output}: cannot write: {exc.strerror}") from None
    counts = Counter(c.kind for c in accepted)
    total = Counter(c.kind for c in review_file.candidates)
    for kind in sorted(total):
        log(f"  {kind:<17} {counts[kind]:>4} of {total[kind]:>4} accepted")
    log(f"Wrote {output} ({len(accepted)} of {len(review_file.candidates)} candidates)")
    log("Run `isc-graph build` to validate and load them.")


def _interactive() -> bool:
    import sys

    return sys.stdin.isatty()


def _ask(review_file: Any, chunk: Any) -> str:
    from ..extract.write import chunk_passages

    click.echo(f"\n── candidate {chunk.number} of {len(review_file.candidates)}: {chunk.kind}")
    for passage in chunk_passages(review_file, chunk):
        click.echo(f"   {passage['locator']}")
        click.echo(f"   “{passage['quote']}”")
        context = passage["context"]
        if context and context != passage["quote"]:
            start = context.find(passage["quote"])
            if start >= 0:
                end = start + len(passage["quote"])
                shown = context[:start] + click.style(context[start:end], bold=True) + context[end:]
            else:
                shown = context
            click.echo(f"   in: {shown}")
    statements = _DERIVATIONS.sub("", _STATUS.sub("", chunk.text)).strip()
    statements = re.sub(r"\s*;\s*\.\s*$", " .", statements, flags=re.M)
    statements = [
        line
        for line in statements.splitlines()
        if line.strip() and not re.fullmatch(r"\S+ \.", line)
    ]
    click.echo("   " + "\n   ".join(statements))
    return click.prompt(
        "accept, reject or quit?",
        type=click.Choice(["a", "r", "q"]),
        show_choices=True,
        default="r",
        err=True,
    )
