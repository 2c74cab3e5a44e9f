"""Routes for the person asking (issue 27): answers that branch on what the start holds, show
what is held, and credit experience served. Checked against tests/checker.py, which enumerates
the start's alternatives apart from otgraph.holding."""

import json

import networkx as nx
import pytest
from checker import best_cost, cost, route_ok, start_choices
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import QUALS, gated_datasets

from otgraph import CareerGraph, Constraints, NoRouteError, route_branches, shortest_route
from otgraph.cli import cli

BAND5, US_ENTRY = "Band 5 Occupational Therapist (Rotational)", "Entry-Level Occupational Therapist"
ENTRY_MASTERS = {"uk-ot-msc-pre-registration", "uk-ot-degree-apprenticeship-l7"}


def run(*args):
    return CliRunner().invoke(cli, list(args))


# --- the examples of the issue --------------------------------------------------------------

def test_band5_to_us_entry_branches_on_the_degree():
    result = run("path", BAND5, US_ENTRY, "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    branches = answer["branches"]
    masters, bachelors = branches[0], branches[1]
    assert set(masters["assumes"]) == ENTRY_MASTERS
    roles = [r["id"] for r in masters["route"]["roles"]]
    assert roles == ["nhs-band5-ot", "edu-us-nbcot-oted", "us-entry-ot"]  # no post-professional master's
    assert {q["id"] for q in masters["route"]["qualifications"]} == {"nbcot-oted", "nbcot-otr", "us-state-ot-licence"}
    assert set(bachelors["assumes"]) == {"uk-ot-bsc", "uk-ot-degree-apprenticeship"}
    assert "edu-intl-ot-pp-masters" in [r["id"] for r in bachelors["route"]["roles"]]
    # the top level is the best branch, so scripts reading one route keep working
    assert [r["id"] for r in answer["roles"]] == roles
    international = [b for b in branches if "hcpc-international-route" in b["assumes"]]
    assert international and international[0]["route"] is None and international[0]["blocked_by"]


def test_band5_to_us_entry_text_has_one_block_per_branch():
    result = run("path", BAND5, US_ENTRY)
    assert result.exit_code == 0
    headings = [line for line in result.stdout.splitlines() if line.startswith("If you hold")]
    assert len(headings) == 3
    assert "Pre-registration MSc OT" in headings[0] and "level 7" in headings[0]
    assert "no route: " in result.stdout  # the international route's branch, in one line


def test_have_gives_one_route():
    result = run("path", BAND5, US_ENTRY, "--have", "BSc (Hons) Occupational Therapy", "--json")
    assert result.exit_code == 0
    answer = json.loads(result.stdout)
    assert "branches" not in answer
    assert "edu-intl-ot-pp-masters" in [r["id"] for r in answer["roles"]]
    assert "uk-ot-bsc" in [q["id"] for q in answer["held"]]


def test_social_services_ot_reaches_a_us_mental_health_post():
    assert run("path", "Social Services Occupational Therapist", "Mental Health Occupational Therapist").exit_code == 0


def test_acp_msc_held_is_already_held_and_takes_the_holders_years(ot):
    G = ot.graph
    plain = shortest_route(G, "nhs-specialist-ot", "nhs-consultant-ot")
    held = shortest_route(G, "nhs-specialist-ot", "nhs-consultant-ot", constraints=Constraints(have=("ACP MSc",)))
    step = next(s for s in held.steps if s.target == "nhs-acp-ot")
    assert step.already_held == ("acp-msc",) and "acp-msc" not in step.awards
    assert step.years == G.edges[step.source, "nhs-acp-ot"]["years_if_held"] != G.edges[step.source, "nhs-acp-ot"][
        "years"]
    assert held.total_qualifications == plain.total_qualifications - 1
    text = run("path", "Specialist Occupational Therapist (Band 6)", "Consultant Occupational Therapist",
               "--have", "ACP MSc").stdout
    assert "already held: ACP MSc (level 7)" in text and "+ ACP MSc" not in text


def test_served_shortens_by_the_progression_years_only(ot):
    G = ot.graph
    plain = shortest_route(G, "nhs-band5-ot", "nhs-advanced-ot")
    progression = sum(s.years for s in plain.steps if G.edges[s.source, s.target].get("progression"))
    served = shortest_route(G, "nhs-band5-ot", "nhs-advanced-ot", served=3)
    assert served.total_years == pytest.approx(plain.total_years - min(3, progression))
    assert [s.credit for s in served.steps] == [2, 1]
    assert all(s.credit == 0 for s in served.steps if s.programme)
    text = run("path", "Band 5 OT", "Advanced Occupational Therapist (Band 7)", "--served", "3").stdout
    assert "Credited: 3 years of the 3 years served" in text and "depends on a vacancy" in text


def test_served_never_shortens_a_programme(ot):
    route = shortest_route(ot.graph, "nhs-advanced-ot", "nhs-acp-ot", served=10)
    assert route.total_credited == 0 and route.total_years == ot.graph.edges["nhs-advanced-ot", "nhs-acp-ot"]["years"]


@pytest.mark.parametrize("args", [("--served", "-1"), ("--served", "soon"), ("--served", "nan")])
def test_bad_served_is_one_line_exit_2(args):
    result = run("path", BAND5, "Advanced Occupational Therapist (Band 7)", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("otgraph: error: ")


def test_served_from_an_education_stage_is_exit_2():
    result = run("path", "School Leaver", "Band 5 OT", "--served", "1")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "otgraph: error: --served: the start School Leaver (A levels or equivalent) is an education stage, not a job: "
        "there is no experience in it to credit"]


@pytest.mark.parametrize("command", ["routes", "reach", "requires"])
def test_other_commands_take_served_and_have(command):
    args = {"routes": ["routes", BAND5, "Advanced Occupational Therapist (Band 7)"],
            "reach": ["reach", BAND5],
            "requires": ["requires", "Advanced Occupational Therapist (Band 7)", "--from", BAND5]}[command]
    assert run(*args, "--served", "2", "--have", "ACP MSc").exit_code == 0


def test_an_unused_have_is_a_warning():
    result = run("path", "us-entry-ot", "us-mid-ot", "--have", "ACP MSc")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "otgraph: warning: --have ACP MSc (level 7): no route here uses it (no requirement on the way needs it)"]
    as_json = run("path", "us-entry-ot", "us-mid-ot", "--have", "ACP MSc", "--json")
    assert json.loads(as_json.stderr)["warning"].startswith("--have ACP MSc")


def test_no_route_message_says_what_to_try():
    result = run("path", "Band 5 OT", "us-entry-ot", "--have", "hcpc-international-route")
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert result.stderr.rstrip().endswith("say so: --have uk-ot-degree-apprenticeship-l7")


def test_export_highlight_takes_have(tmp_path):
    out = tmp_path / "r.mmd"
    result = run("export", "-o", str(out), "--highlight", BAND5, US_ENTRY, "--have", "uk-ot-bsc")
    assert result.exit_code == 0, result.output
    assert "Post-Professional" in out.read_text()


# --- an independent checker on random data --------------------------------------------------

def _graph(data):
    return CareerGraph.from_data(data).graph


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(gated_datasets(), st.sampled_from(["years", "qualifications", "steps"]), st.data())
def test_branches_agree_with_the_checker(data, by, pick):
    G = _graph(data)
    s, t = pick.draw(st.sampled_from(sorted(G))), pick.draw(st.sampled_from(sorted(G)))
    if s == t:
        return
    choices = dict(start_choices(G, s))
    try:
        branches = route_branches(G, s, t, by)
    except NoRouteError:
        assert all(best_cost(G, s, t, by, held_at_start=held) is None for held in choices.values())
        return
    covered = []
    for branch in branches:
        for alt in [tuple(a.split("+")) for a in branch.assumes] or [()]:
            held = choices[alt]
            covered.append(alt)
            expected = best_cost(G, s, t, by, held_at_start=held)
            if branch.route is None:
                assert expected is None
                continue
            nodes = list(branch.route.roles)
            assert route_ok(G, nodes, held_at_start=held)
            if len(set(nodes)) == len(nodes):
                assert cost(G, nodes, by, held) == pytest.approx(expected)
    assert sorted(covered) == sorted(choices)


@PROPERTY
@given(gated_datasets(), st.sampled_from(QUALS), st.data())
def test_have_is_never_gained_and_unblocks(data, qualification, pick):
    G = _graph(data)
    s, t = pick.draw(st.sampled_from(sorted(G))), pick.draw(st.sampled_from(sorted(G)))
    if s == t:
        return
    have = Constraints(have=(qualification,))
    try:
        route = shortest_route(G, s, t, "qualifications", constraints=have)
    except NoRouteError:
        assert best_cost(G, s, t, "qualifications", have=(qualification,)) is None
        return
    assert all(qualification not in step.awards for step in route.steps)
    assert route.total_qualifications == sum(len(step.awards) for step in route.steps)
    assert route_ok(G, list(route.roles), have=(qualification,))
    try:
        without = shortest_route(G, s, t, "qualifications")
    except NoRouteError:  # blocked only by what the person now says they hold
        return
    if all(qualification not in g for g in (G.nodes[s].get("requires") or []) if isinstance(g, list)):
        assert route.total_qualifications <= without.total_qualifications


def test_a_route_blocked_only_by_a_qualification_exists_with_have():
    G = nx.DiGraph(qualifications={"reg": {}})
    G.add_node("gate", requires=["reg"])
    G.add_edge("a", "gate", years=1, awards=[])
    with pytest.raises(NoRouteError, match="have=reg"):
        shortest_route(G, "a", "gate")
    route = shortest_route(G, "a", "gate", constraints=Constraints(have=("reg",)))
    assert route.roles == ("a", "gate") and route.held == ("reg",)
