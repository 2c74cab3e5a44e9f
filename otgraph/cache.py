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
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "get", "key", "put"]


def cache_dir() -> Path:
    """``$OTGRAPH_CACHE_DIR`` if set, else the platform's user cache directory for otgraph."""
    override = os.environ.get("OTGRAPH_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("otgraph", appauthor=False))


def key(*parts: str | bytes) -> str:
    """A sha256 digest of the parts, and of this otgraph version (so no version reads another's)."""
    from . import __version__

    h = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _file(kind: str, digest: str) -> Path:
    return cache_dir() / kind / f"{digest}.json"


def get(kind: str, digest: str) -> Any | None:
    """The JSON value stored under (kind, digest), or None if absent or damaged."""
    try:
        record = json.loads(_file(kind, digest).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("key") != digest:
        return None
    return record.get("value")


def put(kind: str, digest: str, value: Any) -> None:
    """Store a JSON value under (kind, digest); failures to write are ignored."""
    file = _file(kind, digest)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": digest, "value": value}, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, file)
    except OSError:
        pass  # a cache that cannot be written only costs time
