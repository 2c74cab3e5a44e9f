"""otgraph compare: the official ladder beside the observed one (issue 20)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from otgraph.compare import compare, observed_route
from otgraph.errors import DataError, UnknownRoleError

HERE = Path(__file__).parent
DATA = HERE / "data" / "compare"
OFFICIAL = DATA / "official.json"
LEARNED = DATA / "learned.json"


def run(*args: str):
    from otgraph.cli import cli

    return CliRunner().invoke(cli, ["compare", *map(str, args)])


def pairs(moves):
    return {(m["from"], m["to"]) for m in moves}


# --- small fixtures with known differences ----------------------------------------------------

def test_moves_only_in_one():
    result = compare(LEARNED, OFFICIAL)
    assert pairs(result["moves"]["only_in_a"]) == {("ot", "locum"), ("locum", "ot")}
    assert pairs(result["moves"]["only_in_b"]) == {("ot", "lead")}
    assert result["moves"]["common"] == 5
    assert [r["id"] for r in result["roles"]["only_in_a"]] == ["locum"] and result["roles"]["only_in_b"] == []
    assert result["a"]["learned"] and not result["b"]["learned"]
    assert result["differ"]


def test_observed_medians_outside_the_other_range():
    result = compare(LEARNED, OFFICIAL)
    outside = {(m["from"], m["to"]): m for m in result["outside_range"]}
    # assistant->ot 1.5 below [2, 4]; senior->manager 5.5 above [3, 5]; lead->manager 1 below [2, 2];
    # senior->lead 6 is inside [2, open); ot->senior 2.5 inside [1, 3]
    assert set(outside) == {("assistant", "ot"), ("senior", "manager"), ("lead", "manager")}
    assert outside["assistant", "ot"]["where"] == "below" and outside["assistant", "ot"]["range"] == [2, 4]
    assert outside["senior", "manager"]["where"] == "above" and outside["senior", "manager"]["median"] == 5.5
    assert all(m["observed_in"] == "a" and m["range_in"] == "b" for m in outside.values())
    # the same found with the sides swapped
    swapped = compare(OFFICIAL, LEARNED)
    assert {(m["from"], m["to"]) for m in swapped["outside_range"]} == set(outside)
    assert all(m["observed_in"] == "b" for m in swapped["outside_range"])


def test_roles_with_no_observed_entrants():
    result = compare(LEARNED, OFFICIAL)
    assert [r["id"] for r in result["no_observed_entrants"]["a"]] == ["assistant"]
    assert result["no_observed_entrants"]["b"] == []  # the curated side has no observed figures


def test_official_route_beside_the_most_likely_observed_one():
    route = compare(LEARNED, OFFICIAL, route=("Occupational Therapist", "Service Manager"))["route"]
    assert route["official"]["dataset"] == "b"
    assert [r["id"] for r in route["official"]["roles"]] == ["ot", "senior", "manager"]  # 6 years, the fewest
    observed = route["observed"]
    assert observed["dataset"] == "a"
    # ot->senior->lead->manager: 0.6 * 0.7 * 1.0 = 0.42 beats ot->senior->manager: 0.6 * 0.3 = 0.18
    assert [r["id"] for r in observed["roles"]] == ["ot", "senior", "lead", "manager"]
    assert observed["probability"] == pytest.approx(0.42)
    assert observed["total_years"] == pytest.approx(2.5 + 6.0 + 1.0)
    assert route["notes"] == []


def test_observed_route_is_the_highest_product_of_shares():
    from otgraph import load_roles

    G = load_roles(LEARNED).graph
    best = observed_route(G, "assistant", "manager")
    assert [r["id"] for r in best["roles"]] == ["assistant", "ot", "senior", "lead", "manager"]
    assert best["probability"] == pytest.approx(math.prod(s["share"] for s in best["steps"]))
    from otgraph.errors import NoRouteError

    with pytest.raises(NoRouteError):
        observed_route(G, "manager", "assistant")


def test_identical_datasets_do_not_differ():
    result = compare(OFFICIAL, OFFICIAL)
    assert not result["differ"] and result["outside_range"] == [] and result["moves"]["only_in_a"] == []


def test_route_notes_when_a_side_cannot_answer():
    both_curated = compare(OFFICIAL, OFFICIAL, route=("ot", "manager"))["route"]
    assert both_curated["observed"] is None and "no observed route" in both_curated["notes"][0]
    both_learned = compare(LEARNED, LEARNED, route=("ot", "manager"))["route"]
    assert both_learned["official"] is None and "both datasets are learned" in both_learned["notes"][0]
    locum = compare(LEARNED, OFFICIAL, route=("ot", "locum"))["route"]
    assert locum["official"] is None and "locum" in locum["notes"][0]
    assert [r["id"] for r in locum["observed"]["roles"]] == ["ot", "locum"]


# --- the command ---------------------------------------------------------------------------------

def test_command_text_and_json():
    text = run(LEARNED, OFFICIAL, "--route", "ot", "manager")
    assert text.exit_code == 0, text.output
    assert "moves only in A" in text.output and "Occupational Therapist -> Team Lead: 5 yr" in text.output
    assert "median 5.5 yr (A) above 3-5 yr (B)" in text.output
    assert "official route" in text.output and "most likely observed route" in text.output
    assert "42.00%: product of per-move shares, not the share of people who took the whole route" in text.output
    assert "yr: sum of per-move medians, not the time people took the whole route" in text.output
    assert "no route statistics from people for this route" in text.output
    as_json = run(LEARNED, OFFICIAL, "--json", "--route", "ot", "manager")
    assert as_json.exit_code == 0
    assert json.loads(as_json.output) == compare(LEARNED, OFFICIAL, route=("ot", "manager"))


def test_command_exits_0_when_the_same():
    result = run(OFFICIAL, OFFICIAL)
    assert result.exit_code == 0 and "no differences" in result.output


def test_command_exits_2_on_bad_input(tmp_path):
    assert run(LEARNED, tmp_path / "missing.json").exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert run(bad, OFFICIAL).exit_code == 2
    result = run(LEARNED, OFFICIAL, "--route", "nobody", "manager")
    assert result.exit_code == 2 and "nobody" in result.output
    assert run(LEARNED).exit_code == 2
    with pytest.raises(DataError):
        compare(LEARNED, tmp_path / "missing.json")
    with pytest.raises(UnknownRoleError):
        compare(LEARNED, OFFICIAL, route=("nobody", "manager"))


# --- the packaged data against a learned file from the simulator ----------------------------------

NHS = ["nhs-ot-support-worker", "nhs-band5-ot", "nhs-specialist-ot", "nhs-advanced-ot", "nhs-acp-ot",
       "nhs-consultant-ot"]


@pytest.fixture(scope="module")
def learned_nhs(tmp_path_factory):
    """People walking the NHS ladder under the packaged role ids (with two moves the ladder does
    not have: support worker -> band 5, specialist -> band 5), learned with --map-to roles."""
    pytest.importorskip("duckdb")
    np = pytest.importorskip("numpy")
    sys.path.insert(0, str(HERE.parent / "scripts"))
    import simulate_careers as sc

    from otgraph.learn import learn_graph, write_json

    graph = sc.Graph(titles=NHS, mu=np.log([2.0, 1.5, 3.0, 5.0, 2.0, 6.0]), sigma=np.full(6, 0.4),
                     exit=np.array([0.3, 0.1, 0.1, 0.1, 0.1, 0.5]),
                     moves={0: {1: 1.0}, 1: {2: 1.0}, 2: {3: 0.8, 1: 0.2}, 3: {4: 1.0}, 4: {5: 1.0}, 5: {4: 1.0}},
                     entry=np.array([0.4, 0.3, 0.1, 0.1, 0.05, 0.05]))
    records, _ = sc.simulate(4000, seed=11, graph=graph, gap_days=20)
    folder = tmp_path_factory.mktemp("nhs")
    data, report = learn_graph(sc.write(records, folder / "spells.csv"), map_to="roles", as_of="2024-01-01")
    assert report["titles"]["exact"] == len(NHS)
    path = folder / "learned.json"
    write_json(data, path)
    return path


def test_packaged_roles_against_a_learned_file(learned_nhs):
    result = compare(learned_nhs, "roles", route=("nhs-band5-ot", "nhs-consultant-ot"))
    assert result["roles"]["common"] == len(NHS) and result["roles"]["only_in_a"] == []
    assert pairs(result["moves"]["only_in_a"]) == {("nhs-ot-support-worker", "nhs-band5-ot"),
                                                   ("nhs-specialist-ot", "nhs-band5-ot"),
                                                   ("nhs-consultant-ot", "nhs-acp-ot")}
    assert ("nhs-advanced-ot", "nhs-professional-lead-ot") in pairs(result["moves"]["only_in_b"])
    # advanced -> ACP: the ladder says exactly 3 years; people take about 4 (5-year median tenure, censored)
    outside = {(m["from"], m["to"]): m for m in result["outside_range"]}
    assert outside["nhs-advanced-ot", "nhs-acp-ot"]["where"] == "above"
    assert outside["nhs-advanced-ot", "nhs-acp-ot"]["range"] == [2, 3]
    assert [r["id"] for r in result["no_observed_entrants"]["a"]] == ["nhs-ot-support-worker"]
    route = result["route"]
    assert route["official"]["dataset"] == "b" and route["observed"]["dataset"] == "a"
    assert [r["id"] for r in route["observed"]["roles"]] == ["nhs-band5-ot", "nhs-specialist-ot", "nhs-advanced-ot",
                                                            "nhs-acp-ot", "nhs-consultant-ot"]
    assert route["official"]["roles"][0]["id"] == "nhs-band5-ot"
    assert route["official"]["roles"][-1]["id"] == "nhs-consultant-ot"
    # and from the command line, against the packaged name
    text = run(learned_nhs, "roles", "--route", "Band 5 Occupational Therapist (Rotational)", "Consultant OT")
    assert text.exit_code == 0, text.output
    assert "most likely observed route" in text.output


# --- issue 31: years that differ, in any two datasets -------------------------------------------

def roles_with_one_move_changed(tmp_path: Path) -> Path:
    """The packaged roles file with the school leaver -> BSc (OT) move at 40 years (3, 3-4)."""
    data = json.loads((HERE.parent / "data" / "roles.json").read_text(encoding="utf-8"))
    move = next(t for t in data["transitions"] if (t["from"], t["to"]) == ("edu-uk-school-leaver", "edu-uk-ot-bsc"))
    assert (move["years"], move["years_min"], move["years_max"]) == (3, 3, 4)
    move["years"] = move["years_min"] = move["years_max"] = 40
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_move_whose_years_changed_is_listed_with_both_figures(tmp_path):
    changed = roles_with_one_move_changed(tmp_path)
    result = compare("roles", changed)
    assert [(m["from"], m["to"]) for m in result["years_differ"]] == [("edu-uk-school-leaver", "edu-uk-ot-bsc")]
    differ = result["years_differ"][0]
    assert differ["a"]["years"] == 3 and differ["a"]["years_range"] == [3, 4]
    assert differ["b"]["years"] == 40 and differ["b"]["years_range"] == [40, 40]
    assert result["differ"] and result["outside_range"] == []  # neither is observed: no median to check
    text = run("roles", changed)
    assert text.exit_code == 0, text.output
    assert "moves whose years differ: 1" in text.output
    assert "typical 3 yr, range 3-4 (A), typical 40 yr (B)" in text.output


def test_identical_files_list_no_years_differ():
    assert compare("roles", "roles")["years_differ"] == []
