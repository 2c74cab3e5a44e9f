"""Writing files atomically: a temporary file beside the target, renamed over it when complete,
so a failure leaves any existing file as it was.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> write_atomic(out, lambda f: f.write(b"hello"))
>>> out.read_bytes()
b'hello'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import ExportError

__all__ = ["check_writable", "write_atomic", "write_files"]


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
    write_files([(path, write)])


def write_files(items: Sequence[tuple[str | os.PathLike[str], Callable[[Any], object]]], *,
                sync: bool = False) -> None:
    """Write several files atomically together: each to a temporary file beside it, and none
    renamed over its target unless all were written (:func:`write_atomic` for one).

    Parameters
    ----------
    items : sequence of (path, write)
        Each file, and a callable given its temporary file, open for writing bytes.
    sync : bool, default False
        Flush each file to disk before any is renamed (for results that took long to make).

    Raises
    ------
    ExportError
        If a path is a directory, its folder does not exist, or it cannot be written (every
        existing file is then left as it was).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_files([(folder / "a.json", lambda f: f.write(b"{}")), (folder / "b.txt", lambda f: f.write(b"b"))])
    >>> sorted(p.name for p in folder.iterdir())
    ['a.json', 'b.txt']
    """
    temps: list[tuple[str, Path]] = []
    try:
        for path, write in items:
            temps.append(_written_beside(Path(path), write, sync))
        for tmp, path in temps:
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o777)
            else:
                os.chmod(tmp, 0o666 & ~_umask())
        for tmp, path in temps:
            os.replace(tmp, path)
        temps = []
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _written_beside(path: Path, write: Callable[[Any], object], sync: bool) -> tuple[str, Path]:
    """A temporary file beside ``path`` holding what ``write`` wrote (flushed to disk if ``sync``)."""
    directory = check_writable(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            if sync:
                f.flush()
                os.fsync(f.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp, path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
