"""Centrality of actors in a year's alignment network, computed with igraph.

Each metric is a function ``f(projection) -> pd.Series`` indexed by actor code; its
docstring gives the definition and a reference. With ``Network.weighted``, tie weights
are strengths (higher = stronger); path-based metrics then use distance = 1 / weight
(Newman 2001; Opsahl, Agneessens & Skvoretz 2010, Social Networks 32: 245-251).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from .projection import Projection


def _weights(p: Projection) -> list[float] | None:
    return p.graph.es["weight"] if p.network.weighted and p.graph.ecount() else None


def _distances(p: Projection) -> list[float] | None:
    w = _weights(p)
    return [1.0 / x for x in w] if w else None


def _series(p: Projection, values: Iterable[float]) -> pd.Series:
    return pd.Series(list(values), index=p.nodes.index, dtype=float)


def degree(p: Projection) -> pd.Series:
    """Degree: the number of allies, k_i = Σ_j a_ij.

    Reference: Freeman (1979), "Centrality in social networks: conceptual clarification",
    Social Networks 1: 215-239; networkx ``degree``.
    """
    return _series(p, p.graph.degree())


def strength(p: Projection) -> pd.Series:
    """Strength (weighted degree): s_i = Σ_j w_ij, the summed weight of i's ties
    (equals degree when the network is unweighted).

    Reference: Barrat et al. (2004), "The architecture of complex weighted networks",
    PNAS 101: 3747-3752; networkx ``G.degree(weight='weight')``.
    """
    return _series(p, p.graph.strength(weights=_weights(p)))


def betweenness(p: Projection) -> pd.Series:
    """Normalised betweenness: c_B(v) = Σ_{s≠v≠t} σ_st(v) / σ_st over unordered pairs,
    divided by (n−1)(n−2)/2, the number of pairs not including v (0 when n ≤ 2).
    σ_st counts shortest s–t paths, σ_st(v) those through v.

    Reference: Freeman (1977), "A set of measures of centrality based on betweenness",
    Sociometry 40: 35-41; Brandes (2001), J. Math. Sociology 25: 163-177; networkx
    ``betweenness_centrality(normalized=True)``.
    """
    n = p.graph.vcount()
    raw = np.asarray(p.graph.betweenness(directed=False, weights=_distances(p)), dtype=float)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    return _series(p, raw * scale)


def closeness(p: Projection) -> pd.Series:
    """Harmonic closeness, normalised: H(v) = (1 / (n−1)) Σ_{u≠v} 1 / d(u, v), with
    1/∞ = 0, so it is defined on disconnected networks (isolates score 0).

    Reference: Marchiori & Latora (2000), "Harmony in the small-world", Physica A 285:
    539-546; Rochat (2009); networkx ``harmonic_centrality`` divided by n−1.
    """
    n = p.graph.vcount()
    if n < 2:
        return _series(p, [0.0] * n)
    return _series(p, p.graph.harmonic_centrality(weights=_distances(p), normalized=True))


def eigenvector(p: Projection) -> pd.Series:
    """Eigenvector centrality: x = (1/λ) A x for the largest eigenvalue λ of the
    (weighted) adjacency matrix, scaled to unit Euclidean length with x ≥ 0 (all zero
    when there are no ties). On a disconnected network the leading eigenvector lives on
    the component with the largest λ; actors elsewhere score (near) zero.

    Reference: Bonacich (1972), "Factoring and weighting approaches to status scores and
    clique identification", J. Math. Sociology 2: 113-120; networkx
    ``eigenvector_centrality_numpy`` (same normalisation).
    """
    g = p.graph
    if g.ecount() == 0:
        return _series(p, [0.0] * g.vcount())
    with warnings.catch_warnings():  # igraph warns on disconnected graphs; see docstring
        warnings.simplefilter("ignore", RuntimeWarning)
        x = np.abs(np.asarray(g.eigenvector_centrality(weights=_weights(p))))
    return _series(p, x / np.linalg.norm(x))


def pagerank(p: Projection) -> pd.Series:
    """PageRank with damping α = 0.85: PR(v) = (1−α)/n + α Σ_{u∼v} PR(u) w_uv / s_u,
    an isolated actor's score spread uniformly; scores sum to 1.

    Reference: Brin & Page (1998), "The anatomy of a large-scale hypertextual web search
    engine", Computer Networks 30: 107-117; networkx ``pagerank(alpha=0.85)``.
    """
    g = p.graph
    return _series(p, g.pagerank(damping=0.85, weights=_weights(p), directed=False))


METRICS: dict[str, Callable[[Projection], pd.Series]] = {
    "degree": degree,
    "strength": strength,
    "betweenness": betweenness,
    "closeness": closeness,
    "eigenvector": eigenvector,
    "pagerank": pagerank,
}


def ranked(metric: str, values: pd.Series) -> pd.DataFrame:
    """Scores of one metric as long rows (code, metric, value, rank; rank 1 = highest,
    equal scores share the best rank)."""
    return pd.DataFrame({
        "code": values.index, "metric": metric, "value": values.to_numpy(),
        # round first: equal scores computed in a different order must share a rank
        "rank": values.round(12).rank(ascending=False, method="min").astype(int).to_numpy(),
    })


def scores(p: Projection, metrics: Iterable[str] = METRICS) -> pd.DataFrame:
    """Long table: one row per actor and metric (code, metric, value, rank)."""
    parts = [ranked(name, METRICS[name](p)) for name in metrics]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["code", "metric", "value", "rank"])


def wide(p: Projection, long: pd.DataFrame, metrics: list[str]) -> pd.DataFrame:
    """Long scores → one row per actor: name, COW code, then ``<metric>`` and
    ``<metric>_rank`` per metric; sorted by the first metric."""
    values = long.pivot(index="code", columns="metric", values="value")[metrics]
    ranks = long.pivot(index="code", columns="metric", values="rank")[metrics]
    ranks.columns = [f"{m}_rank" for m in metrics]
    out = p.nodes[["name", "ccode"]].join(values).join(ranks.astype("Int64"))
    out["ccode"] = out["ccode"].astype("Int64")
    ordered = ["name", "ccode"] + [c for m in metrics for c in (m, f"{m}_rank")]
    out = out[ordered].sort_values([metrics[0], "name"], ascending=[False, True])
    return out.reset_index()


def centrality(p: Projection, metrics: Iterable[str] = METRICS) -> pd.DataFrame:
    """Wide table for one year (see ``wide``)."""
    metrics = list(metrics)
    return wide(p, scores(p, metrics), metrics)
