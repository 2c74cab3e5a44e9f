"""Reading career records: one row per job spell (person, role, start, end; optional country, track).

Formats, chosen by the file name (a trailing ``.gz`` is allowed on each; DuckDB decompresses it):
CSV (``.csv``), TSV (``.tsv``, ``.tab``), Parquet (``.parquet``, ``.pq``) and JSON Lines
(``.jsonl``, ``.ndjson``, ``.json``: one object per line). Text formats are read with every
column as text, so nothing is guessed from a sample; Parquet ``DATE`` and ``TIMESTAMP`` columns
are used as they are.

Dates, as text, are ISO 8601 at one of three precisions, read at the middle of the period they
name (mid-point imputation, the usual reading of coarse dates in survival analysis):

- a day, ``2019-03-14`` (anything after the tenth character, such as a time, is ignored when it
  starts with ``T`` or a space): that day;
- a month, ``2019-03``: the 15th of the month;
- a year, ``2019``: 1 July.

An empty end means the spell is still open (current). An end that reads before its start is an
error only when the whole period the end names lies before the whole period the start names
(``start 2019-03, end 2018``); otherwise (``start 2019-09, end 2019``) the spell is read as
lasting no time at all. Durations are counted in days and given in years of 365.25 days.

Rows are numbered from 1 in file order, the header not counted.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import DataError, InvalidOptionError

__all__ = [
    "DATE_MACRO", "FIELDS", "SPARK_DATE", "SPARK_PREC", "check_columns", "check_readable", "file_format",
    "parse_as_of", "parse_columns", "reader_sql", "sql_name", "sql_string",
]

#: The columns a records file provides, and whether each is required.
FIELDS = {"person": True, "role": True, "start": True, "end": True, "country": False, "track": False}

_FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".parquet": "parquet", ".pq": "parquet",
            ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}

#: SQL: a date given as text (``t``, already trimmed and not empty) read as a DATE, or NULL
#: when it is not one of the three forms.
DATE_MACRO = r"""
CREATE OR REPLACE TEMP MACRO otg_date(t) AS CASE
  WHEN length(t) = 10 THEN try_strptime(t, '%Y-%m-%d')::DATE
  WHEN length(t) > 10 AND substr(t, 11, 1) IN ('T', ' ') THEN try_strptime(substr(t, 1, 10), '%Y-%m-%d')::DATE
  WHEN length(t) = 7 THEN try_strptime(t, '%Y-%m')::DATE + 14
  WHEN length(t) = 4 AND regexp_full_match(t, '[0-9]{4}') THEN make_date(t::INTEGER, 7, 1)
  ELSE NULL END;
CREATE OR REPLACE TEMP MACRO otg_prec(t) AS CASE
  WHEN length(t) = 7 THEN 1 WHEN length(t) = 4 THEN 2 ELSE 0 END;
"""

#: Spark SQL: a date given as text (``{t}``, trimmed and not empty) read as :data:`DATE_MACRO` reads it
#: in DuckDB, and its precision (0 a day, 1 a month, 2 a year).
SPARK_DATE = """CASE
  WHEN length({t}) = 10 THEN try_to_date({t}, 'yyyy-MM-dd')
  WHEN length({t}) > 10 AND substr({t}, 11, 1) IN ('T', ' ') THEN try_to_date(substr({t}, 1, 10), 'yyyy-MM-dd')
  WHEN length({t}) = 7 THEN date_add(try_to_date({t}, 'yyyy-MM'), 14)
  WHEN length({t}) = 4 AND {t} RLIKE '^[0-9]{{4}}$' THEN make_date(CAST({t} AS INT), 7, 1)
  END"""
SPARK_PREC = "CASE length({t}) WHEN 7 THEN 1 WHEN 4 THEN 2 ELSE 0 END"


def file_format(path: str | os.PathLike[str]) -> str:
    """``csv``, ``tsv``, ``parquet`` or ``jsonl``, from the file name (``.gz`` allowed)."""
    name = Path(path).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = Path(name).suffix
    if suffix not in _FORMATS:
        raise DataError(str(path), [f"unknown records format '{suffix or name}': use .csv, .tsv, .parquet or "
                                    ".jsonl (each may end in .gz)"])
    return _FORMATS[suffix]


def parse_columns(columns: str | Mapping[str, str] | None) -> dict[str, str]:
    """Map otgraph's column names to the file's: ``"person=emp_id,role=job_title"`` or a dict.

    >>> parse_columns("person=emp_id, role=job_title")["role"]
    'job_title'
    >>> parse_columns(None)["end"]
    'end'
    """
    mapping = {name: name for name in FIELDS}
    if columns is None:
        return mapping
    if isinstance(columns, str):
        pairs = {}
        for part in columns.split(","):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise InvalidOptionError(f"columns: '{part.strip()}' is not NAME=COLUMN "
                                         "(e.g. person=emp_id,role=job_title)", argument="columns")
            pairs[key.strip()] = value.strip()
        columns = pairs
    for key, value in columns.items():
        if key not in FIELDS:
            raise InvalidOptionError(f"columns: unknown name '{key}'; the names are {', '.join(FIELDS)}",
                                     argument="columns")
        mapping[key] = value
    return mapping


_AS_OF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_as_of(value: str | dt.date | None, argument: str = "as_of") -> dt.date | None:
    """``as_of``: a date read like the records' dates (a month as its 15th, a year as 1 July).

    >>> parse_as_of("2020-02")
    datetime.date(2020, 2, 15)
    """
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    text = str(value).strip()
    try:
        if not _AS_OF.match(text):
            raise ValueError
        if len(text) == 4:
            return dt.date(int(text), 7, 1)
        if len(text) == 7:
            return dt.date.fromisoformat(text + "-15")
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidOptionError(f"{argument}: '{text}' is not a date like 2024-06-30, 2024-06 or 2024",
                                 argument=argument) from None


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def reader_sql(path: str | os.PathLike[str], fmt: str, text_columns: list[str] | None = None) -> str:
    """A DuckDB table function reading the records file (every column as text, except Parquet)."""
    p = sql_string(str(path))
    if fmt == "csv":
        return f"read_csv({p}, header=true, all_varchar=true, delim=',', quote='\"', escape='\"')"
    if fmt == "tsv":
        return f"read_csv({p}, header=true, all_varchar=true, delim='\\t', quote='\"', escape='\"')"
    if fmt == "parquet":
        return f"read_parquet({p})"
    if text_columns is None:
        return f"read_json({p}, format='newline_delimited')"
    types = ", ".join(f"{sql_string(c)}: 'VARCHAR'" for c in text_columns)
    return f"read_json({p}, format='newline_delimited', columns={{{types}}})"


def check_readable(path: str | os.PathLike[str]) -> Path:
    file = Path(path)
    name = str(path)
    if not file.exists():
        raise DataError(name, ["no such file"])
    if file.is_dir():
        raise DataError(name, ["is a directory, not a records file"])
    if not os.access(file, os.R_OK):
        raise DataError(name, ["permission denied"])
    return file


def check_columns(mapping: Mapping[str, str], columns: Iterable[str], source: str) -> tuple[list[str], list[str]]:
    """The optional fields the file has, and the file's columns the computation reads; DataError
    naming each missing column (and the file's columns) otherwise. Used by every engine.

    >>> check_columns({f: f for f in FIELDS}, ["person", "role", "start", "end"], "x.csv")
    ([], ['person', 'role', 'start', 'end'])
    """
    columns = list(columns)
    present = set(columns)
    missing = [f'missing column "{mapping[f]}" ({f})' for f, required in FIELDS.items()
               if required and mapping[f] not in present]
    missing += [f'missing column "{mapping[f]}" ({f}, named in --columns)' for f, required in FIELDS.items()
                if not required and mapping[f] != f and mapping[f] not in present]
    if missing:
        shown = ", ".join(f'"{name}"' for name in columns[:20])
        raise DataError(source, [f"{m}; the file has columns {shown}" for m in missing])
    optional = [f for f, required in FIELDS.items() if not required and mapping[f] in present]
    used = [mapping[f] for f in FIELDS if f in ("person", "role", "start", "end") or f in optional]
    return optional, used
