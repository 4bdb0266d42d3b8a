"""Options shared by many commands, each defined once."""

from __future__ import annotations

import click

from ..output import FORMATS, force_option, new_file
from .ranges import RESOLUTION, SEED, TOP, TREATY_YEAR, YEAR  # noqa: F401 (TOP re-exported)


def output_options(fn):
    fn = click.option("--out", "-o", type=click.Path(dir_okay=False), callback=new_file,
                      help="Write to a file instead of standard output (an existing file "
                           "only with --force).")(fn)
    fn = force_option(fn)
    fn = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                      show_default=True, help="Output format.")(fn)
    return fn


def _unweighted(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:  # processed before --weighted's default, which then yields to it
        ctx.meta["unweighted"] = True


def _weighted(ctx: click.Context, param: click.Parameter, value: str) -> str | None:
    """``obligation`` or ``treaties``; None (every tie 1) with ``--unweighted``."""
    return None if ctx.meta.get("unweighted") else value


def network_options(fn):
    """--source/--ties/--weighted/--censored: which network to measure (defaults: the
    typology's default network, README "Network typology")."""
    from ..analytics.network import (
        CENSORING, DEFAULT_TIES, SOURCE_FAMILIES, TIE_TYPES, WEIGHTS,
    )

    fn = evidence_option(fn)

    fn = click.option("--censored", type=click.Choice(CENSORING), default="carry",
                      show_default=True,
                      help="Spells still open when their data ended: carry them forward "
                           "(flagged) or drop them after the last observed year.")(fn)
    fn = click.option("--unweighted", is_flag=True, expose_value=False,
                      callback=_unweighted, help="Every tie weighs 1.")(fn)
    fn = click.option("--weighted", type=click.Choice(WEIGHTS), is_flag=False,
                      flag_value="obligation", default="obligation", show_default=True,
                      callback=_weighted,
                      help="Tie weights: `obligation` (the default; `--weighted` alone): the "
                           "strongest type, defense/offense 3, neutrality/nonaggression 2, "
                           "consultation 1, alignment 0.5, organization 0.25; `treaties`: the "
                           "number of treaties and partnerships the pair shares (path "
                           "metrics use distance = 1/weight).")(fn)
    fn = click.option("--ties", default=",".join(DEFAULT_TIES), show_default=True,
                      help=f"Comma-separated tie types: {', '.join(TIE_TYPES)}; "
                           "'alliances' = all five obligations; 'partnership' "
                           "(deprecated) = alignment,organization.")(fn)
    fn = click.option("--source", type=click.Choice(list(SOURCE_FAMILIES)), default="all",
                      show_default=True,
                      help="atop = the peer-reviewed datasets (ATOP, rivalries, MIDs); "
                           "curated = the cited contemporary dataset; all = both.")(fn)
    return fn


def _evidence(ctx: click.Context, param: click.Parameter, value: str) -> str:
    ctx.meta["evidence"] = value  # read by network(): no command passes it along
    return value


def evidence_option(fn):
    """--evidence all|reviewed (issue 20): reviewed drops the continuations past 2018 of
    ATOP alliances whose curated review found no source either way."""
    from ..analytics.network import EVIDENCE

    return click.option("--evidence", type=click.Choice(EVIDENCE), default="all",
                        show_default=True, expose_value=False, callback=_evidence,
                        help="Continuations of ATOP alliances past 2018: all, or only those "
                             "a source after 2018 shows (`reviewed` drops the unverified "
                             "ones).")(fn)


def network(source: str, ties: str, weighted: bool, censored: str):
    """The network the options ask for; says so once when a deprecated tie type is used."""
    import warnings

    from .. import api
    from ..analytics.network import DEPRECATED_TIES

    for name in codes(ties):
        if name.lower() in DEPRECATED_TIES:
            click.secho(f"warning: --ties {name.lower()} is deprecated: it means "
                        f"{DEPRECATED_TIES[name.lower()]} (say which you want)", err=True,
                        fg="yellow")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # said above, in the CLI's words
        evidence = click.get_current_context().meta.get("evidence", "all")
        return api.network(source, ties.lower(), weighted, censored, evidence)


def year_options(fn, span: click.IntRange = YEAR):
    """--year Y, or --from Y1 --to Y2 for a series, each within ``span``."""
    fn = click.option("--to", "last", type=span, help="Last year of a series.")(fn)
    fn = click.option("--from", "first", type=span, help="First year of a series.")(fn)
    fn = click.option("--year", type=span, help="One year.")(fn)
    return fn


def treaty_year_options(fn):
    """--year/--from/--to over the treaties' years (from 1815)."""
    return year_options(fn, TREATY_YEAR)


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


def consensus_options(fn):
    """--method/--resolution: how the consensus blocs and camps are found (20 seeds)."""
    fn = click.option("--resolution", type=RESOLUTION, default=1.0, show_default=True,
                      help="Modularity resolution γ (higher: more, smaller blocs).")(fn)
    fn = click.option("--method", type=click.Choice(["leiden", "louvain"]), default="leiden",
                      show_default=True, help="Community detection algorithm (modularity).")(fn)
    return fn


def bloc_options(fn):
    """--method/--resolution/--seed: how blocs are found (the seed: of one run)."""
    fn = click.option("--seed", type=SEED, default=42,
                      show_default=True,
                      help="Random seed: the same seed gives the same partition.")(fn)
    return consensus_options(fn)


def series_options(states: str, stem: str):
    """--states/--csv/--plot for commands that follow actors over a range of years."""
    def decorate(fn):
        fn = click.option("--plot", "plot_path", type=click.Path(dir_okay=False),
                          callback=new_file,
                          help=f"PNG of the series (default {stem}.png).")(fn)
        fn = click.option("--csv", "csv_path", type=click.Path(dir_okay=False),
                          callback=new_file,
                          help=f"CSV of the series (default {stem}.csv).")(fn)
        fn = force_option(fn)
        fn = click.option("--states", default=states, show_default=True,
                          help="Comma-separated actors to follow: COW abbreviations, COW numbers, "
                               "ISO alpha-3 codes or names.")(fn)
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
    if not 1 <= low <= high:
        raise click.BadParameter(f"'{text}' is not a rank range like 1-40 (1 ≤ first ≤ last)",
                                 param_hint="--cinc-ranks")
    return low, high




def power_options(fn):
    """--include/--cinc-ranks: who counts as a middle power."""
    fn = click.option("--include", metavar="CODES",
                      help="Also count these states as middle powers (comma-separated COW "
                           "codes, COW numbers, ISO codes or names; `seeds` = "
                           "AZE,TUR,SAU,JPN,ROK,IND,UAE).")(fn)
    fn = click.option("--cinc-ranks", default="1-40", show_default=True,
                      help="CINC rank band of middle powers (major powers excluded).")(fn)
    return fn
