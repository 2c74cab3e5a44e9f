"""The derived rules the O*NET import applies, in one table, each with the O*NET text it rests on.

O*NET's Related Occupations are similarity links, not observed moves: they give no time and no
requirement. Every figure the import puts on a move is derived by one of the rules of
:data:`DERIVED_RULES` (grade ``derived``, the rule named in the figure's evidence), and
``docs/onet-rules.md`` prints the same table (a test checks they agree).

Management experience is modelled as a licence is: an SOC 11- (management) occupation
requires ``management-experience``, which a holder of any management occupation has; the way in
for anyone else is the occupation's stage ``entry:11-xxxx``, whose move in costs the larger of
the target zone's SVP lower bound and the Job Zone preparation figure (never their sum) and
awards the qualification. First-line supervisors (titles "First-Line Supervisors of ...") cost
at least their zone's SVP lower bound to enter, and time in one awards the qualification.

>>> management_stage_years(5, 0.25)
4.0
>>> is_first_line_supervisor("First-Line Supervisors of Office and Administrative Support Workers")
True
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "DERIVED_RULES", "MANAGEMENT_EXPERIENCE", "MANAGEMENT_QUALIFICATION", "SVP_LOWER_YEARS", "UNZONED_MANAGEMENT_ZONE",
    "at_least_svp", "is_first_line_supervisor", "is_management", "management_stage_id", "management_stage_years",
    "rules_table", "svp_range",
]

ONET_SOURCE = "onet-29.3"
#: The qualification id, shared with the curated dataset (time in its lead and manager posts awards it).
MANAGEMENT_EXPERIENCE = "management-experience"
MANAGEMENT_QUALIFICATION = {
    "id": MANAGEMENT_EXPERIENCE, "title": "Management experience",
    "description": "Experience supervising or managing others: held by holders of a management (SOC 11-) "
                   "occupation, gained by time as a first-line supervisor or through a management occupation's "
                   "entry stage (rule management-experience)",
    "country": "US", "derived": True, "sources": ["onet-29.3"]}

#: The least specific vocational preparation (SVP) of each Job Zone, in years: the zone's SVP
#: Range (Job Zone Reference) read through the SVP levels' wording (O*NET OnLine help, from the
#: Dictionary of Occupational Titles, Appendix C): zone 2 from SVP 4, "over 3 months"; zone 3 from
#: SVP 6, "over 1 year"; zone 4 from SVP 7, "over 2 years"; zone 5 from SVP 8, "over 4 years".
SVP_LOWER_YEARS = {1: 0.0, 2: 0.25, 3: 1.0, 4: 2.0, 5: 4.0}
#: A management occupation without a Job Zone is costed as Zone 4 (most management occupations are).
UNZONED_MANAGEMENT_ZONE = 4

_SVP_LOCATOR = ("Job Zone Reference.txt > SVP Range (zone 4: 7.0 to < 8.0; zone 5: 8.0 and above); "
                "https://www.onetonline.org/help/online/svp (SVP 7: over 2 years up to and including 4 years; "
                "SVP 8: over 4 years up to and including 10 years)")

#: Each derived rule: its name (the ``rule`` of the evidence it grades), what it decides, and
#: the O*NET text it rests on, with where that text is.
DERIVED_RULES: tuple[dict[str, str], ...] = (
    {"rule": "job-zone-preparation",
     "decides": "Years of a move between related occupations: up from zone a to zone b, prep(b) - prep(a) "
                "(prep: the middle of the zone's SVP range: 0.1, 0.5, 1.5, 3, 5); across or down, or into an "
                "occupation without a zone, 0.25. A move up awards 'Job Zone b preparation', which the "
                "occupation requires (or a higher zone's). A licensed occupation's entry route (its education, "
                "exam and licence) awards its zone's preparation: education counts as preparation.",
     "onet_text": "Job Zones group occupations by the preparation they need, with a range of specific vocational "
                  "preparation (SVP) per zone: below 4.0, 4.0 to < 6.0, 6.0 to < 7.0, 7.0 to < 8.0, 8.0 and above.",
     "locator": "Job Zones.txt; Job Zone Reference.txt > SVP Range"},
    {"rule": "svp-lower-bound",
     "decides": "The least time a zone's preparation takes: zone 2 0.25 years, 3 one year, 4 two years, 5 four "
                "years. Combined with job-zone-preparation by the larger figure, never the sum.",
     "onet_text": "SVP 4: over 3 months; SVP 6: over 1 year; SVP 7: over 2 years up to and including 4 years; "
                  "SVP 8: over 4 years up to and including 10 years.",
     "locator": _SVP_LOCATOR},
    {"rule": "management-experience",
     "decides": "An SOC 11- (management) occupation requires management-experience; holders of a management "
                "occupation have it. Anyone else goes in through the stage entry:11-xxxx: the move into the "
                "stage takes the larger of the target zone's SVP lower bound (no zone: as zone 4) and the "
                "job-zone-preparation figure, and awards management-experience; the stage leads into the "
                "occupation at no further cost. A direct related move in needs the qualification held.",
     "onet_text": "Zone 4: a considerable amount of work-related skill, knowledge, or experience is needed; "
                  "zone 5: extensive skill, knowledge, and experience, many requiring more than five years of "
                  "experience. Zones 4 and 5 list managers among their examples (sales managers; coordinating, "
                  "supervising, managing).",
     "locator": "Job Zone Reference.txt > Job Zone 4, 5 > Experience, Examples; " + _SVP_LOCATOR},
    {"rule": "first-line-supervisor",
     "decides": "A move into a first-line supervisor occupation (title 'First-Line Supervisors of ...') takes "
                "at least its zone's SVP lower bound (the larger of that and job-zone-preparation); every move "
                "out of one awards management-experience (time supervising). Without a zone: "
                "job-zone-preparation alone.",
     "onet_text": "Zone 3: these occupations usually involve using communication and organizational skills to "
                  "coordinate, supervise, manage, or train others.",
     "locator": "Job Zone Reference.txt > Job Zone 3 > Examples; Occupation Data.txt > Title"},
)


def is_management(code: str) -> bool:
    """Is the O*NET-SOC code a management occupation (SOC major group 11)?

    >>> is_management("11-9111.00"), is_management("29-1122.00")
    (True, False)
    """
    return code.startswith("11-")


def is_first_line_supervisor(title: str) -> bool:
    """Is the occupation a first-line supervisor, by its O*NET title?"""
    return title.startswith("First-Line Supervisors")


def management_stage_id(code: str) -> str:
    """The id of a management occupation's entry stage.

    >>> management_stage_id("11-9111.00")
    'entry:11-9111.00'
    """
    return f"entry:{code}"


def management_stage_years(zone: int | None, preparation: float) -> float:
    """Years of a move into a management occupation's stage: the larger of the zone's SVP lower
    bound (no zone: as zone 4) and the Job Zone preparation figure ``preparation``.

    >>> management_stage_years(None, 0.25), management_stage_years(4, 3.0)
    (2.0, 3.0)
    """
    return max(SVP_LOWER_YEARS[zone if zone is not None else UNZONED_MANAGEMENT_ZONE], preparation)


def svp_range(zone: int | None) -> tuple[float, float | None]:
    """A zone's SVP range in years (no zone: as zone 4); the top zone is open above.

    >>> svp_range(4), svp_range(5)
    ((2.0, 4.0), (4.0, None))
    """
    zone = zone if zone is not None else UNZONED_MANAGEMENT_ZONE
    return SVP_LOWER_YEARS[zone], SVP_LOWER_YEARS.get(zone + 1)


def at_least_svp(move: dict[str, Any], low: float, high: float | None) -> dict[str, Any]:
    """The move's years, minimum and maximum each at least the zone's SVP range (``low`` to
    ``high``, None when open): the larger of two rules' figures, never the sum.

    >>> at_least_svp({"years": 0.25, "years_min": 0.25, "years_max": 0.25}, 2.0, 4.0)
    {'years': 2.0, 'years_min': 2.0, 'years_max': 4.0}
    """
    out = dict(move)
    out["years"] = max(out["years"], low)
    out["years_min"] = max(out["years_min"], low)
    out["years_max"] = None if high is None or out.get("years_max") is None else max(out["years_max"], high)
    return out


MANAGEMENT_EVIDENCE = {"grade": "derived", "rule": "management-experience", "source": ONET_SOURCE,
                       "locator": "Job Zone Reference.txt > Job Zone 4, 5 > Experience, Examples"}
STAGE_START_NOTE = ("The stage takes no time of its own: its years are on the move into it; this move awards "
                    "the management experience they stand for.")


def supervision(move: dict[str, Any], title_from: str, title_to: str, zone_to: int | None) -> dict[str, Any]:
    """A move into a first-line supervisor occupation takes at least its zone's SVP range; a move
    out of one awards management experience (rule first-line-supervisor)."""
    if is_first_line_supervisor(title_to) and zone_to is not None:
        move = at_least_svp(move, *svp_range(zone_to))
        move["years_evidence"] = dict(move["years_evidence"], rule="first-line-supervisor",
                                      locator="Job Zone Reference.txt > SVP Range; Occupation Data.txt > Title")
    if is_first_line_supervisor(title_from):
        move = dict(move, awards=[*move["awards"], MANAGEMENT_EXPERIENCE])
    return move


def needs_management_stage(a: str, b: str, occupations: dict[str, dict[str, Any]]) -> bool:
    """Does a related move a -> b go through b's management stage (b a management occupation, a
    neither a management occupation nor a first-line supervisor, whose holders have the experience)?"""
    return is_management(b) and not is_management(a) and not is_first_line_supervisor(occupations[a]["title"])


def management_stages(occupations: dict[str, dict[str, Any]], zones: dict[str, int],
                      links: list[tuple[str, str]], unchecked: set[str], move_rule: Any,
                      zone_group: Any) -> dict[str, list[dict[str, Any]]]:
    """The stage ``entry:11-xxxx`` of each management occupation O*NET relates another occupation
    to, with a move into it from each such occupation (rule management-experience; it replaces
    the direct related move, awarding the zone's preparation as that would) and its move on into
    the occupation, which awards management experience. Management occupations and first-line supervisors go
    straight in."""
    into: dict[str, list[str]] = {}
    for a, b in links:
        if needs_management_stage(a, b, occupations):
            into.setdefault(b, []).append(a)
    roles: list[dict[str, Any]] = []
    moves: list[dict[str, Any]] = []
    for code in sorted(into):
        stage, zone, title = management_stage_id(code), zones.get(code), occupations[code]["title"]
        roles.append({
            "id": stage, "title": f"{title} entry route", "aliases": [], "kind": "education",
            "country": "US", "track": "education",
            "description": f"The way into {title} ({code}) for someone without management experience: the time "
                           "the occupation's Job Zone asks for (rule management-experience).",
            **({"requires": [zone_group(zone)],
                "requires_evidence": [{"grade": "derived", "rule": "job-zone-preparation", "source": ONET_SOURCE,
                                       "locator": "Job Zones.txt; Job Zone Reference.txt"}]}
               if zone is not None else {}),
            "sources": [ONET_SOURCE]})
        for a in sorted(into[code]):
            move = at_least_svp(move_rule(zones.get(a), zone), *svp_range(zone))
            evidence = dict(MANAGEMENT_EVIDENCE, note="The larger of the zone's SVP lower bound and the Job Zone "
                                                      "preparation figure (never the sum).")
            if move["years_evidence"].get("grade") == "estimate":
                evidence["grade"] = "estimate"
            move["years_evidence"] = evidence
            moves.append({"from": a, "to": stage, **move,
                          "note": f"O*NET relates {occupations[a]['title']} to {title}, a management occupation: "
                                  "the way in without management experience.",
                          "sources": [ONET_SOURCE]})
        # The stage's move on awards what the occupation requires (as a licensed occupation's entry
        # route does), so every way in meets it and the search need not carry it (otgraph.gates).
        moves.append({"from": stage, "to": code, "years": 0, "years_min": 0, "years_max": 0,
                      "years_kind": "estimate", "years_evidence": {"grade": "estimate", "note": STAGE_START_NOTE},
                      "awards": [MANAGEMENT_EXPERIENCE], "requires": [],
                      **({"note": "licence not checked"} if code in unchecked else {}), "sources": [ONET_SOURCE]})
    return {"roles": roles, "moves": moves}


def rules_table() -> str:
    """:data:`DERIVED_RULES` as the Markdown table ``docs/onet-rules.md`` prints.

    >>> rules_table().splitlines()[0]
    '| Rule | What it decides | The O*NET text it rests on | Where |'
    """
    rows = ["| Rule | What it decides | The O*NET text it rests on | Where |", "|---|---|---|---|"]
    rows += [f"| `{r['rule']}` | {r['decides']} | {r['onet_text']} | {r['locator']} |" for r in DERIVED_RULES]
    return "\n".join(rows)
