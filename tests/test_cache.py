"""The dataset cache: a file seen before loads from the cache (no checks, no build) into the
same graph; a damaged, stale or other-version entry is never used, and is rebuilt."""

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import datasets, gated_datasets, same_graph

import otgraph
from otgraph import CareerGraph, load
from otgraph._fast import cache
from otgraph._fast.snapshot import decode, encode

DATA = Path(__file__).parent / "data"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("OTGRAPH_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def checks(monkeypatch):
    """Counts the checks load_roles runs (none on a cache hit)."""
    calls = []
    real = load.check_roles

    def counting(data, **kw):
        calls.append(kw)
        return real(data, **kw)

    monkeypatch.setattr(load, "check_roles", counting)
    return calls


def entries(folder):
    return sorted((folder / "graph").glob("*.bin"))


def fresh(path):
    """The graph as built straight from the file, without any cache."""
    name, data = load.load_data(path)
    return CareerGraph.from_data(data, name)


@pytest.mark.parametrize("path", [DATA / "tiny.json", "roles", DATA / "physio.json"])
def test_cached_load_is_the_same_graph_and_skips_the_checks(cache_dir, checks, path):
    first = otgraph.load_roles(path)
    assert len(checks) == 1 and len(entries(cache_dir)) == 1
    second = otgraph.load_roles(path)
    assert len(checks) == 1  # no schema check, no reference check
    same_graph(first.graph, second.graph)
    same_graph(fresh(path).graph, second.graph)
    assert second.graph.graph == first.graph.graph and second.name == first.name


def test_merged_datasets_are_cached_as_one(cache_dir, checks):
    paths = [DATA / "tiny.json", DATA / "minimal.json"]
    first = otgraph.load_roles(paths)
    second = otgraph.load_roles(paths)
    assert len(checks) == 2  # each file once, on the first load only
    same_graph(first.graph, second.graph)


def test_no_two_moves_share_a_list(cache_dir):
    otgraph.load_roles(DATA / "tiny.json")
    G = otgraph.load_roles(DATA / "tiny.json").graph
    G.edges["a", "b"]["awards"].append("q3")
    G.edges["a", "b"]["sources"].append("x")
    assert otgraph.load_roles(DATA / "tiny.json").graph.edges["a", "b"]["awards"] == ["q1"]
    assert all(d["awards"] != ["q1", "q3"] for u, v, d in G.edges(data=True) if (u, v) != ("a", "b"))


def test_names_and_gates_come_from_the_cache(cache_dir):
    otgraph.load_roles("roles")
    cg = otgraph.load_roles("roles")
    assert cg.find("band 5 ot") == "nhs-band5-ot"
    from otgraph.gates import Gates, gates_of

    a, b = gates_of(cg.graph), Gates(cg.graph)
    assert (a.role_groups, a.move_groups, a.awards, a.relevant) == (b.role_groups, b.move_groups, b.awards,
                                                                    b.relevant)


def _damage_truncate(file):
    raw = file.read_bytes()
    file.write_bytes(raw[: len(raw) // 2])


def _damage_flip(file):
    raw = bytearray(file.read_bytes())
    raw[-10] ^= 0x01
    file.write_bytes(bytes(raw))


def _damage_empty(file):
    file.write_bytes(b"")


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_flip, _damage_empty])
def test_a_damaged_entry_is_detected_and_rebuilt(cache_dir, checks, damage):
    path = DATA / "tiny.json"
    otgraph.load_roles(path)
    (entry,) = entries(cache_dir)
    damage(entry)
    G = otgraph.load_roles(path).graph
    assert len(checks) == 2  # checked and built again
    assert cache.get_blob("graph", entry.stem) is not None  # and written again, whole
    otgraph.load_roles(path)
    assert len(checks) == 2
    same_graph(fresh(path).graph, G)


def test_an_entry_under_the_wrong_key_is_not_used(cache_dir, checks):
    tiny, physio = DATA / "tiny.json", DATA / "physio.json"
    otgraph.load_roles(tiny)
    (tiny_entry,) = entries(cache_dir)
    otgraph.load_roles(physio)
    (physio_entry,) = [e for e in entries(cache_dir) if e != tiny_entry]
    shutil.copyfile(tiny_entry, physio_entry)  # the right bytes, under another file's key
    G = otgraph.load_roles(physio).graph
    assert len(checks) == 3
    same_graph(fresh(physio).graph, G)


@pytest.mark.parametrize("payload", [
    [], {"format": 1}, {"format": 99, "graph": {}}, "text", {"format": 1, "graph": {}, "ids": ["a"], "nodes": [],
                                                              "values": [], "templates": [], "edges": []},
    {"format": 1, "graph": {}, "ids": ["a"], "nodes": [{}], "values": [], "templates": [], "edges": [0, 5, 0]},
    {"format": 1, "graph": {}, "ids": ["a", "b"], "nodes": [{}, {}], "values": [1], "templates": [[["years", 3]]],
     "edges": [0, 1, 0]},
    {"format": 1, "graph": {}, "ids": ["a", "b"], "nodes": [{}, {}], "values": [1], "templates": [[["years", 0]]],
     "edges": [0, 1, 0, 0, 1, 0]},
    {"format": 1, "graph": {}, "ids": ["a", "b"], "nodes": [{}, {}], "values": [1], "templates": [[["years", 0]]],
     "edges": [0, 1, -1]},
])
def test_an_entry_of_the_wrong_shape_is_rebuilt(cache_dir, checks, payload):
    path = DATA / "tiny.json"
    otgraph.load_roles(path)
    (entry,) = entries(cache_dir)
    cache.put_blob("graph", entry.stem, json.dumps(payload).encode())  # intact, but not a snapshot
    with pytest.raises(ValueError):
        decode(payload)
    G = otgraph.load_roles(path).graph
    assert len(checks) == 2
    same_graph(fresh(path).graph, G)


def test_a_stale_entry_is_not_used(cache_dir, checks, tmp_path):
    path = tmp_path / "roles.json"
    data = json.loads((DATA / "tiny.json").read_text())
    path.write_text(json.dumps(data))
    otgraph.load_roles(path)
    data["roles"][0]["title"] = "Alpha Worker Renamed"
    path.write_text(json.dumps(data))
    G = otgraph.load_roles(path).graph
    assert len(checks) == 2 and G.nodes["a"]["title"] == "Alpha Worker Renamed"


def test_another_version_never_uses_the_entry(cache_dir, checks, monkeypatch):
    path = DATA / "tiny.json"
    otgraph.load_roles(path)
    monkeypatch.setattr(otgraph, "__version__", "0.0.1-older")
    otgraph.load_roles(path)
    assert len(checks) == 2
    assert len(entries(cache_dir)) == 2  # each version its own entry


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch, checks):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("OTGRAPH_CACHE_DIR", str(blocker))
    for _ in range(2):
        same_graph(fresh(DATA / "tiny.json").graph, otgraph.load_roles(DATA / "tiny.json").graph)
    assert len(checks) == 4  # two loads, and the two fresh builds compared with them


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets() | gated_datasets())
def test_a_snapshot_is_the_graph(data):
    G = CareerGraph.from_data(data).graph
    H = decode(json.loads(json.dumps(encode(G))))
    same_graph(G, H)
    assert H.graph == G.graph


# --- the command line's read-only graphs ------------------------------------------------------

@pytest.mark.parametrize("path", [DATA / "tiny.json", "roles", DATA / "physio.json"])
def test_a_read_only_load_is_the_same_graph(cache_dir, path):
    otgraph.load_roles(path)
    G = otgraph.load_roles(path, read_only=True).graph
    same_graph(fresh(path).graph, G)


def test_a_read_only_load_shares_the_dicts_of_alike_moves(cache_dir, tmp_path):
    data = {"roles": [{"id": r, "title": r.upper()} for r in "abc"],
            "transitions": [{"from": "a", "to": "b", "years": 1}, {"from": "b", "to": "c", "years": 1}]}
    path = tmp_path / "alike.json"
    path.write_text(json.dumps(data))
    otgraph.load_roles(path)
    G = otgraph.load_roles(path, read_only=True).graph
    assert G.edges["a", "b"] is G.edges["b", "c"]
    H = otgraph.load_roles(path).graph
    assert H.edges["a", "b"] == H.edges["b", "c"] and H.edges["a", "b"] is not H.edges["b", "c"]


def test_the_command_line_loads_read_only(cache_dir, monkeypatch):
    from click.testing import CliRunner

    from otgraph.cli import cli

    seen = []
    real = load.load_roles

    def spy(*args, **kw):
        seen.append(kw.get("read_only"))
        return real(*args, **kw)

    monkeypatch.setattr(load, "load_roles", spy)
    result = CliRunner().invoke(cli, ["path", "us-entry-ot", "us-mid-ot"])
    assert result.exit_code == 0 and seen == [True]


# --- file digests remembered by stat -------------------------------------------------------------

@pytest.fixture
def reads(monkeypatch):
    """Counts the roles files load_roles reads."""
    calls = []
    real = load.read_bytes

    def counting(file):
        calls.append(Path(file).name)
        return real(file)

    monkeypatch.setattr(load, "read_bytes", counting)
    return calls


def test_an_unchanged_file_is_not_read_again(cache_dir, reads, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 0)
    path = tmp_path / "roles.json"
    shutil.copy(DATA / "tiny.json", path)
    otgraph.load_roles(path)
    assert reads == ["roles.json"]
    G = otgraph.load_roles(path).graph  # its digest comes from its stat: not read, not hashed
    assert reads == ["roles.json"]
    same_graph(fresh(DATA / "tiny.json").graph, G)


def test_a_file_changed_with_its_modification_time_put_back_is_read_again(cache_dir, reads, tmp_path,
                                                                        monkeypatch):
    import os

    monkeypatch.setattr(cache, "RACY_NS", 0)
    path = tmp_path / "roles.json"
    data = json.loads((DATA / "tiny.json").read_text())
    path.write_text(json.dumps(data))
    before = path.stat()
    otgraph.load_roles(path)
    data["roles"][0]["title"] = data["roles"][0]["title"][::-1]  # same size
    path.write_text(json.dumps(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    G = otgraph.load_roles(path).graph  # the change time tells
    assert len(reads) == 2 and G.nodes["a"]["title"] == data["roles"][0]["title"]


def test_a_file_hashed_just_after_a_change_is_read_again(cache_dir, reads, tmp_path):
    """Within RACY_NS of a change the same timestamp may hide another change: no trust yet."""
    path = tmp_path / "roles.json"
    shutil.copy(DATA / "tiny.json", path)
    otgraph.load_roles(path)
    otgraph.load_roles(path)
    assert reads == ["roles.json", "roles.json"]


def test_a_damaged_stat_record_is_ignored(cache_dir, reads, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 0)
    path = tmp_path / "roles.json"
    shutil.copy(DATA / "tiny.json", path)
    otgraph.load_roles(path)
    for record in (cache_dir / "stat").glob("*.json"):
        value = json.loads(record.read_text())
        value["value"]["sha256"] = "not hex"
        record.write_text(json.dumps(value))
    G = otgraph.load_roles(path).graph
    assert reads == ["roles.json", "roles.json"]
    same_graph(fresh(DATA / "tiny.json").graph, G)


# --- derived data kept beside a cached graph ------------------------------------------------------

def test_requirement_reach_is_kept_and_recalled(cache_dir, monkeypatch):
    from otgraph.gates import Gates, gates_of

    path = "roles"
    otgraph.load_roles(path)
    G = otgraph.load_roles(path).graph
    assert gates_of(G).active
    first = dict(gates_of(G).downstream(G))
    assert list((cache_dir / "derived").glob("*.bin"))

    def never(self, G):
        raise AssertionError("computed again")

    monkeypatch.setattr(Gates, "_never_blocking", never)
    H = otgraph.load_roles(path).graph
    assert gates_of(H).downstream(H) == first


def test_damaged_or_foreign_derived_data_is_computed_again(cache_dir):
    from otgraph._fast import derived
    from otgraph.gates import DOWNSTREAM, gates_of

    path = "roles"
    otgraph.load_roles(path)
    G = otgraph.load_roles(path).graph
    expected = dict(gates_of(G).downstream(G))
    for payload in (b"{", b'{"size": [1, 1], "groups": [], "free": 0, "downstream": [0]}'):
        H = otgraph.load_roles(path).graph
        derived.keep(H, DOWNSTREAM, payload)
        H = otgraph.load_roles(path).graph
        assert gates_of(H).downstream(H) == expected


def test_landmarks_are_kept_and_recalled(cache_dir, monkeypatch):
    import otgraph._fast.landmarks as lm
    from otgraph import shortest_route

    monkeypatch.setattr(lm, "MIN_ROLES", 3)
    path = "roles"
    otgraph.load_roles(path)
    G = otgraph.load_roles(path).graph
    pairs = [("us-entry-ot", "us-rehab-services-manager"), ("nhs-ot-support-worker", "nhs-consultant-ot")]
    expected = [shortest_route(G, a, b).cost() for a, b in pairs]  # the landmarks are computed here
    assert shortest_route(G, *pairs[0]).cost() == expected[0]

    def never(*args, **kw):
        raise AssertionError("computed again")

    monkeypatch.setattr(lm.Landmarks, "compute", never)
    H = otgraph.load_roles(path, read_only=True).graph
    assert lm.landmarks_for(H, lm_weight(), name="years") is not None
    assert [shortest_route(H, a, b).cost() for a, b in pairs] == expected


def lm_weight():
    from otgraph.routes import WEIGHTS

    return WEIGHTS["years"]


@pytest.mark.parametrize("number", [10**30, float("nan")])
def test_numbers_orjson_would_not_keep_are_not_cached(cache_dir, tmp_path, number):
    """An integer beyond 64 bits (orjson reads it back as a float) or NaN (written as null):
    such a dataset is not cached, and every load reads it exactly as the file has it."""
    data = json.loads((DATA / "tiny.json").read_text())
    data["roles"][0]["pay"] = [{"currency": "GBP", "min": number}]
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(data))
    for _ in range(2):
        figure = otgraph.load_roles(path).graph.nodes["a"]["pay"][0]["min"]
        assert type(figure) is type(number) and (figure == number or figure != figure)
    assert not entries(cache_dir)


def test_the_role_name_index_is_kept_and_recalled(cache_dir, monkeypatch):
    from otgraph import names

    otgraph.load_roles("onet")
    assert otgraph.load_roles("onet").find("Occupational Therapists")  # built here, and kept

    real = names._Index.__init__

    def only_empty(self, items):
        items = list(items)
        assert not items, "built again"
        real(self, items)

    monkeypatch.setattr(names._Index, "__init__", only_empty)
    cg = otgraph.load_roles("onet", read_only=True)
    assert cg.find("occupational therapist") == cg.find("Occupational Therapists")
