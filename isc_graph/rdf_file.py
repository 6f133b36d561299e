"""Open an RDF file given on the command line (``overlap --graph FILE``) as a store to analyse.

The file is parsed straight from disk into an in-memory Oxigraph store, beside the project's
ontology (the analyses read roles and classes from it), so that it is analysed as a built
store would be. Nothing is held as Python objects: the parser and the store are native, and a
file of 100,000 synthetic outcomes (1.7 million statements) loads in about five seconds.

The store's transactional :meth:`~pyoxigraph.Store.load` is used rather than ``bulk_load``:
for an in-memory store it was measured no slower and about 120 MB smaller on that file
(an on-disk store was slower still: 24 s), it keeps IRI validation, and it leaves the store
empty when the file fails to parse, so no half-read graph is analysed.

Errors name the file and, for a syntax error, ``file:line:column``, like a build's.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError, Location
from .loading import parser_message
from .namespaces import PREFIXES, graph_iri
from .project import unreadable

__all__ = ["FORMATS", "add_definitions", "add_ontology", "graph_format", "open_graph_file"]

# The formats a graph file may be in, by suffix (case does not matter).
FORMATS: dict[str, ox.RdfFormat] = {
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".rdf": ox.RdfFormat.RDF_XML,
}
_SHAPES = "shapes.ttl"  # constraints for validation, not part of the graph the analyses read
_RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")


def graph_format(path: Path) -> ox.RdfFormat:
    """The RDF format of ``path``, told by its suffix.

    >>> graph_format(Path("synth.NQ")).name
    'N-Quads'
    >>> graph_format(Path("graph.json"))
    Traceback (most recent call last):
    ...
    isc_graph.errors.DataError: graph.json: cannot tell the RDF format from the suffix '.json'; \
name the file .nq (N-Quads), .trig (TriG), .nt (N-Triples), .ttl (Turtle) or .rdf (RDF/XML)
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        names = [f"{suffix} ({f.name})" for suffix, f in FORMATS.items()]
        raise DataError(
            Location(str(path)),
            f"cannot tell the RDF format from the suffix {path.suffix or '(none)'!r}; name the "
            f"file {', '.join(names[:-1])} or {names[-1]}",
        )
    return fmt


def open_graph_file(path: Path, ontology_dir: Path, *, data_dir: Path | None = None) -> ox.Store:
    """An in-memory store holding the RDF file at ``path`` and the ontology in ``ontology_dir``.

    N-Quads and TriG keep their graphs; the statements of a triples format (N-Triples, Turtle,
    RDF/XML) go into the named graph of the file's name, as a build puts each source file.
    The ontology's Turtle files (all but the shapes) go into the ``ontology`` graph.

    With ``data_dir`` (the project's ``data/``), the entities the file points at but does not
    define (no ``rdf:type``) and that a Turtle file there defines get those statements too,
    their sources left out: a file that refers to the shared vocabularies (the UN's SDG IRIs,
    the WSIS action lines) without restating them is then labelled and classified as it
    would be in a build.

    Raises :class:`DataError` naming the file: an unknown suffix (with the formats accepted),
    a file that cannot be read or holds no statements, or a syntax error at ``file:line:column``.
    """
    fmt = graph_format(path)
    try:
        path.open("rb").close()  # an unreadable file is told apart from a broken store
    except OSError as exc:
        raise unreadable(str(path), exc) from None
    store = ox.Store()
    triples = fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML)
    _load(store, path, fmt, ox.NamedNode(graph_iri(path.stem)) if triples else None)
    if next(iter(store), None) is None:
        raise DataError(Location(str(path)), "the file holds no RDF statements")
    add_ontology(store, ontology_dir)
    if data_dir is not None and data_dir.is_dir():
        add_definitions(store, data_dir, path)
    return store


def add_ontology(store: ox.Store, ontology_dir: Path) -> None:
    """Load the ontology's Turtle files (all but the shapes) into the ``ontology`` graph."""
    ontology = ox.NamedNode(graph_iri("ontology"))
    for f in sorted(ontology_dir.glob("*.ttl")):
        if f.name != _SHAPES:
            _load(store, f, ox.RdfFormat.TURTLE, ontology)


def _load(store: ox.Store, path: Path, fmt: ox.RdfFormat, graph: ox.NamedNode | None) -> None:
    options: dict = {"format": fmt, "base_iri": path.resolve().as_uri()}
    if graph is not None:
        options["to_graph"] = graph
    try:
        store.load(path=str(path), **options)
    except SyntaxError as exc:
        raise _syntax_error(path, exc) from None
    except MemoryError:  # pyoxigraph: "Reached the buffer maximal size of 16777216"
        raise DataError(
            Location(str(path)),
            "a literal or IRI (or an unclosed quote) is longer than the parser takes (16 MiB)",
        ) from None
    except OSError as exc:
        raise unreadable(str(path), exc) from None


def _syntax_error(path: Path, exc: SyntaxError) -> DataError:
    return DataError(Location(str(path), exc.lineno, exc.offset), parser_message(exc))


def add_definitions(store: ox.Store, data_dir: Path, graph_file: Path | None = None) -> None:
    """Add what ``data_dir``'s Turtle files (but ``graph_file``) state about the entities
    ``store`` points at but does not define, each statement in the named graph of its file."""
    stated: dict[ox.NamedNode, list[ox.Quad]] = defaultdict(list)
    for f in sorted(data_dir.glob("*.ttl")):
        if graph_file is not None and f.resolve() == graph_file.resolve():
            continue
        graph = ox.NamedNode(graph_iri(f.stem))
        try:
            for t in ox.parse(
                path=str(f), format=ox.RdfFormat.TURTLE, base_iri=f.resolve().as_uri()
            ):
                if isinstance(t.subject, ox.NamedNode) and not isinstance(t.object, ox.BlankNode):
                    stated[t.subject].append(ox.Quad(t.subject, t.predicate, t.object, graph))
        except SyntaxError as exc:
            raise _syntax_error(f, exc) from None
        except OSError as exc:
            raise unreadable(str(f), exc) from None
    # Decided for all files before any is added: a definition split over two files is kept whole.
    wanted = [
        node
        for node, quads in stated.items()
        if any(q.predicate == _RDF_TYPE for q in quads)
        and next(iter(store.quads_for_pattern(None, None, node)), None) is not None
        and next(iter(store.quads_for_pattern(node, _RDF_TYPE, None)), None) is None
    ]
    store.extend(q for node in wanted for q in stated[node])
