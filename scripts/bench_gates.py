"""Gated against ungated `path` (issue 13's benchmark rows): the same graph with and without its
entry requirements, over 60 random pairs that have a route without them; pairs that the
requirements leave without a route are reported apart.

    python scripts/synthetic.py 10000 -o /tmp/g10k.json --gated-share 0.05 --gate-qualifications 8 \
        --award-share 0.01
    python scripts/bench_gates.py /tmp/g10k.json
"""
import random
import statistics
import sys
import time

import networkx as nx

import otgraph
from otgraph import NoRouteError, shortest_route


def strip(G):
    H = nx.DiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, {k: v for k, v in a.items() if k != "requires"}) for n, a in G.nodes(data=True))
    H.add_edges_from((u, v, {k: w for k, w in d.items() if k != "requires"}) for u, v, d in G.edges(data=True))
    return H

DATASETS = [("O*NET (packaged)", "onet")] + [(f"synthetic {path}", path) for path in sys.argv[1:]]

for name, data in DATASETS:
    G = otgraph.load_roles(data).graph
    H = strip(G)
    rng = random.Random(1)
    nodes = sorted(G)
    pairs = []
    while len(pairs) < 60:
        a, b = rng.choice(nodes), rng.choice(nodes)
        if a != b and nx.has_path(H, a, b):
            pairs.append((a, b))
    shortest_route(G, *pairs[0])  # warm caches (gates, indexes)
    shortest_route(H, *pairs[0])
    gated, plain, blocked = [], [], []
    for a, b in pairs:
        t = time.perf_counter()
        shortest_route(H, a, b)
        plain.append(time.perf_counter() - t)
        t = time.perf_counter()
        try:
            shortest_route(G, a, b)
            gated.append(time.perf_counter() - t)
        except NoRouteError:
            blocked.append(time.perf_counter() - t)
    med = statistics.median
    print(f"{name}: ungated median {med(plain)*1e3:.1f} ms; gated (route) median {med(gated)*1e3:.1f} ms "
          f"= {med(gated)/med(plain):.2f}x over {len(gated)} pairs; no route under the gates: "
          f"{len(blocked)} pairs"
          + (f", median {med(blocked)*1e3:.1f} ms = {med(blocked)/med(plain):.2f}x" if blocked else ""))
