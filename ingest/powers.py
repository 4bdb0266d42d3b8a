"""Power status spells → ``HAS_STATUS`` to ``(:Status)``: COW major powers and Maoz's
regional and global powers.

A spell still running when the data end (COW 2016, Maoz 2019) is open (``end`` null,
``observed_until`` that year).

References: Correlates of War Project (2017), State System Membership v2016 (major
powers); Maoz (2010), *Networks of Nations*, Cambridge UP (regional/global powers).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .base import PEACESCIENCER, Context, Plan, Source, Step, observed_end, rows
from .table import Table

MAJOR = ("cow-major-power", "COW major power")
REGIONAL = ("maoz-regional-power", "Maoz regional power")
GLOBAL = ("maoz-global-power", "Maoz global power")


def _status_steps(status: tuple[str, str], spells: pd.DataFrame) -> list[Step]:
    return [
        Step("merge_status", params={"id": status[0], "name": status[1]}),
        Step("add_status_spells", rows(spells), {"status": status[0]}),
    ]


def _codes(table: Table, ccode: pd.Series, context: Context) -> pd.Series:
    table.check_known(ccode, context.ccodes, "ccode")
    lookup = dict(zip(context.states["ccode"].astype(int), context.states["code"]))
    return ccode.map(lambda c: lookup[int(c)])


def prepare_majors(path: Path, context: Context) -> Plan:
    table = Table.read_csv(path, ["ccode", "styear", "endyear"])
    ccode = table.ints("ccode", what="COW code")
    start, end = table.years("styear"), table.years("endyear")
    table.check_order(start, end, "endyear")
    table.check_unique(pd.DataFrame({"c": ccode, "s": start}), "styear", "major-power spell")
    last = int(end.max())
    spells = pd.DataFrame({"code": _codes(table, ccode, context), "start": start,
                           "end": observed_end(end, last), "observed_until": last})
    return Plan(_status_steps(MAJOR, spells), len(table), len(spells))


def prepare_maoz(path: Path, context: Context) -> Plan:
    table = Table.read_csv(path, ["ccode", "regstdate", "regenddate", "globstdate", "globenddate"])
    ccode = table.ints("ccode", what="COW code")
    codes = _codes(table, ccode, context)
    dates = ["regstdate", "regenddate", "globstdate", "globenddate"]
    # the same spells twice would be stored twice (a status spell is created per row)
    table.check_unique(pd.DataFrame({"c": ccode, **{d: table.frame[d] for d in dates}}),
                       "ccode", "row (the same state and dates)")
    steps, total = [], 0
    ends = []
    for status, st, en in ((REGIONAL, "regstdate", "regenddate"),
                           (GLOBAL, "globstdate", "globenddate")):
        start = table.dates(st, nullable=True).dt.year.astype("Int64")
        end = table.dates(en, nullable=True).dt.year.astype("Int64")
        row = table.first_bad(start.isna() != end.isna())
        if row is not None:
            raise table.fail(row, en if end.isna().iloc[row] else st, "a spell needs both dates")
        table.check_order(start, end, en)
        ends.append(end)
        present = start.notna()
        spells = pd.DataFrame({"code": codes, "start": start, "end": end})[present.to_numpy()]
        steps.append((status, spells))
        total += len(spells)
    last = int(pd.concat(ends).max())
    out = []
    for status, spells in steps:
        spells = spells.assign(end=observed_end(spells["end"], last), observed_until=last)
        out += _status_steps(status, spells)
    return Plan(out, len(table), total)


MAJORS = Source(
    name="cow-majors",
    title="COW major powers",
    version="v2016",
    coverage="1816–2016",
    citation="Correlates of War Project. 2017. State System Membership List, v2016 "
    "(major powers). Via peacesciencer (Miller 2022).",
    default_path=PEACESCIENCER / "cow_majors.csv",
    prepare=prepare_majors,
    writes="(:State)-[:HAS_STATUS]->(:Status {id:'cow-major-power'})",
)
MAOZ = Source(
    name="maoz-powers",
    title="Maoz regional and global powers",
    version="2010",
    coverage="1816–2019",
    citation="Maoz, Zeev. 2010. Networks of Nations: The Evolution, Structure, and Impact of "
    "International Networks, 1816-2001. Cambridge University Press. Via peacesciencer.",
    default_path=PEACESCIENCER / "maoz_powers.csv",
    prepare=prepare_maoz,
    writes="(:State)-[:HAS_STATUS]->(:Status {id:'maoz-regional-power'|'maoz-global-power'})",
)
