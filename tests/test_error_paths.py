"""One error path for every command (issue: "every error takes one path").

For each command, one row runs a case with no answer (no route, or a list that comes out
empty) and one a case of bad input, each with and without ``--json``, and checks stdout,
stderr and the exit code against the table:

- no route: nothing on stdout (``requires --from`` keeps its JSON object, with ``"route":
  null``), exit 1, one line on stderr, or one ``{"error", "exit"}`` object under ``--json``;
- an empty list: the empty list on stdout (``[]`` under ``--json``), nothing on stderr, exit 1;
- bad input: exit 2 and one line on stderr (one JSON object under ``--json``); usage errors
  alone take two lines (click's help hint second).
"""

import json
import sys

import pytest
from click.testing import CliRunner

from otgraph.cli import cli

TINY = ["--data", "tiny.json"]

#: (command line, what happens, exit code, stdout) where stdout is None (empty), "[]" or a
#: callable checking the parsed JSON. What happens: "error" (one line or one JSON object on
#: stderr), "usage" (two lines, or one JSON object with "help"), "silent" (nothing on stderr).
TABLE = [
    # path
    (TINY + ["path", "e", "a"], "error", 1, None),
    (TINY + ["path", "e", "zzzz"], "error", 2, None),
    (TINY + ["path", "e"], "usage", 2, None),
    # routes
    (TINY + ["routes", "e", "a"], "error", 1, None),
    (TINY + ["routes", "a", "e", "-k", "0"], "error", 2, None),
    # requires --from: the object stays on stdout under --json
    (TINY + ["requires", "a", "--from", "e"], "error", 1, {"text": None, "json": lambda o: o["route"] is None}),
    (TINY + ["requires", "zzzz"], "error", 2, None),
    # roles, reach, qualifications, translate: an empty list
    (TINY + ["roles", "--track", "one", "--country", "US"], "silent", 1, {"text": None, "json": "[]"}),
    (TINY + ["roles", "--track", "nope"], "error", 2, None),
    (TINY + ["reach", "e"], "silent", 1, {"text": None, "json": "[]"}),
    (TINY + ["reach", "a", "--within-years", "-1"], "error", 2, None),
    (TINY + ["qualifications", "--country", "US"], "silent", 1, {"text": None, "json": "[]"}),
    (TINY + ["qualifications", "--country", "FR"], "error", 2, None),
    (TINY + ["translate", "a"], "silent", 1, {"text": None, "json": lambda o: o["equivalents"] == []}),
    (TINY + ["translate", "a", "--to", "FR"], "error", 2, None),
    # show, stats: no empty case
    (TINY + ["show", "zzzz"], "error", 2, None),
    (TINY + ["stats", "--track", "nope"], "error", 2, None),
    # validate and compare keep their documented exits: the report on stdout, the summary on stderr
    (["validate", "broken.json"], "error", 2, {"text": lambda out: "duplicate role id" in out,
                                                "json": lambda o: o["valid"] is False}),
    (["compare", "tiny.json", "missing.json"], "error", 2, None),
    # learn
    (["learn", "missing.csv", "-o", "out.json"], "error", 2, None),
    # export (nothing written when no role matches) and import: no --json
    (TINY + ["export", "-o", "x.svg", "--track", "one", "--country", "US"], "error", 1, None),
    (TINY + ["export", "-o", "x.xyz"], "error", 2, None),
    (["import", "onet", "/nowhere", "-o", "x.json"], "error", 2, None),
]

#: Commands that have no --json option (their rows run as text only).
NO_JSON = {"export", "import"}


def _command(args):
    return next(a for a in args if not a.startswith("-") and a != "tiny.json")


def _rows():
    for args, kind, code, out in TABLE:
        yield pytest.param(args, kind, code, out, False, id=" ".join(args))
        if _command(args) not in NO_JSON:
            yield pytest.param(args + ["--json"], kind, code, out, True, id=" ".join(args) + " --json")


def _check_stdout(result, out, as_json):
    want = (out or {}).get("json" if as_json else "text") if isinstance(out, dict) else out
    if want is None:
        assert result.stdout == ""
    elif want == "[]":
        assert json.loads(result.stdout) == []
    elif as_json:
        assert want(json.loads(result.stdout))
    else:
        assert want(result.stdout)


def _check_stderr(result, kind, code, as_json):
    lines = result.stderr.splitlines()
    if kind == "silent":
        assert result.stderr == ""
    elif as_json:
        assert len(lines) == 1, result.stderr
        error = json.loads(lines[0])
        assert error["exit"] == code and error["error"]
        assert ("help" in error) == (kind == "usage")
    else:
        assert len(lines) == (2 if kind == "usage" else 1), result.stderr
        assert lines[0].startswith("otgraph: error: ")
        if kind == "usage":
            assert lines[1].startswith("Try 'otgraph ") and lines[1].endswith(" -h' for help.")


@pytest.mark.parametrize("args, kind, code, out, as_json", list(_rows()))
def test_each_command_takes_the_one_error_path(data_dir, monkeypatch, args, kind, code, out, as_json):
    monkeypatch.chdir(data_dir)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    _check_stdout(result, out, as_json)
    _check_stderr(result, kind, code, as_json)


def test_an_unknown_command_keeps_clicks_help_hint():
    result = CliRunner().invoke(cli, ["pth"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["otgraph: error: No such command 'pth'. Did you mean 'path'?",
                                          "Try 'otgraph -h' for help."]


def test_library_hints_become_flags_on_the_command_line():
    from otgraph.cli import flag_message
    from otgraph.errors import Hint, SlideError

    exc = SlideError(["too small: draw ", Hint("around", "ROLE", placeholder=True), " or use ",
                      Hint("size", "natural")])
    assert str(exc) == 'too small: draw around=ROLE or use size="natural"'
    assert flag_message(exc) == "too small: draw --around ROLE or use --size natural"


def test_warnings_are_one_json_object_per_line_under_json(capsys):
    from otgraph.cli.common import warn

    warn("first", True)
    warn("second thing", True)
    warn("plain", False)
    lines = capsys.readouterr().err.splitlines()
    assert [json.loads(line) for line in lines[:2]] == [{"warning": "first"}, {"warning": "second thing"}]
    assert lines[2] == "otgraph: warning: plain"


# --- a missing optional part: exit 2, one line naming what to install ----------------------

def _one_line(result, install):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("otgraph: error: ") and lines[0].endswith(install), lines
    assert "Traceback" not in result.output


def test_learn_without_duckdb(data_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "duckdb", None)  # as if DuckDB were not installed
    out = tmp_path / "learned.json"
    result = CliRunner().invoke(cli, ["learn", str(data_dir / "learn" / "small.csv"), "-o", str(out)])
    _one_line(result, 'pip install "otgraph[learn]"')
    assert "duckdb" in result.stderr and not out.exists()


def test_timeline_without_matplotlib(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    out = tmp_path / "t.svg"
    result = CliRunner().invoke(cli, ["export", "-o", str(out), "--timeline", "us-entry-ot", "us-senior-ot"])
    _one_line(result, 'pip install "otgraph[plot]"')
    assert not out.exists()


def test_svg_without_dot(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no Graphviz here
    out = tmp_path / "g.svg"
    result = CliRunner().invoke(cli, ["export", "-o", str(out), "--track", "nhs"])
    _one_line(result, "apt-get install graphviz (macOS: brew install graphviz)")
    assert not out.exists()
