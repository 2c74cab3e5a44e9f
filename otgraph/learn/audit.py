"""The audit behind secondary suppression: how far a reader can narrow each hidden figure.

A reader of a learned graph knows each shown role's spells ``n`` and head count, its total of
moves out (``leave_share`` x ``n``, or the listed moves' counts over their shares) unless that
is withheld, the listed moves, and the spells in suppressed roles (the report's spells minus the
shown roles'). The moves that are not listed then form a *transport table*: rows are the roles
moves leave (the suppressed roles as one, :data:`HIDDEN`), columns the roles they enter, and

- a shown role's unlisted moves out add up to its total minus its listed moves (exactly), or
  when the total is withheld, to between 0 and its spells minus its listed moves;
- a shown role's unlisted moves in add up to its spells minus its listed moves in minus its
  first spells, which lie between 0 and its head count (each person has one first spell);
- the suppressed roles' moves out and in each lie between 0 and their spells.

The figures a reader can work out about the unlisted moves are exactly the flows this network
allows, and the range of one cell (or of one row's or column's sum) over all of them is found by
pushing flow around cycles through it: the true table is one feasible flow, and the most the
cell can grow (shrink) is the maximum flow from its column to its row (from its row to its
column) in the residual network, without the cell itself. Flows are whole numbers (the network
is totally unimodular), so this is also the integer range. :class:`Table` computes the ranges
with augmenting paths, stopping once a range is ``min_count`` wide.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping

__all__ = ["HIDDEN", "Table"]

#: The suppressed roles, seen as one role.
HIDDEN = -1

_INF = 1 << 62


class Table:
    """The unlisted moves of a learned graph as a reader sees them (see the module docstring).

    Parameters
    ----------
    roles : mapping of int to (int, int, int)
        Every role: ``(headcount, spells, moves out)``.
    cells : mapping of (int, int) to int
        Every move (listed or not) with its count.
    listed, shown, withheld : set
        The listed moves, the shown roles, the shown roles whose total of moves out is withheld.
    spells_known : bool
        Whether the report gives the spells (so those of the suppressed roles are known).

    Examples
    --------
    Two shown roles; 0 -> 1 listed (20 moves), 0 -> 2 (3 moves) hidden with role 2. Role 0's 23
    moves out are known, so the hidden cell is exactly 3, unless 0 -> 1 is hidden too and role 1
    (30 spells of 20 people: 10 to 30 moves in) could have taken those 3 moves:

    >>> t = Table({0: (40, 40, 23), 1: (20, 20, 0), 2: (3, 3, 0)}, {(0, 1): 20, (0, 2): 3},
    ...           {(0, 1)}, {0, 1}, set())
    >>> t.width(("cell", 0, HIDDEN), 10)
    0
    >>> t = Table({0: (40, 40, 23), 1: (20, 30, 0), 2: (3, 3, 0)}, {(0, 1): 20, (0, 2): 3},
    ...           set(), {0, 1}, set())
    >>> t.width(("cell", 0, HIDDEN), 10)
    3
    """

    def __init__(self, roles: Mapping[int, tuple[int, int, int]], cells: Mapping[tuple[int, int], int],
                 listed: set[tuple[int, int]], shown: set[int], withheld: set[int], spells_known: bool = True):
        hidden = [r for r in roles if r not in shown]
        self.nodes = sorted(shown) + ([HIDDEN] if hidden else [])
        spells_hidden = sum(roles[r][1] for r in hidden) if spells_known else _INF
        x: dict[tuple[int, int], int] = {}
        out_listed = dict.fromkeys(self.nodes, 0)
        in_listed = dict.fromkeys(self.nodes, 0)
        for (a, b), count in cells.items():
            if (a, b) in listed:
                out_listed[a] += count
                in_listed[b] += count
                continue
            key = (a if a in shown else HIDDEN, b if b in shown else HIDDEN)
            x[key] = x.get(key, 0) + count
        self.x = x
        self.row = dict.fromkeys(self.nodes, 0)
        self.col = dict.fromkeys(self.nodes, 0)
        for (a, b), count in x.items():
            self.row[a] += count
            self.col[b] += count
        # bounds of each row's and column's sum of unlisted moves, as a reader knows them
        self.row_bounds: dict[int, tuple[int, int]] = {}
        self.col_bounds: dict[int, tuple[int, int]] = {}
        for r in self.nodes:
            if r == HIDDEN:
                self.row_bounds[r] = self.col_bounds[r] = (0, spells_hidden)
                continue
            people, spells, _ = roles[r]
            self.row_bounds[r] = ((0, spells - out_listed[r]) if r in withheld else (self.row[r], self.row[r]))
            room = spells - in_listed[r]
            self.col_bounds[r] = (max(0, room - people), room)
        self.blocked = set(listed) | {(r, r) for r in shown}
        self.into: dict[int, set[int]] = {b: set() for b in self.nodes}
        for (a, b), count in x.items():
            if count:
                self.into[b].add(a)
        self.loose_rows = [r for r in self.nodes if self.row_bounds[r][0] < self.row_bounds[r][1]]
        # slack of each row's and column's sum, up and down, for the quick lower bound of width()
        self.up = {("c", b): self.col_bounds[b][1] - self.col[b] for b in self.nodes}
        self.down = {("c", b): self.col[b] - self.col_bounds[b][0] for b in self.nodes}
        self.up.update({("r", r): self.row_bounds[r][1] - self.row[r] for r in self.nodes})
        self.down.update({("r", r): self.row[r] - self.row_bounds[r][0] for r in self.nodes})
        total_up = sum(self.up["c", b] for b in self.nodes)
        # per row, the upward slack of the columns its unlisted cells may enter
        self.room_from = dict.fromkeys(self.nodes, total_up)
        for a, b in self.blocked:
            if a in self.room_from:
                self.room_from[a] -= self.up["c", b]
        self.out_cells: dict[int, list[int]] = {a: [] for a in self.nodes}
        for (a, b), count in x.items():
            if count:
                self.out_cells[a].append(b)

    # --- the quantities to protect --------------------------------------------------------

    def quantities(self, min_count: int) -> Iterator[tuple]:
        """Each unlisted cell, row sum and column sum whose true value is 1 to ``min_count - 1``."""
        for (a, b), count in sorted(self.x.items()):
            if 0 < count < min_count:
                yield ("cell", a, b)
        for r in self.nodes:
            if 0 < self.row[r] < min_count:
                yield ("row", r)
            if 0 < self.col[r] < min_count:
                yield ("col", r)

    def width(self, arc: tuple, need: int) -> int:
        """How wide a reader's range of ``arc``'s value is, counted up to ``need``: a quick lower
        bound from cycles of three or four arcs through the totals, else augmenting paths."""
        if self._quick(arc) >= need:
            return need
        lo, hi, value = self._bounds(arc)
        tail, head = self._ends(arc)
        grow = self._push(head, tail, min(need, hi - value), arc)
        shrink = self._push(tail, head, min(need - grow, value - lo), arc) if grow < need else 0
        return grow + shrink

    def _quick(self, arc: tuple) -> int:
        """A lower bound of the width: flows along short cycles (through the sink and source,
        which join every column and every loose row), each a feasible change of the table."""
        up, down, x = self.up, self.down, self.x
        if arc[0] == "cell":
            a, b = arc[1], arc[2]
            value = x.get((a, b), 0)
            # grow: a -> c shrinks for another column c of row a, and either b's column goes up
            # and c's down (through the totals), or a row d trades: d -> b shrinks, d -> c grows
            rest = {c: x[a, c] for c in self.out_cells[a] if c != b}
            budget = up["c", b]
            grow = min(budget, up["r", a])
            budget -= grow
            for c in rest:
                step = min(budget, rest[c], down["c", c])
                rest[c] -= step
                budget -= step
                grow += step
            for d in self.into[b]:
                have = x[d, b] if d != a else 0
                for c in rest:
                    if have and rest[c] and (d, c) not in self.blocked:
                        step = min(have, rest[c])
                        rest[c] -= step
                        have -= step
                        grow += step
            # shrink: row a's moves go to any other column with room, b's column gives them up
            spare = self.room_from[a] - (up["c", b] if (a, b) not in self.blocked else 0) + down["r", a]
            shrink = min(value, down["c", b], spare)
            return grow + shrink
        if arc[0] == "row":
            r = arc[1]
            grow = min(up["r", r], self.room_from[r])
            shrink = min(down["r", r], sum(min(x[r, c], down["c", c]) for c in self.out_cells[r]))
            return grow + shrink
        b = arc[1]
        grow = min(up["c", b], sum(up["r", r] for r in self.loose_rows if (r, b) not in self.blocked))
        left: dict[int, int] = {}
        for (d, c), count in x.items():  # a row d moves some of its d -> c into b, c's column down
            if grow >= up["c", b]:
                break
            if c != b and count and (d, b) not in self.blocked:
                step = min(left.setdefault(c, down["c", c]), count, up["c", b] - grow)
                left[c] -= step
                grow += step
        # shrink: one row d's moves into b go to other columns with room, or d's total goes down
        # (one row only: rows share the columns' room)
        shrink = min(down["c", b], max((min(x[d, b], self.room_from[d] - up["c", b] + down["r", d])
                                        for d in self.into[b]), default=0))
        return grow + shrink

    # --- the network ------------------------------------------------------------------------

    def _bounds(self, arc: tuple) -> tuple[int, int, int]:
        if arc[0] == "cell":
            return 0, _INF, self.x.get((arc[1], arc[2]), 0)
        if arc[0] == "row":
            return (*self.row_bounds[arc[1]], self.row[arc[1]])
        return (*self.col_bounds[arc[1]], self.col[arc[1]])

    @staticmethod
    def _ends(arc: tuple) -> tuple[tuple, tuple]:
        if arc[0] == "cell":
            return ("r", arc[1]), ("c", arc[2])
        if arc[0] == "row":
            return ("S",), ("r", arc[1])
        return ("c", arc[1]), ("T",)

    def _flow(self, arc: tuple) -> int:
        if arc[0] == "ts":
            return sum(self.row.values()) + self.delta.get(arc, 0)
        return self._bounds(arc)[2] + self.delta.get(arc, 0)

    def _residual(self, node: tuple, skip: tuple, unseen: set[int]) -> Iterator[tuple]:
        """``(next node, capacity, arc, +1 forward / -1 backward)`` from ``node``."""
        arcs = {"S": self._from_source, "r": self._from_row, "c": self._from_column}.get(node[0], self._from_sink)
        return (found for found in arcs(node, unseen) if found[2] != skip)

    def _from_source(self, node: tuple, unseen: set[int]) -> Iterator[tuple]:
        for r in self.loose_rows:
            yield ("r", r), self.row_bounds[r][1] - self._flow(("row", r)), ("row", r), 1
        yield ("T",), self._flow(("ts",)), ("ts",), -1

    def _from_row(self, node: tuple, unseen: set[int]) -> Iterator[tuple]:
        a = node[1]
        yield ("S",), self._flow(("row", a)) - self.row_bounds[a][0], ("row", a), -1
        for b in list(unseen):  # unlisted cells take any number of moves
            if (a, b) not in self.blocked:
                yield ("c", b), _INF, ("cell", a, b), 1

    def _from_column(self, node: tuple, unseen: set[int]) -> Iterator[tuple]:
        b = node[1]
        for a in sorted(self.into[b]):
            yield ("r", a), self._flow(("cell", a, b)), ("cell", a, b), -1
        yield ("T",), self.col_bounds[b][1] - self._flow(("col", b)), ("col", b), 1

    def _from_sink(self, node: tuple, unseen: set[int]) -> Iterator[tuple]:
        yield ("S",), _INF, ("ts",), 1
        for b in self.nodes:
            yield ("c", b), self._flow(("col", b)) - self.col_bounds[b][0], ("col", b), -1

    def _push(self, source: tuple, target: tuple, need: int, skip: tuple) -> int:
        """The most flow (up to ``need``) from ``source`` to ``target`` in the residual network of
        the true table, without the arc ``skip``."""
        self.delta: dict[tuple, int] = {}
        self.into_extra: list[tuple[int, int]] = []
        total = 0
        while total < need:
            path = self._path(source, target, skip)
            if path is None:
                break
            step = min([need - total] + [cap for _, cap, _ in path])
            for arc, _, sign in path:
                self.delta[arc] = self.delta.get(arc, 0) + sign * step
                if arc[0] == "cell" and sign > 0 and arc[1] not in self.into[arc[2]]:
                    self.into[arc[2]].add(arc[1])
                    self.into_extra.append((arc[1], arc[2]))
            total += step
        for a, b in self.into_extra:
            self.into[b].discard(a)
        return total

    def _path(self, source: tuple, target: tuple, skip: tuple) -> list[tuple] | None:
        parent: dict[tuple, tuple] = {source: ()}
        unseen = {b for b in self.nodes if ("c", b) != source}
        queue = deque([source])
        while queue:
            node = queue.popleft()
            for nxt, cap, arc, sign in self._residual(node, skip, unseen):
                if cap <= 0 or nxt in parent:
                    continue
                parent[nxt] = (node, cap, arc, sign)
                if nxt[0] == "c":
                    unseen.discard(nxt[1])
                if nxt == target:
                    path = []
                    while nxt != source:
                        node, cap, arc, sign = parent[nxt]
                        path.append((arc, cap, sign))
                        nxt = node
                    return path
                queue.append(nxt)
        return None
