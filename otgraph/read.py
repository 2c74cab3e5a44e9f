"""Reading roles files: where the packaged datasets are, and bytes to parsed JSON with errors
that name the file and line.

>>> sorted(PACKAGED_NAMES)
['onet', 'roles']
>>> read_roles("roles")["meta"]["name"]
'otgraph occupational therapy career map'
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .errors import DataError

__all__ = ["PACKAGED_NAMES", "data_dir", "packaged_path", "parse_json", "read_bytes", "read_roles", "read_table",
           "resolve_path"]

#: Names accepted instead of a path for the datasets shipped in the package.
PACKAGED_NAMES = {"roles": "roles.json", "onet": "onet.json"}


def data_dir() -> Path:
    """The folder of the packaged datasets.

    Returns
    -------
    pathlib.Path
        ``otgraph/data`` in an installed wheel; the repository's ``data/`` in a source checkout
        or an editable install (one source, no copy).

    Examples
    --------
    >>> (data_dir() / "roles.json").is_file()
    True
    """
    here = Path(__file__).resolve().parent
    installed = here / "data"
    return installed if installed.is_dir() else here.parent / "data"


def packaged_path(name: str = "roles") -> Path:
    """Path of a dataset shipped in the package.

    Parameters
    ----------
    name : {"roles", "onet"}
        The packaged dataset: the occupational therapy career map or the O*NET occupations.

    Returns
    -------
    pathlib.Path
        The file, in :func:`data_dir`.

    Examples
    --------
    >>> packaged_path("onet").name
    'onet.json'
    """
    return data_dir() / PACKAGED_NAMES[name]


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """A dataset argument as a file path.

    Parameters
    ----------
    path : str, os.PathLike or None
        ``None`` (the packaged OT dataset), a packaged name (``"roles"``, ``"onet"``) or a path.

    Returns
    -------
    pathlib.Path
        The file to read (not checked for existence).

    Examples
    --------
    >>> resolve_path(None) == packaged_path("roles"), resolve_path("my-roles.json").name
    (True, 'my-roles.json')
    """
    if path is None:
        return packaged_path()
    if isinstance(path, str) and path in PACKAGED_NAMES:
        return packaged_path(path)
    return Path(path)


def read_bytes(file: Path) -> bytes:
    """A file's bytes.

    Parameters
    ----------
    file : pathlib.Path
        The file to read.

    Returns
    -------
    bytes
        Its content.

    Raises
    ------
    DataError
        Naming the file, if it is missing, a directory or unreadable.

    Examples
    --------
    >>> read_bytes(packaged_path())[:1]
    b'{'
    >>> from pathlib import Path
    >>> read_bytes(Path("no-such-file.json"))
    Traceback (most recent call last):
    ...
    otgraph.errors.DataError: no-such-file.json: no such file
    """
    name = str(file)
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise DataError(name, ["no such file"]) from None
    except IsADirectoryError:
        raise DataError(name, ["is a directory, not a roles file"]) from None
    except PermissionError:
        raise DataError(name, ["permission denied"]) from None
    except OSError as exc:
        raise DataError(name, [f"cannot read: {exc.strerror or exc}"]) from None


def parse_json(raw: bytes, name: str) -> Any:
    """Parse a roles file's bytes as JSON (UTF-8, a byte-order mark allowed).

    Parameters
    ----------
    raw : bytes
        The file's content.
    name : str
        The file's name, for messages.

    Returns
    -------
    object
        The parsed JSON value.

    Raises
    ------
    DataError
        Naming the file and the line of the first problem: not UTF-8, empty, invalid JSON.

    Examples
    --------
    >>> parse_json(b'{"roles": []}', "a.json")
    {'roles': []}
    >>> parse_json(b'{"roles": [}', "a.json")
    Traceback (most recent call last):
    ...
    otgraph.errors.DataError: a.json: line 1, column 12: invalid JSON: Expecting value
    """
    try:
        text = raw.decode("utf-8-sig")  # tolerate a byte-order mark (spreadsheet exports)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problem = f"line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        raise DataError(name, [problem]) from None
    if not text.strip():
        raise DataError(name, ["file is empty"])
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(name, [f"line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"]) from None
    except RecursionError:
        raise DataError(name, ["invalid JSON: nested too deeply"]) from None


def read_table(path: str | os.PathLike[str], needed_by: str) -> dict[str, Any]:
    """Read one of the package's JSON tables (the licence and entry tables of the O*NET import).

    Parameters
    ----------
    path : str or path-like
        The table's file.
    needed_by : str
        What needs it, said when the file is missing.

    Returns
    -------
    dict
        The parsed JSON object.

    Raises
    ------
    DataError
        Naming the file: missing (with ``needed_by``), unreadable, not JSON, or not an object.

    Examples
    --------
    >>> read_table(data_dir() / "us-ot-entry.json", "the O*NET importer")["steps"] != {}
    True
    >>> read_table("nope.json", "the O*NET importer needs the entry table")
    Traceback (most recent call last):
    ...
    otgraph.errors.DataError: nope.json: missing: the O*NET importer needs the entry table
    """
    file = Path(path)
    if not file.exists():
        raise DataError(str(file), [f"missing: {needed_by}"])
    data = parse_json(read_bytes(file), str(file))
    if not isinstance(data, dict):
        raise DataError(str(file), ["expected a JSON object"])
    return data


def read_roles(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Read and parse a roles file (not checked: see :func:`otgraph.validate.check_roles`).

    Parameters
    ----------
    path : str, os.PathLike or None
        A path, a packaged name (``"roles"``, ``"onet"``), or ``None`` for the packaged OT dataset.

    Returns
    -------
    dict
        The parsed file.

    Raises
    ------
    DataError
        If the file cannot be read or is not JSON.

    Examples
    --------
    >>> sorted(read_roles())[:3]
    ['meta', 'qualifications', 'roles']
    """
    file = resolve_path(path)
    return parse_json(read_bytes(file), str(file))
