"""Treaties as the backbone: a state's alliance portfolio, the treaties that tie two states,
a treaty's members over time, and how alliance design changed.

Each function runs one of the named Browser queries (``queries/browser/``), so what a
Browser user sees and what a notebook gets are the same rows, with the same rule for
memberships still open when their data ended (carried forward unless a curated review of
the treaty continues them).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import pandas as pd

from ..errors import AllianceGraphError, UnknownCodeError
from ..names import fold, names_by_year
from ..schema import OBLIGATIONS
from ..store import Store
from .core import actor_table, check_codes, state_table


def _years(first: int, last: int | None) -> dict[str, int]:
    last = first if last is None else last
    if first > last:
        raise AllianceGraphError(f"`first={first}` is after `last={last}`")
    return {"first": first, "last": last}


def _whole(frame: pd.DataFrame) -> pd.DataFrame:
    """Ids and years stay whole numbers where some rows have none (partnerships); the
    folded columns (a member's roles, phases and sources of the year, as lists) read as
    one text each, e.g. phase '1;2', source 'atop-treaties;curated'."""
    for column in ("role", "phase", "source"):
        if column in frame and frame[column].map(lambda v: isinstance(v, list)).any():
            frame[column] = frame[column].map(
                lambda v: ";".join(str(x) for x in sorted(v, key=str) if x is not None)
                if isinstance(v, list) else v)
    for column in ("atopid", "phase", "since", "until", "start", "end", "observed_until",
                   "signed", "joined", "review_from"):
        if column in frame and not frame[column].map(lambda v: isinstance(v, str)).any():
            frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    return frame


def memberships(store: Store, first: int, last: int | None = None,
                codes: Iterable[str] = ()) -> pd.DataFrame:
    """One row per actor, year and treaty or partnership it belongs to (member or hub) in
    ``first``–``last``, with the actor's own obligations and the group's size that year;
    ``codes`` limits the actors (default: all)."""
    codes = check_codes(codes, actor_table(store)) if codes else []
    return _whole(store.read("browser/state_treaties", codes=codes, **_years(first, last)))


def portfolio(store: Store, state: str, first: int, last: int | None = None) -> pd.DataFrame:
    """A state's alliance portfolio: its treaties and partnerships in each year of
    ``first``–``last`` (one year when ``last`` is None), treaties first."""
    return memberships(store, first, last, [state]).drop(columns="code")


def portfolio_over_time(frame: pd.DataFrame) -> pd.DataFrame:
    """Per year of a ``portfolio``: how many treaties the state is party to, how many carry
    each of its own obligations, how many partnerships, and how many were carried past
    the end of their data."""
    years = pd.Index(sorted(frame["year"].unique()), name="year")
    is_treaty = frame["treaty"].astype(bool)

    def count(rows: pd.DataFrame) -> pd.Series:
        # a treaty counts once a year, however many of its phases touch the year
        return rows.groupby("year")["group_id"].nunique().reindex(years, fill_value=0)

    def flag(column: str) -> pd.Series:
        return frame[column].astype("boolean").fillna(False).astype(bool)

    out = pd.DataFrame({"treaties": count(frame[is_treaty]),
                        "partnerships": count(frame[~is_treaty])})
    for o in OBLIGATIONS:
        out[o] = count(frame[is_treaty & flag(o)])
    out["carried"] = count(frame[is_treaty & flag("carried")])
    return out.reset_index()


def shared_treaties(store: Store, a: str, b: str, first: int,
                    last: int | None = None) -> pd.DataFrame:
    """The treaties and partnerships that tie ``a`` and ``b`` in each year, with each
    side's own obligations (a one-sided guarantee reads as such)."""
    a, b = check_codes([a, b], actor_table(store))
    return _whole(store.read("browser/treaties_between", a=a, b=b, **_years(first, last)))


def resolve_group(store: Store, text: str) -> str:
    """The node id of the treaty or partnership ``text`` names: its id ('ATOP-3285'),
    curated alias ('NATO'), short name or full name ('Warsaw Pact'), compared with case,
    accents and punctuation folded; an unknown or ambiguous one is one line with the
    nearest names."""
    groups = store.read("group_names")
    key = fold(text)
    for column in ("id", "alias", "short_name", "name"):
        hits = groups.loc[groups[column].map(
            lambda v: isinstance(v, str) and fold(v) == key), "id"]
        hits = list(dict.fromkeys(hits))
        if len(hits) == 1:
            return str(hits[0])
        if hits:
            raise UnknownCodeError(f"ambiguous treaty '{text}': it names "
                                     + ", ".join(hits[:8]) + (" …" if len(hits) > 8 else ""))
    labels = {fold(v): v for column in ("alias", "short_name", "name")
              for v in groups[column].dropna() if isinstance(v, str)}
    near = [labels[n] for n in difflib.get_close_matches(key, list(labels), 3, 0.6)]
    hint = f"; did you mean {'; '.join(near)}?" if near else ""
    raise UnknownCodeError(f"no treaty or partnership '{text}' (give an id such as "
                             f"ATOP-3180, a curated alias such as NATO, or a name){hint}")


def treaty_members(store: Store, group_id: str, year: int | None = None) -> pd.DataFrame:
    """Every membership spell of a treaty or partnership (node id such as 'ATOP-3180' or
    curated alias such as 'NATO'), oldest first; with ``year``, each member of that year
    once, with its obligations in the year (its phases and sources folded: ``phase``
    '1;2', ``source`` 'atop-treaties;curated'), its entry (``joined``, ``signed_date``:
    the signature of the treaty or of its accession) and ``in_force_date``; ``group_id``
    may also be a name (``resolve_group``)."""
    group_id = resolve_group(store, group_id)
    if year is None:
        frame = _whole(store.read("browser/treaty_members", group_id=group_id))
    else:
        frame = _whole(store.read("browser/treaty_members_in_year", group_id=group_id,
                                  year=year))
    if not frame.empty:  # the Soviet Union in 1960, not Russia (names.NAME_CHANGES)
        ccodes = state_table(store)["ccode"].reindex(frame["code"]).to_numpy()
        years = [year] * len(frame) if year is not None else frame["start"]
        frame["member"] = names_by_year(frame["member"], ccodes, years)
    if frame.empty:
        known = year is not None and not store.read("browser/treaty_members",
                                                    group_id=group_id).empty
        if known:
            raise AllianceGraphError(f"'{group_id}' has no members in {year}")
        raise AllianceGraphError(f"treaty or partnership '{group_id}' has no members")
    return frame


def treaty_review(store: Store, group_id: str) -> pd.DataFrame:
    """The post-2018 review of an ATOP alliance (node id or curated alias): status
    (in_force, ended, superseded, suspended, unverified), its date and source, what was
    searched, and the successor's id and name; no rows when the treaty has no review."""
    return store.read("treaty_review", group_id=resolve_group(store, group_id))


def review_line(review: pd.DataFrame) -> str | None:
    """One sentence saying what the review found, e.g. 'superseded on 2010-09-27 by …'."""
    if review.empty:
        return None
    r = review.iloc[0].where(review.iloc[0].notna(), None)
    status = str(r["status"]).replace("_", " ")
    text = f"Review 2019–2025: {status}"
    if r["status_date"]:
        text += f" on {r['status_date']}"
    if r["successor_name"] or r["successor"]:
        successor = r["successor_name"] or r["successor"]
        text += f" by {successor}" + (f" ({r['successor']})" if r["successor"] else "")
    if r["status_source"]:
        text += f" — source: {r['status_source']}"
    if r["searched"]:
        text += f" — searched: {r['searched']}"
    return text


def design(store: Store, first: int = 1815, last: int = 2025, step: int = 10) -> pd.DataFrame:
    """For each period of ``step`` years, the alliances in force and the share providing
    for each design feature (integrated command, military aid, …; ATOP codes > 0) and the
    mean military institutionalisation (Leeds & Anac 2005). Periods start at multiples of
    ``step`` (decades: 1810, 1820, …), the first one holding ``first``."""
    if step < 1:
        raise AllianceGraphError(f"`step` must be at least 1, not {step}")
    _years(first, last)
    return store.read("browser/alliance_design", first=first - first % step, last=last,
                      step=step)


def bloc_groups(store: Store, first: int, last: int | None = None) -> pd.DataFrame:
    """What can name a bloc: per year, each treaty's or organisation's members
    (year, group, label, code) — the input of ``analytics.blocs.blocs_table``."""
    frame = memberships(store, first, last)
    return frame.rename(columns={"group_id": "group", "short_name": "label"})[
        ["year", "group", "label", "code"]]
