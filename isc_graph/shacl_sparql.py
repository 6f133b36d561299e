"""SHACL shapes compiled to SPARQL queries, run over the store the build has just loaded.

Why by hand: the SHACL engines for Python check a copy of the data held in memory of their own.
pySHACL walks an rdflib graph node by node (7 s on the repository's 15,000 triples, 12 min and
3.3 GiB on a million); pyrudof is fast but holds the data a second time (9.6 GB at a million
triples). No maintained library checks SHACL *over an Oxigraph store*. Each constraint of
SHACL Core is one set-based query, though ("every target whose values of this path number
fewer than n"), so the build compiles each shape into a few queries and lets Oxigraph answer
them from the indexes it has already built: no second copy, and a cost that grows with the
data like the load itself. pySHACL stays the reference: ``isc-graph validate --engine pyshacl``
runs it, and a test holds both engines to the same verdict on every case of the bad-input
corpus.

What is compiled: the targets (``sh:targetClass`` with subclasses, ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, classes that are shapes), property paths
(predicate, inverse, sequence, alternative, ``*``/``+``/``?``), the value-type, cardinality,
value-range, string, language, logical, shape-based, ``sh:in`` and ``sh:hasValue``
components, and SPARQL-based constraints (``sh:sparql`` with ``sh:select``, ``$this``
pre-bound). A shape that uses anything else (``sh:closed``, ``sh:equals`` …) is refused with
its name, rather than passed over in silence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError, Location

__all__ = ["Check", "Finding", "compile_shapes", "run_checks"]

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPE = f"<{RDF}type>"

# Terms of the sh: namespace a shape may carry that are not constraints (or that are read with
# the constraint they belong to).
_NOT_CONSTRAINTS = {
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property", "path",
    "message", "severity", "name", "description", "order", "group", "defaultValue",
    "deactivated", "declare", "prefixes", "qualifiedMinCount", "qualifiedMaxCount",
    "qualifiedValueShapesDisjoint", "flags",
}  # fmt: skip
_SUPPORTED = {
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive", "minInclusive",
    "maxExclusive", "maxInclusive", "minLength", "maxLength", "pattern", "languageIn",
    "uniqueLang", "not", "and", "or", "xone", "node", "qualifiedValueShape", "in", "hasValue",
    "sparql",
}  # fmt: skip
_NODE_KINDS = {
    "IRI": "!isIRI({v})",
    "BlankNode": "!isBlank({v})",
    "Literal": "!isLiteral({v})",
    "BlankNodeOrIRI": "isLiteral({v})",
    "BlankNodeOrLiteral": "isIRI({v})",
    "IRIOrLiteral": "isBlank({v})",
}
_COMPARISONS = {
    "minExclusive": ">",
    "minInclusive": ">=",
    "maxExclusive": "<",
    "maxInclusive": "<=",
}
_DEFAULT_MESSAGES = {
    "class": "value is not an instance of {arg}",
    "datatype": "value does not have the datatype {arg}",
    "nodeKind": "value is not of the node kind {arg}",
    "minCount": "fewer than {arg} values",
    "maxCount": "more than {arg} values",
    "minLength": "value is shorter than {arg} characters",
    "maxLength": "value is longer than {arg} characters",
    "pattern": "value does not match the pattern {arg}",
    "languageIn": "value's language is not one of {arg}",
    "uniqueLang": "more than one value in the same language",
    "qualifiedValueShape": "the number of values conforming to {arg} is out of range",
    "in": "value is not one of {arg}",
    "hasValue": "the value {arg} is missing",
    "node": "value does not conform to the shape {arg}",
    "not": "value conforms to the shape {arg}, which it must not",
    "and": "value does not conform to every shape of {arg}",
    "or": "value conforms to none of the shapes of {arg}",
    "xone": "value does not conform to exactly one shape of {arg}",
}
_LIST_PARAMETERS = {"in", "languageIn", "and", "or", "xone"}
_DEFAULT_MESSAGES.update({c: "value is out of the range {arg}" for c in _COMPARISONS})


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a query whose solutions are the violations.

    Its solutions bind ``?this`` (the focus node), ``?value`` for constraints on values, and
    for SPARQL-based constraints whatever the query selects (``?path``, message variables).
    """

    shape: str  # the node shape, for messages about the shapes themselves
    component: str  # "minCount", "sparql" …
    path: str | None  # the result path (a predicate IRI), when the constraint has a simple one
    message: str
    severity: str
    query: str
    this: ox.NamedNode | None = None  # pre-bound focus of a SPARQL-based constraint
    variables: tuple[str, ...] = field(default=())  # variables to substitute in the message


@dataclass(frozen=True)
class Finding:
    """One violation as the store answers it, before it is located and named."""

    severity: str  # Violation, Warning or Info: only a violation fails the data
    focus: ox.NamedNode | ox.BlankNode | ox.Literal
    value: ox.NamedNode | ox.BlankNode | ox.Literal | None
    path: str | None
    message: str


class _Shapes:
    """Read access to the shapes graph (an in-memory store of one small file)."""

    def __init__(self, store: ox.Store, rel: str) -> None:
        self.store = store
        self.rel = rel

    def objects(self, node: ox.NamedNode | ox.BlankNode, local: str) -> list:
        return [
            q.object for q in self.store.quads_for_pattern(node, ox.NamedNode(SH + local), None)
        ]

    def one(self, node: ox.NamedNode | ox.BlankNode, local: str) -> object | None:
        values = self.objects(node, local)
        return values[0] if values else None

    def items(self, head: object) -> list:
        """The members of the RDF list starting at ``head``."""
        found, node, seen = [], head, set()
        while node != ox.NamedNode(RDF + "nil"):
            if not isinstance(node, ox.BlankNode | ox.NamedNode) or node in seen:
                raise self.error(f"a malformed RDF list near {node}")
            seen.add(node)
            first = list(self.store.quads_for_pattern(node, ox.NamedNode(RDF + "first"), None))
            rest = list(self.store.quads_for_pattern(node, ox.NamedNode(RDF + "rest"), None))
            if len(first) != 1 or len(rest) != 1:
                raise self.error(f"a malformed RDF list near {node}")
            found.append(first[0].object)
            node = rest[0].object
        return found

    def sh_terms(self, node: ox.NamedNode | ox.BlankNode) -> set[str]:
        return {
            q.predicate.value[len(SH) :]
            for q in self.store.quads_for_pattern(node, None, None)
            if q.predicate.value.startswith(SH)
        }

    def error(self, what: str) -> DataError:
        return DataError(Location(self.rel), f"the shapes are not usable: {what}")


class _NotATerm(TypeError):
    """A constraint's value that SPARQL cannot write (a blank node where an IRI or a literal
    is expected): a mistake in the shapes, reported with the component and its shape."""

    def __init__(self, term: object) -> None:
        super().__init__(f"no SPARQL form for {term!r}")
        self.term = term


def _term(term: object) -> str:
    """A term in SPARQL syntax."""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term)
    raise _NotATerm(term)


def _name(node: object) -> str:
    return node.value if isinstance(node, ox.NamedNode) else "a blank-node shape"


class _Compiler:
    def __init__(self, shapes: _Shapes, data: ox.Store | None) -> None:
        self.sg = shapes
        self.data = data
        self._fresh = itertools.count()
        self._closure: dict[object, list[ox.NamedNode]] = {}

    def classes(self, classes: list) -> str:
        """``classes`` and their subclasses in the data, as SPARQL terms.

        SHACL counts an instance of a subclass as an instance of the class. Resolved once,
        here, the hierarchy becomes a list of classes that the store finds by index, where a
        ``rdf:type/rdfs:subClassOf*`` path would be walked again for every node.
        """
        found: dict[str, None] = {}
        for cls in classes:
            if cls not in self._closure:
                self._closure[cls] = [cls]
                if self.data is not None and isinstance(cls, ox.NamedNode):
                    rows = self.data.query(
                        f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS}subClassOf>* {_term(cls)} }}",
                        use_default_graph_as_union=True,
                    )
                    self._closure[cls] += [r["c"] for r in rows if r["c"] != cls]
            for c in self._closure[cls]:
                if isinstance(c, ox.NamedNode):
                    found[str(c)] = None
        return " ".join(found)

    def instance(self, node: str, cls: object) -> str:
        """A pattern matching when ``node`` is an instance of ``cls`` or of a subclass."""
        if self.data is None:
            return f"{node} <{RDF}type>/<{RDFS}subClassOf>* {_term(cls)} ."
        closure = self.classes([cls])
        if " " not in closure:
            return f"{node} a {closure} ."
        var = self.var("class")
        return f"VALUES {var} {{ {closure} }} {node} a {var} ."

    def var(self, stem: str) -> str:
        return f"?{stem}{next(self._fresh)}"

    # Paths ---------------------------------------------------------------------------------

    def path(self, node: object) -> str:
        """A SHACL property path as a SPARQL property path."""
        if isinstance(node, ox.NamedNode):
            return f"<{node.value}>"
        if not isinstance(node, ox.BlankNode):
            raise self.sg.error(f"sh:path {node} is not a path")
        if list(self.sg.store.quads_for_pattern(node, ox.NamedNode(RDF + "first"), None)):
            return "(" + "/".join(self.path(p) for p in self.sg.items(node)) + ")"
        for local, wrap in (
            ("inversePath", "^({})"),
            ("zeroOrMorePath", "({})*"),
            ("oneOrMorePath", "({})+"),
            ("zeroOrOnePath", "({})?"),
        ):
            inner = self.sg.one(node, local)
            if inner is not None:
                return wrap.format(self.path(inner))
        alternatives = self.sg.one(node, "alternativePath")
        if alternatives is not None:
            return "(" + "|".join(self.path(p) for p in self.sg.items(alternatives)) + ")"
        raise self.sg.error("an sh:path that is not a SHACL property path")

    # Targets -------------------------------------------------------------------------------

    def target(self, shape: ox.NamedNode | ox.BlankNode, this: str) -> str | None:
        """A pattern binding ``this`` to each focus node of ``shape`` (None: no targets)."""
        branches = []
        classes = self.sg.objects(shape, "targetClass")
        is_class = any(
            q.object in (ox.NamedNode(RDFS + "Class"), ox.NamedNode(OWL + "Class"))
            for q in self.sg.store.quads_for_pattern(shape, ox.NamedNode(RDF + "type"), None)
        )
        if is_class:
            classes.append(shape)
        if classes:
            if self.data is None:
                values = " ".join(_term(c) for c in classes)
                path = f"<{RDF}type>/<{RDFS}subClassOf>*"
                branches.append(f"VALUES ?class {{ {values} }} {this} {path} ?class .")
            else:
                closure = self.classes(classes)
                if " " in closure:
                    branches.append(f"VALUES ?class {{ {closure} }} {this} a ?class .")
                else:  # one class: its instances are distinct already
                    branches.append(f"{this} a {closure} .")
                    classes = []
        nodes = self.sg.objects(shape, "targetNode")
        if nodes:
            branches.append(f"VALUES {this} {{ {' '.join(_term(n) for n in nodes)} }}")
        for p in self.sg.objects(shape, "targetSubjectsOf"):
            branches.append(f"{this} {_term(p)} [] .")
        for p in self.sg.objects(shape, "targetObjectsOf"):
            branches.append(f"[] {_term(p)} {this} .")
        if not branches:
            return None
        if len(branches) == 1 and not classes:
            return branches[0]
        union = " UNION ".join(f"{{ {b} }}" for b in branches)
        return f"{{ SELECT DISTINCT {this} WHERE {{ {union} }} }}"

    # Constraints ---------------------------------------------------------------------------

    def components(self, shape: object) -> Iterator[tuple[str, object]]:
        """The constraint components of ``shape`` with their parameter, refusing unknown ones."""
        terms = self.sg.sh_terms(shape)
        unknown = sorted(terms - _NOT_CONSTRAINTS - _SUPPORTED)
        if unknown:
            raise DataError(
                Location(self.sg.rel),
                f"the shape {_name(shape)} uses sh:{unknown[0]}, which the SPARQL engine does not "
                "check; check with `isc-graph validate --engine pyshacl`, or express the rule "
                "as an sh:sparql constraint",
            )
        for local in sorted(terms & _SUPPORTED):
            for value in self.sg.objects(shape, local):
                yield local, value

    def violation(
        self,
        shape: object,
        component: str,
        arg: object,
        this: str,
        path: str | None,
        scope: str = "",
    ) -> tuple[str, str | None]:
        """A pattern matching when ``this`` (bound by the context) violates one component,
        and the variable holding the offending value (None for constraints on the set).

        ``scope``, a pattern binding ``this`` to the focus nodes, keeps the groupings that
        count values to those nodes (without it they count for every node of the path)."""
        try:
            return self._violation(shape, component, arg, this, path, scope)
        except _NotATerm as exc:
            what = "a blank node" if isinstance(exc.term, ox.BlankNode) else str(exc.term)
            needs = "an IRI" if component == "datatype" else "an IRI or a literal"
            raise self.sg.error(
                f"sh:{component} in {_name(shape)} needs {needs}, not {what}"
            ) from None

    def _violation(
        self,
        shape: object,
        component: str,
        arg: object,
        this: str,
        path: str | None,
        scope: str = "",
    ) -> tuple[str, str | None]:
        sg = self.sg
        value = self.var("v") if path else this
        values = f"{this} {path} {value} ." if path else ""

        def each(condition: str) -> tuple[str, str]:
            return f"{values} FILTER ({condition.replace('{v}', value)})", value

        if component == "class":
            instance = self.instance(value, arg)
            return f"{values} FILTER NOT EXISTS {{ {instance} }}", value
        if component == "datatype":
            return each(_datatype_condition(arg))
        if component == "nodeKind":
            kind = arg.value.removeprefix(SH) if isinstance(arg, ox.NamedNode) else ""
            if kind not in _NODE_KINDS:
                raise sg.error(f"sh:nodeKind {arg} in {_name(shape)}")
            return each(_NODE_KINDS[kind])
        if component in _COMPARISONS:
            return each(f"!COALESCE({{v}} {_COMPARISONS[component]} {_term(arg)}, false)")
        if component in ("minLength", "maxLength"):
            op = "<" if component == "minLength" else ">"
            length = f"STRLEN(STR({{v}})) {op} {_int(sg, arg)}"
            if component == "minLength" and _int(sg, arg) == 1:
                # Only the empty string is too short: compared as a term, a plain string needs
                # no reading of its text (a quote's passage, from disk); other literals do.
                length = (
                    f'sameTerm({{v}}, "") || (!sameTerm(DATATYPE({{v}}), <{XSD}string>) '
                    f"&& {length})"
                )
            return each(f"isBlank({{v}}) || {length}")
        if component == "pattern":
            flags = sg.one(shape, "flags")
            extra = f", {_term(flags)}" if isinstance(flags, ox.Literal) else ""
            return each(f"isBlank({{v}}) || !REGEX(STR({{v}}), {_term(arg)}{extra})")
        if component == "languageIn":
            tags = [t for t in sg.items(arg) if isinstance(t, ox.Literal)]
            matches = " || ".join(f"langMatches(LANG({{v}}), {_term(t)})" for t in tags)
            return each(f"!isLiteral({{v}}) || !({matches or 'false'})")
        if component == "in":
            members = " || ".join(f"sameTerm({{v}}, {_term(m)})" for m in sg.items(arg))
            return each(f"!({members or 'false'})")
        if component == "node":
            return each(f"EXISTS {{ {self.node_violation(arg, '{v}')} }}")
        if component == "not":
            return each(f"NOT EXISTS {{ {self.node_violation(arg, '{v}')} }}")
        if component in ("and", "or", "xone"):
            members = [f"EXISTS {{ {self.node_violation(s, '{v}')} }}" for s in sg.items(arg)]
            if component == "and":
                return each(" || ".join(members) or "false")
            if component == "or":
                return each(" && ".join(members) or "true")
            conforming = " + ".join(f"IF({m}, 0, 1)" for m in members)
            return each(f"({conforming or '0'}) != 1")
        if not path:
            raise sg.error(f"sh:{component} in {_name(shape)} needs an sh:path")
        if component == "hasValue":
            return f"FILTER NOT EXISTS {{ {this} {path} {_term(arg)} }}", None
        if component in ("minCount", "maxCount", "qualifiedValueShape"):
            return self.count(shape, component, arg, this, path, scope), None
        if component == "uniqueLang":
            if not (isinstance(arg, ox.Literal) and arg.value == "true"):
                return "FILTER (false)", None
            lang, v = self.var("lang"), self.var("v")
            return (
                f"{{ SELECT {this} WHERE {{ {scope} {this} {path} {v} . FILTER (LANG({v}) != '') "
                f"BIND (LCASE(LANG({v})) AS {lang}) }} GROUP BY {this} {lang} "
                f"HAVING (COUNT(DISTINCT {v}) > 1) }}"
            ), None
        raise sg.error(f"sh:{component} is not supported")  # pragma: no cover (refused above)

    def count(
        self, shape: object, component: str, arg: object, this: str, path: str, scope: str = ""
    ) -> str:
        """Cardinality: the number of values (conforming to a shape, if qualified) out of range."""
        v, n = self.var("v"), self.var("n")
        low: int | None = None
        high: int | None = None
        where = f"{this} {path} {v} ."
        if component == "minCount":
            low = _int(self.sg, arg)
        elif component == "maxCount":
            high = _int(self.sg, arg)
        else:
            where += f" FILTER NOT EXISTS {{ {self.node_violation(arg, v)} }}"
            low_arg = self.sg.one(shape, "qualifiedMinCount")
            high_arg = self.sg.one(shape, "qualifiedMaxCount")
            low = _int(self.sg, low_arg) if low_arg is not None else None
            high = _int(self.sg, high_arg) if high_arg is not None else None
        if high is None and low == 1:  # no (conforming) value at all: one index lookup
            return f"FILTER NOT EXISTS {{ {where} }}"
        if low is None and high == 1 and component == "maxCount":
            # Two values that are not the same term: two index lookups per node, where a count
            # would group every node with the property (again for each node, inside EXISTS).
            other = self.var("v")
            return f"{where} {this} {path} {other} . FILTER (!sameTerm({v}, {other}))"
        counted = (
            f"OPTIONAL {{ SELECT {this} (COUNT(DISTINCT {v}) AS {n}) WHERE {{ {scope} {where} }} "
            f"GROUP BY {this} }}"
        )
        tests = []
        if low is not None and low > 0:
            tests.append(f"COALESCE({n}, 0) < {low}")
        if high is not None:
            tests.append(f"COALESCE({n}, 0) > {high}")
        return f"{counted} FILTER ({' || '.join(tests) or 'false'})"

    def node_violation(self, shape: object, this: str) -> str:
        """A pattern matching when ``this`` (bound by the context) violates ``shape``."""
        branches = []
        for component, arg in self.components(shape):
            if component == "sparql":
                raise self.sg.error(f"sh:sparql nested in {_name(shape)} is not supported")
            branches.append(self.violation(shape, component, arg, this, None)[0])
        for prop in self.sg.objects(shape, "property"):
            path = self.path(self.sg.one(prop, "path"))
            for component, arg in self.components(prop):
                if component == "sparql":
                    raise self.sg.error(f"sh:sparql nested in {_name(shape)} is not supported")
                branches.append(self.violation(prop, component, arg, this, path)[0])
        if not branches:
            return "FILTER (false)"
        return " UNION ".join(f"{{ {b} }}" for b in branches)

    # Whole shapes --------------------------------------------------------------------------

    def checks(self, shape: ox.NamedNode | ox.BlankNode) -> Iterator[Check]:
        if _is_true(self.sg.one(shape, "deactivated")):
            return
        target = self.target(shape, "?this")
        if target is None:
            return
        shape_message = _text(self.sg.one(shape, "message"))
        severity = _severity(self.sg.one(shape, "severity"))
        for component, arg in self.components(shape):
            if component == "sparql":
                yield from self.sparql(shape, arg, target, shape_message, severity)
                continue
            pattern, value = self.violation(shape, component, arg, "?this", None, target)
            yield self._check(shape, component, arg, None, target, pattern, value, shape_message,
                              severity)  # fmt: skip
        for prop in self.sg.objects(shape, "property"):
            if _is_true(self.sg.one(prop, "deactivated")):
                continue
            path_node = self.sg.one(prop, "path")
            if path_node is None:
                raise self.sg.error(f"a property shape of {_name(shape)} has no sh:path")
            path = self.path(path_node)
            simple = path_node.value if isinstance(path_node, ox.NamedNode) else None
            message = _text(self.sg.one(prop, "message"))
            prop_severity = _severity(self.sg.one(prop, "severity"))
            for component, arg in self.components(prop):
                if component == "sparql":
                    raise self.sg.error(f"sh:sparql on a property shape of {_name(shape)}")
                pattern, value = self.violation(prop, component, arg, "?this", path, target)
                yield self._check(shape, component, arg, simple, target, pattern, value, message,
                                  prop_severity)  # fmt: skip

    def _check(
        self,
        shape: object,
        component: str,
        arg: object,
        path: str | None,
        target: str,
        pattern: str,
        value: str | None,
        message: str | None,
        severity: str,
    ) -> Check:
        projected = f"?this ({value} AS ?value)" if value and value != "?this" else "?this"
        if value == "?this":
            projected = "?this (?this AS ?value)"
        query = f"SELECT DISTINCT {projected} WHERE {{ {target} {pattern} }}"
        return Check(
            shape=_name(shape),
            component=component,
            path=path,
            message=message or _DEFAULT_MESSAGES[component].format(arg=self.show(component, arg)),
            severity=severity,
            query=query,
        )

    def show(self, component: str, arg: object) -> str:
        """The parameter of a component as a default message names it; a list, its members."""
        if component in _LIST_PARAMETERS:
            return ", ".join(_show(m) for m in self.sg.items(arg)) or "nothing"
        return _show(arg)

    def sparql(
        self,
        shape: object,
        constraint: object,
        target: str,
        shape_message: str | None,
        severity: str,
    ) -> Iterator[Check]:
        if _is_true(self.sg.one(constraint, "deactivated")):
            return
        select = self.sg.one(constraint, "select")
        if not isinstance(select, ox.Literal):
            raise self.sg.error(f"an sh:sparql constraint of {_name(shape)} has no sh:select")
        prefixes = "".join(
            f"PREFIX {p}: <{ns}>\n"
            for p, ns in self._prefixes(self.sg.objects(constraint, "prefixes"))
        )
        text = prefixes + select.value
        message = _text(self.sg.one(constraint, "message")) or shape_message
        nodes = self.sg.objects(shape, "targetNode")
        other_targets = self.target(shape, "?this") != (
            f"VALUES ?this {{ {' '.join(_term(n) for n in nodes)} }}" if nodes else None
        )
        if other_targets:
            raise self.sg.error(
                f"sh:sparql on {_name(shape)}: only shapes targeting nodes (sh:targetNode) "
                "are checked with SPARQL constraints"
            )
        for node in nodes:
            yield Check(
                shape=_name(shape),
                component="sparql",
                path=None,
                message=message or "violates a SPARQL constraint",
                severity=_severity(self.sg.one(constraint, "severity")) or severity,
                query=text,
                this=node,
                variables=tuple(re.findall(r"\{[?$](\w+)\}", message or "")),
            )

    def _prefixes(self, holders: list) -> Iterator[tuple[str, str]]:
        for holder in holders:
            for decl in self.sg.objects(holder, "declare"):
                prefix, ns = self.sg.one(decl, "prefix"), self.sg.one(decl, "namespace")
                if isinstance(prefix, ox.Literal) and isinstance(ns, ox.Literal | ox.NamedNode):
                    yield prefix.value, ns.value


def _datatype_condition(datatype: object) -> str:
    """Not a literal of ``datatype``, or one whose lexical form is outside its lexical space."""
    from .vocab_check import LEXICAL

    if not isinstance(datatype, ox.NamedNode):
        raise _NotATerm(datatype)
    condition = f"!isLiteral({{v}}) || DATATYPE({{v}}) != {_term(datatype)}"
    local = datatype.value.removeprefix(XSD)
    if datatype.value.startswith(XSD) and local in LEXICAL:
        pattern = ox.Literal(f"^({LEXICAL[local]})$")
        condition += f" || !REGEX(STR({{v}}), {_term(pattern)})"
    return condition


def _int(sg: _Shapes, arg: object) -> int:
    try:
        return int(arg.value)  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        raise sg.error(f"{arg} is not an integer") from None


def _is_true(term: object) -> bool:
    return isinstance(term, ox.Literal) and term.value == "true"


def _text(term: object) -> str | None:
    return term.value if isinstance(term, ox.Literal) else None


def _severity(term: object) -> str:
    return term.value.removeprefix(SH) if isinstance(term, ox.NamedNode) else "Violation"


def _show(arg: object) -> str:
    return arg.value if isinstance(arg, ox.NamedNode | ox.Literal) else "a shape"


def _node_shapes(sg: _Shapes) -> list[ox.NamedNode | ox.BlankNode]:
    """Every shape with targets: declared node shapes, and subjects of a target property."""
    found: dict[object, None] = {}
    for q in sg.store.quads_for_pattern(
        None, ox.NamedNode(RDF + "type"), ox.NamedNode(SH + "NodeShape")
    ):
        found[q.subject] = None
    for local in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf"):
        for q in sg.store.quads_for_pattern(None, ox.NamedNode(SH + local), None):
            found[q.subject] = None
    return sorted(found, key=str)


def compile_shapes(shapes_path: Path, shapes_rel: str, data: ox.Store | None = None) -> list[Check]:
    """The checks of every shape in the Turtle file ``shapes_path``, for the class hierarchy
    of ``data`` (the store they will run on)."""
    if not shapes_path.is_file():
        raise DataError(
            Location(shapes_rel),
            "no such file: the shapes the data is checked against belong in the ontology "
            "folder; restore it (git checkout -- ontology/shapes.ttl)",
        )
    store = ox.Store()
    try:
        store.load(path=str(shapes_path), format=ox.RdfFormat.TURTLE)
    except SyntaxError as exc:
        raise DataError(
            Location(shapes_rel, exc.lineno, exc.offset), f"cannot read the shapes: {exc.msg}"
        ) from None
    sg = _Shapes(store, shapes_rel)
    compiler = _Compiler(sg, data)
    return [check for shape in _node_shapes(sg) for check in compiler.checks(shape)]


def run_checks(store: ox.Store, checks: Iterable[Check]) -> Iterator[Finding]:
    """The violations of ``checks`` in ``store`` (its named graphs taken together)."""
    for check in checks:
        if check.component == "sparql":
            yield from _run_sparql(store, check)
            continue
        for row in store.query(check.query, use_default_graph_as_union=True):
            yield Finding(check.severity, row["this"], row["value"], check.path, check.message)


def _run_sparql(store: ox.Store, check: Check) -> Iterator[Finding]:
    try:
        rows = store.query(
            check.query,
            use_default_graph_as_union=True,
            substitutions={ox.Variable("this"): check.this},
        )
    except SyntaxError as exc:
        raise DataError(
            Location("ontology/shapes.ttl"),
            f"the SPARQL constraint of {check.shape} is not valid SPARQL: {exc}",
        ) from None
    names = {v.value for v in rows.variables}
    for row in rows:
        path = row["path"] if "path" in names else None
        message = check.message
        for name in check.variables:
            term = row[name] if name in names else None
            if term is not None:
                message = re.sub(r"\{[?$]" + name + r"\}", lambda _m, t=term: t.value, message)
        yield Finding(
            check.severity,
            check.this,  # $this is pre-bound: whether selected or not, it is this node
            row["value"] if "value" in names else None,
            path.value if isinstance(path, ox.NamedNode) else None,
            message,
        )
