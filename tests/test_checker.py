"""The independent checker's pruned walk against the plain definition it stands for: every
loop-free route (``nx.all_simple_paths``) kept when it meets every requirement."""

import networkx as nx
from checker import feasible_paths, route_ok, start_alternatives
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import gated_datasets

from otgraph import CareerGraph


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gated_datasets(), st.data())
def test_pruned_walk_lists_exactly_the_feasible_simple_paths(data, pick):
    G = CareerGraph.from_data(data).graph
    s, t = pick.draw(st.sampled_from(sorted(G))), pick.draw(st.sampled_from(sorted(G)))
    for held in start_alternatives(G, s):
        plain = sorted(tuple(p) for p in nx.all_simple_paths(G, s, t) if route_ok(G, p, held_at_start=held))
        assert feasible_paths(G, s, t, held_at_start=held) == plain
