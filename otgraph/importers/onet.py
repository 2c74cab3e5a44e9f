"""Convert the O*NET database's related-occupations graph into an otgraph roles file.

Each occupation becomes a role (id: its O*NET-SOC code; level: its job zone; reported_titles: the
job titles workers reported, kept apart from aliases) and each "related occupation" link a transition
that keeps its relatedness tier and index. O*NET gives no years or qualifications for these moves, so they
are derived from the job zones of the two ends (``YEARS_RULE``, graded ``derived``).

Entry requirements are gates (``REQUIRES_RULE``): an occupation of Job Zone b requires that
zone's preparation or a higher zone's, which a move up into the zone awards; the licensed
occupations of the licence table (:mod:`otgraph.importers.onet_licensing`) also require their
education, exam and licence, which only their own entry route awards.

The conversion is deterministic: the same files give a byte-identical roles file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import DataError
from .onet_files import FILES, _rows
from .onet_licensing import NOT_CHECKED, TABLE_SOURCE_ID, LicenceTable, licensing_additions, load_table
from .onet_names import SOURCES as ABBREVIATION_SOURCES
from .onet_names import abbreviations
from .onet_rules import (
    MANAGEMENT_EVIDENCE,
    MANAGEMENT_EXPERIENCE,
    MANAGEMENT_QUALIFICATION,
    is_management,
    management_stages,
    needs_management_stage,
    supervision,
)
from .ot_entry import load_entry_table

__all__ = [
    "ATTRIBUTION", "FILES", "LATERAL_YEARS", "REQUIRES_RULE", "SOC_MAJOR_GROUPS", "SOURCE_ID", "TIERS",
    "YEARS_RULE", "ZONE_EVIDENCE", "ZONE_PREPARATION_RANGE", "ZONE_PREPARATION_YEARS",
    "ZONE_QUALIFICATION_PREFIX", "dumps", "import_onet",
]

#: Typical preparation in years for each job zone: the middle of the zone's specific vocational
#: preparation (SVP) range in the Job Zone Reference (zone 1: up to 3 months; 2: 3 months to
#: 1 year; 3: 1-2 years; 4: 2-4 years; 5: over 4 years).
ZONE_PREPARATION_YEARS = {1: 0.1, 2: 0.5, 3: 1.5, 4: 3.0, 5: 5.0}
#: The SVP range of each zone in years (low, high); zone 5 is open above ("over 4 years").
ZONE_PREPARATION_RANGE: dict[int, tuple[float, float | None]] = {
    1: (0.0, 0.25), 2: (0.25, 1.0), 3: (1.0, 2.0), 4: (2.0, 4.0), 5: (4.0, None)}
#: Years for a move that does not go up a job zone (or into an occupation without a zone).
LATERAL_YEARS = 0.25
#: Id prefix of the Job Zone preparation qualifications (``onet-job-zone-1`` ... ``-5``).
ZONE_QUALIFICATION_PREFIX = "onet-job-zone-"
ZONE_EVIDENCE = {"grade": "derived", "rule": "job-zone-preparation", "source": "onet-29.3",
                 "locator": "Job Zone Reference.txt"}
YEARS_RULE = (
    "O*NET gives no time or qualifications for moving between related occupations. otgraph derives them from "
    "the job zones (preparation levels 1-5) of the two occupations (rule job-zone-preparation, grade derived): "
    "moving up from zone a to zone b takes the difference in typical preparation, prep(b) - prep(a) years, where "
    "prep is the middle of each zone's SVP range in the Job Zone Reference (1: 0.1, 2: 0.5, 3: 1.5, 4: 3, 5: 5); "
    "years_min and years_max are the least and most differences the SVP ranges allow (1: 0-0.25, 2: 0.25-1, "
    "3: 1-2, 4: 2-4, 5: over 4, so open above); the move awards the qualification 'Job Zone b preparation'. "
    f"Moving across or down a zone, or into an occupation without a job zone, takes {LATERAL_YEARS} years and "
    "awards nothing; moving from an occupation without a job zone up into zone b counts zone b's whole "
    "preparation (grade estimate). A move into a Job Zone 4-5 occupation that the licence table did not check "
    "says 'licence not checked' and is graded estimate. Entry routes of licensed occupations take the table's "
    "education years (years_kind source-range); moves into an entry route take 0 years; the bachelor's degree "
    "takes 4 (Job Zone Reference, zone 4: 'a four-year bachelor's degree')."
)
REQUIRES_RULE = (
    "Requirements are gates (groups: every group must be met; a list is alternatives). An occupation of Job Zone "
    "b requires 'Job Zone b preparation' or a higher zone's (its own zone first), graded derived; a move up into "
    "zone b awards it, so a holder of a higher zone meets a lower zone's group. Licensed occupations (the licence "
    "table data/onet-licensing.json, decided per O*NET-SOC code from the BLS Occupational Outlook Handbook's 'How "
    "to Become One') also require their entry education, exam and licence (APRNs the RN licence too; physicians "
    "their specialty), with the table's evidence. Each has an entry route (role entry:<code>, kind education) "
    "whose move into the occupation is the only one that awards its licence, with moves into the route from every "
    "occupation O*NET relates to the licensed one. Where the table's prior is a bachelor's, the route and the "
    "occupation require us-bachelors-degree (Job Zone preparation does not stand in for it); edu:us-bachelors "
    "awards it in 4 years, from any occupation with a job zone that does not already require it (use --have for a "
    "degree already held). OT and OT assistant ids are those of the curated dataset (us-mot/us-otd, nbcot-otr, "
    "us-state-ot-licence; us-ota-associate-degree, nbcot-cota, us-state-ota-licence). Broad codes (for example "
    "11-9111.00 managers, 25-1071.00 teachers) carry no licence of their own."
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


def import_onet(directory: str | os.PathLike[str],
                licensing: str | os.PathLike[str] | LicenceTable | None = None) -> dict[str, Any]:
    """Read an O*NET database folder (text files) and return roles data for otgraph.

    ``licensing`` is the licence table (a path, or a loaded table); by default the packaged
    ``data/onet-licensing.json``.
    """
    directory = Path(directory)
    table = licensing if isinstance(licensing, LicenceTable) else load_table(licensing)
    if not directory.is_dir():
        raise DataError(str(directory), ["not a folder: give the folder that holds the O*NET text files"])
    occupations = _read_occupations(directory)
    zones = _read_zones(directory, occupations)
    references = _read_zone_references(directory)
    aliases = _read_reported_titles(directory, occupations)
    links = _read_links(directory, occupations, zones, table)
    transitions, seen = links["moves"], links["seen"]
    # Into a licensed occupation only through its entry route (added below), unless the move
    # comes from an occupation holding the same licence: the licence then never needs carrying
    # through a search (otgraph.gates), and leaving a licensed occupation and coming back is not
    # modelled (a licence may lapse).
    licence_of = {c: ((o.get("licence") or {}).get("id"), (o.get("specialty") or {}).get("id"))
                  for c, o in table.licensed.items()}
    redirected = {(t["from"], t["to"]): t["onet"] for t in transitions
                  if t["to"] in licence_of and licence_of.get(t["from"]) != licence_of[t["to"]]}
    ranks = {(t["from"], t["to"]): t["onet"] for t in transitions}
    transitions = [t for t in transitions if (t["from"], t["to"]) not in redirected
                   and not needs_management_stage(t["from"], t["to"], occupations)]
    transitions.sort(key=lambda t: (t["from"], t["onet"]["index"], t["to"]))
    extra = licensing_additions(table, occupations, zones, sorted(seen), _zone_id, _zone_group, SOURCE_ID,
                                load_entry_table())
    stages = management_stages(occupations, zones, sorted(seen),
                               {c for c in occupations if _unchecked(table, c, zones.get(c))}, _move, _zone_group)
    # an O*NET link that now leads into an entry route or a management stage keeps its rank
    _keep_ranks(extra["moves"], redirected)
    _keep_ranks(stages["moves"], ranks)
    transitions.extend(extra["moves"])
    transitions.extend(stages["moves"])
    roles = [_role(code, occupations[code], zones, aliases, extra["requires"]) for code in sorted(occupations)]
    roles.extend(extra["roles"])
    roles.extend(stages["roles"])
    qualifications = [
        {"id": _zone_id(z), "title": f"Job Zone {z} preparation",
         "description": " ".join(f"{references[z][k].strip()}" for k in ("Name", "Education", "Job Training")
                                 if z in references),
         "country": "US", "derived": True, "sources": [SOURCE_ID]}
        for z in range(1, 6)
    ] + extra["qualifications"] + [dict(MANAGEMENT_QUALIFICATION)]
    return {
        "meta": _meta(occupations),
        "sources": {
            SOURCE_ID: {"title": "O*NET 29.3 Database, USDOL/ETA (CC BY 4.0)", "kind": "import",
                        "publisher": "U.S. Department of Labor, Employment and Training Administration",
                        "url": "https://www.onetcenter.org/database.html", "license": "CC BY 4.0",
                        "summary": ATTRIBUTION},
            **extra["sources"],
            **{k: dict(v) for k, v in ABBREVIATION_SOURCES.items()},
        },
        "qualifications": qualifications,
        "roles": roles,
        "transitions": transitions,
    }


def _read_occupations(directory: Path) -> dict[str, dict[str, str]]:
    occupations: dict[str, dict[str, str]] = {}
    path = str(directory / FILES["occupations"][0])
    for line, row in _rows(directory, "occupations"):
        code = row["O*NET-SOC Code"].strip()
        _check_code(path, line, code)
        if code in occupations:
            raise DataError(path, [f"line {line}: occupation {code} is listed twice"])
        occupations[code] = {"title": row["Title"].strip(), "description": row["Description"].strip()}
    return occupations


def _job_zone(path: str, line: int, row: dict[str, str]) -> int:
    zone = row["Job Zone"].strip()
    if zone not in ("1", "2", "3", "4", "5"):
        raise DataError(path, [f"line {line}: job zone must be 1-5, not '{zone}'"])
    return int(zone)


def _known_code(path: str, line: int, row: dict[str, str], occupations: dict[str, Any]) -> str:
    code = row["O*NET-SOC Code"].strip()
    if code not in occupations:
        raise DataError(path, [f"line {line}: unknown O*NET-SOC code {code}"])
    return code


def _read_zones(directory: Path, occupations: dict[str, Any]) -> dict[str, int]:
    path = str(directory / FILES["zones"][0])
    return {_known_code(path, line, row, occupations): _job_zone(path, line, row)
            for line, row in _rows(directory, "zones")}


def _read_zone_references(directory: Path) -> dict[int, dict[str, str]]:
    path = str(directory / FILES["zone_reference"][0])
    return {_job_zone(path, line, row): row for line, row in _rows(directory, "zone_reference")}


def _read_reported_titles(directory: Path, occupations: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    path = str(directory / FILES["titles"][0])
    for line, row in _rows(directory, "titles"):
        code = _known_code(path, line, row, occupations)
        title = " ".join(row["Reported Job Title"].split())
        if title and title not in aliases.setdefault(code, []) and title != occupations[code]["title"]:
            aliases[code].append(title)
    return aliases


def _read_links(directory: Path, occupations: dict[str, dict[str, str]], zones: dict[str, int],
                table: LicenceTable) -> dict[str, Any]:
    """The related-occupation links as moves (``moves``) and the (from, to) pairs (``seen``)."""
    transitions = []
    seen: set[tuple[str, str]] = set()
    path = str(directory / FILES["related"][0])
    for line, row in _rows(directory, "related"):
        a, b = row["O*NET-SOC Code"].strip(), row["Related O*NET-SOC Code"].strip()
        tier, index = _check_link(path, line, row, occupations)
        if a == b or (a, b) in seen:
            raise DataError(path, [f"line {line}: {'self-link' if a == b else 'duplicate link'} {a} -> {b}"])
        seen.add((a, b))
        move = _move(zones.get(a), zones.get(b), unchecked=_unchecked(table, b, zones.get(b)))
        move = supervision(move, occupations[a]["title"], occupations[b]["title"], zones.get(b))
        transitions.append({"from": a, "to": b, **move, "onet": {"tier": tier, "index": index},
                            "sources": [SOURCE_ID]})
    return {"moves": transitions, "seen": seen}


def _check_link(path: str, line: int, row: dict[str, str], occupations: dict[str, Any]) -> tuple[str, int]:
    """A link row's relatedness tier and index, after checking both its codes."""
    for code in (row["O*NET-SOC Code"].strip(), row["Related O*NET-SOC Code"].strip()):
        if code not in occupations:
            raise DataError(path, [f"line {line}: link to unknown O*NET-SOC code {code}"])
    tier, index = row["Relatedness Tier"].strip(), row["Index"].strip()
    if tier not in TIERS:
        raise DataError(path, [f"line {line}: relatedness tier must be one of {', '.join(TIERS)}, not '{tier}'"])
    if not index.isdigit() or not 1 <= int(index) <= 99:
        raise DataError(path, [f"line {line}: index must be a whole number from 1, not '{index}'"])
    return tier, int(index)


def _keep_ranks(moves: list[dict[str, Any]], ranks: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Give a move into ``entry:CODE`` the O*NET rank of the link it replaces (from -> CODE)."""
    for move in moves:
        if move["to"].startswith("entry:") and (move["from"], move["to"][len("entry:"):]) in ranks:
            move["onet"] = ranks[move["from"], move["to"][len("entry:"):]]


def _role(code: str, occupation: dict[str, str], zones: dict[str, int], aliases: dict[str, list[str]],
          licensed_requires: dict[str, Any]) -> dict[str, Any]:
    """One occupation as a role: its job zone as level, and what it requires (the licence
    table's groups, else its job zone's preparation; management experience for managers)."""
    role: dict[str, Any] = {"id": code, "title": occupation["title"], "reported_titles": aliases.get(code, []),
                            "kind": "job", "country": "US", "track": _track(code)}
    if code in zones:
        role["level"] = zones[code]
    role["onet_soc"] = code
    role["description"] = occupation["description"]
    if code in licensed_requires:
        role["requires"], role["requires_evidence"] = licensed_requires[code]
    elif code in zones:
        role["requires"] = [_zone_group(zones[code])]
        role["requires_evidence"] = [dict(ZONE_EVIDENCE, locator="Job Zones.txt; Job Zone Reference.txt")]
    if is_management(code):
        role["requires"] = [*role.get("requires", []), MANAGEMENT_EXPERIENCE]
        role["requires_evidence"] = [*role.get("requires_evidence", []), dict(MANAGEMENT_EVIDENCE)]
    role["sources"] = [SOURCE_ID, TABLE_SOURCE_ID] if code in licensed_requires else [SOURCE_ID]
    return role


def _meta(occupations: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": "O*NET 29.3 related occupations",
        "description": "U.S. occupations (O*NET-SOC codes) and the related-occupation links between them, "
                       "converted by otgraph import onet.",
        "source": "O*NET 29.3 Database (May 2025 release), https://www.onetcenter.org/database.html",
        "license": "CC BY 4.0",
        "attribution": ATTRIBUTION,
        "levels": "level is the O*NET job zone (1 little preparation needed ... 5 extensive preparation "
                  "needed); occupations without a job zone have no level.",
        "years": YEARS_RULE,
        "requires": REQUIRES_RULE,
        "tracks": "track is the occupation's SOC 2018 major group; entry routes and the bachelor's degree "
                  "are on the track education.",
        "abbreviations": abbreviations(set(occupations)),
        "imported": "otgraph import onet: a generated dataset; merged with a curated file, the curated "
                    "entry of a shared qualification id wins",
    }


def _zone_id(zone: int) -> str:
    return f"{ZONE_QUALIFICATION_PREFIX}{zone}"


def _zone_group(zone: int) -> str | list[str]:
    """What an occupation of this zone requires: its zone's preparation or a higher zone's (own zone first)."""
    ids = [_zone_id(z) for z in range(zone, 6)]
    return ids[0] if len(ids) == 1 else ids


def _unchecked(table: LicenceTable, code: str, zone: int | None) -> bool:
    """A Job Zone 4-5 occupation whose licensing the table did not decide."""
    return zone is not None and zone >= 4 and not table.checked(code)


def _move(a: int | None, b: int | None, unchecked: bool = False) -> dict[str, Any]:
    """Years, range, evidence and awards of a move between occupations of job zones a and b."""
    evidence: dict[str, Any] = dict(ZONE_EVIDENCE)
    awards: list[str] = []
    if b is None or (a is not None and b <= a):
        years = low = high = LATERAL_YEARS
    elif a is None:
        years = ZONE_PREPARATION_YEARS[b]
        low, high = ZONE_PREPARATION_RANGE[b]
        awards = [_zone_id(b)]
        evidence = dict(evidence, grade="estimate",
                        note="The occupation moved from has no job zone: zone b's whole preparation is counted.")
    else:
        years = round(ZONE_PREPARATION_YEARS[b] - ZONE_PREPARATION_YEARS[a], 2)
        (low_a, high_a), (low_b, high_b) = ZONE_PREPARATION_RANGE[a], ZONE_PREPARATION_RANGE[b]
        assert high_a is not None  # only zone 5 is open above, and a < b
        low = round(max(0.0, low_b - high_a), 2)
        high = None if high_b is None else round(high_b - low_a, 2)
        awards = [_zone_id(b)]
    move: dict[str, Any] = {"years": years, "years_min": low, "years_max": high, "years_kind": "estimate"}
    if unchecked:
        evidence = dict(evidence, grade="estimate", note=NOT_CHECKED)
    move["years_evidence"] = evidence
    move["awards"] = awards
    move["requires"] = []
    if unchecked:
        move["note"] = NOT_CHECKED
    return move


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
