"""Derived data never gives a stale answer: it lives in networkx's cache of the base graph, so
edits through networkx forget it, and ``otgraph.forget`` forgets it after a direct edit."""

import copy

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import QUALS, gated_datasets

import otgraph
from otgraph._fast import derived
from otgraph.graph import CareerGraph


def _aide_graph():
    G = nx.DiGraph()
    G.add_edge("aide", "ot", years=1, awards=[])
    G.add_edge("aide", "student", years=0, awards=[])
    G.add_edge("student", "ot", years=2, awards=["degree"])
    return G


def test_set_node_attributes_is_seen():
    G = _aide_graph()
    assert otgraph.shortest_route(G, "aide", "ot").roles == ("aide", "ot")
    nx.set_node_attributes(G, {"ot": ["degree"]}, "requires")
    assert otgraph.shortest_route(G, "aide", "ot").roles == ("aide", "student", "ot")


def test_a_direct_edit_is_seen_after_forget():
    G = _aide_graph()
    assert otgraph.shortest_route(G, "aide", "ot").roles == ("aide", "ot")
    G.nodes["ot"]["requires"] = ["degree"]
    otgraph.forget(G)
    assert otgraph.shortest_route(G, "aide", "ot").roles == ("aide", "student", "ot")


def test_set_edge_attributes_is_seen():
    G = _aide_graph()
    assert otgraph.shortest_route(G, "aide", "ot").total_years == 1
    nx.set_edge_attributes(G, {("aide", "ot"): 5}, "years")
    assert otgraph.shortest_route(G, "aide", "ot").roles == ("aide", "student", "ot")


def test_names_follow_edits():
    G = _aide_graph()
    G.nodes["ot"]["title"] = "Occupational Therapist"
    otgraph.forget(G)
    assert otgraph.find_role(G, "occupational therapist") == "ot"
    nx.set_node_attributes(G, {"ot": "Therapist", "aide": "Occupational Therapist"}, "title")
    assert otgraph.find_role(G, "occupational therapist") == "aide"
    G.graph["qualifications"] = {"degree": {"title": "A degree"}}
    assert otgraph.find_qualification(G, "a degree") == "degree"
    G.graph["qualifications"] = {"diploma": {"title": "A degree"}}
    otgraph.forget(G)
    assert otgraph.find_qualification(G, "a degree") == "diploma"


def test_loaded_graph_with_its_store_and_a_view():
    cg = otgraph.load_roles()
    G = cg.graph
    assert derived.recall(G, "nothing-kept-under-this") is None
    assert derived._entry(G).get("store") is not None  # the dataset's on-disk store is attached
    start, goal = "us-entry-ot", "us-senior-ot"
    before = otgraph.shortest_route(G, start, goal)
    middle = before.roles[1]
    view = G.subgraph(n for n, c in G.nodes(data="country") if c == "US")  # a networkx view
    assert otgraph.shortest_route(view, start, goal).roles == before.roles
    # the move into the middle role now needs something no move awards
    G.add_node("never-awarded-qualification")
    G.remove_node("never-awarded-qualification")
    assert derived._entry(G).get("store") is None  # an edit detaches the store: its data was of the old graph
    nx.set_node_attributes(G, {middle: [*(G.nodes[middle].get("requires") or []), "no-such-qual"]}, "requires")
    with pytest.raises(nx.NetworkXNoPath):
        otgraph.shortest_route(G, start, goal)
    with pytest.raises(nx.NetworkXNoPath):
        otgraph.shortest_route(view, start, goal)


def test_a_view_keeps_no_cache_of_its_own():
    G = _aide_graph()
    view = nx.subgraph_view(G, filter_node=lambda n: n != "student")
    otgraph.shortest_route(view, "aide", "ot")
    assert derived.KEY not in view.__networkx_cache__
    assert derived.KEY in G.__networkx_cache__
    with pytest.raises(nx.NodeNotFound):
        otgraph.find_role(view, "student")


def test_a_read_only_load_is_frozen():
    G = otgraph.load_roles(read_only=True).graph
    assert nx.is_frozen(G)
    with pytest.raises(nx.NetworkXError):
        G.add_edge("us-entry-ot", "us-senior-ot")
    assert not nx.is_frozen(otgraph.load_roles().graph)


_EDITS = st.lists(st.tuples(st.sampled_from(["requires", "awards", "years", "remove_edge", "add_edge"]),
                            st.integers(0, 50), st.integers(0, 50), st.sampled_from(QUALS)), max_size=4)


def _edit(G, kind, i, j, qual):
    nodes, edges = list(G), list(G.edges)
    if kind == "requires":
        nx.set_node_attributes(G, {nodes[i % len(nodes)]: [qual]}, "requires")
    elif kind == "awards" and edges:
        nx.set_edge_attributes(G, {edges[i % len(edges)]: [qual]}, "awards")
    elif kind == "years" and edges:
        nx.set_edge_attributes(G, {edges[i % len(edges)]: j % 5}, "years")
    elif kind == "remove_edge" and edges:
        G.remove_edge(*edges[i % len(edges)])
    elif kind == "add_edge":
        u, v = nodes[i % len(nodes)], nodes[j % len(nodes)]
        if u != v:
            G.add_edge(u, v, years=j % 4, awards=[qual] if j % 2 else [])


def _answers(G):
    out = []
    for s in list(G)[:3]:
        for t in list(G)[-3:]:
            if s == t:
                continue
            try:
                route = otgraph.shortest_route(G, s, t)
                out.append((s, t, route.total_years, route.roles))
            except nx.NetworkXNoPath:
                out.append((s, t, None, None))
        out.append(sorted((r["role"], r["cost"]) for r in otgraph.reach(G, s)))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gated_datasets(), st.lists(_EDITS, min_size=1, max_size=3))
def test_random_edits_between_questions_match_a_fresh_copy(data, rounds):
    G = CareerGraph.from_data(data).graph
    _answers(G)  # fill the caches
    for edits in rounds:
        for edit in edits:
            _edit(G, *edit)
        fresh = copy.deepcopy(nx.DiGraph(G))  # a new graph object: nothing cached
        fresh.graph = copy.deepcopy(G.graph)
        assert _answers(G) == _answers(fresh)
