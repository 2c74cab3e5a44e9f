"""otgraph learn --engine spark: byte-identical to the DuckDB engine (issue 20).

One local[2] Spark session serves the whole module. Without PySpark (or Java, or DuckDB to
compare with) these tests skip, unless CI=true: then they fail, as a CI run must not skip them.
The test without PySpark (exit 2 and the install command) runs everywhere.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from otgraph.errors import DataError

HERE = Path(__file__).parent
LEARN = HERE / "data" / "learn"
EDGE = HERE / "data" / "spark" / "edge.csv"
ROOT = HERE.parent
CI = os.environ.get("CI", "").lower() == "true"


def _need(reason: str) -> None:
    if CI:
        pytest.fail(f"{reason}, and CI=true: the Spark tests must run here", pytrace=False)
    pytest.skip(reason)


def _java() -> bool:
    home = os.environ.get("JAVA_HOME")
    return bool(shutil.which("java") or (home and (Path(home) / "bin" / "java").exists()))


@pytest.fixture(scope="module")
def spark():
    if importlib.util.find_spec("pyspark") is None:
        _need('PySpark is not installed (pip install "otgraph[spark]")')
    if importlib.util.find_spec("duckdb") is None:
        _need('DuckDB is not installed (pip install "otgraph[learn]"): the Spark engine is checked against it')
    if not _java():
        _need("no Java on PATH or in JAVA_HOME (Spark needs Java 17+)")
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("otgraph tests")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def dumps(value) -> bytes:
    """The bytes write_json writes."""
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def both(spark, path, **options):
    from otgraph.learn import learn_graph
    from otgraph.learn.spark import learn_graph_spark

    duck = learn_graph(path, **options)
    sparked = learn_graph_spark(path, spark=spark, **options)
    # the one entry point, engine="spark", is the same engine
    assert dumps(learn_graph(path, engine="spark", spark=spark, **options)[0]) == dumps(sparked[0])
    return duck, sparked


def assert_identical(duck, sparked):
    (d_data, d_report), (s_data, s_report) = duck, sparked
    assert dumps(s_data) == dumps(d_data)
    assert dumps(s_report) == dumps(d_report)


# --- the engines agree to the byte -----------------------------------------------------------

def test_ties_censoring_side_jobs_duplicates_and_bad_rows(spark, tmp_path):
    """Equal starts and ends, open spells and spells after --as-of, side jobs, duplicates, month
    and year dates, a quoted title with a comma, bad rows skipped, country and track with gaps."""
    duck, sparked = both(spark, EDGE, min_count=1, as_of="2021-06", skip_bad=True, routes=3)
    assert_identical(duck, sparked)
    assert sparked[0]["routes"]  # route statistics from people (issue 31) alike too
    rec = sparked[1]["records"]
    assert rec["duplicates"] >= 2 and rec["side_jobs"] >= 2 and rec["merged"] >= 2 and rec["after_as_of"] >= 1
    assert sum(rec["bad_rows"].values()) == 3
    assert any(r["observed"]["tenure_median"] is None for r in sparked[0]["roles"])  # censored: no median
    # and without --as-of (censored at the latest date), as JSON Lines, gzipped
    rows = EDGE.read_text().splitlines()
    import csv

    records = list(csv.DictReader(rows))
    jsonl = tmp_path / "edge.jsonl.gz"
    with gzip.open(jsonl, "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: v for k, v in r.items() if v != ""}) + "\n")
    assert_identical(*both(spark, jsonl, min_count=2, skip_bad=True))


def test_simulated_parquet_with_date_columns_mapped_to_roles(spark, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    sys.path.insert(0, str(ROOT / "scripts"))
    import simulate_careers as sc

    records, _ = sc.simulate(1500, seed=5, duplicates=0.02, side_jobs=0.05, splits=0.05, variants=0.2)
    start = pa.array(records["start"]).cast(pa.date32())
    end = pa.array(records["end"].replace("", None)).cast(pa.date32())
    table = pa.table({"emp": records["person"], "title": records["role"], "from": start, "to": end})
    path = tmp_path / "spells.parquet"
    pq.write_table(table, path)
    duck, sparked = both(spark, path, min_count=5, map_to="roles",
                         columns="person=emp,role=title,start=from,end=to", routes=3)
    assert_identical(duck, sparked)
    assert len(sparked[0]["transitions"]) > 5
    assert max(len(r["roles"]) for r in sparked[0]["routes"]) == 4


def test_command_line_engine_spark(spark, tmp_path):
    from otgraph.cli import cli

    sys.path.insert(0, str(ROOT / "scripts"))
    import simulate_careers as sc

    records, _ = sc.simulate(1000, seed=9, duplicates=0.01, side_jobs=0.02, splits=0.03)
    path = sc.write(records, tmp_path / "spells.csv")
    runner = CliRunner()
    outs = {}
    for engine in ("duckdb", "spark"):
        out, report = tmp_path / f"{engine}.json", tmp_path / f"{engine}-report.json"
        extra = ["--master", "local[2]"] if engine == "spark" else []
        result = runner.invoke(cli, ["learn", str(path), "-o", str(out), "--report", str(report),
                                     "--engine", engine, *extra])
        assert result.exit_code == 0, result.output
        outs[engine] = (out.read_bytes(), report.read_bytes())
    assert outs["spark"] == outs["duckdb"]


def test_secondary_suppression_and_dates_alike(spark, tmp_path):
    """Issue 25: the suppression runs once in Python after both engines' counts, so the files
    stay byte-identical where secondary suppression, withheld totals, a start after the run date
    and an end after the observation date all occur."""
    sys.path.insert(0, str(HERE))
    from test_disclosure import careers

    path = careers(tmp_path / "c.csv", 11, 6, 300, 0.4)
    with path.open("a") as f:
        f.write("late,Role 1,2027-02-01,\nearly,Role 2,2003-01-01,2031-01-01\n")
    for options in ({"min_count": 3, "routes": 3}, {"min_count": 5, "skip_bad": True},
                    {"min_count": 5, "as_of": "2009-06", "routes": 2}):
        duck, sparked = both(spark, path, today="2026-12-07", notify=lambda kind, message: None, **options)
        assert_identical(duck, sparked)
    report = duck[1]
    assert report["roles"]["suppressed"] and report["records"]["ends_after_as_of"] >= 1
    assert report["moves"]["suppressed_secondary"] or report["roles"]["leave_share_withheld"]
    with pytest.raises(DataError) as duck_error:
        both(spark, path, today="2026-12-07", strict=True)
    from otgraph.learn.spark import learn_graph_spark

    with pytest.raises(DataError) as spark_error:
        learn_graph_spark(path, spark=spark, today="2026-12-07", strict=True)
    assert spark_error.value.problems == duck_error.value.problems


def test_bad_rows_named_alike(spark):
    from otgraph.learn import learn_graph
    from otgraph.learn.spark import learn_graph_spark

    renamed = "person=emp,role=title,start=from,end=to"
    for name, columns in (("bad-order.csv", None), ("bad-order.csv", renamed), ("bad-date.csv", None)):
        with pytest.raises(DataError) as duck:
            learn_graph(LEARN / name, columns=columns)
        with pytest.raises(DataError) as sparked:
            learn_graph_spark(LEARN / name, columns=columns, spark=spark)
        assert sparked.value.problems == duck.value.problems
        assert getattr(sparked.value, "bad_rows", None) == getattr(duck.value, "bad_rows", None)


def test_spark_submit_smoke(spark, tmp_path):
    """The README's cluster command, on local[2]: the same file as the DuckDB engine writes
    (learned from the issue-19 example, with a duplicate, a side job and a same-role run)."""
    import pyspark

    from otgraph.cli import spark_submit
    from otgraph.learn import learn_graph, write_json

    submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    if not submit.exists():
        submit = Path(shutil.which("spark-submit") or submit)
    out, expected = tmp_path / "learned.json", tmp_path / "expected.json"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    done = subprocess.run([str(submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                           str(Path(spark_submit.__file__)), str(LEARN / "small.csv"), "-o", str(out),
                           "--min-count", "1"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    write_json(learn_graph(LEARN / "small.csv", min_count=1)[0], expected)
    assert out.read_bytes() == expected.read_bytes()


# --- without PySpark ------------------------------------------------------------------------

def test_without_pyspark_engine_spark_exits_2_with_the_install_command(monkeypatch, tmp_path):
    from otgraph.cli import cli
    from otgraph.errors import MissingDependencyError
    from otgraph.learn import spark as engine

    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if PySpark were not installed
    result = CliRunner().invoke(cli, ["learn", str(LEARN / "small.csv"), "-o", str(tmp_path / "o.json"),
                                      "--engine", "spark"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == ["otgraph: error: the Spark engine needs PySpark (and Java 17+), which is "
                                          'not installed: pip install "otgraph[spark]"']
    assert not (tmp_path / "o.json").exists()
    with pytest.raises(MissingDependencyError, match="otgraph"):
        engine.learn_graph_spark(LEARN / "small.csv")


def test_without_java_engine_spark_exits_2_naming_it(monkeypatch, tmp_path):
    from otgraph.cli import cli

    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no java here
    result = CliRunner().invoke(cli, ["learn", str(LEARN / "small.csv"), "-o", str(tmp_path / "o.json"),
                                      "--engine", "spark"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "otgraph: error: the Spark engine needs Java 17+, and none was found (JAVA_HOME is unset and no java is on "
        "the PATH): apt-get install default-jre-headless (or set JAVA_HOME to a Java 17+ installation)"]
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    result = CliRunner().invoke(cli, ["learn", str(LEARN / "small.csv"), "-o", str(tmp_path / "o.json"),
                                      "--engine", "spark", "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stderr)
    assert "with no bin/java" in error["error"] and error["install"].startswith("apt-get install")
    assert not (tmp_path / "o.json").exists()


def test_master_needs_engine_spark(tmp_path):
    from otgraph.cli import cli

    result = CliRunner().invoke(cli, ["learn", str(LEARN / "small.csv"), "-o", str(tmp_path / "o.json"),
                                      "--master", "local[2]"])
    assert result.exit_code == 2 and "--engine spark" in result.output


def test_title_mapping_by_country_alike(spark):
    """--map-to with a country column and overrides (issue 31): the same roles and audit."""
    audit_duck, audit_spark = [], []
    from otgraph.learn import learn_graph
    from otgraph.learn.spark import learn_graph_spark

    options = {"min_count": 3, "map_to": "roles", "today": "2026-12-07",
               "title_overrides": LEARN / "title-overrides.csv"}
    duck = learn_graph(LEARN / "titles.csv", mapping_audit=audit_duck, **options)
    sparked = learn_graph_spark(LEARN / "titles.csv", spark=spark, mapping_audit=audit_spark, **options)
    assert_identical(duck, sparked)
    assert audit_duck == audit_spark and len(audit_duck) == 9


@pytest.mark.parametrize("name", ["missing-end.csv", "renewal-side-job.csv", "side-job-only.csv", "same-role-gap.csv",
                                  "title-spelling.csv", "as-of.csv"])
def test_cleaning_rules_alike(spark, name):
    """Each cleaning rule's example file (issue 31), both readings of a missing end."""
    for missing_end in ("next-start", "open"):
        assert_identical(*both(spark, LEARN / "rules" / name, min_count=1, today="2026-12-07", as_of="2020-01-01",
                               missing_end=missing_end, routes=2 if missing_end == "open" else None))
