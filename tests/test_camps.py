"""Camps, participation brokerage and tie words on hand-built graphs (reference values
computed here by hand, not by the module), plus the options' bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from alliance_graph.analytics import brokerage, camps, centrality
from alliance_graph.analytics.projection import Network, Projection
from alliance_graph.errors import AllianceGraphError


def _projection(edges: list[tuple[str, str, float]], regions: dict[str, str] | None = None):
    codes = sorted({x for a, b, _ in edges for x in (a, b)})
    nodes = pd.DataFrame({"name": codes, "ccode": range(len(codes)), "kind": "State",
                          "region": [(regions or {}).get(c, "R") for c in codes]},
                         index=pd.Index(codes, name="code"))
    frame = pd.DataFrame(edges, columns=["a", "b", "weight"]).assign(carried=False)
    return Projection.from_frames(2000, Network(), nodes, frame)


def _clique(prefix: str, n: int, w: float = 3.0) -> list[tuple[str, str, float]]:
    names = [f"{prefix}{i}" for i in range(n)]
    return [(a, b, w) for i, a in enumerate(names) for b in names[i + 1:]]


def test_a_state_in_two_overlapping_pacts_does_not_outrank_a_state_tied_into_three_camps():
    """Two regional pacts that share members (AL and AU, sharing 'O*' states) form two
    camps; X sits only inside both; B has one tie into each of three camps (US-, RU-
    and AU-led). Participation counted over camps with the overlapping pacts merged puts
    B above X; without the merge X would look like the broker."""
    edges = (_clique("U", 5) + _clique("R", 5) + _clique("A", 6) + _clique("L", 4)
             + [(f"O{i}", f"A{j}", 3.0) for i in range(3) for j in range(6)]
             + [(f"O{i}", f"L{j}", 3.0) for i in range(3) for j in range(4)]
             + [("O0", "O1", 3.0), ("O0", "O2", 3.0), ("O1", "O2", 3.0)]
             + [("X", f"A{j}", 3.0) for j in range(3)] + [("X", f"L{j}", 3.0) for j in range(3)]
             + [("B", "U0", 3.0), ("B", "R0", 3.0), ("B", "A0", 3.0)])
    p = _projection(edges)
    idx = {c: i for i, c in enumerate(p.codes)}
    # camps by hand: U*, R*, AU = A* (+ O*, X), AL = L*; pacts overlap in O* and X
    hand = {c: ("U" if c.startswith("U") else "R" if c.startswith("R") else
                "L" if c.startswith("L") else "A") for c in p.codes}
    hand["B"] = "U"
    labels = np.array([hand[c] for c in p.codes], dtype=object)
    unmerged = brokerage.participation(p.a, p.b, p.weight, labels, len(p.codes))
    assert unmerged[idx["X"]] == pytest.approx(1 - 0.5 ** 2 - 0.5 ** 2)  # half to each pact
    merged = np.where(np.isin(labels, ["A", "L"]), "A+L", labels)
    pc = brokerage.participation(p.a, p.b, p.weight, merged, len(p.codes))
    # X: every tie inside A+L → 0; B: one tie to each of U, R, A+L → 1 − 3·(1/3)² = 2/3
    assert pc[idx["X"]] == pytest.approx(0.0)
    assert pc[idx["B"]] == pytest.approx(2 / 3)
    table = pd.DataFrame({"participation_camps": pc, "participation_blocs": pc,
                          "betweenness": 0.0}, index=p.codes)
    ranked = brokerage.rank_participation(table)
    assert ranked.loc["B", "rank"] < ranked.loc["X", "rank"]


def test_brokerage_groups_merge_camps_named_after_overlapping_pacts():
    """The module's own merge: camps named by two pacts that share a third of the
    smaller one's members count as one brokerage group."""
    edges = (_clique("A", 6) + _clique("L", 6) + [("A0", "L0", 0.5)])
    p = _projection(edges)
    groups = pd.DataFrame(
        [("AU", "African Union", c) for c in [*(f"A{i}" for i in range(6)), "L0", "L1"]]
        + [("AL", "Arab League", c) for c in [*(f"L{i}" for i in range(6)), "A0", "A1"]],
        columns=["group", "label", "code"])
    result = camps.camps(p, np.zeros(len(p.a), dtype=bool), set(), groups, seeds=5)
    assert len(result.camp_table) == 2
    labels, names = camps.brokerage_groups(result, groups)
    assert len(set(labels)) == 1, names


def test_a_major_powers_defense_ties_join_blocs_into_one_camp():
    """U0 (a major power) guarantees the hub of a second bloc: one camp of two blocs,
    named after the major power; a bloc it does not guarantee stays apart."""
    edges = (_clique("U", 5) + _clique("E", 6) + _clique("Z", 5)
             + [("U0", "E0", 3.0), ("U0", "E1", 3.0), ("U0", "E2", 3.0), ("U0", "E3", 3.0),
                ("E5", "Z0", 1.0)])
    p = _projection(edges)
    codes = p.codes
    defense = np.array([codes[a] == "U0" or codes[b] == "U0" for a, b in zip(p.a, p.b)])
    defense &= np.array([(codes[a][0] != codes[b][0]) for a, b in zip(p.a, p.b)])
    result = camps.camps(p, defense, {"U0"}, seeds=5)
    camp = dict(zip(codes, result.camp))
    assert camp["U1"] == camp["E4"] != camp["Z1"]
    assert len(set(result.bloc[result.bloc >= 0])) == 3
    label = result.camp_table.set_index("camp").at[camp["U1"], "label"]
    assert label == "U0 alliance system"


def test_a_hub_and_spoke_bloc_is_named_after_its_hub_in_its_hubs_region():
    """H tied to every spoke, the spokes in a weak ring (density 0.36 < 0.5, H reaches
    all): "H-centred bloc", in H's region although every spoke is elsewhere; a dense
    bloc is named after its best-connected member and says so."""
    edges = ([("H", f"S{i}", 3.0) for i in range(10)]
             + [(f"S{i}", f"S{(i + 1) % 10}", 1.0) for i in range(10)] + _clique("D", 4))
    p = _projection(edges, {"H": "Europe"})
    bloc = np.array([1 if c.startswith("D") else 0 for c in p.codes])
    table = camps.label_blocs(p, bloc).set_index("bloc")
    assert table.at[0, "label"] == "H-centred bloc" and table.at[0, "region"] == "Europe"
    assert table.at[0, "density"] == pytest.approx(20 / 55)
    assert table.at[1, "label"] == "bloc around D0"
    assert "no treaty covers most of it" in table.at[1, "named_by"]


@pytest.mark.parametrize("value", [-0.1, 1.5, float("nan"), float("inf")])
def test_thresholds_outside_zero_one_are_refused(value):
    p = _projection(_clique("A", 4))
    with pytest.raises(AllianceGraphError, match="loose must be a number in"):
        camps.camps(p, np.zeros(len(p.a), dtype=bool), set(), loose=value)


@pytest.mark.parametrize("value", [0.0, -1.0, float("nan"), float("inf")])
def test_resolution_must_be_positive_and_finite(value):
    p = _projection(_clique("A", 4))
    with pytest.raises(AllianceGraphError, match="resolution"):
        camps.camps(p, np.zeros(len(p.a), dtype=bool), set(), resolution=value)


def test_too_few_ties_for_camps_is_said():
    p = _projection([("A", "B", 3.0)])
    with pytest.raises(AllianceGraphError, match="too few ties for camps"):
        camps.camps(p, np.zeros(1, dtype=bool), set())


@pytest.mark.parametrize("args, message", [
    (["--level", "galaxy"], "--level"),
    (["--loose", "2"], "--loose"),
    (["--loose", "nan"], "--loose"),
    (["--resolution", "0"], "--resolution"),
    (["--resolution", "inf"], "--resolution"),
])
def test_bad_camp_options_exit_2(run, args, message):
    result = run("blocs", "--year", "2025", *args)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.slow
def test_blocs_2025_and_2018_atop_read_as_a_scholar_expects(run):
    """The issue's checks: the United States and European NATO in one camp, Georgia not a
    full member of a Russia-led bloc, no Russia-centred bloc in Asia and Oceania, and
    France–Russia described as a consultation pact."""
    import json

    for args in (["--year", "2025"], ["--year", "2018", "--source", "atop"]):
        members = json.loads(run("blocs", *args, "--level", "members", "--format",
                                 "json").stdout)
        by = {m["code"]: m for m in members}
        assert by["USA"]["camp"] == by["GMY"]["camp"] == by["FRN"]["camp"] == by["UKG"]["camp"]
        if by["GRG"]["bloc"] == by["RUS"]["bloc"]:
            assert by["GRG"]["status"] != "member"
        blocs = json.loads(run("blocs", *args, "--level", "blocs", "--format", "json").stdout)
        for b in blocs:
            assert not (b["hub"] == "RUS" and b["label"].endswith("centred bloc")
                        and b["region"] == "Asia and Oceania"), b
    balance = run("blocs", "--year", "2025", "--signed", "--balance", "--format", "csv")
    assert "France has a consultation pact with Russia (ATOP 4170, 1992)" in balance.stdout


def test_a_betweenness_that_rests_on_one_tie_is_said():
    # two triangles joined through G (tied to C and D): hand-counted betweenness pairs
    # G 9 ({A,B,C}×{D,E,F}), C and D 8, the rest 0 → G rank 1. Without G–C the network
    # splits, G brokers nothing and shares rank 2 with the zeros (D keeps {G}×{E,F}).
    p = _projection([("C", "G", 3.0), ("D", "G", 3.0),
                     ("A", "B", 3.0), ("A", "C", 3.0), ("B", "C", 3.0),
                     ("D", "E", 3.0), ("D", "F", 3.0), ("E", "F", 3.0)])
    g = int(np.flatnonzero(p.codes == "G")[0])
    a = int(np.flatnonzero(p.codes == "A")[0])
    assert centrality.single_tie(p, [g], moves=1) == [
        "betweenness rests on the tie to C: rank 1 → 2 without it"]
    # no tie of A's moves it more than one rank (C gains A–B's path when it goes)
    assert centrality.single_tie(p, [g, a], moves=2) == ["", ""]


def test_the_weaker_of_two_untied_rivals_in_a_bloc_does_not_belong():
    """Hand-built bloc {R0..R4, G}: G is tied to R1 only (strength 3 inside) and is a rival
    of R0 (strength 12 inside), with no pact between them: G is the weaker side, marked
    with R0's name; R0 is not. T1 and T2 are rivals tied to each other (as Greece and
    Türkiye in NATO): neither is marked."""
    edges = _clique("R", 5) + [("G", "R1", 3.0)] + _clique("T", 3)
    p = _projection(edges)
    idx = {c: i for i, c in enumerate(p.codes)}
    bloc = np.array([0 if c.startswith(("R", "G")) else 1 for c in p.codes])
    marked = camps.weaker_rival(p, bloc, [("G", "R0"), ("T1", "T2"), ("R0", "T0")])
    assert marked[idx["G"]] == "R0" and marked[idx["R0"]] == ""
    assert marked[idx["T1"]] == marked[idx["T2"]] == ""
    assert marked[idx["T0"]] == ""  # rivals in different blocs: no mark
    assert camps.possessive("United States") == "the United States'"
    assert camps.possessive("Russia") == "Russia's"
