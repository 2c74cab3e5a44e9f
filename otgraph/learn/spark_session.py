"""The Spark engine's session and input: which session runs, which path and format Spark reads,
and a Spark error as one line (:mod:`otgraph.learn.spark`)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DataError
from .records import file_format

__all__ = ["locate", "message", "session"]


def session(master: str | None = None, memory_limit: str | None = None, threads: int | None = None):
    """``(SparkSession, started here)``: the active session, or a new one."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName("otgraph learn").config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    elif threads and "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        builder = builder.master(f"local[{threads}]")
    if memory_limit:
        builder = builder.config("spark.driver.memory", memory_limit)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    if spark.sparkContext.master.startswith("local"):
        # One machine: a few shuffle partitions, not Spark's 200 (meant for clusters).
        spark.conf.set("spark.sql.shuffle.partitions", "8")
    return spark, True


def message(exc: Exception) -> str:
    text = str(exc).strip()
    for line in text.splitlines():
        line = line.strip()
        if line:
            if "PATH_NOT_FOUND" in line or "does not exist" in line:
                return "no such file"
            return line[:500]
    return exc.__class__.__name__


def locate(source: str) -> tuple[str, str]:
    """The path to hand to Spark and the records format."""
    if "://" in source:  # hdfs://, s3a://, gs://, file://: Spark reads it, the name gives the format
        return source, file_format(source.rstrip("/"))
    file = Path(source)
    if not file.exists():
        raise DataError(source, ["no such file"])
    if not os.access(file, os.R_OK):
        raise DataError(source, ["permission denied"])
    if file.is_dir():
        try:
            return str(file.resolve()), file_format(str(file))
        except DataError:
            parts = sorted(p for p in file.iterdir() if p.is_file() and not p.name.startswith(("_", ".")))
            if not parts:
                raise DataError(source, ["an empty folder: no records files in it"]) from None
            return str(file.resolve()), file_format(parts[0])
    return str(file.resolve()), file_format(file)
