"""The network every metric measures: who is aligned with whom in a year.

For year Y the projection has
- **nodes**: states whose COW system-membership spell covers Y, plus every actor with a
  tie in Y (non-state actors enter the network through their ties);
- **undirected ties**: an ``ALLIED_WITH`` spell covering Y, or two actors who are both
  members (role ``member``/``hub``) of the same treaty or partnership in Y. In a ``hub``
  partnership (MNNA, …) only hub↔member pairs are tied.

Ties come in three layers (the typology, README "Network typology"; a partnership's layer
is its ``kind`` through ``schema.GROUP_KINDS``):
- **formal alliances**, by obligation: ``defense``, ``offense``, ``neutrality``,
  ``nonaggression``, ``consultation`` (ATOP flags or a treaty's obligations);
- ``alignment``: security alignment short of alliance (defense-cooperation agreements,
  MNNA and other hub designations, quasi-alliances, strategic/defense partnerships,
  security groupings, Iran's axis);
- ``organization``: co-membership of an intergovernmental organisation or initiative.

``Network.ties`` selects which types make a tie; the default (``DEFAULT_TIES``) is every
alliance obligation except nonaggression, plus alignment, weighted. A tie's weight is the
strength of the **strongest** selected type present (``STRENGTH``): defense/offense 3,
neutrality/nonaggression 2, consultation 1 — the ordinal levels of commitment of Singer &
Small (1966, Journal of Peace Research 3: 1–32) applied to ATOP's obligations (Leeds et al.
2002, International Interactions 28: 237–260) — then alignment 0.5 and organisation 0.25,
weaker than any alliance; unweighted, every tie weighs 1. With ``weight="treaties"`` a
tie's weight is instead the number of distinct treaties (ATOP alliances, curated
treaties) and partnerships behind it in the year that carry a selected type.

Right-censoring: a spell with no ``end`` whose source stopped observing at
``observed_until`` (ATOP 2018, COW 2016…) is carried forward by default
(``censored="carry"``: assume it continues) and flagged ``carried`` in years after
``observed_until``; ``censored="drop"`` ends it at ``observed_until``. State membership is
always carried (no state has left the system since 2016). ``evidence="reviewed"`` drops
the continuations of ATOP alliances whose post-2018 review is ``unverified`` (no source
after 2018 either way; issue 20), so a user sees what the default rule adds. An ATOP spell is
carried past
2018 only for what its treaties without a curated review commit to; the treaties curated
records reviewed (NATO, the Rio Treaty, …) continue through their curated memberships
(see ``_alliance_ties``).

All spells for a range of years are fetched with five named queries, once (the fifth,
``treaty_reviews``, says which ATOP treaties curated records reviewed); the year graphs
are cut from them in memory, so a 210-year series costs five queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from alliance_graph.errors import AllianceGraphError
from alliance_graph.names import names_in
from alliance_graph.schema import GROUP_KINDS, OBLIGATIONS

from ._igraph import ig
from .network import (  # noqa: F401  (re-exported: the typology's home was here)
    CENSORING, DEFAULT_TIES, DEPRECATED_TIES, EVIDENCE, FIRST_YEAR, LAST_YEAR, LAYER_TIES, OPEN,
    SOURCE_FAMILIES, STRENGTH, TIE_GROUPS, TIE_TYPES, WEIGHTS, Network,
)

if TYPE_CHECKING:
    import networkx as nx

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
    """Strongest selected tie type present on each row (0 = none); ``frame`` has a
    boolean column per tie type."""
    out = np.zeros(len(frame), dtype=float)
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

    treaties: pd.DataFrame | None = None  # each ATOP alliance's obligations, when read

    def __init__(self, network: Network, first: int, last: int, actors: pd.DataFrame,
                 ties: pd.DataFrame):
        self.network, self.first, self.last = network, first, last
        self.actors, self.ties = actors, ties  # as fetched, for inspection
        info = actors.drop_duplicates("code", keep="last").set_index("code").sort_index()
        if "iso3" not in info:
            info = info.assign(iso3=None)
        self.info = info[["name", "ccode", "iso3", "kind", "region"]]
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
        weight = self._weight[lo:hi] if self.network.weighted else np.ones(hi - lo)
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
        """Actors in vertex order (index ``code``): name as of the year, ccode, iso3, kind,
        region."""
        if self._nodes is not None:
            return self._nodes
        nodes = self._spells.info.iloc[self.ids]
        names = names_in(nodes, self.year)
        return nodes if names.equals(nodes["name"]) else nodes.assign(name=names)

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
        import networkx as nx  # only for this conversion: 0.08 s of every command's start

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


def spells(network: Network, first: int, last: int, states: pd.DataFrame,
           non_state: pd.DataFrame, alliances: pd.DataFrame, memberships: pd.DataFrame,
           treaties: pd.DataFrame | None) -> Spells:
    """The spells of ``first``–``last`` from the frames the store's named queries return
    (``state_spells``, ``non_state_actors``, ``alliance_spells``, ``membership_tie_spells``,
    ``treaty_reviews``; ``api.fetch`` reads them)."""
    if first > last:
        raise AllianceGraphError(f"first year {first} is after last year {last}")
    states = states.copy()
    states["stop"] = _ends(states.pop("end"), states.pop("observed_until"), "carry")
    # non-state actors are never active on their own: they enter through their ties
    others = non_state.assign(start=OPEN, stop=0)
    actors = pd.concat([states.assign(kind="State"), others.assign(kind="NonStateActor")],
                       ignore_index=True)
    if network.evidence == "reviewed" and len(memberships) and treaties is not None:
        memberships = memberships[~memberships["group_id"].isin(_unverified(treaties))]
    out = Spells(network, first, last, actors,
                 _tie_spells(alliances, memberships, network, treaties))
    out.treaties = treaties  # each ATOP alliance's obligations (tie words name it)
    return out


def _unverified(treaties: pd.DataFrame) -> set[str]:
    """Node ids of the ATOP alliances whose post-2018 review found no source either way:
    ``evidence="reviewed"`` drops their continued memberships (every curated membership
    of an ATOP node is a continuation after ATOP's end)."""
    rows = treaties[treaties["review_status"] == "unverified"]
    return {f"ATOP-{int(x)}" for x in rows["atopid"]}


CONFLICTS = ("mid",)


def negative_spells(positive: Spells, rivalries: pd.DataFrame | None,
                    disputes: pd.DataFrame | None = None) -> Spells:
    """Negative ties for the years and actors of ``positive``: ``rivalries`` (the
    ``rivalry_spells`` query) follow the censoring rule; ``disputes`` (``dispute_spells``)
    are events and are never carried past their last observed year (COW MID observes to
    2014, so a dispute open then is no tie in 2016)."""
    network = positive.network
    frames = []
    if rivalries is not None:
        frames.append(rivalries.assign(stop=_ends(rivalries["end"],
                                                  rivalries["observed_until"],
                                                  network.censored)))
    if disputes is not None:
        frames.append(disputes.assign(stop=_ends(disputes["end"], disputes["observed_until"],
                                                 "drop")))
    columns = ["a", "b", "start", "stop", "observed_until", "strength"]
    ties = (pd.concat(frames, ignore_index=True).assign(strength=1.0)[columns] if frames
            else pd.DataFrame({c: pd.Series(dtype=object if c in "ab" else float)
                               for c in columns}))
    return Spells(Network(network.source, censored=network.censored), positive.first,
                  positive.last, positive.actors, _oriented(ties))


def _oriented(ties: pd.DataFrame) -> pd.DataFrame:
    """One orientation per pair (a < b), integer years, numeric observed_until."""
    ties = ties[ties["stop"] >= ties["start"]]
    a, b = ties["a"].to_numpy(), ties["b"].to_numpy()
    swap = a > b
    return ties.assign(
        a=np.where(swap, b, a), b=np.where(swap, a, b),
        observed_until=pd.to_numeric(ties["observed_until"], errors="coerce"),
    ).astype({"start": int, "stop": int, "strength": float}).reset_index(drop=True)


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
    for layer in LAYER_TIES:
        a[layer] = False
    a["via"] = a["source"]
    if "atopids" not in a:
        a["atopids"] = [[] for _ in range(len(a))]
    if treaties is None or not len(treaties):
        treaties = pd.DataFrame(columns=["atopid", "reviewed_until", *OBLIGATIONS])
    # per treaty: its obligation types as bits (bit i = OBLIGATIONS[i]); reviewed ones 0
    bits = np.zeros(len(treaties), dtype=np.int64)
    for i, o in enumerate(OBLIGATIONS):
        bits |= treaties[o].to_numpy(dtype=bool, na_value=False).astype(np.int64) << i
    atopid = treaties["atopid"].to_numpy(dtype=np.int64)
    reviewed = treaties["reviewed_until"].notna().to_numpy()
    open_bits = dict(zip(atopid.tolist(), np.where(reviewed, 0, bits).tolist()))
    aware = net.censored == "carry" and bool(net.sources("memberships"))
    censored = np.isnan(_numbers(a["end"]))
    if aware and censored.any():
        observed = a[censored].copy()
        observed["stop"] = _numbers(observed["observed_until"]).astype(int)
        carried = a[censored].copy()
        carried["start"] = observed["stop"] + 1
        # only what the treaties without a curated review commit to is carried
        ids = [[x for x in row if open_bits.get(x, 0)] for row in carried["atopids"]]
        gives = np.array([np.bitwise_or.reduce([open_bits[x] for x in row]) if row else 0
                          for row in ids], dtype=np.int64)
        carried["atopids"] = ids
        for i, o in enumerate(OBLIGATIONS):
            carried[o] = carried[o].to_numpy(dtype=bool) & ((gives >> i) & 1).astype(bool)
        a = pd.concat([a[~censored], observed, carried], ignore_index=True)
    if net.weight == "treaties":
        wanted = sum(1 << i for i, o in enumerate(OBLIGATIONS) if o in net.ties)
        selected = {x for x, b in zip(atopid.tolist(), bits.tolist()) if b & wanted}
        a["treaty"] = [[f"ATOP-{x}" for x in row if x in selected] or [None]
                       for row in a["atopids"]]
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
        layer = m["kind"].map(GROUP_KINDS)  # the typology: a partnership's layer is its kind
        for name in LAYER_TIES:
            m[name] = (layer == name).to_numpy()
        if "via" not in m:
            m["via"] = m["group_id"]
        m["treaty"] = m["group_id"]
        parts.append(m)
    columns = ["a", "b", "start", "stop", "observed_until", "strength", *TIE_TYPES, "via"]
    if any("atopids" in part for part in parts):
        columns.append("atopids")  # the ATOP alliances behind a spell (tie words name them)
    if net.weight == "treaties":
        columns.append("treaty")
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in columns}).astype(
            {"a": object, "b": object, "via": object})
    ties = pd.concat(parts, ignore_index=True)
    for t in TIE_TYPES:  # null obligation (a partnership has none) = not present
        ties[t] = ties[t].to_numpy(dtype=bool, na_value=False)
    ties["strength"] = _strength(ties, net.ties)
    # ATOP stores the lower COW number first, memberships the lower code: align them
    return _oriented(ties.loc[ties["strength"] > 0, columns])
