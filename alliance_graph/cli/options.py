"""Options shared by many commands, each defined once."""

from __future__ import annotations

import click

from ..output import FORMATS


def output_options(fn):
    fn = click.option("--out", "-o", type=click.Path(dir_okay=False),
                      help="Write to a file instead of standard output.")(fn)
    fn = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                      show_default=True, help="Output format.")(fn)
    return fn


def network_options(fn):
    """--source/--ties/--weighted/--censored: which network to measure."""
    from ..analytics.projection import CENSORING, SOURCE_FAMILIES, TIE_TYPES, WEIGHTS

    fn = click.option("--censored", type=click.Choice(CENSORING), default="carry",
                      show_default=True,
                      help="Spells still open when their data ended: carry them forward "
                           "(flagged) or drop them after the last observed year.")(fn)
    fn = click.option("--weighted", type=click.Choice(WEIGHTS), is_flag=False,
                      flag_value="obligation", default=None,
                      help="Weight ties: `--weighted` (= obligation) by their strongest "
                           "obligation (defense/offense 3, neutrality/nonaggression 2, "
                           "consultation/partnership 1); `--weighted treaties` by the number "
                           "of treaties and partnerships the pair shares.")(fn)
    fn = click.option("--ties", default="defense", show_default=True,
                      help=f"Comma-separated tie types: {', '.join(TIE_TYPES)}.")(fn)
    fn = click.option("--source", type=click.Choice(list(SOURCE_FAMILIES)), default="all",
                      show_default=True,
                      help="atop = the peer-reviewed datasets (ATOP, rivalries, MIDs); "
                           "curated = the cited contemporary dataset; all = both.")(fn)
    return fn


def year_options(fn):
    """--year Y, or --from Y1 --to Y2 for a series."""
    fn = click.option("--to", "last", type=int, help="Last year of a series.")(fn)
    fn = click.option("--from", "first", type=int, help="First year of a series.")(fn)
    fn = click.option("--year", type=int, help="One year.")(fn)
    return fn


def years(year: int | None, first: int | None, last: int | None) -> tuple[int, int]:
    """The (first, last) range the year options ask for."""
    if year is not None and (first is not None or last is not None):
        raise click.UsageError("give --year or --from/--to, not both")
    if year is not None:
        return year, year
    if first is None or last is None:
        raise click.UsageError("give --year Y, or --from Y1 --to Y2")
    if first > last:
        raise click.UsageError(f"--from {first} is after --to {last}")
    return first, last


def bloc_options(fn):
    """--method/--resolution/--seed: how blocs are found."""
    fn = click.option("--seed", type=int, default=42, show_default=True,
                      help="Random seed: the same seed gives the same partition.")(fn)
    fn = click.option("--resolution", type=float, default=1.0, show_default=True,
                      help="Modularity resolution γ (higher: more, smaller blocs).")(fn)
    fn = click.option("--method", type=click.Choice(["leiden", "louvain"]), default="leiden",
                      show_default=True, help="Community detection algorithm (modularity).")(fn)
    return fn


def series_options(states: str, stem: str):
    """--states/--csv/--plot for commands that follow actors over a range of years."""
    def decorate(fn):
        fn = click.option("--plot", "plot_path", type=click.Path(dir_okay=False),
                          help=f"PNG of the series (default {stem}.png).")(fn)
        fn = click.option("--csv", "csv_path", type=click.Path(dir_okay=False),
                          help=f"CSV of the series (default {stem}.csv).")(fn)
        fn = click.option("--states", default=states, show_default=True,
                          help="Comma-separated actor codes (COW abbreviations) to follow.")(fn)
        return fn
    return decorate


def codes(text: str) -> list[str]:
    """'usa, tur' → ['USA', 'TUR']."""
    return [c.strip().upper() for c in text.split(",") if c.strip()]


def ranks(text: str) -> tuple[int, int]:
    """'1-40' → (1, 40): the --cinc-ranks band."""
    try:
        low, high = (int(x) for x in text.split("-", 1))
    except ValueError:
        raise click.BadParameter(f"'{text}' is not a rank range like 1-40",
                                 param_hint="--cinc-ranks") from None
    return low, high


def power_options(fn):
    """--include/--cinc-ranks: who counts as a middle power."""
    fn = click.option("--include", metavar="CODES",
                      help="Also count these states as middle powers (comma-separated COW "
                           "codes; `seeds` = AZE,TUR,SAU,JPN,ROK,IND,UAE).")(fn)
    fn = click.option("--cinc-ranks", default="1-40", show_default=True,
                      help="CINC rank band of middle powers (major powers excluded).")(fn)
    return fn
