"""Centrality of actors in a year's alignment network, computed with igraph.

Each metric is a public function ``f(projection) -> DataFrame`` (index ``code``, one
column named after the metric) whose docstring gives the definition and a reference. The
arithmetic lives in a private kernel returning a numpy array, which the multi-year
timeline calls directly so that 210 years × 6 metrics cost little more than igraph itself.

With ``Network.weighted``, tie weights are strengths (higher = stronger); path-based
metrics then use distance = 1 / weight (Newman 2001; Opsahl, Agneessens & Skvoretz 2010,
Social Networks 32: 245-251).
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from .projection import Projection


def _weights(p: Projection) -> list[float] | None:
    return p.weight.astype(float).tolist() if p.network.weighted and len(p.weight) else None


def _distances(p: Projection) -> list[float] | None:
    w = _weights(p)
    return [1.0 / x for x in w] if w else None


def _degree(p: Projection) -> np.ndarray:
    return np.asarray(p.topology.degree(), dtype=float)


def _strength(p: Projection) -> np.ndarray:
    return np.asarray(p.topology.strength(weights=_weights(p)), dtype=float)


def _betweenness(p: Projection) -> np.ndarray:
    n = p.topology.vcount()
    raw = np.asarray(p.topology.betweenness(directed=False, weights=_distances(p)), dtype=float)
    return raw * (2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0)


def _closeness(p: Projection) -> np.ndarray:
    n = p.topology.vcount()
    if n < 2:
        return np.zeros(n)
    return np.asarray(p.topology.harmonic_centrality(weights=_distances(p), normalized=True))


def _eigenvector(p: Projection) -> np.ndarray:
    g = p.topology
    if g.ecount() == 0:
        return np.zeros(g.vcount())
    # igraph draws ARPACK's start vector from Python's `random` (its default generator), so
    # the last digits changed from run to run: a fixed seed makes them bit-identical, and
    # the caller's random stream is put back as it was.
    state = random.getstate()
    random.seed(0)
    try:
        with warnings.catch_warnings():  # igraph warns on disconnected graphs; see docstring
            warnings.simplefilter("ignore", RuntimeWarning)
            x = np.abs(np.asarray(g.eigenvector_centrality(weights=_weights(p))))
    finally:
        random.setstate(state)
    return x / np.linalg.norm(x)


def _pagerank(p: Projection) -> np.ndarray:
    return np.asarray(p.topology.pagerank(damping=0.85, weights=_weights(p), directed=False))


def _frame(p: Projection, name: str, values: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({name: values}, index=p.index)


def degree(p: Projection) -> pd.DataFrame:
    """Degree: the number of allies, k_i = Σ_j a_ij.

    Reference: Freeman (1979), "Centrality in social networks: conceptual clarification",
    Social Networks 1: 215-239; networkx ``degree``.
    """
    return _frame(p, "degree", _degree(p))


def strength(p: Projection) -> pd.DataFrame:
    """Strength (weighted degree): s_i = Σ_j w_ij, the summed weight of i's ties
    (equals degree when the network is unweighted).

    Reference: Barrat et al. (2004), "The architecture of complex weighted networks",
    PNAS 101: 3747-3752; networkx ``G.degree(weight='weight')``.
    """
    return _frame(p, "strength", _strength(p))


def betweenness(p: Projection) -> pd.DataFrame:
    """Normalised betweenness: c_B(v) = Σ_{s≠v≠t} σ_st(v) / σ_st over unordered pairs,
    divided by (n−1)(n−2)/2, the number of pairs not including v (0 when n ≤ 2).
    σ_st counts shortest s–t paths, σ_st(v) those through v.

    Reference: Freeman (1977), "A set of measures of centrality based on betweenness",
    Sociometry 40: 35-41; Brandes (2001), J. Math. Sociology 25: 163-177; networkx
    ``betweenness_centrality(normalized=True)``.
    """
    return _frame(p, "betweenness", _betweenness(p))


def closeness(p: Projection) -> pd.DataFrame:
    """Harmonic closeness, normalised: H(v) = (1 / (n−1)) Σ_{u≠v} 1 / d(u, v), with
    1/∞ = 0, so it is defined on disconnected networks (isolates score 0).

    Reference: Marchiori & Latora (2000), "Harmony in the small-world", Physica A 285:
    539-546; Rochat (2009); networkx ``harmonic_centrality`` divided by n−1.
    """
    return _frame(p, "closeness", _closeness(p))


def eigenvector(p: Projection) -> pd.DataFrame:
    """Eigenvector centrality: x = (1/λ) A x for the largest eigenvalue λ of the
    (weighted) adjacency matrix, scaled to unit Euclidean length with x ≥ 0 (all zero
    when there are no ties). On a disconnected network the leading eigenvector lives on
    the component with the largest λ; actors elsewhere score (near) zero.

    Reference: Bonacich (1972), "Factoring and weighting approaches to status scores and
    clique identification", J. Math. Sociology 2: 113-120; networkx
    ``eigenvector_centrality_numpy`` (same normalisation).
    """
    return _frame(p, "eigenvector", _eigenvector(p))


def pagerank(p: Projection) -> pd.DataFrame:
    """PageRank with damping α = 0.85: PR(v) = (1−α)/n + α Σ_{u∼v} PR(u) w_uv / s_u,
    an isolated actor's score spread uniformly; scores sum to 1.

    Reference: Brin & Page (1998), "The anatomy of a large-scale hypertextual web search
    engine", Computer Networks 30: 107-117; networkx ``pagerank(alpha=0.85)``.
    """
    return _frame(p, "pagerank", _pagerank(p))


METRICS: dict[str, Callable[[Projection], pd.DataFrame]] = {
    "degree": degree,
    "strength": strength,
    "betweenness": betweenness,
    "closeness": closeness,
    "eigenvector": eigenvector,
    "pagerank": pagerank,
}
KERNELS: dict[str, Callable[[Projection], np.ndarray]] = {
    "degree": _degree, "strength": _strength, "betweenness": _betweenness,
    "closeness": _closeness, "eigenvector": _eigenvector, "pagerank": _pagerank,
}


def rank(values: pd.Series | np.ndarray) -> np.ndarray:
    """1 = highest; equal scores share the best rank (rounded first, so scores equal up to
    floating-point noise tie). Works down the columns of a 2-D array."""
    x = np.round(np.asarray(values, dtype=float), 12)
    ascending = np.sort(x, axis=0)
    if x.ndim == 1:
        return 1 + len(x) - np.searchsorted(ascending, x, side="right")
    return np.column_stack([1 + len(x) - np.searchsorted(ascending[:, j], x[:, j], side="right")
                            for j in range(x.shape[1])])


def single_tie(p: Projection, vertices: Iterable[int], metric: str = "betweenness",
               moves: int = 5) -> list[str]:
    """For each of ``vertices``: the tie whose removal moves the actor's rank in
    ``metric`` most, as "betweenness rests on the tie to FRN: rank 5 → 29 without it",
    or "" when no single tie moves it by ``moves`` ranks or more. The metric is recomputed
    on the network without that one tie (every actor's score, so the rank is among all);
    ranks as in ``rank``. A leave-one-out check of the kind Borgatti, Carley & Krackhardt
    (2006, Social Networks 28: 124-136) use for the robustness of centrality to a missing
    tie."""
    kernel = KERNELS[metric]
    base = rank(kernel(p))
    out = []
    for v in vertices:
        best = (0, "", 0)
        for t in np.flatnonzero((p.a == v) | (p.b == v)):
            keep = np.arange(len(p.a)) != t
            without = Projection(p.year, p.network, None, np.arange(len(p.codes)),
                                 p.a[keep], p.b[keep], p.weight[keep], p.carried_mask[keep],
                                 p.nodes)
            moved = int(rank(kernel(without))[v])
            if abs(moved - base[v]) > best[0]:
                other = p.b[t] if p.a[t] == v else p.a[t]
                best = (abs(moved - base[v]), p.codes[other], moved)
        out.append(f"{metric} rests on the tie to {best[1]}: rank {base[v]} → {best[2]} "
                   "without it" if best[0] >= moves else "")
    return out


def ranked(metric: str, values: pd.Series) -> pd.DataFrame:
    """Scores of one metric as long rows (code, metric, value, rank)."""
    return pd.DataFrame({"code": values.index, "metric": metric,
                         "value": values.to_numpy(), "rank": rank(values)})


def scores(p: Projection, metrics: Iterable[str] = METRICS) -> pd.DataFrame:
    """Long table for one year: one row per actor and metric (code, metric, value, rank)."""
    parts = [ranked(name, pd.Series(KERNELS[name](p), index=p.index)) for name in metrics]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["code", "metric", "value", "rank"])


def series(projections: Iterable[Projection], metrics: Iterable[str]) -> pd.DataFrame:
    """Long table over many years (year, code, metric, value, rank): each year's graph is
    built once and shared by all metrics, an unchanged year reuses the year before, and
    ranks are computed per year and metric in one pass."""
    metrics = list(metrics)
    years, codes, values, ranks = [], [], [], []
    previous, matrix, ranked_ = None, None, None
    for p in projections:
        # alliance networks change only when a spell starts or ends: a year identical to
        # the one before reuses its scores
        if previous is None or not p.same_network(previous):
            matrix = np.column_stack([KERNELS[m](p) for m in metrics]) if len(p.ids) else \
                np.zeros((0, len(metrics)))
            ranked_ = rank(matrix) if len(matrix) else matrix.astype(int)
        previous = p
        years.append(np.full(matrix.size, p.year))
        codes.append(np.tile(p.codes, len(metrics)))
        values.append(matrix.ravel(order="F"))
        ranks.append(ranked_.ravel(order="F"))
    sizes = [len(c) // len(metrics) for c in codes] if metrics else []
    empty = np.array([], dtype=int)
    return pd.DataFrame({
        "year": np.concatenate(years) if years else empty,
        "code": np.concatenate(codes) if codes else np.array([], dtype=object),
        "metric": np.concatenate([np.repeat(metrics, n) for n in sizes]) if sizes else [],
        "value": np.concatenate(values) if values else np.array([]),
        "rank": np.concatenate(ranks) if ranks else empty,
    })


def wide(p: Projection, long: pd.DataFrame, metrics: list[str]) -> pd.DataFrame:
    """Long scores → one row per actor: name, COW number, ISO alpha-3 code, then
    ``<metric>`` and ``<metric>_rank`` per metric; sorted by the first metric."""
    values = long.pivot(index="code", columns="metric", values="value")[metrics]
    ranks = long.pivot(index="code", columns="metric", values="rank")[metrics]
    ranks.columns = [f"{m}_rank" for m in metrics]
    out = p.nodes[["name", "ccode", "iso3"]].join(values).join(ranks.astype("Int64"))
    out["ccode"] = out["ccode"].astype("Int64")
    ordered = ["name", "ccode", "iso3"] + [c for m in metrics for c in (m, f"{m}_rank")]
    out = out[ordered].sort_values([metrics[0], "name"], ascending=[False, True])
    return out.reset_index()


def centrality(p: Projection, metrics: Iterable[str] = METRICS) -> pd.DataFrame:
    """Wide table for one year (see ``wide``)."""
    metrics = list(metrics)
    return wide(p, scores(p, metrics), metrics)
