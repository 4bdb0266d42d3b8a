"""External signed networks (edge lists, Doreian & Mrvar's data), the exact frustration
index, and docs/replications.md kept up to date by its script."""

from __future__ import annotations

import importlib.util
import itertools

import numpy as np
import pandas as pd
import pytest

from alliance_graph import api
from alliance_graph.analytics import signed as S
from alliance_graph.cli import cli as alliances
from alliance_graph.errors import IngestError
from support import DATA, REPO

DM = REPO / "ingest" / "data" / "doreian_mrvar"


def _script():
    spec = importlib.util.spec_from_file_location("replications", REPO / "docs" / "replications.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- labels

def test_every_pajek_label_maps_to_a_cow_state_that_existed_in_its_windows():
    edges, nodes, labels = api.doreian_mrvar()
    states = pd.read_csv(DATA / "cow_states.csv")
    assert labels["label"].is_unique and labels["ccode"].is_unique
    assert set(labels["label"]) == set(nodes["name"]) | set(edges["from"]) | set(edges["to"])
    assert len(labels) == 178
    known = states.drop_duplicates("ccode").set_index("ccode")
    for row in labels.itertuples():
        assert row.ccode in known.index, row.label
        assert known.loc[row.ccode, "stateabb"] == row.cow_abb, row.label
        assert known.loc[row.ccode, "statenme"] == row.name, row.label
    # a Pajek label that is not the state's COW abbreviation is explained, and one that is
    # another state's COW abbreviation (AUS = Australia, COW's Austria) says AMBIGUOUS
    cow_abbs = set(states["stateabb"])
    for row in labels.itertuples():
        if row.label != row.cow_abb:
            assert row.note, row.label
        if row.label != row.cow_abb and row.label in cow_abbs:
            assert row.note.startswith("AMBIGUOUS"), row.label
    ambiguous = set(labels.loc[labels["note"].str.startswith("AMBIGUOUS"), "label"])
    assert ambiguous == {"AUS", "CAM", "KOR", "NIG"}
    # each state is in the COW system during every window it appears in
    ccode = labels.set_index("label")["ccode"]
    for period, name in nodes[["period", "name"]].itertuples(index=False):
        first, last = 1900 + int(period[:2]), 1900 + int(period[3:])
        spells = states[states["ccode"] == ccode[name]]
        assert ((spells["styear"] <= last) & (spells["endyear"] >= first)).any(), (period, name)


def test_the_shipped_networks_are_the_papers_51_windows():
    edges, nodes, _ = api.doreian_mrvar()
    sizes = nodes.groupby("period", sort=False).size()
    assert len(sizes) == 51 and sizes.iloc[0] == 64 and sizes.max() == 155
    assert len(edges) == 41_295 and (edges["sign"] == 1).sum() == 36_224


# --------------------------------------------------------------------------- analytics

def _random_signed(rng, n):
    codes = [f"N{i}" for i in range(n)]
    rows = []
    for a, b in itertools.combinations(codes, 2):
        r = rng.random()
        if r < 0.3:
            rows.append((a, b, 1))
        elif r < 0.45:
            rows.append((a, b, -1))
        elif r < 0.5:  # both signs
            rows += [(a, b, 1), (a, b, -1)]
    return pd.DataFrame(rows, columns=["from", "to", "sign"]), pd.DataFrame({"code": codes})


def test_exact_frustration_index_equals_exhaustive_search():
    pytest.importorskip("scipy")
    rng = np.random.default_rng(7)
    for _ in range(60):
        edges, nodes = _random_signed(rng, int(rng.integers(2, 9)))
        if edges.empty:
            continue
        s = S.from_edges(edges, nodes)
        index, camps = S.frustration_index(s)
        brute = min(S.frustration(s, np.array(x))["frustration"]
                    for x in itertools.product([0, 1], repeat=len(s.codes)))
        assert index == brute == S.frustration(s, camps)["frustration"]


def test_best_partition_finds_a_clusterable_network_exactly():
    camps = [["A", "B", "C"], ["D", "E", "F"], ["G", "H", "I"]]
    rows = [(a, b, 1) for camp in camps for a, b in itertools.combinations(camp, 2)]
    rows += [(a, b, -1) for x, y in itertools.combinations(camps, 2) for a in x for b in y]
    s = S.from_edges(pd.DataFrame(rows, columns=["from", "to", "sign"]))
    membership, value = S.best_partition(s)
    assert value == 0 and len(set(membership)) == 3
    # with at most two clusters two camps must share one: 9 negative ties inside, α = ½
    assert S.best_partition(s, 2)[1] == 4.5
    assert S.criterion(s, np.zeros(9, dtype=int), alpha=0.5) == 13.5  # 27 negatives inside


def test_from_edges_keeps_isolates_and_both_signed_pairs():
    edges = pd.DataFrame({"from": ["A", "B", "A"], "to": ["B", "A", "B"], "sign": [1, 1, -1]})
    s = S.from_edges(edges, pd.DataFrame({"code": ["A", "B", "Z"]}))
    assert list(s.codes) == ["A", "B", "Z"]
    assert len(s.pos[0]) == 1 and len(s.neg[0]) == 1
    assert S.balance(s)[0]["ambivalent_pairs"] == 1


# --------------------------------------------------------------------------- files and CLI

@pytest.mark.parametrize("text, message", [
    ("from,to,sign\nA,B,1\nB,C,x\n", "bad.csv:3: field 'sign': sign 'x' is not +1 or -1"),
    ("from,to,sign\nA,A,1\n", "bad.csv:2: field 'to': a tie from 'A' to itself"),
    ("from,to\nA,B\n", "bad.csv:1: field 'sign': missing column"),
    ("from,to,sign\nA,,1\n", "bad.csv:2: field 'to': value is missing"),
    ("period,from,to,sign\n1,A,B,1\n2,A,B,-1\n",
     "bad.csv: field 'period': 2 periods (1 … 2): choose one with `period`"),
])
def test_bad_edge_files_are_one_line_naming_file_line_and_field(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(IngestError) as error:
        api.read_signed_edges(path)
    assert str(error.value) == message
    result = alliances_run(["signed", "--edges", str(path)])
    flags = message.replace("`period`", "--period")  # the CLI words parameters as flags
    assert result.exit_code == 2 and result.output.strip() == f"Error: {flags}"


def test_unknown_period_is_named(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("period,from,to,sign\n46-49,A,B,1\n")
    with pytest.raises(IngestError, match="no rows for period '99-02'"):
        api.read_signed_edges(path, "99-02")


def alliances_run(args):
    from click.testing import CliRunner

    return CliRunner().invoke(alliances, args)


def test_cli_signed_on_a_doreian_mrvar_window():
    pytest.importorskip("scipy")
    result = alliances_run(["signed", "--edges", str(DM / "cow_signed_edges.csv"),
                            "--nodes", str(DM / "cow_signed_nodes.csv"), "--period", "46-49",
                            "--exact", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("actors,"))
    row = dict(zip(lines[header].split(","), lines[header + 1].split(",")))
    assert row["actors"] == "64" and row["positive"] == "320" and row["negative"] == "42"
    assert row["frustration_index"] == "17"
    # the Americas (Rio Pact) first, named after their best-connected member
    assert lines[1].startswith("0,ARG bloc,best-connected member,20,")


# --------------------------------------------------------------------------- the document

def _rows(markdown: str, first_cell: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith(f"| {first_cell} |")]


def test_replications_md_is_what_the_script_makes(store):
    """Regenerate two Doreian–Mrvar windows and the whole Traag–Bruggeman section on the
    test store; they must match the committed document line for line."""
    pytest.importorskip("scipy")
    script = _script()
    committed = (REPO / "docs" / "replications.md").read_text()
    rows = script.doreian_mrvar_rows(store, ["46-49", "96-99"])
    fresh = script.doreian_mrvar_section(rows)
    for period in ("46-49", "96-99"):
        assert _rows(fresh, period) == _rows(committed, period), period
    section = script.traag_bruggeman_section(script.traag_bruggeman(store))
    assert section in committed
    assert committed.count("| not found |") == 51
