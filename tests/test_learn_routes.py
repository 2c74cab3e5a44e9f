"""otgraph learn --routes: route statistics from people (issue 31, item 4)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

from click.testing import CliRunner  # noqa: E402

from otgraph.errors import InvalidOptionError  # noqa: E402
from otgraph.learn import learn_graph, write_json  # noqa: E402
from otgraph.learn.routes import HORIZON_DAYS, HORIZONS, aalen_johansen, quartiles  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import simulate_careers as sc  # noqa: E402

TODAY = "2026-12-07"


def cli(*args: str):
    from otgraph.cli import cli as main

    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    """Careers on the known graph with duplicates, side jobs and split spells to undo."""
    records, truth = sc.simulate(4000, seed=3, duplicates=0.02, side_jobs=0.03, splits=0.03, uuid_ids=False)
    path = sc.write(records, tmp_path_factory.mktemp("routes") / "spells.csv")
    data, report = learn_graph(path, routes=3, as_of="2024-01-01", min_count=10, today=TODAY)
    return path, truth, data, report


# --- the figures -------------------------------------------------------------------------------

def test_routes_agree_with_the_simulated_truth(simulated):
    """Every published route's entrants, completions, cumulative incidence by 2, 5 and 10 years
    and conditional quartiles are the truth of the clean walk, computed the same way by the
    simulator (per entrant, textbook Aalen-Johansen): the cleaning rules give the walk back."""
    _, truth, data, _ = simulated
    title = {r["id"]: r["title"] for r in data["roles"]}
    routes = data["routes"]
    assert len(routes) > 20 and max(len(r["roles"]) for r in routes) == 4  # routes of 3 moves
    checked = 0
    for route in routes[::3]:
        want = sc.route_truth(truth, [title[i] for i in route["roles"]])
        assert (route["n"], route["completed"]) == (want["n"], want["completed"])
        for h, value in route["cumulative_incidence"].items():
            if value is not None:
                assert value == pytest.approx(want["cumulative_incidence"][h], abs=5e-5)
                checked += 1
        assert route["years_quartiles_if_completed"] == pytest.approx(want["years_quartiles_if_completed"], abs=5e-5)
    assert checked > 10
    # the issue's point: a route's own time is not the sum of its moves' medians
    by_move = {(t["from"], t["to"]): t["years"] for t in data["transitions"]}
    long = [r for r in routes if len(r["roles"]) == 4]
    summed = [sum(by_move[p] for p in zip(r["roles"], r["roles"][1:], strict=False)) for r in long]
    assert any(abs(s - r["years_quartiles_if_completed"][1]) > 0.2 for s, r in zip(summed, long, strict=True))


def test_routes_near_the_population_truth():
    """Sampling error only: a large sample's two-move route Support Worker -> Assistant
    Practitioner -> Occupational Therapist by 5 years, against a second, independent sample."""
    figures = []
    for seed in (11, 12):
        records, truth = sc.simulate(6000, seed=seed, uuid_ids=False)
        figures.append(sc.route_truth(truth, ["Support Worker", "Assistant Practitioner", "Occupational Therapist"]))
    a, b = (f["cumulative_incidence"]["5"] for f in figures)
    n = min(f["n"] for f in figures)
    assert abs(a - b) < 4 * np.sqrt(a * (1 - a) / n) * np.sqrt(2)


def test_aalen_johansen_by_hand_and_quartiles():
    # four entrants: completes day 1; competing and censored day 2; completes day 3
    cif = aalen_johansen(np.array([0, 1, 0, 1]), np.array([0, 1, 1, 1]), np.array([0, 1, 2, 1]), [0, 1, 2, 3])
    assert cif == [0.0, 0.25, 0.25, 0.75]
    assert quartiles([5], [1]) == (5.0, 5.0, 5.0)
    assert quartiles([1, 2, 3, 4], [1, 1, 1, 1]) == tuple(np.percentile([1, 2, 3, 4], [25, 50, 75]))


def test_aalen_johansen_matches_lifelines():
    lifelines = pytest.importorskip("lifelines", reason="lifelines is not installed (an optional cross-check)")
    rng = np.random.default_rng(7)
    n = 400
    t = rng.choice(np.arange(1, 600), n, replace=False)  # distinct days: lifelines jitters ties
    status = rng.choice([0, 1, 2], n, p=[0.3, 0.4, 0.3])
    width = 600
    interest = np.bincount(t[status == 1], minlength=width)
    events = np.bincount(t[status > 0], minlength=width)
    exits = np.bincount(t, minlength=width)
    ours = aalen_johansen(interest, events, exits, [100, 300, 500])
    fitter = lifelines.AalenJohansenFitter(calculate_variance=False)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitter.fit(t, status, event_of_interest=1)
    theirs = fitter.cumulative_density_.iloc[:, 0]
    for h, value in zip([100, 300, 500], ours, strict=True):
        assert value == pytest.approx(float(theirs[theirs.index <= h].iloc[-1]), abs=1e-9)


# --- the options, the file, the report ------------------------------------------------------------

@pytest.mark.parametrize("bad", [0, -1, "3", 2.5, True])
def test_routes_must_be_a_whole_number_of_at_least_one(simulated, bad):
    path = simulated[0]
    with pytest.raises(InvalidOptionError, match="routes must be a whole number of moves of at least 1"):
        learn_graph(path, routes=bad, today=TODAY)


@pytest.mark.parametrize(("value", "message"), [("0", "--routes must be a whole number of moves of at least 1, not 0"),
                                                ("two", "'two' is not a valid integer")])
def test_command_line_routes_errors_in_one_line(simulated, tmp_path, value, message):
    result = cli("learn", str(simulated[0]), "-o", str(tmp_path / "out.json"), "--routes", value)
    assert result.exit_code == 2
    assert message in result.output and not (tmp_path / "out.json").exists()


def test_routes_change_nothing_else_and_old_files_stay_as_they_were(simulated):
    path, _, data, report = simulated
    plain, plain_report = learn_graph(path, as_of="2024-01-01", min_count=10, today=TODAY)
    assert "routes" not in plain and "routes" not in plain["meta"] and "routes" not in plain_report
    assert plain["roles"] == data["roles"] and plain["transitions"] == data["transitions"]
    assert {k: v for k, v in data["meta"].items() if not k.startswith("route")} == plain["meta"]
    assert report["routes"]["kept"] == len(data["routes"]) and report["routes"]["max_moves"] == 3
    assert "conditional on completing" in data["meta"]["routes"]


def test_command_line_writes_routes_that_load_and_show_in_path_and_compare(simulated, tmp_path):
    path = simulated[0]
    out = tmp_path / "learned.json"
    result = cli("learn", str(path), "-o", str(out), "--routes", "2", "--as-of", "2024-01-01", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "routes of up to 2 moves:" in result.output
    data = json.loads(out.read_text())
    assert data["routes"] and max(len(r["roles"]) for r in data["routes"]) == 3
    shown = cli("--data", str(out), "path", "Support Worker", "Occupational Therapist", "--by", "steps")
    assert shown.exit_code == 0, shown.output
    text = shown.output
    assert "sum of per-move medians" in text
    assert "Route statistics from people" in text and "Of those who completed it" in text
    assert "completed this route within 2 years" in text
    as_json = json.loads(cli("--data", str(out), "path", "Support Worker", "Occupational Therapist",
                             "--by", "steps", "--json").output)
    assert as_json["from_people"]["roles"] == ["support-worker", "occupational-therapist"]
    compared = cli("compare", str(out), str(out), "--route", "Support Worker", "Occupational Therapist")
    assert compared.exit_code == 0, compared.output
    assert "product of per-move shares, not the share of people" in compared.output
    assert "sum of per-move medians, not the time people took" in compared.output
    assert "from people (career records):" in compared.output


def test_without_route_statistics_path_and_compare_say_what_the_figures_are(simulated, tmp_path):
    path = simulated[0]
    data, _ = learn_graph(path, as_of="2024-01-01", min_count=10, today=TODAY)
    out = tmp_path / "plain.json"
    write_json(data, out)
    shown = cli("--data", str(out), "path", "Support Worker", "Senior OT")
    assert shown.exit_code == 0, shown.output
    assert "No route statistics from people for this route" in shown.output
    assert "the total is a sum of per-move medians" in shown.output
    compared = cli("compare", str(out), str(out), "--route", "Support Worker", "Senior OT")
    assert "product of per-move shares" in compared.output
    assert "no route statistics from people for this route" in compared.output


# --- disclosure ---------------------------------------------------------------------------------------

def _chains(path: Path, cut: int, n_moves: int):
    """Independently of otgraph: every spell's route of up to ``n_moves`` moves (records whose
    spells never overlap, as :func:`careers` writes them), and each entrant's exit per route."""
    import datetime as dt

    people: dict[str, list[tuple[int, str, int | None]]] = {}
    epoch = dt.date(1970, 1, 1)
    with path.open() as f:
        for row in csv.DictReader(f):
            start = (dt.date.fromisoformat(row["start"]) - epoch).days
            end = (dt.date.fromisoformat(row["end"]) - epoch).days if row["end"] else None
            people.setdefault(row["person"], []).append((start, row["role"], end))
    completions: dict[tuple[str, ...], list[int]] = {}
    for spells in people.values():
        spells.sort()
        for i, (s0, role, _) in enumerate(spells):
            for m in range(1, n_moves + 1):
                if i + m >= len(spells):
                    break
                route = (role, *(spells[i + j][1] for j in range(1, m + 1)))
                completions.setdefault(route, []).append(spells[i + m][0] - s0)
    return completions


def test_route_cells_survive_arithmetic(tmp_path):
    """The adversary's view of routes: every published route rests on published roles and moves
    and on its published first moves; no suppressed route's completions are left, by the rows
    (extensions of a route) or columns (a route reached from one role before), as a remainder of
    1 to min_count - 1; and no count of completions by a horizon, between horizons or after the
    last, is 1 to min_count - 1."""
    sys.path.insert(0, str(Path(__file__).parent))
    from test_disclosure import careers

    for seed, k in ((1, 5), (2, 10), (3, 3)):
        path = careers(tmp_path / f"c{seed}.csv", seed, 5, 400, 0.4)
        data, _ = learn_graph(path, min_count=k, today=TODAY, routes=3)
        title_of = {r["id"]: r["title"] for r in data["roles"]}
        done = _chains(path, 0, 3)
        moves = {(t["from"], t["to"]) for t in data["transitions"]}
        published = {tuple(title_of[i] for i in r["roles"]): r for r in data["routes"]}
        assert published or seed != 1
        for route, entry in published.items():
            ids = entry["roles"]
            assert all(p in moves for p in zip(ids, ids[1:], strict=False))
            assert len(route) == 2 or route[:-1] in published
            assert entry["completed"] == len(done[route]) and entry["people"] >= k
            times = np.array(done[route])
            last = 0
            for h, value in entry["cumulative_incidence"].items():
                if value is not None:
                    upto = int((times <= HORIZON_DAYS[int(h)]).sum())
                    assert not 0 < upto - last < k, (route, h)
                    last = upto
            assert not 0 < len(times) - last < k
        for side in (0, 1):
            groups: dict[tuple[str, ...], int] = {}
            for route in published:
                if len(route) > 2:
                    key = route[:-1] if side == 0 else route[1:]
                    groups[key] = groups.get(key, 0) + len(done[route])
            for parent, total in groups.items():
                if parent in published:
                    assert not 0 < len(done[parent]) - total < k, (side, parent)
        assert set(HORIZONS) == {2, 5, 10}


def test_a_route_naming_an_unknown_role_is_a_reference_problem():
    from otgraph.validate import check_roles

    data = {"roles": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
            "transitions": [{"from": "a", "to": "b", "years": 1}],
            "routes": [{"roles": ["a", "c"], "n": 20, "cumulative_incidence": {"2": 0.5, "5": None, "10": None},
                        "years_quartiles_if_completed": [1, 2, 3]}]}
    assert check_roles(data) == ['$.routes[0].roles[1]: unknown role id "c"']
    data["routes"][0]["roles"] = ["a", "b"]
    assert check_roles(data) == []
