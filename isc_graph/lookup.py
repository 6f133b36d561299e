"""Finding an entity by what a user types: an id in any case, a prefixed name, an IRI or a name.

An entity is found by, in this order: its full IRI; a prefixed name (``sp20:D.2-1``); its
``skos:notation`` (``C2``); its IRI's last segment (``C18-38`` for ``C18/38``); the notation
in any case (``bdt``); its ``skos:prefLabel`` or any ``skos:altLabel`` in any language, compared
case-insensitively with runs of white space made one (``telecommunication development
bureau``). The first step that finds exactly one entity answers; a step that finds several is an
error listing them. When nothing matches, the closest ids and names are suggested.

Suggestions use :mod:`difflib` from the standard library rather than a fuzzy-matching package
(rapidfuzz and the like): the graph has a couple of thousand ids and names, which difflib
ranks in milliseconds; its ratio suits the typos people make in short codes (``C22`` → ``C2``);
and the command keeps no extra compiled dependency and its quick start (see
:mod:`isc_graph.cli`). The named queries' value checks use it too.

Every id and name is read with one SPARQL query, which runs the same on the embedded store and
on a remote endpoint (:class:`isc_graph.remote.RemoteStore`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from .errors import QueryError
from .lang import default_language
from .namespaces import PREFIXES, short_id
from .queries import natural_key, run_query

__all__ = ["Entity", "Names", "normalise", "read_names", "resolve"]

_NAMES = """
SELECT ?s ?kind ?text WHERE {
  { ?s skos:notation ?text BIND ("id" AS ?kind) }
  UNION { ?s skos:prefLabel ?text BIND ("label" AS ?kind) }
  UNION { ?s skos:altLabel ?text BIND ("alt" AS ?kind) }
  FILTER (isIRI(?s))
}"""

_SPACE = re.compile(r"\s+")

# An id typed exactly, the usual case (``show C2``), is found with an index look-up; the graph
# is read whole (_NAMES) only when that finds no entity or several, or when some notation is
# not a plain string (the look-up would miss ``"C2"^^…``, which reading every name finds).
_BY_NOTATION = "SELECT DISTINCT ?s WHERE { ?s skos:notation ?text FILTER (isIRI(?s)) }"
_OTHER_NOTATIONS = "ASK { ?s skos:notation ?n FILTER (isIRI(?s) && DATATYPE(?n) != xsd:string) }"


def normalise(text: str) -> str:
    """``text`` case-folded, with runs of white space made one space.

    >>> normalise("  Telecommunication   Development\\nBureau ")
    'telecommunication development bureau'
    """
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass
class Entity:
    """An entity's ids and names, as read from the graph."""

    iri: str
    ids: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # language ('' if none) -> label
    alt_labels: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return min(self.ids, key=natural_key) if self.ids else short_id(self.iri)

    def label(self, lang: str | None = None) -> str:
        """The name in ``lang`` (default: the chosen language), else English, else any."""
        for key in (lang or default_language(), "en", ""):
            if key in self.labels:
                return self.labels[key]
        return next(iter(sorted(self.labels.items())), ("", ""))[1]

    def __str__(self) -> str:
        """``BDT (Telecommunication Development Bureau)``."""
        label = self.label()
        return f"{self.id} ({label})" if label and label != self.id else self.id


class Names:
    """Every entity's ids and names, with the ways of finding them."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = entities

    def _find(self, match) -> list[Entity]:
        return sorted(
            (e for e in self.entities.values() if match(e)), key=lambda e: natural_key(e.id)
        )

    def by_id(self, text: str) -> list[Entity]:
        """Entities whose notation is ``text`` exactly."""
        return self._find(lambda e: text in e.ids)

    def by_segment(self, text: str, fold: bool = False) -> list[Entity]:
        """Entities of this graph whose IRI ends in ``/text`` (``C18-38`` for ``C18/38``)."""
        base = PREFIXES[""]
        want = text.casefold() if fold else text

        def match(e: Entity) -> bool:
            if not (e.iri.startswith(base) and e.ids):
                return False
            last = e.iri.rsplit("/", 1)[-1]
            return (last.casefold() if fold else last) == want

        return self._find(match)

    def by_id_any_case(self, text: str) -> list[Entity]:
        """Entities whose notation is ``text`` in any case."""
        want = text.casefold()
        return self._find(lambda e: any(i.casefold() == want for i in e.ids))

    def by_name(self, text: str) -> list[Entity]:
        """Entities with ``text`` as a prefLabel or altLabel (case and spacing aside)."""
        want = normalise(text)
        return self._find(
            lambda e: any(normalise(n) == want for n in [*e.labels.values(), *e.alt_labels])
        )

    def find(self, text: str) -> list[Entity]:
        """The entities the first matching way of finding finds (several: ambiguous)."""
        for step in (
            self.by_id,
            self.by_segment,
            self.by_id_any_case,
            lambda t: self.by_segment(t, fold=True),
            self.by_name,
        ):
            found = step(text)
            if found:
                return found
        return []

    def closest(self, text: str, n: int = 3) -> list[Entity]:
        """The entities whose id or a name is closest to ``text`` (difflib's ratio ≥ 0.6)."""
        keys: dict[str, list[Entity]] = {}
        for e in self.entities.values():
            for name in {*e.ids, *e.labels.values(), *e.alt_labels}:
                keys.setdefault(normalise(name), []).append(e)
        import difflib  # only on a miss: a found id or name never needs it

        found: list[Entity] = []
        for key in difflib.get_close_matches(normalise(text), list(keys), n=n * 2, cutoff=0.6):
            for e in keys[key]:
                if e not in found:
                    found.append(e)
        return found[:n]


def read_names(store: ox.Store) -> Names:
    """Every notation, prefLabel and altLabel of the graph, read with one query."""
    entities: dict[str, Entity] = {}
    for sol in run_query(store, _NAMES, name="lookup"):
        iri, text = sol["s"].value, sol["text"]
        e = entities.setdefault(iri, Entity(iri))
        kind = sol["kind"].value
        if kind == "id":
            if text.value not in e.ids:
                e.ids.append(text.value)
        elif kind == "label":
            lang = getattr(text, "language", None) or ""
            # One label per language; several in one language (data error) keep the first
            # in code-point order, so that the choice is the same from run to run.
            if lang not in e.labels or text.value < e.labels[lang]:
                e.labels[lang] = text.value
        elif text.value not in e.alt_labels:
            e.alt_labels.append(text.value)
    return Names(entities)


def resolve(store: ox.Store, text: str) -> str:
    """The IRI of the entity ``text`` names: an IRI, a prefixed name, an id or a name.

    Raises QueryError when no entity or several match; the first suggests the closest ids
    and names, the second lists the entities.
    """
    ident = text.strip()
    if ident.startswith(("http://", "https://", "urn:")):
        return ident
    prefix, sep, local = ident.partition(":")
    if sep and prefix in PREFIXES and local and " " not in ident:
        return PREFIXES[prefix] + local
    by_id = [r["s"].value for r in run_query(store, _BY_NOTATION, {"text": ox.Literal(ident)})]
    if len(by_id) == 1 and not run_query(store, _OTHER_NOTATIONS):
        return by_id[0]  # what names.find would answer: its first step finds just this one
    names = read_names(store)
    found = names.find(ident)
    if len(found) == 1:
        return found[0].iri
    if found:
        listed = ", ".join(str(e) for e in found)
        raise QueryError(f"'{ident}' names several entities: {listed}; give one of these ids")
    close = names.closest(ident)
    if close:
        raise QueryError(f"no entity '{ident}'; did you mean {', '.join(str(e) for e in close)}?")
    raise QueryError(
        f"no entity '{ident}': give an id such as C2, D.2-1, BDT or Res191, "
        "a name or an alternative name"
    )
