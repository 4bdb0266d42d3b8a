"""The curated names file (ingest/curated/treaty_names.csv) checked against ATOP 5.1 itself.

Coverage is computed from the ATOP alliance file, not from a list: every alliance with five or
more members, and every alliance in force at the end of 2018 (endyr = 0) with the United States,
Russia/USSR or China as a member, must be named here or be one of the few deliberately left
unnamed (UNNAMED, each with the reason). A wrong name is worse than a generated one.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parent.parent
NAMES = REPO / "ingest" / "curated" / "treaty_names.csv"
# The package copy is preferred; the shared copy is the fallback while the package one is absent.
ATOP = REPO / "ingest" / "data" / "atop_5_1"  # shipped with the package
COLUMNS = ["atopid", "name", "short_name", "citation", "url", "note"]
US, RUSSIA, CHINA = 2, 365, 710

# In scope for (a) or (b) but not named: no source confirmed an instrument matching ATOP's
# record (members and signature date), so the ingest gives them a generated name.
UNNAMED = {
    1227: "1862 Austria/Wuerttemberg + middle German states: the nearest instrument found is the identical note of "
          "2 Feb 1862 to Prussia (Austria, the four kingdoms, Darmstadt, Nassau; Sybel), a protest, not an alliance; "
          "Saxony is said not to have signed it (Sturmhoefel), and nothing confirms 29 Jan 1862 for Austria-Wuerttemberg",
    4678: "looks like the Framework Treaty on Democratic Security in Central America, but that was signed 15 Dec 1995 "
          "(San Pedro Sula) including Costa Rica, while ATOP dates this 15 Mar 1995 without Costa Rica",
    4560: "Russia-Uzbekistan, 2 Mar 1994 (consultation): Rosoboronexport lists an Agreement on Principles of Mutual "
          "Technical and Material Support of the Armed Forces of 2 Mar 1994 (a supply accord, unlikely to be the "
          "consultation pact), and a Treaty on Cooperation in the Military Field exists (ratified by Russian federal "
          "law 65-FZ, 17 Dec 1994), but no source seen gives its signature date, so which instrument ATOP codes is open",
    4896: "Russia-Panama, 27 Nov 1997: a culture/science cooperation agreement is dated 27 Nov 1997 (Panama MFA), and "
          "a Declaration on principles of relations signed by FM Mulino is reported as 30 years old in 2024 (Prensa Latina, "
          "14 Jun 2024), i.e. about 1994, so neither confirms a 27 Nov 1997 non-aggression instrument",
    4897: "Russia-Ecuador, 25 Sep 1997: instrument not identified",
    7005: "Russia-Guyana, 15 Jun 2016: a Treaty on Basic Relations exists (Guyana Office of the President) and FM "
          "Greenidge reported signing a basic framework agreement in June 2016 (Newsroom Guyana, 27 Jun 2016), "
          "but no source gives the signature day",
    7015: "Russia-Honduras, 28 Feb 2017: the Russian MFA dates the basic-relations treaty to 2018, not matching",
    7050: "Russia-Dominica, 28 Sep 2018: the only instrument found that day is a visa-waiver agreement (Lavrov-Baron, "
          "UNGA 73; TASS via rodina.news), not a non-aggression or basic-relations treaty",
}


def _atop_file(stem: str) -> Path:
    return ATOP / f"{stem}.csv.gz"


@pytest.fixture(scope="module")
def atop() -> pd.DataFrame:
    a = pd.read_csv(_atop_file("atop5_1a"))
    mem = [f"mem{i}" for i in range(1, 60)]
    a["members"] = a[mem].apply(lambda r: frozenset(int(x) for x in r.dropna()), axis=1)
    return a.set_index("atopid")


@pytest.fixture(scope="module")
def founding(atop) -> dict[int, frozenset[int]]:
    """Members entering on the alliance's signature date (member x phase file)."""
    m = pd.read_csv(_atop_file("atop5_1m"))
    a = atop[["begyr", "begmo", "begday"]].reset_index()
    m = m.merge(a, on="atopid")
    first = m[(m.yrent == m.begyr) & (m.moent == m.begmo) & (m.dayent == m.begday)]
    return {int(k): frozenset(int(x) for x in g.member) for k, g in first.groupby("atopid")}


@pytest.fixture(scope="module")
def names() -> pd.DataFrame:
    with NAMES.open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header == COLUMNS
    return pd.read_csv(NAMES, dtype={"atopid": int}, keep_default_na=False)


def test_rows_are_unique_known_and_cited(names, atop):
    assert names.atopid.is_unique
    assert not set(names.atopid) - set(atop.index), "atopids not in ATOP 5.1"
    for col in ("name", "short_name", "citation", "note"):
        blank = names.loc[names[col].str.strip() == "", "atopid"].tolist()
        assert not blank, f"empty {col} for {blank}"
    assert names.name.is_unique and names.short_name.is_unique


def test_note_states_atop_record(names, atop):
    """Each note quotes ATOP's signature date, so the identification is checked against it."""
    for row in names.itertuples():
        r = atop.loc[row.atopid]
        date = f"{int(r.begyr)}-{int(r.begmo):02d}-{int(r.begday):02d}"
        assert f"begins {date}" in row.note, row.atopid


def test_large_multilaterals_are_covered(names, atop):
    wanted = set(atop.index[atop.members.map(len) >= 5])
    assert len(wanted) == 48  # the count
    missing = wanted - set(names.atopid) - set(UNNAMED)
    assert not missing, f"alliances with >= 5 members neither named nor listed as unnamed: {sorted(missing)}"


def test_great_power_alliances_in_force_2018_are_covered(names, atop):
    powers = {US, RUSSIA, CHINA}
    wanted = set(atop.index[(atop.endyr == 0) & atop.members.map(lambda s: bool(s & powers))])
    missing = wanted - set(names.atopid) - set(UNNAMED)
    assert not missing, f"2018 alliances of USA/Russia/China neither named nor listed as unnamed: {sorted(missing)}"


def test_unnamed_list_is_current(names, atop):
    """The exceptions are in scope and really unnamed (the list must not rot)."""
    powers = {US, RUSSIA, CHINA}
    in_scope = (atop.members.map(len) >= 5) | ((atop.endyr == 0) & atop.members.map(lambda s: bool(s & powers)))
    assert set(UNNAMED) <= set(atop.index[in_scope])
    assert not set(UNNAMED) & set(names.atopid)


# atopid: (word in name, signature year, members at signature, members that must be in the alliance)
WELL_KNOWN = {
    3180: ("North Atlantic Treaty", 1949, frozenset({2, 20, 200, 210, 211, 212, 220, 235, 325, 385, 390, 395}), {640, 255}),
    3075: ("Rio Treaty", 1947, None, {2, 140, 160}),
    3285: ("Warsaw Pact", 1955, frozenset({365, 290, 315, 265, 310, 360, 355, 339}), set()),
    3215: ("ANZUS", 1951, frozenset({2, 900, 920}), set()),
    3220: ("Security Treaty", 1951, frozenset({2, 740}), set()),
    3375: ("Mutual Cooperation and Security", 1960, frozenset({2, 740}), set()),
    3240: ("Republic of Korea", 1953, frozenset({2, 732}), set()),
    3210: ("Philippines", 1951, frozenset({2, 840}), set()),
    3270: ("Republic of China", 1954, frozenset({2, 713}), set()),
    3260: ("Manila Pact", 1954, frozenset({2, 200, 220, 770, 800, 840, 900, 920}), set()),
    3205: ("Arab League", 1950, None, {651, 652, 670}),
    4220: ("Collective Security Treaty", 1992, frozenset({365, 371, 702, 703, 704, 705}), set()),
    3445: ("North Korean", 1961, frozenset({710, 731}), set()),
    6035: ("Turkey and Azerbaijan", 2010, frozenset({640, 373}), set()),
    4965: ("Gulf Cooperation Council", 2000, frozenset({670, 690, 692, 694, 696, 698}), set()),
    3200: ("Sino-Soviet", 1950, frozenset({365, 710}), set()),
    1350: ("Triple Alliance", 1882, frozenset({255, 300, 325}), set()),
    2470: ("Molotov-Ribbentrop", 1939, frozenset({255, 365}), set()),
}


@pytest.mark.parametrize("atopid", sorted(WELL_KNOWN))
def test_well_known_treaties_match_atop(atopid, names, atop, founding):
    word, year, at_signature, includes = WELL_KNOWN[atopid]
    row = names.set_index("atopid").loc[atopid]
    assert word in row["name"]
    r = atop.loc[atopid]
    assert int(r.begyr) == year
    if at_signature is not None:
        assert founding[atopid] == at_signature
    assert includes <= r.members
