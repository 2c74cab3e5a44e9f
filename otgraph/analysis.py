"""Questions about the whole graph: what a role leads to, what a role needs, US/UK
equivalents, and statistics (entry and terminal roles, gateways, cycles, diameter).

Functions take a plain networkx.DiGraph built by otgraph (role attributes on the nodes,
``years`` and ``qualifications`` on the edges) and return plain data.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from typing import Any

import networkx as nx

from .errors import InvalidOptionError, NoRouteError
from .graph import equivalent_roles
from .routes import Route, plain_number, shortest_route, weight_function

#: Betweenness, the diameter and the qualification counts each need one shortest-path search
#: per start role. Exact while roles x moves stays under EXACT_WORK; above, each uses a seeded
#: sample of start roles sized so that samples x moves stays near SAMPLE_WORK (at least
#: MIN_SAMPLES), which keeps `stats` on 100,000 roles and a million moves within a minute.
EXACT_WORK = 2_000_000
SAMPLE_WORK = 4_000_000
MIN_SAMPLES = 4


def reach(G: nx.DiGraph, source: str, by: str = "years", within_years: float | None = None) -> list[dict[str, Any]]:
    """Every role reachable from ``source``, nearest first, with its best total under ``by``.

    Each entry has ``role``, ``title``, ``cost`` (best total under ``by``), ``years`` (the
    fewest years in which the role can be reached) and ``steps`` (the best route's role ids).
    ``within_years`` keeps roles that can be reached in at most that many years.

    >>> from otgraph import load_roles
    >>> [r["role"] for r in reach(load_roles().graph, "us-lead-ot")]
    ['us-ot-department-manager', 'us-rehab-services-manager']
    """
    if source not in G:
        raise InvalidOptionError(f"role '{source}' is not in the graph")
    if within_years is not None and not within_years >= 0:
        raise InvalidOptionError(f"--within-years must be a number >= 0, not {within_years:g}")
    years, year_paths = nx.single_source_dijkstra(G, source, cutoff=within_years, weight=weight_function("years"))
    if by == "years":
        cost, paths = years, year_paths
    elif by == "steps":
        paths = nx.single_source_shortest_path(G, source)
        cost = {n: len(p) - 1 for n, p in paths.items()}
    else:
        cost, paths = nx.single_source_dijkstra(G, source, weight=weight_function(by))
    found = [
        {"role": n, "title": G.nodes[n].get("title", n), "cost": plain_number(cost[n]), "years": plain_number(years[n]),
         "path": paths[n]}
        for n in years
        if n != source
    ]
    return sorted(found, key=lambda r: (r["cost"], r["years"], r["title"]))


def entry_roles(G: nx.DiGraph) -> list[str]:
    """Roles with no way in."""
    return [n for n in G if G.in_degree(n) == 0]


def terminal_roles(G: nx.DiGraph) -> list[str]:
    """Roles with no way out."""
    return [n for n in G if G.out_degree(n) == 0]


def requires(G: nx.DiGraph, target: str, source: str | None = None, by: str = "years") -> dict[str, Any]:
    """What it takes to reach ``target``: the best route from ``source`` (or from the nearest
    entry role of the graph), the qualifications on it, and the roles that lead straight in.
    """
    if target not in G:
        raise InvalidOptionError(f"role '{target}' is not in the graph")
    if source is None:
        starts = [n for n in entry_roles(G) if n != target]
        if not starts:
            route = None
        else:
            try:
                _, nodes = nx.multi_source_dijkstra(G, set(starts), target, weight=weight_function(by))
                route = Route.from_nodes(G, nodes, by)
            except nx.NetworkXNoPath:
                route = None
    else:
        try:
            route = shortest_route(G, source, target, by)
        except NoRouteError:
            route = None
    return {
        "role": target,
        "title": G.nodes[target].get("title", target),
        "route": route,
        "qualifications": route.qualifications if route else [],
        "direct": [
            {"role": u, "title": G.nodes[u].get("title", u), "years": d["years"], "qualifications": d["qualifications"]}
            for u, _, d in G.in_edges(target, data=True)
        ],
    }


def translate(G: nx.DiGraph, role: str, to: str | None = None) -> list[dict[str, Any]]:
    """Roles the data maps as equivalent to ``role`` in another country (or in ``to``).

    Equivalents may be listed on either role of a pair. Empty if the data has none.
    """
    here = G.nodes[role].get("country")
    out = []
    for eq in equivalent_roles(G, role):
        other = eq["role"]
        attrs = G.nodes[other]
        country = attrs.get("country")
        if (to is not None and country != to) or (to is None and country == here and here is not None):
            continue
        out.append({"role": other, "title": attrs.get("title", other), "country": country,
                    "band": attrs.get("band"), "level": attrs.get("level"), "note": eq.get("note")})
    return out


def stats(G: nx.DiGraph, top: int = 10, seed: int = 0, senior_level: float | None = None,
          progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Counts, entry and terminal roles, gateways, qualifications, cycles and the diameter.

    Exact on small graphs (see EXACT_WORK); on bigger ones betweenness and the all-pairs
    figures come from a seeded sample of start roles, and ``approximate`` says so. Senior roles
    are those at ``senior_level`` or above (default: the data's top two levels). ``progress``,
    if given, is called with (done, total) as the start roles are worked through.
    """
    n = G.number_of_nodes()
    approximate: list[str] = []
    years = weight_function("years")

    tracks = Counter(a.get("track") for _, a in G.nodes(data=True))
    countries = Counter(a.get("country") for _, a in G.nodes(data=True))

    m = max(G.number_of_edges(), 1)
    exact = n * m <= EXACT_WORK
    samples = n if exact else max(MIN_SAMPLES, min(n, SAMPLE_WORK // m))
    if exact:
        between = nx.betweenness_centrality(G, weight=years)
    else:
        between = nx.betweenness_centrality(G, k=samples, weight=years, seed=seed)
        approximate.append(f"betweenness from {samples} sampled source roles")
    gateways = sorted(((v, k) for k, v in between.items() if v > 0), reverse=True)[:top]

    starts = list(G)
    if not exact:
        import random

        starts = random.Random(seed).sample(starts, samples)
        approximate.append(f"diameter and qualification counts from {samples} sampled start roles")
    entries = set(entry_roles(G))
    levels = [a["level"] for _, a in G.nodes(data=True) if isinstance(a.get("level"), (int, float))]
    if senior_level is None:
        # The top two levels of whatever scale the data uses (Band 7+ in the OT data, zones 4-5 in O*NET).
        senior_level = max(levels) - 1 if levels else 0
    senior = {v for v, a in G.nodes(data=True)
              if isinstance(a.get("level"), (int, float)) and a["level"] >= senior_level}
    diameter: tuple[float, str, str] | None = None
    qual_routes: Counter[str] = Counter()
    senior_routes = 0
    for done, s in enumerate(starts, 1):
        if progress is not None:
            progress(done, len(starts))
        lengths, paths = nx.single_source_dijkstra(G, s, weight=years)
        for t, length in lengths.items():
            if t != s and (diameter is None or length > diameter[0]):
                diameter = (length, s, t)
        if s in entries or not exact:
            for t in senior.intersection(paths):
                if t != s:
                    senior_routes += 1
                    qual_routes.update(dict.fromkeys(itertools.chain.from_iterable(
                        G.edges[u, v]["qualifications"] for u, v in itertools.pairwise(paths[t])), 1))

    components = sorted(sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1)
    cycles = list(itertools.islice(nx.simple_cycles(G), 101))
    return {
        "roles": n,
        "transitions": G.number_of_edges(),
        "tracks": dict(sorted((k or "(none)", v) for k, v in tracks.items())),
        "countries": dict(sorted((k or "(none)", v) for k, v in countries.items())),
        "entry_roles": sorted(entries),
        "terminal_roles": sorted(terminal_roles(G)),
        "gateways": [{"role": k, "title": G.nodes[k].get("title", k), "betweenness": round(v, 4)} for v, k in gateways],
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
