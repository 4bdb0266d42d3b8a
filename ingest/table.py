"""Reading a source file with checks that point at the offending file, line and field.

Every check raises ``IngestError`` on the first bad value, before anything is written.
Line numbers count the header as line 1, so row ``i`` (0-based) is on line ``i + 2``.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from alliance_graph.errors import IngestError

MIN_YEAR = 1400  # the rivalry data reach back to 1494


def max_year() -> int:
    return datetime.date.today().year


def display_path(path: Path) -> str:
    """A path as the user would recognise it: relative to the working directory if inside."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(Path(path).resolve()) if relative.startswith("..") else relative


class Table:
    """A CSV file read as strings, with typed, checked column accessors."""

    def __init__(self, path: Path, frame: pd.DataFrame):
        self.path = Path(path)
        self.name = display_path(self.path)
        self.frame = frame

    @classmethod
    def read_csv(cls, path: Path, required: Iterable[str]) -> "Table":
        path = Path(path)
        if not path.is_file():
            raise IngestError(display_path(path), None, None, "file not found")
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        except (pd.errors.ParserError, UnicodeDecodeError, OSError, EOFError) as error:
            message = str(error).strip().splitlines()[0]
            raise IngestError(display_path(path), None, None, f"not a readable CSV: {message}")
        table = cls(path, frame)
        for column in required:
            if column not in frame.columns:
                raise IngestError(table.name, 1, column, "missing column")
        return table

    def __len__(self) -> int:
        return len(self.frame)

    def fail(self, row: int, field: str | None, message: str) -> IngestError:
        return IngestError(self.name, int(row) + 2, field, message)

    def first_bad(self, mask: pd.Series) -> int | None:
        bad = mask[mask].index
        return None if bad.empty else self.frame.index.get_loc(bad[0])

    def strings(self, column: str, *, nullable: bool = False) -> pd.Series:
        values = self.frame[column].str.strip()
        if not nullable:
            row = self.first_bad(values.isna() | (values == ""))
            if row is not None:
                raise self.fail(row, column, "value is missing")
        return values

    def ints(
        self, column: str, *, nullable: bool = False, minimum: int | None = None,
        maximum: int | None = None, what: str = "value",
    ) -> pd.Series:
        raw = self.frame[column]
        try:  # fast path (large files): every value a plain whole number
            if not raw.str.isdigit().all():
                raise ValueError
            values = pd.Series(raw.to_numpy(dtype=object).astype(np.int64),
                               index=raw.index).astype("Int64")
        except (ValueError, TypeError, OverflowError, AttributeError):
            numbers = pd.to_numeric(raw, errors="coerce")
            whole = numbers.notna() & (numbers == numbers.round())
            bad = raw.notna() & ~whole
            if not nullable:
                bad |= raw.isna()
            row = self.first_bad(bad)
            if row is not None:
                shown = raw.iloc[row]
                if pd.isna(shown):
                    raise self.fail(row, column, f"{what} is missing")
                raise self.fail(row, column, f"{what} '{shown}' is not a whole number")
            values = numbers.astype("Int64")
        for limit, op, word in ((minimum, values.lt, "before"), (maximum, values.gt, "after")):
            if limit is None:
                continue
            row = self.first_bad(op(limit).fillna(False))
            if row is not None:
                raise self.fail(
                    row, column, f"{what} {values.iloc[row]} is {word} {limit}"
                )
        return values

    def years(self, column: str, *, nullable: bool = False) -> pd.Series:
        return self.ints(
            column, nullable=nullable, minimum=MIN_YEAR, maximum=max_year(), what="year"
        )

    def flags(self, column: str) -> pd.Series:
        """0/1 (blank = 0) as booleans."""
        values = self.ints(column, nullable=True, minimum=0, maximum=1, what="flag")
        return values.fillna(0).astype(bool)

    def dates(self, column: str, *, nullable: bool = False) -> pd.Series:
        raw = self.frame[column]
        parsed = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
        bad = raw.notna() & parsed.isna()
        if not nullable:
            bad |= raw.isna()
        row = self.first_bad(bad)
        if row is not None:
            raise self.fail(row, column, f"date '{raw.iloc[row]}' is not YYYY-MM-DD")
        years = parsed.dt.year.astype("Int64")
        row = self.first_bad(((years < MIN_YEAR) | (years > max_year())).fillna(False))
        if row is not None:
            raise self.fail(row, column, f"year {years.iloc[row]} is out of range")
        return parsed

    def check_order(self, start: pd.Series, end: pd.Series, field: str) -> None:
        row = self.first_bad((end < start).fillna(False))
        if row is not None:
            raise self.fail(row, field, f"end {end.iloc[row]} is before start {start.iloc[row]}")

    def check_unique(self, keys: pd.DataFrame, field: str, what: str) -> None:
        dup = keys.duplicated(keep="first")
        row = self.first_bad(dup)
        if row is not None:
            first = self.first_bad(
                (keys == keys.iloc[row]).all(axis=1)
            )
            raise self.fail(row, field, f"duplicate {what} (first seen on line {first + 2})")

    def check_known(self, codes: pd.Series, known: Iterable, field: str) -> None:
        known = set(known)
        row = self.first_bad(codes.notna() & ~codes.isin(known))
        if row is not None:
            raise self.fail(
                row, field,
                f"unknown state code {codes.iloc[row]} (load `cow-states` first, "
                "or fix the code)",
            )
