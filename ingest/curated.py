"""The curated contemporary dataset (``ingest/curated/*.yaml``) → actors, treaties,
partnerships, memberships, rivalries and troop deployments, each record with a citation.

The real datasets stop between 2010 and 2020; this dataset carries the alliance system
the seed articles describe to the end of 2025. Every record is validated (pydantic):
unknown keys, unknown state/actor/group codes, years outside 1816–today, an end before
its start, a membership outside its group's lifetime or a missing citation are errors
that name the file, line and field. Records still in force are open (``end`` null) and
observed until ``CURATED_UNTIL``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from alliance_graph.errors import IngestError
from alliance_graph.schema import OBLIGATIONS, RIVALRY_KINDS, ROLES, STRUCTURES

from .base import Context, Plan, Source, Step
from .table import display_path, max_year

CURATED_DIR = Path(__file__).parent / "curated"
CURATED_UNTIL = 2025
FILES = ("actors", "groups", "memberships", "rivalries", "deployments")
TREATY_KINDS = ("collective_defense", "bilateral_defense", "mutual_assistance",
                "friendship_treaty", "defense_agreement")
PARTNERSHIP_KINDS = ("mnna_designation", "quasi_alliance", "strategic_partnership",
                     "defense_partnership", "security_grouping", "axis",
                     "regional_organization", "defense_cooperation_agreement", "initiative")

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


class Group(Record):
    id: Annotated[str, Field(pattern=r"^[A-Z0-9][A-Z0-9_-]*$")]
    type: Literal["treaty", "partnership"]
    name: Text
    kind: str
    structure: Literal[STRUCTURES]  # type: ignore[valid-type]
    signed: Year | None = None
    start: Year
    end: Year | None = None
    obligations: list[Literal[OBLIGATIONS]] | None = None  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _by_type(self):
        kinds = TREATY_KINDS if self.type == "treaty" else PARTNERSHIP_KINDS
        if self.kind not in kinds:
            raise FieldError("kind", f"'{self.kind}' is not a {self.type} kind "
                                     f"({', '.join(kinds)})")
        if self.type == "treaty" and not self.obligations:
            raise FieldError("obligations", "a treaty needs obligations")
        if self.type == "partnership" and (self.obligations or self.signed):
            raise FieldError("type", "a partnership has no obligations or signed year")
        return self


class Membership(Record):
    actor: Text
    group: Text
    role: Literal[ROLES]  # type: ignore[valid-type]
    start: Year
    end: Year | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None

    @model_validator(mode="after")
    def _dates_match_years(self):
        for date, year, name in ((self.start_date, self.start, "start"),
                                 (self.end_date, self.end, "end")):
            if date is not None and date.year != year:
                raise FieldError(f"{name}_date", f"{date} is not in {name} year {year}")
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


class _LineLoader(yaml.SafeLoader):
    """Remembers the line of every record and of each of its keys."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value}
        return mapping


class _File:
    def __init__(self, path: Path):
        self.path, self.name = path, display_path(path)

    def fail(self, item: dict | None, field: str | None, message: str) -> IngestError:
        line = None
        if item is not None:
            line = item["__lines__"].get(field, item["__line__"])
        return IngestError(self.name, line, field, message)


def _load(path: Path, model: type[Record]) -> list[tuple[dict, Record]]:
    file = _File(path)
    if not path.is_file():
        raise IngestError(file.name, None, None, "file not found")
    try:
        items = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader) or []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise IngestError(file.name, line, None, f"not valid YAML: {getattr(error, 'problem', error)}")
    if not isinstance(items, list):
        raise IngestError(file.name, 1, None, "expected a list of records")
    out = []
    for item in items:
        if not isinstance(item, dict):
            raise IngestError(file.name, None, None, "every record must be a mapping")
        data = {k: v for k, v in item.items() if not k.startswith("__")}
        try:
            out.append((item, model.model_validate(data)))
        except ValidationError as error:
            first = error.errors()[0]
            cause = (first.get("ctx") or {}).get("error")
            field = getattr(cause, "field", None) or (str(first["loc"][0]) if first["loc"] else None)
            message = first["msg"].removeprefix("Value error, ")
            if first["type"] == "extra_forbidden":
                message = "unknown key"
            elif first["type"] == "missing":
                message = "required key is missing"
            raise file.fail(item, field, message) from None
    return out


def _check(records: dict[str, list[tuple[dict, Record]]], files: dict[str, _File],
           context: Context) -> None:
    states = context.codes
    actors = {r.code for _, r in records["actors"]}
    groups = {r.id: r for _, r in records["groups"]}

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
        raise files[kind].fail(item, field, f"unknown {what} {code}")

    hubs: Counter = Counter()
    for item, r in records["memberships"]:
        known("memberships", item, "actor", r.actor)
        group = groups.get(r.group)
        if group is None:
            raise files["memberships"].fail(item, "group", f"unknown group {r.group}")
        if r.start < group.start or (group.end is not None and (r.end or CURATED_UNTIL) > group.end):
            raise files["memberships"].fail(
                item, "start", f"spell {r.start}–{r.end or ''} lies outside {r.group}'s "
                               f"{group.start}–{group.end or ''}")
        if r.role == "hub":
            hubs[r.group] += 1
    for item, g in records["groups"]:
        if g.structure == "hub" and hubs[g.id] != 1:
            raise files["groups"].fail(item, "structure", f"a hub group needs exactly one hub "
                                                          f"membership, {g.id} has {hubs[g.id]}")
        if not any(m.group == g.id for _, m in records["memberships"]):
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


def prepare(path: Path, context: Context) -> Plan:
    """``path`` is the folder holding the five YAML files."""
    folder = Path(path)
    if not folder.is_dir():
        raise IngestError(display_path(folder), None, None, "expected the curated folder")
    files = {k: _File(folder / f"{k}.yaml") for k in FILES}
    records = {k: _load(files[k].path, MODELS[k]) for k in FILES}
    _check(records, files, context)

    actors = [{"code": r.code, "name": r.name, "kind": r.kind, "based_in": r.based_in,
               "start": r.start, "end": r.end, "source_ref": r.source, "url": r.url}
              for _, r in records["actors"]]
    groups = [r for _, r in records["groups"]]
    treaties = [{"id": g.id, "name": g.name, "kind": g.kind, "structure": g.structure,
                 "signed": g.signed, "start": g.start, "end": g.end, "source_ref": g.source,
                 "url": g.url, "note": g.note,
                 **{o: o in (g.obligations or []) for o in OBLIGATIONS}}
                for g in groups if g.type == "treaty"]
    partnerships = [{"id": g.id, "name": g.name, "kind": g.kind, "structure": g.structure,
                     "start": g.start, "end": g.end, "source_ref": g.source, "url": g.url,
                     "note": g.note}
                    for g in groups if g.type == "partnership"]
    memberships = [{"actor": r.actor, "group_id": r.group, "role": r.role, "start": r.start,
                    **_open(r.end), "start_date": _iso(r.start_date),
                    "end_date": _iso(r.end_date), "source_ref": r.source, "url": r.url,
                    "note": r.note}
                   for _, r in records["memberships"]]
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
            Step("prune_curated_nodes", params={
                "actors": [a["code"] for a in actors],
                "groups": [g.id for g in groups]}),
            Step("add_memberships", memberships),
            Step("add_rivalry_spells", rivalries),
            Step("add_deployments", deployments),
        ],
        rows_read=sum(counts.values()),
        spells=counts["memberships"] + counts["rivalries"] + counts["deployments"],
        notes=[", ".join(f"{v} {k}" for k, v in counts.items())],
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
