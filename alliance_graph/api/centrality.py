"""Centrality for a year, and over time."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..analytics import centrality as _centrality
from ..analytics.projection import Network
from ..errors import AllianceGraphError
from ..names import names_by_year
from ..results import _definition, write_scores
from ..store import Store
from .core import check_codes, notes, projection, series_notes, spells


def _metric_names(metrics: Iterable[str] | str) -> list[str]:
    names = [metrics] if isinstance(metrics, str) else list(metrics)
    unknown = [m for m in names if m not in _centrality.METRICS]
    if unknown:
        raise AllianceGraphError(
            f"unknown metric '{unknown[0]}' (choose from {', '.join(_centrality.METRICS)})")
    return names


def centrality(store: Store, year: int, net: Network | None = None, *,
               metrics: Iterable[str] | str = tuple(_centrality.METRICS),
               sort: str | None = None, top: int | None = None,
               engine: str = "python", write: bool = False) -> pd.DataFrame:
    """Centrality of every actor in ``year``: one row per actor, value and rank per metric,
    sorted by ``sort`` (default: the first metric). ``engine="gds"`` runs the same metrics
    with Neo4j Graph Data Science; ``write`` stores the scores in the graph."""
    names = _metric_names(metrics)
    sort = sort or names[0]
    if sort not in names:
        names = [sort, *names]
    p = projection(store, year, net)
    if engine == "gds":
        from ..gds import gds_scores

        long = gds_scores(store, p, names)
    elif engine == "python":
        long = _centrality.scores(p, names)
    else:
        raise AllianceGraphError(f"unknown engine '{engine}' (python or gds)")
    if write:
        write_scores(store, long.assign(year=year), p.network.id, _definitions(names))
    table = _centrality.wide(p, long, [sort, *[n for n in names if n != sort]])
    table = table.head(top) if top else table
    table.attrs["notes"] = notes(p)
    return table


def _definitions(names: Iterable[str]) -> dict[str, str]:
    return {n: _definition(_centrality.METRICS[n]) for n in names}


def timeline(store: Store, first: int, last: int, net: Network | None = None, *,
             metrics: Iterable[str] | str = ("betweenness",),
             states: Sequence[str] | None = None, write: bool = False) -> pd.DataFrame:
    """Metric(s) for every year ``first``–``last``: long table (year, code, name, metric,
    value, rank). Spells are fetched once; each year's graph is built once and shared by
    all metrics. ``states`` (codes) filters the rows, not the networks."""
    names = _metric_names(metrics)
    data = spells(store, first, last, net)
    wanted = check_codes(states, data.info) if states else None  # before the work
    long = _centrality.series(data, names)
    if write:
        write_scores(store, long, data.network.id, _definitions(names))
    if wanted:
        long = long[long["code"].isin(wanted)].reset_index(drop=True)
    info = data.info.reindex(long["code"])
    long.insert(2, "ccode", info["ccode"].astype("Int64").to_numpy())
    long.insert(3, "iso3", info["iso3"].to_numpy())
    long.insert(4, "name", names_by_year(info["name"], info["ccode"], long["year"]))
    long.attrs["notes"] = series_notes(data)
    return long
