"""The findings of the overlap analysis, and their evidence."""

from __future__ import annotations

from dataclasses import dataclass, fields

__all__ = ["Evidence", "Item", "Source", "named", "shorten", "to_plain"]

# Labels beside ids in sentences are cut to about this many characters (the JSON keeps them whole).
SHORT_LABEL = 60


def shorten(text: str, limit: int = SHORT_LABEL) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis.

    Examples
    --------
    >>> shorten("Identify overlapping functions and activities", 30)
    'Identify overlapping…'
    >>> shorten("Short enough")
    'Short enough'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.(")
    return cut + "…"


def named(ident: str, label: str = "", limit: int = SHORT_LABEL) -> str:
    """``BDT (Telecommunication Development Bureau)``: an id with its label, when the label
    says more than the id; the label cut to ``limit`` characters.

    Examples
    --------
    >>> named("BDT", "Telecommunication Development Bureau")
    'BDT (Telecommunication Development Bureau)'
    >>> named("ITU-D", "itu-d"), named("C5")
    ('ITU-D', 'C5')
    """
    if not label or label.strip().lower() == ident.lower():
        return ident
    return f"{ident} ({shorten(label, limit)})"


@dataclass(frozen=True, order=True)
class Evidence:
    """A passage that supports a finding: document short id, locator and quote."""

    document: str
    locator: str = ""
    quote: str = ""


@dataclass(frozen=True, order=True)
class Item:
    """An entity in a finding: its short id, label and kind (``unit``, ``SDG``, ``outcome`` …)."""

    id: str
    label: str = ""
    kind: str = ""

    @property
    def name(self) -> str:
        """The id with its (shortened) label: ``BDT (Telecommunication Development Bureau)``."""
        return named(self.id, self.label)


@dataclass(frozen=True)
class Source:
    """A document the graph is read from: its short id (notation), label, printed title
    (``dcterms:title``, or empty), year and kind (``source document``, ``reference text``)."""

    id: str
    label: str = ""
    title: str = ""
    year: str = ""
    kind: str = ""


def to_plain(value: object) -> object:
    """Dataclasses, tuples and sets as JSON-ready dicts and lists (sets sorted)."""
    if hasattr(value, "to_dict"):
        return value.to_dict()  # type: ignore[union-attr]
    if hasattr(value, "__dataclass_fields__"):
        # Field by field: dataclasses.asdict would deep-copy the whole value first, only for
        # this function to walk the copy again.
        return {f.name: to_plain(getattr(value, f.name)) for f in fields(value)}  # type: ignore[arg-type]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return [to_plain(v) for v in sorted(value)]
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value
