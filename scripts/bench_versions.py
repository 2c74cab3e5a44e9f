#!/usr/bin/env python3
"""Before and after, side by side in one run: the same figures for an earlier commit and for
this checkout, interleaved so that a busy moment on a shared machine slows both alike.

    python scripts/bench_versions.py dc9d9c4                  # cold path rows and 10,000 roles
    python scripts/bench_versions.py dc9d9c4 --sizes 10000,100000 --repeats 5

Rows: the cold command line (`otgraph path` on the packaged data and on O*NET, wall and CPU
medians of fresh processes), the gated and ungated O*NET `path`, `reach` and `stats`, and the
mean `path` query on seeded synthetic graphs (scripts/synthetic.py). The earlier commit is
checked out with `git worktree` into a temporary folder; each side runs its own code (its
folder first on PYTHONPATH) and its own scripts/bench.py worker, with the same interpreter and
the same installed dependencies.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "otgraph-bench"

PATH_ARGS = ["path", "Occupational Therapy Support Worker", "Consultant Occupational Therapist"]
ONET_ARGS = ["--data", "onet", "path", "Occupational Therapists", "Medical and Health Services Managers"]
ONET_QUERY = """
import json, sys, time
from otgraph import load_roles, reach, shortest_route, stats
G = load_roles("onet", read_only=True).graph
a, b = G.graph.get("_bench_pair") or ("29-1122.00", "11-9111.00")
ungated = G.copy()
for n in ungated:
    ungated.nodes[n].pop("requires", None)
for u, v in ungated.edges:
    ungated.edges[u, v].pop("requires", None)
out = {}
for name, graph in (("gated", G), ("ungated", ungated)):
    shortest_route(graph, a, b)  # derived data first, as a second question finds it
    t = time.perf_counter()
    for _ in range(20):
        shortest_route(graph, a, b)
    out[name] = (time.perf_counter() - t) / 20
t = time.perf_counter(); reach(G, a); out["reach"] = time.perf_counter() - t
t = time.perf_counter(); stats(G); out["stats"] = time.perf_counter() - t
print(json.dumps(out))
"""


def checkout(ref: str) -> Path:
    """A work tree of ``ref`` (made once, reused while the ref is the same commit)."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", ref], capture_output=True, text=True,
                            check=True).stdout.strip()
    tree = WORK / f"tree-{commit[:12]}"
    if not tree.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit],
                       capture_output=True, check=True)
    return tree


def env_for(tree: Path) -> dict[str, str]:
    """Each side's own code and its own cache: both sides carry the same version string, so in
    one cache folder they would share keys and each would find the other's store unreadable."""
    return {**os.environ, "PYTHONPATH": str(tree), "OTGRAPH_CACHE_DIR": str(WORK / f"cache-{tree.name}")}


def interleaved(runs: list[tuple[list[str], dict[str, str]]], repeats: int) -> list[tuple[float, float]]:
    """Median wall and CPU seconds of each command, the commands taking turns."""
    import resource

    walls: list[list[float]] = [[] for _ in runs]
    cpus: list[list[float]] = [[] for _ in runs]
    for _ in range(repeats):
        for i, (args, env) in enumerate(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(args, capture_output=True, check=True, env=env)
            walls[i].append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


def json_medians(runs: list[tuple[list[str], dict[str, str]]], repeats: int) -> list[dict[str, float]]:
    """Each command prints one JSON object of figures: the median of each figure, taking turns."""
    seen: list[list[dict[str, float]]] = [[] for _ in runs]
    for _ in range(repeats):
        for i, (args, env) in enumerate(runs):
            done = subprocess.run(args, capture_output=True, check=True, text=True, env=env)
            seen[i].append(json.loads(done.stdout.strip().splitlines()[-1]))
    return [{k: statistics.median(float(r[k]) for r in rows) for k in rows[0] if isinstance(rows[0][k], (int, float))}
            for rows in seen]


def row(label: str, before: float, after: float, unit: str = "ms", scale: float = 1000) -> str:
    return f"{label:<58} {before * scale:>10.1f} {after * scale:>10.1f} {unit:<3} {after / before:>6.2f}x"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the earlier commit (any git ref)")
    parser.add_argument("--sizes", default="10000", help="synthetic graph sizes (roles), comma-separated")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    sides = [checkout(args.base), ROOT]
    envs = [env_for(t) for t in sides]
    py = sys.executable
    print(f"{'':<58} {'before':>10} {'after':>10}     {'after/before':>6}")
    for label, cli in (("cold `otgraph path` (packaged data), wall", PATH_ARGS),
                       ("cold `otgraph --data onet path`, wall", ONET_ARGS)):
        runs = [([py, "-m", "otgraph", *cli], env) for env in envs]
        for args_, env in runs:  # fill each side's cache of the dataset first
            subprocess.run(args_, capture_output=True, check=True, env=env)
        (w0, c0), (w1, c1) = interleaved(runs, args.repeats)
        print(row(label, w0, w1), flush=True)
        print(row(label.replace(", wall", ", CPU"), c0, c1), flush=True)
    onet = json_medians([([py, "-c", ONET_QUERY], env) for env in envs], max(3, args.repeats // 2))
    for key, label in (("gated", "O*NET gated `path`, one query"), ("ungated", "O*NET ungated `path`, one query"),
                       ("reach", "O*NET `reach`"), ("stats", "O*NET `stats`")):
        print(row(label, onet[0][key], onet[1][key]), flush=True)
    print(row("O*NET gated / ungated `path` (ratio, not ms)", onet[0]["gated"] / onet[0]["ungated"],
              onet[1]["gated"] / onet[1]["ungated"], "x", 1), flush=True)
    sys.path.insert(0, str(ROOT / "scripts"))
    from synthetic import generate

    for n in (int(s) for s in args.sizes.split(",") if s):
        path = WORK / f"synthetic-{n}.json"
        if not path.exists():
            WORK.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(generate(n)), encoding="utf-8")
        runs = [([py, str(tree / "scripts" / "bench.py"), "--worker", "otgraph", str(path)], env)
                for tree, env in zip(sides, envs, strict=True)]
        figures = json_medians(runs, max(2, args.repeats // 3))
        per = [f["queries"] / f["query_count"] for f in figures]
        print(row(f"{n:,} roles: one `path` query (mean of {int(figures[1]['query_count']):,})", *per), flush=True)
        print(row(f"{n:,} roles: load (file seen before)", figures[0]["load"], figures[1]["load"], "s", 1),
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
