"""Burt's structural holes: how much an actor's allies are also allied with each other.

Reference: R. S. Burt (1992), *Structural Holes: The Social Structure of Competition*,
Harvard University Press; networkx ``constraint`` and ``effective_size`` (same formulas).

With mutual tie weights m_ij = w_ij + w_ji (an undirected tie counts both ways),
p_ij = m_ij / Σ_k m_ik (i's proportional investment in j) and m̂_jq = m_jq / max_k m_jk:

- **constraint** c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ≠ i, j} p_iq p_qj)² — high when i's
  allies are allied with each other (no holes to exploit);
- **effective size** e_i = Σ_{j ∈ N(i)} (1 − Σ_{q ≠ i, j} p_iq m̂_jq) — the number of
  allies minus their redundancy; for unweighted ties n − 2t/n (Borgatti 1997, "Structural
  holes: unpacking Burt's redundancy measures", Connections 20: 35-38), with n allies and
  t ties among them.

Both are undefined (NaN) for actors without ties.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .projection import Projection


def _weights(p: Projection) -> list[float] | None:
    return p.graph.es["weight"] if p.network.weighted and p.graph.ecount() else None


def constraint(p: Projection) -> pd.DataFrame:
    """Burt's constraint of every actor (igraph ``constraint``; see module docstring)."""
    values = np.asarray(p.graph.constraint(weights=_weights(p)), dtype=float)
    values[np.asarray(p.graph.degree()) == 0] = np.nan
    return pd.DataFrame({"constraint": values}, index=p.index)


def effective_size(p: Projection) -> pd.DataFrame:
    """Burt's effective size of every actor (see module docstring)."""
    g = p.graph
    w = np.asarray(g.get_adjacency(attribute="weight" if _weights(p) else None).data,
                   dtype=float)
    mutual = w + w.T
    adjacent = mutual > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        share = mutual / mutual.sum(axis=1, keepdims=True)
        relative = mutual / mutual.max(axis=1, keepdims=True)
    share, relative = np.nan_to_num(share), np.nan_to_num(relative)
    redundancy = share @ relative.T  # [i, j] = Σ_q p_iq m̂_jq
    values = (adjacent * (1 - redundancy)).sum(axis=1)
    values[~adjacent.any(axis=1)] = np.nan
    return pd.DataFrame({"effective_size": values}, index=p.index)
