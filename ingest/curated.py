"""The curated contemporary dataset (``ingest/curated/*.yaml``) → actors, treaties,
partnerships, memberships, rivalries and troop deployments, each record with a citation.

The real datasets stop between 2010 and 2020; this dataset carries the alliance system
the seed articles describe to the end of 2025. Every record is validated (pydantic):
unknown keys, unknown state/actor/group codes, years outside 1816–today, an end before
its start, a membership outside its group's lifetime or a missing citation are errors
that name the file, line and field. Records still in force are open (``end`` null) and
observed until ``CURATED_UNTIL``. A review of an ATOP alliance in force at the end of
2018 carries its 2019-2025 ``status`` (issue 20): in force on a cited source, ended /
superseded / suspended on a dated, cited source (the continuation ends that year; a
superseded treaty names its successor), or unverified with what was searched.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from alliance_graph.errors import IngestError
from alliance_graph.names import Resolver
from alliance_graph.schema import (
    ENDING_STATUSES, OBLIGATIONS, REVIEW_STATUSES, RIVALRY_KINDS, ROLES, STRUCTURES, TIE_ROLES,
    TREATY_DESIGN, group_kinds,
)

from .atop_treaties import LAST_YEAR as ATOP_UNTIL, SOURCE as ATOP_TREATIES, treaty_id
from .base import Context, Plan, Source, Step
from .table import decode_utf8, display_path, max_year

CURATED_DIR = Path(__file__).parent / "curated"
CURATED_UNTIL = 2025
# record kind → its files: the post-2018 continuation of ATOP's coding (issue 11) has its
# own group and membership files, read as if they were part of the first
FILES = {
    "actors": ("actors",),
    "groups": ("groups", "treaties_since_2019"),
    "memberships": ("memberships", "memberships_since_2019"),
    "rivalries": ("rivalries",),
    "deployments": ("deployments",),
}
# kinds come from the typology in schema.py (one definition): treaties are formal
# alliances, partnerships are alignments or organisations
TREATY_KINDS = group_kinds("alliance")
PARTNERSHIP_KINDS = group_kinds("alignment") + group_kinds("organization")

Year = Annotated[int, Field(ge=1816, le=max_year())]
Text = Annotated[str, Field(min_length=1)]


class FieldError(ValueError):
    """A check across fields, blamed on one of them (pydantic gives it no location)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    source: Text
    url: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _spell_order(self):
        start, end = getattr(self, "start", None), getattr(self, "end", None)
        if start is not None and end is not None and end < start:
            raise FieldError("end", f"end {end} is before start {start}")
        return self


class Actor(Record):
    code: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]+$")]
    name: Text
    # intergovernmental_organization: an organisation that is itself a party (the EU in
    # EU-Central Asia); written as a :NonStateActor like the others
    kind: Literal["armed_movement", "militia_coalition", "political_movement",
                  "intergovernmental_organization"]
    based_in: Text
    start: Year
    end: Year | None = None


Obligation = Literal[OBLIGATIONS]  # type: ignore[valid-type]
Design = dict[Literal[tuple(TREATY_DESIGN)], Annotated[int, Field(ge=0, le=9)]]  # type: ignore[misc]


class Group(Record):
    id: Annotated[str, Field(pattern=r"^[A-Z0-9][A-Z0-9_-]*$")]
    type: Literal["treaty", "partnership"]
    atopid: Annotated[int, Field(ge=1000, le=9999)] | None = None  # the same treaty in ATOP
    # name … obligations default from ATOP (and the names file) when atopid is given
    name: Text | None = None
    kind: str | None = None
    structure: Literal[STRUCTURES] | None = None  # type: ignore[valid-type]
    signed: Year | None = None
    signed_date: datetime.date | None = None
    start: Year | None = None
    end: Year | None = None
    obligations: list[Obligation] | None = None
    design: Design | None = None
    # the 2019-2025 status of a treaty ATOP codes (issue 20): what a source after 2018
    # shows, or `unverified` with what was searched; an end carries its date, a
    # supersession its successor (a group id, or the name of an agreement not coded)
    status: Literal[REVIEW_STATUSES] | None = None  # type: ignore[valid-type]
    status_date: datetime.date | None = None
    status_source: str | None = None
    searched: str | None = None
    successor: str | None = None
    successor_name: str | None = None

    @model_validator(mode="after")
    def _status(self):
        if self.status is None:
            for key in ("status_date", "status_source", "searched", "successor",
                        "successor_name"):
                if getattr(self, key) is not None:
                    raise FieldError(key, f"{key} needs a status")
            return self
        if self.atopid is None:
            raise FieldError("status", "only a review of an ATOP alliance has a status")
        if self.status == "unverified":
            if not self.searched:
                raise FieldError("searched", "an unverified status must say what was searched")
        elif not self.status_source:
            raise FieldError("status_source", f"status '{self.status}' needs its source")
        if self.status in ENDING_STATUSES:
            if self.status_date is None:
                raise FieldError("status_date", f"status '{self.status}' needs its date")
            if self.end is not None and self.end != self.status_date.year:
                raise FieldError("end", f"end {self.end} is not the year of status_date "
                                        f"{self.status_date}")
        elif self.status_date is not None:
            raise FieldError("status_date", f"status '{self.status}' has no end date")
        if self.status == "superseded" and not (self.successor or self.successor_name):
            raise FieldError("successor", "a superseded treaty names its successor")
        if self.status != "superseded" and (self.successor or self.successor_name):
            raise FieldError("successor", "only a superseded treaty has a successor")
        return self

    @property
    def last_year(self) -> int | None:
        """The treaty's last year in force: its ``end``, else the year its status ended."""
        if self.end is not None:
            return self.end
        return self.status_date.year if self.status in ENDING_STATUSES else None

    @model_validator(mode="after")
    def _by_type(self):
        if self.atopid is not None and self.type != "treaty":
            raise FieldError("atopid", "only a treaty can be an ATOP alliance")
        if self.atopid is None:
            for key in ("name", "kind", "structure", "start"):
                if getattr(self, key) is None:
                    raise FieldError(key, "required key is missing (or give atopid)")
        if self.kind is not None:
            kinds = TREATY_KINDS if self.type == "treaty" else PARTNERSHIP_KINDS
            if self.kind not in kinds:
                raise FieldError("kind", f"'{self.kind}' is not a {self.type} kind "
                                         f"({', '.join(kinds)})")
        if self.type == "treaty" and self.atopid is None and not self.obligations:
            raise FieldError("obligations", "a treaty needs obligations")
        if self.type == "partnership" and (self.obligations or self.signed or self.design):
            raise FieldError("type", "a partnership has no obligations, design or signed year")
        if self.signed_date is not None and self.signed is not None \
                and self.signed_date.year != self.signed:
            raise FieldError("signed_date",
                             f"{self.signed_date} is not in signed year {self.signed}")
        return self

    @property
    def node_id(self) -> str:
        """The graph id: the ATOP node for a treaty ATOP codes, else the curated id."""
        return treaty_id(self.atopid) if self.atopid is not None else self.id


class Membership(Record):
    actor: Text
    group: Text
    role: Literal[ROLES]  # type: ignore[valid-type]
    start: Year
    end: Year | None = None
    start_date: datetime.date | None = None
    # dated by signature (start, start_date: the treaty's or the accession instrument's,
    # as ATOP dates YRENT); the day the membership took effect (ratification, accession)
    in_force_date: datetime.date | None = None
    end_date: datetime.date | None = None
    obligations: list[Obligation] | None = None  # the member's own (default: the treaty's)

    @model_validator(mode="after")
    def _dates_match_years(self):
        for date, year, name in ((self.start_date, self.start, "start"),
                                 (self.end_date, self.end, "end")):
            if date is not None and date.year != year:
                raise FieldError(f"{name}_date", f"{date} is not in {name} year {year}")
        if self.in_force_date is not None:
            signed = self.start_date or datetime.date(self.start, 1, 1)
            if self.in_force_date < signed:
                raise FieldError("in_force_date", f"{self.in_force_date} is before the "
                                 f"signature ({signed}): entries are dated by signature")
            if self.end_date is not None and self.in_force_date > self.end_date:
                raise FieldError("in_force_date", f"{self.in_force_date} is after the end "
                                 f"({self.end_date})")
        return self


class Rivalry(Record):
    a: Text
    b: Text
    name: Text
    start: Year
    end: Year | None = None
    kind: Annotated[list[Literal[RIVALRY_KINDS]], Field(min_length=1)]  # type: ignore[valid-type]


class Deployment(Record):
    from_: Annotated[Text, Field(alias="from")]
    to: Text
    start: Year
    end: Year | None = None
    as_of: Year
    troops: Annotated[int, Field(ge=0)] | None = None
    presence: Literal["permanent", "rotational", "none"]


MODELS = {"actors": Actor, "groups": Group, "memberships": Membership,
          "rivalries": Rivalry, "deployments": Deployment}


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int):
        self.key, self.line = key, line


# libyaml's parser when PyYAML was built with it: the pure-Python one was a tenth of the
# whole ingest (issue 19); the records and marks it gives are the same.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Loader):  # type: ignore[misc, valid-type]
    """Remembers the line of every record and of each of its keys; refuses a key given
    twice in one mapping (YAML would silently keep the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise _DuplicateKey(str(key.value), key.start_mark.line + 1)
                seen.add(key.value)
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = {str(k.value): k.start_mark.line + 1 for k, _ in node.value
                                if isinstance(k, yaml.ScalarNode)}
        return mapping


class _File:
    def __init__(self, path: Path):
        self.path, self.name = path, display_path(path)

    def fail(self, item: dict | None, field: str | None, message: str) -> IngestError:
        """An error at ``item``'s line, in the file the item was read from."""
        line, name = None, self.name
        if item is not None:
            line = item["__lines__"].get(field, item["__line__"])
            name = item.get("__file__", name)
        return IngestError(name, line, field, message)


def _plain(value):
    """A nested mapping without the loader's line bookkeeping (``design: {…}``)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()
                if not (isinstance(k, str) and k.startswith("__"))}
    return value


def _refuse_aliases(text: str, name: str) -> None:
    """Refuse YAML anchors and aliases before anything is built: an alias repeats what its
    anchor holds, so a 1 KB file of nested aliases ("billion laughs") expands ninefold
    per level. The records never need them. Only the scanner runs (linear in the text),
    and only when the text has an ``&`` or ``*`` at all."""
    if "&" not in text and "*" not in text:
        return
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                kind = "anchor" if isinstance(token, yaml.AnchorToken) else "alias"
                raise IngestError(name, token.start_mark.line + 1, None,
                                  f"YAML {kind} '{token.value}' refused (anchors and "
                                  f"aliases are not accepted in curated files)")
    except yaml.YAMLError:
        return  # not valid YAML: the parser says where


def _load(path: Path, model: type[Record]) -> list[tuple[dict, Record]]:
    file = _File(path)
    if not path.is_file():
        raise IngestError(file.name, None, None,
                          "not a file" if path.exists() else "file not found")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise IngestError(file.name, None, None,
                          f"cannot be read ({error.strerror or error})") from None
    text = decode_utf8(raw, file.name)
    _refuse_aliases(text, file.name)
    try:
        items = yaml.load(text, Loader=_LineLoader) or []
    except _DuplicateKey as error:
        raise IngestError(file.name, error.line, error.key,
                          "key given twice in one record") from None
    except RecursionError:
        raise IngestError(file.name, None, None, "not valid YAML: nested too deeply") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise IngestError(file.name, line, None, "not valid YAML: "
                          f"{getattr(error, 'problem', None) or error}") from None
    if not isinstance(items, list):
        raise IngestError(file.name, 1, None, "expected a list of records")
    out = []
    for item in items:
        if not isinstance(item, dict):
            raise IngestError(file.name, None, None, "every record must be a mapping")
        bad_key = next((k for k in item if not isinstance(k, str)), None)
        if bad_key is not None:
            raise file.fail(item, None, f"key {bad_key!r} is not text")
        data = {k: _plain(v) for k, v in item.items() if not k.startswith("__")}
        item["__file__"] = file.name
        try:
            out.append((item, model.model_validate(data)))
        except ValidationError as error:
            first = error.errors()[0]
            cause = (first.get("ctx") or {}).get("error")
            field = (getattr(cause, "field", None)
                     or (str(first["loc"][0]) if first["loc"] else None))
            message = first["msg"].removeprefix("Value error, ")
            if first["type"] == "extra_forbidden":
                message = "unknown key"
            elif first["type"] == "missing":
                message = "required key is missing"
            raise file.fail(item, field, message) from None
    return out


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _atop(records: dict[str, list[tuple[dict, Record]]], files: dict[str, _File],
          context: Context) -> pd.DataFrame:
    """ATOP's member rows of the alliances curated treaty records link to (from the store:
    `atop-treaties` must be loaded first)."""
    linked = [(item, g) for item, g in records["groups"] if g.atopid is not None]
    seen: dict[int, str] = {}
    for item, g in linked:
        if g.atopid in seen:
            raise files["groups"].fail(item, "atopid", f"ATOP {g.atopid} is already linked "
                                                       f"to {seen[g.atopid]}")
        seen[g.atopid] = g.id
    if not linked:
        return pd.DataFrame(columns=["atopid", "code"])
    atop = context.read("atop_treaty_members", atopids=sorted(seen),
                         atop_source=ATOP_TREATIES.name)
    for item, g in linked:
        if not (atop["atopid"] == g.atopid).any():
            raise files["groups"].fail(item, "atopid", f"ATOP alliance {g.atopid} is not in the "
                                                       f"store (load `{ATOP_TREATIES.name}` first)")
    return atop


def _check(records: dict[str, list[tuple[dict, Record]]], files: dict[str, _File],
           context: Context, atop: pd.DataFrame) -> None:
    states = context.codes
    resolver = Resolver(context.states.set_index("code"))
    actors = {r.code for _, r in records["actors"]}
    groups = {r.id: r for _, r in records["groups"]}
    # indexes built once: scanning ATOP or every membership per group was quadratic
    # (0.1 s at 200 actors, 17–22 s at 10,000; issue 19)
    atop_by_id = dict(tuple(atop.groupby("atopid")))

    def treaty_rows(atopid: int) -> pd.DataFrame:
        return atop_by_id.get(atopid, atop.iloc[:0])

    with_members: set[str] = set()
    ending: dict[str, set[str]] = defaultdict(set)  # actors whose part in a group ends
    for _, m in records["memberships"]:
        with_members.add(m.group)
        if m.end is not None:
            ending[m.group].add(m.actor)

    def unique(kind: str, key, what: str, field: str) -> None:
        seen: set = set()
        for item, r in records[kind]:
            k = key(r)
            if k in seen:
                raise files[kind].fail(item, field, f"duplicate {what} {k}")
            seen.add(k)

    unique("actors", lambda r: r.code, "actor code", "code")
    unique("groups", lambda r: r.id, "group id", "id")
    unique("memberships", lambda r: (r.actor, r.group, r.role, r.start), "membership", "start")
    for item, r in records["actors"]:
        if r.code in states:
            raise files["actors"].fail(item, "code", f"{r.code} is a COW state code")
        if r.based_in not in states:
            raise files["actors"].fail(item, "based_in", f"unknown state code {r.based_in}")

    def known(kind: str, item: dict, field: str, code: str, *, states_only=False) -> None:
        if code in states or (not states_only and code in actors):
            return
        what = "state code" if states_only else "state or actor code"
        hint = resolver.hint(code)  # a name or ISO code: say which state it would be
        raise files[kind].fail(item, field, f"unknown {what} {code}"
                               + (f" ({hint})" if hint else ""))

    # a linked treaty's lifetime defaults to ATOP's; its pre-2019 members must be ATOP's
    lifetime, atop_members = {}, {}
    for gid, g in groups.items():
        start, end = g.start, g.last_year
        if g.atopid is not None:
            rows = treaty_rows(g.atopid)
            start = start or _int(rows["treaty_start"].iloc[0])
            end = end or _int(rows["treaty_end"].iloc[0])
            atop_members[gid] = set(rows["code"])
        lifetime[gid] = (start, end)
    for item, g in records["groups"]:
        if g.atopid is None:
            continue
        if g.status is None and _int(treaty_rows(g.atopid)["treaty_end"].iloc[0]) \
                is None and item["__file__"].endswith("treaties_since_2019.yaml"):
            raise files["groups"].fail(item, "status", f"the review of ATOP {g.atopid} "
                                                       "needs a status")
        if g.successor is not None and g.successor not in groups:
            raise files["groups"].fail(item, "successor", f"unknown successor id {g.successor}")
        if g.successor == g.id:
            raise files["groups"].fail(item, "successor", "a treaty cannot supersede itself")
        if g.status in ("in_force", "unverified"):
            # a review cannot say in force while the records end every member's part
            rows = treaty_rows(g.atopid)
            rows = rows[rows["end"].isna()]
            if len(rows) and set(rows["code"]) <= ending[g.id]:
                raise files["groups"].fail(
                    item, "status", f"status '{g.status}', but every member's participation "
                                    f"in {g.id} ends in memberships_since_2019.yaml: say "
                                    "ended, superseded or suspended")
        if g.status_date is not None:
            start = lifetime[g.id][0]
            end = _int(treaty_rows(g.atopid)["treaty_end"].iloc[0])
            if g.status_date.year < start or g.status_date > datetime.date.today() \
                    or (end is not None and g.status_date.year > end):
                raise files["groups"].fail(
                    item, "status_date", f"{g.status_date} lies outside ATOP {g.atopid}'s "
                                         f"life ({start}–{end or 'today'})")

    hubs: Counter = Counter()
    for item, r in records["memberships"]:
        known("memberships", item, "actor", r.actor)
        group = groups.get(r.group)
        if group is None:
            raise files["memberships"].fail(item, "group", f"unknown group {r.group}")
        start, end = lifetime[r.group]
        if r.start < start or (end is not None and (r.end or CURATED_UNTIL) > end):
            raise files["memberships"].fail(
                item, "start", f"spell {r.start}–{r.end or ''} lies outside {r.group}'s "
                               f"{start}–{end or ''}")
        if r.group in atop_members and r.start <= ATOP_UNTIL \
                and r.actor not in atop_members[r.group]:
            raise files["memberships"].fail(
                item, "actor", f"{r.actor} is not a member of ATOP {group.atopid} "
                               f"({r.group}); before {ATOP_UNTIL + 1} ATOP's record is used")
        if r.obligations is not None and group.type != "treaty":
            raise files["memberships"].fail(item, "obligations", "only a treaty membership "
                                                                 "has obligations")
        if r.role == "hub":
            hubs[r.group] += 1
    for item, g in records["groups"]:
        if g.structure == "hub" and not hubs[g.id]:  # several hubs: one side of a format
            raise files["groups"].fail(item, "structure", f"a hub group needs a hub "
                                                          f"membership, {g.id} has none")
        if g.atopid is None and g.id not in with_members:
            raise files["groups"].fail(item, "id", f"group {g.id} has no memberships")
    for item, r in records["rivalries"]:
        known("rivalries", item, "a", r.a)
        known("rivalries", item, "b", r.b)
        if r.a == r.b:
            raise files["rivalries"].fail(item, "b", "a rivalry needs two different actors")
    for item, r in records["deployments"]:
        known("deployments", item, "from", r.from_, states_only=True)
        known("deployments", item, "to", r.to, states_only=True)


def _open(end: int | None) -> dict[str, Any]:
    return {"end": end, "observed_until": CURATED_UNTIL}


def _iso(date: datetime.date | None) -> str | None:
    return date.isoformat() if date else None


def _obligations(names: list[str] | None) -> dict[str, bool | None]:
    if names is None:
        return {o: None for o in OBLIGATIONS}
    return {o: o in names for o in OBLIGATIONS}


def _membership(r: Membership, group: Group, **changes) -> dict[str, Any]:
    row = {"actor": r.actor, "group_id": group.node_id, "role": r.role, "start": r.start,
           **_open(r.end), "start_date": _iso(r.start_date),
           "in_force_date": _iso(r.in_force_date), "end_date": _iso(r.end_date),
           "source_ref": r.source, "url": r.url, "note": r.note, "phase": None,
           "system_member": None, **_obligations(r.obligations)}
    row.update(changes)
    return row


def continued_memberships(group: Group, records: list[Membership],
                          atop: pd.DataFrame) -> list[dict[str, Any]]:
    """The memberships of a treaty ATOP codes, from the year after ATOP ends.

    ATOP is the record to 2018. From 2019: every ATOP member in force at the end of 2018
    continues (obligations from its ATOP row) until a curated record of it ends, or the
    treaty's curated ``end``, or the year before a curated record of it starting in 2019
    or later (a suspension from 2024 ends the membership in 2023); a curated record that
    ended before 2019 means the member left; curated records running past 2018 (e.g. a
    suspension) are written from 2019 on; records starting in 2019 or later (new members,
    new roles) are written as given, with the treaty's obligations unless the record has
    its own.
    """
    first = ATOP_UNTIL + 1
    rows = atop[atop["atopid"] == group.atopid]
    treaty_wide = [o for o in OBLIGATIONS if bool(rows[f"treaty_{o}"].iloc[0])]
    default = group.obligations or treaty_wide
    in_force = rows[rows["end"].isna()]
    held = (in_force[list(OBLIGATIONS)].fillna(False).astype(bool)
            .groupby(in_force["code"].to_numpy()).any())
    own = {code: [o for o, on in zip(OBLIGATIONS, flags) if on]
           for code, flags in zip(held.index, held.to_numpy())}
    out, reviewed = [], set()
    for r in records:
        tied = r.role in TIE_ROLES
        if r.start >= first:
            out.append(_membership(r, group, **_obligations(
                r.obligations or (default if tied else None))))
            continue
        reviewed.add(r.actor)
        if r.end is not None and r.end < first:
            continue  # left (or changed role) before ATOP's record ends
        obligations = r.obligations or (own.get(r.actor) if tied else None)
        out.append(_membership(r, group, start=first, start_date=None,
                               **_obligations(obligations or (default if tied else None)),
                               note=r.note or f"continues ATOP {group.atopid} after {ATOP_UNTIL}"))
    for code in sorted(set(own) - reviewed):
        # a record from 2019 on (a new role, a rejoining) ends the continuation before it
        later = [r.start for r in records if r.actor == code]
        end = min(later) - 1 if later else group.last_year
        if end is not None and end < first:
            continue
        out.append({"actor": code, "group_id": group.node_id, "role": "member", "start": first,
                    **_open(end), "start_date": None, "in_force_date": None, "end_date": None,
                    "source_ref": group.source, "url": group.url,
                    "note": f"continues ATOP {group.atopid} member in force at the end of "
                            f"{ATOP_UNTIL}", "phase": None, "system_member": None,
                    **_obligations(own[code])})
    return out


def prepare(path: Path, context: Context) -> Plan:
    """``path`` is the folder holding the five YAML files."""
    folder = Path(path)
    if not folder.is_dir():
        raise IngestError(display_path(folder), None, None, "expected the curated folder")
    files = {k: _File(folder / f"{stems[0]}.yaml") for k, stems in FILES.items()}
    records = {k: [r for stem in stems for r in _load(folder / f"{stem}.yaml", MODELS[k])]
               for k, stems in FILES.items()}
    atop = _atop(records, files, context)
    _check(records, files, context, atop)

    actors = [{"code": r.code, "name": r.name, "kind": r.kind, "based_in": r.based_in,
               "start": r.start, "end": r.end, "source_ref": r.source, "url": r.url}
              for _, r in records["actors"]]
    groups = [r for _, r in records["groups"]]
    by_id = {g.id: g for g in groups}
    design = {d: None for d in TREATY_DESIGN}
    treaties = [{"id": g.id, "name": g.name, "kind": g.kind, "structure": g.structure,
                 "signed": g.signed, "signed_date": _iso(g.signed_date), "start": g.start,
                 "end": g.end, "observed_until": CURATED_UNTIL,
                 "reviewed_until": g.end or CURATED_UNTIL, "source_ref": g.source,
                 "url": g.url, "note": g.note, **{**design, **(g.design or {})},
                 **{o: o in (g.obligations or []) for o in OBLIGATIONS}}
                for g in groups if g.type == "treaty" and g.atopid is None]
    links = [{"id": g.node_id, "alias": g.id, "reviewed_until": g.last_year or CURATED_UNTIL,
              "review_status": g.status, "status_date": _iso(g.status_date),
              "status_source": g.status_source, "searched": g.searched,
              "successor": by_id[g.successor].node_id if g.successor else None,
              "successor_name": g.successor_name}
             for g in groups if g.atopid is not None]
    partnerships = [{"id": g.id, "name": g.name, "kind": g.kind, "structure": g.structure,
                     "start": g.start, "end": g.end, "source_ref": g.source, "url": g.url,
                     "note": g.note}
                    for g in groups if g.type == "partnership"]
    memberships = [_membership(r, by_id[r.group]) for _, r in records["memberships"]
                   if by_id[r.group].atopid is None]
    # records and ATOP rows split by treaty once, not scanned again for every treaty
    by_group: dict[str, list[Membership]] = defaultdict(list)
    for _, r in records["memberships"]:
        by_group[r.group].append(r)
    atop_by_id = dict(tuple(atop.groupby("atopid")))
    for g in groups:
        if g.atopid is not None:
            memberships += continued_memberships(
                g, by_group[g.id], atop_by_id.get(g.atopid, atop.iloc[:0]))
    rivalries = [{"a": min(r.a, r.b), "b": max(r.a, r.b), "start": r.start, **_open(r.end),
                  "kind": list(r.kind), "name": r.name, "rivalry_id": None, "principal": None,
                  "source_ref": r.source, "url": r.url, "note": r.note}
                 for _, r in records["rivalries"]]
    deployments = [{"deployer": r.from_, "host": r.to, "start": r.start, **_open(r.end),
                    "troops": r.troops, "presence": r.presence, "as_of": r.as_of,
                    "source_ref": r.source, "url": r.url, "note": r.note}
                   for _, r in records["deployments"]]
    counts = {k: len(v) for k, v in records.items()}
    return Plan(
        steps=[
            Step("merge_actors", actors),
            Step("merge_treaties", treaties),
            Step("merge_partnerships", partnerships),
            Step("clear_curated_links"),
            Step("link_curated_treaties", links),
            Step("prune_curated_nodes", params={
                "actors": [a["code"] for a in actors],
                "groups": [g.id for g in groups if g.atopid is None]}),
            Step("add_memberships", memberships),
            Step("add_rivalry_spells", rivalries),
            Step("add_deployments", deployments),
        ],
        rows_read=sum(counts.values()),
        spells=len(memberships) + counts["rivalries"] + counts["deployments"],
        notes=[", ".join(f"{v} {k}" for k, v in counts.items())
               + f"; {len(links)} treaties linked to ATOP"],
    )


SOURCE = Source(
    name="curated",
    title="Curated contemporary alignments (seed articles' world, to 2025)",
    version="2025",
    coverage=f"1946–{CURATED_UNTIL}",
    citation="alliance-graph curated dataset, ingest/curated/*.yaml: one citation per record "
    "(treaty texts, official lists, well-known references).",
    default_path=CURATED_DIR,
    prepare=prepare,
    writes="(:NonStateActor), (:Treaty), (:Partnership), [:MEMBER_OF], [:RIVAL_OF], "
    "[:DEPLOYS_TROOPS]",
)
