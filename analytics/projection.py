"""The network every metric measures: who is aligned with whom in a year.

For year Y the projection has
- **nodes**: states whose COW system-membership spell covers Y, plus every actor with a
  tie in Y (non-state actors enter the network through their ties);
- **undirected ties**: an ``ALLIED_WITH`` spell covering Y, or two actors who are both
  members (role ``member``/``hub``) of the same treaty or partnership in Y. In a ``hub``
  partnership (MNNA, …) only hub↔member pairs are tied.

Each tie carries the obligation types that hold in Y (``defense``, ``offense``,
``neutrality``, ``nonaggression``, ``consultation`` — from ATOP flags or a treaty's
obligations — and ``partnership`` for co-membership of a partnership). ``Network.ties``
selects which types make a tie (default: defense). With ``weighted``, a tie's weight is
the strength of the **strongest** selected type present: defense/offense 3,
neutrality/nonaggression 2, consultation/partnership 1; otherwise every tie weighs 1.

Right-censoring: a spell with no ``end`` whose source stopped observing at
``observed_until`` (ATOP 2018, COW 2016…) is carried forward by default
(``censored="carry"``: assume it continues) and flagged ``carried`` in years after
``observed_until``; ``censored="drop"`` ends it at ``observed_until``. State membership is
always carried (no state has left the system since 2016).

All spells for a range of years are fetched with three named queries, once; the year
graphs are cut from them in memory, so a 210-year series costs three queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from alliance_graph.errors import AllianceGraphError
from alliance_graph.schema import OBLIGATIONS, TIE_ROLES
from alliance_graph.store import Store

TIE_TYPES = (*OBLIGATIONS, "partnership")
STRENGTH = {
    "defense": 3, "offense": 3, "neutrality": 2, "nonaggression": 2,
    "consultation": 1, "partnership": 1,
}
FIRST_YEAR, LAST_YEAR = 1816, 2025
OPEN = 9999  # "no end" inside the in-memory spell tables

# --source chooses a family of sources: the peer-reviewed datasets, the curated one, or both.
SOURCE_FAMILIES = {
    "atop": {"alliances": ["atop"], "memberships": [],
             "rivalries": ["td-rivalries", "tss-rivalries"], "disputes": ["cow-mids"]},
    "curated": {"alliances": [], "memberships": ["curated"],
                "rivalries": ["curated"], "disputes": []},
}
SOURCE_FAMILIES["all"] = {
    k: SOURCE_FAMILIES["atop"][k] + SOURCE_FAMILIES["curated"][k] for k in SOURCE_FAMILIES["atop"]
}
CENSORING = ("carry", "drop")


@dataclass(frozen=True)
class Network:
    """Which ties make the network: sources, tie types, weighting, censoring rule."""

    source: str = "all"
    ties: tuple[str, ...] = ("defense",)
    weighted: bool = False
    censored: str = "carry"

    def __post_init__(self) -> None:
        if self.source not in SOURCE_FAMILIES:
            raise AllianceGraphError(
                f"unknown source '{self.source}' (choose {', '.join(SOURCE_FAMILIES)})"
            )
        bad = [t for t in self.ties if t not in TIE_TYPES]
        if bad or not self.ties:
            raise AllianceGraphError(
                f"unknown tie type '{bad[0] if bad else ''}' (choose from {', '.join(TIE_TYPES)})"
            )
        if self.censored not in CENSORING:
            raise AllianceGraphError(f"censored must be one of {', '.join(CENSORING)}")
        object.__setattr__(self, "ties", tuple(t for t in TIE_TYPES if t in self.ties))

    @property
    def id(self) -> str:
        """A stable name for this network, stored with results written back."""
        parts = [self.source, "+".join(self.ties)]
        if self.weighted:
            parts.append("weighted")
        if self.censored == "drop":
            parts.append("uncensored")
        return ":".join(parts)

    def sources(self, kind: str) -> list[str]:
        return SOURCE_FAMILIES[self.source][kind]


def _ends(end: pd.Series, observed: pd.Series, censored: str) -> pd.Series:
    """Effective last year of each spell under the censoring rule."""
    end = pd.to_numeric(end, errors="coerce")
    observed = pd.to_numeric(observed, errors="coerce")
    fallback = observed if censored == "drop" else pd.Series(OPEN, index=end.index)
    return end.fillna(fallback).fillna(OPEN).astype(int)


def _strength(frame: pd.DataFrame, ties: tuple[str, ...]) -> np.ndarray:
    """Strongest selected obligation type present on each row (0 = none)."""
    out = np.zeros(len(frame), dtype=int)
    for t in ties:
        if t in frame:
            present = frame[t].astype("boolean").fillna(False).to_numpy(dtype=bool)
            out = np.where(present & (STRENGTH[t] > out), STRENGTH[t], out)
    return out


@dataclass
class Spells:
    """Actor and tie spells for a range of years, as fetched from the store."""

    network: Network
    first: int
    last: int
    actors: pd.DataFrame  # code, name, ccode, kind, region, start, stop
    ties: pd.DataFrame  # a, b, start, stop, observed_until, strength, types

    def years(self) -> range:
        return range(self.first, self.last + 1)

    @cached_property
    def _edge_years(self) -> pd.DataFrame:
        """One row per (year, a, b): weight = strongest type, carried = only by censoring."""
        t = self.ties
        start = np.maximum(t["start"].to_numpy(), self.first)
        stop = np.minimum(t["stop"].to_numpy(), self.last)
        length = np.clip(stop - start + 1, 0, None)
        idx = np.repeat(np.arange(len(t)), length)
        offsets = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
        years = start[idx] + offsets
        expanded = pd.DataFrame({
            "year": years,
            "a": t["a"].to_numpy()[idx],
            "b": t["b"].to_numpy()[idx],
            "weight": t["strength"].to_numpy()[idx],
            "carried": years > t["observed_until"].fillna(OPEN).to_numpy()[idx],
        })
        grouped = expanded.groupby(["year", "a", "b"], sort=True).agg(
            weight=("weight", "max"), carried=("carried", "all")
        )
        return grouped.reset_index()

    @cached_property
    def _edges_by_year(self) -> dict[int, pd.DataFrame]:
        return {int(y): g.drop(columns="year").reset_index(drop=True)
                for y, g in self._edge_years.groupby("year", sort=False)}

    def projection(self, year: int) -> "Projection":
        if not self.first <= year <= self.last:
            raise AllianceGraphError(f"year {year} is outside {self.first}–{self.last}")
        edges = self._edges_by_year.get(year, pd.DataFrame(columns=["a", "b", "weight", "carried"]))
        if not self.network.weighted:
            edges = edges.assign(weight=1)
        a = self.actors
        active = a[(a["start"] <= year) & (a["stop"] >= year)]
        codes = pd.Index(pd.unique(np.concatenate(
            [active["code"].to_numpy(), edges["a"].to_numpy(), edges["b"].to_numpy()]
        )))
        info = self.actors.drop_duplicates("code", keep="last").set_index("code")
        nodes = info.reindex(codes)[["name", "ccode", "kind", "region"]]
        nodes.index.name = "code"
        return Projection(year, self.network, nodes.sort_index(), edges.reset_index(drop=True))

    def __iter__(self) -> Iterator["Projection"]:
        for year in self.years():
            yield self.projection(year)


@dataclass
class Projection:
    """The network of one year: ``nodes`` (index ``code``) and undirected ``edges``."""

    year: int
    network: Network
    nodes: pd.DataFrame
    edges: pd.DataFrame  # a, b, weight, carried
    notes: list[str] = field(default_factory=list)

    @cached_property
    def graph(self) -> ig.Graph:
        """igraph Graph; vertex ``name`` = actor code, edge ``weight``."""
        index = {code: i for i, code in enumerate(self.nodes.index)}
        pairs = list(zip(self.edges["a"].map(index), self.edges["b"].map(index)))
        g = ig.Graph(n=len(index), edges=pairs, directed=False)
        g.vs["name"] = list(self.nodes.index)
        g.es["weight"] = self.edges["weight"].astype(float).tolist()
        return g

    def to_networkx(self) -> nx.Graph:
        g = nx.Graph()
        for code, row in self.nodes.iterrows():
            g.add_node(code, **{k: v for k, v in row.items() if pd.notna(v)})
        for e in self.edges.itertuples(index=False):
            g.add_edge(e.a, e.b, weight=float(e.weight), carried=bool(e.carried))
        return g

    @property
    def carried(self) -> int:
        """Ties present only because a censored spell was carried forward."""
        return int(self.edges["carried"].sum()) if len(self.edges) else 0


def fetch(store: Store, network: Network, first: int, last: int) -> Spells:
    """All actor and tie spells touching ``first``–``last``: four queries, any range."""
    if first > last:
        raise AllianceGraphError(f"--from {first} is after --to {last}")
    window = {"first": first, "last": last}
    states = store.read("state_spells", **window)
    states["stop"] = _ends(states.pop("end"), states.pop("observed_until"), "carry")
    # non-state actors are never active on their own: they enter through their ties
    others = store.read("non_state_actors").assign(start=OPEN, stop=0)
    actors = pd.concat([states.assign(kind="State"), others.assign(kind="NonStateActor")],
                       ignore_index=True)
    alliances = store.read("alliance_spells", sources=network.sources("alliances"), **window)
    memberships = store.read(
        "membership_tie_spells", sources=network.sources("memberships"),
        roles=list(TIE_ROLES), **window,
    )
    return Spells(network, first, last, actors, _tie_spells(alliances, memberships, network))


def _tie_spells(alliances: pd.DataFrame, memberships: pd.DataFrame, net: Network) -> pd.DataFrame:
    """Standardise both kinds of tie spell to a, b, start, stop, observed_until, strength."""
    parts = []
    if len(alliances):
        a = alliances.copy()
        a["stop"] = _ends(a["end"], a["observed_until"], net.censored)
        a["strength"] = _strength(a, net.ties)
        parts.append(a)
    if len(memberships):
        m = memberships.copy()
        # the tie holds while both memberships (and the group) hold
        m["start"] = m[["start_a", "start_b"]].max(axis=1)
        stops = [_ends(m[f"end_{s}"], m["observed_until"], net.censored) for s in ("a", "b")]
        stops.append(_ends(m["group_end"], m["observed_until"], "carry"))
        m["stop"] = np.minimum.reduce([s.to_numpy() for s in stops])
        is_partnership = m[list(OBLIGATIONS)].isna().all(axis=1)
        m["partnership"] = is_partnership
        m["strength"] = _strength(m, net.ties)
        parts.append(m)
    columns = ["a", "b", "start", "stop", "observed_until", "strength"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in columns}).astype({"a": object, "b": object})
    ties = pd.concat([p[columns] for p in parts], ignore_index=True)
    ties = ties[(ties["strength"] > 0) & (ties["stop"] >= ties["start"])]
    ties["observed_until"] = pd.to_numeric(ties["observed_until"], errors="coerce")
    return ties.astype({"start": int, "stop": int, "strength": int}).reset_index(drop=True)


def projection(store: Store, year: int, network: Network | None = None) -> Projection:
    """The alignment network of ``year`` (see module docstring)."""
    return fetch(store, network or Network(), year, year).projection(year)
