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
selects which types make a tie (default: defense). With ``weight="obligation"`` (or
``weighted=True``), a tie's weight is the strength of the **strongest** selected type
present: defense/offense 3, neutrality/nonaggression 2, consultation/partnership 1; with
``weight="treaties"`` it is the number of distinct treaties (ATOP alliances, curated
treaties) and partnerships behind the tie in the year that carry a selected type;
otherwise every tie weighs 1.

Right-censoring: a spell with no ``end`` whose source stopped observing at
``observed_until`` (ATOP 2018, COW 2016…) is carried forward by default
(``censored="carry"``: assume it continues) and flagged ``carried`` in years after
``observed_until``; ``censored="drop"`` ends it at ``observed_until``. State membership is
always carried (no state has left the system since 2016). An ATOP spell is carried past
2018 only for what its treaties without a curated review commit to; the treaties curated
records reviewed (NATO, the Rio Treaty, …) continue through their curated memberships
(see ``_alliance_ties``).

All spells for a range of years are fetched with five named queries, once (the fifth,
``treaty_reviews``, says which ATOP treaties curated records reviewed); the year graphs
are cut from them in memory, so a 210-year series costs five queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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
WEIGHTS = ("obligation", "treaties")


@dataclass(frozen=True)
class Network:
    """Which ties make the network: sources, tie types, weighting, censoring rule."""

    source: str = "all"
    ties: tuple[str, ...] = ("defense",)
    weighted: bool = False
    censored: str = "carry"
    weight: str | None = None  # None/"obligation" (= weighted) or "treaties"

    def __post_init__(self) -> None:
        if self.weight is None and self.weighted:
            object.__setattr__(self, "weight", "obligation")
        if self.weight not in (None, *WEIGHTS):
            raise AllianceGraphError(f"unknown weight '{self.weight}' (choose {', '.join(WEIGHTS)})")
        object.__setattr__(self, "weighted", self.weight is not None)
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
        if self.weight == "obligation":
            parts.append("weighted")
        elif self.weight == "treaties":
            parts.append("treaties")
        if self.censored == "drop":
            parts.append("uncensored")
        return ":".join(parts)

    def sources(self, kind: str) -> list[str]:
        return SOURCE_FAMILIES[self.source][kind]


def _numbers(column: pd.Series) -> np.ndarray:
    """A column of years (ints with nulls, from either store) as floats with NaN."""
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)


def _ends(end: pd.Series, observed: pd.Series, censored: str) -> np.ndarray:
    """Effective last year of each spell under the censoring rule."""
    end = _numbers(end)
    fallback = _numbers(observed) if censored == "drop" else OPEN
    end = np.where(np.isnan(end), fallback, end)
    return np.where(np.isnan(end), OPEN, end).astype(int)


def _strength(frame: pd.DataFrame, ties: tuple[str, ...]) -> np.ndarray:
    """Strongest selected obligation type present on each row (0 = none); ``frame`` has a
    boolean column per tie type."""
    out = np.zeros(len(frame), dtype=int)
    for t in ties:
        out = np.where(frame[t].to_numpy() & (STRENGTH[t] > out), STRENGTH[t], out)
    return out


def _expand(start: np.ndarray, stop: np.ndarray, first: int, last: int):
    """Spells → (row index, year) for every year of every spell inside first–last."""
    start = np.maximum(start, first)
    stop = np.minimum(stop, last)
    length = np.clip(stop - start + 1, 0, None)
    rows = np.repeat(np.arange(len(start)), length)
    offsets = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    return rows, start[rows] + offsets


class Spells:
    """Actor and tie spells for a range of years, as fetched from the store.

    Everything per year is precomputed here as integer arrays (actor ids index
    ``codes``), so cutting a year's network is a few numpy slices.
    """

    def __init__(self, network: Network, first: int, last: int, actors: pd.DataFrame,
                 ties: pd.DataFrame):
        self.network, self.first, self.last = network, first, last
        self.actors, self.ties = actors, ties  # as fetched, for inspection
        info = actors.drop_duplicates("code", keep="last").set_index("code").sort_index()
        self.info = info[["name", "ccode", "kind", "region"]]
        self.codes = self.info.index.to_numpy()
        n_years = last - first + 1

        # active[y, i]: actor i's own spell covers year first + y
        rows, years = _expand(actors["start"].to_numpy(), actors["stop"].to_numpy(), first, last)
        self._active = np.zeros((n_years, len(self.codes)), dtype=bool)
        self._active[years - first, self._ids(actors["code"].to_numpy()[rows])] = True

        # one row per (year, a, b): weight = strongest type; carried = only by censoring
        rows, years = _expand(ties["start"].to_numpy(), ties["stop"].to_numpy(), first, last)
        a = self._ids(ties["a"].to_numpy())[rows]
        b = self._ids(ties["b"].to_numpy())[rows]
        n = len(self.codes)
        key = ((years - first).astype(np.int64) * n + a) * n + b
        observed = ties["observed_until"].fillna(OPEN).to_numpy()[rows]
        counting = network.weight == "treaties" and "treaty" in ties
        if counting:  # weight = number of distinct treaties behind the tie in the year
            treaty = pd.factorize(ties["treaty"])[0][rows]
            order = np.lexsort((treaty, key))
            treaty = treaty[order]
        else:
            order = np.argsort(key)
        key, weight = key[order], ties["strength"].to_numpy()[rows][order]
        carried = (years > observed)[order]
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else key
        unique = key[starts]
        if counting and len(key):
            new = np.r_[True, (key[1:] != key[:-1]) | (treaty[1:] != treaty[:-1])]
            self._weight = np.add.reduceat(new.astype(int), starts)
        else:
            self._weight = np.maximum.reduceat(weight, starts) if len(key) else weight
        self._carried = np.logical_and.reduceat(carried, starts) if len(key) else carried
        self._year = unique // (n * n)
        self._a = (unique // n) % n
        self._b = unique % n
        self._bounds = np.searchsorted(self._year, np.arange(n_years + 1))

    def _ids(self, codes: np.ndarray) -> np.ndarray:
        ids = self.info.index.get_indexer(codes)  # hash lookup; -1 = unknown
        bad = ids < 0
        if bad.any():
            raise AllianceGraphError(f"ties refer to actors the store does not list: "
                                     f"{sorted(set(codes[bad]))[:5]}")
        return ids

    def years(self) -> range:
        return range(self.first, self.last + 1)

    def projection(self, year: int) -> "Projection":
        if not self.first <= year <= self.last:
            raise AllianceGraphError(f"year {year} is outside {self.first}–{self.last}")
        y = year - self.first
        lo, hi = self._bounds[y], self._bounds[y + 1]
        a, b = self._a[lo:hi], self._b[lo:hi]
        present = self._active[y].copy()  # active on their own, or through a tie
        present[a] = present[b] = True
        ids = np.flatnonzero(present)
        weight = self._weight[lo:hi] if self.network.weighted else np.ones(hi - lo, dtype=int)
        return Projection(year, self.network, self, ids, np.searchsorted(ids, a),
                          np.searchsorted(ids, b), weight, self._carried[lo:hi])

    def __iter__(self) -> Iterator["Projection"]:
        for year in self.years():
            yield self.projection(year)

    def tie_details(self, year: int) -> pd.DataFrame:
        """Per tie of ``year``: which obligation types hold and through what (``via``:
        the source dataset or the treaty/partnership ids), e.g. for exports."""
        t = self.ties
        if "via" not in t:
            return pd.DataFrame(columns=["a", "b", *TIE_TYPES, "via"])
        t = t[(t["start"] <= year) & (t["stop"] >= year)]
        types = t.groupby(["a", "b"])[list(TIE_TYPES)].any()
        via = t.groupby(["a", "b"])["via"].agg(lambda v: ";".join(sorted(set(v))))
        return types.join(via).reset_index()


class Projection:
    """The network of one year: ``nodes`` (index ``code``), undirected ``edges`` and
    the igraph ``graph`` (vertices in ``nodes`` order)."""

    def __init__(self, year: int, network: Network, spells: Spells | None, ids: np.ndarray,
                 a: np.ndarray, b: np.ndarray, weight: np.ndarray, carried: np.ndarray,
                 nodes: pd.DataFrame | None = None):
        """``ids`` index the spells' actors (or the rows of ``nodes`` when given instead of
        ``spells``); ``a``, ``b`` index ``ids``."""
        self.year, self.network, self._spells, self._nodes = year, network, spells, nodes
        self.ids, self.a, self.b = ids, a, b
        self.weight, self.carried_mask = weight, carried

    @classmethod
    def from_frames(cls, year: int, network: Network, nodes: pd.DataFrame,
                    edges: pd.DataFrame) -> "Projection":
        """A projection from plain tables (hand-built graphs in tests and notebooks)."""
        nodes = nodes.sort_index()
        index = pd.Series(np.arange(len(nodes)), index=nodes.index)
        return cls(year, network, None, np.arange(len(nodes)),
                   index[edges["a"]].to_numpy(), index[edges["b"]].to_numpy(),
                   edges["weight"].to_numpy(), edges["carried"].to_numpy(dtype=bool), nodes)

    @cached_property
    def nodes(self) -> pd.DataFrame:
        return self._nodes if self._nodes is not None else self._spells.info.iloc[self.ids]

    @cached_property
    def codes(self) -> np.ndarray:
        """Actor codes in vertex order (cheaper than ``nodes`` when only codes are needed)."""
        if self._nodes is not None:
            return self._nodes.index.to_numpy()
        return self._spells.codes[self.ids]

    @cached_property
    def index(self) -> pd.Index:
        return pd.Index(self.codes, name="code")

    @cached_property
    def edges(self) -> pd.DataFrame:
        return pd.DataFrame({"a": self.codes[self.a], "b": self.codes[self.b],
                             "weight": self.weight, "carried": self.carried_mask})

    @cached_property
    def topology(self) -> ig.Graph:
        """The igraph Graph without attributes (what the metric kernels need)."""
        # zip of lists builds igraph's edge list about twice as fast as a numpy array
        return ig.Graph(n=len(self.ids), edges=list(zip(self.a.tolist(), self.b.tolist())))

    @cached_property
    def graph(self) -> ig.Graph:
        """igraph Graph; vertex ``name`` = actor code, edge ``weight``."""
        g = self.topology
        g.vs["name"] = self.codes.tolist()
        g.es["weight"] = self.weight.astype(float).tolist()
        return g

    def to_networkx(self) -> nx.Graph:
        g = nx.Graph()
        for code, row in self.nodes.iterrows():
            g.add_node(code, **{k: v for k, v in row.items() if pd.notna(v)})
        for e in self.edges.itertuples(index=False):
            g.add_edge(e.a, e.b, weight=float(e.weight), carried=bool(e.carried))
        return g

    def same_network(self, other: "Projection") -> bool:
        """Same actors, ties and weights (so every metric has the same values)."""
        return (self.network == other.network and np.array_equal(self.ids, other.ids)
                and np.array_equal(self.a, other.a) and np.array_equal(self.b, other.b)
                and np.array_equal(self.weight, other.weight))

    @property
    def carried(self) -> int:
        """Ties present only because a censored spell was carried forward."""
        return int(self.carried_mask.sum())


def fetch(store: Store, network: Network, first: int, last: int) -> Spells:
    """All actor and tie spells touching ``first``–``last``: five queries, any range."""
    if first > last:
        raise AllianceGraphError(f"--from {first} is after --to {last}")
    window = {"first": first, "last": last}
    actors = _actors(store)
    ties = list(network.ties)
    alliances = store.read("alliance_spells", sources=network.sources("alliances"),
                           ties=ties, **window)
    memberships = store.read(
        "membership_tie_spells", sources=network.sources("memberships"),
        roles=list(TIE_ROLES), ties=ties, **window,
    )
    treaties = store.read("treaty_reviews") if len(alliances) else None
    return Spells(network, first, last, actors,
                  _tie_spells(alliances, memberships, network, treaties))


def _actors(store: Store) -> pd.DataFrame:
    """Every actor with the spells it is active on its own (states: system membership)."""
    states = store.read("state_spells")  # all of them: a tie may name a state outside its spells
    states["stop"] = _ends(states.pop("end"), states.pop("observed_until"), "carry")
    # non-state actors are never active on their own: they enter through their ties
    others = store.read("non_state_actors").assign(start=OPEN, stop=0)
    return pd.concat([states.assign(kind="State"), others.assign(kind="NonStateActor")],
                     ignore_index=True)


CONFLICTS = ("mid",)


def fetch_negative(store: Store, positive: Spells, conflict: str | None = None) -> Spells:
    """Negative ties for the years and actors of ``positive``: rivalries from its network's
    source family, plus militarized disputes with ``conflict="mid"``. Rivalries follow the
    censoring rule; disputes are events and are never carried past their last observed
    year."""
    if conflict not in (None, *CONFLICTS):
        raise AllianceGraphError(f"unknown conflict data '{conflict}' (choose {', '.join(CONFLICTS)})")
    network = positive.network
    window = {"first": positive.first, "last": positive.last}
    frames = []
    rivalries = store.read("rivalry_spells", sources=network.sources("rivalries"), **window)
    rivalries["stop"] = _ends(rivalries["end"], rivalries["observed_until"], network.censored)
    frames.append(rivalries)
    if conflict == "mid":
        disputes = store.read("dispute_spells", sources=network.sources("disputes"), **window)
        disputes["stop"] = _ends(disputes["end"], disputes["observed_until"], "drop")
        frames.append(disputes)
    ties = pd.concat(frames, ignore_index=True).assign(strength=1)
    columns = ["a", "b", "start", "stop", "observed_until", "strength"]
    return Spells(Network(network.source, censored=network.censored), positive.first,
                  positive.last, positive.actors, _oriented(ties[columns]))


def _oriented(ties: pd.DataFrame) -> pd.DataFrame:
    """One orientation per pair (a < b), integer years, numeric observed_until."""
    ties = ties[ties["stop"] >= ties["start"]]
    a, b = ties["a"].to_numpy(), ties["b"].to_numpy()
    swap = a > b
    return ties.assign(
        a=np.where(swap, b, a), b=np.where(swap, a, b),
        observed_until=pd.to_numeric(ties["observed_until"], errors="coerce"),
    ).astype({"start": int, "stop": int, "strength": int}).reset_index(drop=True)


def _alliance_ties(alliances: pd.DataFrame, net: Network,
                   treaties: pd.DataFrame | None) -> pd.DataFrame:
    """ATOP spells under the censoring rule, one row per spell (per treaty when the
    network counts treaties).

    The carry rule: when the network also reads curated memberships, a censored spell is
    carried past its last observed year only for what its treaties without a curated
    review (``reviewed_until`` null) commit to — reviewed treaties continue through the
    curated memberships instead, so no tie is counted twice. Without curated data
    (``--source atop``) every censored spell is carried as observed."""
    a = alliances.copy()
    a["stop"] = _ends(a["end"], a["observed_until"], net.censored)
    a["partnership"] = False
    a["via"] = a["source"]
    a["atopids"] = [list(x) if isinstance(x, (list, tuple, np.ndarray)) else []
                    for x in a.get("atopids", pd.Series([None] * len(a), index=a.index))]
    if treaties is None or not len(treaties):
        treaties = pd.DataFrame(columns=["atopid", "reviewed_until", *OBLIGATIONS])
    wide = {int(r.atopid): r for r in treaties.itertuples(index=False)}
    reviewed = {k for k, r in wide.items() if pd.notna(r.reviewed_until)}
    aware = net.censored == "carry" and bool(net.sources("memberships"))
    censored = np.isnan(_numbers(a["end"]))
    if aware and censored.any():
        observed = a[censored].copy()
        observed["stop"] = _numbers(observed["observed_until"]).astype(int)
        carried = a[censored].copy()
        carried["start"] = observed["stop"] + 1
        # what the unreviewed treaties behind the spell commit to (treaty-wide)
        carried["atopids"] = [[x for x in ids if x not in reviewed] for ids in carried["atopids"]]
        for o in OBLIGATIONS:
            gives = [any(bool(getattr(wide[x], o)) for x in ids if x in wide)
                     for ids in carried["atopids"]]
            carried[o] = carried[o].to_numpy(dtype=bool) & np.array(gives, dtype=bool)
        a = pd.concat([a[~censored], observed, carried], ignore_index=True)
    if net.weight == "treaties":
        selected = {k for k, r in wide.items() if any(bool(getattr(r, t)) for t in net.ties
                                                       if t in OBLIGATIONS)}
        a["treaty"] = [[f"ATOP-{x}" for x in ids if x in selected] or [None] for ids in a["atopids"]]
        a = a.explode("treaty")
        a["treaty"] = a["treaty"].fillna(a["via"])  # an alliance of the file the member file lacks
    return a


def _tie_spells(alliances: pd.DataFrame, memberships: pd.DataFrame, net: Network,
                treaties: pd.DataFrame | None = None) -> pd.DataFrame:
    """Standardise both kinds of tie spell to a, b, start, stop, observed_until, strength
    (and ``treaty``, the treaty or group behind the row, when counting treaties)."""
    parts = []
    if len(alliances):
        parts.append(_alliance_ties(alliances, net, treaties))
    if len(memberships):
        m = memberships.copy()
        # the tie holds while both memberships (and the group) hold
        m["start"] = np.maximum(_numbers(m["start_a"]), _numbers(m["start_b"]))
        m["stop"] = np.minimum.reduce([
            _ends(m["end_a"], m["observed_until"], net.censored),
            _ends(m["end_b"], m["observed_until"], net.censored),
            _ends(m["group_end"], m["observed_until"], "carry"),
        ])
        m["partnership"] = m["defense"].isna().to_numpy()  # a treaty always has obligations
        if "via" not in m:
            m["via"] = m["group_id"]
        m["treaty"] = m["group_id"]
        parts.append(m)
    columns = ["a", "b", "start", "stop", "observed_until", "strength", *TIE_TYPES, "via"]
    if net.weight == "treaties":
        columns.append("treaty")
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in columns}).astype(
            {"a": object, "b": object, "via": object})
    ties = pd.concat(parts, ignore_index=True)
    for t in TIE_TYPES:  # null obligation (a partnership) = not present
        ties[t] = ties[t].to_numpy(dtype=bool, na_value=False)
    ties["strength"] = _strength(ties, net.ties)
    # ATOP stores the lower COW number first, memberships the lower code: align them
    return _oriented(ties.loc[ties["strength"] > 0, columns])


def projection(store: Store, year: int, network: Network | None = None) -> Projection:
    """The alignment network of ``year`` (see module docstring)."""
    return fetch(store, network or Network(), year, year).projection(year)
