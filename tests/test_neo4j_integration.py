"""The same code against a real Neo4j 5 (testcontainers; the `neo4j` fixture is in
conftest.py). Skipped, with the reason printed, where no Docker engine is reachable —
never replaced by a mock."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from alliance_graph import api, querylib
from alliance_graph.config import Settings
from alliance_graph.errors import ReadOnlyError, StoreError
from alliance_graph.ingest import ingest
from alliance_graph.store.embedded import LadybugStore

pytestmark = pytest.mark.neo4j

SMALL_INGEST = ["cow-states", "atop-treaties", "atop", "tss-rivalries", "curated"]


@pytest.fixture(scope="module")
def loaded(neo4j, tmp_path_factory):
    """Neo4j and a fresh embedded store given the same small ingest."""
    from alliance_graph.store.neo4j import Neo4jStore

    path = tmp_path_factory.mktemp("twin") / "graph.lbug"
    with Neo4jStore(neo4j) as server, LadybugStore(path) as embedded:
        server.init_schema()
        ingest(server, SMALL_INGEST)
        ingest(embedded, SMALL_INGEST)
        yield server, embedded


def test_schema_constraints_exist(loaded):
    server, _ = loaded
    names = set(server.run_cypher("SHOW CONSTRAINTS YIELD name RETURN name", {})["name"])
    assert {"state_code", "treaty_id", "partnership_id"} <= names


def test_same_counts_after_the_same_ingest(loaded):
    server, embedded = loaded
    assert server.counts() == embedded.counts()
    ingest(server, ["atop"])  # idempotent on Neo4j too
    assert server.counts() == embedded.counts()


@pytest.mark.parametrize("year", [1914, 2018, 2025])
def test_centrality_is_the_same_on_both_stores(loaded, year):
    server, embedded = loaded
    net = api.network("all", "defense")
    a = api.centrality(server, year, net).set_index("code").sort_index()
    b = api.centrality(embedded, year, net).set_index("code").sort_index()
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("name", querylib.names())
def test_every_query_runs_on_neo4j(loaded, name):
    server, _ = loaded
    query = querylib.load(name)

    class Rollback(Exception):
        pass

    def attempt(tx):
        tx.run(name, **query.examples())
        raise Rollback

    with pytest.raises(Rollback):
        server.write(attempt)


def test_gds_engine_agrees_with_python(loaded):
    server, _ = loaded
    if not server.has_gds():
        pytest.skip("the GDS plugin did not load in the container (no network?)")
    net = api.network("all", "defense")
    python = api.centrality(server, 2018, net).set_index("code").sort_index()
    gds = api.centrality(server, 2018, net, engine="gds").set_index("code").sort_index()
    for metric, tol in [("degree", 1e-9), ("betweenness", 1e-9), ("closeness", 1e-9),
                        ("pagerank", 1e-6), ("eigenvector", 1e-5)]:
        np.testing.assert_allclose(gds[metric], python[metric], atol=tol, err_msg=metric)


def test_adhoc_writes_need_write(loaded):
    server, _ = loaded
    with pytest.raises(ReadOnlyError, match="--write"):
        server.run_cypher("CREATE (:State {code: 'XXX'})", {})
    assert server.run_cypher("MATCH (s:State {code: 'XXX'}) RETURN count(s) AS n", {}).n[0] == 0


def test_wrong_password_is_one_line_without_the_password(neo4j):
    from alliance_graph.store.neo4j import Neo4jStore

    wrong = Settings(neo4j_uri=neo4j.neo4j_uri, neo4j_user="neo4j",
                     neo4j_password="not-the-password-123")
    with pytest.raises(StoreError) as caught:
        Neo4jStore(wrong)
    message = str(caught.value)
    assert "authentication failed" in message and "\n" not in message
    assert "not-the-password-123" not in message and "integration-pw" not in message
