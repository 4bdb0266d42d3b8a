"""``alliances signed``: signed blocs and balance of an external edge list (no store)."""

from __future__ import annotations

import click

from .._lazy import lazy_module
from ..output import emit
from . import cli
from .analysis import _print_notes
from .options import output_options
from .ranges import RESOLUTION, SEED

api = lazy_module("alliance_graph.api")  # loaded when a command runs, not for --help


@cli.command()
@click.option("--edges", "edges_path", required=True, type=click.Path(dir_okay=False),
              help="CSV with columns from, to, sign (+1/-1) and optionally period.")
@click.option("--nodes", "nodes_path", type=click.Path(dir_okay=False),
              help="CSV listing every actor (column name or code; optionally period), "
                   "isolates included.")
@click.option("--period", help="The period to analyse when the files hold several "
                               "(e.g. 46-49 in Doreian & Mrvar's data).")
@click.option("--resolution", type=RESOLUTION, default=1.0, show_default=True,
              help="Modularity resolution γ (higher: more, smaller blocs).")
@click.option("--seed", type=SEED, default=42, show_default=True,
              help="Random seed: the same seed gives the same partition.")
@click.option("--exact", is_flag=True,
              help="Also the exact frustration index (line index of balance; needs scipy).")
@output_options
def signed(edges_path, nodes_path, period, resolution, seed, exact, fmt, out) -> None:
    """Signed blocs, frustration and balance of a signed edge list from a file."""
    table, summary = api.signed_blocs_file(edges_path, period, nodes_path,
                                           resolution=resolution, seed=seed, exact=exact)
    shown = table.drop(columns="codes") if fmt == "table" else table
    title = f"Signed blocs — {edges_path}" + (f", period {period}" if period else "")
    emit(shown, fmt, out=out, title=title)
    # with --out the file gets the blocs; the summary still goes to the terminal
    emit(summary, fmt if out is None else "table", title="Frustration and balance")
    _print_notes(table)
