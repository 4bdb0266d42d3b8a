"""The Python API: what the CLI does, as functions returning DataFrames (for notebooks).

    from alliance_graph import api, open_store
    with open_store() as store:
        api.centrality(store, 2018).head()
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .analytics import blocs as _blocs
from .analytics import brokerage as _brokerage
from .analytics import centrality as _centrality
from .analytics import holes as _holes
from .analytics import powers as _powers
from .analytics import signed as _signed
from .analytics.projection import Network, Projection, Spells, fetch, fetch_negative
from .errors import AllianceGraphError
from .results import _definition, write_blocs, write_scores
from .store import Store

__all__ = ["Network", "balance", "bloc_dynamics", "blocs", "brokers", "brokers_series",
           "centrality", "export", "graph", "network", "partition", "powers", "projection",
           "report", "signed_network", "spells", "timeline"]


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
    now = network("all", "defense,partnership")
    central = centrality(store, recent, now, metrics=["betweenness", "degree"], top=top)
    bloc_table = blocs(store, recent, now)
    shown_blocs = bloc_table[["bloc", "label", "size", "density", "codes"]]
    shown_blocs.attrs["notes"] = bloc_table.attrs["notes"]
    middle = brokers(store, recent, now, middle_powers=True, include="seeds")
    shown_brokers = middle[["rank", "code", "name", "cinc_rank", "group", "broker_score",
                            "bridges"]].head(top)
    shown_brokers.attrs["notes"] = middle.attrs["notes"][-1:]
    return [
        (f"Defense-pact degree {year} (ATOP)", degree),
        (f"Most central {recent}: betweenness in the defense and partnership network "
         "(ATOP carried forward + curated)", central),
        (f"Blocs {recent} (Leiden, same network)", shown_blocs),
        (f"Middle powers as brokers {recent} (CINC top 40 without major powers, plus the "
         "seed articles' list)", shown_brokers),
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


# --- powers and brokers -------------------------------------------------------------

def _include(include: Iterable[str] | str | None) -> list[str]:
    """Codes for a curated middle-power list; the word ``seeds`` stands for the states the
    seed articles call middle powers."""
    if include is None:
        return []
    items = [i.strip().upper() for i in (include.split(",") if isinstance(include, str)
                                         else include) if i.strip()]
    out = []
    for item in items:
        out.extend(_powers.SEED_MIDDLE_POWERS if item == "SEEDS" else [item])
    return out


def powers(store: Store, year: int, *, ranks: tuple[int, int] = _powers.DEFAULT_RANKS,
           include: Iterable[str] | str | None = None) -> pd.DataFrame:
    """Major / middle / other powers of ``year`` with CINC score and rank (see
    ``analytics.powers``); ``attrs["notes"]`` says when CINC comes from an earlier year."""
    capabilities = store.read("capabilities_as_of", year=year)
    if capabilities.empty:
        raise AllianceGraphError(f"no CINC data for {year} or before: run `alliances ingest cow-nmc`")
    majors = store.read("status_holders", status="cow-major-power", year=year)["code"]
    active = spells(store, year, year).projection(year).codes
    table = _powers.classify(capabilities, majors, active, ranks, _include(include))
    data_year = int(capabilities["data_year"].iloc[0])
    table.attrs["notes"] = [f"CINC of {data_year}" + (
        f" (the latest available; NMC ends in {data_year})" if data_year < year else "")]
    return table


def _groups(p: Projection, groups: str, **bloc_options) -> tuple[np.ndarray, dict]:
    """Group label per vertex (blocs or regions) and a readable name per label."""
    if groups == "region":
        region = p.nodes["region"].fillna("unknown").to_numpy()
        names = {r: r for r in set(region)}
        return region, names
    if groups != "blocs":
        raise AllianceGraphError(f"unknown grouping '{groups}' (blocs or region)")
    part = _blocs.detect(p, **bloc_options)
    table = _blocs.blocs_table(part)
    names = dict(zip(table["bloc"], table["label"]))
    labels = part.membership.astype(object)
    for v in np.flatnonzero(part.membership == _blocs.UNALIGNED):
        labels[v] = f"unaligned:{p.codes[v]}"  # alone: a group of one
        names[labels[v]] = "unaligned"
    return labels, names


def _bridges(p: Projection, labels: np.ndarray, names: dict, keep: np.ndarray) -> list[str]:
    """For each kept actor: the other groups its allies belong to, most ties first."""
    src, dst = np.concatenate([p.a, p.b]), np.concatenate([p.b, p.a])
    ties = pd.DataFrame({"actor": src, "group": labels[dst]})
    ties = ties[ties["group"].to_numpy() != labels[src]]
    counts = ties.groupby(["actor", "group"]).size().reset_index(name="n")
    counts = counts.sort_values(["actor", "n"], ascending=[True, False])
    text = counts.groupby("actor").apply(
        lambda g: "; ".join(f"{names[x]} ×{n}" for x, n in zip(g["group"], g["n"])),
        include_groups=False)
    return [text.get(v, "") for v in keep]


BROKER_METRICS = ("broker_score", "liaison_z", "gatekeeper_z", "representative_z",
                  "constraint", "effective_size")


def brokers(store: Store, year: int, net: Network | None = None, *, groups: str = "blocs",
            middle_powers: bool = False, ranks: tuple[int, int] = _powers.DEFAULT_RANKS,
            include: Iterable[str] | str | None = None, method: str = "leiden",
            resolution: float = 1.0, seed: int = 42, write: bool = False) -> pd.DataFrame:
    """Who brokers between blocs in ``year``: Gould–Fernandez role counts and z-scores,
    betweenness, Burt's constraint and effective size, the groups each actor bridges and
    its power class; ranked by ``broker_score``, the mean percentile of liaison z,
    gatekeeper z, betweenness and (low) constraint among actors with ties."""
    net = net or Network()
    p = projection(store, year, net)
    labels, names = _groups(p, groups, method=method, resolution=resolution, seed=seed)
    degree = np.bincount(np.concatenate([p.a, p.b]), minlength=len(p.codes))
    keep = np.flatnonzero(degree > 0)
    if len(keep) < 3:
        raise AllianceGraphError(f"{year}: fewer than three actors with ties in {net.id}")
    adjacency = np.zeros((len(p.codes), len(p.codes)), dtype=bool)
    adjacency[p.a, p.b] = adjacency[p.b, p.a] = True
    roles = _brokerage.brokerage(adjacency[np.ix_(keep, keep)], labels[keep], p.codes[keep])
    table = p.nodes.iloc[keep][["name", "ccode"]].join(roles)
    table["group"] = [names[g] for g in labels[keep]]
    table["betweenness"] = _centrality.betweenness(p)["betweenness"].iloc[keep]
    table = table.join(_holes.constraint(p)).join(_holes.effective_size(p))
    parts = [table["liaison_z"], table["gatekeeper_z"], table["betweenness"], -table["constraint"]]
    table["broker_score"] = pd.concat(
        [x.rank(pct=True, na_option="bottom") for x in parts], axis=1).mean(axis=1)
    table["bridges"] = _bridges(p, labels, names, keep)
    classes = powers(store, year, ranks=ranks, include=include).set_index("code")
    table = table.join(classes[["class", "cinc_rank"]])
    table["rank"] = table["broker_score"].rank(ascending=False, method="min").astype(int)
    table = table.sort_values(["rank", "name"]).reset_index()
    if write:
        long = table.melt(id_vars=["code"], value_vars=list(BROKER_METRICS),
                          var_name="metric", value_name="value").dropna(subset=["value"])
        long["rank"] = long.groupby("metric")["value"].rank(
            ascending=False, method="min").astype(int)
        definitions = {m: _BROKER_DEFINITIONS[m] for m in BROKER_METRICS}
        write_scores(store, long.assign(year=year), f"{net.id}:{groups}", definitions)
    if middle_powers:
        table = table[table["class"] == "middle"].reset_index(drop=True)
    columns = ["rank", "code", "name", "class", "cinc_rank", "group", "broker_score",
               "liaison", "liaison_z", "gatekeeper", "gatekeeper_z", "representative_z",
               "coordinator", "itinerant", "total", "betweenness", "constraint",
               "effective_size", "bridges"]
    rest = [c for c in table.columns if c not in columns]
    table = table[columns + rest]
    table.attrs["notes"] = notes(p) + powers_notes(store, year)
    return table


def powers_notes(store: Store, year: int) -> list[str]:
    frame = store.read("capabilities_as_of", year=year)
    data_year = int(frame["data_year"].iloc[0]) if len(frame) else None
    return [f"power classes use CINC of {data_year} (the latest available)"] \
        if data_year is not None and data_year < year else []


_BROKER_DEFINITIONS = {
    "broker_score": "Mean percentile of liaison z, gatekeeper z, betweenness and low "
                    "constraint among actors with ties (alliance-graph).",
    "liaison_z": "Gould-Fernandez liaison brokerage z-score (Gould & Fernandez 1989; sna).",
    "gatekeeper_z": "Gould-Fernandez gatekeeper brokerage z-score (Gould & Fernandez 1989).",
    "representative_z": "Gould-Fernandez representative brokerage z-score (Gould & "
                        "Fernandez 1989).",
    "constraint": "Burt's constraint (Burt 1992).",
    "effective_size": "Burt's effective size (Burt 1992).",
}


def brokers_series(store: Store, first: int, last: int, net: Network | None = None, *,
                   states: Sequence[str] | None = None, **options) -> pd.DataFrame:
    """``brokers`` for every year ``first``–``last``, as a long table (year, code, name,
    metric, value) for the chosen states (all when ``states`` is None)."""
    frames = []
    for year in range(first, last + 1):
        try:
            table = brokers(store, year, net, **options)
        except AllianceGraphError:
            continue  # a year without enough ties
        frames.append(table.assign(year=year))
    if not frames:
        raise AllianceGraphError(f"no year in {first}–{last} has enough ties")
    wide = pd.concat(frames, ignore_index=True)
    if states:
        wide = wide[wide["code"].isin([s.upper() for s in states])]
    long = wide.melt(id_vars=["year", "code", "name"],
                     value_vars=["broker_score", "liaison_z", "gatekeeper_z", "betweenness",
                                 "constraint"], var_name="metric", value_name="value")
    return long.sort_values(["metric", "code", "year"]).reset_index(drop=True)


# --- exports ------------------------------------------------------------------------

def graph(store: Store, year: int, net: Network | None = None, *, metrics: bool = True,
          blocs: bool = True, seed: int = 42):
    """The network of ``year`` as a networkx Graph with attributes (see ``exports``)."""
    from .exports import attributed_graph

    return attributed_graph(spells(store, year, year, net), year, metrics=metrics,
                            blocs=blocs, seed=seed)


def export(store: Store, year: int, path, fmt: str = "graphml", net: Network | None = None,
           **options) -> list:
    """Write the network of ``year`` as GraphML, GEXF, CSV (a folder) or node-link JSON."""
    from .exports import write

    return write(graph(store, year, net, **options), path, fmt)
