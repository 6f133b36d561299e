"""Named queries one piece at a time: the header, parameters and their values, the sort key,
finding a query by name or path, syntax errors a reader can act on, and binding.

Expected values are written by hand from the header format in ``isc_graph/queries.py``'s
docstring and from a small graph built in each test, not read back from the code.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from isc_graph.errors import QueryError
from isc_graph.queries import (
    NamedQuery,
    Param,
    explain_syntax_error,
    list_queries,
    load_query,
    natural_key,
    parse_params,
    run_query,
)

ID = "https://w3id.org/isc-graph/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"

HEADER = """\
# title: Who leads each WSIS action line
# description: Every action line, ITU's role on it
#   and the unit that leads ITU's part.
# param: objective (optional): objective code,
#   e.g. D.2
# param: body = ISC-TF: the body whose members are listed
# param: unit (required): the unit
# param: plain
# values: objective: SELECT ?value WHERE { [] isc:objective/skos:notation ?value }
# example: objective=D.2 unit=BDT
# example: unit=TSB
SELECT ?x WHERE { ?x ?p ?o }
# title: not read: the header ended at the query
"""


# --- the header ---------------------------------------------------------------------------


def test_the_header_is_read() -> None:
    q = NamedQuery.from_text("leads", HEADER, Path("queries/leads.rq"))
    assert q.name == "leads"
    assert q.text == HEADER
    assert q.path == Path("queries/leads.rq")
    assert q.title == "Who leads each WSIS action line"
    assert (
        q.description == "Every action line, ITU's role on it and the unit that leads ITU's part."
    )
    assert [(p.name, p.description, p.default, p.required) for p in q.params] == [
        ("objective", "objective code, e.g. D.2", None, False),
        ("body", "the body whose members are listed", "ISC-TF", False),
        ("unit", "the unit", None, True),
        ("plain", "", None, False),
    ]
    assert q.values == {
        "objective": "SELECT ?value WHERE { [] isc:objective/skos:notation ?value }"
    }
    assert q.examples == [{"objective": "D.2", "unit": "BDT"}, {"unit": "TSB"}]
    assert repr(q) == "NamedQuery('leads')"


def test_a_query_without_header() -> None:
    q = NamedQuery.from_text("adhoc", "SELECT * WHERE { ?s ?p ?o }")
    assert (q.title, q.description, q.params, q.examples, q.values, q.path) == (
        "",
        "",
        [],
        [],
        {},
        None,
    )


def test_blank_lines_and_the_space_after_the_hash_are_optional() -> None:
    text = "\n#title:   Spaced   \n\n#  description: not a key (two spaces)\n# description: d\n"
    q = NamedQuery.from_text("q", text + "ASK {}")
    assert q.title == "Spaced"
    assert q.description == "d"


def test_an_indented_line_continues_only_the_key_just_read() -> None:
    text = (
        "# title: T\n"
        "#   not a continuation of the title\n"
        "# description: first\n"
        "#  second\n"
        "# example: a=1\n"
        "#   not a continuation of the example\n"
        "# param: p: one\n"
        "#  two\n"
        "#not indented\n"
        "#  three\n"
        "ASK {}\n"
    )
    q = NamedQuery.from_text("q", text)
    assert q.title == "T"
    assert q.description == "first second"
    assert q.examples == [{"a": "1"}]
    assert q.params[0].description == "one two three"


def test_a_continuation_before_any_parameter_is_ignored() -> None:
    text = "# title: T\n# description: d\n# param: p\n#  more\n"
    q = NamedQuery.from_text("q", text + "ASK {}")
    assert q.params[0].description == "more"
    q = NamedQuery.from_text("q", "#  stray\n# param: p: x\nASK {}")
    assert q.params[0].description == "x"


def test_a_continued_parameter_keeps_its_default_and_requirement() -> None:
    text = "# param: a = 5 (required): first\n#  second\nASK {}"
    [p] = NamedQuery.from_text("q", text).params
    assert (p.name, p.description, p.default, p.required) == ("a", "first second", "5", True)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("objective", ("objective", "", None, False)),
        ("objective: code", ("objective", "code", None, False)),
        ("objective (required)", ("objective", "", None, True)),
        ("objective (optional): x", ("objective", "x", None, False)),
        ("body = ISC-TF", ("body", "", "ISC-TF", False)),
        ("body=ISC TF : the body", ("body", "the body", "ISC TF", False)),
        ("body = D.2 (required): a: b", ("body", "a: b", "D.2", True)),
        ("_x1:   d  ", ("_x1", "d", None, False)),
    ],
)
def test_parameter_lines(line: str, expected: tuple) -> None:
    [p] = NamedQuery.from_text("q", f"# param: {line}\nASK {{}}").params
    assert (p.name, p.description, p.default, p.required) == expected


@pytest.mark.parametrize("line", ["1st: x", "a b", "a (maybe)", "a = (x)", "", "a-b"])
def test_an_unreadable_parameter_line_is_named(line: str) -> None:
    with pytest.raises(QueryError) as exc:
        NamedQuery.from_text("q", f"# param: {line}\nASK {{}}", Path("queries/q.rq"))
    assert str(exc.value) == f"queries/q.rq: cannot read the parameter line '# param: {line}'"


def test_an_unreadable_parameter_line_without_a_path_names_the_query() -> None:
    with pytest.raises(QueryError, match=r"^q: cannot read the parameter line '# param: 1'$"):
        NamedQuery.from_text("q", "# param: 1\nASK {}")


@pytest.mark.parametrize("value", ["objective", "objective:", "objective:   "])
def test_a_values_line_without_a_query_is_named(value: str) -> None:
    with pytest.raises(QueryError) as exc:
        NamedQuery.from_text("q", f"# values: {value}\nASK {{}}", Path("a.rq"))
    assert str(exc.value) == (
        f"a.rq: '# values: {value.strip()}' should read "
        "'# values: PARAM: SELECT ?value WHERE {{ … }}'"
    )
    with pytest.raises(QueryError, match=r"^q: '# values:"):
        NamedQuery.from_text("q", f"# values: {value}\nASK {{}}")


def test_a_values_line_is_trimmed() -> None:
    q = NamedQuery.from_text("q", "# values:  p  :  SELECT ?value WHERE {}  \nASK {}")
    assert q.values == {"p": "SELECT ?value WHERE {}"}


def test_param_shown() -> None:
    assert str(Param("body", default="ISC-TF")) == "body=ISC-TF"
    assert str(Param("body", default="ISC-TF", required=True)) == "body=ISC-TF"
    assert str(Param("unit", required=True)) == "unit"
    assert str(Param("objective")) == "[objective]"
    assert repr(Param("a", "d", "5", True)) == "Param('a', default='5', required=True)"
    assert repr(Param("a")) == "Param('a', default=None, required=False)"
    p = Param("a")
    assert (p.description, p.default, p.required) == ("", None, False)


# --- bindings -----------------------------------------------------------------------------


def _query() -> NamedQuery:
    return NamedQuery.from_text("leads", HEADER)


def test_bindings_fill_in_defaults_and_leave_optional_ones_out() -> None:
    bound = _query().bindings({"unit": "BDT"})
    assert {v.value: t for v, t in bound.items()} == {
        "body": ox.Literal("ISC-TF"),
        "unit": ox.Literal("BDT"),
    }


def test_a_given_value_overrides_the_default() -> None:
    bound = _query().bindings({"unit": "BDT", "body": "CWG", "objective": "D.2"})
    assert {v.value: t.value for v, t in bound.items()} == {
        "objective": "D.2",
        "body": "CWG",
        "unit": "BDT",
    }
    assert all(type(t) is ox.Literal for t in bound.values())
    assert all(type(v) is ox.Variable for v in bound)


def test_a_missing_required_parameter() -> None:
    with pytest.raises(QueryError) as exc:
        _query().bindings({})
    assert str(exc.value) == "query 'leads' needs --param unit=VALUE (the unit)"


def test_an_unknown_parameter_lists_the_known_ones() -> None:
    with pytest.raises(QueryError) as exc:
        _query().bindings({"zeta": "1", "alpha": "2", "unit": "BDT"})
    assert str(exc.value) == (
        "query 'leads' has no parameter alpha, zeta "
        "(parameters: [objective], body=ISC-TF, unit, [plain])"
    )


def test_an_unknown_parameter_of_a_query_without_any() -> None:
    with pytest.raises(QueryError) as exc:
        NamedQuery("q", "ASK {}").bindings({"a": "1"})
    assert str(exc.value) == "query 'q' has no parameter a (parameters: none)"


# --- parameter values listed by a query ---------------------------------------------------

GRAPH = f"""
@prefix : <{ID}> .
@prefix skos: <{SKOS}> .
:BDT skos:notation "BDT" ; skos:prefLabel "Telecommunication Development Bureau"@en ;
  skos:altLabel "Development Bureau"@en .
:TSB skos:notation "TSB" ; skos:prefLabel "Telecommunication Standardization Bureau"@en .
:BR skos:notation "BR" ; skos:prefLabel "Radiocommunication Bureau"@en ;
  skos:altLabel "The Bureau"@en .
:SG skos:notation "SG" ; skos:prefLabel "General Secretariat"@en ;
  skos:altLabel "The Bureau"@en .
:C2 skos:notation "C2" .
:C10 skos:notation "C10" .
:c2 skos:notation "c2" .
:lower skos:notation "tsb-x" .
"""


@pytest.fixture(scope="module")
def small() -> ox.Store:
    store = ox.Store()
    store.load(GRAPH.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ID + "g"))
    return store


def _listed(select: str) -> NamedQuery:
    return NamedQuery.from_text("units", f"# param: unit\n# values: unit: {select}\nASK {{}}")


# The predeclared prefixes, in the order the message lists them (written out by hand).
PREDECLARED = (
    ":, dcterms:, foaf:, isc:, mapping:, org:, owl:, prov:, rdf:, rdfs:, role:, sdg:, sdgo:, "
    "sh:, skos:, sp20:, sp24:, xsd:"
)

UNITS = 'SELECT ?value WHERE { ?s skos:notation ?value FILTER (?value IN ("BDT", "TSB", "BR")) }'
ITEMS = 'SELECT ?value WHERE { ?s skos:notation ?value FILTER (?value IN ("C2", "C10", "c2")) }'


def test_a_listed_value_is_kept(small: ox.Store) -> None:
    assert _listed(UNITS).check_values(small, {"unit": "TSB"}) == {"unit": "TSB"}


def test_a_value_in_another_case_names_the_listed_one(small: ox.Store) -> None:
    assert _listed(UNITS).check_values(small, {"unit": "bdt"}) == {"unit": "BDT"}


def test_a_name_or_alternative_name_names_the_listed_id(small: ox.Store) -> None:
    q = _listed(UNITS)
    assert q.check_values(small, {"unit": "telecommunication development  bureau"}) == {
        "unit": "BDT"
    }
    assert q.check_values(small, {"unit": "Development Bureau"}) == {"unit": "BDT"}


def test_parameters_without_a_values_query_pass_unchanged(small: ox.Store) -> None:
    q = NamedQuery.from_text(
        "q", f"# param: unit\n# param: other\n# values: unit: {UNITS}\nASK {{}}"
    )
    assert q.check_values(small, {"other": "anything", "unit": "bdt"}) == {
        "other": "anything",
        "unit": "BDT",
    }


def test_an_exact_value_wins_over_one_in_another_case(small: ox.Store) -> None:
    """``C2`` and ``c2`` are both listed: each is kept as given."""
    q = _listed(ITEMS)
    assert q.check_values(small, {"unit": "C2"}) == {"unit": "C2"}
    assert q.check_values(small, {"unit": "c2"}) == {"unit": "c2"}
    assert q.check_values(small, {"unit": "c10"}) == {"unit": "C10"}


def test_a_name_shared_by_several_is_ambiguous(small: ox.Store) -> None:
    q = _listed('SELECT ?value WHERE { ?s skos:notation ?value FILTER (?value IN ("BR", "SG")) }')
    with pytest.raises(QueryError) as exc:
        q.check_values(small, {"unit": "the bureau"})
    assert str(exc.value) == "query 'units': unit 'the bureau' names several: BR, SG; give one"


def test_a_value_naming_nothing_suggests_close_ones(small: ox.Store) -> None:
    with pytest.raises(QueryError) as exc:
        _listed(UNITS).check_values(small, {"unit": "TSX"})
    assert str(exc.value) == (
        "query 'units': no unit 'TSX' in the graph; did you mean TSB? (one of: BDT, BR, TSB)"
    )


def test_a_value_naming_nothing_and_close_to_nothing(small: ox.Store) -> None:
    with pytest.raises(QueryError) as exc:
        _listed(UNITS).check_values(small, {"unit": "zzzzzz"})
    assert str(exc.value) == "query 'units': no unit 'zzzzzz' in the graph (one of: BDT, BR, TSB)"


def test_the_listed_values_are_in_natural_order(small: ox.Store) -> None:
    with pytest.raises(QueryError) as exc:
        _listed(ITEMS).check_values(small, {"unit": "x"})
    assert str(exc.value) == "query 'units': no unit 'x' in the graph (one of: C2, C10, c2)"


def test_up_to_three_close_values_are_suggested() -> None:
    store = ox.Store()
    for i in range(1, 6):
        store.add(
            ox.Quad(
                ox.NamedNode(f"{ID}u{i}"), ox.NamedNode(SKOS + "notation"), ox.Literal(f"unit{i}")
            )
        )
    q = _listed("SELECT ?value WHERE { ?s skos:notation ?value }")
    with pytest.raises(QueryError) as exc:
        q.check_values(store, {"unit": "unitX"})
    message = str(exc.value)
    hint = message.split("; did you mean ")[1].split("?")[0]
    assert len(hint.split(" or ")) == 3
    assert all(h.startswith("unit") for h in hint.split(" or "))


def test_a_long_list_of_values_is_not_shown() -> None:
    def store_of(n: int) -> ox.Store:
        store = ox.Store()
        for i in range(n):
            store.add(
                ox.Quad(
                    ox.NamedNode(f"{ID}v{i}"), ox.NamedNode(SKOS + "notation"), ox.Literal(f"v{i}")
                )
            )
        return store

    q = _listed("SELECT ?value WHERE { ?s skos:notation ?value }")
    with pytest.raises(QueryError) as exc:
        q.check_values(store_of(31), {"unit": "nothing-like-it"})
    assert str(exc.value) == "query 'units': no unit 'nothing-like-it' in the graph"
    with pytest.raises(QueryError) as exc:
        q.check_values(store_of(30), {"unit": "nothing-like-it"})
    assert str(exc.value).endswith(", v28, v29)")
    assert "(one of: v0, v1, v2, " in str(exc.value)


def test_ids_differing_only_in_case_are_suggested_first() -> None:
    """``Tsb-X`` is no listed id and names two in another case, and no entity by name: the
    two come first in the hint, then the close one (``tsb-y``: 3 of 5 characters in common,
    difflib's ratio 0.6, its cut-off)."""
    store = ox.Store()
    for s, n in [("a", "TSB-X"), ("b", "tsb-x"), ("c", "tsb-y")]:
        store.add(ox.Quad(ox.NamedNode(ID + s), ox.NamedNode(SKOS + "notation"), ox.Literal(n)))
    q = _listed("SELECT ?value WHERE { ?s skos:notation ?value }")
    with pytest.raises(QueryError) as exc:
        q.check_values(store, {"unit": "Tsb-X"})
    assert str(exc.value) == (
        "query 'units': no unit 'Tsb-X' in the graph; did you mean TSB-X or tsb-x or tsb-y? "
        "(one of: TSB-X, tsb-x, tsb-y)"
    )


# --- natural order, names and files -------------------------------------------------------


def test_natural_key_orders_numbers_by_value() -> None:
    items = ["C11", "C2", "C1", "B10", "B9", "10", "9", "D.2-10", "D.2-9", "a", "A"]
    assert sorted(items, key=natural_key) == [
        "9",
        "10",
        "A",
        "B9",
        "B10",
        "C1",
        "C2",
        "C11",
        "D.2-9",
        "D.2-10",
        "a",
    ]


def test_natural_key_puts_numbers_before_letters() -> None:
    assert sorted(["x", "2", "x2", "x10", "xa"], key=natural_key) == ["2", "x", "x2", "x10", "xa"]


def _queries(tmp_path: Path) -> Path:
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "unit-members.rq").write_text("# title: Members\nSELECT * WHERE { ?s ?p ?o }\n")
    (folder / "action-line-leads.rq").write_text("# title: Leads\nASK {}\n")
    (folder / "notes.txt").write_text("not a query")
    return folder


def test_list_queries_by_name(tmp_path: Path) -> None:
    found = list_queries(_queries(tmp_path))
    assert [(q.name, q.title) for q in found] == [
        ("action-line-leads", "Leads"),
        ("unit-members", "Members"),
    ]
    assert found[0].path == tmp_path / "queries" / "action-line-leads.rq"


def test_list_queries_of_a_missing_folder(tmp_path: Path) -> None:
    assert list_queries(tmp_path / "missing") == []
    (tmp_path / "file").write_text("x")
    assert list_queries(tmp_path / "file") == []


def test_load_by_name(tmp_path: Path) -> None:
    q = load_query("unit-members", _queries(tmp_path))
    assert (q.name, q.title, q.path) == (
        "unit-members",
        "Members",
        tmp_path / "queries" / "unit-members.rq",
    )


def test_load_by_path_of_any_extension(tmp_path: Path, monkeypatch) -> None:
    folder = _queries(tmp_path)
    other = tmp_path / "mine.sparql"
    other.write_text("# title: Mine\nASK {}\n", encoding="utf-8")
    q = load_query(str(other), folder)
    assert (q.name, q.title, q.path) == ("mine", "Mine", other)
    monkeypatch.chdir(tmp_path)
    assert load_query("mine.sparql", folder).title == "Mine"


def test_a_name_is_looked_up_before_a_file_of_that_name(tmp_path: Path, monkeypatch) -> None:
    folder = _queries(tmp_path)
    (tmp_path / "unit-members").write_text("# title: A file in the working folder\nASK {}")
    monkeypatch.chdir(tmp_path)
    assert load_query("unit-members", folder).title == "Members"


def test_a_path_ending_in_rq_is_a_path_not_a_name(tmp_path: Path, monkeypatch) -> None:
    folder = _queries(tmp_path)
    (folder / "x.rq.rq").write_text("# title: Named\nASK {}")
    (tmp_path / "x.rq").write_text("# title: File\nASK {}")
    monkeypatch.chdir(tmp_path)
    assert load_query("x.rq", folder).title == "File"


@pytest.mark.parametrize("given", ["missing.rq", "dir/missing", "dir\\missing", "q.sparql"])
def test_a_missing_file(tmp_path: Path, given: str) -> None:
    with pytest.raises(QueryError) as exc:
        load_query(given, _queries(tmp_path))
    assert str(exc.value) == f"{given}: no such file"


def test_an_unknown_name_suggests_close_ones(tmp_path: Path) -> None:
    folder = _queries(tmp_path)
    (folder / "unit-leads.rq").write_text("ASK {}")
    with pytest.raises(QueryError) as exc:
        load_query("LEADS", folder)
    assert str(exc.value) == (
        "no named query 'LEADS'; did you mean action-line-leads, unit-leads? "
        "(`isc-graph query --list` shows them all)"
    )
    with pytest.raises(QueryError) as exc:
        load_query("unit-members-by-body", folder)
    assert str(exc.value).startswith(
        "no named query 'unit-members-by-body'; did you mean unit-members?"
    )


def test_an_unknown_name_without_close_ones(tmp_path: Path) -> None:
    with pytest.raises(QueryError) as exc:
        load_query("zzz", _queries(tmp_path))
    assert str(exc.value) == "no named query 'zzz' (`isc-graph query --list` shows them all)"
    with pytest.raises(QueryError) as exc:
        load_query("zzz", tmp_path / "no-folder")
    assert str(exc.value) == "no named query 'zzz' (`isc-graph query --list` shows them all)"


def test_a_query_file_that_is_not_utf8(tmp_path: Path) -> None:
    folder = _queries(tmp_path)
    (folder / "latin.rq").write_bytes("# title: D\xe9veloppement\nASK {}".encode("latin-1"))
    with pytest.raises(QueryError) as exc:
        load_query("latin", folder)
    assert str(exc.value) == f"{folder / 'latin.rq'}: not valid UTF-8; save the query as UTF-8"


def test_a_query_file_is_read_as_utf8(tmp_path: Path) -> None:
    folder = _queries(tmp_path)
    (folder / "fr.rq").write_bytes("# title: Développement\nASK {}".encode())
    assert load_query("fr", folder).title == "Développement"


# --- --param NAME=VALUE -------------------------------------------------------------------


def test_parse_params() -> None:
    assert parse_params(["objective=D.2", " unit = BDT ", "q=a=b"]) == {
        "objective": "D.2",
        "unit": "BDT",
        "q": "a=b",
    }
    assert parse_params(("a=1", "a=1")) == {"a": "1"}
    assert parse_params([]) == {}


@pytest.mark.parametrize("pair", ["objective", "=D.2", " =x"])
def test_a_param_without_name_or_equals(pair: str) -> None:
    with pytest.raises(QueryError) as exc:
        parse_params([pair])
    assert str(exc.value) == f"--param takes NAME=VALUE, not '{pair}'"


@pytest.mark.parametrize("pair", ["objective=", "objective=  "])
def test_a_param_without_value(pair: str) -> None:
    with pytest.raises(QueryError) as exc:
        parse_params([pair])
    assert str(exc.value) == (
        "--param objective= has no value; give one, or leave the parameter out"
    )


def test_a_param_given_twice_differently() -> None:
    with pytest.raises(QueryError) as exc:
        parse_params(["a=1", "a=2"])
    assert str(exc.value) == "--param a is given twice ('1' and '2'); give it once"


# --- syntax errors ------------------------------------------------------------------------


def _message(text: str) -> str:
    with pytest.raises(QueryError) as exc:
        run_query(ox.Store(), text, name="mine")
    return str(exc.value)


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "  delete where { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/>\n  LOAD <http://example.org/x>",
        "# a comment: SELECT\nPREFIX a: <urn:a>\nBASE <urn:b>\nCLEAR ALL",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DROP GRAPH <urn:g>",
    ],
)
def test_an_update_is_explained(text: str) -> None:
    assert _message(text) == (
        "mine: SPARQL Update (INSERT, DELETE, LOAD …) is not run against the graph: it is "
        "built from data/, so change the files there and run `isc-graph build`"
    )


def test_an_update_word_later_in_a_query_is_not_an_update() -> None:
    message = _message("SELECT ?insert WHERE { ?insert ?p }")
    assert message.startswith("mine: invalid SPARQL at 1:")


def test_an_unknown_prefix_names_it_and_points_at_it() -> None:
    """Oxigraph reports the column just past the prefixed name (13 on line 2 here)."""
    assert _message("SELECT * WHERE {\n  ?s foo:bar ?o\n}") == (
        "mine: invalid SPARQL at 2:13: unknown prefix foo: (declare it with PREFIX, or use one "
        f"of the predeclared ones: {PREDECLARED})\n    ?s foo:bar ?o\n" + " " * 14 + "^"
    )


def test_explain_an_unknown_prefix_with_a_known_position() -> None:
    text = "SELECT * WHERE { ?s foo:bar ?o }"
    assert explain_syntax_error(text, "error at 1:28: Prefix not found") == (
        "invalid SPARQL at 1:28: unknown prefix foo: (declare it with PREFIX, or use one of the "
        f"predeclared ones: {PREDECLARED})\n  SELECT * WHERE {{ ?s foo:bar ?o }}\n" + " " * 29 + "^"
    )


def test_the_last_prefix_before_the_position_is_named() -> None:
    text = "SELECT * WHERE { ?s skos:x ?o . ?s bar:y ?o . ?s baz:z ?o }"
    col = text.index("bar:y") + len("bar:y") + 1
    message = explain_syntax_error(text, f"error at 1:{col}: Prefix not found")
    assert message.startswith(f"invalid SPARQL at 1:{col}: unknown prefix bar: (declare")


def test_explain_an_unknown_prefix_seen_only_as_a_colon() -> None:
    message = explain_syntax_error(":x", "error at 1:1: Prefix not found")
    assert message.startswith("invalid SPARQL at 1:1: unknown prefix : (declare it")


def test_explain_an_unknown_prefix_with_no_name_in_the_line() -> None:
    message = explain_syntax_error("abc", "error at 1:1: Prefix not found")
    assert message.startswith("invalid SPARQL at 1:1: unknown prefix in the query (declare it")


def test_explain_an_error_with_a_position() -> None:
    assert explain_syntax_error("SELECT ?x\nWHERE { ?x }", "error at 2:12: unexpected }") == (
        "invalid SPARQL at 2:12: unexpected }\n  WHERE { ?x }\n             ^"
    )


def test_explain_an_error_at_column_zero_and_outside_the_text() -> None:
    assert explain_syntax_error("ASK", "error at 1:0: x") == "invalid SPARQL at 1:0: x\n  ASK\n  ^"
    assert explain_syntax_error("ASK", "error at 2:1: x") == "invalid SPARQL at 2:1: x"
    assert explain_syntax_error("ASK", "error at 0:1: x") == "invalid SPARQL at 0:1: x"
    assert explain_syntax_error("", "error at 1:1: x") == "invalid SPARQL at 1:1: x\n  \n  ^"


def test_explain_an_error_without_a_position() -> None:
    assert explain_syntax_error("ASK", "something odd") == "invalid SPARQL something odd"


def test_a_long_expected_list_is_cut() -> None:
    expected = "expected one of " + ", ".join(f"'{c}'" for c in "abcdefghijklmnopqrstuvwxyz")
    message = f"error at 1:5: {expected}"
    assert explain_syntax_error("ASK x", message) == (
        "invalid SPARQL at 1:5: unexpected text here\n  ASK x\n      ^"
    )
    short = "error at 1:5: expected one of 'a', 'b'"
    assert explain_syntax_error("ASK x", short) == (
        "invalid SPARQL at 1:5: expected one of 'a', 'b'\n  ASK x\n      ^"
    )


def test_a_long_message_without_an_expected_list_is_kept() -> None:
    detail = "x" * 200
    assert explain_syntax_error("ASK", f"error at 1:1: {detail}") == (
        f"invalid SPARQL at 1:1: {detail}\n  ASK\n  ^"
    )


def test_expected_construct_names_every_form() -> None:
    assert explain_syntax_error("FOO", "error at 1:1: expected CONSTRUCT") == (
        "invalid SPARQL at 1:1: expected SELECT, CONSTRUCT, ASK or DESCRIBE\n  FOO\n  ^"
    )


# --- running ------------------------------------------------------------------------------


def test_run_query_reads_every_graph_with_the_prefixes(small: ox.Store) -> None:
    rows = run_query(small, "SELECT ?n WHERE { :BDT skos:notation ?n }")
    assert [r["n"] for r in rows] == [ox.Literal("BDT")]


def test_run_query_binds_values(small: ox.Store) -> None:
    text = "SELECT ?s WHERE { ?s skos:notation ?n }"
    rows = run_query(small, text, {ox.Variable("n"): ox.Literal("TSB")})
    assert [r["s"] for r in rows] == [ox.NamedNode(ID + "TSB")]
    rows = run_query(small, text, {"?n": ox.Literal("BR")})
    assert [r["s"] for r in rows] == [ox.NamedNode(ID + "BR")]
    rows = run_query(small, text, {"$n": ox.Literal("C2")})
    assert [r["s"] for r in rows] == [ox.NamedNode(ID + "C2")]
    rows = run_query(
        small, "SELECT ?n WHERE { ?s skos:notation ?n }", {"s": ox.NamedNode(ID + "SG")}
    )
    assert [r["n"] for r in rows] == [ox.Literal("SG")]


def test_run_query_without_bindings_leaves_the_text_alone(small: ox.Store) -> None:
    class Recording:
        text = ""

        def query(self, text: str, **kwargs: object) -> object:
            Recording.text = text
            Recording.kwargs = kwargs
            return small.query(text, **kwargs)

    run_query(Recording(), "ASK { ?s ?p ?o }", {})
    assert Recording.text == "ASK { ?s ?p ?o }"
    assert Recording.kwargs["use_default_graph_as_union"] is True
    assert Recording.kwargs["prefixes"]["skos"] == SKOS


@pytest.mark.parametrize("variable", ["a b", "?", "x-y", ""])
def test_a_bad_variable_name_cannot_be_bound(small: ox.Store, variable: str) -> None:
    with pytest.raises(QueryError) as exc:
        run_query(small, "ASK {}", {variable: ox.Literal("x")})
    assert str(exc.value) == f"cannot bind ?{variable.lstrip('?$')}: not a variable name"


def test_a_blank_node_cannot_be_bound(small: ox.Store) -> None:
    node = ox.BlankNode("b1")
    with pytest.raises(QueryError) as exc:
        run_query(small, "ASK {}", {"x": node})
    assert str(exc.value) == f"cannot bind {node!r}: only an IRI or a literal can be bound"


def test_a_syntax_error_names_the_query(small: ox.Store) -> None:
    with pytest.raises(QueryError) as exc:
        run_query(small, "SELECT WHERE", name="broken")
    assert str(exc.value).startswith("broken: invalid SPARQL at 1:")


def test_a_bad_language_is_a_query_error(small: ox.Store) -> None:
    with pytest.raises(QueryError):
        run_query(small, "SELECT ?lang WHERE {}", lang="not a language!")


def test_the_language_is_bound(small: ox.Store) -> None:
    [row] = run_query(small, "SELECT ?lang WHERE {}", lang="fr")
    assert row["lang"] == ox.Literal("fr")


def test_a_store_failure_is_a_query_error() -> None:
    class Failing:
        def query(self, text: str, **kwargs: object) -> object:
            raise OSError("disk gone")

    with pytest.raises(QueryError) as exc:
        run_query(Failing(), "ASK {}", name="q")
    assert str(exc.value) == "q: the store failed while running the query: disk gone"


def test_an_overlong_query_is_refused_before_running(small: ox.Store) -> None:
    with pytest.raises(QueryError, match=r"^big: the query is "):
        run_query(small, "ASK {}" + " " * 2_000_000, name="big")


# --- cases that once went unnoticed (found by mutation testing) ----------------------------


def test_a_query_made_in_code_has_no_title_or_description() -> None:
    q = NamedQuery("q", "ASK {}")
    assert (q.title, q.description, q.params, q.examples, q.values) == ("", "", [], [], {})


def test_an_indented_hash_line_is_not_part_of_the_header() -> None:
    q = NamedQuery.from_text("q", "  # title: indented\nASK {}")
    assert q.title == ""


TWO = f"# param: item\n# param: unit\n# values: item: {ITEMS}\n# values: unit: {UNITS}\nASK {{}}"


def test_every_parameter_is_checked_after_an_exact_one() -> None:
    store = ox.Store()
    store.load(GRAPH.encode(), format=ox.RdfFormat.TURTLE)
    q = NamedQuery.from_text("two", TWO)
    with pytest.raises(QueryError, match=r"^query 'two': no unit 'nope' in the graph"):
        q.check_values(store, {"item": "C2", "unit": "nope"})


def test_every_parameter_is_resolved_after_a_resolved_one(small: ox.Store) -> None:
    q = NamedQuery.from_text("two", TWO)
    assert q.check_values(small, {"item": "c10", "unit": "bdt"}) == {"item": "C10", "unit": "BDT"}


def test_the_ids_a_shared_name_names_are_in_natural_order() -> None:
    store = ox.Store()
    shared = f"""@prefix : <{ID}> . @prefix skos: <{SKOS}> .
    :C10 skos:notation "C10" ; skos:altLabel "Access"@en .
    :C9 skos:notation "C9" ; skos:altLabel "Access"@en .
    """
    store.load(shared.encode(), format=ox.RdfFormat.TURTLE)
    q = _listed("SELECT ?value WHERE { ?s skos:notation ?value }")
    with pytest.raises(QueryError) as exc:
        q.check_values(store, {"unit": "access"})
    assert str(exc.value) == "query 'units': unit 'access' names several: C9, C10; give one"


def test_a_broken_values_query_names_its_query(small: ox.Store) -> None:
    with pytest.raises(QueryError, match=r"^units: invalid SPARQL at 1:"):
        _listed("SELECT ?value WHERE {").check_values(small, {"unit": "BDT"})


def test_an_update_after_a_comment_with_two_hashes_is_explained() -> None:
    assert _message("# one # two\nINSERT DATA { <urn:a> <urn:b> <urn:c> }").startswith(
        "mine: SPARQL Update"
    )


def test_an_unknown_prefix_in_capitals_is_named() -> None:
    text = "SELECT * WHERE { ?s Foo:bar ?o }"
    message = explain_syntax_error(text, "error at 1:28: Prefix not found")
    assert message.startswith("invalid SPARQL at 1:28: unknown prefix Foo: (declare")


def test_a_prefix_after_the_position_is_not_named() -> None:
    text = "SELECT * WHERE { ?s bar:y x:z }"
    col = text.index("bar:y") + len("bar:y") + 1
    message = explain_syntax_error(text, f"error at 1:{col}: Prefix not found")
    assert message.startswith(f"invalid SPARQL at 1:{col}: unknown prefix bar: (declare")


def test_an_unnamed_query_is_called_query(small: ox.Store) -> None:
    with pytest.raises(QueryError, match=r"^query: invalid SPARQL at 1:"):
        run_query(small, "SELECT WHERE")


def test_a_bad_language_names_the_languages_there_are(small: ox.Store) -> None:
    with pytest.raises(QueryError) as exc:
        run_query(small, "SELECT ?lang WHERE {}", lang="xx")
    assert str(exc.value).startswith("no labels in language 'xx': choose one of en, ")


def test_a_variable_whose_name_starts_with_x_is_bound(small: ox.Store) -> None:
    [row] = run_query(small, "SELECT ?X WHERE {}", {"X": ox.Literal("x")})
    assert row["X"] == ox.Literal("x")


def test_a_query_file_is_read_as_utf8_whatever_the_locale(tmp_path: Path) -> None:
    """A query with accents reads the same on a machine whose locale is not UTF-8 (the C
    locale, with Python's UTF-8 mode and locale coercion off, as on many servers)."""
    import os
    import subprocess
    import sys

    (tmp_path / "resume.rq").write_text(
        "# title: Résolutions adoptées\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8"
    )
    env = {
        **os.environ,
        "LC_ALL": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONIOENCODING": "utf-8",
    }
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import locale, sys; from pathlib import Path; "
            "from isc_graph.queries import load_query; "
            "q = load_query('resume', Path(sys.argv[1])); "
            "print(locale.getpreferredencoding(False), q.title, sep='|')",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
    )
    encoding, title = shown.stdout.strip().split("|")
    assert encoding.lower() not in ("utf-8", "utf8")  # the test really ran without UTF-8
    assert title == "Résolutions adoptées"
