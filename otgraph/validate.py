"""Checking roles data: the JSON Schema shipped in the package (``roles.schema.json``, the one
description of the data model) and the checks a schema cannot express (unique ids, edge ends
that exist, finite years, references to qualifications, sources and equivalent roles).

>>> check_roles({"roles": [{"id": "a", "title": "A"}], "transitions": [{"from": "a", "to": "b", "years": 1}]})
['$.transitions[0].to: unknown role id "b"']
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["SCHEMA_PATH", "check_roles", "load_schema", "schema_digest", "unawarded_requirements"]

SCHEMA_PATH = Path(__file__).resolve().parent / "roles.schema.json"

_MAX_MESSAGE = 160


@functools.cache
def schema_digest() -> str:
    """sha256 of the schema file: part of every cache key, so a new schema re-checks files."""
    import hashlib

    return hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest()


def check_roles(data: Any, *, schema: bool = True) -> list[str]:
    """Every problem in parsed roles data, one message each ("$.path: what is wrong").

    >>> check_roles({"roles": [], "transitions": []})
    []
    """
    if not isinstance(data, dict):
        return [f"$: the top level must be a JSON object with 'roles' and 'transitions', not {_json_type(data)}"]
    problems = (_schema_problems(data) if schema else []) + _reference_problems(data)
    return sorted(problems, key=_document_order)


_SECTIONS = {"meta": 0, "sources": 1, "qualifications": 2, "skills": 3, "roles": 4, "transitions": 5, "routes": 6}
_ITEM = re.compile(r"^\$\.(\w+)(?:\[(\d+)\])?")


def unawarded_requirements(data: dict[str, Any]) -> list[str]:
    """Roles with a requirement group that no move awards: such a role can be a start, never a
    goal. One note each (valid data; ``otgraph validate`` reports them).

    >>> unawarded_requirements({"roles": [{"id": "ot", "title": "OT", "requires": [["mot", "otd"]]}],
    ...                         "transitions": []})
    ['$.roles[0] (ot): nothing in the data awards mot or otd, which the role requires']
    """
    awarded = {q for t in data.get("transitions", []) for q in (t.get("awards") or t.get("qualifications") or ())}
    notes = []
    for i, role in enumerate(data.get("roles", [])):
        for group in role.get("requires") or ():
            options = group if isinstance(group, list) else [group]
            if not awarded.intersection(options):
                notes.append(f"$.roles[{i}] ({role['id']}): nothing in the data awards {' or '.join(options)}, "
                             "which the role requires")
    return notes


def _document_order(problem: str) -> tuple[int, int]:
    """Sort key putting problems in the order their items appear in the file."""
    m = _ITEM.match(problem)
    if not m:
        return (-1, 0)
    return (_SECTIONS.get(m.group(1), 7), int(m.group(2) or -1))


# --- schema ---------------------------------------------------------------------------

def load_schema() -> dict[str, Any]:
    """The JSON Schema of roles files, as shipped in the package."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _schema_problems(data: Any) -> list[str]:
    """Every schema violation, with its JSON path.

    jsonschema-rs (compiled Rust, much quicker than a Python validator on big files) answers
    "valid?" first; only an invalid file pays for jsonschema, which lists every problem
    rather than the first.
    """
    try:
        if _fast_validator()(data):
            return []
    except Exception:  # noqa: BLE001 - any failure, even the fast validator's own, means: look closer
        pass
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{_where(data, e.absolute_path)}: {_short(_message(e))}" for e in errors]


#: Rust strings cannot hold unpaired surrogates: the fast validator's patterns leave them out
#: (a string holding one cannot reach it: it raises, and jsonschema then reports the string).
_SURROGATES = "\\uD800-\\uDFFF"


@functools.cache
def _fast_validator() -> Callable[[Any], bool]:
    """Whether data is valid against the schema, quickly (raises on data it cannot read)."""
    import jsonschema_rs

    def without_surrogates(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: v.replace(_SURROGATES, "") if k == "pattern" and isinstance(v, str) else
                    without_surrogates(v) for k, v in node.items()}
        if isinstance(node, list):
            return [without_surrogates(v) for v in node]
        return node

    return jsonschema_rs.validator_for(without_surrogates(load_schema()), validate_formats=False).is_valid


#: Plainer words for the schema's patterns than "does not match '^[^\\u0000-...'".
_PATTERN_MESSAGES = {
    "^[A-Za-z0-9][A-Za-z0-9._:-]*$": "is not a valid id (use letters, digits and . _ : -, starting with a letter "
                                     "or digit)",
    "\\S": "is blank",
    "^[0-9]{2}-[0-9]{4}\\.[0-9]{2}$": "is not an O*NET-SOC code like 29-1122.00",
}


def _message(error: Any) -> str:
    if error.validator == "pattern":
        if error.validator_value.startswith("^[^\\u0000"):
            what = "contains a control character (only tab and line breaks are allowed) or an unpaired surrogate"
        else:
            what = _PATTERN_MESSAGES.get(error.validator_value, f"does not match {error.validator_value}")
        return f"{_short(repr(error.instance))} {what}"
    return error.message


def _where(data: Any, path: Iterable[Any]) -> str:
    """A JSON path, with the role id or edge ends added so the item is easy to find."""
    out = "$"
    node = data
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(part, int) and isinstance(node, dict):
            label = _label(node)
            if label:
                out += f" ({label})"
    return out


def _label(item: dict[str, Any]) -> str:
    if isinstance(item.get("id"), str):
        return item["id"]
    if isinstance(item.get("from"), str) and isinstance(item.get("to"), str):
        return f"{item['from']} -> {item['to']}"
    return ""


def _short(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= _MAX_MESSAGE else message[: _MAX_MESSAGE - 3] + "..."


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


# --- checks a schema cannot express ---------------------------------------------------

def _items(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _reference_problems(data: dict[str, Any]) -> list[str]:
    # Runs on every load, big files included: the "where" of a problem is only put into words
    # when there is a problem.
    return _References(data).problems


class _References:
    """The checks of one file's ids and references that a schema cannot express, in file order:
    the qualification and skill tables, the roles, then the moves."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.problems: list[str] = []
        self.sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}
        self.qualifications = self.unique_ids("qualifications", "qualification")
        self.skills = self.unique_ids("skills", "skill")
        for i, q in _items(data, "qualifications"):
            self.cited(lambda i=i: f"$.qualifications[{i}]", q)
        self.roles = self.unique_ids("roles", "role")
        for i, r in _items(data, "roles"):
            self.role(i, r)
        transitions = data.get("transitions")
        if not (isinstance(transitions, list)
                and _transitions_fine(transitions, self.roles, self.qualifications, self.sources)):
            edges: set[tuple[str, str]] = set()
            for i, t in _items(data, "transitions"):
                self.transition(i, t, edges)
        for i, route in _items(data, "routes"):
            for j, role in enumerate(route.get("roles") or ()):
                if isinstance(role, str) and role not in self.roles:
                    self.add(f'$.routes[{i}].roles[{j}]: unknown role id "{role}"')

    def add(self, problem: str) -> None:
        self.problems.append(problem)

    def unique_ids(self, section: str, noun: str) -> set[str]:
        seen: set[str] = set()
        for i, item in _items(self.data, section):
            if isinstance(item.get("id"), str):
                if item["id"] in seen:
                    self.add(f'$.{section}[{i}].id: duplicate {noun} id "{item["id"]}"')
                seen.add(item["id"])
        return seen

    def cited(self, where: Callable[[], str], item: dict[str, Any]) -> None:
        cited = item.get("sources")
        if isinstance(cited, list):
            for key in cited:
                if isinstance(key, str) and key not in self.sources:
                    self.add(f'{where()}.sources: unknown source "{key}"')

    def requirements(self, where: Callable[[], str], field: str, groups: Any) -> None:
        if isinstance(groups, list):
            for j, group in enumerate(groups):
                for q in group if isinstance(group, list) else [group]:
                    if isinstance(q, str) and q not in self.qualifications:
                        self.add(f'{where()}.{field}[{j}]: unknown qualification id "{q}"')

    def evidence(self, where: Callable[[], str], field: str, evidence: Any) -> None:
        for e in evidence if isinstance(evidence, list) else [evidence]:
            if isinstance(e, dict) and isinstance(e.get("source"), str) and e["source"] not in self.sources:
                self.add(f'{where()}.{field}.source: unknown source "{e["source"]}"')

    def min_max(self, where: Callable[[], str], field: str, figure: dict[str, Any]) -> None:
        low, high = figure.get("min"), figure.get("max")
        if _is_number(low) and _is_number(high) and low > high:
            self.add(f"{where()}{field}: min {low} is more than max {high}")

    # --- roles ---

    def role(self, i: int, r: dict[str, Any]) -> None:
        def where(i: int = i, r: dict[str, Any] = r) -> str:
            return f"$.roles[{i}] ({r.get('id')})"

        self.cited(where, r)
        self.equivalents(where, r)
        self.salary(where, r.get("salary"))
        level = r.get("level")
        if _is_number(level) and not math.isfinite(level):
            self.add(f"{where()}.level: {level} is not a finite number")
        self.requirements(where, "requires", r.get("requires"))
        self.evidence(where, "requires_evidence", r.get("requires_evidence"))
        for j, figure in _listed(r.get("pay")):
            self.min_max(where, f".pay[{j}]", figure)
            self.evidence(where, f"pay[{j}].evidence", figure.get("evidence"))
        for field in ("responsibilities", "skills", "preferred"):
            for j, entry in _listed(r.get(field)):
                if isinstance(entry.get("item"), str) and entry["item"] not in self.skills:
                    self.add(f'{where()}.{field}[{j}].item: unknown skill id "{entry["item"]}"')
                self.evidence(where, f"{field}[{j}].evidence", entry.get("evidence"))

    def equivalents(self, where: Callable[[], str], r: dict[str, Any]) -> None:
        for j, eq in _listed(r.get("equivalents")):
            if not isinstance(eq.get("role"), str):
                continue
            if eq["role"] not in self.roles:
                self.add(f'{where()}.equivalents[{j}].role: unknown role id "{eq["role"]}"')
            elif eq["role"] == r.get("id"):
                self.add(f"{where()}.equivalents[{j}].role: a role cannot be its own equivalent")
            if isinstance(eq.get("source"), str) and eq["source"] not in self.sources:
                self.add(f'{where()}.equivalents[{j}].source: unknown source "{eq["source"]}"')

    def salary(self, where: Callable[[], str], salary: Any) -> None:
        if not isinstance(salary, dict):
            return
        if isinstance(salary.get("source"), str) and salary["source"] not in self.sources:
            self.add(f'{where()}.salary.source: unknown source "{salary["source"]}"')
        self.min_max(where, ".salary", salary)
        for key in ("min", "max", "average"):
            if _is_number(salary.get(key)) and not math.isfinite(salary[key]):
                self.add(f"{where()}.salary.{key}: {salary[key]} is not a finite number")

    # --- moves ---

    def transition(self, i: int, t: dict[str, Any], edges: set[tuple[str, str]]) -> None:
        source, target = t.get("from"), t.get("to")

        def where(i: int = i, source: Any = source, target: Any = target) -> str:
            if isinstance(source, str) and isinstance(target, str):
                return f"$.transitions[{i}] ({source} -> {target})"
            return f"$.transitions[{i}]"

        self.ends(i, where, source, target, edges)
        for field in ("qualifications", "awards"):
            quals = t.get(field)
            for q in quals if isinstance(quals, list) else []:
                if isinstance(q, str) and q not in self.qualifications:
                    self.add(f'{where()}.{field}: unknown qualification id "{q}"')
        programme = t.get("programme")
        if isinstance(programme, str) and programme not in self.qualifications:
            self.add(f'{where()}.programme: unknown qualification id "{programme}"')
        self.requirements(where, "requires", t.get("requires"))
        self.evidence(where, "years_evidence", t.get("years_evidence"))
        self.evidence(where, "years_if_held_evidence", t.get("years_if_held_evidence"))
        self.years(where, t)
        if "sources" in t:
            self.cited(where, t)

    def ends(self, i: int, where: Callable[[], str], source: Any, target: Any,
             edges: set[tuple[str, str]]) -> None:
        if isinstance(source, str) and source not in self.roles:
            self.add(f'$.transitions[{i}].from: unknown role id "{source}"')
        if isinstance(target, str) and target not in self.roles:
            self.add(f'$.transitions[{i}].to: unknown role id "{target}"')
        if source == target and isinstance(source, str):
            self.add(f'{where()}: a move cannot lead from a role to itself ("{source}")')
        elif isinstance(source, str) and isinstance(target, str):
            if (source, target) in edges:
                self.add(f"{where()}: duplicate move (only one per pair of roles)")
            edges.add((source, target))

    def years(self, where: Callable[[], str], t: dict[str, Any]) -> None:
        years, low, high = t.get("years"), t.get("years_min"), t.get("years_max")
        if years.__class__ is not int and _is_number(years) and not math.isfinite(years):
            self.add(f"{where()}.years: {years} is not a finite number")  # the schema's minimum lets NaN through
        if _is_number(years) and math.isfinite(years):
            if _is_number(low) and low > years:
                self.add(f"{where()}.years_min: {low} is more than the typical {years}")
            if _is_number(high) and high < years:
                self.add(f"{where()}.years_max: {high} is less than the typical {years}")


def _listed(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of a list field, with their indexes (nothing if the field is not a list)."""
    if isinstance(value, list):
        for j, item in enumerate(value):
            if isinstance(item, dict):
                yield j, item


# --- the same checks over whole columns of moves: "fine" or "look closer" ----------------

def _transitions_fine(transitions: list[Any], roles: set[str], qualifications: set[str],
                      sources: dict[str, Any]) -> bool:
    """True only if :meth:`_References.transition` would find nothing in any move: the same checks
    over whole columns at once (several times quicker on big files). Anything unusual (a value
    of another type, a range, a programme) answers False, and the loop looks closer.

    >>> _transitions_fine([{"from": "a", "to": "b", "years": 1}], {"a", "b"}, set(), {})
    True
    >>> _transitions_fine([{"from": "a", "to": "a", "years": 1}], {"a"}, set(), {})
    False
    """
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
    if not all(_column_known(transitions, key, known) for key, known in
               (("qualifications", qualifications), ("awards", qualifications), ("sources", sources))):
        return False
    if any("programme" in t or "years_if_held_evidence" in t for t in transitions):  # the loop alone checks these
        return False
    if any("requires" in t or "years_evidence" in t or "years_min" in t or "years_max" in t for t in transitions):
        return _rest_fine(transitions, qualifications, sources)
    return True


def _column_known(transitions: list[dict[str, Any]], key: str, known: set[str] | dict[str, Any]) -> bool:
    listed: list[Any] = []
    for value in [t.get(key) for t in transitions]:
        if value is not None:
            if value.__class__ is not list:
                return False
            listed += value
    return all(x.__class__ is str and x in known for x in listed)


def _rest_fine(transitions: list[dict[str, Any]], qualifications: set[str], sources: dict[str, Any]) -> bool:
    """The requirement, evidence and range checks of the moves, when any are present."""
    for t in transitions:
        groups = t.get("requires")
        if groups is not None and not (groups.__class__ is list and all(
                g in qualifications if g.__class__ is str else
                g.__class__ is list and all(q.__class__ is str and q in qualifications for q in g) for g in groups)):
            return False
        evidence = t.get("years_evidence")
        if evidence is not None and not (evidence.__class__ is dict and (
                (source := evidence.get("source")) is None or (source.__class__ is str and source in sources))):
            return False
        low, high, years = t.get("years_min"), t.get("years_max"), t["years"]
        if (low is not None and not (low.__class__ in (int, float) and low <= years)) or \
                (high is not None and not (high.__class__ in (int, float) and high >= years)):
            return False
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


