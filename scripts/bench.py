#!/usr/bin/env python3
"""otgraph's benchmark: figures and ratios against bare networkx (and igraph), side by side.

    python scripts/bench.py                 # everything: 1k, 10k and 100k roles (about 10 minutes)
    python scripts/bench.py --sizes 1000    # a quick run
    python scripts/bench.py --markdown      # the table as Markdown, for the README

Each figure is the median of repeated runs; loads and start-up times run in fresh processes
(peak memory is the process's maximum resident set). Synthetic graphs come from
scripts/synthetic.py (seeded) and are kept in $TMPDIR/otgraph-bench between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "otgraph-bench"


# --- workers: run in a fresh process, print one JSON object -------------------------------

def _warm_imports() -> None:
    """Import what a load uses before timing it, as the baseline imports networkx first: the
    figures are the work, not Python compiling modules (an editable install has no .pyc)."""
    import jsonschema_rs  # noqa: F401
    import orjson  # noqa: F401

    import otgraph.build
    import otgraph.gates
    import otgraph.graph
    import otgraph.load
    import otgraph.names
    import otgraph.routes
    import otgraph.validate  # noqa: F401


def worker(task: str, path: str, extra: list[str]) -> dict:
    if task in ("otgraph", "first", "gated", "landmarks"):
        _warm_imports()
    started = time.perf_counter()
    out: dict = {}
    if task == "bare":
        import networkx as nx

        t = time.perf_counter()
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        G = nx.DiGraph()
        G.add_nodes_from((r["id"], r) for r in data["roles"])
        G.add_edges_from((e["from"], e["to"], e) for e in data["transitions"])
        out["load"] = time.perf_counter() - t
        del data
        out.update(_queries_bare(G))
    elif task == "otgraph":
        from otgraph import load_roles

        t = time.perf_counter()
        cg = load_roles(path)
        out["load"] = time.perf_counter() - t
        if "--no-queries" not in extra:
            out.update(_queries_otgraph(cg.graph, with_stats="--stats" in extra))
    elif task == "first":
        # What `otgraph --data FILE path A B` does after its imports: a read-only load (the
        # command line's), then one query (landmarks, where the graph is big, from the cache).
        from otgraph import load_roles, shortest_route

        t = time.perf_counter()
        G = load_roles(path, read_only=True).graph
        out["load"] = time.perf_counter() - t
        a, b = _first_pair(G)
        t = time.perf_counter()
        shortest_route(G, a, b)
        out["first_query"] = time.perf_counter() - t
    elif task == "landmarks":
        # As the first question on a big graph does: compute them, and keep them in the cache.
        from otgraph import load_roles
        from otgraph._fast.landmarks import landmarks_for
        from otgraph.routes import WEIGHTS

        G = load_roles(path).graph
        t = time.perf_counter()
        landmarks_for(G, WEIGHTS["years"], eager=True, name="years")
        out["landmarks"] = time.perf_counter() - t
    elif task == "gated":
        from otgraph import load_roles

        t = time.perf_counter()
        G = load_roles(path).graph
        out["load"] = time.perf_counter() - t
        out.update(_queries_gated(G))
    elif task == "igraph":
        import igraph

        t = time.perf_counter()
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        ids = {r["id"]: i for i, r in enumerate(data["roles"])}
        g = igraph.Graph(n=len(ids), edges=[(ids[e["from"]], ids[e["to"]]) for e in data["transitions"]],
                         directed=True)
        g.es["years"] = [e["years"] for e in data["transitions"]]
        out["load"] = time.perf_counter() - t
        import networkx as nx

        G = nx.DiGraph()
        G.add_nodes_from(ids)  # the same node order as the other workers, so the same pairs
        G.add_edges_from((e["from"], e["to"]) for e in data["transitions"])
        first = _first_pair(G)
        pairs = [(ids[a], ids[b]) for a, b in connected_pairs(G)]
        del G
        t = time.perf_counter()
        g.get_shortest_paths(ids[first[0]], to=ids[first[1]], weights="years", output="vpath")
        out["first_query"] = time.perf_counter() - t
        t = time.perf_counter()
        for a, b in pairs:
            g.get_shortest_paths(a, to=b, weights="years", output="vpath")
        out["queries"] = time.perf_counter() - t
        out["query_count"] = len(pairs)
    out["total"] = time.perf_counter() - started
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def query_count(G) -> int:
    """1,000 queries, or 100 on graphs of more than 50,000 roles (where one takes ~0.1-1 s)."""
    return 1000 if G.number_of_nodes() <= 50_000 else 100


def _first_pair(G) -> tuple[str, str]:
    """The question of the first-answer rows: from the first role to the farthest role it
    reaches in moves (a long route, found without weights, the same for every engine)."""
    import networkx as nx

    source = next(iter(G))
    lengths = nx.single_source_shortest_path_length(G, source)
    return source, max(sorted(lengths), key=lengths.__getitem__)


def connected_pairs(G, count: int | None = None) -> list[tuple[str, str]]:
    """Random (start, goal) pairs with a route between them: what people ask about.
    (A random pair in a mostly-upward graph usually has no route, and proving that costs a
    search of everything the start reaches.)"""
    import networkx as nx

    count = count or query_count(G)
    rng = random.Random(1)
    nodes = list(G)
    pairs: list[tuple[str, str]] = []
    while len(pairs) < count:
        a = rng.choice(nodes)
        reachable = sorted(nx.descendants(G, a))  # sorted: set order changes between processes
        if reachable:
            pairs += [(a, rng.choice(reachable)) for _ in range(min(50, count - len(pairs)))]
    return pairs


def _queries_bare(G) -> dict:
    import networkx as nx

    pairs = connected_pairs(G)
    out = {}
    t = time.perf_counter()
    _try(lambda: nx.bidirectional_dijkstra(G, *pairs[0], weight="years"))
    out["first_query"] = time.perf_counter() - t
    t = time.perf_counter()
    for a, b in pairs:
        _try(lambda a=a, b=b: nx.bidirectional_dijkstra(G, a, b, weight="years"))
    out["queries"] = time.perf_counter() - t
    out["query_count"] = len(pairs)
    a, b = pairs[0]
    t = time.perf_counter()
    list(zip(range(5), nx.shortest_simple_paths(G, a, b, weight="years"), strict=False))
    out["routes_k5"] = time.perf_counter() - t
    t = time.perf_counter()
    nx.single_source_dijkstra(G, a, weight="years")
    out["reach"] = time.perf_counter() - t
    return out


def _queries_otgraph(G, with_stats: bool) -> dict:
    from otgraph import NoRouteError, reach, shortest_route, stats
    from otgraph.routes import k_shortest_routes

    pairs = connected_pairs(G)
    out = {}
    t = time.perf_counter()
    _try(lambda: shortest_route(G, *pairs[0]), NoRouteError)
    out["first_query"] = time.perf_counter() - t
    t = time.perf_counter()
    for a, b in pairs:
        _try(lambda a=a, b=b: shortest_route(G, a, b), NoRouteError)
    out["queries"] = time.perf_counter() - t
    out["query_count"] = len(pairs)
    a, b = pairs[0]
    t = time.perf_counter()
    k_shortest_routes(G, a, b, 5)
    out["routes_k5"] = time.perf_counter() - t
    t = time.perf_counter()
    reach(G, a)
    out["reach"] = time.perf_counter() - t
    if with_stats:
        t = time.perf_counter()
        result = stats(G)
        out["stats"] = time.perf_counter() - t
        out["stats_note"] = "; ".join(result["approximate"]) or "exact"
    return out


def _queries_gated(G) -> dict:
    """Gated `path` (otgraph.shortest_route) beside the ungated search (nx.bidirectional_dijkstra)
    on the same pairs, split into pairs the requirements leave a route for and pairs they cut off."""
    import networkx as nx

    from otgraph import NoRouteError, shortest_route

    out = {"routed": 0.0, "routed_bare": 0.0, "routed_count": 0, "blocked": 0.0, "blocked_bare": 0.0,
           "blocked_count": 0}
    for a, b in connected_pairs(G):
        t = time.perf_counter()
        nx.bidirectional_dijkstra(G, a, b, weight="years")
        bare = time.perf_counter() - t
        t = time.perf_counter()
        try:
            shortest_route(G, a, b)
            kind = "routed"
        except NoRouteError:
            kind = "blocked"
        out[kind] += time.perf_counter() - t
        out[kind + "_bare"] += bare
        out[kind + "_count"] += 1
    return out


def gated_rows(tag: str, path: Path, repeats: int) -> list[Row]:
    """Gated `path` against ungated bidirectional Dijkstra on the same graph and pairs."""
    cache = tempfile.mkdtemp(prefix="otgraph-bench-cache-")
    run_worker("landmarks", path, env={"XDG_CACHE_HOME": cache})  # fills the cache (and, if big, landmarks)
    g = median_runs([run_worker("gated", path, env={"XDG_CACHE_HOME": cache}) for _ in range(repeats)])
    shutil.rmtree(cache, ignore_errors=True)
    rows: list[Row] = []
    for kind, label, limit in (("routed", "pairs with a gated route", 3.0),
                               ("blocked", "pairs the requirements cut off (no route)", 10.0)):
        n = int(g[kind + "_count"])
        if not n:
            rows.append((f"{tag}: gated `path`, {label}", "none of the pairs", "", "", ""))
            continue
        ratio = g[kind] / g[kind + "_bare"]
        rows.append((f"{tag}: gated `path`, {label}: mean of {n:,} (baseline: ungated nx.bidirectional_dijkstra)",
                     f"{g[kind] / n * 1000:.2f} ms", f"{g[kind + '_bare'] / n * 1000:.2f} ms", f"{ratio:.2f}x",
                     _target(ratio, limit)))
    return rows


def _try(call, error=Exception):
    try:
        call()
    except error:
        pass


# --- the driver ----------------------------------------------------------------------------

def run_worker(task: str, path: Path, extra: list[str] = (), env: dict | None = None) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", task, str(path), *extra], capture_output=True,
                          text=True, check=True, env={**os.environ, **(env or {})})
    return json.loads(done.stdout)


def median_runs(runs: list[dict]) -> dict:
    keys = {k for r in runs for k, v in r.items() if isinstance(v, (int, float))}
    out = {k: statistics.median(r[k] for r in runs if k in r) for k in keys}
    out.update({k: v for k, v in runs[0].items() if isinstance(v, str)})
    return out


def timed_commands(commands: list[list[str]], repeats: int) -> list[tuple[float, float]]:
    """Median wall and CPU (user + system) seconds of each command, run interleaved so that a
    busy moment on a shared machine slows all of them alike."""
    walls: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    for _ in range(repeats):
        for i, args in enumerate(commands):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(args, capture_output=True, check=False)
            walls[i].append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


def plain_install() -> Path:
    """A venv with otgraph installed the way the README installs it (`pip install .`, not
    editable: an editable install adds an import hook that costs ~10 ms at every start)."""
    venv = WORK / "venv"
    if not (venv / "bin" / "otgraph").exists():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(ROOT)], check=True)
    else:  # the code may have changed since: reinstall it, not its dependencies
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--no-deps", "--force-reinstall", str(ROOT)],
                       check=True)
    return venv / "bin"


Row = tuple[str, str, str, str, str]  # what, otgraph, baseline, ratio, target


def cold_start(repeats: int) -> list[Row]:
    bin_dir = plain_install()
    ot = [str(bin_dir / "otgraph")]
    path = [*ot, "path", "Occupational Therapy Support Worker", "Consultant Occupational Therapist"]
    subprocess.run(path, capture_output=True, check=True)  # the first run fills the schema cache
    onet = [*ot, "--data", "onet", "path", "Occupational Therapists", "Medical and Health Services Managers"]
    subprocess.run(onet, capture_output=True, check=True)  # the first run fills the cache
    commands = [
        ("`otgraph path` (packaged data)", path, 1.3),
        ("`otgraph --help`", [*ot, "--help"], None),
        ("`otgraph roles`", [*ot, "roles"], None),
        ("`otgraph --data onet path \"Occupational Therapists\" \"Medical and Health Services Managers\"`",
         onet, 1.5),
    ]
    timings = timed_commands([[str(bin_dir / "python"), "-c", "import networkx"]] + [c[1] for c in commands],
                             repeats)
    (floor, floor_cpu), rest = timings[0], timings[1:]
    rows = [("`python -c 'import networkx'` (floor; otgraph installed with `pip install .`), wall / CPU", "",
             f"{floor * 1000:.0f} / {floor_cpu * 1000:.0f} ms", "", "")]
    for (label, _, target), (wall, cpu) in zip(commands, rest, strict=True):
        rows.append((f"{label}, wall / CPU", f"{wall * 1000:.0f} / {cpu * 1000:.0f} ms",
                     f"{floor * 1000:.0f} / {floor_cpu * 1000:.0f} ms", f"{wall / floor:.2f}x / {cpu / floor_cpu:.2f}x",
                     _target(wall / floor, target)))
    return rows


def _target(ratio: float, limit: float | None) -> str:
    if limit is None:
        return ""
    return f"<= {limit}x: {'met' if ratio <= limit else 'NOT met'}"


def scale(sizes: list[int], repeats: int, markdown: bool = False) -> list[Row]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from synthetic import generate

    rows: list[Row] = []
    try:
        import igraph  # noqa: F401

        has_igraph = True
    except ImportError:
        has_igraph = False
    for n in sizes:
        path = WORK / f"synthetic-{n}.json"
        if not path.exists():
            WORK.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(generate(n), separators=(",", ":")), encoding="utf-8")
        reps = repeats if n <= 10_000 else max(1, repeats // 2)
        cache = tempfile.mkdtemp(prefix="otgraph-bench-cache-")
        first = run_worker("otgraph", path, env={"XDG_CACHE_HOME": cache})  # schema check, then remembered
        bare = median_runs([run_worker("bare", path) for _ in range(reps)])
        ours = median_runs([run_worker("otgraph", path, ["--stats"] if i == 0 else [], {"XDG_CACHE_HOME": cache})
                            for i in range(reps)])
        first_answer = median_runs([run_worker("first", path, env={"XDG_CACHE_HOME": cache}) for _ in range(reps)])
        marks = run_worker("landmarks", path, env={"XDG_CACHE_HOME": cache}) if n >= 20_000 else None
        shutil.rmtree(cache, ignore_errors=True)
        ig = median_runs([run_worker("igraph", path) for _ in range(reps)]) if has_igraph else {}
        edges = sum(1 for _ in json.loads(path.read_text())["transitions"]) if n <= 10_000 else n * 10
        tag = f"{n:,} roles"
        rows.append((f"**{tag}** (~{edges:,} moves): load, first time (full schema check)",
                     f"{first['load']:.2f} s", f"{bare['load']:.2f} s", f"{first['load'] / bare['load']:.2f}x",
                     _target(first["load"] / bare["load"], 3.0)))
        ratio = ours["load"] / bare["load"]
        rows.append((f"{tag}: load, file seen before (reference checks only)", f"{ours['load']:.2f} s",
                     f"{bare['load']:.2f} s", f"{ratio:.2f}x", _target(ratio, 1.5)))
        rows.append((f"{tag}: peak memory", f"{ours['peak_mb']:.0f} MB", f"{bare['peak_mb']:.0f} MB",
                     f"{ours['peak_mb'] / bare['peak_mb']:.2f}x", _target(ours["peak_mb"] / bare["peak_mb"], 1.5)))
        q = int(ours["query_count"])
        ratio = ours["queries"] / bare["queries"]
        if marks:
            rows.append((f"{tag}: landmarks (8, by years): computed once per dataset on a first question, then "
                         "kept in the cache", f"{marks['landmarks']:.1f} s", "", "", ""))
        rows.append((f"{tag}: one `path` query, mean of {q:,} random connected pairs "
                     + ("(landmarks from the cache; " if marks else "(")
                     + "baseline: nx.bidirectional_dijkstra)", f"{ours['queries'] / q * 1000:.2f} ms",
                     f"{bare['queries'] / q * 1000:.2f} ms", f"{ratio:.2f}x",
                     _target(ratio, 0.8 if n >= 100_000 else None)))
        rows.append((f"{tag}: {q:,} random `path` queries", f"{ours['queries']:.2f} s", f"{bare['queries']:.2f} s",
                     f"{ratio:.2f}x", ""))
        rows.append((f"{tag}: `routes -k 5`", f"{ours['routes_k5']:.3f} s", f"{bare['routes_k5']:.3f} s",
                     f"{ours['routes_k5'] / bare['routes_k5']:.2f}x", ""))
        rows.append((f"{tag}: `reach`", f"{ours['reach']:.3f} s", f"{bare['reach']:.3f} s",
                     f"{ours['reach'] / bare['reach']:.2f}x", ""))
        rows.append((f"{tag}: `stats` ({ours.get('stats_note', '')})", f"{ours['stats']:.1f} s", "", "",
                     "< 60 s: " + ("met" if ours["stats"] < 60 else "NOT met")))
        if ig:
            rows.append((f"{tag}: igraph: build; one query (mean of {int(ig['query_count']):,})",
                         f"{ig['load']:.2f} s; {ig['queries'] / ig['query_count'] * 1000:.2f} ms", "", "", ""))
            ours_first = first_answer["load"] + first_answer["first_query"]
            ig_first = ig["load"] + ig["first_query"]
            rows.append((f"{tag}: time to the first answer (a file seen before, read-only load as the command "
                         "line does + 1 query), igraph (json.load + build + 1 query) as baseline",
                         f"{first_answer['load']:.2f} + {first_answer['first_query']:.2f} s",
                         f"{ig['load']:.2f} + {ig['first_query']:.2f} s", f"{ours_first / ig_first:.2f}x",
                         _target(ours_first / ig_first, 1.0 if n >= 10_000 else None)))
        print(table(rows, markdown, header=False), flush=True)  # the gated rows take long at 100,000 roles
        rows = []
        if not os.environ.get("OTGRAPH_BENCH_NO_GATED"):
            gated = WORK / f"gated-{n}.json"
            if not gated.exists():
                gated.write_text(json.dumps(generate(n, gated_share=0.05), separators=(",", ":")), encoding="utf-8")
            rows += gated_rows(f"{tag}, 5% of roles gated by 8 qualifications (each awarded by ~1% of moves)",
                               gated, reps)
    return rows


def onet_rows(repeats: int) -> list[Row]:
    """The packaged O*NET graph: load, a path, reach and stats, beside bare networkx."""
    from otgraph.read import packaged_path

    path = packaged_path("onet")
    data = json.loads(path.read_text(encoding="utf-8"))  # whatever the packaged file holds today
    size = f"{len(data['roles']):,} roles, {len(data['transitions']):,} moves"
    gated = sum(1 for r in data["roles"] if r.get("requires"))
    del data
    cache = tempfile.mkdtemp(prefix="otgraph-bench-cache-")
    first = run_worker("otgraph", path, ["--no-queries"], env={"XDG_CACHE_HOME": cache})
    bare = median_runs([run_worker("bare", path) for _ in range(repeats)])
    ours = median_runs([run_worker("otgraph", path, ["--stats"] if i == 0 else [], {"XDG_CACHE_HOME": cache})
                        for i in range(repeats)])
    shutil.rmtree(cache, ignore_errors=True)
    q = int(ours["query_count"])
    return [
        (f"**O*NET** ({size}): load, first time (full check)", f"{first['load']:.2f} s",
         f"{bare['load']:.2f} s", f"{first['load'] / bare['load']:.2f}x", _target(first["load"] / bare["load"], 3.0)),
        ("O*NET: load, file seen before", f"{ours['load']:.2f} s",
         f"{bare['load']:.2f} s", f"{ours['load'] / bare['load']:.2f}x", _target(ours["load"] / bare["load"], 1.5)),
        ("O*NET: peak memory", f"{ours['peak_mb']:.0f} MB", f"{bare['peak_mb']:.0f} MB",
         f"{ours['peak_mb'] / bare['peak_mb']:.2f}x", _target(ours["peak_mb"] / bare["peak_mb"], 1.5)),
        (f"O*NET: one `path` query (mean of {q:,}; {gated:,} roles with requirements)",
         f"{ours['queries'] / q * 1000:.2f} ms", f"{bare['queries'] / q * 1000:.2f} ms",
         f"{ours['queries'] / bare['queries']:.2f}x", ""),
        *gated_rows("O*NET", path, repeats),
        ("O*NET: `reach`", f"{ours['reach'] * 1000:.1f} ms", f"{bare['reach'] * 1000:.1f} ms",
         f"{ours['reach'] / bare['reach']:.2f}x", ""),
        (f"O*NET: `stats` ({ours.get('stats_note', '')})", f"{ours['stats']:.1f} s", "", "", ""),
    ]


def export_rows() -> list[Row]:
    import otgraph
    from otgraph.export import render

    sys.path.insert(0, str(ROOT / "scripts"))
    from synthetic import generate

    rows: list[Row] = []
    graphs = [("packaged data (50 roles)", otgraph.load_roles().graph),
              ("1,000 synthetic roles", otgraph.CareerGraph.from_data(generate(1000)).graph)]
    for label, G in graphs:
        for fmt in ("dot", "svg"):
            if fmt == "svg" and shutil.which("dot") is None:
                continue
            t = time.perf_counter()
            try:
                render(G, fmt)
                note = ""
            except otgraph.OtgraphError as exc:
                note = f"refused: {exc}"
            engine = "sfdp" if G.number_of_nodes() > 300 and fmt == "svg" else ("dot" if fmt == "svg" else "")
            rows.append((f"export {fmt} of {label}" + (f" ({engine})" if engine else ""),
                         f"{time.perf_counter() - t:.2f} s", "", "", note))
    return rows


def table(rows: list[Row], markdown: bool, header: bool = True) -> str:
    head = ("what", "otgraph", "baseline", "ratio", "target")
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] if header else []
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    return "\n".join("  ".join(str(c) for c in r) for r in ([head] if header else []) + rows)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--worker"]:
        print(json.dumps(worker(argv[1], argv[2], argv[3:])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="synthetic graph sizes (roles)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per figure (halved at 100k)")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--skip-scale", action="store_true", help="leave out the synthetic graphs")
    parser.add_argument("--skip-cold", action="store_true", help="leave out the command-line start-up rows")
    parser.add_argument("--skip-onet", action="store_true", help="leave out the O*NET rows")
    parser.add_argument("--skip-export", action="store_true", help="leave out the export rows")
    args = parser.parse_args(argv)
    # Each part is printed as soon as it is measured: the big sizes take minutes.
    print(table([], args.markdown), flush=True)
    if not args.skip_cold:
        print(table(cold_start(args.repeats * 2), args.markdown, header=False), flush=True)
    if not args.skip_onet:
        print(table(onet_rows(args.repeats), args.markdown, header=False), flush=True)
    if not args.skip_scale:
        for n in (int(s) for s in args.sizes.split(",") if s):
            print(table(scale([n], args.repeats, args.markdown), args.markdown, header=False), flush=True)
    if not args.skip_export:
        print(table(export_rows(), args.markdown, header=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
