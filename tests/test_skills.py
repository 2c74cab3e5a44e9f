"""The gap along a route (skills and responsibilities each step adds) and pay along a route
(issue 17): the library (otgraph.skills, Route.skill_gap, Route.pay) and path --skills/--pay,
requires --from."""

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from otgraph.cli import cli
from otgraph.route_model import Route
from otgraph.routes import shortest_route
from otgraph.skills import route_pay, route_skill_gap

LADDER = ("Entry-Level Occupational Therapist", "Rehabilitation Services Manager")


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


def items_of(G, role, fields=("responsibilities", "skills")):
    return {x["item"] for f in fields for x in G.nodes[role].get(f) or ()}


def test_gap_on_the_us_ladder(ot):
    G = ot.graph
    route = shortest_route(G, "us-entry-ot", "us-rehab-services-manager")
    gap = route_skill_gap(G, route)
    assert gap == route.skill_gap(G)
    assert len(gap.steps) == len(route.steps)
    manager = {i["id"] for i in gap.steps[-1]}
    assert {"budget-management", "departmental-kpis", "multidisciplinary-team-management"} <= manager
    assert "staff-scheduling" not in manager  # the lead's already
    assert "staff-scheduling" in {i["id"] for i in gap.steps[-2]}
    # Nothing gained twice, nothing gained that an earlier role (the start included) held.
    held = items_of(G, route.roles[0])
    assert held == {i["id"] for i in gap.held}
    for role, step in zip(route.roles[1:], gap.steps, strict=True):
        ids = [i["id"] for i in step]
        assert len(ids) == len(set(ids)) and not set(ids) & held
        assert set(ids) == items_of(G, role) - held
        held |= set(ids)
    assert gap.total_ids == [i for s in gap.steps for i in (x["id"] for x in s)]
    item = next(i for i in gap.steps[-1] if i["id"] == "budget-management")
    assert item["kind"] == "responsibility" and item["label"] == G.graph["skills"]["budget-management"]["label"]
    assert item["evidence"]["source"] == "seed-001" and item["role"] == "us-rehab-services-manager"


def test_gap_on_a_hand_made_graph():
    G = nx.DiGraph(skills={"a": {"label": "A", "kind": "hard"}, "b": {"label": "B", "kind": "responsibility"}})
    G.add_node("x", responsibilities=[{"item": "b", "evidence": {"grade": "estimate"}}])
    G.add_node("y", skills=[{"item": "a", "evidence": {"grade": "estimate"}}],
               responsibilities=[{"item": "b", "evidence": {"grade": "estimate"}}])
    G.add_node("z", skills=[{"item": "c", "evidence": {"grade": "estimate"}}])  # not in the table
    G.add_edge("x", "y", years=1)
    G.add_edge("y", "z", years=1)
    gap = route_skill_gap(G, Route.from_nodes(G, ["x", "y", "z"]))
    assert [[i["id"] for i in s] for s in gap.steps] == [["a"], ["c"]]
    assert gap.steps[0][0]["label"] == "A" and gap.steps[1][0] == {
        "id": "c", "label": "c", "kind": "skill", "field": "skills", "evidence": {"grade": "estimate"}, "role": "z"}


def test_path_skills_text(run):
    result = run("path", *LADDER, "--skills")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("   5. Rehabilitation Services Manager"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Total:"))
    manager = "\n".join(lines[start:end])
    for label in ("Manage a department's budget", "Track departmental KPIs", "Manage a multi-disciplinary rehab team"):
        assert label in manager
    assert "Schedule staff" not in manager
    lead = "\n".join(lines[:start])
    assert "Schedule staff (responsibility)" in lead
    assert any(line.startswith("Gained on the way: ") for line in lines[end:])


def test_path_skills_json(ot, run):
    data = json.loads(run("path", *LADDER, "--skills", "--json").output)
    gained = [[i["id"] for i in s["skills_gained"]] for s in data["steps"]]
    assert "budget-management" in gained[-1] and "staff-scheduling" in gained[-2]
    assert [i["id"] for i in data["skills_total"]] == [i for s in gained for i in s]
    assert set(data["skills_total"][0]) >= {"id", "label", "kind", "evidence"}
    # The keys of the route as before are all there, unchanged.
    plain = json.loads(run("path", *LADDER, "--json").output)
    assert {k: v for k, v in data.items() if k != "skills_total"} | {"steps": plain["steps"]} == plain


def test_requires_from_includes_the_gap(run):
    result = run("requires", "Rehabilitation Services Manager", "--from", "Senior Occupational Therapist")
    assert result.exit_code == 0
    text = result.output
    assert "skills and responsibilities gained on the way" in text
    at_manager = text.split("at Rehabilitation Services Manager:")[1]
    assert "Manage a department's budget" in at_manager and "Schedule staff" not in at_manager
    data = json.loads(run("requires", "Rehabilitation Services Manager", "--from", "Senior Occupational Therapist",
                          "--json").output)
    assert "budget-management" in [i["id"] for i in data["route"]["skills_total"]]
    assert "skills_gained" in data["route"]["steps"][0]


def test_pay_within_one_currency(ot, run):
    route = shortest_route(ot.graph, "nhs-band5-ot", "nhs-consultant-ot")
    pay = route.pay(ot.graph)
    assert pay.currencies == ("GBP",) and not pay.crosses_currencies
    band5, consultant = ot.graph.nodes["nhs-band5-ot"]["pay"][0], ot.graph.nodes["nhs-consultant-ot"]["pay"][0]
    assert (pay.change.min, pay.change.max) == (consultant["min"] - band5["min"], consultant["max"] - band5["max"])
    text = run("path", "Band 5 OT", "Consultant Occupational Therapist", "--pay").output
    assert "pay: GBP 31,049-37,796 a year (England, 2025/26)" in text
    assert f"Pay change: GBP {pay.change.min:+,} to {pay.change.max:+,} a year" in text
    data = json.loads(run("path", "Band 5 OT", "Consultant Occupational Therapist", "--pay", "--json").output)
    assert data["roles"][0]["pay"] == [band5]
    assert data["pay_change"]["currency"] == "GBP" and data["pay_change"]["min"] == pay.change.min
    assert data["pay_currencies"] == ["GBP"]


def test_pay_never_mixes_currencies(run):
    args = ("Band 5 OT", "Entry-Level Occupational Therapist", "--have", "BSc (Hons) Occupational Therapy")
    result = run("path", *args, "--pay")
    assert result.exit_code == 0, result.output
    assert "pay: GBP 31,049-37,796" in result.output and "average USD 92,577" in result.output
    summary = next(line for line in result.output.splitlines() if line.startswith("Pay change:"))
    assert "crosses currencies (GBP, USD)" in summary and "+" not in summary
    data = json.loads(run("path", *args, "--pay", "--json").output)
    assert data["pay_change"] is None and data["pay_currencies"] == ["GBP", "USD"]
    assert "crosses currencies" in data["pay_note"]


def test_route_pay_across_currencies_on_a_hand_made_graph():
    G = nx.DiGraph()
    G.add_node("uk", pay=[{"currency": "GBP", "min": 30000, "max": 40000, "period": "year"}])
    G.add_node("us", pay=[{"currency": "USD", "min": 60000, "max": 80000, "period": "year"}])
    G.add_node("us2", pay=[{"currency": "USD", "min": 70000, "max": 90000, "period": "year"}])
    G.add_edge("uk", "us", years=1)
    G.add_edge("us", "us2", years=1)
    pay = route_pay(G, Route.from_nodes(G, ["uk", "us", "us2"]))
    assert pay.change is None and pay.crosses_currencies
    same = route_pay(G, Route.from_nodes(G, ["us", "us2"]))
    assert (same.change.min, same.change.max, same.change.currency) == (10000, 10000, "USD")


def test_pay_compares_like_with_like():
    G = nx.DiGraph()
    G.add_node("a", pay=[{"currency": "USD", "average": 50000, "period": "year", "year": 2024}])
    G.add_node("b", pay=[{"currency": "USD", "min": 1, "max": 2, "period": "year"},
                         {"currency": "USD", "average": 60000, "period": "year", "year": 2025}])
    G.add_node("c", pay=[{"currency": "USD", "min": 1, "max": 2, "period": "hour"}])
    G.add_edges_from([("a", "b", {"years": 1}), ("a", "c", {"years": 1})])
    pay = route_pay(G, Route.from_nodes(G, ["a", "b"]))
    assert pay.change.average == 10000 and pay.change.min is None
    assert "different years" in pay.note
    assert route_pay(G, Route.from_nodes(G, ["a", "c"])).change is None


def test_pay_is_not_compared_across_two_employers_scales_or_from_percentiles():
    G = nx.DiGraph()
    G.add_node("a", pay=[{"currency": "GBP", "min": 33699, "max": 47181, "period": "year", "region": "Dorset Council"}])
    G.add_node("b", pay=[{"currency": "GBP", "min": 49221, "max": 53826, "period": "year",
                          "region": "Leicestershire County Council"}])
    G.add_node("c", pay=[{"currency": "USD", "percentiles": {"p10": 1, "p90": 2}, "period": "year"}])
    G.add_node("d", pay=[{"currency": "USD", "percentiles": {"p10": 1, "p90": 2}, "period": "year"}])
    G.add_edges_from([("a", "b", {"years": 1}), ("c", "d", {"years": 1})])
    two_councils = route_pay(G, Route.from_nodes(G, ["a", "b"]))
    assert two_councils.change is None and "Dorset Council; Leicestershire County Council" in two_councils.note
    occupation_wide = route_pay(G, Route.from_nodes(G, ["c", "d"]))
    assert occupation_wide.change is None and "percentiles are not compared" in occupation_wide.note
