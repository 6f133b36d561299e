"""Write any :class:`~isc_graph.diff.model.DiffReport` as text, Markdown, HTML, JSON or CSV.

Every comparison (revisions of a resolution, thematic-area lists, versions of the graph) gives
the same shape, so one renderer per format serves them all and the formats cannot drift apart.

A cell holds a string, a number, None (empty) or a list of strings. A changed passage is
written inline as a word-level diff, ``[-removed words-]{+added words+}`` (the notation of
``git diff --word-diff``, readable as it is in a terminal, a CSV or Markdown); HTML shows it
as ``<del>``/``<ins>``. :func:`word_diff` writes that notation.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from html import escape
from typing import Any

from ..errors import IscGraphError
from ..results import format_table
from .model import DiffReport, Section

__all__ = ["FORMATS", "render", "word_diff"]

FORMATS = ("text", "md", "html", "json", "csv")
LIST_SEPARATOR = "; "
_DELETED = re.compile(r"\[-(.*?)-\]", re.DOTALL)
_INSERTED = re.compile(r"\{\+(.*?)\+\}", re.DOTALL)
_WORDS = re.compile(r"\S+")


def word_diff(old: str, new: str) -> str:
    """``new`` with the words that differ from ``old`` marked ``[-old-]{+new+}``.

    Words are compared, not characters, so that a changed passage reads as a sentence;
    runs of white space count as one space.

    >>> word_diff("ITU should continue its role", "ITU shall continue its leading role")
    'ITU [-should-]{+shall+} continue its {+leading+} role'
    >>> word_diff("same", "same")
    'same'
    """
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(a[i1:i2]))
            continue
        removed = "[-" + " ".join(a[i1:i2]) + "-]" if op in ("replace", "delete") else ""
        added = "{+" + " ".join(b[j1:j2]) + "+}" if op in ("replace", "insert") else ""
        out.append(removed + added)
    return " ".join(out)


def render(report: DiffReport, fmt: str = "text", *, wide: bool = False) -> str:
    """``report`` in ``fmt``: ``text`` (the default), ``md``, ``html``, ``json`` or ``csv``.

    ``wide`` keeps long cells of the text tables whole (see
    :func:`isc_graph.results.format_table`); the other formats never cut a cell.
    """
    writers = {"text": _text, "md": _markdown, "html": _html, "json": _json, "csv": _csv}
    if fmt not in writers:
        raise IscGraphError(f"a comparison is written as {', '.join(FORMATS)}, not {fmt}")
    if fmt == "text":
        return _text(report, wide=wide)
    return writers[fmt](report)


def _plain(value: Any, separator: str = LIST_SEPARATOR) -> str:
    """A cell as one string: empty for None, a list joined by ``separator``."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return separator.join(str(v) for v in value)
    return str(value)


# --- text -------------------------------------------------------------------------------


def _text(report: DiffReport, *, wide: bool = False) -> str:
    out = [report.title, "=" * len(report.title), ""]
    if report.summary:
        out += [*report.summary, ""]
    for section in report.sections:
        out += [section.title, "-" * len(section.title)]
        if section.note:
            out.append(section.note)
        if section.rows:
            rows = [[_plain(row.get(c)) for c in section.columns] for row in section.rows]
            out.append(format_table(section.columns, rows, wide=wide).rstrip("\n"))
        else:
            out.append("(none)")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- Markdown ---------------------------------------------------------------------------


def _md(value: Any) -> str:
    """A Markdown table cell: pipes escaped, HTML neutralised, one line (lists on <br>)."""
    text = _plain(value, "\n").replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<br>".join(line.strip() for line in text.splitlines()) if "\n" in text else text


def _markdown(report: DiffReport) -> str:
    out = [f"# {_md(report.title)}", ""]
    if report.summary:
        out += [f"- {_md(line)}" for line in report.summary] + [""]
    for section in report.sections:
        out += [f"## {_md(section.title)}", ""]
        if section.note:
            out += [_md(section.note), ""]
        if not section.rows:
            out += ["(none)", ""]
            continue
        out.append("| " + " | ".join(_md(c) for c in section.columns) + " |")
        out.append("|" + "---|" * len(section.columns))
        out += [
            "| " + " | ".join(_md(row.get(c)) for c in section.columns) + " |"
            for row in section.rows
        ]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML -------------------------------------------------------------------------------

_CSS = """
body { font-family: Helvetica, Arial, sans-serif; max-width: 75rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; line-height: 1.4; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid #0072B2;
     padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
del { background: #fde2e2; color: #8a1c1c; } ins { background: #dcf5e3; color: #0b5a2a;
     text-decoration: none; }
.note, .empty { font-size: .9rem; color: #555; }
@media print { body { max-width: none; margin: 0; } tr { break-inside: avoid; } }
"""


def _html_cell(value: Any) -> str:
    """A cell escaped, its word-level diff marked up, a list one item per line."""
    items = value if isinstance(value, (list, tuple)) else [value]
    parts = []
    for item in items:
        text = escape(_plain(item))  # escape first: the markers below hold no HTML
        text = _DELETED.sub(r"<del>\1</del>", text)
        parts.append(_INSERTED.sub(r"<ins>\1</ins>", text))
    return "<br>".join(parts)


def _html_section(section: Section) -> str:
    parts = [f"<h2>{escape(section.title)}</h2>"]
    if section.note:
        parts.append(f'<p class="note">{escape(section.note)}</p>')
    if not section.rows:
        parts.append('<p class="empty">(none)</p>')
        return "\n".join(parts)
    head = "".join(f"<th>{escape(c)}</th>" for c in section.columns)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{_html_cell(row.get(c))}</td>" for c in section.columns) + "</tr>"
        for row in section.rows
    )
    parts.append(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")
    return "\n".join(parts)


def _html(report: DiffReport) -> str:
    summary = "".join(f"<li>{escape(line)}</li>" for line in report.summary)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(report.title)}</title>",
            f"<style>{_CSS}</style></head><body>",
            f"<h1>{escape(report.title)}</h1>",
            f"<ul>{summary}</ul>" if summary else "",
            *(_html_section(s) for s in report.sections),
            "</body></html>",
            "",
        ]
    )


# --- JSON and CSV -----------------------------------------------------------------------


def _json(report: DiffReport) -> str:
    """The report as one JSON object; keys in a fixed order, rows in their columns' order."""
    sections = [
        {
            "title": s.title,
            "note": s.note,
            "columns": s.columns,
            "rows": [{**{c: row.get(c) for c in s.columns}, **row} for row in s.rows],
        }
        for s in report.sections
    ]
    document = {
        "kind": report.kind,
        "title": report.title,
        "summary": report.summary,
        "sections": sections,
        "data": report.data,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _csv(report: DiffReport) -> str:
    """One row per row of every section, the section's title first; the union of columns."""
    columns: list[str] = []
    for section in report.sections:
        columns += [c for c in section.columns if c not in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", *columns])
    for section in report.sections:
        for row in section.rows:
            writer.writerow([section.title, *(_plain(row.get(c)) for c in columns)])
    return out.getvalue()
