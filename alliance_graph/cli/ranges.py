"""Every option's range, defined once. A value outside it is refused by click before any
work, in one line with exit code 2 (a usage error): years outside the data's span, seeds
the random generators cannot take, resolutions that are not positive finite numbers,
shares outside [0, 1], negative row counts."""

from __future__ import annotations

import math
import os

import click

from ..analytics.network import FIRST_YEAR, LAST_YEAR

TREATY_FIRST_YEAR = 1815  # ATOP's treaties begin in 1815, a year before the state system
SEED_MAX = 2**31 - 1  # igraph's and numpy's seeds are 32-bit


class FiniteRange(click.FloatRange):
    """A FloatRange that also refuses nan and ±inf (every comparison with nan is false,
    so FloatRange alone lets it through)."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{number} is not a finite number", param, ctx)
        return number


class YearRange(click.IntRange):
    """A year within the span of the data ``what`` covers, said the way the library says
    it (``api.check_years``)."""

    def __init__(self, first: int, last: int, what: str):
        super().__init__(first, last)
        self.what = what

    def convert(self, value, param, ctx):
        number = click.INT.convert(value, param, ctx)
        if not self.min <= number <= self.max:
            self.fail(f"no data for {number}: {self.what} covers {self.min}–{self.max}",
                      param, ctx)
        return number


class TopType(click.ParamType):
    """--top: a number of rows ≥ 1, or `all`."""

    name = "N|all"

    def convert(self, value, param, ctx):
        if value is None or (isinstance(value, str) and value.strip().lower() == "all"):
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"'{value}' is not a number of rows (N ≥ 1, or all)", param, ctx)
        if number < 1:
            self.fail(f"{number} is not a number of rows (N ≥ 1, or all)", param, ctx)
        return number


class ExistingPath(click.Path):
    """click.Path(exists=True) that tells a path it may not look at from one that is not
    there (click reports both as "does not exist")."""

    def __init__(self, **kwargs):
        super().__init__(exists=True, **kwargs)

    def convert(self, value, param, ctx):
        try:
            os.stat(value)
        except PermissionError:
            self.fail(f"{os.fsdecode(value)!r} cannot be read (permission denied on its "
                      f"folder)", param, ctx)
        except (OSError, ValueError):
            pass  # click says what is wrong
        return super().convert(value, param, ctx)


YEAR = YearRange(FIRST_YEAR, LAST_YEAR, "the network")  # as api.check_years
TREATY_YEAR = YearRange(TREATY_FIRST_YEAR, LAST_YEAR, "the treaty data")  # treaties, design
SEED = click.IntRange(0, SEED_MAX)
RESOLUTION = FiniteRange(0, 1e6, min_open=True)  # modularity γ: > 0
SHARE = FiniteRange(0, 1)  # thresholds, affinities
ROWS = click.IntRange(min=1)  # rows per table
COUNT = click.IntRange(min=0)  # a count where 0 means none (or all, as the help says)
STEP = click.IntRange(1, LAST_YEAR - TREATY_FIRST_YEAR + 1)  # years per period
TOP = TopType()
