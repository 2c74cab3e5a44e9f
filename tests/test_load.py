import json

import pytest

from otgraph import DataError, check_roles, load_roles, read_roles
from otgraph import validate as validate_module


def test_packaged_data_is_valid():
    assert check_roles(read_roles()) == []


def test_load_builds_graph_with_file_attributes(tiny):
    G = tiny.graph
    assert G.number_of_nodes() == 6 and G.number_of_edges() == 6
    assert G.nodes["a"]["title"] == "Alpha Worker" and G.nodes["a"]["band"] == "2"
    assert G.nodes["a"]["kind"] == "job" and G.nodes["f"]["kind"] == "education"
    # version-1 files load: qualifications are read as what the move awards
    assert G.edges["a", "b"]["years"] == 1 and G.edges["a", "b"]["awards"] == ["q1"]
    assert G.edges["a", "c"]["awards"] == []
    assert G.graph["qualifications"]["q1"]["title"] == "Qualification one"


@pytest.mark.parametrize(
    "name, message",
    [
        ("missing.json", "missing.json: no such file"),
        ("empty.json", "empty.json: file is empty"),
        ("bad-json.json", "bad-json.json: line 3, column 39: invalid JSON"),
        ("latin1.json", "latin1.json: line 1: not UTF-8 text (byte 0xe9"),
        (".", "is a directory, not a roles file"),
    ],
)
def test_unreadable_files_get_one_clear_line(data_dir, name, message):
    with pytest.raises(DataError) as err:
        load_roles(data_dir / name)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_byte_order_mark_is_accepted(data_dir):
    assert load_roles(data_dir / "bom.json").graph.has_edge("a", "b")


def test_every_problem_is_listed(data_dir):
    problems = check_roles(read_roles(data_dir / "broken.json"))
    expected = [
        '$.roles[1].id: duplicate role id "a"',
        '$.roles[2] (b).equivalents[0].role: unknown role id "zz"',
        '$.roles[2] (b).sources: unknown source "nowhere"',
        "$.transitions[0] (a -> b).years: -1 is less than the minimum of 0",
        '$.transitions[1].to: unknown role id "ghost"',
        'a move cannot lead from a role to itself ("b")',
        "$.transitions[3] (b -> a).years: 'three' is not of type 'number'",
        "$.transitions[4] (b -> a): 'years' is a required property",
        "$.transitions[4] (b -> a): Additional properties are not allowed ('yeras' was unexpected)",
        "$.transitions[4] (b -> a): duplicate move",
        "$.transitions[5] (a -> b): duplicate move",
        '$.transitions[5] (a -> b).qualifications: unknown qualification id "q-missing"',
    ]
    for text in expected:
        assert any(text in p for p in problems), text
    with pytest.raises(DataError) as err:
        load_roles(data_dir / "broken.json")
    assert f"and {len(problems) - 1} more problems" in str(err.value)


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "the top level must be a JSON object with 'roles' and 'transitions', not an array"),
        ({"roles": []}, "'transitions' is a required property"),
        ({"roles": {}, "transitions": []}, "$.roles: {} is not of type 'array'"),
        ({"roles": [{"id": "a"}], "transitions": []}, "'title' is a required property"),
        ({"roles": [{"id": "a b", "title": "A"}], "transitions": []}, "'a b' is not a valid id"),
        ({"roles": [{"id": "a", "title": "  "}], "transitions": []}, "$.roles[0] (a).title"),
        ({"roles": [{"id": "a", "title": "A"}], "transitions": [], "extra": 1}, "'extra' was unexpected"),
        ({"roles": [{"id": "a", "title": "A"}], "transitions": [{"from": ["a"], "to": {"b": 1}, "years": 1,
                                                                 "qualifications": [["q"]]}]},
         "$.transitions[0].from: ['a'] is not of type 'string'"),
    ],
)
def test_schema_problems(data, message):
    assert any(message in p for p in check_roles(data)), check_roles(data)


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_years_must_be_finite(bad):
    data = {"roles": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
            "transitions": [{"from": "a", "to": "b", "years": bad}]}
    assert any("is not a finite number" in p for p in check_roles(data))


def test_nan_in_file_is_reported(tmp_path):
    f = tmp_path / "nan.json"
    f.write_text('{"roles": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],'
                 ' "transitions": [{"from": "a", "to": "b", "years": NaN}]}')
    with pytest.raises(DataError, match=r"years: nan is not a finite number"):
        load_roles(f)


def test_schema_check_is_remembered_for_unchanged_files(tmp_path, data_dir, monkeypatch):
    f = tmp_path / "tiny.json"
    f.write_bytes((data_dir / "tiny.json").read_bytes())
    load_roles(f)
    calls = []
    monkeypatch.setattr(validate_module, "_schema_problems", lambda data: calls.append(1) or [])
    load_roles(f)
    assert calls == []
    f.write_text(f.read_text().replace("Alpha Worker", "Alpha Worker 2"))
    load_roles(f)
    assert calls == [1]


def test_reference_checks_run_even_when_schema_check_is_cached(tmp_path, data_dir):
    f = tmp_path / "t.json"
    data = json.loads((data_dir / "tiny.json").read_text())
    f.write_text(json.dumps(data))
    load_roles(f)
    data["transitions"].append({"from": "a", "to": "nobody", "years": 1})
    f.write_text(json.dumps(data))
    with pytest.raises(DataError, match='unknown role id "nobody"'):
        load_roles(f)


def test_an_unknown_source_behind_years_if_held_is_found():
    """The quick column pass must not answer "fine" for a field only the item loop checks."""
    data = {"sources": {"s": {"title": "S"}}, "qualifications": [],
            "roles": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
            "transitions": [{"from": "a", "to": "b", "years": 2, "years_if_held": 1,
                             "years_if_held_evidence": {"grade": "sourced", "source": "nowhere", "locator": "x"}}]}
    problems = check_roles(data, schema=False)
    assert problems == ['$.transitions[0] (a -> b).years_if_held_evidence.source: unknown source "nowhere"']
