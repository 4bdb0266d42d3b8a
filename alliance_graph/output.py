"""Render a DataFrame as a rich table, CSV or JSON — the same way for every command —
and write output files safely: only when the command succeeds (a temporary file beside
the target, renamed into place), and never over an existing file without ``--force``."""

from __future__ import annotations

import io
import json
import math
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .errors import AllianceGraphError

if TYPE_CHECKING:  # pandas and rich are loaded when a table is printed, not for --help
    import pandas as pd
    from rich.console import Console

FORMATS = ("table", "csv", "json")


def _pandas_na() -> object:
    import pandas as pd  # loaded already: only emit calls _cell

    return pd.NA


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value is _pandas_na():
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
    import pandas as pd
    from rich.console import Console
    from rich.table import Table

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
        buffer = Console(record=True, width=200, file=io.StringIO())  # not to stdout
        buffer.print(table)
        text = buffer.export_text()
    if out is None:
        click.echo(text, nl=False)
    else:
        with staged(out) as (tmp,):
            tmp.write_text(text, encoding="utf-8")


FORCE = "alliance_graph.force"  # click context meta key set by --force


def _remember_force(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    ctx.meta[FORCE] = ctx.meta.get(FORCE, False) or value


def force_option(fn):
    """--force: overwrite existing output files (added once per command)."""
    if any(p.name == "force" for p in getattr(fn, "__click_params__", [])):
        return fn
    return click.option("--force", is_flag=True, is_eager=True, expose_value=False,
                        callback=_remember_force,
                        help="Overwrite output files that already exist.")(fn)


def overwrite_allowed() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(FORCE))


def check_new(*paths: str | Path | None) -> None:
    """Refuse, before any work, to write over an existing file unless --force was given."""
    if overwrite_allowed():
        return
    for path in paths:
        if path is not None and Path(path).exists():
            raise AllianceGraphError(f"{path} already exists: pass --force to overwrite it")


def new_file(ctx: click.Context, param: click.Parameter, value):
    """Option callback for output paths: an existing file is a bad value unless --force
    (eager, so parsed first) is given."""
    if value is not None and Path(value).exists() and not ctx.meta.get(FORCE):
        raise click.BadParameter(f"{value} already exists (pass --force to overwrite it)",
                                 ctx=ctx, param=param)
    return value


def check_plot(path: str | Path | None) -> None:
    """A plot path must end in a format matplotlib writes (.png, .svg, .pdf…)."""
    if path is None:
        return
    from matplotlib.figure import Figure

    formats = Figure().canvas.get_supported_filetypes()
    suffix = Path(path).suffix.lstrip(".").lower()
    if suffix not in formats:
        raise AllianceGraphError(f"cannot write a plot to {path}: use one of "
                                 f"{', '.join('.' + f for f in sorted(formats))}")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def staged(*paths: str | Path) -> Iterator[tuple[Path, ...]]:
    """Temporary files beside ``paths`` (same suffix, so writers infer the format); when
    the block succeeds they replace the targets, otherwise they are removed."""
    targets = [Path(p) for p in paths]
    temps: list[Path] = []
    mode = 0o666 & ~_umask()  # what a plain open() would have given the file

    def fail(target, error: OSError) -> AllianceGraphError:
        return AllianceGraphError(f"cannot write {target}: {error.strerror or error}")

    try:
        for target in targets:
            try:
                fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix,
                                            dir=target.parent)
                os.close(fd)
                os.chmod(name, mode)
            except OSError as error:
                raise fail(target, error) from None
            temps.append(Path(name))
        try:
            yield tuple(temps)
        except OSError as error:
            raise fail(", ".join(map(str, targets)), error) from None
        for temp, target in zip(temps, targets):
            try:
                os.replace(temp, target)
            except OSError as error:
                raise fail(target, error) from None
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
