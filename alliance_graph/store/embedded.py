"""The embedded default: a ladybug database (the maintained fork of Kùzu) in one file.

ladybug is typed: the tables come from ``schema.ladybug_ddl()`` and are created on first
use. Neo4j's ``toInteger`` and ``toBoolean`` are missing from ladybug; they are
registered as UDFs so queries stay in one dialect. They also give a typed null where a
batch of rows has no value for a column (ladybug would otherwise infer STRING and refuse
to store it in an INT64 or BOOLEAN property).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ladybug
import pandas as pd

from .. import querylib, schema
from ..errors import QueryError, ReadOnlyError, StoreError
from ..querylib import LADYBUG
from .base import Store, T, Transaction
from .dialect import ROWS_PREFIX, lower, parameters, rows_as_columns, statements
from .lock import WriterLock

BUFFER_POOL = 1 << 30  # 1 GiB: ample for this graph, modest for laptops and CI


# ladybug reads UDF annotations and rejects unions: the types are given at registration.
def _to_integer(value):
    return None if value is None or value == "" else int(float(value))


def _to_boolean(value):
    return None if value is None or value == "" else value.strip().lower() in ("true", "1")


POLYFILLS: tuple[tuple[str, Callable[..., Any], list[Any], str], ...] = (
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
            "(`write=True` allows writes)"
        )
    return QueryError(f"embedded store rejected the query: {message}")


def as_table(text: str, rows: Sequence[dict]) -> tuple[str, dict[str, Any]]:
    """``UNWIND $rows AS row`` rewritten as a scan of a DataFrame: ``LOAD FROM $__rows``,
    ``row.x`` read as the column ``__row_x``.

    ladybug binds a list of Python dicts slowly (about 0.1–0.2 ms a row, most of a full
    ingest); a DataFrame parameter is scanned directly. Columns are ``object`` dtype, so
    ladybug types them from their values as it does the dicts' fields (a whole-number
    column with nulls stays INT64, a column null throughout is a STRING null)."""
    keys = list(dict.fromkeys(k for r in rows for k in r))
    rows = _typed_first(rows)
    frame = pd.DataFrame({f"{ROWS_PREFIX}{k}": pd.Series([r.get(k) for r in rows],
                                                         dtype=object) for k in keys})
    out = [rows_as_columns(part, keys) or part for part in statements(text)]
    return ";\n".join(out), {"__rows": frame}


def _typed_first(rows: Sequence[dict]) -> Sequence[dict]:
    """The rows with one whose lists are not empty first, when the first has an empty one.

    ladybug types a DataFrame's list column from its first value: an empty list reads as
    STRING[], and a later [3180] then fails the whole batch ("… has data type STRING[] but
    INT64[] was expected", e.g. an ATOP file whose first ~1,200 spells have no treaty
    ids). A first row with values gives the column their type; rows otherwise keep their
    order, and a batch whose lists are all empty is left as it is (it loads)."""
    if not rows:
        return rows
    lists = [k for k, v in rows[0].items() if isinstance(v, list) and not v]
    if not lists:
        return rows
    lead = next((i for i, r in enumerate(rows)
                 if all(isinstance(r.get(k), list) and r[k] for k in lists)), None)
    if lead is None:
        lead = next((i for i, r in enumerate(rows)
                     if any(isinstance(r.get(k), list) and r[k] for k in lists)), None)
    if lead is None:
        return rows
    return [rows[lead], *rows[:lead], *rows[lead + 1:]]


class _LadybugTx(Transaction):
    dialect = LADYBUG

    def __init__(self, conn: ladybug.Connection):
        self._conn = conn

    def execute(self, text: str, params: dict[str, Any]) -> pd.DataFrame:
        return _execute(self._conn, text, params)

    def run(self, name: str, /, **params: Any) -> pd.DataFrame:
        """A batch of ``UNWIND $rows`` is read as a DataFrame (``LOAD FROM``): binding a
        list of dicts costs ladybug far more per row."""
        query = querylib.load(name, self.dialect)
        query.check_params(params)
        if "rows" in params and any(rows_as_columns(p) for p in statements(query.body)):
            text, table = as_table(query.body, params.pop("rows"))
            return self.execute(text, {**params, **table})
        return self.execute(query.body, params)


def _execute(conn: ladybug.Connection, text: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run each statement, lowered to ladybug's dialect (``dialect.lower``), with the
    parameters it uses; return the last result."""
    result = None
    for statement in statements(lower(text)):
        used = {k: v for k, v in params.items() if k in parameters(statement)}
        try:
            result = conn.execute(statement, used)
        except RuntimeError as error:
            raise _translate(error, statement) from None
    # one statement at a time: a single result, not a list
    return (_like_neo4j(result.get_as_df())  # type: ignore[union-attr]
            if result is not None else pd.DataFrame())


def _like_neo4j(frame: pd.DataFrame) -> pd.DataFrame:
    """The types the Neo4j driver gives, so both stores return equal frames: whole numbers
    as int64 (ladybug keeps a column's INT16/INT32), a missing text as None (not NaN)."""
    for column, dtype in frame.dtypes.items():
        if dtype.kind in "iu" and dtype != "int64":
            frame[column] = frame[column].astype("int64")
        elif dtype.kind == "O" and frame[column].isna().any():
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


# Files ladybug 0.22 keeps beside a database while it is open for writing (measured: the
# write-ahead log, and the shadow pages of a checkpoint in progress). A closed, fully
# checkpointed database has neither; a database that has them is mid-write or crashed.
LADYBUG_SIDE_FILES = (".wal", ".shadow")
WRITING = ".writing"  # the side copy a write session builds before it is published


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unreadable(path: Path, error: Exception) -> StoreError:
    reason = " ".join(str(error).split()).split(". ")[0][:200]
    return StoreError(f"the store at {path} cannot be read ({reason}): "
                      f"rebuild it with `alliances ingest all`")


class LadybugStore(Store):
    """An embedded ladybug database file.

    Read-only: opens the published file with ladybug's ``read_only`` (no writes, no files
    created beside it).

    Writable: a *write session*. It takes the writer lock (``<db>.lock``; a second writer
    waits, then says the store is busy), copies the database to ``<db>.writing`` (or
    starts a new one), and every ``write`` goes there. ``close()`` checkpoints and closes
    that copy, fsyncs it and ``os.replace``s it over the database: readers, who open the
    published file, see the old database or the new one, never a write in progress, and a
    crash at any moment leaves the old database plus a stale side copy the next writer
    removes. Leaving the ``with`` block on an exception (or ``abort()``) discards the
    session. ``rebuild=True`` (``ingest all``) starts from an empty database when the
    current one cannot be read.
    """

    dialect = LADYBUG

    def __init__(self, path: str | Path, *, read_only: bool = False, create: bool = True,
                 rebuild: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self.description = f"embedded ladybug database at {self.path}"
        self._db: ladybug.Database | None = None
        self._conn: ladybug.Connection | None = None
        self._lock: WriterLock | None = None
        self._side: Path | None = None
        if not self.path.exists() and (read_only or not create):
            raise StoreError(
                f"no graph at {self.path} yet: run `alliances ingest all` to build it"
            )
        if read_only:
            self._open(self.path, read_only=True)
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the store at {self.path}: {error.strerror}") from None
        self._lock = WriterLock(self.path).acquire()
        try:
            self._begin(rebuild)
            self.init_schema()
        except BaseException:
            self.abort()
            raise

    # -- write sessions ---------------------------------------------------------------

    def _side_files(self, db: Path) -> list[Path]:
        return [p for p in (db.with_name(db.name + s) for s in LADYBUG_SIDE_FILES) if p.exists()]

    def _remove_session_files(self) -> None:
        side = self.path.with_name(self.path.name + WRITING)
        for p in [side, *self._side_files(side)]:
            p.unlink(missing_ok=True)

    def _begin(self, rebuild: bool) -> None:
        self._remove_session_files()  # a crashed writer's copy: we hold the lock
        broken = None
        if self._side_files(self.path):
            # written by an older version (or a crash inside ladybug itself): let ladybug
            # recover it in place once, under the lock
            try:
                self._open(self.path, read_only=False)
            except StoreError as error:
                broken = error
            finally:
                self._close_db()
        side = self.path.with_name(self.path.name + WRITING)
        if self.path.exists() and broken is None:
            shutil.copyfile(self.path, side)
            try:
                self._open(side, read_only=False)
            except StoreError as error:
                broken = error
                self._remove_session_files()
        if broken is not None:
            if not rebuild:
                raise broken
            print(f"{broken.args[0].split(': rebuild')[0]}: rebuilding it from scratch",
                  file=sys.stderr, flush=True)
        if self._conn is None:
            self._open(side, read_only=False)
        self._side = side

    def _open(self, target: Path, *, read_only: bool) -> None:
        try:
            self._db = ladybug.Database(str(target), buffer_pool_size=BUFFER_POOL,
                                        read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as error:
            self._close_db()
            raise _unreadable(self.path, error) from None
        for name, fn, params, returns in POLYFILLS:
            self._conn.create_function(name, fn, params, returns)

    def _close_db(self) -> None:
        conn, db = self._conn, self._db
        self._conn = self._db = None
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()

    def _publish(self) -> None:
        side, self._side = self._side, None
        _execute(self._conn, "CHECKPOINT", {})
        self._close_db()
        leftover = self._side_files(side)
        if leftover:
            raise StoreError(f"the new store was not fully written ({leftover[0].name} "
                             f"remains); {self.path} is unchanged")
        _fsync(side)
        for stale in self._side_files(self.path):  # only beside a store being rebuilt
            stale.unlink()
        os.replace(side, self.path)
        _fsync(self.path.parent)  # make the rename itself durable

    def abort(self) -> None:
        """End a write session without publishing it: the database stays as it was."""
        self._side = None
        try:
            self._close_db()
        finally:
            if self._lock is not None:
                self._remove_session_files()
                self._lock.release()
                self._lock = None

    def close(self) -> None:
        """Close; a write session publishes what it wrote (see the class docstring)."""
        try:
            if self._side is not None:
                self._publish()
        finally:
            self.abort()

    def __exit__(self, exc_type, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    # -- queries ----------------------------------------------------------------------

    def schema_statements(self) -> list[str]:
        return schema.ladybug_ddl()

    def ensure_schema(self) -> None:
        """Nothing to do: a write session creates the tables when it opens."""

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
            raise ReadOnlyError("refused: the store was opened read-only "
                                "(open it with `read_only=False`)")
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
