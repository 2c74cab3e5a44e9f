"""The dataset cache: a file seen before loads from the cache (no checks, no build) into the
same graph; a damaged, stale or other-version entry is never used, and is rebuilt."""

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import datasets, gated_datasets, same_graph

import otgraph
from otgraph import CareerGraph, cache, load
from otgraph.build import decode, encode

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
