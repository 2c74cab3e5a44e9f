"""Entry requirements on random datasets: every route any command returns meets every
requirement (judged by the independent checker) and is optimal (brute force); pairs with no
route say so; what you already hold never lengthens a route."""

import heapq
from itertools import count

import networkx as nx
import pytest
from checker import _Judge, best_cost, route_ok, start_alternatives
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import QUALS, gated_datasets

from otgraph import CareerGraph, Constraints, NoRouteError, k_shortest_routes, pareto_routes, reach, shortest_route
from otgraph.reachability import requires

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _graph(data):
    return CareerGraph.from_data(data).graph


def _cost(d, by):
    return {"years": d["years"], "qualifications": len(d["awards"]), "steps": 1}[by]


def walk_optimum(G, source, by="years", have=()):
    """Best cost to every role over walks that meet every requirement: Dijkstra over (role,
    qualifications held), written apart from otgraph.gates, for each thing a holder of
    ``source`` may hold (tests/checker.py); what is held at the start is never counted as
    gained. Every move costs zero or more, so the first time a state is settled is its best."""
    out: dict[str, float] = {}
    for alt in start_alternatives(G, source, have):
        for node, c in _walk_optimum(G, source, by, alt, have).items():
            out[node] = min(out.get(node, float("inf")), c)
    return out


def _walk_optimum(G, source, by, alt, have):
    judge = _Judge(G, source, have, alt)  # the checker's requirement rule (tests/checker.py)
    start = judge.held

    def step_cost(d):
        return len(set(d["awards"]) - start) if by == "qualifications" else _cost(d, by)

    settled: dict[tuple, float] = {}
    heap = [(0.0, 0, source, frozenset(start))]
    tie = count(1)
    while heap:
        c, _, u, held = heapq.heappop(heap)
        if (u, held) in settled:
            continue
        settled[u, held] = c
        for v, d in G.succ[u].items():
            after = judge.step(held, u, v)
            if after is not None and (v, after) not in settled:
                heapq.heappush(heap, (c + step_cost(d), next(tie), v, frozenset(after)))
    out: dict[str, float] = {}
    for (node, _), c in settled.items():
        out[node] = min(out.get(node, float("inf")), c)
    return out


@PROPERTY
@given(gated_datasets(), st.sampled_from(["years", "qualifications", "steps"]), st.data())
def test_every_route_meets_every_requirement_and_is_optimal(data, by, pick):
    G = _graph(data)
    s, t = pick.draw(st.sampled_from(sorted(G))), pick.draw(st.sampled_from(sorted(G)))
    if s == t:
        return
    optimum = walk_optimum(G, s, by).get(t)
    try:
        route = shortest_route(G, s, t, by)
    except NoRouteError:
        assert optimum is None
        assert best_cost(G, s, t, by) is None
        return
    assert route_ok(G, list(route.roles))
    assert route.cost() == pytest.approx(optimum)
    simple = best_cost(G, s, t, by)
    if simple is None:
        # The best route revisits a role (to gain a qualification on the way); the k routes
        # are loop-free, and there are none.
        assert len(set(route.roles)) < len(route.roles)
        with pytest.raises(NoRouteError):
            k_shortest_routes(G, s, t, 3, by)
        return
    found = k_shortest_routes(G, s, t, 3, by)
    for r in found:
        assert route_ok(G, list(r.roles)) and len(set(r.roles)) == len(r.roles)
    assert found[0].cost() == pytest.approx(simple)
    for r in pareto_routes(G, s, t):
        assert route_ok(G, list(r.roles))


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(gated_datasets(), st.sampled_from(["years", "qualifications", "steps"]), st.data())
def test_big_graph_rule_ungated_route_first_is_still_optimal(monkeypatch, data, by, pick):
    """From GOAL_BOUND_MIN_ROLES roles the best route without requirements is tried first and
    kept when it meets them; the answer is still the gated optimum, and meets every requirement."""
    import otgraph.route_search

    G = _graph(data)
    s, t = pick.draw(st.sampled_from(sorted(G))), pick.draw(st.sampled_from(sorted(G)))
    if s == t:
        return
    optimum = walk_optimum(G, s, by).get(t)
    with monkeypatch.context() as m:
        m.setattr(otgraph.route_search, "GOAL_BOUND_MIN_ROLES", 0)
        try:
            route = shortest_route(G, s, t, by)
        except NoRouteError:
            assert optimum is None
            return
    assert route_ok(G, list(route.roles))
    assert route.cost() == pytest.approx(optimum)


@PROPERTY
@given(gated_datasets(), st.data())
def test_reach_is_the_walk_optimum(data, pick):
    G = _graph(data)
    s = pick.draw(st.sampled_from(sorted(G)))
    expected = {k: v for k, v in walk_optimum(G, s).items() if k != s and G.nodes[k].get("kind") != "education"}
    assert {r["role"]: r["cost"] for r in reach(G, s)} == pytest.approx(expected)
    for r in reach(G, s):
        assert route_ok(G, r["path"])


@PROPERTY
@given(gated_datasets(), st.data())
def test_have_never_lengthens_a_route(data, pick):
    """Saying you hold more never lengthens the route, except where it answers which
    alternative of the start's requirements you hold (that narrows the branches)."""
    G = _graph(data)
    s, t = pick.draw(st.sampled_from(sorted(G))), pick.draw(st.sampled_from(sorted(G)))
    branch_points = {q for g in G.nodes[s].get("requires") or [] if isinstance(g, list) and len(g) > 1 for q in g}
    have = tuple(pick.draw(st.lists(st.sampled_from([q for q in QUALS if q not in branch_points] or ["none"]),
                                    max_size=2, unique=True)))
    have = tuple(q for q in have if q != "none")
    if s == t:
        return
    try:
        plain = shortest_route(G, s, t).total_years
    except NoRouteError:
        return
    assert shortest_route(G, s, t, constraints=Constraints(have=have)).total_years <= plain + 1e-9


@PROPERTY
@given(gated_datasets(), st.data())
def test_requires_from_a_role_meets_every_requirement(data, pick):
    G = _graph(data)
    s, t = pick.draw(st.sampled_from(sorted(G))), pick.draw(st.sampled_from(sorted(G)))
    if s == t:
        return
    need = requires(G, t, s)
    if need["route"] is None:
        assert walk_optimum(G, s).get(t) is None
    else:
        assert route_ok(G, list(need["route"].roles))


def test_a_gate_changes_the_route():
    """The tiny case by hand: the direct move is shut, the way through study is open."""
    G = nx.DiGraph(qualifications={"degree": {"title": "Degree"}})
    G.add_node("aide", title="Aide")
    G.add_node("student", title="Student", kind="education")
    G.add_node("ot", title="OT", requires=["degree"])
    G.add_edge("aide", "ot", years=0.25, awards=[])
    G.add_edge("aide", "student", years=0, awards=[])
    G.add_edge("student", "ot", years=2, awards=["degree"])
    route = shortest_route(G, "aide", "ot")
    assert route.roles == ("aide", "student", "ot") and route.steps[-1].needed_for == (("degree", "ot"),)
    assert shortest_route(G, "aide", "ot", constraints=Constraints(have="degree")).roles == ("aide", "ot")
    G.remove_edge("student", "ot")
    with pytest.raises(nx.NetworkXNoPath, match="OT \\(ot\\) needs Degree \\(nothing in the data awards it\\)"):
        shortest_route(G, "aide", "ot")


def test_validate_names_unknown_requirements_and_reports_unawarded_ones(tmp_path):
    import json

    from click.testing import CliRunner

    from otgraph.cli import cli

    data = {"qualifications": [{"id": "deg", "title": "Degree"}],
            "roles": [{"id": "a", "title": "A"}, {"id": "b", "title": "B", "requires": ["deg", "nope"]}],
            "transitions": [{"from": "a", "to": "b", "years": 1}]}
    f = tmp_path / "roles.json"
    f.write_text(json.dumps(data))
    result = CliRunner().invoke(cli, ["validate", str(f)])
    assert result.exit_code == 2
    assert f'{f}: $.roles[1] (b).requires[1]: unknown qualification id "nope"' in result.output
    data["qualifications"].append({"id": "nope", "title": "Nope"})
    f.write_text(json.dumps(data))
    result = CliRunner().invoke(cli, ["validate", str(f)])
    assert result.exit_code == 0
    assert "note: $.roles[1] (b): nothing in the data awards deg, which the role requires" in result.output


def test_unknown_have_exits_2_with_suggestions():
    import json

    from click.testing import CliRunner

    from otgraph.cli import cli

    result = CliRunner().invoke(cli, ["path", "nhs-band5-ot", "nhs-consultant-ot", "--have", "HCPC registraton",
                                      "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stderr)
    assert error["exit"] == 2 and error["suggestions"][0]["id"] == "hcpc-registration"


def test_k_routes_leave_out_free_detours(ot):
    """An alternative that is a listed route plus roles adding no years and no qualification is
    not listed (the school leaver to consultant case of the contract issue)."""
    found = k_shortest_routes(ot.graph, "School Leaver (A levels or equivalent)", "Consultant Occupational Therapist",
                              4)
    for i, later in enumerate(found):
        for earlier in found[:i]:
            extra = [r for r in later.roles if r not in earlier.roles]
            it = iter(later.roles)
            detour = all(r in it for r in earlier.roles) and extra
            assert not (detour and later.total_years == earlier.total_years
                        and later.total_qualifications == earlier.total_qualifications)


def test_html_export_of_too_many_roles_names_the_filters(tmp_path):
    from click.testing import CliRunner

    from otgraph.cli import cli

    result = CliRunner().invoke(cli, ["--data", "onet", "export", "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2 and "--track or --country" in result.stderr
    assert not (tmp_path / "m.html").exists()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=2**16 - 1), max_size=12),
       st.lists(st.integers(min_value=0, max_value=2**16 - 1), max_size=12))
def test_settled_states_beat_exactly_their_sub_masks(added, asked):
    """The dominance test of the search (sub-masks listed, or scanned beyond 12 groups) says
    what a plain scan for a superset says."""
    from otgraph._fast.search import _Settled

    settled = _Settled()
    for h in added:
        settled.add(h)
    for h in asked + added + [0]:
        assert settled.beats(h) == any(s | h == s for s in added)
