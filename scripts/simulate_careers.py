#!/usr/bin/env python3
"""Simulate career records: people walking a known career graph with known time distributions.

Each person enters at a role drawn from the graph's entry shares, on a day drawn uniformly
between ``start`` and ``cutoff``; stays a lognormal time (so the true median tenure is exactly
``exp(mu)`` years); then leaves the records (the role's exit probability) or moves to a next role
drawn from the role's move shares, after a gap (exponential, ``gap_days`` on average). Spells
still running at ``cutoff`` are written with an empty end: because people keep entering up to
the cut-off, many spells are open there, and the median of the finished spells alone is well
short of the truth (see ``naive_median`` in the truth).

Noise that ``otgraph learn`` must undo can be added: exact duplicate rows, short side jobs inside
a spell, spells split in two at a contract renewal (same role, consecutive), and spelling variants
of titles. The truth describes the clean walk: per move, its true share and the count, people and
the median years of the moves completed before the cut-off, and ``clean``: the spells of the walk without noise.

Use it from Python (``simulate(...)`` returns a DataFrame and the truth; ``write(...)``) or::

    python scripts/simulate_careers.py --spells 1000000 -o spells.parquet
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

EPOCH = dt.date(1970, 1, 1)
YEAR = 365.25


@dataclass
class Graph:
    """A known career graph: roles with lognormal tenure (``mu``, ``sigma`` of log-years), the
    probability of leaving the records after a spell, and move shares to next roles."""

    titles: list[str]
    mu: np.ndarray
    sigma: np.ndarray
    exit: np.ndarray
    moves: dict[int, dict[int, float]]
    entry: np.ndarray
    variants: dict[int, list[str]] = field(default_factory=dict)

    def true_median(self, role: int) -> float:
        return float(np.exp(self.mu[role]))


def known_graph() -> Graph:
    """Seven roles of a clinical ladder, with move shares and tenure medians chosen so that the
    fastest route from support worker to consultant is unambiguous."""
    titles = ["Support Worker", "Assistant Practitioner", "Occupational Therapist", "Specialist OT",
              "Senior OT", "Team Manager", "Consultant OT"]
    median_years = [2.0, 2.5, 2.5, 3.0, 4.0, 5.0, 6.0]
    moves = {
        0: {1: 0.6, 2: 0.4},
        1: {2: 0.7, 0: 0.3},
        2: {3: 0.55, 4: 0.25, 5: 0.2},
        3: {4: 0.6, 5: 0.3, 2: 0.1},
        4: {6: 0.5, 5: 0.5},
        5: {6: 0.4, 4: 0.6},
        6: {5: 1.0},
    }
    return Graph(titles=titles, mu=np.log(median_years), sigma=np.full(7, 0.6),
                 exit=np.array([0.15, 0.1, 0.08, 0.08, 0.1, 0.15, 0.3]), moves=moves,
                 entry=np.array([0.3, 0.1, 0.3, 0.1, 0.1, 0.05, 0.05]),
                 variants={2: ["occupational therapist", "Occupational-Therapist"], 4: ["SENIOR OT"]})


def random_graph(n_roles: int, seed: int = 0, out_degree: int = 5) -> Graph:
    """A larger random graph for benchmarks: ``n_roles`` roles, each with a few next roles."""
    rng = np.random.default_rng(seed)
    titles = [f"Role {i:05d} {w}" for i, w in enumerate(rng.choice(
        ["Therapist", "Assistant", "Manager", "Specialist", "Lead", "Coordinator", "Practitioner"], n_roles))]
    moves = {}
    for i in range(n_roles):
        targets = rng.choice(n_roles - 1, size=min(out_degree, n_roles - 1), replace=False)
        targets = [int(t if t < i else t + 1) for t in targets]
        shares = rng.dirichlet(np.ones(len(targets)))
        moves[i] = dict(zip(targets, shares.tolist(), strict=True))
    entry = rng.dirichlet(np.ones(n_roles))
    return Graph(titles=titles, mu=np.log(rng.uniform(1, 6, n_roles)), sigma=np.full(n_roles, 0.6),
                 exit=np.full(n_roles, 0.15), moves=moves, entry=entry)


def _days(date: dt.date) -> int:
    return (date - EPOCH).days


def simulate(people: int, *, seed: int = 0, graph: Graph | None = None, start: dt.date = dt.date(2014, 1, 1),
             cutoff: dt.date = dt.date(2024, 1, 1), gap_days: float = 30.0, duplicates: float = 0.0,
             side_jobs: float = 0.0, splits: float = 0.0, variants: float = 0.0, uuid_ids: bool = True,
             ) -> tuple[pd.DataFrame, dict]:
    """``(records, truth)``: one row per spell (person, role, start, end as ISO text, end empty
    when open at ``cutoff``), and the truth of the clean walk."""
    g = graph or known_graph()
    rng = np.random.default_rng(seed)
    n_roles = len(g.titles)
    # Move shares as a cumulative table (one row per role) for vectorised draws.
    width = max(len(m) for m in g.moves.values())
    targets = np.zeros((n_roles, width), dtype=np.int64)
    cumulative = np.ones((n_roles, width))
    for a, m in g.moves.items():
        dests, probs = list(m), np.cumsum(list(m.values()))
        targets[a, :len(dests)] = dests
        targets[a, len(dests):] = dests[-1]
        cumulative[a, :len(dests)] = probs / probs[-1]
    cut = _days(cutoff)
    person = np.arange(people)
    role = rng.choice(n_roles, size=people, p=g.entry / g.entry.sum())
    t = rng.integers(_days(start), cut, size=people)
    parts: list[tuple[np.ndarray, ...]] = []
    while person.size:
        years = rng.lognormal(g.mu[role], g.sigma[role])
        end = t + np.maximum(np.rint(years * YEAR).astype(np.int64), 1)
        open_ = end > cut
        leave = rng.random(person.size) < g.exit[role]
        u = rng.random(person.size)
        nxt = targets[role, np.minimum((u[:, None] > cumulative[role]).sum(axis=1), width - 1)]
        nt = end + np.rint(rng.exponential(gap_days, person.size)).astype(np.int64)
        moving = ~open_ & ~leave & (nt <= cut)
        parts.append((person, role, t, np.where(open_, -1, end), np.where(moving, nxt, -1),
                      np.where(moving, nt, -1)))
        person, role, t = person[moving], nxt[moving], nt[moving]
    cols = [np.concatenate(c) for c in zip(*parts, strict=True)]
    spells = pd.DataFrame(dict(zip(["person", "role", "s", "e", "next_role", "next_s"], cols, strict=True)))
    truth = _truth(g, spells, cut)
    truth["spells"] = spells

    rows = spells[["person", "role", "s", "e"]]
    extra = []
    if splits:
        pick = rows[(rows.e > rows.s + 60) & (rng.random(len(rows)) < splits)]
        mid = pick.s + ((pick.e - pick.s) * rng.uniform(0.2, 0.8, len(pick))).astype(np.int64)
        rows = pd.concat([rows.drop(pick.index), pick.assign(e=mid), pick.assign(s=mid)])
    if side_jobs:
        host = spells[(rng.random(len(spells)) < side_jobs) & (spells.e > spells.s + 60)]
        s = host.s + 10
        extra.append(pd.DataFrame({"person": host.person, "role": n_roles, "s": s, "e": s + 30}))
    rows = pd.concat([rows, *extra], ignore_index=True)
    if duplicates:
        rows = pd.concat([rows, rows[rng.random(len(rows)) < duplicates]], ignore_index=True)
    titles = np.array([*g.titles, "Locum Side Job"], dtype=object)
    names = titles[rows.role.to_numpy()]
    if variants and g.variants:
        for r, options in g.variants.items():
            mask = (rows.role.to_numpy() == r) & (rng.random(len(rows)) < variants)
            names[mask] = np.array(options, dtype=object)[rng.integers(0, len(options), mask.sum())]
    ids = _ids(people, rng, uuid_ids)
    truth["clean"] = pd.DataFrame({"person": ids[spells.person.to_numpy()], "role": titles[spells.role.to_numpy()],
                                   "start": _iso(spells.s.to_numpy()), "end": _iso(spells.e.to_numpy())})
    order = rng.permutation(len(rows))
    out = pd.DataFrame({
        "person": ids[rows.person.to_numpy()[order]],
        "role": names[order],
        "start": _iso(rows.s.to_numpy()[order]),
        "end": _iso(rows.e.to_numpy()[order]),
    })
    return out, truth


def _ids(people: int, rng: np.random.Generator, uuid_ids: bool) -> np.ndarray:
    if uuid_ids:
        raw = rng.bytes(16 * people)
        return np.array([str(uuid.UUID(bytes=raw[16 * i:16 * i + 16], version=4)) for i in range(people)],
                        dtype=object)
    return np.char.add("P", np.arange(people).astype(str)).astype(object)


def _iso(days: np.ndarray) -> np.ndarray:
    text = (np.datetime64("1970-01-01") + np.maximum(days, 0).astype("timedelta64[D]")).astype(str).astype(object)
    text[days < 0] = ""
    return text


def _truth(g: Graph, spells: pd.DataFrame, cut: int) -> dict:
    moved = spells[spells.next_role >= 0]
    finished = spells[spells.e >= 0]
    roles = {}
    for r, title in enumerate(g.titles):
        done = finished[finished.role == r]
        roles[title] = {"tenure_median": g.true_median(r), "spells": int((spells.role == r).sum()),
                        "naive_median": float(np.median(done.e - done.s) / YEAR) if len(done) else None}
    moves = {}
    for (a, b), grp in moved.groupby(["role", "next_role"]):
        moves[(g.titles[a], g.titles[b])] = {
            "share": g.moves[a][b] / sum(g.moves[a].values()), "count": len(grp),
            "people": grp.person.nunique(), "years_median": float(np.median(grp.next_s - grp.s) / YEAR),
            "gap_median": float(np.median(grp.next_s - grp.e) / YEAR)}
    return {"roles": roles, "moves": moves, "cutoff": cut}


HORIZONS = (2, 5, 10)


def route_truth(truth: dict, route: list[str], titles: list[str] | None = None) -> dict:
    """A route's figures on the clean walk, computed directly from each entrant's spells (the
    definition ``otgraph learn --routes`` implements; docs/learn.md): for every spell in the
    route's first role, the time to complete the route (start of its last role minus start of
    the first), else the time of the first competing event (another move: its start; no next
    spell and the spell ended: its end) or of censoring (still open: the cut-off); then the
    Aalen-Johansen cumulative incidence by 2, 5 and 10 years and the type-7 quartiles of the
    completion times. ``route`` names roles by title (``titles``: the graph's, default the known
    graph's)."""
    titles = titles or known_graph().titles
    code = [titles.index(t) for t in route]
    sp = truth["spells"].sort_values(["person", "s"]).reset_index(drop=True)
    cut = truth["cutoff"]
    m = len(code) - 1
    same = [sp.person.shift(-j) == sp.person for j in range(m + 1)]
    role = [sp.role.shift(-j).where(same[j]) for j in range(m + 1)]
    start = [sp.s.shift(-j).where(same[j]) for j in range(m + 1)]
    end = [sp.e.shift(-j).where(same[j]) for j in range(m + 1)]
    entry = sp.role == code[0]
    time = pd.Series(np.nan, index=sp.index)
    status = pd.Series(-1, index=sp.index)  # 1 completed, 2 competing, 0 censored
    on = entry.copy()
    for j in range(1, m + 1):
        has_next = role[j].notna()
        stay = on & has_next & (role[j] == code[j])
        moved_away = on & has_next & (role[j] != code[j])
        stopped = on & ~has_next
        time[moved_away] = start[j][moved_away] - sp.s[moved_away]
        status[moved_away] = 2
        left = stopped & (end[j - 1] >= 0)
        time[left] = end[j - 1][left] - sp.s[left]
        status[left] = 2
        still = stopped & ~(end[j - 1] >= 0)
        time[still] = cut - sp.s[still]
        status[still] = 0
        on = stay
    time[on] = start[m][on] - sp.s[on]
    status[on] = 1
    t, st = time[entry].to_numpy(float), status[entry].to_numpy()
    done = np.sort(t[st == 1])
    return {"n": int(entry.sum()), "completed": int((st == 1).sum()),
            "cumulative_incidence": {str(h): _aalen_johansen(t, st, np.floor(h * YEAR)) for h in HORIZONS},
            "years_quartiles_if_completed": [float(q) / YEAR for q in np.percentile(done, [25, 50, 75])]
            if len(done) else None}


def _aalen_johansen(time: np.ndarray, status: np.ndarray, horizon: float) -> float | None:
    """CIF(horizon) of status 1 with status 2 competing, 0 censored (censored after events on a
    tie), by the textbook sum over distinct event times; None when no one is at risk then."""
    if not (time >= horizon).any():
        return None
    surv, cif = 1.0, 0.0
    for u in np.unique(time[(status > 0) & (time <= horizon)]):
        at_risk = (time >= u).sum()
        d1 = ((time == u) & (status == 1)).sum()
        d_all = ((time == u) & (status > 0)).sum()
        cif += surv * d1 / at_risk
        surv *= 1 - d_all / at_risk
    return cif


def write(records: pd.DataFrame, path: str | Path, date_type: str = "string") -> Path:
    """Write records as CSV (``.csv``, ``.csv.gz``) or Parquet; Parquet dates as text or DATE."""
    path = Path(path)
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(records, preserve_index=False)
        if date_type == "date":
            for name in ("start", "end"):
                col = pd.to_datetime(records[name].replace("", None)).dt.date
                table = table.set_column(table.schema.get_field_index(name), name, pa.array(col, pa.date32()))
        pq.write_table(table, path, row_group_size=1_000_000)
    else:
        records.to_csv(path, index=False)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spells", type=int, default=100_000, help="about how many spells (default 100,000)")
    parser.add_argument("--roles", type=int, default=0, help="a random graph of this many roles (default: the "
                        "known 7-role graph)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--uuid", action="store_true", help="random UUIDs as person ids (slower)")
    parser.add_argument("--date-type", choices=["string", "date"], default="string")
    parser.add_argument("-o", "--output", required=True, help=".csv, .csv.gz or .parquet")
    args = parser.parse_args(argv)
    graph = random_graph(args.roles, args.seed) if args.roles else known_graph()
    people = max(1, args.spells // 4)
    records, _ = simulate(people, seed=args.seed, graph=graph, uuid_ids=args.uuid)
    write(records, args.output, args.date_type)
    print(f"{len(records):,} spells of {people:,} people, {records.role.nunique():,} titles -> {args.output}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
