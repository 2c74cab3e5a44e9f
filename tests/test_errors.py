"""Every error message otgraph gives, word for word: a change in wording must be a conscious one.

Each case runs the real command line from tests/data/, and checks the exit code, that stdout is
empty, and the whole of stderr.
"""

import pytest
from click.testing import CliRunner

from otgraph.cli import cli

TINY = ["--data", "tiny.json"]
USAGE_BY = ("otgraph: error: Invalid value for '--by': 'speed' is not one of 'years', 'qualifications', 'steps'.\n"
            "Try 'otgraph path -h' for help.")

CASES = [
    # role names
    (TINY + ["path", "Alpah", "e"], 2,
     "otgraph: error: unknown role 'Alpah'; did you mean Alpha Worker (a, UK, Band 2)?"),
    (TINY + ["path", "zzzz", "e"], 2, "otgraph: error: unknown role 'zzzz'"),
    (TINY + ["path", "Middle Role", "e"], 2,
     "otgraph: error: role name 'Middle Role' is ambiguous: it could be Beta Worker (b, UK); Gamma Worker (c, UK); "
     "give an id"),
    (TINY + ["path", "  ", "e"], 2, "otgraph: error: empty role name: give a role id, title or alias"),
    (TINY + ["path", "", "e"], 2, "otgraph: error: empty role name: give a role id, title or alias"),
    (["path", "Occupational Therapy Assistant", "Consultant OT"], 2,
     "otgraph: error: role name 'Occupational Therapy Assistant' is ambiguous: it could be Certified Occupational "
     "Therapy Assistant (us-cota, US); Occupational Therapy Assistant (Band 3) (nhs-ot-assistant, UK, Band 3); "
     "give an id"),
    # no route (exit 1)
    (TINY + ["path", "e", "a"], 1,
     "otgraph: error: no route from Epsilon Head (e) to Alpha Worker (a): no route exists in this data"),
    (TINY + ["path", "a", "e", "--track", "two"], 1, "otgraph: error: track 'two' excludes the start Alpha Worker (a)"),
    (TINY + ["path", "a", "e", "--max-years", "2"], 1,
     "otgraph: error: no route from Alpha Worker (a) to Epsilon Head (e) within max_years 2: the fastest takes "
     "3.5 years"),
    (TINY + ["path", "a", "d", "--avoid", "b", "--avoid", "c"], 1,
     "otgraph: error: no route from Alpha Worker (a) to Delta Lead (d) with avoid 'b', 'c'"),
    (TINY + ["routes", "a", "e", "--via", "c", "--via", "b"], 1,
     "otgraph: error: no route from Alpha Worker (a) to Epsilon Head (e): no way from Gamma Worker (c) to Beta "
     "Worker (b) under the constraints"),
    # nothing matched (exit 1; an empty list is silent: tests/test_error_paths.py)
    (TINY + ["export", "-o", "x.svg", "--track", "one", "--country", "US"], 1,
     "otgraph: error: no role matches these filters: nothing written"),
    # usage
    (TINY + ["roles", "--bogus"], 2, "otgraph: error: No such option '--bogus'.\nTry 'otgraph roles -h' for help."),
    (TINY + ["path", "a"], 2, "otgraph: error: Missing argument 'TO'.\nTry 'otgraph path -h' for help."),
    (TINY + ["path", "a", "e", "x"], 2,
     "otgraph: error: Got unexpected extra argument (x)\nTry 'otgraph path -h' for help."),
    (TINY + ["frobnicate"], 2, "otgraph: error: No such command 'frobnicate'.\nTry 'otgraph -h' for help."),
    # options
    (TINY + ["path", "a", "e", "--by", "speed"], 2, USAGE_BY),
    (TINY + ["routes", "a", "e", "-k", "-1"], 2,
     "otgraph: error: -k (the number of routes) must be a whole number >= 1, not -1"),
    (TINY + ["routes", "a", "e", "-k", "0"], 2,
     "otgraph: error: -k (the number of routes) must be a whole number >= 1, not 0"),
    (TINY + ["path", "a", "e", "--max-years", "-1"], 2, "otgraph: error: --max-years must be a number >= 0, not -1"),
    (TINY + ["reach", "a", "--within-years", "-1"], 2, "otgraph: error: --within-years must be a number >= 0, not -1"),
    (TINY + ["roles", "--track", "nope"], 2,
     "otgraph: error: --track 'nope' is not a track in this data: use one of one, three, two"),
    (TINY + ["roles", "--country", "FR"], 2,
     "otgraph: error: --country 'FR' is not a country in this data: use one of UK, US"),
    (TINY + ["translate", "a", "--to", "FR"], 2,
     "otgraph: error: --to 'FR' is not a country in this data: use one of UK, US"),
    # data files
    (["--data", "missing.json", "roles"], 2, "otgraph: error: missing.json: no such file"),
    (["--data", "empty.json", "roles"], 2, "otgraph: error: empty.json: file is empty"),
    (["--data", "bad-json.json", "roles"], 2,
     "otgraph: error: bad-json.json: line 3, column 39: invalid JSON: Expecting property name enclosed in double "
     "quotes"),
    (["--data", "latin1.json", "roles"], 2,
     "otgraph: error: latin1.json: line 1: not UTF-8 text (byte 0xe9 at offset 36)"),
    (["--data", ".", "roles"], 2, "otgraph: error: .: is a directory, not a roles file"),
    (["--data", "broken.json", "roles"], 2,
     "otgraph: error: broken.json: $.roles[1].id: duplicate role id \"a\" (and 11 more problems; run 'otgraph "
     "validate' to list them)"),
    (["--data", "tiny.json", "--data", "tiny.json", "roles"], 2,
     "otgraph: error: tiny.json: role id \"a\" is also in tiny.json: ids must be unique across merged files (a "
     "learned file, meta.learned, may repeat them)"),
    (["validate", "missing.json"], 2, "otgraph: error: missing.json: 1 problem"),
    (["--data", "tiny.json", "--data", "physio.json", "validate"], 2,
     "otgraph: error: validate checks one file: name it, e.g. otgraph validate FILE\n"
     "Try 'otgraph validate -h' for help."),
    # output
    (TINY + ["export", "-o", "x.xyz"], 2,
     "otgraph: error: --format is needed: cannot tell the format from 'x.xyz' (use one of dot, svg, png, pdf, "
     "graphml, gexf, json, mermaid, html)"),
    (TINY + ["export", "-o", "-", "--format", "png"], 2,
     "otgraph: error: png is a binary format: write it to a file with -o FILE.png\nTry 'otgraph export -h' for help."),
    (TINY + ["export", "-o", "-"], 2, "otgraph: error: --format is needed when writing to standard output"),
    (TINY + ["export", "-o", "/no/dir/x.svg"], 2, "otgraph: error: /no/dir/x.svg: no such directory '/no/dir'"),
    (TINY + ["export", "-o", "/no/dir/x.html"], 2, "otgraph: error: /no/dir/x.html: no such directory '/no/dir'"),
    (TINY + ["export", "-o", ".", "--format", "json"], 2, "otgraph: error: .: is a directory"),
    (["import", "onet", "/nowhere", "-o", "x.json"], 2,
     "otgraph: error: /nowhere: not a folder: give the folder that holds the O*NET text files"),
]


@pytest.mark.parametrize("args, code, message", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_error_message(data_dir, monkeypatch, args, code, message):
    monkeypatch.chdir(data_dir)
    before = sorted(p.name for p in data_dir.iterdir())
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == code
    assert result.stderr.rstrip("\n") == message.rstrip("\n")
    assert "Traceback" not in result.output
    if args[-1] != "validate" and args[:1] != ["validate"]:
        assert result.stdout == ""
    assert sorted(p.name for p in data_dir.iterdir()) == before  # nothing written or removed


def test_validate_prints_each_problem_on_stdout(data_dir, monkeypatch):
    monkeypatch.chdir(data_dir)
    result = CliRunner().invoke(cli, ["validate", "missing.json"])
    assert result.stdout == "missing.json: no such file\n"


def test_unreadable_file(tmp_path, monkeypatch):
    from pathlib import Path

    f = tmp_path / "roles.json"
    f.write_text("{}")

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = CliRunner().invoke(cli, ["--data", str(f), "roles"])
    assert result.exit_code == 2 and result.stderr == f"otgraph: error: {f}: permission denied\n"


def test_unwritable_output(tmp_path, monkeypatch):
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    out = tmp_path / "g.json"
    result = CliRunner().invoke(cli, ["export", "-o", str(out)])
    assert result.exit_code == 2 and result.stderr == f"otgraph: error: {out}: cannot write: Permission denied\n"


def test_undecodable_argument_is_shown_escaped():
    result = CliRunner().invoke(cli, ["path", "\udcff", "a"])
    assert result.exit_code == 2 and result.stderr == "otgraph: error: unknown role '\\udcff'\n"
