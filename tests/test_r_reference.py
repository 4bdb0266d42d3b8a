"""The project's numbers against the field's reference software, R's sna and igraph.

For each network below, the edge list, the Gould–Fernandez groups and the bloc partition
are written to files, ``tests/r/reference.R`` computes every measure with R, and each value
must equal the project's within 1e-9 (absolute). The R calls (R 4.2, sna 2.7, igraph 1.3):

- degree ``igraph::degree``; strength ``igraph::strength(weights = w)``;
- betweenness ``igraph::betweenness(normalized = TRUE, weights = 1/w)``: divided by
  (n−1)(n−2)/2, n counting isolates, as the project;
- harmonic closeness ``igraph::harmonic_centrality(weights = 1/w) / (n − 1)``;
- eigenvector ``abs(igraph::eigen_centrality(scale = FALSE, weights = w)$vector)`` scaled
  to unit Euclidean length (the project's normalisation; R's default scales the maximum
  to 1);
- PageRank ``igraph::page_rank(damping = 0.85, weights = w)``, summing to 1;
- Burt constraint ``igraph::constraint(weights = w)`` (NaN for isolates on both sides);
- modularity ``igraph::modularity(g, membership, weights = w)`` of the project's Leiden
  partition (each unaligned actor a community of its own);
- Gould–Fernandez counts and z-scores ``sna::brokerage(adj, cl)``, ``adj`` the symmetric
  0/1 matrix and ``cl`` the project's ``group_id``, once over all actors of the year
  (``isolates="include"``) and once over the actors with ties (``isolates="exclude"``).

Where ``Rscript`` is absent the tests skip with that reason; with ``CI`` set they fail.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alliance_graph import api
from alliance_graph.analytics import blocs, holes
from alliance_graph.analytics import centrality as c
from alliance_graph.analytics.brokerage import ROLES
from alliance_graph.analytics.projection import Network
from r_support import R_COMPARISONS, TOLERANCE
from support import require

pytestmark = pytest.mark.r

SCRIPT = Path(__file__).parent / "r" / "reference.R"
ALL_OBLIGATIONS = ("defense", "offense", "neutrality", "nonaggression", "consultation")

# label → (year, network): ATOP defense pacts unweighted for 1914, 1962 and 2018; for 2024
# every source's defense ties (ATOP carried forward + curated treaties); and 2018 ATOP with
# every obligation type, weighted by the strongest (defense/offense 3,
# neutrality/nonaggression 2, consultation 1)
NETWORKS = {
    "1914 atop:defense": (1914, Network("atop", ("defense",), weighted=False)),
    "1962 atop:defense": (1962, Network("atop", ("defense",), weighted=False)),
    "2018 atop:defense": (2018, Network("atop", ("defense",), weighted=False)),
    "2024 all:defense": (2024, Network("all", ("defense",), weighted=False)),
    "2018 atop:all obligations:weighted": (2018, Network("atop", ALL_OBLIGATIONS, weighted=True)),
    # the default network (README "Network typology"): alliances except nonaggression
    # weighted by obligation, alignment 0.5
    "2024 default": (2024, Network()),
}
CENTRALITY = ("degree", "strength", "betweenness", "closeness", "eigenvector", "pagerank")


@pytest.fixture(scope="module")
def rscript() -> str:
    path = shutil.which("Rscript")
    if path is None:
        require("Rscript is not installed (apt-get install r-base-core r-cran-sna "
                "r-cran-network r-cran-igraph); R reference tests not run")
    return path


def project_values(store, year: int, net: Network) -> tuple[pd.DataFrame, dict]:
    """The project's numbers (long: code, measure, value) and the files R reads."""
    p = api.projection(store, year, net)
    rows = [pd.DataFrame({"code": p.codes, "measure": m, "value": c.METRICS[m](p)[m].to_numpy()})
            for m in CENTRALITY]
    rows.append(pd.DataFrame({"code": p.codes, "measure": "constraint",
                              "value": holes.constraint(p)["constraint"].to_numpy()}))
    part = blocs.detect(p)
    rows.append(pd.DataFrame({"code": [""], "measure": "modularity", "value": [part.modularity]}))
    groups = None
    for isolates in ("include", "exclude"):
        table = api.brokers(store, year, net, isolates=isolates).set_index("code")
        for role in (*ROLES, "total"):
            for column in (role, f"{role}_z"):
                rows.append(pd.DataFrame({"code": table.index, "measure": f"{isolates}:{column}",
                                          "value": table[column].to_numpy(dtype=float)}))
        if groups is None:
            groups = table["group_id"]
        else:  # one labelling for both conventions
            assert (table["group_id"] == groups.reindex(table.index)).all()
    membership = part.membership.copy()
    alone = np.flatnonzero(membership == blocs.UNALIGNED)
    membership[alone] = membership.max() + 1 + np.arange(len(alone))
    nodes = pd.DataFrame({"code": p.codes, "group": groups.reindex(p.codes).to_numpy(),
                          "bloc": membership})
    files = {"nodes": nodes, "edges": p.edges[["a", "b", "weight"]],
             "meta": pd.DataFrame({"weighted": [int(net.weighted)]})}
    return pd.concat(rows, ignore_index=True), files


def r_values(rscript: str, files: dict, directory: Path) -> pd.DataFrame:
    for name, frame in files.items():
        frame.to_csv(directory / f"{name}.csv", index=False)
    done = subprocess.run([rscript, str(SCRIPT), str(directory)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, f"Rscript failed:\n{done.stderr}"
    return pd.read_csv(directory / "r.csv", keep_default_na=False, na_values=["NaN", "NA"],
                       dtype={"code": str})


@pytest.mark.slow
@pytest.mark.parametrize("label", list(NETWORKS))
def test_project_equals_r(rscript, golden_db, tmp_path, request, label):
    from alliance_graph.store.embedded import LadybugStore

    year, net = NETWORKS[label]
    with LadybugStore(golden_db, read_only=True) as store:
        ours, files = project_values(store, year, net)
    theirs = r_values(rscript, files, tmp_path)
    both = ours.merge(theirs, on=["code", "measure"], how="outer", suffixes=("", "_r"),
                      indicator=True)
    unmatched = both[both["_merge"] != "both"]
    assert unmatched.empty, f"values only one side has:\n{unmatched.head(10)}"
    ours_v, r_v = both["value"].to_numpy(float), both["value_r"].to_numpy(float)
    undefined = np.isnan(ours_v) | np.isnan(r_v)
    assert (np.isnan(ours_v) == np.isnan(r_v)).all(), \
        f"undefined on one side only:\n{both[np.isnan(ours_v) != np.isnan(r_v)].head(10)}"
    diff = np.abs(ours_v - r_v)
    diff[undefined] = 0.0
    worst = both.assign(diff=diff).sort_values("diff", ascending=False).head(5)
    assert diff.max() <= TOLERANCE, f"{label}: differs from R beyond {TOLERANCE}:\n{worst}"
    # every measure was compared, with values on most actors
    assert set(both["measure"].str.split(":").str[-1]) >= {*CENTRALITY, "constraint",
                                                           "modularity", "liaison_z"}
    compared = request.config.stash.setdefault(R_COMPARISONS, {})
    compared[label] = (len(both), int(undefined.sum()), float(diff.max()))
