"""Alliance portfolio similarity: how alike two states' alliance commitments are.

**Portfolio.** Over the N members of the state system in a year, state i's portfolio is
the vector x_i with x_ik = the obligation level of i's formal alliance with k, in the
usual ordinal coding of ATOP's obligations: defense or offense 3, neutrality or
nonaggression 2, consultation 1, none 0 (the strongest obligation in force when several
treaties tie the pair). A state's tie to itself is coded at the highest level, 3 (each
state is its own closest ally: Bueno de Mesquita 1975; Signorino & Ritter 1999), so a
state's portfolio always has its own entry and two states' own entries differ (3 vs. the
level of their mutual tie). The *unweighted* portfolio records only whether there is an
alliance: b_ik = 1 if x_ik > 0.

With T[a, b] = #{k : x_ik = a, x_jk = b} (the pair's cross-table of levels), r and c its
row and column sums and d(a, b) = |a − b| / Δ (Δ = the scale's range: 3 for levels, 1
for the unweighted portfolio):

- **S** (Signorino & Ritter 1999, "Tau-b or not tau-b: measuring the similarity of foreign
  policy positions", International Studies Quarterly 43: 115-144), unit weights:
  S = 1 − 2 D_o, with D_o = (1/N) Σ_ab T[a, b] d(a, b) the mean distance between the
  portfolios; −1 (opposite) … 1 (identical). ``s`` on the unweighted portfolio,
  ``s_weighted`` on the obligation levels. (EUGene's "weighted S" weights the states k by
  capabilities instead; that variant is not computed here.)
- **Cohen's κ** (Häge 2011, "Choice or circumstance? Adjusting measures of foreign policy
  similarity for chance agreement", Political Analysis 19: 287-305): κ = 1 − D_o / D_e,
  with D_e = (1/N²) Σ_ab r_a c_b d(a, b) the distance expected if the two states chose
  their ties independently, each with its own distribution of levels; on the obligation
  levels with the absolute distance of S (a linearly weighted κ, Cohen 1968), so S and κ
  differ only by the chance correction. Undefined (NaN) when D_e = 0.
- **Kendall's τ_b** (Bueno de Mesquita 1975, "Measuring systemic polarity", Journal of
  Conflict Resolution 19: 187-216) of the two level vectors:
  τ_b = (n_c − n_d) / √((n_0 − n_1)(n_0 − n_2)), n_c and n_d the concordant and
  discordant pairs of states, n_0 = N(N−1)/2, n_1 = Σ_a C(r_a, 2), n_2 = Σ_b C(c_b, 2).
  Undefined (NaN) when a portfolio is constant.

All four are computed from the cross-table, for every pair at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

LEVELS = 4  # 0 none, 1 consultation, 2 neutrality/nonaggression, 3 defense/offense
SELF = LEVELS - 1
MEASURES = ("s", "s_weighted", "kappa", "tau_b")
OBLIGATION_LEVEL = {"defense": 3, "offense": 3, "neutrality": 2, "nonaggression": 2,
                    "consultation": 1}
LEVEL_NAMES = {0: "none", 1: "consultation", 2: "neutrality/nonaggression",
               3: "defense/offense"}


def levels(ties: pd.DataFrame) -> np.ndarray:
    """Obligation level of each tie: the strongest obligation present (``ties`` has a
    boolean column per obligation type, as ``Spells.tie_details`` returns)."""
    out = np.zeros(len(ties), dtype=np.int64)
    for obligation, level in OBLIGATION_LEVEL.items():
        if obligation in ties:
            present = ties[obligation].to_numpy(dtype=bool)
            out = np.where(present & (level > out), level, out)
    return out


def portfolios(codes, a: np.ndarray, b: np.ndarray, level: np.ndarray) -> pd.DataFrame:
    """Square table of obligation levels (0–3) among ``codes``, the diagonal at 3.

    ``a``, ``b`` index ``codes`` (one row per undirected tie, any order); ``level`` is the
    tie's obligation level; the strongest wins where a pair appears twice."""
    n = len(codes)
    x = np.zeros((n, n), dtype=np.int64)
    np.maximum.at(x, (a, b), level)
    np.maximum.at(x, (b, a), level)
    if ((x < 0) | (x > SELF)).any():
        raise ValueError("obligation levels must be 0-3")
    np.fill_diagonal(x, SELF)
    return pd.DataFrame(x, index=pd.Index(codes, name="code"), columns=list(codes))


def cross_tables(x: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """T[p, a, b] = #{k : x[rows[p], k] = a, x[cols[p], k] = b} for each pair p."""
    onehot = (x[:, :, None] == np.arange(LEVELS)).astype(np.float64)  # state, k, level
    if len(rows) <= len(x):
        return np.einsum("pka,pkb->pab", onehot[rows], onehot[cols])
    # many pairs: every table at once as one matrix product over k
    states = len(x)
    flat = onehot.transpose(0, 2, 1).reshape(states * LEVELS, -1)  # (state, level) × k
    tables = (flat @ flat.T).reshape(states, LEVELS, states, LEVELS)
    return tables[rows, :, cols, :]


def from_tables(tables: np.ndarray) -> pd.DataFrame:
    """The four measures (columns ``MEASURES``) from cross-tables (see module docstring)."""
    t = np.asarray(tables, dtype=np.float64)
    n = t.sum(axis=(1, 2))
    level = np.arange(LEVELS)
    linear = np.abs(level[:, None] - level[None, :]) / (LEVELS - 1)
    binary = ((level[:, None] > 0) != (level[None, :] > 0)).astype(np.float64)
    observed = (t * linear).sum(axis=(1, 2)) / n
    r, c = t.sum(axis=2), t.sum(axis=1)
    expected = np.einsum("pa,pb,ab->p", r, c, linear) / n ** 2
    # concordant: both higher; discordant: one higher, one lower (counts via cumulative sums)
    below_left = np.cumsum(np.cumsum(t, axis=1), axis=2)  # Σ_{a'≤a, b'≤b} T[a', b']
    strictly_below = np.zeros_like(t)
    strictly_below[:, 1:, 1:] = below_left[:, :-1, :-1]  # a' < a and b' < b
    col_cum = np.cumsum(t[:, :, ::-1], axis=2)[:, :, ::-1]  # Σ_{b'≥b}
    above_right = np.cumsum(col_cum, axis=1)  # Σ_{a'≤a, b'≥b}
    strictly_upper = np.zeros_like(t)
    strictly_upper[:, 1:, :-1] = above_right[:, :-1, 1:]  # a' < a and b' > b
    concordant = (t * strictly_below).sum(axis=(1, 2))
    discordant = (t * strictly_upper).sum(axis=(1, 2))
    n0 = n * (n - 1) / 2
    n1 = (r * (r - 1) / 2).sum(axis=1)
    n2 = (c * (c - 1) / 2).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = np.where(expected > 0, 1 - observed / expected, np.nan)
        denominator = np.sqrt((n0 - n1) * (n0 - n2))
        tau = np.where(denominator > 0, (concordant - discordant) / denominator, np.nan)
    return pd.DataFrame({
        "s": 1 - 2 * (t * binary).sum(axis=(1, 2)) / n,
        "s_weighted": 1 - 2 * observed,
        "kappa": kappa,
        "tau_b": tau,
    })


def scores(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """The four measures for two portfolios given as level vectors (0–3) over the same
    states (each vector includes the state's own entry)."""
    x, y = np.asarray(x), np.asarray(y)
    if x.shape != y.shape or x.ndim != 1 or not len(x):
        raise ValueError("portfolios must be non-empty vectors of the same length")
    table = cross_tables(np.vstack([x, y]), np.array([0]), np.array([1]))
    return from_tables(table).iloc[0].to_dict()


def dyads(matrix: pd.DataFrame, pairs: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """The four measures for ``pairs`` of codes (default: every unordered pair) of a
    portfolio table from ``portfolios``; columns a, b, tie (their mutual level), then
    ``MEASURES``."""
    codes = matrix.index
    if pairs is None:
        rows, cols = np.triu_indices(len(codes), k=1)
    else:
        rows = codes.get_indexer([p[0] for p in pairs])
        cols = codes.get_indexer([p[1] for p in pairs])
    x = matrix.to_numpy()
    out = from_tables(cross_tables(x, rows, cols))
    out.insert(0, "a", codes[rows])
    out.insert(1, "b", codes[cols])
    out.insert(2, "tie", x[rows, cols])
    return out
