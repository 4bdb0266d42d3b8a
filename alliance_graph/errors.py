"""Errors a user can act on. The CLI prints them as one line, without a traceback."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, unquote

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# a user:password@ part: from a word's start (or its scheme://) to its LAST "@", so "/",
# "#", "?" or ":" inside a password do not end it; a URI whose scheme was forgotten
# ("neo4j:pw@host") is a word with an "@" too
_USERINFO = re.compile(r"""(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)?[^\s'"<>()\[\]]*@""")
_QUERY_VALUE = re.compile(r"(?<=[?&;])([^=&#\s'\"]+)=[^&#\s'\"]*")


def one_line(text: str) -> str:
    """``text`` with control characters (newlines included) escaped: a message is one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` fit to print: each of ``secrets`` (as given, percent-encoded and decoded)
    replaced by ``***``, the ``user:password@`` part of anything URI-like removed, and URI
    query values hidden. Every message that may carry a URI or a credential passes here
    (invalid URIs, connection errors, ``NEO4J_AUTH``), and the CLI applies it to every
    error it prints."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        for form in sorted({secret, quote(secret, safe=""), unquote(secret)}, key=len,
                           reverse=True):
            text = text.replace(form, "***")
    text = _USERINFO.sub(lambda m: (m.group("scheme") or ""), text)
    return _QUERY_VALUE.sub(lambda m: f"{m.group(1)}=***", text)


def uri_secrets(uri: str | None) -> list[str]:
    """What in ``uri`` is secret, parsed or not: its raw user:password part (up to the
    last "@" after the scheme) and the password in it."""
    if not uri:
        return []
    rest = uri.split("://", 1)[-1]
    if "@" not in rest:
        return []
    userinfo = rest.rsplit("@", 1)[0]
    password = userinfo.split(":", 1)[1] if ":" in userinfo else ""
    return [userinfo, password]


class AllianceGraphError(Exception):
    """Base class: the message is meant for the user.

    Messages speak the library's terms: a parameter is named in backquotes, alone or with
    its value (`signed=True`, `first` 2020); the command line words these as its flags
    (``cli.flags.as_flags``), so the library never names a flag."""


class TooFewTies(AllianceGraphError):
    """A year's network is too small for the measure (a series skips such years)."""


class NotInNetwork(AllianceGraphError):
    """An actor asked for is not in the year's network (a series leaves the year out)."""


class UnknownCodeError(AllianceGraphError):
    """An actor code or name that names no actor, or several: bad input, exit status 2."""


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
