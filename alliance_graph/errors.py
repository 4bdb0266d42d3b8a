"""Errors a user can act on. The CLI prints them as one line, without a traceback."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text: str) -> str:
    """``text`` with control characters (newlines included) escaped: a message is one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class AllianceGraphError(Exception):
    """Base class: the message is meant for the user.

    Messages speak the library's terms: a parameter is named in backquotes, alone or with
    its value (`signed=True`, `first` 2020); the command line words these as its flags
    (``cli.flags.as_flags``), so the library never names a flag."""


class TooFewTies(AllianceGraphError):
    """A year's network is too small for the measure (a series skips such years)."""


class NotInNetwork(AllianceGraphError):
    """An actor asked for is not in the year's network (a series leaves the year out)."""


class StoreError(AllianceGraphError):
    """The graph store cannot be reached, opened or written."""


class QueryError(AllianceGraphError):
    """A query is unknown, badly parameterised, or failed in the database."""


class ReadOnlyError(QueryError):
    """A write was attempted in a read-only transaction."""


class IngestError(AllianceGraphError):
    """Bad input: names the file, the line and the field."""

    def __init__(self, file: str, line: int | None, field: str | None, message: str):
        self.file, self.line, self.field, self.message = str(file), line, field, message
        where = self.file if line is None else f"{self.file}:{line}"
        what = f"field '{field}': " if field else ""
        super().__init__(one_line(f"{where}: {what}{message}"))
