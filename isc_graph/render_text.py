"""Plain-text renderings of ``show`` and ``stats`` for the terminal."""

from __future__ import annotations

import textwrap

from .describe import Description, Link
from .results import format_table
from .stats import Stats

__all__ = ["description_text", "stats_text"]


def _value(link: Link) -> str:
    if link.other_label and link.other_label != link.other:
        return f"{link.other}  {link.other_label}"
    return link.other


def _links(title: str, links: list[Link]) -> list[str]:
    if not links:
        return []
    lines = ["", title]
    width = max(len(x.predicate) for x in links)
    for x in links:
        lines.append(f"  {x.predicate.ljust(width)}  {_value(x)}".rstrip())
        for prop, value in x.node:
            lines.append(f"  {'':{width}}    {prop}: {value}")
        for s in x.sources:
            lines.extend(_source_lines(s, indent=f"  {'':{width}}    "))
    return lines


def _source_lines(source, indent: str) -> list[str]:
    head = f"{indent}source: {source.document}, {source.locator}"
    if not source.quote:  # a reference text is cited by article, not quoted
        return [head]
    quote = textwrap.fill(
        f'"{source.quote}"',
        width=100,
        initial_indent=indent + "  ",
        subsequent_indent=indent + "   ",
    )
    return [head, quote]


def description_text(d: Description) -> str:
    """The terminal view of one entity."""
    # The name first, for people; the short id beside it, for commands and queries.
    head = f"{d.label} ({d.id})" if d.label and d.label != d.id else d.id
    lines = [head, f"IRI    {d.iri}", f"Types  {', '.join(d.types)}"]
    lines += _links("Facts", d.outgoing)
    lines += _links("Referenced by", d.incoming)
    if d.sources:
        lines += ["", "Sources"]
        for s in d.sources:
            lines.extend(_source_lines(s, indent="  "))
    return "\n".join(lines) + "\n"


def stats_text(s: Stats) -> str:
    """The terminal view of the counts."""
    parts = [f"Triples: {s.triples}\n", "\nTriples per graph\n"]
    parts.append(format_table(["graph", "triples"], [[g, str(n)] for g, n in s.graphs]))
    parts.append("\nEntities per class\n")
    parts.append(format_table(["class", "entities"], [[c, str(n)] for c, n in s.classes]))
    parts.append("\nFacts per source document\n")
    parts.append(
        format_table(
            ["document", "facts", "passages", "title"],
            [[d, str(f), str(p), t] for d, t, f, p in s.documents],
        )
    )
    return "".join(parts)
