"""``otgraph learn``: learn a career graph from career records (one row per job spell).

The command parses options, calls :func:`otgraph.learn.learn_graph`, writes the roles file (and
the report) atomically, and prints a summary. Errors are one line on stderr, exit status 2.
Warnings (a start after the run date) and notes (the observation date derived from the records,
which no file gets) are lines on stderr, ``otgraph: warning: ...``; with ``--json`` one JSON
object each, ``{"warning": ...}`` or ``{"note": ...}``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

import click

from ..labels import count
from . import data_option

__all__ = ["COMMANDS", "PROGRESS_BYTES", "learn_command", "summary_lines"]

#: Records bigger than this show a progress bar (on a terminal only).
PROGRESS_BYTES = 20_000_000


def _fail(message: str) -> None:
    raise click.UsageError(message)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@click.command("learn")
@data_option
@click.argument("records", metavar="RECORDS")
@click.option("-o", "--output", metavar="FILE", required=True, help="The roles file to write (JSON).")
@click.option("--columns", metavar="NAME=COLUMN,...",
              help="The file's names for person, role, start, end (and country, track), e.g. "
                   "person=emp_id,role=job_title,start=from,end=to.")
@click.option("--as-of", metavar="DATE", help="Censor spells still open at this date (default: the latest date "
                                             "in the records). 2024-06-30, 2024-06 or 2024.")
@click.option("--min-count", type=int, default=10, show_default=True,
              help="Leave out roles and moves held by fewer people than this.")
@click.option("--map-to", metavar="roles|onet|FILE",
              help="Map raw titles to this dataset's roles (ids, titles, aliases, O*NET reported titles, then "
                   "fuzzy matching); unmatched titles stay roles of their own.")
@click.option("--title-overrides", metavar="FILE",
              help="With --map-to: a CSV raw_title,role_id of titles to map by hand (before every other rule).")
@click.option("--mapping-report", metavar="FILE",
              help="Also write an internal audit of the title mapping (CSV, not for publication): each raw title "
                   "held by at least --min-count people, its role and method or why it was left out.")
@click.option("--audit-unsafe", is_flag=True,
              help="With --mapping-report: list every raw title, however few hold it (the file is then personal "
                   "data).")
@click.option("--missing-end", type=click.Choice(["next-start", "open"]), default="next-start", show_default=True,
              help="A missing end followed by a later spell of the person: ended at that start, or still open "
                   "(every later spell a side job).")
@click.option("--routes", "routes", metavar="N", type=int,
              help="Also learn route statistics from people: for each sequence of up to N moves taken by at least "
                   "--min-count people, the share of the people entering its first role who complete it within "
                   "2, 5 and 10 years (Aalen-Johansen), and how long those who completed it took.")
@click.option("--report", metavar="FILE", help="Also write a report (counts only) as JSON.")
@click.option("--skip-bad", is_flag=True, help="Skip and count bad rows instead of stopping at them.")
@click.option("--strict", is_flag=True, help="A start after the run date is a bad row (default: a warning).")
@click.option("--today", metavar="DATE", help="The run date (default: the system's date): starts after it are "
                                             "warned about; the default observation date is the latest date in "
                                             "the records on or before it.")
@click.option("--memory-limit", metavar="SIZE", help="DuckDB's memory limit, e.g. 2GB (default 1GB); it spills "
                                                   "to a temporary folder beyond it.")
@click.option("--threads", type=int, help="Threads DuckDB may use (default: all cores).")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="duckdb (embedded) or spark (PySpark: pip install \"otgraph[spark]\", Java 17+); both give "
                   "byte-identical files.")
@click.option("--master", metavar="URL", help="With --engine spark: Spark's master, e.g. local[2], yarn, "
                                             "spark://host:7077 (default: spark-submit's, else local[*]).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary (the report) as JSON.")
def learn_command(records: str, output: str, columns: str | None, as_of: str | None, min_count: int,
                  map_to: str | None, title_overrides: str | None, mapping_report: str | None, audit_unsafe: bool,
                  missing_end: str, routes: int | None, report: str | None, skip_bad: bool, strict: bool,
                  today: str | None,
                  memory_limit: str | None, threads: int | None, engine: str, master: str | None,
                  as_json: bool) -> None:
    """Learn a career graph from career records: RECORDS (CSV, TSV, Parquet or JSON Lines, gzip
    allowed) has one row per job spell: person, role, start, end (empty while current).

    \b
    Examples:
      otgraph learn spells.csv -o learned.json
      otgraph learn hr.parquet -o learned.json --columns person=emp_id,role=job_title --map-to roles
      otgraph learn hr.parquet -o learned.json --engine spark --master local[2]
      otgraph learn spells.csv -o learned.json --routes 3
    """
    from ..learn import write_all
    from ..learn.mapping import audit_rows

    if routes is not None and routes < 1:
        _fail(f"--routes must be a whole number of moves of at least 1, not {routes}")
    _check_usage(records, output, report, mapping_report, engine=engine, master=master,
                 audit_unsafe=audit_unsafe, title_overrides=title_overrides, map_to=map_to)
    if engine == "spark":
        from ..learn.engines import require_spark

        require_spark()  # before any work: exit 2 naming what to install
    audit: list[dict] | None = [] if mapping_report is not None else None
    options = {"columns": columns, "as_of": as_of, "min_count": min_count, "map_to": map_to, "skip_bad": skip_bad,
               "memory_limit": memory_limit, "threads": threads, "today": today, "strict": strict,
               "notify": _notifier(as_json), "title_overrides": title_overrides, "mapping_audit": audit,
               "missing_end": missing_end, "routes": routes}
    if engine == "spark":
        options["master"] = master
    with _bad_rows_in_one_line():
        data, summary = _learn(records, engine, options, show_progress=not as_json)
        files = [(data, output)] + ([(summary, report)] if report else [])
        if mapping_report is not None:
            files.append((_csv(audit_rows(audit, min_count, audit_unsafe)), mapping_report))
        write_all(files)
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(summary_lines(summary, output, min_count)))


def _check_usage(records: str, output: str, report: str | None, mapping_report: str | None, *, engine: str,
                 master: str | None, audit_unsafe: bool, title_overrides: str | None, map_to: str | None) -> None:
    if master is not None and engine != "spark":
        _fail("--master is for --engine spark")
    if audit_unsafe and mapping_report is None:
        _fail("--audit-unsafe is for --mapping-report")
    if title_overrides is not None and map_to is None:
        _fail("--title-overrides needs --map-to (the dataset whose role ids it names)")
    written = [(output, "--output"), (report, "--report"), (mapping_report, "--mapping-report")]
    for path, what in written:
        if path is not None and (_same_file(path, records) or Path(path).resolve() == Path(records).resolve()):
            _fail(f"{what} {path} is the records file: it is never overwritten")
    for i, (path, what) in enumerate(written):
        for other, other_what in written[i + 1:]:
            if path is not None and other is not None and Path(path).resolve() == Path(other).resolve():
                _fail(f"{what} and {other_what} name the same file")


def _notifier(as_json: bool):
    def notify(kind: str, message: str) -> None:
        # stderr only: a note may carry a date derived from the records, which no file gets
        if as_json:
            click.echo(json.dumps({kind: message}, ensure_ascii=False), err=True)
        else:
            click.echo(f"otgraph: {kind}: {message}", err=True)

    return notify


@contextlib.contextmanager
def _bad_rows_in_one_line():
    """A records error as one line: the first bad row, and how many more (``--skip-bad`` skips them)."""
    from ..errors import DataError

    try:
        yield
    except DataError as exc:
        bad = exc.bad_rows
        if not bad:
            raise
        first = exc.problems[0] if exc.problems else "invalid data"
        tail = f" (and {bad - 1} more bad row{'s' if bad > 2 else ''}; --skip-bad skips them)" if bad > 1 else \
            " (--skip-bad skips it)"
        raise DataError(exc.source, [first + tail]) from None


def _learn(records: str, engine: str, options: dict, *, show_progress: bool) -> tuple[dict, dict]:
    """Learn, with a progress bar for big records on a terminal."""
    from ..learn import STAGES, learn_graph

    try:
        size = os.stat(records).st_size
    except OSError:
        size = 0  # the library reports the unreadable file
    if not (show_progress and size >= PROGRESS_BYTES and sys.stderr.isatty()):
        return learn_graph(records, engine=engine, **options)
    with click.progressbar(length=len(STAGES), label="learning", file=sys.stderr, show_eta=False) as bar:
        def progress(stage: str) -> None:
            bar.label = stage
            bar.update(1)

        return learn_graph(records, engine=engine, progress=progress, **options)


def summary_lines(summary: dict, output: str, min_count: int) -> list[str]:
    """The summary of a learning run, as the command prints it."""
    rec = summary["records"]

    def n(value: int | None) -> str:
        return "(withheld)" if value is None else f"{value:,}"

    out = [f"{output}: {count(summary['roles']['kept'], 'role')} and {count(summary['moves']['kept'], 'move')} "
           f"learned from {n(rec['spells'])} spells of {n(rec['people'])} people",
           f"  left out (fewer than {min_count} people, or to protect those): "
           f"{count(summary['roles']['suppressed'], 'role')}, {count(summary['moves']['suppressed'], 'move')}",
           f"  dropped: {n(rec['duplicates'])} duplicate rows, {n(rec['side_jobs'])} side jobs, "
           f"{n(rec['merged'])} same-role spells merged, {rec['skipped_bad']:,} bad rows skipped",
           f"  dates: {n(rec['after_as_of'])} spells start after the observation date, "
           f"{n(rec['ends_after_as_of'])} end after it (read as open), {n(rec['missing_end_closed'])} "
           "missing ends read as ended at the next start"]
    if rec["roles_only_side_jobs"]:
        out.append(f"  {count(rec['roles_only_side_jobs'], 'role')} held only as side jobs (in no move or role "
                   "figure)")
    if "routes" in summary:
        found = summary["routes"]
        out.append(f"  routes of up to {count(found['max_moves'], 'move')}: {found['kept']:,} of the "
                   f"{found['taken']:,} taken by at least {min_count} people published "
                   "(the rest to protect suppressed figures)")
    titles = summary["titles"]
    if "exact" in titles:
        out.append("  titles: " + ", ".join(f"{titles[k]} {k}" for k in ("override", "exact", "normalised", "onet",
                                                                          "band", "fuzzy", "ambiguous", "unmatched")))
        for item in titles.get("most_common_unmapped", []):
            where = f" ({item['country']})" if "country" in item else ""
            out.append(f"    unmapped: {item['title']}{where}: {item['why']}")
    return out


def _csv(rows: list[list]) -> str:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


COMMANDS = [learn_command]
