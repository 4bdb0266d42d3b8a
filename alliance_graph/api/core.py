"""The network to measure and the year's projection (shared by every API function)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..analytics import coverage as _coverage
from ..analytics.projection import (
    DEFAULT_TIES, FIRST_YEAR, LAST_YEAR, OPEN, Network, Projection, Spells,
)
from ..errors import AllianceGraphError
from ..ingest.atop_treaties import LAST_YEAR as ATOP_LAST
from ..names import Resolver
from ..schema import OBLIGATIONS
from ..store import Store
from .fetch import fetch


def network(source: str = "all", ties: Sequence[str] | str = DEFAULT_TIES,
            weighted: bool | str | None = True, censored: str = "carry",
            evidence: str = "all") -> Network:
    """Which ties to measure; ``ties`` may be a comma-separated string of tie types
    (``alliances`` = all five obligations). The default is the typology's: formal
    alliances weighted by obligation plus alignment ×0.5, organisations left out.
    ``weighted``: True or ``"obligation"`` (strongest type), ``"treaties"`` (number of
    shared treaties and partnerships), False/None (every tie 1). ``evidence="reviewed"``
    drops continuations of ATOP alliances whose post-2018 status is unverified."""
    if isinstance(ties, str):
        ties = [t.strip() for t in ties.split(",") if t.strip()]
    weight = weighted if isinstance(weighted, str) else ("obligation" if weighted else None)
    return Network(source=source, ties=tuple(ties), weighted=weight is not None,
                   weight=weight, censored=censored, evidence=evidence)


def spells(store: Store, first: int, last: int, net: Network | None = None) -> Spells:
    """Everything needed for the networks of ``first``–``last`` (one fetch)."""
    check_years(first, last)
    return fetch(store, net or Network(), first, last)


def check_years(first: int, last: int) -> None:
    """Refuse years outside the network's coverage, FIRST_YEAR–LAST_YEAR: before 1816
    there is no state system in the data, and after 2025 (the curated data's last year)
    every tie would only be carried forward."""
    for year in (first, last):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise AllianceGraphError(
                f"no data for {year}: the network covers {FIRST_YEAR}–{LAST_YEAR}")


def check_codes(codes: Iterable[str], known: pd.DataFrame, what: str = "actor") -> list[str]:
    """The actor codes that ``codes`` name — COW abbreviations, COW numbers, ISO alpha-3
    codes or names, resolved against ``known`` (index ``code``; ``name``, ``cow_name``,
    ``ccode``, ``iso3``) by ``alliance_graph.names.Resolver`` — or a one-line error naming
    the first one that is unknown or ambiguous, with its nearest matches."""
    return Resolver(known).resolve_all(codes, what)


def actor(store: Store, text: str, what: str = "actor") -> tuple[str, str]:
    """(code, name) of the actor ``text`` names (see ``check_codes``)."""
    table = actor_table(store)
    code = check_codes([text], table, what)[0]
    return code, str(table.loc[code, "name"])


def state_table(store: Store) -> pd.DataFrame:
    """Every state (index ``code``): ccode, iso3, name, cow_name."""
    return store.read("state_codes").set_index("code")


def actor_table(store: Store) -> pd.DataFrame:
    """Every state and non-state actor (index ``code``), as ``state_table`` for states."""
    others = store.read("non_state_actors").set_index("code")[["name"]]
    return pd.concat([state_table(store), others])


def _carried_since(p: Projection) -> str:
    """Carried ties counted by the last year their data observed them, newest first."""
    spells = getattr(p, "_spells", None)
    ties = getattr(spells, "ties", None)
    if ties is None or not len(ties):
        return ""
    active = ties[(ties["start"] <= p.year) & (ties["stop"] >= p.year)]
    observed = pd.to_numeric(active["observed_until"], errors="coerce").fillna(OPEN)
    # a pair is carried when none of its spells is observed in the year (projection rule)
    last = observed.groupby([active["a"], active["b"]]).max()
    counts = last[last < p.year].astype(int).value_counts().sort_index(ascending=False)
    return "; ".join(f"{n:,} last observed in {y}" for y, n in counts.items())


def projection(store: Store, year: int, net: Network | None = None) -> Projection:
    """The alignment network of one year (nodes, edges, igraph ``graph``)."""
    return spells(store, year, year, net).projection(year)


def series_notes(data: Spells) -> list[str]:
    """For a range of years: in which years ties are carried, how many and from when."""
    carried = {p.year: p.carried for p in data if p.carried}
    if not carried:
        return []
    first, last = min(carried), max(carried)
    low, high = min(carried.values()), max(carried.values())
    count = f"{low:,}" if low == high else f"{low:,}–{high:,}"
    span = str(first) if first == last else f"{first}–{last}"
    since = _carried_since(data.projection(last))
    return [f"{span}: {count} ties a year are carried past the end of their data"
            + (f" (in {last}: {since})" if since else "")
            + " as censored spells (see README); `censored=drop` leaves them out"]


def notes(p: Projection) -> list[str]:
    """What a reader should know about a year's network (size, censored ties)."""
    out = [f"{p.year}: {len(p.nodes)} actors, {len(p.edges)} ties ({p.network.label}; "
           f"id {p.network.id})"]
    if p.carried:
        since = _carried_since(p)
        out.append(f"{p.carried:,} of {len(p.edges):,} ties are carried past the end of their "
                   f"data{f' ({since})' if since else ''} as censored spells (see README); "
                   "`censored=drop` leaves them out")
    return out


def coverage(store: Store, first: int = 2015, last: int = 2025,
             net: Network | None = None) -> pd.DataFrame:
    """Per year, how many alliance ties come from ATOP (observed), from curated records,
    and from carrying a censored ATOP spell forward, then how many of the ATOP alliances
    reviewed after ATOP's end are in force, ended, suspended or unverified that year
    (``analytics.coverage``). Default network: every source, the five ATOP obligation
    types."""
    net = net or Network(ties=OBLIGATIONS)
    ties = _coverage.coverage(fetch(store, net, first, last))
    status = _coverage.review_status(store.read("treaty_reviews"), first, last, ATOP_LAST)
    return ties.merge(status, on="year", how="left")
