#!/usr/bin/env python3
"""A seeded generator of realistic synthetic career graphs, for benchmarks.

Roles sit on tracks (e.g. 20 of them) and levels 0-9; most moves go up one or two levels
within a track, some cross to a neighbouring track at the same level, a few go down. Moves
carry years (longer for bigger steps) and sometimes qualifications, like the real data.

    python scripts/synthetic.py 100000 -o /tmp/synthetic-100k.json   # ~10 moves per role
    python scripts/synthetic.py 10000 --gated-share 0.05 -o /tmp/gated-10k.json  # 5% of roles gated
"""

from __future__ import annotations

import argparse
import json
import random
import sys


def generate(n_roles: int, edges_per_role: int = 10, seed: int = 0, tracks: int | None = None,
             gated_share: float = 0.0, gate_qualifications: int = 8, award_share: float = 0.01) -> dict:
    """A synthetic dataset. With ``gated_share`` > 0, that share of roles requires one of
    ``gate_qualifications`` qualifications (``g0``, ``g1``...) on entry, and each of them is
    awarded by about ``award_share`` of the moves, upward ones (education-like, as in the real
    data); the gates issue's benchmark density is 0.05, 8 and 0.01."""
    rng = random.Random(seed)
    tracks = tracks or max(2, min(50, n_roles // 200))
    levels = 10
    roles = []
    by_cell: dict[tuple[int, int], list[str]] = {}
    for i in range(n_roles):
        track, level = i % tracks, rng.choices(range(levels), weights=[3, 4, 6, 8, 9, 9, 8, 6, 4, 2])[0]
        rid = f"r{i}"
        roles.append({"id": rid, "title": f"Role {i} (Track {track} level {level})",
                      "aliases": [f"R{i}"], "country": "UK" if track % 2 else "US", "track": f"track-{track}",
                      "level": level, "sources": ["synthetic"]})
        by_cell.setdefault((track, level), []).append(rid)
    qualifications = [{"id": f"q{j}", "title": f"Qualification {j}", "sources": ["synthetic"]} for j in range(200)]
    transitions = []
    seen = set()
    for role in roles:
        u, track, level = role["id"], int(role["track"].split("-")[1]), role["level"]
        for _ in range(edges_per_role):
            kind = rng.random()
            if kind < 0.7:  # up the ladder
                cell = (track, min(levels - 1, level + rng.choice([1, 1, 1, 2])))
            elif kind < 0.9:  # across to a neighbouring track
                cell = ((track + rng.choice([-1, 1])) % tracks, level)
            else:  # a step down or a lateral move in the same track
                cell = (track, max(0, level - rng.choice([0, 1])))
            candidates = by_cell.get(cell)
            if not candidates:
                continue
            v = rng.choice(candidates)
            if v == u or (u, v) in seen:
                continue
            seen.add((u, v))
            step = max(0, int(cell[1]) - level)
            years = round(rng.uniform(0.5, 2.0) + 1.5 * step, 1)
            quals = rng.sample(range(200), k=rng.choice([0, 0, 0, 1, 1, 2])) if step else []
            transitions.append({"from": u, "to": v, "years": years, "qualifications": [f"q{q}" for q in quals],
                                "sources": ["synthetic"]})
    if gated_share > 0:
        _add_gates(rng, roles, transitions, qualifications, gated_share, gate_qualifications, award_share)
    return {
        "meta": {"name": f"synthetic career graph, {n_roles} roles, seed {seed}"},
        "sources": {"synthetic": {"title": "scripts/synthetic.py (generated for benchmarks)", "kind": "analysis"}},
        "qualifications": qualifications,
        "roles": roles,
        "transitions": transitions,
    }


def _add_gates(rng: random.Random, roles: list[dict], transitions: list[dict], qualifications: list[dict],
               gated_share: float, count: int, award_share: float) -> None:
    gates = [f"g{j}" for j in range(count)]
    qualifications += [{"id": g, "title": f"Gate qualification {g}", "sources": ["synthetic"]} for g in gates]
    for role in rng.sample(roles, k=round(gated_share * len(roles))):
        role["requires"] = [rng.choice(gates)]
    level = {r["id"]: r["level"] for r in roles}
    upward = [t for t in transitions if level[t["to"]] > level[t["from"]]] or transitions
    for g in gates:
        for t in rng.sample(upward, k=min(len(upward), max(1, round(award_share * len(transitions))))):
            if g not in t["qualifications"]:
                t["qualifications"].append(g)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roles", type=int)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--edges-per-role", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--gated-share", type=float, default=0.0,
                        help="share of roles with an entry requirement (the gates benchmark: 0.05)")
    parser.add_argument("--gate-qualifications", type=int, default=8)
    parser.add_argument("--award-share", type=float, default=0.01, help="share of moves awarding each gate")
    args = parser.parse_args(argv)
    data = generate(args.roles, args.edges_per_role, args.seed, gated_share=args.gated_share,
                    gate_qualifications=args.gate_qualifications, award_share=args.award_share)
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(data, f, separators=(",", ":"))
    print(f"{args.output}: {len(data['roles'])} roles, {len(data['transitions'])} transitions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
