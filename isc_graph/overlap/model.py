"""The findings of the overlap analysis, and their evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["Evidence", "Item", "to_plain"]


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


def to_plain(value: object) -> object:
    """Dataclasses, tuples and sets as JSON-ready dicts and lists (sets sorted)."""
    if hasattr(value, "to_dict"):
        return value.to_dict()  # type: ignore[union-attr]
    if hasattr(value, "__dataclass_fields__"):
        return {k: to_plain(v) for k, v in asdict(value).items()}  # type: ignore[call-overload]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return [to_plain(v) for v in sorted(value)]
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value
