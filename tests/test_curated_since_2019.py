"""Data tests for the curated continuation of ATOP past 2018 (issue 11): the alliances signed
2019-2025 and the status reviews in ``treaties_since_2019.yaml`` / ``memberships_since_2019.yaml``,
and the audit corrections in the older curated files. The YAML is read directly (pyyaml), so these
checks do not depend on the loader that will read the new files."""

from __future__ import annotations

import datetime
from collections import defaultdict
from functools import cache
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest
import yaml

from alliance_graph.schema import OBLIGATIONS, ROLES, STRUCTURES

ROOT = Path(__file__).resolve().parents[1]
CURATED = ROOT / "ingest" / "curated"
PEACESCIENCER = ROOT / "ingest" / "data" / "peacesciencer"
ATOP = Path(__file__).resolve().parent.parent / "ingest" / "data" / "atop_5_1"  # shipped

# the treaty kinds ingest/curated.py accepts (not importable from the test session)
TREATY_KINDS = ("collective_defense", "bilateral_defense", "mutual_assistance",
                "friendship_treaty", "defense_agreement")
# ATOP's design variables and their valid codes (codebook 2.34; schema.TREATY_DESIGN)
DESIGN_CODES = {"conditional": {0, 1}, "military_contact": {0, 1, 2, 3},
                "military_aid": {0, 1, 2, 3, 4}, "integrated_command": {0, 1},
                "common_organization": {0, 1, 2, 3}, "bases": {0, 1, 2, 3},
                "secret_provisions": {0, 1, 2}, "specific_threat": set(range(7))}
# ATOP alliances that groups.yaml links (atopid): no review here
EU_MEMBERS_2025 = {"AUS", "BEL", "BUL", "CRO", "CYP", "CZR", "DEN", "EST", "FIN", "FRN", "GMY",
                   "GRC", "HUN", "IRE", "ITA", "LAT", "LIT", "LUX", "MLT", "NTH", "POL", "POR",
                   "ROM", "SLO", "SLV", "SPN", "SWD"}
CENTRAL_ASIA = {"KZK", "KYR", "TAJ", "TKM", "UZB"}


def _yaml(name: str) -> list[dict]:
    return yaml.safe_load((CURATED / name).read_text(encoding="utf-8")) or []


@cache
def data() -> dict[str, list[dict]]:
    return {name: _yaml(f"{name}.yaml") for name in
            ("treaties_since_2019", "memberships_since_2019", "groups", "memberships", "actors",
             "rivalries", "deployments")}


@cache
def cow() -> pd.DataFrame:
    return pd.read_csv(PEACESCIENCER / "cow_states.csv")


def state_codes() -> set[str]:
    return set(cow().stateabb)


def ccode(abb: str) -> int:
    return int(cow().loc[cow().stateabb == abb, "ccode"].iloc[0])


def actor_codes() -> set[str]:
    return {a["code"] for a in data()["actors"]}


def new_alliances() -> list[dict]:
    return [g for g in data()["treaties_since_2019"] if "atopid" not in g]


def reviews() -> list[dict]:
    return [g for g in data()["treaties_since_2019"] if "atopid" in g]


def members_by_group() -> dict[str, list[dict]]:
    out = defaultdict(list)
    for m in data()["memberships_since_2019"] + data()["memberships"]:
        out[m["group"]].append(m)
    return out


@cache
def atop() -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_csv(ATOP / "atop5_1a.csv.gz"), pd.read_csv(ATOP / "atop5_1m.csv.gz")


def year(value) -> int:
    return value.year if isinstance(value, datetime.date) else int(value)


# --------------------------------------------------------------------------- new alliances

def test_there_are_new_alliances_and_reviews():
    assert len(new_alliances()) >= 30
    assert len(reviews()) >= 300


@pytest.mark.parametrize("group", new_alliances(), ids=lambda g: g["id"])
def test_new_alliance_is_coded_as_atop_codes(group):
    assert group["type"] == "treaty"
    assert group["source"].strip() and group["name"].strip()
    assert group["kind"] in TREATY_KINDS and group["structure"] in STRUCTURES
    assert 2019 <= group["signed"] == group["start"] <= 2025  # ATOP dates alliances by signature
    assert year(group["signed_date"]) == group["signed"]
    if "end" in group:
        assert group["end"] >= group["start"]
    obligations = group["obligations"]
    assert obligations and set(obligations) <= set(OBLIGATIONS)
    assert set(group["design"]) == set(DESIGN_CODES)
    for key, value in group["design"].items():
        assert value in DESIGN_CODES[key], f"{group['id']}: {key}={value} is not an ATOP code"


@pytest.mark.parametrize("group", new_alliances(), ids=lambda g: g["id"])
def test_new_alliance_members(group):
    members = members_by_group()[group["id"]]
    assert len({m["actor"] for m in members}) >= 2
    known = state_codes() | actor_codes()
    union: set[str] = set()
    for m in members:
        assert m["actor"] in known, f"unknown member {m['actor']}"
        assert m["role"] in ROLES and m["source"].strip()
        assert m["start"] >= group["start"]
        if "start_date" in m:
            assert year(m["start_date"]) == m["start"]
        if "end" in m:
            assert m["end"] >= m["start"]
        own = m.get("obligations", group["obligations"])
        assert set(own) <= set(group["obligations"])
        union |= set(own)
    # ATOP's alliance-level obligation = some member undertakes it
    assert union == set(group["obligations"])


# --------------------------------------------------------------------------- reviews

@pytest.mark.parametrize("group", reviews(), ids=lambda g: g["id"])
def test_review_points_at_an_atop_alliance_in_force_in_2018(group):
    alliances, members = atop()
    rows = alliances[alliances.atopid == group["atopid"]]
    assert len(rows), f"atopid {group['atopid']} is not in ATOP 5.1"
    assert (rows.endyr == 0).all(), f"atopid {group['atopid']} ended before 2019"
    assert group["type"] == "treaty" and group["source"].strip()
    assert group["atopid"] not in linked_in_groups()
    if "end" in group:
        assert 2019 <= group["end"] <= 2025


def linked_in_groups() -> set[int]:
    """The ATOP alliances groups.yaml links (NATO, Rio, CSTO…): they need no review."""
    return {g["atopid"] for g in data()["groups"] if "atopid" in g}


def test_each_atop_alliance_is_reviewed_once():
    ids = [g["atopid"] for g in reviews()] + [g["atopid"] for g in data()["groups"] if "atopid" in g]
    assert len(ids) == len(set(ids))


def test_every_large_multilateral_alliance_in_force_in_2018_is_reviewed_or_linked():
    alliances, members = atop()
    in_force = set(alliances.loc[alliances.endyr == 0, "atopid"])
    current = members[(members.yrexit == 0) & members.atopid.isin(in_force)]
    size = current.groupby("atopid").member.nunique()
    large = set(size[size >= 5].index)
    covered = {g["atopid"] for g in reviews()} | linked_in_groups()
    assert large - covered == set()


def test_memberships_of_reviewed_alliances_agree_with_atop():
    """A record with start <= 2018 ends an ATOP member's spell: it must be that member,
    with ATOP's entry year; records from 2019 on are new members."""
    alliances, members = atop()
    by_id = {g["id"]: g for g in reviews()}
    for m in data()["memberships_since_2019"]:
        group = by_id.get(m["group"])
        if group is None:
            continue
        if m["start"] <= 2018:
            rows = members[(members.atopid == group["atopid"]) & (members.member == ccode(m["actor"]))
                           & (members.yrexit == 0)]
            assert len(rows), f"{m['actor']} is not an ATOP member of {group['atopid']} in 2018"
            assert m["start"] in set(rows.yrent), f"{m['actor']}: start is not ATOP's entry year"
            assert 2019 <= m["end"] <= 2025
        else:
            assert m["start"] <= 2025 and "obligations" in m


def test_known_changes_since_2018_are_recorded():
    ends = {g["id"]: g.get("end") for g in reviews()}
    assert ends["RUS-UKR-1997"] == 2019  # Ukraine's non-renewal, in force until 31 Mar 2019
    assert ends["USA-AFG-2012"] == 2021  # Taliban takeover, no recognised successor
    assert ends["SPN-ALG-2002"] == 2022  # Algeria's suspension, 8 Jun 2022
    exits = {(m["actor"], m["group"]): m.get("end_date")
             for m in data()["memberships_since_2019"] if "end" in m}
    for state in ("MLI", "BFO", "NIR"):
        assert str(exits[(state, "ECOWAS-PNA-1978")]) == "2025-01-29"
    assert str(exits[("VEN", "OAS-CHARTER-1948")]) == "2019-04-27"
    assert any(m["actor"] == "ARM" and m["group"] == "CSTO" and m["role"] == "suspended"
               for m in data()["memberships"])


# --------------------------------------------------------------------------- one dating rule

def treaty_records() -> dict[str, dict]:
    return {g["id"]: g for g in data()["groups"] + new_alliances() if g.get("type") == "treaty"}


def test_curated_treaties_start_in_their_signature_year():
    """ATOP dates an alliance by its signature (BEGYR); so does every curated treaty."""
    for gid, g in treaty_records().items():
        if g.get("signed") is not None:
            assert g["start"] == g["signed"], f"{gid}: start {g['start']}, signed {g['signed']}"
        if g.get("signed_date") is not None:
            assert g["signed_date"].year == g["signed"], gid


def test_every_post_2018_membership_is_dated_by_signature():
    """Every curated membership of a treaty from 2019 on is dated by a signature: an
    original party by the treaty's (year and, where known, day); a member joining later
    by the signature of its own accession instrument, given as its day (or said in its
    source); the day it took effect, where given, is never before it."""
    treaties = treaty_records()
    checked = 0
    for m in data()["memberships"] + data()["memberships_since_2019"]:
        g = treaties.get(m["group"])
        if g is None or m["start"] < 2019 or m["role"] not in ("member", "hub"):
            continue
        checked += 1
        who = f"{m['actor']} in {m['group']}"
        signed, day = g.get("signed", g["start"]), g.get("signed_date")
        start_date, in_force = m.get("start_date"), m.get("in_force_date")
        assert m["start"] >= signed, f"{who}: starts before the treaty's signature"
        if m["start"] == signed and g.get("signed", 0) >= 2019:
            # an original party of a new treaty: the treaty's signature
            if day is not None and start_date is not None:
                assert start_date == day, f"{who}: {start_date}, signed {day}"
        else:  # a later entry: its own accession instrument's signature
            assert start_date is not None or "signed" in m["source"], \
                f"{who}: a later entry needs the signature of its accession"
        if start_date is not None:
            assert start_date.year == m["start"], who
        if in_force is not None:
            assert start_date is not None and in_force >= start_date, \
                f"{who}: in force {in_force} before its signature {start_date}"
    assert checked >= 80


def test_nato_and_shusha_follow_the_rule_the_issue_states():
    """Reference dates from the issue (NATO press releases; the Shusha Declaration)."""
    mine = {(m["actor"], m["group"]): m for m in data()["memberships"]}
    expected = {("MAC", "NATO"): ("2019-02-06", "2020-03-27"),
                ("FIN", "NATO"): ("2022-07-05", "2023-04-04"),
                ("SWD", "NATO"): ("2022-07-05", "2024-03-07"),
                ("TUR", "SHUSHA"): ("2021-06-15", None), ("AZE", "SHUSHA"): ("2021-06-15", None)}
    for key, (signed, in_force) in expected.items():
        m = mine[key]
        assert (str(m["start_date"]), m["start"]) == (signed, int(signed[:4])), key
        assert str(m.get("in_force_date")) == str(in_force), key
    russia_dprk = mine[("PRK", "RUS-PRK-2024")]
    assert (str(russia_dprk["start_date"]), str(russia_dprk["in_force_date"])) == (
        "2024-06-19", "2024-12-04")


def test_curated_nato_accessions_before_2019_carry_atops_dates():
    """The curated NATO records before 2019 follow ATOP's own dating: the signature of the
    accession protocol (yrent/moent/dayent of ATOP 3180's member file)."""
    _, members = atop()
    nato = members[members.atopid == 3180]
    for m in data()["memberships"]:
        if m["group"] != "NATO" or m["start"] >= 2019 or m["start"] == 1949 \
                or m["actor"] == "GMY":  # founders; unified Germany continues the FRG
            continue
        rows = nato[nato.member == ccode(m["actor"])]
        atop_day = {datetime.date(int(r.yrent), int(r.moent), int(r.dayent))
                    for r in rows.itertuples()}
        assert m["start_date"] in atop_day, f"{m['actor']}: {m['start_date']} vs ATOP {atop_day}"
        assert m["in_force_date"] > m["start_date"]


# --------------------------------------------------------------------------- all files

def test_group_ids_are_unique_across_group_files():
    ids = [g["id"] for g in data()["groups"] + data()["treaties_since_2019"]]
    assert len(ids) == len(set(ids))


def test_every_membership_names_an_existing_group_and_actor():
    groups = {g["id"] for g in data()["groups"] + data()["treaties_since_2019"]}
    known = state_codes() | actor_codes()
    for m in data()["memberships_since_2019"]:
        assert m["group"] in groups, f"unknown group {m['group']}"
        assert m["actor"] in known, f"unknown actor {m['actor']}"
        assert m["source"].strip()
        for key in ("start_date", "end_date"):
            if key in m:
                assert year(m[key]) == m[key.removesuffix("_date")]


def test_memberships_are_not_duplicated():
    keys = [(m["actor"], m["group"], m["role"], m["start"]) for m in data()["memberships_since_2019"]]
    assert len(keys) == len(set(keys))


# --------------------------------------------------------------------------- audit corrections

def _rivalry(a: str, b: str) -> dict:
    return next(r for r in data()["rivalries"] if {r["a"], r["b"]} == {a, b})


def test_us_russia_rivalry_starts_with_the_thompson_dreyer_spell():
    td = pd.read_csv(PEACESCIENCER / "td_rivalries.csv")
    spells = td[(td.ccode1 == 2) & (td.ccode2 == 365)].sort_values("styear")
    assert _rivalry("USA", "RUS")["start"] == int(spells.styear.iloc[-1]) == 2007


def test_us_iran_rivalry_start_comes_from_the_cited_file():
    tss = pd.read_csv(PEACESCIENCER / "tss_rivalries.csv")
    spell = tss[(tss.ccode1 == 2) & (tss.ccode2 == 630)]
    rivalry = _rivalry("USA", "IRN")
    assert rivalry["start"] == int(spell.start.iloc[-1])
    assert "Sakuwa" in rivalry["source"]


def test_rivalries_citing_thompson_dreyer_start_with_its_last_spell():
    """The header rule; a start may be later only where a state's COW spell begins later."""
    td = pd.read_csv(PEACESCIENCER / "td_rivalries.csv")
    entry = cow().groupby("stateabb").styear.min()
    for r in data()["rivalries"]:
        if "Thompson & Dreyer" not in r["source"] or r["a"] not in entry or r["b"] not in entry:
            continue
        a, b = sorted((ccode(r["a"]), ccode(r["b"])))
        spells = td[(td.ccode1 == a) & (td.ccode2 == b)]
        assert len(spells), f"{r['name']}: the Thompson-Dreyer file has no such dyad"
        start = int(spells.styear.max())
        assert r["start"] in {start, max(start, entry[r["a"]], entry[r["b"]])}, r["name"]


def test_iraqi_militias_are_cited_axis_members():
    actors = {a["code"]: a for a in data()["actors"]}
    axis = {m["actor"]: m for m in data()["memberships"] if m["group"] == "AXIS"}
    for code in ("BADR", "ASAIB_AHL_AL_HAQ", "KATAIB_SAYYID_AL_SHUHADA", "KATAIB_HEZBOLLAH"):
        assert actors[code]["based_in"] == "IRQ" and actors[code]["source"].strip()
        assert axis[code]["source"].strip() and axis[code]["start"] >= actors[code]["start"]


def test_eu_central_asia_partnership_has_the_eu_as_hub_and_no_eu_member_pairs():
    actors = {a["code"]: a for a in data()["actors"]}
    assert actors["EUROPEAN_UNION"]["kind"] == "intergovernmental_organization"
    group = next(g for g in data()["groups"] if g["id"] == "EU-CA-SP")
    assert group["structure"] == "hub"
    members = members_by_group()["EU-CA-SP"]
    assert [m["actor"] for m in members if m["role"] == "hub"] == ["EUROPEAN_UNION"]
    assert {m["actor"] for m in members if m["role"] == "member"} == CENTRAL_ASIA


def test_no_multilateral_group_ties_eu_states_that_did_not_sign():
    """Only the EU's own treaties and organisation tie (nearly) all EU member states."""
    own = {"EU", "EU-ART427", "NATO", "OSCE-HFA-1975", "ESSI"}
    for group in data()["groups"] + data()["treaties_since_2019"]:
        if group["id"] in own or group.get("structure") == "hub":
            continue
        actors = {m["actor"] for m in members_by_group()[group["id"]]}
        assert len(actors & EU_MEMBERS_2025) < 20, group["id"]


@pytest.mark.parametrize("gid", ["EU-AZE-ENERGY", "EU-USA-ENERGY", "EU-NOR-ENERGY", "GMY-UAE-ENERGY",
                                 "CHN-RUS-ENERGY", "GCAP", "ESSI", "US-ISR-MDA", "NEGEV-FORUM"])
def test_seed_partnerships_have_cited_members(gid):
    group = next(g for g in data()["groups"] if g["id"] == gid)
    assert group["type"] == "partnership" and group["source"].strip()
    members = members_by_group()[gid]
    assert len({m["actor"] for m in members}) >= 2
    assert all(m["source"].strip() for m in members)


def test_forward_presence_is_coded_by_framework_nation():
    deployments = {(d["from"], d["to"]) for d in data()["deployments"]}
    for pair in [("UKG", "EST"), ("GMY", "LIT"), ("CAN", "LAT"), ("USA", "POL"),
                 ("CZR", "SLO"), ("FRN", "ROM"), ("ITA", "BUL")]:
        assert pair in deployments, pair
    lithuania = [d for d in data()["deployments"] if (d["from"], d["to"]) == ("GMY", "LIT")]
    assert any(d["presence"] == "permanent" and d["start"] == 2025 for d in lithuania)
    spells = sorted((d["start"], d.get("end") or 9999) for d in lithuania)
    assert all(a[1] < b[0] for a, b in zip(spells, spells[1:]))  # no double counting


def test_every_atop_alliance_in_force_in_2018_is_reviewed_or_linked():
    alliances, _ = atop()
    in_force = set(alliances.loc[alliances.endyr == 0, "atopid"])
    covered = {g["atopid"] for g in reviews()} | linked_in_groups()
    assert in_force - covered == set()


def test_review_coverage_of_2018_dyads():
    """The share of ATOP's 2018 member pairs whose alliance has a curated review or link."""
    alliances, members = atop()
    in_force = set(alliances.loc[alliances.endyr == 0, "atopid"])
    current = members[(members.yrexit == 0) & members.atopid.isin(in_force)]
    covered = {g["atopid"] for g in reviews()} | linked_in_groups()
    pairs = {aid: len(list(combinations(sorted(set(rows.member)), 2)))
             for aid, rows in current.groupby("atopid")}
    share = sum(n for aid, n in pairs.items() if aid in covered) / sum(pairs.values())
    assert share >= 0.85
