"""SHACL validation of the loaded sources, with reports that say where and what to do.

The data is checked where the build has just loaded it, in the new Oxigraph generation, by
one of two engines that share everything else:

* ``sparql`` (the default): the shapes compiled to SPARQL (:mod:`isc_graph.shacl_sparql`),
  answered by the store's own indexes; no second copy of the data.
* ``pyshacl``: the reference implementation, on an rdflib copy of the store. Slow at scale
  (minutes at a million triples), kept to check the first against.

Each violation names the file, the entity by its short id (a blank node by its class and key
links), the property and the shape's message. rdflib and pySHACL are imported only by the
engine that needs them, so that read commands never pay for them.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError, Location
from .loading import BOM
from .namespaces import ID, graph_iri, short_id
from .project import SourceFile
from .shacl_sparql import Finding, compile_shapes, run_checks
from .vocab_check import check_terms

__all__ = ["ENGINES", "ValidationReport", "Violation", "validate_store"]

ENGINES = ("sparql", "pyshacl")
ONTOLOGY = "https://w3id.org/isc-graph/ontology"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_IRI_IN_MESSAGE = re.compile(r"(?<!<)https?://[^\s<>\"{}]+[^\s<>\"{}.,;:)]")
_Term = ox.NamedNode | ox.BlankNode | ox.Literal


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
    engine: str = "sparql"

    def as_dict(self) -> dict:
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "engine": self.engine,
            "violations": [asdict(v) for v in self.violations],
        }

    def summary(self) -> str:
        if self.conforms:
            return f"Conforms: {self.triples} triples checked against the shapes."
        n = len(self.violations)
        return f"Does not conform: {n} violation{'s' if n != 1 else ''}."


def _shorten_iris(text: str) -> str:
    return _IRI_IN_MESSAGE.sub(lambda m: short_id(m.group(0)), text)


_KEY_PROPERTIES = (
    "https://w3id.org/isc-graph/ontology#agent",
    "http://www.w3.org/ns/org#member",
    "https://w3id.org/isc-graph/ontology#role",
    "http://www.w3.org/ns/org#role",
    "https://w3id.org/isc-graph/ontology#topic",
    "http://www.w3.org/ns/org#organization",
)
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


class _Locator:
    """Where an entity is stated (its files) and how a reader finds it (its name)."""

    def __init__(self, store: ox.Store, sources: Iterable[SourceFile]) -> None:
        self.store = store
        self.files_of_graph: dict[str, list[SourceFile]] = defaultdict(list)
        for source in sources:
            self.files_of_graph[graph_iri(source.graph)].append(source)
        self._subjects: dict[str, set[str]] = {}

    def owner(self, node: _Term) -> _Term:
        """The named entity a blank node hangs from (a derivation's fact, a membership's body)."""
        seen = set()
        while isinstance(node, ox.BlankNode) and node not in seen:
            seen.add(node)
            parent = next(iter(self.store.quads_for_pattern(None, None, node, None)), None)
            if parent is None:
                break
            node = parent.subject
        return node

    def files(self, graph: str, subject: _Term | None = None) -> list[str]:
        """The files of ``graph``; of a graph several files share, those stating ``subject``."""
        sources = self.files_of_graph.get(graph, [])
        if len(sources) > 1 and isinstance(subject, ox.NamedNode):
            stating = [s for s in sources if subject.value in self._subjects_of(s)]
            sources = stating or sources
        return [s.rel for s in sources]

    def _subjects_of(self, source: SourceFile) -> set[str]:
        # Only for graphs several files share (the ontology's: a few small files).
        if source.rel not in self._subjects:
            quads = ox.parse(
                source.path.read_bytes().removeprefix(BOM),  # as the build reads it
                format=ox.RdfFormat.TURTLE,
                base_iri=source.path.resolve().as_uri(),
            )
            self._subjects[source.rel] = {
                q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)
            }
        return self._subjects[source.rel]

    def files_of(self, node: _Term) -> set[str]:
        """The files that state facts about ``node`` (or, for a blank node, its owner)."""
        for candidate in (node, self.owner(node)):
            if isinstance(candidate, ox.Literal):
                continue
            graphs = {
                q.graph_name.value
                for q in self.store.quads_for_pattern(candidate, None, None, None)
                if isinstance(q.graph_name, ox.NamedNode)
            }
            found = {f for g in graphs for f in self.files(g, candidate)}
            if found:
                return found
        return set()

    def label(self, node: _Term) -> str:
        node = self.owner(node)
        if isinstance(node, ox.NamedNode):
            return short_id(node.value)
        if isinstance(node, ox.Literal):
            return node.value
        return self.describe_blank(node)

    def describe_blank(self, node: ox.BlankNode) -> str:
        """A blank node as a reader can find it: its class and key links, e.g.
        ``isc:Engagement [agent BDT, role lead, topic C2]``."""

        def first(prop: ox.NamedNode) -> _Term | None:
            quad = next(iter(self.store.quads_for_pattern(node, prop, None, None)), None)
            return quad.object if quad is not None else None

        kind = first(_RDF_TYPE)
        parts = []
        for prop in _KEY_PROPERTIES:
            value = first(ox.NamedNode(prop))
            if value is not None:
                parts.append(f"{prop.rsplit('#', 1)[-1]} {short_id(value.value)}")
        head = short_id(kind.value) if kind is not None else "a blank node"
        return f"{head} [{', '.join(parts)}]" if parts else head

    def value(self, term: _Term | None) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            return short_id(term.value)
        if isinstance(term, ox.BlankNode):
            return self.describe_blank(term)
        return term.value


def validate_store(
    store: ox.Store,
    sources: list[SourceFile],
    shapes_path: Path,
    shapes_rel: str,
    *,
    engine: str = "sparql",
) -> ValidationReport:
    """Validate what ``store`` holds (the union of its named graphs) against the shapes."""
    if engine == "sparql":
        from .progress import progress

        checks = compile_shapes(shapes_path, shapes_rel, store)
        # On a terminal: the checks done, of how many, over how many statements.
        bar = progress(checks, desc=f"Validating {len(store):,} statements", unit="check")
        findings: Iterable[Finding] = run_checks(store, bar)
    elif engine == "pyshacl":
        findings = _pyshacl_findings(store, shapes_path, shapes_rel)
    else:
        raise ValueError(f"unknown validation engine {engine!r}; use one of {ENGINES}")
    where = _Locator(store, sources)
    violations: set[Violation] = set()
    conforms = True
    for finding in findings:
        focus, value = finding.focus, finding.value
        if isinstance(focus, ox.NamedNode) and focus.value == ONTOLOGY and value is not None:
            # Whole-graph checks report the node holding the faulty statement as the value.
            focus, value = value, None
        files = where.files_of(focus)
        if not files and isinstance(focus, ox.NamedNode) and focus.value.startswith(ID):
            files = {"(not defined in any file)"}
        conforms = conforms and finding.severity != "Violation"
        violations.add(
            Violation(
                file=", ".join(sorted(files)) or shapes_rel,
                entity=where.label(focus),
                property=short_id(finding.path) if finding.path else "",
                message=_shorten_iris(finding.message),
                value=where.value(value),
                severity=finding.severity,
            )
        )
    for problem in check_terms(store):
        conforms = False
        violations.add(
            Violation(
                file=", ".join(where.files(problem.graph, problem.subject)),
                entity=where.label(problem.subject),
                property=short_id(problem.predicate),
                message=problem.message,
            )
        )
    return ValidationReport(conforms, sorted(violations), len(store), engine)


# pySHACL, the reference ----------------------------------------------------------------------


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


def _pyshacl_findings(store: ox.Store, shapes_path: Path, shapes_rel: str) -> Iterator[Finding]:
    import pyshacl
    from rdflib import BNode, Graph, Literal, URIRef
    from rdflib.namespace import SH

    def to_rdflib(term: _Term):
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            # A plain literal, as rdflib reads "y" in the shapes: rdflib tells the two apart
            # (RDF 1.1 does not), so sh:in ("y") and sh:hasValue "y" would not match the data.
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))

    def to_ox(term: object) -> _Term | None:
        if term is None:
            return None
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        assert isinstance(term, Literal)
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)

    if not shapes_path.is_file():
        compile_shapes(shapes_path, shapes_rel)  # raises the missing-file error
    data = Graph()
    with _no_literal_tracebacks():
        for q in store:
            data.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        shapes = Graph()
        try:
            shapes.parse(shapes_path, format="turtle")
        except Exception as exc:  # rdflib raises many kinds; all mean the file is unusable
            raise DataError(Location(shapes_rel), f"cannot read the shapes: {exc}") from None
        _conforms, report, text = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
        )
    if not isinstance(report, Graph):  # pySHACL could not use the shapes at all
        raise DataError(Location(shapes_rel), f"the shapes are not usable: {text.strip()}")
    for result in report.subjects(URIRef(str(SH) + "resultSeverity"), None):
        if (None, SH.detail, result) in report:
            continue  # why a value failed sh:node (and the like): its result is reported
        path = report.value(result, SH.resultPath)
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        yield Finding(
            severity,
            to_ox(report.value(result, SH.focusNode)),  # type: ignore[arg-type]
            to_ox(report.value(result, SH.value)),
            str(path) if isinstance(path, URIRef) else None,
            str(report.value(result, SH.resultMessage) or "violates a shape"),
        )
