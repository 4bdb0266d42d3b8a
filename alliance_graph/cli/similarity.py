"""Alliance portfolio similarity: `alliances similarity`."""

from __future__ import annotations

import click

from .._lazy import lazy_module
from ..analytics.network import CENSORING, SOURCE_FAMILIES
from ..output import check_new, check_plot, emit, staged
from . import App, cli
from .analysis import _print_notes
from .options import output_options, year_options, years
from .ranges import COUNT

# loaded when a command runs, not for --help
api = lazy_module("alliance_graph.api")
plots = lazy_module("alliance_graph.plots")


@cli.command()
@year_options
@click.option("--state", help="A state (COW abbreviation or number, ISO code or name): its "
                               "pairs, most similar first.")
@click.option("--with", "other", help="With --state: just this pair (needed for --from/--to).")
@click.option("--source", type=click.Choice(list(SOURCE_FAMILIES)), default="all",
              show_default=True, help="Formal alliances from ATOP, the curated treaties, or both.")
@click.option("--censored", type=click.Choice(CENSORING), default="carry", show_default=True,
              help="Alliances still open when their data ended: carry forward or drop.")
@click.option("--top", type=COUNT, default=20, show_default=True,
              help="Rows to show in a table (0 = all).")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False),
              help="With --from/--to: CSV of the series (default similarity-X-Y.csv).")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False),
              help="With --from/--to: also a PNG of the series.")
@output_options
@click.pass_obj
def similarity(app: App, year, first, last, state, other, source, censored, top, csv_path,
               plot_path, fmt, out) -> None:
    """Alliance portfolio similarity of pairs of states: S and weighted S (Signorino &
    Ritter 1999), Cohen's kappa (Häge 2011), Kendall's tau-b (Bueno de Mesquita 1975)."""
    first, last = years(year, first, last)
    if first != last:
        if not (state and other):
            raise click.UsageError("a series (--from/--to) needs --state X --with Y")
        # before the work, as every series command: no file is overwritten without --force
        csv_path = csv_path or f"similarity-{state.strip().upper()}-{other.strip().upper()}.csv"
        check_new(csv_path, plot_path)
        check_plot(plot_path)
    with app.store(read_only=True) as store:
        if first == last:
            table = api.similarity(store, first, state=state, other=other, source=source,
                                   censored=censored)
        else:
            table = api.similarity_series(store, first, last, state, other, source=source,
                                          censored=censored)
    if first == last:
        shown = table.head(top) if top and fmt == "table" else table
        emit(shown, fmt, out=out, title=f"Alliance portfolio similarity {first} — {source}")
        _print_notes(table)
        return
    pair = f"{table['a'].iloc[0]}-{table['b'].iloc[0]}"
    written = [csv_path, *([plot_path] if plot_path else [])]
    with staged(*written) as files:  # written only when both succeed
        table.to_csv(files[0], index=False)
        if plot_path:
            label = f"{table['a_name'].iloc[0]}–{table['b_name'].iloc[0]}"
            long = table.melt(id_vars=["year"], value_vars=["s", "s_weighted", "kappa", "tau_b"],
                              var_name="metric", value_name="value").assign(code=pair,
                                                                             name=label)
            plots.timeline_plot(long, files[1],
                          f"Alliance portfolio similarity {first}–{last} ({source})")
    emit(table.drop(columns=["a_name", "b_name"]), fmt, out=out,
         title=f"Alliance portfolio similarity {first}–{last} — {source}")
    _print_notes(table)
    click.echo(f"wrote {' and '.join(written)} ({len(table)} years)", err=True)
