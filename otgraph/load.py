"""Read roles files, check them, and build a :class:`~otgraph.graph.CareerGraph`.

Checking has two parts: the JSON Schema shipped with the package (``roles.schema.json``),
and the checks a schema cannot express (unique ids, edge ends that exist, finite years,
references to qualifications, sources and equivalent roles). ``check_roles`` returns every
problem; ``load_roles`` raises :class:`~otgraph.errors.DataError` if there is any.

The schema check needs ``jsonschema``, which is slow to import and to run on big files, so
a file whose exact bytes passed it before is remembered in the user's cache directory and not
schema-checked again. The cheap reference checks run on every load.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import DataError

PACKAGE_DIR = Path(__file__).resolve().parent
SCHEMA_PATH = PACKAGE_DIR / "roles.schema.json"

#: Names accepted by ``--data`` for the datasets shipped in the package.
PACKAGED = {"roles": PACKAGE_DIR / "data" / "roles.json", "onet": PACKAGE_DIR / "data" / "onet.json"}

_MAX_MESSAGE = 160

#: A callback told the name of each loading stage as it starts.
Progress = Callable[[str], None]


def packaged_path(name: str = "roles") -> Path:
    """Path of a dataset shipped in the package (``roles``)."""
    return PACKAGED[name]


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """Turn a ``--data`` value into a file path: ``None`` or a packaged name, or a path."""
    if path is None:
        return packaged_path()
    if isinstance(path, str) and path in PACKAGED:
        return PACKAGED[path]
    return Path(path)


def read_roles(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Read and parse a roles file; raise DataError naming the file (and line) on failure."""
    data, _ = _read(resolve_path(path))
    return data


def _read(file: Path) -> tuple[Any, str]:
    """Parse a roles file; return the data and a digest of its bytes (and of the schema)."""
    name = str(file)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise DataError(name, ["no such file"]) from None
    except IsADirectoryError:
        raise DataError(name, ["is a directory, not a roles file"]) from None
    except PermissionError:
        raise DataError(name, ["permission denied"]) from None
    except OSError as exc:
        raise DataError(name, [f"cannot read: {exc.strerror or exc}"]) from None
    # The schema is part of the key, so a new schema re-checks every file once.
    digest = hashlib.sha256(SCHEMA_PATH.read_bytes() + raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")  # tolerate a byte-order mark (spreadsheet exports)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problem = f"line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        raise DataError(name, [problem]) from None
    del raw  # big files: do not hold the bytes and the text at once
    if not text.strip():
        raise DataError(name, ["file is empty"])
    try:
        return json.loads(text), digest
    except json.JSONDecodeError as exc:
        raise DataError(name, [f"line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"]) from None
    except RecursionError:
        raise DataError(name, ["invalid JSON: nested too deeply"]) from None


def check_roles(data: Any, *, schema: bool = True) -> list[str]:
    """Every problem in parsed roles data, one message each ("$.path: what is wrong").

    >>> check_roles({"roles": [{"id": "a", "title": "A"}], "transitions": [{"from": "a", "to": "b", "years": 1}]})
    ['$.transitions[0].to: unknown role id "b"']
    """
    if not isinstance(data, dict):
        return [f"$: the top level must be a JSON object with 'roles' and 'transitions', not {_json_type(data)}"]
    problems = (_schema_problems(data) if schema else []) + _reference_problems(data)
    return sorted(problems, key=_document_order)


_SECTIONS = {"meta": 0, "sources": 1, "qualifications": 2, "roles": 3, "transitions": 4}
_ITEM = re.compile(r"^\$\.(\w+)(?:\[(\d+)\])?")


def _document_order(problem: str) -> tuple[int, int]:
    """Sort key putting problems in the order their items appear in the file."""
    m = _ITEM.match(problem)
    if not m:
        return (-1, 0)
    return (_SECTIONS.get(m.group(1), 5), int(m.group(2) or -1))


def load_roles(path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
               progress: Progress | None = None):
    """Load a roles file (default: the packaged OT dataset) into a CareerGraph.

    ``path`` may be a list of files (or packaged names such as ``"onet"``): they are merged
    with :func:`merge_roles`. ``progress``, if given, is called with the name of each stage
    as it starts (the command line draws a progress bar with it; the library never prints).

    >>> cg = load_roles()
    >>> cg.find("Consultant OT")
    'nhs-consultant-ot'
    """
    from .graph import CareerGraph, gc_paused

    paths = [path] if path is None or isinstance(path, (str, os.PathLike)) else list(path)
    if not paths:
        paths = [None]
    with gc_paused():
        datasets = [(str(resolve_path(p)), _load_checked(resolve_path(p), progress)) for p in paths]
        if len(datasets) == 1:
            name, data = datasets[0]
        else:
            _step(progress, "merging")
            name, data = " + ".join(n for n, _ in datasets), merge_roles(datasets)
        _step(progress, "building the graph")
        return CareerGraph.from_data(data, name=name)


def _load_checked(file: Path, progress: Progress | None = None) -> dict[str, Any]:
    _step(progress, f"reading {file.name}")
    data, digest = _read(file)
    schema = not _known_valid(digest)
    _step(progress, "checking" if schema else "checking references")
    problems = check_roles(data, schema=schema)
    if problems:
        raise DataError(str(file), problems)
    if schema:
        _remember_valid(digest)
    return data


def _step(progress: Progress | None, stage: str) -> None:
    if progress is not None:
        progress(stage)


MERGE_SOURCE = "otgraph-merge"


def merge_roles(datasets: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Merge checked roles datasets, given as (file name, data), into one.

    Roles keep their ids (an id in two files is an error); qualifications and sources are
    pooled (one id with two different contents is an error). Files are then linked through
    O*NET-SOC codes: a role whose ``onet_soc`` is the id of a role in another file (an O*NET
    occupation) gets a move to that occupation, and the occupation gets a move back to the
    lowest-level role carrying its code, so routes can leave a ladder into neighbouring
    occupations and enter a ladder at its first rung, never skipping rungs.
    """
    owner: dict[str, str] = {}
    roles: list[dict[str, Any]] = []
    transitions: list[dict[str, Any]] = []
    tables: dict[str, dict[str, Any]] = {"qualifications": {}, "sources": {}}
    where: dict[tuple[str, str], str] = {}
    for name, data in datasets:
        for role in data["roles"]:
            if role["id"] in owner:
                raise DataError(name, [f'role id "{role["id"]}" is also in {owner[role["id"]]}: ids must be unique '
                                       "across merged files"])
            owner[role["id"]] = name
            roles.append(role)
        transitions.extend(data["transitions"])
        items = [("qualifications", q["id"], q) for q in data.get("qualifications", [])]
        items += [("sources", k, v) for k, v in data.get("sources", {}).items()]
        for table, key, value in items:
            if key in tables[table] and tables[table][key] != value:
                raise DataError(name, [f'{table[:-1]} "{key}" differs from the one in {where[table, key]}'])
            tables[table].setdefault(key, value)
            where.setdefault((table, key), name)

    edges = {(t["from"], t["to"]) for t in transitions}
    links = []
    by_code: dict[str, list[dict[str, Any]]] = {}
    for role in roles:
        code = role.get("onet_soc")
        if code and code in owner and owner[code] != owner[role["id"]]:
            by_code.setdefault(code, []).append(role)
    for code, members in by_code.items():
        for role in members:
            links.append((role["id"], code))
        entry = min(members, key=lambda r: (r.get("level", float("inf")), roles.index(r)))
        links.append((code, entry["id"]))
    for u, v in links:
        if (u, v) not in edges:
            edges.add((u, v))
            transitions.append({"from": u, "to": v, "years": 0, "years_basis": "source", "qualifications": [],
                                "note": "Same O*NET-SOC occupation: a link between merged files.",
                                "sources": [MERGE_SOURCE]})
    if links:
        tables["sources"][MERGE_SOURCE] = {
            "title": "otgraph merge: roles linked to the O*NET occupation whose code they carry",
            "kind": "analysis"}
    return {
        "meta": {"merged": [name for name, _ in datasets]},
        "sources": tables["sources"],
        "qualifications": list(tables["qualifications"].values()),
        "roles": roles,
        "transitions": transitions,
    }


# --- schema ---------------------------------------------------------------------------

def load_schema() -> dict[str, Any]:
    """The JSON Schema of roles files, as shipped in the package."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _schema_problems(data: Any) -> list[str]:
    """Every schema violation, with its JSON path.

    fastjsonschema (compiled, several times faster) answers "valid?" first; only an invalid
    file pays for jsonschema, which lists every problem rather than the first.
    """
    try:
        _fast_validator()(data)
        return []
    except Exception:  # noqa: BLE001 - any failure, even fastjsonschema's own, means: look closer
        pass
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{_where(data, e.absolute_path)}: {_short(_message(e))}" for e in errors]


@functools.cache
def _fast_validator() -> Callable[[Any], Any]:
    import fastjsonschema

    return fastjsonschema.compile(load_schema())


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
        quals = t.get("qualifications")
        if quals:
            if isinstance(quals, list):
                for q in quals:
                    if isinstance(q, str) and q not in qualifications:
                        add(f'{where()}.qualifications: unknown qualification id "{q}"')
        if "sources" in t:
            check_sources(where, t)
    return problems


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --- cache of files that passed the schema check ---------------------------------------

def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "otgraph" / "schema-valid.txt"


def _known_valid(digest: str) -> bool:
    try:
        return digest in _cache_file().read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return False


def _remember_valid(digest: str) -> None:
    file = _cache_file()
    try:
        known = file.read_text(encoding="ascii").split()[-255:] if file.exists() else []
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        tmp.write_text("\n".join([*known, digest]) + "\n", encoding="ascii")
        os.replace(tmp, file)
    except (OSError, UnicodeDecodeError):
        pass  # a cache that cannot be written only costs time
