"""An independent judge of entry requirements, written apart from otgraph.gates and
otgraph.holding: tests use it to check every route a command returns, and brute force over
loop-free routes to check optimality.

Someone in a role holds what it requires. A requirement group of two or more named
qualifications (none ``derived`` in the qualifications table) that the person did not say they
hold is a *branch point*: they hold one of its alternatives, and each alternative is judged
apart. Any other group of the start (one qualification, or derived tokens such as O*NET's Job
Zone preparation) counts as met, as the group it is: a later group is met by it if it allows
every alternative it allowed.
"""

from itertools import pairwise, product

import networkx as nx


def _groups(value):
    return [set(g) if isinstance(g, (list, tuple, set, frozenset)) else {g} for g in (value or [])]


def _branch_points(G, role, have):
    """The start's groups of two or more named qualifications not met by ``have`` or by a
    qualification the role requires alone."""
    table = G.graph.get("qualifications") or {}
    groups = _groups(G.nodes[role].get("requires"))
    held = set(have).union(*(g for g in groups if len(g) == 1))
    return [g for g in groups
            if len(g) > 1 and not g & held and all(not (table.get(q) or {}).get("derived") for q in g)]


def start_choices(G, role, have=()):
    """(choice, held) for each thing a holder of ``role`` may hold: ``choice`` one alternative of
    each branch point, ``held`` every named qualification then held (singles and the choice)."""
    singles = set().union(*(g for g in _groups(G.nodes[role].get("requires")) if len(g) == 1))
    return [(choice, frozenset(singles | set(choice)))
            for choice in product(*(sorted(g) for g in _branch_points(G, role, have)))]


def start_alternatives(G, role, have=()):
    """What a holder of ``role`` may hold: one frozenset of named qualifications per choice of an
    alternative in each branch point (a single set when nothing branches)."""
    return [held for _, held in start_choices(G, role, have)]


def _kept_groups(G, role, have):
    """The start's groups that count as met as groups: neither single nor branch points."""
    points = _branch_points(G, role, have)
    return [g for g in _groups(G.nodes[role].get("requires")) if len(g) > 1 and g not in points]


def route_ok(G, nodes, have=(), held_at_start=None):
    """Does the route enter every role (and take every move) with what it requires, for someone
    who holds ``held_at_start`` (one of :func:`start_alternatives`; default: any of them)?"""
    if held_at_start is None:
        return any(route_ok(G, nodes, have, alt) for alt in start_alternatives(G, nodes[0], have))
    held = set(held_at_start) | set(have)
    met_groups = _kept_groups(G, nodes[0], have)

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


def cost(G, nodes, by, held_at_start=frozenset()):
    """A route's cost for someone holding ``held_at_start``: a programme held takes its holder's
    years, and a qualification held is not counted as gained."""
    if by == "steps":
        return len(nodes) - 1
    if by == "qualifications":
        return sum(len(set(G.edges[u, v].get("awards") or ()) - set(held_at_start)) for u, v in pairwise(nodes))
    total = 0
    for u, v in pairwise(nodes):
        d = G.edges[u, v]
        total += d["years_if_held"] if d.get("programme") in held_at_start else d["years"]
    return total


def feasible_paths(G, source, target, have=(), held_at_start=None):
    """Every loop-free route from source to target that meets every requirement."""
    return [p for p in nx.all_simple_paths(G, source, target) if route_ok(G, p, have, held_at_start)]


def best_cost(G, source, target, by="years", have=(), held_at_start=None):
    """The lowest cost over feasible loop-free routes (for ``held_at_start``, default the best
    of the start's alternatives), or None."""
    alternatives = start_alternatives(G, source, have) if held_at_start is None else [held_at_start]
    costs = [cost(G, p, by, alt | set(have)) for alt in alternatives
             for p in feasible_paths(G, source, target, have, alt)]
    return min(costs) if costs else None
