"""Analytics commands: centrality, timeline, report, blocs, powers, brokers."""

from __future__ import annotations

import click
import pandas as pd

from .. import api
from ..analytics.centrality import METRICS
from ..output import emit
from ..plots import bloc_plot, timeline_plot
from . import App, cli
from .options import (
    bloc_options,
    codes,
    network_options,
    output_options,
    power_options,
    ranks,
    series_options,
    year_options,
    years,
)


def _net(source: str, ties: str, weighted: str | None, censored: str) -> api.Network:
    return api.network(source, ties, weighted, censored)


def _display(table: pd.DataFrame, metrics: list[str]) -> pd.DataFrame:
    """For the terminal: one 'value (#rank)' cell per metric."""
    out = table[["code", "name", "ccode"]].copy()
    for m in metrics:
        value = table[m].map(lambda v: f"{v:.4g}" if abs(v) < 1e4 else f"{v:,.0f}")
        out[m] = value + " (#" + table[f"{m}_rank"].astype(str) + ")"
    return out


def _print_notes(frame: pd.DataFrame) -> None:
    for note in frame.attrs.get("notes", []):
        click.secho(note, dim=True, err=True)


@cli.command()
@year_options
@network_options
@click.option("--metric", "sort", type=click.Choice(list(METRICS)), default="degree",
              show_default=True, help="Rank by this metric.")
@click.option("--metrics", default=",".join(METRICS), show_default=True,
              help="Comma-separated metrics to compute.")
@click.option("--top", type=int, default=15, show_default=True,
              help="Show the N highest-ranked actors (0 = all).")
@click.option("--engine", type=click.Choice(["python", "gds"]), default="python",
              show_default=True, help="gds: compute inside Neo4j Graph Data Science.")
@click.option("--write", is_flag=True, help="Store the scores in the graph (SCORED).")
@output_options
@click.pass_obj
def centrality(app: App, year, first, last, source, ties, weighted, censored, sort,
               metrics, top, engine, write, fmt, out) -> None:
    """Who is central: degree, strength, betweenness, closeness, eigenvector, PageRank."""
    first, last = years(year, first, last)
    names = [m.strip() for m in metrics.split(",") if m.strip()]
    net = _net(source, ties, weighted, censored)
    with app.store(read_only=not write) as store:
        if first == last:
            table = api.centrality(store, first, net, metrics=names, sort=sort,
                                   top=top or None, engine=engine, write=write)
            shown = [sort, *[n for n in names if n != sort]]
            title = f"Centrality {first} — network {net.id}, ranked by {sort}"
            emit(_display(table, shown) if fmt == "table" else table, fmt, out=out, title=title)
            _print_notes(table)
            return
        long = api.timeline(store, first, last, net, metrics=[sort], write=write)
    if top:
        long = long[long["rank"] <= top]
    long = long.sort_values(["year", "rank", "code"])
    emit(long, fmt, out=out, title=f"{sort} {first}–{last}, network {net.id}")


@cli.command()
@click.option("--from", "first", type=int, default=1816, show_default=True)
@click.option("--to", "last", type=int, default=2025, show_default=True)
@network_options
@click.option("--metric", "metrics", multiple=True, type=click.Choice(list(METRICS)),
              default=("betweenness",), show_default=True,
              help="Metric to follow (repeat for several).")
@series_options("USA,TUR,RUS,CHN", "timeline-<metric>")
@click.option("--write", is_flag=True, help="Store every year's scores in the graph.")
@click.pass_obj
def timeline(app: App, first, last, source, ties, weighted, censored, metrics, states,
             csv_path, plot_path, write) -> None:
    """A metric for every year of a range: CSV plus a line plot for chosen states."""
    net = _net(source, ties, weighted, censored)
    with app.store(read_only=not write) as store:
        long = api.timeline(store, first, last, net, metrics=list(metrics), states=codes(states),
                            write=write)
    stem = f"timeline-{'-'.join(metrics)}"
    csv_path = csv_path or f"{stem}.csv"
    plot_path = plot_path or f"{stem}.png"
    long.to_csv(csv_path, index=False)
    title = f"{', '.join(metrics)} {first}–{last} (network {net.id})"
    timeline_plot(long, plot_path, title)
    click.echo(f"wrote {csv_path} ({len(long):,} rows) and {plot_path}")


@cli.command()
@click.option("--year", type=int, default=2018, show_default=True,
              help="Year of the ATOP defense-pact table (ATOP ends 2018).")
@click.option("--recent", type=int, default=2025, show_default=True,
              help="Year of the contemporary tables (all sources).")
@click.option("--top", type=int, default=10, show_default=True)
@click.pass_obj
def report(app: App, year: int, recent: int, top: int) -> None:
    """Headline analytics: who is central, which blocs exist, who brokers."""
    with app.store(read_only=True) as store:
        for title, frame in api.report(store, year=year, recent=recent, top=top):
            emit(frame, "table", title=title)
            _print_notes(frame)


@cli.command()
@year_options
@network_options
@bloc_options
@click.option("--signed", is_flag=True,
              help="Rivalries as negative ties: signed modularity blocs and frustration.")
@click.option("--conflict", type=click.Choice(["mid"]),
              help="With --signed: militarized disputes as negative ties too.")
@click.option("--balance", "show_balance", is_flag=True,
              help="Structural balance: signed triangles and the most unbalanced ones.")
@click.option("--triangles", type=int, default=10, show_default=True,
              help="How many unbalanced triangles --balance lists.")
@click.option("--threshold", type=float, default=0.3, show_default=True,
              help="With --from/--to: Jaccard overlap that makes a bloc the same bloc.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False),
              help="PNG of the year's network coloured by bloc.")
@click.option("--write", is_flag=True, help="Store blocs in the graph (Bloc, IN_BLOC).")
@output_options
@click.pass_obj
def blocs(app: App, year, first, last, source, ties, weighted, censored, method, resolution,
          seed, signed, conflict, show_balance, triangles, threshold, plot_path, write, fmt,
          out) -> None:
    """Which blocs the alliance system forms, and how rivalries cut across them."""
    first, last = years(year, first, last)
    net = _net(source, ties, weighted, censored)
    options = {"method": method, "resolution": resolution, "seed": seed, "signed": signed,
               "conflict": conflict}
    with app.store(read_only=not write) as store:
        if first != last:
            lineages, switches = api.bloc_dynamics(store, first, last, net, threshold=threshold,
                                                   **options)
            summary = (lineages.groupby(["lineage", "label"], as_index=False)
                       .agg(first=("year", "min"), last=("year", "max"), largest=("size", "max")))
            emit(summary, fmt, title=f"Blocs {first}–{last}")
            emit(switches, fmt, out=out, title="Actors that changed bloc")
            return
        table = api.blocs(store, first, net, write=write, **options)
        shown = table.drop(columns="codes") if fmt == "table" else table
        emit(shown, fmt, out=out, title=f"Blocs {first} — network {net.id}")
        _print_notes(table)
        if show_balance:
            summary, unbalanced = api.balance(store, first, net, conflict)
            emit(summary, fmt, title=f"Structural balance {first}")
            emit(unbalanced.head(triangles), fmt, title="Most unbalanced triangles")
        if plot_path:
            bloc_plot(table, plot_path, f"Alignment blocs {first} ({net.id}, {method})",
                      seed=seed)
            click.echo(f"wrote {plot_path}", err=True)


@cli.command()
@click.option("--year", type=int, required=True)
@power_options
@output_options
@click.pass_obj
def powers(app: App, year, include, cinc_ranks, fmt, out) -> None:
    """Major, middle and other powers of a year, with CINC score and rank."""
    with app.store(read_only=True) as store:
        table = api.powers(store, year, ranks=ranks(cinc_ranks), include=include)
    emit(table, fmt, out=out, title=f"Powers {year}")
    _print_notes(table)


@cli.command()
@year_options
@network_options
@click.option("--groups", type=click.Choice(["blocs", "region"]), default="blocs",
              show_default=True, help="Groups the brokerage roles are counted between.")
@click.option("--middle-powers", is_flag=True, help="Rank only the middle powers.")
@power_options
@bloc_options
@click.option("--top", type=int, default=15, show_default=True, help="Rows to show (0 = all).")
@series_options("TUR,AZE,SAU,IND,JPN,ROK,UAE", "brokers")
@click.option("--write", is_flag=True, help="Store broker scores in the graph (SCORED).")
@output_options
@click.pass_obj
def brokers(app: App, year, first, last, source, ties, weighted, censored, groups,
            middle_powers, include, cinc_ranks, method, resolution, seed, top, states,
            csv_path, plot_path, write, fmt, out) -> None:
    """Who brokers between blocs: Gould–Fernandez roles, betweenness, structural holes."""
    first, last = years(year, first, last)
    net = _net(source, ties, weighted, censored)
    options = {"groups": groups, "middle_powers": middle_powers, "include": include,
               "ranks": ranks(cinc_ranks), "method": method, "resolution": resolution,
               "seed": seed}
    with app.store(read_only=not write) as store:
        if first == last:
            table = api.brokers(store, first, net, write=write, **options)
            shown = table.head(top) if top else table
            if fmt == "table":
                shown = shown[["rank", "code", "name", "class", "cinc_rank", "group",
                               "broker_score", "liaison_z", "gatekeeper_z", "betweenness",
                               "constraint", "effective_size", "bridges"]]
            who = "Middle powers" if middle_powers else "Actors"
            emit(shown, fmt, out=out, title=f"{who} ranked as brokers {first} — {net.id}")
            _print_notes(table)
            return
        long = api.brokers_series(store, first, last, net, states=codes(states), **options)
    csv_path = csv_path or "brokers.csv"
    plot_path = plot_path or "brokers.png"
    long.to_csv(csv_path, index=False)
    timeline_plot(long[long["metric"].isin(["broker_score", "betweenness"])], plot_path,
                  f"Brokerage {first}–{last} (network {net.id}, groups: {groups})")
    click.echo(f"wrote {csv_path} ({len(long):,} rows) and {plot_path}")
