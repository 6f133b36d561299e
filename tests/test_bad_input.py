"""Bad input gets a clear error naming the place, and never touches the live graph."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Invoke, assert_unchanged

PREFIXES = (
    "@prefix : <https://w3id.org/isc-graph/id/> .\n"
    "@prefix isc: <https://w3id.org/isc-graph/ontology#> .\n"
    "@prefix org: <http://www.w3.org/ns/org#> .\n"
    "@prefix role: <https://w3id.org/isc-graph/id/role/> .\n"
    "@prefix sdg: <http://metadata.un.org/sdg/> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)
SOURCE = (
    "prov:qualifiedDerivation [ a prov:Derivation ; prov:entity :doc-004 ; "
    'isc:locator "Annex 1" ; isc:quote "q" ]'
)


def add(root: Path, name: str, text: str) -> None:
    (root / "data" / name).write_text(PREFIXES + text, encoding="utf-8")


UNREADABLE = {
    "malformed Turtle": (
        "extra.ttl",
        (PREFIXES + ':X a isc:Bureau ;\n  skos:prefLabel "X"@en\n').encode(),
        "Error: data/extra.ttl:11:1: unexpected end of file: the last statement is not "
        "finished (missing ' .'?)\n",
    ),
    "unknown prefix": (
        "extra.ttl",
        (PREFIXES + "foo:X a isc:Bureau .\n").encode(),
        "Error: data/extra.ttl:9:1: The prefix foo: has not been declared\n",
    ),
    "empty file": (
        "empty.ttl",
        b"",
        "Error: data/empty.ttl:1:1: the file is empty; add Turtle statements or delete the file\n",
    ),
    "non-UTF-8 file": (
        "extra.ttl",
        PREFIXES.encode() + b':BDT skos:altLabel "Bur\xe9au"@en .\n',
        "Error: data/extra.ttl:9:24: not valid UTF-8 (byte 0xe9); save the file as UTF-8\n",
    ),
    "space in a prefix IRI": (
        "extra.ttl",
        (PREFIXES + "@prefix x: <not an iri> .\n").encode(),
        "Error: data/extra.ttl:9:12: Invalid IRI code point ' '\n",
    ),
    "missing dot between statements": (
        "extra.ttl",
        (PREFIXES + ':BDT skos:altLabel "x"@en :BDT skos:altLabel "y"@en .\n').encode(),
        "Error: data/extra.ttl:9:27: A dot is expected at the end of statements\n",
    ),
    "bad escape": (
        "extra.ttl",
        (PREFIXES + ':BDT skos:altLabel "bad \\q"@en .\n').encode(),
        "Error: data/extra.ttl:9:25: Unexpected escape character '\\q'\n",
    ),
    "bad language tag": (
        "extra.ttl",
        (PREFIXES + ':BDT skos:altLabel "x"@-en .\n').encode(),
        "Error: data/extra.ttl:9:24: A language code should always start with a letter\n",
    ),
    "unclosed string": (
        "extra.ttl",
        (PREFIXES + ':BDT skos:altLabel "x\n').encode(),
        "Error: data/extra.ttl:9:20: unexpected end of file inside a string or IRI: close its "
        "quote or '>'\n",
    ),
    "unclosed IRI": (
        "extra.ttl",
        (PREFIXES + ":BDT skos:altLabel <http://unclosed .\n").encode(),
        "Error: data/extra.ttl:9:20: unexpected end of file inside a string or IRI: close its "
        "quote or '>'\n",
    ),
    "prefixes only": (
        "extra.ttl",
        PREFIXES.encode(),
        "Error: data/extra.ttl:1:1: the file holds prefixes but no statements; add data or "
        "delete the file\n",
    ),
    # Defect 6: pyoxigraph's MemoryError ("buffer maximal size"), with no file named.
    "17 MB literal": (
        "big.ttl",
        (PREFIXES + ':BDT skos:altLabel "' + "a" * 17_000_000 + '"@en .\n').encode(),
        "Error: data/big.ttl:9:20: a literal of 16.2 MiB is longer than the parser takes "
        "(16 MiB): keep a quote to the passage that states the fact, or keep long text outside "
        "the graph and link to it\n",
    ),
    "17 MB IRI": (
        "big.ttl",
        (PREFIXES + ":BDT skos:altLabel <http://x/" + "a" * 17_000_000 + "> .\n").encode(),
        "Error: data/big.ttl:9:20: an IRI of 16.2 MiB is longer than the parser takes "
        "(16 MiB): keep a quote to the passage that states the fact, or keep long text outside "
        "the graph and link to it\n",
    ),
    "17 MB unclosed long string": (
        "big.ttl",
        (PREFIXES + ':BDT skos:altLabel """' + "a\n" * 9_000_000).encode(),
        "Error: data/big.ttl: a literal or IRI (or an unclosed quote) is longer than the parser "
        "takes (16 MiB): keep a quote to the passage that states the fact, or keep long text "
        "outside the graph and link to it\n",
    ),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_source(case: str, cli: Invoke, built, store: Path) -> None:
    name, content, expected = UNREADABLE[case]
    root = built[0]
    (root / "data" / name).write_bytes(content)
    for command in ("build", "validate"):
        result = cli(root, command)
        assert result.exit_code == 2
        assert result.stderr == expected
        assert "Traceback" not in result.stdout + result.stderr
    assert_unchanged(store, built)


def test_byte_order_mark_is_accepted(cli: Invoke, built, store: Path) -> None:
    """Defect 6: a UTF-8 BOM gave "1:1: \ufeff is not a valid subject"; it is dropped."""
    root = built[0]
    text = PREFIXES + ':BDT skos:altLabel "Development Bureau"@en .\n'
    (root / "data" / "bom.ttl").write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = cli(root, "query", "-e", "SELECT ?l WHERE { :BDT skos:altLabel ?l }", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "l\nDevelopment Bureau\n"
    # Positions on the first line are those an editor shows (it hides the BOM).
    (root / "data" / "bom.ttl").write_bytes(b"\xef\xbb\xbf:BDT a .\n")
    result = cli(root, "build")
    assert result.stderr.startswith("Error: data/bom.ttl:1:")


def test_unreadable_file_names_it(
    cli: Invoke, built, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 6: an unreadable source gave "unexpected PermissionError"."""
    root = built[0]
    secret = root / "data" / "secret.ttl"
    secret.write_text(PREFIXES + ':BDT skos:altLabel "x"@en .\n', encoding="utf-8")
    secret.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the system refuse as it would a user
        real_read, real_open = Path.read_bytes, Path.open

        def refuse(self: Path) -> None:
            if self.name == "secret.ttl":
                raise PermissionError(13, "Permission denied", str(self))

        def read_bytes(self: Path) -> bytes:
            refuse(self)
            return real_read(self)

        def open_(self: Path, *args, **kwargs):
            refuse(self)
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        monkeypatch.setattr(Path, "open", open_)
    for command in ("build", "validate", "stats"):
        result = cli(root, command)
        assert result.exit_code == 2, result.stderr
        assert result.stderr == (
            "Error: data/secret.ttl: cannot read: Permission denied; make it readable "
            "(chmod a+r data/secret.ttl)\n"
        )
    monkeypatch.undo()
    assert_unchanged(store, built)


def test_dangling_reference(cli: Invoke, built, store: Path) -> None:
    root = built[0]
    add(root, "extra.ttl", ":BDT org:unitOf :ITU-DD .\n")
    result = cli(root, "build")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "data/doc-004.ttl, data/extra.ttl: BDT org:unitOf: ITU-DD is referenced here but defined "
        "nowhere: define it (type, label, notation, source) or correct the IRI"
    )
    assert result.stderr.splitlines()[-1] == (
        "Error: Does not conform: 1 violation. Nothing was loaded; the previous graph is unchanged."
    )
    assert_unchanged(store, built)


UNIT = ":SG5 a org:OrganizationalUnit ;"
ENTITY = ':{id} a {cls} ; skos:notation "{id}" ; skos:prefLabel "{id}"@en ; ' + SOURCE + " .\n"
# A reference text of its own, cited by article (as data/itu-basic-texts.ttl is).
REFERENCE = (
    ':ref a isc:ReferenceText ; skos:notation "ref" ; skos:prefLabel "ref"@en ; '
    "prov:qualifiedDerivation [ a prov:Derivation ; prov:entity :ref ; "
    'isc:locator "CS Art. 1" ] .\n'
)

SHAPE_CASES = {
    "missing label": (
        f':SG5 a org:OrganizationalUnit ; skos:notation "SG5" ; {SOURCE} .\n',
        "data/extra.ttl: SG5 skos:prefLabel: needs exactly one skos:prefLabel: add one label "
        '("…"@en), or remove the extra ones',
    ),
    "label without language": (
        f'{UNIT} skos:notation "SG5" ; skos:prefLabel "SG5" ; {SOURCE} .\n',
        "data/extra.ttl: SG5 skos:prefLabel: skos:prefLabel must be an English language-tagged "
        'string: write "…"@en',
    ),
    "notation differs from IRI": (
        f'{UNIT} skos:notation "SG-5" ; skos:prefLabel "SG5"@en ; {SOURCE} .\n',
        "data/extra.ttl: SG5 skos:notation: skos:notation SG-5 does not match the IRI's last "
        "segment: use the same short id in both ('/' in the id becomes '-' in the IRI)",
    ),
    "no source": (
        ':SG5 a org:OrganizationalUnit ; skos:notation "SG5" ; skos:prefLabel "SG5"@en .\n',
        "data/extra.ttl: SG5 prov:qualifiedDerivation: has no source: add "
        "prov:qualifiedDerivation [ a prov:Derivation ; prov:entity :doc-NNN ; "
        'isc:locator "…" ; isc:quote "…" ] (from a report), or [ a prov:Derivation ; '
        'prov:entity :itu-basic-texts ; isc:locator "CS Art. N" ] (from a reference text)',
    ),
    "source without quote": (
        f'{UNIT} skos:notation "SG5" ; skos:prefLabel "SG5"@en ; '
        "prov:qualifiedDerivation [ a prov:Derivation ; prov:entity :doc-004 ; "
        'isc:locator "x" ] .\n',
        "data/extra.ttl: SG5 prov:qualifiedDerivation: a derivation from the report doc-004 has "
        "no isc:quote: add the passage that states the fact, verbatim",
    ),
    "action line code": (
        ENTITY.format(id="C12", cls="isc:ActionLine").replace(
            " .\n", " ; skos:inScheme :WSIS-ActionLines .\n"
        ),
        "data/extra.ttl: C12 skos:notation: a WSIS action line code is C1 … C11",
    ),
    "outcome code": (
        ENTITY.format(id="D.2_1", cls="isc:Outcome").replace(
            " .\n", " ; isc:objective <https://w3id.org/isc-graph/id/sp2020-2023/D.2> .\n"
        ),
        "data/extra.ttl: D.2_1 skos:notation: an outcome code is like I.6-a or D.2-1 "
        "(normalise printed typos such as D.1.5 and keep them as isc:originalCode)",
    ),
    "SDG out of range": (
        "<https://w3id.org/isc-graph/id/sp2020-2023/D.2-3> isc:contributesToSDG sdg:18 .\n",
        "data/doc-004.ttl, data/extra.ttl: D.2-3 isc:contributesToSDG: isc:contributesToSDG takes "
        "an SDG as the UN's IRI, <http://metadata.un.org/sdg/1> … <http://metadata.un.org/sdg/17>",
    ),
    "engagement without role": (
        f"[] a isc:Engagement ; isc:agent :BDT ; isc:topic :C2 ; {SOURCE} .\n",
        "data/extra.ttl: isc:Engagement [agent BDT, topic C2] isc:role: an engagement has "
        "exactly one isc:role from "
        "ontology/roles.ttl (role:focal-point …)",
    ),
    "membership without organization": (
        f"[] a org:Membership ; org:member :BDT ; org:role role:member ; {SOURCE} .\n",
        "data/extra.ttl: org:Membership [member BDT, role member] org:organization: a membership "
        "has exactly one "
        "org:organization (the body)",
    ),
    "mandate without action": (
        ENTITY.format(id="Res191-2018-m9", cls="isc:Mandate"),
        "data/extra.ttl: Res191-2018-m9 isc:action: a mandate states exactly one isc:action, "
        "in the source's words",
    ),
    "thematic list without year": (
        ENTITY.format(id="TA-2030", cls="isc:ThematicAreaList"),
        "data/extra.ttl: TA-2030 isc:documentYear: a thematic-area list is dated by exactly one "
        "isc:documentYear (xsd:gYear)",
    ),
    "entity as a blank node": (
        f'[] a isc:Initiative ; skos:notation "X" ; skos:prefLabel "X"@en ; {SOURCE} .\n',
        "data/extra.ttl: isc:Initiative: an entity must be named by an IRI, not a blank node: "
        "give it an IRI in the id namespace",
    ),
    "reference text quoted": (
        REFERENCE
        + ENTITY.format(id="X1", cls="isc:Initiative").replace(
            'prov:entity :doc-004 ; isc:locator "Annex 1"',
            'prov:entity :ref ; isc:locator "CS Art. 7"',
        ),
        "data/extra.ttl: X1 prov:qualifiedDerivation: a derivation from the reference text ref "
        "carries an isc:quote, but that text is paraphrased, not quoted: remove the quote and "
        'cite the article in isc:locator (e.g. "CS Art. 17, para. 2")',
    ),
    "reference text cited without an article": (
        REFERENCE
        + ENTITY.format(id="X1", cls="isc:Initiative").replace(
            'prov:entity :doc-004 ; isc:locator "Annex 1" ; isc:quote "q"',
            'prov:entity :ref ; isc:locator "Chapter II"',
        ),
        "data/extra.ttl: X1 prov:qualifiedDerivation: the locator Chapter II of a derivation "
        'from the reference text ref does not name an article: write it as "CS Art. 17, '
        'para. 2" or "CV Art. 14A"',
    ),
    "source is not a document": (
        f'{UNIT} skos:notation "SG5" ; skos:prefLabel "SG5"@en ; '
        'prov:qualifiedDerivation [ a prov:Derivation ; prov:entity :BDT ; isc:locator "x" ; '
        'isc:quote "q" ] .\n',
        "data/extra.ttl: SG5 prov:entity: a derivation names exactly one prov:entity, an "
        "isc:SourceDocument (e.g. :doc-004) or an isc:ReferenceText (:itu-basic-texts)",
    ),
    "objective code": (
        ENTITY.format(id="D2", cls="isc:SectorObjective").replace(
            " .\n", " ; isc:plan :SP2020-2023 .\n"
        ),
        "data/extra.ttl: D2 skos:notation: an objective code is a Sector letter (R, T, D) or I, "
        "a dot and a number, e.g. D.2 or I.6",
    ),
    "objective without plan": (
        ENTITY.format(id="D.9", cls="isc:SectorObjective"),
        "data/extra.ttl: D.9 isc:plan: an objective belongs to exactly one strategic plan "
        "(isc:plan)",
    ),
    "output code": (
        ENTITY.format(id="I.6-z", cls="isc:Output").replace(
            " .\n", " ; isc:objective <https://w3id.org/isc-graph/id/sp2020-2023/D.2> .\n"
        ),
        "data/extra.ttl: I.6-z skos:notation: an output code is like I.6-1",
    ),
    "sub-line without action line": (
        ENTITY.format(id="C7-e-x", cls="isc:ActionLineSubLine"),
        "data/extra.ttl: C7-e-x skos:broader: a sub-line has exactly one skos:broader, its "
        "action line (e.g. :C7)",
    ),
    "revision of nothing": (
        ENTITY.format(id="Res9-2018", cls="isc:Revision"),
        "data/extra.ttl: Res9-2018 isc:revisionOf: a revision is a version of exactly one "
        "resolution or decision (isc:revisionOf)",
    ),
    "revision year as a number": (
        ENTITY.format(id="Res9-2018", cls="isc:Revision").replace(
            " .\n", " ; isc:year 2018 ; isc:revisionOf :Res9 .\n"
        )
        + ENTITY.format(id="Res9", cls="isc:Resolution"),
        "data/extra.ttl: Res9-2018 isc:year: a revision has at most one isc:year, an xsd:gYear "
        '("2018"^^xsd:gYear)',
    ),
    "mandate verb": (
        ENTITY.format(id="Res9-m1", cls="isc:Mandate").replace(
            " .\n", ' ; isc:action "to act" ; isc:verb "Instructs" .\n'
        ),
        "data/extra.ttl: Res9-m1 isc:verb: isc:verb is one lower-case operative verb (resolves, "
        "instructs, invites, encourages …)",
    ),
    "addressee as text": (
        ENTITY.format(id="Res9-m1", cls="isc:Mandate").replace(
            " .\n", ' ; isc:action "to act" ; isc:addressee "the Secretary-General" .\n'
        ),
        "data/extra.ttl: Res9-m1 isc:addressee: an addressee is an entity IRI (a post, body or "
        "membership category), not text",
    ),
    "meeting count as text": (
        f'[] a isc:MeetingCount ; isc:count "five" ; {SOURCE} .\n',
        "data/extra.ttl: isc:MeetingCount isc:count: a meeting count has exactly one isc:count, "
        "an integer",
    ),
    "SDG goal notation": (
        'sdg:13 skos:notation "13a" .\n',
        "data/doc-004.ttl, data/extra.ttl: 13 skos:notation: an SDG goal has one notation, its "
        "number 1 … 17",
    ),
    "thematic area outside any list": (
        ENTITY.format(id="TA-2030-x", cls="isc:ThematicArea"),
        "data/extra.ttl: TA-2030-x skos:inScheme: a thematic area belongs to exactly one dated "
        "list (skos:inScheme)",
    ),
    "unknown ontology term": (
        ":BDT isc:secretariatFor :C2 .\n",
        "data/doc-004.ttl, data/extra.ttl: BDT: isc:secretariatFor is not defined by the "
        "ontology: check the spelling against ontology/isc.ttl",
    ),
    "misspelt SKOS property": (
        ':BDT skos:prefLable "Development Bureau"@en .\n',
        "data/extra.ttl: BDT skos:prefLable: 'prefLable' is not a term of "
        "http://www.w3.org/2004/02/skos/core#: check the spelling",
    ),
    "misspelt ORG class": (
        f"[] a org:Membershipp ; org:member :BDT ; {SOURCE} .\n",
        "data/extra.ttl: org:Membershipp [member BDT] rdf:type: class 'Membershipp' is not a "
        "term of http://www.w3.org/ns/org#: check the spelling",
    ),
    "misspelt datatype": (
        ':TA-2022 isc:documentYear "2022"^^xsd:gYaer .\n',
        "data/extra.ttl: TA-2022 isc:documentYear: xsd:gYaer is not an XML Schema datatype",
    ),
    "ill-formed year": (
        ':TA-2022 isc:documentYear "twenty"^^xsd:gYear .\n',
        "data/extra.ttl: TA-2022 isc:documentYear: 'twenty' is not a valid xsd:gYear "
        '(expected e.g. "2018")',
    ),
    "ill-formed integer": (
        f'[] a isc:MeetingCount ; isc:count "five"^^xsd:integer ; {SOURCE} .\n',
        "data/extra.ttl: isc:MeetingCount isc:count: 'five' is not a valid xsd:integer "
        '(expected e.g. "42")',
    ),
    # Defect 7: no shape covered the year of a conference or an event.
    "conference year as a number": (
        ENTITY.format(id="PP-90", cls="isc:Conference").replace(" .\n", " ; isc:year 1990 .\n"),
        "data/extra.ttl: PP-90 isc:year: a conference or event has at most one isc:year, an "
        'xsd:gYear: write "2018"^^xsd:gYear, not 2018',
    ),
    "event with two years": (
        ENTITY.format(id="WF-90", cls="isc:Event").replace(
            " .\n", ' ; isc:year "1990"^^xsd:gYear, "1991"^^xsd:gYear .\n'
        ),
        "data/extra.ttl: WF-90 isc:year: a conference or event has at most one isc:year, an "
        'xsd:gYear: write "2018"^^xsd:gYear, not 2018',
    ),
    "session year as text": (
        ENTITY.format(id="S-90", cls="isc:Session").replace(" .\n", ' ; isc:year "1990" .\n'),
        "data/extra.ttl: S-90 isc:year: a conference or event has at most one isc:year, an "
        'xsd:gYear: write "2018"^^xsd:gYear, not 2018',
    ),
    "two labels": (
        f':SG5 a org:OrganizationalUnit ; skos:notation "SG5" ; skos:prefLabel "SG5"@en, '
        f'"SG 5"@en ; {SOURCE} .\n',
        "data/extra.ttl: SG5 skos:prefLabel: needs exactly one skos:prefLabel: add one label "
        '("…"@en), or remove the extra ones',
    ),
    "second notation": (
        ':BDT skos:notation "BDT2" .\n',
        "data/doc-004.ttl, data/extra.ttl: BDT skos:notation: needs exactly one skos:notation, "
        'its short official id (e.g. "BDT", "D.2-1")',
    ),
}


@pytest.mark.parametrize("case", sorted(SHAPE_CASES))
def test_shape_violations(case: str, cli: Invoke, built, store: Path) -> None:
    root = built[0]
    snippet, expected = SHAPE_CASES[case]
    add(root, "extra.ttl", snippet)
    result = cli(root, "build")
    assert result.exit_code == 1, result.stderr
    assert expected in result.stderr.splitlines()
    assert "Nothing was loaded; the previous graph is unchanged." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert_unchanged(store, built)
    # validate reports the same, on stdout, with pySHACL's exit code.
    checked = cli(root, "validate")
    assert checked.exit_code == 1
    assert expected in checked.stdout.splitlines()


def test_read_command_refuses_stale_answers_when_rebuild_fails(cli: Invoke, built, store) -> None:
    root = built[0]
    add(root, "extra.ttl", ":BDT org:unitOf :ITU-DD .\n")
    result = cli(root, "query", "action-line-leads")
    assert result.exit_code == 1
    assert "rebuilding" in result.stderr
    assert result.stdout == ""
    assert_unchanged(store, built)


def test_changed_data_is_rebuilt_by_read_commands(cli: Invoke, built, store: Path) -> None:
    root = built[0]
    add(root, "extra.ttl", ':BDT skos:altLabel "Development Bureau"@en .\n')
    result = cli(root, "query", "-e", "SELECT ?l WHERE { :BDT skos:altLabel ?l }", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert "ontology/ or data/ changed since the last build; rebuilding…" in result.stderr
    assert result.stdout == "l\nDevelopment Bureau\n"
    again = cli(root, "query", "-e", "SELECT ?l WHERE { :BDT skos:altLabel ?l }", "-f", "csv")
    assert again.stderr == ""


def test_exception_during_load_leaves_previous_graph(
    cli: Invoke, built, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import isc_graph.build as build_module

    real_load, loaded = build_module.load_source, []

    def dies_while_loading(db, source) -> None:
        """Loads the first files, then is interrupted loading the next."""
        loaded.append(source)
        if len(loaded) == 3:
            raise KeyboardInterrupt
        real_load(db, source)

    monkeypatch.setattr(build_module, "load_source", dies_while_loading)
    root = built[0]
    add(root, "extra.ttl", ':BDT skos:altLabel "Development Bureau"@en .\n')
    result = cli(root, "build")
    assert result.exit_code == 130
    assert result.stderr.endswith("Interrupted; the previous graph is unchanged.\n")
    monkeypatch.undo()
    assert_unchanged(store, built)
    assert len(list(store.glob("g-*"))) == 1
    # No half-written generation is left behind, and the next build succeeds.
    assert cli(root, "build").exit_code == 0
    assert len(list(store.glob("g-*"))) == 2


def test_killed_build_leaves_previous_graph(built, store: Path) -> None:
    """SIGKILL a real build process while it loads; the store still opens with the old graph."""
    root = built[0]
    lines = [PREFIXES]
    lines += [f':BDT skos:altLabel "label {i}"@en .\n' for i in range(40000)]
    (root / "data" / "bulk.ttl").write_text("".join(lines), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "isc_graph", "--root", str(root), "build"],
        env={**os.environ, "ISC_GRAPH_STORE": str(store)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    live = (store / built[1].strip()).name
    killed_mid_load = False
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        fresh = [g for g in store.glob("g-*") if g.name != live]
        if fresh and not (fresh[0] / "manifest.json").exists():
            proc.send_signal(signal.SIGKILL)
            killed_mid_load = True
            break
        time.sleep(0.001)
    proc.wait()
    assert killed_mid_load, "the build finished before it could be interrupted"
    assert_unchanged(store, built)


@pytest.mark.parametrize(
    "name", ["extra.nt", "extra.nq", "extra.rdf", "extra.jsonld", "extra.turtle", "more/extra.ttl"]
)
def test_rdf_files_that_would_not_be_loaded_are_refused(
    name: str, cli: Invoke, built, store: Path
) -> None:
    root = built[0]
    (root / "data" / name).parent.mkdir(exist_ok=True)
    (root / "data" / name).write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    first = name.split("/")[0]
    result = cli(root, "build")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: data/{first}: only Turtle files directly in data/ are loaded "
        "(data/NAME.ttl, one per source document); convert or move it there"
    )
    assert_unchanged(store, built)


def _write(rel: str, text: str = PREFIXES + ':BDT skos:altLabel "x"@en .\n') -> Callable:
    def setup(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return setup


def _link(rel: str, target: str) -> Callable:
    return lambda root: (root / rel).symlink_to(target)


def _mkdir(rel: str) -> Callable:
    return lambda root: (root / rel).mkdir(parents=True)


def _nothing(root: Path) -> None:
    pass


def _elsewhere(rel: str) -> Callable:
    """Run the command with --root at ``rel`` beside the project (prepared by ``make``)."""

    def setup(root: Path) -> Path:
        other = root.parent / rel
        if rel == "afile":
            other.write_text("not a project\n", encoding="utf-8")
        elif rel == "no-data":
            (other / "ontology").mkdir(parents=True)
        return other

    return setup


NOT_LOADED = (
    "only Turtle files directly in data/ are loaded (data/NAME.ttl, one per source document); "
    "convert or move it there"
)
TOO_LONG = ": keep a quote to the passage that states the fact"

# Bad input of every other kind: (prepare the project, the command, exit code, what stderr
# must contain: the place and what to do). Each also checks that no traceback is printed and
# the previous graph still answers.
CORPUS: dict[str, tuple[Callable, tuple[str, ...], int, str]] = {
    # Defect 7: inputs that were skipped or merged in silence.
    "upper-case suffix": (
        _write("data/doc-005.TTL"),
        ("build",),
        2,
        "Error: data/doc-005.TTL: the suffix .TTL is not .ttl: only lower-case .ttl files are "
        "loaded; rename it data/doc-005.ttl",
    ),
    "symlink loop": (
        _link("data/loop.ttl", "loop.ttl"),
        ("build",),
        2,
        "Error: data/loop.ttl: a symbolic link that leads nowhere (a loop, or its target is "
        "missing): fix the link or remove it",
    ),
    "dangling symlink": (
        _link("data/doc-006.ttl", "/nonexistent/doc-006.ttl"),
        ("validate",),
        2,
        "Error: data/doc-006.ttl: a symbolic link that leads nowhere",
    ),
    "link back to data/": (
        _link("data/again", "."),
        ("build",),
        2,
        f"Error: data/again: {NOT_LOADED}",
    ),
    "empty folder named x.ttl": (
        _mkdir("data/x.ttl"),
        ("build",),
        2,
        "Error: data/x.ttl: a folder (or device) named like a Turtle file: remove or rename it",
    ),
    "data/ontology.ttl": (
        _write("data/ontology.ttl"),
        ("build",),
        2,
        "Error: data/ontology.ttl: its named graph would be the ontology's (…/graph/ontology), "
        "and its facts merged with ontology/*.ttl: rename the file after its source document",
    ),
    "space in a file name": (
        _write("data/doc 005.ttl"),
        ("build",),
        2,
        "Error: data/doc 005.ttl: the file name becomes the IRI of its named graph, which "
        "cannot hold spaces",
    ),
    "Turtle without a suffix": (
        _write("data/doc-005"),
        ("build",),
        2,
        "Error: data/doc-005: holds Turtle, but only files ending in .ttl are loaded; rename it "
        "data/doc-005.ttl or move it out of data/",
    ),
    "Turtle as .txt": (
        _write("data/doc-005.ttl.txt"),
        ("validate",),
        2,
        "Error: data/doc-005.ttl.txt: holds Turtle, but only files ending in .ttl are loaded; "
        "rename it data/doc-005.ttl",
    ),
    "Turtle two folders deep": (
        _write("data/a/b/doc-005.ttl"),
        ("build",),
        2,
        f"Error: data/a: {NOT_LOADED}",
    ),
    "upper-case suffix in ontology/": (
        _write("ontology/extra.TTL"),
        ("build",),
        2,
        "Error: ontology/extra.TTL: the suffix .TTL is not .ttl",
    ),
    "Turtle in an ontology subfolder": (
        _write("ontology/old/isc.ttl"),
        ("validate",),
        2,
        "Error: ontology/old: only Turtle files directly in ontology/ are loaded",
    ),
    "new bad file seen by a read command": (
        _write("data/doc-005.TTL"),
        ("query", "action-line-leads"),
        2,
        "Error: data/doc-005.TTL: the suffix .TTL is not .ttl",
    ),
    # --store and --root
    "--store is a file": (
        _write("afile"),
        ("build", "--store", "{root}/afile"),
        2,
        "/afile is a file, not a folder: the store is a folder; point --store (or "
        "ISC_GRAPH_STORE) at a folder, it is created if missing",
    ),
    "--store under a file": (
        _write("afile"),
        ("build", "--store", "{root}/afile/store"),
        2,
        "/afile is a file, not a folder",
    ),
    "read command with --store a file": (
        _write("afile"),
        ("stats", "--store", "{root}/afile"),
        2,
        "/afile is a file, not a folder",
    ),
    "--root that does not exist": (
        _elsewhere("missing"),
        ("build",),
        2,
        "/missing: no such folder. --root and ISC_GRAPH_ROOT must name a project folder",
    ),
    "--root is a file": (
        _elsewhere("afile"),
        ("stats",),
        2,
        "/afile: no such folder. --root and ISC_GRAPH_ROOT must name a project folder",
    ),
    "--root without data/": (
        _elsewhere("no-data"),
        ("query", "action-line-leads"),
        2,
        "/no-data: no ontology/ and data/ in it",
    ),
    # Queries, parameters and formats
    "unknown named query": (
        _nothing,
        ("query", "no-such-query"),
        2,
        "'no-such-query'",
    ),
    "unknown parameter": (
        _nothing,
        ("query", "outcome-contributions", "-p", "nosuch=1"),
        2,
        "nosuch",
    ),
    "parameter without a value": (
        _nothing,
        ("query", "outcome-contributions", "-p", "objective"),
        2,
        "'objective'",
    ),
    "parameter value not in the graph": (
        _nothing,
        ("query", "outcome-contributions", "-p", "objective=Z.9"),
        2,
        "'Z.9'",
    ),
    "invalid SPARQL": (
        _nothing,
        ("query", "-e", "SELECT WHERE {"),
        2,
        "SELECT WHERE {",
    ),
    "query file missing": (
        _nothing,
        ("query", "missing.rq"),
        2,
        "missing.rq",
    ),
    "unknown id": (
        _nothing,
        ("show", "C22"),
        2,
        "'C22'",
    ),
    "unknown query format": (
        _nothing,
        ("query", "action-line-leads", "-f", "xml"),
        2,
        "'xml' is not one of",
    ),
    "unknown export format": (
        _nothing,
        ("export", "-f", "foo"),
        2,
        "'foo' is not one of",
    ),
    "unknown validate format": (
        _nothing,
        ("validate", "-f", "yaml"),
        2,
        "'yaml' is not one of",
    ),
    "threshold out of range": (
        _nothing,
        ("overlap", "--threshold", "2"),
        2,
        "Invalid value for '--threshold'",
    ),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_bad_input_corpus(case: str, cli: Invoke, built, store: Path) -> None:
    setup, args, code, fragment = CORPUS[case]
    root = built[0]
    other_root = setup(root)
    result = cli(other_root or root, *(a.replace("{root}", str(root)) for a in args))
    output = result.stdout + result.stderr
    assert result.exit_code == code, output
    assert fragment in result.stderr
    assert "Traceback" not in output
    assert_unchanged(store, built)


def test_missing_shapes_file(cli: Invoke, built, store: Path) -> None:
    root = built[0]
    (root / "ontology" / "shapes.ttl").unlink()
    result = cli(root, "validate")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: ontology/shapes.ttl: no such file: the shapes the data is checked against "
        "belong in the ontology folder; restore it (git checkout -- ontology/shapes.ttl)\n"
    )
