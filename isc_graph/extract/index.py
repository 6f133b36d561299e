"""Names the graph already knows, so that extracted facts point at existing entities.

A report names an entity in many ways ("BDT", "the Telecommunication Development Bureau",
"the BDT Director", "the Directors of the BR, TSB and BDT"). Candidates are only useful for
review if they use the graph's ids wherever the entity exists, and say plainly when it does
not: every lookup here returns an :class:`Entity` or ``None``, never a guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

__all__ = ["ID_BASE", "SDG_BASE", "Entity", "EntityIndex", "normalise_name", "short_id"]

ID_BASE = "https://w3id.org/isc-graph/id/"
SDG_BASE = "http://metadata.un.org/sdg/"
ISC = "https://w3id.org/isc-graph/ontology#"

_ARTICLES = re.compile(r"\b(?:the|an?)\b", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_POSSESSIVE_ITU = re.compile(r"^\s*(?:the\s+)?ITU[’']s\s+", re.IGNORECASE)


def normalise_name(name: str) -> str:
    """The key names are compared by: case, articles, spaces and punctuation ignored.

    Removing spaces and hyphens together makes "Secretary-General" equal "Secretary
    General" and "Inter-sectoral" equal "Intersectoral", spellings the reports mix.
    """
    text = _POSSESSIVE_ITU.sub("", name.replace("&", " and "))
    text = _ARTICLES.sub(" ", text.lower())
    return _NOT_ALNUM.sub("", text)


def short_id(iri: str) -> str:
    """The id candidates use: the IRI after the project's id base ("BDT",
    "sp2020-2023/D.2-1"), ``sdg:5`` for a UN SDG IRI, else the IRI itself."""
    if iri.startswith(ID_BASE):
        return iri[len(ID_BASE) :]
    if iri.startswith(SDG_BASE):
        return "sdg:" + iri[len(SDG_BASE) :]
    return iri


@dataclass(frozen=True)
class Entity:
    """One entity of the graph as the extractors need it."""

    iri: str
    id: str
    notation: str
    label: str
    types: frozenset[str] = frozenset()  # local names: "Bureau", "Revision", "Post" …

    def is_a(self, *types: str) -> bool:
        return bool(self.types.intersection(types))


@dataclass(frozen=True)
class Instrument:
    """A resolution or decision as the graph records it: its number, body and revisions."""

    entity: Entity
    number: str
    body: str | None  # short id of the body (PP, Council, WTSA …)
    revisions: dict[str, str] = field(default_factory=dict)  # year -> revision id


_ENTITIES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?x ?n ?l ?t WHERE {
  ?x skos:notation ?n .
  OPTIONAL { ?x skos:prefLabel ?l FILTER(LANG(?l) = "en" || LANG(?l) = "") }
  OPTIONAL { ?x a ?t }
}"""

_FACTS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX isc: <https://w3id.org/isc-graph/ontology#>
SELECT ?x ?p ?o WHERE {
  VALUES ?p { skos:altLabel isc:headOf isc:number isc:body isc:revisionOf isc:year
              isc:place isc:adoptedAt }
  ?x ?p ?o .
  FILTER(!isLiteral(?o) || LANG(?o) = "" || LANG(?o) = "en")
}"""


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


class EntityIndex:
    """Lookups by notation, by name and by the phrases reports use for posts, groups of
    units and instruments."""

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        self.by_id: dict[str, Entity] = {}
        self._notation: dict[str, list[Entity]] = defaultdict(list)
        self._label: dict[str, list[Entity]] = defaultdict(list)
        self.head_of: dict[str, str] = {}  # unit id -> id of the post heading it
        self.instruments: list[Instrument] = []
        self.conferences: dict[str, dict[str, str]] = {}  # id -> {"body", "year", "place"}
        for entity in entities:
            self.add(entity)

    # -- building -----------------------------------------------------------------------

    def add(self, entity: Entity, *alt_labels: str) -> None:
        """Index ``entity`` by its notation, its label and any alternative labels."""
        if entity.id not in self.by_id:
            self.by_id[entity.id] = entity
            for key in {entity.notation.casefold(), entity.id.casefold()}:
                self._notation[key].append(entity)
        for name in (entity.label, *alt_labels):
            key = normalise_name(name)
            if key and entity not in self._label[key]:
                self._label[key].append(entity)

    @classmethod
    def from_store(cls, store: ox.Store) -> EntityIndex:
        """Read every entity with a ``skos:notation`` (union of all graphs) and the few
        links the matching needs: alternative labels, which post heads which unit, the
        number, body and revisions of each instrument, the year and place of conferences."""
        types: dict[str, set[str]] = defaultdict(set)
        first: dict[str, tuple[str, str]] = {}
        for row in store.query(_ENTITIES, use_default_graph_as_union=True):
            iri, notation = row["x"].value, row["n"].value
            label = row["l"].value if row["l"] is not None else ""
            if row["t"] is not None:
                types[iri].add(_local(row["t"].value))
            old = first.get(iri)
            if old is None or (not old[1] and label):
                first[iri] = (notation, label)
        index = cls()
        for iri, (notation, label) in first.items():
            index.add(
                Entity(iri, short_id(iri), notation, label or notation, frozenset(types[iri]))
            )
        links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for row in store.query(_FACTS, use_default_graph_as_union=True):
            iri, pred = row["x"].value, _local(row["p"].value)
            links[iri][pred].append(row["o"].value)
        index._link(links)
        return index

    def _link(self, links: dict[str, dict[str, list[str]]]) -> None:
        for iri, props in links.items():
            entity = self.by_id.get(short_id(iri))
            if entity is None:
                continue
            if props.get("altLabel"):
                self.add(entity, *props["altLabel"])
            for unit in props.get("headOf", []):
                self.head_of[short_id(unit)] = entity.id
            if entity.is_a("Conference"):
                body = props.get("body", [None])[0]
                self.conferences[entity.id] = {
                    "body": short_id(body) if body else "",
                    "year": (props.get("year") or [""])[0][:4],
                    "place": " ".join(props.get("place", [])),
                }
        works: dict[str, Instrument] = {}
        for iri, props in links.items():
            entity = self.by_id.get(short_id(iri))
            if entity is not None and entity.is_a("Resolution", "Decision"):
                body = props.get("body", [None])[0]
                works[entity.id] = Instrument(
                    entity, (props.get("number") or [""])[0], short_id(body) if body else None
                )
        for iri, props in links.items():
            for work in props.get("revisionOf", []):
                target = works.get(short_id(work))
                year = (props.get("year") or [""])[0][:4]
                if target is not None and year:
                    target.revisions[year] = short_id(iri)
        self.instruments = list(works.values())

    # -- lookups ------------------------------------------------------------------------

    def get(self, entity_id: str) -> Entity | None:
        return self.by_id.get(entity_id)

    def by_notation(self, notation: str) -> Entity | None:
        """Exact notation (or short id), ignoring case; ``None`` when none or several match."""
        found = self._notation.get(notation.strip().casefold(), [])
        return found[0] if len(found) == 1 else None

    def by_label(self, name: str, *types: str) -> Entity | None:
        """A label or alternative label equal to ``name`` once normalised; with ``types``,
        only entities of those types. ``None`` when none or several entities match."""
        found = self._label.get(normalise_name(name), [])
        if types:
            found = [e for e in found if e.is_a(*types)]
        return found[0] if len(found) == 1 else None

    def labelled(self, name: str) -> list[Entity]:
        """Every entity whose label or alternative label equals ``name`` once normalised."""
        return list(self._label.get(normalise_name(name), []))

    def find(self, name: str, *types: str) -> Entity | None:
        """The entity a printed name means, or ``None``.

        Tries the notation, then the labels, then the forms reports use for posts
        ("the Director of BDT", "the BDT Director", "ITU's Deputy Secretary-General").
        """
        text = re.sub(r"\s+", " ", name).strip(" ,;:.()")
        text = re.sub(r"^(?:the|an?)\s+", "", text, flags=re.IGNORECASE)
        if not text:
            return None
        for candidate in (text, re.sub(r"\s*\([^)]*\)$", "", text)):
            hit = self.by_notation(candidate)
            if hit is not None and (not types or hit.is_a(*types)):
                return hit
            hit = self.by_label(candidate, *types)
            if hit is not None:
                return hit
        acronym = re.search(r"\(([A-Z][A-Za-z0-9-]+)\)$", text)
        if acronym:
            hit = self.by_notation(acronym.group(1))
            if hit is not None and (not types or hit.is_a(*types)):
                return hit
        posts = self.posts(text)
        if len(posts) == 1 and (not types or posts[0].is_a(*types)):
            return posts[0]
        return None

    def head(self, unit_name: str) -> Entity | None:
        """The post heading the unit ``unit_name`` names, if the graph has one."""
        unit = self.find(unit_name)
        if unit is None:
            return None
        post = self.head_of.get(unit.id)
        return self.by_id.get(post) if post else None

    def units_of_type(self, *types: str) -> list[Entity]:
        return [e for e in self.by_id.values() if e.is_a(*types)]

    def posts(self, phrase: str) -> list[Entity]:
        """Posts a phrase names: "Director of BDT", "BDT Director", "the Directors of the
        BR, TSB and BDT", "the Directors of the (three) Bureaux". Empty when the phrase is
        not of that form or a unit has no head in the graph."""
        text = re.sub(r"^(?:the|an?)\s+", "", phrase.strip(), flags=re.IGNORECASE)
        m = re.match(r"(?i)(?:Directors?|Heads?|Chiefs?)\s+of\s+(?:the\s+)?(.+)$", text)
        if m is None:
            m = re.match(r"(?P<unit>[A-Z][A-Za-z-]+)\s+(?:Directors?|Heads?|Chief)$", text)
            names = [m.group("unit")] if m else []
        else:
            rest = m.group(1).strip()
            if re.fullmatch(r"(?i)(?:three\s+|two\s+)?Bureaux", rest):
                return [
                    p
                    for u in sorted(self.units_of_type("Bureau"), key=lambda e: e.id)
                    if (p := self.by_id.get(self.head_of.get(u.id, ""))) is not None
                ]
            names = split_names(rest)
        found = []
        for unit_name in names:
            post = self.head(unit_name)
            if post is None:
                return []
            found.append(post)
        return found

    def addressees(self, phrase: str) -> list[tuple[str, Entity | None]]:
        """Split a list of actors ("the Secretary-General and the Directors of the BR, TSB
        and BDT and ISC TF") into (printed name, entity or None) pairs.

        A name that holds "and" ("Strategic Planning and Membership Department") is kept
        whole when the whole is a known name; "Directors of" distributes over the units
        that follow it as long as they have a head.
        """
        phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:")
        whole = self.find(phrase)
        if whole is not None:
            return [(phrase, whole)]
        posts = self.posts(phrase)
        if posts:
            return [(p.label, p) for p in posts]
        parts = split_names(phrase)
        out: list[tuple[str, Entity | None]] = []
        distributing = False
        i = 0
        while i < len(parts):
            # Prefer the longest run of parts that is one known name.
            for j in range(len(parts), i + 1, -1):
                joined = " and ".join(parts[i:j])
                hit = self.find(joined)
                if hit is not None:
                    out.append((joined, hit))
                    i = j
                    break
            else:
                part = parts[i]
                many = self.posts(part)
                if re.match(r"(?i)(?:the\s+)?(?:Directors?|Heads?|Chiefs?)\s+of\b", part):
                    distributing = True
                    if many:
                        out.extend((p.label, p) for p in many)
                    else:
                        out.append((part, None))
                elif distributing and (post := self.head(part)) is not None:
                    out.append((post.label, post))
                else:
                    distributing = False
                    out.append((part, self.find(part)))
                i += 1
        return out

    # -- instruments --------------------------------------------------------------------

    def instrument(
        self, number: str, body: str | None, decision: bool = False
    ) -> Instrument | None:
        """The graph's resolution (or decision) numbered ``number`` of ``body``; with no body
        printed, the only instrument of that number, else the PP's."""
        kind = "Decision" if decision else "Resolution"
        same = [w for w in self.instruments if w.number == number and w.entity.is_a(kind)]
        if body is not None:
            exact = [w for w in same if w.body == body]
            if exact:
                return exact[0]
            unbodied = [w for w in same if w.body is None]
            return unbodied[0] if body == "PP" and len(unbodied) == 1 else None
        if len(same) == 1:
            return same[0]
        pp = [w for w in same if w.body in ("PP", None)]
        return pp[0] if len(pp) == 1 else None

    def conference(
        self, body: str | None, year: str | None, place: str | None = None
    ) -> Entity | None:
        """The session of ``body`` held in ``year`` (or at ``place``) the graph records."""
        hits = []
        for conf_id, info in self.conferences.items():
            if body and info["body"] and info["body"] != body:
                continue
            if year and info["year"] != year:
                continue
            if (
                place
                and info["place"]
                and normalise_name(place) not in normalise_name(info["place"])
            ):
                continue
            if not year and not place:
                continue
            hits.append(conf_id)
        return self.by_id[hits[0]] if len(hits) == 1 else None


_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*")


def split_names(text: str) -> list[str]:
    """ "A, B and C" -> ["A", "B", "C"]; empty parts dropped."""
    return [p.strip(" ,;") for p in _SPLIT.split(text) if p and p.strip(" ,;")]
