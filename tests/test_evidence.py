"""The 2019-2025 continuation on evidence (issue 20): every ATOP alliance in force at the
end of 2018 has a review status, the coverage report counts them per year, `--evidence
reviewed` drops the unverified continuations, and a superseded pact names its successor."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from alliance_graph import api
from alliance_graph.analytics.projection import Network
from alliance_graph.api.fetch import fetch
from alliance_graph.schema import OBLIGATIONS

REVIEWS = Path(__file__).resolve().parents[1] / "ingest" / "curated" / "treaties_since_2019.yaml"


def _reviews() -> pd.DataFrame:
    rows = [r for r in yaml.safe_load(REVIEWS.read_text(encoding="utf-8")) if "atopid" in r]
    return pd.DataFrame(rows)


def _pairs(store, evidence: str, year: int = 2025) -> set[tuple[str, str]]:
    p = fetch(store, Network(ties=OBLIGATIONS, evidence=evidence), year, year).projection(year)
    return set(zip(p.edges["a"], p.edges["b"]))


def test_coverage_counts_every_review_by_status_after_2018(store):
    table = api.coverage(store, 2015, 2025)
    reviews = _reviews()
    late = table[table["year"] >= 2019]
    counted = late[["in_force", "ended", "suspended", "unverified"]].sum(axis=1)
    assert (counted == len(reviews)).all() and len(reviews) == 359
    assert table.loc[table["year"] <= 2018, "in_force"].isna().all()  # ATOP's own years
    # independently from the YAML: a dated end counts as in force through its year
    status = reviews["status"]
    end = pd.to_datetime(reviews["status_date"]).dt.year
    ending = status.isin(["ended", "superseded", "suspended"])
    for year, row in late.set_index("year").iterrows():
        assert row["unverified"] == (status == "unverified").sum()
        assert row["in_force"] == ((status == "in_force") | (ending & (end >= year))).sum()
        assert row["ended"] == (status.isin(["ended", "superseded"]) & (end < year)).sum()
        assert row["suspended"] == ((status == "suspended") & (end < year)).sum()


def test_reviewed_evidence_drops_only_unverified_continuations_in_2025(store):
    every, reviewed = _pairs(store, "all"), _pairs(store, "reviewed")
    dropped = every - reviewed
    assert reviewed <= every and dropped
    # Bulgaria-Mozambique 1978 (unverified) is gone; USA-Pakistan 1959 (in force on the
    # State Department's Treaties in Force) stays
    assert ("BUL", "MZM") in dropped
    assert ("PAK", "USA") in reviewed
    # every dropped pair shares an unverified ATOP alliance in 2025 and nothing else
    reviews = _reviews()
    unverified = {f"ATOP-{x}" for x in reviews.loc[reviews["status"] == "unverified", "atopid"]}
    for a, b in sorted(dropped)[:25]:
        shared = api.shared_treaties(store, a, b, 2025)
        shared = shared[shared["treaty"].astype(bool)]
        assert set(shared["group_id"]) <= unverified, (a, b, set(shared["group_id"]))


def test_cli_coverage_and_evidence_option(run):
    every = run("sources", "--coverage", "--from", "2025", "--to", "2025", "--format", "csv")
    reviewed = run("sources", "--coverage", "--from", "2025", "--to", "2025", "--format",
                   "csv", "--evidence", "reviewed")
    assert every.exit_code == 0 and reviewed.exit_code == 0
    ties = [int(r.output.splitlines()[1].split(",")[1]) for r in (every, reviewed)]
    assert ties[1] < ties[0]
    assert run("centrality", "--year", "2025", "--evidence", "reviewed").exit_code == 0


def test_france_comoros_1978_is_superseded_and_names_its_successor(run):
    shared = run("treaties", "--state", "COM", "--with", "FRN", "--year", "2025", "--format",
                 "csv")
    assert shared.exit_code == 0 and "ATOP-3830" not in shared.output
    before = run("treaties", "--state", "COM", "--with", "FRN", "--year", "2018", "--format",
                 "csv")
    assert "ATOP-3830" in before.output  # ATOP's own record to 2018 is kept
    shown = run("treaty", "ATOP-3830")
    assert shown.exit_code == 0
    text = " ".join(shown.output.split())
    assert "superseded on 2010-09-27 by France-Comoros Agreement instituting a Defence" in text
    assert "l11-359" in text


def test_poland_russia_review_says_what_was_found(store):
    review = api.treaty_review(store, "ATOP-4230")
    assert len(review) == 1
    row = review.iloc[0]
    assert row["status"] in ("in_force", "ended", "superseded", "suspended", "unverified")
    assert (row["status_source"] if row["status"] != "unverified" else row["searched"])


def test_french_african_pacts_superseded_from_2008_leave_no_tie_after_2018(store):
    """The renegotiated French defence agreements (Senate reports l10-245, l11-359,
    l13-221) replaced ATOP's pacts with Gabon, CAR, Togo, Senegal and the Comoros before
    2019; their successors carry no assistance clause, so no tie continues."""
    for code in ("GAB", "CEN", "TOG", "SEN", "COM"):
        later = api.shared_treaties(store, code, "FRN", 2019, 2025)
        assert later.empty or not later["treaty"].astype(bool).any(), code
        assert not api.shared_treaties(store, code, "FRN", 2018).empty, code  # ATOP's record
        review = api.treaty_review(store, later_id(code)).iloc[0]
        assert review["status"] == "superseded" and review["status_date"] < "2013"
        assert review["successor_name"] and review["status_source"]


def later_id(code: str) -> str:
    """The review id of France's ATOP pact with ``code`` (from the YAML, not the store)."""
    reviews = _reviews()
    return reviews.loc[reviews["id"].str.match(rf"^FRN-{code}-\d{{4}}$"), "id"].iloc[0]


def test_shared_treaties_say_what_the_review_of_poland_russia_found(run):
    shown = run("treaties", "--state", "POL", "--with", "RUS", "--year", "2025")
    assert shown.exit_code == 0
    text = " ".join(shown.output.split())
    review = _reviews().set_index("id").loc["POL-RUS-1992"]
    assert f"ATOP-4230: Review 2019–2025: {review['status'].replace('_', ' ')}" in text
    assert " ".join(str(review["searched"]).split())[:60] in text
    before = run("treaties", "--state", "POL", "--with", "RUS", "--year", "2018")
    assert "Review 2019–2025" not in before.output  # ATOP's own years need no review
