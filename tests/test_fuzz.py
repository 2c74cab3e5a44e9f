"""Fuzzing the command line: mutated roles files and random arguments.

Whatever goes in: no traceback, an exit code of 0, 1 or 2, a message on stderr for 1 and 2,
and the input file unchanged. The number of inputs run is printed at the end of the session.
"""

import json
import os
import random
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import FUZZ_COUNT

from otgraph.cli import cli

TINY = (Path(__file__).parent / "data" / "tiny.json").read_bytes()

WORDS = ["a", "b", "e", "Alpha Worker", "Middle Role", "zzz", "", " ", "\udcff", "-1", "0", "2.5", "nan", "inf",
         "1e309", "x" * 300, "one", "UK", "FR", "--json", "-k", "--by", "years", "steps", "qualifications", "speed",
         "--track", "--country", "--via", "--avoid", "--max-years", "--pareto", "--within-years", "--from", "--to",
         "-o", "-", "out.json", "out.svg", "out.dot", "out.mmd", "--format", "mermaid", "png", "--highlight",
         "--labels", "none", "--help", "ʕ•ᴥ•ʔ", "\"quoted\"", "<b>", "../escape.json"]
COMMANDS = ["roles", "show", "path", "routes", "reach", "requires", "translate", "stats", "validate", "export",
            "import", "nonsense"]


@st.composite
def mutated_files(draw):
    """The tiny dataset, broken in one of several ways."""
    kind = draw(st.sampled_from(["valid", "truncate", "flip", "json-edit", "garbage", "empty", "bom"]))
    data = bytearray(TINY)
    if kind == "truncate":
        return bytes(data[: draw(st.integers(0, len(data)))])
    if kind == "flip":
        i = draw(st.integers(0, len(data) - 1))
        data[i] = draw(st.integers(0, 255))
        return bytes(data)
    if kind == "json-edit":
        parsed = json.loads(TINY)
        section = draw(st.sampled_from(["roles", "transitions", "qualifications"]))
        items = parsed[section]
        if items:
            item = items[draw(st.integers(0, len(items) - 1))]
            key = draw(st.sampled_from(sorted(item)))
            item[key] = draw(st.none() | st.integers(-5, 5) | st.floats() | st.text(max_size=5) | st.just([]))
        return json.dumps(parsed).encode()
    if kind == "garbage":
        return draw(st.binary(max_size=64))
    if kind == "empty":
        return b""
    if kind == "bom":
        return b"\xef\xbb\xbf" + TINY
    return TINY


@st.composite
def arguments(draw):
    command = draw(st.sampled_from(COMMANDS))
    rest = draw(st.lists(st.sampled_from(WORDS), max_size=6))
    return [command, *rest]


@settings(max_examples=int(os.environ.get("OTGRAPH_FUZZ_EXAMPLES", "400")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutated_files(), arguments(), st.integers(0, 2**16))
def test_cli_never_crashes(tmp_path_factory, monkeypatch, content, args, seed):
    work = tmp_path_factory.mktemp("fuzz")
    monkeypatch.chdir(work)
    data = work / "roles.json"
    data.write_bytes(content)
    argv = ["--data", str(data), *args] if random.Random(seed).random() < 0.9 else args
    result = CliRunner().invoke(cli, argv)
    FUZZ_COUNT["inputs"] += 1
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    FUZZ_COUNT["crashes"] += crashed
    assert not crashed, (argv, repr(result.exception))
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2), (argv, result.exit_code)
    if result.exit_code == 1 and args[0] in ("roles", "reach", "qualifications", "translate"):
        assert result.stderr == "", argv  # an empty list: printed as such, nothing on stderr
    elif result.exit_code:
        assert result.stderr.strip(), argv
    assert data.read_bytes() == content
