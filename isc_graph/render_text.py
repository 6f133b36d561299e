"""The plain-text rendering of ``show`` for the terminal (that of ``stats`` is in
:mod:`isc_graph.stats`)."""

from __future__ import annotations

import textwrap

from .describe import NAME_PROPERTIES, NOTE_PROPERTIES, Description, Link, Source

__all__ = ["description_text"]


WIDTH = 100  # columns of text before wrapping (or, folded, before an ellipsis)
SHORT = 50  # facts this short share a line
FOLD = 10  # more links than this in one group are folded to this many, with a count


def _named(value: str, label: str) -> str:
    """``SPM (Strategic Planning and Membership Department)``; the id alone without label."""
    return f"{value} ({label})" if label and label != value else value


def _value(link: Link) -> str:
    shown = _named(link.other, link.other_label)
    return f"{shown}  @{link.lang}" if link.lang and link.lang != "en" else shown


def _cut(text: str, room: int) -> str:
    """``text`` on one line of at most ``room`` characters, an ellipsis showing a cut."""
    text = " ".join(text.split())
    return text if len(text) <= room else text[: max(room - 1, 1)].rstrip() + "…"


class _Writer:
    """Lines of the view; ``full`` lists everything, otherwise long lists and texts fold."""

    def __init__(self, full: bool) -> None:
        self.full = full
        self.lines: list[str] = []
        self.quoted: set[str] = set()

    def fold(self, items: list) -> list:
        """The items to show: all, or (folded) the first ``FOLD`` of a long list."""
        if self.full or len(items) <= FOLD + 1:  # never fold away a single item
            return items
        return items[:FOLD]

    def more(self, items: list, indent: str) -> None:
        """The line that counts the items :meth:`fold` left out, if any."""
        if not self.full and len(items) > FOLD + 1:
            self.lines.append(f"{indent}… and {len(items) - FOLD} more (--all to list them)")

    def text(self, head: str, text: str, indent: str, wrap: bool = False) -> None:
        """``head`` followed by a text, wrapped (full, or ``wrap``) or cut to one line."""
        if not (self.full or wrap):
            self.lines.append(head + _cut(text, max(WIDTH - len(head), 20)))
            return
        self.lines.extend(
            textwrap.wrap(
                text,
                width=max(WIDTH, len(head) + 20),
                initial_indent=head,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [head.rstrip()]
        )

    def source(self, source: Source, indent: str) -> None:
        head = f"{indent}source: {source.document}, {source.locator}"
        if not source.quote:  # a reference text is cited by article, not quoted
            self.lines.append(head)
        elif self.full:
            self.lines.append(head)
            self.text(f'{indent}  "', f'{source.quote}"', indent + "   ")
        elif source.quote in self.quoted:
            self.lines.append(f"{head} (quoted above)")
        else:
            # Folded to one line, the passage comes before its locator: the words that state
            # the fact matter more than where to find them, which the cut may then shorten.
            self.quoted.add(source.quote)
            self.text(
                f"{indent}source: {source.document}: ",
                f'"{source.quote}" ({source.locator})',
                indent,
            )

    def column(self, title: str, links: list[Link], note_like: bool = False) -> None:
        """Properties in a column, each named once, its values beside it."""
        if not links:
            return
        self.lines += ["", title]
        width = max(len(x.predicate) for x in links)
        for group in _groups(links, lambda x: x.predicate):
            for i, x in enumerate(self.fold(group)):
                head = f"  {(x.predicate if i == 0 else '').ljust(width)}  "
                if note_like:  # the entity's own texts, in full: they are few
                    self.text(head, _value(x), " " * len(head), wrap=True)
                else:
                    self.text(head, _value(x), " " * len(head))
                if x.node or x.sources:
                    self.node(x, " " * (len(head) + 2))
            self.more(group, " " * (width + 4))

    def node(self, link: Link, indent: str) -> None:
        """The facts of a qualified node, short ones several to a line, then its sources."""
        line = ""
        for prop, value in link.node:
            fact = f"{prop}: {value}"
            if len(fact) <= SHORT and prop not in NOTE_PROPERTIES:
                if line and len(indent) + len(line) + 2 + len(fact) <= WIDTH:
                    line = f"{line}; {fact}"
                    continue
                if line:
                    self.lines.append(indent + line)
                line = fact
                continue
            if line:
                self.lines.append(indent + line)
                line = ""
            self.text(f"{indent}{prop}: ", value, indent + "  ")
        if line:
            self.lines.append(indent + line)
        for s in link.sources:
            self.source(s, indent)

    def referenced_by(self, links: list[Link]) -> None:
        """Incoming links grouped by property and the class of the linking node."""
        if not links:
            return
        self.lines += ["", "Referenced by"]
        for group in _groups(links, lambda x: (x.predicate, ", ".join(x.other_types))):
            first = group[0]
            kinds = ", ".join(first.other_types) or "untyped nodes"
            self.lines.append(f"  {first.predicate} from {kinds} ({len(group)})")
            for x in self.fold(group):
                if not x.node:
                    self.text("    ", _value(x), "      ")
                    for s in x.sources:
                        self.source(s, "      ")
                    continue
                prop, value = x.node[0]
                self.text(f"    - {prop}: ", value, "        ")
                self.node(Link(x.predicate, "", "", "", x.node[1:], x.sources), "      ")
            self.more(group, "    ")


def _groups(links: list[Link], key) -> list[list[Link]]:
    """Consecutive links with the same ``key``, in order."""
    groups: list[list[Link]] = []
    for x in links:
        if groups and key(groups[-1][0]) == key(x):
            groups[-1].append(x)
        else:
            groups.append([x])
    return groups


def description_text(d: Description, full: bool = False) -> str:
    """The terminal view of one entity; ``full`` lists every link and every text in full.

    Facts come in groups: names and ids, links, other values, notes; then what refers to the
    entity, by property and class; then the passages that state the entity. Unless ``full``,
    a group of more than 10 links shows 10 and counts the rest, a long text is cut to one
    line, and a passage quoted once is referred to after.
    """
    # The name first, for people; the short id beside it, for commands and queries.
    head = f"{d.label} ({d.id})" if d.label and d.label != d.id else d.id
    w = _Writer(full)
    w.lines += [head, f"IRI    {d.iri}", f"Types  {', '.join(d.types)}"]
    names = [x for x in d.outgoing if x.literal and x.predicate in NAME_PROPERTIES]
    names.sort(key=lambda x: NAME_PROPERTIES.index(x.predicate))  # stable: values keep order
    links = [x for x in d.outgoing if not x.literal]
    literals = [x for x in d.outgoing if x.literal and x.predicate not in NAME_PROPERTIES]
    notes = [x for x in literals if x.predicate in NOTE_PROPERTIES or len(x.other) > 60]
    w.column("Name and ids", names)
    w.column("Links", links)
    w.column("Facts", [x for x in literals if x not in notes])
    w.column("Notes", notes, note_like=True)
    w.referenced_by(d.incoming)
    if d.sources:
        w.lines += ["", "Sources"]
        for s in w.fold(d.sources):
            w.source(s, "  ")
        w.more(d.sources, "  ")
    return "\n".join(w.lines) + "\n"
