"""Gould–Fernandez brokerage roles: who mediates between which groups.

Reference: R. V. Gould and R. M. Fernandez (1989), "Structures of mediation: a formal
approach to brokerage in transaction networks", Sociological Methodology 19: 89-126. The
counts, expected values and variances are those of the R package ``sna``'s
``brokerage()`` (Butts), so results can be compared with it.

**Counts.** For broker v, count ordered pairs (a, c), a ≠ v ≠ c ≠ a, with a→v, v→c and
no a→c, and classify each by the groups g(·):

=================  ========  ==========================================
coordinator        w_I       g(a) = g(v) = g(c)
itinerant          w_O       g(a) = g(c) ≠ g(v)   (consultant)
representative     b_IO      g(a) = g(v) ≠ g(c)
gatekeeper         b_OI      g(a) ≠ g(v) = g(c)
liaison            b_O       g(a), g(v), g(c) all different
total              t         the sum of the five
=================  ========  ==========================================

**Direction.** Alliances are undirected: each tie is both arcs, so every open two-path
a–v–c counts twice (a→v→c and c→v→a) and a broker's representative and gatekeeper
counts are equal.

**Null model** (per broker; i = the broker's group, n_i its size, sums over the other
groups j ≠ i, N actors, m arcs, d = m / (N(N−1)), p = d²(1−d), q = d³(1−d)³,
C(x, 2) = x(x−1)/2):

- E[w_I] = p (n_i−1)(n_i−2);  V = E(1−p) + 2 (n_i−1)(n_i−2)(n_i−3) q
- E[w_O] = p Σ_j n_j(n_j−1);  V = E(1−p) + 2 Σ_j n_j(n_j−1)(n_j−2) q
- E[b_IO] = E[b_OI] = p (N−n_i)(n_i−1);
  V = E(1−p) + 2 [(n_i−1) C(N−n_i, 2) + (N−n_i) C(n_i−1, 2)] q
- E[b_O] = p [(Σ_j n_j)² − Σ_j n_j²];  V = E(1−p) + 4 Σ_j n_j C(N−n_j−n_i, 2) q
- E[t] = p (N−1)(N−2);  V = E(1−p) + 2 (N−1)(N−2)(N−3) q

z = (count − E) / √V; undefined (NaN) when V = 0 (e.g. w_I in a group of one or two).

**Groups and the null model's population.** The blocs of the year, or another labelling
(regions). The caller chooses who enters the null model: every actor passed counts in N,
in the density d and in the group sizes, so leaving actors without ties out (they broker
nothing and belong to no bloc) or putting them in (each as a group of its own) changes
every expected value and z-score, though no count. ``sna::brokerage`` on the same matrix
and labels gives the same numbers either way.

**Ranking** (``ranking``): by between-group brokerage, the number of open two-paths a
broker mediates between actors of different groups (itinerant + representative +
gatekeeper + liaison; Gould & Fernandez 1989), ties broken by betweenness (Freeman 1977).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
SNA_NAMES = {"coordinator": "w_I", "itinerant": "w_O", "representative": "b_IO",
             "gatekeeper": "b_OI", "liaison": "b_O", "total": "t"}


def counts(adjacency: np.ndarray, groups: np.ndarray) -> pd.DataFrame:
    """Raw role counts per broker (rows in vertex order; columns ROLES + total)."""
    a = adjacency.astype(bool)
    n = len(a)
    out = np.zeros((n, len(ROLES) + 1), dtype=np.int64)
    for v in range(n):
        nb = np.flatnonzero(a[v])
        if len(nb) < 2:
            continue
        open_ = ~a[np.ix_(nb, nb)]
        np.fill_diagonal(open_, False)
        g = groups[nb]
        own = g == groups[v]
        same = g[:, None] == g[None, :]
        out[v] = [
            (open_ & same & own[:, None]).sum(),
            (open_ & same & ~own[:, None]).sum(),
            (open_ & own[:, None] & ~own[None, :]).sum(),
            (open_ & ~own[:, None] & own[None, :]).sum(),
            (open_ & ~same & ~own[:, None] & ~own[None, :]).sum(),
            open_.sum(),
        ]
    return pd.DataFrame(out, columns=[*ROLES, "total"])


def moments(adjacency: np.ndarray, groups: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Expected counts and variances per broker under the random-group null (sna)."""
    a = adjacency.astype(bool)
    big_n = len(a)
    m = a.sum()  # arcs: an undirected tie is two
    d = m / (big_n * (big_n - 1)) if big_n > 1 else 0.0
    p = d * d * (1 - d)
    q = d ** 3 * (1 - d) ** 3
    # hashing, not sorting: labels may mix types (bloc numbers, "unaligned:CODE")
    size_of = pd.Series(groups, dtype=object).value_counts(sort=False).to_dict()

    def c2(x):
        return x * (x - 1) / 2

    expected, variance = [], []
    for v in range(big_n):
        ni = size_of[groups[v]]
        nj = np.array([s for g, s in size_of.items() if g != groups[v]], dtype=float)
        e = {
            "coordinator": p * (ni - 1) * (ni - 2),
            "itinerant": p * (nj * (nj - 1)).sum(),
            "representative": p * (big_n - ni) * (ni - 1),
            "liaison": p * (nj.sum() ** 2 - (nj ** 2).sum()),
            "total": p * (big_n - 1) * (big_n - 2),
        }
        e["gatekeeper"] = e["representative"]
        var = {
            "coordinator": e["coordinator"] * (1 - p) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * q,
            "itinerant": e["itinerant"] * (1 - p) + 2 * (nj * (nj - 1) * (nj - 2)).sum() * q,
            "representative": e["representative"] * (1 - p)
            + 2 * ((ni - 1) * c2(big_n - ni) + (big_n - ni) * c2(ni - 1)) * q,
            "liaison": e["liaison"] * (1 - p) + 4 * (nj * c2(big_n - nj - ni)).sum() * q,
            "total": e["total"] * (1 - p) + 2 * (big_n - 1) * (big_n - 2) * (big_n - 3) * q,
        }
        var["gatekeeper"] = var["representative"]
        expected.append(e)
        variance.append(var)
    cols = [*ROLES, "total"]
    return pd.DataFrame(expected)[cols], pd.DataFrame(variance)[cols]


def brokerage(adjacency: np.ndarray, groups: np.ndarray, codes) -> pd.DataFrame:
    """Per broker: raw count, expected count and z-score of each role and the total.

    Columns ``<role>``, ``<role>_expected``, ``<role>_z`` for the five roles and
    ``total``; index = ``codes``. See the module docstring for the definitions.
    """
    raw = counts(adjacency, groups)
    e, var = moments(adjacency, groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (raw - e) / np.sqrt(var)
    z = z.where(var > 0)
    out = {}
    for role in [*ROLES, "total"]:
        out[role] = raw[role].to_numpy()
        out[f"{role}_expected"] = e[role].to_numpy()
        out[f"{role}_z"] = z[role].to_numpy()
    return pd.DataFrame(out, index=pd.Index(codes, name="code"))


BETWEEN_GROUP = ("itinerant", "representative", "gatekeeper", "liaison")


def ranking(table: pd.DataFrame, betweenness: str = "betweenness") -> pd.DataFrame:
    """Rank brokers by what they broker: ``brokerage`` = itinerant + representative +
    gatekeeper + liaison counts (the open two-paths a–v–c that v mediates with a or c, or
    both, outside v's group, or a and c in different groups), then normalised betweenness
    as tie-breaker; a lexicographic rule, rank 1 = most brokerage, equal (count,
    betweenness) share the best rank.

    Every part measures brokerage: an actor with no between-group brokerage and zero
    betweenness shares the last rank and never outranks one with some. z-scores are not
    used: the z-score of a zero count is set only by the sizes of the groups (the null
    model), not by anything the actor does. Within-group coordination is left out because it
    does not bridge groups.

    References: Gould & Fernandez (1989), "Structures of mediation", Sociological
    Methodology 19: 89-126 (the roles); Freeman (1977), "A set of measures of centrality
    based on betweenness", Sociometry 40: 35-41 (the tie-breaker).

    ``table`` holds the role counts (columns of ``brokerage``) and a betweenness column;
    returns it with ``brokerage`` and ``rank`` added, sorted by rank.
    """
    out = table.copy()
    out["brokerage"] = out[list(BETWEEN_GROUP)].sum(axis=1).astype(np.int64)
    # rounded so that betweenness equal up to floating-point noise ties
    keys = list(zip(out["brokerage"].to_numpy(),
                    np.round(out[betweenness].to_numpy(dtype=float), 12)))
    best: dict = {}
    for position, key in enumerate(sorted(keys, reverse=True), 1):
        best.setdefault(key, position)
    out["rank"] = [best[k] for k in keys]
    return out.sort_values("rank", kind="stable")


def participation(a: np.ndarray, b: np.ndarray, weight: np.ndarray, groups: np.ndarray,
                  n: int, placed: np.ndarray | None = None) -> np.ndarray:
    """Weighted participation coefficient of every actor (Guimerà & Amaral 2005,
    "Functional cartography of complex metabolic networks", Nature 433: 895–900):

        P_i = 1 − Σ_s (k_is / k_i)²

    k_i the actor's strength (sum of tie weights), k_is the part of it that goes to group
    s (the actor's own included). 0: every tie inside one group; near 1: strength spread
    evenly over many groups. Unlike the Gould–Fernandez counts it weighs ties by strength
    and does not grow with the size of the groups a state sits between. Actors without
    ties get 0. ``groups`` per actor (any hashable labels); ``placed`` (mask): only ties to
    these actors count (ties to unaligned actors connect no groups)."""
    codes, labels = np.unique(groups.astype(str), return_inverse=True)
    src, dst = np.r_[a, b], np.r_[b, a]
    w = np.r_[weight, weight].astype(float)
    if placed is not None:
        w = np.where(placed[dst], w, 0.0)
    k = np.bincount(src, weights=w, minlength=n)
    to = np.zeros((n, len(codes)))
    np.add.at(to, (src, labels[dst]), w)
    share = np.divide(to, k[:, None], out=np.zeros_like(to), where=k[:, None] > 0)
    return np.where(k > 0, 1 - (share ** 2).sum(axis=1), 0.0)


def single_tie(a: np.ndarray, b: np.ndarray, weight: np.ndarray, groups: np.ndarray,
               n: int, actors, codes, placed: np.ndarray | None = None) -> list[str]:
    """For each of ``actors`` (vertex ids): the tie whose removal changes its
    participation rank most, with its rank without it ("participation rests on the tie
    to FRN: rank 5 → 29 without it"), or
    "" when no single tie moves it. Ranks are among all actors (1 = highest P); the other
    actors' coefficients are kept as they are (removing a tie changes only its two
    ends)."""
    base = participation(a, b, weight, groups, n, placed)
    ranks = _rank_desc(base)
    out = []
    for v in actors:
        ties = np.flatnonzero((a == v) | (b == v))
        best: tuple[int, Any, Any] = (0, None, None)
        for t in ties:
            keep = np.ones(len(a), dtype=bool)
            keep[t] = False
            ours = (a[keep] == v) | (b[keep] == v)
            p_v = participation(a[keep][ours], b[keep][ours], weight[keep][ours], groups, n,
                                placed)[v]
            rank = 1 + int((np.delete(base, v) > p_v + 1e-12).sum())
            change = abs(rank - ranks[v])
            if change > best[0]:
                other = b[t] if a[t] == v else a[t]
                best = (change, codes[other], rank)
        out.append(f"participation rests on the tie to {best[1]}: rank {ranks[v]} → "
                   f"{best[2]} without it" if best[1] is not None and best[0] >= 5 else "")
    return out


def _rank_desc(values: np.ndarray) -> np.ndarray:
    """1 = highest; equal values share the best rank."""
    order = np.sort(values)[::-1]
    return 1 + np.searchsorted(-order, -values - 1e-12, side="left")


def rank_participation(table: pd.DataFrame) -> pd.DataFrame:
    """Rank brokers by the weighted participation coefficient over camps
    (``participation_camps``; Guimerà & Amaral 2005), then over blocs
    (``participation_blocs``), then betweenness (Freeman 1977): a lexicographic rule,
    rank 1 = the state whose tie strength is spread most evenly over camps; equal keys
    share the best rank."""
    out = table.copy()
    keys = list(zip(*(np.round(out[c].to_numpy(dtype=float), 12) for c in
                      ("participation_camps", "participation_blocs", "betweenness"))))
    best: dict = {}
    for position, key in enumerate(sorted(keys, reverse=True), 1):
        best.setdefault(key, position)
    out["rank"] = [best[k] for k in keys]
    return out.sort_values("rank", kind="stable")
