"""The packaged dataset: every figure says where it comes from, every role and move is sourced,
the re-audit against the sources holds, and routes honour entry requirements."""

import networkx as nx
import pytest
from checker import route_ok

from otgraph import Constraints, read_roles, shortest_route

DATA = read_roles()
ROLES = {r["id"]: r for r in DATA["roles"]}
MOVES = {(t["from"], t["to"]): t for t in DATA["transitions"]}
SOURCES = DATA["sources"]


def _evidence(item):
    """Every evidence object in a role or move, with where it sits."""
    for key in ("years_evidence", "requires_evidence"):
        value = item.get(key)
        for e in value if isinstance(value, list) else [value]:
            if isinstance(e, dict):
                yield key, e
    for i, figure in enumerate(item.get("pay", [])):
        yield f"pay[{i}]", figure["evidence"]


@pytest.mark.parametrize("item", DATA["roles"] + DATA["transitions"],
                         ids=lambda x: x.get("id") or f"{x['from']}->{x['to']}")
def test_every_sourced_figure_names_a_known_source_and_a_locator(item):
    for where, e in _evidence(item):
        assert e["grade"] in ("sourced", "derived", "observed", "estimate"), where
        if e["grade"] == "sourced":
            assert e.get("source") in SOURCES, f"{where}: source {e.get('source')!r} is not in the sources table"
            assert e.get("locator", "").strip(), f"{where}: a sourced figure needs a locator"
        if e["grade"] == "derived":
            assert e.get("rule"), f"{where}: a derived figure names its rule"


@pytest.mark.parametrize("role", DATA["roles"], ids=lambda r: r["id"])
def test_role_is_complete_and_sourced(role):
    for key in ("title", "country", "track", "level", "sources"):
        assert role.get(key) not in (None, [], ""), key
    if role["track"] == "nhs" and role["kind"] == "job" and "apprentice" not in role["id"]:
        assert role.get("band"), "NHS jobs carry their Agenda for Change band"
    for figure in role.get("pay", []):
        assert figure["evidence"]["grade"] in ("sourced", "derived", "estimate")


@pytest.mark.parametrize("move", DATA["transitions"], ids=lambda t: f"{t['from']}->{t['to']}")
def test_move_has_a_range_and_evidence(move):
    assert move["sources"]
    assert move["years_min"] <= move["years"]
    assert move["years_max"] is None or move["years_max"] >= move["years"]
    assert move["years_kind"] in ("source-range", "experience", "estimate")
    assert "qualifications" not in move and "years_basis" not in move


def test_every_requirement_is_awarded_by_some_move():
    awarded = {q for t in DATA["transitions"] for q in t.get("awards", [])}
    for role in DATA["roles"]:
        for group in role.get("requires", []):
            options = group if isinstance(group, list) else [group]
            assert set(options) & awarded, f"{role['id']}: nothing awards {options}"


EXPECTED_TRACKS = {"nhs", "social-services", "us-clinical", "us-assistant", "education", "practice-settings"}


def test_tracks(ot):
    assert set(ot.tracks) == EXPECTED_TRACKS


@pytest.mark.parametrize("track", sorted(EXPECTED_TRACKS))
def test_every_role_of_every_track_is_reachable_under_the_requirements(ot, track):
    from otgraph.routes import route_tree

    G = ot.graph
    entry = [n for n in G if G.in_degree(n) == 0]
    _, paths = route_tree(G, entry)
    assert {r["id"] for r in ot.roles(track=track)} <= set(paths)


# --- the re-audit (issue "Honest figures") ---------------------------------------------------

def test_band6_to_fcp_is_not_a_sourced_year_and_band5_to_fcp_takes_at_least_four(ot):
    move = MOVES["nhs-specialist-ot", "nhs-first-contact-practitioner"]
    assert not (move["years_evidence"]["grade"] == "sourced" and move["years"] == 1)
    route = shortest_route(ot.graph, "nhs-band5-ot", "nhs-first-contact-practitioner")
    assert route.total_years >= 4 and route.total_years_range[0] >= 4
    assert ROLES["nhs-first-contact-practitioner"]["band"] == "7"


def test_support_workers_are_band_2_or_3_and_not_ots():
    support = [r for r in DATA["roles"] if r["track"] == "nhs" and r.get("band") in ("2", "3")]
    assert {r["band"] for r in support} == {"2", "3"}
    assert all("Occupational Therapist" not in r["title"] for r in support)


def test_band3_post_leads_into_the_degree_apprenticeship():
    move = MOVES["nhs-ot-assistant", "nhs-ot-degree-apprentice"]
    assert ROLES["nhs-ot-assistant"]["band"] == "3" and move["sources"]


def test_degree_apprenticeship_takes_30_to_48_months():
    move = MOVES["nhs-ot-degree-apprentice", "nhs-band5-ot"]
    assert (move["years_min"], move["years"], move["years_max"]) == (2.5, 4, 4)


def test_cota_to_ot_bridge_takes_2_to_4_years():
    move = MOVES["us-cota", "edu-us-mot"]
    assert (move["years_min"], move["years_max"]) == (2, 4)
    assert "us-mot" in move["awards"]


def test_cota_keeps_both_pay_figures_each_with_its_locator():
    pay = ROLES["us-cota"]["pay"]
    assert len(pay) == 2
    assert {"min", "max"} <= set(pay[0]) and "average" in pay[1]
    locators = [p["evidence"]["locator"] for p in pay]
    assert all(loc.startswith("seed 003") for loc in locators) and locators[0] != locators[1]


def test_mot_route_is_about_six_years_and_otd_about_seven(ot):
    via_mot = shortest_route(ot.graph, "edu-us-high-school", "us-entry-ot",
                             constraints=Constraints(via=("edu-us-bachelors", "edu-us-mot")))
    via_otd = shortest_route(ot.graph, "edu-us-high-school", "us-entry-ot",
                             constraints=Constraints(via=("edu-us-bachelors", "edu-us-otd")))
    assert 6 <= via_mot.total_years < 7 and 7 <= via_otd.total_years < 8  # seed 004: 6-7 years of study


@pytest.mark.parametrize("target, at_least", [("us-mid-ot", 2), ("us-senior-ot", 5), ("us-lead-ot", 6),
                                              ("us-rehab-services-manager", 8)])
def test_us_ladder_minimums_are_the_seed_experience(ot, target, at_least):
    # seed 001: mid-level 2-4 years, senior 5+, lead 6+, rehabilitation services manager 8+
    route = shortest_route(ot.graph, "us-entry-ot", target)
    low, high = route.total_years_range
    assert low >= at_least
    if target == "us-mid-ot":
        assert (low, high) == (2, 4)
    else:
        assert high is None  # "N+" is a minimum with no stated maximum


def test_band5_to_consultant_gains_advanced_practice_and_prints_its_range(ot):
    from click.testing import CliRunner

    from otgraph.cli import cli

    route = shortest_route(ot.graph, "nhs-band5-ot", "nhs-consultant-ot")
    assert {"acp-msc", "acp-portfolio"} & set(route.qualifications)
    result = CliRunner().invoke(cli, ["path", "nhs-band5-ot", "nhs-consultant-ot"])
    low, high = route.total_years_range
    assert f"Total: {route.total_years:g} years ({low:g}{'+' if high is None else f'-{high:g}'})" in result.output


# --- entry requirements (issue "Routes honour entry requirements") ---------------------------

def test_high_school_to_entry_level_ot_gains_degree_exam_and_licence(ot):
    for constraints in (Constraints(), Constraints(via=("edu-us-bachelors",))):
        route = shortest_route(ot.graph, "edu-us-high-school", "us-entry-ot", constraints=constraints)
        quals = set(route.qualifications)
        assert quals & {"us-mot", "us-otd"} and {"nbcot-otr", "us-state-ot-licence"} <= quals
        assert route_ok(ot.graph, list(route.roles))
        # no shorter than the sourced minimum of the route it takes
        if "us-cota" in route.roles:
            assert route.total_years >= 2 + 2  # associate degree, then the bridge's 2-year minimum
        else:
            assert route.total_years >= 6


def test_uk_bsc_graduate_can_reach_us_practice_through_nbcot_eligibility(ot):
    route = shortest_route(ot.graph, "edu-uk-ot-bsc", "us-entry-ot")
    assert "nbcot-oted" in route.qualifications or "us-mot" in route.qualifications
    assert {"nbcot-otr", "us-state-ot-licence"} <= set(route.qualifications)


def test_us_ot_can_reach_uk_practice_through_hcpc(ot):
    route = shortest_route(ot.graph, "us-entry-ot", "nhs-band5-ot")
    assert "hcpc-registration" in route.qualifications


def test_have_never_lengthens_a_route(ot):
    G = ot.graph
    for a, b in [("edu-us-high-school", "us-entry-ot"), ("nhs-band5-ot", "nhs-consultant-ot"),
                 ("us-cota", "us-rehab-services-manager")]:
        plain = shortest_route(G, a, b)
        for have in (["us-mot"], ["acp-msc"], ["Bachelor's degree"], ["nbcot-otr", "us-state-ot-licence"]):
            assert shortest_route(G, a, b, constraints=Constraints(have=tuple(have))).total_years \
                <= plain.total_years


def test_a_route_never_enters_a_role_without_its_requirements(ot):
    G = ot.graph
    for a in ["edu-us-high-school", "edu-uk-school-leaver", "nhs-ot-support-worker", "us-ot-aide"]:
        for b in nx.descendants(G, a):
            try:
                route = shortest_route(G, a, b)
            except nx.NetworkXNoPath:
                continue
            assert route_ok(G, list(route.roles)), route
