"""The computation, in DuckDB SQL (embedded, out of core): records in, roles data and a report out.

Steps, each one SQL statement over the whole file:

1. **Read and check** every row (see :mod:`otgraph.learn.records` for formats and dates). A row
   with an empty person or role, an empty or unparseable start, an unparseable end, or an end
   before its start is *bad*: an error naming its row and column, or with ``skip_bad`` skipped
   and counted.
2. **Censoring date** (``as_of``): given, or else the latest date in the records. Spells that
   start after it are dropped (counted), ends after it are read as still open.
3. **Exact duplicate rows** (same person, role, start, end, country, track) are dropped, counted.
4. **Titles to roles**: each raw title becomes a role (``--map-to`` matches it to a dataset's
   role, else its normalised name is the role).
5. **Side jobs**: a spell that starts and ends inside another spell of the same person (an open
   spell ends never) is a side job: counted, not a move. Of two spells with the same dates, the
   one whose role sorts first is kept.
6. **Same-role runs** merge: consecutive spells (in order of start, then end, then role) in the
   same role become one spell from the first start to the last end (no A -> A moves).
7. **Moves**: B follows A when B is the next spell to start after A. Per pair: ``count``,
   ``people`` (distinct), ``share`` (count / all moves out of A: Schubert, Stansbury and
   Taska's transition share), years from start(A) to start(B) as quartiles, and the median gap
   from end(A) to start(B) (negative when the spells overlap).
8. **Roles**: head count (distinct people), ``n`` (spells after merging), the outcome shares
   (``moved_share``: spells followed by a move to another role; ``left_share``: ended with no
   later spell, the person left the records; ``open_share``: open at the censoring date), and
   the Kaplan-Meier median tenure with its 95% log-log interval: a spell open at the censoring
   date is censored there; the figures are :func:`otgraph.learn.survival.km_medians`' from a
   table per role and duration (days), the same call as the Spark engine's.

Figures: quartiles are exact, ``quantile_cont`` (linear interpolation between order statistics,
type 7 in Hyndman and Fan: numpy's default, R's default, Spark's ``percentile``), computed on
whole days and then turned into years of 365.25 days; every figure is rounded to 4 decimals.

The order of the steps, the checks of the options, raw titles to role ids (step 4's Python) and
the roles data built from the rows are :mod:`otgraph.learn.run`'s, shared with the Spark engine.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from typing import Any

from ..errors import DataError, InvalidOptionError
from .cleaning import fill_needed_sql, spells_sql
from .engines import require_duckdb
from .records import DATE_MACRO, check_columns, check_readable, file_format, reader_sql, sql_name
from .routes import chain_sql, check_routes, exits_order, exits_sql, paths_sql
from .run import MAX_LISTED, YEAR, Notify, Progress, Run, RunInput, options, settings
from .survival import km_medians

__all__ = ["DEFAULT_MEMORY_LIMIT", "DuckRun", "learn_graph"]

#: DuckDB's memory limit unless told: enough for 10M spells without spilling much to disk.
DEFAULT_MEMORY_LIMIT = "1GB"


def learn_graph(records: str | os.PathLike[str], *, columns: str | Mapping[str, str] | None = None,
                as_of: str | dt.date | None = None, min_count: int = 10,
                map_to: str | os.PathLike[str] | None = None, skip_bad: bool = False,
                memory_limit: str | None = None, threads: int | None = None,
                progress: Progress | None = None, today: str | dt.date | None = None, strict: bool = False,
                notify: Notify | None = None, title_overrides: str | os.PathLike[str] | None = None,
                mapping_audit: list[dict[str, Any]] | None = None, missing_end: str = "next-start",
                routes: int | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Learn a career graph from career records: ``(roles data, report)``.

    ``records`` is a CSV, TSV, Parquet or JSON Lines file (gzip allowed) with one row per job
    spell; ``columns`` maps otgraph's names (person, role, start, end, country, track) to the
    file's, as a dict or ``"person=emp_id,role=title"``. ``as_of`` is the date open spells are
    censored at (default: the latest date in the records on or before the run date, ``today``, by
    default the system's date). Roles and moves held by fewer than ``min_count`` people are left
    out, and further ones wherever a left-out figure could be worked out from the rest
    (:func:`otgraph.learn.privacy.protect`). A start after the run date is a warning
    (``notify``, see :class:`otgraph.learn.run.Run`), a bad row under ``strict`` or ``skip_bad``.
    ``map_to`` (``"roles"``, ``"onet"`` or a roles file) maps raw titles to that dataset's role ids
    (per country when the records have a ``country`` column), with an analyst's corrections from
    ``title_overrides`` (a CSV ``raw_title,role_id``). ``mapping_audit``, a list, receives one
    entry per raw title (and country): its people, role and method or why it was left out; it is
    an internal audit, not for publication (:func:`otgraph.learn.mapping.audit_rows`).
    Bad rows raise :class:`~otgraph.errors.DataError` naming the row and column, unless ``skip_bad``.
    ``missing_end``: a missing end followed by a later spell of the same person is read as ended
    at that spell's start (``"next-start"``, counted as ``missing_end_closed``) or as still open
    (``"open"``: every later spell is then a side job).
    ``routes`` (a whole number of moves, at least 1) adds the statistics of routes of up to that
    many moves, from the people who entered their first role (:mod:`otgraph.learn.routes`).
    ``memory_limit`` (DuckDB's, e.g. ``"2GB"``) and ``threads`` bound the engine.
    Nothing is printed and no file is written.
    """
    duckdb = require_duckdb()
    source = str(records)
    file = check_readable(records)
    fmt = file_format(file)
    mapping, cutoff, target, run_date = options(columns, as_of, min_count, threads, map_to, today,
                                                       title_overrides)
    routes = check_routes(routes)
    report: dict[str, Any] = {}

    with tempfile.TemporaryDirectory(prefix="otgraph-learn-") as spill:
        config = {"memory_limit": memory_limit or DEFAULT_MEMORY_LIMIT, "threads": threads or os.cpu_count() or 1,
                  "temp_directory": spill, "preserve_insertion_order": True}
        try:
            con = duckdb.connect(":memory:", config=config)
        except duckdb.Error as exc:
            # threads is checked above: what DuckDB refuses is the memory limit
            raise InvalidOptionError(f"memory_limit: {_first_line(exc)}", argument="memory_limit") from None
        try:
            given = RunInput(source, file, fmt, mapping, cutoff, min_count, target, skip_bad, run_date, strict,
                             missing_end, routes)
            run = DuckRun(con, given, progress, report, notify)
            data = run.learn()
            if mapping_audit is not None:
                mapping_audit.extend(run.mapping_entries)
        except duckdb.Error as exc:
            raise DataError(source, [_first_line(exc)]) from None
        finally:
            con.close()
    report["settings"] = settings(min_count, cutoff, skip_bad, target, strict, missing_end)
    return data, report


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


class DuckRun(Run):
    """The steps of :class:`otgraph.learn.run.Run` in DuckDB SQL, on the connection ``con``."""

    def __init__(self, con, given: RunInput, *args):
        super().__init__(given, *args)
        self.con = con

    def sql(self, query: str, params: list[Any] | None = None):
        return self.con.execute(query, params or [])

    def scalar(self, query: str) -> Any:
        return self.sql(query).fetchone()[0]

    # --- 1. read and check -----------------------------------------------------------

    def read(self) -> None:
        self.step("reading")
        con = self.con
        con.execute(DATE_MACRO)
        described = con.execute(f"DESCRIBE SELECT * FROM {reader_sql(self.file, self.fmt)}").fetchall()
        types = {row[0]: str(row[1]).upper() for row in described}
        self.optional, used = check_columns(self.mapping, types, self.source)
        reader = reader_sql(self.file, self.fmt, used if self.fmt == "jsonl" else None)

        def text(field: str) -> str:
            return f"nullif(trim(CAST({sql_name(self.mapping[field])} AS VARCHAR)), '')"

        typed: list[str] = []

        def date(field: str) -> tuple[str, str]:
            column = sql_name(self.mapping[field])
            kind = types[self.mapping[field]] if self.fmt == "parquet" else "VARCHAR"
            if kind == "DATE" or kind.startswith("TIMESTAMP"):
                typed.append(f", CAST({column} AS DATE) AS {field[0]}_typed")
                return f"{field[0]}_typed", "0"
            raw = f"{field[0]}_raw"
            return f"otg_date({raw})", f"otg_prec({raw})"

        s_date, s_prec = date("start")
        e_date, e_prec = date("end")
        extra = "".join(f", {text(f)} AS {f}" for f in self.optional)
        s_lo = "CASE sp WHEN 0 THEN s WHEN 1 THEN s - 14 ELSE make_date(year(s), 1, 1) END"
        e_hi = "CASE ep WHEN 0 THEN e WHEN 1 THEN last_day(e) ELSE make_date(year(e), 12, 31) END"
        con.execute(f"""
            CREATE TABLE rec AS SELECT * EXCLUDE (no_person), CASE
                WHEN no_person THEN 'person' WHEN role IS NULL THEN 'role'
                WHEN s_raw IS NULL THEN 'start_empty' WHEN s IS NULL THEN 'start'
                WHEN e_raw IS NOT NULL AND e IS NULL THEN 'end'
                WHEN e IS NOT NULL AND {e_hi} < {s_lo} THEN 'order'
                WHEN s > DATE '{self.today.isoformat()}' THEN 'future' END AS problem
            FROM (
                SELECT hash(person) AS person, person IS NULL AS no_person, role, s_raw, e_raw,
                       {s_date} AS s, {s_prec} AS sp, {e_date} AS e, {e_prec} AS ep
                       {''.join(f', {f}' for f in self.optional)}
                FROM (SELECT {text('person')} AS person, {text('role')} AS role, {text('start')} AS s_raw,
                             {text('end')} AS e_raw {extra} {''.join(typed)}
                      FROM {reader}) AS src)
        """)

    def check(self) -> None:
        self.step("checking")
        rows = self.scalar("SELECT count(*) FROM rec")
        counts = dict(self.sql("SELECT problem, count(*) FROM rec WHERE problem IS NOT NULL GROUP BY problem")
                      .fetchall())
        self.tally(rows, counts)

    def listed_bad(self, kinds: tuple[str, ...]) -> list[tuple]:
        return self.sql(f"SELECT rowid + 1, problem, s_raw, e_raw FROM rec WHERE problem IN "
                        f"({', '.join(repr(k) for k in kinds)}) ORDER BY rowid LIMIT {MAX_LISTED}").fetchall()

    # --- 2.-3. censoring date, duplicates ---------------------------------------------

    def clean_rows(self) -> None:
        con = self.con
        today = f"DATE '{self.today.isoformat()}'"
        good_rows = "(problem IS NULL OR problem = 'future')" if self.lenient else "problem IS NULL"
        if self.cutoff is None:
            self.cutoff = self.scalar(f"""
                SELECT max(greatest(CASE WHEN s <= {today} THEN s END, CASE WHEN e <= {today} THEN e END))
                FROM rec WHERE problem IS NULL""") or self.today
            self.cutoff_given = False
        else:
            self.cutoff_given = True
        cut = f"DATE '{self.cutoff.isoformat()}'"
        extra = "".join(f", {f}" for f in self.optional)
        good, after, ends = self.sql(f"SELECT count(*), count_if(s > {cut}), count_if(s <= {cut} AND e > {cut}) "
                                     f"FROM rec WHERE {good_rows}").fetchone()
        source = f"(SELECT * FROM rec WHERE {good_rows} AND s <= {cut})"
        fill = self.fill and self.scalar(fill_needed_sql(source)) > 0
        con.execute("CREATE TABLE sp AS " + spells_sql(source, cut, extra, "(s - DATE '1970-01-01')", fill))
        con.execute("DROP TABLE rec")
        distinct, closed = self.sql("SELECT count(*), count_if(closed) FROM sp").fetchone()
        self.report["records"].update({"after_as_of": after, "ends_after_as_of": ends,
                                       "duplicates": good - after - distinct, "missing_end_closed": closed})

    # --- 4. titles to roles -----------------------------------------------------------

    def map_roles(self) -> None:
        self.step("mapping titles")
        if self.by_country:
            rows = self.sql("SELECT role, country, count(DISTINCT person) FROM sp GROUP BY role, country "
                            "ORDER BY role, country NULLS FIRST").fetchall()
            people = dict(self.sql("SELECT role, count(DISTINCT person) FROM sp GROUP BY role").fetchall())
        else:
            rows = self.sql("SELECT role, NULL, count(DISTINCT person) FROM sp GROUP BY role ORDER BY role").fetchall()
            people = None
        role_of = self.assign_roles(rows, people)
        # Roles travel through the SQL as small integers, numbered in the order of their ids.
        # (List parameters unnested side by side: no pyarrow import, no row-by-row insert.)
        code = {role_id: i for i, role_id in enumerate(self.role_ids)}
        self.con.execute("CREATE TEMP TABLE titlemap AS SELECT unnest(?::VARCHAR[]) AS raw, "
                         "unnest(?::VARCHAR[]) AS map_country, unnest(?::INTEGER[]) AS id",
                         [[k[0] for k in role_of], [k[1] for k in role_of], [code[r] for r in role_of.values()]])

    # --- 5.-6. side jobs and same-role runs --------------------------------------------

    def clean_spells(self) -> None:
        self.step("cleaning")
        con = self.con
        sp_opt = "".join(f", sp.{f}" for f in self.optional)
        tie = "".join(f", {f} NULLS FIRST" for f in self.optional)
        before = self.scalar("SELECT count(*) FROM sp")
        on_country = "AND sp.country IS NOT DISTINCT FROM m.map_country" if self.by_country else ""
        # A side job lies inside an earlier spell (prev_max: the latest end so far), or across a
        # renewal: from inside one (cr, ending at prev_max) to before the end of the next spell,
        # of that role and starting at most a day after it ends. One window pass for both.
        con.execute(f"""
            CREATE TABLE main AS SELECT * EXCLUDE (prev_max, cr, nr, ns, ne) FROM (
                SELECT *, max(ee) OVER w AS prev_max, arg_max(role, {{'ee': ee, 'r': role}}) OVER w AS cr,
                       lead(role) OVER v AS nr, lead(s) OVER v AS ns, lead(ee) OVER v AS ne
                FROM (SELECT person, m.id AS role, s, e, coalesce(e, DATE '9999-12-31') AS ee {sp_opt}
                      FROM sp JOIN titlemap AS m ON sp.role = m.raw {on_country})
                WINDOW v AS (PARTITION BY person ORDER BY s, ee DESC, role{tie}),
                       w AS (v ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))
            WHERE (prev_max IS NULL OR prev_max < ee)
              AND NOT coalesce(s <= prev_max AND nr = cr AND role <> cr AND ns - prev_max <= 1 AND ee <= ne, false)""")
        con.execute("DROP TABLE sp")
        con.execute("DROP TABLE titlemap")
        kept = self.scalar("SELECT count(*) FROM main")
        if self.optional:
            # A run takes each optional field from its earliest spell that has one (arg_min skips
            # NULLs), which needs every spell of the run: islands grouped, then the next run.
            firsts = "".join(f", arg_min({f}, s) AS {f}" for f in self.optional)
            con.execute(f"""
                CREATE TABLE runs AS
                SELECT person, role, min(s) AS s, CASE WHEN bool_or(e IS NULL) THEN NULL ELSE max(e) END AS e {firsts}
                FROM (SELECT *, sum(CASE WHEN role = prev THEN 0 ELSE 1 END)
                                  OVER (PARTITION BY person ORDER BY s, ee, role) AS island
                      FROM (SELECT *, lag(role) OVER (PARTITION BY person ORDER BY s, ee, role) AS prev FROM main))
                GROUP BY person, island, role""")
            con.execute("""
                CREATE TABLE seq AS SELECT *, lead(role) OVER w AS next_role, lead(s) OVER w AS next_s
                FROM runs WINDOW w AS (PARTITION BY person ORDER BY s, e NULLS LAST, role)""")
            con.execute("DROP TABLE runs")
        else:
            # Same-role runs, each with the run that follows it, in one statement. Kept spells
            # have distinct starts and increasing ends (each ends after every earlier one), so a
            # run is its first spell with its last spell's end (only a last spell can be open),
            # and the next run starts at the row after the run's last: windows over the first
            # and last rows of runs, then the first rows kept.
            con.execute("""
                CREATE TABLE seq AS SELECT * EXCLUDE (first, last) FROM (
                    SELECT person, role, s, CASE WHEN last THEN e ELSE lead(e) OVER w END AS e,
                           CASE WHEN last THEN lead(role) OVER w ELSE lead(role, 2) OVER w END AS next_role,
                           CASE WHEN last THEN lead(s) OVER w ELSE lead(s, 2) OVER w END AS next_s, first, last
                    FROM (SELECT *, role IS DISTINCT FROM lag(role) OVER v AS first,
                                 role IS DISTINCT FROM lead(role) OVER v AS last
                          FROM main WINDOW v AS (PARTITION BY person ORDER BY s)) AS flagged
                    WHERE first OR last
                    WINDOW w AS (PARTITION BY person ORDER BY s)) AS runs
                WHERE first""")
        con.execute("DROP TABLE main")
        spells, people, roles = self.sql("SELECT count(*), count(DISTINCT person), count(DISTINCT role) FROM seq"
                                         ).fetchone()
        self.report["records"].update({"side_jobs": before - kept, "merged": kept - spells,
                                       "spells": spells, "roles_only_side_jobs": len(self.role_ids) - roles})
        self.report["records"]["people"] = people

    # --- 7. moves ------------------------------------------------------------------------

    def moves(self) -> list[tuple]:
        self.step("moves")
        k = self.min_count
        self.con.execute("""
            CREATE TEMP TABLE pairs AS
            SELECT role AS a, next_role AS b, count(*) AS n, count(DISTINCT person) AS people,
                   quantile_cont(next_s - s, [0.25, 0.5, 0.75]) AS q, quantile_cont(next_s - e, 0.5) AS gap
            FROM seq WHERE next_role IS NOT NULL GROUP BY a, b""")
        rows = self.sql(f"""
            WITH shares AS (SELECT *, n / sum(n) OVER (PARTITION BY a) AS share FROM pairs)
            SELECT a, b, n, people, round(share, 4), round(q[1] / {YEAR}, 4), round(q[2] / {YEAR}, 4),
                   round(q[3] / {YEAR}, 4), round(gap / {YEAR}, 4)
            FROM shares WHERE people >= {k} ORDER BY a, b""").fetchall()
        moving = self.scalar("SELECT count(DISTINCT person) FROM seq WHERE next_role IS NOT NULL")
        total, pairs = self.sql("SELECT coalesce(sum(n), 0)::BIGINT, count(*) FROM pairs").fetchone()
        self.report["moves"] = {"total": total, "pairs": pairs, "people_moving": moving}
        return rows

    def cells(self) -> dict[tuple[int, int], int]:
        a, b, n = self.sql("SELECT a, b, n FROM pairs").fetchnumpy().values()
        return dict(zip(zip(a.tolist(), b.tolist(), strict=True), n.tolist(), strict=True))

    # --- 8. roles -----------------------------------------------------------------------

    def roles(self) -> list[tuple]:
        self.step("tenure")
        cut = f"DATE '{self.cutoff.isoformat()}'"
        k = self.min_count
        stats = self.sql("""
            SELECT role, count(DISTINCT person) AS headcount, count(*) AS n, count(next_role) AS leaves,
                   count_if(e IS NULL) AS opened
            FROM seq GROUP BY role ORDER BY role""").fetchall()
        # Per role and duration (days): spells ended, all spells; the Kaplan-Meier figures are
        # then km_medians' in Python, the same code as the Spark engine's.
        table = self.sql(f"""
            SELECT role, coalesce(e, {cut}) - s AS d, count(e) AS deaths, count(*) AS total FROM seq
            WHERE role IN (SELECT role FROM seq GROUP BY role HAVING count(DISTINCT person) >= {k})
            GROUP BY role, d ORDER BY role, d""").fetchnumpy()
        median = km_medians(table["role"], table["d"], table["deaths"], table["total"])
        modes: list[dict[int, Any]] = []
        for f in self.optional:
            modes.append(dict(self.sql(f"""
                SELECT role, v FROM (
                    SELECT role, {f} AS v, count(DISTINCT person) AS people,
                           row_number() OVER (PARTITION BY role ORDER BY count(DISTINCT person) DESC, {f}) AS rank
                    FROM seq WHERE {f} IS NOT NULL GROUP BY role, {f})
                WHERE rank = 1 AND people >= {k}""").fetchall()))
        return [(role, headcount, n, leaves, opened, median.get(role), *(m.get(role) for m in modes))
                for role, headcount, n, leaves, opened in stats]


    # --- routes (--routes) ----------------------------------------------------------------

    def route_counts(self) -> tuple[dict[str, Any], dict[str, Any]]:
        import numpy as np

        n, k = self.routes, self.min_count
        self.con.execute(f"CREATE TEMP TABLE rchain AS {chain_sql('seq', n)}")
        self.con.execute(f"CREATE TEMP TABLE rpaths AS {paths_sql('rchain', n, k)}")
        kept = f"(SELECT role FROM seq GROUP BY role HAVING count(DISTINCT person) >= {k})"
        paths = _filled(self.sql("SELECT * FROM rpaths").fetchnumpy())
        exits = self.sql(exits_sql("rchain", "rpaths", kept, n, f"DATE '{self.cutoff.isoformat()}'",
                                   lambda a, b: f"({a} - {b})") + f" ORDER BY {exits_order(n)}").fetchnumpy()
        self.con.execute("DROP TABLE rchain")
        self.exits_sorted = True  # DuckDB sorts them as route_figures would
        return paths, {name: np.asarray(col) for name, col in exits.items()}


def _filled(columns: dict[str, Any]) -> dict[str, Any]:
    """Numpy columns with NULL (a masked entry) as -1."""
    import numpy as np

    return {name: np.ma.filled(np.ma.asarray(col), -1).astype(np.int64) for name, col in columns.items()}
