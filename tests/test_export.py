import json
import subprocess
import xml.etree.ElementTree as ET

import networkx as nx
import pydot
import pytest
from click.testing import CliRunner
from strategies import same_graph

from otgraph import load_roles, shortest_route
from otgraph.cli import cli
from otgraph.errors import MissingDependencyError
from otgraph.export import FORMATS, ExportError, export, format_for, render
from otgraph.export import graphviz as gv
from otgraph.export.networkx_formats import decode_attributes

#: Renders with Graphviz: skipped without ``dot``, except in CI (see conftest.py).
needs_dot = pytest.mark.needs_dot


@pytest.fixture(scope="module")
def nasty(data_dir):
    return load_roles(data_dir / "nasty.json")


def _without_none(G):
    """G as GraphML keeps it: attributes whose value is None (an open range) are left out."""
    H = G.copy()
    for _, attrs in [*H.nodes(data=True), *((None, d) for *_, d in H.edges(data=True))]:
        for k in [k for k, v in attrs.items() if v is None]:
            del attrs[k]
    return H


@pytest.mark.parametrize("dataset", ["ot", "nasty", "tiny"])
def test_graphml_round_trip(request, tmp_path, dataset):
    G = request.getfixturevalue(dataset).graph
    export(G, tmp_path / "g.graphml")
    H = decode_attributes(nx.read_graphml(tmp_path / "g.graphml"))
    same_graph(_without_none(G), H)
    assert H.graph["qualifications"] == G.graph["qualifications"]


def _graphml_keys(path):
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = ET.parse(path).getroot().findall("g:key", ns)
    return [(k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in keys]


@pytest.mark.parametrize("dataset", ["ot", "nasty", "tiny"])
def test_graphml_has_one_key_per_attribute_and_years_are_doubles(request, tmp_path, dataset):
    G = request.getfixturevalue(dataset).graph
    export(G, tmp_path / "g.graphml")
    keys = _graphml_keys(tmp_path / "g.graphml")
    names = [(scope, name) for scope, name, _ in keys]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    types = {name: kind for scope, name, kind in keys if scope == "edge"}
    assert types["years"] == "double"
    for bound in ("years_min", "years_max"):
        if any(d.get(bound) is not None for *_, d in G.edges(data=True)):
            assert types[bound] == "double"


def test_graphml_leaves_out_open_ranges(tmp_path):
    G = nx.DiGraph()
    G.add_edge("a", "b", years=2, years_min=1, years_max=None)
    G.add_edge("b", "c", years=0.5, years_min=0.5, years_max=1)
    export(G, tmp_path / "g.graphml")
    H = nx.read_graphml(tmp_path / "g.graphml")
    assert H.edges["a", "b"] == {"years": 2.0, "years_min": 1.0}
    assert H.edges["b", "c"] == {"years": 0.5, "years_min": 0.5, "years_max": 1.0}
    assert all(type(v) is float for *_, d in H.edges(data=True) for v in d.values())


@pytest.mark.parametrize("dataset", ["ot", "nasty", "tiny"])
def test_graphml_reads_in_igraph(request, tmp_path, dataset):
    igraph = pytest.importorskip("igraph")
    G = request.getfixturevalue(dataset).graph
    export(G, tmp_path / "g.graphml")
    g = igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml"))
    assert g.is_directed() and (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    assert g.vs["id"] == list(G.nodes)
    ids = g.vs["id"]
    for e in g.es:
        u, v = ids[e.source], ids[e.target]
        assert e["years"] == G.edges[u, v]["years"] and isinstance(e["years"], float)
    assert g.vs["title"] == [G.nodes[n]["title"] for n in G]


@pytest.mark.parametrize("dataset", ["ot", "nasty", "tiny"])
def test_gexf_round_trip(request, tmp_path, dataset):
    G = request.getfixturevalue(dataset).graph
    export(G, tmp_path / "g.gexf")
    H = decode_attributes(nx.read_gexf(tmp_path / "g.gexf"))
    assert list(H.nodes) == list(G.nodes) and set(H.edges) == set(G.edges)
    for n in G:
        assert H.nodes[n]["title"] == G.nodes[n]["title"]
        assert H.nodes[n].get("aliases", []) == G.nodes[n].get("aliases", [])
    for u, v in G.edges:
        assert H.edges[u, v]["years"] == G.edges[u, v]["years"]
        assert H.edges[u, v]["awards"] == G.edges[u, v]["awards"]


@pytest.mark.parametrize("dataset", ["ot", "nasty", "tiny"])
def test_json_round_trip(request, tmp_path, dataset):
    G = request.getfixturevalue(dataset).graph
    export(G, tmp_path / "g.json")
    H = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text(encoding="utf-8")), edges="edges")
    same_graph(G, H)
    assert H.graph == G.graph


def test_dot_text_reads_back_with_every_title(nasty):
    text = render(nasty.graph, "dot").decode("utf-8")
    (parsed,) = pydot.graph_from_dot_data(text)
    labels = {}
    for sub in [parsed, *parsed.get_subgraphs()]:
        for node in sub.get_nodes():
            labels[node.get_name()] = node.get_label()
    for n, attrs in nasty.graph.nodes(data=True):
        label = labels[gv.quote(n)]
        rank = f"\nlevel\u00a0{attrs['level']}" if attrs.get("kind") == "job" else ""  # a rank is never broken
        assert label == gv.quote(gv.wrap(attrs["title"], gv.NODE_WRAP) + rank), n


@needs_dot
@pytest.mark.parametrize("fmt, magic", [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_graphviz_renders_nasty_titles(nasty, tmp_path, fmt, magic):
    route = shortest_route(nasty.graph, "edu:1", "r4")
    out = tmp_path / f"g.{fmt}"
    export(nasty.graph, out, highlight=route, title='A "title" <with> & \\ stuff')
    data = out.read_bytes()
    assert data.startswith(magic)
    if fmt == "svg":
        svg = ET.fromstring(data)
        text = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
        assert "<img src=x onerror=alert(1)> & co" in text
        assert "職業療法士" in text and 'He said "hi" \\N back\\slash' in text


@needs_dot
@pytest.mark.parametrize("dataset", ["ot", "nasty", "tiny"])
def test_dot_output_is_accepted_by_graphviz(request, tmp_path, dataset):
    export(request.getfixturevalue(dataset).graph, tmp_path / "g.dot")
    done = subprocess.run(["dot", "-Tsvg", str(tmp_path / "g.dot")], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert ET.fromstring(done.stdout).tag == "{http://www.w3.org/2000/svg}svg"


def test_mermaid_is_well_formed(nasty):
    text = render(nasty.graph, "mermaid").decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    import re

    node = re.compile(r'^\s+n\d+(\("[^"<>]*"\)|\[/"[^"<>]*"/\])$')
    edge = re.compile(r'^\s+n\d+ (-->|-\.->)\|"[^"]*"\| n\d+$')
    other = re.compile(r'^\s+(subgraph t\d+\["[^"<>]*"\]|end|classDef \w+ .*|class [n\d,]+ \w+|linkStyle .*)$')
    for line in lines[1:]:
        line = line.replace("<br>", "")  # the one markup the labels may hold
        assert node.match(line) or edge.match(line) or other.match(line), line
    assert "#quot;hi#quot;" in text and "#lt;img src=x onerror=alert(1)#gt; #amp; co" in text
    assert "Line one<br>Line two" in text


def test_highlight_styles_route(ot):
    route = shortest_route(ot.graph, "us-entry-ot", "us-rehab-services-manager")
    dot = gv.to_pydot(ot.graph, highlight=route).to_string()
    red = [line for line in dot.splitlines() if gv.HIGHLIGHT in line and "->" in line and "legend" not in line]
    assert len(red) == route.total_steps
    mermaid = render(ot.graph, "mermaid", highlight=route).decode()
    assert mermaid.splitlines()[-1].startswith("    linkStyle ")


def test_big_graphs_switch_engine_and_very_big_ones_are_refused():
    G = nx.gnm_random_graph(gv.DOT_MAX_NODES + 1, 10, directed=True, seed=1)
    assert gv.choose_engine(G) == "sfdp"
    H = nx.empty_graph(gv.RENDER_MAX_NODES + 1, create_using=nx.DiGraph)
    with pytest.raises(ExportError, match="too many for a readable diagram: draw a part"):
        gv.choose_engine(H)


def test_missing_graphviz_is_a_clear_error(ot, tmp_path, monkeypatch):
    monkeypatch.setattr(gv.shutil, "which", lambda name: None)
    out = tmp_path / "g.svg"
    out.write_text("old")
    with pytest.raises(MissingDependencyError) as err:
        export(ot.graph, out)
    assert err.value.install.startswith("apt-get install graphviz")
    assert "apt-get install graphviz" in str(err.value) and "dot format works without it" in str(err.value)
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.svg"]


def test_failed_render_leaves_the_old_file(ot, tmp_path, monkeypatch):
    out = tmp_path / "g.png"
    out.write_bytes(b"previous")

    def boom(*args, **kwargs):
        raise subprocess.TimeoutExpired("dot", 1)

    monkeypatch.setattr(gv.shutil, "which", lambda name: "/usr/bin/dot")
    monkeypatch.setattr(gv.subprocess, "run", boom)
    with pytest.raises(ExportError, match="took more than"):
        export(ot.graph, out)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["g.png"]


def test_write_is_atomic_even_if_interrupted(ot, tmp_path, monkeypatch):
    from otgraph import export as export_module

    out = tmp_path / "g.json"
    out.write_text("keep me")

    def interrupted(f):
        f.write(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_module.write_atomic(out, interrupted)
    assert out.read_text() == "keep me" and [p.name for p in tmp_path.iterdir()] == ["g.json"]


@pytest.mark.parametrize(
    "name, fmt", [("a.svg", "svg"), ("a.GV", "dot"), ("a.mmd", "mermaid"), ("a.graphml", "graphml"), ("x.json", "json")]
)
def test_format_from_file_name(name, fmt):
    assert format_for(name) == fmt


@pytest.mark.parametrize("fmt", [pytest.param(f, marks=needs_dot) if f in ("svg", "png", "pdf", "html") else f
                                 for f in FORMATS])
def test_every_format_has_a_writer(ot, fmt):
    assert render(ot.graph, fmt)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "dot", "mermaid"])
def test_data_formats_need_no_graphviz(ot, tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(gv.shutil, "which", lambda name: None)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert render(ot.graph.subgraph(list(ot.graph)[:10]).copy(), fmt)


# --- CLI ---------------------------------------------------------------------------------

def test_cli_export_mermaid_to_stdout():
    result = CliRunner().invoke(cli, ["export", "-o", "-", "--format", "mermaid", "--track", "us-clinical"])
    assert result.exit_code == 0
    assert result.stdout.startswith("flowchart LR\n")
    assert "Rehabilitation Services Manager" in result.stdout


@needs_dot
def test_cli_export_highlight(tmp_path):
    out = tmp_path / "r.svg"
    result = CliRunner().invoke(cli, ["export", "-o", str(out), "--track", "nhs", "--highlight", "Band 5 OT",
                                      "Consultant OT"])
    assert result.exit_code == 0, result.output
    assert gv.HIGHLIGHT.encode() in out.read_bytes()
    assert "wrote" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "x.xyz"], "cannot tell the format from 'x.xyz'"),
        (["-o", "-", "--format", "png"], "png is a binary format"),
        (["-o", "-"], "--format is needed when writing to standard output"),
        (["-o", "/no/such/dir/x.svg"], "no such directory"),
        (["-o", "x.svg", "--track", "nope"], "--track 'nope' is not a track"),
        (["-o", "x.svg", "--highlight", "nhs-consultant-ot", "edu-us-high-school"], "no route from"),
    ],
)
def test_cli_export_errors(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", *args])
    assert result.exit_code in (1, 2) and message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_to_a_directory_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["export", "-o", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2 and "is a directory" in result.stderr


# --- diagrams/ ---------------------------------------------------------------------------

def test_committed_diagrams_are_current():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("build_diagrams", root / "scripts" / "build_diagrams.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.check() == [], "run: python scripts/build_diagrams.py"
