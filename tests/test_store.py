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


def test_a_separator_inside_a_literal_or_comment_does_not_split(empty_store):
    text = "CREATE (:Status {id: 'a;\nb', name: \"c;\n\"}) // x;\n;\nRETURN 1 /* ;\n */"
    assert statements(text) == ["CREATE (:Status {id: 'a;\nb', name: \"c;\n\"}) // x;",
                                "RETURN 1 /* ;\n */"]
    empty_store.write(lambda tx: tx.execute("CREATE (:Status {id: 'a;\nb', name: 'n'})", {}))
    got = empty_store.run_cypher("MATCH (s:Status) RETURN s.id AS id", {})
    assert got.id.tolist() == ["a;\nb"]


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
             "consultation": True, "tie": "defense pact", "atopids": [1, 2]},
            {"a": "USA", "b": "MEX", "start": 2, "end": 5, "observed_until": 2018,
             "defense": False, "offense": False, "neutrality": False, "nonaggression": False,
             "consultation": True, "tie": "consultation pact", "atopids": [3]}]
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


# --------------------------------------------------------------------------- the dialect layer

def test_reserved_words_are_what_ladybug_refuses_and_lowering_quotes_them(tmp_path):
    """Each word of dialect.RESERVED fails unquoted in ladybug itself, as a property, a
    map key and an alias, and runs once lowered."""
    import ladybug

    from alliance_graph.store.dialect import RESERVED, lower

    conn = ladybug.Connection(ladybug.Database(str(tmp_path / "raw.lbug")))
    for word in sorted(RESERVED):
        w = word.lower()
        for text in (f"WITH {{a: 1}} AS m RETURN m.{w}", f"RETURN {{{w}: 1}} AS x",
                     f"RETURN 1 AS {w}"):
            with pytest.raises(RuntimeError, match="Parser exception"):
                conn.execute(text)
        text = lower(f"WITH {{{w}: 1}} AS m RETURN m.{w} AS {w}")
        assert conn.execute(text).get_as_df().iloc[0, 0] == 1, text


def test_lowering_leaves_strings_comments_keywords_and_quoted_names_alone():
    from alliance_graph.store.dialect import lower

    text = ("MATCH (s)-[m:MEMBER_OF]->(t) // m.end\n"
            "WHERE m.end IS NULL AND s.name <> 'm.end' AND t.`end` > 1 "
            "RETURN CASE WHEN m.start > 1 THEN {end: m.end} ELSE null END AS end")
    assert lower(text) == (
        "MATCH (s)-[m:MEMBER_OF]->(t) // m.end\n"
        "WHERE m.`end` IS NULL AND s.name <> 'm.end' AND t.`end` > 1 "
        "RETURN CASE WHEN m.start > 1 THEN {`end`: m.`end`} ELSE null END AS `end`")
    assert lower(lower(text)) == lower(text)


def test_rows_become_a_table_scan_token_by_token():
    from alliance_graph.errors import QueryError
    from alliance_graph.store.dialect import rows_as_columns

    text = "UNWIND $rows AS row MATCH (a {code: row.a, name: 'row.b'}) SET a.x = row.`end`"
    assert rows_as_columns(text, {"a", "end"}) == (
        "LOAD FROM $__rows MATCH (a {code: __row_a, name: 'row.b'}) SET a.x = __row_end")
    assert rows_as_columns("MATCH (a) UNWIND $rows AS row RETURN row.a") is None
    with pytest.raises(QueryError, match="the rows have no field 'end'"):
        rows_as_columns(text, {"a"})


def test_cypher_written_for_neo4j_runs_on_the_embedded_store(run):
    result = run("query", "--format", "csv", "--cypher",
                 'MATCH (s:State {code:"TUR"})-[m:MEMBER_OF]->(t:Treaty) '
                 "RETURN t.name, m.start, m.end ORDER BY m.start LIMIT 3")
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.strip().splitlines()
    assert header == "t.name,m.start,m.end" and len(rows) == 3


def test_query_list_says_how_the_embedded_store_runs_each_query(run):
    import io

    from alliance_graph import querylib

    listed = pd.read_csv(io.StringIO(run("query", "--list", "--format", "csv").stdout))
    how = dict(zip(listed["name"], listed["embedded"]))
    assert {how[n] for n in querylib.overrides("ladybug")} == {"overridden"}
    assert how["add_disputes"] == "lowered"  # UNWIND $rows: a table scan
    assert how["state_codes"] == "as is"
    assert set(how.values()) == {"overridden", "lowered", "as is"}


# Each lowered write query, run on a fresh embedded store with its header's example rows
# (plus the states and treaty they attach to): the one element each example row implies.
LOWERED_WRITES = [  # in the order a load runs them; query -> (element, count)
    ("merge_states", ("State", 6)), ("merge_actors", ("NonStateActor", 1)),
    ("merge_atop_treaties", ("Treaty", 2)), ("merge_treaties", ("Treaty", 1)),
    ("merge_partnerships", ("Partnership", 1)), ("merge_capabilities", ("Capability", 1)),
    ("link_capabilities", ("HAS_CAPABILITY", 1)), ("add_alliance_spells", ("ALLIED_WITH", 1)),
    ("add_disputes", ("DISPUTE_WITH", 1)), ("add_deployments", ("DEPLOYS_TROOPS", 1)),
    ("add_treaty_memberships", ("MEMBER_OF", 1)), ("link_curated_treaties", (None, 0)),
    ("write_blocs", ("Bloc", 1)),
]


def test_each_lowered_write_query_writes_what_its_rows_imply(tmp_path):
    import re

    from alliance_graph import querylib
    from alliance_graph.store import dialect

    writes = {n for n in querylib.names() if dialect.status(n) == "lowered"
              and re.search(r"\b(CREATE|MERGE|SET|DELETE)\b", querylib.load(n).body)}
    assert {n for n, _ in LOWERED_WRITES} == writes  # a new lowered write needs a case here

    def example_rows(name: str) -> tuple[list[dict], dict]:
        params = {k: querylib.literal(v) for k, v in querylib.load(name).params.items()}
        rows = params.pop("rows")
        if name == "merge_states":  # the states the other examples name
            rows += [dict(rows[0], code=c, ccode=n, name=c, cow_name=c, iso3=c)
                     for c, n in (("CAN", 20), ("TUR", 640), ("JPN", 740), ("LEB", 660),
                                  ("FRN", 220))]
        if name == "merge_atop_treaties":  # the treaty link_curated_treaties reviews
            rows += [dict(rows[0], id="ATOP-3830", atopid=3830)]
        return rows, params

    def counts(tx) -> dict[str, int]:
        frame = tx.run("graph_counts")
        return {str(k): int(v) for k, v in zip(frame["element"], frame["count"])}

    def load(tx):
        before = counts(tx)
        for name, (element, count) in LOWERED_WRITES:
            rows, params = example_rows(name)
            tx.run_rows(name, rows, **params)
            after = counts(tx)
            changed = {k: after.get(k, 0) - before.get(k, 0) for k in after.keys() | before.keys()
                       if after.get(k, 0) != before.get(k, 0)}
            assert changed == ({element: count} if element else {}), name
            before = after

    with LadybugStore(tmp_path / "fresh.lbug") as store:
        store.write(load)
        # reserved words as names, lowered in the write and in the ad-hoc read alike
        assert store.run_cypher("MATCH ()-[d:DISPUTE_WITH]->() RETURN d.start, d.end", {}) \
            .values.tolist() == [[1979, 1979]]
        reviewed = store.run_cypher("MATCH (t:Treaty {id: 'ATOP-3830'}) "
                                    "RETURN t.review_status AS s, t.reviewed_until AS r", {})
        assert reviewed.values.tolist() == [["superseded", 2010]]

def test_a_store_of_an_older_schema_gains_the_new_properties(tmp_path):
    """A file written before State.cow_name existed (its table made by an older
    ``CREATE NODE TABLE``): read-only queries say what to do; a write session adds it."""
    import ladybug

    from alliance_graph import schema

    path = tmp_path / "old.lbug"
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    for statement in schema.ladybug_ddl():
        if statement.startswith("CREATE NODE TABLE IF NOT EXISTS State("):
            statement = statement.replace("`cow_name` STRING, ", "")
        if not statement.startswith("ALTER"):  # the older version's DDL had none
            conn.execute(statement)
    conn.execute("CREATE (:State {code: 'OLD', name: 'Old'})")
    conn.close()
    db.close()
    with LadybugStore(path, read_only=True) as old:
        with pytest.raises(QueryError, match="older alliance-graph: `alliances ingest all`"):
            old.run_cypher("MATCH (s:State) RETURN s.cow_name AS c", {})
    with LadybugStore(path, read_only=False):
        pass  # opening to write runs the DDL, which adds the missing property
    with LadybugStore(path, read_only=True) as upgraded:
        rows = upgraded.run_cypher("MATCH (s:State) RETURN s.code AS code, s.cow_name AS c", {})
    assert rows["code"].tolist() == ["OLD"] and rows["c"].isna().all()
