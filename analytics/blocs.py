"""Alignment blocs: community detection on a year's alignment network, and how blocs
persist, split and gain or lose members over time.

A bloc is a community of the positive (alliance) projection found by modularity
optimisation — Leiden (default) or Louvain — with a fixed seed so runs are reproducible.
Actors without ties form singleton communities; they are reported as unaligned, not as
blocs.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliance_graph.errors import AllianceGraphError

from ._igraph import ig, la, optimise
from .projection import Projection

METHODS = ("leiden", "louvain")
UNALIGNED = -1
# Below this Jaccard overlap a treaty does not name a bloc (the bloc is named after its
# best-connected member instead): at 0.5 the treaty's members in the network and the
# bloc share at least half of their union.
MIN_MATCH = 0.5


@dataclass
class Partition:
    """Bloc of every actor of a projection (``UNALIGNED`` for actors without ties)."""

    projection: Projection
    membership: np.ndarray  # vertex order of projection.nodes
    modularity: float
    method: str
    resolution: float

    @property
    def series(self) -> pd.Series:
        return pd.Series(self.membership, index=self.projection.index, name="bloc")

    def __deepcopy__(self, memo: dict) -> Partition:
        # pandas deep-copies a table's attrs on every operation, and a blocs table keeps
        # its partition (graph included) there: printing was 14× slower. A partition is not
        # modified after detection, so copies share it.
        return self


def _relabel(raw: Iterable[int], degree: np.ndarray) -> np.ndarray:
    """Number blocs 0, 1, … by decreasing size (ties: total degree); an actor alone in
    its community (an isolate, or one with only rivalries) is UNALIGNED."""
    raw = np.asarray(list(raw))
    labels = np.full(len(raw), UNALIGNED)
    groups = [np.flatnonzero(raw == c) for c in np.unique(raw)]
    groups = [g for g in groups if len(g) > 1]
    groups.sort(key=lambda g: (-len(g), -degree[g].sum(), int(g.min())))
    for i, g in enumerate(groups):
        labels[g] = i
    return labels


def seed_igraph(seed: int) -> None:
    """Make igraph's random choices (Louvain, layouts) reproducible: it draws from
    Python's ``random`` module."""
    random.seed(seed)
    ig.set_random_number_generator(random)


def detect(p: Projection, method: str = "leiden", resolution: float = 1.0,
           seed: int = 42, previous: pd.Series | None = None) -> Partition:
    """Partition the year's alignment network into blocs by maximising modularity

        Q = (1 / 2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j)

    (weighted when the network is; γ = ``resolution``). ``leiden``: leidenalg's
    RBConfigurationVertexPartition (Traag, Waltman & van Eck 2019, "From Louvain to
    Leiden: guaranteeing well-connected communities", Sci. Rep. 9: 5233), iterated until
    no vertex moves or ``_igraph.MAX_ITERATIONS``; ``louvain``:
    igraph's multilevel algorithm (Blondel et al. 2008, J. Stat. Mech. P10008). The
    reported modularity is igraph's Q of the final partition at the same γ.

    ``previous`` (bloc per actor code, e.g. last year's) warm-starts Leiden, so a series
    of years changes only where the network does (Louvain starts from scratch).
    """
    if method not in METHODS:
        raise AllianceGraphError(f"unknown method '{method}' (choose {', '.join(METHODS)})")
    g = p.graph
    weights = "weight" if p.network.weighted else None
    if g.ecount() == 0:
        membership = np.full(g.vcount(), UNALIGNED)
        return Partition(p, membership, 0.0, method, resolution)
    if method == "leiden":
        part = la.RBConfigurationVertexPartition(g, weights=weights,
                                                 initial_membership=initial(p.codes, previous),
                                                 resolution_parameter=resolution)
        optimiser = la.Optimiser()
        optimiser.set_rng_seed(seed)
        optimise(optimiser, [part])
        raw = part.membership
    else:
        seed_igraph(seed)
        raw = g.community_multilevel(weights=weights, resolution=resolution).membership
    membership = _relabel(raw, np.asarray(g.degree()))
    q = g.modularity(raw, weights=weights, resolution=resolution, directed=False)
    return Partition(p, membership, float(q), method, resolution)


def from_membership(p: Projection, community: pd.Series, method: str,
                    resolution: float = 1.0) -> Partition:
    """A partition found elsewhere (e.g. by Neo4j GDS), as ``detect`` would report it:
    ``community`` is a community id per actor code (every actor of ``p``), relabelled as
    ``detect`` relabels and scored by the same igraph modularity at γ = ``resolution``."""
    missing = sorted(set(p.codes) - set(community.index))
    if missing:
        raise AllianceGraphError(f"no community for {len(missing)} actors "
                                 f"(e.g. {', '.join(missing[:3])})")
    g = p.graph
    if g.ecount() == 0:
        return Partition(p, np.full(g.vcount(), UNALIGNED), 0.0, method, resolution)
    ids = {c: i for i, c in enumerate(pd.unique(community.reindex(p.codes)))}
    raw = [ids[c] for c in community.reindex(p.codes)]
    weights = "weight" if p.network.weighted else None
    q = g.modularity(raw, weights=weights, resolution=resolution, directed=False)
    return Partition(p, _relabel(raw, np.asarray(g.degree())), float(q), method, resolution)


def initial(codes: np.ndarray, previous: pd.Series | None) -> list[int] | None:
    """Community per vertex from ``previous`` (code → bloc); other actors on their own."""
    if previous is None:
        return None
    known = previous[previous >= 0].reindex(codes)
    fresh = iter(range(int(known.max()) + 1 if known.notna().any() else 0, 10**9))
    return [int(b) if pd.notna(b) else next(fresh) for b in known]


def blocs_table(part: Partition, groups: pd.DataFrame | None = None,
                min_match: float = MIN_MATCH) -> pd.DataFrame:
    """One row per bloc: id, label, what the label is (``named_by``), size, internal
    density, main region, members.

    A bloc is named by what binds it: the treaty or organisation whose membership in the
    year best matches the bloc's, by Jaccard similarity J = |B ∩ G| / |B ∪ G| of the two
    member sets (Jaccard 1901; counted over the actors of the year's network). ``groups``
    has one row per member: ``group`` (id), ``label`` (its short name) and ``code``.
    Blocs are named greedily from the best match down, each treaty naming at most one
    bloc, and only when J ≥ ``min_match``; otherwise the fallback is the bloc's
    best-connected member *inside the bloc* (greatest strength — sum of tie weights — to
    other members, i.e. most ties in an unweighted network; ties broken by code). Internal
    density is 2·m_in / (k(k−1)) for a bloc of k actors with m_in ties
    among them (undefined for a bloc of one).
    """
    p = part.projection
    blocs = sorted(set(part.membership) - {UNALIGNED})
    members = {b: np.flatnonzero(part.membership == b) for b in blocs}
    named = _names_by_treaty({b: set(p.codes[m]) for b, m in members.items()}, groups,
                             set(p.codes), min_match)
    rows = []
    for bloc in blocs:
        m = members[bloc]
        inside = np.isin(p.a, m) & np.isin(p.b, m)
        # strength inside the bloc: tie weights to other members (= ties, unweighted)
        internal = np.bincount(np.r_[p.a[inside], p.b[inside]],
                               weights=np.r_[p.weight[inside], p.weight[inside]],
                               minlength=len(p.codes))[m]
        k = len(m)
        # the bloc's region is its states' (non-state actors would outvote them: Iran's
        # axis makes a Russia-led bloc look Middle Eastern)
        nodes = p.nodes.iloc[m]
        states = nodes[nodes["kind"] == "State"] if "kind" in nodes else nodes
        regions = (states if len(states) else nodes)["region"].dropna()
        region = regions.mode().iloc[0] if len(regions) else None
        if bloc in named:
            label, score = named[bloc]
            named_by = f"membership match (Jaccard {score:.2f})"
        else:
            hub = m[np.lexsort((p.codes[m], -internal))[0]]
            label = f"{p.nodes['name'].iloc[hub]} bloc" + (f" ({region})" if region else "")
            named_by = "best-connected member"
        rows.append({
            "bloc": int(bloc),
            "label": label,
            "named_by": named_by,
            "size": k,
            "density": 2 * inside.sum() / (k * (k - 1)) if k > 1 else None,
            "region": region,
            "members": ", ".join(sorted(p.nodes["name"].iloc[m])),
            "codes": ", ".join(sorted(p.codes[m])),
        })
    table = pd.DataFrame(rows, columns=["bloc", "label", "named_by", "size", "density",
                                        "region", "members", "codes"])
    table.attrs["modularity"] = part.modularity
    table.attrs["unaligned"] = int((part.membership == UNALIGNED).sum())
    return table


def _names_by_treaty(blocs: dict[int, set], groups: pd.DataFrame | None, actors: set,
                     min_match: float) -> dict[int, tuple[str, float]]:
    """bloc → (label, Jaccard) for the blocs a treaty or organisation names (see
    ``blocs_table``)."""
    if groups is None or groups.empty:
        return {}
    present = groups[groups["code"].isin(actors)]
    sets = present.groupby("group")["code"].agg(set)
    labels = present.drop_duplicates("group").set_index("group")["label"]
    pairs = sorted(((jaccard(b_members, g_members), str(labels[g]), g, b)
                    for b, b_members in blocs.items()
                    for g, g_members in sets.items() if b_members & g_members),
                   key=lambda t: (-t[0], t[1], t[2], t[3]))
    named: dict[int, tuple[str, float]] = {}
    used: set[str] = set()
    for score, label, group, bloc in pairs:
        if score < min_match:
            break
        if bloc not in named and group not in used and label not in used:
            named[bloc] = (label, score)
            used.update((group, label))
    return named


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def track(partitions: list[Partition], threshold: float = 0.3,
          tables: list[pd.DataFrame] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Follow blocs through consecutive years.

    Each year's blocs are matched to the previous year's by Jaccard overlap of their
    members, greedily from the best pair down, keeping pairs with J ≥ ``threshold``
    (Greene, Doyle & Cunningham 2010, "Tracking the evolution of communities in dynamic
    social networks", ASONAM). A matched bloc keeps its lineage id and label; an
    unmatched one starts a new lineage with its label from ``blocs_table`` (``tables``:
    the partitions' named bloc tables, when the caller has them).

    Returns (blocs: year, lineage, label, size, codes) and (switches: year, code, name,
    from, to), where a switch is an actor whose lineage differs from the year before
    (joining or leaving a bloc counts; unaligned is shown as "unaligned").
    """
    bloc_rows, switch_rows = [], []
    previous: dict[int, set] = {}  # lineage -> members last year
    labels: dict[int, str] = {}
    last_lineage: dict[str, int] = {}
    next_id = 0
    for i, part in enumerate(partitions):
        table = tables[i] if tables is not None else blocs_table(part)
        current = {row.bloc: set(row.codes.split(", ")) for row in table.itertuples()}
        pairs = sorted(((jaccard(m, previous[old]), b, old) for b, m in current.items()
                        for old in previous), reverse=True)
        assigned: dict[int, int] = {}
        used: set[int] = set()
        for score, bloc, lineage in pairs:
            if score < threshold:
                break
            if bloc not in assigned and lineage not in used:
                assigned[bloc] = lineage
                used.add(lineage)
        for row in table.itertuples():
            if row.bloc not in assigned:
                assigned[row.bloc] = next_id
                labels[next_id] = row.label
                next_id += 1
            lineage = assigned[row.bloc]
            bloc_rows.append({"year": part.projection.year, "lineage": lineage,
                              "label": labels[lineage], "size": row.size, "codes": row.codes})
        now = {code: assigned[b] for b, members in current.items() for code in members}
        names = part.projection.nodes["name"]
        for code in sorted(set(now) | set(last_lineage)):
            before, after = last_lineage.get(code), now.get(code)
            if last_lineage and before != after and code in names.index:
                switch_rows.append({
                    "year": part.projection.year, "code": code, "name": names[code],
                    "from": labels[before] if before is not None else "unaligned",
                    "to": labels[after] if after is not None else "unaligned",
                })
        previous = {assigned[b]: m for b, m in current.items()}
        last_lineage = now
    return (pd.DataFrame(bloc_rows, columns=["year", "lineage", "label", "size", "codes"]),
            pd.DataFrame(switch_rows, columns=["year", "code", "name", "from", "to"]))
