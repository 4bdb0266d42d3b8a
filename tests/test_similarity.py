"""Alliance portfolio similarity: formulas worked by hand, scipy's tau-b, a second
(pairwise) implementation of S and kappa, and the real portfolios."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import kendalltau

from alliance_graph import api
from alliance_graph.analytics import similarity as sim
from alliance_graph.errors import AllianceGraphError

# Four states; ties A–B defense (3), A–C consultation (1), B–D neutrality (2) given twice
# (also as consultation: the strongest obligation counts); every state allied with itself
# at 3. Portfolios over (A, B, C, D):
#   x_A = (3, 3, 1, 0)     x_B = (3, 3, 0, 2)
CODES = ["A", "B", "C", "D"]
TIES = [(0, 1, 3), (0, 2, 1), (1, 3, 2), (1, 3, 1)]


def hand_portfolios() -> pd.DataFrame:
    a, b, level = (np.array(col) for col in zip(*TIES))
    return sim.portfolios(CODES, a, b, level)


def test_portfolios_code_self_at_the_top_and_keep_the_strongest_tie():
    x = hand_portfolios()
    assert x.loc["A"].tolist() == [3, 3, 1, 0]
    assert x.loc["B"].tolist() == [3, 3, 0, 2]
    assert (np.diag(x) == 3).all() and (x.to_numpy() == x.to_numpy().T).all()


def test_a_and_b_by_hand():
    got = sim.dyads(hand_portfolios(), [("A", "B")]).iloc[0]
    # S weighted (Δ = 3, N = 4): |x_A − x_B| = (0, 0, 1, 2), sum 3;
    #   S = 1 − 2·3 / (3·4) = 0.5
    assert got["s_weighted"] == pytest.approx(0.5, abs=1e-15)
    # S unweighted: allied yes/no (1, 1, 1, 0) vs (1, 1, 0, 1): 2 differ; S = 1 − 2·2/4 = 0
    assert got["s"] == pytest.approx(0.0, abs=1e-15)
    # kappa: D_o = 3 / (3·4) = 1/4. D_e = Σ_k Σ_l |x_Ak − x_Bl| / (3·16) over x_A's values
    #   {3, 3, 1, 0} and x_B's {3, 3, 0, 2}: a = 3 → 0+0+3+1 = 4 (twice: 8); a = 1 →
    #   2+2+1+1 = 6; a = 0 → 3+3+0+2 = 8; total 22, D_e = 22/48. κ = 1 − (12/48)/(22/48)
    #   = 10/22
    assert got["kappa"] == pytest.approx(10 / 22, abs=1e-15)
    # tau-b: of the 6 pairs of states, (A,B) is tied in both; (A,C), (A,D), (B,C), (B,D)
    #   concordant; (C,D) discordant (1 > 0 but 0 < 2). n_c − n_d = 3, n_0 = 6, one tie on
    #   each side: τ_b = 3 / √(5·5) = 0.6
    assert got["tau_b"] == pytest.approx(0.6, abs=1e-15)
    assert got["tie"] == 3


def test_opposite_identical_and_constant_portfolios_by_hand():
    # opposite: |diff| = (3, 3): S = 1 − 2·6/6 = −1; D_o = 1, D_e = (3+0+0+3)/(3·4) = 1/2,
    # κ = 1 − 1/(1/2) = −1; the one pair is discordant: τ_b = −1
    assert sim.scores([3, 0], [0, 3]) == pytest.approx(
        {"s": -1.0, "s_weighted": -1.0, "kappa": -1.0, "tau_b": -1.0})
    same = sim.scores([3, 1, 0, 2], [3, 1, 0, 2])
    assert same == pytest.approx({"s": 1.0, "s_weighted": 1.0, "kappa": 1.0, "tau_b": 1.0})
    # x constant: τ_b undefined. D_o = (0+3+3)/(3·3) = 2/3; D_e = 3·(0+3+3)/(3·9) = 2/3:
    # κ = 0 (no more agreement than chance); S weighted = 1 − 4/3 = −1/3
    constant = sim.scores([3, 3, 3], [3, 0, 0])
    assert math.isnan(constant["tau_b"])
    assert constant["kappa"] == pytest.approx(0.0, abs=1e-15)
    assert constant["s_weighted"] == pytest.approx(-1 / 3)


def pairwise(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """S and kappa written directly from their definitions, state by state (a second
    implementation: no cross-table)."""
    n = len(x)
    s_w = 1 - 2 * sum(abs(a - b) / 3 for a, b in zip(x, y)) / n
    s_u = 1 - 2 * sum((a > 0) != (b > 0) for a, b in zip(x, y)) / n
    observed = sum(abs(a - b) / 3 for a, b in zip(x, y)) / n
    expected = sum(abs(a - b) / 3 for a in x for b in y) / n ** 2
    return {"s": s_u, "s_weighted": s_w, "kappa": 1 - observed / expected}


def test_random_portfolios_equal_scipy_and_the_pairwise_formulas():
    rng = np.random.default_rng(7)
    matrix = rng.choice(4, size=(40, 40), p=[0.7, 0.1, 0.1, 0.1])
    matrix = np.maximum(matrix, matrix.T)
    np.fill_diagonal(matrix, 3)
    codes = [f"S{i}" for i in range(40)]
    table = sim.dyads(pd.DataFrame(matrix, index=pd.Index(codes), columns=codes))
    assert len(table) == 40 * 39 // 2
    for row in table.itertuples():
        x, y = matrix[codes.index(row.a)], matrix[codes.index(row.b)]
        assert row.tau_b == pytest.approx(kendalltau(x, y, variant="b").statistic, abs=1e-12)
        ref = pairwise(x, y)
        assert (row.s, row.s_weighted, row.kappa) == pytest.approx(
            (ref["s"], ref["s_weighted"], ref["kappa"]), abs=1e-12)


def test_real_portfolios_2018(store):
    table = api.similarity(store, 2018, source="atop")
    p = api.projection(store, 2018, api.Network("atop"))
    states = (p.nodes["kind"] == "State").sum()
    assert len(table) == states * (states - 1) // 2 and set(table["states"]) == {states}
    for measure in sim.MEASURES:
        assert table[measure].between(-1, 1).all(), measure
    # the real data against scipy and the pairwise formulas, on a sample of pairs
    data = api.spells(store, 2018, 2018, api.similarity_network("atop"))
    from alliance_graph.api.similarity import _portfolios

    matrix = _portfolios(data, 2018)
    for row in table.sample(200, random_state=1).itertuples():
        x, y = matrix.loc[row.a].to_numpy(), matrix.loc[row.b].to_numpy()
        assert row.tau_b == pytest.approx(kendalltau(x, y).statistic, abs=1e-12)
        ref = pairwise(x, y)
        assert (row.s, row.s_weighted, row.kappa) == pytest.approx(
            (ref["s"], ref["s_weighted"], ref["kappa"]), abs=1e-12)
    # NATO allies' portfolios are closer to each other than to a non-member's
    usa = api.similarity(store, 2018, state="USA", source="atop").set_index("b")
    assert usa.loc["TUR", "s_weighted"] > usa.loc["CHN", "s_weighted"]
    assert usa.loc["TUR", "kappa"] > usa.loc["IRN", "kappa"]
    one = api.similarity(store, 2018, state="tur", other="usa", source="atop").iloc[0]
    assert one["tie"] == "defense/offense"
    assert one[list(sim.MEASURES)].tolist() == pytest.approx(
        usa.loc["TUR", list(sim.MEASURES)].tolist())
    with pytest.raises(AllianceGraphError, match="unknown state XYZ"):
        api.similarity(store, 2018, state="XYZ")
    with pytest.raises(AllianceGraphError, match="not a state of the system in 2018"):
        api.similarity(store, 2018, state="WRT")  # Württemberg: a state, not in 2018


def test_series_usa_turkiye(store):
    series = api.similarity_series(store, 1952, 2025, "USA", "TUR")
    assert series["year"].tolist() == list(range(1952, 2026))
    assert (series["tie"] == "defense/offense").all()  # NATO since 1952
    single = api.similarity(store, 2000, state="USA", other="TUR").iloc[0]
    row = series.set_index("year").loc[2000]
    assert row[list(sim.MEASURES)].tolist() == pytest.approx(single[list(sim.MEASURES)].tolist())
    with pytest.raises(AllianceGraphError, match="no data for 1800: the network covers"):
        api.similarity_series(store, 1800, 1830, "USA", "UKG")
    early = api.similarity_series(store, 1950, 1960, "USA", "GFR")  # no West Germany in 1950
    assert early["year"].min() > 1950 and any("left out" in n for n in early.attrs["notes"])
    with pytest.raises(AllianceGraphError, match="two states"):
        api.similarity_series(store, 2000, 2001, "USA", None)


def test_cli_similarity(run, tmp_path):
    result = run("similarity", "--year", "2018", "--state", "USA", "--with", "TUR")
    assert result.exit_code == 0, result.output
    for column in ("s_weighted", "kappa", "tau_b", "defense/offense"):
        assert column in result.output
    csv = tmp_path / "usa-tur.csv"
    png = tmp_path / "usa-tur.png"
    series = run("similarity", "--from", "1952", "--to", "2025", "--state", "USA", "--with",
                 "TUR", "--csv", str(csv), "--plot", str(png), "--format", "csv")
    assert series.exit_code == 0, series.output
    frame = pd.read_csv(csv)
    assert len(frame) == 74 and {"s", "s_weighted", "kappa", "tau_b"} <= set(frame.columns)
    assert png.stat().st_size > 10_000
    usage = run("similarity", "--from", "2000", "--to", "2001", "--state", "USA")
    assert usage.exit_code != 0 and "--with" in usage.output
    # an existing series file is kept unless --force: refused before any work
    before = csv.read_text()
    again = run("similarity", "--from", "2000", "--to", "2001", "--state", "USA", "--with",
                "TUR", "--csv", str(csv))
    assert again.exit_code == 1 and "--force" in again.output and csv.read_text() == before
    forced = run("similarity", "--from", "2000", "--to", "2001", "--state", "USA", "--with",
                 "TUR", "--csv", str(csv), "--force")
    assert forced.exit_code == 0 and len(pd.read_csv(csv)) == 2
