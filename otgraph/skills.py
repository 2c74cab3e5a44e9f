"""What roles ask and pay: skills, duties and pay figures, per role and along a route.

A role lists ``responsibilities``, ``skills`` and ``preferred`` as items of the dataset's skills
table (``G.graph["skills"]``: id -> label and kind: hard, soft, responsibility or training), each
with its evidence. :func:`route_skill_gap` says, for every step of a route, which skills and
responsibilities the new role adds over everything held so far (the start role's items count as
held). :func:`route_pay` lists each role's pay figures along a route and the change from start
to end, in each role's own currency and year: figures in different currencies are never added
or subtracted (no conversion between GBP and USD).

>>> from otgraph import load_roles, shortest_route
>>> G = load_roles().graph
>>> gap = route_skill_gap(G, shortest_route(G, "us-lead-ot", "us-rehab-services-manager"))
>>> "budget-management" in gap.total_ids and "staff-scheduling" not in gap.total_ids
True
"""

from __future__ import annotations

from typing import Any, NamedTuple

import networkx as nx

__all__ = ["GAP_FIELDS", "PayChange", "RoutePay", "SkillGap", "pay_text", "percentiles_text", "role_items", "route_pay",
           "route_skill_gap", "skill_table"]

#: The role fields a route's gap counts: what a holder does and knows (preferred experience and
#: training are wished for, not asked).
GAP_FIELDS = ("responsibilities", "skills")

#: The kind an item gets when the skills table does not name it, by the field that lists it.
_FIELD_KIND = {"responsibilities": "responsibility", "skills": "skill", "preferred": "training"}


def skill_table(G: nx.DiGraph) -> dict[str, dict[str, Any]]:
    """The dataset's skills table, id -> {label, kind}; empty when the data has none."""
    return G.graph.get("skills") or {}


def role_items(G: nx.DiGraph, role_id: str, fields: tuple[str, ...] = GAP_FIELDS) -> list[dict[str, Any]]:
    """A role's items of ``fields`` in file order, each ``{id, label, kind, field, evidence}``
    (``more_evidence`` too when the data has it); an item listed twice is given once.

    >>> from otgraph import load_roles
    >>> items = role_items(load_roles().graph, "us-rehab-services-manager")
    >>> [i["kind"] for i in items if i["id"] == "budget-management"]
    ['responsibility']
    """
    table = skill_table(G)
    attrs = G.nodes[role_id]
    out: dict[str, dict[str, Any]] = {}
    for field in fields:
        for entry in attrs.get(field) or ():
            item = entry["item"] if isinstance(entry, dict) else entry
            if item in out:
                continue
            known = table.get(item, {})
            out[item] = {"id": item, "label": known.get("label", item), "kind": known.get("kind", _FIELD_KIND[field]),
                         "field": field, "evidence": entry.get("evidence") if isinstance(entry, dict) else None}
            if isinstance(entry, dict) and entry.get("more_evidence"):
                out[item]["more_evidence"] = entry["more_evidence"]
    return list(out.values())


class SkillGap(NamedTuple):
    """The skills and responsibilities a route adds: ``held`` (the start role's items),
    ``steps`` (one list per step: the items the step's new role adds over everything held so
    far) and ``total`` (every item gained, in route order)."""

    held: tuple[dict[str, Any], ...]
    steps: tuple[tuple[dict[str, Any], ...], ...]

    @property
    def total(self) -> list[dict[str, Any]]:
        return [item for step in self.steps for item in step]

    @property
    def total_ids(self) -> list[str]:
        return [item["id"] for item in self.total]

    def to_dict(self) -> dict[str, Any]:
        """``{"held": [...], "steps": [[...], ...], "total": [...]}``, items as :func:`role_items` gives them."""
        return {"held": list(self.held), "steps": [list(s) for s in self.steps], "total": self.total}


def route_skill_gap(G: nx.DiGraph, route, fields: tuple[str, ...] = GAP_FIELDS) -> SkillGap:
    """For each step of ``route`` (an :class:`otgraph.route_model.Route`), the items of ``fields``
    its new role lists that no role before it on the route lists (the start role's items count
    as held). Each item says at which role it was gained (``role``).
    """
    held_items = role_items(G, route.roles[0], fields)
    held = {i["id"] for i in held_items}
    steps = []
    for role in route.roles[1:]:
        new = tuple({**i, "role": role} for i in role_items(G, role, fields) if i["id"] not in held)
        held.update(i["id"] for i in new)
        steps.append(new)
    return SkillGap(tuple(held_items), tuple(steps))


# --- pay ---------------------------------------------------------------------------------


def pay_text(figure: dict[str, Any]) -> str:
    """One pay figure as the source gives it: 'GBP 31,049-37,796 a year (England, 2025/26)'.

    >>> pay_text({"currency": "USD", "average": 92577, "period": "year", "region": "US"})
    'average USD 92,577 a year (US)'
    """
    cur = figure.get("currency", "")
    parts = []
    if figure.get("min") is not None or figure.get("max") is not None:
        low, high = figure.get("min"), figure.get("max")
        parts.append(f"{cur} {_money(low)}" if low == high else f"{cur} {_money(low)}-{_money(high)}")
    if figure.get("average") is not None:
        parts.append(f"average {cur} {_money(figure['average'])}")
    if figure.get("percentiles"):
        parts.append(percentiles_text(cur, figure["percentiles"]))
    text = ", ".join(parts) + (f" a {figure['period']}" if figure.get("period") else "")
    where = ", ".join(str(x) for x in (figure.get("region"), figure.get("year")) if x)
    return text + (f" ({where})" if where else "") + (f", {figure['note']}" if figure.get("note") else "")


_PERCENTILE_NAMES = {"p10": "10th", "p25": "25th", "p50": "median", "p75": "75th", "p90": "90th"}


def percentiles_text(currency: str, percentiles: dict[str, Any]) -> str:
    """Wage percentiles in order, as one phrase.

    Parameters
    ----------
    currency : str
        The currency code printed before the first figure.
    percentiles : dict
        Percentile key (``p10``, ``p25``, ``p50``, ``p75``, ``p90``) to amount.

    Returns
    -------
    str
        The percentiles lowest first, e.g. ``'median USD 96,370'`` or
        ``'USD 10th 56,800, 25th 69,710, median 84,950, 75th 101,590, 90th 121,490'``.

    Examples
    --------
    >>> percentiles_text("USD", {"p50": 96370})
    'median USD 96,370'
    >>> percentiles_text("USD", {"p90": 3, "p10": 1})
    'USD 10th 1, 90th 3'
    """
    known = [(name, percentiles[key]) for key, name in _PERCENTILE_NAMES.items() if key in percentiles]
    if len(known) == 1:
        return f"{known[0][0]} {currency} {_money(known[0][1])}"
    return f"{currency} " + ", ".join(f"{name} {_money(value)}" for name, value in known)


def _money(x: Any) -> str:
    return "?" if x is None else f"{x:,}"


def _signed(x: float) -> str:
    return f"{x:+,}" if x else "0"


class PayChange(NamedTuple):
    """The change in pay from ``source`` to ``target`` (role ids), one currency and period:
    ``min``/``max`` when both give a range, ``average`` when both give an average."""

    source: str
    target: str
    currency: str
    period: str | None
    source_year: Any
    target_year: Any
    min: float | None = None
    max: float | None = None
    average: float | None = None

    @property
    def text(self) -> str:
        """'GBP +24,641 to +37,100 a year (range to range)' or 'USD +5,000 a year (average)'."""
        period = f" a {self.period}" if self.period else ""
        if self.average is not None:
            return f"{self.currency} {_signed(self.average)}{period} (average to average)"
        if self.min == self.max:
            return f"{self.currency} {_signed(self.min)}{period} (range to range)"
        return f"{self.currency} {_signed(self.min)} to {_signed(self.max)}{period} (bottom to bottom, top to top)"

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "currency": self.currency, "period": self.period,
                "from_year": self.source_year, "to_year": self.target_year,
                "min": self.min, "max": self.max, "average": self.average}


class RoutePay(NamedTuple):
    """Pay along a route: ``figures`` (role id -> its pay figures, as the data gives them),
    ``currencies`` (those on the route, in order), ``change`` (a :class:`PayChange` from the
    first role with a pay figure to the last role, or None) and ``note`` (why there is no
    change figure, or what to bear in mind about it)."""

    roles: tuple[str, ...]
    figures: dict[str, list[dict[str, Any]]]
    currencies: tuple[str, ...]
    change: PayChange | None
    note: str

    @property
    def crosses_currencies(self) -> bool:
        return len(self.currencies) > 1


def route_pay(G: nx.DiGraph, route) -> RoutePay:
    """Each role's pay figures along ``route`` and the change from start to end.

    The change compares the first role on the route that has a pay figure with the last role,
    like with like: a range with a range (bottom with bottom, top with top) or an average with
    an average, in one currency and period. A route whose figures are in more than one
    currency gets no change figure: GBP and USD are never added or subtracted.
    """
    figures = {r: list(G.nodes[r].get("pay") or ()) for r in route.roles}
    currencies = tuple(dict.fromkeys(f.get("currency") for r in route.roles for f in figures[r] if f.get("currency")))
    paid = [r for r in route.roles if figures[r]]
    change, note = None, ""
    target = route.roles[-1]
    if len(currencies) > 1:
        note = (f"this route crosses currencies ({', '.join(currencies)}); each figure is in its role's own "
                "currency and year, and figures in different currencies are never added or subtracted")
    elif not figures[target]:
        note = "the data has no pay figure for the last role"
    elif len(paid) < 2:
        note = "only one role on this route has a pay figure"
    else:
        change, note = _change(paid[0], figures[paid[0]], target, figures[target])
    return RoutePay(tuple(route.roles), figures, currencies, change, note)


def _change(a: str, pay_a: list[dict[str, Any]], b: str, pay_b: list[dict[str, Any]]) -> tuple[PayChange | None, str]:
    def has_range(f):
        return f.get("min") is not None and f.get("max") is not None

    other_region = []
    for test, kind in ((has_range, "range"), (lambda f: f.get("average") is not None, "average")):
        for fa in filter(test, pay_a):
            for fb in filter(test, pay_b):
                if fa.get("currency") != fb.get("currency") or fa.get("period") != fb.get("period"):
                    continue
                if fa.get("region") != fb.get("region"):  # two employers' scales (say two councils)
                    other_region.append((fa.get("region") or "?", fb.get("region") or "?"))
                    continue
                base = dict(source=a, target=b, currency=fa.get("currency"), period=fa.get("period"),
                            source_year=fa.get("year"), target_year=fb.get("year"))
                if kind == "range":
                    change = PayChange(**base, min=fb["min"] - fa["min"], max=fb["max"] - fa["max"])
                else:
                    change = PayChange(**base, average=fb["average"] - fa["average"])
                years = f"{fa.get('year') or '?'}, {fb.get('year') or '?'}"
                note = "" if fa.get("year") == fb.get("year") else \
                    f"the figures are of different years ({years}), not adjusted"
                return change, note
    if other_region:
        a_region, b_region = other_region[0]
        return None, (f"the first and last figures are of different regions or employers ({a_region}; {b_region}), "
                      "not compared")
    if any(f.get("percentiles") for f in pay_a + pay_b):
        return None, ("percentiles are not compared, and the first and last figures have no range or average alike "
                      "(occupation-wide figures are not by level)")
    return None, "the first and last figures are not alike (a range and an average, or another period)"
