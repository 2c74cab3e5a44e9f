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

__all__ = ["PACKAGED_NAMES", "data_dir", "packaged_path", "read_bytes", "read_roles", "resolve_path"]

#: Names accepted instead of a path for the datasets shipped in the package.
PACKAGED_NAMES = {"roles": "roles.json", "onet": "onet.json"}


def data_dir() -> Path:
    """The folder of the packaged datasets: ``otgraph/data`` in an installed wheel, the
    repository's ``data/`` in a source checkout or an editable install (one source, no copy)."""
    here = Path(__file__).resolve().parent
    installed = here / "data"
    return installed if installed.is_dir() else here.parent / "data"


def packaged_path(name: str = "roles") -> Path:
    """Path of a dataset shipped in the package (``roles`` or ``onet``)."""
    return data_dir() / PACKAGED_NAMES[name]


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """A dataset argument as a file path: ``None`` or a packaged name, or a path."""
    if path is None:
        return packaged_path()
    if isinstance(path, str) and path in PACKAGED_NAMES:
        return packaged_path(path)
    return Path(path)


def read_bytes(file: Path) -> bytes:
    """A file's bytes; DataError naming the file if it cannot be read."""
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
    """Parse a roles file's bytes; DataError naming the line of the first problem."""
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


def read_roles(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Read and parse a roles file (not checked: see :func:`otgraph.validate.check_roles`)."""
    file = resolve_path(path)
    return parse_json(read_bytes(file), str(file))
