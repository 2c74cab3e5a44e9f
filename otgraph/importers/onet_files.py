"""The O*NET database files the importer reads: their names and headers, and one checked reader."""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import DataError

__all__ = ["FILES"]

FILES = {
    "occupations": ("Occupation Data.txt", ["O*NET-SOC Code", "Title", "Description"]),
    "zones": ("Job Zones.txt", ["O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source"]),
    "zone_reference": ("Job Zone Reference.txt",
                       ["Job Zone", "Name", "Experience", "Education", "Job Training", "Examples", "SVP Range"]),
    "related": ("Related Occupations.txt",
                ["O*NET-SOC Code", "Title", "Related O*NET-SOC Code", "Related Title", "Relatedness Tier", "Index"]),
    "titles": ("Sample of Reported Titles.txt",
               ["O*NET-SOC Code", "Title", "Reported Job Title", "Shown in My Next Move"]),
}


def _rows(directory: Path, key: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row of one O*NET file, after checking its header."""
    name, header = FILES[key]
    path = directory / name
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            found = next(reader, None)
            if found != header:
                raise DataError(str(path), [f"line 1: expected the header {' | '.join(header)}, found "
                                            f"{' | '.join(found) if found else 'an empty file'}"])
            rows = []
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    raise DataError(str(path), [f"line {reader.line_num}: expected {len(header)} tab-separated "
                                                f"fields, found {len(row)}"])
                rows.append((reader.line_num, dict(zip(header, row, strict=True))))
            return rows
    except FileNotFoundError:
        raise DataError(str(path), ["missing: an O*NET database folder needs this file"]) from None
    except IsADirectoryError:
        raise DataError(str(path), ["is a directory, not an O*NET file"]) from None
    except UnicodeDecodeError as exc:
        raise DataError(str(path), [f"not UTF-8 text (byte offset {exc.start})"]) from None
    except OSError as exc:
        raise DataError(str(path), [f"cannot read: {exc.strerror or exc}"]) from None
