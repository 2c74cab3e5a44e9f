"""Numbered slides: which roles go on which slide, and the moves that leave each one.

A diagram that does not fit on one slide (its smallest text under the floor, or a layout with
text on text) is cut into units: whole tracks (or the whole diagram, for a route or a role's
neighbourhood), and a unit that does not fit alone into level ranges. Among the groupings of
units onto pages in which every page fits, :func:`plan_pages` picks the one with the fewest moves
between pages (ties: fewer pages, then the units' order). Each move between pages is drawn on
both as a stub: an edge to a small box naming the other page (:class:`Stub`), so nothing is
dropped.

>>> import networkx as nx
>>> G = nx.DiGraph([("a", "b"), ("b", "c")])
>>> nx.set_node_attributes(G, {"a": 1, "b": 2, "c": 3}, "level")
>>> plan_pages(G, lambda nodes: len(nodes) <= 2, by_track=False)
[['a', 'b'], ['c']]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from ..labels import evidence_grade, rank_label, track_name, years_range_label
from ..names import role_title

__all__ = ["MAX_GROUPED_UNITS", "Stub", "moves_label", "one_box_per_track", "page_stubs", "plan_pages",
           "short_track_name", "slides_label", "split_by_level", "unit_name", "zero_kind"]

#: Above this many units, pages are merged pair by pair instead of trying every grouping.
MAX_GROUPED_UNITS = 7
Fits = Callable[[list[str]], bool]


@dataclass(frozen=True)
class Stub:
    """A move that leaves a slide, drawn from (or to) its role on this slide to a small dashed
    box naming where it continues. ``outgoing``: the move starts on this slide; ``place``: the
    other slide's part (a track's name, or "continued" for a route); ``slide``: its number."""

    source: str
    target: str
    outgoing: bool
    place: str
    slide: int
    move: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    tooltip: str = ""
    kind: str = ""
    #: Set by :func:`one_box_per_track`: the slides the box stands for (``slide`` is the first).
    slides: tuple[int, ...] = field(default=(), compare=False, hash=False)


def slides_label(stub: Stub) -> str:
    """Where a stub's box says its moves continue: "slide 3", "slides 7-10", "slides 2, 4",
    or "(its diagram)" for a role outside this diagram.

    >>> slides_label(Stub("a", "b", True, "T", 7, slides=(7, 8, 9, 10))), slides_label(Stub("a", "b", True, "T", 0))
    ('slides 7-10', '(its diagram)')
    """
    slides = stub.slides or ((stub.slide,) if stub.slide else ())
    if not slides:
        return "(its diagram)"
    if len(slides) == 1:
        return f"slide {slides[0]}"
    if list(slides) == list(range(slides[0], slides[-1] + 1)):
        return f"slides {slides[0]}-{slides[-1]}"
    return "slides " + ", ".join(map(str, slides))


def one_box_per_track(stubs: Sequence[Stub]) -> list[Stub]:
    """``stubs`` with one box per other track, naming all its slides: for a slide of one role whose
    moves come from (or go to) more slides than it has room for boxes. Every move is kept.

    >>> [slides_label(s) for s in one_box_per_track([Stub("a", "b", True, "T", 3), Stub("a", "c", True, "T", 2)])]
    ['slides 2-3', 'slides 2-3']
    """
    slides: dict[str, set[int]] = {}
    for stub in stubs:
        if stub.slide:
            slides.setdefault(stub.place, set()).add(stub.slide)
    out = []
    for stub in stubs:
        mine = tuple(sorted(slides.get(stub.place, ()))) if stub.slide else ()
        out.append(replace(stub, slide=mine[0], slides=mine) if mine else stub)
    return out


def _level(G: nx.DiGraph, n: str) -> float:
    level = G.nodes[n].get("level")
    return float(level) if isinstance(level, (int, float)) else float("inf")


def _halves(nodes: list[str], fits: Fits) -> list[list[str]]:
    if len(nodes) == 1 or fits(nodes):
        return [nodes]
    mid = len(nodes) // 2
    return _halves(nodes[:mid], fits) + _halves(nodes[mid:], fits)


def split_by_level(G: nx.DiGraph, members: list[str], fits: Fits) -> list[list[str]]:
    """``members`` cut into runs of whole levels, lowest first, each as long as fits (a level
    that does not fit alone is halved until it does)."""
    levels: dict[float, list[str]] = {}
    for n in sorted(members, key=lambda n: _level(G, n)):
        levels.setdefault(_level(G, n), []).append(n)
    pieces: list[list[str]] = []
    current: list[str] = []
    for group in levels.values():
        if current and fits(current + group):
            current = current + group
            continue
        if current:
            pieces.append(current)
        halves = _halves(group, fits)
        pieces += halves[:-1]
        current = halves[-1]
    return [*pieces, current]


def _units(G: nx.DiGraph, fits: Fits, by_track: bool) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for n, attrs in G.nodes(data=True):
        groups.setdefault((attrs.get("track") or "") if by_track else "", []).append(n)
    out: list[list[str]] = []
    for members in groups.values():
        out += [members] if fits(members) else split_by_level(G, members, fits)
    return out


def _partitions(items: list[int]) -> Iterator[list[tuple[int, ...]]]:
    """Every way to cut ``items`` into groups, each group and the list in the items' order."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for tail in _partitions(rest):
        yield [(first,), *tail]
        for i, group in enumerate(tail):
            yield sorted([*tail[:i], (first, *group), *tail[i + 1:]])


def _best_grouping(G: nx.DiGraph, units: list[list[str]], fits: Fits) -> list[list[str]]:
    unit_of = {n: i for i, members in enumerate(units) for n in members}
    between = Counter(frozenset((unit_of[u], unit_of[v])) for u, v in G.edges() if unit_of[u] != unit_of[v])

    def cut(groups: list[tuple[int, ...]]) -> int:
        place = {i: k for k, group in enumerate(groups) for i in group}
        return sum(n for pair, n in between.items() if len({place[i] for i in pair}) > 1)

    known: dict[tuple[int, ...], bool] = {}

    def group_fits(group: tuple[int, ...]) -> bool:
        if len(group) == 1:
            return True
        if group not in known:
            too_big = any(not ok and set(g) <= set(group) for g, ok in known.items())
            known[group] = not too_big and fits([n for i in group for n in units[i]])
        return known[group]

    for groups in sorted(_partitions(list(range(len(units)))), key=lambda p: (cut(p), len(p), p)):
        if all(group_fits(g) for g in groups):
            return [[n for i in g for n in units[i]] for g in groups]
    raise AssertionError("the grouping of one unit per page always fits")  # pragma: no cover


def _merged(G: nx.DiGraph, units: list[list[str]], fits: Fits) -> list[list[str]]:
    """Too many units to try every grouping: merge, again and again, the two pages with the most
    moves between them (ties: fewer roles, then order) whose union fits, until none does; pages
    with no move between them only when they share a track."""
    order = {n: i for i, members in enumerate(units) for n in members}
    pages = [list(members) for members in units]
    refused: list[frozenset[str]] = []
    while True:
        page_of = {n: i for i, nodes in enumerate(pages) for n in nodes}
        between = Counter(tuple(sorted((page_of[u], page_of[v]))) for u, v in G.edges() if page_of[u] != page_of[v])
        tracks = [{G.nodes[n].get("track") for n in nodes} for nodes in pages]
        # Pages with no move between them share a slide only if they show one track.
        pairs = sorted(((i, j) for i in range(len(pages)) for j in range(i + 1, len(pages))
                        if between[i, j] or tracks[i] & tracks[j]),
                       key=lambda p: (-between[p], len(pages[p[0]]) + len(pages[p[1]]), p))
        for i, j in pairs:
            key = frozenset(pages[i] + pages[j])
            if any(r <= key for r in refused):
                continue
            if fits(pages[i] + pages[j]):
                pages[i] = pages[i] + pages[j]
                del pages[j]
                break
            refused.append(key)
        else:
            return sorted(pages, key=lambda nodes: min(order[n] for n in nodes))


def _around_pages(G: nx.DiGraph, fits: Fits, focus: str) -> list[list[str]]:
    """A role's neighbourhood as slides that each show the role: where one comes from first,
    then where one can go, lowest level first, as many on a slide as fit."""
    others = sorted((n for n in G if n != focus), key=lambda n: (not G.has_edge(n, focus), _level(G, n)))
    pages: list[list[str]] = []
    current: list[str] = []
    for n in others:
        if current and not fits([focus, *current, n]):
            pages.append([focus, *current])
            current = []
        current.append(n)
    return [*pages, [focus, *current]]


def plan_pages(G: nx.DiGraph, fits: Fits, *, by_track: bool = True, focus: str | None = None) -> list[list[str]]:
    """The roles of each slide, in order.

    Parameters
    ----------
    G : networkx.DiGraph
        The diagram's roles and moves.
    fits : callable
        Says whether a list of roles fits on one slide (drawn with its stubs).
    by_track : bool, optional
        Keep tracks whole where they fit (the whole graph, a track); else cut only by level
        (a route).
    focus : str, optional
        A role's neighbourhood: the role on every slide, with where one comes from, then
        where one can go.

    Returns
    -------
    list of list of str
        Each slide's roles; one list when the whole diagram fits.
    """
    everything = list(G)
    if fits(everything):
        return [everything]
    if focus is not None:
        return _around_pages(G, fits, focus)
    units = _units(G, fits, by_track)
    if len(units) == 1:
        return units
    if len(units) > MAX_GROUPED_UNITS:
        return _merged(G, units, fits)
    return _best_grouping(G, units, fits)


def unit_name(G: nx.DiGraph, nodes: Sequence[str], by_track: bool) -> str:
    """What a slide shows: its tracks' names, each with its rank range when only part of it is
    on the slide; for a route or neighbourhood, its rank range."""
    out = []
    for track in dict.fromkeys(G.nodes[n].get("track") or "" for n in nodes):
        mine = [n for n in nodes if (G.nodes[n].get("track") or "") == track] if by_track else list(nodes)
        whole = sum(1 for _, a in G.nodes(data=True) if (a.get("track") or "") == track) == len(mine)
        name = track_name(track) if by_track else ""
        if not whole or not by_track:
            ranks = sorted(mine, key=lambda n: _level(G, n))
            low, high = rank_label(G.nodes[ranks[0]]), rank_label(G.nodes[ranks[-1]])
            span = low if low == high else f"{low} to {high}"
            name = f"{name}, {span}" if name and span else name or span
        out.append(name)
        if not by_track:
            break
    return "; ".join(n for n in out if n)


def zero_kind(G: nx.DiGraph, u: str, v: str) -> str:
    """What a move of no time from ``u`` to ``v`` is: "entry" from an education stage into a
    role, "lateral" between roles of one level, else ""."""
    if G.nodes[u].get("kind") == "education" and G.nodes[v].get("kind") != "education":
        return "entry"
    level = G.nodes[u].get("level")
    return "lateral" if level is not None and level == G.nodes[v].get("level") else ""


def moves_label(group: Sequence[Stub]) -> str:
    """Several moves drawn as one edge to a stub: how many, and the range of their years ("~" if
    any is an estimate).

    >>> moves_label([Stub("a", "x", True, "T", 2, {"years": 1}), Stub("b", "x", True, "T", 2, {"years": 3})])
    '2 moves, 1-3 yr'
    """
    moves = [s.move for s in group]
    lows = [d["years_min"] if d.get("years_min") is not None else d.get("years", 0) for d in moves]
    highs = [d["years_max"] if "years_max" in d else d.get("years", 0) for d in moves]
    mark = "" if all(evidence_grade(d) == "sourced" for d in moves) else "~"
    return f"{len(group)} moves, {mark}{years_range_label(min(lows), None if None in highs else max(highs))} yr"


def short_track_name(track: str | None) -> str:
    """A track's name without its parenthesis, for the small boxes of moves that leave a slide.

    >>> short_track_name("nhs")
    'UK NHS'
    """
    return re.sub(r"\s*\([^)]*\)", "", track_name(track)) or "continued"


def page_stubs(G: nx.DiGraph, pages: list[list[str]], k: int, by_track: bool = True,
               focus: str | None = None, outside: nx.DiGraph | None = None) -> list[Stub]:
    """The moves that leave page ``k`` (0-based), each a :class:`Stub` naming the other role's
    track (``by_track``; else "continued") and the slide it is on. ``focus`` is on every page:
    its moves are drawn where their other role is, and stubbed nowhere. ``outside``: the graph
    ``G`` was cut from (one track's diagram): its moves to roles not in ``G`` are stubs too, to
    a box naming the other track (slide 0: not on these slides)."""
    page_of = {n: i for i, nodes in enumerate(pages) for n in nodes if n != focus}
    mine = set(pages[k])
    out = []
    for u, v, d in G.edges(data=True):
        if (u in mine) == (v in mine) or focus in (u, v):
            continue
        other = v if u in mine else u
        place = short_track_name(G.nodes[other].get("track")) if by_track else "continued"
        out.append(Stub(u, v, u in mine, place, page_of[other] + 1, d, f"{role_title(G, u)} -> {role_title(G, v)}",
                        zero_kind(G, u, v)))
    for u, v, d in outside.edges(data=True) if outside is not None else ():
        if (u in mine) != (v in mine) and (v if u in mine else u) not in G:
            other = v if u in mine else u
            out.append(Stub(u, v, u in mine, short_track_name(outside.nodes[other].get("track")), 0, d,
                            f"{role_title(outside, u)} -> {role_title(outside, v)}", zero_kind(outside, u, v)))
    return out
