"""The contract with users (issue 15): exit codes, one-line and JSON errors, names people type,
global options anywhere, a closed pipe, and plurals.

Exit status: 0 answered, 1 no route or nothing matched, 2 bad input or usage. Every error is one
line on stderr (``otgraph: error: ...``), or with ``--json`` one JSON object
``{"error", "exit", ...}`` on stderr; usage errors add click's help hint on a second line. An
empty list is printed as such (``[]`` under ``--json``) and exits 1 with nothing on stderr.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from otgraph.cli import cli

DATA = Path(__file__).parent / "data"
TINY = ["--data", str(DATA / "tiny.json")]
NAMES = json.loads((DATA / "names.json").read_text(encoding="utf-8"))


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env)


def one_line_error(result, code):
    """The result failed with ``code`` and said so in one line on stderr, and nothing on stdout."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.stdout == ""
    assert result.stderr.startswith("otgraph: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
    return result.stderr[len("otgraph: error: "):].rstrip("\n")


def json_error(result, code):
    """The result failed with ``code``, and stderr is one JSON object ``{"error", "exit", ...}``."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.stderr.count("\n") == 1, result.stderr
    error = json.loads(result.stderr)
    assert error["exit"] == code and isinstance(error["error"], str) and "\n" not in error["error"]
    return error


# --- 0 answered, 1 nothing matched or no route -----------------------------------------------

def test_answered_is_0():
    for args in (["roles"], ["show", "Band 5 OT"], ["translate", "Band 5 OT"], ["validate"]):
        result = run(*args)
        assert result.exit_code == 0 and result.stderr == "", (args, result.output)


def test_roles_filter_matching_nothing_is_1_and_silent():
    result = run("roles", "--track", "nhs", "--country", "US")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")


def test_roles_filter_matching_nothing_json_is_1_with_an_empty_list():
    result = run("roles", "--track", "nhs", "--country", "US", "--json")
    assert result.exit_code == 1 and result.stderr == ""
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_translate_with_no_equivalent_is_1(as_json):
    result = run("translate", "nhs-acp-ot", *(["--json"] if as_json else []))
    assert result.exit_code == 1 and result.stderr == ""
    if as_json:
        assert json.loads(result.stdout)["equivalents"] == []
    else:
        assert result.stdout == ""


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_requires_from_with_no_route_is_1(as_json):
    result = run(*TINY, "requires", "a", "--from", "e", *(["--json"] if as_json else []))
    message = "no route from Epsilon Head (e) to Alpha Worker (a) meets the entry requirements"
    if as_json:
        assert json.loads(result.stdout)["route"] is None
        assert json_error(result, 1)["error"] == message
    else:
        assert one_line_error(result, 1) == message


def test_requires_from_with_a_route_is_0():
    assert run(*TINY, "requires", "e", "--from", "a").exit_code == 0


def test_export_whose_filters_match_no_role_is_1_and_writes_nothing(tmp_path):
    for fmt in ("mermaid", "graphml", "json", "dot"):
        out = tmp_path / f"map.{fmt}"
        result = run("export", "-o", str(out), "--format", fmt, "--track", "nhs", "--country", "US")
        assert one_line_error(result, 1) == "no role matches these filters: nothing written"
    assert list(tmp_path.iterdir()) == []
    result = run("export", "-o", "-", "--format", "mermaid", "--track", "nhs", "--country", "US")
    assert one_line_error(result, 1) == "no role matches these filters: nothing written"


def test_no_route_is_1():
    assert one_line_error(run(*TINY, "path", "e", "a"), 1) == \
        "no route from Epsilon Head (e) to Alpha Worker (a): no route exists in this data"


def test_bad_output_directory_fails_before_any_rendering(tmp_path, monkeypatch):
    """The output's directory is checked first, so the message is the same with or without Graphviz."""
    from otgraph.export import graphviz as gv

    monkeypatch.setattr(gv.shutil, "which", lambda name: None)
    for name in ("x.svg", "x.png", "x.html"):
        result = run(*TINY, "export", "-o", f"/no/dir/{name}")
        assert one_line_error(result, 2) == f"/no/dir/{name}: no such directory '/no/dir'"
    result = run(*TINY, "export", "-o", str(tmp_path), "--format", "svg")
    assert one_line_error(result, 2) == f"{tmp_path}: is a directory"


# --- a closed pipe --------------------------------------------------------------------------

@pytest.mark.parametrize("command", [
    "roles",
    "--data onet roles",
    "--data onet roles --json",
    "export -o - --format mermaid",
    "show 'Band 5 OT'",
])
def test_closed_pipe_ends_quietly_with_0(tmp_path, command):
    """``otgraph ... | head -1`` under ``bash -o pipefail``: otgraph's own status is 0, stderr empty."""
    script = f"'{sys.executable}' -m otgraph {command} 2>'{tmp_path / 'stderr.txt'}' | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", script], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, (tmp_path / "stderr.txt").read_text()
    assert done.stdout.count("\n") == 1
    assert (tmp_path / "stderr.txt").read_text() == ""


# --- usage errors: one line, exit 2 ---------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["roles", "--bogus"], "No such option '--bogus'."),
    (["path", "a"], "Missing argument 'TO'."),
    (["path", "a", "e", "extra"], "Got unexpected extra argument (extra)"),
    (["path", "a", "e", "--by", "speed"],
     "Invalid value for '--by': 'speed' is not one of 'years', 'qualifications', 'steps'."),
    (["export", "--format", "gif", "-o", "x.gif"], "Invalid value for '--format': 'gif' is not one of 'dot', "),
    (["export"], "Missing option '-o' / '--output'."),
    (["roles", "--track"], "Option '--track' requires an argument."),
    (["reach", "a", "--within-years", "soon"], "Invalid value for '--within-years': 'soon' is not a valid float."),
    (["frobnicate"], "No such command 'frobnicate'."),
    (["import", "onet"], "Missing argument 'DIR'."),
    (["roles", "--data"], "Option '--data' requires an argument."),
])
def test_usage_errors_keep_clicks_help_hint(args, message):
    result = run(*TINY, *args)
    assert result.exit_code == 2 and result.stdout == ""
    first, *hint = result.stderr.splitlines()
    assert first.startswith("otgraph: error: " + message), first
    # click gives its hint where it knows the command (not for an option's missing value)
    assert hint == ([] if "requires an argument" in message else [f"Try 'otgraph{_command_path(args)} -h' for help."])


def _command_path(args):
    return "" if args[0] == "frobnicate" else f" {args[0]}" + (f" {args[1]}" if args[0] == "import" else "")


@pytest.mark.parametrize("args", [["roles", "--bogus"], ["path", "a"], ["path", "a", "e", "x"],
                                  ["path", "a", "e", "--by", "speed"], ["frobnicate"]])
def test_usage_errors_as_json(args):
    error = json_error(run(*TINY, *args, "--json"), 2)
    assert set(error) == {"error", "exit", "help"} and error["help"].startswith("Try 'otgraph")


def test_no_command_shows_the_help_as_usage():
    result = run()
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Usage: otgraph [OPTIONS] COMMAND [ARGS]...")


# --- errors as JSON -------------------------------------------------------------------------

def test_unknown_role_json_has_suggestions():
    error = json_error(run(*TINY, "path", "Alpah", "e", "--json"), 2)
    assert error["error"] == "unknown role 'Alpah'; did you mean Alpha Worker (a, UK, Band 2)?"
    assert error["suggestions"] == [{"id": "a", "title": "Alpha Worker", "country": "UK", "band": "2"}]
    assert json_error(run(*TINY, "path", "zzzz", "e", "--json"), 2)["suggestions"] == []


def test_ambiguous_role_json_has_candidates():
    error = json_error(run(*TINY, "show", "Middle Role", "--json"), 2)
    assert error["candidates"] == [{"id": "b", "title": "Beta Worker", "country": "UK", "band": None},
                                   {"id": "c", "title": "Gamma Worker", "country": "UK", "band": None}]
    assert "suggestions" not in error


@pytest.mark.parametrize("args, code", [
    (TINY + ["path", "e", "a", "--json"], 1),
    (TINY + ["routes", "a", "e", "-k", "0", "--json"], 2),
    (TINY + ["roles", "--track", "nope", "--json"], 2),
    (["--data", str(DATA / "broken.json"), "roles", "--json"], 2),
    (["--data", str(DATA / "missing.json"), "stats", "--json"], 2),
])
def test_library_errors_as_json(args, code):
    error = json_error(run(*args), code)
    assert error["error"] and not error["error"].startswith("otgraph:")
    assert run(*args).stdout == ""


def test_validate_json_keeps_its_report_on_stdout():
    result = run("validate", str(DATA / "broken.json"), "--json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["valid"] is False and len(report["problems"]) >= 12
    error = json_error(result, 2)
    assert error["error"] == f"{DATA / 'broken.json'}: {len(report['problems'])} problems"


# --- --data before or after the command -----------------------------------------------------

def _ids(result):
    assert result.exit_code == 0, result.output
    return [r["id"] for r in json.loads(result.stdout)]


def test_data_before_or_after_the_command():
    before = _ids(run("--data", str(DATA / "tiny.json"), "roles", "--json"))
    after = _ids(run("roles", "--data", str(DATA / "tiny.json"), "--json"))
    last = _ids(run("roles", "--json", "--data", str(DATA / "tiny.json")))
    assert before == after == last == ["a", "b", "c", "d", "e", "f"]


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_option_overrides_the_environment(where):
    option = ["--data", str(DATA / "tiny.json")]
    args = [*option, "roles", "--json"] if where == "before" else ["roles", *option, "--json"]
    assert _ids(run(*args, env={"OTGRAPH_DATA": "onet"})) == ["a", "b", "c", "d", "e", "f"]
    assert len(_ids(run("roles", "--json", env={"OTGRAPH_DATA": "onet"}))) > 100


def test_data_after_the_command_for_every_command(tmp_path):
    for args in (["path", "a", "e"], ["routes", "a", "e"], ["show", "a"], ["reach", "a"], ["requires", "e"],
                 ["translate", "b"], ["stats"], ["validate"], ["export", "-o", str(tmp_path / "t.json")]):
        result = run(*args, *TINY)
        assert result.exit_code == 0, (args, result.output)


def test_onet_titles_match_singular_and_plural():
    for name in ("Occupational Therapist", "Occupational Therapists", "occupational therapist"):
        result = run("--data", "onet", "show", name, "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["id"] == "29-1122.00"
    result = run("show", "Occupational Therapy Assistant", "--data", "onet", "--json")
    assert json.loads(result.stdout)["id"] == "31-2011.00"


# --- names people type (tests/data/names.json) ----------------------------------------------

@pytest.mark.parametrize("case", NAMES["resolve"], ids=[c["name"] for c in NAMES["resolve"]])
def test_names_resolve(case):
    result = run("show", case["name"], "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == case["expect"]


def _misspelling(case):
    marks = [pytest.mark.xfail(strict=True, reason=case["known_gap"])] if case.get("known_gap") else []
    return pytest.param(case, id=case["name"], marks=marks)


@pytest.mark.parametrize("case", [_misspelling(c) for c in NAMES["misspellings"]])
def test_misspellings_are_suggested_best_first(case):
    error = json_error(run("show", case["name"], "--json"), 2)
    expect = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
    suggested = [s["id"] for s in error["suggestions"]]
    assert suggested and suggested[0] in expect, suggested
    assert set(expect) <= set(suggested), suggested
    assert error["error"].startswith(f"unknown role '{case['name']}'; did you mean ")
    assert all(set(s) == {"id", "title", "country", "band"} for s in error["suggestions"])


@pytest.mark.parametrize("name", NAMES["nonsense"])
def test_nonsense_gets_no_suggestion(name):
    error = json_error(run("show", name, "--json"), 2)
    assert error["suggestions"] == []
    assert error["error"] == f"unknown role '{name}'"
    assert one_line_error(run("show", name), 2) == f"unknown role '{name}'"


# Names shared by several roles: an error listing each, never a silent pick.
SHARED = {
    "Senior OT": {"us-senior-ot", "nhs-specialist-ot"},
    "OTA": {"nhs-ot-assistant", "us-cota"},
    "Band 8a": {"nhs-acp-ot", "nhs-consultant-ot", "nhs-principal-ot"},
    "Band 8a OT": {"nhs-consultant-ot", "nhs-principal-ot"},
    "OT": {"nhs-band5-ot", "ss-ot", "us-entry-ot", "us-mid-ot", "us-senior-ot", "us-lead-ot"},
    "OTR": {"us-entry-ot", "us-mid-ot", "us-senior-ot", "us-lead-ot"},
    "OTR/L": {"us-entry-ot", "us-mid-ot", "us-senior-ot", "us-lead-ot"},
}


@pytest.mark.parametrize("name, ids", SHARED.items(), ids=list(SHARED))
def test_shared_alias_is_ambiguous(ot, name, ids):
    error = json_error(run("path", name, "Consultant OT", "--json"), 2)
    assert {c["id"] for c in error["candidates"]} == ids
    for c in error["candidates"]:
        attrs = ot.graph.nodes[c["id"]]
        assert c == {"id": c["id"], "title": attrs["title"], "country": attrs.get("country"),
                     "band": attrs.get("band")}
    text = one_line_error(run("path", name, "Consultant OT"), 2)
    assert text.startswith(f"role name '{name}' is ambiguous: it could be ") and text.endswith("; give an id")
    for c in error["candidates"]:
        where = ", ".join(x for x in (c["country"], c["band"] and f"Band {c['band']}") if x)
        assert f"{c['title']} ({c['id']}, {where})" in text


def test_senior_ot_lists_the_nhs_band_6():
    text = one_line_error(run("show", "Senior OT"), 2)
    assert "(nhs-specialist-ot, UK, Band 6)" in text and "(us-senior-ot, US)" in text


def test_support_bands_are_not_called_ots(ot):
    """Bands 2-4 are support roles: no alias calls them an OT or occupational therapist."""
    import re

    for n, attrs in ot.graph.nodes(data=True):
        if attrs.get("band") in ("2", "3", "4"):
            for alias in attrs.get("aliases", []):
                assert not re.fullmatch(r"(band \d )?(ot|occupational therapist)", alias.casefold()), (n, alias)


# --- plurals ----------------------------------------------------------------------------------

def test_counts_are_singular_for_one(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"roles": [{"id": "a", "title": "A"}], "transitions": []}))
    assert run("validate", str(one)).stdout == f"{one}: OK (1 role, 0 moves, 0 qualifications)\n"
    minimal = DATA / "minimal.json"
    assert run("validate", str(minimal)).stdout == f"{minimal}: OK (2 roles, 1 move, 0 qualifications)\n"
    out = tmp_path / "m.graphml"
    result = run("--data", str(minimal), "export", "-o", str(out))
    assert result.stderr == f"wrote {out} (graphml: 2 roles, 1 move)\n"
    result = run("--data", str(one), "export", "-o", str(out))
    assert result.stderr == f"wrote {out} (graphml: 1 role, 0 moves)\n"


def test_import_counts(tmp_path):
    out = tmp_path / "onet.json"
    result = run("import", "onet", str(DATA / "onet-mini"), "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert result.stderr == f"wrote {out} ({len(data['roles'])} roles, {len(data['transitions'])} moves)\n"


def test_validate_counts_one_problem():
    result = run("validate", str(DATA / "missing.json"))
    assert result.stderr == f"otgraph: error: {DATA / 'missing.json'}: 1 problem\n"
