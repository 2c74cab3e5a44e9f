"""The private speed machinery (otgraph._fast): networkx still behaves as nx_internals assumes,
the old import paths warn and still work, and the public API is otgraph.__all__ alone."""

import importlib
import subprocess
import sys
import warnings

import networkx as nx
import pytest

import otgraph
from otgraph._fast import derived
from otgraph._fast.nx_internals import graph_cache, graph_dicts, graph_size, successors


def test_filling_a_digraphs_own_dicts_makes_a_graph_networkx_reads():
    G = nx.DiGraph()
    node, succ, pred = graph_dicts(G)
    for n in "abc":
        node[n], succ[n], pred[n] = {"title": n.upper()}, {}, {}
    succ["a"]["b"] = pred["b"]["a"] = {"years": 1}
    succ["b"]["c"] = pred["c"]["b"] = {"years": 2}
    assert list(G.edges(data="years")) == [("a", "b", 1), ("b", "c", 2)]
    assert list(G.predecessors("c")) == ["b"] and G.nodes["a"]["title"] == "A"
    assert nx.shortest_path(G, "a", "c", weight="years") == ["a", "b", "c"]
    assert graph_size(G) == (G.number_of_nodes(), G.number_of_edges()) == (3, 2)
    assert successors(G) is succ


def test_a_view_is_walked_through_its_filter():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    view = G.subgraph(["a", "b"])
    assert dict(successors(view)["b"]) == {} and graph_size(view) == (2, 1)


@pytest.mark.parametrize("edit", [
    lambda G: G.add_edge("x", "y"),
    lambda G: G.add_node("z"),
    lambda G: G.remove_node("b"),
    lambda G: G.remove_edge("a", "b"),
    lambda G: nx.set_node_attributes(G, {"a": 1}, "level"),
    lambda G: nx.set_edge_attributes(G, {("a", "b"): 3}, "years"),
    lambda G: G.update(edges=[("c", "d")]),
], ids=["add_edge", "add_node", "remove_node", "remove_edge", "set_node_attributes", "set_edge_attributes",
        "update"])
def test_networkx_empties_its_cache_on_every_change_through_its_api(edit):
    """What derived data relies on (networkx 3.3+): an edit through the API forgets it."""
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    derived.cached(G, "probe", lambda: 1)
    assert "otgraph" in graph_cache(G)
    edit(G)
    assert "otgraph" not in graph_cache(G)


@pytest.mark.parametrize("old, new", [("otgraph.cache", "otgraph._fast.cache"),
                                      ("otgraph.derived", "otgraph._fast.derived"),
                                      ("otgraph.landmarks", "otgraph._fast.landmarks")])
def test_old_import_paths_warn_and_still_work(old, new):
    code = (f"import warnings; warnings.simplefilter('error', DeprecationWarning)\n"
            f"try:\n    import {old}\nexcept DeprecationWarning as w:\n    print(w)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert f"{old} is private now ({new})" in done.stdout
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        sys.modules.pop(old, None)
        assert importlib.import_module(old) is importlib.import_module(new)


def test_dir_is_the_public_api():
    public = {n for n in dir(otgraph) if not (n.startswith("__") and n.endswith("__"))}
    assert public == {n for n in otgraph.__all__ if not n.startswith("__")}
    assert {"learn_graph", "compare", "export", "load_roles", "shortest_route"} <= public
    assert not {"Any", "TYPE_CHECKING", "annotations"} & set(dir(otgraph))
    for name in otgraph.__all__:
        assert getattr(otgraph, name) is not None, name


def test_export_and_compare_are_functions_whether_or_not_their_modules_were_imported(tmp_path):
    import otgraph.compare
    import otgraph.export  # noqa: F401 (the submodule import that would replace a function)

    cg = otgraph.load_roles()
    assert otgraph.export(cg.subgraph(track="nhs"), tmp_path / "nhs.mmd") == "mermaid"
    assert otgraph.compare("roles", "roles")["differ"] is False
    assert otgraph.export.export_slides  # still the package


def test_import_otgraph_stays_light():
    code = "import sys, otgraph; print(sorted(m for m in ('networkx', 'duckdb', 'click') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]"
