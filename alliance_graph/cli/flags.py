"""The one place library terms become flags: errors and notes name parameters in
backquotes (`signed=True`, `first` 2020, see ``errors.AllianceGraphError``); the command
line shows its own options for them."""

from __future__ import annotations

import re
from collections.abc import Iterable

import click

# library parameters whose flag is not an option of the same name
ALIASES = {"read_only=False": "--write", "read_only": "--write"}

_TERM = re.compile(r"`(\w+)(?:=([^`]*))?`")


def as_flags(text: str, commands: Iterable[click.Command | None]) -> str:
    """``text`` with each backquoted parameter the commands take worded as its flag
    (a boolean flag by its on or off form, an option with its value); others unchanged."""
    options = {p.name: p for c in commands if c is not None for p in c.params
               if isinstance(p, click.Option) and p.name}

    def word(m: re.Match) -> str:
        name, value = m.group(1), m.group(2)
        option = options.get(name)
        if option is None:
            return ALIASES.get(m.group(0).strip("`"), m.group(0))
        if value is None:
            return option.opts[0]
        if option.is_flag:
            off = value == "False"
            if off and not option.secondary_opts:
                return f"no {option.opts[0]}"
            return option.secondary_opts[0] if off else option.opts[0]
        return f"{option.opts[0]} {value.strip(chr(39) + chr(34))}"

    return _TERM.sub(word, text)


def command_chain(ctx: click.Context) -> list[click.Command | None]:
    """The group and the subcommand it ran (whose options a message may name)."""
    group = ctx.command
    name = ctx.invoked_subcommand
    sub = group.get_command(ctx, name) if isinstance(group, click.Group) and name else None
    return [group, sub]


def note(text: str) -> str:
    """A library note worded for the running command."""
    ctx = click.get_current_context(silent=True)
    commands = []
    while ctx is not None:
        commands.append(ctx.command)
        ctx = ctx.parent
    return as_flags(text, commands)
