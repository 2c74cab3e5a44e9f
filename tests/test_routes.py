import itertools

import networkx as nx
import pytest
from checker import best_cost, route_ok

from otgraph import WEIGHTS, InvalidOptionError, NoRouteError, shortest_route


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
        for target in lengths[source]:
            if source == target:
                continue
            expected = best_cost(G, source, target, by)  # over loop-free routes meeting every requirement
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
