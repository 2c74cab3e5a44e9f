"""Entry requirements for the O*NET graph: the licence table and the entry routes it implies.

``data/onet-licensing.json`` lists, per O*NET-SOC code (never per SOC group), the licensed
occupations near occupational therapy with their entry education, exam and licence, each with a
source. :func:`licensing_additions` turns it into roles-file pieces:

- a licensed occupation ``requires`` the table's groups (education, exam, licence; APRNs also
  the RN licence, physicians also their specialty), with ``requires_evidence`` from the table;
- it gets an entry-route role ``entry:<code>`` (kind ``education``) and a move from the route
  into the occupation that *awards* the education, exam and licence (and the occupation's Job
  Zone preparation), taking the table's years: the only move that awards the licence;
- every occupation with a related-occupation link into it gets a move into its entry route
  (0 years: the route's time is on its own move), so someone without the licence goes through it;
- a route whose table entry needs a prior bachelor's (``education.prior_degree``) requires
  ``us-bachelors-degree``, and so does the occupation (its holders have one, so starting there
  holds it). Job Zone 4-5 preparation does not stand in for the degree: a move up a zone takes
  far less than a degree (1.5 years from zone 3 to 4). One education role, ``edu:us-bachelors``,
  awards the degree in 4 years, with a move into it from every occupation with a job zone that
  does not already require it (a zone 4-5 holder who has a degree says so with ``--have``) and a
  move out to every route that needs it.

Occupations the table checked and found unlicensed (``unlicensed_within_two_links``) and those
with ``licensed: false`` keep only the Job Zone rule. Every other occupation of Job Zone 4-5 is
*unchecked*: a move into it says "licence not checked" and its years are graded ``estimate``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..read import read_table
from .ot_entry import EntryTable

__all__ = ["BACHELORS_ID", "BACHELORS_QUALIFICATION", "LICENSING_FILE", "TABLE_SOURCE_ID", "LicenceTable",
           "default_table_path", "entry_route_id", "licensing_additions", "load_table"]

LICENSING_FILE = "onet-licensing.json"
TABLE_SOURCE_ID = "otgraph-onet-licensing"
BACHELORS_ID = "edu:us-bachelors"
BACHELORS_QUALIFICATION = "us-bachelors-degree"
BACHELORS_YEARS = 4.0
NOT_CHECKED = "licence not checked"
ROUTE_START_NOTE = ("Starting an entry route takes no time of its own: its years are on the route's move into the "
                    "occupation.")


def default_table_path() -> Path:
    """The licence table beside the packaged datasets (``data/onet-licensing.json``)."""
    from ..read import data_dir

    return data_dir() / LICENSING_FILE


def entry_route_id(code: str) -> str:
    return f"entry:{code}"


@dataclass(frozen=True)
class LicenceTable:
    """The parts of the licence table the importer uses."""

    name: str
    meta: dict[str, Any]
    sources: dict[str, dict[str, Any]]
    occupations: dict[str, dict[str, Any]]
    unlicensed: dict[str, str]
    not_checked: tuple[str, ...]

    @property
    def licensed(self) -> dict[str, dict[str, Any]]:
        return {c: o for c, o in sorted(self.occupations.items()) if o.get("licensed")}

    def checked(self, code: str) -> bool:
        """Whether the table decided this code (licensed or not)."""
        return code in self.occupations or code in self.unlicensed


def load_table(path: str | os.PathLike[str] | None = None) -> LicenceTable:
    """Read and check the licence table; DataError naming the file and each problem."""
    file = Path(path) if path is not None else default_table_path()
    name = str(file)
    data = read_table(file, "the O*NET importer needs the licence table (data/onet-licensing.json)")
    sources = data.get("sources", {})
    occupations = data.get("occupations", {})
    unlicensed = data.get("unlicensed_within_two_links", {})
    not_checked = data.get("not_checked", [])
    if not isinstance(sources, dict) or not isinstance(occupations, dict) or not isinstance(unlicensed, dict) \
            or not isinstance(not_checked, list):
        raise DataError(name, ["expected sources, occupations and unlicensed_within_two_links objects and a "
                               "not_checked list"])
    problems: list[str] = []
    for code, occ in occupations.items():
        problems.extend(_occupation_problems(f"occupations.{code}", occ, sources))
    problems.extend(f"not_checked: {code} is also decided in the table"
                    for code in not_checked if code in occupations or code in unlicensed)
    if problems:
        raise DataError(name, problems)
    return LicenceTable(name=name, meta=data.get("meta", {}), sources=sources, occupations=occupations,
                        unlicensed=unlicensed, not_checked=tuple(not_checked))


def _occupation_problems(where: str, occ: Any, sources: dict[str, Any]) -> list[str]:
    """What is wrong with one occupation of the licence table (nothing for an unlicensed one)."""
    if not isinstance(occ, dict):
        return [f"{where}: expected an object"]
    if not occ.get("licensed"):
        return []
    missing = [f"{where}.{part}: missing" for part in ("education", "exam", "licence", "evidence")
               if not isinstance(occ.get(part), dict)]
    if missing:
        return missing
    education = occ["education"]
    problems = [f"{where}.education.{key}: missing" for key in ("id", "years") if key not in education]
    low, typical, high = (education.get(k) for k in ("years_min", "years", "years_max"))
    if all(isinstance(v, (int, float)) for v in (low, typical, high)) and not low <= typical <= high:
        problems.append(f"{where}.education: years_min <= years <= years_max fails ({low}, {typical}, {high})")
    if occ["evidence"].get("source") not in sources:
        problems.append(f'{where}.evidence.source: unknown source "{occ["evidence"].get("source")}"')
    if not isinstance(occ.get("requires"), list) or not occ["requires"]:
        problems.append(f"{where}.requires: a licensed occupation needs its requirement groups")
    return problems


def _table_evidence(occ: dict[str, Any], note: str | None = None) -> dict[str, Any]:
    ev = occ["evidence"]
    out: dict[str, Any] = {"grade": ev.get("grade", "estimate"), "source": ev["source"]}
    if "locator" in ev:
        out["locator"] = ev["locator"]
    if note:
        out["note"] = note
    for key in ("confirmed_by", "unconfirmed"):
        if ev.get(key):
            out[key] = list(ev[key])
    return out


def _sources_of(occ: dict[str, Any], table: LicenceTable) -> list[str]:
    ev = occ["evidence"]
    ids = [ev["source"], *(s for s in ev.get("confirmed_by", []) if s in table.sources)]
    return list(dict.fromkeys(ids)) + [TABLE_SOURCE_ID]


def _prerequisite_stage(step: dict[str, Any], holders: str) -> dict[str, Any]:
    """The education stage a prerequisite step leads into (the bridge starts there too)."""
    return {"id": step["stage"]["id"], "title": step["stage"]["title"], "aliases": [], "kind": "education",
            "country": "US", "track": "education",
            "description": f"Coursework for {holders} that awards what the bridge asks for: {step.get('note', '')}",
            "requires": list(step["awards"]),
            "requires_evidence": [{"grade": "sourced", "source": step["years_evidence"]["source"],
                                   "locator": step["years_evidence"]["locator"]} for _ in step["awards"]],
            "sources": list(step["sources"])}


def _programme_move(a: str, code: str, own: dict[str, dict[str, Any]], occupations: dict[str, dict[str, Any]],
                    title: str) -> dict[str, Any]:
    """The move from ``a`` into an entry route whose programme the entry table gives: the
    programme's figures, needing its prior degree (the bachelor's for the MOT)."""
    education = own["education"]
    note = f"The programme into {title}" + (f" (O*NET relates {occupations[a]['title']} to it)" if a in occupations
                                              else "") + "."
    return {"from": a, "to": entry_route_id(code), **EntryTable.figures(education),
            "requires": list(education.get("requires", [])), "note": note + " " + education.get("note", "")}


def licensing_additions(table: LicenceTable, occupations: dict[str, dict[str, Any]], zones: dict[str, int],
                        links: list[tuple[str, str]], zone_id: Any, zone_group: Any,
                        onet_source: str, entry: EntryTable | None = None) -> dict[str, Any]:
    """Requirements, roles, moves, qualifications and sources that the licence table adds.

    ``occupations`` maps the O*NET codes read to their titles; ``links`` are the related-occupation
    links (from, to); ``zone_id(z)`` and ``zone_group(z)`` give a zone's qualification id and
    requirement group. Codes of the table that the O*NET folder lacks are left out.

    ``entry`` (:mod:`otgraph.importers.ot_entry`) gives the steps of the occupations it covers
    (OT, OT assistant): their programme is the move into the entry route (which needs the prior
    degree, not the occupation), the exam and licence the route's move into the occupation, and
    a bridge a move from the bridged occupation into the route.
    """
    out = _Additions(table, occupations, zones, onet_source, entry)
    for code, occ in out.licensed.items():
        out.add_licensed(code, occ, zone_id, zone_group)
    out.add_links_in(links)
    if out.needs_bachelors:
        out.add_bachelors()
    out.add_bridges()
    return out.result()


class _Additions:
    """What the licence table adds, gathered occupation by occupation."""

    def __init__(self, table: LicenceTable, occupations: dict[str, dict[str, Any]], zones: dict[str, int],
                 onet_source: str, entry: EntryTable | None):
        self.table, self.occupations, self.zones, self.onet_source, self.entry = (
            table, occupations, zones, onet_source, entry)
        self.steps = entry.by_occupation() if entry is not None else {}
        self.licensed = {c: o for c, o in table.licensed.items() if c in occupations}
        self.requires: dict[str, tuple[list[Any], list[dict[str, Any]]]] = {}
        self.qualifications: dict[str, dict[str, Any]] = {
            q["id"]: dict(q) for q in (entry.qualifications if entry else ())}
        self.roles: list[dict[str, Any]] = []
        self.moves: list[dict[str, Any]] = []
        self.used_sources: set[str] = set()
        self.needs_bachelors: list[str] = []

    def qualification(self, qid: str, title: str, description: str, source: str) -> None:
        if qid in self.qualifications:
            if self.qualifications[qid]["title"] != title:
                raise DataError(self.table.name, [f'qualification "{qid}" has two titles: '
                                                  f'"{self.qualifications[qid]["title"]}" and "{title}"'])
            return
        self.qualifications[qid] = {"id": qid, "title": title, "description": description, "country": "US",
                                    "sources": [source]}

    def add_licensed(self, code: str, occ: dict[str, Any], zone_id: Any, zone_group: Any) -> None:
        """One licensed occupation: its qualifications, requirements, entry route and the move in."""
        self.used_sources.update(s for s in _sources_of(occ, self.table) if s in self.table.sources)
        self._qualifications_of(code, occ)
        own = self.steps.get(code, {})
        zone = self.zones.get(code)
        self.requires[code] = _occupation_requires(occ, own, zone, zone_group, self.onet_source)
        awards = [occ["education"]["id"], occ["exam"]["id"], occ["licence"]["id"]]
        if occ.get("specialty"):
            awards.append(occ["specialty"]["id"])
        if zone is not None:
            awards.append(zone_id(zone))
        self.roles.append(self._entry_route(code, occ, own))
        self.moves.append(self._route_move(code, occ, own, awards))

    def _qualifications_of(self, code: str, occ: dict[str, Any]) -> None:
        source, education = occ["evidence"]["source"], occ["education"]
        alternatives = education.get("alternatives", [])
        named = [("Entry education", education), *(("Entry education", alt) for alt in alternatives),
                 ("Exam", occ["exam"]), ("Licence", occ["licence"])]
        if occ.get("specialty"):
            named.append(("Specialty training", occ["specialty"]))
        for what, q in named:
            self.qualification(q["id"], q["title"], f"{what} for {occ['title']} ({code}): {q['title']}", source)

    def _entry_route(self, code: str, occ: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
        """The education stage through which someone without the licence enters ``code``."""
        education, route = occ["education"], entry_route_id(code)
        degree = education.get("prior_degree")
        route_groups: list[Any] = []
        route_evidence: list[dict[str, Any]] = []
        if degree:
            if not own:
                route_groups.append(degree)
                route_evidence.append(dict(_table_evidence(occ, f"Prior: {education.get('prior', degree)}."),
                                           rule="prior-degree"))
            self.needs_bachelors.append(route)
        for qid in occ.get("requires_prior_licence", []):
            route_groups.append(qid)
            route_evidence.append(_table_evidence(occ, f"Prior: {education.get('prior', qid)}."))
        role: dict[str, Any] = {
            "id": route, "title": f"{occ['title']} entry route", "aliases": [], "kind": "education", "country": "US",
            "track": "education",
            "description": f"The way into {occ['title']} ({code}) for someone without its licence: "
                           f"{education['title']}, then the {occ['exam']['title']}, "
                           f"then the {occ['licence']['title']}."}
        if route_groups:
            role["requires"] = route_groups
            role["requires_evidence"] = route_evidence
        role["sources"] = _sources_of(occ, self.table)
        return role

    def _route_move(self, code: str, occ: dict[str, Any], own: dict[str, Any], awards: list[str]) -> dict[str, Any]:
        """The entry route's move into ``code``, the only move that awards its licence."""
        education, exam, licence = occ["education"], occ["exam"], occ["licence"]
        if own:
            licensing = EntryTable.figures(own["licence"])
            self.used_sources.update(licensing["sources"])
            return {"from": entry_route_id(code), "to": code, **licensing,
                    "awards": [*licensing["awards"], *awards[3 if not occ.get("specialty") else 4:]], "requires": [],
                    "note": f"Entry route: {exam['title']}, then the {licence['title']}; the only move that "
                            "awards the licence."}
        years = education["years"]
        return {
            "from": entry_route_id(code), "to": code, "years": years, "years_min": education.get("years_min", years),
            "years_max": education.get("years_max", years), "years_kind": "source-range",
            "years_evidence": _table_evidence(occ), "awards": awards, "requires": [],
            "note": f"Entry route: {education['title']}, {exam['title']}, {licence['title']}; the only move that "
                    f"awards the licence.",
            "sources": _sources_of(occ, self.table)}

    def add_links_in(self, links: list[tuple[str, str]]) -> None:
        """Each O*NET link into a licensed occupation leads into its entry route instead."""
        into: dict[str, set[str]] = {}
        for a, b in links:
            if b in self.licensed:
                into.setdefault(b, set()).add(a)
        for code in sorted(into):
            title = self.licensed[code]["title"]
            for a in sorted(into[code]):
                if code in self.steps:
                    self.moves.append(_programme_move(a, code, self.steps[code], self.occupations, title))
                    continue
                self.moves.append({
                    "from": a, "to": entry_route_id(code), "years": 0, "years_min": 0, "years_max": 0,
                    "years_kind": "estimate",
                    "years_evidence": {"grade": "estimate", "note": ROUTE_START_NOTE},
                    "awards": [], "requires": [],
                    "note": f"O*NET relates {self.occupations[a]['title']} to {title}, a licensed "
                            "occupation: the way in without its licence is its entry route.",
                    "sources": [self.onet_source, TABLE_SOURCE_ID]})

    def add_bachelors(self) -> None:
        """The bachelor's degree stage: from every occupation that does not require one, into
        every entry route that needs one."""
        onet_source = self.onet_source
        self.qualifications.setdefault(BACHELORS_QUALIFICATION, {
            "id": BACHELORS_QUALIFICATION, "title": "Bachelor's degree",
            "description": "A four-year bachelor's degree: the prior degree of the entry routes that need one",
            "country": "US", "sources": [onet_source]})
        self.roles.append({
            "id": BACHELORS_ID, "title": "US bachelor's degree", "aliases": [], "kind": "education", "country": "US",
            "track": "education",
            "description": "A four-year bachelor's degree, the prior degree of the licensed occupations' entry routes "
                           "that need one.",
            "requires": [BACHELORS_QUALIFICATION],
            "requires_evidence": [{"grade": "sourced", "source": onet_source,
                                   "locator": "Job Zone Reference.txt > Job Zone 4 > Education"}],
            "sources": [onet_source, TABLE_SOURCE_ID]})
        years_evidence = {"grade": "sourced", "source": onet_source,
                          "locator": "Job Zone Reference.txt > Job Zone 4 > Education ('a four-year bachelor's "
                                     "degree')"}
        for code in sorted(self.occupations):
            if code in self.zones and BACHELORS_QUALIFICATION not in self.requires.get(code, ((), ()))[0]:
                self.moves.append({
                    "from": code, "to": BACHELORS_ID, "years": BACHELORS_YEARS, "years_min": BACHELORS_YEARS,
                    "years_max": BACHELORS_YEARS, "years_kind": "source-range", "years_evidence": years_evidence,
                    "awards": [BACHELORS_QUALIFICATION], "requires": [], "sources": [onet_source, TABLE_SOURCE_ID]})
        for route in sorted(self.needs_bachelors):
            code = route[len("entry:"):]
            if code in self.steps:
                self.moves.append(_programme_move(BACHELORS_ID, code, self.steps[code], {},
                                                  self.licensed[code]["title"]))
                continue
            self.moves.append({
                "from": BACHELORS_ID, "to": route, "years": 0, "years_min": 0, "years_max": 0,
                "years_kind": "estimate",
                "years_evidence": {"grade": "estimate", "note": ROUTE_START_NOTE},
                "awards": [], "requires": [], "sources": [TABLE_SOURCE_ID]})

    def add_bridges(self) -> None:
        """The entry table's bridges (an OT assistant's way into the OT route) and their prerequisite stages."""
        for code, own in sorted(self.steps.items()):
            if code not in self.licensed:
                continue
            self.used_sources.update(s for step in own.values() for s in step["sources"])
            bridge = own.get("bridge")
            if bridge is None or bridge["bridge_from"] not in self.occupations:
                continue
            start, route = bridge["bridge_from"], entry_route_id(code)
            self.moves[:] = [m for m in self.moves if (m["from"], m["to"]) != (start, route)]
            self.moves.append({"from": start, "to": route, **EntryTable.figures(bridge),
                               "requires": list(bridge.get("requires", []))})
            prerequisite = own.get("prerequisite")
            if prerequisite is not None:
                self.roles.append(_prerequisite_stage(prerequisite, self.occupations[start]["title"]))
                stage = prerequisite["stage"]["id"]
                self.moves.append({"from": start, "to": stage, **EntryTable.figures(prerequisite), "requires": []})
                self.moves.append({"from": stage, "to": route, **EntryTable.figures(bridge), "requires": []})

    def result(self) -> dict[str, Any]:
        known = {**(self.entry.sources if self.entry is not None else {}), **self.table.sources}
        sources = {k: known[k] for k in sorted(self.used_sources)}
        sources[TABLE_SOURCE_ID] = {
            "title": "otgraph licence table for O*NET occupations near occupational therapy "
                     "(data/onet-licensing.json)",
            "kind": "analysis", "file": "data/onet-licensing.json",
            "summary": self.table.meta.get("description", "Licensed occupations with their entry education, exam "
                                                          "and licence, sourced per O*NET-SOC code.")}
        self.roles.sort(key=lambda r: r["id"])
        return {"requires": self.requires, "roles": self.roles, "moves": self.moves,
                "qualifications": [self.qualifications[k] for k in sorted(self.qualifications)], "sources": sources}


def _occupation_requires(occ: dict[str, Any], own: dict[str, Any], zone: int | None, zone_group: Any,
                         onet_source: str) -> tuple[list[Any], list[dict[str, Any]]]:
    """A licensed occupation's requirement groups with their evidence: the table's groups, the
    prior degree (unless the entry table's programme needs it instead) and the job zone's preparation."""
    education = occ["education"]
    groups = [g if isinstance(g, str) else list(g) for g in occ["requires"]]
    evidence = [_table_evidence(occ) for _ in groups]
    degree = education.get("prior_degree")
    if degree and not own:  # with steps, the programme's move in needs the degree, not the occupation
        groups.append(degree)
        evidence.append(dict(_table_evidence(occ, f"Prior: {education.get('prior', degree)}."), rule="prior-degree"))
    if zone is not None:
        groups.append(zone_group(zone))
        evidence.append({"grade": "derived", "rule": "job-zone-preparation", "source": onet_source,
                         "locator": "Job Zones.txt; Job Zone Reference.txt"})
    return groups, evidence
