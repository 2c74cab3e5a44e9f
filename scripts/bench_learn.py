#!/usr/bin/env python3
"""Benchmark ``otgraph learn`` against a vectorised pandas implementation of the same work and
against pm4py's directly-follows graph with durations.

Synthetic spells (``simulate_careers.py``: a random graph of 2,000 roles, each title also spelt in
capitals for a fifth of the spells, so about 4,000 distinct raw titles, and 2% duplicate rows, 2%
side jobs and 3% split spells) are written to Parquet (or with ``--format csv`` CSV) with dates as
ISO text. Each engine runs in a
child process pinned to 2 cores; its time is the wall time of reading the file and computing every
figure (and, for otgraph, writing the roles file), its memory the child's peak resident set size
(``VmHWM``), interpreter and imports included.

- ``otgraph``: ``learn_graph`` with threads=2 and its default memory limit.
- ``otgraph-routes3``: the same with ``routes=3`` (``otgraph learn --routes 3``: route statistics
  from people, issue 31).
- ``pandas``: read, parse dates, drop bad and duplicate rows, normalise titles, sort, side jobs
  (group-wise running max of ends), same-role runs (group-wise shift and cumsum), moves
  (group-wise shift; count, distinct people, quartiles, gap median) and Kaplan-Meier medians.
- ``pm4py``: read, parse start dates, ``discover_dfg`` and ``discover_performance_dfg`` (raw
  records: pm4py neither cleans nor censors). Killed after ``--pm4py-timeout`` seconds.
- ``spark``: ``learn_graph_spark`` (``otgraph learn --engine spark``) in local mode,
  ``local[2]``, driver memory ``--spark-memory``; its time includes starting the JVM and the
  Spark session (reported apart as ``startup_s``), as a user of the command waits for it; its
  memory is the JVM's peak (``jvm_peak_mb``) beside the Python driver's. Killed after
  ``--spark-timeout`` seconds (default 30 minutes: 10M spells on 2 cores is slow in local mode;
  Spark is for a cluster, where the same command runs unchanged).

    python scripts/bench_learn.py --sizes 1000000 10000000
    python scripts/bench_learn.py --sizes 1000000 --engines otgraph spark
    python scripts/bench_learn.py --sizes 1000000 10000000 --engines otgraph otgraph-routes3 --dir /tmp/bench
    python scripts/bench_learn.py --sizes 1000000 --format csv --engines otgraph pandas
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def make_records(spells: int, path: Path, seed: int = 0) -> dict:
    sys.path.insert(0, str(HERE))
    import numpy as np
    import simulate_careers as sc

    graph = sc.random_graph(2000, seed)
    people = round(spells / 2.9)  # about 2.9 spells a person
    records, _ = sc.simulate(people, seed=seed, graph=graph, start=sc.dt.date(2000, 1, 1), duplicates=0.02,
                             side_jobs=0.02, splits=0.03, uuid_ids=False)
    rng = np.random.default_rng(seed)
    upper = rng.random(len(records)) < 0.2
    records.loc[upper, "role"] = records.loc[upper, "role"].str.upper()
    sc.write(records, path)
    return {"rows": len(records), "titles": int(records.role.nunique()), "people": people}


# --- engines (run in a child process) ------------------------------------------------------

def run_otgraph(path: str, out: str) -> dict:
    from otgraph.learn import learn_graph, write_json

    data, report = learn_graph(path, threads=2)
    write_json(data, out)
    return {"roles": report["roles"]["kept"], "moves": report["moves"]["kept"]}


def run_otgraph_routes(path: str, out: str) -> dict:
    """``otgraph learn --routes 3``: the same run with route statistics (issue 31's target: 10M
    spells within 60 s and 2 GB)."""
    from otgraph.learn import learn_graph, write_json

    data, report = learn_graph(path, threads=2, routes=3)
    write_json(data, out)
    return {"roles": report["roles"]["kept"], "moves": report["moves"]["kept"],
            "routes_taken": report["routes"]["taken"], "routes": report["routes"]["kept"]}


def run_pandas(path: str, out: str) -> dict:
    import numpy as np
    import pandas as pd

    from otgraph.graph import normalize_name

    df = _read(path, ["person", "role", "start", "end"])
    s = pd.to_datetime(df["start"], format="%Y-%m-%d", errors="coerce")
    e = pd.to_datetime(df["end"].replace("", None), format="%Y-%m-%d", errors="coerce")
    bad = s.isna() | (e < s)
    df = pd.DataFrame({"person": df["person"], "role": df["role"], "s": s, "e": e})[~bad]
    df = df.drop_duplicates()
    cut = max(df["s"].max(), df["e"].max())
    titles = pd.unique(df["role"])
    keys = pd.Series([normalize_name(t) for t in titles], index=titles)
    codes, _ = pd.factorize(keys)
    df["r"] = pd.Series(codes, index=titles).reindex(df["role"]).to_numpy()
    far = pd.Timestamp("2262-01-01")
    df["ee"] = df["e"].fillna(far)
    df = df.sort_values(["person", "s", "ee", "r"], ascending=[True, True, False, True])
    prev_max = df.groupby("person", sort=False)["ee"].cummax().groupby(df["person"], sort=False).shift()
    df = df[prev_max.isna() | (prev_max < df["ee"])]
    df = df.sort_values(["person", "s", "ee", "r"])
    prev = df.groupby("person", sort=False)["r"].shift()
    island = ((df["r"] != prev) | prev.isna()).cumsum().rename("island")
    df["open"] = df["e"].isna()
    runs = df.groupby(island, sort=False).agg(person=("person", "first"), r=("r", "first"), s=("s", "min"),
                                              e=("e", "max"), open=("open", "any"))
    runs.loc[runs["open"], "e"] = pd.NaT
    g = runs.groupby("person", sort=False)
    runs["nr"] = g["r"].shift(-1)
    runs["ns"] = g["s"].shift(-1)
    mv = runs[runs["nr"].notna()].copy()
    mv["years"] = (mv["ns"] - mv["s"]).dt.days
    mv["gap"] = (mv["ns"] - mv["e"]).dt.days
    pairs = mv.groupby(["r", "nr"])
    moves = pairs.agg(count=("years", "size"), people=("person", "nunique"), gap=("gap", "median"))
    q = pairs["years"].quantile([0.25, 0.5, 0.75]).unstack()
    moves = moves.join(q)
    moves["share"] = moves["count"] / moves.groupby(level=0)["count"].transform("sum")
    # Kaplan-Meier median per role.
    runs["d"] = (runs["e"].fillna(cut) - runs["s"]).dt.days
    runs["event"] = runs["e"].notna()
    t = runs.groupby(["r", "d"]).agg(deaths=("event", "sum"), total=("event", "size")).reset_index()
    t = t.sort_values(["r", "d"], ascending=[True, False])
    t["at_risk"] = t.groupby("r")["total"].cumsum()
    t = t.sort_values(["r", "d"])
    t["surv"] = (1 - t["deaths"] / t["at_risk"]).groupby(t["r"]).cumprod()
    medians = t[t["surv"] <= 0.5 + 1e-9].groupby("r")["d"].min()
    heads = runs.groupby("r")["person"].nunique()
    kept = heads[heads >= 10]
    Path(out).write_text(json.dumps({"roles": len(kept), "moves": int((moves["people"] >= 10).sum()),
                                     "median_days": float(np.nanmedian(medians))}))
    return {"roles": int(len(kept)), "moves": int((moves["people"] >= 10).sum())}


def _read(path: str, columns: list[str]):
    """The records as pandas reads them: Parquet, or CSV as text (empty ends stay empty)."""
    import pandas as pd

    if path.endswith(".csv"):
        return pd.read_csv(path, usecols=columns, dtype=str, keep_default_na=False)
    return pd.read_parquet(path, columns=columns)


def run_pm4py(path: str, out: str) -> dict:
    import pandas as pd
    import pm4py

    df = _read(path, ["person", "role", "start"])
    log = pd.DataFrame({"case:concept:name": df["person"], "concept:name": df["role"],
                        "time:timestamp": pd.to_datetime(df["start"], format="%Y-%m-%d")})
    del df
    dfg, _, _ = pm4py.discover_dfg(log)
    perf, _, _ = pm4py.discover_performance_dfg(log)
    return {"moves": len(dfg), "timed_moves": len(perf)}


def run_spark(path: str, out: str) -> dict:
    from otgraph.learn import write_json
    from otgraph.learn.spark import learn_graph_spark, session

    start = time.perf_counter()
    spark, _ = session("local[2]", os.environ.get("BENCH_SPARK_MEMORY", "2g"))
    startup = time.perf_counter() - start
    data, report = learn_graph_spark(path, spark=spark)
    write_json(data, out)
    jvm = spark.sparkContext._gateway.proc.pid  # the JVM the session runs in
    jvm_peak = _peak_mb(f"/proc/{jvm}/status")
    spark.stop()
    return {"roles": report["roles"]["kept"], "moves": report["moves"]["kept"], "startup_s": round(startup, 1),
            "jvm_peak_mb": round(jvm_peak)}


ENGINES = {"otgraph": run_otgraph, "otgraph-routes3": run_otgraph_routes, "pandas": run_pandas, "pm4py": run_pm4py,
           "spark": run_spark}


def child(engine: str, path: str, out: str) -> None:
    os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:2]))
    start = time.perf_counter()
    result = ENGINES[engine](path, out)
    seconds = time.perf_counter() - start
    peak_mb = _peak_mb()
    print(json.dumps({"seconds": round(seconds, 2), "peak_mb": round(peak_mb), **result}))


def _peak_mb(status: str = "/proc/self/status") -> float:
    """The process's peak resident set size: VmHWM, which starts afresh at exec (ru_maxrss does
    not: it would count the parent's memory at fork, such as the 10M-row table just made)."""
    try:
        for line in Path(status).read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(engine: str, path: Path, timeout: float | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, __file__, "--child", engine, str(path), str(Path(tmp) / "out.json")]
        # A session of its own, so a timeout ends the child's children too (Spark's JVM).
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True) as child_process:
            try:
                stdout, stderr = child_process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(child_process.pid, 9)
                child_process.communicate()
                return {"timeout": timeout}
        done = subprocess.CompletedProcess(cmd, child_process.returncode, stdout, stderr)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("--pm4py-timeout", type=float, default=600.0)
    parser.add_argument("--spark-timeout", type=float, default=1800.0)
    parser.add_argument("--spark-memory", default="2g", help="the Spark driver's memory in local mode")
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet", help="the records' format")
    parser.add_argument("--dir", default=None, help="where to keep the records files (default: a temporary folder)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.dir or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            path = folder / f"spells-{size}.{args.format}"
            t = time.perf_counter()
            info = make_records(size, path) if not path.exists() else {"rows": None}
            print(f"{size:,} spells: {json.dumps(info)} ({time.perf_counter() - t:.0f} s to make), "
                  f"{path.stat().st_size / 1e6:.0f} MB {args.format}", file=sys.stderr, flush=True)
            row = {"spells": size, "format": args.format, **info}
            for engine in args.engines:
                timeout = {"pm4py": args.pm4py_timeout, "spark": args.spark_timeout}.get(engine)
                os.environ["BENCH_SPARK_MEMORY"] = args.spark_memory
                result = measure(engine, path, timeout)
                print(f"  {engine}: {json.dumps(result)}", file=sys.stderr, flush=True)
                row[engine] = result
            results.append(row)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
