"""The packaged dataset: every role and move is sourced, and every track can be reached."""

import networkx as nx
import pytest

from otgraph import read_roles, shortest_route

DATA = read_roles()
ROLES = {r["id"]: r for r in DATA["roles"]}


@pytest.mark.parametrize("role", DATA["roles"], ids=lambda r: r["id"])
def test_role_is_complete_and_sourced(role):
    for key in ("title", "country", "track", "level", "sources"):
        assert role.get(key) not in (None, [], ""), key
    if role["track"] == "nhs" and role["kind"] == "job" and "apprentice" not in role["id"]:
        assert role.get("band"), "NHS jobs carry their Agenda for Change band"


@pytest.mark.parametrize("transition", DATA["transitions"], ids=lambda t: f"{t['from']}->{t['to']}")
def test_transition_is_sourced(transition):
    assert transition["sources"]
    assert transition["years_basis"] in ("source", "estimate")


def test_every_source_is_cited():
    cited = {s for item in DATA["roles"] + DATA["transitions"] + DATA["qualifications"] for s in item["sources"]}
    cited |= {r["salary"]["source"] for r in DATA["roles"] if "salary" in r}
    cited |= {e["source"] for r in DATA["roles"] for e in r.get("equivalents", [])}
    assert cited == set(DATA["sources"])


EXPECTED_TRACKS = {"nhs", "social-services", "us-clinical", "us-assistant", "education", "practice-settings"}


def test_tracks(ot):
    assert set(ot.tracks) == EXPECTED_TRACKS


@pytest.mark.parametrize("track", sorted(EXPECTED_TRACKS))
def test_every_role_of_every_track_is_reachable_from_an_entry_point(ot, track):
    G = ot.graph
    entry = [n for n in G if G.in_degree(n) == 0]
    reachable = set().union(*(nx.descendants(G, n) | {n} for n in entry))
    assert {r["id"] for r in ot.roles(track=track)} <= reachable


@pytest.mark.parametrize(
    "source, target, years",
    [
        ("us-entry-ot", "us-rehab-services-manager", 8),  # seed: 8+ years of clinical experience
        ("us-entry-ot", "us-lead-ot", 6),  # seed: 6+ years
        ("us-entry-ot", "us-senior-ot", 5),  # seed: 5+ years
        ("us-cota", "us-cota-lead", 5),  # seed: more than 5 years
        ("edu-us-bachelors", "edu-us-mot", 2),  # seed: MOT is two years
        ("edu-us-bachelors", "edu-us-otd", 3),  # seed: OTD is three years
        ("nhs-ot-degree-apprentice", "nhs-band5-ot", 4),  # apprenticeship standard: 48 months
        ("ss-ot", "ss-senior-ot", 2),  # 24-month progression programme
    ],
)
def test_route_years_agree_with_sources(ot, source, target, years):
    assert shortest_route(ot.graph, source, target).total_years == years


def test_high_school_to_ot_takes_six_to_seven_years(ot):
    # seed 004: bachelor's plus a graduate degree, 6-7 years in all
    assert 6 <= shortest_route(ot.graph, "edu-us-high-school", "us-entry-ot").total_years <= 7


def test_assistant_can_become_an_ot(ot):
    route = shortest_route(ot.graph, "us-cota", "us-entry-ot")
    assert "nbcot-otr" in route.qualifications and "us-bachelors-degree" in route.qualifications
