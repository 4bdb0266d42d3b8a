"""What a source is, and how one is loaded: validate everything, then write atomically.

A source module reads its file(s) into a ``Plan`` — named write queries with their rows —
raising ``IngestError`` (file, line, field) on the first bad value. Only a complete plan
is written, inside one transaction that first removes what the same source wrote before
(relationships carry ``source``), so a re-run is idempotent and a failure leaves the
store as it was. The same transaction records the load (``SourceLoad``: version, file,
rows, counts, time), so the store knows which sources it holds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
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
    read: Callable[..., pd.DataFrame]  # the store's named read queries

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


def _apply(tx: Transaction, source: Source, file: Path, plan: Plan,
           advance: Callable[[int], None], started: float) -> dict[str, int]:
    """The source's data and its SourceLoad record, in one transaction."""
    tx.run("delete_source_relationships", source=source.name)
    for step in plan.steps:
        if step.rows is None:
            tx.run(step.query, source=source.name, **step.params)
        else:
            tx.run_rows(step.query, step.rows, on_batch=advance, source=source.name,
                        **step.params)
    counts = _counts(tx.run("source_counts", source=source.name))
    tx.run("record_source_load", source=source.name, name=source.title,
           version=source.version, file=file.name,
           rows_read=plan.rows_read, nodes=counts["nodes"],
           relationships=counts["relationships"],
           loaded_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
           seconds=round(time.perf_counter() - started, 2))
    return counts


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
    file = Path(path) if path else source.default_path
    plan = source.prepare(file, context)
    total = sum(len(s.rows) for s in plan.steps if s.rows is not None)
    advance = progress(source.name, total) if progress else (lambda n: None)
    counts = store.write(lambda tx: _apply(tx, source, file, plan, advance, started))
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
    return _counts(store.read("source_counts", source=name))


def _counts(frame: pd.DataFrame) -> dict[str, int]:
    counts = {"nodes": 0, "relationships": 0}  # ladybug returns no row for a zero count
    counts.update({str(k): int(v) for k, v in zip(frame["kind"], frame["count"])})
    return counts
