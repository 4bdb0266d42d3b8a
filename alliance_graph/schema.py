"""The graph model, defined once.

Every label, relationship type and property the project uses is declared here. From this
one definition come the embedded store's DDL (ladybug needs typed tables), Neo4j's
constraints and indexes, the dbSchema the Neo4j front-end lints our queries against, and
the README's model table.

Conventions: years are integers; every relationship has ``start``/``end`` (``end`` null =
still in force) and ``source`` (which ingest source wrote it). Real datasets stop
observing at some year; ``observed_until`` records that year so a null ``end`` can be
told apart from "the data ran out" (right-censoring, see README).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Prop:
    name: str
    type: str  # ladybug type: STRING, INT64, DOUBLE, BOOLEAN, STRING[]
    doc: str = ""


@dataclass(frozen=True)
class NodeType:
    label: str
    key: str
    props: tuple[Prop, ...]
    doc: str

    def prop(self, name: str) -> Prop:
        return next(p for p in self.props if p.name == name)


@dataclass(frozen=True)
class RelType:
    type: str
    endpoints: tuple[tuple[str, str], ...]
    props: tuple[Prop, ...]
    doc: str
    indexed: tuple[str, ...] = field(default=("source",))


def _p(spec: str) -> tuple[Prop, ...]:
    """Parse ``"name TYPE, name TYPE"`` into props (keeps the tables below readable)."""
    out = []
    for item in spec.split(","):
        name, type_ = item.split()
        out.append(Prop(name, type_))
    return tuple(out)


SPELL = "start INT64, end INT64, observed_until INT64, source STRING"
OBLIGATIONS = ("defense", "offense", "neutrality", "nonaggression", "consultation")
OBLIGATION_PROPS = ", ".join(f"{o} BOOLEAN" for o in OBLIGATIONS)
# The word for a tie whose strongest obligation is o (ATOP's order of commitment: a
# defense or offense promise above neutrality and nonaggression above consultation —
# Leeds et al. 2002); `tie` on ALLIED_WITH, so Browser captions never say "allied" for a
# consultation clause.
OBLIGATION_NOUNS = {
    "defense": "defense pact", "offense": "offense pact", "neutrality": "neutrality pact",
    "nonaggression": "nonaggression pact", "consultation": "consultation pact",
}

STATE = NodeType(
    "State", "code",
    _p("code STRING, ccode INT64, name STRING, cow_name STRING, iso3 STRING, region STRING, "
       "source STRING"),
    "A sovereign state. `code` is the COW abbreviation (not ISO), `ccode` the COW number, "
    "`iso3` its current ISO 3166 alpha-3 code (today's states only); `name` today's English "
    "short name (historical states: COW's, spelt right), `cow_name` COW's.",
)
NON_STATE_ACTOR = NodeType(
    "NonStateActor", "code",
    _p("code STRING, name STRING, kind STRING, based_in STRING, start INT64, end INT64, "
       "source STRING, source_ref STRING, url STRING"),
    "An armed movement, militia or intergovernmental organisation that takes part in "
    "alignments (Hezbollah, the Houthis, the EU as a party…).",
)
# ATOP design variables (alliance level), stored as ATOP's integer codes: property → column.
# 0 = absent, null = ATOP has not located the text; codes from the ATOP 5.1 codebook.
TREATY_DESIGN = {
    "conditional": "conditio",          # 1 any primary obligation is conditional
    "military_contact": "milcon",       # 1 in war only, 2 in peacetime, 3 common defense policy
    "military_aid": "milaid",           # 1 general, 2 grants/loans, 3 training/technology, 4 both
    "integrated_command": "intcom",     # 1 integrated command in peace and war
    "common_organization": "organ1",    # 1 regular meetings, 2 named organisation, 3 bureaucracy
    "bases": "base",                    # 1 joint on neutral ground, 2 reciprocal, 3 one-sided
    "secret_provisions": "pubsecr",     # 1 secret articles, 2 wholly secret
    # 1 state(s), 2 region, 3 both, 4 conflict, 5 non-state, 6 alliance
    "specific_threat": "specthrt",
}
TREATY = NodeType(
    "Treaty", "id",
    _p(f"id STRING, name STRING, short_name STRING, kind STRING, structure STRING, "
       f"signed INT64, start INT64, "
       f"end INT64, {OBLIGATION_PROPS}, source STRING, source_ref STRING, url STRING, "
       f"note STRING, atopid INT64, alias STRING, name_source STRING, signed_date STRING, "
       f"end_date STRING, observed_until INT64, bilateral BOOLEAN, phases INT64, "
       f"reviewed_until INT64, review_status STRING, status_date STRING, "
       f"status_source STRING, searched STRING, successor STRING, successor_name STRING, "
       f"{', '.join(f'{d} INT64' for d in TREATY_DESIGN)}, "
       f"institutionalisation INT64"),
    "A formal alliance treaty with its obligations (ATOP's five types). ATOP alliances are "
    "`ATOP-<atopid>`; a curated record of the same treaty adds its id as `alias` and "
    "`reviewed_until` (the year its post-2018 status was checked), `review_status` (in_force, "
    "ended, superseded, suspended, unverified) with `status_date`, `status_source`, "
    "`searched` and the `successor` id or `successor_name`. Design variables are "
    "ATOP's integer codes (0 = absent): "
    + ", ".join(f"{prop} ({column.upper()})" for prop, column in TREATY_DESIGN.items())
    + ", institutionalisation (MILINST of Leeds & Anac 2005, max over phases: 0 low, 1 moderate, "
    "2 high). `name_source` is `treaty_names.csv` or `generated`; `short_name` (named "
    "treaties only) labels tables and blocs.",
)
PARTNERSHIP = NodeType(
    "Partnership", "id",
    _p("id STRING, name STRING, kind STRING, structure STRING, start INT64, end INT64, "
       "source STRING, source_ref STRING, url STRING, note STRING"),
    "An alignment short of alliance (quasi-alliance, strategic partnership, MNNA designation, "
    "security grouping, axis) or an organisation or initiative; `kind` gives its layer "
    "(`GROUP_KINDS`).",
)
STATUS = NodeType(
    "Status", "id",
    _p("id STRING, name STRING, source STRING"),
    "A time-bounded standing: COW system membership, COW major power, Maoz regional/global power.",
)
CAPABILITY = NodeType(
    "Capability", "id",
    _p("id STRING, name STRING, ccode INT64, year INT64, cinc DOUBLE, cinc_rank INT64, "
       "milex DOUBLE, milper DOUBLE, irst DOUBLE, pec DOUBLE, tpop DOUBLE, upop DOUBLE, "
       "source STRING"),
    "COW National Material Capabilities of one state in one year (CINC and its components).",
)
METRIC = NodeType(
    "Metric", "id",
    _p("id STRING, name STRING, definition STRING, source STRING"),
    "A network measure whose scores were written back with `--write`.",
)
BLOC = NodeType(
    "Bloc", "id",
    _p("id STRING, name STRING, year INT64, network STRING, label STRING, size INT64, "
       "density DOUBLE, modularity DOUBLE, source STRING"),
    "An alignment bloc found by community detection for one year and network.",
)

SOURCE_LOAD = NodeType(
    "SourceLoad", "source",
    _p("source STRING, name STRING, version STRING, file STRING, rows_read INT64, "
       "nodes INT64, relationships INT64, loaded_at STRING, seconds DOUBLE"),
    "What an ingest source last loaded (`name`: the dataset): version, file, rows read, nodes and "
    "relationships written, when (UTC, ISO 8601) and in how many seconds. Written in the "
    "same transaction as the source's data, so the store knows what it holds.",
)

NODES: tuple[NodeType, ...] = (
    STATE, NON_STATE_ACTOR, TREATY, PARTNERSHIP, STATUS, CAPABILITY, METRIC, BLOC,
    SOURCE_LOAD,
)

ACTORS = ("State", "NonStateActor")
GROUPS = ("Treaty", "Partnership")


def _pairs(froms: tuple[str, ...], tos: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((f, t) for f in froms for t in tos)


HAS_STATUS = RelType(
    "HAS_STATUS", (("State", "Status"),), _p(SPELL),
    "A state holds a status (system member, major power…) during a spell.",
)
ALLIED_WITH = RelType(
    "ALLIED_WITH", (("State", "State"),),
    _p(f"{SPELL}, {OBLIGATION_PROPS}, tie STRING, atopids INT64[]"),
    "Dyadic alliance spell from ATOP dyad-years; stored once per unordered pair "
    "(lower ccode → higher ccode) and spell of constant obligation profile and treaty set; "
    "`tie` names its strongest obligation (\"consultation pact\"; `OBLIGATION_NOUNS`); "
    "`atopids` are the ATOP alliances behind it (from the member file).",
)
MEMBER_OF = RelType(
    "MEMBER_OF", _pairs(ACTORS, GROUPS),
    _p(f"{SPELL}, role STRING, start_date STRING, in_force_date STRING, end_date STRING, "
       f"source_ref STRING, url STRING, note STRING, phase INT64, {OBLIGATION_PROPS}, "
       "system_member BOOLEAN"),
    "An actor's membership spell in a treaty or partnership; `role` is member, hub, "
    "sponsor, observer, partner or suspended (only member and hub create ties). ATOP "
    "member × phase rows (source `atop-treaties`) carry the member's own obligations, "
    "`phase` and `system_member` (ATOP `cowsys`); dates are ISO at the precision ATOP "
    "gives (YYYY-MM-DD, or YYYY-MM when the day is unknown). Every entry is dated by "
    "signature (`start`, `start_date`: of the treaty, or of the member's accession "
    "instrument — for NATO the accession protocol — as ATOP dates YRENT); "
    "`in_force_date` is the day it took effect (ratification, accession), where known.",
)
RIVAL_OF = RelType(
    "RIVAL_OF", _pairs(ACTORS, ACTORS),
    _p(f"{SPELL}, kind STRING[], name STRING, rivalry_id STRING, principal BOOLEAN, "
       "source_ref STRING, url STRING, note STRING"),
    "Strategic rivalry spell; `kind` lists spatial/positional/ideological/interventionary.",
)
DISPUTE_WITH = RelType(
    "DISPUTE_WITH", (("State", "State"),),
    _p(f"{SPELL}, dispnum INT64, hostlev INT64, fatality INT64"),
    "Militarized interstate dispute between two states (COW MID dyadic, one per dispute).",
)
HAS_CAPABILITY = RelType(
    "HAS_CAPABILITY", (("State", "Capability"),), _p(SPELL),
    "Links a state to its capability record of one year (start = end = that year).",
)
DEPLOYS_TROOPS = RelType(
    "DEPLOYS_TROOPS", (("State", "State"),),
    _p(f"{SPELL}, troops INT64, presence STRING, as_of INT64, source_ref STRING, "
       "url STRING, note STRING"),
    "Foreign military presence of one state in another.",
)
SCORED = RelType(
    "SCORED", _pairs(ACTORS, ("Metric",)),
    _p(f"{SPELL}, year INT64, network STRING, value DOUBLE, rank INT64"),
    "A metric's value for an actor in a year and network, written by `--write`.",
    indexed=("source", "year"),
)
IN_BLOC = RelType(
    "IN_BLOC", _pairs(ACTORS, ("Bloc",)),
    _p(f"{SPELL}, year INT64, network STRING"),
    "An actor's bloc in a year and network, written by `alliances blocs --write`.",
    indexed=("source", "year"),
)

RELS: tuple[RelType, ...] = (
    HAS_STATUS, ALLIED_WITH, MEMBER_OF, RIVAL_OF, DISPUTE_WITH, HAS_CAPABILITY,
    DEPLOYS_TROOPS, SCORED, IN_BLOC,
)

# Membership roles that tie co-members together in the alignment projection.
TIE_ROLES = ("member", "hub")
# the 2019-2025 status of an ATOP alliance in force at the end of 2018 (issue 20): in force
# on a source after 2018; ended, superseded or suspended on a dated source; unverified
# (continued by ATOP's default rule, what was searched recorded)
REVIEW_STATUSES = ("in_force", "ended", "superseded", "suspended", "unverified")
ENDING_STATUSES = ("ended", "superseded", "suspended")
ROLES = ("member", "hub", "sponsor", "observer", "partner", "suspended")
STRUCTURES = ("multilateral", "hub")
RIVALRY_KINDS = ("spatial", "positional", "ideological", "interventionary")

# The typology of ties (README "Network typology"): every kind of treaty or partnership
# belongs to one layer, and the projection ties co-members by the layer, never by which
# node label or property happens to be null.
# - alliance: a formal alliance treaty; its ties are its obligations (ATOP's five).
# - alignment: security alignment short of alliance (Snyder 1997; Wilkins 2012).
# - organization: co-membership of an intergovernmental organisation or initiative
#   (Pevehouse, Nordstrom & Warnke 2004), not a security tie.
LAYERS = ("alliance", "alignment", "organization")
GROUP_KINDS: dict[str, str] = {
    "collective_defense": "alliance",
    "bilateral_defense": "alliance",
    "mutual_assistance": "alliance",
    "friendship_treaty": "alliance",
    "defense_agreement": "alliance",
    "defense_cooperation_agreement": "alignment",  # access, basing, SOFA-type agreements
    "mnna_designation": "alignment",               # and other hub designations
    "quasi_alliance": "alignment",
    "strategic_partnership": "alignment",
    "defense_partnership": "alignment",
    "security_grouping": "alignment",              # QUAD, AUKUS
    "axis": "alignment",                           # Iran's Axis of Resistance
    "regional_organization": "organization",       # OAS, ASEAN, EU, SCO, GCC, OTS
    "initiative": "organization",                  # BRI, C5+1 and similar formats
}


def group_kinds(layer: str) -> tuple[str, ...]:
    """The kinds of treaty/partnership in one layer of the typology."""
    if layer not in LAYERS:
        raise ValueError(f"unknown layer '{layer}' (choose {', '.join(LAYERS)})")
    return tuple(k for k, v in GROUP_KINDS.items() if v == layer)


def node(label: str) -> NodeType:
    return next(n for n in NODES if n.label == label)


def labels() -> list[str]:
    return [n.label for n in NODES]


def relationship_types() -> list[str]:
    return [r.type for r in RELS]


def property_keys() -> list[str]:
    names = {p.name for n in NODES for p in n.props} | {p.name for r in RELS for p in r.props}
    return sorted(names)


def _quote(name: str) -> str:
    # `end` is a reserved word in ladybug; back-quoting is valid in both dialects.
    return f"`{name}`"


def ladybug_ddl() -> list[str]:
    """CREATE TABLE statements for the embedded store (generated, never user input), each
    followed by ADD IF NOT EXISTS of its properties: a store written by an older version
    gains the properties added since (``CREATE … IF NOT EXISTS`` leaves its tables as
    they were)."""
    out = []
    for n in NODES:
        cols = ", ".join(f"{_quote(p.name)} {p.type}" for p in n.props)
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {n.label}({cols}, PRIMARY KEY({n.key}))")
        out += [f"ALTER TABLE {n.label} ADD IF NOT EXISTS {_quote(p.name)} {p.type}"
                for p in n.props if p.name != n.key]
    for r in RELS:
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in r.endpoints)
        cols = ", ".join(f"{_quote(p.name)} {p.type}" for p in r.props)
        out.append(f"CREATE REL TABLE IF NOT EXISTS {r.type}({ends}, {cols})")
        out += [f"ALTER TABLE {r.type} ADD IF NOT EXISTS {_quote(p.name)} {p.type}"
                for p in r.props]
    return out


def neo4j_ddl() -> list[str]:
    """Constraints on node keys and indexes on relationship properties (Neo4j 5)."""
    out = []
    for n in NODES:
        out.append(
            f"CREATE CONSTRAINT {n.label.lower()}_{n.key} IF NOT EXISTS "
            f"FOR (n:{n.label}) REQUIRE n.{n.key} IS UNIQUE"
        )
    out.append("CREATE INDEX state_ccode IF NOT EXISTS FOR (n:State) ON (n.ccode)")
    for r in RELS:
        for prop in r.indexed:
            out.append(
                f"CREATE INDEX {r.type.lower()}_{prop} IF NOT EXISTS "
                f"FOR ()-[r:{r.type}]-() ON (r.{prop})"
            )
    return out


def markdown_table() -> str:
    """The model as a Markdown table (the README embeds it; a test keeps them in sync)."""
    rows = ["| element | properties | meaning |", "|---|---|---|"]
    for n in NODES:
        props = ", ".join(p.name for p in n.props)
        rows.append(f"| `(:{n.label})` key `{n.key}` | {props} | {n.doc} |")
    for r in RELS:
        ends = "; ".join(f"{a}→{b}" for a, b in r.endpoints)
        props = ", ".join(p.name for p in r.props)
        rows.append(f"| `[:{r.type}]` {ends} | {props} | {r.doc} |")
    return "\n".join(rows)


# Procedures and plugin functions the queries may call (Graph Data Science). The Cypher
# lint test resolves their signatures in Neo4j's catalogue; anything else is an error.
PROCEDURES = (
    "gds.graph.drop",
    "gds.degree.stream",
    "gds.betweenness.stream",
    "gds.closeness.harmonic.stream",
    "gds.eigenvector.stream",
    "gds.pageRank.stream",
    "gds.leiden.stream",
    "gds.louvain.stream",
)
PLUGIN_FUNCTIONS = ("gds.version", "gds.graph.project", "gds.util.asNode")
