"""Major, middle and other powers in a year.

A **major power** holds COW major-power status in the year (Correlates of War Project
2017). A **middle power** is not a major power and ranks within ``ranks`` (default the 40
states with the highest CINC — the Composite Index of National Capability, Singer, Bremer
& Stuckey 1972 — that year), or is named in ``include`` (a curated list, e.g. the states
the seed articles call middle powers). Everyone else is **other**. Years after the last
NMC year use that year's CINC (``data_year`` says which).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

DEFAULT_RANKS = (1, 40)
# The states the seed articles name as middle powers (News.az, 2025).
SEED_MIDDLE_POWERS = ("AZE", "TUR", "SAU", "JPN", "ROK", "IND", "UAE")


def classify(capabilities: pd.DataFrame, majors: Iterable[str], active: Iterable[str],
             ranks: tuple[int, int] = DEFAULT_RANKS,
             include: Iterable[str] = ()) -> pd.DataFrame:
    """One row per active state: code, name, cinc, cinc_rank, data_year, class, why."""
    majors, include = set(majors), set(include)
    frame = capabilities[capabilities["code"].isin(set(active))].copy()
    low, high = ranks
    in_band = frame["cinc_rank"].between(low, high)
    major = frame["code"].isin(majors)
    listed = frame["code"].isin(include)
    frame["class"] = "other"
    frame.loc[in_band & ~major, "class"] = "middle"
    frame.loc[major & ~listed, "class"] = "major"
    frame.loc[listed, "class"] = "middle"
    frame["why"] = ""
    frame.loc[major, "why"] = "COW major power"
    frame.loc[in_band & ~major, "why"] = f"CINC rank {low}–{high}"
    frame.loc[listed, "why"] = "listed" + frame.loc[listed, "why"].map(
        lambda w: f" ({w})" if w else "")
    order = {"major": 0, "middle": 1, "other": 2}
    frame = frame.sort_values(["class", "cinc_rank"], key=lambda s: s.map(order)
                              if s.name == "class" else s)
    return frame.reset_index(drop=True)
