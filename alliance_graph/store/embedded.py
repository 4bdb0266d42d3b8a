"""The embedded default: a ladybug database (the maintained fork of Kùzu) in one file.

ladybug is typed: the tables come from ``schema.ladybug_ddl()`` and are created on first
use. Neo4j's ``toInteger`` and ``toBoolean`` are missing from ladybug; they are
registered as UDFs so queries stay in one dialect. They also give a typed null where a
batch of rows has no value for a column (ladybug would otherwise infer STRING and refuse
to store it in an INT64 or BOOLEAN property).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ladybug
import pandas as pd

from .. import querylib, schema
from ..errors import QueryError, ReadOnlyError, StoreError
from ..querylib import LADYBUG
from .base import BATCH_SIZE, Store, T, Transaction

BUFFER_POOL = 1 << 30  # 1 GiB: ample for this graph, modest for laptops and CI


# ladybug reads UDF annotations and rejects unions: the types are given at registration.
def _to_integer(value):
    return None if value is None or value == "" else int(float(value))


def _to_boolean(value):
    return None if value is None or value == "" else value.strip().lower() in ("true", "1")


POLYFILLS = (
    ("toInteger", _to_integer, ["STRING"], "INT64"),
    ("toBoolean", _to_boolean, ["STRING"], "BOOLEAN"),
)


def _translate(error: Exception, text: str) -> QueryError:
    message = " ".join(str(error).split())  # one line
    if len(message) > 400:
        message = message[:400] + "…"
    if "read-only" in message or "read only" in message.lower():
        return ReadOnlyError(
            "refused: this query writes, and the store was opened read-only "
            "(pass --write to allow writes)"
        )
    return QueryError(f"embedded store rejected the query: {message}")


# only where a statement starts with it (LOAD FROM must open the statement)
_UNWIND_ROWS = re.compile(r"\AUNWIND \$rows AS row\b")
_ROW_FIELD = re.compile(r"\brow\.(`?)(\w+)\1")
_PREFIX = "__row_"


def as_table(text: str, rows: Sequence[dict]) -> tuple[str, dict[str, Any]]:
    """``UNWIND $rows AS row`` rewritten as a scan of a DataFrame: ``LOAD FROM $__rows``,
    ``row.x`` read as the column ``__row_x``.

    ladybug binds a list of Python dicts slowly (about 0.1–0.2 ms a row, most of a full
    ingest); a DataFrame parameter is scanned directly. Columns are ``object`` dtype, so
    ladybug types them from their values as it does the dicts' fields (a whole-number
    column with nulls stays INT64, a column null throughout is a STRING null)."""
    keys = list(dict.fromkeys(k for r in rows for k in r))
    frame = pd.DataFrame({f"{_PREFIX}{k}": pd.Series([r.get(k) for r in rows], dtype=object)
                          for k in keys})

    def field(match: re.Match) -> str:
        key = match.group(2)
        if key not in keys:
            raise QueryError(f"embedded store rejected the query: the rows have no field "
                             f"'{key}'")
        return f"{_PREFIX}{key}"

    out = []
    for part in statements(text):
        if _UNWIND_ROWS.match(part):
            part = "LOAD FROM $__rows" + _ROW_FIELD.sub(field, _UNWIND_ROWS.sub("", part))
        out.append(part)
    return ";\n".join(out), {"__rows": frame}


class _LadybugTx(Transaction):
    dialect = LADYBUG

    def __init__(self, conn: ladybug.Connection):
        self._conn = conn

    def execute(self, text: str, params: dict[str, Any]) -> pd.DataFrame:
        return _execute(self._conn, text, params)

    def run_rows(self, name: str, rows: Sequence[dict], /, *, batch_size: int = BATCH_SIZE,
                 on_batch: Callable[[int], None] | None = None, **params: Any) -> int:
        query = querylib.load(name, self.dialect)
        query.check_params({"rows": rows, **params})
        if not any(_UNWIND_ROWS.match(part) for part in statements(query.body)):
            return super().run_rows(name, rows, batch_size=batch_size, on_batch=on_batch,
                                    **params)
        for i in range(0, len(rows), batch_size):
            batch = rows[i : i + batch_size]
            text, table = as_table(query.body, batch)
            self.execute(text, {**params, **table})
            if on_batch:
                on_batch(len(batch))
        return len(rows)


def statements(text: str) -> list[str]:
    """Split on ``;`` at line ends: a ladybug override may need several statements where
    Neo4j needs one (e.g. a relationship to a node of either of two labels)."""
    return [s.strip() for s in re.split(r";[ \t]*(?:\n|$)", text) if s.strip()]


def _execute(conn: ladybug.Connection, text: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run each statement with the parameters it uses; return the last result."""
    result = None
    for statement in statements(text):
        used = {k: v for k, v in params.items() if re.search(rf"\${re.escape(k)}\b", statement)}
        try:
            result = conn.execute(statement, used)
        except RuntimeError as error:
            raise _translate(error, statement) from None
    return result.get_as_df() if result is not None else pd.DataFrame()


class LadybugStore(Store):
    dialect = LADYBUG

    def __init__(self, path: str | Path, *, read_only: bool = False, create: bool = True):
        self.path = Path(path)
        self.read_only = read_only
        self.description = f"embedded ladybug database at {self.path}"
        if not self.path.exists() and (read_only or not create):
            raise StoreError(
                f"no graph at {self.path} yet: run `alliances ingest all` to build it"
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(
                str(self.path), buffer_pool_size=BUFFER_POOL, read_only=read_only
            )
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as error:
            reason = str(error).strip().splitlines()[0]
            raise StoreError(f"cannot open {self.description}: {reason}") from None
        for name, fn, params, returns in POLYFILLS:
            self._conn.create_function(name, fn, params, returns)
        if not read_only:
            self.init_schema()

    def close(self) -> None:
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        self._conn = self._db = None
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()

    def schema_statements(self) -> list[str]:
        return schema.ladybug_ddl()

    def init_schema(self) -> int:
        statements = self.schema_statements()
        for statement in statements:  # DDL runs outside explicit transactions
            _execute(self._conn, statement, {})
        return len(statements)

    def execute_read(self, text: str, params: dict[str, Any]) -> pd.DataFrame:
        if self.read_only:
            return _execute(self._conn, text, params)
        # A writable connection: wrap in a transaction we always roll back, so ad-hoc
        # "read" text cannot change the graph.
        _execute(self._conn, "BEGIN TRANSACTION READ ONLY", {})
        try:
            return _execute(self._conn, text, params)
        finally:
            self._rollback()

    def write(self, fn: Callable[[Transaction], T]) -> T:
        if self.read_only:
            raise ReadOnlyError("refused: the store was opened read-only (pass --write)")
        _execute(self._conn, "BEGIN TRANSACTION", {})
        try:
            result = fn(_LadybugTx(self._conn))
        except BaseException:
            self._rollback()
            raise
        _execute(self._conn, "COMMIT", {})
        return result

    def _rollback(self) -> None:
        # ladybug rolls a transaction back itself when a statement in it fails.
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError:
            pass
