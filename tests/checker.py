"""An independent judge of entry requirements, written apart from otgraph.gates: tests use it to
check every route a command returns, and brute force over loop-free routes to check optimality."""

from itertools import pairwise

import networkx as nx


def _groups(value):
    return [set(g) if isinstance(g, (list, tuple, set, frozenset)) else {g} for g in (value or [])]


def route_ok(G, nodes, have=()):
    """Does the route enter every role (and take every move) with what it requires?

    The start role's own requirement groups count as met, each as the group it is (a later group
    is met by one of them if it allows every alternative that group allowed)."""
    held = set(have)
    met_groups = _groups(G.nodes[nodes[0]].get("requires"))

    def met(group):
        return bool(held & group) or any(g <= group for g in met_groups)

    for u, v in pairwise(nodes):
        d = G.edges[u, v]
        if not all(met(g) for g in _groups(d.get("requires"))):
            return False
        held |= set(d.get("awards") or d.get("qualifications") or ())
        if not all(met(g) for g in _groups(G.nodes[v].get("requires"))):
            return False
    return True


def cost(G, nodes, by):
    if by == "steps":
        return len(nodes) - 1
    if by == "qualifications":
        return sum(len(G.edges[u, v].get("awards") or ()) for u, v in pairwise(nodes))
    return sum(G.edges[u, v]["years"] for u, v in pairwise(nodes))


def feasible_paths(G, source, target, have=()):
    """Every loop-free route from source to target that meets every requirement."""
    return [p for p in nx.all_simple_paths(G, source, target) if route_ok(G, p, have)]


def best_cost(G, source, target, by="years", have=()):
    """The lowest cost over feasible loop-free routes, or None."""
    costs = [cost(G, p, by) for p in feasible_paths(G, source, target, have)]
    return min(costs) if costs else None
