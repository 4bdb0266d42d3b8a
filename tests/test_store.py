"""The embedded store: transactions, read-only mode, dialect helpers."""

from __future__ import annotations

import pandas as pd
import pytest

from alliance_graph.errors import QueryError, ReadOnlyError, StoreError
from alliance_graph.store.embedded import LadybugStore, statements
from alliance_graph.store.neo4j import Neo4jStore, _safe_uri
from alliance_graph.config import Settings


def test_write_is_atomic(store):
    before = store.counts()

    def half(tx):
        tx.execute("CREATE (:Status {id: 'tmp', name: 'tmp'})", {})
        tx.execute("CREATE (:Status {id: 'tmp', name: 'duplicate key'})", {})

    with pytest.raises(QueryError, match="duplicated primary key"):
        store.write(half)
    assert store.counts() == before


def test_reads_on_a_writable_store_cannot_write(store):
    with pytest.raises(ReadOnlyError, match="`write=True`"):
        store.run_cypher("CREATE (:Status {id: 'x'})", {})
    assert store.run_cypher("MATCH (s:Status {id: 'x'}) RETURN count(s) AS n", {}).n[0] == 0


def test_read_only_store(db_path):
    with LadybugStore(db_path, read_only=True) as ro:
        assert ro.read("state_codes").shape[0] == 218  # COW's 217 and ATOP's Annam
        with pytest.raises(ReadOnlyError):
            ro.write(lambda tx: tx.execute("CREATE (:Status {id: 'x'})", {}))


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no graph at .* `alliances ingest all`"):
        LadybugStore(tmp_path / "none.lbug", read_only=True)


def test_polyfills_give_typed_nulls(empty_store):
    empty_store.write(lambda tx: tx.run(
        "merge_status", id="x", name="x", source="test"))
    empty_store.write(lambda tx: tx.execute(
        "UNWIND $rows AS row MERGE (s:State {code: row.code}) "
        "SET s.ccode = toInteger(row.ccode)", {"rows": [{"code": "AAA", "ccode": None}]}))
    frame = empty_store.run_cypher("MATCH (s:State) RETURN s.ccode AS c", {})
    assert frame.c.isna().all()


def test_override_statements_split_at_line_ends():
    text = "MATCH (a) RETURN a;\nMATCH (b) WHERE b.x = 'a;b' RETURN b;  \nRETURN 1"
    assert statements(text) == ["MATCH (a) RETURN a", "MATCH (b) WHERE b.x = 'a;b' RETURN b",
                                "RETURN 1"]


def test_neo4j_messages_hide_credentials():
    assert _safe_uri("bolt://user:pw@db.example:7687") == "bolt://db.example:7687"
    with pytest.raises(StoreError, match=r"cannot reach Neo4j at bolt://127.0.0.1:1 .*refused"):
        Neo4jStore(Settings(neo4j_uri="bolt://127.0.0.1:1"))  # no password: still reached first
    with pytest.raises(StoreError, match="unsupported Neo4j URI scheme 'http'"):
        Neo4jStore(Settings(neo4j_uri="http://localhost:7474", neo4j_password="x"))


def test_rows_are_written_as_a_table_with_their_types(store):
    """The embedded store scans UNWIND rows as a DataFrame (fast); values keep their types:
    whole numbers with nulls, booleans, lists."""
    from alliance_graph.store.embedded import as_table

    rows = [{"a": "USA", "b": "CAN", "start": 1, "end": None, "observed_until": 2018,
             "defense": True, "offense": False, "neutrality": False, "nonaggression": False,
             "consultation": True, "atopids": [1, 2]},
            {"a": "USA", "b": "MEX", "start": 2, "end": 5, "observed_until": 2018,
             "defense": False, "offense": False, "neutrality": False, "nonaggression": False,
             "consultation": True, "atopids": [3]}]
    text, params = as_table("UNWIND $rows AS row\nMATCH (a {code: row.a})", rows)
    assert text.startswith("LOAD FROM $__rows\nMATCH (a {code: __row_a})")
    store.write(lambda tx: tx.run_rows("add_alliance_spells", rows, source="table-test"))
    got = store.run_cypher(
        "MATCH (:State)-[r:ALLIED_WITH {source: 'table-test'}]->(s:State) RETURN s.code AS b, "
        "r.start AS start, r.`end` AS stop, r.defense AS defense, r.atopids AS ids "
        "ORDER BY s.code", {})
    assert got.b.tolist() == ["CAN", "MEX"] and got.start.tolist() == [1, 2]
    assert pd.isna(got.stop[0]) and got.stop[1] == 5 and got.defense.tolist() == [True, False]
    assert [list(x) for x in got.ids] == [[1, 2], [3]]
