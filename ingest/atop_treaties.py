"""ATOP 5.1 treaty level → ``:Treaty`` nodes and member × phase ``MEMBER_OF`` spells.

Every ATOP alliance becomes ``(:Treaty {id: 'ATOP-<atopid>'})`` with its signature date,
start/end (end null and ``observed_until`` 2018 while in force on 31 Dec 2018), bilateral
flag, phases, the five treaty-wide obligations, ATOP's design variables as ATOP codes
(``schema.TREATY_DESIGN``) and institutionalisation (MILINST, Leeds & Anac 2005, the
maximum over the alliance's phases). Every row of the member file (one state in one
phase) becomes a ``MEMBER_OF`` with the member's own dates and obligations — ATOP codes
obligations per member, so asymmetric treaties stay asymmetric — its ``phase`` and
``system_member`` (ATOP ``cowsys``).

Dates: ATOP gives year and month always and the day where known (missing or 0 = unknown);
an exit year of 0 means still in force. Dates are stored as ISO strings at the precision
given: ``1949-04-04``, or ``1874-03`` without a day.

Members that were not COW system members when they signed (``cowsys`` = 0, 98 rows) are
kept: their State node exists (COW lists every one of them, if not as a system member in
that year), except Annam (ATOP code 8152, France–Annam 1874, ATOP 1320), which COW never
lists; it gets a State node of its own (code ``ANN``, source ``atop-treaties``).

Names come from ``ingest/curated/treaty_names.csv`` (one cited row per identified
alliance); every other alliance gets a descriptive name generated from its strongest
obligation, its members' COW names, its signature year and its ATOP id.

Reference: Leeds, Ritter, Mitchell & Long (2002), International Interactions 28: 237-260;
ATOP 5.1 codebook (Leeds 2022); Leeds & Anac (2005), International Interactions 31(3).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from alliance_graph.errors import IngestError
from alliance_graph.schema import OBLIGATIONS, TREATY_DESIGN

from .base import DATA, Context, Plan, Source, Step, rows
from .table import Table, display_path

ATOP_DIR = DATA / "atop_5_1"
FILES = {"alliances": "atop5_1a.csv.gz", "members": "atop5_1m.csv.gz",
         "institutions": "atopinst5_1.csv"}
NAMES_FILE = Path(__file__).parent / "curated" / "treaty_names.csv"
NAMES_COLUMNS = ("atopid", "name", "short_name", "citation", "url", "note")
LAST_YEAR = 2018  # ATOP 5.1 observes alliances to 31 Dec 2018
ID_PREFIX = "ATOP-"

# ATOP column → obligation property (member and alliance files use the same names)
FLAGS = {"defense": "defense", "offense": "offense", "neutral": "neutrality",
         "nonagg": "nonaggression", "consul": "consultation"}
assert tuple(FLAGS.values()) == OBLIGATIONS

# Members COW does not list (codebook, footnote 18): code, name, ccode
NON_COW = {8152: ("ANN", "Annam")}

KIND_LABELS = {  # the strongest obligation names the kind of pact
    "defense": ("defense_pact", "Defense pact"),
    "offense": ("offense_pact", "Offense pact"),
    "neutrality": ("neutrality_pact", "Neutrality pact"),
    "nonaggression": ("nonaggression_pact", "Non-aggression pact"),
    "consultation": ("consultation_pact", "Consultation pact"),
}
NAMED_MEMBERS = 4  # up to this many members are all named; more: "N states incl. …"
CITATION = ("Leeds, Ritter, Mitchell & Long (2002), Alliance Treaty Obligations and "
            "Provisions, International Interactions 28: 237-260; ATOP v5.1")


def treaty_id(atopid: int) -> str:
    return f"{ID_PREFIX}{int(atopid)}"


def iso_dates(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    """ISO dates at the precision ATOP gives: YYYY-MM-DD, YYYY-MM without a day, None
    where the year is missing (0 = still in force)."""
    y = year.astype("Int64")
    m = month.fillna(0).astype("Int64")
    d = day.fillna(0).astype("Int64")
    text = y.astype(str).str.zfill(4)
    with_month = text + "-" + m.astype(str).str.zfill(2)
    with_day = with_month + "-" + d.astype(str).str.zfill(2)
    out = pd.Series(np.where(d > 0, with_day, np.where(m > 0, with_month, text)), index=year.index)
    return out.where(y.notna() & (y > 0), None)


def _short(name: str) -> str:
    return name.removesuffix(" of America")


def generated_name(kind: str, members: list[str], year: int, atopid: int) -> str:
    """E.g. "Defense pact: United States – Japan (1960, ATOP 3375)"."""
    label = KIND_LABELS[kind][1]
    if len(members) <= NAMED_MEMBERS:
        who = f"{label}: {' – '.join(members)}"
    else:
        who = f"{label} of {len(members)} states incl. {', '.join(members[:3])}"
    return f"{who} ({year}, ATOP {atopid})"


def _kind(obligations: pd.DataFrame) -> pd.Series:
    kind = pd.Series("consultation", index=obligations.index)
    for o in reversed(OBLIGATIONS):  # the first (strongest) true one wins
        kind = kind.mask(obligations[o], o)
    return kind


def _month(table: Table, column: str, *, zero: bool) -> pd.Series:
    return table.ints(column, minimum=0 if zero else 1, maximum=12, what="month")


def _day(table: Table, column: str) -> pd.Series:
    return table.ints(column, nullable=True, minimum=0, maximum=31, what="day")


def _year_or_zero(table: Table, column: str) -> pd.Series:
    """A year, or 0 = still in force at the end of the data."""
    values = table.ints(column, minimum=0, maximum=LAST_YEAR, what="year")
    row = table.first_bad((values > 0) & (values < 1815))
    if row is not None:
        raise table.fail(row, column, f"year {values.iloc[row]} is before 1815")
    return values


def read_alliances(folder: Path) -> Table:
    return Table.read_csv(folder / FILES["alliances"], [
        "atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "bilat",
        "maxphase", *FLAGS, *TREATY_DESIGN.values()])


def read_members(folder: Path) -> Table:
    return Table.read_csv(folder / FILES["members"], [
        "atopid", "member", "cowsys", "yrent", "moent", "dayent", "yrexit", "moexit",
        "dayexit", "phase", *FLAGS])


def _atopids(table: Table, known: set[int] | None = None) -> pd.Series:
    """The table's ``atopid`` column, each checked against the alliance file's ids."""
    atopid = table.ints("atopid", minimum=1000, maximum=9999, what="ATOP id")
    if known is not None:
        row = table.first_bad(~atopid.isin(known))
        if row is not None:
            raise table.fail(row, "atopid",
                             f"ATOP id {atopid.iloc[row]} is not in the alliance file")
    return atopid


def member_spells(members: Table, atopids: set[int] | None = None) -> pd.DataFrame:
    """The member file, validated: atopid, member (ccode), phase, entry/exit years and
    dates, cowsys and the member's obligations. ``exit`` is null while in force."""
    atopid = _atopids(members, atopids)
    member = members.ints("member", minimum=1, maximum=9999, what="COW code")
    entry = members.years("yrent")
    exit_ = _year_or_zero(members, "yrexit")
    frame = pd.DataFrame({
        "atopid": atopid, "member": member,
        "phase": members.ints("phase", minimum=0, maximum=9),
        "start": entry, "end": exit_.where(exit_ > 0).astype("Int64"),
        "start_date": iso_dates(entry, _month(members, "moent", zero=False),
                                _day(members, "dayent")),
        "end_date": iso_dates(exit_, _month(members, "moexit", zero=True),
                              _day(members, "dayexit")),
        "system_member": members.flags("cowsys"),
        **{prop: members.flags(col) for col, prop in FLAGS.items()},
    })
    members.check_order(frame["start"], frame["end"], "yrexit")
    # a member may leave and rejoin within a phase (Egypt in the Arab League 1979-89)
    members.check_unique(frame[["atopid", "member", "phase", "start"]], "yrent",
                         "member × phase × entry row")
    return frame


def _read_names(path: Path, atopids: set[int]) -> pd.DataFrame:
    table = Table.read_csv(path, NAMES_COLUMNS)
    atopid = _atopids(table, atopids)
    table.check_unique(pd.DataFrame({"atopid": atopid}), "atopid", "ATOP id")
    out = pd.DataFrame({"atopid": atopid, "name": table.strings("name"),
                        "short_name": table.strings("short_name", nullable=True),
                        "citation": table.strings("citation"),
                        "url": table.strings("url", nullable=True),
                        "note": table.strings("note", nullable=True)})
    return out.set_index("atopid")


def prepare(path: Path, context: Context, names_path: Path = NAMES_FILE) -> Plan:
    """``path`` is the folder holding the ATOP treaty-level files."""
    folder = Path(path)
    if not folder.is_dir():
        raise IngestError(display_path(folder), None, None, "expected the ATOP 5.1 folder")
    alliances = read_alliances(folder)
    atopid = _atopids(alliances)
    alliances.check_unique(pd.DataFrame({"atopid": atopid}), "atopid", "ATOP id")
    signed = alliances.years("begyr")
    ended = _year_or_zero(alliances, "endyr")
    treaty = pd.DataFrame({
        "atopid": atopid, "signed": signed, "end": ended.where(ended > 0).astype("Int64"),
        "signed_date": iso_dates(signed, _month(alliances, "begmo", zero=False),
                                 _day(alliances, "begday")),
        "end_date": iso_dates(ended, _month(alliances, "endmo", zero=True),
                              _day(alliances, "endday")),
        "bilateral": alliances.flags("bilat"),
        "phases": alliances.ints("maxphase", minimum=0, maximum=9),
        **{prop: alliances.flags(col) for col, prop in FLAGS.items()},
        **{prop: alliances.ints(col, nullable=True, minimum=0, maximum=9, what="code")
           for prop, col in TREATY_DESIGN.items()},
    })
    alliances.check_order(treaty["signed"], treaty["end"], "endyr")
    known = set(treaty["atopid"].astype(int))

    members = read_members(folder)
    spells = member_spells(members, known)
    ccodes = context.ccodes | set(NON_COW)
    members.check_known(spells["member"], ccodes, "member")
    without = known - set(spells["atopid"].astype(int))
    if without:
        row = alliances.first_bad(treaty["atopid"] == min(without))
        raise alliances.fail(row, "atopid", f"alliance {min(without)} has no members in "
                                            f"{members.name}")

    inst = Table.read_csv(folder / FILES["institutions"], ["atopid", "milinst"])
    milinst = pd.DataFrame({"atopid": _atopids(inst, known),
                            "milinst": inst.ints("milinst", nullable=True, minimum=0, maximum=2)})
    institutionalisation = milinst.groupby("atopid")["milinst"].max()

    names = _read_names(names_path, known)

    # member names, in order of first entry, for generated names
    code = dict(zip(context.states["ccode"].astype(int), context.states["code"]))
    name = dict(zip(context.states["ccode"].astype(int), context.states["name"]))
    for ccode, (abbr, label) in NON_COW.items():
        code[ccode], name[ccode] = abbr, label
    first = spells.sort_values(["atopid", "start", "phase"]).drop_duplicates(["atopid", "member"])
    roster = first.groupby("atopid")["member"].agg(list)

    treaty = treaty.set_index("atopid")
    treaty["institutionalisation"] = institutionalisation.reindex(treaty.index).astype("Int64")
    kinds = _kind(treaty[list(OBLIGATIONS)])
    treaty["kind"] = kinds.map(lambda k: KIND_LABELS[k][0])
    generated = [generated_name(k, [_short(str(name[c])) for c in roster[a]], int(s), a)
                 for a, k, s in zip(treaty.index, kinds, treaty["signed"])]
    treaty["name"] = names["name"].reindex(treaty.index).fillna(
        pd.Series(generated, index=treaty.index))
    treaty["short_name"] = names["short_name"].reindex(treaty.index)  # labels, bloc names
    treaty["name_source"] = np.where(treaty.index.isin(names.index), "treaty_names.csv",
                                     "generated")
    treaty["source_ref"] = names["citation"].reindex(treaty.index).fillna(CITATION)
    treaty["url"] = names["url"].reindex(treaty.index)
    treaty["note"] = names["note"].reindex(treaty.index)
    treaty = treaty.reset_index()
    treaty["id"] = treaty["atopid"].map(treaty_id)
    treaty["start"] = treaty["signed"]  # ATOP dates an alliance from its signature
    treaty["structure"] = "multilateral"  # every pair of members is tied
    treaty["observed_until"] = LAST_YEAR

    spells["actor"] = spells["member"].astype(int).map(code)
    spells["group_id"] = spells["atopid"].map(treaty_id)
    spells["role"] = "member"
    spells["observed_until"] = LAST_YEAR
    extra = [{"code": abbr, "ccode": ccode, "name": label, "cow_name": label, "iso3": None,
              "region": "Asia and Oceania"}
             for ccode, (abbr, label) in NON_COW.items()]
    cowsys0 = int((~spells["system_member"]).sum())
    return Plan(
        steps=[
            Step("merge_states", extra),
            Step("prune_states", params={"keep": [e["code"] for e in extra]}),
            Step("merge_atop_treaties", rows(treaty)),
            Step("prune_source_treaties", params={"keep": list(treaty["id"])}),
            Step("add_treaty_memberships", rows(spells[[
                "actor", "group_id", "role", "start", "end", "observed_until", "start_date",
                "end_date", "phase", *OBLIGATIONS, "system_member"]])),
        ],
        rows_read=len(alliances) + len(members) + len(inst) + len(names),
        spells=len(spells),
        notes=[f"{len(treaty)} alliances ({len(names)} named, {len(treaty) - len(names)} "
               f"generated names), {len(spells):,} member × phase rows ({cowsys0} by "
               f"non-system members)"],
    )


SOURCE = Source(
    name="atop-treaties",
    title="Alliance Treaty Obligations and Provisions (alliances, members × phases)",
    version="v5.1",
    coverage="1815–2018",
    citation="Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew "
    "G. Long. 2002. Alliance Treaty Obligations and Provisions, 1815-1944. International "
    "Interactions 28: 237-260. ATOP v5.1 (atopdata.org); institutionalisation: Leeds & Anac "
    "(2005), International Interactions 31(3): 183-202.",
    default_path=ATOP_DIR,
    prepare=prepare,
    writes="(:Treaty {atopid, …design}), (:State)-[:MEMBER_OF {phase, defense…, "
    "system_member}]->(:Treaty)",
)
