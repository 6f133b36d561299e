"""Binding variables of a SPARQL query with ``VALUES`` blocks written into its text.

One mechanism serves every binding: the label language (:mod:`isc_graph.lang`), the
parameters of named queries and the entity that ``show`` describes
(:func:`isc_graph.queries.run_query`), and a remote endpoint's ``substitutions``
(:mod:`isc_graph.remote`). A ``VALUES`` block is standard SPARQL, so the same text runs on the
embedded store and on any endpoint, and Oxigraph's optimizer uses the value to choose its
plan: describing C2 with pyoxigraph's ``substitutions`` took 140 ms for a query that answers
in under 1 ms with the IRI in a block, because substituted values are joined in only after
the query was planned without them.

Where the block goes decides what sees the value:

* first in the query's top-level WHERE group, so that the OPTIONAL groups and filters after
  it see the value (a block at the end is joined after them: ``OPTIONAL { ?x skos:prefLabel
  ?l }`` would be matched for every ``?x`` first);
* at the end of that group when the query assigns the variable itself (``BIND (… AS ?v)``),
  which a BIND may not do to a variable already bound: the group's filters still see it;
* after the whole query (SPARQL's trailing ``VALUES`` clause) when it has no such group.

A nested group that is evaluated on its own (a subquery, a UNION branch, an OPTIONAL inside
another group) does not see a value bound at the top level: its answers are joined with the
value afterwards, so its filters do not see it, and a sub-select that uses the variable without
projecting it is not restricted by it at all. Every named query uses each of its parameters at
the top level or in a sub-select's projection (tests/test_bind.py checks it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["bind_values", "where_group"]

_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")


def _skip(text: str, i: int) -> int:
    """The index just past the comment, string or IRI starting at ``i``; ``i`` if none does."""
    ch = text[i]
    if ch == "#":
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if ch in "\"'":
        quote = text[i : i + 3] if text.startswith(ch * 3, i) else ch
        j = i + len(quote)
        while j < len(text):
            if text[j] == "\\":
                j += 2
            elif text.startswith(quote, j):
                return j + len(quote)
            else:
                j += 1
        return len(text)
    if ch == "<":
        m = _IRI.match(text, i)
        return m.end() if m else i
    return i


def where_group(text: str) -> tuple[int, int] | None:
    """Where the query's top-level WHERE group lies: the index just after its ``{`` and the
    index of its ``}``; None when the query has none (``DESCRIBE <iri>``, the short
    ``CONSTRUCT WHERE { … }`` whose group is a template) or its braces do not balance.

    Comments, strings and IRIs are skipped, so a ``# values: … WHERE { … }`` header or a
    brace in a literal is not taken for the group. The keyword WHERE may be left out before
    the group of a SELECT or ASK query.

    >>> q = 'SELECT ?x WHERE { ?x <urn:p> "}" OPTIONAL { ?x <urn:q> ?y } }'
    >>> start, end = where_group(q)
    >>> q[start:end]
    ' ?x <urn:p> "}" OPTIONAL { ?x <urn:q> ?y } '
    >>> where_group("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    (30, 40)
    >>> where_group("DESCRIBE <urn:x>") is None
    True
    """
    words: list[str] = []  # keywords at the top level, in order
    depth, start, i, groups = 0, -1, 0, 0  # groups: top-level groups closed so far
    while i < len(text):
        after = _skip(text, i)
        if after != i:
            i = after
            continue
        ch = text[i]
        if ch == "\\":  # an escape in a prefixed name (``isc:a\#b``)
            i += 2
            continue
        if ch in "?$":  # a variable: not a keyword
            m = _WORD.match(text, i + 1)
            i = m.end() if m else i + 1
            continue
        if depth == 0 and (m := _WORD.match(text, i)):
            words.append(m[0].upper())
            i = m.end()
            continue
        if ch == "{":
            if depth == 0:
                form = next((w for w in words if w in _FORMS), "")
                if words and words[-1] == "WHERE":
                    if form == "CONSTRUCT" and not groups:
                        return None  # CONSTRUCT WHERE { template }: no room for a block
                    start = i + 1
                elif form != "CONSTRUCT":
                    start = i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                if start >= 0:
                    return start, i
                groups += 1
        i += 1
    return None


def bind_values(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each variable of ``values`` (name → term written in SPARQL, such as
    ``"D.2"`` or ``<https://…/C2>``) bound by a ``VALUES`` block, placed as the module says.

    >>> bind_values('SELECT ?l WHERE { OPTIONAL { ?x <urn:p> ?l } }', {"x": "<urn:x>"})
    'SELECT ?l WHERE { VALUES ?x { <urn:x> } OPTIONAL { ?x <urn:p> ?l } }'
    >>> bind_values('SELECT ?x WHERE { BIND (<urn:x> AS ?x) }', {"x": "<urn:x>"})
    'SELECT ?x WHERE { BIND (<urn:x> AS ?x)  VALUES ?x { <urn:x> } }'
    >>> bind_values('DESCRIBE ?x', {"x": "<urn:x>"})
    'DESCRIBE ?x\\nVALUES (?x) { (<urn:x>) }'
    """
    if not values:
        return text
    group = where_group(text)
    if group is None:
        names = " ".join(f"?{name}" for name in values)
        return f"{text}\nVALUES ({names}) {{ ({' '.join(values.values())}) }}"
    assigned = {
        name
        for name in values
        if re.search(rf"\bAS\s+[?$]{re.escape(name)}\b", text, re.IGNORECASE)
    }
    first = " ".join(f"VALUES ?{n} {{ {t} }}" for n, t in values.items() if n not in assigned)
    last = " ".join(f"VALUES ?{n} {{ {t} }}" for n, t in values.items() if n in assigned)
    start, end = group
    if last:
        text = f"{text[:end]} {last} {text[end:]}"
    if first:
        text = f"{text[:start]} {first}{text[start:]}"
    return text
