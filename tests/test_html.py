"""The interactive HTML map: self-contained, escaped, and agreeing with the command line.

The map is laid out by Graphviz, so writing it needs ``dot``. The browser tests run in Chromium
(or Chrome) through Selenium and chromedriver, found on PATH or through $OTGRAPH_BROWSER and
$OTGRAPH_CHROMEDRIVER (no browser downloads). Without them these tests are skipped, naming what
is missing, except in CI (OTGRAPH_REQUIRE_DOT=1, OTGRAPH_REQUIRE_BROWSER=1), which installs
both (see conftest.py).
"""

import json
import re

import pytest
from click.testing import CliRunner

from otgraph.cli import cli
from otgraph.export import ExportError
from otgraph.export.html import HTML_MAX_NODES, page_data

needs_dot = pytest.mark.needs_dot
needs_browser = pytest.mark.needs_browser


def _export(tmp_path, *args, data=None):
    out = tmp_path / "map.html"
    prefix = ["--data", str(data)] if data else []
    result = CliRunner().invoke(cli, [*prefix, "export", "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


def cli_path(source, target, by="years", data=None):
    prefix = ["--data", str(data)] if data else []
    result = CliRunner().invoke(cli, [*prefix, "path", source, target, "--by", by, "--json"])
    return [r["id"] for r in json.loads(result.stdout)["roles"]]


def _tree_route(tree, goal):
    """The route the page draws: from ``best[goal]`` back along ``parent`` (as map.html does)."""
    path, i = [], tree["best"][goal]
    while i >= 0:
        path.append(tree["node"][i])
        i = tree["parent"][i]
    return path[::-1]


def test_precomputed_routes_agree_with_the_cli(ot):
    data = page_data(ot.graph)
    ids = [r["id"] for r in data["roles"]]
    checked = 0
    for by, trees in data["trees"].items():
        for a, tree in enumerate(trees):
            for b in range(len(ids))[a % 7::7]:
                if a != b and tree["best"][b] >= 0:
                    assert [ids[i] for i in _tree_route(tree, b)] == cli_path(ids[a], ids[b], by), (by, a, b)
                    checked += 1
    assert checked > 50


def test_precomputed_branches_agree_with_route_branches(ot):
    """Where what a holder of the start holds changes the answer, the page lists each answer as
    ``otgraph path`` branches it (route_branches), for every start and goal: the same routes, the
    same holdings, best first, and what each holder already holds of what the route awards."""
    from otgraph import NoRouteError
    from otgraph.routes import route_branches

    G, data = ot.graph, page_data(ot.graph)
    ids = [r["id"] for r in data["roles"]]
    checked = 0
    for by, pairs in data["branches"].items():
        for key, entries in sorted(pairs.items()):
            a, b = (ids[int(i)] for i in key.split(","))
            try:
                expected = route_branches(G, a, b, by)
            except NoRouteError:
                expected = []
            page = [(sorted(tuple(h) for h in e["assumes"]), e["route"] and [ids[i] for i in e["route"]],
                     e["already_held"]) for e in entries]
            cli = [(sorted(tuple(h.split("+")) for h in br.assumes), br.route and list(br.route.roles),
                    sorted(q for step in br.route.steps for q in step.already_held) if br.route else [])
                   for br in expected]
            assert page == cli, (by, a, b)
            checked += 1
    assert checked > 50
    years = data["branches"]["years"][f"{ids.index('nhs-band5-ot')},{ids.index('us-entry-ot')}"]
    assert [len(e["route"] or []) for e in years] == [3, 4, 0]  # MSc holders, BSc holders, HCPC international


@needs_dot
def test_page_is_self_contained_and_escaped(tmp_path, data_dir):
    page = _export(tmp_path, data=data_dir / "nasty.json").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.split("<script type=\"application/json\"")[0])
    assert "<script src" not in page and "<link" not in page
    assert "<img src=x onerror=alert(1)>" not in page  # only ever escaped
    payload = re.search(r'<script type="application/json" id="otgraph-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in payload
    titles = [r["title"] for r in json.loads(payload)["roles"]]
    assert "<img src=x onerror=alert(1)> & co" in titles


def test_too_big_for_the_map_is_refused():
    import networkx as nx

    from otgraph.export.html import to_html

    with pytest.raises(ExportError, match="too many for the interactive map"):
        to_html(nx.empty_graph(HTML_MAX_NODES + 1, create_using=nx.DiGraph))


# --- in a real browser ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser(chrome):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = chrome
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,800"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def _open(browser, page):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page.as_uri())
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return window.otgraphReady === true"))


def _show_panel(browser):
    """Open the side panel (it starts collapsed when the map needs the width)."""
    from selenium.webdriver.common.by import By

    if not browser.find_element(By.ID, "side").is_displayed():
        browser.find_element(By.ID, "toggle").click()


def _route(browser, start, goal, by="years"):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _show_panel(browser)
    for field, value in (("start", start), ("goal", goal)):
        box = browser.find_element(By.ID, field)
        box.clear()
        box.send_keys(value)
    Select(browser.find_element(By.ID, "by")).select_by_value(by)
    browser.find_element(By.ID, "find").click()
    return browser.find_element(By.ID, "route")


@needs_browser
@needs_dot
@pytest.mark.parametrize("data, args, start, goal", [
    (None, [], "Occupational Therapy Support Worker", "Consultant Occupational Therapist"),
    (None, ["--track", "us-clinical"], "Entry-Level Occupational Therapist", "Rehabilitation Services Manager"),
    ("nasty.json", [], "<img src=x onerror=alert(1)> & co", "Ergothérapeute — 職業療法士 ✓"),
], ids=["packaged", "one-track", "nasty"])
def test_map_opens_without_console_errors(browser, tmp_path, data_dir, data, args, start, goal):
    page = _export(tmp_path, *args, data=data_dir / data if data else None)
    browser.get_log("browser")  # drop what earlier pages logged
    _open(browser, page)
    assert _route(browser, start, goal).get_attribute("data-roles")
    severe = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []


@needs_browser
@needs_dot
def test_click_a_role_shows_its_panel(browser, tmp_path, ot):
    from selenium.webdriver.common.by import By

    _open(browser, _export(tmp_path))
    index = list(ot.graph).index("nhs-band5-ot")
    browser.find_element(By.ID, f"n{index}").click()
    panel = browser.find_element(By.ID, "panel")
    assert panel.find_element(By.ID, "panel-title").text == "Band 5 Occupational Therapist (Rotational)"
    text = panel.text
    assert "Band 5" in text and "Entry-Level Occupational Therapist" in text  # US equivalent
    assert "Specialist Occupational Therapist (Band 6) – ~1+ yr" in text  # a move out, with its range
    assert "sourced" in text and "Requirements on entry" in text
    assert "GBP 31,049–37,796" in text


@needs_browser
@needs_dot
@pytest.mark.parametrize("start, goal, by", [
    ("Occupational Therapy Support Worker", "Consultant Occupational Therapist", "years"),
    ("Entry-Level Occupational Therapist", "Rehabilitation Services Manager", "years"),
    ("High School Graduate", "Rehabilitation Services Manager", "qualifications"),
    ("School Leaver (A levels or equivalent)", "Consultant Occupational Therapist", "steps"),
])
def test_highlighted_route_equals_otgraph_path(browser, tmp_path, ot, start, goal, by):
    from selenium.webdriver.common.by import By

    _open(browser, _export(tmp_path))
    route = _route(browser, start, goal, by)
    expected = cli_path(start, goal, by)
    assert route.get_attribute("data-roles").split(",") == expected
    nodes = list(ot.graph)
    on_route = [e.get_attribute("id") for e in browser.find_elements(By.CSS_SELECTOR, ".node.on-route")]
    assert sorted(on_route) == sorted(f"n{nodes.index(r)}" for r in expected)
    assert len(browser.find_elements(By.CSS_SELECTOR, ".edge.on-route")) == len(expected) - 1
    totals = json.loads(CliRunner().invoke(cli, ["path", start, goal, "--by", by, "--json"]).stdout)
    low, high = totals["total_years_range"]
    expected_range = f"{low:g}+" if high is None else (f"{low:g}" if low == high else f"{low:g}-{high:g}")
    assert f": {expected_range} years (typical {totals['total_years']:g})" in browser.find_element(By.ID,
                                                                                                  "route-totals").text


@needs_browser
@needs_dot
def test_keyboard_only(browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, _export(tmp_path))
    _show_panel(browser)
    browser.find_element(By.ID, "start").send_keys("Band 5 OT")
    browser.find_element(By.ID, "goal").send_keys("Consultant OT", Keys.ENTER)
    assert browser.find_element(By.ID, "route").get_attribute("data-roles").startswith("nhs-band5-ot,")
    node = browser.find_element(By.CSS_SELECTOR, ".node[tabindex='0']")
    node.send_keys(Keys.ENTER)
    assert browser.find_element(By.ID, "panel-title").text


@needs_browser
@needs_dot
def test_filters_hide_a_track(browser, tmp_path, ot):
    from selenium.webdriver.common.by import By

    _open(browser, _export(tmp_path))
    _show_panel(browser)
    browser.find_element(By.CSS_SELECTOR, "#tracks input[value='nhs']").click()
    hidden = {e.get_attribute("id") for e in browser.find_elements(By.CSS_SELECTOR, ".node.hidden")}
    nodes = list(ot.graph)
    assert hidden == {f"n{nodes.index(r['id'])}" for r in ot.roles(track="nhs")}


@needs_browser
@needs_dot
def test_injected_title_does_not_run(browser, tmp_path, data_dir):
    from selenium.webdriver.common.by import By

    page = _export(tmp_path, data=data_dir / "nasty.json")
    _open(browser, page)
    browser.find_element(By.ID, "n2").click()
    assert browser.find_element(By.ID, "panel-title").text == "<img src=x onerror=alert(1)> & co"
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    _show_panel(browser)
    browser.find_element(By.ID, "start").clear()  # the click picked it as a start
    browser.find_element(By.ID, "start").send_keys("<img src=x onerror=alert(1)> & co")
    browser.find_element(By.ID, "goal").send_keys("Ergothérapeute — 職業療法士 ✓")
    browser.find_element(By.ID, "find").click()
    assert browser.find_element(By.ID, "route").get_attribute("data-roles") == "r2,r3"
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018


@needs_browser
@needs_dot
def test_screenshots(browser, tmp_path):
    """Desktop and phone-sized screenshots, kept for a person to look at (tmp_path)."""
    _open(browser, _export(tmp_path, "--labels", "years"))
    _route(browser, "Occupational Therapy Support Worker", "Consultant Occupational Therapist")
    browser.save_screenshot(str(tmp_path / "map-1280x800.png"))
    browser.set_window_size(400, 800)
    browser.save_screenshot(str(tmp_path / "map-phone.png"))
    browser.set_window_size(1280, 800)
    assert (tmp_path / "map-1280x800.png").stat().st_size > 10_000
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 1280


# --- opening fitted, search, two clicks ----------------------------------------------------

def _viewport(browser, width, height):
    """Set the page's viewport exactly (not the window around it, whose resize a busy machine
    may not have applied when the page is measured)."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    assert browser.execute_script("return [window.innerWidth, window.innerHeight]") == [width, height]


_LAYOUT = """
const svg = document.querySelector('#map svg'), vb = svg.viewBox.baseVal;
const k = svg.getBoundingClientRect().width / vb.width;
const out = {nodes: [], smallest: 1e9, width: window.innerWidth, height: window.innerHeight};
document.querySelectorAll('#map .node').forEach((g) => {
  const r = g.getBoundingClientRect();
  out.nodes.push([g.id, r.left, r.top, r.right, r.bottom]);
  g.querySelectorAll('text').forEach((t) => {
    out.smallest = Math.min(out.smallest, parseFloat(t.getAttribute('font-size')) * k); });
});
return out;
"""


@needs_browser
@needs_dot
def test_nhs_map_opens_fitted_and_readable_at_1366x768(browser, tmp_path, ot):
    from selenium.webdriver.common.by import By

    try:
        _viewport(browser, 1366, 768)
        _open(browser, _export(tmp_path, "--track", "nhs"))
        layout = browser.execute_script(_LAYOUT)
        assert (layout["width"], layout["height"]) == (1366, 768)
        assert len(layout["nodes"]) == len(ot.roles(track="nhs"))
        for name, left, top, right, bottom in layout["nodes"]:
            assert left >= 0 and top >= 0 and right <= 1366 and bottom <= 768, name
        assert layout["smallest"] >= 12, layout["smallest"]
        browser.save_screenshot(str(tmp_path / "nhs-1366x768.png"))
        nodes = list(ot.graph.subgraph([r["id"] for r in ot.roles(track="nhs")]))
        nodes = [r["id"] for r in ot.roles(track="nhs")]
        page_order = [n for n in ot.graph if n in set(nodes)]
        browser.find_element(By.ID, f"n{page_order.index('nhs-ot-support-worker')}").click()
        browser.find_element(By.ID, f"n{page_order.index('nhs-consultant-ot')}").click()
        expected = cli_path("nhs-ot-support-worker", "nhs-consultant-ot")
        assert browser.find_element(By.ID, "route").get_attribute("data-roles").split(",") == expected
        assert len(browser.find_elements(By.CSS_SELECTOR, ".node.on-route")) == len(expected)
        totals = browser.find_element(By.ID, "route-totals")
        assert totals.is_displayed() and "years (typical" in totals.text and "6 steps" in totals.text
        browser.save_screenshot(str(tmp_path / "nhs-route-1366x768.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@needs_browser
@needs_dot
def test_whole_map_opens_fitted_with_search_as_the_way_in(browser, tmp_path, ot):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, _export(tmp_path))
    fitted = browser.execute_script(
        "const m = document.getElementById('map').getBoundingClientRect();"
        "const s = document.querySelector('#map svg').getBoundingClientRect();"
        "return s.width <= m.width + 1 && s.height <= m.height + 1;")
    assert fitted
    search = browser.find_element(By.ID, "search")
    search.send_keys("Band 6 OT", Keys.ENTER)
    assert browser.find_element(By.ID, "panel-title").text == "Specialist Occupational Therapist (Band 6)"
    layout = browser.execute_script(_LAYOUT)
    assert layout["smallest"] >= 12  # search zooms in to a readable size
    found = browser.find_element(By.CSS_SELECTOR, ".node.selected")
    assert browser.execute_script("const r = arguments[0].getBoundingClientRect();"
                                  "return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 "
                                  "&& r.right <= window.innerWidth;", found)


@needs_browser
@needs_dot
def test_side_panel_collapses(browser, tmp_path):
    from selenium.webdriver.common.by import By

    _open(browser, _export(tmp_path, "--track", "us-clinical"))
    toggle = browser.find_element(By.ID, "toggle")
    side = browser.find_element(By.ID, "side")
    before = browser.find_element(By.ID, "map").size["width"]
    if not side.is_displayed():
        toggle.click()
    assert side.is_displayed()
    toggle.click()
    assert not side.is_displayed()
    assert browser.find_element(By.ID, "map").size["width"] > 1000
    assert toggle.get_attribute("aria-expanded") == "false" and before


# --- routes zoomed to, step by step where they do not fit -----------------------------------

_IN_VIEW = """
const svg = document.querySelector('#map svg'), k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
const m = document.getElementById('map').getBoundingClientRect(), out = {};
document.querySelectorAll('#map .node.on-route').forEach((g) => {
  const r = g.getBoundingClientRect();
  const size = Math.min(...[...g.querySelectorAll('text')].map((t) => parseFloat(t.getAttribute('font-size')) * k));
  out[g.id] = [r.left >= m.left - 1 && r.right <= m.right + 1 && r.top >= m.top - 1 && r.bottom <= m.bottom + 1, size];
});
return out;
"""


def _documented_routes():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "build_diagrams.py"
    spec = importlib.util.spec_from_file_location("build_diagrams", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [what[2:] for _, _, what, _ in module.DIAGRAMS if what[0] == "route"]


@needs_browser
@needs_dot
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)], ids=["1920x1080", "1366x768"])
def test_each_documented_route_is_shown_readable_whole_or_step_by_step(browser, tmp_path, size):
    from selenium.webdriver.common.by import By

    try:
        _viewport(browser, *size)
        _open(browser, _export(tmp_path))
        for start, goal in _documented_routes():
            _route(browser, start, goal)
            seen = {}
            stepwise = browser.find_element(By.ID, "steps").is_displayed()
            for _ in range(20 if stepwise else 1):
                for node, (in_view, px) in browser.execute_script(_IN_VIEW).items():
                    assert px >= 12, (start, goal, node, px)
                    seen[node] = seen.get(node, False) or in_view
                if not stepwise or not browser.find_element(By.ID, "step-next").is_enabled():
                    break
                browser.find_element(By.ID, "step-next").click()
            assert seen and all(seen.values()), (start, goal, stepwise, seen)
        browser.find_element(By.ID, "clear").click()
        assert browser.find_element(By.ID, "hint").text.startswith("Click a role")
        assert not browser.find_element(By.ID, "steps").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@needs_browser
@needs_dot
def test_route_steps_name_their_source_and_filters_name_tracks(browser, tmp_path):
    from selenium.webdriver.common.by import By

    _open(browser, _export(tmp_path))
    route = _route(browser, "Occupational Therapy Support Worker", "Consultant Occupational Therapist")
    steps = route.find_elements(By.CSS_SELECTOR, "li .quals")
    assert steps and all(s.text.split(":")[0] in ("sourced", "derived", "observed", "estimate") for s in steps)
    assert any(":" in s.text for s in steps)  # a sourced step names its source
    tracks = browser.find_element(By.ID, "tracks").text
    assert "UK NHS (Agenda for Change bands)" in tracks and "\nnhs\n" not in f"\n{tracks}\n"


@needs_browser
@needs_dot
def test_clicking_a_role_zooms_to_it_and_the_panel_refits(browser, tmp_path, ot):
    from selenium.webdriver.common.by import By

    _open(browser, _export(tmp_path))
    index = list(ot.graph).index("nhs-band5-ot")
    browser.execute_script("document.getElementById(arguments[0]).dispatchEvent(new MouseEvent('click'))",
                           f"n{index}")
    state = browser.execute_script(_IN_VIEW.replace(".node.on-route", ".node.selected"))
    assert state[f"n{index}"][0] and state[f"n{index}"][1] >= 12
    browser.find_element(By.ID, "toggle").click()  # the panel closes: the role stays in view
    state = browser.execute_script(_IN_VIEW.replace(".node.on-route", ".node.selected"))
    assert state[f"n{index}"][0] and state[f"n{index}"][1] >= 12


@needs_browser
@needs_dot
def test_a_route_that_depends_on_what_you_hold_shows_each_answer(browser, tmp_path):
    """Band 5 OT to US entry-level OT: master's holders, BSc holders and internationally assessed
    OTs get different answers, as `otgraph path` gives them; each can be drawn."""
    from selenium.webdriver.common.by import By

    _open(browser, _export(tmp_path))
    route = _route(browser, "Band 5 Occupational Therapist (Rotational)", "Entry-Level Occupational Therapist")
    assert route.get_attribute("data-roles") == "nhs-band5-ot,edu-us-nbcot-oted,us-entry-ot"
    totals = browser.find_element(By.ID, "route-totals").text
    assert totals.startswith("If you hold OT degree apprenticeship (level 7, integrated master's) (or Pre-registration "
                             "MSc OT): "), totals
    lines = [p.text for p in browser.find_elements(By.CSS_SELECTOR, "#branches p")]
    assert len(lines) == 3, lines
    assert lines[1].startswith("If you hold BSc (Hons) Occupational Therapy (or OT degree apprenticeship (level 6, "
                               "BSc)): 1.5") and "3 steps" in lines[1], lines
    assert lines[2] == "If you hold HCPC international assessment: no route.", lines
    browser.find_element(By.CSS_SELECTOR, '#branches p[data-branch="1"] button').click()
    browser.save_screenshot(str(tmp_path / "branches.png"))
    route = browser.find_element(By.ID, "route")
    assert route.get_attribute("data-roles") == "nhs-band5-ot,edu-intl-ot-pp-masters,edu-us-nbcot-oted,us-entry-ot"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#branches p")) == 3  # the other answers stay listed
