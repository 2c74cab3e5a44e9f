"""Statistics of a whole career graph: counts, entry and terminal roles, gateway roles
(betweenness), the qualifications on routes to senior roles, cycles and the diameter."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Callable
from typing import Any

import networkx as nx

from .errors import InvalidOptionError
from .gates import gates_of
from .names import role_title
from .reachability import entry_roles, is_stage, terminal_roles
from .routes import plain_number, route_tree

__all__ = ["stats"]

#: Betweenness, the diameter and the qualification counts each need one shortest-path search
#: per start role. Exact while roles x moves stays under EXACT_WORK; above, each uses a seeded
#: sample of start roles sized so that samples x moves stays near SAMPLE_WORK (at least
#: MIN_SAMPLES), which keeps `stats` on 100,000 roles and a million moves within a minute.
EXACT_WORK = 2_000_000
SAMPLE_WORK = 4_000_000
MIN_SAMPLES = 4
#: A search that honours entry requirements costs about this many plain ones (O*NET, merged data).
GATED_COST = 4


def stats(G: nx.DiGraph, top: int = 10, seed: int = 0, senior_level: float | None = None,
          progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Counts, entry and terminal roles, gateways, qualifications, cycles and the diameter.

    ``roles`` counts every node; ``jobs`` and ``stages`` (education stages: degrees, O*NET entry
    routes) count them apart.

    Exact on small graphs (see EXACT_WORK); on bigger ones betweenness and the all-pairs
    figures come from a seeded sample of start roles, and ``approximate`` says so. Senior roles
    are those at ``senior_level`` or above (default: the data's top two levels). ``progress``,
    if given, is called with (done, total) as the start roles are worked through.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    top : int, default 10
        How many gateways and senior qualifications to list.
    seed : int, default 0
        Seed of the sample of start roles on big graphs (the same seed, the same figures).
    senior_level : float, optional
        The lowest level counted as senior; default the data's top two levels.
    progress : callable, optional
        Called with (done, total) start roles.

    Returns
    -------
    dict
        ``roles``, ``jobs``, ``stages``, ``transitions`` (moves), ``tracks`` and ``countries``
        (counts), ``entry_roles`` and ``terminal_roles`` (ids), ``gateways`` (``role``,
        ``title``, ``betweenness``: the share of best routes passing through it),
        ``senior_qualifications`` (``senior_level``, ``routes`` into senior roles, and the
        qualifications gained on most of them), ``cyclic_components``, ``cycles`` (at most
        100; ``cycles_truncated``), ``diameter`` (the longest best route that meets every
        requirement: ``years``, ``from``, ``to``) and ``approximate`` (what was sampled).

    Raises
    ------
    InvalidOptionError
        ``top`` is not a whole number >= 0.

    Examples
    --------
    >>> from otgraph import load_roles
    >>> s = stats(load_roles().graph)
    >>> s["roles"], s["transitions"], s["entry_roles"]
    (57, 148, ['edu-uk-school-leaver', 'edu-us-high-school'])
    >>> s["diameter"]
    {'years': 15, 'from': 'ss-adult-social-care-worker', 'to': 'us-ot-academic'}
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 0:
        raise InvalidOptionError(f"top must be a whole number >= 0, not {top!r}", argument="top")
    n = G.number_of_nodes()
    starts, exact, approximate = _start_roles(G, seed)
    entries = set(entry_roles(G))
    levels = [a["level"] for _, a in G.nodes(data=True) if isinstance(a.get("level"), (int, float))]
    if senior_level is None:
        # The top two levels of whatever scale the data uses (Band 7+ in the OT data, zones 4-5 in O*NET).
        senior_level = max(levels) - 1 if levels else 0
    senior = {v for v, a in G.nodes(data=True)
              if isinstance(a.get("level"), (int, float)) and a["level"] >= senior_level}
    walked = _walk_routes(G, starts, entries if exact else set(starts), senior, progress)
    through, diameter, qual_routes, senior_routes = walked
    tracks = Counter(a.get("track") for _, a in G.nodes(data=True))
    countries = Counter(a.get("country") for _, a in G.nodes(data=True))

    # Gateways: the share of best routes (one per pair, meeting every requirement) that pass
    # through a role, as betweenness centrality counts shortest paths.
    pairs = max(len(starts) * (n - 2), 1)
    gateways = sorted(((c / pairs, k) for k, c in through.items() if c), reverse=True)[:top]
    components = sorted(sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1)
    cycles = list(itertools.islice(nx.simple_cycles(G), 101))
    stages = sum(1 for v in G if is_stage(G, v))
    return {
        "roles": n,
        "jobs": n - stages,
        "stages": stages,
        "transitions": G.number_of_edges(),
        "tracks": dict(sorted((k or "(none)", v) for k, v in tracks.items())),
        "countries": dict(sorted((k or "(none)", v) for k, v in countries.items())),
        "entry_roles": sorted(entries),
        "terminal_roles": sorted(terminal_roles(G)),
        "gateways": [{"role": k, "title": role_title(G, k), "betweenness": round(v, 4)} for v, k in gateways],
        "senior_qualifications": {
            "senior_level": senior_level,
            "routes": senior_routes,
            "qualifications": [{"id": q, "routes": c}
                               for q, c in sorted(qual_routes.items(), key=lambda qc: (-qc[1], qc[0]))[:top]],
        },
        "cyclic_components": components,
        "cycles": cycles[:100],
        "cycles_truncated": len(cycles) > 100,
        "diameter": None if diameter is None else {"years": plain_number(diameter[0]), "from": diameter[1],
                                                   "to": diameter[2]},
        "approximate": approximate,
    }


def _start_roles(G: nx.DiGraph, seed: int) -> tuple[list[str], bool, list[str]]:
    """The start roles whose best routes are walked: all of them on a small graph, else a
    seeded sample; whether that is exact, and what the sample makes approximate."""
    n, m = G.number_of_nodes(), max(G.number_of_edges(), 1)
    if n * m <= EXACT_WORK:
        return list(G), True, []
    samples = max(MIN_SAMPLES, min(n, SAMPLE_WORK // m))
    if gates_of(G).active:
        samples = max(MIN_SAMPLES, samples // GATED_COST)
    starts = random.Random(seed).sample(list(G), samples)
    return starts, False, [f"gateways, diameter and qualification counts from {samples} sampled start roles"]


def _walk_routes(G: nx.DiGraph, starts: list[str], counted: set[str], senior: set[str],
                 progress: Callable[[int, int], None] | None):
    """One best-route tree per start: how many routes pass through each role, the longest
    route, and (from the ``counted`` starts) the qualifications gained on routes into senior roles."""
    diameter: tuple[float, str, str] | None = None
    through: Counter[str] = Counter()
    qual_routes: Counter[str] = Counter()
    senior_routes = 0
    for done, s in enumerate(starts, 1):
        if progress is not None:
            progress(done, len(starts))
        lengths, paths = route_tree(G, s, "years")
        for path in paths.values():
            through.update(path[1:-1])
        for t, length in lengths.items():
            if t != s and (diameter is None or length > diameter[0]):
                diameter = (length, s, t)
        if s in counted:
            for t in senior.intersection(paths) - {s}:
                senior_routes += 1
                qual_routes.update(set(itertools.chain.from_iterable(
                    G.edges[u, v]["awards"] for u, v in itertools.pairwise(paths[t]))))
    return through, diameter, qual_routes, senior_routes
