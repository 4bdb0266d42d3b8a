"""Render a DataFrame as a rich table, CSV or JSON — the same way for every command."""

from __future__ import annotations

import json
import sys
import math
from pathlib import Path

import click
import pandas as pd
from rich.console import Console
from rich.table import Table

FORMATS = ("table", "csv", "json")


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e5 else f"{value:,.0f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def to_json(frame: pd.DataFrame) -> str:
    return json.dumps(json.loads(frame.to_json(orient="records", force_ascii=False)),
                      indent=2, ensure_ascii=False)


def emit(
    frame: pd.DataFrame,
    fmt: str = "table",
    *,
    out: str | Path | None = None,
    title: str | None = None,
    console: Console | None = None,
) -> None:
    """Print ``frame`` (or write it to ``out``) as a table, CSV or JSON."""
    if fmt == "csv":
        text = frame.to_csv(index=False)
    elif fmt == "json":
        text = to_json(frame) + "\n"
    else:
        table = Table(title=title, title_justify="left")
        for column in frame.columns:
            numeric = pd.api.types.is_numeric_dtype(frame[column])
            table.add_column(str(column), justify="right" if numeric else "left")
        for row in frame.itertuples(index=False):
            table.add_row(*(_cell(v) for v in row))
        if out is None:
            # piped output is not cut to 80 columns
            (console or Console(width=None if sys.stdout.isatty() else 200)).print(table)
            return
        buffer = Console(record=True, width=200)
        buffer.print(table)
        text = buffer.export_text()
    if out is None:
        click.echo(text, nl=False)
    else:
        Path(out).write_text(text, encoding="utf-8")
