"""Make the README's figures from the bundled data (no hand-drawn images).

    python docs/figures.py            # builds a temporary embedded store, writes docs/*.png
    python docs/figures.py --db PATH  # or uses an existing one
"""

from __future__ import annotations

import argparse
from pathlib import Path

from alliance_graph import api
from alliance_graph.ingest import bundled_database
from alliance_graph.plots import camp_plot, timeline_plot
from alliance_graph.store.embedded import LadybugStore

HERE = Path(__file__).resolve().parent


def make(db: Path) -> list[Path]:
    net = api.network()  # the default network (README "Network typology")
    with LadybugStore(db, read_only=True) as store:
        blocs = camp_plot(api.camps(store, 2024, net), HERE / "blocs-2024.png",
                          f"Camps and blocs 2024 (consensus Leiden)\n{net.label}")
        long = api.timeline(store, 1946, 2025, net, metrics=["betweenness"],
                            states=["USA", "TUR", "RUS", "CHN", "FRN"])
        timeline = timeline_plot(long, HERE / "betweenness-1946-2025.png",
                                 f"Betweenness 1946–2025\n{net.label}")
    return [blocs, timeline]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    with bundled_database(args.db) as db:
        for path in make(db):
            print(f"wrote {path}")


if __name__ == "__main__":
    main()
