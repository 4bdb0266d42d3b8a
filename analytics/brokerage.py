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

**Groups.** The blocs of the year, or another labelling (regions). Actors without ties
are left out: they broker nothing and belong to no bloc.
"""

from __future__ import annotations

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
    labels, sizes = np.unique(groups, return_counts=True)
    size_of = dict(zip(labels, sizes))

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
