"""Reading a source file with checks that point at the offending file, line and field.

Every check raises ``IngestError`` on the first bad value, before anything is written.
Line numbers are the file's own (the header is line 1); values shown in messages are
escaped and cut, so an error is always one line.
"""

from __future__ import annotations

import bz2
import csv
import datetime
import gzip
import io
import lzma
import os
import re
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

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


_INTEGER = r"\s*[+-]?\d+(?:\.0*)?\s*"  # R writes some whole numbers as 1942.0
_NUMBER = r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*"  # no inf, nan, hex, 1_000
MAX_INTEGER = 2**53  # beyond this a float64 (pandas' number type) loses whole numbers
COMPRESSION: dict[str, Callable[..., Any]] = {".gz": gzip.open, ".bz2": bz2.open,
                                              ".xz": lzma.open}


def shown(value: object, limit: int = 40) -> str:
    """A value for a one-line message: control characters escaped, long values cut."""
    text = str(value).encode("unicode_escape").decode("ascii")
    return text if len(text) <= limit else text[:limit] + "…"


def _read_bytes(path: Path, name: str) -> bytes:
    opener = COMPRESSION.get(path.suffix.lower())
    try:
        if opener is None:
            return path.read_bytes()
        with opener(path, "rb") as handle:
            return handle.read()
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as error:  # BadGzipFile: OSError
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise IngestError(name, None, None, f"not a readable CSV: {shown(reason, 120)}") from None


def decode_utf8(data: bytes, name: str) -> str:
    """``data`` as text, or one line naming the file, line and byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex()
        raise IngestError(name, line, None, f"not UTF-8 text (byte 0x{byte})") from None


def _parse(text: str, name: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, data rows and the line each row ends on; every row has the header's width."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise IngestError(name, 1, None, "the file is empty (expected a CSV header line)")
        rows, lines = [], []
        for row in reader:
            if not row:  # a blank line
                continue
            rows.append(row)
            lines.append(reader.line_num)
    except csv.Error as error:
        raise IngestError(name, reader.line_num, None,
                          f"not a readable CSV: {shown(error, 120)}") from None
    header = [h.strip() for h in header]
    for i, column in enumerate(header):
        if not column:
            raise IngestError(name, 1, None, f"column {i + 1} of the header has no name")
        if column in header[:i]:
            raise IngestError(name, 1, column, "the header names this column twice")
    if not rows:
        raise IngestError(name, 2, None, "no data rows after the header")
    width = len(header)
    for row, line in zip(rows, lines):
        if len(row) != width:
            more = "missing" if len(row) < width else "extra"
            first = header[len(row)] if len(row) < width else None
            raise IngestError(name, line, first, f"{len(row)} fields where the header has "
                                                 f"{width} ({more} fields)")
    return header, rows, lines


class Table:
    """A CSV file read as strings, with typed, checked column accessors."""

    def __init__(self, path: Path, frame: pd.DataFrame, lines: list[int]):
        self.path = Path(path)
        self.name = display_path(self.path)
        self.frame = frame
        # the line each row is on (a quoted field may span lines; blank lines are skipped)
        self.lines = lines
        self.distinct_safe = False  # see read_csv

    @classmethod
    def read_csv(cls, path: Path, required: Iterable[str]) -> "Table":
        """Read ``path`` (plain or .gz/.bz2/.xz) strictly: UTF-8, a header, at least one row,
        every row as wide as the header. Empty fields are missing values."""
        path = Path(path)
        name = display_path(path)
        if not path.is_file():
            raise IngestError(name, None, None,
                              "not a file" if path.exists() else "file not found")
        text = decode_utf8(_read_bytes(path, name), name)
        header, rows, lines = _parse(text, name)
        frame = pd.DataFrame(rows, columns=header, dtype=object)
        frame = frame.mask(frame == "")
        table = cls(path, frame, lines)
        # pandas' hashing stops at a NUL, so '20' and '20\0' would be one distinct value
        table.distinct_safe = "\0" not in text
        for column in required:
            if column not in frame.columns:
                raise IngestError(table.name, 1, column, "missing column")
        return table

    def __len__(self) -> int:
        return len(self.frame)

    def fail(self, row: int, field: str | None, message: str) -> IngestError:
        return IngestError(self.name, self.lines[int(row)], field, message)

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

    def _checked(self, column: str, pattern: str, nullable: bool, what: str,
                 kind: str) -> pd.Series:
        """The column as float64, after every value matched ``pattern`` and is finite and
        at most ``MAX_INTEGER`` in size; the first offender is named."""
        raw = self.frame[column]
        # each distinct value is checked and converted once (a column of 273,000 cells
        # holds a few hundred): the regex on every cell was a fifth of the ingest
        if self.distinct_safe:
            codes, distinct = pd.factorize(raw)  # missing → code -1, the appended last entry
        else:  # each cell its own value
            codes = np.where(raw.isna(), -1, np.arange(len(raw)))
            distinct = raw.to_numpy()
        rx = re.compile(pattern)
        wrong = np.fromiter((rx.fullmatch(str(v)) is None for v in distinct), bool,
                            len(distinct))
        bad = pd.Series(np.append(wrong, not nullable)[codes], index=raw.index)
        row = self.first_bad(bad)
        if row is not None:
            value = raw.iloc[row]
            if pd.isna(value):
                raise self.fail(row, column, f"{what} is missing")
            raise self.fail(row, column, f"{what} '{shown(value)}' is not {kind}")
        parsed = pd.to_numeric(pd.Series(distinct, dtype=object), errors="coerce")
        numbers = pd.Series(np.append(parsed.to_numpy(dtype=float), np.nan)[codes],
                            index=raw.index)
        # ≥, not >: 2**53 + 1 reads as the float 2**53, so only below 2**53 is exact
        row = self.first_bad(numbers.abs() >= MAX_INTEGER)
        if row is not None:
            raise self.fail(row, column, f"{what} '{shown(raw.iloc[row])}' is out of range")
        return numbers

    def ints(
        self, column: str, *, nullable: bool = False, minimum: int | None = None,
        maximum: int | None = None, what: str = "value",
    ) -> pd.Series:
        values = self._checked(column, _INTEGER, nullable, what, "a whole number").astype("Int64")
        for limit, op, word in ((minimum, values.lt, "before"), (maximum, values.gt, "after")):
            if limit is None:
                continue
            row = self.first_bad(op(limit).fillna(False))
            if row is not None:
                raise self.fail(
                    row, column, f"{what} {values.iloc[row]} is {word} {limit}"
                )
        return values

    def numbers(self, column: str, *, nullable: bool = True, minimum: float | None = None,
                maximum: float | None = None, what: str = "value") -> pd.Series:
        """Finite decimal numbers (``inf``, ``nan`` and the like are refused) within
        ``minimum``–``maximum``."""
        values = self._checked(column, _NUMBER, nullable, what, "a number")
        if minimum is not None:
            row = self.first_bad((values < minimum).fillna(False))
            if row is not None:
                below = "not a non-negative number" if minimum == 0 else f"below {minimum}"
                raise self.fail(row, column,
                                f"{what} '{shown(self.frame[column].iloc[row])}' is {below}")
        if maximum is not None:
            row = self.first_bad((values > maximum).fillna(False))
            if row is not None:
                raise self.fail(row, column, f"{what} '{shown(self.frame[column].iloc[row])}' "
                                             f"is above {maximum:g}")
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
            raise self.fail(row, field,
                            f"duplicate {what} (first seen on line {self.lines[first]})")

    def check_known(self, codes: pd.Series, known: Iterable, field: str) -> None:
        known = set(known)
        row = self.first_bad(codes.notna() & ~codes.isin(known))
        if row is not None:
            raise self.fail(
                row, field,
                f"unknown state code {codes.iloc[row]} (load `cow-states` first, "
                "or fix the code)",
            )
