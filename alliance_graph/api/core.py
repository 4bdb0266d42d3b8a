"""The network to measure and the year's projection (shared by every API function)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..analytics import coverage as _coverage
from ..analytics.projection import Network, Projection, Spells, fetch
from ..schema import OBLIGATIONS
from ..store import Store


def network(source: str = "all", ties: Sequence[str] | str = ("defense",),
            weighted: bool | str | None = False, censored: str = "carry") -> Network:
    """Which ties to measure; ``ties`` may be a comma-separated string. ``weighted``:
    False/None (every tie 1), True or ``"obligation"`` (strongest obligation), or
    ``"treaties"`` (number of shared treaties)."""
    if isinstance(ties, str):
        ties = [t.strip() for t in ties.split(",") if t.strip()]
    weight = weighted if isinstance(weighted, str) else ("obligation" if weighted else None)
    return Network(source=source, ties=tuple(ties), weight=weight, censored=censored)


def spells(store: Store, first: int, last: int, net: Network | None = None) -> Spells:
    """Everything needed for the networks of ``first``–``last`` (one fetch)."""
    return fetch(store, net or Network(), first, last)


def projection(store: Store, year: int, net: Network | None = None) -> Projection:
    """The alignment network of one year (nodes, edges, igraph ``graph``)."""
    return spells(store, year, year, net).projection(year)


def notes(p: Projection) -> list[str]:
    """What a reader should know about a year's network (size, censored ties)."""
    out = [f"{p.year}: {len(p.nodes)} actors, {len(p.edges)} ties (network {p.network.id})"]
    if p.carried:
        out.append(f"{p.carried} ties are carried past the end of their data (censored "
                   "spells, see README); --censored drop leaves them out")
    return out


def coverage(store: Store, first: int = 2015, last: int = 2025,
             net: Network | None = None) -> pd.DataFrame:
    """Per year, how many alliance ties come from ATOP (observed), from curated records,
    and from carrying a censored ATOP spell forward (``analytics.coverage``). Default
    network: every source, the five ATOP obligation types."""
    net = net or Network(ties=OBLIGATIONS)
    return _coverage.coverage(fetch(store, net, first, last))
