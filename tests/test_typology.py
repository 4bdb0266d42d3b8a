"""The network typology: formal alliances by obligation, alignment, organisations
(README "Network typology"), chosen by a group's kind, weighted and named."""

from __future__ import annotations

import warnings

import pytest
import yaml

from alliance_graph import api
from alliance_graph.analytics.projection import (
    DEFAULT_TIES,
    STRENGTH,
    TIE_TYPES,
    Network,
)
from alliance_graph.errors import AllianceGraphError
from alliance_graph.schema import GROUP_KINDS, LAYERS, OBLIGATIONS, group_kinds
from alliance_graph.ingest.curated import CURATED_DIR, PARTNERSHIP_KINDS, TREATY_KINDS


def test_one_mapping_from_kind_to_layer():
    assert set(GROUP_KINDS.values()) == set(LAYERS)
    assert TREATY_KINDS == group_kinds("alliance")
    assert set(PARTNERSHIP_KINDS) == {*group_kinds("alignment"), *group_kinds("organization")}
    groups = yaml.safe_load((CURATED_DIR / "groups.yaml").read_text())
    layer = {g["id"]: GROUP_KINDS[g["kind"]] for g in groups}
    assert {k: layer[k] for k in ("NATO", "QUAD", "AXIS", "MNNA", "SCO", "EU", "BRI",
                                  "C5PLUS1", "EU-CA-SP")} == {
        "NATO": "alliance", "QUAD": "alignment", "AXIS": "alignment", "MNNA": "alignment",
        "SCO": "organization", "EU": "organization", "BRI": "organization",
        "C5PLUS1": "organization", "EU-CA-SP": "organization"}
    with pytest.raises(ValueError, match="unknown layer"):
        group_kinds("partnership")


def test_weights_order_the_layers():
    """Every alliance obligation outweighs alignment, which outweighs organisations."""
    assert min(STRENGTH[o] for o in OBLIGATIONS) > STRENGTH["alignment"] > STRENGTH["organization"]
    assert STRENGTH["defense"] == STRENGTH["offense"] > STRENGTH["neutrality"] \
        == STRENGTH["nonaggression"] > STRENGTH["consultation"]
    assert set(TIE_TYPES) == {*OBLIGATIONS, "alignment", "organization"}


def test_the_default_network():
    net = Network()
    assert net.ties == DEFAULT_TIES and net.weighted and "organization" not in net.ties
    assert "nonaggression" not in net.ties
    assert net.label == ("network: ATOP + curated · alliances except nonaggression "
                         "(weighted by obligation) + alignment ×0.5")
    assert api.network() == net


def test_partnership_is_a_deprecated_alias():
    with pytest.warns(DeprecationWarning, match="alignment,organization"):
        old = Network("all", ("defense", "partnership"))
    assert old == Network("all", ("defense", "alignment", "organization"))
    assert Network(ties=("alliances",)).ties == OBLIGATIONS
    with pytest.raises(AllianceGraphError, match="unknown tie type 'treaty'"):
        Network(ties=("treaty",))


def test_labels_name_only_what_the_network_holds():
    atop = Network("atop")  # ATOP has no alignment or organisation data: the layers go
    assert atop.ties == ("defense", "offense", "neutrality", "consultation")
    assert atop.label == "network: ATOP · alliances except nonaggression (weighted by obligation)"
    with pytest.raises(AllianceGraphError, match="no alignment or organisation data"):
        Network("atop", ("alignment",))
    assert Network("all", ("defense",), weighted=False).label == \
        "network: ATOP + curated · alliances (defense) · unweighted"
    assert Network("curated", ("alliances", "alignment", "organization")).label == \
        ("network: curated · alliances (weighted by obligation) + alignment ×0.5 + "
         "organisations ×0.25")
    assert Network("all", ("alignment",)).label == "network: ATOP + curated · alignment"
    assert "censored spells dropped" in Network(censored="drop").label


def _ties(store, year, net):
    p = api.projection(store, year, net)
    return {frozenset(pair): w for pair, w in zip(zip(p.edges.a, p.edges.b), p.edges.weight)}


def test_the_layer_comes_from_the_kind(store):
    alignment = _ties(store, 2024, Network("all", ("alignment",)))
    organization = _ties(store, 2024, Network("all", ("organization",)))
    quad, eu, axis = frozenset({"IND", "JPN"}), frozenset({"FRN", "GMY"}), \
        frozenset({"HEZBOLLAH", "IRN"})
    assert quad in alignment and axis in alignment and eu not in alignment
    assert eu in organization and quad not in organization and axis not in organization
    assert set(alignment.values()) == {0.5} and set(organization.values()) == {0.25}


def test_default_weights_on_real_data(store):
    ties = _ties(store, 2024, Network())
    assert set(ties.values()) == {0.5, 1.0, 2.0, 3.0}
    assert ties[frozenset({"USA", "JPN"})] == 3  # a defense treaty
    assert ties[frozenset({"USA", "IND"})] == 0.5  # alignment only: QUAD, MDP, LEMOA…
    # pairs tied only by an organisation (SCO, ASEAN, OAS…) or a nonaggression pact are
    # not tied by default
    every = Network("all", ("alliances", "alignment", "organization"))
    details = api.spells(store, 2024, 2024, every).tie_details(2024)
    others = [t for t in every.ties if t not in ("organization", "nonaggression")]
    left_out = details[~details[others].any(axis=1)]
    assert len(left_out) > 500 and frozenset({"CHN", "JPN"}) in {
        frozenset(p) for p in zip(left_out.a, left_out.b)}
    assert not {frozenset(p) for p in zip(left_out.a, left_out.b)} & set(ties)


def test_the_eu_is_the_party_of_the_eu_central_asia_format(store):
    """EU-CA-SP: the EU as an organisation (the hub) faces the five Central Asian states;
    its member states did not sign and are not tied by it."""
    spells = api.spells(store, 2025, 2025, Network("all", ("organization",)))
    details = spells.tie_details(2025).set_index(["a", "b"])["via"]
    for state in ("KYR", "KZK", "TAJ", "TKM", "UZB"):
        pair = tuple(sorted(("EUROPEAN_UNION", state)))
        assert "EU-CA-SP" in details[pair]
    for pair in (("FRN", "KZK"), ("FRN", "GMY")):  # EU member states: not parties
        assert "EU-CA-SP" not in details.get(pair, "")
    assert "EU-CA-SP" not in details.get(("KZK", "UZB"), "")  # members: tied only to the hub


def test_cli_says_when_partnership_is_used(run):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)  # the CLI says it in its words
        result = run("blocs", "--year", "2024", "--ties", "defense,partnership",
                     "--format", "json")
    assert result.exit_code == 0, result.output
    assert "--ties partnership is deprecated: it means alignment,organization" in result.stderr


def test_cli_titles_name_the_network(run):
    result = run("blocs", "--year", "2018")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Camps 2018 — network: ATOP + curated · alliances except nonaggression")
    assert "\nBlocs 2018 — network: ATOP + curated" in result.stdout
    assert "alignment ×0.5" in result.stdout and "organisation" not in result.stdout
