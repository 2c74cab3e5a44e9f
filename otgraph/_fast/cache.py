"""A small cache in the user's cache directory (platformdirs): verdicts and data that are slow
to recompute, keyed by content digests, written atomically, never code.

Anything unreadable, damaged or written by another otgraph version is ignored (and then
rebuilt by the caller): the cache only ever saves time.

>>> key("a", b"b") == key("a", b"b") != key("a", b"c")
True
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "file_stat", "get", "get_blob", "key", "known_digest", "put", "put_blob", "remember_digest"]

#: A file changed less than this long before it was hashed may change again within the same
#: timestamp tick: its digest is not taken from its stat later (git's "racy" rule).
RACY_NS = 2_000_000_000


def cache_dir() -> Path:
    """Where the cache lives.

    Returns
    -------
    pathlib.Path
        ``$OTGRAPH_CACHE_DIR`` if set, else the platform's user cache directory for otgraph
        (platformdirs). It may not exist yet.

    Examples
    --------
    >>> import os
    >>> os.environ["OTGRAPH_CACHE_DIR"] = "/tmp/otgraph-cache"
    >>> str(cache_dir())
    '/tmp/otgraph-cache'
    >>> del os.environ["OTGRAPH_CACHE_DIR"]
    """
    override = os.environ.get("OTGRAPH_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("otgraph", appauthor=False))


def key(*parts: str | bytes) -> str:
    """A cache key: the sha256 digest of the parts and of this otgraph version.

    The version is part of every key, so no version reads another's entries; each part's length
    is too, so ``("ab", "c")`` and ``("a", "bc")`` differ.

    Parameters
    ----------
    *parts : str or bytes
        What the cached value depends on (text is encoded as UTF-8).

    Returns
    -------
    str
        64 hexadecimal digits.

    Examples
    --------
    >>> len(key("schema", b"file bytes")), key("ab", "c") == key("a", "bc")
    (64, False)
    """
    from .. import __version__

    h = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _file(kind: str, digest: str) -> Path:
    return cache_dir() / kind / f"{digest}.json"


def get(kind: str, digest: str) -> Any | None:
    """The JSON value stored under (kind, digest).

    Parameters
    ----------
    kind : str
        The kind of entry (a folder of the cache), such as ``"valid"``.
    digest : str
        The entry's :func:`key`.

    Returns
    -------
    object or None
        The value, or ``None`` if there is none or it cannot be read.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["OTGRAPH_CACHE_DIR"] = tempfile.mkdtemp()
    >>> get("valid", key("never stored")) is None
    True
    >>> del os.environ["OTGRAPH_CACHE_DIR"]
    """
    try:
        record = json.loads(_file(kind, digest).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("key") != digest:
        return None
    return record.get("value")


def put(kind: str, digest: str, value: Any) -> None:
    """Store a JSON value under (kind, digest), atomically; failures to write are ignored.

    Parameters
    ----------
    kind : str
        The kind of entry (a folder of the cache).
    digest : str
        The entry's :func:`key`.
    value : object
        Any JSON-serialisable value.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["OTGRAPH_CACHE_DIR"] = tempfile.mkdtemp()
    >>> put("valid", key("roles.json bytes"), True)
    >>> get("valid", key("roles.json bytes"))
    True
    >>> del os.environ["OTGRAPH_CACHE_DIR"]
    """
    text = json.dumps({"key": digest, "value": value}, separators=(",", ":")).encode("utf-8")
    _store(_file(kind, digest), lambda f: f.write(text))


_MAGIC = b"otgraph-cache-blob 1"


def get_blob(kind: str, digest: str) -> bytes | None:
    """The bytes stored under (kind, digest) by :func:`put_blob`, or ``None`` if there are none
    or they are damaged: a header line names the key and the sha256 of the rest, and both must
    match (a truncated, edited or misplaced entry is not used).

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["OTGRAPH_CACHE_DIR"] = tempfile.mkdtemp()
    >>> put_blob("graph", key("x"), b"payload")
    >>> get_blob("graph", key("x")), get_blob("graph", key("y"))
    (b'payload', None)
    >>> del os.environ["OTGRAPH_CACHE_DIR"]
    """
    try:
        blob = (cache_dir() / kind / f"{digest}.bin").read_bytes()
    except OSError:
        return None
    head, sep, payload = blob.partition(b"\n")
    parts = head.split(b" ")
    if not sep or len(parts) != 4 or b" ".join(parts[:2]) != _MAGIC or parts[2] != digest.encode():
        return None
    if parts[3] != hashlib.sha256(payload).hexdigest().encode():
        return None
    return payload


def put_blob(kind: str, digest: str, payload: bytes) -> None:
    """Store bytes under (kind, digest), atomically (a temporary file renamed into place);
    failures to write are ignored."""
    head = b"%s %s %s\n" % (_MAGIC, digest.encode(), hashlib.sha256(payload).hexdigest().encode())
    _store(cache_dir() / kind / f"{digest}.bin", lambda f: (f.write(head), f.write(payload)))


def _store(file: Path, write: Callable[[Any], object]) -> None:
    """Write a cache file atomically; a cache that cannot be written only costs time."""
    from ..errors import ExportError
    from ..files import write_atomic

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(file, write)
    except (OSError, ExportError):
        pass


# --- file digests by stat -------------------------------------------------------------------

def file_stat(path: Path) -> list[int] | None:
    """What :func:`known_digest` compares: device, inode, size, modification and change times
    (a change time cannot be set back, so an edit that restores the modification time still
    shows); None if the file cannot be stat'ed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def known_digest(path: Path) -> bytes | None:
    """The sha256 of a file's bytes remembered by :func:`remember_digest`, if the file's stat
    is unchanged since and it had not just been changed when it was hashed; else None (read
    and hash it). Saves reading and hashing big files (O*NET: 9 MB) on every start.

    Examples
    --------
    >>> import os, tempfile, hashlib
    >>> os.environ["OTGRAPH_CACHE_DIR"] = tempfile.mkdtemp()
    >>> path = Path(tempfile.mkdtemp()) / "roles.json"
    >>> _ = path.write_bytes(b"{}")
    >>> stat, digest = file_stat(path), hashlib.sha256(b"{}").digest()
    >>> remember_digest(path, stat, digest, now_ns=max(stat[3:]) + RACY_NS)
    >>> known_digest(path) == digest
    True
    >>> _ = path.write_bytes(b"[]")
    >>> known_digest(path) is None
    True
    >>> del os.environ["OTGRAPH_CACHE_DIR"]
    """
    stat = file_stat(path)
    if stat is None:
        return None
    record = get("stat", _stat_key(path))
    if not isinstance(record, dict) or record.get("stat") != stat or not isinstance(record.get("at"), int):
        return None
    if max(stat[3:]) > record["at"] - RACY_NS:  # modified or changed just before it was hashed
        return None
    try:
        return bytes.fromhex(record["sha256"])
    except (TypeError, ValueError):
        return None


def remember_digest(path: Path, stat: list[int] | None, digest: bytes, now_ns: int | None = None) -> None:
    """Remember the sha256 of a file's bytes with its stat taken *before* it was read (see
    :func:`known_digest`)."""
    if stat is None:
        return
    import time

    at = time.time_ns() if now_ns is None else now_ns
    put("stat", _stat_key(path), {"stat": stat, "sha256": digest.hex(), "at": at})


def _stat_key(path: Path) -> str:
    return key("stat", str(Path(path).absolute()))

