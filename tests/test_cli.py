import json

import pytest
from click.testing import CliRunner

from otgraph.cli import cli


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(cli, list(args), env=env, catch_exceptions=False)

    return invoke


def test_path_text_us_ladder(run):
    result = run("path", "Entry-Level Occupational Therapist", "Rehabilitation Services Manager")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Entry-Level Occupational Therapist -> Rehabilitation Services Manager (best by years)"
    assert "Total: 8 years (7+), 4 steps, 2 qualifications" in result.output
    assert "Ladder ranges are the sources' preferred experience, not requirements." in result.output
    assert [line.split(". ", 1)[1].split("  ")[0] for line in lines if ". " in line[:6]] == [
        "Entry-Level Occupational Therapist", "Mid-Level Occupational Therapist", "Senior Occupational Therapist",
        "Lead Occupational Therapist", "Rehabilitation Services Manager"]


def test_path_json_uk_ladder(run):
    result = run("path", "Occupational Therapy Support Worker", "Consultant Occupational Therapist", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["roles"][0] == {"id": "nhs-ot-support-worker", "title": "Occupational Therapy Support Worker"}
    assert data["roles"][-1]["id"] == "nhs-consultant-ot"
    assert data["total_years"] == sum(s["years"] for s in data["steps"])
    assert {"id": "hcpc-registration", "title": "HCPC registration"} in data["qualifications"]
    assert len(data["steps"]) == len(data["roles"]) - 1


@pytest.mark.parametrize("by", ["years", "qualifications", "steps"])
def test_path_by(run, data_dir, by):
    result = run("--data", str(data_dir / "tiny.json"), "path", "a", "e", "--by", by, "--json")
    expected = {"years": ["a", "b", "d", "e"], "qualifications": ["a", "c", "d", "e"], "steps": ["a", "e"]}[by]
    assert [r["id"] for r in json.loads(result.output)["roles"]] == expected


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["path", "Epsilon Head", "Alpha Worker"], 1,
         "error: no route from Epsilon Head (e) to Alpha Worker (a): no route exists in this data"),
        (["path", "Alpah Worker", "e"], 2, "unknown role 'Alpah Worker'; did you mean Alpha Worker (a, UK, Band 2)"),
        (["path", "Middle Role", "e"], 2, "role name 'Middle Role' is ambiguous"),
        (["path", "", "e"], 2, "empty role name"),
        (["path", "a", "e", "--by", "speed"], 2, "Invalid value for '--by'"),
        (["path", "a"], 2, "Missing argument 'TO'"),
        (["roles", "--track", "nope"], 2, "--track 'nope' is not a track in this data: use one of one, three, two"),
        (["roles", "--country", "FR"], 2, "--country 'FR' is not a country in this data: use one of UK, US"),
        (["show", "zzz"], 2, "unknown role 'zzz'"),
        (["frobnicate"], 2, "No such command 'frobnicate'"),
    ],
)
def test_errors_and_exit_codes(run, data_dir, args, code, message):
    result = run("--data", str(data_dir / "tiny.json"), *args)
    assert result.exit_code == code
    assert message in result.output  # CliRunner mixes stderr into output
    assert "Traceback" not in result.output


def test_errors_go_to_stderr_only(data_dir):
    result = CliRunner().invoke(cli, ["--data", str(data_dir / "tiny.json"), "path", "e", "a"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("otgraph: error: no route")


def test_bad_data_file_is_exit_2(run, data_dir):
    result = run("--data", str(data_dir / "broken.json"), "roles")
    assert result.exit_code == 2
    assert 'duplicate role id "a"' in result.output and "run 'otgraph validate' to list them" in result.output


def test_data_from_environment(run, data_dir):
    result = run("roles", env={"OTGRAPH_DATA": str(data_dir / "tiny.json")})
    assert result.output.splitlines()[0].split() == ["a", "Alpha", "Worker", "UK,", "one,", "Band", "2"]


def test_roles_filters_and_json(run):
    result = run("roles", "--country", "us", "--track", "US-Assistant", "--json")
    ids = [r["id"] for r in json.loads(result.output)]
    assert ids == ["us-ot-aide", "us-cota", "us-cota-experienced", "us-cota-lead"]


def test_roles_kind_education_lists_the_stages(run):
    ids = [r["id"] for r in json.loads(run("roles", "--kind", "Education", "--json").output)]
    assert "edu-us-mot" in ids and "us-entry-ot" not in ids
    assert run("stats").output.startswith("57 roles (44 jobs, 13 education stages), 148 moves")


def test_show(run):
    result = run("show", "Band 5 OT")
    assert result.exit_code == 0
    assert result.output.startswith("Band 5 Occupational Therapist (Rotational)  (nhs-band5-ot)")
    assert "-> Specialist Occupational Therapist (Band 6) (nhs-specialist-ot)  ~2 yr (1+) estimate" in result.output
    assert "US  Entry-Level Occupational Therapist (us-entry-ot)" in result.output
    assert "pay: GBP 31,049-37,796 a year (England, 2025/26)  [sourced: " in result.output
    assert "requires: HCPC registration  [sourced: " in result.output


def test_show_json(run):
    info = json.loads(run("show", "us-cota", "--json").output)
    assert info["onet_soc"] == "31-2011.00"
    assert {m["role"] for m in info["moves"]["out"]} == {"us-cota-experienced", "edu-us-bachelors", "edu-us-mot",
                                                        "edu-us-ota-bridge-prereqs"}
    assert {e["role"] for e in info["equivalents"]} == {"nhs-ot-assistant-practitioner"}


def test_validate_ok(run):
    result = run("validate")
    assert result.exit_code == 0
    assert "OK (57 roles," in result.output
    assert "note: 34 roles form a cycle (allowed): edu-intl-ot-pp-masters," in result.output


def test_validate_lists_every_problem(run, data_dir):
    result = run("validate", str(data_dir / "broken.json"))
    assert result.exit_code == 2
    problem_lines = [line for line in result.output.splitlines() if line.startswith(str(data_dir))]
    assert len(problem_lines) >= 12


def test_validate_json(run, data_dir):
    result = run("validate", str(data_dir / "empty.json"), "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["problems"] == ["file is empty"]
    assert json.loads(result.stderr) == {"error": f"{data_dir / 'empty.json'}: 1 problem", "exit": 2}


def test_help_lists_commands(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in ("roles", "show", "path", "validate"):
        assert command in result.output


def test_routes_k_and_json(run):
    result = run("routes", "School Leaver", "Consultant OT", "-k", "2", "--json")
    data = json.loads(result.output)
    assert len(data) == 2 and data[0]["total_years"] <= data[1]["total_years"]
    first = json.loads(run("path", "School Leaver", "Consultant OT", "--json").output)
    assert data[0]["total_years"] == first["total_years"]


def test_routes_pareto_text(run):
    result = run("routes", "High School Graduate", "Entry-Level OT", "--pareto")
    assert result.exit_code == 0
    assert result.output.startswith("1. 5 years (4.5-8), 5 steps, 9 qualifications\n")
    assert "\n2. 6.25 years (6.25-6.5), 3 steps, 5 qualifications\n" in result.output
    assert "\n2. " not in run("routes", "High School Graduate", "Entry-Level OT", "--pareto", "-k", "1").output


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["routes", "a", "e", "-k", "0"], 2, "-k (the number of routes) must be a whole number >= 1, not 0"),
        (["routes", "a", "e", "-k", "-3"], 2, "-k (the number of routes) must be a whole number >= 1, not -3"),
        (["path", "a", "e", "--max-years", "-1"], 2, "--max-years must be a number >= 0, not -1"),
        (["path", "a", "e", "--max-years", "2"], 1, "within max_years 2: the fastest takes 3.5 years"),
        (["path", "a", "e", "--track", "two"], 1, "track 'two' excludes the start Alpha Worker (a)"),
        (["path", "a", "e", "--via", "c", "--via", "b"], 1, "no way from Gamma Worker (c) to Beta Worker (b)"),
        (["path", "a", "e", "--avoid", "nobody"], 2, "unknown role 'nobody'"),
        (["reach", "a", "--within-years", "-2"], 2, "--within-years must be a number >= 0"),
        (["translate", "a", "--to", "FR"], 2, "--to 'FR' is not a country in this data"),
        (["stats", "--track", "x"], 2, "--track 'x' is not a track in this data"),
    ],
)
def test_analysis_errors(run, data_dir, args, code, message):
    result = run("--data", str(data_dir / "tiny.json"), *args)
    assert (result.exit_code, message in result.output) == (code, True), result.output


def test_path_constraints(run, data_dir):
    result = run("--data", str(data_dir / "tiny.json"), "path", "a", "e", "--avoid", "b", "--json")
    assert [r["id"] for r in json.loads(result.output)["roles"]] == ["a", "c", "d", "e"]


def test_reach_text_and_json(run, data_dir):
    result = run("--data", str(data_dir / "tiny.json"), "reach", "a", "--json")
    assert [(r["role"], r["cost"]) for r in json.loads(result.output)] == [("b", 1), ("d", 2), ("c", 3), ("e", 3.5)]
    text = run("--data", str(data_dir / "tiny.json"), "reach", "a", "--within-years", "2").output
    assert text.split() == ["1", "yr", "Beta", "Worker", "b", "2", "yr", "Delta", "Lead", "d"]


def test_reach_from_a_role_with_no_way_on_is_an_empty_list(run, data_dir):
    result = run("--data", str(data_dir / "tiny.json"), "reach", "e")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")


def test_requires(run):
    result = run("requires", "Entry-Level Occupational Therapist", "--json")
    data = json.loads(result.output)
    assert [q["id"] for q in data["qualifications"]][-2:] == ["nbcot-otr", "us-state-ot-licence"]
    assert data["entry_requirements"][1:] == [["nbcot-otr"], ["us-state-ot-licence"]]
    assert "Roles that lead straight in:" in run("requires", "us-entry-ot").output


def test_translate(run):
    result = run("translate", "Band 5 OT")
    assert "= US  Entry-Level Occupational Therapist" in result.output
    none = run("translate", "nhs-acp-ot")
    assert (none.exit_code, none.stdout, none.stderr) == (1, "", "")


def test_stats(run):
    result = run("stats", "--json")
    data = json.loads(result.output)
    assert data["roles"] == 57 and data["entry_roles"] == ["edu-uk-school-leaver", "edu-us-high-school"]
    text = run("stats", "--track", "us-clinical").output
    assert text.startswith("6 roles, 6 moves on track us-clinical")
