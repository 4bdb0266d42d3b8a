"""One interface over two graph stores: Neo4j (server) and ladybug (embedded).

Callers name queries (``store.read("degree", year=2018)``); the store picks the text for
its dialect from ``queries/`` and checks the parameters against the query's header.
Writes happen inside ``store.write(fn)``: one atomic transaction, so a source that fails
half-way leaves nothing behind.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from .. import querylib
from .readonly import check_read_only

if TYPE_CHECKING:  # results are DataFrames; pandas is loaded by the stores that make them
    import pandas as pd

T = TypeVar("T")
BATCH_SIZE = 5_000


class Transaction(ABC):
    """A write transaction handed to the function given to ``Store.write``."""

    dialect: str

    @abstractmethod
    def execute(self, text: str, params: dict[str, Any]) -> pd.DataFrame: ...

    def run(self, name: str, /, **params: Any) -> pd.DataFrame:
        query = querylib.load(name, self.dialect)
        query.check_params(params)
        return self.execute(query.body, params)

    def run_rows(
        self,
        name: str,
        rows: Sequence[dict],
        /,
        *,
        batch_size: int = BATCH_SIZE,
        on_batch: Callable[[int], None] | None = None,
        **params: Any,
    ) -> int:
        """``UNWIND $rows`` in batches; returns the number of rows sent."""
        for i in range(0, len(rows), batch_size):
            batch = list(rows[i : i + batch_size])
            self.run(name, rows=batch, **params)
            if on_batch:
                on_batch(len(batch))
        return len(rows)


class Store(ABC):
    """A graph store. Use as a context manager so connections are closed."""

    dialect: str
    description: str

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None: ...

    def compact_on_close(self) -> None:
        """Ask for the space of replaced rows back when the session ends (the embedded
        store rewrites its file; a server manages its own space, so by default nothing)."""
        return None

    @abstractmethod
    def execute_read(self, text: str, params: dict[str, Any]) -> pd.DataFrame:
        """Run text in a read-only transaction."""

    @abstractmethod
    def write(self, fn: Callable[[Transaction], T]) -> T:
        """Run ``fn(tx)`` in one write transaction: all of it commits or none of it."""

    @abstractmethod
    def schema_statements(self) -> list[str]: ...

    def read(self, name: str, /, **params: Any) -> pd.DataFrame:
        query = querylib.load(name, self.dialect)
        query.check_params(params)
        return self.execute_read(query.body, params)

    def run_cypher(self, text: str, params: dict[str, Any], *, write: bool = False) -> pd.DataFrame:
        """Ad-hoc Cypher from a user: read-only unless ``write``. Without ``write`` the
        text is checked first (``readonly.check_read_only``) and refused with one line if
        it could change the store or touch files; then it runs read-only."""
        if write:
            return self.write(lambda tx: tx.execute(text, params))
        check_read_only(text)
        return self.execute_read(text, params)

    def init_schema(self) -> int:
        statements = self.schema_statements()
        for statement in statements:
            self.write(lambda tx, s=statement: tx.execute(s, {}))  # type: ignore[misc]
        return len(statements)

    def ensure_schema(self) -> None:
        """The constraints and indexes, before a load (idempotent: IF NOT EXISTS). Without
        Neo4j's uniqueness constraints every MATCH of a load scans its label: a full
        ingest then ran for over ten minutes on the capability links alone."""
        self.init_schema()

    def counts(self) -> dict[str, int]:
        """Node count per label and relationship count per type."""
        frame = self.read("graph_counts")
        return {str(k): int(v) for k, v in zip(frame["element"], frame["count"])}

