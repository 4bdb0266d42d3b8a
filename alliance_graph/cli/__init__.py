"""The ``alliances`` command line: thin shells over library functions.

Every command takes the global ``--neo4j-uri``/``--db`` options (or the ``NEO4J_*`` and
``ALLIANCES_DB`` environment variables, or a ``.env`` file) and reports user errors as
one line, without a traceback.
"""

from __future__ import annotations

import click

from ..config import Settings
from ..errors import (AllianceGraphError, IngestError, StoreError, UnknownCodeError,
                      one_line, redact, uri_secrets)
from ..store import Store, open_store


class App:
    """What commands share: the resolved settings."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def store(self, *, read_only: bool = False, rebuild: bool = False) -> Store:
        try:
            return open_store(self.settings, read_only=read_only, rebuild=rebuild)
        except OSError as error:  # e.g. a new store in a directory the user cannot write
            where = f" ({error.filename})" if error.filename else ""
            reason = f"{error.strerror or error}{where}"
            raise StoreError(f"cannot open the store at {self.settings.db_path}: "
                             f"{reason}") from None


def warn_missing(store: Store, needed: list[str], *, analysis: bool = True,  # noqa: F811
                 loads=None) -> list[str]:
    """Warn on stderr about each source in ``needed`` that the store does not hold
    (``loads``: its ``loaded_sources`` table, when the caller has read it)."""
    from ..ingest import missing_sources

    missing = missing_sources(store, needed, loads)
    effect = ": results leave it out" if analysis else ""
    for name in missing:
        click.secho(f"warning: source '{name}' is not loaded{effect} "
                    f"(run `alliances ingest {name}`)", fg="yellow", err=True)
    return missing


class BadInput(click.ClickException):
    """Bad input — an unknown state, or a file naming its line and field (an ``IngestError``,
    including a load refused for shrinking the graph): exit status 2, as click's usage
    errors."""

    exit_code = 2


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        import warnings

        from ..names import CodeCollisionWarning

        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", CodeCollisionWarning)
                try:
                    return super().invoke(ctx)
                finally:  # a code read as COW's where ISO has another state: say so once
                    notes = [w for w in caught if issubclass(w.category, CodeCollisionWarning)]
                    for note in dict.fromkeys(str(w.message) for w in notes):
                        click.secho(f"warning: {one_line(note)}", fg="yellow", err=True)
                    for w in caught:  # every other warning as it would have been shown
                        if w not in notes:
                            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
        except AllianceGraphError as error:
            from .flags import as_flags, command_chain

            settings = getattr(ctx.obj, "settings", None)
            secrets = ([settings.neo4j_password, *uri_secrets(settings.neo4j_uri)]
                       if settings is not None else [])
            text = as_flags(str(error), command_chain(ctx))
            failure = (BadInput if isinstance(error, (UnknownCodeError, IngestError))
                       else click.ClickException)
            raise failure(redact(one_line(text), secrets)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"],
                                           "max_content_width": 120})
@click.option("--neo4j-uri", metavar="URI",
              help="Use Neo4j at URI (bolt://… or neo4j://…); env NEO4J_URI. "
                   "Credentials from NEO4J_USER / NEO4J_PASSWORD.")
@click.option("--db", metavar="PATH", type=click.Path(dir_okay=False),
              help="Embedded database file (default $ALLIANCES_DB or "
                   "~/.local/share/alliance-graph/graph.lbug).")
@click.version_option(package_name="alliance-graph")
@click.pass_context
def cli(ctx: click.Context, neo4j_uri: str | None, db: str | None) -> None:
    """Military alliances as a graph: ingest real data, then ask who is central,
    which blocs exist and who brokers between them."""
    ctx.obj = App(Settings.resolve(neo4j_uri=neo4j_uri, db=db))


def main() -> None:
    cli(prog_name="alliances")


# the command modules register their commands on `cli` when imported
from . import analysis, data, signed, similarity, treaties  # noqa: E402,F401
