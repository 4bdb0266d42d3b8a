"""Neo4j 5 through the official driver (6.x).

Reads go through ``driver.execute_query`` with READ routing (managed: retried on
transient errors); writes through ``session.execute_write`` so a whole source is one
transaction. The driver is entered as a context manager and closed with the store. Error
messages name the URI and user, never the password.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import pandas as pd
from neo4j import GraphDatabase, Result, RoutingControl
from neo4j import exceptions as neo4j_errors

from .. import schema
from ..config import Settings
from ..errors import QueryError, ReadOnlyError, StoreError, redact, uri_secrets
from ..querylib import NEO4J
from .base import Store, T, Transaction


# the driver logs failed routing attempts as warnings; the error we raise says it once
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False

BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _safe_uri(uri: str) -> str:
    """``uri`` for messages, parsed or not: no user:password@ part, query values hidden."""
    return redact(uri, uri_secrets(uri))


def _parse_uri(uri: str) -> tuple[str, str | None, str | None]:
    """(URI for the driver, user, password): a user:password@ part is taken out of the
    URI (the driver refuses it) and used as the credentials. Invalid URIs are one line
    that never shows a password."""
    shown = _safe_uri(uri)
    try:
        parts = urlsplit(uri)
        port = parts.port  # parses the port: "abc" or 99999 raise here
        host = parts.hostname
    except ValueError as error:
        if uri_secrets(uri):  # the parser's words may quote a piece of the password
            raise StoreError(f"invalid Neo4j URI {shown}: it does not parse (a password "
                             f"with / # ? @ must be percent-encoded in a URI; or set "
                             f"NEO4J_PASSWORD)") from None
        raise StoreError(f"invalid Neo4j URI {shown}: {error}") from None
    if parts.scheme not in BOLT_SCHEMES:
        raise StoreError(f"unsupported Neo4j URI scheme '{parts.scheme}' in {shown} "
                         f"(use bolt:// or neo4j://, e.g. bolt://localhost:7687)")
    if not host:
        raise StoreError(f"invalid Neo4j URI {shown}: no host (e.g. bolt://localhost:7687)")
    if parts.fragment:
        raise StoreError(f"invalid Neo4j URI {shown}: a #fragment means nothing here")
    if parts.query and parts.scheme.startswith("bolt"):
        raise StoreError(f"invalid Neo4j URI {shown}: bolt:// takes no query string "
                         "(routing context is for neo4j://; credentials go in "
                         "NEO4J_USER/NEO4J_PASSWORD)")
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    return clean, user, password


def _first_line(error: Exception) -> str:
    """The driver's message in one line; for a refused connection, the socket's reason."""
    text = (getattr(error, "message", None) or str(error) or type(error).__name__).strip()
    reason = re.search(r"\(reason (.+?)\)\s*$", text, re.MULTILINE)
    if reason:
        return reason.group(1)
    return text.splitlines()[0].rstrip(":")


class _Neo4jTx(Transaction):
    dialect = NEO4J

    def __init__(self, tx):
        self._tx = tx

    def execute(self, text: str, params: dict[str, Any]) -> pd.DataFrame:
        return self._tx.run(text, params).to_df()


class Neo4jStore(Store):
    dialect = NEO4J

    def __init__(self, settings: Settings):
        if not settings.neo4j_uri:
            raise StoreError("no Neo4j URI given (`neo4j_uri` or NEO4J_URI)")
        if settings.auth_problem:
            raise StoreError(settings.auth_problem)
        uri, uri_user, uri_password = _parse_uri(settings.neo4j_uri)
        self.uri = _safe_uri(uri)
        self.user = uri_user or settings.neo4j_user
        self.database = settings.neo4j_database
        self.description = f"Neo4j at {self.uri} as user '{self.user}'"
        # reach the server first: an unreachable URI is reported as such, with or without
        # a password; a missing password then shows up as an authentication failure
        password = uri_password or settings.neo4j_password
        secrets = [password, settings.neo4j_password, *uri_secrets(settings.neo4j_uri)]
        self._stack = ExitStack()
        try:
            self._driver = self._stack.enter_context(
                GraphDatabase.driver(
                    uri,
                    auth=(self.user, password) if password else None,
                    connection_timeout=10,
                    max_transaction_retry_time=30,
                )
            )
            self._driver.verify_connectivity()
        except neo4j_errors.AuthError:
            self._stack.close()
            hint = ("check NEO4J_USER/NEO4J_PASSWORD" if password
                    else "no password given: set NEO4J_PASSWORD")
            raise StoreError(f"{self.description}: authentication failed ({hint})") from None
        except (neo4j_errors.DriverError, neo4j_errors.Neo4jError, ValueError, OSError) as error:
            self._stack.close()
            reason = redact(_first_line(error), secrets)  # it may quote the URI or password
            raise StoreError(f"cannot reach {self.description}: {reason}") from None

    def close(self) -> None:
        self._stack.close()

    def schema_statements(self) -> list[str]:
        return schema.neo4j_ddl()

    def _wrap(self, error: Exception) -> Exception:
        if isinstance(error, neo4j_errors.Neo4jError) and (error.code or "").endswith(
            "AccessMode"
        ):
            return ReadOnlyError(
                "refused: this query writes, and it ran in a READ transaction "
                "(`write=True` allows writes)"
            )
        if isinstance(error, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired)):
            return StoreError(f"lost {self.description}: {_first_line(error)}")
        return QueryError(f"Neo4j rejected the query: {_first_line(error)}")

    def execute_read(self, text: str, params: dict[str, Any]) -> pd.DataFrame:
        try:
            return self._driver.execute_query(
                text,
                params,
                routing_=RoutingControl.READ,
                database_=self.database,
                result_transformer_=Result.to_df,
            )
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
            raise self._wrap(error) from None

    def write(self, fn: Callable[[Transaction], T]) -> T:
        try:
            with self._driver.session(database=self.database) as session:
                return session.execute_write(lambda tx: fn(_Neo4jTx(tx)))
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
            raise self._wrap(error) from None

    def gds_version(self) -> str | None:
        """GDS may have failed to load even when configured: ask the server."""
        try:
            frame = self.read("gds/version")
        except QueryError:
            return None
        return str(frame["version"][0]) if len(frame) else None

    def has_gds(self) -> bool:
        return self.gds_version() is not None
