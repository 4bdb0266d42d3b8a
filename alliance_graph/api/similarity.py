"""Alliance portfolio similarity of pairs of states (S, weighted S, Cohen's κ, τ_b)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analytics import similarity as _similarity
from ..analytics.projection import Network, Spells
from ..errors import AllianceGraphError, NotInNetwork
from ..store import Store
from ..names import names_in
from .core import check_codes, spells

OBLIGATIONS = tuple(_similarity.OBLIGATION_LEVEL)


def similarity_network(source: str = "all", censored: str = "carry") -> Network:
    """The formal alliances portfolios are built from: every obligation type of ``source``
    (ATOP and/or the curated treaties; partnerships are not alliances)."""
    return Network(source=source, ties=OBLIGATIONS, censored=censored)


def _levels(data: Spells) -> pd.DataFrame:
    """Every tie spell with its obligation level (computed once for a series)."""
    ties = data.ties
    return pd.DataFrame({"a": ties["a"], "b": ties["b"], "start": ties["start"],
                         "stop": ties["stop"], "level": _similarity.levels(ties)})


def _portfolios(data: Spells, year: int, spells_: pd.DataFrame | None = None) -> pd.DataFrame:
    """The year's portfolio table over the states in the network (system members and any
    state with an alliance that year)."""
    p = data.projection(year)
    states = p.nodes.index[p.nodes["kind"].to_numpy() == "State"]
    ties = _levels(data) if spells_ is None else spells_
    ties = ties[(ties["start"] <= year) & (ties["stop"] >= year)
                & ties["a"].isin(states) & ties["b"].isin(states)]
    index = pd.Series(np.arange(len(states)), index=states)
    return _similarity.portfolios(states, index[ties["a"]].to_numpy(),
                                  index[ties["b"]].to_numpy(), ties["level"].to_numpy())


def _known(matrix: pd.DataFrame, code: str | None, year: int) -> str | None:
    if code is None:
        return None
    if code not in matrix.index:
        raise NotInNetwork(f"{code} is not a state of the system in {year}")
    return code


def _resolve(data: Spells, *codes: str | None) -> list[str | None]:
    """COW abbreviations for what the user typed (code, number, ISO code or name)."""
    return [None if c is None else check_codes([c], data.info, "state")[0] for c in codes]


def _table(data: Spells, year: int, state: str | None, other: str | None,
           spells_: pd.DataFrame | None = None) -> pd.DataFrame:
    matrix = _portfolios(data, year, spells_)
    state, other = _known(matrix, state, year), _known(matrix, other, year)
    if other and not state:
        state, other = other, None
    if state and other:
        if state == other:
            raise AllianceGraphError("`state` and `other` name the same state")
        pairs = [(state, other)]
    elif state:
        pairs = [(state, c) for c in matrix.index if c != state]
    else:
        pairs = None
    out = _similarity.dyads(matrix, pairs)
    info = data.info.assign(name=names_in(data.info, year))
    for at, side in ((1, "a"), (5, "b")):
        rows = info.reindex(out[side])
        out.insert(at, f"{side}_ccode", rows["ccode"].astype("Int64").to_numpy())
        out.insert(at + 1, f"{side}_iso3", rows["iso3"].to_numpy())
        out.insert(at + 2, f"{side}_name", rows["name"].to_numpy())
    out.insert(8, "tie", out.pop("tie").map(_similarity.LEVEL_NAMES))
    out["states"] = len(matrix)
    return out


def _notes(net: Network, year: str) -> list[str]:
    return [f"{year}: portfolios over the N states of the system (column states); formal "
            f"alliances of source '{net.source}' ({net.id}), coded defense/offense 3, "
            "neutrality/nonaggression 2, consultation 1, none 0; each state's tie to itself "
            "coded 3 (Signorino & Ritter 1999)",
            "s: S on alliance yes/no; s_weighted: S on obligation levels (Signorino & Ritter "
            "1999); kappa: Cohen's kappa on levels, absolute distance (Häge 2011); tau_b: "
            "Kendall's tau-b of levels (Bueno de Mesquita 1975)"]


def similarity(store: Store, year: int, *, state: str | None = None, other: str | None = None,
               source: str = "all", censored: str = "carry") -> pd.DataFrame:
    """Alliance portfolio similarity in ``year`` (see ``analytics.similarity``): one row
    per pair of states (a, b) with their mutual tie, S, weighted S, Cohen's κ and τ_b.
    With ``state`` only its pairs, most similar first (weighted S); with ``state`` and
    ``other`` that one pair; with neither, every pair."""
    net = similarity_network(source, censored)
    data = spells(store, year, year, net)
    table = _table(data, year, *_resolve(data, state, other))
    if state and not other:
        table = table.sort_values(["s_weighted", "b"], ascending=[False, True])
    table = table.reset_index(drop=True)
    table.attrs["notes"] = _notes(net, str(year))
    return table


def similarity_series(store: Store, first: int, last: int, state: str, other: str, *,
                      source: str = "all", censored: str = "carry") -> pd.DataFrame:
    """The similarity of one pair for every year ``first``–``last`` in which both are states
    of the system (one fetch of the spells): columns year, a, a_ccode, a_iso3, a_name, b,
    b_ccode, b_iso3, b_name, tie, s, s_weighted, kappa, tau_b, states."""
    if not state or not other:
        raise AllianceGraphError("a series needs two states: `state` and `other`")
    net = similarity_network(source, censored)
    data = spells(store, first, last, net)
    state, other = _resolve(data, state, other)
    frames, absent = [], []
    levels = _levels(data)
    for year in data.years():
        try:
            frames.append(_table(data, year, state, other, levels).assign(year=year))
        except NotInNetwork:
            absent.append(year)
    if not frames:
        raise AllianceGraphError(f"{state.upper()} and {other.upper()} are not both states of "
                                 f"the system in any year of {first}–{last}")
    table = pd.concat(frames, ignore_index=True)
    table = table[["year", *[c for c in table.columns if c != "year"]]]
    table.attrs["notes"] = _notes(net, f"{first}–{last}") + (
        [f"left out {len(absent)} year(s) in which one of them is not a state of the system: "
         f"first {absent[0]}, last {absent[-1]}"] if absent else [])
    return table
