"""Blocs, signed blocs, structural balance and bloc dynamics."""

from __future__ import annotations

import pandas as pd

from ..analytics import blocs as _blocs
from ..analytics import signed as _signed
from ..analytics.projection import Network, fetch_negative
from ..errors import AllianceGraphError
from ..results import write_blocs
from ..store import Store
from .core import projection, spells
from .treaties import bloc_groups


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
              conflict: str | None = None):
    """(Partition, SignedNetwork or None): the blocs of one year."""
    if signed:
        s = signed_network(store, year, net, conflict)
        return _signed.signed_blocs(s, resolution, seed), s
    if conflict:
        raise AllianceGraphError("--conflict needs --signed")
    return _blocs.detect(projection(store, year, net), method, resolution, seed), None


def named_blocs(store: Store, part: _blocs.Partition) -> pd.DataFrame:
    """``analytics.blocs.blocs_table`` with the year's treaties and organisations, so each
    bloc is named by what binds it."""
    year = part.projection.year
    return _blocs.blocs_table(part, bloc_groups(store, year))


def blocs(store: Store, year: int, net: Network | None = None, *, method: str = "leiden",
          resolution: float = 1.0, seed: int = 42, signed: bool = False,
          conflict: str | None = None, write: bool = False) -> pd.DataFrame:
    """One row per bloc of ``year`` (id, label, size, density, region, members); ``attrs``
    carry the partition's modularity, the unaligned count and, when signed, frustration.
    ``write`` stores the blocs in the graph (Bloc, IN_BLOC)."""
    net = net or Network()
    part, s = partition(store, year, net, method=method, resolution=resolution, seed=seed,
                        signed=signed, conflict=conflict)
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
        network_id = bloc_network_id(net, method, signed, conflict)
        linked = write_blocs(store, table, part.series, year, network_id, part.modularity)
        notes.append(f"wrote {len(table)} blocs and {linked} memberships as network '{network_id}'")
    table.attrs["notes"] = notes
    table.attrs["partition"] = part
    return table


def balance(store: Store, year: int, net: Network | None = None,
            conflict: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Structural balance of the signed network of ``year``: a one-row summary (triangles
    by kind, balanced share) and the unbalanced triangles, most central first."""
    summary, triangles = _signed.balance(signed_network(store, year, net, conflict))
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
            raise AllianceGraphError("--conflict needs --signed")
        parts, last = [], None
        for p in positive:  # each year starts from the year before
            parts.append(_blocs.detect(p, method, resolution, seed, previous=last))
            last = parts[-1].series
    groups = bloc_groups(store, positive.first, positive.last)
    tables = [_blocs.blocs_table(part, groups[groups["year"] == part.projection.year])
              for part in parts]
    return _blocs.track(parts, threshold, tables)
