"""COW National Material Capabilities v7.0 → one ``(:Capability)`` per state-year.

Each record keeps the six components and CINC (the state's share of system capabilities)
plus ``cinc_rank``: 1 = largest CINC among the states with a score that year. States
link to their records with ``HAS_CAPABILITY {start: year, end: year}``, so "CINC as of
year Y" is one match on ``year``.

Reference: Singer, Bremer & Stuckey (1972), "Capability Distribution, Uncertainty, and
Major Power War, 1820-1965", in Russett (ed.), *Peace, War, and Numbers*; NMC v7.0
(Greig, Enterline & Kreutz 2023 update). Via peacesciencer.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .base import PEACESCIENCER, Context, Plan, Source, Step, rows
from .table import Table

COMPONENTS = ("milex", "milper", "irst", "pec", "tpop", "upop")


def prepare(path: Path, context: Context) -> Plan:
    table = Table.read_csv(path, ["ccode", "year", *COMPONENTS, "cinc"])
    ccode = table.ints("ccode", what="COW code")
    year = table.years("year")
    table.check_known(ccode, context.ccodes, "ccode")
    table.check_unique(pd.DataFrame({"c": ccode, "y": year}), "year", "state-year")
    values = {c: table.numbers(c, minimum=0) for c in COMPONENTS}
    # a state's share of the system's capabilities: a CINC above 1 is not a share
    values["cinc"] = table.numbers("cinc", minimum=0, maximum=1)
    frame = pd.DataFrame({"ccode": ccode, "year": year, **values})
    ranks = frame.groupby("year")["cinc"].rank(ascending=False, method="min")
    frame["cinc_rank"] = ranks.astype("Int64")
    lookup = dict(zip(context.states["ccode"].astype(int), context.states["code"]))
    frame["code"] = frame["ccode"].map(lambda c: lookup[int(c)])
    frame["id"] = frame["code"] + "-" + frame["year"].astype(str)
    frame["name"] = frame["code"] + " capabilities " + frame["year"].astype(str)
    return Plan(
        steps=[
            Step("merge_capabilities", rows(frame)),
            Step("prune_capabilities", params={"keep": frame["id"].tolist()}),
            Step("link_capabilities", rows(frame[["code", "id", "year"]])),
        ],
        rows_read=len(table),
        notes=[f"CINC for {frame['year'].min()}–{frame['year'].max()}; later years use "
               f"{frame['year'].max()} (analytics say so)"],
    )


SOURCE = Source(
    name="cow-nmc",
    title="COW National Material Capabilities (CINC)",
    version="v7.0",
    coverage="1816–2022",
    citation="Singer, J. David, Stuart Bremer, and John Stuckey. 1972. Capability "
    "Distribution, Uncertainty, and Major Power War, 1820-1965. In Bruce Russett (ed.), "
    "Peace, War, and Numbers, 19-48. Sage. NMC v7.0 via peacesciencer (Miller 2022).",
    default_path=PEACESCIENCER / "cow_nmc.csv",
    prepare=prepare,
    writes="(:State)-[:HAS_CAPABILITY]->(:Capability {year, cinc, cinc_rank, …})",
)
