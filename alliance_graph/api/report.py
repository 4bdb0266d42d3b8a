"""The headline tables of ``alliances report``."""

from __future__ import annotations

import pandas as pd

from ..ingest import loaded_sources
from ..store import Store
from .blocs import camps
from .brokers import brokers
from .centrality import centrality
from .core import network


def report(store: Store, *, year: int = 2018, recent: int = 2025,
           top: int = 10) -> list[tuple[str, pd.DataFrame]]:
    """The headline tables ``alliances report`` prints, as (title, DataFrame) pairs. Every
    table uses the default network (README "Network typology") — of ATOP alone for
    ``year``, of ATOP and the curated dataset for ``recent`` — and its title says so.
    Titles name only the sources the store holds: a missing source is left out of the
    network (and the ATOP table out of the report)."""
    loaded = set(loaded_sources(store)["source"])
    atop = network("atop")
    recent_source = ("all" if {"atop", "curated"} <= loaded
                     else "curated" if "curated" in loaded else "atop")
    now = network(recent_source)
    tables = []
    if "atop" in loaded:
        degree = centrality(store, year, atop, metrics=["strength", "degree"], top=top)
        tables.append((f"Alliance strength {year} (summed tie weights) — {atop.label}", degree))
    central = centrality(store, recent, now, metrics=["betweenness", "degree"], top=top)
    result = camps(store, recent, now)
    shown_camps = result.camp_table[["camp", "label", "size", "blocs", "named_by"]]
    shown_camps.attrs["notes"] = result.notes[1:2]
    m = result.members
    shown_blocs = result.bloc_table[["bloc", "camp", "label", "size", "density",
                                     "named_by"]].copy()
    shown_blocs["loosely_attached"] = [
        ", ".join(m.loc[(m["bloc"] == b) & (m["status"] == "loosely attached"), "code"])
        for b in shown_blocs["bloc"]]
    shown_blocs.attrs["notes"] = result.notes[:1] + result.notes[2:]
    middle = brokers(store, recent, now, middle_powers=True, include="seeds", explain=top,
                     camps=result)  # the camps above, not detected again
    shown_brokers = middle[["rank", "code", "name", "cinc_rank", "camp",
                            "participation_camps", "connects", "single_tie",
                            "brokerage", "liaison_z", "betweenness"]].head(top)
    shown_brokers.attrs["notes"] = middle.attrs["notes"][1:2]
    return tables + [
        (f"Most central {recent}: betweenness — {now.label}", central),
        (f"Camps {recent} (alignment systems; consensus Leiden) — {now.label}", shown_camps),
        (f"Blocs {recent} (Leiden) — {now.label}", shown_blocs),
        (f"Middle powers as brokers {recent} (CINC top 40 without major powers, plus the "
         f"seed articles' list) — {now.label}", shown_brokers),
    ]
