"""Blocs, signed blocs, structural balance and bloc dynamics."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analytics import blocs as _blocs
from ..analytics import camps as _camps
from ..analytics import ties as _ties
from ..analytics import signed as _signed
from ..analytics.projection import Network, Projection, Spells
from ..errors import AllianceGraphError, TooFewTies
from ..results import write_blocs
from ..store import Store
from .core import projection, spells
from .fetch import fetch_negative
from ..schema import GROUP_KINDS
from .treaties import bloc_groups, memberships


def bloc_network_id(net: Network, method: str, signed: bool, conflict: str | None) -> str:
    """Name under which blocs are written back: the network plus how blocs were found."""
    parts = [net.id, "signed-leiden" if signed else method]
    if conflict:
        parts.append(conflict)
    return ":".join(parts)


def signed_network(store: Store, year: int, net: Network | None = None,
                   conflict: str | None = None) -> _signed.SignedNetwork:
    """Alignments (positive) and rivalries, optionally disputes (negative), of one year."""
    positive = spells(store, year, year, net)
    negative = fetch_negative(store, positive, conflict)
    return _signed.SignedNetwork(year, positive.projection(year), negative.projection(year))


def partition(store: Store, year: int, net: Network | None = None, *, method: str = "leiden",
              resolution: float = 1.0, seed: int = 42, signed: bool = False,
              conflict: str | None = None, engine: str = "python"):
    """(Partition, SignedNetwork or None): the blocs of one year. ``engine="gds"`` finds
    the communities with Neo4j Graph Data Science on the same network (unsigned only);
    the modularity reported is the Python one of that partition."""
    if engine not in ("python", "gds"):
        raise AllianceGraphError(f"unknown engine '{engine}' (python or gds)")
    if engine == "gds":
        if signed or conflict:
            raise AllianceGraphError("`engine=gds` finds unsigned blocs only; use "
                                     "`engine=python` for signed blocs")
        from ..gds import gds_communities

        p = projection(store, year, net)
        community = gds_communities(store, p, method, resolution, seed)
        return _blocs.from_membership(p, community, f"gds-{method}", resolution), None
    if signed:
        s = signed_network(store, year, net, conflict)
        return _signed.signed_blocs(s, resolution, seed), s
    if conflict:
        raise AllianceGraphError("`conflict` needs `signed=True`")
    return _blocs.detect(projection(store, year, net), method, resolution, seed), None


def named_blocs(store: Store, part: _blocs.Partition) -> pd.DataFrame:
    """``analytics.blocs.blocs_table`` with the year's treaties and organisations, so each
    bloc is named by what binds it."""
    year = part.projection.year
    return _blocs.blocs_table(part, bloc_groups(store, year))


def blocs(store: Store, year: int, net: Network | None = None, *, method: str = "leiden",
          resolution: float = 1.0, seed: int = 42, signed: bool = False,
          conflict: str | None = None, write: bool = False,
          engine: str = "python") -> pd.DataFrame:
    """One row per bloc of ``year`` (id, label, size, density, region, members); ``attrs``
    carry the partition's modularity, the unaligned count and, when signed, frustration.
    ``write`` stores the blocs in the graph (Bloc, IN_BLOC). ``engine="gds"`` finds them
    with Neo4j Graph Data Science (see ``partition``)."""
    net = net or Network()
    part, s = partition(store, year, net, method=method, resolution=resolution, seed=seed,
                        signed=signed, conflict=conflict, engine=engine)
    table = named_blocs(store, part)
    notes = [f"{year}: modularity {part.modularity:.3f} ({part.method}, γ = {resolution}), "
             f"{len(table)} blocs, {table.attrs['unaligned']} actors without ties"]
    if s is not None:
        f = _signed.frustration(s, part.membership)
        table.attrs["frustration"] = f
        notes.append(f"frustration {f['frustration']} of {f['ties']} ties ({f['share']:.1%}): "
                     f"{f['negative_inside']} rivalries inside blocs, "
                     f"{f['positive_between']} alignments between blocs")
    if write:
        network_id = bloc_network_id(net, f"gds-{method}" if engine == "gds" else method,
                                     signed, conflict)
        linked = write_blocs(store, table, part.series, year, network_id, part.modularity)
        notes.append(f"wrote {len(table)} blocs and {linked} memberships as network '{network_id}'")
    table.attrs["notes"] = notes
    table.attrs["partition"] = part
    return table


def balance(store: Store, year: int, net: Network | None = None,
            conflict: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Structural balance of the signed network of ``year``: a one-row summary (triangles
    by kind, balanced share) and the unbalanced triangles, most central first."""
    s = signed_network(store, year, net, conflict)
    words = _ties.strongest(s.positive._spells, year)
    summary, triangles = _signed.balance(s, words)
    return pd.DataFrame([{"year": year, **summary}]), triangles


def bloc_dynamics(store: Store, first: int, last: int, net: Network | None = None, *,
                  method: str = "leiden", resolution: float = 1.0, seed: int = 42,
                  signed: bool = False, conflict: str | None = None,
                  threshold: float = 0.3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Blocs of every year ``first``–``last`` matched across years (see
    ``analytics.blocs.track``): (blocs per year with their lineage, actors that switched)."""
    net = net or Network()
    positive = spells(store, first, last, net)
    if signed:
        negative = fetch_negative(store, positive, conflict)
        parts = [_signed.signed_blocs(_signed.SignedNetwork(y, positive.projection(y),
                                                            negative.projection(y)),
                                      resolution, seed)
                 for y in positive.years()]
    else:
        if conflict:
            raise AllianceGraphError("`conflict` needs `signed=True`")
        parts, last = [], None
        for p in positive:  # each year starts from the year before
            parts.append(_blocs.detect(p, method, resolution, seed, previous=last))
            last = parts[-1].series
    groups = bloc_groups(store, positive.first, positive.last)
    tables = [_blocs.blocs_table(part, groups[groups["year"] == part.projection.year])
              for part in parts]
    return _blocs.track(parts, threshold, tables)


def defense_ties(data: Spells, p: Projection) -> np.ndarray:
    """Per tie of ``p``: whether it carries a defense or offense obligation (what joins
    blocs into a camp, ``analytics.camps``)."""
    details = data.tie_details(p.year)
    strong = set(zip(details.loc[details["defense"] | details["offense"], "a"],
                     details.loc[details["defense"] | details["offense"], "b"]))
    a, b = p.codes[p.a], p.codes[p.b]
    return np.array([(x, y) in strong or (y, x) in strong for x, y in zip(a, b)], dtype=bool)


def rival_pairs(negative: Spells, year: int) -> list[tuple[str, str]]:
    """The rival pairs (codes) of ``year`` in ``negative`` (``fetch_negative``)."""
    q = negative.projection(year)
    return list(zip(q.codes[q.a], q.codes[q.b]))


def camp_groups(store: Store, net: Network, first: int, last: int | None = None) -> pd.DataFrame:
    """What can name a bloc of ``net`` (year, group, label, code, in_network): every
    treaty and partnership, ``in_network`` where the member's obligations are among the
    network's tie types or the partnership is of its layers (the Helsinki Final Act, a
    nonaggression pact, names a bloc only where no tie of the network does); ATOP
    treaties only with ``--source atop`` (a curated group must not name a bloc of a
    network without curated data)."""
    frame = memberships(store, first, last)
    treaty = frame["treaty"].astype("boolean").fillna(False).astype(bool)
    obliged = np.zeros(len(frame), dtype=bool)
    for o in net.obligations:
        obliged |= frame[o].astype("boolean").fillna(False).to_numpy(dtype=bool)
    layered = ~treaty & frame["kind"].map(GROUP_KINDS).isin(net.ties).to_numpy()
    frame = frame.assign(in_network=(treaty & obliged) | layered)
    if net.source == "atop":
        frame = frame[frame["group_id"].astype(str).str.startswith("ATOP-")]
    return frame.rename(columns={"group_id": "group", "short_name": "label"})[
        ["year", "group", "label", "code", "in_network"]]


def camps(store: Store, year: int, net: Network | None = None, *, method: str = "leiden",
          resolution: float = 1.0, seeds: int = _camps.SEEDS, loose: float = _camps.LOOSE,
          join: float = _camps.JOIN) -> _camps.Camps:
    """Camps and consensus blocs of ``year`` with every member's standing
    (``analytics.camps``); ``.notes`` says what a reader must know."""
    net = net or Network()
    result = camps_series(store, year, year, net, method=method, resolution=resolution,
                          seeds=seeds, loose=loose, join=join)[year]
    # the strongest outside tie in words: its obligation and treaty (analytics.ties)
    p = result.projection
    words = _ties.strongest(p._spells, year)
    names = dict(zip(p.codes, p.nodes["name"]))
    m = result.members
    m["strongest_outside"] = [
        _ties.phrase(words, code, other, names).split(" has ", 1)[-1] if other else ""
        for code, other in zip(m["code"], m["outside_partner"])]
    return result


def camps_series(store: Store, first: int, last: int, net: Network | None = None, *,
                 method: str = "leiden", resolution: float = 1.0, seeds: int = _camps.SEEDS,
                 loose: float = _camps.LOOSE, join: float = _camps.JOIN,
                 skip_small: bool = False) -> dict[int, _camps.Camps]:
    """``camps`` for every year ``first``–``last`` from one fetch of spells, treaty
    memberships and major powers (``skip_small``: leave out years with too few ties)."""
    net = net or Network()
    _camps.check(loose, "loose"), _camps.check(join, "join")
    data = spells(store, first, last, net)
    groups = camp_groups(store, net, first, last)
    negative = fetch_negative(store, data)
    out = {}
    for p in data:
        year = p.year
        powers = store.read("status_holders", status="cow-major-power", year=year)["code"]
        try:
            result = _camps.camps(p, defense_ties(data, p), powers,
                                  groups[groups["year"] == year], resolution=resolution,
                                  seeds=seeds, method=method, loose=loose, join=join,
                                  rivals=rival_pairs(negative, year))
        except TooFewTies:
            if skip_small:
                continue
            raise
        result.notes = _camp_notes(result, year, p, method, resolution, seeds, loose, join)
        out[year] = result
    return out


def _camp_notes(result: _camps.Camps, year: int, p: Projection, method: str,
                resolution: float, seeds: int, loose: float, join: float) -> list[str]:
    m = result.members
    loose_rows = m[m["status"] == "loosely attached"]
    labels = result.bloc_table.set_index("bloc")["label"]
    names = dict(zip(p.codes, p.nodes["name"]))
    return [
        f"{year}: {len(result.camp_table)} camps, {len(result.bloc_table)} blocs "
        f"(consensus of {seeds} {method} runs, γ = {resolution}); "
        f"{int((m['status'] == 'unaligned').sum())} actors unaligned (tie strength < "
        f"{_camps.PLACE:g}, less than one consultation pact)",
        "camps: a bloc joins the camp of a major power whose defense ties reach members "
        f"holding at least {join:.0%} of its internal tie strength ("
        + ("; ".join(f"{labels[b]} → {names[h]} {s:.0%}" for b, _, h, s in result.joins)
           or "none this year") + ")",
        f"loosely attached (~; affinity < {loose:g} at bloc and camp level, no tie to the "
        "bloc's core, or outside the treaty that names the bloc without a defense tie to "
        "its core): "
        + (", ".join(f"{r.name} ({r.why})" for r in loose_rows.itertuples())
           or "none"),
    ]
