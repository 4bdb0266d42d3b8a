"""COW State System Membership v2016 → ``:State`` nodes and system-membership spells.

One ``:State`` per COW code, keyed by COW's own three-letter abbreviation (not ISO), with
an ISO 3166 alpha-3 code where one exists, and a ``HAS_STATUS`` spell to
``(:Status {id: 'cow-system-member'})`` per membership spell (Germany, Japan… have two).

ISO codes come from ``country_converter`` matching COW's state name, for the states in
the system at the end of COW's data (today's states): a state that no longer exists has
no current ISO code (Czechoslovakia's CSK and the Yemens' were withdrawn, ISO 3166-3).
COW keeps code 345 "Yugoslavia" for Serbia after 2006; its ISO code is Serbia's.

``name`` is the name users read (``alliance_graph.names``: today's English short name
from country_converter for today's states — Türkiye, Eswatini, Côte d'Ivoire…; COW's,
spelt right, for historical ones); ``cow_name`` is COW's own.

Reference: Correlates of War Project (2017), State System Membership List, v2016.
"""

from __future__ import annotations

import logging
from pathlib import Path

import country_converter as coco
import pandas as pd

from alliance_graph.names import SPELLING
from .base import PEACESCIENCER, Context, Plan, Source, Step, observed_end, rows
from .table import Table

SYSTEM_MEMBER = "cow-system-member"
ISO_BY_CCODE = {345: "SRB"}  # COW's "Yugoslavia" continues as Serbia from 2006

# COW numeric codes fall in regional blocks (COW State System codebook).
REGIONS = (
    (2, 199, "Americas"),
    (200, 399, "Europe"),
    (400, 626, "Africa"),
    (630, 699, "Middle East"),
    (700, 999, "Asia and Oceania"),
)


def region(ccode: int) -> str | None:
    return next((name for lo, hi, name in REGIONS if lo <= ccode <= hi), None)


def iso3(names: pd.Series) -> list[str | None]:
    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    converted = coco.CountryConverter().convert(names.tolist(), to="ISO3", not_found=None)
    if isinstance(converted, str):
        converted = [converted]
    # a non-match comes back as the input name, an ambiguous one as a list
    return [c if isinstance(c, str) and len(c) == 3 and c.isupper() else None for c in converted]


def display_names(states: pd.DataFrame) -> list[str]:
    """Today's English short name (country_converter ``name_short``) for states with an
    ISO code; COW's name, spelt right, for the others (``alliance_graph.names``)."""
    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    short = coco.CountryConverter().data.drop_duplicates("ISO3").set_index("ISO3")["name_short"]
    return [str(short[i]) if isinstance(i, str) and i in short.index
            else SPELLING.get(int(c), n) for i, c, n in
            zip(states["iso3"], states["ccode"], states["name"])]


def prepare(path: Path, context: Context) -> Plan:
    table = Table.read_csv(path, ["stateabb", "ccode", "statenme", "styear", "endyear"])
    abb = table.strings("stateabb")
    ccode = table.ints("ccode", minimum=1, maximum=999, what="COW code")
    name = table.strings("statenme")
    start = table.years("styear")
    end = table.years("endyear")
    table.check_order(start, end, "endyear")
    bad = ~abb.str.fullmatch(r"[A-Z]{3}")
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise table.fail(row, "stateabb", f"'{abb.iloc[row]}' is not a 3-letter COW abbreviation")
    table.check_unique(pd.DataFrame({"ccode": ccode, "start": start}), "styear", "state spell")
    # one abbreviation per code and one code per abbreviation
    for key, other, field in ((ccode, abb, "stateabb"), (abb, ccode, "ccode")):
        pairs = pd.DataFrame({"key": key, "other": other}).drop_duplicates()
        clash = pairs.duplicated("key", keep="first")
        if clash.any():
            row = int(pairs.index[clash.to_numpy().nonzero()[0][0]])
            raise table.fail(row, field, f"'{key.iloc[row]}' has two different codes")

    last_year = int(end.max())
    spells = pd.DataFrame({"code": abb, "start": start, "end": observed_end(end, last_year)})
    spells["observed_until"] = last_year
    latest = (
        pd.DataFrame({"code": abb, "ccode": ccode, "name": name, "start": start, "end": end})
        .sort_values("start")
        .groupby("ccode", as_index=False)
        .agg(code=("code", "last"), name=("name", "last"), last=("end", "max"))
    )
    latest["iso3"] = iso3(latest["name"])
    latest.loc[latest["last"] < last_year, "iso3"] = None  # gone: no current ISO code
    for code, iso in ISO_BY_CCODE.items():
        latest.loc[latest["ccode"] == code, "iso3"] = iso
    latest["region"] = latest["ccode"].map(region)
    latest["cow_name"] = latest["name"]
    latest["name"] = display_names(latest)
    states = latest[["code", "ccode", "name", "cow_name", "iso3", "region"]]
    return Plan(
        steps=[
            Step("merge_status", params={"id": SYSTEM_MEMBER, "name": "COW state system member"}),
            Step("merge_states", rows(states)),
            Step("prune_states", params={"keep": states["code"].tolist()}),
            Step("add_status_spells", rows(spells), {"status": SYSTEM_MEMBER}),
        ],
        rows_read=len(table),
        spells=len(spells),
        notes=[f"{len(states)} states; spells running in {last_year} are open (censored)"],
    )


SOURCE = Source(
    name="cow-states",
    title="COW State System Membership",
    version="v2016",
    coverage="1816–2016",
    citation="Correlates of War Project. 2017. State System Membership List, v2016. "
    "http://correlatesofwar.org",
    default_path=PEACESCIENCER / "cow_states.csv",
    prepare=prepare,
    writes="(:State), (:State)-[:HAS_STATUS]->(:Status {id:'cow-system-member'})",
)
