"""COW Militarized Interstate Disputes v5 (dyadic dispute-years) → ``DISPUTE_WITH``.

Dispute-years of a pair are collapsed into one relationship per dispute and unordered
pair (lower → higher COW code) with its first and last year, the highest hostility level
reached (2 threat … 5 war) and the highest fatality level (-9 = unknown → null). Used as
negative ties by the signed-bloc analysis (``--conflict mid``).

Reference: Palmer, D'Orazio, Kenwick & McManus (2022), "Updating the Militarized
Interstate Dispute Data: A Response to Gibler, Miller, and Little", International
Studies Quarterly 66(2); MID v5.0 dyadic data via peacesciencer.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .base import PEACESCIENCER, Context, Plan, Source, Step, observed_end, rows
from .table import Table


def prepare(path: Path, context: Context) -> Plan:
    table = Table.read_csv(path, ["dispnum", "ccode1", "ccode2", "year", "hostlev", "fatality"])
    dispnum = table.ints("dispnum", minimum=1, what="dispute number")
    c1 = table.ints("ccode1", what="COW code")
    c2 = table.ints("ccode2", what="COW code")
    year = table.years("year")
    hostlev = table.ints("hostlev", minimum=1, maximum=5, what="hostility level")
    fatality = table.ints("fatality", minimum=-9, maximum=6, what="fatality level")
    table.check_known(c1, context.ccodes, "ccode1")
    table.check_known(c2, context.ccodes, "ccode2")
    table.check_unique(pd.DataFrame({"d": dispnum, "a": c1, "b": c2, "y": year}), "year",
                       "directed dispute dyad-year")
    frame = pd.DataFrame({
        "dispnum": dispnum, "a": c1.where(c1 < c2, c2), "b": c2.where(c1 < c2, c1),
        "year": year, "hostlev": hostlev, "fatality": fatality.where(fatality >= 0),
    })
    spells = frame.groupby(["dispnum", "a", "b"], as_index=False).agg(
        start=("year", "min"), end=("year", "max"), hostlev=("hostlev", "max"),
        fatality=("fatality", "max"))
    last = int(year.max())
    spells["end"] = observed_end(spells["end"], last)
    spells["observed_until"] = last
    lookup = dict(zip(context.states["ccode"].astype(int), context.states["code"]))
    spells["a"] = spells["a"].map(lambda c: lookup[int(c)])
    spells["b"] = spells["b"].map(lambda c: lookup[int(c)])
    return Plan([Step("add_disputes", rows(spells))], len(table), len(spells),
                [f"{len(table):,} dispute dyad-years → {len(spells):,} dispute dyads"])


SOURCE = Source(
    name="cow-mids",
    title="COW Militarized Interstate Disputes (dyadic)",
    version="v5.0",
    coverage="1816–2014",
    citation="Palmer, Glenn, Roseanne W. McManus, Vito D'Orazio, Michael R. Kenwick, et al. "
    "2022. The MID5 Dataset, 2011-2014. Conflict Management and Peace Science 39(4). "
    "Dyadic MID v5.0 via peacesciencer (Miller 2022).",
    default_path=PEACESCIENCER / "cow_mid_ddydisps.csv",
    prepare=prepare,
    writes="(:State)-[:DISPUTE_WITH {dispnum, hostlev, fatality}]->(:State)",
)
