"""Loading roles files into a :class:`~otgraph.graph.CareerGraph`: read, check, merge, build.

A file whose exact bytes passed the schema check before (with this schema and this otgraph
version) is remembered in the cache and not schema-checked again; the cheap reference checks
run on every load.

>>> cg = load_roles()
>>> cg.find("Consultant OT")
'nhs-consultant-ot'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .errors import DataError
from .read import parse_json, read_bytes, resolve_path
from .validate import check_roles, schema_digest

if TYPE_CHECKING:
    from .graph import CareerGraph

__all__ = ["Progress", "load_data", "load_roles"]

#: A callback told the name of each loading stage as it starts.
Progress = Callable[[str], None]

PathLike = str | os.PathLike[str]


def load_roles(path: PathLike | Sequence[PathLike] | None = None, progress: Progress | None = None) -> CareerGraph:
    """Load a roles file (default: the packaged OT dataset) into a CareerGraph.

    Parameters
    ----------
    path : str, os.PathLike, sequence of them, or None
        A roles file, a packaged name (``"roles"``, ``"onet"``), or ``None`` for the packaged
        OT dataset. Several are merged with :func:`otgraph.merge.merge_roles`.
    progress : callable, optional
        Called with the name of each stage as it starts (the command line draws a progress bar
        with it; the library never prints).

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
    """
    from .graph import CareerGraph, gc_paused

    with gc_paused():
        name, data = load_data(path, progress)
        _step(progress, "building the graph")
        return CareerGraph.from_data(data, name=name)


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
    from .merge import merge_roles

    paths = [path] if path is None or isinstance(path, (str, os.PathLike)) else list(path)
    datasets = [(str(resolve_path(p)), _load_checked(resolve_path(p), progress)) for p in paths or [None]]
    if len(datasets) == 1:
        return datasets[0]
    _step(progress, "merging")
    return " + ".join(n for n, _ in datasets), merge_roles(datasets)


def _load_checked(file: Path, progress: Progress | None = None) -> dict[str, Any]:
    _step(progress, f"reading {file.name}")
    raw = read_bytes(file)
    digest = cache.key(schema_digest(), raw)
    data = parse_json(raw, str(file))
    del raw  # big files: do not hold the bytes and the parsed data at once
    schema = cache.get("valid", digest) is not True
    _step(progress, "checking" if schema else "checking references")
    problems = check_roles(data, schema=schema)
    if problems:
        raise DataError(str(file), problems)
    if schema:
        cache.put("valid", digest, True)
    return data


def _step(progress: Progress | None, stage: str) -> None:
    if progress is not None:
        progress(stage)
