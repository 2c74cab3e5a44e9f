"""Writing files atomically: a temporary file beside the target, renamed over it when complete,
so a failure leaves any existing file as it was.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> write_atomic(out, lambda f: f.write(b"hello"))
>>> out.read_bytes()
b'hello'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import ExportError

__all__ = ["check_writable", "write_atomic"]


def check_writable(path: str | os.PathLike[str]) -> Path:
    """The folder ``path`` would be written in; ExportError if ``path`` is a directory or its
    folder does not exist (callers check before long work, :func:`write_atomic` again when writing).

    >>> check_writable("map.svg")
    PosixPath('.')
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(f"{path}: is a directory")
    if not directory.is_dir():
        raise ExportError(f"{path}: no such directory '{directory}'")
    return directory


def write_atomic(path: str | os.PathLike[str], write: Callable[[Any], object]) -> None:
    """Write a file all at once: a temporary file beside it, renamed over it when complete.

    A new file gets the usual permissions (``0o666`` less the umask); a replaced one keeps its own.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write.
    write : callable
        Called with the temporary file, open for writing bytes.

    Raises
    ------
    ExportError
        If ``path`` is a directory, its folder does not exist, or it cannot be written (any
        existing file is then left as it was).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.mmd"
    >>> write_atomic(out, lambda f: f.write(b"flowchart LR\\n"))
    >>> out.read_text()
    'flowchart LR\\n'
    >>> write_atomic(out.parent / "no-folder" / "x.txt", lambda f: None)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    otgraph.errors.ExportError: .../no-folder/x.txt: no such directory '...'
    """
    path = Path(path)
    directory = check_writable(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        os.unlink(tmp)
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
