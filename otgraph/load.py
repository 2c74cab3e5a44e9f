"""Loading roles files into a :class:`~otgraph.graph.CareerGraph`: read, check, merge, build.

The checked, built graph of a dataset is kept in the cache (:mod:`otgraph.cache`, as plain
JSON: :mod:`otgraph.build`), keyed by the sha256 of its files' bytes, the schema and the otgraph
version: files seen before load without the schema and reference checks and without the
build. A damaged entry is ignored and rebuilt. :func:`load_data` (the parsed data) remembers
only the schema check's verdict.

>>> cg = load_roles()
>>> cg.find("Consultant OT")
'nhs-consultant-ot'
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._fast import cache, derived
from .errors import DataError
from .read import parse_json, read_bytes, resolve_path
from .validate import check_roles, schema_digest

if TYPE_CHECKING:
    import networkx as nx

    from .graph import CareerGraph

__all__ = ["Progress", "load_data", "load_roles"]

#: A callback told the name of each loading stage as it starts.
Progress = Callable[[str], None]

PathLike = str | os.PathLike[str]


def load_roles(path: PathLike | Sequence[PathLike] | None = None, progress: Progress | None = None,
               read_only: bool = False) -> CareerGraph:
    """Load a roles file (default: the packaged OT dataset) into a CareerGraph.

    Parameters
    ----------
    path : str, os.PathLike, sequence of them, or None
        A roles file, a packaged name (``"roles"``, ``"onet"``), or ``None`` for the packaged
        OT dataset. Several are merged with :func:`otgraph.merge.merge_roles`.
    progress : callable, optional
        Called with the name of each stage as it starts (the command line draws a progress bar
        with it; the library never prints).
    read_only : bool, default False
        For a graph that is only read, never changed (the command line's): moves that have
        the same attributes (most moves of a big graph) share one attribute dict instead of
        a copy each, so a dataset seen before loads several times faster and smaller. The
        graph is frozen (``networkx.is_frozen``): it is not for editing, since changing one
        move's attribute dict would change every move that shares it. The default load gives
        every move its own dicts, and may be edited (see :func:`otgraph.forget`).

    Returns
    -------
    CareerGraph
        The graph, named after its file(s).

    Raises
    ------
    DataError
        Naming the file and every problem, if a file cannot be read or is not a valid roles file.

    Examples
    --------
    >>> stages = []
    >>> cg = load_roles("roles", progress=stages.append)
    >>> cg.graph.number_of_nodes() > 40, stages[0], stages[-1]
    (True, 'reading roles.json', 'building the graph')
    >>> load_roles(["roles", "onet"]).graph.number_of_nodes() > 1000
    True
    >>> G = load_roles("roles", read_only=True).graph
    >>> G.edges["us-entry-ot", "us-mid-ot"] == load_roles("roles").graph.edges["us-entry-ot", "us-mid-ot"]
    True
    """
    from ._fast.snapshot import FORMAT
    from .graph import CareerGraph, gc_paused

    paths = _paths(path)
    files = [resolve_path(p) for p in paths]
    name = " + ".join(str(f) for f in files)
    with gc_paused():
        raws: list[bytes | None] = []
        digests: list[bytes] = []
        for file in files:
            _step(progress, f"reading {file.name}")
            known = cache.known_digest(file)  # a big file unchanged since it was hashed is not read
            if known is None:
                stat = cache.file_stat(file)
                raw = read_bytes(file)
                known = hashlib.sha256(raw).digest()
                cache.remember_digest(file, stat, known)
            else:
                raw = None
            raws.append(raw)
            digests.append(known)
        digest = cache.key("graph", str(FORMAT), schema_digest(), _builder_digest(), *digests)
        G = _cached_graph(digest, read_only)
        if G is not None:
            _step(progress, "building the graph")
            return CareerGraph(_frozen(G) if read_only else G, name)
        datasets = []
        for file, raw in zip(files, raws, strict=True):
            datasets.append((str(file), _checked(file, read_bytes(file) if raw is None else raw, progress)))
        del raws, raw  # big files: do not hold the bytes and the parsed data at once
        data = _merged(datasets, progress)[1]
        _step(progress, "building the graph")
        cg = CareerGraph.from_data(data, name=name)
        del data, datasets
        _store_graph(digest, cg.graph)
        derived.attach(cg.graph, _DerivedStore(digest))
        if read_only:
            _frozen(cg.graph)
        return cg


def _frozen(G: nx.DiGraph) -> nx.DiGraph:
    """``G`` frozen (networkx's ``nx.freeze``): a read-only load's moves share attribute dicts,
    so an edit through networkx raises instead of changing many moves at once."""
    import networkx as nx

    return nx.freeze(G)


def load_data(path: PathLike | Sequence[PathLike] | None = None,
              progress: Progress | None = None) -> tuple[str, dict[str, Any]]:
    """The checked (and, for several files, merged) data, and a name for it.

    Parameters
    ----------
    path : str, os.PathLike, sequence of them, or None
        As for :func:`load_roles`.
    progress : callable, optional
        As for :func:`load_roles`.

    Returns
    -------
    tuple of (str, dict)
        The file name (several joined with ``" + "``) and the data.

    Raises
    ------
    DataError
        As for :func:`load_roles`.

    Examples
    --------
    >>> name, data = load_data("roles")
    >>> name.endswith("roles.json"), sorted(data)[-2:]
    (True, ['sources', 'transitions'])
    """
    datasets = [(str(resolve_path(p)), _load_checked(resolve_path(p), progress)) for p in _paths(path)]
    return _merged(datasets, progress)


def _paths(path: PathLike | Sequence[PathLike] | None) -> list[PathLike | None]:
    paths = [path] if path is None or isinstance(path, (str, os.PathLike)) else list(path)
    return paths or [None]


def _merged(datasets: list[tuple[str, dict[str, Any]]], progress: Progress | None) -> tuple[str, dict[str, Any]]:
    if len(datasets) == 1:
        return datasets[0]
    from .merge import merge_roles

    _step(progress, "merging")
    return " + ".join(n for n, _ in datasets), merge_roles(datasets)


def _load_checked(file: Path, progress: Progress | None = None) -> dict[str, Any]:
    _step(progress, f"reading {file.name}")
    return _checked(file, read_bytes(file), progress)


def _checked(file: Path, raw: bytes, progress: Progress | None) -> dict[str, Any]:
    digest = cache.key(schema_digest(), raw)
    data = parse_json(raw, str(file))
    schema = cache.get("valid", digest) is not True
    _step(progress, "checking" if schema else "checking references")
    problems = check_roles(data, schema=schema)
    if problems:
        raise DataError(str(file), problems)
    if schema:
        cache.put("valid", digest, True)
    return data


def _cached_graph(digest: str, read_only: bool = False) -> nx.DiGraph | None:
    """The graph of a dataset checked and built before, from the cache; None if there is none,
    or it is damaged (then it is rebuilt and written again)."""
    import orjson

    from ._fast.snapshot import decode

    payload = cache.get_blob("graph", digest)
    if payload is None:
        return None
    try:
        G = decode(orjson.loads(payload), shared=read_only)  # orjson: about 4x the json module's speed
    except (ValueError, TypeError, AttributeError, RecursionError):
        return None
    derived.attach(G, _DerivedStore(digest))
    return G


class _DerivedStore:
    """Derived data of a cached dataset (:mod:`otgraph._fast.derived`), kept beside its graph."""

    def __init__(self, digest: str):
        self.digest = digest

    def recall(self, name: str) -> bytes | None:
        return cache.get_blob("derived", cache.key(self.digest, name))

    def keep(self, name: str, payload: bytes) -> None:
        cache.put_blob("derived", cache.key(self.digest, name), payload)


def _store_graph(digest: str, G: nx.DiGraph) -> None:
    import orjson

    from ._fast.snapshot import encode, exact_in_orjson

    snapshot = encode(G)
    if not (exact_in_orjson(snapshot["graph"]) and exact_in_orjson(snapshot["nodes"])
            and exact_in_orjson(snapshot["values"])):
        return  # NaN, an infinity or a huge integer somewhere: orjson would not keep it, so no cache
    cache.put_blob("graph", digest, orjson.dumps(snapshot))


@functools.cache
def _builder_digest() -> bytes:
    """sha256 of the code that shapes a built graph: a cache written by other code (an edited
    checkout, another release under the same version number) is never read back."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in ("build.py", "graph.py", "merge.py", "names.py", "read.py", "validate.py"):
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(name.encode())
    return h.digest()


def _step(progress: Progress | None, stage: str) -> None:
    if progress is not None:
        progress(stage)
