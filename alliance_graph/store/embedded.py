"""The embedded default: a ladybug database (the maintained fork of Kùzu) in one file.

ladybug is typed: the tables come from ``schema.ladybug_ddl()`` and are created on first
use. Neo4j's ``toInteger`` and ``toBoolean`` are missing from ladybug; they are
registered as UDFs so queries stay in one dialect. They also give a typed null where a
batch of rows has no value for a column (ladybug would otherwise infer STRING and refuse
to store it in an INT64 or BOOLEAN property).
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import stat
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
    missing = re.search(r"Cannot find property (\w+)", message)
    if missing and missing.group(1) in schema.property_keys():
        # a property of this version's schema the file lacks: written by an older version
        return QueryError(f"embedded store rejected the query: {message} (the store was "
                          "written by an older alliance-graph: `alliances ingest all` "
                          "adds the new properties)")
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


# Every file ladybug 0.22 creates beside a database it writes (traced with strace: the
# write-ahead log, the locks and frozen log of a checkpoint, the checkpoint's shadow pages,
# and the temporary files it looks for).
# A closed, fully checkpointed database has none of them.
LADYBUG_SIDE_FILES = (".wal", ".wal.checkpoint", ".shadow", ".checkpoint.intent.lock",
                      ".checkpoint.apply.lock", ".tmp", ".pinned.tmp")
SESSION = ".session"  # the private directory a write session works in
LEGACY_WRITING = ".writing"  # the side copy of earlier versions (removed, never replayed)
MAGIC = b"LBUG"  # the first bytes of a ladybug database file


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


def check_store_path(path: Path) -> None:
    """Refuse a path that exists and is not a ladybug database (a directory, a CSV, an
    empty file): opening it for writing would replace the user's file with a store."""
    if path.is_dir():
        raise StoreError(f"the store at {path} is a directory, not a ladybug database: "
                         f"pass --db a file path")
    if not path.exists():
        return
    try:
        with path.open("rb") as f:
            head = f.read(len(MAGIC))
    except OSError as error:
        raise StoreError(f"the store at {path} cannot be read ({error.strerror})") from None
    if head != MAGIC:
        raise StoreError(f"the store at {path} is not a ladybug database (it does not start "
                         f"with {MAGIC.decode()}): refusing to overwrite it; pass --db a "
                         f"new path or an existing store")


GROWTH = 1.10  # a session whose file grew past this factor is compacted before publishing
# (and every ingest over an existing store, which asks for it: see LadybugStore._compact)


def _python(value: Any, kind: str) -> Any:
    """A value read back from ladybug as the type its column holds (nulls as None)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if kind == "INT64":
        return int(value)
    if kind == "DOUBLE":
        return float(value)
    if kind == "BOOLEAN":
        return bool(value)
    if kind.endswith("[]"):
        return [_python(v, kind[:-2]) for v in value]
    return value


def _rows(conn: ladybug.Connection, text: str, kinds: dict[str, str]) -> list[dict]:
    frame = _execute(conn, text, {})
    return [{k: _python(v, kinds[k]) for k, v in zip(frame.columns, row)}
            for row in frame.itertuples(index=False, name=None)]


def _copy_all(source: ladybug.Connection, target: ladybug.Connection) -> None:
    """Every node and relationship of ``source`` written into the empty ``target`` (whose
    tables exist), in one transaction. The statements are generated from the schema,
    as the DDL is; the rows go through the DataFrame scan (``as_table``)."""
    def q(name: str) -> str:
        return f"`{name}`"

    _execute(target, "BEGIN TRANSACTION", {})
    for node in schema.NODES:
        kinds = {p.name: p.type for p in node.props}
        rows = _rows(source, f"MATCH (n:{node.label}) RETURN "
                             + ", ".join(f"n.{q(k)} AS {q(k)}" for k in kinds), kinds)
        _write_rows(target, f"UNWIND $rows AS row CREATE (:{node.label} {{"
                    + ", ".join(f"{q(k)}: row.{q(k)}" for k in kinds) + "})", rows)
    keys = {n.label: n.key for n in schema.NODES}
    for rel in schema.RELS:
        kinds = {p.name: p.type for p in rel.props}
        for a, b in rel.endpoints:
            ends = {"__a": "STRING", "__b": "STRING"}
            rows = _rows(source, f"MATCH (a:{a})-[r:{rel.type}]->(b:{b}) RETURN "
                                 f"CAST(a.{q(keys[a])} AS STRING) AS __a, "
                                 f"CAST(b.{q(keys[b])} AS STRING) AS __b, "
                         + ", ".join(f"r.{q(k)} AS {q(k)}" for k in kinds),
                         {**kinds, **ends})
            _write_rows(target, f"UNWIND $rows AS row MATCH (a:{a} {{{q(keys[a])}: row.__a}}), "
                        f"(b:{b} {{{q(keys[b])}: row.__b}}) CREATE (a)-[:{rel.type} {{"
                        + ", ".join(f"{q(k)}: row.{q(k)}" for k in kinds) + "}]->(b)", rows)
    _execute(target, "COMMIT", {})


def _write_rows(conn: ladybug.Connection, text: str, rows: list[dict]) -> None:
    """``rows`` through ``text``; a column null in every row is left out (the property
    stays null: ladybug would type an all-null column as STRING)."""
    if not rows:
        return
    empty = {k for k in rows[0] if all(r[k] is None for r in rows)}
    for k in empty:
        text = re.sub(rf",? *`{re.escape(k)}`: row\.`{re.escape(k)}`", "", text)
    text = text.replace("{, ", "{")
    rows = [{k: v for k, v in r.items() if k not in empty} for r in rows]
    for start in range(0, len(rows), 20_000):
        body, table = as_table(text, rows[start:start + 20_000])
        _execute(conn, body, table)


class LadybugStore(Store):
    """An embedded ladybug database file.

    Read-only: opens the published file with ladybug's ``read_only`` (no writes, no files
    created beside it).

    Writable: a *write session*. It takes the writer lock (``<db>.lock``; a second writer
    waits, then says the store is busy), removes what a dead session left (the whole
    private directory ``<db>.session/``: never replayed), copies the database into that
    directory (or starts a new one there) and opens it with auto-checkpoint off, so every
    file ladybug writes (its log, checkpoint locks, frozen log, shadow pages) is inside the
    directory and no checkpoint runs before the end. ``close()`` runs one explicit
    ``CHECKPOINT``, closes the copy, checks nothing but the database is left in the
    directory, fsyncs it, gives it the published file's mode and owner and
    ``os.replace``s it over the database. Readers, who open the published file, see the
    old database or the new one, never a write in progress; a kill at any moment leaves
    the old database (or, once renamed, the new one) plus a directory the next session
    removes. Leaving the ``with`` block on an exception (or ``abort()``) discards the
    session. ``rebuild=True`` (``ingest all``) starts from an empty database when the
    current one cannot be read. A path that is not a ladybug database, or a published
    file without a write bit, is refused before anything is written.
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
        self._start_size = 0  # bytes of the store a write session started from
        self._compact_wanted = False
        if not self.path.exists() and (read_only or not create):
            raise StoreError(
                f"no graph at {self.path} yet: run `alliances ingest all` to build it"
            )
        check_store_path(self.path)
        if read_only:
            self._open(self.path, read_only=True)
            return
        if self.path.exists() and (not self.path.stat().st_mode & 0o222
                                   or not os.access(self.path, os.W_OK)):
            mode = stat.S_IMODE(self.path.stat().st_mode)
            raise StoreError(f"the store at {self.path} is read-only (mode {mode:04o}): "
                             f"make it writable (chmod u+w) to write it")
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

    @property
    def session_dir(self) -> Path:
        return self.path.with_name(self.path.name + SESSION)

    def _remove_session_files(self) -> None:
        shutil.rmtree(self.session_dir, ignore_errors=True)
        for p in self.path.parent.glob(glob.escape(self.path.name + LEGACY_WRITING) + "*"):
            p.unlink(missing_ok=True)

    def _begin(self, rebuild: bool) -> None:
        self._remove_session_files()  # a dead session's directory: we hold the lock
        broken = None
        if self._side_files(self.path):
            # written in place by an older version (no session of ours writes beside the
            # published file): let ladybug recover it once, under the lock
            try:
                self._open(self.path, read_only=False)
            except StoreError as error:
                broken = error
            finally:
                self._close_db()
        self.session_dir.mkdir(mode=0o700)
        side = self.session_dir / self.path.name
        self._start_size = 0
        if self.path.exists() and broken is None:
            shutil.copyfile(self.path, side)
            self._start_size = side.stat().st_size
            try:
                self._open(side, read_only=False, auto_checkpoint=False)
            except StoreError as error:
                broken = error
                self._close_db()
                side.unlink()
        if broken is not None:
            if not rebuild:
                raise broken
            print(f"{broken.args[0].split(': rebuild')[0]}: rebuilding it from scratch",
                  file=sys.stderr, flush=True)
        if self._conn is None:
            self._open(side, read_only=False, auto_checkpoint=False)
        self._side = side

    def _open(self, target: Path, *, read_only: bool, auto_checkpoint: bool = True) -> None:
        try:
            self._db = ladybug.Database(str(target), buffer_pool_size=BUFFER_POOL,
                                        read_only=read_only, auto_checkpoint=auto_checkpoint)
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
        if self._start_size and (self._compact_wanted
                                 or side.stat().st_size > GROWTH * self._start_size):
            self._compact(side)
        self._close_db()
        leftover = sorted(p.name for p in side.parent.iterdir() if p != side)
        if leftover:
            raise StoreError(f"the new store was not fully written ({leftover[0]} "
                             f"remains); {self.path} is unchanged")
        if self.path.exists():  # the store keeps its mode and owner
            st = self.path.stat()
            os.chmod(side, stat.S_IMODE(st.st_mode))
            if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.chown(side, st.st_uid, st.st_gid)
                except PermissionError:
                    pass  # not ours to give away: the file is the writer's, as any new file
        _fsync(side)
        for stale in self._side_files(self.path):  # only beside a store being rebuilt
            stale.unlink()
        os.replace(side, self.path)
        _fsync(self.path.parent)  # make the rename itself durable

    def compact_on_close(self) -> None:
        """Compact before publishing (``ingest`` asks: a re-ingest replaces rows)."""
        self._compact_wanted = True

    def _compact(self, side: Path) -> None:
        """Rewrite the session's database into a new file holding only its live rows.

        ladybug does not give back the pages of deleted rows that a transaction replaced,
        so re-ingesting the same data grew the file by most of its size each time (11.7
        → 25.6 → 36.1 MB). A session whose file grew by more than ``GROWTH`` is copied
        row by row into a fresh database in the same private directory, which then takes
        the session file's place; the published file is untouched until the rename. A
        new store (nothing replaced) is never compacted."""
        fresh = side.with_name(side.name + ".compact")
        db = ladybug.Database(str(fresh), buffer_pool_size=BUFFER_POOL, auto_checkpoint=False)
        conn = ladybug.Connection(db)
        try:
            for name, fn, params, returns in POLYFILLS:
                conn.create_function(name, fn, params, returns)
            for statement in schema.ladybug_ddl():
                _execute(conn, statement, {})
            _copy_all(self._conn, conn)
            _execute(conn, "CHECKPOINT", {})
        finally:
            conn.close()
            db.close()
        self._close_db()
        os.replace(fresh, side)

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
