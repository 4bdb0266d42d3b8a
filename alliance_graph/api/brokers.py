"""Power classes and brokerage between blocs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..analytics import brokerage as _brokerage
from ..analytics import camps as _camps
from ..analytics import centrality as _centrality
from ..analytics import holes as _holes
from ..analytics import powers as _powers
from ..analytics.projection import Network, Projection
from ..errors import AllianceGraphError, TooFewTies
from ..results import write_scores
from ..store import Store
from .core import (
    actor_table, check_codes, notes, projection, series_notes, spells, state_table,
)
from .blocs import camp_groups, defense_ties, rival_pairs
from .fetch import fetch_negative


def _include(store: Store, include: Iterable[str] | str | None) -> list[str]:
    """Codes for a curated middle-power list; the word ``seeds`` stands for the states the
    seed articles call middle powers. A code the store does not list is an error."""
    if include is None:
        return []
    items = [i.strip().upper() for i in (include.split(",") if isinstance(include, str)
                                         else include) if i.strip()]
    out: list[str] = []
    for item in items:
        out.extend(_powers.SEED_MIDDLE_POWERS if item == "SEEDS" else [item])
    return check_codes(out, state_table(store), "state")


def powers(store: Store, year: int, *, ranks: tuple[int, int] = _powers.DEFAULT_RANKS,
           include: Iterable[str] | str | None = None) -> pd.DataFrame:
    """Major / middle / other powers of ``year`` with CINC score and rank (see
    ``analytics.powers``); ``attrs["notes"]`` says when CINC comes from an earlier year."""
    active = spells(store, year, year).projection(year).codes
    return _power_classes(store, year, active, ranks, _include(store, include))


def _power_classes(store: Store, year: int, active, ranks: tuple[int, int],
                   include: list[str]) -> pd.DataFrame:
    """``powers`` for the given active actors (callers that hold the year's network) and
    checked ``include`` codes."""
    capabilities = store.read("capabilities_as_of", year=year)
    if capabilities.empty:
        raise AllianceGraphError(f"no CINC data for {year} or before: the store lacks the "
                                 "source cow-nmc (ingest it)")
    majors = store.read("status_holders", status="cow-major-power", year=year)["code"]
    table = _powers.classify(capabilities, majors, active, ranks, include)
    data_year = int(capabilities["data_year"].iloc[0])
    table.attrs["notes"] = [f"CINC of {data_year}" + (
        f" (the latest available; NMC ends in {data_year})" if data_year < year else "")]
    return table


def _groups(p: Projection, groups: str, camps: _camps.Camps) -> tuple[np.ndarray, dict]:
    """Group label per vertex and a readable name per label: the regions, or the consensus
    blocs of ``alliances blocs`` (``camps``, named as there); an unaligned actor is a
    group of its own."""
    if groups == "region":
        region = p.nodes["region"].fillna("unknown").to_numpy()
        return region, {r: r for r in set(region)}
    names = {f"bloc:{b}": label for b, label in zip(camps.bloc_table["bloc"],
                                                     camps.bloc_table["label"])}
    labels = _bloc_labels(camps, p.codes)
    names.update({g: "unaligned" for g in labels if g.startswith("unaligned:")})
    return labels, names


def _bloc_labels(camps: _camps.Camps, codes: np.ndarray) -> np.ndarray:
    """``bloc:<id>`` per actor of a consensus bloc, ``unaligned:<code>`` for the others."""
    return np.array([f"bloc:{b}" if b >= 0 else f"unaligned:{c}"
                     for b, c in zip(camps.bloc, codes)], dtype=object)


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


BROKER_METRICS = ("brokerage", "liaison", "liaison_z", "gatekeeper", "gatekeeper_z",
                  "representative_z", "itinerant", "itinerant_z", "constraint",
                  "effective_size")
ISOLATES = ("exclude", "include")
GROUPINGS = ("blocs", "region")


def brokers(store: Store, year: int, net: Network | None = None, *, groups: str = "blocs",
            middle_powers: bool = False, ranks: tuple[int, int] = _powers.DEFAULT_RANKS,
            include: Iterable[str] | str | None = None, method: str = "leiden",
            resolution: float = 1.0, isolates: str = "exclude",
            write: bool = False, explain: int = 15,
            camps: _camps.Camps | None = None) -> pd.DataFrame:
    """Who brokers between camps and blocs in ``year``: the weighted participation
    coefficient over camps and over blocs, Gould–Fernandez role counts with their expected
    values and z-scores (over blocs, or regions, and over camps), betweenness, Burt's
    constraint and effective size, the camps each actor connects and its power class.

    Ranked by participation over camps, then over blocs, then betweenness
    (``analytics.brokerage.rank_participation``: Guimerà & Amaral 2005); camps and blocs
    are those of ``alliances blocs`` (``camps``: consensus over 20 seeds). ``isolates``
    chooses the Gould–Fernandez null model's population: ``exclude`` (the actors with
    ties) or ``include`` (every actor of the year, each actor without ties a group of its
    own); the z-scores equal ``sna::brokerage`` on the same adjacency matrix and
    ``group_id`` labels either way (Gould & Fernandez 1989).

    ``single_tie`` (the one tie a rank rests on: every tie of the actor removed in turn,
    betweenness recomputed each time) is filled for the rows a reader sees: ranks up to
    ``explain``, or with ``middle_powers`` the first ``explain`` middle powers; "" for
    the others. ``camps``: the year's camps when the caller has them (``api.camps`` of
    the same year and network, default options: ``report`` shows both), not detected
    again."""
    _check_options(groups, isolates)
    p = projection(store, year, net or Network())
    return _brokers(store, p, camp_groups(store, p.network, year), _include(store, include),
                    groups=groups, middle_powers=middle_powers, ranks=ranks, method=method,
                    resolution=resolution, isolates=isolates, write=write, explain=explain,
                    known=camps)


def _check_options(groups: str, isolates: str) -> None:
    if groups not in GROUPINGS:
        raise AllianceGraphError(f"unknown grouping '{groups}' (blocs or region)")
    if isolates not in ISOLATES:
        raise AllianceGraphError(f"isolates must be one of {', '.join(ISOLATES)}, not '{isolates}'")


def _brokers(store: Store, p: Projection, camp_treaties: pd.DataFrame, include: list[str],
             *, groups: str, middle_powers: bool, ranks: tuple[int, int], method: str,
             resolution: float, isolates: str, write: bool, explain: int = 15,
             known: _camps.Camps | None = None) -> pd.DataFrame:
    """``brokers`` on a year's projection already in hand, with the year's treaty
    memberships that name camps and blocs and checked ``include`` codes (series fetch
    these once); ``single_tie`` for the rows ``explain`` says (0: none)."""
    year, net = p.year, p.network
    camp_labels, camp_names, camp_result = _camp_groups(store, p, camp_treaties, method,
                                                        resolution, known)
    labels, names = _groups(p, groups, camp_result)
    degree = np.bincount(np.concatenate([p.a, p.b]), minlength=len(p.codes))
    if (degree > 0).sum() < 3:
        raise TooFewTies(f"{year}: fewer than three actors with ties in {net.id}")
    keep = np.flatnonzero(degree > 0) if isolates == "exclude" else np.arange(len(p.codes))
    adjacency = np.zeros((len(p.codes), len(p.codes)), dtype=bool)
    adjacency[p.a, p.b] = adjacency[p.b, p.a] = True
    roles = _brokerage.brokerage(adjacency[np.ix_(keep, keep)], labels[keep], p.codes[keep])
    table = p.nodes.iloc[keep][["name", "ccode", "iso3"]].join(roles)
    table["ccode"] = table["ccode"].astype("Int64")
    n = len(p.codes)
    placed = camp_result.camp >= 0
    table["participation_camps"] = _brokerage.participation(p.a, p.b, p.weight, camp_labels,
                                                            n, placed)[keep]
    bloc_labels = _bloc_labels(camp_result, p.codes)
    table["participation_blocs"] = _brokerage.participation(p.a, p.b, p.weight, bloc_labels,
                                                            n, placed)[keep]
    by_camp = _brokerage.brokerage(adjacency[np.ix_(keep, keep)], camp_labels[keep],
                                   p.codes[keep])
    table["brokerage_camps"] = by_camp[list(_brokerage.BETWEEN_GROUP)].sum(axis=1).astype(int)
    table["liaison_camps_z"] = by_camp["liaison_z"]
    table["camp"] = [camp_names[g] for g in camp_labels[keep]]
    table["connects"] = _connects(p, camp_labels, camp_names, keep)
    table["group"] = [names[g] for g in labels[keep]]
    table["group_id"] = [str(g) for g in labels[keep]]
    table["betweenness"] = _centrality.betweenness(p)["betweenness"].iloc[keep]
    table = table.join(_holes.constraint(p)).join(_holes.effective_size(p))
    table["bridges"] = _bridges(p, labels, names, keep)
    classes = _power_classes(store, year, p.codes, ranks, include)
    table = table.join(classes.set_index("code")[["class", "cinc_rank"]])
    table = _brokerage.ranking(table).rename(columns={"rank": "brokerage_rank"})
    table = _brokerage.rank_participation(table)
    table = table.sort_values(["rank", "name"]).reset_index()
    # where the rank rests on one tie, say which (the ranked rows a reader sees)
    # (only those: each costs one betweenness per tie of the actor, 795 in report's 2025)
    if middle_powers:
        middle = table["class"].eq("middle") if "class" in table else pd.Series(False, table.index)
        shown = middle & (middle.cumsum() <= explain)
    else:
        shown = table["rank"] <= explain
    vertex = {c: i for i, c in enumerate(p.codes)}
    table["single_tie"] = ""
    ids = [vertex[c] for c in table.loc[shown, "code"]]
    single = zip(_brokerage.single_tie(p.a, p.b, p.weight, camp_labels, n, ids, p.codes,
                                      placed),
                _centrality.single_tie(p, ids, "betweenness"))
    table.loc[shown, "single_tie"] = ["; ".join(x for x in pair if x) for pair in single]
    if write:
        long = table.melt(id_vars=["code"], value_vars=list(BROKER_METRICS),
                          var_name="metric", value_name="value").dropna(subset=["value"])
        long["rank"] = long.groupby("metric")["value"].transform(_centrality.rank)
        # brokerage is written with the table's rank (count, then betweenness)
        is_count = long["metric"] == "brokerage"
        long.loc[is_count, "rank"] = table.set_index("code")["brokerage_rank"].reindex(
            long.loc[is_count, "code"]).to_numpy()
        definitions = {m: _BROKER_DEFINITIONS[m] for m in BROKER_METRICS}
        suffix = ":with-isolates" if isolates == "include" else ""
        write_scores(store, long.assign(year=year), f"{net.id}:{groups}{suffix}", definitions)
    if middle_powers:
        table = table[table["class"] == "middle"].reset_index(drop=True)
    columns = ["rank", "code", "ccode", "iso3", "name", "class", "cinc_rank", "camp",
               "participation_camps", "participation_blocs", "connects", "single_tie",
               "brokerage_camps", "liaison_camps_z", "brokerage_rank", "group", "brokerage",
               "liaison", "liaison_z", "gatekeeper", "gatekeeper_z", "representative",
               "representative_z", "itinerant", "itinerant_z", "coordinator", "coordinator_z",
               "total", "total_z", "betweenness", "constraint", "effective_size", "bridges",
               "group_id"]
    rest = [c for c in table.columns if c not in columns]
    table = table[columns + rest]
    population = (f"the {len(keep)} actors with ties (isolates excluded; `isolates=include` "
                  "adds them)" if isolates == "exclude" else
                  f"all {len(keep)} actors of the year, each actor without ties a group of "
                  "its own (`isolates=include`)")
    table.attrs["notes"] = notes(p) + [
        "ranked by the weighted participation coefficient over camps, P = 1 − Σ_s "
        "(k_s/k)² (Guimerà & Amaral 2005, Nature 433: 895), then over blocs, then "
        "betweenness; camps named after pacts that share a third of their members (the "
        "Arab League and the African Union) count as one group, so overlapping regional "
        "pacts do not make brokers",
        "beside it: Gould-Fernandez counts over the blocs (brokerage = itinerant + "
        "representative + gatekeeper + liaison open two-paths, each counted in both "
        "directions; brokerage_rank) and over camps, with z-scores (shown, not ranked on)",
        f"Gould-Fernandez null model (sna::brokerage) over {population}; groups: {groups}",
    ] + [f"power classes use {n}" for n in classes.attrs["notes"]]
    return table


def _camp_groups(store: Store, p: Projection, groups: pd.DataFrame, method: str,
                 resolution: float, known: _camps.Camps | None = None):
    """Brokerage groups over camps (``analytics.camps.brokerage_groups``) and the camps:
    the camps of ``alliances blocs`` for the same network (named by the same groups);
    ``known`` when they are those of the same year, network, method and resolution."""
    if known is not None:
        q = known.projection
        if (q.year != p.year or q.network != p.network or method != "leiden"
                or resolution != 1.0 or not np.array_equal(q.codes, p.codes)):
            raise AllianceGraphError("brokers(camps=…) needs the camps of the same year and "
                                     "network with the default method and resolution")
        labels, names = _camps.brokerage_groups(known, groups)
        return labels, names, known
    majors = store.read("status_holders", status="cow-major-power", year=p.year)["code"]
    result = _camps.camps(p, defense_ties(p._spells, p), majors, groups,
                          resolution=resolution, method=method,
                          rivals=rival_pairs(fetch_negative(store, p._spells), p.year))
    labels, names = _camps.brokerage_groups(result, groups)
    return labels, names, result


def _connects(p: Projection, labels: np.ndarray, names: dict, keep: np.ndarray) -> list[str]:
    """Per kept actor: the camps its tie strength goes to, largest share first."""
    src, dst = np.r_[p.a, p.b], np.r_[p.b, p.a]
    frame = pd.DataFrame({"v": src, "g": labels[dst], "w": np.r_[p.weight, p.weight]})
    frame = frame[~frame["g"].astype(str).str.startswith("unaligned:")]
    shares = frame.groupby(["v", "g"])["w"].sum()
    shares = shares / shares.groupby(level=0).transform("sum")
    text = {}
    for v, part in shares.groupby(level=0):
        part = part.droplevel(0).sort_values(ascending=False)
        named = [f"{names[g]} {x:.0%}" for g, x in part.items() if x >= 0.05]
        text[v] = "; ".join(named)
    return [text.get(v, "") for v in keep]


_BROKER_DEFINITIONS = {
    "brokerage": "Between-group brokerage: itinerant + representative + gatekeeper + "
                 "liaison open two-paths (Gould & Fernandez 1989); rank breaks ties by "
                 "betweenness (Freeman 1977).",
    "liaison": "Gould-Fernandez liaison brokerage count (Gould & Fernandez 1989).",
    "liaison_z": "Gould-Fernandez liaison brokerage z-score (Gould & Fernandez 1989; sna).",
    "gatekeeper": "Gould-Fernandez gatekeeper brokerage count (Gould & Fernandez 1989).",
    "gatekeeper_z": "Gould-Fernandez gatekeeper brokerage z-score (Gould & Fernandez 1989).",
    "representative_z": "Gould-Fernandez representative brokerage z-score (Gould & "
                        "Fernandez 1989).",
    "itinerant": "Gould-Fernandez itinerant (consultant) brokerage count (Gould & "
                 "Fernandez 1989).",
    "itinerant_z": "Gould-Fernandez itinerant brokerage z-score (Gould & Fernandez 1989).",
    "constraint": "Burt's constraint (Burt 1992).",
    "effective_size": "Burt's effective size (Burt 1992).",
}


def brokers_series(store: Store, first: int, last: int, net: Network | None = None, *,
                   states: Sequence[str] | None = None, **options) -> pd.DataFrame:
    """``brokers`` for every year ``first``–``last``, as a long table (year, code, name,
    metric, value) for the chosen states (all when ``states`` is None)."""
    # checked and fetched here, once: the loop below skips years whose networks are too
    # small, and each year is cut from the one fetch of spells and treaty memberships
    options = {"groups": "blocs", "middle_powers": False, "ranks": _powers.DEFAULT_RANKS,
               "method": "leiden", "resolution": 1.0, "isolates": "exclude",
               "write": False, **options}
    _check_options(options["groups"], options["isolates"])
    data = spells(store, first, last, net)
    wanted = check_codes(states, actor_table(store)) if states else None
    include = _include(store, options.pop("include", None))
    camp_treaties = camp_groups(store, net or Network(), first, last)
    frames = []
    for p in data:
        try:
            table = _brokers(store, p, camp_treaties[camp_treaties["year"] == p.year], include,
                             explain=0, **options)  # the series shows no single_tie
        except TooFewTies:
            continue  # a year without enough ties (any other error, e.g. no CINC, is raised)
        frames.append(table.assign(year=p.year))
    if not frames:
        raise AllianceGraphError(f"no year in {first}–{last} has enough ties")
    wide = pd.concat(frames, ignore_index=True)
    if wanted:
        wide = wide[wide["code"].isin(wanted)]
    long = wide.melt(id_vars=["year", "code", "ccode", "iso3", "name"],
                     value_vars=["brokerage", "liaison", "liaison_z", "gatekeeper",
                                 "gatekeeper_z", "betweenness", "constraint"],
                     var_name="metric", value_name="value")
    long = long.sort_values(["metric", "code", "year"]).reset_index(drop=True)
    long.attrs["notes"] = series_notes(data)
    return long
