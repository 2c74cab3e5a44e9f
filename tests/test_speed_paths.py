"""Goal-directed search (A* with landmark bounds, otgraph.landmarks) gives the same totals as
plain Dijkstra, and the gated search with the landmarks' potential the same totals as the
gated search without it, on random graphs (zero weights, unreachable goals, gates)."""

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import gated_datasets

from otgraph import CareerGraph, NoRouteError, shortest_route
from otgraph._fast import landmarks as lm
from otgraph._fast.search import gated_path
from otgraph.gates import start_state
from otgraph.routes import WEIGHTS

PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@st.composite
def weighted_digraphs(draw):
    n = draw(st.integers(2, 25))
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda e: e[0] != e[1]),
                          max_size=4 * n, unique=True))
    for u, v in edges:
        G.add_edge(u, v, years=draw(st.sampled_from([0, 0.25, 0.5, 1, 2, 3.5, 7])))
    return G


def _years(u, v, d):
    return d["years"]


def _dijkstra(G, s, t):
    try:
        return nx.dijkstra_path_length(G, s, t, weight="years")
    except nx.NetworkXNoPath:
        return None


@pytest.fixture(params=["scipy", "python"])
def engine(request, monkeypatch):
    if request.param == "python":  # the fallback when scipy is not installed
        real = lm._Dijkstra.__init__

        def no_scipy(self, n, src, dst, w):
            real(self, n, src, dst, w)
            if self.scipy is not None:
                self.scipy = None
                self.fwd, self.bwd = lm._adjacency(n, src, dst, w), lm._adjacency(n, dst, src, w)

        monkeypatch.setattr(lm._Dijkstra, "__init__", no_scipy)
    return request.param


@PROPERTY
@given(G=weighted_digraphs(), k=st.integers(1, 4), data=st.data())
def test_astar_with_landmarks_equals_dijkstra(engine, G, k, data):
    landmarks = lm.Landmarks.compute(G, _years, count=k, seed=data.draw(st.integers(0, 3)))
    s, t = data.draw(st.sampled_from(list(G))), data.draw(st.sampled_from(list(G)))
    expected = _dijkstra(G, s, t)
    h = landmarks.potential(t)
    for v in G:  # admissible: never above the true distance; "unreachable" only when it is
        true = _dijkstra(G, v, t)
        assert h(v) < lm.FAR / 2 if true is not None else True
        if true is not None:
            assert h(v) <= true + 1e-9
    if expected is None:
        with pytest.raises(nx.NetworkXNoPath):
            lm.astar_path(G, s, t, _years, landmarks)
        return
    cost, nodes = lm.astar_path(G, s, t, _years, landmarks)
    assert cost == pytest.approx(expected)
    assert nodes[0] == s and nodes[-1] == t
    assert sum(G.edges[a, b]["years"] for a, b in nx.utils.pairwise(nodes)) == pytest.approx(expected)


@PROPERTY
@given(data=gated_datasets(max_roles=10, max_edges=30), by=st.sampled_from(list(WEIGHTS)), pick=st.data())
def test_gated_search_with_the_potential_equals_without(data, by, pick):
    G = CareerGraph.from_data(data).graph
    weight = WEIGHTS[by]
    landmarks = lm.Landmarks.compute(G, weight, count=pick.draw(st.integers(1, 3)))
    s, t = pick.draw(st.sampled_from(sorted(G))), pick.draw(st.sampled_from(sorted(G)))
    held = start_state(G, s)
    try:
        plain = gated_path(G, {s: held}, t, weight)[0]
    except nx.NetworkXNoPath:
        plain = None
    try:
        fast = gated_path(G, {s: held}, t, weight, landmarks.potential(t))[0]
    except nx.NetworkXNoPath:
        fast = None
    assert (plain is None) == (fast is None)
    if plain is not None:
        assert fast == pytest.approx(plain)


@PROPERTY
@given(data=gated_datasets(max_roles=10, max_edges=30), by=st.sampled_from(list(WEIGHTS)), pick=st.data())
def test_shortest_route_on_a_big_graph_setting_is_unchanged(monkeypatch, data, by, pick):
    """shortest_route uses the landmarks when the graph counts as big: same totals."""
    G = CareerGraph.from_data(data).graph
    s, t = pick.draw(st.sampled_from(sorted(G))), pick.draw(st.sampled_from(sorted(G)))
    if s == t:
        return

    def answer():
        try:
            return shortest_route(G, s, t, by).cost()
        except NoRouteError:
            return None

    expected = answer()
    with monkeypatch.context() as m:
        m.setattr(lm, "MIN_ROLES", 0)
        answer()  # the first question on a graph does not compute landmarks
        assert lm.landmarks_for(G, WEIGHTS[by], eager=True) is not None
        assert answer() == (pytest.approx(expected) if expected is not None else None)


def test_landmarks_are_lazy_and_per_graph(monkeypatch):
    monkeypatch.setattr(lm, "MIN_ROLES", 3)
    G = nx.path_graph(5, create_using=nx.DiGraph)
    nx.set_edge_attributes(G, 1, "years")
    assert lm.landmarks_for(G, _years) is None  # first question: no landmarks yet
    first = lm.landmarks_for(G, _years)
    assert first is not None and lm.landmarks_for(G, _years) is first
    G.add_edge(4, 0, years=1)  # the graph changed: new landmarks
    lm.landmarks_for(G, _years)
    assert lm.landmarks_for(G, _years) is not first
    small = nx.path_graph(2, create_using=nx.DiGraph)
    assert lm.landmarks_for(small, _years) is None and lm.landmarks_for(small, _years) is None
