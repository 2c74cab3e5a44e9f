"""otgraph learn: a career graph learned from career records (issue 19)."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import sys
import uuid
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")

from click.testing import CliRunner  # noqa: E402

from otgraph.errors import DataError  # noqa: E402
from otgraph.learn import learn_graph, write_json  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import simulate_careers as sc  # noqa: E402

LEARN = Path(__file__).parent / "data" / "learn"
CUTOFF = "2024-01-01"
YEAR = 365.25


def learn_command():
    from otgraph.cli.learn_commands import learn_command

    return learn_command


def run(*args: str):
    """The learn command through the otgraph command line (errors and exit codes as users see them)."""
    from otgraph.cli import cli

    return CliRunner().invoke(cli, ["learn", *(str(a) for a in args)])


# --- simulated records, learned once per session -----------------------------------------

@pytest.fixture(scope="session")
def simulated(tmp_path_factory):
    """200,000 people walking the known graph, with duplicates, side jobs, split spells and
    spelling variants; the records, the truth, and what otgraph learns from them."""
    records, truth = sc.simulate(200_000, seed=7, duplicates=0.01, side_jobs=0.02, splits=0.03, variants=0.2)
    path = sc.write(records, tmp_path_factory.mktemp("sim") / "spells.csv")
    data, report = learn_graph(path, as_of=CUTOFF, min_count=1)
    return records, truth, data, report


def by_title(data):
    roles = {r["title"]: r for r in data["roles"]}
    ids = {r["id"]: r["title"] for r in data["roles"]}
    moves = {(ids[t["from"]], ids[t["to"]]): t for t in data["transitions"]}
    return roles, moves


def test_shape_of_a_learned_roles_file():
    data, report = learn_graph(LEARN / "small.csv", min_count=1, missing_end="open")
    assert set(data) == {"meta", "sources", "roles", "transitions"}
    roles = {r["id"]: r for r in data["roles"]}
    assert set(roles) == {"occupational-therapist", "senior-ot", "team-lead"}  # the locum spell is a side job
    ot = roles["occupational-therapist"]
    assert ot["title"] == "Occupational Therapist" and ot["kind"] == "job"
    assert set(ot["observed"]) == {"headcount", "leave_share", "moved_share", "left_share", "open_share",
                                   "tenure_median", "tenure_median_ci", "n"}
    assert ot["observed"]["headcount"] == 4 and ot["observed"]["n"] == 4  # a4's two spells merged
    move = next(t for t in data["transitions"] if t["to"] == "senior-ot")
    assert move["years_kind"] == "observed-iqr"
    assert move["years_evidence"] == {"grade": "observed", "n": 2}
    assert move["years_min"] <= move["years"] <= move["years_max"]
    assert set(move["observed"]) == {"count", "people", "share", "gap_median"}
    assert move["observed"]["count"] == 2 and move["observed"]["share"] == pytest.approx(0.6667)
    assert report["records"]["duplicates"] == 1 and report["records"]["side_jobs"] == 1
    assert report["records"]["merged"] == 1
    for t in data["transitions"]:
        assert t["from"] != t["to"]
    # Figures are rounded to 4 decimals.
    for t in data["transitions"]:
        for value in (t["years"], t["years_min"], t["years_max"], *t["observed"].values()):
            assert value is None or round(value, 4) == value


def test_dates_a_month_is_its_15th_and_a_year_1_july(tmp_path):
    f = tmp_path / "r.csv"
    rows = ["person,role,start,end"] + [f"p{i},A,2019,2021" for i in range(3)] + \
           [f"q{i},B,2019-03,2019-05" for i in range(3)] + [f"r{i},C,2019-09,2019" for i in range(3)]
    f.write_text("\n".join(rows) + "\n")
    data, report = learn_graph(f, min_count=1)
    tenure = {r["id"]: r["observed"]["tenure_median"] for r in data["roles"]}
    assert tenure["a"] == round(731 / YEAR, 4)  # 1 July 2019 to 1 July 2021
    assert tenure["b"] == round(61 / YEAR, 4)  # 15 March to 15 May
    assert tenure["c"] == 0.0  # an end in the start's own year: no time, not an error
    assert report["records"]["bad_rows"]["order"] == 0


# --- agreement with the peers -------------------------------------------------------------

def test_counts_equal_pm4py_directly_follows(simulated):
    pm4py = pytest.importorskip("pm4py")  # AGPL: a test-only import
    _, truth, data, _ = simulated
    clean = truth["clean"]  # the walk without duplicates, side jobs, split spells or variants
    log = pd.DataFrame({"case:concept:name": clean["person"], "concept:name": clean["role"],
                        "time:timestamp": pd.to_datetime(clean["start"])})
    dfg, _, _ = pm4py.discover_dfg(log)
    _, moves = by_title(data)
    assert {pair: t["observed"]["count"] for pair, t in moves.items()} == dict(dfg)


def _lifelines_tenure(simulated):
    """(title, the learned role, lifelines' Kaplan-Meier fit of its tenures) for each role of the
    simulation's truth."""
    lifelines = pytest.importorskip("lifelines", reason="lifelines (the test extra) is the peer library")
    _, truth, data, _ = simulated
    clean = truth["clean"]
    start = pd.to_datetime(clean["start"])
    end = pd.to_datetime(clean["end"].replace("", None))
    days = (end.fillna(pd.Timestamp(CUTOFF)) - start).dt.days
    roles, _ = by_title(data)
    for title, group in days.groupby(clean["role"]):
        yield title, roles[title], lifelines.KaplanMeierFitter().fit(group, event_observed=end[group.index].notna())


def test_tenure_equals_lifelines_kaplan_meier(simulated):
    for title, role, km in _lifelines_tenure(simulated):
        median = km.median_survival_time_
        expected = None if median == float("inf") else round(median / YEAR, 4)
        assert role["observed"]["tenure_median"] == expected, title
        assert role["observed"]["n"] == len(km.durations)


def test_learned_figures_match_the_truth(simulated):
    _, truth, data, report = simulated
    roles, moves = by_title(data)
    assert set(roles) == set(truth["roles"])  # spelling variants fold into one role each
    for title, known in truth["roles"].items():
        learned = roles[title]["observed"]["tenure_median"]
        assert learned == pytest.approx(known["tenure_median"], rel=0.02), title
        # The cut-off leaves spells open: finished spells alone give a median at least 10% short.
        assert known["naive_median"] <= 0.9 * known["tenure_median"], title
    assert set(moves) == set(truth["moves"])
    for pair, known in truth["moves"].items():
        move = moves[pair]
        assert move["observed"]["count"] == known["count"], pair
        assert move["observed"]["people"] == known["people"], pair
        assert move["observed"]["share"] == pytest.approx(known["share"], rel=0.02, abs=0.005), pair
        assert move["years"] == pytest.approx(known["years_median"], rel=0.02), pair
        assert move["observed"]["gap_median"] == pytest.approx(known["gap_median"], abs=0.01), pair
    assert report["records"]["side_jobs"] > 0 and report["records"]["merged"] > 0
    assert report["records"]["duplicates"] > 0


def test_path_on_the_learned_graph_matches_the_truth(simulated):
    nx = pytest.importorskip("networkx")
    _, truth, data, _ = simulated
    graph = sc.known_graph()
    true = nx.DiGraph()
    for a, dests in graph.moves.items():
        for b in dests:
            true.add_edge(graph.titles[a], graph.titles[b], years=graph.true_median(a))
    learned = nx.DiGraph()
    titles = {r["id"]: r["title"] for r in data["roles"]}
    for t in data["transitions"]:
        learned.add_edge(titles[t["from"]], titles[t["to"]], years=t["years"])
    for a, b in [("Support Worker", "Consultant OT"), ("Assistant Practitioner", "Team Manager"),
                 ("Occupational Therapist", "Consultant OT")]:
        assert nx.shortest_path(learned, a, b, weight="years") == nx.shortest_path(true, a, b, weight="years")


# --- privacy --------------------------------------------------------------------------------

def _shifted(records: pd.DataFrame, days: int, seed: int) -> pd.DataFrame:
    """The same records with every date moved by ``days``, new random ids and rows shuffled."""
    def move(col):
        d = pd.to_datetime(records[col].replace("", None)) + pd.Timedelta(days=days)
        return d.dt.strftime("%Y-%m-%d").fillna("")

    import random

    rnd = random.Random(seed)
    new_ids = {old: str(uuid.UUID(int=rnd.getrandbits(128), version=4)) for old in records["person"].unique()}
    out = pd.DataFrame({"person": records["person"].map(new_ids), "role": records["role"],
                        "start": move("start"), "end": move("end")})
    return out.sample(frac=1, random_state=seed).reset_index(drop=True)


TODAY = "2026-12-07"


def _without_as_of(path: Path) -> str:
    """A report's text with ``settings.as_of`` (the user's own --as-of, echoed) taken out."""
    report = json.loads(path.read_text())
    report["settings"].pop("as_of")
    return json.dumps(report, indent=2, ensure_ascii=False)


def test_nothing_identifying_leaves(tmp_path):
    records, _ = sc.simulate(3000, seed=11, duplicates=0.01, side_jobs=0.02, splits=0.03)
    records.loc[records.index[:4], "role"] = "Rare Title Held By Few"
    src = sc.write(records, tmp_path / "in.csv")
    out, rep = tmp_path / "out.json", tmp_path / "report.json"
    result = run(src, "-o", out, "--report", rep, "--as-of", "2024-01-01", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert json.loads(rep.read_text())["settings"]["as_of"] == "2024-01-01"  # the user's own input, echoed
    text = out.read_text() + _without_as_of(rep) + result.stdout
    ids = set(records["person"])
    assert all(uuid.UUID(i) for i in list(ids)[:5])  # ids are random UUIDs
    found = set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text))
    assert not found & ids and not found
    dates = set(records["start"]) | set(records["end"]) - {""}
    assert not any(d in text for d in dates)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert "Rare Title" not in text

    # Shift every date and --as-of back by a constant (so no record passes the run date), permute
    # the ids, shuffle the rows: the same bytes, all but the echoed settings.as_of.
    src2 = sc.write(_shifted(records, -4321, seed=1), tmp_path / "in2.csv")
    out2, rep2 = tmp_path / "out2.json", tmp_path / "report2.json"
    shifted_as_of = (dt.date(2024, 1, 1) - dt.timedelta(days=4321)).isoformat()
    result = run(src2, "-o", out2, "--report", rep2, "--as-of", shifted_as_of, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert out2.read_bytes() == out.read_bytes()
    assert _without_as_of(rep2) == _without_as_of(rep)
    # Without --as-of the observation date is the records' latest date (on or before the run
    # date), shifted too; it is named on stderr only, never in a file.
    for source, name in ((src, "a"), (src2, "b")):
        result = run(source, "-o", tmp_path / f"{name}.json", "--report", tmp_path / f"{name}-r.json",
                     "--today", TODAY)
        assert result.exit_code == 0, result.output
        derived = re.search(r"observation date (\d{4}-\d{2}-\d{2})", result.stderr).group(1)
        assert derived not in result.stdout
        for written in (f"{name}.json", f"{name}-r.json"):
            assert not re.search(r"\d{4}-\d{2}-\d{2}", (tmp_path / written).read_text())
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert (tmp_path / "a-r.json").read_bytes() == (tmp_path / "b-r.json").read_bytes()


def test_suppression(tmp_path):
    records, _ = sc.simulate(2000, seed=5)
    extra = pd.DataFrame({"person": [f"x{i}" for i in range(9)], "role": "Nine People Role",
                          "start": "2020-01-01", "end": ""})
    src = sc.write(pd.concat([records, extra]), tmp_path / "in.csv")
    k = 150
    data, report = learn_graph(src, min_count=k)
    kept = {r["id"] for r in data["roles"]}
    assert all(r["observed"]["headcount"] >= k for r in data["roles"])
    assert all(t["observed"]["people"] >= k and t["from"] in kept and t["to"] in kept for t in data["transitions"])
    assert report["roles"]["suppressed"] >= 1 and report["moves"]["suppressed"] >= 1
    assert report["roles"]["kept"] + report["roles"]["suppressed"] == report["roles"]["total"]
    assert report["moves"]["kept"] + report["moves"]["suppressed"] == report["moves"]["pairs"]
    everything, _ = learn_graph(src, min_count=1)
    assert report["roles"]["total"] == len(everything["roles"])
    assert report["moves"]["pairs"] == len(everything["transitions"])
    assert "Nine People Role" not in json.dumps([data, report])
    assert "Nine People Role" in json.dumps(everything)
    ten = pd.concat([extra, extra.head(1).assign(person="x9")])
    src = sc.write(pd.concat([records, ten]), tmp_path / "in10.csv")
    assert "Nine People Role" in json.dumps(learn_graph(src)[0])  # the default min count is 10


# --- bad input --------------------------------------------------------------------------------

def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_end_before_start(tmp_path):
    src = LEARN / "bad-order.csv"
    before = _digest(src)
    out = tmp_path / "out.json"
    out.write_text("old")
    cols = "person=emp,role=title,start=from,end=to"
    result = run(src, "-o", out, "--columns", cols, "--min-count", "1")
    assert result.exit_code == 2
    assert result.output.startswith("otgraph: error: ")
    assert "row 2, column \"to\" (end): end '2017-12-31' is before start '2018-01-01'" in result.output
    assert "1 more bad row" in result.output and "--skip-bad" in result.output
    assert out.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    result = run(src, "-o", out, "--columns", cols, "--min-count", "1", "--skip-bad", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["records"]["bad_rows"]["order"] == 2 and summary["records"]["skipped_bad"] == 2
    assert summary["records"]["spells"] == 2  # row 3 (start 2019-09, end 2019) is kept
    assert _digest(src) == before


def test_unparseable_dates_and_empty_fields(tmp_path):
    src = LEARN / "bad-date.csv"
    with pytest.raises(DataError) as err:
        learn_graph(src)
    problems = err.value.problems
    assert problems[0] == "row 2, column \"start\": unparseable date '2015-02-30' (use 2019-03-14, 2019-03 or 2019)"
    assert problems[1].startswith("row 3, column \"end\": unparseable date 'soon'")
    assert problems[2] == "row 4, column \"role\": empty role"
    out = tmp_path / "o.json"
    result = run(src, "-o", out)
    assert result.exit_code == 2 and "row 2, column \"start\"" in result.output and not out.exists()
    result = run(src, "-o", out, "--skip-bad", "--min-count", "1", "--json")
    assert result.exit_code == 0
    bad = json.loads(result.stdout)["records"]["bad_rows"]
    assert (bad["start"], bad["end"], bad["role"]) == (1, 1, 1)


def test_missing_column(tmp_path):
    out = tmp_path / "o.json"
    result = run(LEARN / "small.csv", "-o", out, "--columns", "role=job_title")
    assert result.exit_code == 2
    assert 'missing column "job_title" (role)' in result.output
    assert not out.exists()
    result = run(LEARN / "small.csv", "-o", out, "--columns", "grade=x")
    assert result.exit_code == 2 and "unknown name 'grade'" in result.output
    result = run(tmp_path / "nope.csv", "-o", out)
    assert result.exit_code == 2 and "no such file" in result.output
    result = run(LEARN / "small.csv", "-o", out, "--as-of", "soon")
    assert result.exit_code == 2 and "--as-of" in result.output
    result = run(LEARN / "small.csv", "-o", LEARN / "small.csv")
    assert result.exit_code == 2 and "never overwritten" in result.output



@pytest.mark.parametrize("options, argument, cli_options, shown", [
    ({"min_count": 0}, "min_count", ["--min-count", "0"], "--min-count must be a whole number of at least 1, not 0"),
    ({"threads": 0}, "threads", ["--threads", "0"], "--threads must be a whole number of at least 1, not 0"),
    ({"memory_limit": "lots"}, "memory_limit", ["--memory-limit", "lots"], "--memory-limit: "),
    ({"columns": "grade=x"}, "columns", ["--columns", "grade=x"], "--columns: unknown name 'grade'"),
    ({"as_of": "soon"}, "as_of", ["--as-of", "soon"], "--as-of: 'soon' is not a date"),
])
def test_option_errors_name_the_argument_and_the_cli_the_flag(tmp_path, options, argument, cli_options, shown):
    from otgraph.errors import InvalidOptionError

    with pytest.raises(InvalidOptionError) as err:
        learn_graph(LEARN / "small.csv", **options)
    assert err.value.argument == argument and str(err.value).startswith(argument) and "--" not in str(err.value)
    result = run(LEARN / "small.csv", "-o", tmp_path / "o.json", *cli_options)
    assert result.exit_code == 2 and f"otgraph: error: {shown}" in result.output

# --- formats, options ---------------------------------------------------------------------------

def test_formats_give_the_same_graph(tmp_path):
    df = pd.read_csv(LEARN / "small.csv", dtype=str, keep_default_na=False)
    reference, _ = learn_graph(LEARN / "small.csv", min_count=1)
    renamed = df.rename(columns={"person": "who", "role": "job", "start": "from", "end": "to"})
    cols = {"person": "who", "role": "job", "start": "from", "end": "to"}
    renamed.to_csv(tmp_path / "r.tsv", sep="\t", index=False)
    with gzip.open(tmp_path / "r.csv.gz", "wt") as f:
        renamed.to_csv(f, index=False)
    with gzip.open(tmp_path / "r.jsonl.gz", "wt") as f:
        renamed.to_json(f, orient="records", lines=True)
    renamed.to_parquet(tmp_path / "r.parquet", index=False)
    for name in ("r.tsv", "r.csv.gz", "r.jsonl.gz", "r.parquet"):
        data, _ = learn_graph(tmp_path / name, columns=cols, min_count=1)
        assert data == reference, name


def test_parquet_with_date_columns(tmp_path):
    records, _ = sc.simulate(3000, seed=2)
    sc.write(records, tmp_path / "a.csv")
    sc.write(records, tmp_path / "b.parquet", date_type="date")
    assert learn_graph(tmp_path / "a.csv")[0] == learn_graph(tmp_path / "b.parquet")[0]


def test_as_of_censors_and_drops_later_spells():
    data, report = learn_graph(LEARN / "small.csv", min_count=1, as_of="2018-01-01")
    assert report["records"]["after_as_of"] == 2  # a2's Senior OT and a4's Team Lead start after it
    roles = {r["id"]: r["observed"] for r in data["roles"]}
    assert "team-lead" not in roles and roles["senior-ot"]["n"] == 1
    assert "2018" not in json.dumps(data["meta"])


def test_map_to_a_dataset(tmp_path):
    data, report = learn_graph(LEARN / "small.csv", min_count=1, map_to=LEARN / "map-target.json",
                               missing_end="open")
    assert {r["id"]: r["title"] for r in data["roles"]} == {
        "ot": "Occupational Therapist", "senior-ot": "Senior Occupational Therapist",
        "team-lead": "Team Lead"}
    titles = report["titles"]
    assert titles["distinct"] == 5 and titles["exact"] == 2 and titles["normalised"] == 1
    assert titles["fuzzy"] + titles["unmatched"] == 2  # "Team Lead" is not close enough; Locum neither
    assert data["meta"]["mapped_to"] == "map-target.json"


def test_map_to_onet_reported_titles(tmp_path):
    f = tmp_path / "r.csv"
    rows = ["person,role,start,end"] + [f"p{i},Occupational Therapy Director,2019-01-01,2020-01-01" for i in range(2)]
    f.write_text("\n".join(rows) + "\n")
    data, report = learn_graph(f, min_count=1, map_to="onet")
    assert [r["id"] for r in data["roles"]] == ["29-1122.00"] or report["titles"]["unmatched"] == 1


def test_writer_is_atomic(tmp_path):
    target = tmp_path / "x.json"
    write_json({"a": 1}, target)
    assert json.loads(target.read_text()) == {"a": 1}
    with pytest.raises(DataError):
        write_json({"a": 2}, tmp_path / "missing-dir" / "x.json")
    with pytest.raises(TypeError):
        write_json({"a": object()}, target)
    assert json.loads(target.read_text()) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_library_neither_prints_nor_imports_click(capsys):
    import subprocess

    code = ("import sys; from otgraph.learn import learn_graph; "
            f"learn_graph({str(LEARN / 'small.csv')!r}, min_count=1); print('click' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False" and done.stderr == ""


# --- dates: the run date, future starts, ends after the observation date (issue 25) -------------

def _future_records(tmp_path):
    f = tmp_path / "r.csv"
    rows = ["person,role,start,end"] + [f"p{i},A,2019-01-01,2021-01-01" for i in range(3)] + \
           [f"p{i},B,2021-01-01,2027-06-01" for i in range(3)] + ["q0,A,2027-03-01,"]
    f.write_text("\n".join(rows) + "\n")
    return f


def test_a_start_after_the_run_date_warns_naming_the_row(tmp_path):
    from otgraph.learn.run import LearnWarning

    f = _future_records(tmp_path)
    named = r"row 7, column \"start\": start '2027-03-01' is after the run date 2026-12-07"
    with pytest.warns(LearnWarning, match=named):
        data, report = learn_graph(f, min_count=1, today="2026-12-07")
    rec = report["records"]
    assert rec["future_starts"] == 1 and rec["after_as_of"] == 1 and rec["bad_rows"]["future"] == 0
    # the observation date is the latest date on or before the run date (2021-01-01): B's ends in
    # 2027 are after it, read as open there and counted
    assert rec["ends_after_as_of"] == 3
    assert {r["id"]: r["observed"]["tenure_median"] for r in data["roles"]}["b"] is None  # all censored at 0
    assert report["settings"]["as_of"] is None and "2021" not in json.dumps([data, report])
    # on the command line: the warning and the derived date on stderr, never in a file
    out, rep = tmp_path / "o.json", tmp_path / "rep.json"
    result = run(f, "-o", out, "--report", rep, "--min-count", "1", "--today", "2026-12-07")
    assert result.exit_code == 0, result.output
    assert "otgraph: warning: row 7, column \"start\": start '2027-03-01'" in result.stderr
    assert "otgraph: note: observation date 2021-01-01" in result.stderr
    assert "2021-01-01" not in result.stdout and "2021" not in out.read_text() + rep.read_text()
    assert "1 end after it (read as open)" not in result.stdout and "3 end after it (read as open)" in result.stdout
    result = run(f, "-o", out, "--min-count", "1", "--today", "2026-12-07", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["records"]["future_starts"] == 1
    notes = [json.loads(line) for line in result.stderr.splitlines()]
    assert {next(iter(n)) for n in notes} == {"warning", "note"}


def test_strict_makes_a_future_start_an_error_and_skip_bad_skips_it(tmp_path):
    f = _future_records(tmp_path)
    with pytest.raises(DataError, match="row 7, column \"start\": start '2027-03-01' is after the run date"):
        learn_graph(f, min_count=1, today="2026-12-07", strict=True)
    out = tmp_path / "o.json"
    result = run(f, "-o", out, "--min-count", "1", "--today", "2026-12-07", "--strict")
    assert result.exit_code == 2 and "row 7" in result.output and "--skip-bad skips it" in result.output
    assert not out.exists()
    data, report = learn_graph(f, min_count=1, today="2026-12-07", skip_bad=True)
    rec = report["records"]
    assert rec["bad_rows"]["future"] == 1 and rec["skipped_bad"] == 1 and rec["after_as_of"] == 0
    # a later run date: nothing is in the future, and the observation date moves to 2027-06-01
    _, later = learn_graph(f, min_count=1, today="2028-01-01", strict=True)
    assert later["records"]["future_starts"] == 0 and later["records"]["ends_after_as_of"] == 0


def test_as_of_is_echoed_and_an_end_after_it_is_open(tmp_path):
    f = _future_records(tmp_path)
    data, report = learn_graph(f, min_count=1, as_of="2020-06", today="2026-12-07", strict=True,
                               skip_bad=True)
    assert report["settings"]["as_of"] == "2020-06-15"  # the user's own input, as read
    assert report["records"]["ends_after_as_of"] == 3  # A's ends (2021-01-01) are after 2020-06-15
    assert report["records"]["after_as_of"] == 3  # B starts after it
    assert data["meta"]["as_of"].startswith("given")
    result = run(f, "-o", tmp_path / "o.json", "--as-of", "2020-06", "--today", "soon")
    assert result.exit_code == 2 and "--today: 'soon' is not a date" in result.output


# --- issue 31: outcome shares, units, the median's interval ----------------------------------

def outcomes_records(path: Path) -> Path:
    """30 people in Band 5: 10 move to Band 6, 12 leave the records, 8 are still there."""
    rows = ["person,role,start,end"]
    for i in range(30):
        end = "" if i >= 22 else f"20{12 + i % 8}-03-01"
        rows.append(f"p{i},Band 5,2010-01-{1 + i % 28:02d},{end}")
        if i < 10:
            rows.append(f"p{i},Band 6,20{12 + i % 8}-04-01,")
    path.write_text("\n".join(rows) + "\n")
    return path


def test_outcome_shares_split_moves_leavers_and_open_spells(tmp_path):
    data, report = learn_graph(outcomes_records(tmp_path / "o.csv"), min_count=5, today="2026-12-07")
    observed = {r["id"]: r["observed"] for r in data["roles"]}["band-5"]
    assert (observed["moved_share"], observed["left_share"], observed["open_share"]) == (0.3333, 0.4, 0.2667)
    assert observed["leave_share"] == observed["moved_share"]  # the old name, kept one version
    assert report["roles"]["outcome_shares_withheld"] == 0
    band6 = {r["id"]: r["observed"] for r in data["roles"]}["band-6"]
    assert (band6["moved_share"], band6["left_share"], band6["open_share"]) == (0.0, 0.0, 1.0)
    assert "proportions (not probabilities)" in data["meta"]["outcomes"]
    units = data["meta"]["units"]
    assert units["observed.gap_median"].startswith("years") and units["observed.left_share"].startswith("proportion")
    assert all(f"observed.{key}" in units for key in observed)


def test_outcome_shares_of_a_few_spells_are_withheld_together(tmp_path):
    """3 people left Band 5: below the minimum, so left_share and open_share (which with n and
    moved_share would give it) are both null."""
    data, report = learn_graph(outcomes_records(tmp_path / "o.csv"), min_count=5, today="2026-12-07")
    rows = (tmp_path / "o.csv").read_text().splitlines()
    kept = [r for r in rows if not any(r.startswith(f"p{i},Band 5") for i in range(13, 22))]
    (tmp_path / "few.csv").write_text("\n".join(kept) + "\n")
    data, report = learn_graph(tmp_path / "few.csv", min_count=5, today="2026-12-07")
    observed = {r["id"]: r["observed"] for r in data["roles"]}["band-5"]
    assert observed["moved_share"] == round(10 / 21, 4)
    assert observed["left_share"] is None and observed["open_share"] is None
    assert report["roles"]["outcome_shares_withheld"] == 1


def test_an_old_learned_file_with_leave_share_only_still_loads():
    from otgraph.cli import cli

    result = CliRunner().invoke(cli, ["--data", str(Path(__file__).parent / "data" / "compare" / "learned.json"),
                                      "show", "assistant"])
    assert result.exit_code == 0, result.output


def test_tenure_interval_equals_lifelines_on_the_simulation(simulated):
    pytest.importorskip("lifelines", reason="lifelines (the test extra) checks the interval")
    from lifelines.utils import median_survival_times

    for title, role, km in _lifelines_tenure(simulated):
        lower, upper = median_survival_times(km.confidence_interval_).to_numpy()[0]
        expected = [round(lower / YEAR, 4), None if upper == float("inf") else round(upper / YEAR, 4)]
        assert role["observed"]["tenure_median_ci"] == expected, title


# --- issue 31: a title mapping an analyst can audit --------------------------------------------

TITLES = LEARN / "titles.csv"  # band- and country-bearing titles, 1 to 6 people each


def mapped_titles(**options):
    audit: list = []
    data, report = learn_graph(TITLES, min_count=3, map_to="roles", today="2026-12-07", mapping_audit=audit,
                               **options)
    return {(e["title"], e["country"]): e for e in audit}, report


def test_map_to_reads_the_country_column_and_bands():
    entries, report = mapped_titles()
    assert entries["Senior Occupational Therapist", "UK"]["role"] == "nhs-specialist-ot"
    assert entries["Senior Occupational Therapist", "US"]["role"] == "us-senior-ot"
    assert entries["Senior Occupational Therapist", "UK"]["method"] == "fuzzy"
    assert entries["Senior Occupational Therapist", "UK"]["score"] >= 90
    assert entries["Band 5 Occupational Therapist", "UK"]["role"] == "nhs-band5-ot"
    from otgraph import load_roles
    from otgraph.bands import band_matches

    G = load_roles("roles").graph

    band_8a = entries["Band 8a Occupational Therapist", "UK"]
    assert band_8a["role"] not in G or band_matches("8a", G.nodes[band_8a["role"]].get("band"))
    band_7 = entries["Specialist Occupational Therapist (Band 7)", "UK"]
    assert band_7["role"] not in G or G.nodes[band_7["role"]].get("band") == "7"  # never a Band 6 role
    assert entries["Band 8 Occupational Therapist", "UK"]["method"] == "own role"
    assert entries["Band 8 Occupational Therapist", "UK"]["reason"].startswith("ambiguous")
    # the summary names the most common titles left out, those held by at least the minimum
    named = [(t["title"], t.get("country")) for t in report["titles"]["most_common_unmapped"]]
    assert named[0] == ("Band 7 OT", "UK") and ("Rehab Tech", "UK") not in named
    assert "ambiguous" in report["titles"]["most_common_unmapped"][0]["why"]


def test_title_overrides_come_first_and_are_checked(tmp_path):
    entries, report = mapped_titles(title_overrides=LEARN / "title-overrides.csv")
    assert entries["Band 7 OT", "UK"]["role"] == "nhs-advanced-ot"
    assert entries["Band 7 OT", "UK"]["method"] == "override" and report["titles"]["override"] == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("raw_title,role_id\nBand 7 OT,no-such-role\n")
    with pytest.raises(DataError, match=r"row 2, field role_id: 'no-such-role' is not a role of roles"):
        learn_graph(TITLES, map_to="roles", title_overrides=bad)
    result = run(TITLES, "-o", tmp_path / "o.json", "--map-to", "roles", "--title-overrides", bad)
    assert result.exit_code == 2 and "row 2, field role_id" in result.output and "Traceback" not in result.output
    result = run(TITLES, "-o", tmp_path / "o.json", "--title-overrides", LEARN / "title-overrides.csv")
    assert result.exit_code == 2 and "--map-to" in result.output


def test_mapping_report_lists_titles_held_by_the_minimum(tmp_path):
    out, audit = tmp_path / "learned.json", tmp_path / "mapping.csv"
    result = run(TITLES, "-o", out, "--map-to", "roles", "--min-count", "3", "--mapping-report", audit,
                 "--today", "2026-12-07")
    assert result.exit_code == 0, result.output
    lines = audit.read_text().splitlines()
    assert lines[0].startswith("# INTERNAL AUDIT FILE - NOT FOR PUBLICATION")
    import csv

    rows = list(csv.DictReader(lines[1:]))
    listed = {(r["raw_title"], r["country"]) for r in rows if not r["raw_title"].startswith("(")}
    held = pd.read_csv(TITLES).groupby(["role", "country"])["person"].nunique()
    assert listed == {pair for pair, people in held.items() if people >= 3}
    assert {r["method"] for r in rows} >= {"fuzzy", "exact", "alias", "own role"}
    assert rows[-1]["raw_title"] == "(2 titles held by fewer than 3 people)"
    assert "unmapped: Band 7 OT (UK): ambiguous" in result.output
    unsafe = run(TITLES, "-o", out, "--map-to", "roles", "--min-count", "3", "--mapping-report", audit,
                 "--audit-unsafe", "--today", "2026-12-07")
    assert unsafe.exit_code == 0 and "Rehab Tech" in audit.read_text()
    assert run(TITLES, "-o", out, "--audit-unsafe").exit_code == 2


# --- issue 31: the cleaning rules, each on a small example file (docs/learn.md) -----------------

RULES = LEARN / "rules"


def learn_rule(name: str, **options):
    data, report = learn_graph(RULES / name, min_count=1, today="2026-12-07", **options)
    moves = {(t["from"], t["to"]) for t in data["transitions"]}
    return {r["id"]: r["observed"] for r in data["roles"]}, moves, report["records"]


def test_a_missing_end_followed_by_a_later_spell_ends_at_its_start():
    roles, moves, records = learn_rule("missing-end.csv")
    assert moves == {("band-5-ot", "band-6-ot")} and records["missing_end_closed"] == 1
    assert roles["band-5-ot"]["tenure_median"] == round(731 / YEAR, 4)  # 2015-01-01 to 2017-01-01
    # the old reading: still open, so the Band 6 job inside it is a side job
    roles, moves, records = learn_rule("missing-end.csv", missing_end="open")
    assert moves == set() and records["side_jobs"] == 1 and records["missing_end_closed"] == 0
    assert "band-6-ot" not in roles and records["roles_only_side_jobs"] == 1


def test_a_side_job_across_a_contract_renewal_makes_no_move():
    roles, moves, records = learn_rule("renewal-side-job.csv")
    assert moves == set()  # it once made Band 6 -> Locum -> Band 6
    assert records["side_jobs"] == 1 and records["merged"] == 1 and roles["band-6-ot"]["n"] == 1


def test_a_role_held_only_as_a_side_job_is_counted():
    roles, moves, records = learn_rule("side-job-only.csv")
    assert set(roles) == {"band-6-ot"} and records["roles_only_side_jobs"] == 1
    result = run(RULES / "side-job-only.csv", "-o", Path(__import__("tempfile").mkdtemp()) / "o.json",
                 "--min-count", "1")
    assert "1 role held only as side jobs" in result.output


def test_consecutive_spells_in_one_role_merge_across_a_gap():
    roles, moves, records = learn_rule("same-role-gap.csv")
    assert records["merged"] == 1 and roles["band-6-ot"]["n"] == 1
    assert roles["band-6-ot"]["tenure_median"] == round((dt.date(2020, 1, 1) - dt.date(2015, 1, 1)).days / YEAR, 4)


def test_titles_differing_in_case_spacing_or_punctuation_are_one_role():
    roles, _, _ = learn_rule("title-spelling.csv")
    assert list(roles) == ["occupational-therapist"] and roles["occupational-therapist"]["headcount"] == 3


def test_as_of_drops_spells_that_start_after_it_and_opens_later_ends():
    roles, moves, records = learn_rule("as-of.csv", as_of="2020-01-01")
    assert moves == {("band-5-ot", "band-6-ot")} and "band-7-ot" not in roles
    assert records["after_as_of"] == 1 and records["ends_after_as_of"] == 1
    assert roles["band-6-ot"]["open_share"] == 1.0


def test_path_on_a_learned_graph_says_its_total_is_a_sum_of_medians(tmp_path):
    """Issue 31: a route's total over learned moves is a sum of per-move medians, and says so."""
    from otgraph.cli import cli

    data, _ = learn_graph(outcomes_records(tmp_path / "o.csv"), min_count=5, today="2026-12-07")
    write_json(data, tmp_path / "learned.json")
    result = CliRunner().invoke(cli, ["--data", str(tmp_path / "learned.json"), "path", "band-5", "band-6"])
    assert result.exit_code == 0, result.output
    assert "as a sum of per-move medians (and quartiles), not the time people took the whole route" in result.output


@pytest.mark.parametrize("options, argument", [({"engine": "pandas"}, "engine"),
                                               ({"master": "local[2]"}, "engine"),
                                               ({"spark": object()}, "engine")])
def test_one_entry_point_names_an_engine_it_cannot_use(options, argument):
    from otgraph.errors import InvalidOptionError

    with pytest.raises(InvalidOptionError) as err:
        learn_graph(LEARN / "small.csv", **options)
    assert err.value.argument == argument
