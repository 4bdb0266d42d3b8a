"""ATOP's treaty level: treaties as nodes, ties explained by treaties, one node per real
treaty, the curated continuation after 2018 and the coverage report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alliance_graph import api
from alliance_graph.errors import IngestError
from alliance_graph.ingest import atop as atop_module
from alliance_graph.ingest import atop_treaties, ingest
from alliance_graph.ingest.atop_treaties import ATOP_DIR, member_spells, read_members
from facts import ATOP_DEFENSE_TIES_2018, ATOP_SPELLS
from support import CURATED, DATA
from test_ingest import _curated_copy

FIVE = "defense,offense,neutrality,nonaggression,consultation"


def test_every_atop_alliance_is_a_treaty_node(store):
    frame = store.run_cypher(
        "MATCH (t:Treaty) WHERE t.atopid IS NOT NULL "
        "RETURN t.id AS id, t.atopid AS atopid, t.name AS name, t.`end` AS stop, "
        "t.observed_until AS observed", {})
    assert len(frame) == 789
    assert (frame.id == "ATOP-" + frame.atopid.astype(str)).all()
    assert frame.name.notna().all() and frame.observed.eq(2018).all()
    assert frame.stop.isna().sum() == 372  # in force on 31 Dec 2018 (codebook: 372)


def test_treaty_properties_and_asymmetric_obligations(store):
    t = store.run_cypher(
        "MATCH (t:Treaty {atopid: 3375}) RETURN t.signed_date AS signed, t.bilateral AS bilat, "
        "t.defense AS defense, t.kind AS kind, t.name AS name, t.alias AS alias", {}).iloc[0]
    assert t.signed == "1960-01-19" and t.bilat and t.defense and t.alias == "US-JPN-1960"
    # ATOP codes the 1960 treaty asymmetrically: the U.S. promises defense, Japan does not
    own = store.run_cypher(
        "MATCH (a:State)-[m:MEMBER_OF {source: 'atop-treaties'}]->(:Treaty {atopid: 3375}) "
        "RETURN a.code AS code, m.defense AS defense, m.consultation AS consultation", {})
    assert dict(zip(own.code, own.defense)) == {"USA": True, "JPN": False}
    assert own.consultation.all()


def test_member_rows_keep_dates_phases_and_non_system_members(store):
    rows = store.run_cypher(
        "MATCH (a:State)-[m:MEMBER_OF {source: 'atop-treaties'}]->(t:Treaty) "
        "RETURN a.code AS code, t.atopid AS atopid, m.phase AS phase, m.start AS start, "
        "m.`end` AS stop, m.start_date AS start_date, m.end_date AS end_date, "
        "m.system_member AS system_member, m.observed_until AS observed", {})
    assert len(rows) == 2510 and (~rows.system_member).sum() == 98
    tur = rows[(rows.code == "TUR") & (rows.atopid == 3180)].iloc[0]
    assert tur.start_date == "1951-10-22" and tur.phase == 2 and pd.isna(tur.stop)
    assert rows.observed.eq(2018).all()
    # ATOP leaves the day unknown for some exits: month precision, not an invented day
    assert rows.end_date.dropna().str.fullmatch(r"\d{4}-\d{2}(-\d{2})?").all()
    assert (rows.end_date.dropna().str.len() == 7).any()
    # Annam (ATOP code 8152) is not a COW state: it gets a State node of its own
    assert set(rows[rows.atopid == 1320].code) == {"FRN", "ANN"}


def test_turkiye_is_a_member_of_the_north_atlantic_treaty_in_2018(store):
    frame = store.run_cypher(
        "MATCH (:State {code: 'TUR'})-[m:MEMBER_OF]->(t:Treaty {id: 'ATOP-3180'}) "
        "WHERE m.start <= 2018 AND coalesce(m.`end`, 2018) >= 2018 RETURN m.source AS source", {})
    assert list(frame.source) == ["atop-treaties"]


def test_nato_exists_once_with_32_members_in_2024(store):
    nodes = store.run_cypher(
        "MATCH (t:Treaty) WHERE t.id = 'NATO' OR t.alias = 'NATO' OR t.atopid = 3180 "
        "RETURN t.id AS id", {})
    assert list(nodes.id) == ["ATOP-3180"]
    members = store.read("browser/group_graph", group_id="NATO", year=2024)
    assert len(members) == 32
    sources = store.run_cypher(
        "MATCH (a:State)-[m:MEMBER_OF {source: 'curated'}]->(:Treaty {alias: 'NATO'}) "
        "RETURN a.code AS code, m.start AS start, m.start_date AS signed", {})
    continued = sources[sources.signed.isna()]
    assert len(continued) == 29 and (continued.start == 2019).all()  # ATOP's 2018 members
    # new members dated by the signature of their accession protocols (ATOP's rule)
    assert sources.dropna(subset=["signed"]).set_index("code")["signed"].to_dict() == {
        "MAC": "2019-02-06", "FIN": "2022-07-05", "SWD": "2022-07-05"}


def test_no_tie_is_counted_twice_before_2019(store):
    """Curated records of ATOP treaties are written only from 2019: the curated network
    has no NATO tie in 2018, and the full network's 2018 NATO ties are ATOP's."""
    early = store.run_cypher(
        "MATCH ()-[m:MEMBER_OF {source: 'curated'}]->(t:Treaty) "
        "WHERE t.atopid IS NOT NULL AND m.start < 2019 RETURN count(m) AS n", {})
    assert early.n[0] == 0
    p = api.projection(store, 2018, api.network("curated", FIVE))
    assert not p.to_networkx().has_edge("USA", "TUR")


def test_thailand_is_tied_to_the_united_states_by_the_manila_pact(store):
    spell = store.run_cypher(
        "MATCH (a:State {code: 'USA'})-[r:ALLIED_WITH]-(b:State {code: 'THI'}) "
        "WHERE r.start <= 2018 AND r.`end` IS NULL RETURN r.atopids AS atopids, "
        "r.defense AS defense", {}).iloc[0]
    assert 3260 in list(spell.atopids) and spell.defense
    spells = api.spells(store, 2025, 2025, api.network("all", "defense"))
    details = spells.tie_details(2025)
    tie = details[(details.a == "THI") & (details.b == "USA")].iloc[0]
    assert tie.defense and "MANILA" in tie.via.split(";")
    p = spells.projection(2025)
    edges = p.edges[(p.edges.a == "THI") & (p.edges.b == "USA")]
    assert len(edges) == 1 and not edges.carried.iloc[0]  # curated, not carried


def test_reviewed_treaties_are_not_carried(store):
    """A censored spell whose defense comes only from reviewed treaties (NATO) is not
    carried: the pair is tied in 2025 through the curated continuation."""
    p = api.projection(store, 2025, api.network("all", "defense"))
    e = p.edges.set_index(["a", "b"])
    assert not e.loc[("CAN", "USA"), "carried"]
    atop_only = api.projection(store, 2025, api.network("atop", "defense")).edges
    assert atop_only.carried.all() and len(atop_only) == ATOP_DEFENSE_TIES_2018


def test_ties_weighted_by_shared_treaties(store):
    year = 2010
    spell = store.run_cypher(
        "MATCH (a:State {code: 'USA'})-[r:ALLIED_WITH]-(b:State {code: 'TUR'}) "
        "WHERE r.start <= $y AND coalesce(r.`end`, $y) >= $y RETURN r.atopids AS ids",
        {"y": year})
    shared = set(spell.ids.iloc[0])
    p = api.projection(store, year, api.network("atop", FIVE, weighted="treaties"))
    e = p.edges.set_index(["a", "b"])
    assert e.loc[("TUR", "USA"), "weight"] == len(shared) >= 3
    assert api.network("atop", "defense", weighted=True).id == "atop:defense:weighted"
    assert api.network("atop", "defense", weighted="treaties").id == "atop:defense:treaties"
    assert api.network("atop", "defense", weighted=False).id == "atop:defense"


def test_coverage_by_origin(store, run):
    table = api.coverage(store, 2017, 2025, api.network("all", "defense")).set_index("year")
    assert table.loc[2018, "carried"] == 0 and table.loc[2018, "atop"] == ATOP_DEFENSE_TIES_2018
    # the curated reviews continue ATOP's coding: carrying is the exception after 2018
    assert table.loc[2025, "atop"] == 0
    assert table.loc[2025, "carried_only"] <= 0.01 * table.loc[2025, "ties"]
    assert table.loc[2025, "curated"] >= 0.99 * table.loc[2025, "ties"]
    atop_only = api.coverage(store, 2025, 2025, api.network("atop", "defense")).iloc[0]
    assert atop_only["carried_only"] == atop_only["ties"] > 0  # no curated data selected
    assert (table.ties >= table[["atop", "curated", "carried"]].max(axis=1)).all()
    p = api.projection(store, 2025, api.network("all", "defense"))
    assert table.loc[2025, "ties"] == len(p.edges)
    assert table.loc[2025, "carried_only"] == p.carried
    result = run("sources", "--coverage", "--from", "2018", "--to", "2025", "--ties", "defense",
                 "--format", "json")
    rows = {r["year"]: r for r in json.loads(result.stdout)}
    assert rows[2025]["carried_only"] == table.loc[2025, "carried_only"]


# --- the pairs the member file implies against the dyad-year file --------------------

# Every implied undirected dyad-year the dyad-year file does not have, and why.
NOT_COW = {(220, 8152, y) for y in range(1874, 1884)}  # France–Annam, ATOP 1320
DISJOINT = {
    (255, 260, 1990), (255, 265, 1990),  # unified Germany enters 3 Oct 1990, FRG/GDR leave
    (678, 679, 1990), (679, 680, 1990),  # unified Yemen enters 22 May 1990, YAR/PDRY leave
    # Yugoslavia's CSCE membership ends May 1992 before Croatia, Ukraine, Kazakhstan join
    (344, 345, 1992), (345, 369, 1992), (345, 705, 1992),
}


def _day(date: str, unknown: int) -> tuple[int, int]:
    """(month, day) of an ISO date at ATOP's precision; an unknown day counts as
    ``unknown`` (1 for an entry, 31 for an exit: the least favourable to the claim)."""
    parts = [int(x) for x in date.split("-")]
    return parts[1], parts[2] if len(parts) == 3 else unknown


def _disjoint(first, second, year: int) -> bool:
    """``first`` leaves in ``year`` on or before the day ``second`` enters."""
    return (pd.notna(first.end) and first.end == year and second.start == year
            and _day(first.end_date, 31) <= _day(second.start_date, 1))


def test_member_file_implies_the_dyad_year_file_with_explained_exceptions():
    members = member_spells(read_members(ATOP_DIR))
    implied = atop_module.implied_dyad_years(members, 2018)
    pairs = set(zip(implied.a, implied.b, implied.year))
    raw = pd.read_csv(DATA / "atop_alliance.csv.gz")
    raw = raw[raw.ccode1 < raw.ccode2]
    filed = set(zip(raw.ccode1, raw.ccode2, raw.year))
    assert len(pairs) == 136_665 and len(filed) == 136_648
    assert filed - pairs == set()  # no tie of the file lacks a treaty behind it
    extra = pairs - filed
    assert extra == NOT_COW | DISJOINT

    cow = set(pd.read_csv(DATA / "cow_states.csv").ccode)
    assert all(8152 not in cow and a in cow for a, _, _ in NOT_COW)
    for a, b, year in DISJOINT:
        shared = implied[(implied.a == a) & (implied.b == b) & (implied.year == year)]
        assert len(shared)
        for atopid in shared.atopid:
            live = members[(members.atopid == atopid) & (members.start <= year)
                           & (members.end.fillna(2018) >= year)]
            rows_a = live[live.member == a].itertuples()
            rows_b = list(live[live.member == b].itertuples())
            # one leaves on or before the day the other enters: never allied that year
            assert any(_disjoint(x, y, year) or _disjoint(y, x, year)
                       for x in rows_a for y in rows_b), (a, b, year, atopid)


def test_every_spell_names_its_treaties(store):
    frame = store.run_cypher(
        "MATCH ()-[r:ALLIED_WITH]->() RETURN size(r.atopids) AS n", {})
    assert len(frame) == ATOP_SPELLS and (frame.n > 0).all()


def test_spells_split_where_the_treaty_set_changes(store):
    frame = store.run_cypher(
        "MATCH (a:State {code: 'USA'})-[r:ALLIED_WITH]-(b:State {code: 'TUR'}) "
        "RETURN r.start AS start, r.atopids AS ids ORDER BY start", {})
    sets = [tuple(x) for x in frame.ids]
    assert len(set(sets)) == len(sets)  # consecutive spells differ in profile or treaties
    assert (1959, (3180, 3360)) in list(zip(frame.start, sets))


# --- bad input --------------------------------------------------------------------


def _atop_copy(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "atop_5_1"
    shutil.copytree(ATOP_DIR, folder)
    path = folder / atop_treaties.FILES["members"]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    edit(frame)
    frame.to_csv(path, index=False, compression="gzip")
    return folder


@pytest.mark.parametrize("column, value, message", [
    ("yrent", "19x8", "field 'yrent': year '19x8' is not a whole number"),
    ("member", "999", "field 'member': unknown state code 999"),
    ("defense", "2", "field 'defense': flag 2 is after 1"),
    ("atopid", "9998", "field 'atopid': ATOP id 9998 is not in the alliance file"),
])
def test_malformed_treaty_file_fails_with_line_and_field_and_changes_nothing(
        store, tmp_path, column, value, message):
    def edit(frame):
        frame.loc[6, column] = value
    folder = _atop_copy(tmp_path, edit)
    before = store.counts()
    with pytest.raises(IngestError) as error:
        ingest(store, ["atop-treaties"], path=folder)
    assert f"atop5_1m.csv.gz:8: {message}" in str(error.value)
    assert store.counts() == before


def test_exit_before_entry_is_refused(store, tmp_path):
    def edit(frame):
        frame.loc[3, "yrexit"] = "1800"
    folder = _atop_copy(tmp_path, edit)
    with pytest.raises(IngestError, match=r"atop5_1m.csv.gz:5: field 'yrexit'"):
        ingest(store, ["atop-treaties"], path=folder)


# the other bad treaty codings (an atopid linked twice or unknown, a design code out of
# range, an obligation outside ATOP's five) are in test_ingest's BAD_CURATED


def test_a_member_atop_does_not_list_is_refused(store, tmp_path):
    folder = _curated_copy(tmp_path, "memberships", lambda t: t + (
        "\n- {actor: IRN, group: NATO, role: member, start: 2010, end: 2012, "
        "source: \"test\"}\n"))
    before = store.counts()
    with pytest.raises(IngestError) as error:
        ingest(store, ["curated"], path=folder)
    text = str(error.value)
    assert "memberships.yaml:" in text and "field 'actor'" in text, text
    assert "IRN is not a member of ATOP 3180" in text
    assert store.counts() == before


def test_removing_a_link_leaves_no_alias(store, tmp_path):
    folder = _curated_copy(tmp_path, "groups",
                           lambda t: t.replace("  atopid: 3260\n", "", 1)
                           .replace("- id: MANILA\n  type: treaty\n",
                                    "- id: MANILA\n  type: treaty\n  obligations: [defense]\n", 1))
    members = folder / "memberships.yaml"
    members.write_text(members.read_text() + "\n- {actor: THI, group: MANILA, role: member, "
                       "start: 1955, source: \"test\"}\n")
    ingest(store, ["curated"], path=folder)
    frame = store.run_cypher("MATCH (t:Treaty {atopid: 3260}) RETURN t.alias AS alias, "
                             "t.reviewed_until AS reviewed", {})
    assert frame.alias.isna().all() and frame.reviewed.isna().all()
    ingest(store, ["curated"])
    assert store.run_cypher("MATCH (t:Treaty {alias: 'MANILA'}) RETURN t.atopid AS a",
                            {}).a[0] == 3260


def test_generated_names_describe_kind_members_year_and_id():
    assert atop_treaties.generated_name("defense", ["United States", "Japan"], 1960, 3375) \
        == "Defense pact: United States – Japan (1960, ATOP 3375)"
    many = atop_treaties.generated_name("consultation", [f"S{i}" for i in range(7)], 1949, 3999)
    assert many == "Consultation pact of 7 states incl. S0, S1, S2 (1949, ATOP 3999)"


def test_iso_dates_keep_atop_precision():
    year = pd.Series([1949, 1874, 0])
    got = atop_treaties.iso_dates(year, pd.Series([4, 3, 0]), pd.Series([4, np.nan, 0]))
    assert list(got) == ["1949-04-04", "1874-03", None]


def test_names_come_from_the_names_file_with_a_citation(store):
    t = store.run_cypher("MATCH (t:Treaty {id: 'ATOP-3180'}) RETURN t.name AS name, "
                         "t.name_source AS origin, t.source_ref AS cite", {}).iloc[0]
    assert t["name"] == "North Atlantic Treaty" and t.origin == "treaty_names.csv"
    assert "Washington" in t.cite
    names = pd.read_csv(CURATED / "treaty_names.csv")
    assert names.citation.notna().all() and names.atopid.is_unique


def test_a_name_without_citation_is_refused(states_store, tmp_path):
    from alliance_graph.ingest.base import Context

    bad = tmp_path / "treaty_names.csv"
    bad.write_text("atopid,name,short_name,citation,url,note\n"
                   "3180,North Atlantic Treaty,NATO,,,\n")
    context = Context(states_store.read("state_codes"), states_store.read)
    with pytest.raises(IngestError, match=r"treaty_names.csv:2: field 'citation': value is missing"):
        atop_treaties.prepare(ATOP_DIR, context, names_path=bad)


def _atop_rows(members: dict[str, tuple]) -> pd.DataFrame:
    """ATOP member rows of one alliance (id 4000): code → (start, end, defense)."""
    wide = {f"treaty_{o}": o in ("defense", "consultation") for o in
            ("defense", "offense", "neutrality", "nonaggression", "consultation")}
    return pd.DataFrame([{"atopid": 4000, "treaty_start": 1990, "treaty_end": None, **wide,
                          "code": code, "start": start, "end": end, "defense": defense,
                          "offense": False, "neutrality": False, "nonaggression": False,
                          "consultation": True}
                         for code, (start, end, defense) in members.items()])


def test_continuation_after_2018_follows_the_curated_review():
    from alliance_graph.ingest.curated import Group, Membership, continued_memberships

    group = Group(id="PACT", atopid=4000, type="treaty", source="test", end=2024)
    atop = _atop_rows({"AAA": (1990, None, True), "BBB": (1990, None, False),
                       "CCC": (1990, None, True), "DDD": (1990, 2000, True),
                       "EEE": (1990, None, True)})
    records = [Membership(actor="BBB", group="PACT", role="member", start=1990, end=2021,
                          source="t"),
               Membership(actor="CCC", group="PACT", role="suspended", start=2022, source="t"),
               Membership(actor="EEE", group="PACT", role="member", start=1990, end=2010,
                          source="t"),
               Membership(actor="FFF", group="PACT", role="member", start=2023, source="t",
                          obligations=["consultation"])]
    rows = {(r["actor"], r["role"]): r for r in continued_memberships(group, records, atop)}
    assert set(rows) == {("AAA", "member"), ("BBB", "member"), ("CCC", "member"),
                         ("CCC", "suspended"), ("FFF", "member")}
    assert (rows["AAA", "member"]["start"], rows["AAA", "member"]["end"]) == (2019, 2024)
    assert rows["BBB", "member"]["end"] == 2021 and not rows["BBB", "member"]["defense"]
    assert rows["CCC", "member"]["end"] == 2021  # suspended from 2022
    assert rows["CCC", "suspended"]["defense"] is None  # no tie, no obligations
    assert rows["FFF", "member"]["consultation"] and not rows["FFF", "member"]["defense"]


def test_cli_weights_by_obligation_treaties_or_not_at_all(run):
    def usa(*options):
        result = run("centrality", "--year", "2018", "--ties", "defense", "--source", "atop",
                     "--metric", "strength", "--format", "json", *options)
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)
        return next(r for r in rows if r["code"] == "USA")
    plain, obligation, treaties = usa("--unweighted"), usa(), usa("--weighted", "treaties")
    assert plain["strength"] == plain["degree"]
    assert obligation["strength"] == 3 * plain["degree"]  # every defense tie weighs 3
    assert plain["degree"] < treaties["strength"] < obligation["strength"]
