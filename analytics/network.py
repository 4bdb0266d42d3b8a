"""Which ties make a network: the tie types, their strengths, the source families, the
censoring rule — and ``Network``, the value naming one. Light on purpose (no pandas or
igraph), so the CLI can build its options and help from it without loading the analytics.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from alliance_graph.errors import AllianceGraphError
from alliance_graph.schema import GROUP_KINDS, OBLIGATIONS

LAYER_TIES = ("alignment", "organization")  # layers chosen by a partnership's kind
TIE_TYPES = (*OBLIGATIONS, *LAYER_TIES)
STRENGTH = {
    "defense": 3.0, "offense": 3.0, "neutrality": 2.0, "nonaggression": 2.0,
    "consultation": 1.0, "alignment": 0.5, "organization": 0.25,
}
# Names that stand for several tie types: every alliance obligation, and the deprecated
# 'partnership' (one tie type for every partnership until the typology split it).
TIE_GROUPS = {"alliances": OBLIGATIONS, "partnership": LAYER_TIES}
DEPRECATED_TIES = {"partnership": "alignment,organization"}
# The default network: formal alliances weighted by obligation, except nonaggression
# (README "Network typology": nonaggression pacts manage relations between former rivals
# rather than align states, and ATOP's region-wide ones — the Helsinki Final Act, the
# Treaty of Amity and Cooperation in Southeast Asia — would tie whole regions together),
# plus security alignment short of alliance; organisations are left out.
DEFAULT_TIES = ("defense", "offense", "neutrality", "consultation", "alignment")
FIRST_YEAR, LAST_YEAR = 1816, 2025
OPEN = 9999  # "no end" inside the in-memory spell tables

# --source chooses a family of sources: the peer-reviewed datasets, the curated one, or both.
SOURCE_FAMILIES = {
    "atop": {"alliances": ["atop"], "memberships": [],
             "rivalries": ["td-rivalries", "tss-rivalries"], "disputes": ["cow-mids"]},
    "curated": {"alliances": [], "memberships": ["curated"],
                "rivalries": ["curated"], "disputes": []},
}
SOURCE_FAMILIES["all"] = {
    k: SOURCE_FAMILIES["atop"][k] + SOURCE_FAMILIES["curated"][k] for k in SOURCE_FAMILIES["atop"]
}
CENSORING = ("carry", "drop")
# which continuations of ATOP alliances past 2018 count: all of them, or only those whose
# curated review found a source (issue 20: `unverified` ones dropped)
EVIDENCE = ("all", "reviewed")
WEIGHTS = ("obligation", "treaties")


@dataclass(frozen=True)
class Network:
    """Which ties make the network: sources, tie types, weighting, censoring rule."""

    source: str = "all"
    ties: tuple[str, ...] = DEFAULT_TIES
    weighted: bool = True
    censored: str = "carry"
    weight: str | None = None  # None/"obligation" (= weighted) or "treaties"
    evidence: str = "all"  # "reviewed": drop continuations whose review is unverified

    def __post_init__(self) -> None:
        if self.weight is None and self.weighted:
            object.__setattr__(self, "weight", "obligation")
        if self.weight not in (None, *WEIGHTS):
            raise AllianceGraphError(f"unknown weight '{self.weight}' "
                                     f"(choose {', '.join(WEIGHTS)})")
        object.__setattr__(self, "weighted", self.weight is not None)
        if self.source not in SOURCE_FAMILIES:
            raise AllianceGraphError(
                f"unknown source '{self.source}' (choose {', '.join(SOURCE_FAMILIES)})"
            )
        bad = [t for t in self.ties if t not in TIE_TYPES and t not in TIE_GROUPS]
        if bad or not self.ties:
            raise AllianceGraphError(
                f"unknown tie type '{bad[0] if bad else ''}' (choose from "
                f"{', '.join([*TIE_TYPES, *TIE_GROUPS])})"
            )
        for old in set(self.ties) & set(DEPRECATED_TIES):
            warnings.warn(f"tie type '{old}' is deprecated: it means "
                          f"{DEPRECATED_TIES[old]}", DeprecationWarning, stacklevel=3)
        ties = {t for name in self.ties for t in TIE_GROUPS.get(name, (name,))}
        if not SOURCE_FAMILIES[self.source]["memberships"]:
            ties -= set(LAYER_TIES)  # these layers come only from curated memberships
            if not ties:
                raise AllianceGraphError(f"source '{self.source}' has no alignment or "
                                         "organisation data (they are curated): use `source=all`")
        if self.censored not in CENSORING:
            raise AllianceGraphError(f"censored must be one of {', '.join(CENSORING)}")
        if self.evidence not in EVIDENCE:
            raise AllianceGraphError(f"evidence must be one of {', '.join(EVIDENCE)}")
        object.__setattr__(self, "ties", tuple(t for t in TIE_TYPES if t in ties))

    @property
    def obligations(self) -> tuple[str, ...]:
        """The alliance obligations among the tie types."""
        return tuple(t for t in self.ties if t in OBLIGATIONS)

    def _tie_names(self) -> list[str]:
        """Tie types, with 'alliances' for all five obligations."""
        if self.obligations == OBLIGATIONS:
            return ["alliances", *(t for t in self.ties if t not in OBLIGATIONS)]
        return list(self.ties)

    @property
    def id(self) -> str:
        """A stable name for this network, stored with results written back."""
        parts = [self.source, "+".join(self._tie_names())]
        if self.weight == "obligation":
            parts.append("weighted")
        elif self.weight == "treaties":
            parts.append("treaties")
        if self.censored == "drop":
            parts.append("uncensored")
        return ":".join(parts)

    @property
    def label(self) -> str:
        """What the network is, for titles and notes: its sources and layers, and how
        they are weighted — naming nothing that is not in it."""
        sources = {"atop": "ATOP", "curated": "curated", "all": "ATOP + curated"}
        layers = []
        if self.obligations:
            missing = [o for o in OBLIGATIONS if o not in self.obligations]
            what = ("alliances" if not missing
                    else "alliances except " + " and ".join(missing) if len(missing) <= 2
                    else "alliances (" + ", ".join(self.obligations) + ")")
            if self.weight == "obligation" and len({STRENGTH[o] for o in self.obligations}) > 1:
                what = (what[:-1] + "; weighted by obligation)" if what.endswith(")")
                        else what + " (weighted by obligation)")
            layers.append(what)
        for layer in LAYER_TIES:
            if layer in self.ties:
                name = "organisations" if layer == "organization" else layer
                weight = STRENGTH[layer]
                layers.append(f"{name} ×{weight:g}"
                              if self.weight == "obligation" and self.obligations else name)
        text = f"network: {sources[self.source]} · " + " + ".join(layers)
        if not self.weighted:
            text += " · unweighted"
        elif self.weight == "treaties":
            text += " · weighted by shared treaties"
        if self.censored == "drop":
            text += " · censored spells dropped"
        return text

    def sources(self, kind: str) -> list[str]:
        return SOURCE_FAMILIES[self.source][kind]

    def kinds(self) -> list[str]:
        """The partnership kinds whose layer is among the tie types."""
        return [k for k, layer in GROUP_KINDS.items() if layer in self.ties]

# the centrality metrics, in their display order (``centrality.METRICS`` holds one function
# each); named here so that the CLI's options need not load the analytics
CENTRALITY_METRICS = ("degree", "strength", "betweenness", "closeness", "eigenvector",
                      "pagerank")
