"""Reading the network's spells from the store: the one place analytics' input is read.

``analytics`` computes on tables and never sees a store; these functions run the named
queries (``queries/*.cypher``) and hand the frames to ``analytics.projection``.
"""

from __future__ import annotations

from ..analytics import projection as _projection
from ..analytics.projection import CONFLICTS, Network, Projection, Spells
from ..errors import AllianceGraphError
from ..schema import TIE_ROLES
from ..store import Store


def fetch(store: Store, network: Network, first: int, last: int) -> Spells:
    """All actor and tie spells touching ``first``–``last``: five queries, any range."""
    window = {"first": first, "last": last}
    ties = list(network.ties)
    alliances = store.read("alliance_spells", sources=network.sources("alliances"),
                           ties=ties, **window)
    memberships = store.read(
        "membership_tie_spells", sources=network.sources("memberships"),
        roles=list(TIE_ROLES), ties=ties, kinds=network.kinds(), **window,
    )
    # the reviews also say which continuations `evidence="reviewed"` drops
    treaties = (store.read("treaty_reviews")
                if len(alliances) or network.evidence == "reviewed" else None)
    # all states: a tie may name a state outside its spells
    return _projection.spells(network, first, last, store.read("state_spells"),
                              store.read("non_state_actors"), alliances, memberships,
                              treaties)


def fetch_negative(store: Store, positive: Spells, conflict: str | None = None, *,
                   rivalries: bool = True) -> Spells:
    """Negative ties for the years and actors of ``positive``: rivalries from its network's
    source family (unless ``rivalries=False``), plus militarized disputes with
    ``conflict="mid"``; the one reader of negative ties
    (``analytics.projection.negative_spells`` applies the censoring rules)."""
    if conflict not in (None, *CONFLICTS):
        raise AllianceGraphError(f"unknown conflict data '{conflict}' "
                                 f"(choose {', '.join(CONFLICTS)})")
    network = positive.network
    window = {"first": positive.first, "last": positive.last}
    rivals = (store.read("rivalry_spells", sources=network.sources("rivalries"), **window)
              if rivalries else None)
    disputes = (store.read("dispute_spells", sources=network.sources("disputes"), **window)
                if conflict == "mid" else None)
    return _projection.negative_spells(positive, rivals, disputes)


def projection(store: Store, year: int, network: Network | None = None) -> Projection:
    """The alignment network of ``year`` (see ``analytics.projection``)."""
    return fetch(store, network or Network(), year, year).projection(year)
