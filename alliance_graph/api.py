"""The Python API: what the CLI does, as functions returning DataFrames (for notebooks).

    from alliance_graph import api, open_store
    with open_store() as store:
        api.centrality(store, 2018).head()
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from .analytics import centrality as _centrality
from .analytics.projection import Network, Projection, Spells, fetch
from .errors import AllianceGraphError
from .results import _definition, write_scores
from .store import Store

__all__ = ["Network", "centrality", "network", "projection", "report", "spells", "timeline"]


def network(source: str = "all", ties: Sequence[str] | str = ("defense",),
            weighted: bool = False, censored: str = "carry") -> Network:
    """Which ties to measure; ``ties`` may be a comma-separated string."""
    if isinstance(ties, str):
        ties = [t.strip() for t in ties.split(",") if t.strip()]
    return Network(source=source, ties=tuple(ties), weighted=weighted, censored=censored)


def spells(store: Store, first: int, last: int, net: Network | None = None) -> Spells:
    """Everything needed for the networks of ``first``–``last`` (one fetch)."""
    return fetch(store, net or Network(), first, last)


def projection(store: Store, year: int, net: Network | None = None) -> Projection:
    """The alignment network of one year (nodes, edges, igraph ``graph``)."""
    return spells(store, year, year, net).projection(year)


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
        from .gds import gds_scores

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


def notes(p: Projection) -> list[str]:
    """What a reader should know about a year's network (size, censored ties)."""
    out = [f"{p.year}: {len(p.nodes)} actors, {len(p.edges)} ties (network {p.network.id})"]
    if p.carried:
        out.append(f"{p.carried} ties are carried past the end of their data (censored "
                   "spells, see README); --censored drop leaves them out")
    return out


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
    long = _centrality.series(data, names)
    if write:
        write_scores(store, long, data.network.id, _definitions(names))
    names = data.info["name"]
    if states:
        wanted = [s.upper() for s in states]
        missing = sorted(set(wanted) - set(names.index))
        if missing:
            raise AllianceGraphError(f"unknown actor code(s): {', '.join(missing)}")
        long = long[long["code"].isin(wanted)].reset_index(drop=True)
    long.insert(2, "name", names.reindex(long["code"]).to_numpy())
    return long


def report(store: Store, *, year: int = 2018, recent: int = 2025,
           top: int = 10) -> list[tuple[str, pd.DataFrame]]:
    """The headline tables ``alliances report`` prints, as (title, DataFrame) pairs."""
    atop = network("atop", "defense")
    degree = centrality(store, year, atop, metrics=["degree"], top=top)
    now = network("all", "defense")
    recent_table = centrality(store, recent, now, metrics=["betweenness", "degree"], top=top)
    return [
        (f"Defense-pact degree {year} (ATOP)", degree),
        (f"Brokers of the defense network {recent} (ATOP carried forward + curated): "
         "betweenness", recent_table),
    ]
