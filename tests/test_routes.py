import itertools

import networkx as nx
import pytest
from checker import best_costs_from, route_ok

from otgraph import WEIGHTS, InvalidOptionError, NoRouteError, load_roles, shortest_route
from otgraph.routes import Constraints


@pytest.mark.parametrize(
    "by, roles, cost",
    [
        ("years", ("a", "b", "d", "e"), 3.5),
        ("qualifications", ("a", "c", "d", "e"), 0),
        ("steps", ("a", "e"), 1),
    ],
)
def test_each_weight_picks_its_route(tiny, by, roles, cost):
    route = shortest_route(tiny.graph, "a", "e", by=by)
    assert route.roles == roles
    assert route.cost() == cost


def test_route_totals_and_json(tiny):
    route = shortest_route(tiny.graph, "a", "e")
    assert route.total_years == 3.5 and route.total_steps == 3
    assert route.qualifications == ["q1", "q2"] and route.total_qualifications == 2
    d = route.to_dict()
    assert [r["id"] for r in d["roles"]] == ["a", "b", "d", "e"]
    assert d["total_years"] == 3.5
    assert d["qualifications"] == [
        {"id": "q1", "title": "Qualification one"},
        {"id": "q2", "title": "Qualification two"},
    ]
    assert d["steps"][0].items() >= {"from": "a", "to": "b", "years": 1, "years_basis": "source",
                                     "qualifications": ["q1"], "awards": ["q1"], "years_range": [1, 1],
                                     "grade": "sourced"}.items()


def test_estimates_are_counted(tiny):
    assert shortest_route(tiny.graph, "a", "d", by="qualifications").estimated_steps == 1


def test_same_role_is_an_empty_route(tiny):
    route = shortest_route(tiny.graph, "b", "b")
    assert route.roles == ("b",) and route.total_years == 0 and route.steps == ()


def test_no_route(tiny):
    with pytest.raises(NoRouteError, match=r"no route from Epsilon Head \(e\) to Alpha Worker \(a\)") as err:
        shortest_route(tiny.graph, "e", "a")
    assert isinstance(err.value, nx.NetworkXNoPath)


def test_unknown_weight(tiny):
    with pytest.raises(InvalidOptionError, match="by must be one of years, qualifications, steps, not 'speed'"):
        shortest_route(tiny.graph, "a", "e", by="speed")


def _brute_force_cost(G, source, target, by):
    weight = WEIGHTS[by]
    costs = [sum(weight(u, v, G.edges[u, v]) for u, v in itertools.pairwise(p))
             for p in nx.all_simple_paths(G, source, target)]
    return min(costs) if costs else None


@pytest.mark.parametrize("by", list(WEIGHTS))
def test_packaged_routes_match_brute_force(ot, by):
    """Every reachable pair of roles: the route's cost is the minimum over all simple paths."""
    G = ot.graph
    checked = 0
    lengths = dict(nx.all_pairs_shortest_path_length(G))
    for source in G:
        best = best_costs_from(G, source, by)  # over loop-free routes meeting every requirement
        for target in lengths[source]:
            if source == target:
                continue
            expected = best.get(target)
            try:
                route = shortest_route(G, source, target, by=by)
            except NoRouteError:
                assert expected is None, (source, target)
                continue
            assert route_ok(G, list(route.roles)), (source, target)
            if len(set(route.roles)) == len(route.roles):
                assert route.cost() == pytest.approx(expected), (source, target)
            else:  # a route that comes back to a role to gain a qualification on the way
                assert expected is None or route.cost() <= expected + 1e-9
            assert all(G.has_edge(s.source, s.target) for s in route.steps)
            checked += 1
    assert checked > 300


def test_a_move_on_a_condition_names_it_under_the_route():
    from click.testing import CliRunner

    from otgraph.cli import cli

    G = load_roles().graph
    route = shortest_route(G, "us-cota", "us-entry-ot")
    (step, condition), = route.conditions
    assert step.target == "edu-us-mot" and condition["source"] == "mga-msot-bridge"
    assert not route.condition_met(step)
    assert shortest_route(G, "us-cota", "us-entry-ot", served=1).condition_met(step)
    assert route.to_dict()["steps"][1]["condition"]["served_years"] == 1
    out = CliRunner().invoke(cli, ["path", "us-cota", "us-entry-ot"]).output
    lines = [line for line in out.splitlines() if line.startswith("Condition at ")]
    assert len(lines) == 1 and "a year as a licensed COTA" in lines[0] and "--served" in lines[0]
    served = CliRunner().invoke(cli, ["path", "us-cota", "us-entry-ot", "--served", "2"]).output
    assert "Met by the 2 years served" in served


def test_the_bridge_takes_credits_or_a_bachelors():
    G = load_roles().graph
    route = shortest_route(G, "us-cota", "us-entry-ot")
    assert "edu-us-ota-bridge-prereqs" in route.roles and "us-ota-bridge-credits" in route.qualifications
    with_degree = shortest_route(G, "us-cota", "us-entry-ot", constraints=Constraints(have=("us-bachelors-degree",)))
    assert "edu-us-ota-bridge-prereqs" not in with_degree.roles


# --- crossings at every level (issue 29) ---------------------------------------------------

@pytest.mark.parametrize("source", ["nhs-specialist-ot", "nhs-advanced-ot", "ss-senior-ot"])
def test_uk_band6_and_band7_reach_us_practice_through_nbcot(source):
    route = shortest_route(load_roles().graph, source, "us-entry-ot")
    assert "edu-us-nbcot-oted" in route.roles and {"nbcot-otr", "us-state-ot-licence"} <= set(route.qualifications)


def test_a_uk_bsc_holder_adds_the_post_professional_masters():
    from otgraph.routes import route_branches

    branches = route_branches(load_roles().graph, "nhs-advanced-ot", "us-entry-ot")
    bsc = next(b for b in branches if "uk-ot-bsc" in b.assumes)
    assert bsc.route.roles == ("nhs-advanced-ot", "edu-intl-ot-pp-masters", "edu-us-nbcot-oted", "us-entry-ot")


@pytest.mark.parametrize("source", ["us-mid-ot", "us-senior-ot", "us-lead-ot"])
def test_us_mid_senior_and_lead_reach_band5_through_hcpc(source):
    route = shortest_route(load_roles().graph, source, "nhs-band5-ot")
    assert route.roles == (source, "nhs-band5-ot") and "hcpc-international-route" in route.qualifications


def test_translate_gives_each_equivalents_route_or_gate():
    from otgraph.reachability import translate_routes as translate

    G = load_roles().graph
    (entry,) = translate(G, "us-entry-ot")
    assert entry["route_years"] == 0.23 and entry["route"] == ["us-entry-ot", "nhs-band5-ot"]
    for e in translate(G, "nhs-advanced-ot"):
        assert e["blocked_by"] is None and "edu-us-nbcot-oted" in e["route"]


def test_the_years_before_a_crossing_are_noted_not_credited():
    from click.testing import CliRunner

    from otgraph.cli import cli

    out = CliRunner().invoke(cli, ["path", "nhs-ot-support-worker", "us-entry-ot"]).output
    assert "the 5 years before it are noted, not credited as experience in US" in out
    route = shortest_route(load_roles().graph, "nhs-ot-support-worker", "us-entry-ot")
    assert route.crossing(load_roles().graph)[1] == 5
