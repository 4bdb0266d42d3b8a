"""Ingest sources, one module each. ``ingest(store, ["all"])`` loads them in dependency order.

States come first: every other source refers to states by COW code and fails, naming the
line, on a code the store does not know.
"""

from __future__ import annotations

import importlib
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from alliance_graph.errors import AllianceGraphError, QueryError
from alliance_graph.store import Store

from .base import Source, load_source, source_counts

# The sources in ``ingest all`` order, by name: what `status` and `--help` need, without
# importing the readers (the curated one alone brings YAML and 2,000 lines; tests check
# these names against the readers' own).
SOURCE_NAMES = ("cow-states", "atop-treaties", "atop", "td-rivalries", "tss-rivalries",
                "cow-majors", "maoz-powers", "cow-nmc", "cow-mids", "curated")
_READERS = ("atop", "atop_treaties", "cow_mids", "cow_nmc", "cow_states", "curated",
            "powers", "rivalries")
_sources_: dict[str, Source] = {}

if TYPE_CHECKING:
    SOURCES: dict[str, Source]


def _sources() -> dict[str, Source]:
    """Name → source in ``ingest all`` order, the reader modules imported on first use."""
    if not _sources_:
        from . import atop, atop_treaties, cow_mids, cow_nmc, cow_states, curated, powers
        from . import rivalries

        found = [cow_states.SOURCE, atop_treaties.SOURCE, atop.SOURCE, rivalries.TD,
                 rivalries.TSS, powers.MAJORS, powers.MAOZ, cow_nmc.SOURCE, cow_mids.SOURCE,
                 curated.SOURCE]
        if tuple(s.name for s in found) != SOURCE_NAMES:
            raise AssertionError(f"SOURCE_NAMES {SOURCE_NAMES} differs from the readers' "
                                 f"{tuple(s.name for s in found)}")
        _sources_.update((s.name, s) for s in found)
    return _sources_


def __getattr__(name: str):
    if name == "SOURCES":
        return _sources()
    if name in _READERS:  # `ingest.atop` without `import alliance_graph.ingest.atop`
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["SOURCES", "SOURCE_NAMES", "bundled_database", "ingest", "loaded_sources",
           "missing_sources", "network_sources", "resolve", "sources_table"]


def resolve(names: Iterable[str]) -> list[Source]:
    """Source names (or ``all``) → sources in dependency order."""
    wanted = list(names)
    if "all" in wanted:
        return list(_sources().values())
    unknown = [n for n in wanted if n not in _sources()]
    if unknown:
        raise AllianceGraphError(
            f"unknown source '{unknown[0]}' (choose from: all, {', '.join(SOURCE_NAMES)})"
        )
    return [s for s in _sources().values() if s.name in wanted]


def ingest(
    store: Store,
    names: Iterable[str],
    *,
    path: Path | None = None,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
    allow_shrink: bool = False,
) -> pd.DataFrame:
    """Load sources into ``store``; one summary row per source.

    ``path`` replaces the bundled file of a single source (e.g. a newer release);
    ``allow_shrink`` lets a load remove more than ``base.MAX_SHRINK`` of a kind of node or
    tie (refused otherwise).
    """
    chosen = resolve(names)
    if path is not None and len(chosen) != 1:
        raise AllianceGraphError("`path` needs exactly one source")
    store.ensure_schema()
    summary = pd.DataFrame([load_source(store, s, path, progress=progress,
                                        allow_shrink=allow_shrink) for s in chosen])
    store.compact_on_close()  # a re-load replaced rows: the embedded file gives them back
    return summary.astype({"spells": "Int64"})


def sources_table(store: Store | None) -> pd.DataFrame:
    """Every source with version, coverage, what it writes, counts in ``store`` and citation."""
    out = []
    for s in _sources().values():
        counts = source_counts(store, s.name) if store is not None else {}
        out.append({
            "source": s.name, "dataset": s.title, "version": s.version, "coverage": s.coverage,
            "nodes": counts.get("nodes"), "relationships": counts.get("relationships"),
            "writes": s.writes, "citation": s.citation,
        })
    return pd.DataFrame(out)


LOAD_COLUMNS = ["source", "name", "version", "file", "rows_read", "nodes", "relationships",
                "loaded_at", "seconds"]


def loaded_sources(store: Store) -> pd.DataFrame:
    """The sources the store holds, one row per source as its last load recorded it
    (empty for a store built before loads were recorded), with the counts of nodes and
    relationships each holds now: a later load of another source may have removed ties
    that depended on it (e.g. ``cow-states`` dropping states), and the record says what
    the load wrote, not what is left."""
    try:
        loads = store.read("source_loads")
    except QueryError as error:
        # a store built before loads were recorded: ladybug has no SourceLoad table
        if "SourceLoad does not exist" in str(error):
            return pd.DataFrame(columns=LOAD_COLUMNS)
        raise
    now = store.read("counts_by_source")
    held = {(str(s), str(k)): int(c) for s, k, c in zip(now["source"], now["kind"], now["count"])}
    for kind in ("nodes", "relationships"):
        loads[kind] = [held.get((str(s), kind), 0) for s in loads["source"]]
    return loads


def missing_sources(store: Store, needed: Iterable[str],
                    loads: pd.DataFrame | None = None) -> list[str]:
    """The sources of ``needed`` (in ``ingest all`` order) the store does not hold
    (``loads``: its ``loaded_sources`` table, when the caller has read it)."""
    have = set((loaded_sources(store) if loads is None else loads)["source"])
    wanted = set(needed)
    return [name for name in SOURCE_NAMES if name in wanted and name not in have]


def network_sources(net, *, rivalries: bool = False, disputes: bool = False,
                    powers: bool = False) -> list[str]:
    """The sources a computation on network ``net`` (an ``analytics.projection.Network``)
    relies on: states, its family's alliance and membership sources, and optionally its
    rivalries, disputes and the power data (capabilities, major powers)."""
    names = ["cow-states", *net.sources("alliances"), *net.sources("memberships")]
    if rivalries:
        names += net.sources("rivalries")
    if disputes:
        names += net.sources("disputes")
    if powers:
        names += ["cow-nmc", "cow-majors"]
    return list(dict.fromkeys(names))


@contextmanager
def bundled_database(path: Path | None = None) -> Iterator[Path]:
    """``path`` when given; otherwise a temporary embedded database holding every bundled
    source, removed afterwards (for benchmarks and scripts)."""
    if path is not None:
        yield Path(path)
        return
    from alliance_graph.store.embedded import LadybugStore

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "graph.lbug"
        with LadybugStore(db) as store:
            ingest(store, ["all"])
        yield db
