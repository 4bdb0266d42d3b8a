"""Where each year's alliance ties come from: ATOP as observed, curated records, or a
censored ATOP spell carried past the end of its data.

A tie (an undirected pair tied in the year, as in the projection) is counted under every
origin that supports it: ``atop`` — an ATOP spell within its observed years (to 2018);
``curated`` — co-membership of a curated treaty or partnership record (from 2019 this
includes the continuation of ATOP treaties that curated records reviewed); ``carried`` —
an ATOP spell still open in 2018 carried forward because at least one of its treaties has
no curated review (see ``projection._alliance_ties``). ``carried_only`` counts ties with
no other support: the share of a year's network that rests on the carry assumption.

``review_status`` counts, per year after ATOP's end, the ATOP alliances a curated record
reviewed by what the review found (issue 20): ``in_force`` — a source after 2018 lists or
invokes the treaty, or its end is on record later than the year (a dated end implies the
treaty held until then; ATOP counts the end year as in force); ``ended`` — ended or
superseded in an earlier year; ``suspended`` — suspended in an earlier year;
``unverified`` — continued by ATOP's default rule with no source either way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .projection import Spells

COLUMNS = ["year", "ties", "atop", "curated", "carried", "carried_only"]
STATUS_COLUMNS = ["in_force", "ended", "suspended", "unverified"]


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


def review_status(reviews: pd.DataFrame, first: int, last: int, after: int) -> pd.DataFrame:
    """One row per year of ``first``–``last``: the reviewed ATOP alliances by status
    (module docstring); years up to ``after`` (ATOP's last) are ATOP's own record and
    have no counts. ``reviews`` has ``review_status`` and ``status_date`` (ISO text) per
    treaty; rows without a status are not reviews and are not counted."""
    r = reviews[reviews["review_status"].notna()]
    status = r["review_status"].to_numpy(dtype=object)
    ends = pd.to_datetime(r["status_date"], errors="coerce").dt.year.to_numpy(dtype=float)
    ending = np.isin(status, ("ended", "superseded", "suspended"))
    out = []
    for year in range(first, last + 1):
        if year <= after:
            out.append({"year": year, **{c: pd.NA for c in STATUS_COLUMNS}})
            continue
        gone = ending & (ends < year)
        out.append({"year": year,
                    "in_force": int(((status == "in_force") | (ending & ~gone)).sum()),
                    "ended": int((gone & (status != "suspended")).sum()),
                    "suspended": int((gone & (status == "suspended")).sum()),
                    "unverified": int((status == "unverified").sum())})
    return pd.DataFrame(out, columns=["year", *STATUS_COLUMNS]).astype(
        {c: "Int64" for c in STATUS_COLUMNS})
