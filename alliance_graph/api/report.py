"""The headline tables of ``alliances report``."""

from __future__ import annotations

import pandas as pd

from ..ingest import loaded_sources
from ..store import Store
from .blocs import blocs
from .brokers import brokers
from .centrality import centrality
from .core import network


def report(store: Store, *, year: int = 2018, recent: int = 2025,
           top: int = 10) -> list[tuple[str, pd.DataFrame]]:
    """The headline tables ``alliances report`` prints, as (title, DataFrame) pairs.
    Titles name only the sources the store holds."""
    loaded = set(loaded_sources(store)["source"])
    layers = [name for source, name in (("atop", "ATOP carried forward"), ("curated", "curated"))
              if source in loaded]
    via = f" ({' + '.join(layers)})" if layers else " (no alliance source loaded)"
    atop = network("atop", "defense")
    degree = centrality(store, year, atop, metrics=["degree"], top=top)
    now = network("all", "defense,partnership")
    central = centrality(store, recent, now, metrics=["betweenness", "degree"], top=top)
    bloc_table = blocs(store, recent, now)
    shown_blocs = bloc_table[["bloc", "label", "size", "density", "codes"]]
    shown_blocs.attrs["notes"] = bloc_table.attrs["notes"]
    middle = brokers(store, recent, now, middle_powers=True, include="seeds")
    shown_brokers = middle[["rank", "code", "name", "cinc_rank", "group", "broker_score",
                            "bridges"]].head(top)
    shown_brokers.attrs["notes"] = middle.attrs["notes"][-1:]
    return [
        (f"Defense-pact degree {year}" + (" (ATOP)" if "atop" in loaded else ""), degree),
        (f"Most central {recent}: betweenness in the defense and partnership network{via}",
         central),
        (f"Blocs {recent} (Leiden, same network)", shown_blocs),
        (f"Middle powers as brokers {recent} (CINC top 40 without major powers, plus the "
         "seed articles' list)", shown_brokers),
    ]
