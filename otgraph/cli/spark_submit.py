"""``otgraph learn --engine spark`` as a ``spark-submit`` application.

Takes the same arguments and options as ``otgraph learn`` (``--engine`` is spark here; the
master comes from ``spark-submit --master``)::

    spark-submit --master yarn --deploy-mode client otgraph/cli/spark_submit.py \\
        hdfs:///hr/spells.parquet -o learned.json --map-to roles --report report.json

The file's path, wherever otgraph is installed:
``python -c 'import otgraph.cli.spark_submit as m; print(m.__file__)'``. It is part of the
command line (it runs ``otgraph learn``), so it lives in :mod:`otgraph.cli`, not in the library.

The driver needs otgraph installed (``pip install "otgraph[spark]"``); the executors need
nothing beyond PySpark (no Python code of otgraph's runs on them). The output and the report are
written on the driver's file system. Exit status as ``otgraph learn``: 0 done, 2 bad input.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run ``otgraph learn --engine spark`` with ``argv`` (default: the process's arguments)."""
    from otgraph.cli import cli

    args = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--engine" or arg.startswith("--engine="):
            value = arg.partition("=")[2] or (args[i + 1] if i + 1 < len(args) else "")
            if value != "spark":
                print("otgraph: error: spark_submit.py runs the spark engine only", file=sys.stderr)
                return 2
    return cli.main(args=["learn", "--engine", "spark", *args], prog_name="spark_submit.py learn",
                    standalone_mode=False) or 0


if __name__ == "__main__":
    raise SystemExit(main())
