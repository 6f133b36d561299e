"""Named SPARQL queries (``queries/*.rq``) and running SPARQL against the store.

A named query starts with a comment header::

    # title: Who leads each WSIS action line
    # description: Every action line, ITU's role on it and the unit that leads ITU's part.
    #   Continuation lines are indented.
    # param: objective (optional): objective code, e.g. D.2
    # param: body = ISC-TF: the body whose members are listed
    # values: objective: SELECT ?value WHERE { [] isc:objective/skos:notation ?value }
    # example: objective=D.2

A ``values`` line gives, for a parameter, a query listing the values it can take; a value given
on the command line that is not among them is an error that suggests the close ones, rather
than an empty answer that looks like "nothing found".

Parameters are bound as string literals in a ``VALUES`` block written into the query's
text by :func:`isc_graph.bind.bind_values` (a value is written as an escaped literal, never
pasted into the patterns), first in the top-level WHERE group; an optional parameter left out
stays an unbound variable. The block binds the variable for the whole group, so a parameter
named in the SELECT clause is a result column too (``?objective`` both filters and shows the
objective). A subquery is evaluated on its own and joined with the block afterwards, so a
parameter must be used at the top level of the query, or be projected by the subquery that
uses it (tests/test_bind.py checks every named query).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from .bind import bind_values
from .errors import QueryError
from .lang import bind_language
from .limits import check_query_text
from .namespaces import PREFIXES

__all__ = [
    "NamedQuery",
    "Param",
    "list_queries",
    "load_query",
    "natural_key",
    "parse_params",
    "run_query",
]

_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*"
    r"(?:=\s*(?P<default>[^():]+?)\s*)?"
    r"(?:\((?P<req>required|optional)\)\s*)?"
    r"(?::\s*(?P<desc>.*))?$"
)
_KEY = re.compile(r"^#\s?(?P<key>title|description|param|values|example):\s*(?P<value>.*)$")


class Param:
    """A parameter of a named query."""

    __slots__ = ("default", "description", "name", "required")

    def __init__(
        self, name: str, description: str = "", default: str | None = None, required: bool = False
    ) -> None:
        self.name = name
        self.description = description
        self.default = default
        self.required = required

    def __repr__(self) -> str:
        return f"Param({self.name!r}, default={self.default!r}, required={self.required})"

    def __str__(self) -> str:
        if self.default is not None:
            return f"{self.name}={self.default}"
        return self.name if self.required else f"[{self.name}]"


class NamedQuery:
    """A SPARQL query with its header (title, description, parameters, examples)."""

    def __init__(
        self,
        name: str,
        text: str,
        path: Path | None = None,
        title: str = "",
        description: str = "",
        params: list[Param] | None = None,
        examples: list[dict[str, str]] | None = None,
        values: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        self.text = text
        self.path = path
        self.title = title
        self.description = description
        self.params = params or []
        self.examples = examples or []
        self.values = values or {}  # parameter name -> SELECT ?value query

    def __repr__(self) -> str:
        return f"NamedQuery({self.name!r})"

    @classmethod
    def from_text(cls, name: str, text: str, path: Path | None = None) -> NamedQuery:
        """Parse the header of ``text``; a query without header is accepted (ad-hoc files)."""
        title, description, params, examples = "", [], [], []
        values: dict[str, str] = {}
        last = None
        for raw in text.splitlines():
            line = raw.rstrip()
            if not line.startswith("#"):
                if line.strip():
                    break
                continue
            m = _KEY.match(line)
            if m:
                key, value = m["key"], m["value"].strip()
                if key == "title":
                    title = value
                elif key == "description":
                    description.append(value)
                elif key == "example":
                    examples.append(parse_params(value.split()))
                elif key == "values":
                    pname, sep, select = value.partition(":")
                    if not sep or not select.strip():
                        where = path or name
                        raise QueryError(
                            f"{where}: '# values: {value}' should read "
                            "'# values: PARAM: SELECT ?value WHERE {{ … }}'"
                        )
                    values[pname.strip()] = select.strip()
                else:
                    pm = _PARAM.match(value)
                    if not pm:
                        where = path or name
                        raise QueryError(
                            f"{where}: cannot read the parameter line '# param: {value}'"
                        )
                    params.append(
                        Param(
                            pm["name"],
                            (pm["desc"] or "").strip(),
                            pm["default"],
                            pm["req"] == "required",
                        )
                    )
                last = key
            elif last == "description" and line.startswith("#  "):
                description.append(line[1:].strip())
            elif last == "param" and line.startswith("#  ") and params:
                p = params[-1]
                params[-1] = Param(
                    p.name, f"{p.description} {line[1:].strip()}".strip(), p.default, p.required
                )
        return cls(name, text, path, title, " ".join(description), params, examples, values)

    def bindings(self, given: dict[str, str]) -> dict[ox.Variable, ox.Literal]:
        """The values to bind (:func:`run_query`) for ``given`` parameter values, with the
        defaults filled in; QueryError for an unknown or a missing required parameter."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            hint = ", ".join(str(p) for p in self.params) or "none"
            raise QueryError(
                f"query '{self.name}' has no parameter {', '.join(unknown)} (parameters: {hint})"
            )
        values: dict[ox.Variable, ox.Literal] = {}
        for p in self.params:
            value = given.get(p.name, p.default)
            if value is None:
                if p.required:
                    raise QueryError(
                        f"query '{self.name}' needs --param {p.name}=VALUE ({p.description})"
                    )
                continue
            values[ox.Variable(p.name)] = ox.Literal(value)
        return values

    def check_values(self, store: ox.Store, given: dict[str, str]) -> dict[str, str]:
        """``given`` with each value replaced by the listed value it names, or QueryError.

        A value that is not listed exactly may name one in another case (``bdt`` for
        ``BDT``), or be the name or an alternative name of the entity whose id is listed
        ("Telecommunication Development Bureau" for ``BDT``). A value that names none fails,
        naming close ones.
        """
        resolved = dict(given)
        names = None
        for pname, value in sorted(given.items()):
            select = self.values.get(pname)
            if select is None:
                continue
            found = run_query(store, select, name=self.name)
            known = sorted({sol["value"].value for sol in found}, key=natural_key)
            if value in known:
                continue
            same = [k for k in known if k.casefold() == value.casefold()]
            if len(same) != 1:
                from .lookup import read_names  # only here: the quick start needs none of it

                names = names or read_names(store)
                same = sorted(
                    {i for e in names.by_name(value) for i in e.ids if i in known}, key=natural_key
                )
            if len(same) == 1:
                resolved[pname] = same[0]
                continue
            if same:
                raise QueryError(
                    f"query '{self.name}': {pname} '{value}' names several: {', '.join(same)}; "
                    "give one"
                )
            import difflib  # only on a miss: a plain named query never needs it

            close = [k for k in known if k.lower() == value.lower()]
            close += difflib.get_close_matches(value, [k for k in known if k not in close], n=3)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            shown = f" (one of: {', '.join(known)})" if len(known) <= 30 else ""
            raise QueryError(f"query '{self.name}': no {pname} '{value}' in the graph{hint}{shown}")
        return resolved


def natural_key(text: str) -> list:
    """Sort key that puts 9 before 10 and C2 before C11.

    ``re.split`` with a group alternates text and digits (text first, maybe empty), so two
    keys compare text with text and number with number at every position.
    """
    return [int(t) if i % 2 else t for i, t in enumerate(re.split(r"(\d+)", text))]


def list_queries(queries_dir: Path) -> list[NamedQuery]:
    """Every named query in ``queries_dir``, sorted by name."""
    if not queries_dir.is_dir():
        return []
    return [load_query(p.stem, queries_dir) for p in sorted(queries_dir.glob("*.rq"))]


def load_query(name_or_path: str, queries_dir: Path) -> NamedQuery:
    """A named query by name, or any ``.rq`` file by path."""
    path = Path(name_or_path)
    named = queries_dir / f"{name_or_path}.rq"
    if path.suffix != ".rq" and named.is_file():
        return NamedQuery.from_text(name_or_path, _read(named), named)
    if path.is_file():  # any file of SPARQL, whatever it is called (.rq, .sparql, .txt)
        return NamedQuery.from_text(path.stem, _read(path), path)
    if path.suffix or "/" in name_or_path or "\\" in name_or_path:
        raise QueryError(f"{name_or_path}: no such file")
    names = sorted(p.stem for p in queries_dir.glob("*.rq"))  # none when there is no folder
    close = [n for n in names if name_or_path.lower() in n or n in name_or_path.lower()]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise QueryError(
        f"no named query '{name_or_path}'{hint} (`isc-graph query --list` shows them all)"
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise QueryError(f"{path}: not valid UTF-8; save the query as UTF-8") from None


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["objective=D.2"]`` → ``{"objective": "D.2"}``."""
    result: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name:
            raise QueryError(f"--param takes NAME=VALUE, not '{pair}'")
        if not value:
            raise QueryError(f"--param {name}= has no value; give one, or leave the parameter out")
        if name in result and result[name] != value:
            raise QueryError(
                f"--param {name} is given twice ({result[name]!r} and {value!r}); give it once"
            )
        result[name] = value
    return result


_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
_POSITION = re.compile(r"error at (\d+):(\d+): ")


def explain_syntax_error(text: str, message: str) -> str:
    """A SPARQL parse error a reader can act on.

    Oxigraph's parser reports the position and, at some positions, the whole character
    grammar it expected; this keeps the position, names the usual causes (an undeclared
    prefix, an update where a query is expected) and points at the place with a caret.
    """
    lines = text.splitlines() or [""]
    text_no_comments = "\n".join(line.split("#", 1)[0] for line in lines)
    if _UPDATE.match(text_no_comments):
        return (
            "SPARQL Update (INSERT, DELETE, LOAD …) is not run against the graph: it is built "
            "from data/, so change the files there and run `isc-graph build`"
        )
    m = _POSITION.search(message)
    where, detail = "", message
    if m:
        line_no, col = int(m[1]), int(m[2])
        detail = message[m.end() :]
        if 1 <= line_no <= len(lines):
            source = lines[line_no - 1]
            where = f"\n  {source}\n  {' ' * max(col - 1, 0)}^"
            if "Prefix not found" in detail:
                names = re.findall(r"(?<![\w?$<])([A-Za-z][\w.-]*)?:", source[: col + 1])
                prefix = f"{names[-1]}:" if names else "in the query"
                known = ", ".join(f"{p}:" for p in sorted(PREFIXES))
                return (
                    f"invalid SPARQL at {line_no}:{col}: unknown prefix {prefix} (declare it "
                    f"with PREFIX, or use one of the predeclared ones: {known}){where}"
                )
        detail = f"at {line_no}:{col}: {detail}"
    if "expected one of" in detail and len(detail) > 120:
        detail = detail[: detail.index("expected one of")] + "unexpected text here"
    detail = detail.replace("expected CONSTRUCT", "expected SELECT, CONSTRUCT, ASK or DESCRIBE")
    return f"invalid SPARQL {detail}{where}"


def run_query(
    store: ox.Store,
    text: str,
    bindings: Mapping[ox.Variable | str, ox.NamedNode | ox.Literal] | None = None,
    *,
    name: str = "query",
    lang: str | None = None,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run SPARQL over the union of all graphs, with the project's prefixes predeclared.

    ``bindings`` (variable → IRI or literal) are bound with a ``VALUES`` block written into
    the text (:mod:`isc_graph.bind`), never through pyoxigraph's ``substitutions``: the
    engine plans a query with the values in it, and a remote endpoint receives the same text.
    A query that uses ``?lang`` gets it bound to ``lang`` (default: ``$ISC_GRAPH_LANG``, else
    English): see :mod:`isc_graph.lang`. A query that is too long or nests too deep for the
    engine is refused with :class:`QueryError` (see :mod:`isc_graph.limits`).
    """
    check_query_text(text, name)
    try:
        text = bind_language(text, lang)
    except ValueError as exc:
        raise QueryError(str(exc)) from None
    if bindings:
        text = bind_values(text, {_variable_name(v): _term_text(t) for v, t in bindings.items()})
    try:
        return store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"{name}: {explain_syntax_error(text, str(exc))}") from None
    except OSError as exc:
        raise QueryError(f"{name}: the store failed while running the query: {exc}") from None


def _variable_name(variable: ox.Variable | str) -> str:
    name = variable.value if isinstance(variable, ox.Variable) else variable.lstrip("?$")
    if not re.fullmatch(r"\w+", name):
        raise QueryError(f"cannot bind ?{name}: not a variable name")
    return name


def _term_text(term: ox.NamedNode | ox.Literal) -> str:
    """``term`` as SPARQL writes it (pyoxigraph escapes it); a blank node cannot be bound,
    as SPARQL has no way to name one that is in the store."""
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise QueryError(f"cannot bind {term!r}: only an IRI or a literal can be bound")
    return str(term)
