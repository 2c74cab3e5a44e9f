"""The packaged dataset: every figure says where it comes from, every role and move is sourced,
the re-audit against the sources holds, and routes honour entry requirements."""

import copy

import networkx as nx
import pytest
from checker import route_ok

from otgraph import Constraints, read_roles, shortest_route

DATA = read_roles()
ROLES = {r["id"]: r for r in DATA["roles"]}
MOVES = {(t["from"], t["to"]): t for t in DATA["transitions"]}
SOURCES = DATA["sources"]


def _evidence(item):
    """Every evidence object in a role or move, with where it sits."""
    for key in ("years_evidence", "requires_evidence"):
        value = item.get(key)
        for e in value if isinstance(value, list) else [value]:
            if isinstance(e, dict):
                yield key, e
    for i, figure in enumerate(item.get("pay", [])):
        yield f"pay[{i}]", figure["evidence"]


@pytest.mark.parametrize("item", DATA["roles"] + DATA["transitions"],
                         ids=lambda x: x.get("id") or f"{x['from']}->{x['to']}")
def test_every_sourced_figure_names_a_known_source_and_a_locator(item):
    for where, e in _evidence(item):
        assert e["grade"] in ("sourced", "derived", "observed", "estimate"), where
        if e["grade"] == "sourced":
            assert e.get("source") in SOURCES, f"{where}: source {e.get('source')!r} is not in the sources table"
            assert e.get("locator", "").strip(), f"{where}: a sourced figure needs a locator"
        if e["grade"] == "derived":
            assert e.get("rule"), f"{where}: a derived figure names its rule"


@pytest.mark.parametrize("role", DATA["roles"], ids=lambda r: r["id"])
def test_role_is_complete_and_sourced(role):
    for key in ("title", "country", "track", "level", "sources"):
        assert role.get(key) not in (None, [], ""), key
    if role["track"] == "nhs" and role["kind"] == "job" and "apprentice" not in role["id"]:
        assert role.get("band"), "NHS jobs carry their Agenda for Change band"
    for figure in role.get("pay", []):
        assert figure["evidence"]["grade"] in ("sourced", "derived", "estimate")


@pytest.mark.parametrize("move", DATA["transitions"], ids=lambda t: f"{t['from']}->{t['to']}")
def test_move_has_a_range_and_evidence(move):
    assert move["sources"]
    assert move["years_min"] <= move["years"]
    assert move["years_max"] is None or move["years_max"] >= move["years"]
    assert move["years_kind"] in ("source-range", "experience", "estimate")
    assert "qualifications" not in move and "years_basis" not in move


def test_every_requirement_is_awarded_by_some_move():
    awarded = {q for t in DATA["transitions"] for q in t.get("awards", [])}
    for role in DATA["roles"]:
        for group in role.get("requires", []):
            options = group if isinstance(group, list) else [group]
            assert set(options) & awarded, f"{role['id']}: nothing awards {options}"


EXPECTED_TRACKS = {"nhs", "social-services", "us-clinical", "us-assistant", "education", "practice-settings"}


def test_tracks(ot):
    assert set(ot.tracks) == EXPECTED_TRACKS


@pytest.mark.parametrize("track", sorted(EXPECTED_TRACKS))
def test_every_role_of_every_track_is_reachable_under_the_requirements(ot, track):
    from otgraph.routes import route_tree

    G = ot.graph
    entry = [n for n in G if G.in_degree(n) == 0]
    _, paths = route_tree(G, entry)
    assert {r["id"] for r in ot.roles(track=track)} <= set(paths)


# --- the re-audit (issue "Honest figures") ---------------------------------------------------

def test_band6_to_fcp_is_not_a_sourced_year_and_band5_to_fcp_takes_at_least_four(ot):
    move = MOVES["nhs-specialist-ot", "nhs-first-contact-practitioner"]
    assert not (move["years_evidence"]["grade"] == "sourced" and move["years"] == 1)
    route = shortest_route(ot.graph, "nhs-band5-ot", "nhs-first-contact-practitioner")
    assert route.total_years >= 4 and route.total_years_range[0] >= 4
    assert ROLES["nhs-first-contact-practitioner"]["band"] == "7"


def test_support_workers_are_band_2_or_3_and_not_ots():
    support = [r for r in DATA["roles"] if r["track"] == "nhs" and r.get("band") in ("2", "3")]
    assert {r["band"] for r in support} == {"2", "3"}
    assert all("Occupational Therapist" not in r["title"] for r in support)


def test_band3_post_leads_into_the_degree_apprenticeship():
    move = MOVES["nhs-ot-assistant", "nhs-ot-degree-apprentice"]
    assert ROLES["nhs-ot-assistant"]["band"] == "3" and move["sources"]


def test_degree_apprenticeship_takes_30_to_48_months():
    move = MOVES["nhs-ot-degree-apprentice", "nhs-band5-ot"]
    assert (move["years_min"], move["years"], move["years_max"]) == (2.5, 4, 4)


def test_cota_to_ot_bridge_takes_2_to_4_years():
    move = MOVES["us-cota", "edu-us-mot"]
    assert (move["years_min"], move["years_max"]) == (2, 4)
    assert "us-mot" in move["awards"]


def test_cota_keeps_both_pay_figures_each_with_its_locator():
    pay = [p for p in ROLES["us-cota"]["pay"] if p["evidence"]["source"] == "seed-003"]
    assert len(pay) == 2
    assert {"min", "max"} <= set(pay[0]) and "average" in pay[1]
    locators = [p["evidence"]["locator"] for p in pay]
    assert all(loc.startswith("seed 003") for loc in locators) and locators[0] != locators[1]


def test_mot_route_is_about_six_years_and_otd_about_seven(ot):
    via_mot = shortest_route(ot.graph, "edu-us-high-school", "us-entry-ot",
                             constraints=Constraints(via=("edu-us-bachelors", "edu-us-mot")))
    via_otd = shortest_route(ot.graph, "edu-us-high-school", "us-entry-ot",
                             constraints=Constraints(via=("edu-us-bachelors", "edu-us-otd")))
    assert 6 <= via_mot.total_years < 7 and 7 <= via_otd.total_years < 8  # seed 004: 6-7 years of study


@pytest.mark.parametrize("target, at_least", [("us-mid-ot", 2), ("us-senior-ot", 5), ("us-lead-ot", 6),
                                              ("us-rehab-services-manager", 8)])
def test_us_ladder_minimums_are_the_seed_experience(ot, target, at_least):
    # seed 001: mid-level 2-4 years, senior 5+, lead 6+, rehabilitation services manager 8+
    # the typical total is the seed's figure; each step's own minimum adds up to no more than it
    # (second audit: mid to senior is 5 - 3 = 2 typical, at least 2), so the lower end can fall below
    route = shortest_route(ot.graph, "us-entry-ot", target)
    low, high = route.total_years_range
    assert route.total_years >= at_least
    if target == "us-mid-ot":
        assert (low, high) == (2, 4)
    else:
        assert high is None  # "N+" is a minimum with no stated maximum


def test_band5_to_consultant_gains_advanced_practice_and_prints_its_range(ot):
    from click.testing import CliRunner

    from otgraph.cli import cli

    route = shortest_route(ot.graph, "nhs-band5-ot", "nhs-consultant-ot")
    assert {"acp-msc", "acp-portfolio"} & set(route.qualifications)
    result = CliRunner().invoke(cli, ["path", "nhs-band5-ot", "nhs-consultant-ot"])
    low, high = route.total_years_range
    assert f"Total: {route.total_years:g} years ({low:g}{'+' if high is None else f'-{high:g}'})" in result.output


# --- entry requirements (issue "Routes honour entry requirements") ---------------------------

def test_high_school_to_entry_level_ot_gains_degree_exam_and_licence(ot):
    for constraints in (Constraints(), Constraints(via=("edu-us-bachelors",))):
        route = shortest_route(ot.graph, "edu-us-high-school", "us-entry-ot", constraints=constraints)
        quals = set(route.qualifications)
        assert quals & {"us-mot", "us-otd"} and {"nbcot-otr", "us-state-ot-licence"} <= quals
        assert route_ok(ot.graph, list(route.roles))
        # no shorter than the sourced minimum of the route it takes
        if "us-cota" in route.roles:
            assert route.total_years >= 2 + 2  # associate degree, then the bridge's 2-year minimum
        else:
            assert route.total_years >= 6


def test_uk_bsc_graduate_can_reach_us_practice_through_nbcot_eligibility(ot):
    route = shortest_route(ot.graph, "edu-uk-ot-bsc", "us-entry-ot")
    assert "nbcot-oted" in route.qualifications or "us-mot" in route.qualifications
    assert {"nbcot-otr", "us-state-ot-licence"} <= set(route.qualifications)


def test_us_ot_can_reach_uk_practice_through_hcpc(ot):
    route = shortest_route(ot.graph, "us-entry-ot", "nhs-band5-ot")
    assert "hcpc-registration" in route.qualifications


def test_have_never_lengthens_a_route(ot):
    G = ot.graph
    for a, b in [("edu-us-high-school", "us-entry-ot"), ("nhs-band5-ot", "nhs-consultant-ot"),
                 ("us-cota", "us-rehab-services-manager")]:
        plain = shortest_route(G, a, b)
        for have in (["us-mot"], ["acp-msc"], ["Bachelor's degree"], ["nbcot-otr", "us-state-ot-licence"]):
            assert shortest_route(G, a, b, constraints=Constraints(have=tuple(have))).total_years \
                <= plain.total_years


def test_a_route_never_enters_a_role_without_its_requirements(ot):
    G = ot.graph
    for a in ["edu-us-high-school", "edu-uk-school-leaver", "nhs-ot-support-worker", "us-ot-aide"]:
        for b in nx.descendants(G, a):
            try:
                route = shortest_route(G, a, b)
            except nx.NetworkXNoPath:
                continue
            assert route_ok(G, list(route.roles)), route


# --- the second audit (issue 26): quotes, re-grades, pay and sources ---------------------------

import re  # noqa: E402

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24, "thirty-six": 36,
          "forty-eight": 48}
_UNITS = (("working day", 260), ("week", 52), ("month", 12), ("year", 1))


def quoted_years(quote):
    """The durations a quote states, in years: number words count ('three', 'two and a half'),
    months divide by 12, weeks by 52 and working days by 260; figures stated as part-time are
    left out (the dataset uses full-time figures)."""
    text = quote.lower().replace("–", "-").replace("—", "-")
    words = "|".join(sorted(_WORDS, key=len, reverse=True))
    text = re.sub(rf"\b({words})( and a half)?\b",
                  lambda m: str(_WORDS[m.group(1)] + (0.5 if m.group(2) else 0)), text)
    text = re.sub(r"(\d+) and a half\b", lambda m: str(int(m.group(1)) + 0.5), text)
    found = set()
    for m in re.finditer(r"\d+(?:\.\d+)?", text):
        after = text[m.end():m.end() + 40]
        if re.match(r"[^.;]{0,25}part[- ]time", after):
            continue
        unit = next((div for name, div in sorted(_UNITS, key=lambda u: after.find(u[0]) if u[0] in after else 99)
                     if name in after[:30]), None)
        if unit is not None:
            found.add(round(float(m.group()) / unit, 2))
    return found


def quoted_amounts(quote):
    """The money amounts a quote states ('$56,800', '£31,049.00')."""
    return {float(m.group(1).replace(",", "")) for m in re.finditer(r"[$£]\s?(\d[\d,]*(?:\.\d+)?)", quote)}


def _states(values, figure):
    return any(abs(v - figure) <= 0.011 for v in values)


def move_quote_problems(move):
    """Why a sourced move's quote does not state its figure: a range's ends (a zero minimum
    passes when the quote says 'within' or 'up to'; an open maximum is not checked), or the
    single figure."""
    e = move["years_evidence"]
    quote = e.get("quote")
    if not quote:
        return ["no quote"]
    found = quoted_years(quote)
    low, typical, high = move.get("years_min", move["years"]), move["years"], move.get("years_max", move["years"])
    wanted = [typical] if low == high else [low] + ([high] if high is not None else [])
    problems = []
    for figure in wanted:
        if figure == 0 and re.search(r"\b(within|up to)\b", quote.lower()):
            continue
        if not _states(found, figure):
            problems.append(f"{figure:g} years is not in the quote {quote!r} (it states {sorted(found)})")
    return problems


def pay_quote_problems(figure):
    """Why a sourced pay figure's quote does not state each of its amounts."""
    quote = figure["evidence"].get("quote")
    if not quote:
        return ["no quote"]
    found = quoted_amounts(quote)
    amounts = [figure[k] for k in ("min", "max", "average") if figure.get(k) is not None]
    amounts += list((figure.get("percentiles") or {}).values())
    return [f"{a:,} is not in the quote {quote!r}" for a in amounts if a not in found]


SOURCED_MOVES = [t for t in DATA["transitions"] if t["years_evidence"]["grade"] == "sourced"]
SOURCED_PAY = [(r["id"], i, f) for r in DATA["roles"] for i, f in enumerate(r.get("pay", []))
               if f["evidence"]["grade"] == "sourced"]


@pytest.mark.parametrize("move", SOURCED_MOVES, ids=lambda t: f"{t['from']}->{t['to']}")
def test_every_sourced_move_quotes_the_words_that_state_its_years(move):
    assert move_quote_problems(move) == []


@pytest.mark.parametrize("role, i, figure", SOURCED_PAY, ids=lambda x: x if isinstance(x, str) else "")
def test_every_sourced_pay_figure_quotes_its_amounts(role, i, figure):
    assert pay_quote_problems(figure) == [], f"{role} pay[{i}]"


@pytest.mark.parametrize("move", [t for t in DATA["transitions"]
                                  if t["years_evidence"].get("rule") == "range-of-sources"],
                         ids=lambda t: f"{t['from']}->{t['to']}")
def test_a_range_of_sources_quotes_one_figure_and_names_the_others(move):
    e = move["years_evidence"]
    figures = [move["years"], move["years_min"], move["years_max"]]
    assert any(_states(quoted_years(e["quote"]), f) for f in figures if f is not None)
    assert e["source"] in SOURCES and e["locator"] and e["note"]


def test_the_quote_check_fails_on_a_quote_without_the_figure():
    move = copy.deepcopy(MOVES["edu-uk-school-leaver", "edu-uk-ot-bsc"])
    assert move_quote_problems(move) == []
    move["years_evidence"]["quote"] = "usually takes three years full time or up to six years part time"
    (problem,) = move_quote_problems(move)
    assert problem.startswith("4 years is not in the quote") and problem.endswith("(it states [3.0])")
    del move["years_evidence"]["quote"]
    assert move_quote_problems(move) == ["no quote"]
    pay = copy.deepcopy(ROLES["us-mid-ot"]["pay"][0])
    assert pay_quote_problems(pay) == []
    pay["percentiles"]["p90"] = 121491
    (problem,) = pay_quote_problems(pay)
    assert problem.startswith("121,491 is not in the quote")


@pytest.mark.parametrize("quote, years", [
    ("typically takes 18 months to two years", {1.5, 2}),
    ("typically two and a half years", {2.5}),
    ("2 and a half years, followed by an endpoint assessment", {2.5}),
    ("2–4 years of occupational therapy experience", {2, 4}),
    ("within the first 12-18 months of commencing", {1, 1.5}),
    ("at least 16 weeks", {0.31}),
    ("three years full time or up to six years part time", {3}),
    ("approximately 60 working days", {0.23}),
])
def test_quoted_years_reads_words_units_and_ranges(quote, years):
    assert quoted_years(quote) == years


@pytest.mark.parametrize("sid", sorted(SOURCES))
def test_every_source_has_a_url_or_a_seed_file(sid):
    source = SOURCES[sid]
    assert source.get("url", "").startswith("http") or source.get("file", "").startswith("seeds/") \
        or source.get("kind") == "analysis", sid


def test_a_source_without_a_url_is_caught():
    bad = {"title": "x", "kind": "public"}
    assert not (bad.get("url", "").startswith("http") or bad.get("file", "").startswith("seeds/"))


@pytest.mark.parametrize("sid", ["north-somerset", "cheshire-east", "wiltshire", "la-bia"])
def test_the_council_sources_have_urls(sid):
    assert SOURCES[sid]["url"].startswith("https://")


SPECIALIST = ["nhs-specialist-ot", "nhs-specialist-ot-neuro", "nhs-specialist-ot-trauma",
              "nhs-specialist-ot-acute-medicine", "nhs-specialist-ot-haem-onc"]


@pytest.mark.parametrize("target", SPECIALIST)
def test_band5_to_band6_is_an_estimate_with_an_open_maximum(target):
    move = MOVES["nhs-band5-ot", target]
    assert (move["years"], move["years_min"], move["years_max"]) == (2, 1, None)
    assert move["years_evidence"]["grade"] == "estimate"
    assert "several years in pay band 5" in move["years_evidence"]["note"]
    assert "not expected that the review will be widespread" in move["years_evidence"]["note"]


def test_band5_to_band6_path_is_not_sourced_and_has_no_2_year_maximum():
    from click.testing import CliRunner

    from otgraph.cli import cli

    out = CliRunner().invoke(cli, ["path", "Band 5 Occupational Therapist (Rotational)",
                                   "Specialist Occupational Therapist (Band 6)"]).output
    assert "~2 yr (1+)" in out and "(1-2)" not in out and "estimate: 1 of 1 step" in out


def test_band3_assistant_to_apprenticeship_is_an_estimate():
    move = MOVES["nhs-ot-assistant", "nhs-ot-degree-apprentice"]
    assert move["years_evidence"]["grade"] == "estimate" and move["years_kind"] == "estimate"
    assert "contract, not a waiting time" in move["years_evidence"]["note"]


def test_uk_degree_is_three_to_four_years_from_compare_roles():
    move = MOVES["edu-uk-school-leaver", "edu-uk-ot-bsc"]
    e = move["years_evidence"]
    assert (move["years"], move["years_min"], move["years_max"]) == (3, 3, 4)
    assert e["grade"] == "sourced" and "compare-roles" in e["locator"]
    assert e["quote"] == "courses take three or four years full-time"


def test_accelerated_msc_is_two_years_from_compare_roles():
    move = MOVES["edu-uk-first-degree", "edu-uk-ot-msc"]
    e = move["years_evidence"]
    assert (move["years"], move["years_min"], move["years_max"]) == (2, 2, 2)
    assert e["grade"] == "sourced" and "compare-roles" in e["locator"] and "usually take two years" in e["quote"]


def test_no_requirement_note_repeats_the_wrong_page_degree_lengths():
    for role in DATA["roles"]:
        for e in role.get("requires_evidence") or []:
            assert "3-4 year degree" not in e.get("note", "") and "2-year accelerated" not in e.get("note", "")


@pytest.mark.parametrize("start", ["edu-us-high-school", "us-ot-aide"])
def test_ota_associate_degree_is_18_months_to_two_years(start):
    move = MOVES[start, "edu-us-ota-associate"]
    e = move["years_evidence"]
    assert (move["years_min"], move["years"], move["years_max"]) == (1.5, 2, 2)
    assert e["grade"] == "sourced" and e["source"] == "ota-associate-length"
    assert "18 months to two years" in e["quote"] and "16 weeks" in e["note"] and "nbcot" not in e["locator"]


def test_mot_maximum_is_what_its_locator_states():
    move = MOVES["edu-us-bachelors", "edu-us-mot"]
    assert (move["years_min"], move["years"], move["years_max"]) == (2, 2, 2)
    assert move["years_evidence"]["quote"] == "The MOT is a two-year program"


def test_fcp_gate_is_cited_to_the_hee_roles_explorer():
    e = ROLES["nhs-first-contact-practitioner"]["requires_evidence"][2]
    assert ROLES["nhs-first-contact-practitioner"]["requires"][2] == "uk-fcp-roadmap"
    assert e["grade"] == "sourced" and e["source"] == "hee-roles-explorer-ot" and "Roles explorer" in e["locator"]
    assert "minimum threshold for entry to primary care" in e["quote"] and "ARRS" in e["note"]


@pytest.mark.parametrize("role", ["us-corporate-wellness-ot", "us-ergonomics-consultant"])
def test_non_traditional_setting_requirements_are_estimates(role):
    assert [e["grade"] for e in ROLES[role]["requires_evidence"]] == ["estimate"]


def test_cota_seed_average_is_the_2019_figure_with_bls_may_2019_beside_it():
    pay = ROLES["us-cota"]["pay"]
    seed = next(p for p in pay if p.get("average") == 57620)
    assert seed["year"] == 2019 and seed["evidence"]["source"] == "seed-003"
    bls = next(p for p in pay if p.get("percentiles"))
    assert bls["year"] == "May 2019" and bls["evidence"]["source"] == "bls-oews-2019-ota"
    assert bls["percentiles"]["p10"] == 41730 and bls["percentiles"]["p50"] == 61510
    template = next(p for p in pay if p.get("min") == 30000)
    assert template["min"] < bls["percentiles"]["p10"] and template["max"] < bls["percentiles"]["p25"]
    assert "41,730" in template["evidence"]["note"] and "52,150" in template["evidence"]["note"]


def test_nhs_pay_cites_nhs_employers_not_a_calculator():
    for role in DATA["roles"]:
        for figure in role.get("pay", []):
            loc = figure["evidence"].get("locator", "")
            assert "calculator" not in loc
            if figure["currency"] == "GBP" and role["track"] == "nhs":
                assert loc.startswith("https://www.nhsemployers.org/articles/pay-scales-202526")
    assert "calculator" not in SOURCES["afc-pay-2025"]["url"]


def test_us_mid_to_senior_typical_is_two():
    move = MOVES["us-mid-ot", "us-senior-ot"]
    assert (move["years"], move["years_max"]) == (2, None)
    assert move["years_evidence"]["rule"] == "cumulative-experience-difference"


@pytest.mark.parametrize("start", ["nhs-advanced-ot", "nhs-first-contact-practitioner"])
def test_acp_programme_takes_two_to_three_years(start):
    move = MOVES[start, "nhs-acp-ot"]
    e = move["years_evidence"]
    assert (move["years_min"], move["years"], move["years_max"]) == (2, 2.5, 3)
    assert e["rule"] == "range-of-sources" and "24 months" in e["note"] and "up to three years" in e["note"]


@pytest.mark.parametrize("a", ["edu-uk-ot-bsc", "edu-uk-ot-msc"])
@pytest.mark.parametrize("b", ["nhs-band5-ot", "ss-ot"])
def test_hcpc_registration_after_a_uk_degree_is_within_10_working_days(a, b):
    move = MOVES[a, b]
    e = move["years_evidence"]
    assert e["grade"] == "sourced" and e["source"] == "hcpc" and "uk-applications" in e["locator"]
    assert e["quote"] == "We aim to process complete applications within 10 working days"
    assert (move["years_min"], move["years_max"]) == (0, 0.04)


US_OT_LEVELS = ["us-entry-ot", "us-mid-ot", "us-senior-ot", "us-lead-ot"]


@pytest.mark.parametrize("role", US_OT_LEVELS)
def test_every_us_ot_level_has_occupation_wide_bls_percentiles(role):
    bls = [p for p in ROLES[role]["pay"] if p["evidence"]["source"] == "bls-oews-2019-ot"]
    assert len(bls) == 1
    assert set(bls[0]["percentiles"]) == {"p10", "p25", "p50", "p75", "p90"}
    assert bls[0]["year"] == "May 2019" and bls[0]["note"] == "all OTs, not by level"


def test_show_mid_level_ot_prints_bls_pay_with_its_year():
    from click.testing import CliRunner

    from otgraph.cli import cli

    out = CliRunner().invoke(cli, ["show", "Mid-Level Occupational Therapist"]).output
    assert "median 84,950" in out and "May 2019" in out and "all OTs, not by level" in out


@pytest.mark.parametrize("role, council", [("ss-ot", "Dorset Council"),
                                           ("ss-ot-team-manager", "Leicestershire County Council")])
def test_social_services_pay_is_one_named_councils_scale(role, council):
    (pay,) = ROLES[role]["pay"]
    assert pay["region"] == council and "not UK social services" in pay["note"]
    assert pay["evidence"]["grade"] == "sourced"


def test_meta_version_is_bumped_and_the_changelog_is_in_the_docs():
    from pathlib import Path

    assert DATA["meta"]["version"] == "2.4"
    changelog = Path(__file__).resolve().parents[1] / "docs" / "changelog.md"
    assert "2.4" in changelog.read_text(encoding="utf-8")


@pytest.mark.parametrize("role, band, pay", [("nhs-ot-team-manager", "7", (47810, 54710)),
                                             ("nhs-principal-ot", "8a", (55690, 62682))])
def test_nhs_team_manager_and_principal_ot_are_banded_as_the_national_profiles(ot, role, band, pay):
    r = ROLES[role]
    assert r["track"] == "nhs" and r["band"] == band and "nhs-employers-profiles" in r["sources"]
    (figure,) = r["pay"]
    assert (figure["min"], figure["max"]) == pay and figure["evidence"]["source"] == "afc-pay-2025"
    assert shortest_route(ot.graph, "nhs-band5-ot", role).total_years > 0


@pytest.mark.parametrize("role, council", [("ss-ot-team-manager", "Leicestershire County Council"),
                                           ("ss-principal-ot", None)])
def test_social_services_posts_of_the_same_names_keep_council_pay_and_sources(role, council):
    r = ROLES[role]
    assert r["track"] == "social-services"
    assert [p["region"] for p in r.get("pay", [])] == ([council] if council else [])
    assert not {"afc-pay-2025", "nhs-employers-profiles"} & set(r["sources"])


def test_quote_is_documented_and_optional_in_the_schema():
    from otgraph.validate import check_roles, load_schema

    evidence = load_schema()["$defs"]["evidence"]
    assert "quote" in evidence["properties"] and "quote" not in evidence.get("required", [])
    assert "Optional" in evidence["properties"]["quote"]["description"]
    user_file = {"sources": {"s": {"title": "S", "url": "https://example.org"}},
                 "roles": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
                 "transitions": [{"from": "a", "to": "b", "years": 1,
                                  "years_evidence": {"grade": "sourced", "source": "s", "locator": "p"}}]}
    assert check_roles(user_file) == []
