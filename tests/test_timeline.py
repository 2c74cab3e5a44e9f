"""Route timelines (matplotlib, the optional plot extra) and --around neighbourhoods, read back
from the files written."""

import builtins
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from test_diagrams import png_size, slide_problems

from otgraph import load_roles, shortest_route
from otgraph.cli import cli

SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.needs_dot


def _gids(svg_path):
    return {g.get("id") for g in ET.parse(svg_path).getroot().iter(f"{SVG}g") if g.get("id")}


@pytest.fixture
def plot():
    return pytest.importorskip("matplotlib")


def test_timeline_svg_has_a_bar_per_role_whiskers_and_awards(tmp_path, plot):
    out = tmp_path / "t.svg"
    result = CliRunner().invoke(cli, ["export", "--timeline", "Occupational Therapy Support Worker",
                                      "Consultant Occupational Therapist", "-o", str(out)])
    assert result.exit_code == 0, result.output
    route = shortest_route(load_roles().graph, "nhs-ot-support-worker", "nhs-consultant-ot")
    ids = _gids(out)
    assert {f"bar-{i}" for i in range(len(route.roles))} <= ids
    open_steps = [i for i, s in enumerate(route.steps) if s.years_max is None]
    closed = [i for i, s in enumerate(route.steps) if s.years_max is not None]
    assert open_steps and closed  # this route has both kinds
    assert {f"whisker-open-{i}" for i in open_steps} <= ids
    assert {f"whisker-{i}" for i in closed} <= ids
    assert not {f"whisker-{i}" for i in open_steps} & ids  # an open maximum has no closing cap
    awarded = [i for i, s in enumerate(route.steps) if s.awards]
    assert {f"award-{i}" for i in awarded} <= ids
    text = out.read_text(encoding="utf-8")
    assert "2+ yr" in text or "1+ yr" in text
    low, high = route.total_years_range
    assert re.search(rf"{low:g}\+? years", text)
    root = ET.parse(out).getroot()
    _, _, w, h = (float(x) for x in root.get("viewBox").split())
    assert abs(w / h - 16 / 9) < 0.01


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_timeline_png_and_pdf(tmp_path, plot, fmt, magic):
    out = tmp_path / f"t.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--timeline", "us-entry-ot", "us-rehab-services-manager", "-o",
                                      str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    if fmt == "png":
        assert png_size(out) == (1920, 1080)


def test_timeline_fonts_work_in_every_viewer_and_ranks_are_not_repeated(plot):
    from otgraph.export.timeline import to_timeline

    G = load_roles().graph
    route = shortest_route(G, "us-entry-ot", "us-rehab-services-manager")
    svg = to_timeline(G, route, "svg").decode()
    families = set(re.findall(r"font-family: ([^;\"]*)", svg))
    assert families and all("Arial" in f and "Helvetica" in f and f.endswith("sans-serif") for f in families)
    pdf = to_timeline(G, route, "pdf")
    assert b"/Type3" not in pdf and b"/CIDFontType2" in pdf  # TrueType subsets, not Type 3
    assert "Senior Occupational Therapist" in svg  # its rank ("senior") not repeated under it
    assert not re.search(r">\s*(stage: )?(senior|manager|entry)\s*<", svg)


def test_open_whisker_drawn_as_an_arrow(plot):
    import networkx as nx

    from otgraph.export.timeline import to_timeline
    from otgraph.route_model import Route

    G = nx.DiGraph()
    G.add_edge("a", "b", years=5, years_min=5, years_max=None)
    G.add_edge("b", "c", years=2, years_min=1, years_max=3)
    svg = to_timeline(G, Route.from_nodes(G, ["a", "b", "c"]), "svg").decode()
    assert 'id="whisker-open-0"' in svg and 'id="whisker-1"' in svg and "5+ yr" in svg and "1-3 yr" in svg


def test_timeline_without_matplotlib_exits_2_with_the_install_command(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    result = CliRunner().invoke(cli, ["export", "--timeline", "us-entry-ot", "us-mid-ot", "-o",
                                      str(tmp_path / "t.svg")])
    assert result.exit_code == 2
    assert 'pip install "otgraph[plot]"' in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_matplotlib_is_imported_only_for_timelines():
    import subprocess
    import sys

    code = ("import sys; from otgraph.cli import cli; from click.testing import CliRunner; "
            "CliRunner().invoke(cli, ['export', '-o', '-', '--format', 'mermaid']); "
            "print('matplotlib' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


@needs_dot
def test_around_draws_the_neighbourhood_in_and_out(tmp_path):
    G = load_roles().graph
    out = tmp_path / "a.svg"
    result = CliRunner().invoke(cli, ["export", "--around", "Band 5 OT", "--radius", "1", "-o", str(out),
                                      "--size", "slide"])
    assert result.exit_code == 0, result.output
    slides = sorted(tmp_path.glob("a*.svg"))  # one file, or a-1.svg, a-2.svg ... when it takes more than a slide
    assert slides and result.output.count(".svg") == len(slides)
    drawn: set[str] = set()
    for slide in slides:
        root = ET.parse(slide).getroot()
        drawn |= {g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
        assert slide_problems(slide) == [], slide.name
    expected = {"nhs-band5-ot", *G.predecessors("nhs-band5-ot"), *G.successors("nhs-band5-ot")}
    assert drawn == expected
    png = tmp_path / "a.png"
    assert CliRunner().invoke(cli, ["export", "--around", "nhs-band5-ot", "--radius", "2", "-o", str(png),
                                    "--size", "slide", "--labels", "none"]).exit_code in (0, 2)
    if png.exists():
        assert png_size(png) == (1920, 1080)


def test_around_radius_zero_is_the_role_alone():
    from otgraph.export import around

    assert list(around(load_roles().graph, "us-mid-ot", 0)) == ["us-mid-ot"]
