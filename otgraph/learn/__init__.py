"""Learn a career graph from career records (``otgraph learn``).

The records are read and reduced by DuckDB, embedded (``pip install otgraph[learn]``), or by
Spark (``engine="spark"``, ``pip install otgraph[spark]``); both write byte-identical files. See
:mod:`otgraph.learn.duck` for what is computed, :mod:`otgraph.learn.run` for what every engine
shares, :mod:`otgraph.learn.records` for the input, :mod:`otgraph.learn.mapping` for ``map_to``
and :mod:`otgraph.learn.privacy` for what may leave. The library never prints.
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import InvalidOptionError
from .run import STAGES, write_all, write_json
from .survival import KMMedian, km_median

__all__ = ["ENGINES", "STAGES", "KMMedian", "km_median", "learn_graph", "write_all", "write_json"]

#: The engines that learn a graph, all giving the same file.
ENGINES = ("duckdb", "spark")


def learn_graph(records: str | os.PathLike[str], *, engine: str = "duckdb", master: str | None = None,
                spark: Any = None, **options: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Learn a career graph from career records: ``(roles data, report)``.

    One row per job spell (person, role, start, end); consecutive spells of a person make the
    moves, and roles and moves held by fewer than ``min_count`` people are left out (and more
    wherever a left-out figure could be worked out from the rest). Nothing is printed and no
    file is written (:func:`write_all` writes the result atomically).

    Parameters
    ----------
    records : str or os.PathLike
        A CSV, TSV, Parquet or JSON Lines file (gzip allowed); with Spark, any path it reads
        (``s3a://``, ``hdfs://``, a folder or a glob).
    engine : {"duckdb", "spark"}, default "duckdb"
        DuckDB, embedded, or Spark (Java 17+), for records beyond one machine.
    master : str, optional
        ``engine="spark"``: Spark's master for a new session (``local[2]``, ``yarn``...).
    spark : pyspark.sql.SparkSession, optional
        ``engine="spark"``: a session to use instead of starting one.
    **options
        As the engines take them: ``columns``, ``as_of``, ``min_count`` (default 10), ``map_to``,
        ``title_overrides``, ``mapping_audit``, ``missing_end``, ``skip_bad``, ``strict``,
        ``today``, ``notify``, ``progress``, ``memory_limit``, ``threads``, ``routes`` (see
        :func:`otgraph.learn.duck.learn_graph`).

    Returns
    -------
    data : dict
        A roles file (the schema of ``data/roles.json``) with observed figures on its roles and
        moves; ``meta.units`` gives each figure's unit.
    report : dict
        Counts only: records read, dropped and left out, and how titles were mapped.

    Raises
    ------
    DataError
        A file that cannot be read, or a bad row (named with its column), unless ``skip_bad``.
    InvalidOptionError
        An option that cannot be used (an unknown engine, ``master`` without Spark...).
    MissingDependencyError
        DuckDB, or PySpark and Java, not installed: the error names what to install.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> spells = pathlib.Path(tempfile.mkdtemp()) / "spells.csv"
    >>> rows = "".join(f"p{i},OT,2015,2018\\np{i},Senior OT,2018,\\n" for i in range(12))
    >>> _ = spells.write_text("person,role,start,end\\n" + rows)
    >>> data, report = learn_graph(spells, as_of="2024")
    >>> [(t["from"], t["to"], t["observed"]["people"], t["years"]) for t in data["transitions"]]
    [('ot', 'senior-ot', 12, 3.0007)]
    """
    if engine == "duckdb":
        if master is not None or spark is not None:
            raise InvalidOptionError("master and spark are for engine='spark'", argument="engine")
        from .duck import learn_graph as learn_duckdb

        return learn_duckdb(records, **options)
    if engine == "spark":
        from .spark import learn_graph_spark

        return learn_graph_spark(records, master=master, spark=spark, **options)
    raise InvalidOptionError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}", argument="engine")
