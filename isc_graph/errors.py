"""Errors a user can act on. The CLI prints them as one ``Error: …`` line, without traceback."""

from __future__ import annotations

__all__ = [
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_VIOLATIONS",
    "DataError",
    "IscGraphError",
    "QueryError",
    "StoreDamaged",
    "StoreError",
    "ValidationFailed",
]

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


class IscGraphError(Exception):
    """Base of every error caused by input, configuration or the environment."""

    exit_code = EXIT_ERROR


class Location:
    """A place in a source file, 1-based like editors show it."""

    def __init__(self, path: str, line: int | None = None, column: int | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class DataError(IscGraphError):
    """A source file cannot be read or parsed: ``file:line:column: message``."""

    def __init__(self, location: Location, message: str) -> None:
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")


class ValidationFailed(IscGraphError):
    """The data does not conform to the shapes; ``report`` lists the violations."""

    exit_code = EXIT_VIOLATIONS

    def __init__(self, report: object, summary: str) -> None:
        self.report = report
        super().__init__(summary)


class StoreError(IscGraphError):
    """The store is missing, locked or unreadable."""


class StoreDamaged(StoreError):
    """The live generation cannot be used; ``isc-graph build --force`` rebuilds it."""

    def __init__(self, store: object, what: str) -> None:
        self.store = store
        self.what = what
        super().__init__(
            f"the store at {store} is damaged ({what}): run `isc-graph build --force` to "
            "rebuild it from the sources"
        )


class QueryError(IscGraphError):
    """A query cannot be found, parsed or run, or a parameter is wrong."""
