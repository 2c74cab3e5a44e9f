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
    judge = _Judge(G, nodes[0], have, held_at_start)
    held = judge.held
    for u, v in pairwise(nodes):
        held = judge.step(held, u, v)
        if held is None:
            return False
    return True


class _Judge:
    """The requirement rule for one start and one choice of what its holder holds."""

    def __init__(self, G, source, have, held_at_start):
        self.G = G
        self.held = frozenset(held_at_start) | set(have)
        self.met_groups = _kept_groups(G, source, have)

    def met(self, held, group):
        return bool(held & group) or any(g <= group for g in self.met_groups)

    def step(self, held, u, v):
        """What is held after moving u -> v, or None if the move or the role's entry is not met."""
        d = self.G.edges[u, v]
        if not all(self.met(held, g) for g in _groups(d.get("requires"))):
            return None
        held = held | set(d.get("awards") or d.get("qualifications") or ())
        if not all(self.met(held, g) for g in _groups(self.G.nodes[v].get("requires"))):
            return None
        return held


def cost(G, nodes, by, held_at_start=frozenset()):
    """A route's cost for someone holding ``held_at_start``: a programme held takes its holder's
    years, and a qualification held is not counted as gained."""
    step_cost = _step_cost(by, held_at_start)
    return sum(step_cost(G.edges[u, v]) for u, v in pairwise(nodes))


def _step_cost(by, held_at_start):
    """One move's cost under ``by`` for someone holding ``held_at_start``."""
    held = frozenset(held_at_start)
    if by == "steps":
        return lambda d: 1
    if by == "qualifications":
        return lambda d: len(set(d.get("awards") or ()) - held)
    return lambda d: d["years_if_held"] if d.get("programme") in held else d["years"]


def feasible_paths(G, source, target, have=(), held_at_start=None):
    """Every loop-free route from source to target that meets every requirement."""
    alternatives = start_alternatives(G, source, have) if held_at_start is None else [held_at_start]
    if source == target:  # the route of one role, as nx.all_simple_paths gives it
        return [(source,)]
    found = {path for alt in alternatives for path, _ in _feasible_walks(G, source, have, alt) if path[-1] == target}
    return sorted(found)


def _feasible_walks(G, source, have, held_at_start, step_cost=lambda d: 0):
    """(route, total of ``step_cost`` over its moves) for every loop-free route out of
    ``source`` meeting every requirement, for one start choice.

    A route that fails a requirement at some step fails it in every extension (what is held only
    grows), so the walk stops there: the same set as filtering ``nx.all_simple_paths`` with
    :func:`route_ok`, without listing the routes that fail early (tests/test_checker.py)."""
    judge = _Judge(G, source, have, held_at_start)
    path, on_path = [source], {source}

    def walk(u, held, total):
        for v in G.successors(u):
            if v in on_path:
                continue
            after = judge.step(held, u, v)
            if after is None:
                continue
            path.append(v)
            on_path.add(v)
            here = total + step_cost(G.edges[u, v])
            yield tuple(path), here
            yield from walk(v, after, here)
            path.pop()
            on_path.discard(v)

    yield from walk(source, judge.held, 0)


def best_costs_from(G, source, by="years", have=(), held_at_start=None):
    """{target: lowest cost over feasible loop-free routes} for every target reachable from
    ``source`` (for ``held_at_start``, default the best of the start's alternatives)."""
    alternatives = start_alternatives(G, source, have) if held_at_start is None else [held_at_start]
    best = {source: 0}
    for alt in alternatives:
        for path, c in _feasible_walks(G, source, have, alt, _step_cost(by, alt | set(have))):
            if c < best.get(path[-1], float("inf")):
                best[path[-1]] = c
    return best


def best_cost(G, source, target, by="years", have=(), held_at_start=None):
    """The lowest cost over feasible loop-free routes (for ``held_at_start``, default the best
    of the start's alternatives), or None."""
    return best_costs_from(G, source, by, have, held_at_start).get(target)
