"""The reference checks of :mod:`otgraph.validate` over whole columns of moves at once: several
times quicker on big files than the item-by-item loop, and answering only "fine" or "look
closer" (the loop then finds and words every problem).

>>> transitions_fine([{"from": "a", "to": "b", "years": 1}], {"a", "b"}, set(), {})
True
>>> transitions_fine([{"from": "a", "to": "a", "years": 1}], {"a"}, set(), {})
False
"""

from __future__ import annotations

from typing import Any

__all__ = ["rest_fine", "transitions_fine"]


def transitions_fine(transitions: list[Any], roles: set[str], qualifications: set[str],
                      sources: dict[str, Any]) -> bool:
    """True only if the transitions loop of :func:`otgraph.validate._reference_problems` would find nothing: the
    same checks over whole columns at once (several times quicker on big files). Anything
    unusual (a value of another type, a range) answers False, and the loop looks closer."""
    if not all(t.__class__ is dict for t in transitions):
        return False
    froms = [t.get("from") for t in transitions]
    tos = [t.get("to") for t in transitions]
    if not (all(x.__class__ is str for x in froms) and all(x.__class__ is str for x in tos)
            and roles.issuperset(froms) and roles.issuperset(tos)):
        return False
    pairs = set(zip(froms, tos, strict=True))
    if len(pairs) != len(transitions) or any(a == b for a, b in pairs):
        return False
    if not all(y.__class__ is int or (y.__class__ is float and y - y == 0.0) for y in
               [t.get("years") for t in transitions]):
        return False
    for key, known in (("qualifications", qualifications), ("awards", qualifications), ("sources", sources)):
        listed: list[Any] = []
        for value in [t.get(key) for t in transitions]:
            if value is not None:
                if value.__class__ is not list:
                    return False
                listed += value
        if not all(x.__class__ is str and x in known for x in listed):
            return False
    for t in transitions:
        if "programme" in t:  # checked by the loop alone
            return False
    for t in transitions:
        if "requires" in t or "years_evidence" in t or "years_min" in t or "years_max" in t:
            return rest_fine(transitions, qualifications, sources)
    return True


def rest_fine(transitions: list[dict[str, Any]], qualifications: set[str], sources: dict[str, Any]) -> bool:
    """The requirement, evidence and range checks of the transitions, when any are present."""
    for t in transitions:
        groups = t.get("requires")
        if groups is not None:
            if groups.__class__ is not list:
                return False
            for g in groups:
                if not (g in qualifications if g.__class__ is str else
                        g.__class__ is list and all(q.__class__ is str and q in qualifications for q in g)):
                    return False
        evidence = t.get("years_evidence")
        if evidence is not None:
            if evidence.__class__ is not dict:
                return False
            source = evidence.get("source")
            if source is not None and not (source.__class__ is str and source in sources):
                return False
        low, high, years = t.get("years_min"), t.get("years_max"), t["years"]
        if (low is not None and not (low.__class__ in (int, float) and low <= years)) or \
                (high is not None and not (high.__class__ in (int, float) and high >= years)):
            return False
    return True
