"""Where each year's alliance ties come from: ATOP as observed, curated records, or a
censored ATOP spell carried past the end of its data.

A tie (an undirected pair tied in the year, as in the projection) is counted under every
origin that supports it: ``atop`` — an ATOP spell within its observed years (to 2018);
``curated`` — co-membership of a curated treaty or partnership record (from 2019 this
includes the continuation of ATOP treaties that curated records reviewed); ``carried`` —
an ATOP spell still open in 2018 carried forward because at least one of its treaties has
no curated review (see ``projection._alliance_ties``). ``carried_only`` counts ties with
no other support: the share of a year's network that rests on the carry assumption.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .projection import Spells

COLUMNS = ["year", "ties", "atop", "curated", "carried", "carried_only"]


def coverage(spells: Spells) -> pd.DataFrame:
    """One row per year of ``spells``: number of ties by origin (see module docstring)."""
    t = spells.ties
    atop = (t["via"] == "atop").to_numpy() if len(t) else np.zeros(0, dtype=bool)
    out = []
    for year in spells.years():
        live = ((t["start"] <= year) & (t["stop"] >= year)).to_numpy()
        carried = t["observed_until"].fillna(np.inf).to_numpy() < year
        pairs = {}
        for name, mask in (("atop", live & atop & ~carried), ("curated", live & ~atop),
                           ("carried", live & atop & carried)):
            pairs[name] = set(zip(t["a"].to_numpy()[mask], t["b"].to_numpy()[mask]))
        every = pairs["atop"] | pairs["curated"] | pairs["carried"]
        out.append({"year": year, "ties": len(every),
                    **{k: len(v) for k, v in pairs.items()},
                    "carried_only": len(pairs["carried"] - pairs["atop"] - pairs["curated"])})
    return pd.DataFrame(out, columns=COLUMNS)
