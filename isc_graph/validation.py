"""SHACL validation of the parsed sources with pySHACL.

The result follows pySHACL's contract (conforms or not, plus a report) but speaks the
project's language: each violation names the file, the entity by its short id, the property
and the shape's message. rdflib and pySHACL are imported here only, so that read commands
never pay for them.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError, Location
from .namespaces import ID, short_id
from .parsing import ParsedFile
from .vocab_check import check_terms

__all__ = ["ValidationReport", "Violation", "validate_parsed"]

ONTOLOGY = "https://w3id.org/isc-graph/ontology"
_IRI_IN_MESSAGE = re.compile(r"(?<!<)https?://[^\s<>\"{}]+[^\s<>\"{}.,;:)]")


@dataclass(frozen=True, order=True)
class Violation:
    """One shape violation, located."""

    file: str
    entity: str
    property: str
    message: str
    value: str = ""
    severity: str = "Violation"

    def __str__(self) -> str:
        prop = f" {self.property}" if self.property else ""
        return f"{self.file}: {self.entity}{prop}: {self.message}"


@dataclass
class ValidationReport:
    """The outcome of validating a project: ``conforms`` and the sorted violations."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def as_dict(self) -> dict:
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "violations": [asdict(v) for v in self.violations],
        }

    def summary(self) -> str:
        if self.conforms:
            return f"Conforms: {self.triples} triples checked against the shapes."
        n = len(self.violations)
        return f"Does not conform: {n} violation{'s' if n != 1 else ''}."


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal):
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _shorten_iris(text: str) -> str:
    return _IRI_IN_MESSAGE.sub(lambda m: short_id(m.group(0)), text)


class _NoLiteralTracebacks(logging.Filter):
    """Drop rdflib's traceback for a literal it cannot convert ("five"^^xsd:integer): the
    literal check of :mod:`isc_graph.vocab_check` reports it with its file and entity."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


@contextlib.contextmanager
def _no_literal_tracebacks() -> Iterator[None]:
    logger = logging.getLogger("rdflib.term")
    quiet = _NoLiteralTracebacks()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def validate_parsed(
    parsed: list[ParsedFile], shapes_path: Path, shapes_rel: str
) -> ValidationReport:
    """Validate the union of ``parsed`` against the shapes in ``shapes_path``."""
    with _no_literal_tracebacks():
        return _validate(parsed, shapes_path, shapes_rel)


def _validate(parsed: list[ParsedFile], shapes_path: Path, shapes_rel: str) -> ValidationReport:
    import pyshacl
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH

    data = Graph()
    files_of: dict[object, set[str]] = defaultdict(set)
    for pf in parsed:
        rel = pf.source.rel
        for q in pf.quads:
            s = _to_rdflib(q.subject)
            data.add((s, _to_rdflib(q.predicate), _to_rdflib(q.object)))
            files_of[s].add(rel)

    shapes = Graph()
    if not shapes_path.is_file():
        raise DataError(
            Location(shapes_rel),
            "no such file: the shapes the data is checked against belong in the ontology "
            "folder; restore it (git checkout -- ontology/shapes.ttl)",
        )
    try:
        shapes.parse(shapes_path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds; all mean the shapes file is unusable
        raise DataError(Location(shapes_rel), f"cannot read the shapes: {exc}") from None

    conforms, report_graph, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    if not isinstance(report_graph, Graph):  # pySHACL could not use the shapes at all
        raise DataError(Location(shapes_rel), f"the shapes are not usable: {text.strip()}")

    def owner(node: object, seen: frozenset = frozenset()) -> object:
        """The named entity a blank node hangs from (a derivation's fact, a membership's body)."""
        if isinstance(node, URIRef) or node in seen:
            return node
        for parent in data.subjects(None, node):
            return owner(parent, seen | {node})
        return node

    def label(node: object) -> str:
        node = owner(node)
        if isinstance(node, URIRef):
            return short_id(str(node))
        return _describe_blank(data, node)

    violations: set[Violation] = set()
    for result in report_graph.subjects(URIRef(str(SH) + "resultSeverity"), None):
        focus = report_graph.value(result, SH.focusNode)
        path = report_graph.value(result, SH.resultPath)
        value = report_graph.value(result, SH.value)
        message = str(report_graph.value(result, SH.resultMessage) or "violates a shape")
        severity = str(report_graph.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        if str(focus) == ONTOLOGY and value is not None:
            # Whole-graph checks report the node holding the faulty statement as the value.
            focus, value = value, None
        files = files_of.get(focus) or files_of.get(owner(focus)) or set()
        if not files and isinstance(focus, URIRef) and str(focus).startswith(ID):
            files = {"(not defined in any file)"}
        violations.add(
            Violation(
                file=", ".join(sorted(files)) or shapes_rel,
                entity=label(focus),
                property=short_id(str(path)) if isinstance(path, URIRef) else "",
                message=_shorten_iris(message),
                value=short_id(str(value)) if isinstance(value, URIRef) else str(value or ""),
                severity=severity,
            )
        )
    problems = list(check_terms(parsed))
    for problem in problems:
        violations.add(
            Violation(
                file=problem.file,
                entity=label(_to_rdflib(problem.subject)),
                property=short_id(problem.predicate),
                message=problem.message,
            )
        )
    return ValidationReport(bool(conforms) and not problems, sorted(violations), len(data))


_KEY_PROPERTIES = (
    "https://w3id.org/isc-graph/ontology#agent",
    "http://www.w3.org/ns/org#member",
    "https://w3id.org/isc-graph/ontology#role",
    "http://www.w3.org/ns/org#role",
    "https://w3id.org/isc-graph/ontology#topic",
    "http://www.w3.org/ns/org#organization",
)


def _describe_blank(data, node) -> str:
    """A blank node as a reader can find it: its class and key links, e.g.
    ``isc:Engagement [agent BDT, role lead, topic C2]``."""
    from rdflib import RDF, URIRef

    kind = data.value(node, RDF.type)
    parts = []
    for prop in _KEY_PROPERTIES:
        value = data.value(node, URIRef(prop))
        if value is not None:
            parts.append(f"{prop.rsplit('#', 1)[-1]} {short_id(str(value))}")
    head = short_id(str(kind)) if kind is not None else "a blank node"
    return f"{head} [{', '.join(parts)}]" if parts else head
