
import pytest
from checker import best_costs_from, feasible_paths, route_ok
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import datasets

from otgraph import WEIGHTS, CareerGraph, InvalidOptionError, NoRouteError, shortest_route
from otgraph.equivalents import translate
from otgraph.graph_stats import stats
from otgraph.reachability import reach, requires
from otgraph.routes import Constraints, Route, k_shortest_routes, pareto_routes


def all_routes(G, source, target, by="years"):
    """Every loop-free route meeting every entry requirement (judged by the independent checker)."""
    return [Route.from_nodes(G, p, by) for p in feasible_paths(G, source, target)]


def without_free_detours(routes):
    """The routes k_shortest_routes may list: not one that is another route with extra roles
    adding no years and no qualification (a detour at no cost; written apart from otgraph)."""
    def inside(short, long):
        it = iter(long.roles)
        return len(short.roles) < len(long.roles) and all(role in it for role in short.roles)

    return [r for r in routes if not any(
        inside(o, r) and abs(o.total_years - r.total_years) < 1e-9 and o.total_qualifications == r.total_qualifications
        for o in routes)]


# --- brute force on the packaged graph --------------------------------------------------

PAIRS = [
    ("edu-uk-school-leaver", "nhs-consultant-ot"),
    ("edu-us-high-school", "us-rehab-services-manager"),
    ("nhs-ot-support-worker", "nhs-professional-lead-ot"),
    ("edu-us-high-school", "us-ot-academic"),
    ("ss-adult-social-care-worker", "ss-ot-team-manager"),
]


@pytest.mark.parametrize("source, target", PAIRS)
@pytest.mark.parametrize("by", list(WEIGHTS))
def test_k_routes_match_enumeration(ot, source, target, by):
    G = ot.graph
    every = sorted(r.cost(by) for r in all_routes(G, source, target, by))
    found = k_shortest_routes(G, source, target, 6, by)
    assert all(route_ok(G, list(r.roles)) for r in found)
    assert found[0].cost() == pytest.approx(every[0])
    # Free detours (an earlier route plus roles at no cost) are left out, so the k costs are
    # a sub-sequence of the enumeration's, in order.
    costs = [r.cost() for r in found]
    assert costs == sorted(costs) and all(any(abs(c - e) < 1e-9 for e in every) for c in costs)
    assert len({r.roles for r in found}) == len(found)
    assert all(len(set(r.roles)) == len(r.roles) for r in found)


def _dominates(a, b):
    return (a.total_years <= b.total_years and a.total_qualifications <= b.total_qualifications
            and (a.total_years < b.total_years or a.total_qualifications < b.total_qualifications))


@pytest.mark.parametrize("source, target", PAIRS)
def test_pareto_matches_enumeration(ot, source, target):
    G = ot.graph
    every = all_routes(G, source, target)
    frontier = pareto_routes(G, source, target)
    points = {(r.total_years, r.total_qualifications) for r in every if not any(_dominates(o, r) for o in every)}
    assert [(r.total_years, r.total_qualifications) for r in frontier] == sorted(points)


def test_pareto_shows_the_trade_off(ot):
    # The OTA bridge is quicker; the bachelor's + MOT route gains fewer qualifications.
    frontier = pareto_routes(ot.graph, "edu-us-high-school", "us-entry-ot")
    assert [(r.total_years, r.total_qualifications) for r in frontier] == [(5, 9), (6.25, 5)]  # 84 credits first
    assert "us-cota" in frontier[0].roles and "edu-us-bachelors" in frontier[1].roles


@pytest.mark.parametrize("source", ["edu-us-high-school", "nhs-band5-ot", "us-cota", "ss-ot"])
def test_reach_matches_brute_force(ot, source):
    G = ot.graph
    expected = {t: c for t, c in best_costs_from(G, source).items() if G.nodes[t]["kind"] != "education"}
    found = reach(G, source)
    assert {r["role"]: r["cost"] for r in found} == {k: v for k, v in expected.items() if k != source}
    assert [r["cost"] for r in found] == sorted(r["cost"] for r in found)
    within = reach(G, source, within_years=3)
    assert {r["role"] for r in within} == {k for k, v in expected.items() if v <= 3 and k != source}


def test_reach_by_qualifications(ot):
    found = {r["role"]: r for r in reach(ot.graph, "us-cota", by="qualifications")}
    # the bridge credits come first (issue 29): one more qualification, half a year more
    assert found["us-entry-ot"]["cost"] == 5 and found["us-entry-ot"]["years"] == 2.75


def test_requires(ot):
    need = requires(ot.graph, "us-entry-ot")
    assert {"us-mot", "nbcot-otr", "us-state-ot-licence"} <= set(need["qualifications"])
    assert need["entry_requirements"] == [["nbcot-oted", "us-mot", "us-otd"], ["nbcot-otr"], ["us-state-ot-licence"]]
    assert {d["role"] for d in need["direct"]} == {"edu-us-mot", "edu-us-otd", "edu-us-nbcot-oted"}
    from_cota = requires(ot.graph, "us-entry-ot", "us-cota")
    assert from_cota["route"].roles[0] == "us-cota"


def test_translate(ot):
    assert [e["role"] for e in translate(ot.graph, "nhs-band5-ot")] == ["us-entry-ot"]
    assert [e["role"] for e in translate(ot.graph, "us-entry-ot")] == ["nhs-band5-ot"]
    assert translate(ot.graph, "us-entry-ot", to="US") == []
    assert translate(ot.graph, "nhs-acp-ot") == []


def test_stats(ot):
    s = stats(ot.graph)
    assert s["roles"] == 57 and s["transitions"] == 148
    assert s["entry_roles"] == ["edu-uk-school-leaver", "edu-us-high-school"]
    assert "us-cota-lead" in s["terminal_roles"]
    assert {g["role"] for g in s["gateways"][:2]} == {"nhs-band5-ot", "us-entry-ot"}
    assert any({"nhs-specialist-ot", "ss-senior-ot"} <= set(c) for c in s["cyclic_components"])
    # The diameter is the longest best route that meets every requirement (the walk optimum of
    # tests/test_gates.py, written apart from otgraph: enumerating every route no longer finishes
    # now that UK and US posts at every level lead into each other, one cycle of 34 roles).
    from test_gates import walk_optimum

    G = ot.graph
    longest = max(c for a in G for b, c in walk_optimum(G, a).items() if b != a)
    assert s["diameter"]["years"] == longest
    assert s["approximate"] == []


def test_stats_counts_stages_apart_from_jobs(ot):
    s = stats(ot.graph)
    stages = [n for n, kind in ot.graph.nodes(data="kind") if kind == "education"]
    assert (s["stages"], s["jobs"]) == (len(stages), s["roles"] - len(stages)) and s["stages"] > 0


def test_reach_never_lists_an_education_stage(ot):
    found = reach(ot.graph, "edu-us-high-school")
    assert found and all(ot.graph.nodes[r["role"]]["kind"] != "education" for r in found)
    # the stages are passed through: the OT post behind the MOT is still listed
    assert "edu-us-mot" in next(r["path"] for r in found if r["role"] == "us-entry-ot")


# --- constraints --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "constraints, message",
    [
        (Constraints(track="social-services"), "track 'social-services' excludes the goal"),
        (Constraints(country="US"), "country 'US' excludes the start"),
        (Constraints(avoid=frozenset({"nhs-band5-ot", "ss-ot"})), "with avoid 'nhs-band5-ot', 'ss-ot'"),
        (Constraints(max_years=5), "within max_years 5: the fastest takes 12.54 years"),
        (Constraints(via=("edu-us-high-school",)), "no way from School Leaver (A levels or equivalent)"),
    ],
)
def test_constraint_that_cuts_the_route_is_named(ot, constraints, message):
    with pytest.raises(NoRouteError) as err:
        shortest_route(ot.graph, "edu-uk-school-leaver", "nhs-consultant-ot", constraints=constraints)
    assert message in str(err.value)


def test_via_in_order(ot):
    route = shortest_route(ot.graph, "edu-uk-school-leaver", "nhs-consultant-ot",
                           constraints=Constraints(via=("ss-ot", "nhs-advanced-ot")))
    assert route.roles.index("ss-ot") < route.roles.index("nhs-advanced-ot")
    assert route.total_years == 12.54


def test_bad_constraint_values(ot):
    with pytest.raises(InvalidOptionError):
        shortest_route(ot.graph, "us-entry-ot", "us-lead-ot", constraints=Constraints(max_years=-1))
    with pytest.raises(InvalidOptionError):
        k_shortest_routes(ot.graph, "us-entry-ot", "us-lead-ot", 0)


# --- properties on random graphs -----------------------------------------------------------

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _graph(data):
    return CareerGraph.from_data(data).graph


@PROPERTY
@given(datasets(), st.sampled_from(list(WEIGHTS)), st.data())
def test_first_of_routes_is_path(data, by, pick):
    G = _graph(data)
    s, t = pick.draw(st.sampled_from(list(G))), pick.draw(st.sampled_from(list(G)))
    every = all_routes(G, s, t, by) if s != t else []
    if s == t:
        return
    if not every:
        with pytest.raises(NoRouteError):
            shortest_route(G, s, t, by)
        return
    best = shortest_route(G, s, t, by)
    routes = k_shortest_routes(G, s, t, 3, by)
    assert routes[0].cost() == pytest.approx(best.cost()) == pytest.approx(min(r.cost(by) for r in every))
    assert [r.cost() for r in routes] == pytest.approx(sorted(r.cost(by) for r in without_free_detours(every))[:3])


@PROPERTY
@given(datasets(), st.data())
def test_pareto_is_exact(data, pick):
    G = _graph(data)
    s, t = pick.draw(st.sampled_from(list(G))), pick.draw(st.sampled_from(list(G)))
    every = all_routes(G, s, t) if s != t else []
    if not every:
        return
    frontier = pareto_routes(G, s, t)
    for r in frontier:
        assert not any(_dominates(o, r) for o in every)
    for r in every:
        assert any(_dominates(f, r) or (f.total_years == r.total_years and
                                         f.total_qualifications == r.total_qualifications) for f in frontier)


@st.composite
def constraints_for(draw, G):
    nodes = sorted(G)
    return Constraints(
        # Only values the graph has: the API rejects a track or country the data does not know.
        track=draw(st.none() | st.sampled_from(sorted({a["track"] for _, a in G.nodes(data=True)}))),
        country=draw(st.none() | st.sampled_from(sorted({a["country"] for _, a in G.nodes(data=True)}))),
        via=tuple(draw(st.lists(st.sampled_from(nodes), max_size=2, unique=True))),
        avoid=frozenset(draw(st.lists(st.sampled_from(nodes), max_size=2))),
        max_years=draw(st.none() | st.sampled_from([0, 1, 2.5, 5, 10])),
    )


@PROPERTY
@given(datasets(), st.sampled_from(list(WEIGHTS)), st.data())
def test_constraints_are_never_violated(data, by, pick):
    G = _graph(data)
    s, t = pick.draw(st.sampled_from(list(G))), pick.draw(st.sampled_from(list(G)))
    c = pick.draw(constraints_for(G))
    if s == t or s in c.via or t in c.via:
        return

    def ok(route):
        return (all(c.excludes(G, n) is None for n in route.roles) and c.accepts(route)
                and len(set(route.roles)) == len(route.roles))

    allowed = [r for r in all_routes(G, s, t, by) if ok(r)]
    try:
        best = shortest_route(G, s, t, by, constraints=c)
    except NoRouteError:
        assert allowed == []
        return
    assert ok(best)
    assert best.cost() == pytest.approx(min(r.cost(by) for r in allowed))
    for route in k_shortest_routes(G, s, t, 3, by, constraints=c):
        assert ok(route)
    for route in pareto_routes(G, s, t, constraints=c):
        assert ok(route)


def test_stats_refuses_a_negative_top(ot):
    # a negative slice would silently drop the last gateways instead of listing the top ones
    with pytest.raises(InvalidOptionError, match="top must be a whole number >= 0, not -1"):
        stats(ot.graph, top=-1)
    assert stats(ot.graph, top=0)["gateways"] == []


def test_requires_refuses_have_without_a_start(ot):
    # what someone holds only means something for a person somewhere: it was silently ignored
    with pytest.raises(InvalidOptionError, match="give source"):
        requires(ot.graph, "us-entry-ot", have=("us-mot",))
    with pytest.raises(InvalidOptionError, match="give source"):
        requires(ot.graph, "us-entry-ot", served=2)
