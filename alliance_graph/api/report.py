"""The headline tables of ``alliances report``."""

from __future__ import annotations

import pandas as pd

from ..store import Store
from .blocs import blocs
from .brokers import brokers
from .centrality import centrality
from .core import network


def report(store: Store, *, year: int = 2018, recent: int = 2025,
           top: int = 10) -> list[tuple[str, pd.DataFrame]]:
    """The headline tables ``alliances report`` prints, as (title, DataFrame) pairs. Every
    table uses the default network (README "Network typology") — of ATOP alone for
    ``year``, of ATOP and the curated dataset for ``recent`` — and its title says so."""
    atop = network("atop")
    degree = centrality(store, year, atop, metrics=["strength", "degree"], top=top)
    now = network("all")
    central = centrality(store, recent, now, metrics=["betweenness", "degree"], top=top)
    bloc_table = blocs(store, recent, now)
    shown_blocs = bloc_table[["bloc", "label", "size", "density", "codes"]]
    shown_blocs.attrs["notes"] = bloc_table.attrs["notes"]
    middle = brokers(store, recent, now, middle_powers=True, include="seeds")
    shown_brokers = middle[["rank", "code", "name", "cinc_rank", "group", "brokerage",
                            "liaison", "liaison_z", "betweenness", "bridges"]].head(top)
    shown_brokers.attrs["notes"] = middle.attrs["notes"][-1:]
    return [
        (f"Alliance strength {year} (summed tie weights) — {atop.label}", degree),
        (f"Most central {recent}: betweenness — {now.label}", central),
        (f"Blocs {recent} (Leiden) — {now.label}", shown_blocs),
        (f"Middle powers as brokers {recent} (CINC top 40 without major powers, plus the "
         f"seed articles' list) — {now.label}", shown_brokers),
    ]
