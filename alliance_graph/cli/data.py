"""Commands that build and inspect the graph: init, ingest, sources, query."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import click

from .. import querylib
from .._lazy import lazy_module
from ..output import check_new, emit, force_option
from ..schema import OBLIGATIONS
from ..store.readonly import check_read_only
from . import App, cli, warn_missing
from .options import evidence_option, network, network_options, output_options
from .ranges import LAST_YEAR, YEAR, ExistingPath

_ingest = lazy_module("alliance_graph.ingest")  # loaded when a command runs, not for --help


@cli.command()
@click.pass_obj
def init(app: App) -> None:
    """Create the schema (constraints and indexes, or embedded tables)."""
    with app.store() as store:
        n = store.init_schema()
        click.echo(f"schema ready on {store.description} ({n} statements)")


@cli.command()
@click.pass_obj
def status(app: App) -> None:
    """Which store is in use, what it holds (sources loaded, with version, rows and time;
    a warning on stderr for each source not loaded), and whether Neo4j has GDS."""
    with app.store(read_only=True) as store:
        click.echo(store.description)
        counts = store.counts()
        for element in sorted(counts):
            click.echo(f"  {element:<16} {counts[element]:>8,}")
        loads = _ingest.loaded_sources(store)
        if len(loads):
            emit(loads.drop(columns="name"), "table", title="Sources loaded")
        warn_missing(store, list(_ingest.SOURCE_NAMES), analysis=False, loads=loads)
        if store.dialect == "neo4j":
            version = store.gds_version()  # type: ignore[attr-defined]  # a Neo4jStore
            click.echo(f"Graph Data Science: {version or 'not available (check NEO4J_PLUGINS)'}")


@contextmanager
def _progress():
    """A progress bar per source on stderr (hidden when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
    )

    err_console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err_console, transient=True,
        disable=not err_console.is_terminal,
    ) as bar:
        def start(name: str, total: int):
            task = bar.add_task(name, total=total)
            return lambda n: bar.advance(task, n)

        yield start


class _IngestCommand(click.Command):
    """Its help ends with the source names, read from the registry only when shown."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help and self.help.rstrip().endswith("Sources:"):
            self.help = self.help.rstrip() + " " + ", ".join(["all", *_ingest.SOURCE_NAMES])
        super().format_help_text(ctx, formatter)


@cli.command("ingest", cls=_IngestCommand)
@click.argument("sources", nargs=-1, required=True)
@click.option("--file", "path", type=ExistingPath(),
              help="Load this file (or curated folder) instead of the bundled one; "
                   "one source only.")
@click.option("--allow-shrink", is_flag=True,
              help="Load even if this removes more than 10% of a kind of node or tie "
                   "(e.g. a shorter state list dropping the ties of the states it leaves "
                   "out).")
@output_options
@click.pass_obj
def ingest_cmd(app: App, sources: tuple[str, ...], path: str | None, allow_shrink: bool,
               fmt: str, out: str | None) -> None:
    """Load SOURCES (or `all`) into the graph, each in one transaction.

    Sources: """
    # one write session: published only if every source loads (see LadybugStore)
    with app.store(rebuild="all" in sources) as store, _progress() as progress:
        summary = _ingest.ingest(store, sources, path=path, progress=progress,
                                 allow_shrink=allow_shrink)
        title = f"Loaded into {store.description}"
        if fmt != "table":
            emit(summary, fmt, out=out, title=title)
            return
        emit(summary.drop(columns="notes"), fmt, out=out, title=title)
        for row in summary.itertuples():
            if row.notes:
                click.echo(f"{row.source}: {row.notes}")


@cli.command()
@click.option("--coverage", "by_year", is_flag=True,
              help="Per year: ties from ATOP (observed), from curated records, and carried "
                   "forward from censored ATOP spells.")
@click.option("--from", "first", type=YEAR, default=2015, show_default=True,
              help="First year of --coverage.")
@click.option("--to", "last", type=YEAR, default=LAST_YEAR, show_default=True,
              help="Last year of --coverage.")
@click.option("--ties", default=",".join(OBLIGATIONS), show_default=True,
              help="Tie types counted by --coverage.")
@evidence_option
@output_options
@click.pass_obj
def sources(app: App, by_year: bool, first: int, last: int, ties: str, fmt: str,
            out: str | None) -> None:
    """List every source: version, coverage, counts in the store, citation."""
    if by_year:
        from .. import api

        with app.store(read_only=True) as store:
            evidence = click.get_current_context().meta.get("evidence", "all")
            table = api.coverage(store, first, last,
                                 api.network("all", ties, evidence=evidence))
        emit(table, fmt, out=out, title="Alliance ties by origin (--ties "
                                        f"{ties}; a tie may have several origins), then "
                                        "the ATOP alliances reviewed after 2018 by status")
        return
    settings = app.settings
    if settings.backend == "ladybug" and not settings.db_path.exists():
        store = None  # nothing loaded yet: still list the sources
    else:
        store = app.store(read_only=True)  # an unreachable Neo4j is an error, not blanks
    try:
        emit(_ingest.sources_table(store), fmt, out=out, title="Sources")
    finally:
        if store is not None:
            store.close()


def _parse_param(text: str) -> tuple[str, object]:
    if "=" not in text:
        raise click.BadParameter(f"'{text}' is not NAME=VALUE", param_hint="--param")
    name, raw = text.split("=", 1)
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw  # plain text
    return name.strip(), value


@cli.command()
@click.argument("name", required=False)
@click.option("--cypher", help="Ad-hoc Cypher text instead of a named query.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter; VALUE is JSON (2018, [\"USA\"]) or plain text.")
@click.option("--write", is_flag=True, help="Allow the query to change the graph.")
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@output_options
@click.pass_obj
def query(app: App, name: str | None, cypher: str | None, params: tuple[str, ...],
          write: bool, list_: bool, fmt: str, out: str | None) -> None:
    """Run a named query from queries/ or --cypher TEXT (read-only unless --write)."""
    if list_:
        import pandas as pd

        from ..store.dialect import status

        rows = [
            {"name": n, "embedded": status(n), "parameters": ", ".join(q.params),
             "description": q.description}
            for n in querylib.names() + querylib.names("browser")
            for q in [querylib.load(n)]
        ]
        emit(pd.DataFrame(rows), fmt, out=out, title="Named queries")
        return
    if bool(name) == bool(cypher):
        raise click.UsageError("give a query NAME or --cypher TEXT (one of them)")
    values = dict(_parse_param(p) for p in params)
    if cypher and not write:
        check_read_only(cypher)  # refused before the store is even opened
    with app.store(read_only=not write) as store:
        if name:
            q = querylib.load(name, store.dialect)
            q.check_params(values)
            text = q.body
        else:
            text = cypher
        frame = store.run_cypher(text, values, write=write)
    emit(frame, fmt, out=out, title=name)


@cli.command()
@click.option("--year", type=YEAR, required=True)
@network_options
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv", "json"]),
              default="graphml", show_default=True,
              help="graphml/gexf (Gephi, Cytoscape), csv (a folder: nodes.csv, edges.csv), "
                   "json (node-link).")
@click.option("--out", "-o", required=True, type=click.Path(),
              help="File to write (a folder for csv); an existing file only with --force.")
@force_option
@click.option("--no-metrics", is_flag=True, help="Leave out the centralities.")
@click.option("--no-blocs", is_flag=True, help="Leave out the blocs.")
@click.pass_obj
def export(app: App, year, source, ties, weighted, censored, fmt, out, no_metrics,
           no_blocs) -> None:
    """Write a year's network for Gephi, R or a spreadsheet (with blocs and centralities)."""
    from .. import api
    from ..ingest import network_sources

    net = network(source, ties, weighted, censored)
    target = Path(out)
    check_new(*([target / "nodes.csv", target / "edges.csv"] if fmt == "csv" else [target]))
    if fmt != "csv" and target.is_dir():
        raise click.BadParameter(f"{out} is a folder (only --format csv writes a folder)",
                                 param_hint="--out")
    with app.store(read_only=True) as store:
        warn_missing(store, network_sources(net))
        written = api.export(store, year, out, fmt, net, metrics=not no_metrics,
                             blocs=not no_blocs)
    click.echo("wrote " + ", ".join(str(p) for p in written) + f" ({net.label})")
