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

from .column_checks import transitions_fine

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


_SECTIONS = {"meta": 0, "sources": 1, "qualifications": 2, "skills": 3, "roles": 4, "transitions": 5}
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
    return (_SECTIONS.get(m.group(1), 6), int(m.group(2) or -1))


# --- schema ---------------------------------------------------------------------------

def load_schema() -> dict[str, Any]:
    """The JSON Schema of roles files, as shipped in the package."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _schema_problems(data: Any) -> list[str]:
    """Every schema violation, with its JSON path.

    jsonschema-rs (compiled Rust, 20-50x faster than a Python validator on O*NET) answers
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
    problems: list[str] = []
    add = problems.append
    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}

    def check_sources(where: Callable[[], str], item: dict[str, Any]) -> None:
        cited = item.get("sources")
        if isinstance(cited, list):
            for key in cited:
                if isinstance(key, str) and key not in sources:
                    add(f'{where()}.sources: unknown source "{key}"')

    def unique_ids(section: str, noun: str) -> set[str]:
        seen: set[str] = set()
        for i, item in _items(data, section):
            if isinstance(item.get("id"), str):
                if item["id"] in seen:
                    add(f'$.{section}[{i}].id: duplicate {noun} id "{item["id"]}"')
                seen.add(item["id"])
        return seen

    qualifications = unique_ids("qualifications", "qualification")
    skills = unique_ids("skills", "skill")

    def check_requirements(where: Callable[[], str], field: str, groups: Any) -> None:
        if isinstance(groups, list):
            for j, group in enumerate(groups):
                for q in group if isinstance(group, list) else [group]:
                    if isinstance(q, str) and q not in qualifications:
                        add(f'{where()}.{field}[{j}]: unknown qualification id "{q}"')

    def check_evidence(where: Callable[[], str], field: str, evidence: Any) -> None:
        for e in evidence if isinstance(evidence, list) else [evidence]:
            if isinstance(e, dict) and isinstance(e.get("source"), str) and e["source"] not in sources:
                add(f'{where()}.{field}.source: unknown source "{e["source"]}"')
    for i, q in _items(data, "qualifications"):
        check_sources(lambda i=i: f"$.qualifications[{i}]", q)
    roles = unique_ids("roles", "role")

    for i, r in _items(data, "roles"):
        def where(i: int = i, r: dict[str, Any] = r) -> str:
            return f"$.roles[{i}] ({r.get('id')})"

        check_sources(where, r)
        equivalents = r.get("equivalents")
        if isinstance(equivalents, list):
            for j, eq in enumerate(equivalents):
                if isinstance(eq, dict) and isinstance(eq.get("role"), str):
                    if eq["role"] not in roles:
                        add(f'{where()}.equivalents[{j}].role: unknown role id "{eq["role"]}"')
                    elif eq["role"] == r.get("id"):
                        add(f"{where()}.equivalents[{j}].role: a role cannot be its own equivalent")
                    if isinstance(eq.get("source"), str) and eq["source"] not in sources:
                        add(f'{where()}.equivalents[{j}].source: unknown source "{eq["source"]}"')
        salary = r.get("salary")
        if isinstance(salary, dict):
            if isinstance(salary.get("source"), str) and salary["source"] not in sources:
                add(f'{where()}.salary.source: unknown source "{salary["source"]}"')
            low, high = salary.get("min"), salary.get("max")
            if _is_number(low) and _is_number(high) and low > high:
                add(f"{where()}.salary: min {low} is more than max {high}")
            for key in ("min", "max", "average"):
                if _is_number(salary.get(key)) and not math.isfinite(salary[key]):
                    add(f"{where()}.salary.{key}: {salary[key]} is not a finite number")
        level = r.get("level")
        if _is_number(level) and not math.isfinite(level):
            add(f"{where()}.level: {level} is not a finite number")
        check_requirements(where, "requires", r.get("requires"))
        check_evidence(where, "requires_evidence", r.get("requires_evidence"))
        pay = r.get("pay")
        if isinstance(pay, list):
            for j, figure in enumerate(pay):
                if isinstance(figure, dict):
                    low, high = figure.get("min"), figure.get("max")
                    if _is_number(low) and _is_number(high) and low > high:
                        add(f"{where()}.pay[{j}]: min {low} is more than max {high}")
                    check_evidence(where, f"pay[{j}].evidence", figure.get("evidence"))
        for field in ("responsibilities", "skills", "preferred"):
            items = r.get(field)
            if isinstance(items, list):
                for j, entry in enumerate(items):
                    if isinstance(entry, dict):
                        if isinstance(entry.get("item"), str) and entry["item"] not in skills:
                            add(f'{where()}.{field}[{j}].item: unknown skill id "{entry["item"]}"')
                        check_evidence(where, f"{field}[{j}].evidence", entry.get("evidence"))

    transitions = data.get("transitions")
    if isinstance(transitions, list) and transitions_fine(transitions, roles, qualifications, sources):
        return problems
    edges: set[tuple[str, str]] = set()
    for i, t in _items(data, "transitions"):
        source, target = t.get("from"), t.get("to")

        def where(i: int = i, source: Any = source, target: Any = target) -> str:
            if isinstance(source, str) and isinstance(target, str):
                return f"$.transitions[{i}] ({source} -> {target})"
            return f"$.transitions[{i}]"

        if isinstance(source, str) and source not in roles:
            add(f'$.transitions[{i}].from: unknown role id "{source}"')
        if isinstance(target, str) and target not in roles:
            add(f'$.transitions[{i}].to: unknown role id "{target}"')
        if source == target and isinstance(source, str):
            add(f'{where()}: a transition cannot lead from a role to itself ("{source}")')
        elif isinstance(source, str) and isinstance(target, str):
            pair = (source, target)
            if pair in edges:
                add(f"{where()}: duplicate transition (only one move per pair of roles)")
            edges.add(pair)
        years = t.get("years")
        if years.__class__ is not int and _is_number(years) and not math.isfinite(years):
            add(f"{where()}.years: {years} is not a finite number")  # the schema's minimum lets NaN through
        for field in ("qualifications", "awards"):
            quals = t.get(field)
            if isinstance(quals, list):
                for q in quals:
                    if isinstance(q, str) and q not in qualifications:
                        add(f'{where()}.{field}: unknown qualification id "{q}"')
        programme = t.get("programme")
        if isinstance(programme, str) and programme not in qualifications:
            add(f'{where()}.programme: unknown qualification id "{programme}"')
        check_requirements(where, "requires", t.get("requires"))
        check_evidence(where, "years_evidence", t.get("years_evidence"))
        check_evidence(where, "years_if_held_evidence", t.get("years_if_held_evidence"))
        low, high = t.get("years_min"), t.get("years_max")
        if _is_number(years) and math.isfinite(years):
            if _is_number(low) and low > years:
                add(f"{where()}.years_min: {low} is more than the typical {years}")
            if _is_number(high) and high < years:
                add(f"{where()}.years_max: {high} is less than the typical {years}")
        if "sources" in t:
            check_sources(where, t)
    return problems


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


