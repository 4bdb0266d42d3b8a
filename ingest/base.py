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

from alliance_graph.errors import IngestError
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


MAX_SHRINK = 0.10  # share of a label's nodes or a type's ties a load may remove unasked
_DERIVED = {"SourceLoad"}  # load records, rewritten by every load


def _element_counts(tx: Transaction) -> dict[str, int]:
    frame = tx.run("graph_counts")
    return {str(k): int(v) for k, v in zip(frame["element"], frame["count"])
            if str(k) not in _DERIVED}


def _check_shrink(source: Source, file: Path, before: dict[str, int],
                  after: dict[str, int]) -> None:
    """Refuse a load that removes more than ``MAX_SHRINK`` of any label's nodes or any
    type's relationships (a truncated state list drops the ties of every state it leaves
    out; an empty deployments file drops every deployment): a valid-looking file must
    not gut the graph without the user saying so."""
    lost = [(before[k] - after.get(k, 0), before[k], k) for k in sorted(before)
            if before[k] and before[k] - after.get(k, 0) > MAX_SHRINK * before[k]]
    if lost:
        what = ", ".join(f"{n:,} of {total:,} {k} ({n / total:.0%})" for n, total, k in lost)
        raise IngestError(str(file), None, None,
                          f"loading {source.name} from this file would remove {what}; "
                          f"nothing was loaded (more than {MAX_SHRINK:.0%} of what was "
                          f"there: pass `allow_shrink=True` to load it anyway)")


def _apply(tx: Transaction, source: Source, file: Path, plan: Plan,
           advance: Callable[[int], None], started: float,
           allow_shrink: bool = False) -> dict[str, int]:
    """The source's data and its SourceLoad record, in one transaction."""
    before = None if allow_shrink else _element_counts(tx)
    tx.run("delete_source_relationships", source=source.name)
    for step in plan.steps:
        if step.rows is None:
            tx.run(step.query, source=source.name, **step.params)
        else:
            tx.run_rows(step.query, step.rows, on_batch=advance, source=source.name,
                        **step.params)
    if before is not None:
        _check_shrink(source, file, before, _element_counts(tx))
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
    allow_shrink: bool = False,
) -> dict[str, Any]:
    """Validate and load one source; returns its summary row. A load that would remove
    more than ``MAX_SHRINK`` of any kind of node or tie is refused unless
    ``allow_shrink``."""
    started = time.perf_counter()
    context = Context(store.read("state_codes"), store.read)
    file = Path(path) if path else source.default_path
    plan = source.prepare(file, context)
    total = sum(len(s.rows) for s in plan.steps if s.rows is not None)
    advance = progress(source.name, total) if progress else (lambda n: None)
    counts = store.write(lambda tx: _apply(tx, source, file, plan, advance, started,
                                           allow_shrink))
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
