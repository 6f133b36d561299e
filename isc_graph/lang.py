"""The language of labels: English by default, French or Spanish where the graph has them.

The UN's SDG data labels goals, targets and indicators in English, French and Spanish (one
``skos:prefLabel`` per language, as SKOS has it); every other entity is labelled in English.
A query that prints labels picks the label in the chosen language and falls back to English:

.. code-block:: sparql

    OPTIONAL { ?x skos:prefLabel ?x_pref FILTER (LANG(?x_pref) = ?lang) }
    OPTIONAL { ?x skos:prefLabel ?x_en FILTER (LANGMATCHES(LANG(?x_en), "en")) }
    BIND (STR(COALESCE(?x_pref, ?x_en)) AS ?x_label)

``?lang`` is bound by :func:`bind_language`, which puts ``VALUES ?lang { "fr" }`` first in
the query's WHERE group, as every parameter is bound (:mod:`isc_graph.bind`): first, so that
the filters inside the OPTIONAL groups that follow see it (a VALUES block at the end of a
group is joined after them). Only the OPTIONALs of the top-level group see it: a UNION
branch, an OPTIONAL nested in another group and a subquery are evaluated on their own, where
``?lang`` is unbound and the filter fails, so write the label pattern at the top level of the
query. Plain text insertion is enough because the block only adds a binding; it works the
same on the embedded store and on a remote endpoint.
"""

from __future__ import annotations

import os
import re

from .bind import bind_values

__all__ = ["LANGUAGES", "bind_language", "check_language", "default_language", "label_pattern"]

LANGUAGES = ("en", "fr", "es")
ENV = "ISC_GRAPH_LANG"

_USES_LANG = re.compile(r"[?$]lang\b")


def check_language(lang: str) -> str:
    """``lang`` lower-cased, or ValueError naming the languages there are."""
    value = lang.strip().lower()
    if value not in LANGUAGES:
        raise ValueError(
            f"no labels in language '{lang}': choose one of {', '.join(LANGUAGES)} "
            "(the SDG labels come in English, French and Spanish; the rest in English)"
        )
    return value


def default_language() -> str:
    """The language set by ``$ISC_GRAPH_LANG``, else English."""
    return check_language(os.environ.get(ENV, "") or "en")


def bind_language(text: str, lang: str | None = None) -> str:
    """``text`` with ``?lang`` bound to ``lang`` (default: :func:`default_language`).

    A query that does not mention ``?lang`` is returned unchanged. The block is written by
    :func:`isc_graph.bind.bind_values`, which binds the named queries' parameters too.

    >>> q = 'SELECT ?l WHERE { ?x skos:prefLabel ?l FILTER (LANG(?l) = ?lang) }'
    >>> bind_language(q, "fr")
    'SELECT ?l WHERE { VALUES ?lang { "fr" } ?x skos:prefLabel ?l FILTER (LANG(?l) = ?lang) }'
    >>> bind_language("SELECT * WHERE { ?s ?p ?o }", "fr")
    'SELECT * WHERE { ?s ?p ?o }'
    >>> bind_language('# values: x: SELECT ?v WHERE { ?v a ?c }\\nSELECT ?lang WHERE {}', "es")
    '# values: x: SELECT ?v WHERE { ?v a ?c }\\nSELECT ?lang WHERE { VALUES ?lang { "es" }}'
    """
    if not _USES_LANG.search(text):
        return text
    chosen = check_language(lang) if lang else default_language()
    return bind_values(text, {"lang": f'"{chosen}"'})


def label_pattern(
    node: str, out: str, prop: str = "skos:prefLabel", *, nested: bool = False
) -> str:
    """The SPARQL that binds ``?out`` to ``node``'s label in the language ``?lang`` (bound by
    :func:`bind_language`), else in English or untagged.

    ``nested``: for a pattern inside an OPTIONAL group, where the top-level ``?lang`` is not
    in scope (the group is evaluated on its own), so the label is the English one. Leaving
    the filter on ``?lang`` out there gives the same answer by the standard, and Virtuoso
    7.2, which drops the whole OPTIONAL group otherwise, gives it too.

    Examples
    --------
    >>> print(label_pattern("?x", "l"))  # doctest: +NORMALIZE_WHITESPACE
    OPTIONAL { ?x skos:prefLabel ?l_in FILTER (LANG(?l_in) = ?lang) }
    OPTIONAL { ?x skos:prefLabel ?l_en FILTER (LANGMATCHES(LANG(?l_en), "en") || LANG(?l_en) = "") }
    BIND (STR(COALESCE(?l_in, ?l_en)) AS ?l)
    >>> print(label_pattern("?x", "l", nested=True))  # doctest: +NORMALIZE_WHITESPACE
    OPTIONAL { ?x skos:prefLabel ?l_en FILTER (LANGMATCHES(LANG(?l_en), "en") || LANG(?l_en) = "") }
    BIND (STR(?l_en) AS ?l)
    """
    english = (
        f"OPTIONAL {{ {node} {prop} ?{out}_en "
        f'FILTER (LANGMATCHES(LANG(?{out}_en), "en") || LANG(?{out}_en) = "") }}\n'
    )
    if nested:
        return english + f"BIND (STR(?{out}_en) AS ?{out})"
    return (
        f"OPTIONAL {{ {node} {prop} ?{out}_in FILTER (LANG(?{out}_in) = ?lang) }}\n"
        + english
        + f"BIND (STR(COALESCE(?{out}_in, ?{out}_en)) AS ?{out})"
    )
