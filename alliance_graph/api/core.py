"""The network to measure and the year's projection (shared by every API function)."""

from __future__ import annotations

from collections.abc import Sequence

from ..analytics.projection import DEFAULT_TIES, Network, Projection, Spells, fetch
from ..store import Store


def network(source: str = "all", ties: Sequence[str] | str = DEFAULT_TIES,
            weighted: bool = True, censored: str = "carry") -> Network:
    """Which ties to measure; ``ties`` may be a comma-separated string of tie types
    (``alliances`` = all five obligations). The default is the typology's: formal
    alliances weighted by obligation plus alignment ×0.5, organisations left out."""
    if isinstance(ties, str):
        ties = [t.strip() for t in ties.split(",") if t.strip()]
    return Network(source=source, ties=tuple(ties), weighted=weighted, censored=censored)


def spells(store: Store, first: int, last: int, net: Network | None = None) -> Spells:
    """Everything needed for the networks of ``first``–``last`` (one fetch)."""
    return fetch(store, net or Network(), first, last)


def projection(store: Store, year: int, net: Network | None = None) -> Projection:
    """The alignment network of one year (nodes, edges, igraph ``graph``)."""
    return spells(store, year, year, net).projection(year)


def notes(p: Projection) -> list[str]:
    """What a reader should know about a year's network (size, censored ties)."""
    out = [f"{p.year}: {len(p.nodes)} actors, {len(p.edges)} ties ({p.network.label}; "
           f"id {p.network.id})"]
    if p.carried:
        out.append(f"{p.carried} ties are carried past the end of their data (censored "
                   "spells, see README); --censored drop leaves them out")
    return out
