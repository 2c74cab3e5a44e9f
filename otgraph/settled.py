"""The states a label-setting search has settled at one role, and the dominance test over them
(:func:`otgraph.gates._search`).

>>> s = Settled(); s.add(0b101)
>>> s.beats(0b100), s.beats(0b010)
(True, False)
"""

from __future__ import annotations

__all__ = ["Settled"]

#: What a state holds: a bit mask of requirement groups (as :data:`otgraph.gates.Held`).
Held = int


#: Up to this many groups a settled state's sub-masks are listed one by one (at most 4,096), so
#: that "does a settled state hold a superset?" is one set lookup; beyond it, a scan.
_SUBMASK_BITS = 12


class Settled:
    """The states settled at one role, for the dominance test. States come off the heap in
    order of cost plus a consistent bound, so at one role in order of cost: a settled state
    costs no more than any later one, and a later state is beaten exactly when a settled one
    holds a superset of its groups."""

    __slots__ = ("big", "covered")

    def __init__(self) -> None:
        self.covered: set[Held] = set()  # every sub-mask of a settled mask of few groups
        self.big: list[Held] = []  # settled masks of many groups

    def beats(self, held: Held) -> bool:
        return held in self.covered or any(h | held == h for h in self.big)

    def add(self, held: Held) -> None:
        if held.bit_count() > _SUBMASK_BITS:
            self.big.append(held)
            return
        # ``covered`` holds every sub-mask of what it holds: a mask found there needs no descent.
        covered, stack = self.covered, [held]
        while stack:
            mask = stack.pop()
            if mask in covered:
                continue
            covered.add(mask)
            rest = mask
            while rest:
                bit = rest & -rest
                stack.append(mask ^ bit)
                rest ^= bit
