#!/usr/bin/env python3
"""Derive ``data/un-sdg-kos.ttl`` from the UN SDG Knowledge Organization System.

Usage::

    python scripts/derive_sdg_data.py path/to/un-sdg-kos -o data/un-sdg-kos.ttl

``path/to/un-sdg-kos`` is a folder holding the UN's ``sdg-kos-goals-targets-indicators.ttl``
and ``void.ttl`` (http://metadata.un.org/sdg). The derived file is committed so that the
project works without the UN's files; this script is how it was made and how to remake it.

What is kept, for the 17 goals, the 169 targets and the indicators: the UN's class
(sdgo:Goal, sdgo:Target, sdgo:Indicator), the English, French and Spanish skos:prefLabel
and skos:altLabel, the English skos:note, one skos:notation (the compact code: "5", "5.b",
"5.b.1"), the permanent indicator code as dcterms:identifier ("C050b01"), the hierarchy
(skos:broader, sdgo:isTargetOf, sdgo:isIndicatorOf and the inverses sdgo:hasTarget,
sdgo:hasIndicator), skos:inScheme,
sdgo:custodianAgency and sdgo:tier. The dataset is described, with the UN's citation, on
``:un-sdg-kos`` (an isc:SourceDocument), and every indicator whose custodian agencies
include ITU gets an isc:Engagement (ITU, role custodian) sourced to that description.

The output is deterministic: subjects, predicates and objects are written in a fixed order,
so that regenerating from the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD
from rdflib.term import Node

SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
ISC = Namespace("https://w3id.org/isc-graph/ontology#")
ID = Namespace("https://w3id.org/isc-graph/id/")
ROLE = Namespace("https://w3id.org/isc-graph/id/role/")

SCHEME = URIRef("http://metadata.un.org/sdg")
VOID_DATASET = URIRef("http://metadata.un.org/sdg/void.ttl#SDG")
DATASET = ID["un-sdg-kos"]
DATA_FILE = "sdg-kos-goals-targets-indicators.ttl"
VOID_FILE = "void.ttl"
EXPECTED = {"goals": 17, "targets": 169}
ITU_NAME = "ITU"
REGENERATE = "python scripts/derive_sdg_data.py path/to/un-sdg-kos -o data/un-sdg-kos.ttl"

PREFIXES = [
    ("", str(ID)),
    ("role", str(ROLE)),
    ("isc", str(ISC)),
    ("sdg", str(SDG)),
    ("sdgo", str(SDGO)),
    ("skos", str(SKOS)),
    ("prov", str(PROV)),
    ("dcterms", str(DCTERMS)),
    ("xsd", str(XSD)),
]

# Predicates in the order a reader expects them; the rest follow alphabetically.
PREDICATE_ORDER = [
    RDF.type,
    SKOS.prefLabel,
    SKOS.altLabel,
    SKOS.notation,
    DCTERMS.identifier,
    SKOS.note,
    SKOS.editorialNote,
    SKOS.inScheme,
    SKOS.topConceptOf,
    SKOS.broader,
    SDGO.isTargetOf,
    SDGO.isIndicatorOf,
    SDGO.hasTarget,
    SDGO.hasIndicator,
    SDGO.custodianAgency,
    SDGO.tier,
    ISC.agent,
    ISC.role,
    ISC.topic,
    PROV.entity,
    ISC.locator,
    ISC.quote,
]

_PN_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")


class DerivationError(Exception):
    """The UN data is not what this script expects."""


def code_key(code: str) -> tuple:
    """Sort key for SDG codes: "5.2" before "5.10", numbered targets before lettered ones."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))


# The languages whose labels are kept: the project's own labels are English; the UN's French
# and Spanish labels let SDG, target and indicator names be printed in those languages.
LABEL_LANGUAGES = ("en", "fr", "es")


def in_language(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> list[str]:
    """The values of ``predicate`` in ``lang``, stripped of surrounding whitespace, sorted."""
    return sorted(
        {
            str(o).strip()
            for o in graph.objects(subject, predicate)
            if isinstance(o, Literal) and o.language == lang and str(o).strip()
        }
    )


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    """The English values of ``predicate``, stripped of surrounding whitespace, sorted."""
    return in_language(graph, subject, predicate, "en")


def notations(graph: Graph, subject: URIRef, datatype: URIRef) -> list[str]:
    """The notations of ``subject`` of one SDG code datatype, in SDG order."""
    found = {
        str(o)
        for o in graph.objects(subject, SKOS.notation)
        if isinstance(o, Literal) and o.datatype == datatype
    }
    return sorted(found, key=code_key)


@dataclass
class Derived:
    """The derived graph and what the run found, for the header and the log."""

    graph: Graph
    goals: list[URIRef] = field(default_factory=list)
    targets: list[URIRef] = field(default_factory=list)
    indicators: list[URIRef] = field(default_factory=list)
    itu_indicators: list[URIRef] = field(default_factory=list)
    repeated: int = 0
    order: dict[URIRef, tuple] = field(default_factory=dict)
    citation: str = ""
    license: str = ""
    modified: str = ""


def _concepts(source: Graph, cls: URIRef) -> list[URIRef]:
    return [s for s in source.subjects(RDF.type, cls) if isinstance(s, URIRef)]


def _add_labels(source: Graph, out: Graph, concept: URIRef) -> None:
    if not english(source, concept, SKOS.prefLabel):
        raise DerivationError(f"{concept} has no English skos:prefLabel")
    names = {"en": "English", "fr": "French", "es": "Spanish"}
    for lang in LABEL_LANGUAGES:
        labels = in_language(source, concept, SKOS.prefLabel, lang)
        if not labels:
            continue  # English stands in where a French or Spanish label is missing
        # SKOS allows one prefLabel per language; the UN data has a truncated duplicate on
        # one target (12.3: "By 2030,d"): keep the longest and say what was dropped.
        keep = max(labels, key=lambda s: (len(s), s))
        out.add((concept, SKOS.prefLabel, Literal(keep, lang=lang)))
        dropped = [label for label in labels if label != keep]
        if dropped:
            out.add(
                (
                    concept,
                    SKOS.editorialNote,
                    Literal(
                        f"The UN data gives more than one {names[lang]} skos:prefLabel for this "
                        "concept; the longest is kept and the others are dropped: "
                        + "; ".join(f'"{d}"' for d in dropped),
                        lang="en",
                    ),
                )
            )
        for alt in in_language(source, concept, SKOS.altLabel, lang):
            out.add((concept, SKOS.altLabel, Literal(alt, lang=lang)))
    for note in english(source, concept, SKOS.note):
        out.add((concept, SKOS.note, Literal(note, lang="en")))


def _compact_code(source: Graph, concept: URIRef, out: Graph) -> str:
    codes = notations(source, concept, SDGO.SDGCodeCompact)
    if not codes:
        raise DerivationError(f"{concept} has no compact SDG code (sdgo:SDGCodeCompact)")
    if len(codes) > 1:
        # An indicator repeated under several targets carries one compact code per target.
        # One notation is kept (the first in SDG order); the English notes keep them all.
        out.add(
            (
                concept,
                SKOS.editorialNote,
                Literal(
                    "The UN data gives this indicator under several targets, with the compact "
                    "codes "
                    + ", ".join(codes)
                    + f"; skos:notation keeps the first, {codes[0]}, and the "
                    "English skos:note values keep them all.",
                    lang="en",
                ),
            )
        )
    out.add((concept, SKOS.notation, Literal(codes[0])))
    return codes[0]


def _describe_dataset(void: Graph, out: Graph, derived: Derived) -> None:
    def one(predicate: URIRef) -> URIRef | Literal:
        values = list(void.objects(VOID_DATASET, predicate))
        if len(values) != 1:
            raise DerivationError(f"{VOID_FILE}: expected one {predicate} on {VOID_DATASET}")
        return values[0]

    license_text = str(one(DCTERMS.license))
    marker = "with the following citation: "
    if marker not in license_text:
        raise DerivationError(f"{VOID_FILE}: the licence no longer states the citation")
    derived.license = license_text
    derived.citation = license_text.split(marker, 1)[1]
    derived.modified = str(one(DCTERMS.modified))
    title = str(one(DCTERMS.title))

    out.add((DATASET, RDF.type, ISC.SourceDocument))
    out.add((DATASET, SKOS.prefLabel, Literal("UN SDG Knowledge Organization System", lang="en")))
    out.add((DATASET, SKOS.notation, Literal("un-sdg-kos")))
    out.add((DATASET, DCTERMS.title, Literal(title)))
    out.add((DATASET, DCTERMS.creator, one(DCTERMS.creator)))
    out.add((DATASET, DCTERMS.modified, one(DCTERMS.modified)))
    out.add((DATASET, DCTERMS.license, Literal(license_text)))
    out.add((DATASET, DCTERMS.bibliographicCitation, Literal(derived.citation)))
    out.add((DATASET, DCTERMS.source, one(DCTERMS.source)))
    out.add(
        (
            DATASET,
            DCTERMS.description,
            Literal(
                "The goals, targets and indicators of the UN's SDG Knowledge Organization System "
                "(English labels and notes, compact codes, permanent indicator codes, hierarchy, "
                "custodian agencies, tiers), derived from the UN's published data with its "
                "citation.",
                lang="en",
            ),
        )
    )
    derivation = BNode("dataset-derivation")
    out.add((DATASET, PROV.qualifiedDerivation, derivation))
    out.add((derivation, RDF.type, PROV.Derivation))
    out.add((derivation, PROV.entity, DATASET))
    out.add((derivation, ISC.locator, Literal(f"{VOID_FILE} dcterms:license")))
    out.add((derivation, ISC.quote, Literal(license_text)))


def _itu_custodian(out: Graph, indicator: URIRef) -> None:
    """ITU's custodianship of one indicator, as an engagement sourced to the UN data."""
    code = str(indicator).rsplit("/", 1)[1]
    engagement = BNode(f"itu-custodian-{code}")
    derivation = BNode(f"itu-custodian-{code}-source")
    out.add((ID.ITU, ISC.custodianAgencyOf, indicator))
    out.add((engagement, RDF.type, ISC.Engagement))
    out.add((engagement, ISC.agent, ID.ITU))
    out.add((engagement, ISC.role, ROLE.custodian))
    out.add((engagement, ISC.topic, indicator))
    out.add((engagement, PROV.qualifiedDerivation, derivation))
    out.add((derivation, RDF.type, PROV.Derivation))
    out.add((derivation, PROV.entity, DATASET))
    out.add((derivation, ISC.locator, Literal(f"<{indicator}> sdgo:custodianAgency")))
    out.add((derivation, ISC.quote, Literal(ITU_NAME)))


def derive(source_dir: Path) -> Derived:
    """Read the UN's files in ``source_dir`` and build the derived graph."""
    source = Graph()
    source.parse(source_dir / DATA_FILE, format="turtle")
    void = Graph()
    void.parse(source_dir / VOID_FILE, format="turtle")

    out = Graph()
    derived = Derived(out)
    _describe_dataset(void, out, derived)

    out.add((SCHEME, RDF.type, SKOS.ConceptScheme))
    for label in sorted({str(o).strip() for o in source.objects(SCHEME, SKOS.prefLabel)}):
        out.add((SCHEME, SKOS.prefLabel, Literal(label, lang="en")))

    kinds = [
        (SDGO.Goal, derived.goals),
        (SDGO.Target, derived.targets),
        (SDGO.Indicator, derived.indicators),
    ]
    for rank, (cls, bucket) in enumerate(kinds):
        for concept in _concepts(source, cls):
            out.add((concept, RDF.type, cls))
            out.add((concept, SKOS.inScheme, SCHEME))
            _add_labels(source, out, concept)
            code = _compact_code(source, concept, out)
            derived.order[concept] = (2 + rank, code_key(code))
            bucket.append(concept)
    for bucket in (derived.goals, derived.targets, derived.indicators):
        bucket.sort(key=derived.order.__getitem__)

    for goal in derived.goals:
        if (goal, SKOS.topConceptOf, SCHEME) in source:
            out.add((goal, SKOS.topConceptOf, SCHEME))
        for target in source.objects(goal, SDGO.hasTarget):
            out.add((goal, SDGO.hasTarget, target))
    for target in derived.targets:
        for goal in source.objects(target, SDGO.isTargetOf):
            out.add((target, SDGO.isTargetOf, goal))
            out.add((target, SKOS.broader, goal))
        for indicator in source.objects(target, SDGO.hasIndicator):
            out.add((target, SDGO.hasIndicator, indicator))
    for indicator in derived.indicators:
        for target in source.objects(indicator, SDGO.isIndicatorOf):
            out.add((indicator, SDGO.isIndicatorOf, target))
            out.add((indicator, SKOS.broader, target))
        perm = notations(source, indicator, SDGO.SDGCodePerm)
        if len(perm) != 1:
            raise DerivationError(f"{indicator} has {len(perm)} permanent codes, expected 1")
        out.add((indicator, DCTERMS.identifier, Literal(perm[0])))
        if len(notations(source, indicator, SDGO.SDGCodeCompact)) > 1:
            derived.repeated += 1
        agencies = sorted(
            {
                str(o).strip()
                for o in source.objects(indicator, SDGO.custodianAgency)
                if str(o).strip()
            }
        )
        for agency in agencies:
            out.add((indicator, SDGO.custodianAgency, Literal(agency)))
        for tier in source.objects(indicator, SDGO.tier):
            out.add((indicator, SDGO.tier, tier))
        if any(ITU_NAME in [part.strip() for part in a.split(",")] for a in agencies):
            derived.itu_indicators.append(indicator)
            _itu_custodian(out, indicator)

    found = {"goals": len(derived.goals), "targets": len(derived.targets)}
    if found != EXPECTED:
        raise DerivationError(f"expected {EXPECTED}, found {found} in {DATA_FILE}")
    return derived


# --------------------------------------------------------------------------------------
# A small sorted Turtle writer (rdflib's serializers do not order blank nodes stably).


def _natural(text: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text))


class TurtleWriter:
    """Writes a graph as Turtle in a fixed order, blank nodes used once written inline."""

    def __init__(self, graph: Graph, order: dict[URIRef, tuple]) -> None:
        self.graph = graph
        self.order = order
        self.prefixes = sorted(PREFIXES, key=lambda p: len(p[1]), reverse=True)

    def iri(self, term: URIRef) -> str:
        if term == RDF.type:
            return "a"
        for prefix, ns in self.prefixes:
            if term.startswith(ns) and _PN_LOCAL.match(term[len(ns) :]):
                return f"{prefix}:{term[len(ns) :]}"
        return f"<{term}>"

    @staticmethod
    def string(value: str) -> str:
        escaped = (
            value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        return f'"{escaped}"'

    def literal(self, term: Literal) -> str:
        text = self.string(str(term))
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype in (None, XSD.string):
            return text
        if term.datatype == XSD.integer:
            return str(term)
        return f"{text}^^{self.iri(term.datatype)}"

    def term(self, term: Node, indent: int) -> str:
        if isinstance(term, BNode):
            return self.block(term, indent + 4, inline=True)
        if isinstance(term, Literal):
            return self.literal(term)
        return self.iri(term)

    def predicate_key(self, predicate: URIRef) -> tuple:
        if predicate in PREDICATE_ORDER:
            return (0, PREDICATE_ORDER.index(predicate), "")
        return (1, 0, self.iri(predicate))

    def block(self, subject: Node, indent: int, inline: bool = False) -> str:
        pad = " " * indent
        lines = []
        predicates = sorted(set(self.graph.predicates(subject)), key=self.predicate_key)
        for predicate in predicates:
            objects = sorted(
                (self.term(o, indent) for o in self.graph.objects(subject, predicate)),
                key=_natural,
            )
            lines.append(f"{self.iri(predicate)} " + " , ".join(objects))
        body = (" ;\n" + pad).join(lines)
        if inline:
            return f"[ {body} ]"
        return body

    def subject_key(self, subject: Node) -> tuple:
        if isinstance(subject, BNode):
            return (9, (), self.block(subject, 4))
        if subject in self.order:
            return (*self.order[subject], "")
        return (8, _natural(self.iri(subject)), "")

    def write(self, header: str) -> str:
        out = [header.rstrip("\n"), ""]
        for prefix, ns in PREFIXES:
            out.append(f"@prefix {prefix + ':':<9}<{ns}> .")
        out.append("")
        referenced = {o for o in self.graph.objects() if isinstance(o, BNode)}
        subjects = [s for s in set(self.graph.subjects()) if s not in referenced]
        for subject in sorted(subjects, key=self.subject_key):
            if isinstance(subject, BNode):
                out.append(self.block(subject, 2, inline=True) + " .")
            else:
                out.append(f"{self.iri(subject)}\n    " + self.block(subject, 4) + " .")
            out.append("")
        return "\n".join(out)


def header(derived: Derived) -> str:
    def wrap(text: str) -> list[str]:
        return textwrap.wrap(text, 92)

    lines = [
        "UN SDG Knowledge Organization System: the goals, targets and indicators, derived for",
        "isc-graph. GENERATED FILE: do not edit by hand; regenerate with",
        f"    {REGENERATE}",
        f"where path/to/un-sdg-kos holds the UN's {DATA_FILE} and {VOID_FILE}.",
        "",
        "Citation (as the UN asks):",
        *("    " + line for line in wrap(derived.citation)),
        "Licence (dcterms:license of the UN's dataset, also on :un-sdg-kos below):",
        *("    " + line for line in wrap(derived.license)),
        f"Dataset last modified by the UN: {derived.modified}.",
        "",
        f"Counts: {len(derived.goals)} goals, {len(derived.targets)} targets, "
        f"{len(derived.indicators)} indicators",
        f"({derived.repeated} of them repeated under more than one target), "
        f"{len(derived.itu_indicators)} with ITU as custodian agency.",
        "Kept: labels in English, French and Spanish (skos:prefLabel, skos:altLabel), notes in",
        "English; one skos:notation per concept, the compact code",
        "(an indicator repeated under several targets keeps its first code and an editorial",
        "note lists all); the permanent indicator code as dcterms:identifier; surrounding",
        "whitespace stripped from literals.",
    ]
    return "\n".join(("# " + line).rstrip() for line in lines) + "\n"


def render(derived: Derived) -> str:
    """The derived graph as Turtle, checked to parse back to the same graph."""
    order = dict(derived.order)
    order[DATASET] = (0, (), "")
    order[SCHEME] = (1, (), "")
    order[ID.ITU] = (6, (), "")
    text = TurtleWriter(derived.graph, order).write(header(derived))
    reparsed = Graph().parse(data=text, format="turtle")
    if not isomorphic(reparsed, derived.graph):
        raise DerivationError("the written Turtle does not parse back to the derived graph")
    return text


def _names(terms: Iterable[URIRef]) -> str:
    return ", ".join(str(t).rsplit("/", 1)[1] for t in terms)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="folder with the UN's SDG KOS Turtle files")
    parser.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    args = parser.parse_args(argv)
    try:
        derived = derive(args.source)
        text = render(derived)
    except (DerivationError, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(
        f"{len(derived.goals)} goals, {len(derived.targets)} targets, "
        f"{len(derived.indicators)} indicators ({derived.repeated} repeated under several "
        f"targets); ITU custodian of {len(derived.itu_indicators)}: "
        f"{_names(derived.itu_indicators)}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
