"""Write candidate facts as Turtle for review, and the accepted ones as a normal source.

A candidate must never pass for a reviewed fact, so the review file is marked twice: it is
written to review/ (never data/), and every candidate node and derivation in it carries
``isc:reviewStatus review:candidate`` (ontology/review.ttl). Each derivation also carries
``isc:context``, the whole block its quote comes from, so that a reviewer reads the quote in
its place; ``isc:quote`` stays the verbatim passage.

The file is one Turtle document in chunks: the prefixes, the source document, then one chunk
per candidate, each opened by a comment line ``# --- candidate N (kind) ---``. A chunk holds
every statement of its candidate, new entities included, so that accepting a candidate is
copying its chunk; a reviewer may edit a chunk (correct a label, add a note) or delete it
before running ``isc-graph review``. Accepting strips the two review properties and checks
that none is left, so that nothing unreviewed reaches data/.

What each kind's ``facts`` may hold (ids of the graph, or new ids in ``new_entities``):

* mandate: verb, addressees, action, and revision / instrument / conference (or subject);
* citation: kind (resolution, decision, document), instrument, revision, number, body, year,
  revised, conference (or subject): the source document isc:cites the subject;
* engagement, action-line-role: agent (or subject), role, topic (or action_line), activity,
  since, until, in_coordination_with;
* contribution: sdgs, action_lines, for the outcome that is the subject;
* thematic-area: name, list, coordinator: a concept of the document's dated list;
* composition: member, organization (or body, or subject), role (default member);
* meeting-count: body (or subject), count, period_start, period_end, cumulative,
  last_meeting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import IscGraphError
from .model import Candidate, Document

__all__ = [
    "CANDIDATE",
    "KINDS",
    "ReviewChunk",
    "ReviewFile",
    "accepted_turtle",
    "parse_review",
    "render_review",
]

ID = "https://w3id.org/isc-graph/id/"
SDG = "http://metadata.un.org/sdg/"
ISC = "https://w3id.org/isc-graph/ontology#"
CANDIDATE = "\n    isc:reviewStatus review:candidate ;"
NEW_NOTE = "new entity from extraction: check it is not an existing one under another name"
KINDS = (
    "mandate",
    "citation",
    "engagement",
    "action-line-role",
    "contribution",
    "thematic-area",
    "composition",
    "meeting-count",
)

PREFIXES = """\
@prefix :        <https://w3id.org/isc-graph/id/> .
@prefix role:    <https://w3id.org/isc-graph/id/role/> .
@prefix review:  <https://w3id.org/isc-graph/id/review/> .
@prefix isc:     <https://w3id.org/isc-graph/ontology#> .
@prefix sdg:     <http://metadata.un.org/sdg/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""

_MARK = re.compile(r"^# --- candidate (\d+) \(([a-z-]+)\) ---[ \t]*$", re.M)
_DOC_MARK = "# --- source document ---"
_SAFE_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")
# The review properties, each on a line of its own as written (else anywhere in a line).
_STATUS = re.compile(r"^[ \t]*isc:reviewStatus\s+review:candidate\s*;[ \t]*\n|"
                     r"isc:reviewStatus\s+review:candidate\s*;\s*", re.M)  # fmt: skip
_CONTEXT = re.compile(r'^[ \t]*isc:context\s+"(?:[^"\\]|\\.)*"\s*;[ \t]*\n|'
                      r'isc:context\s+"(?:[^"\\]|\\.)*"\s*;\s*', re.M)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Turtle terms


def lit(text: str) -> str:
    """A Turtle string literal."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def ref(ident: str) -> str:
    """An id of the graph as a Turtle term: ``:BDT``, ``sdg:5``, ``role:lead`` or ``<…>``."""
    if ident.startswith(("http://", "https://")):
        if ident.startswith(ID):
            return ref(ident[len(ID) :])
        return f"<{ident}>"
    if ident.startswith("sdg:"):
        return f"<{SDG}{ident[4:]}>"
    if _SAFE_LOCAL.match(ident):
        return f":{ident}"
    return f"<{ID}{ident}>"


def _notation(ident: str) -> str:
    return ident.rsplit("/", 1)[-1]


def _typed(value: Any) -> str:
    """A date, year or year-month as the XSD type its form has; else a plain string."""
    text = str(value)
    for pattern, datatype in (
        (r"\d{4}-\d{2}-\d{2}", "xsd:date"),
        (r"\d{4}-\d{2}", "xsd:gYearMonth"),
        (r"\d{4}", "xsd:gYear"),
    ):
        if re.fullmatch(pattern, text):
            return f"{lit(text)}^^{datatype}"
    return lit(text)


def _ids(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v]


def _sdg(value: Any) -> str:
    digits = re.sub(r"\D", "", str(value).rsplit("/", 1)[-1])
    return f"sdg:{int(digits)}" if digits else ""


def _action_line(value: Any) -> str:
    text = str(value).rsplit("/", 1)[-1].upper().replace(" ", "")
    return text if re.fullmatch(r"C([1-9]|1[01])", text) else str(value)


def _role(value: Any) -> str:
    text = str(value or "member").rsplit("/", 1)[-1].strip().lower().replace(" ", "-")
    return f"role:{text}"


# --------------------------------------------------------------------------------------------
# Writing the review file


@dataclass
class _Chunk:
    """What one candidate (or several identical ones) writes."""

    kind: str
    candidates: list[Candidate]
    lines: list[str] = field(default_factory=list)


def render_review(
    document: Document,
    candidates: Iterable[Candidate],
    doc_id: str,
    classes: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """The review file for ``document``'s candidates, as the source document ``doc_id``.

    ``classes`` gives the classes (local names: "Revision", "Conference" …) of existing ids,
    so that a mandate is linked to its revision, instrument or conference by the right
    property. Identical candidates (same kind, subject and facts) become one with a
    derivation per passage, as the shapes want one engagement per agent, role and topic.
    """
    known = {k: set(v) for k, v in (classes or {}).items()}
    writer = _Writer(document, doc_id, known)
    groups: dict[tuple[str, str, str], list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(_group_key(candidate), []).append(candidate)
    out = [
        f"# Candidate facts extracted from {document.path} as {doc_id}, for review.",
        "# Nothing here is a reviewed fact: every candidate carries isc:reviewStatus",
        "# review:candidate. Edit or delete chunks as needed, then run",
        f"#   isc-graph review review/{doc_id}.ttl",
        "# which writes the accepted candidates to data/ without the review status.",
        "",
        PREFIXES,
        _DOC_MARK,
        "",
        writer.document_node(),
    ]
    for number, group in enumerate(groups.values(), start=1):
        kind = group[0].kind
        out.append(f"# --- candidate {number} ({kind}) ---")
        body = writer.candidate(number, group)
        if body is None:
            out.append(f"# Not written: there is no writer for the kind {kind!r}.\n")
        else:
            out.append(body)
    return "\n".join(out)


def _group_key(candidate: Candidate) -> tuple[str, str, str]:
    """Candidates that state one fact: one engagement per agent, role and topic (the shapes
    allow no other), else the same kind, subject and facts."""
    f = candidate.facts
    if candidate.kind in ("engagement", "action-line-role"):
        agent = str(f.get("agent") or candidate.subject)
        topic = str(f.get("topic") or f.get("action_line") or "")
        return (candidate.kind, agent, f"{f.get('role')} {topic}")
    return (candidate.kind, candidate.subject, json.dumps(f, sort_keys=True, default=str))


class _Writer:
    def __init__(self, document: Document, doc_id: str, classes: dict[str, set[str]]) -> None:
        self.document = document
        self.doc_id = doc_id
        self.classes = classes
        self.year = document.date[:4] if re.match(r"\d{4}", document.date or "") else ""

    # The source document ---------------------------------------------------------------

    def document_node(self) -> str:
        doc = self.document
        name = doc.path.replace("\\", "/").rsplit("/", 1)[-1]
        label = doc.title or name
        lines = [
            f":{self.doc_id} a isc:SourceDocument ;",
            f"    skos:prefLabel {lit(label)}@en ;",
            f"    skos:notation {lit(self.doc_id)} ;",
        ]
        if doc.title:
            lines.append(f"    dcterms:title {lit(doc.title)} ;")
        else:
            lines.append(
                f"    skos:editorialNote {lit('The document prints no title the reader found; the label is its file name.')}@en ;"  # noqa: E501
            )
        if doc.number:
            lines.append(f"    dcterms:identifier {lit(doc.number)} ;")
        if doc.date:
            lines.append(f"    dcterms:date {_typed(doc.date)} ;")
        if self.year:
            lines.append(f'    isc:documentYear "{self.year}"^^xsd:gYear ;')
        if doc.author:
            lines.append(f"    dcterms:creator {lit(doc.author)} ;")
        lines.append(f"    isc:seedFile {lit(name)} ;")
        first = next((b for b in doc.blocks if b.locator == "Title"), None) or next(
            (b for b in doc.blocks if b.kind != "heading"), None
        )
        if first is None:
            raise IscGraphError(f"{doc.path}: no text was found in the document")
        lines.append(
            f"    prov:qualifiedDerivation [ a prov:Derivation ; prov:entity :{self.doc_id} ;\n"
            f"        isc:locator {lit(first.locator)} ;\n"
            f"        isc:quote {lit(first.text)} ] ."
        )
        return "\n".join(lines) + "\n"

    # Shared pieces ---------------------------------------------------------------------

    def derivation(self, candidate: Candidate) -> str:
        passage = candidate.passage
        context = next(
            (
                b.text
                for b in self.document.blocks
                if b.locator == passage.locator and passage.quote in b.text
            ),
            None,
        )
        parts = ["a prov:Derivation", CANDIDATE.strip(" \n;")]
        if context is not None and context != passage.quote:
            parts.append(f"isc:context {lit(context)}")
        parts += [
            f"prov:entity :{self.doc_id}",
            f"isc:locator {lit(passage.locator)}",
            f"isc:quote {lit(passage.quote)}",
        ]
        return "[ " + " ;\n        ".join(parts) + " ]"

    def derivations(self, group: list[Candidate]) -> str:
        return "prov:qualifiedDerivation " + " ,\n      ".join(self.derivation(c) for c in group)

    def new_entities(self, group: list[Candidate], places: Mapping[str, str]) -> list[str]:
        """Definitions of the group's new entities, typed by their place in the fact."""
        first = group[0]
        out = []
        for ident, name in first.new_entities.items():
            cls = first.new_entity_types.get(ident) or places.get(ident) or "org:Organization"
            extra = ""
            if cls == "isc:Revision":
                extra = self.revision_facts(ident, first.facts)
            elif cls in ("isc:Resolution", "isc:Decision"):
                extra = self.instrument_facts(first.facts)
            out.append(
                f"{ref(ident)} a {cls} ;{CANDIDATE}\n"
                f"    skos:prefLabel {lit(name)}@en ; skos:notation {lit(_notation(ident))} ;\n"
                f"{extra}"
                f"    skos:editorialNote {lit(NEW_NOTE)} ;\n"
                f"    {self.derivations(group)} .\n"
            )
        return out

    def revision_facts(self, ident: str, facts: Mapping[str, Any]) -> str:
        lines = []
        if facts.get("instrument") and ident == facts.get("revision"):
            lines.append(f"isc:revisionOf {ref(facts['instrument'])}")
            if facts.get("year"):
                lines.append(f'isc:year "{facts["year"]}"^^xsd:gYear')
            if facts.get("revised") is not None:
                lines.append(f"isc:revised {'true' if facts['revised'] else 'false'}")
            if facts.get("conference"):
                lines.append(f"isc:adoptedAt {ref(facts['conference'])}")
        return "".join(f"    {line} ;\n" for line in lines)

    def instrument_facts(self, facts: Mapping[str, Any]) -> str:
        lines = []
        if facts.get("number"):
            lines.append(f"isc:number {lit(str(facts['number']))}")
        if facts.get("body") and "GoverningBody" in self.classes.get(str(facts["body"]), ()):
            lines.append(f"isc:body {ref(str(facts['body']))}")
        return "".join(f"    {line} ;\n" for line in lines)

    # The kinds -------------------------------------------------------------------------

    def candidate(self, number: int, group: list[Candidate]) -> str | None:
        kind = group[0].kind
        method = {
            "mandate": self.mandate,
            "citation": self.citation,
            "engagement": self.engagement,
            "action-line-role": self.engagement,
            "contribution": self.contribution,
            "thematic-area": self.thematic_area,
            "composition": self.composition,
            "meeting-count": self.meeting_count,
        }.get(kind)
        if method is None:
            return None
        body, places = method(number, group)
        return "\n".join([body, *self.new_entities(group, places)])

    def mandate(self, number: int, group: list[Candidate]) -> tuple[str, dict[str, str]]:
        c = group[0]
        f = c.facts
        ident = f"{self.doc_id}-m{number}"
        action = str(f.get("action") or c.passage.quote)
        verb = str(f.get("verb") or "").strip().lower()
        places: dict[str, str] = {}
        lines = [
            f"{ref(ident)} a isc:Mandate ;{CANDIDATE}",
            f"skos:prefLabel {lit(_short(f'{c.subject} {verb}: {action}'))}@en",
            f"skos:notation {lit(ident)}",
        ]
        if verb:
            lines.append(f"isc:verb {lit(verb)}")
        for who in _ids(f.get("addressees") or f.get("addressee")):
            lines.append(f"isc:addressee {ref(who)}")
        lines.append(f"isc:action {lit(action)}")
        revision, instrument = f.get("revision"), f.get("instrument")
        conference = f.get("conference") or f.get("decided_at")
        if not (revision or instrument or conference) and c.subject:
            types = self.classes.get(c.subject, set())
            if "Conference" in types:
                conference = c.subject
            elif types & {"Resolution", "Decision"}:
                instrument = c.subject
            elif "Revision" in types or re.search(r"-\d{4}$", c.subject):
                revision = c.subject
        if revision:
            lines.append(f"isc:revision {ref(revision)}")
            places[revision] = "isc:Revision"
        elif instrument:
            lines.append(f"isc:instrument {ref(instrument)}")
        elif conference:
            lines.append(f"isc:decidedAt {ref(conference)}")
            places[conference] = "isc:Conference"
        if instrument:
            places[instrument] = "isc:Decision" if f.get("kind") == "decision" else "isc:Resolution"
        lines.append(self.derivations(group))
        return _statement(lines), places

    def citation(self, number: int, group: list[Candidate]) -> tuple[str, dict[str, str]]:
        c = group[0]
        f = c.facts
        cited = c.subject or f.get("revision") or f.get("instrument") or f.get("document")
        places: dict[str, str] = {}
        if f.get("kind") == "document" or f.get("document"):
            places[str(cited)] = "isc:CitedDocument"
        else:
            if f.get("instrument"):
                kind = "isc:Decision" if f.get("kind") == "decision" else "isc:Resolution"
                places[str(f["instrument"])] = kind
            if f.get("revision"):
                places[str(f["revision"])] = "isc:Revision"
        places.setdefault(str(cited), "isc:CitedDocument")
        body = f":{self.doc_id} isc:cites {ref(str(cited))} .\n"
        if str(cited) not in c.new_entities:
            body += _statement([ref(str(cited)), self.derivations(group)])
        return body, places

    def engagement(self, number: int, group: list[Candidate]) -> tuple[str, dict[str, str]]:
        c = group[0]
        f = c.facts
        agent = str(f.get("agent") or c.subject)
        topic = str(f.get("topic") or f.get("action_line") or "")
        lines = [
            f"[] a isc:Engagement ;{CANDIDATE}",
            f"isc:agent {ref(agent)}",
            f"isc:role {_role(f.get('role'))}",
        ]
        if topic:
            lines.append(f"isc:topic {ref(_action_line(topic))}")
        activities = dict.fromkeys(
            str(o.facts["activity"]) for o in group if o.facts.get("activity")
        )
        lines += [f"isc:activity {lit(a)}" for a in activities]
        for key, prop in (("since", "isc:since"), ("until", "isc:until")):
            value = next((o.facts[key] for o in group if o.facts.get(key)), None)
            if value:
                lines.append(f"{prop} {_typed(value)}")
        for other in _ids(f.get("in_coordination_with")):
            lines.append(f"isc:inCoordinationWith {ref(other)}")
        lines.append(self.derivations(group))
        return _statement(lines), {topic: "isc:Subject"}

    def contribution(self, number: int, group: list[Candidate]) -> tuple[str, dict[str, str]]:
        c = group[0]
        f = c.facts
        lines = [ref(c.subject)]
        sdgs = _ids(f.get("sdgs") or f.get("sdg"))
        lines_ = _ids(f.get("action_lines") or f.get("action_line"))
        target = f.get("target")  # one target, with target_kind "sdg" or "action-line"
        if target and (f.get("target_kind") == "sdg" or str(target).startswith("sdg:")):
            sdgs.append(str(target))
        elif target:
            lines_.append(str(target))
        lines += [f"isc:contributesToSDG {ref(s)}" for s in (_sdg(v) for v in sdgs) if s]
        lines += [f"isc:contributesToActionLine {ref(_action_line(a))}" for a in lines_]
        lines.append(self.derivations(group))
        return _statement(lines), {c.subject: "isc:Outcome"}

    def thematic_area(self, number: int, group: list[Candidate]) -> tuple[str, dict[str, str]]:
        c = group[0]
        f = c.facts
        scheme = str(f.get("list") or f"{self.doc_id}-areas")
        year = str(f.get("list_year") or self.year or "")
        coordinator = f.get("coordinator") or f.get("coordinated_by")
        lines = (
            [f"# Same name as: {', '.join(ref(m) for m in _ids(f['matches']))}"]
            if f.get("matches")
            else []
        )
        if scheme not in self.classes:
            head = [
                f"{ref(scheme)} a isc:ThematicAreaList ;{CANDIDATE}",
                f"skos:prefLabel {lit(f'Areas of inter-sectoral interest in {self.doc_id}')}@en",
                f"skos:notation {lit(_notation(scheme))}",
            ]
            if year:
                head.append(f'isc:documentYear "{year}"^^xsd:gYear')
            else:
                lines.append(
                    "# The document prints no year for this list: add isc:documentYear "
                    '"YYYY"^^xsd:gYear, with a skos:editorialNote saying how it was read.'
                )
            if coordinator:
                head.append(f"isc:coordinatedBy {ref(str(coordinator))}")
            head.append(self.derivations(group))
            lines.append(_statement(head))
        area = [f"{ref(c.subject)} skos:inScheme {ref(scheme)}", self.derivations(group)]
        lines.append(_statement(area))
        return "\n".join(lines), {c.subject: "isc:ThematicArea"}

    def composition(self, number: int, group: list[Candidate]) -> tuple[str, dict[str, str]]:
        c = group[0]
        f = c.facts
        body = str(f.get("organization") or f.get("body") or c.subject)
        lines = [f"[] a org:Membership ;{CANDIDATE}"]
        lines += [f"org:member {ref(m)}" for m in _ids(f.get("member"))]
        lines += [f"org:organization {ref(body)}", f"org:role {_role(f.get('role'))}"]
        lines.append(self.derivations(group))
        return _statement(lines), {}

    def meeting_count(self, number: int, group: list[Candidate]) -> tuple[str, dict[str, str]]:
        c = group[0]
        f = c.facts
        body = str(f.get("body") or c.subject)
        parts = ["a isc:MeetingCount", CANDIDATE.strip(" \n;")]
        if f.get("count") is not None:
            parts.append(f"isc:count {int(f['count'])}")
        for key, prop in (
            ("period_start", "isc:periodStart"),
            ("period_end", "isc:periodEnd"),
            ("last_meeting", "isc:lastMeeting"),
        ):
            if f.get(key):
                parts.append(f"{prop} {_typed(f[key])}")
        if f.get("cumulative") is not None:
            parts.append(f"isc:cumulative {'true' if f['cumulative'] else 'false'}")
        parts.append(self.derivations(group))
        node = "[ " + " ;\n        ".join(parts) + " ]"
        note = f"# Period as printed: {f['period']}\n" if f.get("period") else ""
        return f"{note}{ref(body)} isc:meetingCount\n      {node} .\n", {}


def _statement(lines: list[str]) -> str:
    """Turtle for one subject: its first line (a bare subject, or one ending in a predicate
    list), then predicate-object lines."""
    head, *rest = lines
    if not rest:
        return head + " .\n"
    head = head.rstrip()
    if head.endswith(";") or " " not in head:
        return head + "\n    " + " ;\n    ".join(rest) + " .\n"
    return head + " ;\n    " + " ;\n    ".join(rest) + " .\n"


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------------------------
# Reading the review file back


@dataclass
class ReviewChunk:
    """One candidate of a review file: its number, kind and Turtle text."""

    number: int
    kind: str
    text: str


@dataclass
class ReviewFile:
    """A review file split into its prefixes and source document, and its candidates."""

    head: str
    candidates: list[ReviewChunk]
    doc_id: str


def parse_review(text: str, name: str = "review file") -> ReviewFile:
    """Split a review file into its chunks; refuse a file that is not one."""
    if _DOC_MARK not in text:
        raise IscGraphError(f"{name}: not a review file written by `isc-graph extract`")
    marks = list(_MARK.finditer(text))
    head = text[: marks[0].start()] if marks else text
    m = re.search(r"^:(doc-[\w-]+) a isc:SourceDocument", head, re.M)
    if m is None:
        raise IscGraphError(f"{name}: the source document node is missing")
    chunks = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        chunks.append(ReviewChunk(int(mark.group(1)), mark.group(2), text[mark.end() : end]))
    _parse(text, name)
    return ReviewFile(head, chunks, m.group(1))


def _parse(text: str, name: str) -> Any:
    from rdflib import Graph  # only when a review file is read or written back

    try:
        return Graph().parse(data=text, format="turtle")
    except Exception as exc:
        message = " ".join(str(exc).split())
        raise IscGraphError(f"{name}: not valid Turtle: {message}") from None


def chunk_passages(review: ReviewFile, chunk: ReviewChunk) -> list[dict[str, str]]:
    """The derivations of a chunk: locator, quote and context, for showing to a reviewer."""
    from rdflib import Namespace

    prov = Namespace("http://www.w3.org/ns/prov#")
    isc = Namespace(ISC)
    prefixes = "\n".join(line for line in review.head.splitlines() if line.startswith("@prefix"))
    graph = _parse(prefixes + "\n" + chunk.text, f"candidate {chunk.number}")
    seen, out = set(), []
    for d in graph.objects(None, prov.qualifiedDerivation):
        row = {
            "locator": str(graph.value(d, isc.locator) or ""),
            "quote": str(graph.value(d, isc.quote) or ""),
            "context": str(graph.value(d, isc.context) or ""),
        }
        key = (row["locator"], row["quote"])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return sorted(out, key=lambda r: (r["locator"], r["quote"]))


def accepted_turtle(review: ReviewFile, accepted: list[ReviewChunk], name: str) -> str:
    """The data file for the accepted chunks: the review properties removed, checked."""
    head = review.head
    header_end = head.find("@prefix")
    body = (
        f"# Facts extracted from a report and accepted in review ({len(accepted)} of "
        f"{len(review.candidates)} candidates).\n\n" + head[header_end:]
    )
    text = body + "".join(f"# --- candidate {c.number} ({c.kind}) ---{c.text}" for c in accepted)
    text = _CONTEXT.sub("", _STATUS.sub("", text))
    text = text.replace("@prefix review:  <https://w3id.org/isc-graph/id/review/> .\n", "")
    graph = _parse(text, name)
    from rdflib import URIRef

    left = [
        p
        for p in (URIRef(ISC + "reviewStatus"), URIRef(ISC + "context"))
        if (None, p, None) in graph
    ]
    if left:
        raise IscGraphError(
            f"{name}: {', '.join(str(p).split('#')[1] for p in left)} could not be removed: "
            'keep `isc:reviewStatus review:candidate ;` and `isc:context "…" ;` each followed '
            "by another statement of the same node"
        )
    return text
