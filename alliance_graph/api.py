"""The Python API: what the CLI does, as functions returning DataFrames (for notebooks).

    from alliance_graph import api, open_store
    with open_store() as store:
        api.centrality(store, 2018).head()
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from .analytics import blocs as _blocs
from .analytics import centrality as _centrality
from .analytics import signed as _signed
from .analytics.projection import Network, Projection, Spells, fetch, fetch_negative
from .errors import AllianceGraphError
from .results import _definition, write_blocs, write_scores
from .store import Store

__all__ = ["Network", "balance", "bloc_dynamics", "blocs", "centrality", "network",
           "partition", "projection", "report", "signed_network", "spells", "timeline"]


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


# --- blocs -------------------------------------------------------------------------

def bloc_network_id(net: Network, method: str, signed: bool, conflict: str | None) -> str:
    """Name under which blocs are written back: the network plus how blocs were found."""
    parts = [net.id, "signed-leiden" if signed else method]
    if conflict:
        parts.append(conflict)
    return ":".join(parts)


def signed_network(store: Store, year: int, net: Network | None = None,
                   conflict: str | None = None) -> _signed.SignedNetwork:
    """Alignments (positive) and rivalries, optionally disputes (negative), of one year."""
    net = net or Network()
    positive = projection(store, year, net)
    negative = fetch_negative(store, net, year, year, conflict).projection(year)
    return _signed.SignedNetwork(year, positive, negative)


def partition(store: Store, year: int, net: Network | None = None, *, method: str = "leiden",
              resolution: float = 1.0, seed: int = 42, signed: bool = False,
              conflict: str | None = None):
    """(Partition, SignedNetwork or None): the blocs of one year."""
    if signed:
        s = signed_network(store, year, net, conflict)
        return _signed.signed_blocs(s, resolution, seed), s
    if conflict:
        raise AllianceGraphError("--conflict needs --signed")
    return _blocs.detect(projection(store, year, net), method, resolution, seed), None


def blocs(store: Store, year: int, net: Network | None = None, *, method: str = "leiden",
          resolution: float = 1.0, seed: int = 42, signed: bool = False,
          conflict: str | None = None, write: bool = False) -> pd.DataFrame:
    """One row per bloc of ``year`` (id, label, size, density, region, members); ``attrs``
    carry the partition's modularity, the unaligned count and, when signed, frustration.
    ``write`` stores the blocs in the graph (Bloc, IN_BLOC)."""
    net = net or Network()
    part, s = partition(store, year, net, method=method, resolution=resolution, seed=seed,
                        signed=signed, conflict=conflict)
    table = _blocs.blocs_table(part)
    notes = [f"{year}: modularity {part.modularity:.3f} ({part.method}, γ = {resolution}), "
             f"{len(table)} blocs, {table.attrs['unaligned']} actors without ties"]
    if s is not None:
        f = _signed.frustration(s, part.membership)
        table.attrs["frustration"] = f
        notes.append(f"frustration {f['frustration']} of {f['ties']} ties ({f['share']:.1%}): "
                     f"{f['negative_inside']} rivalries inside blocs, "
                     f"{f['positive_between']} alignments between blocs")
    if write:
        network_id = bloc_network_id(net, method, signed, conflict)
        linked = write_blocs(store, table, part.series, year, network_id, part.modularity)
        notes.append(f"wrote {len(table)} blocs and {linked} memberships as network '{network_id}'")
    table.attrs["notes"] = notes
    table.attrs["partition"] = part
    return table


def balance(store: Store, year: int, net: Network | None = None,
            conflict: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Structural balance of the signed network of ``year``: a one-row summary (triangles
    by kind, balanced share) and the unbalanced triangles, most central first."""
    summary, triangles = _signed.balance(signed_network(store, year, net, conflict))
    return pd.DataFrame([{"year": year, **summary}]), triangles


def bloc_dynamics(store: Store, first: int, last: int, net: Network | None = None, *,
                  method: str = "leiden", resolution: float = 1.0, seed: int = 42,
                  signed: bool = False, conflict: str | None = None,
                  threshold: float = 0.3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Blocs of every year ``first``–``last`` matched across years (see
    ``analytics.blocs.track``): (blocs per year with their lineage, actors that switched)."""
    net = net or Network()
    positive = spells(store, first, last, net)
    if signed:
        negative = fetch_negative(store, net, first, last, conflict)
        parts = [_signed.signed_blocs(_signed.SignedNetwork(y, positive.projection(y),
                                                            negative.projection(y)),
                                      resolution, seed)
                 for y in positive.years()]
    else:
        if conflict:
            raise AllianceGraphError("--conflict needs --signed")
        parts, last = [], None
        for p in positive:  # each year starts from the year before
            parts.append(_blocs.detect(p, method, resolution, seed, previous=last))
            last = parts[-1].series
    return _blocs.track(parts, threshold)
