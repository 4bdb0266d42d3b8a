"""What a source is, and how one is loaded: validate everything, then write atomically.

A source module reads its file(s) into a ``Plan`` — named write queries with their rows —
raising ``IngestError`` (file, line, field) on the first bad value. Only a complete plan
is written, inside one transaction that first removes what the same source wrote before
(relationships carry ``source``), so a re-run is idempotent and a failure leaves the
store as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import pandas as pd

from alliance_graph.store import Store, Transaction

DATA = Path(str(files("alliance_graph.ingest"))) / "data"
PEACESCIENCER = DATA / "peacesciencer"


@dataclass(frozen=True)
class Step:
    """One named write query; every write query also receives ``$source``."""

    query: str
    rows: list[dict] | None = None  # None: run once with params
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    steps: list[Step]
    rows_read: int
    spells: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    """What a source may check its input against: the states already in the store, and
    (read on demand) what other sources wrote, e.g. ATOP's treaty memberships."""

    states: pd.DataFrame  # columns code, ccode, name
    read: Callable[..., pd.DataFrame] | None = None  # the store's named read queries

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        if self.read is None:
            raise RuntimeError(f"no store to read '{name}' from")
        return self.read(name, **params)

    @property
    def ccodes(self) -> set[int]:
        return set(self.states["ccode"].astype(int))

    @property
    def codes(self) -> set[str]:
        return set(self.states["code"])


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    version: str
    coverage: str
    citation: str
    default_path: Path
    prepare: Callable[[Path, Context], Plan]
    writes: str  # what it creates, for `alliances sources`


def rows(frame: pd.DataFrame) -> list[dict]:
    """DataFrame → list of dicts with None for missing values (what both drivers expect)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict("records")


def observed_end(end: pd.Series, last_year: int) -> pd.Series:
    """Right-censoring: a spell still running in the data's last year has no known end."""
    return end.where(end < last_year).astype("Int64")


def _apply(tx: Transaction, source: str, plan: Plan, advance: Callable[[int], None]) -> None:
    tx.run("delete_source_relationships", source=source)
    for step in plan.steps:
        if step.rows is None:
            tx.run(step.query, source=source, **step.params)
        else:
            tx.run_rows(step.query, step.rows, on_batch=advance, source=source, **step.params)


def load_source(
    store: Store,
    source: Source,
    path: Path | None = None,
    *,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> dict[str, Any]:
    """Validate and load one source; returns its summary row."""
    started = time.perf_counter()
    context = Context(store.read("state_codes"), store.read)
    plan = source.prepare(Path(path) if path else source.default_path, context)
    total = sum(len(s.rows) for s in plan.steps if s.rows is not None)
    advance = progress(source.name, total) if progress else (lambda n: None)
    store.write(lambda tx: _apply(tx, source.name, plan, advance))
    counts = source_counts(store, source.name)
    return {
        "source": source.name,
        "rows read": plan.rows_read,
        "nodes": counts["nodes"],
        "relationships": counts["relationships"],
        "spells": plan.spells,
        "seconds": round(time.perf_counter() - started, 2),
        "notes": "; ".join(plan.notes),
    }


def source_counts(store: Store, name: str) -> dict[str, int]:
    frame = store.read("source_counts", source=name)
    counts = {"nodes": 0, "relationships": 0}  # ladybug returns no row for a zero count
    counts.update({str(k): int(v) for k, v in zip(frame["kind"], frame["count"])})
    return counts
