"""Treaty commands: treaties (portfolios and shared treaties), treaty (members over time),
design (alliance design by period)."""

from __future__ import annotations

import click

from .._lazy import lazy_module
from ..output import emit
from . import App, cli
from .options import output_options, treaty_year_options, years
from .ranges import LAST_YEAR, STEP, TREATY_FIRST_YEAR, TREATY_YEAR

# what the terminal table shows of a portfolio (csv/json get every column)
PORTFOLIO_COLUMNS = ["group_id", "name", "kind", "role", "defense", "offense", "neutrality",
                     "nonaggression", "consultation", "signed", "since", "in_force_date",
                     "review_from", "until", "members", "carried"]

api = lazy_module("alliance_graph.api")  # loaded when a command runs, not for --help


@cli.command()
@click.option("--state", required=True, metavar="STATE",
              help="COW abbreviation (TUR), COW number (640), ISO code or name (Türkiye).")
@click.option("--with", "other", metavar="ACTOR",
              help="Only the treaties and partnerships shared with this actor (as --state).")
@treaty_year_options
@output_options
@click.pass_obj
def treaties(app: App, state, other, year, first, last, fmt, out) -> None:
    """A state's alliances: its treaties and partnerships in a year, the ones it shares with
    another actor (--with), or its portfolio year by year (--from/--to)."""
    first, last = years(year, first, last)
    with app.store(read_only=True) as store:
        code, name = api.actor(store, state, "state")
        who = f"{name} ({code})"
        if other:
            code_b, name_b = api.actor(store, other)
            table = api.shared_treaties(store, code, code_b, first, last)
            when = str(first) if first == last else f"{first}–{last}"
            emit(table, fmt, out=out, title=f"Treaties tying {who} and {name_b} ({code_b}), "
                                              f"{when}")
            # what the post-2018 review of each ATOP treaty shown found, with its source
            if fmt == "table" and last > 2018:
                atop = [g for g in dict.fromkeys(table["group_id"]) if str(g).startswith("ATOP-")]
                for group_id in atop:
                    review = api.review_line(api.treaty_review(store, group_id))
                    if review:
                        click.echo(f"{group_id}: {review}")
            return
        table = api.portfolio(store, code, first, last)
    if first == last:
        shown = table[PORTFOLIO_COLUMNS] if fmt == "table" else table
        emit(shown, fmt, out=out, title=f"Alliances of {who} in {first} "
                                        "(treaties first, then partnerships)")
        return
    emit(api.portfolio_over_time(table), fmt, out=out,
         title=f"Alliance portfolio of {who}, {first}–{last} (treaties by the "
               "state's own obligations)")


@cli.command()
@click.argument("group_id")
@click.option("--year", type=TREATY_YEAR, help="Only the members in this year.")
@output_options
@click.pass_obj
def treaty(app: App, group_id, year, fmt, out) -> None:
    """A treaty's members and obligations over time (GROUP_ID: an id, alias or name, e.g.
    ATOP-3180, NATO or "Warsaw Pact")."""
    with app.store(read_only=True) as store:
        table = api.treaty_members(store, group_id, year)
        review = api.review_line(api.treaty_review(store, group_id))
    name = table["name"].iloc[0] if len(table) else group_id
    when = f" in {year}" if year is not None else ""
    emit(table.drop(columns=["group_id", "name"]), fmt, out=out,
         title=f"{name} ({table['group_id'].iloc[0] if len(table) else group_id}): "
               f"members{when}")
    if review and fmt == "table":  # csv/json stay one table
        click.echo(review)


@cli.command()
@click.option("--from", "first", type=TREATY_YEAR, default=TREATY_FIRST_YEAR,
              show_default=True)
@click.option("--to", "last", type=TREATY_YEAR, default=LAST_YEAR, show_default=True)
@click.option("--step", type=STEP, default=10, show_default=True, help="Years per period.")
@output_options
@click.pass_obj
def design(app: App, first, last, step, fmt, out) -> None:
    """How alliance design changed: share of alliances in force with an integrated command,
    military aid, bases… per period (ATOP design variables)."""
    with app.store(read_only=True) as store:
        table = api.design(store, first, last, step)
    emit(table, fmt, out=out, title=f"Alliance design by {step}-year period, {first}–{last} "
                                    "(share of alliances in force)")
