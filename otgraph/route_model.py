"""A route as one small value: the roles in order, one :class:`Step` per move, and totals, with
the ``to_dict`` that is the ``--json`` shape. Shared by path, routes, the exporters and the map.

>>> from otgraph import load_roles, shortest_route
>>> route = shortest_route(load_roles().graph, "us-entry-ot", "us-mid-ot")
>>> route.total_years_range
(2, 4)
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any, NamedTuple

import networkx as nx

from .gates import Held, gates_of, step_state
from .holding import Holding
from .labels import evidence_grade, number, years_range_label
from .names import role_title

__all__ = ["Route", "Step", "plain_number"]


def plain_number(x: float) -> float | int:
    """Whole numbers as ints, so JSON says 8, not 8.0.

    >>> plain_number(8.0), plain_number(2.5)
    (8, 2.5)
    """
    return int(x) if float(x).is_integer() else round(x, 6)


class Step(NamedTuple):
    """One move of a route: its years (typical, min, max; max None when open), what kind of range
    that is, the evidence grade of the figure, and the qualifications the move awards.
    ``needed_for`` pairs an awarded qualification with the later role on the route that requires it.

    For the person asking: ``awards`` are the qualifications gained (what they held at the start
    is in ``already_held``, never gained again); a move whose years are a ``programme``'s length takes
    the data's ``years_if_held`` figure when that qualification is held; ``credit`` is the part
    of the step's typical years met by experience already served (``progression`` moves only).
    ``condition`` is the move's condition (text, source, served_years), if it rests on one."""

    source: str
    target: str
    years: float
    awards: tuple[str, ...] = ()
    grade: str = "sourced"
    years_min: float | None = None
    years_max: float | None = None
    years_kind: str = "source-range"
    needed_for: tuple[tuple[str, str], ...] = ()
    already_held: tuple[str, ...] = ()
    credit: float = 0
    programme: str | None = None
    progression: bool = False
    condition: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return f"Step({self.source!r} -> {self.target!r}, {number(self.years)} yr [{self.range_label}], {self.grade})"

    @property
    def qualifications(self) -> tuple[str, ...]:
        """The qualifications the move awards (the version-1 name)."""
        return self.awards

    @property
    def years_basis(self) -> str:
        """'source' for a sourced figure, 'estimate' for any other (the version-1 field)."""
        return "source" if self.grade == "sourced" else "estimate"

    @property
    def net_years(self) -> float:
        """The typical years still to spend: ``years`` less the experience credited."""
        return self.years - self.credit

    @property
    def net_range(self) -> tuple[float, float | None]:
        """(minimum, maximum) years still to spend, the credit taken off both bounds."""
        low = self.years if self.years_min is None else self.years_min
        return max(0.0, low - self.credit), (None if self.years_max is None else
                                             max(self.years_max - self.credit, self.net_years))

    @property
    def range_label(self) -> str:
        return years_range_label(*self.net_range)

    def to_dict(self) -> dict[str, Any]:
        low, high = self.net_range
        return {
            "from": self.source,
            "to": self.target,
            "years": plain_number(self.net_years),
            "years_range": [plain_number(low), None if high is None else plain_number(high)],
            "credited_years": plain_number(self.credit),
            "already_held": list(self.already_held),
            "years_kind": self.years_kind,
            "grade": self.grade,
            "years_basis": self.years_basis,
            "awards": list(self.awards),
            "qualifications": list(self.awards),
            "needed_for": [{"qualification": q, "role": r} for q, r in self.needed_for],
            "condition": self.condition,
        }


class Route(NamedTuple):
    """A route through the graph: roles in order, the steps between them, and totals.

    Totals of ranges add bound by bound (the minimum is the sum of the steps' minimums; one open
    maximum makes the total's maximum open): a range of totals, not a percentile.
    (Step and Route are NamedTuples, which import quicker than dataclasses: the cold command
    line's budget is in docs/performance.md.)
    """

    roles: tuple[str, ...]
    steps: tuple[Step, ...]
    by: str
    titles: tuple[str, ...]
    qualification_titles: dict[str, str]
    assumes: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    served: float = 0.0

    @classmethod
    def from_nodes(cls, G: nx.DiGraph, nodes: list[str], by: str = "years", held: Held | None = None,
                   holding: Holding | None = None, served: float = 0.0) -> Route:
        """The route through ``nodes`` in ``G``; ``held`` (what the start holds, as requirement
        groups met) lets each step say which later role needs what it awards. With ``holding``
        (:mod:`otgraph.holding`, its mask standing for ``held``) steps gain nothing already held
        and programmes held take their holder's years; ``served`` years of experience are
        credited against the progression moves in route order until used up."""
        steps = []
        gates = gates_of(G)
        if holding is not None:
            held = holding.mask
        # What the person holds at the start (the search's weights count against the same set).
        quals = holding.quals if holding is not None else frozenset()
        left = served
        for i, (u, v) in enumerate(pairwise(nodes)):
            d = G.edges[u, v]
            step = _step(G, u, v, d, quals)
            if left > 0 and step.progression and step.programme not in quals:
                step = step._replace(credit=min(left, step.years))
                left -= step.credit
            needed: list[tuple[str, str]] = []
            if gates.active and held is not None:
                before = held
                held = step_state(gates, held, u, v)
                for q in sorted(set(step.awards) & gates.relevant):
                    # The first job on the rest of the route that needs it (education stages that
                    # merely record a qualification are passed over).
                    for later in nodes[i + 1:]:
                        groups = gates.role_groups.get(later, ())
                        if G.nodes[later].get("kind") != "education" and \
                                any(q in g and not gates.met(before, g) for g in groups):
                            needed.append((q, later))
                            break
            steps.append(step._replace(needed_for=tuple(needed)))
        table = G.graph.get("qualifications", {})
        route_quals = {q for s in steps for q in (*s.awards, *s.already_held)}
        route_quals.update(holding.quals if holding is not None else ())
        return cls(tuple(nodes), tuple(steps), by, tuple(role_title(G, n) for n in nodes),
                   {q: table.get(q, {}).get("title", q) for q in route_quals},
                   holding.assumes if holding is not None else (),
                   tuple(sorted(holding.quals)) if holding is not None else (), served)

    def __repr__(self) -> str:
        low, high = self.total_years_range
        return (f"Route({' -> '.join(self.roles)}: {number(self.total_years)} years "
                f"[{years_range_label(low, high)}], {self.total_steps} steps, by {self.by})")

    def _repr_html_(self) -> str:
        import html

        rows = "".join(f"<tr><td>{html.escape(t)}</td><td>{'' if i == 0 else self.steps[i - 1].range_label}</td></tr>"
                       for i, t in enumerate(self.titles))
        low, high = self.total_years_range
        return (f"<table><caption>{html.escape(self.titles[0])} &rarr; {html.escape(self.titles[-1])}: "
                f"{number(self.total_years)} years ({years_range_label(low, high)})</caption>{rows}</table>")

    @property
    def source(self) -> str:
        return self.roles[0]

    @property
    def target(self) -> str:
        return self.roles[-1]

    @property
    def total_years(self) -> float:
        """Sum of the steps' typical years (less any experience credited)."""
        return sum(s.net_years for s in self.steps)

    @property
    def total_years_range(self) -> tuple[float, float | None]:
        """(minimum, maximum) of the total, bound by bound; maximum None when any step is open."""
        ranges = [s.net_range for s in self.steps]
        low = sum(r[0] for r in ranges)
        highs = [r[1] for r in ranges]
        return plain_number(low), (None if any(h is None for h in highs) else plain_number(sum(highs)))

    @property
    def total_credited(self) -> float:
        """Years of experience already served that the route's progression moves credit."""
        return sum(s.credit for s in self.steps)

    @property
    def total_steps(self) -> int:
        return len(self.steps)

    @property
    def qualifications(self) -> list[str]:
        """Qualification ids the route awards, in route order, each once."""
        return list(dict.fromkeys(q for s in self.steps for q in s.awards))

    @property
    def total_qualifications(self) -> int:
        """Qualifications gained over the steps (none already held): the total that
        ``by='qualifications'`` minimises."""
        return sum(len(s.awards) for s in self.steps)

    @property
    def conditions(self) -> list[tuple[Step, dict[str, Any]]]:
        """The steps that rest on a condition, each with it, in route order."""
        return [(s, s.condition) for s in self.steps if s.condition]

    def condition_met(self, step: Step) -> bool:
        """Do the years served in the start role (``served``) meet ``step``'s condition (one with
        ``served_years``)?"""
        years = (step.condition or {}).get("served_years")
        return years is not None and self.served >= years

    def crossing(self, G: nx.DiGraph) -> tuple[int, float] | None:
        """Where the route first enters a role of another country than its start's: (index of
        that step, the route's years before it), or None. The years before are the route's own,
        noted and never credited on the other side (only ``served`` credits experience)."""
        home = G.nodes[self.source].get("country")
        for i, step in enumerate(self.steps):
            there = G.nodes[step.target].get("country")
            if home and there and there != home:
                return i, sum(s.net_years for s in self.steps[:i])
        return None

    @property
    def estimated_steps(self) -> int:
        """How many steps have years that no source states (derived, observed or estimated)."""
        return sum(1 for s in self.steps if s.grade != "sourced")

    def cost(self, by: str | None = None) -> float:
        """The route's total under a weight (default: the one it was found by)."""
        return {"years": self.total_years, "qualifications": self.total_qualifications, "steps": self.total_steps}[
            by or self.by
        ]

    def skill_gap(self, G: nx.DiGraph):
        """The skills and responsibilities each step adds over everything held so far (the start
        role's items count as held): a :class:`otgraph.skills.SkillGap`."""
        from .skills import route_skill_gap

        return route_skill_gap(G, self)

    def pay(self, G: nx.DiGraph):
        """Each role's pay figures and the change from start to end, in each role's own
        currency (never converted): a :class:`otgraph.skills.RoutePay`."""
        from .skills import route_pay

        return route_pay(G, self)

    def to_dict(self, gap=None, pay=None) -> dict[str, Any]:
        """The route as plain data (the shape ``otgraph path --json`` prints). With ``gap`` (a
        :meth:`skill_gap`), each step gains ``skills_gained`` and the route ``skills_total``;
        with ``pay`` (a :meth:`pay`), each role gains ``pay`` and the route ``pay_change``
        (null when there is no like-for-like figure, e.g. across currencies), ``pay_currencies``
        and ``pay_note``."""
        out = self._plain()
        if gap is not None:
            for step, gained in zip(out["steps"], gap.steps, strict=True):
                step["skills_gained"] = list(gained)
            out["skills_total"] = gap.total
        if pay is not None:
            for role in out["roles"]:
                role["pay"] = pay.figures.get(role["id"], [])
            out["pay_change"] = pay.change.to_dict() if pay.change else None
            out["pay_currencies"] = list(pay.currencies)
            out["pay_note"] = pay.note or None
        return out

    def _plain(self) -> dict[str, Any]:
        low, high = self.total_years_range
        return {
            "from": {"id": self.source, "title": self.titles[0]},
            "to": {"id": self.target, "title": self.titles[-1]},
            "by": self.by,
            "roles": [{"id": r, "title": t} for r, t in zip(self.roles, self.titles, strict=True)],
            "steps": [s.to_dict() for s in self.steps],
            "total_years": plain_number(self.total_years),
            "total_years_range": [low, high],
            "total_steps": self.total_steps,
            "total_qualifications": self.total_qualifications,
            "estimated_steps": self.estimated_steps,
            "grades": {g: sum(1 for s in self.steps if s.grade == g)
                       for g in ("sourced", "derived", "observed", "estimate")},
            "qualifications": [{"id": q, "title": self.qualification_titles[q]} for q in self.qualifications],
            "assumes": list(self.assumes),
            "held": [{"id": q, "title": self.qualification_titles.get(q, q)} for q in self.held],
            "served": plain_number(self.served),
            "credited_years": plain_number(self.total_credited),
        }


def _step(G: nx.DiGraph, u: str, v: str, d: dict[str, Any], held: frozenset[str]) -> Step:
    """The move u -> v for someone holding ``held``: nothing held is gained again, and a
    programme held takes the holder's years (``years_if_held``, with its own evidence)."""
    awards = tuple(d.get("awards") or ())
    programme = d.get("programme")
    gained = tuple(q for q in awards if q not in held)
    already = tuple(q for q in awards if q in held)
    if programme is not None and programme in held:
        years = d["years_if_held"]
        evidence = d.get("years_if_held_evidence")
        grade = evidence.get("grade", "estimate") if isinstance(evidence, dict) else "estimate"
        return Step(u, v, years, gained, grade, years, years, "source-range" if grade == "sourced" else "estimate",
                    (), already, 0, programme, bool(d.get("progression")), d.get("condition"))
    return Step(u, v, d["years"], gained, evidence_grade(d), d.get("years_min", d["years"]),
                d.get("years_max", d["years"]), d.get("years_kind", "source-range"), (), already, 0, programme,
                bool(d.get("progression")), d.get("condition"))
