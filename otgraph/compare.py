"""Two datasets side by side: the official ladder against the moves people are observed to make.

``compare(a, b)`` loads each dataset on its own (:func:`otgraph.load.load_roles`: a roles file, or
a packaged name, ``roles`` or ``onet``) and matches roles and moves by id (learn with ``--map-to``
so a learned file uses the curated ids). It reports:

- **roles and moves only in one** of the two;
- **years that differ**: a move in both whose typical years (``years``) or range (``years_min``,
  ``years_max``) differ, with both datasets' figures (any two datasets, curated or learned);
- **medians outside the other's range**: a move in both whose *observed* median (the ``years`` of
  a learned move, ``years_kind: observed-iqr``) lies below the other dataset's ``years_min`` or
  above its ``years_max`` (``years_max: null`` is open: nothing is above it);
- **roles with no observed entrants**: in a dataset with observed figures, roles observed held
  (``observed`` on the role) that no observed move enters (people are seen in them only from
  their first spell);
- with ``route=(FROM, TO)``: the **official route** (:func:`otgraph.shortest_route`, by years,
  honouring entry requirements, on the first curated dataset: one not learned) beside the **most
  likely observed route** (on the first dataset with observed shares): the path whose product of
  ``observed.share`` is highest, found by Dijkstra on ``-log(share)``; moves without a share are
  not taken.

A dataset is *learned* when its ``meta.learned`` is set or any role or move has ``observed``.
Nothing is printed; the result is plain data (the ``--json`` shape of ``otgraph compare``).

>>> result = compare("roles", "roles")
>>> result["differ"], result["moves"]["common"] > 50
(False, True)
"""

from __future__ import annotations

import math
import os
from typing import Any

import networkx as nx

from .errors import NoRouteError, UnknownRoleError
from .people_routes import PRODUCT_OF_SHARES, SUM_OF_MEDIANS

__all__ = ["compare", "observed_route"]

PathLike = str | os.PathLike[str]

SIDES = ("a", "b")


def _is_learned(G: nx.DiGraph) -> bool:
    if G.graph.get("meta", {}).get("learned"):
        return True
    return any("observed" in d for _, d in G.nodes(data=True)) or any("observed" in d for *_, d in G.edges(data=True))


def _observed_median(d: dict[str, Any]) -> float | None:
    """A learned move's observed median years, or None (curated moves, overlays)."""
    return d.get("years") if d.get("years_kind") == "observed-iqr" else None


def _share(d: dict[str, Any]) -> float | None:
    observed = d.get("observed")
    share = observed.get("share") if isinstance(observed, dict) else None
    return share if isinstance(share, (int, float)) and not isinstance(share, bool) and share > 0 else None


def _title(G: nx.DiGraph, role: str) -> str:
    return str(G.nodes[role].get("title", role)) if role in G else role


def _move(G: nx.DiGraph, u: str, v: str) -> dict[str, Any]:
    d = G.edges[u, v]
    out: dict[str, Any] = {"from": u, "to": v, "from_title": _title(G, u), "to_title": _title(G, v),
                           "years": d.get("years"), "years_range": [d.get("years_min"), d.get("years_max")]}
    share = _share(d)
    if share is not None:
        out["share"] = share
        out["people"] = d["observed"].get("people")
    return out


def compare(a: PathLike, b: PathLike, *, route: tuple[str, str] | None = None) -> dict[str, Any]:
    """Compare dataset ``a`` with dataset ``b``: the official ladder against the moves people are
    observed to make, or any two datasets (see the module's docstring).

    Parameters
    ----------
    a, b : str or os.PathLike
        Roles files, or packaged dataset names (``"roles"``, ``"onet"``).
    route : (str, str), optional
        Two roles: the official route between them beside the most likely observed one.

    Returns
    -------
    dict
        ``a`` and ``b`` (name, counts, learned or not); ``roles`` and ``moves`` (common, only in
        one); ``years_differ`` (moves whose typical years or ranges differ, both figures);
        ``outside_range`` (observed medians outside the other's range); ``no_observed_entrants``;
        ``differ``; and with ``route``, ``route`` (official and observed, each or why none).

    Raises
    ------
    DataError
        For a dataset that cannot be loaded.
    UnknownRoleError, AmbiguousRoleError
        When a ``route`` end names a role in neither dataset, or several.

    Examples
    --------
    >>> result = compare("roles", "roles")
    >>> result["differ"], result["moves"]["only_in_a"], result["years_differ"]
    (False, [], [])
    """
    from .load import load_roles

    graphs = {"a": load_roles(a).graph, "b": load_roles(b).graph}
    names = {"a": str(a), "b": str(b)}
    learned = {side: _is_learned(G) for side, G in graphs.items()}
    A, B = graphs["a"], graphs["b"]

    roles_a, roles_b = set(A.nodes), set(B.nodes)
    moves_a, moves_b = set(A.edges), set(B.edges)
    result: dict[str, Any] = {
        "a": {"name": names["a"], "roles": A.number_of_nodes(), "moves": A.number_of_edges(), "learned": learned["a"]},
        "b": {"name": names["b"], "roles": B.number_of_nodes(), "moves": B.number_of_edges(), "learned": learned["b"]},
        "roles": {"common": len(roles_a & roles_b),
                  "only_in_a": [{"id": r, "title": _title(A, r)} for r in A.nodes if r not in roles_b],
                  "only_in_b": [{"id": r, "title": _title(B, r)} for r in B.nodes if r not in roles_a]},
        "moves": {"common": len(moves_a & moves_b),
                  "only_in_a": [_move(A, u, v) for u, v in A.edges if (u, v) not in moves_b],
                  "only_in_b": [_move(B, u, v) for u, v in B.edges if (u, v) not in moves_a]},
        "years_differ": _years_differ(graphs),
        "outside_range": _outside_range(graphs),
        "no_observed_entrants": {side: _no_observed_entrants(G) if learned[side] else [] for side, G in
                                 graphs.items()},
    }
    result["differ"] = bool(result["roles"]["only_in_a"] or result["roles"]["only_in_b"]
                            or result["moves"]["only_in_a"] or result["moves"]["only_in_b"]
                            or result["years_differ"] or result["outside_range"])
    if route is not None:
        result["route"] = _routes(graphs, names, learned, *route)
    return result


def _years(d: dict[str, Any]) -> dict[str, Any]:
    return {"years": d.get("years"), "years_range": [d.get("years_min"), d.get("years_max")],
            "years_kind": d.get("years_kind")}


def _years_differ(graphs: dict[str, nx.DiGraph]) -> list[dict[str, Any]]:
    """The moves in both datasets whose typical years or range differ, with both figures."""
    A, B = graphs["a"], graphs["b"]
    out = []
    for u, v in A.edges:
        if not B.has_edge(u, v):
            continue
        a, b = _years(A.edges[u, v]), _years(B.edges[u, v])
        if (a["years"], a["years_range"]) != (b["years"], b["years_range"]):
            out.append({"from": u, "to": v, "from_title": _title(A, u), "to_title": _title(A, v), "a": a, "b": b})
    return out


def _outside_range(graphs: dict[str, nx.DiGraph]) -> list[dict[str, Any]]:
    out = []
    A, B = graphs["a"], graphs["b"]
    for u, v in A.edges:
        if not B.has_edge(u, v):
            continue
        for side, other in (("a", "b"), ("b", "a")):
            median = _observed_median(graphs[side].edges[u, v])
            if median is None:
                continue
            d = graphs[other].edges[u, v]
            low, high = d.get("years_min", d.get("years")), d.get("years_max")
            if low is not None and median < low:
                where = "below"
            elif high is not None and median > high:
                where = "above"
            else:
                continue
            out.append({"from": u, "to": v, "from_title": _title(graphs[side], u), "to_title": _title(graphs[side], v),
                        "observed_in": side, "median": median, "range_in": other, "range": [low, high],
                        "where": where})
    return out


def _no_observed_entrants(G: nx.DiGraph) -> list[dict[str, Any]]:
    out = []
    for role, attrs in G.nodes(data=True):
        if "observed" not in attrs:
            continue
        if not any("observed" in d for _, _, d in G.in_edges(role, data=True)):
            out.append({"id": role, "title": _title(G, role), "headcount": attrs["observed"].get("headcount")})
    return out


def observed_route(G: nx.DiGraph, source: str, target: str) -> dict[str, Any]:
    """The most likely observed route from ``source`` to ``target`` (role ids): the path with
    the highest product of ``observed.share`` (Dijkstra on ``-log(share)``). Raises
    :class:`~otgraph.errors.NoRouteError` when no path of observed moves joins them.

    Its ``probability`` is the product of the per-move shares and its ``total_years`` the sum of
    the per-move medians (``probability_kind`` and ``total_years_kind`` say so): neither is a
    figure about the people who took the route. ``from_people`` holds the route's statistics from
    people where the learned file has them (``otgraph learn --routes``; see
    :mod:`otgraph.people_routes`), else None."""
    from .people_routes import route_statistics


    def weight(u: str, v: str, d: dict[str, Any]) -> float | None:
        share = _share(d)
        return None if share is None else -math.log(share)

    try:
        nodes = nx.dijkstra_path(G, source, target, weight=weight)
    except nx.NetworkXNoPath:
        raise NoRouteError(f"no observed route from {_title(G, source)} to {_title(G, target)}") from None
    steps = []
    probability = 1.0
    for u, v in zip(nodes, nodes[1:], strict=False):
        d = G.edges[u, v]
        share = _share(d)
        probability *= share
        steps.append({"from": u, "to": v, "share": share, "years": d.get("years"),
                      "years_range": [d.get("years_min"), d.get("years_max")],
                      "people": d["observed"].get("people")})
    known = [s["years"] for s in steps if isinstance(s["years"], (int, float))]
    out = {"from": {"id": source, "title": _title(G, source)}, "to": {"id": target, "title": _title(G, target)},
           "roles": [{"id": r, "title": _title(G, r)} for r in nodes], "steps": steps,
           "probability": round(probability, 6), "probability_kind": PRODUCT_OF_SHARES,
           "total_years": round(sum(known), 4) if known else None, "total_years_kind": SUM_OF_MEDIANS,
           "total_steps": len(steps)}
    stats = route_statistics(G, nodes)
    out["from_people"] = stats  # None: the learned file has no route statistics for it (learn --routes)
    return out


def _find(G: nx.DiGraph, name: str) -> str | None:
    from .names import find_role

    try:
        return find_role(G, name)
    except UnknownRoleError:
        return None


def _routes(graphs: dict[str, nx.DiGraph], names: dict[str, str], learned: dict[str, bool],
            source: str, target: str) -> dict[str, Any]:
    from .names import find_role
    from .routes import shortest_route

    def resolve(name: str) -> str:
        """The role's id, found by id, title or alias in either dataset (ids are shared)."""
        for G in graphs.values():
            found = _find(G, name)
            if found is not None:
                return found
        return find_role(graphs["a"], name)  # raises, with suggestions

    ids = (resolve(source), resolve(target))
    ends = {side: tuple(i if i in G else None for i in ids) for side, G in graphs.items()}
    out: dict[str, Any] = {"from": source, "to": target, "official": None, "observed": None, "notes": []}
    curated = [side for side in SIDES if not learned[side]]
    observed = [side for side in SIDES if any(_share(d) for *_, d in graphs[side].edges(data=True))]
    def route(kind: str, sides: list[str], none: str, find: Any, failed: Any) -> None:
        """``out[kind]`` from the first of ``sides``, or a note saying why there is none."""
        if not sides:
            out["notes"].append(none)
            return
        side = sides[0]
        s, t = ends[side]
        if s is None or t is None:
            out["notes"].append(f"no {kind} route: {source if s is None else target} is not in {names[side]}")
            return
        try:
            out[kind] = {"dataset": side, **find(graphs[side], s, t)}
        except NoRouteError as exc:
            out["notes"].append(failed(exc, names[side]))

    route("official", curated, "no official route: both datasets are learned",
          lambda G, s, t: shortest_route(G, s, t).to_dict(), lambda exc, name: f"no official route in {name}: {exc}")
    route("observed", observed, "no observed route: neither dataset has observed shares", observed_route,
          lambda exc, name: f"{exc} in {name}")
    return out


from ._callable import make_callable  # noqa: E402 (after the function it calls)

make_callable(__name__, "compare")
