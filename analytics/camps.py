"""Camps above blocs: the alignment systems a scholar names (the U.S. alliance system, the
Soviet/Russian system, …) built from the regional blocs, and how well each member belongs.

Two levels (README "Camps and blocs"):

- **blocs** — modularity communities of the year's alignment network (``blocs.detect``),
  made stable by consensus clustering over ``SEEDS`` Leiden seeds (Lancichinetti &
  Fortunato 2012, "Consensus clustering in complex networks", Sci. Rep. 2: 336): the
  share of runs in which two actors share a community, entries below ``TAU`` set to 0,
  re-partitioned until every entry is 0 or 1.
- **camps** — hierarchical aggregation of the consensus blocs in which only a *major
  power's defense ties* join blocs: bloc Y joins the camp of the bloc holding major power M
  when M has a defense (or offense) tie with members of Y that hold at least ``JOIN`` of
  Y's internal tie strength (the best such M when several qualify; a guarantee to a
  bloc's hub reaches the bloc, one to a spoke does not). Modularity splits a hub-and-spoke
  system into its spokes
  (the United States' ties to the Americas, Europe and the Pacific are each a bloc); the
  hub's defense commitments are what make them one alliance system (Snyder 1997,
  *Alliance Politics*; Cha 2016, *Powerplay*). Regional organisations without a major
  power's guarantee (the African Union, the Arab League) stay camps of their own.

Per member: its **affinity** (share of its tie strength to its own bloc — the
"embeddedness" of Lancichinetti et al. 2010), its strongest tie outside the bloc, and its
**share** of the seed runs that place it with its bloc. A member is *loosely attached*
when its affinity is below ``LOOSE`` at both levels (a hub's ties run to its camp's other
blocs), when it has no tie to the bloc's core (members whose strength inside the bloc is at
least ``CORE`` of the bloc's maximum; in a hub-and-spoke bloc, the hub), or when it is outside
the treaty that names its bloc
and has no defense tie to the bloc's core (Israel in an Arab League bloc), or when a rival
it has no pact with is in the same bloc (camp) with more tie strength there — a rivalry
inside a bloc is frustration in the signed sense (Doreian & Mrvar 1996; Traag & Bruggeman
2009), so the weaker side does not belong (Ukraine or Georgia beside Russia; rivals allied
to each other, Greece and Türkiye, both do); an actor whose
total tie strength is below ``PLACE`` (less than one consultation pact) is *unaligned*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliance_graph.errors import AllianceGraphError, TooFewTies

from ._igraph import ig, la
from .blocs import UNALIGNED, _relabel, detect, jaccard
from .projection import STRENGTH, Projection

SEEDS = 20  # Leiden runs behind each consensus
TAU = 0.5  # consensus threshold (Lancichinetti & Fortunato 2012 use 0.5 for modularity)
JOIN = 0.5  # share of a bloc's inner strength a major power's defense ties must reach
LOOSE = 0.5  # affinity below this: loosely attached
CORE = 0.5  # core = members with at least this share of the bloc's top inner strength
PLACE = STRENGTH["consultation"]  # total strength below this: unaligned
HUB = 0.5  # a hub is tied to at least this share of its bloc's other members …
SPARSE = 0.5  # … in a bloc sparser than this: a hub-and-spoke bloc
MOST = 2 / 3  # a treaty covering less of a hub-and-spoke bloc yields to its hub
MIN_MATCH = 0.5  # Jaccard overlap for a treaty to name a bloc (blocs.MIN_MATCH)
LEVELS = ("camps", "blocs")
SHORT = {"USA": "U.S."}  # adjective of a hub's name where the plain name reads badly


def check(threshold: float, name: str) -> float:
    """A share option in [0, 1] (NaN and inf refused)."""
    if not (isinstance(threshold, (int, float)) and np.isfinite(threshold)
            and 0 <= threshold <= 1):
        raise AllianceGraphError(f"{name} must be a number in [0, 1], not {threshold}")
    return float(threshold)


@dataclass
class Camps:
    """Consensus blocs, the camps above them and every member's standing."""

    projection: Projection
    bloc: np.ndarray  # vertex order; UNALIGNED for actors not placed
    camp: np.ndarray
    members: pd.DataFrame  # one row per actor (see ``standing``)
    bloc_table: pd.DataFrame
    camp_table: pd.DataFrame
    joins: list = field(default_factory=list)  # (bloc, camp's bloc, major power, share)
    notes: list = field(default_factory=list)


def seed_runs(p: Projection, resolution: float = 1.0, seeds: int = SEEDS,
              method: str = "leiden") -> np.ndarray:
    """(seeds × actors) bloc labels of ``seeds`` runs of ``blocs.detect``."""
    return np.array([detect(p, method, resolution, seed).membership for seed in range(seeds)])


def _together(runs: np.ndarray) -> np.ndarray:
    """Share of runs in which each pair shares a community (actors without one: never)."""
    n = runs.shape[1]
    d = np.zeros((n, n))
    for r in runs:
        d += (r[:, None] == r[None, :]) & (r[:, None] >= 0)
    return d / len(runs)


def consensus(runs: np.ndarray, seeds: int = SEEDS, tau: float = TAU,
              rounds: int = 10) -> np.ndarray:
    """Consensus partition of ``runs`` (Lancichinetti & Fortunato 2012): threshold the
    co-classification matrix at ``tau``, partition it ``seeds`` times with Leiden
    (modularity), repeat until every pair is together in all runs or in none."""
    placed = (runs >= 0).any(axis=0)
    current = runs
    for _ in range(rounds):
        d = _together(current)
        np.fill_diagonal(d, 0)
        d[d < tau] = 0
        if np.all((d == 0) | (d == 1)):
            break
        a, b = np.nonzero(np.triu(d))
        g = ig.Graph(n=len(d), edges=list(zip(a.tolist(), b.tolist())))
        w = d[a, b].tolist()
        current = np.array([la.find_partition(g, la.ModularityVertexPartition, weights=w,
                                              seed=s).membership for s in range(seeds)])
    # pairs together in every (last) run form the consensus blocs
    d = _together(current)
    g = ig.Graph.Adjacency((d >= 1 - 1e-9).astype(int).tolist(), mode="undirected")
    raw = np.asarray(g.connected_components().membership)
    raw[~placed] = -np.arange(1, (~placed).sum() + 1)  # each unplaced actor alone
    return _relabel(raw, placed.astype(int))


def run_share(runs: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per actor: share of runs placing it in the community that holds the most of its
    consensus group (NaN for actors without a group)."""
    share = np.full(len(labels), np.nan)
    for g in np.unique(labels[labels >= 0]):
        m = np.flatnonzero(labels == g)
        hits = np.zeros(len(m))
        for r in runs:
            values, counts = np.unique(r[m], return_counts=True)
            ok = values >= 0
            if ok.any():
                modal = values[ok][np.argmax(counts[ok])]
                hits += r[m] == modal
        share[m] = hits / len(runs)
    return share


def aggregate(p: Projection, bloc: np.ndarray, defense: np.ndarray, majors: set,
              join: float = JOIN) -> tuple[np.ndarray, list]:
    """Camp per actor: blocs joined where a major power's defense ties reach members
    holding at least ``join`` of another bloc's internal strength (see module docstring).
    Returns (camp labels,
    joins as (bloc, bloc of the major power, major power code, share))."""
    n_blocs = int(bloc.max()) + 1 if (bloc >= 0).any() else 0
    if n_blocs == 0:
        return bloc.copy(), []
    a, b = p.a[defense], p.b[defense]
    parent = list(range(n_blocs))

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # members weighted by their strength inside their bloc: a guarantee to a bloc's hub
    # (Australia in its South Pacific bloc) reaches the bloc, one to a spoke does not
    src, dst = np.r_[p.a, p.b], np.r_[p.b, p.a]
    w = np.r_[p.weight, p.weight].astype(float)
    inside = (bloc[src] == bloc[dst]) & (bloc[src] >= 0)
    inner = np.bincount(src[inside], weights=w[inside], minlength=len(p.codes))
    held = np.bincount(bloc[bloc >= 0], weights=inner[bloc >= 0], minlength=n_blocs)
    joins = []
    hubs = np.flatnonzero(np.isin(p.codes, list(majors)) & (bloc >= 0))
    for y in range(n_blocs):
        best = None
        for hub in hubs[bloc[hubs] != y]:
            partners = np.unique(np.r_[b[a == hub], a[b == hub]])
            partners = partners[bloc[partners] == y]
            share = inner[partners].sum() / held[y] if held[y] else 0.0
            if share >= join and (best is None or share > best[3]):
                best = (y, int(bloc[hub]), str(p.codes[hub]), float(share))
        if best:
            joins.append(best)
            parent[root(best[0])] = root(best[1])
    roots = np.array([root(x) for x in range(n_blocs)])
    camp = np.where(bloc >= 0, roots[np.maximum(bloc, 0)], UNALIGNED)
    raw = np.where(camp >= 0, camp, -1 - np.arange(len(camp)))
    return _relabel(raw, (camp >= 0).astype(int)), joins


def _strength_to(p: Projection, labels: np.ndarray) -> pd.DataFrame:
    """Per actor (rows, vertex order) and group (columns): tie strength to that group."""
    src, dst = np.r_[p.a, p.b], np.r_[p.b, p.a]
    w = np.r_[p.weight, p.weight].astype(float)
    frame = pd.DataFrame({"v": src, "g": labels[dst], "w": w})
    return frame.pivot_table(index="v", columns="g", values="w", aggfunc="sum",
                             fill_value=0.0).reindex(range(len(p.codes)), fill_value=0.0)


def standing(p: Projection, bloc: np.ndarray, loose: float = LOOSE,
             core: float = CORE) -> pd.DataFrame:
    """Per actor: total strength, affinity to its bloc, strongest tie outside it, whether
    it has a tie to the bloc's core and whether it is loosely attached."""
    src, dst = np.r_[p.a, p.b], np.r_[p.b, p.a]
    w = np.r_[p.weight, p.weight].astype(float)
    n = len(p.codes)
    total = np.bincount(src, weights=w, minlength=n)
    inside = (bloc[src] == bloc[dst]) & (bloc[src] >= 0)
    inner = np.bincount(src[inside], weights=w[inside], minlength=n)
    affinity = np.divide(inner, total, out=np.full(n, np.nan), where=total > 0)
    is_core = np.zeros(n, dtype=bool)
    for g in np.unique(bloc[bloc >= 0]):
        m = np.flatnonzero(bloc == g)
        is_core[m] = inner[m] >= core * inner[m].max()
    to_core = np.zeros(n, dtype=bool)
    hit = inside & is_core[dst]
    to_core[src[hit]] = True
    to_core |= is_core
    # strongest outside tie: heaviest, then by partner code
    out = ~inside
    names = p.nodes["name"].to_numpy()
    outside = np.full(n, "", dtype=object)
    partner = np.full(n, None, dtype=object)
    order = np.lexsort((p.codes[dst[out]], -w[out], src[out]))
    s, d, ww = src[out][order], dst[out][order], w[out][order]
    first = np.r_[True, s[1:] != s[:-1]] if len(s) else np.array([], dtype=bool)
    for v, u, x in zip(s[first], d[first], ww[first]):
        outside[v] = f"{names[u]} ({x:g})"
        partner[v] = p.codes[u]
    placed = bloc >= 0
    return pd.DataFrame({
        "code": p.codes, "name": names, "strength": total,
        "affinity": affinity, "core": is_core & placed, "tie_to_core": to_core & placed,
        "loose": placed & ((affinity < loose) | ~to_core),
        "strongest_outside": outside, "outside_partner": partner,
    })


def _why(members: pd.DataFrame, level: str) -> np.ndarray:
    """Why a loosely attached member is loose at ``level`` (bloc or camp), "" otherwise:
    no tie to the core, outside the treaty that names its bloc, else its affinity."""
    prefix = "" if level == "bloc" else "camp_"
    loose = members[f"{prefix}status"].to_numpy() == "loosely attached"
    affinity = [f"affinity {x:.2f}" for x in members[f"{prefix}affinity"].fillna(0)]
    rival = members[f"{prefix}rival_inside"].to_numpy(dtype=object)
    rival_why = np.array([f"rival of {r} in the {level}" for r in rival], dtype=object)
    return np.where(~loose, "", np.where(
        rival != "", rival_why, np.where(
            ~members[f"{prefix}tie_to_core"].to_numpy(dtype=bool),
            f"no tie to the {level}'s core",
            np.where(members["outside_treaty"].to_numpy(dtype=bool),
                     "outside the bloc's treaty", affinity))))


def possessive(name: str) -> str:
    """English possessive of a name: "the United States'", "Russia's"."""
    the = "the " if name.startswith("United ") else ""
    return f"{the}{name}'" if name.endswith("s") else f"{the}{name}'s"


def weaker_rival(p: Projection, group: np.ndarray,
                 rivals: Iterable[tuple[str, str]]) -> np.ndarray:
    """Per actor, the name of a rival with more tie strength inside the same group
    (``group``: bloc or camp per vertex, negative = none) and no tie to it, "" otherwise:
    of two untied rivals in one group the weaker side does not belong. Rivals tied by a
    pact of the network are rivals inside an alliance, and both belong (Greece and Türkiye
    in NATO: Krebs 1999, "Perverse Institutionalism: NATO and the Greco-Turkish
    Conflict", International Organization 53(2): 343–377)."""
    src, dst = np.r_[p.a, p.b], np.r_[p.b, p.a]
    w = np.r_[p.weight, p.weight].astype(float)
    inside = (group[src] == group[dst]) & (group[src] >= 0)
    inner = np.bincount(src[inside], weights=w[inside], minlength=len(p.codes))
    index = {c: i for i, c in enumerate(p.codes)}
    tied = set(zip(p.a.tolist(), p.b.tolist())) | set(zip(p.b.tolist(), p.a.tolist()))
    names = p.nodes["name"].to_numpy()
    out = np.full(len(p.codes), "", dtype=object)
    for a, b in sorted(rivals):
        if a not in index or b not in index:
            continue
        i, j = index[a], index[b]
        if group[i] < 0 or group[i] != group[j] or (i, j) in tied:
            continue
        weak, strong = (i, j) if (inner[i], p.codes[j]) < (inner[j], p.codes[i]) else (j, i)
        out[weak] = out[weak] or names[strong]
    return out


def _hub(p: Projection, m: np.ndarray) -> tuple[int, float]:
    """A bloc's best-connected member inside it and the share of the others it is tied to."""
    inside = np.isin(p.a, m) & np.isin(p.b, m)
    a, b, w = p.a[inside], p.b[inside], p.weight[inside]
    strength = np.bincount(np.r_[a, b], weights=np.r_[w, w], minlength=len(p.codes))[m]
    degree = np.bincount(np.r_[a, b], minlength=len(p.codes))[m]
    i = np.lexsort((p.codes[m], -strength))[0]
    return int(m[i]), degree[i] / max(len(m) - 1, 1)


def _region(p: Projection, m: np.ndarray) -> str | None:
    """Region of most of the states (non-state actors would outvote them)."""
    nodes = p.nodes.iloc[m]
    states = nodes[nodes["kind"] == "State"] if "kind" in nodes else nodes
    regions = (states if len(states) else nodes)["region"].dropna()
    return regions.mode().iloc[0] if len(regions) else None


NAMED = 8  # up to this many members outside a bloc's naming treaty are named in named_by


def label_blocs(p: Projection, bloc: np.ndarray, groups: pd.DataFrame | None = None,
                min_match: float = MIN_MATCH) -> pd.DataFrame:
    """One row per bloc with its label and how it was named (``named_by``, with the
    score). The rule, in order:

    1. the treaty or organisation whose members in the year best match the bloc's (those
       whose obligations are ties of the network first, ``groups.in_network``), when
       the Jaccard overlap J = |B ∩ G| / |B ∪ G| ≥ ``min_match`` (then the treaty covers at
       least half of the bloc; each treaty names one bloc, best match first) — unless
       the bloc is hub-and-spoke and the treaty covers less than ``MOST`` of it;
    2. a hub-and-spoke bloc (its best-connected member tied to ≥ ``HUB`` of the others,
       and to at least twice the bloc's density, in a bloc of density < ``SPARSE``) after its
       hub: "Russia-centred bloc", with the
       hub's own region;
    3. otherwise after its best-connected member, saying so: "bloc around Brazil".
    """
    ids = sorted(set(bloc.tolist()) - {UNALIGNED})
    members = {g: np.flatnonzero(bloc == g) for g in ids}
    sets = {g: set(p.codes[m]) for g, m in members.items()}
    if groups is not None and "in_network" in groups:
        # treaties that make ties of this network first; the others only for the rest
        named = _treaty_names(sets, groups[groups["in_network"].astype(bool)], set(p.codes),
                              min_match)
        rest = _treaty_names({g: m for g, m in sets.items() if g not in named},
                             groups[~groups["in_network"].astype(bool)], set(p.codes),
                             min_match, outside=True)
        named.update({g: v for g, v in rest.items()
                      if v[0] not in {x[0] for x in named.values()}})
    else:
        named = _treaty_names(sets, groups, set(p.codes), min_match)
    names, regions = p.nodes["name"].to_numpy(), p.nodes["region"].to_numpy()
    rows = []
    for g in ids:
        m = members[g]
        k = len(m)
        inside = np.isin(p.a, m) & np.isin(p.b, m)
        density = 2 * inside.sum() / (k * (k - 1)) if k > 1 else None
        hub, reach = _hub(p, m)
        region = _region(p, m)
        spoke = (density is not None and density < SPARSE and reach >= HUB
                 and reach >= 2 * density)
        if g in named and (named[g][2] >= MOST or not spoke):
            label, score, cover, treaty, outside = named[g]
            named_by = f"treaty covers {cover:.0%} of the bloc (Jaccard {score:.2f})" + (
                "; its obligations are not ties of this network" if outside else "")
            # who the label does not describe (Japan in a bloc the OAS Charter names)
            party = set(groups.loc[groups["group"] == treaty, "code"])
            others = sorted(names[v] for v in m if p.codes[v] not in party)
            if others:
                named_by += ("; not parties: " + ", ".join(others) if len(others) <= NAMED
                             else f"; {len(others)} members not parties")
        elif spoke:
            label = f"{SHORT.get(str(p.codes[hub]), names[hub])}-centred bloc"
            region = regions[hub] if isinstance(regions[hub], str) else region
            named_by = f"hub: tied to {reach:.0%} of the others, density {density:.2f}"
        else:
            label = f"bloc around {names[hub]}"
            named_by = "best-connected member (no treaty covers most of it)"
        rows.append({"bloc": g, "label": label, "named_by": named_by, "size": k,
                     "density": density, "region": region, "hub": str(p.codes[hub]),
                     "treaty": named[g][3] if named_by.startswith("treaty") else None})
    return pd.DataFrame(rows, columns=["bloc", "label", "named_by", "size", "density",
                                       "region", "hub", "treaty"])


def _treaty_names(blocs: dict, groups: pd.DataFrame | None, actors: set,
                  min_match: float, outside: bool = False) -> dict:
    """bloc → (label, Jaccard, share of the bloc the treaty covers, group, ``outside``:
    the treaty makes no tie of the network)."""
    if groups is None or groups.empty:
        return {}
    present = groups[groups["code"].isin(actors)]
    sets = present.groupby("group")["code"].agg(set)
    labels = present.drop_duplicates("group").set_index("group")["label"]
    pairs = sorted(((jaccard(bm, gm), str(labels[g]), g, b) for b, bm in blocs.items()
                    for g, gm in sets.items() if bm & gm),
                   key=lambda t: (-t[0], t[1], t[2], t[3]))
    named: dict = {}
    used: set = set()
    for score, label, group, b in pairs:
        if score < min_match:
            break
        if b not in named and group not in used and label not in used:
            named[b] = (label, score, len(blocs[b] & sets[group]) / len(blocs[b]), group,
                        outside)
            used.update((group, label))
    return named


def camps(p: Projection, defense: np.ndarray, majors, groups: pd.DataFrame | None = None,
          *, resolution: float = 1.0, seeds: int = SEEDS, method: str = "leiden",
          loose: float = LOOSE, join: float = JOIN,
          rivals: Iterable[tuple[str, str]] = ()) -> Camps:
    """Consensus blocs, camps and every member's standing for one year (module
    docstring). ``defense``: per tie of ``p``, whether it carries a defense or offense
    obligation; ``majors``: the year's major-power codes; ``groups``: treaty memberships
    that can name a bloc (``blocs.blocs_table``); ``rivals``: the year's rival pairs
    (codes), which do not shape the partition but mark the weaker rival of a bloc or camp
    as loosely attached."""
    loose, join = check(loose, "loose"), check(join, "join")
    if not (np.isfinite(resolution) and resolution > 0):
        raise AllianceGraphError(f"resolution must be a finite number > 0, not {resolution}")
    majors = set(majors)
    n = len(p.codes)
    total = np.bincount(np.r_[p.a, p.b], weights=np.r_[p.weight, p.weight], minlength=n)
    if (total >= PLACE).sum() < 3:
        raise TooFewTies(
            f"{p.year}: too few ties for camps (fewer than three actors with tie strength "
            f"≥ {PLACE:g})")
    runs = seed_runs(p, resolution, seeds, method)
    bloc = consensus(runs, seeds)
    weak = total < PLACE
    # ties too weak to place: unaligned, whatever community modularity gave them
    bloc = _relabel(np.where(weak | (bloc < 0), -1 - np.arange(n), bloc), total)
    camp, joins = aggregate(p, bloc, defense, majors, join)
    run_camps = np.array([aggregate(p, np.where(weak, UNALIGNED, r), defense, majors,
                                    join)[0] for r in runs])
    members = standing(p, bloc, loose)
    members["bloc"] = bloc
    members["camp"] = camp
    bloc_table = label_blocs(p, bloc, groups)
    # a member outside the treaty that names its bloc (Israel in an Arab League bloc)
    outside = np.zeros(n, dtype=bool)
    for row in bloc_table.itertuples():
        if row.treaty:
            party = set(groups.loc[groups["group"] == row.treaty, "code"])
            outside |= (bloc == row.bloc) & ~np.isin(p.codes, list(party))
    # a hub-and-spoke bloc's core is its hub: a spoke not tied to it does not belong
    for row in bloc_table[bloc_table["named_by"].str.startswith("hub")].itertuples():
        hub = int(np.flatnonzero(p.codes == row.hub)[0])
        spokes = np.r_[p.b[p.a == hub], p.a[p.b == hub], hub]
        inside = bloc == row.bloc
        members.loc[inside, "core"] = np.arange(n)[inside] == hub
        members.loc[inside, "tie_to_core"] = np.isin(np.arange(n)[inside], spokes)
    # … unless a defense tie binds it to the bloc's core (Canada in an EU-named bloc)
    da, db = p.a[defense], p.b[defense]
    core = members["core"].to_numpy()
    bound = np.zeros(n, dtype=bool)
    for x, y in ((da, db), (db, da)):
        hit = (bloc[x] == bloc[y]) & core[y]
        bound[x[hit]] = True
    outside &= ~bound
    members["outside_treaty"] = outside
    members["bloc_share"] = run_share(runs, bloc)
    members["camp_share"] = run_share(run_camps, camp)
    at_camp = standing(p, camp, loose)
    members["camp_affinity"] = at_camp["affinity"].to_numpy()
    # a hub's ties run to its camp's other blocs: loose only when loose in its camp too
    rival_in_bloc = weaker_rival(p, bloc, rivals)
    members["rival_inside"] = rival_in_bloc
    members["loose"] = (bloc >= 0) & ((members["affinity"] < loose)
                                      & ~(members["camp_affinity"] >= loose)
                                      | ~members["tie_to_core"] | outside
                                      | (rival_in_bloc != ""))
    members["status"] = np.where(bloc < 0, "unaligned",
                                 np.where(members["loose"], "loosely attached", "member"))
    # a camp of one bloc is that bloc: its members belong to both alike
    blocs_in = pd.Series(bloc).groupby(camp).nunique()
    single = np.isin(camp, blocs_in.index[blocs_in == 1])
    rival_in_camp = weaker_rival(p, camp, rivals)
    members["camp_rival_inside"] = np.where(single, rival_in_bloc, rival_in_camp)
    members["camp_loose"] = np.where(single, members["loose"],
                                     at_camp["loose"] | (rival_in_camp != ""))
    members["camp_tie_to_core"] = np.where(single, members["tie_to_core"],
                                           at_camp["tie_to_core"])
    members["camp_status"] = np.where(camp < 0, "unaligned", np.where(
        members["camp_loose"], "loosely attached", "member"))
    members["why"] = _why(members, "bloc")
    members["camp_why"] = _why(members, "camp")
    bloc_table["camp"] = [int(camp[bloc == g][0]) for g in bloc_table["bloc"]]
    camp_table = _camp_table(p, camp, bloc, bloc_table, joins)
    return Camps(p, bloc, camp, members, bloc_table, camp_table, joins)


def _camp_table(p: Projection, camp: np.ndarray, bloc: np.ndarray, bloc_table: pd.DataFrame,
                joins: list) -> pd.DataFrame:
    """One row per camp: label (its bloc's when it has one; else after the major power
    whose defense ties joined the most blocs: "U.S. alliance system"), blocs, size."""
    names = p.nodes["name"].to_numpy()
    index = {c: i for i, c in enumerate(p.codes)}
    labels = dict(zip(bloc_table["bloc"], bloc_table["label"]))
    rows = []
    for c in sorted(set(camp.tolist()) - {UNALIGNED}):
        inner = sorted(set(bloc[camp == c].tolist()))
        hubs = pd.Series([j[2] for j in joins if j[0] in inner and j[1] in inner])
        if len(inner) == 1 or hubs.empty:
            label, named_by = labels[inner[0]], "its only bloc"
        else:
            hub = hubs.value_counts().sort_index().sort_values(ascending=False,
                                                               kind="stable").index[0]
            label = f"{SHORT.get(hub, names[index[hub]])} alliance system"
            shares = ", ".join(f"{labels[j[0]]} {j[3]:.0%}" for j in joins
                               if j[2] == hub and j[0] in inner)
            named_by = f"{possessive(names[index[hub]])} defense ties join its blocs ({shares})"
        m = np.flatnonzero(camp == c)
        rows.append({"camp": c, "label": label, "named_by": named_by, "size": len(m),
                     "blocs": "; ".join(labels[b] for b in inner),
                     "region": _region(p, m) if len(inner) > 1 else
                     bloc_table.set_index("bloc").loc[inner[0], "region"]})
    return pd.DataFrame(rows, columns=["camp", "label", "named_by", "size", "blocs", "region"])


OVERLAP = 1 / 3  # pacts sharing this share of the smaller one's members are one group


def brokerage_groups(result: Camps, groups: pd.DataFrame | None = None,
                     overlap: float = OVERLAP) -> tuple[np.ndarray, dict]:
    """Camp per actor for brokerage, camps named after overlapping pacts merged: when the
    treaties that name two camps share at least ``overlap`` of the smaller treaty's
    members in the network (the Arab League and the African Union share Algeria,
    Comoros, Djibouti, Egypt, Libya, Mauritania, …), a state in both is a member of
    overlapping regional pacts, not a broker between camps. Returns (labels, names):
    unaligned actors are a group of their own each."""
    p = result.projection
    camp = result.camp.copy()
    names = dict(zip(result.camp_table["camp"], result.camp_table["label"]))
    treaty_of = {}
    for row in result.bloc_table.itertuples():
        blocs_in = result.bloc_table[result.bloc_table["camp"] == row.camp]
        if len(blocs_in) == 1 and row.treaty and groups is not None:
            members = set(groups.loc[groups["group"] == row.treaty, "code"]) & set(p.codes)
            if members:
                treaty_of[row.camp] = members
    parent = {c: c for c in names}

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    keys = sorted(treaty_of)
    for i, x in enumerate(keys):
        for y in keys[i + 1:]:
            shared = len(treaty_of[x] & treaty_of[y])
            if shared >= overlap * min(len(treaty_of[x]), len(treaty_of[y])):
                parent[root(y)] = root(x)
    merged = {c: root(c) for c in names}
    label = {r: " + ".join(names[c] for c in names if merged[c] == r) for r in set(merged.values())}
    out = np.array([f"camp:{merged[c]}" if c >= 0 else f"unaligned:{code}"
                    for c, code in zip(camp, p.codes)], dtype=object)
    readable = {f"camp:{r}": text for r, text in label.items()}
    readable.update({f"unaligned:{code}": "unaligned" for c, code in zip(camp, p.codes)
                     if c < 0})
    return out, readable
