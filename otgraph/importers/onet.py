"""Convert the O*NET database's related-occupations graph into an otgraph roles file.

Each occupation becomes a role (id: its O*NET-SOC code; level: its job zone; aliases: the job
titles workers reported) and each "related occupation" link a transition that keeps its
relatedness tier and index. O*NET gives no years or qualifications for these moves, so they
are derived from the job zones of the two ends (``YEARS_RULE``) and marked as estimates.

The conversion is deterministic: the same files give a byte-identical roles file.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from ..errors import DataError

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

#: Typical preparation in years for each job zone: the middle of the zone's specific vocational
#: preparation (SVP) range in the Job Zone Reference (zone 1: up to 3 months; 2: 3 months to
#: 1 year; 3: 1-2 years; 4: 2-4 years; 5: over 4 years).
ZONE_PREPARATION_YEARS = {1: 0.1, 2: 0.5, 3: 1.5, 4: 3.0, 5: 5.0}
#: Years for a move that does not go up a job zone (or where a zone is unknown).
LATERAL_YEARS = 0.25
YEARS_RULE = (
    "O*NET gives no time or qualifications for moving between related occupations. otgraph derives them from "
    "the job zones (preparation levels 1-5) of the two occupations: moving up from zone a to zone b takes the "
    "difference in typical preparation, prep(b) - prep(a) years, where prep is the middle of each zone's SVP "
    "range in the Job Zone Reference (1: 0.1, 2: 0.5, 3: 1.5, 4: 3, 5: 5), and needs the qualification "
    "'Job Zone b preparation'; moving across or down a zone, or to or from an occupation without a job zone, "
    f"takes {LATERAL_YEARS} years and needs no qualification. All such years are estimates (years_basis)."
)

TIERS = ("Primary-Short", "Primary-Long", "Supplemental")

#: SOC 2018 major groups (U.S. Bureau of Labor Statistics), used as tracks.
SOC_MAJOR_GROUPS = {
    "11": "Management", "13": "Business and Financial Operations", "15": "Computer and Mathematical",
    "17": "Architecture and Engineering", "19": "Life, Physical, and Social Science",
    "21": "Community and Social Service", "23": "Legal", "25": "Educational Instruction and Library",
    "27": "Arts, Design, Entertainment, Sports, and Media", "29": "Healthcare Practitioners and Technical",
    "31": "Healthcare Support", "33": "Protective Service", "35": "Food Preparation and Serving Related",
    "37": "Building and Grounds Cleaning and Maintenance", "39": "Personal Care and Service",
    "41": "Sales and Related", "43": "Office and Administrative Support", "45": "Farming, Fishing, and Forestry",
    "47": "Construction and Extraction", "49": "Installation, Maintenance, and Repair", "51": "Production",
    "53": "Transportation and Material Moving", "55": "Military Specific",
}

ATTRIBUTION = (
    "This product includes information from the O*NET 29.3 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA."
)
SOURCE_ID = "onet-29.3"


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


def import_onet(directory: str | os.PathLike[str]) -> dict[str, Any]:
    """Read an O*NET database folder (text files) and return roles data for otgraph."""
    directory = Path(directory)
    if not directory.is_dir():
        raise DataError(str(directory), ["not a folder: give the folder that holds the O*NET text files"])
    occupations: dict[str, dict[str, Any]] = {}
    path = str(directory / FILES["occupations"][0])
    for line, row in _rows(directory, "occupations"):
        code = row["O*NET-SOC Code"].strip()
        _check_code(path, line, code)
        if code in occupations:
            raise DataError(path, [f"line {line}: occupation {code} is listed twice"])
        occupations[code] = {"title": row["Title"].strip(), "description": row["Description"].strip()}

    zones: dict[str, int] = {}
    path = str(directory / FILES["zones"][0])
    for line, row in _rows(directory, "zones"):
        code = row["O*NET-SOC Code"].strip()
        if code not in occupations:
            raise DataError(path, [f"line {line}: unknown O*NET-SOC code {code}"])
        zone = row["Job Zone"].strip()
        if zone not in ("1", "2", "3", "4", "5"):
            raise DataError(path, [f"line {line}: job zone must be 1-5, not '{zone}'"])
        zones[code] = int(zone)

    references = {}
    path = str(directory / FILES["zone_reference"][0])
    for line, row in _rows(directory, "zone_reference"):
        zone = row["Job Zone"].strip()
        if zone not in ("1", "2", "3", "4", "5"):
            raise DataError(path, [f"line {line}: job zone must be 1-5, not '{zone}'"])
        references[int(zone)] = row

    aliases: dict[str, list[str]] = {}
    path = str(directory / FILES["titles"][0])
    for line, row in _rows(directory, "titles"):
        code = row["O*NET-SOC Code"].strip()
        if code not in occupations:
            raise DataError(path, [f"line {line}: unknown O*NET-SOC code {code}"])
        title = " ".join(row["Reported Job Title"].split())
        if title and title not in aliases.setdefault(code, []) and title != occupations[code]["title"]:
            aliases[code].append(title)

    transitions = []
    seen: set[tuple[str, str]] = set()
    path = str(directory / FILES["related"][0])
    for line, row in _rows(directory, "related"):
        a, b = row["O*NET-SOC Code"].strip(), row["Related O*NET-SOC Code"].strip()
        for code in (a, b):
            if code not in occupations:
                raise DataError(path, [f"line {line}: link to unknown O*NET-SOC code {code}"])
        tier, index = row["Relatedness Tier"].strip(), row["Index"].strip()
        if tier not in TIERS:
            raise DataError(path, [f"line {line}: relatedness tier must be one of {', '.join(TIERS)}, not '{tier}'"])
        if not index.isdigit() or not 1 <= int(index) <= 99:
            raise DataError(path, [f"line {line}: index must be a whole number from 1, not '{index}'"])
        if a == b or (a, b) in seen:
            raise DataError(path, [f"line {line}: {'self-link' if a == b else 'duplicate link'} {a} -> {b}"])
        seen.add((a, b))
        years, quals = _move(zones.get(a), zones.get(b))
        transitions.append({"from": a, "to": b, "years": years, "years_basis": "estimate",
                            "qualifications": quals, "onet": {"tier": tier, "index": int(index)},
                            "sources": [SOURCE_ID]})
    transitions.sort(key=lambda t: (t["from"], t["onet"]["index"], t["to"]))

    roles = []
    for code in sorted(occupations):
        occupation = occupations[code]
        role: dict[str, Any] = {"id": code, "title": occupation["title"], "aliases": aliases.get(code, []),
                                "kind": "job", "country": "US", "track": _track(code)}
        if code in zones:
            role["level"] = zones[code]
        role["onet_soc"] = code
        role["description"] = occupation["description"]
        role["sources"] = [SOURCE_ID]
        roles.append(role)

    qualifications = [
        {"id": f"onet-job-zone-{z}", "title": f"Job Zone {z} preparation",
         "description": " ".join(f"{references[z][k].strip()}" for k in ("Name", "Education", "Job Training")
                                 if z in references),
         "country": "US", "sources": [SOURCE_ID]}
        for z in range(1, 6)
    ]
    return {
        "meta": {
            "name": "O*NET 29.3 related occupations",
            "description": "U.S. occupations (O*NET-SOC codes) and the related-occupation links between them, "
                           "converted by otgraph import onet.",
            "source": "O*NET 29.3 Database (May 2025 release), https://www.onetcenter.org/database.html",
            "license": "CC BY 4.0",
            "attribution": ATTRIBUTION,
            "levels": "level is the O*NET job zone (1 little preparation needed ... 5 extensive preparation "
                      "needed); occupations without a job zone have no level.",
            "years": YEARS_RULE,
            "tracks": "track is the occupation's SOC 2018 major group.",
        },
        "sources": {
            SOURCE_ID: {"title": "O*NET 29.3 Database, USDOL/ETA (CC BY 4.0)", "kind": "import",
                        "publisher": "U.S. Department of Labor, Employment and Training Administration",
                        "url": "https://www.onetcenter.org/database.html", "license": "CC BY 4.0",
                        "summary": ATTRIBUTION},
        },
        "qualifications": qualifications,
        "roles": roles,
        "transitions": transitions,
    }


def _move(a: int | None, b: int | None) -> tuple[float, list[str]]:
    if a is None or b is None or b <= a:
        return LATERAL_YEARS, []
    return round(ZONE_PREPARATION_YEARS[b] - ZONE_PREPARATION_YEARS[a], 2), [f"onet-job-zone-{b}"]


def _track(code: str) -> str:
    group = code[:2]
    return f"{group} {SOC_MAJOR_GROUPS.get(group, 'Other')}"


def _check_code(path: str, line: int, code: str) -> None:
    import re

    if not re.fullmatch(r"\d{2}-\d{4}\.\d{2}", code):
        raise DataError(path, [f"line {line}: '{code}' is not an O*NET-SOC code (like 29-1122.00)"])


def dumps(data: dict[str, Any]) -> str:
    """The roles file text: stable key order, one item per line, UTF-8, newline at the end."""
    sections = []
    for key, value in data.items():
        if isinstance(value, list):
            items = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in value)
            sections.append(f' "{key}": [\n{items}\n ]')
        else:
            sections.append(f' "{key}": ' + json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n "))
    return "{\n" + ",\n".join(sections) + "\n}\n"
