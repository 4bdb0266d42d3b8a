"""Analytics commands: centrality, timeline, report, blocs, powers, brokers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .._lazy import lazy_module
from ..analytics.network import CENTRALITY_METRICS as METRICS
from ..analytics.network import FIRST_YEAR, LAST_YEAR
from ..output import check_new, check_plot, emit, new_file, staged
from . import App, cli, warn_missing
from .flags import note
from .ranges import COUNT, ROWS, SHARE, YEAR
from .options import (
    TOP,
    bloc_options,
    consensus_options,
    codes,
    network,
    network_options,
    output_options,
    power_options,
    ranks,
    series_options,
    year_options,
    years,
)

if TYPE_CHECKING:
    import pandas as pd

# loaded when a command runs, not for --help
api = lazy_module("alliance_graph.api")
plots = lazy_module("alliance_graph.plots")
_ingest = lazy_module("alliance_graph.ingest")


LEVELS = ("camps", "blocs", "members", "single")


def _display(table: pd.DataFrame, metrics: list[str]) -> pd.DataFrame:
    """For the terminal: one 'value (#rank)' cell per metric."""
    out = table[["code", "name", "ccode", "iso3"]].copy()
    for m in metrics:
        value = table[m].map(lambda v: f"{v:.4g}" if abs(v) < 1e4 else f"{v:,.0f}")
        out[m] = value + " (#" + table[f"{m}_rank"].astype(str) + ")"
    return out


def _print_notes(frame: pd.DataFrame) -> None:
    for text in frame.attrs.get("notes", []):
        click.secho(note(text), dim=True, err=True)


@cli.command()
@year_options
@network_options
@click.option("--metric", "sort", type=click.Choice(list(METRICS)), default="degree",
              show_default=True, help="Rank by this metric.")
@click.option("--metrics", default=",".join(METRICS), show_default=True,
              help="Comma-separated metrics to compute.")
@click.option("--top", type=TOP, default="15", show_default=True,
              help="Show the N highest-ranked actors (N ≥ 1, or all).")
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
    net = network(source, ties, weighted, censored)
    with app.store(read_only=not write) as store:
        warn_missing(store, _ingest.network_sources(net))
        if first == last:
            table = api.centrality(store, first, net, metrics=names, sort=sort,
                                   top=top, engine=engine, write=write)
            shown = [sort, *[n for n in names if n != sort]]
            title = f"Centrality {first}, ranked by {sort} — {net.label}"
            emit(_display(table, shown) if fmt == "table" else table, fmt, out=out, title=title)
            _print_notes(table)
            return
        series = api.timeline(store, first, last, net, metrics=[sort], write=write)
    long = series[series["rank"] <= top] if top else series
    long = long.sort_values(["year", "rank", "code"])
    emit(long, fmt, out=out, title=f"{sort} {first}–{last} — {net.label}")
    _print_notes(series)


@cli.command()
@click.option("--from", "first", type=YEAR, default=FIRST_YEAR, show_default=True)
@click.option("--to", "last", type=YEAR, default=LAST_YEAR, show_default=True)
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
    years(None, first, last)
    net = network(source, ties, weighted, censored)
    stem = f"timeline-{'-'.join(metrics)}"
    csv_path = csv_path or f"{stem}.csv"
    plot_path = plot_path or f"{stem}.png"
    check_new(csv_path, plot_path)  # before the work, not after it
    check_plot(plot_path)
    with app.store(read_only=not write) as store:
        warn_missing(store, _ingest.network_sources(net))
        long = api.timeline(store, first, last, net, metrics=list(metrics), states=codes(states),
                            write=write)
    _series_not_empty(long, states, first, last)
    title = f"{', '.join(metrics)} {first}–{last}\n{net.label}"
    with staged(csv_path, plot_path) as (csv_tmp, plot_tmp):
        long.to_csv(csv_tmp, index=False)
        plots.timeline_plot(long, plot_tmp, title)
    click.echo(f"wrote {csv_path} ({len(long):,} rows) and {plot_path}")
    _print_notes(long)


def _series_not_empty(long: pd.DataFrame, states: str, first: int, last: int) -> None:
    if long.empty:
        raise click.ClickException(f"no values for {', '.join(codes(states)) or 'any actor'} "
                                   f"in {first}–{last}: nothing to write")


@cli.command()
@click.option("--year", type=YEAR, default=2018, show_default=True,
              help="Year of the ATOP defense-pact table (ATOP ends 2018).")
@click.option("--recent", type=YEAR, default=LAST_YEAR, show_default=True,
              help="Year of the contemporary tables (all sources).")
@click.option("--top", type=ROWS, default=10, show_default=True,
              help="Rows per table (N ≥ 1).")
@click.pass_obj
def report(app: App, year: int, recent: int, top: int) -> None:
    """Headline analytics: who is central, which blocs exist, who brokers."""
    with app.store(read_only=True) as store:
        warn_missing(store, _ingest.network_sources(api.network("all"), powers=True))
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
@click.option("--triangles", type=COUNT, default=10, show_default=True,
              help="How many unbalanced triangles --balance lists.")
@click.option("--threshold", type=SHARE, default=0.3, show_default=True,
              help="With --from/--to: Jaccard overlap that makes a bloc the same bloc.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), callback=new_file,
              help="PNG of the year's network coloured by bloc (an existing file only "
                   "with --force).")
@click.option("--level", type=click.Choice(LEVELS), default="camps", show_default=True,
              help="camps: camps, then the consensus blocs inside them; blocs: the blocs "
                   "with their camp; members: every actor's camp, bloc and standing; "
                   "single: one Leiden run (the seed's partition, as before camps).")
@click.option("--loose", type=SHARE, default=0.5, show_default=True,
              help="Affinity (share of tie strength to the own bloc) below which a member "
                   "is loosely attached.")
@click.option("--write", is_flag=True, help="Store blocs in the graph (Bloc, IN_BLOC).")
@output_options
@click.pass_obj
def blocs(app: App, year, first, last, source, ties, weighted, censored, method, resolution,
          seed, signed, conflict, show_balance, triangles, threshold, plot_path, level, loose,
          write, fmt, out) -> None:
    """Which camps and blocs the alliance system forms, and how rivalries cut across them.

    A camp is an alignment system (the U.S. alliance system); a bloc, a community inside
    it (NATO, the Rio/OAS signatories); both are consensus partitions over 20 Leiden
    seeds (README "Camps and blocs")."""
    first, last = years(year, first, last)
    check_plot(plot_path)
    net = network(source, ties, weighted, censored)
    options = {"method": method, "resolution": resolution, "seed": seed, "signed": signed,
               "conflict": conflict}
    negative = (" · negative ties: rivalries" + (" and disputes" if conflict else "")
                if signed or show_balance else "")
    with app.store(read_only=not write) as store:
        warn_missing(store, _ingest.network_sources(net, rivalries=signed or show_balance,
                                            disputes=conflict == "mid"))
        if first != last:
            lineages, switches = api.bloc_dynamics(store, first, last, net, threshold=threshold,
                                                   **options)
            summary = (lineages.groupby(["lineage", "label"], as_index=False)
                       .agg(first=("year", "min"), last=("year", "max"), largest=("size", "max")))
            emit(summary, fmt, title=f"Blocs {first}–{last} — {net.label}{negative}")
            emit(switches, fmt, out=out, title=f"Actors that changed bloc — {net.label}")
            return
        signed_ties = negative if signed else ""
        if signed or conflict or write or level == "single":
            table = api.blocs(store, first, net, write=write, **options)
            shown = table.drop(columns="codes") if fmt == "table" else table
            emit(shown, fmt, out=out, title=f"Blocs {first} — {net.label}{signed_ties}")
            _print_notes(table)
        else:
            table = _camps_output(store, first, net, method, resolution, loose, level, fmt,
                                  out)
        if show_balance:
            summary, unbalanced = api.balance(store, first, net, conflict)
            emit(summary, fmt, title=f"Structural balance {first} — {net.label}{negative}")
            emit(unbalanced.head(triangles), fmt, title="Most unbalanced triangles")
        if plot_path:
            how = "signed Leiden" if signed else method
            with staged(plot_path) as (tmp,):
                if "partition" in table.attrs:
                    plots.bloc_plot(table, tmp, f"Blocs {first} ({how})\n{net.label}{signed_ties}",
                              seed=seed)
                else:
                    plots.camp_plot(table.attrs["camps"], tmp,
                              f"Camps and blocs {first} ({how} consensus)\n{net.label}",
                              seed=seed)
            click.echo(f"wrote {plot_path}", err=True)


def _members_cell(m: pd.DataFrame, rows: pd.Series, level: str = "bloc") -> str:
    """Member names, loosely attached ones marked ~ with why (affinity, no tie to the
    core, outside the bloc's treaty)."""
    part = m[rows].sort_values("name")
    status = "status" if level == "bloc" else "camp_status"
    why = "why" if level == "bloc" else "camp_why"
    return ", ".join(f"~{r.name} ({getattr(r, why)})" if getattr(r, status) == "loosely attached"
                     else r.name for r in part.itertuples())


def _camps_output(store, year, net, method, resolution, loose, level, fmt, out):
    """``blocs`` at the camp level: camps first, then blocs (table format), or the one
    table ``--level`` names (other formats). Returns the bloc table (for --plot)."""
    result = api.camps(store, year, net, method=method, resolution=resolution, loose=loose)
    m = result.members
    camps = result.camp_table.copy()
    camps["members"] = [_members_cell(m, m["camp"] == c, "camp") for c in camps["camp"]]
    blocs = result.bloc_table.copy()
    blocs["loosely_attached"] = [int(((m["bloc"] == b) & (m["status"] == "loosely attached"))
                                     .sum()) for b in blocs["bloc"]]
    blocs["members"] = [_members_cell(m, m["bloc"] == b) for b in blocs["bloc"]]
    blocs["codes"] = [", ".join(sorted(m.loc[m["bloc"] == b, "code"])) for b in blocs["bloc"]]
    blocs.insert(1, "camp_label", blocs["camp"].map(dict(zip(camps["camp"], camps["label"]))))
    members = m.assign(camp_label=m["camp"].map(dict(zip(camps["camp"], camps["label"]))),
                       bloc_label=m["bloc"].map(dict(zip(blocs["bloc"], blocs["label"]))))
    members = members[["code", "name", "camp", "camp_label", "bloc", "bloc_label", "status",
                       "camp_status", "affinity", "camp_affinity", "bloc_share",
                       "camp_share", "strength", "tie_to_core", "camp_tie_to_core",
                       "outside_treaty", "why",
                       "strongest_outside"]].sort_values(["camp", "bloc", "name"])
    members.loc[members["camp"] < 0, ["camp_label", "bloc_label"]] = "unaligned"
    title = f"{year} — {net.label}"
    if level == "members":
        emit(members, fmt, out=out, title=f"Members of camps and blocs {title}")
    elif fmt == "table":
        if level == "camps":
            emit(camps, fmt, title=f"Camps {title}")
        emit(blocs.drop(columns=["codes", "hub", "treaty"]), fmt, out=out,
             title=f"Blocs {title}")
    else:
        emit(camps if level == "camps" else blocs, fmt, out=out,
             title=f"{level.title()} {title}")
    for text in result.notes:
        click.secho(note(text), dim=True, err=True)
    blocs.attrs["camps"] = result
    return blocs


@cli.command()
@click.option("--year", type=YEAR, required=True)
@power_options
@output_options
@click.pass_obj
def powers(app: App, year, include, cinc_ranks, fmt, out) -> None:
    """Major, middle and other powers of a year, with CINC score and rank."""
    with app.store(read_only=True) as store:
        warn_missing(store, ["cow-states", "cow-nmc", "cow-majors"])
        table = api.powers(store, year, ranks=ranks(cinc_ranks), include=include)
    emit(table, fmt, out=out, title=f"Powers {year}")
    _print_notes(table)


@cli.command()
@year_options
@network_options
@click.option("--groups", type=click.Choice(["blocs", "region"]), default="blocs",
              show_default=True, help="Groups the brokerage roles are counted between.")
@click.option("--middle-powers", is_flag=True, help="Rank only the middle powers.")
@click.option("--isolates", type=click.Choice(["exclude", "include"]), default="exclude",
              show_default=True,
              help="Actors without ties in the Gould-Fernandez null model (changes every "
                   "z-score, no count); either way equals sna::brokerage on that matrix.")
@power_options
@consensus_options
@click.option("--top", type=TOP, default="15", show_default=True,
              help="Rows to show (N ≥ 1, or all).")
@series_options("TUR,AZE,SAU,IND,JPN,ROK,UAE", "brokers")
@click.option("--write", is_flag=True, help="Store broker scores in the graph (SCORED).")
@output_options
@click.pass_obj
def brokers(app: App, year, first, last, source, ties, weighted, censored, groups,
            middle_powers, isolates, include, cinc_ranks, method, resolution, top, states,
            csv_path, plot_path, write, fmt, out) -> None:
    """Who brokers between camps and blocs: participation, Gould–Fernandez roles,
    betweenness, structural holes.

    Ranked by the weighted participation coefficient over camps (Guimerà & Amaral 2005),
    then over blocs, then betweenness; Gould–Fernandez counts over blocs and camps are
    shown beside their z-scores."""
    first, last = years(year, first, last)
    if first != last:
        csv_path = csv_path or "brokers.csv"
        plot_path = plot_path or "brokers.png"
        check_new(csv_path, plot_path)
        check_plot(plot_path)
    net = network(source, ties, weighted, censored)
    options = {"groups": groups, "middle_powers": middle_powers, "include": include,
               "ranks": ranks(cinc_ranks), "method": method, "resolution": resolution,
               "isolates": isolates}
    with app.store(read_only=not write) as store:
        warn_missing(store, _ingest.network_sources(net, powers=True))
        if first == last:
            table = api.brokers(store, first, net, write=write, explain=min(top or 15, 15),
                                **options)
            shown = table.head(top) if top else table
            if fmt == "table":
                shown = shown[["rank", "code", "name", "class", "camp",
                               "participation_camps", "participation_blocs", "connects",
                               "single_tie", "brokerage_camps", "brokerage", "liaison",
                               "liaison_z", "betweenness"]]
            who = "Middle powers" if middle_powers else "Actors"
            emit(shown, fmt, out=out, title=f"{who} ranked as brokers {first} — {net.label}")
            _print_notes(table)
            return
        long = api.brokers_series(store, first, last, net, states=codes(states), **options)
    _series_not_empty(long, states, first, last)
    with staged(csv_path, plot_path) as (csv_tmp, plot_tmp):
        long.to_csv(csv_tmp, index=False)
        plots.timeline_plot(long[long["metric"].isin(["brokerage", "betweenness"])], plot_tmp,
                      f"Brokerage {first}–{last} (groups: {groups})\n{net.label}")
    click.echo(f"wrote {csv_path} ({len(long):,} rows) and {plot_path}")
    _print_notes(long)
