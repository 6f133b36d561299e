"""What changed in the graph between two versions of the data: statements added and removed.

A version is named by a reference (:func:`open_version`): a git revision of the project
(``HEAD~1``, a tag, a commit), ``WORKTREE`` for the files as they are, an RDF file, a built
store or another project folder. Each is loaded, as a build loads it, into an in-memory store.

**Blank nodes.** Derivations, engagements and memberships are blank nodes, and every load
gives them fresh ids, so two loads of the same file share no blank node. They are compared by
content: a blank node's key is a hash of its sorted (predicate, object) pairs, the key of a
blank object standing for the object, recursively. ``rdflib.compare`` would do this with a
complete canonicalisation, but took 99 s on the repository's 15,778 statements (1,471 blank
nodes): too slow for a command. The content keys take 0.06 s there. What they give up:
blank nodes with the same content are one node (the 1,471 are 866: a passage cited by 27
facts is one derivation), so a change to it is counted once, not once per fact citing it;
and in a cycle of blank nodes, which the data conventions never produce, a key depends on
where the walk entered the cycle.

A blank node edited in place (a derivation whose quote was corrected) gets a new key; it is
paired with the node it replaced when exactly one old and one new node sit in the same place
(same parent, predicate and graph; for a blank node hanging from nothing, same class and key
links), so the change reads as the one statement that changed rather than the whole node
removed and added again.

**Graphs.** Statements are compared per named graph: each source file has its own, so a fact
moved from one file to another is removed from one document and added to the other (the
source of a fact is part of the fact). Changes are grouped by document (the named graph: one
file per source document) and, inside it, by the named entity they are about (a blank node's
statements under the entity it hangs from: a derivation under its fact).
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from ..errors import DataError, IscGraphError
from ..lang import default_language
from ..loading import load_source
from ..namespaces import GRAPH, PREFIXES, short_id
from ..project import Project
from .model import DiffReport, Section
from .render import word_diff

__all__ = ["WORKTREE", "compare_versions", "open_version"]

WORKTREE = "WORKTREE"
_Term = ox.NamedNode | ox.BlankNode | ox.Literal
_PREF_LABEL = ox.NamedNode(PREFIXES["skos"] + "prefLabel")
_RDF_TYPE = PREFIXES["rdf"] + "type"
# The links that tell a free-standing blank node apart (an engagement by agent, role, topic).
_KEY_PROPERTIES = tuple(
    PREFIXES[p] + name
    for p, name in (
        ("rdf", "type"),
        ("isc", "agent"),
        ("org", "member"),
        ("isc", "role"),
        ("org", "role"),
        ("isc", "topic"),
        ("org", "organization"),
    )
)
_CYCLE = "_:cycle"
_DEFAULT_GRAPH = "(default graph)"


# --- opening a version ------------------------------------------------------------------


def open_version(ref: str, project: Project) -> tuple[ox.Store, str]:
    """The graph that ``ref`` names, in an in-memory (or read-only) store, and its name.

    ``ref`` is tried as, in order:

    1. ``WORKTREE`` (or ``.``): the project's ontology/ and data/ as they are on disk;
    2. an existing path: an RDF file (``.nq``, ``.trig``, ``.nt``, ``.ttl``, ``.rdf``), a
       built store folder, or a project folder;
    3. a git revision of the project's repository: its ontology/*.ttl and data/*.ttl as
       committed there.

    A path comes before a revision because a path that exists is what the user pointed at (a
    branch named like a file is the rarer case). Raises :class:`IscGraphError` naming
    ``ref`` when it is none of these.
    """
    if ref in (WORKTREE, "."):
        return _load_project(project, ref), f"{WORKTREE} ({project.root})"
    path = Path(ref).expanduser()
    if path.exists():
        return _open_path(path, ref), ref
    commit = _git_commit(project.root, ref)
    if commit is not None:
        return _load_revision(project.root, commit, ref), f"{ref} ({commit[:7]})"
    raise IscGraphError(
        f"{ref} is neither a git revision of {project.root}, a file nor a store"
        f"{_why_not_git(project.root)}; use WORKTREE for the current files"
    )


def _open_path(path: Path, ref: str) -> ox.Store:
    """An RDF file, a built store folder or a project folder, as a store."""
    if path.is_file():
        from ..rdf_file import open_graph_file

        # The file as it is, without the current ontology added: adding it to one side
        # would hide the ontology's own changes between the two versions.
        with tempfile.TemporaryDirectory(prefix="isc-graph-no-ontology-") as nothing:
            return open_graph_file(path, Path(nothing), data_dir=None)
    if path.is_dir():
        from ..store import StoreLocation

        location = StoreLocation(path.resolve())
        if location.current_generation() is not None:
            return location.open_read_only()
        other = Project(path)
        if other.is_project():
            return _load_project(other, ref)
        raise IscGraphError(
            f"{ref} is a folder, but neither a built store (no CURRENT in it) nor a project "
            "(no ontology/ and data/ in it)"
        )
    raise IscGraphError(f"{ref} is neither a file nor a folder")


def _load_project(project: Project, ref: str) -> ox.Store:
    """The project's sources loaded as a build loads them, each file in its named graph."""
    if not project.is_project():
        raise IscGraphError(f"{ref}: {project.root} holds no ontology/ and data/")
    store = ox.Store()
    for source in project.graph_files():
        load_source(store, source)
    return store


def _git(root: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(root), *args], input=data, capture_output=True, check=False
    )


def _git_commit(root: Path, ref: str) -> str | None:
    """The commit ``ref`` names in the repository holding ``root``, None if it names none."""
    if not ref or ref.startswith("-"):
        return None  # never let a reference be read as an option of git
    try:
        done = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except OSError:
        return None  # no git here
    if done.returncode != 0:
        return None
    return done.stdout.decode().strip() or None


def _why_not_git(root: Path) -> str:
    """Why no revision could be found, when the reason is not the reference itself."""
    try:
        done = _git(root, "rev-parse", "--git-dir")
    except OSError:
        return " (git is not installed)"
    return "" if done.returncode == 0 else f" ({root} is not in a git repository)"


def _load_revision(root: Path, commit: str, ref: str) -> ox.Store:
    """ontology/ and data/ as committed in ``commit``, loaded as a build loads them.

    The files are written to a temporary project and loaded from there, so that the rules
    of a build (which files are sources, which graph each goes into) apply unchanged.
    """
    listing = _git(root, "ls-tree", "-z", commit, "--", "ontology/", "data/")
    if listing.returncode != 0:
        raise IscGraphError(f"{ref}: git ls-tree failed: {listing.stderr.decode().strip()}")
    blobs: dict[str, str] = {}
    for entry in listing.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        info, name = entry.split("\t", 1)
        mode, kind, oid = info.split()
        if kind == "blob" and mode != "120000":  # files; links and submodules are no sources
            blobs[name] = oid
    if not any(n.startswith("ontology/") for n in blobs) or not any(
        n.startswith("data/") for n in blobs
    ):
        raise IscGraphError(f"{ref}: {root} has no ontology/ and data/ at that revision")
    contents = _read_blobs(root, list(blobs.values()), ref)
    with tempfile.TemporaryDirectory(prefix="isc-graph-revision-") as tmp:
        for name, oid in blobs.items():
            target = Path(tmp, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(contents[oid])
        try:
            return _load_project(Project(tmp), ref)
        except DataError as exc:
            raise IscGraphError(f"{ref}: {exc}") from None


def _read_blobs(root: Path, oids: list[str], ref: str) -> dict[str, bytes]:
    """The content of each blob, read with one ``git cat-file --batch``."""
    done = _git(root, "cat-file", "--batch", data="".join(f"{o}\n" for o in oids).encode())
    if done.returncode != 0:
        raise IscGraphError(f"{ref}: git cat-file failed: {done.stderr.decode().strip()}")
    out, pos, contents = done.stdout, 0, {}
    for oid in oids:
        end = out.index(b"\n", pos)
        size = int(out[pos:end].split()[2])
        contents[oid] = out[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1  # the content is followed by a newline
    return contents


# --- canonical statements ---------------------------------------------------------------


class _Side:
    """One version's statements with blank nodes labelled by content, and what is needed
    to show them: each blank node's parents (to find its owner) and one node per label."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.quads = list(store)
        self.edges: dict[ox.BlankNode, list[tuple[str, _Term]]] = defaultdict(list)
        self.parents: dict[ox.BlankNode, list[tuple[_Term, str, str]]] = defaultdict(list)
        self.home: dict[ox.BlankNode, str] = {}  # the graph a blank node's statements are in
        for q in self.quads:
            if isinstance(q.subject, ox.BlankNode):
                self.edges[q.subject].append((str(q.predicate), q.object))
                self.home.setdefault(q.subject, _graph(q))
            if isinstance(q.object, ox.BlankNode):
                self.parents[q.object].append((q.subject, q.predicate.value, _graph(q)))
        self.labels = _content_keys(set(self.edges) | set(self.parents), self.edges)
        self.node_of: dict[str, ox.BlankNode] = {}

    def text(self, term: _Term) -> str:
        return self.labels[term] if isinstance(term, ox.BlankNode) else str(term)

    def statements(self) -> dict[tuple[str, str, str, str], ox.Quad]:
        """Each statement as text (blank nodes by label), with one quad that states it; the
        labels are final from here on, so each label's node is noted for the display."""
        self.node_of = {}
        for node, label in sorted(self.labels.items(), key=lambda x: x[0].value):
            self.node_of.setdefault(label, node)
        return {
            (self.text(q.subject), str(q.predicate), self.text(q.object), _graph(q)): q
            for q in self.quads
        }


def _graph(q: ox.Quad) -> str:
    g = q.graph_name
    return g.value if isinstance(g, ox.NamedNode) else str(g) if isinstance(g, ox.BlankNode) else ""


def _content_keys(
    blanks: set[ox.BlankNode], edges: dict[ox.BlankNode, list[tuple[str, _Term]]]
) -> dict[ox.BlankNode, str]:
    """Each blank node's label: a hash of its sorted (predicate, object) pairs, a blank object
    standing by its own label. Walked depth first without recursion, so that a long RDF list
    cannot exhaust the stack; a node met again on the current path counts as ``_:cycle``."""
    keys: dict[ox.BlankNode, str] = {}
    for start in sorted(blanks, key=lambda b: b.value):
        if start in keys:
            continue
        path = {start}
        stack = [(start, iter(edges.get(start, ())))]
        while stack:
            node, children = stack[-1]
            child = next(
                (
                    o
                    for _, o in children
                    if isinstance(o, ox.BlankNode) and o not in keys and o not in path
                ),
                None,
            )
            if child is not None:
                path.add(child)
                stack.append((child, iter(edges.get(child, ()))))
                continue
            pairs = sorted(
                f"{p} {keys.get(o, _CYCLE) if isinstance(o, ox.BlankNode) else o}"
                for p, o in edges.get(node, ())
            )
            digest = hashlib.sha256("\n".join(pairs).encode("utf-8")).hexdigest()
            keys[node] = f"_:c{digest[:12]}"
            stack.pop()
            path.discard(node)
    return keys


def _pair_replaced_blanks(old: _Side, new: _Side) -> None:
    """Give a new blank node the label of the old one it replaces, where that is clear.

    A blank node whose label is on one side only was edited, added or removed. It is taken
    for an edit when exactly one such old and one such new node have the same place: the
    same parent (by its label, so that pairing works down from a paired parent), predicate
    and graph; for a node that hangs from nothing, the same class and key links.
    """
    common = set(old.labels.values()) & set(new.labels.values())
    lone_old = {b for b, label in old.labels.items() if label not in common}
    lone_new = {b for b, label in new.labels.items() if label not in common}
    while lone_old and lone_new:
        places: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
        for side, lone, i in ((old, lone_old, 0), (new, lone_new, 1)):
            for b in lone:
                places[_place(side, b)][i].append(b)
        paired = [(o[0], n[0]) for o, n in places.values() if len(o) == 1 and len(n) == 1]
        if not paired:
            return
        for o, n in paired:
            new.labels[n] = old.labels[o]
            lone_old.discard(o)
            lone_new.discard(n)


def _place(side: _Side, node: ox.BlankNode) -> tuple:
    parents = side.parents.get(node)
    if parents:
        return tuple(sorted((side.text(s), p, g) for s, p, g in parents))
    keys = sorted((p, str(o)) for p, o in side.edges.get(node, ()) if p[1:-1] in _KEY_PROPERTIES)
    return ("free", side.home.get(node, ""), *keys)


# --- the comparison ---------------------------------------------------------------------


def compare_versions(
    old: ox.Store, new: ox.Store, *, old_name: str, new_name: str, lang: str | None = None
) -> DiffReport:
    """The statements ``new`` adds to ``old`` and removes from it, by document and entity.

    Blank nodes are compared by content (see the module's notes); labels are in ``lang``
    (default: ``$ISC_GRAPH_LANG``, else English).
    """
    lang = lang or default_language()
    before, after = _Side(old), _Side(new)
    _pair_replaced_blanks(before, after)
    old_statements, new_statements = before.statements(), after.statements()
    changes = [
        _Change(before, s, old_statements[s], "removed")
        for s in old_statements.keys() - new_statements.keys()
    ] + [
        _Change(after, s, new_statements[s], "added")
        for s in new_statements.keys() - old_statements.keys()
    ]
    labels: dict[str, str] = {}
    for c in changes:  # one label per entity: the new version's, else the old one's
        if c.owner not in labels:
            node = ox.NamedNode(c.owner[1:-1]) if c.owner.startswith("<") else None
            found = node and (_label(new, node, lang) or _label(old, node, lang))
            labels[c.owner] = found if found and found != c.entity else ""
        c.label = labels[c.owner]

    by_document: dict[str, list[_Change]] = defaultdict(list)
    for change in changes:
        by_document[change.graph].append(change)
    title = f"What changed in the graph: {old_name} → {new_name}"
    counts = {"old": len(before.quads), "new": len(after.quads)}
    if not changes:
        summary = [
            f"No differences: both versions state the same facts ({counts['old']:,} and "
            f"{counts['new']:,} statements as loaded; blank nodes compared by content)."
        ]
        return DiffReport(
            "versions",
            title,
            summary,
            [_documents_section([])],
            {
                "old": old_name,
                "new": new_name,
                "statements": counts,
                "added": 0,
                "removed": 0,
                "documents": [],
            },
        )

    documents = [_document(g, by_document[g]) for g in sorted(by_document, key=_document_name)]
    added = sum(d["added_count"] for d in documents)
    removed = sum(d["removed_count"] for d in documents)
    entities = sum(d["entity_count"] for d in documents)
    summary = [
        f"{_n(added, 'statement')} added, {removed} removed in "
        f"{_n(len(documents), 'document')}; {_n(entities, 'entity', 'entities')} changed."
    ] + [
        f"{d['document']}: {_n(d['added_count'], 'statement')} added, {d['removed_count']} "
        f"removed; {_n(d['entity_count'], 'entity', 'entities')} changed"
        for d in documents
    ]
    sections = [_documents_section(documents)] + [
        Section(
            d["document"],
            ["entity", "label", "change", "property", "value"],
            d["rows"],
            note=f"graph <{d['graph']}>" if d["graph"] else "the default graph",
        )
        for d in documents
    ]
    data = {
        "old": old_name,
        "new": new_name,
        "statements": counts,
        "added": added,
        "removed": removed,
        "documents": [
            {k: d[k] for k in ("document", "graph", "added", "removed", "entities")}
            for d in documents
        ],
    }
    return DiffReport("versions", title, summary, sections, data)


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _document_name(graph: str) -> str:
    if not graph:
        return _DEFAULT_GRAPH
    return graph.removeprefix(GRAPH)


class _Change:
    """One statement added or removed, with where a reader finds it: its document, the
    entity it is about (a blank node's owner), the property path from there, its value."""

    def __init__(
        self,
        side: _Side,
        statement: tuple[str, str, str, str],
        quad: ox.Quad,
        change: str,
    ) -> None:
        subject, predicate, obj, graph = statement
        self.statement = f"{subject} {predicate} {obj} ."
        self.graph = graph
        self.change = change
        self.owner, path = _owner(side, subject)
        self.property = "/".join(short_id(p) for p in [*path, predicate[1:-1]])
        self.entity = _name(side, self.owner)
        if self.owner.startswith("_:"):  # blank nodes alike to a reader, told apart
            self.entity += f" {self.owner}"
        self.label = ""
        self.value = _value(side, quad.object, obj)
        self.literal = isinstance(quad.object, ox.Literal)


def _owner(side: _Side, subject: str) -> tuple[str, list[str]]:
    """The named entity (or free-standing blank node) a subject hangs from, and the path of
    predicates down from it; the first parent in a fixed order where there are several."""
    path: list[str] = []
    seen = set()
    while subject.startswith("_:") and subject not in seen:
        seen.add(subject)
        node = side.node_of.get(subject)
        parents = (
            sorted((side.text(s), p) for s, p, _ in side.parents.get(node, ())) if node else []
        )
        if not parents:
            break
        subject, predicate = parents[0]
        path.insert(0, predicate)
    return subject, path


def _name(side: _Side, owner: str) -> str:
    """How a reader finds the entity: its short id, or a blank node's class and key links
    (``isc:Engagement [agent ITU, role facilitator, topic C2]``)."""
    if owner.startswith("<"):
        return short_id(owner[1:-1])
    node = side.node_of.get(owner)
    links = (
        sorted((p[1:-1], o) for p, o in side.edges.get(node, ()) if p[1:-1] in _KEY_PROPERTIES)
        if node
        else []
    )
    kind = [short_id(o.value) for p, o in links if p == _RDF_TYPE and isinstance(o, ox.NamedNode)]
    keys = [
        f"{short_id(p).split(':')[-1]} {short_id(o.value)}"
        for p, o in links
        if p != _RDF_TYPE and isinstance(o, ox.NamedNode)
    ]
    head = kind[0] if kind else "a blank node"
    return f"{head} [{', '.join(keys)}]" if keys else head


def _label(store: ox.Store, node: ox.NamedNode, lang: str) -> str:
    """The entity's skos:prefLabel in ``lang``, else in English or untagged, else ''."""
    found = {
        q.object.language or "": q.object.value
        for q in store.quads_for_pattern(node, _PREF_LABEL, None)
        if isinstance(q.object, ox.Literal)
    }
    return found.get(lang) or found.get("en") or found.get("") or ""


def _value(side: _Side, term: _Term, label: str) -> str:
    """An object as a reader reads it: short id, plain literal (with a language other than
    English shown), or a blank node by its class and key links."""
    if isinstance(term, ox.NamedNode):
        return short_id(term.value)
    if isinstance(term, ox.BlankNode):
        return _name(side, label)
    if term.language and term.language != "en":
        return f"{term.value}  @{term.language}"
    return term.value


def _document(graph: str, changes: list[_Change]) -> dict:
    """One document's rows (a removed and an added literal of one entity's property shown as
    one word-level change), counts, and statements grouped by entity for JSON."""
    groups: dict[tuple, list[_Change]] = defaultdict(list)
    for c in changes:
        groups[(c.entity, c.property)].append(c)
    rows = []
    for group in groups.values():
        removed = [c for c in group if c.change == "removed"]
        added = [c for c in group if c.change == "added"]
        if len(removed) == 1 and len(added) == 1 and removed[0].literal and added[0].literal:
            rows.append(_row(added[0], "changed", word_diff(removed[0].value, added[0].value)))
        else:
            rows += [_row(c, c.change, c.value) for c in removed + added]
    order = {"removed": 0, "changed": 1, "added": 2}
    rows.sort(key=lambda r: (r["entity"], r["property"], order[r["change"]], r["value"]))

    entities: dict[str, dict] = {}
    for c in sorted(changes, key=lambda c: c.statement):
        e = entities.setdefault(
            c.entity, {"entity": c.entity, "label": c.label, "added": [], "removed": []}
        )
        e[c.change].append(c.statement)
    return {
        "document": _document_name(graph),
        "graph": graph,
        "rows": rows,
        "added_count": sum(c.change == "added" for c in changes),
        "removed_count": sum(c.change == "removed" for c in changes),
        "entity_count": len(entities),
        "added": sorted(c.statement for c in changes if c.change == "added"),
        "removed": sorted(c.statement for c in changes if c.change == "removed"),
        "entities": [entities[k] for k in sorted(entities)],
    }


def _row(c: _Change, change: str, value: str) -> dict:
    return {
        "entity": c.entity,
        "label": c.label,
        "change": change,
        "property": c.property,
        "value": value,
    }


def _documents_section(documents: list[dict]) -> Section:
    return Section(
        "Documents",
        ["document", "added", "removed", "entities"],
        [
            {
                "document": d["document"],
                "added": d["added_count"],
                "removed": d["removed_count"],
                "entities": d["entity_count"],
            }
            for d in documents
        ],
        note="Statements added and removed in each source document's graph, and the entities "
        "they are about; blank nodes are compared by content.",
    )
