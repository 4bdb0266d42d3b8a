"""Full ingest of the bundled data into a fresh embedded store, timed per source beside a
floor: ladybug's own bulk load (``COPY … FROM`` a CSV) of the very node and relationship
rows the ingest wrote. Goals (issue 19, two cores): ≤ 2× the floor overall, whole
``ingest all`` (store creation and publishing included) ≤ 7 s.

The floor's rows are read back from the ingested store and written to CSV by ladybug
itself (``COPY (MATCH …) TO``), one file per table, endpoint pair and ``source`` value; a
fresh store then creates the schema and bulk-loads them (only that is timed). It is the
store's cost of holding the data, with none of the parsing, checking, spell building and
merging an ingest does, so the ratio is the price of all of that. The statements are
generated from ``schema`` as the store's own DDL is.

    python benchmarks/ingest.py [--runs 3]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import ladybug
import pandas as pd

from alliance_graph import schema
from alliance_graph.ingest import SOURCES, ingest
from alliance_graph.store.embedded import LadybugStore

GOAL_RATIO = 2.0
GOAL_SECONDS = 7.0


def _q(name: str) -> str:
    return f"`{name}`"


def _literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def export(db_path: Path, out: Path) -> list[tuple[str, str, str, Path]]:
    """(source, table, COPY options, csv) for every non-empty slice of the store."""
    db = ladybug.Database(str(db_path), read_only=True)
    conn = ladybug.Connection(db)
    keys = {n.label: n.key for n in schema.NODES}
    slices = []

    def dump(source: str, table: str, options: str, query: str) -> None:
        csv = out / f"{len(slices):03d}.csv"
        conn.execute(f"COPY ({query}) TO {_literal(str(csv))} (header=true)")
        if csv.exists() and len(csv.read_text().splitlines()) > 1:
            slices.append((source, table, options, csv))

    def sources(match: str, var: str) -> list[str]:
        frame = conn.execute(f"{match} RETURN DISTINCT {var}.source AS s").get_as_df()
        return [s for s in frame["s"] if isinstance(s, str)]

    for node in schema.NODES:
        match = f"MATCH (n:{node.label})"
        cols = ", ".join(f"n.{_q(p.name)} AS {_q(p.name)}" for p in node.props)
        for s in sources(match, "n"):
            dump(s, node.label, "", f"{match} WHERE n.source = {_literal(s)} RETURN {cols}")
    for rel in schema.RELS:
        cols = ", ".join(f"r.{_q(p.name)} AS {_q(p.name)}" for p in rel.props)
        for a, b in rel.endpoints:
            match = f"MATCH (a:{a})-[r:{rel.type}]->(b:{b})"
            ends = f"a.{_q(keys[a])} AS `from`, b.{_q(keys[b])} AS `to`"
            options = f", from='{a}', to='{b}'" if len(rel.endpoints) > 1 else ""
            for s in sources(match, "r"):
                dump(s, rel.type, options,
                     f"{match} WHERE r.source = {_literal(s)} RETURN {ends}, {cols}")
    conn.close()
    db.close()
    return slices


def counts(path: Path) -> dict[str, int]:
    """Rows per node and relationship table."""
    db = ladybug.Database(str(path), read_only=True)
    conn = ladybug.Connection(db)
    out = {n.label: conn.execute(f"MATCH (n:{n.label}) RETURN count(n)").get_next()[0]
           for n in schema.NODES}
    out |= {r.type: conn.execute(f"MATCH ()-[r:{r.type}]->() RETURN count(r)").get_next()[0]
            for r in schema.RELS}
    conn.close()
    db.close()
    return out


def floor(slices: list[tuple[str, str, str, Path]], path: Path) -> tuple[float, dict[str, float]]:
    """Seconds for a fresh store: schema, every ``COPY FROM`` (nodes first), close; and the
    seconds of the copies per source."""
    per_source: dict[str, float] = defaultdict(float)
    start = time.perf_counter()
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    for statement in schema.ladybug_ddl():
        conn.execute(statement)
    for source, table, options, csv in slices:
        t = time.perf_counter()
        conn.execute(f"COPY {table} FROM {_literal(str(csv))} (header=true{options})")
        per_source[source] += time.perf_counter() - t
    conn.execute("CHECKPOINT")
    conn.close()
    db.close()
    return time.perf_counter() - start, dict(per_source)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        totals, floors, summaries, floor_parts = [], [], [], []
        for run in range(args.runs):  # ingest and floor alternate: the same machine for both
            db = Path(tmp) / f"graph{run}.lbug"
            start = time.perf_counter()
            with LadybugStore(db) as store:
                summaries.append(ingest(store, ["all"]))
            totals.append(time.perf_counter() - start)
            out = Path(tmp) / f"csv{run}"
            out.mkdir()
            bulk = Path(tmp) / f"floor{run}.lbug"
            seconds, parts = floor(export(db, out), bulk)
            if counts(bulk) != counts(db):  # the same rows, or the ratio says nothing
                raise SystemExit(f"the floor store holds other rows: {counts(bulk)} "
                                 f"against {counts(db)}")
            floors.append(seconds)
            floor_parts.append(parts)
        summary = summaries[-1][["source", "rows read", "nodes", "relationships", "spells"]].copy()
        summary["seconds"] = [statistics.median(s["seconds"].iloc[i] for s in summaries)
                              for i in range(len(summary))]
        summary["floor s"] = [statistics.median(p.get(name, 0.0) for p in floor_parts)
                              for name in summary["source"]]
        summary["ratio"] = (summary["seconds"] / summary["floor s"]).where(summary["floor s"] > 0)
    print(summary.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    with gzip.open(SOURCES["atop"].default_path, "rt") as fh:
        atop = pd.read_csv(fh)
    undirected = atop[atop.ccode1 < atop.ccode2]
    spells = int(summary.set_index("source").loc["atop", "spells"])
    print(f"\nATOP: {len(atop):,} directed dyad-years = {len(undirected):,} undirected "
          f"→ {spells:,} ALLIED_WITH spells ({len(undirected) / spells:.1f}:1 compression)")
    total, bulk = statistics.median(totals), statistics.median(floors)
    ratio = total / bulk
    print(f"ingest all (store creation and publishing included), median of {args.runs}: "
          f"{total:.2f} s (goal ≤ {GOAL_SECONDS:.0f} s: "
          f"{'met' if total <= GOAL_SECONDS else 'missed'})")
    print(f"floor, ladybug COPY FROM CSV of the same rows (schema and checkpoint included): "
          f"{bulk:.2f} s; ratio {ratio:.2f}× (goal ≤ {GOAL_RATIO:.0f}×: "
          f"{'met' if ratio <= GOAL_RATIO else 'missed'})")


if __name__ == "__main__":
    main()
