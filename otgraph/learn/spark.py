"""The same computation on Apache Spark (PySpark): for records too big for one machine.

``learn_graph_spark`` takes the options of :func:`otgraph.learn.duck.learn_graph` and returns the
same ``(roles data, report)``; on the same input the two engines' output files are byte-identical.
Every step of :mod:`otgraph.learn.duck` is done here in Spark SQL and DataFrame code, with the
same orderings and tie-breaks (see that module for what each step computes). What makes the
figures agree to the last byte:

- quartiles are exact: Spark's ``percentile`` (not ``percentile_approx``), the same linear
  interpolation as DuckDB's ``quantile_cont``; on whole days with q in {0.25, 0.5, 0.75} both are
  exact multiples of a quarter day;
- Spark returns day counts and integer counts only; the divisions (days / 365.25, a move's count
  / all moves out of its role, leaves / spells) and the rounding to 4 decimals are done in Python
  exactly as DuckDB does them (:func:`otgraph.learn.run.round4`: ``round(x * 10^4)`` half away from zero, ``/ 10^4``);
- the Kaplan-Meier median compares the survival estimate with 0.5 within 1e-9 in both engines,
  so the order in which each multiplies the factors does not decide it;
- raw titles become role ids, and the rows the roles data, in the same Python code
  (:class:`otgraph.learn.run.Run`);
- no Python UDF runs on the executors (they need PySpark only, not otgraph).

Input: any path Spark can read (a local file or folder, ``hdfs://``, ``s3a://``, ``gs://``, a
glob): CSV, TSV, Parquet or JSON Lines, gzip allowed, chosen by the name's ending (a local folder
without one by its files' endings). CSV fields may not span lines. Rows are numbered in the order
Spark reads them (for one file, the file's order).

The Spark session: the active one if there is one (and it is left running), else a new one with
``master`` (``local[2]``, ``yarn``, ``spark://host:7077``...; under ``spark-submit`` its
``--master``; otherwise ``local[threads or *]``), stopped at the end.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import DataError
from .cleaning import fill_needed_sql, spells_sql
from .engines import require_spark
from .records import SPARK_DATE, SPARK_PREC, check_columns
from .routes import chain_sql, check_routes, exits_sql, paths_sql
from .run import MAX_LISTED, Notify, Progress, Run, RunInput, options, round4, settings, years
from .spark_session import locate as _locate
from .spark_session import message as _spark_message
from .spark_session import session
from .survival import km_medians

__all__ = ["SparkRun", "learn_graph_spark", "session"]

#: The low bits of ``monotonically_increasing_id``: the row's index within its partition.
_ROW_BITS = 33


def learn_graph_spark(records: str | os.PathLike[str], *, columns: str | Mapping[str, str] | None = None,
                      as_of: str | dt.date | None = None, min_count: int = 10,
                      map_to: str | os.PathLike[str] | None = None, skip_bad: bool = False,
                      master: str | None = None, spark: Any = None, memory_limit: str | None = None,
                      threads: int | None = None, progress: Progress | None = None,
                      today: str | dt.date | None = None, strict: bool = False, notify: Notify | None = None,
                      title_overrides: str | os.PathLike[str] | None = None,
                      mapping_audit: list[dict[str, Any]] | None = None, missing_end: str = "next-start",
                      routes: int | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """:func:`otgraph.learn.learn_graph` on Spark: the same ``(roles data, report)``.

    ``master`` is Spark's master URL for a new session (ignored when ``spark``, a SparkSession,
    is given or one is active); ``memory_limit`` is the driver's memory (``spark.driver.memory``,
    used only when this call starts the JVM) and ``threads`` the local cores when no master is
    named. Raises :class:`~otgraph.errors.MissingDependencyError` naming the install command when
    PySpark or Java is missing.
    """
    if spark is None:
        require_spark()
    source = str(records)
    path, fmt = _locate(source)
    mapping, cutoff, target, run_date = options(columns, as_of, min_count, threads, map_to, today,
                                                       title_overrides)
    routes = check_routes(routes)
    report: dict[str, Any] = {}

    from pyspark.errors import PySparkException

    owned = False
    if spark is None:
        spark, owned = session(master, memory_limit, threads)
    try:
        given = RunInput(source, Path(path), fmt, mapping, cutoff, min_count, target, skip_bad, run_date, strict,
                         missing_end, routes)
        run = SparkRun(spark, given, path, progress, report, notify)
        try:
            data = run.learn()
            if mapping_audit is not None:
                mapping_audit.extend(run.mapping_entries)
        finally:
            run.release()
    except PySparkException as exc:
        raise DataError(source, [_spark_message(exc)]) from None
    except Exception as exc:  # py4j errors from the JVM
        if type(exc).__module__.startswith("py4j"):
            raise DataError(source, [_spark_message(exc)]) from None
        raise
    finally:
        if owned:
            spark.stop()
    report["settings"] = settings(min_count, cutoff, skip_bad, target, strict, missing_end)
    return data, report


def _q(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


class SparkRun(Run):
    """The steps of :class:`otgraph.learn.run.Run` on Spark, as :class:`otgraph.learn.duck.DuckRun`
    does them in DuckDB."""

    def __init__(self, spark, given: RunInput, path: str, *args):
        super().__init__(given, *args)
        self.spark, self.path = spark, path
        self.cached: list[Any] = []

    def release(self) -> None:
        for df in self.cached:
            try:
                df.unpersist()
            except Exception:  # noqa: BLE001 - the session may already be gone
                pass
        for view in ("otg_rec", "otg_sp", "otg_seq", "otg_rchain", "otg_rpaths"):
            try:
                self.spark.catalog.dropTempView(view)
            except Exception:  # noqa: BLE001
                pass

    def keep(self, df, view: str | None = None):
        from pyspark import StorageLevel

        df = df.persist(StorageLevel.MEMORY_AND_DISK)
        self.cached.append(df)
        if view:
            df.createOrReplaceTempView(view)
        return df

    # --- 1. read and check -----------------------------------------------------------

    def _reader(self):
        read = self.spark.read
        if self.fmt in ("csv", "tsv"):
            return read.options(header=True, inferSchema=False, sep="," if self.fmt == "csv" else "\t",
                                quote='"', escape='"', mode="PERMISSIVE").csv(self.path)
        if self.fmt == "parquet":
            return read.parquet(self.path)
        return None

    def read(self) -> None:
        self.step("reading")
        from pyspark.sql import functions as F
        from pyspark.sql import types as T

        if self.fmt == "jsonl":
            names = self.spark.read.json(self.path).columns
            types = {n: "STRING" for n in names}
            df = None
        else:
            df = self._reader()
            types = {f.name: f.dataType.simpleString().upper() for f in df.schema.fields}
        self.optional, used = check_columns(self.mapping, types, self.source)
        if df is None:
            schema = T.StructType([T.StructField(c, T.StringType()) for c in dict.fromkeys(used)])
            df = self.spark.read.schema(schema).json(self.path)
        df = df.select(*[F.col(_q(c)) for c in dict.fromkeys(used)], F.monotonically_increasing_id().alias("mid"))

        def text(field: str) -> str:
            return f"nullif(trim(CAST({_q(self.mapping[field])} AS STRING)), '')"

        typed: list[str] = []

        def date(field: str) -> tuple[str, str]:
            kind = types[self.mapping[field]] if self.fmt == "parquet" else "STRING"
            if kind == "DATE" or kind.startswith("TIMESTAMP"):
                typed.append(f"CAST({_q(self.mapping[field])} AS DATE) AS {field[0]}_typed")
                return f"{field[0]}_typed", "0"
            return SPARK_DATE.format(t=f"{field[0]}_raw"), SPARK_PREC.format(t=f"{field[0]}_raw")

        s_date, s_prec = date("start")
        e_date, e_prec = date("end")
        src = df.selectExpr(f"{text('person')} AS person", f"{text('role')} AS role", f"{text('start')} AS s_raw",
                            f"{text('end')} AS e_raw", *[f"{text(f)} AS {f}" for f in self.optional], *typed, "mid")
        dated = src.selectExpr("person", "role", "s_raw", "e_raw", f"{s_date} AS s", f"{s_prec} AS sp",
                               f"{e_date} AS e", f"{e_prec} AS ep", *self.optional, "mid")
        s_lo = "CASE sp WHEN 0 THEN s WHEN 1 THEN date_sub(s, 14) ELSE trunc(s, 'year') END"
        e_hi = "CASE ep WHEN 0 THEN e WHEN 1 THEN last_day(e) ELSE make_date(year(e), 12, 31) END"
        checked = dated.selectExpr("*", f"""CASE
                WHEN person IS NULL THEN 'person' WHEN role IS NULL THEN 'role'
                WHEN s_raw IS NULL THEN 'start_empty' WHEN s IS NULL THEN 'start'
                WHEN e_raw IS NOT NULL AND e IS NULL THEN 'end'
                WHEN e IS NOT NULL AND {e_hi} < {s_lo} THEN 'order'
                WHEN s > DATE '{self.today.isoformat()}' THEN 'future' END AS problem""")
        checked.createOrReplaceTempView("otg_rec")

    def check(self) -> None:
        self.step("checking")
        today = f"DATE '{self.today.isoformat()}'"
        found = self.spark.sql(f"""
            SELECT problem, count(*),
                   max(greatest(CASE WHEN s <= {today} THEN s END, CASE WHEN e <= {today} THEN e END))
            FROM otg_rec GROUP BY problem""").collect()
        counts = {row[0]: row[1] for row in found if row[0] is not None}
        good = [row for row in found if row[0] is None]
        self.latest = good[0][2] if good else None
        self.tally(sum(row[1] for row in found), counts)

    def listed_bad(self, kinds: tuple[str, ...]) -> list[tuple]:
        listed = self.spark.sql(f"SELECT mid, problem, s_raw, e_raw FROM otg_rec WHERE problem IN "
                                f"({', '.join(repr(k) for k in kinds)}) ORDER BY mid LIMIT {MAX_LISTED}").collect()
        # mid is the partition's number in its high bits, the row's index within it in the low ones.
        sizes = dict(self.spark.sql(f"SELECT shiftright(mid, {_ROW_BITS}) AS part, count(*) FROM otg_rec "
                                    "GROUP BY part").collect())
        offsets, total = {}, 0
        for part in sorted(sizes):
            offsets[part], total = total, total + sizes[part]
        mask = (1 << _ROW_BITS) - 1
        return [(offsets[mid >> _ROW_BITS] + (mid & mask) + 1, problem, s_raw, e_raw)
                for mid, problem, s_raw, e_raw in listed]

    # --- 2.-3. censoring date, duplicates ---------------------------------------------

    def clean_rows(self) -> None:
        self.cutoff_given = self.cutoff is not None
        if self.cutoff is None:
            self.cutoff = self.latest or self.today
        cut = f"DATE '{self.cutoff.isoformat()}'"
        extra = "".join(f", {f}" for f in self.optional)
        good_rows = "(problem IS NULL OR problem = 'future')" if self.lenient else "problem IS NULL"
        self.good, self.after, self.ends = self.spark.sql(f"""
            SELECT count(*), count_if(s > {cut}), count_if(s <= {cut} AND e > {cut})
            FROM otg_rec WHERE {good_rows}""").collect()[0]
        source = f"(SELECT * FROM otg_rec WHERE {good_rows} AND s <= {cut})"
        fill = self.fill and self.spark.sql(fill_needed_sql(source)).collect()[0][0] > 0
        sp = self.spark.sql(spells_sql(source, cut, extra, "datediff(s, DATE '1970-01-01')", fill))
        self.sp = self.keep(sp, "otg_sp")
        self.spark.catalog.dropTempView("otg_rec")

    # --- 4. titles to roles -----------------------------------------------------------

    def map_roles(self) -> None:
        self.step("mapping titles")
        from pyspark.sql import types as T

        if self.by_country:
            found = self.spark.sql("SELECT role, country, count(DISTINCT person), count(*), count_if(closed) "
                                   "FROM otg_sp GROUP BY role, country").collect()
            people = dict(self.spark.sql("SELECT role, count(DISTINCT person) FROM otg_sp GROUP BY role").collect())
        else:
            found = self.spark.sql("SELECT role, NULL, count(DISTINCT person), count(*), count_if(closed) "
                                   "FROM otg_sp GROUP BY role").collect()
            people = None
        rows = sorted(((r[0], r[1], r[2]) for r in found), key=lambda r: (r[0], r[1] is not None, r[1] or ""))
        distinct = sum(r[3] for r in found)
        self.report["records"].update({"after_as_of": self.after, "ends_after_as_of": self.ends,
                                       "duplicates": self.good - self.after - distinct,
                                       "missing_end_closed": sum(r[4] for r in found)})
        self.before = distinct
        role_of = self.assign_roles(rows, people)
        code = {role_id: i for i, role_id in enumerate(self.role_ids)}
        schema = T.StructType([T.StructField("raw", T.StringType()), T.StructField("map_country", T.StringType()),
                               T.StructField("id", T.IntegerType())])
        self.titlemap = self.spark.createDataFrame([(raw, country, code[r]) for (raw, country), r in role_of.items()],
                                                   schema)

    # --- 5.-6. side jobs and same-role runs --------------------------------------------

    def clean_spells(self) -> None:
        self.step("cleaning")
        from pyspark.sql import Window
        from pyspark.sql import functions as F

        opt = list(self.optional)
        on = self.sp["role"] == self.titlemap["raw"]
        if self.by_country:
            on = on & self.sp["country"].eqNullSafe(self.titlemap["map_country"])
        spells = (self.sp.join(F.broadcast(self.titlemap), on)
                  .select("person", F.col("id").alias("role"), "s", "e",
                          F.coalesce("e", F.lit(dt.date(9999, 12, 31))).alias("ee"), *opt))
        # Side jobs: inside an earlier spell, or across a renewal (as the DuckDB engine, one pass).
        v = Window.partitionBy("person").orderBy("s", F.col("ee").desc(), "role",
                                                 *[F.col(f).asc_nulls_first() for f in opt])
        w = v.rowsBetween(Window.unboundedPreceding, -1)
        prev_max, cr = F.col("prev_max"), F.col("cr")
        across = ((F.col("s") <= prev_max) & (F.col("nr") == cr) & (F.col("role") != cr)
                  & (F.datediff(F.col("ns"), prev_max) <= 1) & (F.col("ee") <= F.col("ne")))
        main = (spells.withColumn("prev_max", F.max("ee").over(w))
                .withColumn("cr", F.max_by("role", F.struct("ee", "role")).over(w))
                .withColumn("nr", F.lead("role").over(v)).withColumn("ns", F.lead("s").over(v))
                .withColumn("ne", F.lead("ee").over(v))
                .where((prev_max.isNull() | (prev_max < F.col("ee"))) & ~F.coalesce(across, F.lit(False)))
                .drop("prev_max", "cr", "nr", "ns", "ne"))
        order = Window.partitionBy("person").orderBy("s", "ee", "role")
        islands = (main.withColumn("prev", F.lag("role").over(order))
                   .withColumn("island", F.sum(F.when(F.col("role") == F.col("prev"), 0).otherwise(1)).over(order)))
        firsts = [F.min_by(f, F.when(F.col(f).isNotNull(), F.col("s"))).alias(f) for f in opt]
        runs = islands.groupBy("person", "island", "role").agg(
            F.min("s").alias("s"),
            F.when(F.max(F.col("e").isNull().cast("int")) == 1, F.lit(None)).otherwise(F.max("e")).alias("e"),
            F.count(F.lit(1)).alias("k"), *firsts)
        ahead = Window.partitionBy("person").orderBy("s", F.col("e").asc_nulls_last(), "role")
        seq = (runs.withColumn("next_role", F.lead("role").over(ahead))
               .withColumn("next_s", F.lead("s").over(ahead)).drop("island"))
        self.seq = self.keep(seq, "otg_seq")
        (kept, spells_n, people, moves, pairs, moving, roles) = self.spark.sql("""
            SELECT sum(k), count(*), count(DISTINCT person), count(next_role), count(DISTINCT role, next_role),
                   count(DISTINCT CASE WHEN next_role IS NOT NULL THEN person END), count(DISTINCT role)
            FROM otg_seq""").collect()[0]
        self.sp.unpersist()
        self.spark.catalog.dropTempView("otg_sp")
        self.report["records"].update({"side_jobs": self.before - kept, "merged": kept - spells_n, "spells": spells_n,
                                       "roles_only_side_jobs": len(self.role_ids) - roles})
        self.report["records"]["people"] = people
        self.totals = {"total": moves, "pairs": pairs, "people_moving": moving}

    # --- 7. moves ------------------------------------------------------------------------

    def moves(self) -> list[tuple]:
        self.step("moves")
        k = self.min_count
        rows = self.spark.sql(f"""
            WITH pairs AS (
                SELECT role AS a, next_role AS b, count(*) AS n, count(DISTINCT person) AS people,
                       percentile(datediff(next_s, s), array(0.25, 0.5, 0.75)) AS q,
                       percentile(datediff(next_s, e), 0.5) AS gap
                FROM otg_seq WHERE next_role IS NOT NULL GROUP BY role, next_role),
            shares AS (SELECT *, sum(n) OVER (PARTITION BY a) AS out_n FROM pairs)
            SELECT a, b, n, people, out_n, q, gap FROM shares WHERE people >= {k}""").collect()
        out = []
        for a, b, n, people, out_n, q, gap in sorted(rows, key=lambda r: (r[0], r[1])):
            out.append((a, b, n, people, round4(n / out_n), years(q[0]), years(q[1]), years(q[2]), years(gap)))
        self.report["moves"] = self.totals
        return out

    def cells(self) -> dict[tuple[int, int], int]:
        found = self.spark.sql("SELECT role, next_role, count(*) FROM otg_seq WHERE next_role IS NOT NULL "
                               "GROUP BY role, next_role").collect()
        return {(a, b): n for a, b, n in found}

    # --- 8. roles -----------------------------------------------------------------------

    def roles(self) -> list[tuple]:
        self.step("tenure")
        import numpy as np
        from pyspark.sql import Window
        from pyspark.sql import functions as F

        cut = f"DATE '{self.cutoff.isoformat()}'"
        k = self.min_count
        stats = self.spark.sql("""
            SELECT role, count(DISTINCT person) AS headcount, count(*) AS n, count(next_role) AS leaves,
                   count(*) - count(e) AS opened
            FROM otg_seq GROUP BY role""")
        table = self.spark.sql(f"""
            SELECT role, datediff(coalesce(e, {cut}), s) AS d, count(e) AS deaths, count(*) AS total
            FROM otg_seq WHERE role IN (SELECT role FROM otg_seq GROUP BY role HAVING count(DISTINCT person) >= {k})
            GROUP BY role, d""").collect()
        # The Kaplan-Meier figures in Python, on the driver: the same code and table as DuckDB's.
        table.sort(key=lambda r: (r[0], r[1]))
        columns = [np.array([r[i] for r in table], dtype=np.int64) for i in range(4)]
        median = km_medians(*columns)
        joined = stats
        for f in self.optional:
            rank = Window.partitionBy("role").orderBy(F.col("people").desc(), F.col("v"))
            modes = (self.spark.sql(f"SELECT role, {f} AS v, count(DISTINCT person) AS people FROM otg_seq "
                                    f"WHERE {f} IS NOT NULL GROUP BY role, {f}")
                     .withColumn("rank", F.row_number().over(rank))
                     .where(f"rank = 1 AND people >= {k}").select("role", F.col("v").alias(f)))
            joined = joined.join(modes, "role", "left")
        rows = joined.select("role", "headcount", "leaves", "n", "opened", *self.optional).collect()
        out = []
        for role, headcount, leaves, n, opened, *modes in sorted(rows, key=lambda r: r[0]):
            out.append((role, headcount, n, leaves, opened, median.get(role), *modes))
        return out

    # --- routes (--routes) ----------------------------------------------------------------

    def route_counts(self) -> tuple[dict[str, Any], dict[str, Any]]:
        n, k = self.routes, self.min_count
        self.keep(self.spark.sql(chain_sql("otg_seq", n)), "otg_rchain")
        paths = self.keep(self.spark.sql(paths_sql("otg_rchain", n, k)), "otg_rpaths")
        kept = f"(SELECT role FROM otg_seq GROUP BY role HAVING count(DISTINCT person) >= {k})"
        exits = self.spark.sql(exits_sql("otg_rchain", "otg_rpaths", kept, n, f"DATE '{self.cutoff.isoformat()}'",
                                         lambda a, b: f"datediff({a}, {b})"))
        return _columns(paths.columns, paths.collect()), _columns(exits.columns, exits.collect())


def _columns(names: list[str], rows: list) -> dict[str, Any]:
    """Collected rows as numpy columns of whole numbers, NULL as -1 (as the DuckDB engine hands them over)."""
    import numpy as np

    return {name: np.array([-1 if r[i] is None else r[i] for r in rows], dtype=np.int64)
            for i, name in enumerate(names)}
