import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from otgraph import DataError, check_roles, load_roles, shortest_route
from otgraph.cli import cli
from otgraph.importers.onet import ATTRIBUTION, dumps, import_onet

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "onet-29.3"


@pytest.fixture(scope="module")
def onet():
    return import_onet(RAW)


def _raw_rows(name):
    with open(RAW / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_counts_match_the_raw_files(onet):
    assert len(onet["roles"]) == len(_raw_rows("Occupation Data.txt")) == 1016
    assert len(onet["transitions"]) == len(_raw_rows("Related Occupations.txt")) == 18460
    zones = {r["O*NET-SOC Code"]: int(r["Job Zone"]) for r in _raw_rows("Job Zones.txt")}
    assert {r["id"]: r["level"] for r in onet["roles"] if "level" in r} == zones


@pytest.mark.parametrize(
    "source, target, tier, index",
    [
        ("29-1122.00", "31-2011.00", "Primary-Short", 1),
        ("29-1122.00", "29-1123.00", "Primary-Short", 2),
        ("29-1122.00", "29-1229.04", "Primary-Short", 5),
        ("19-3033.00", "29-1122.00", "Supplemental", 15),
        ("11-1011.00", "11-1021.00", "Primary-Short", 1),
    ],
)
def test_known_links_keep_tier_and_index(onet, source, target, tier, index):
    (link,) = [t for t in onet["transitions"] if (t["from"], t["to"]) == (source, target)]
    assert link["onet"] == {"tier": tier, "index": index}
    assert link["years_basis"] == "estimate"


def test_roles_carry_zone_title_and_reported_titles(onet):
    roles = {r["id"]: r for r in onet["roles"]}
    ot = roles["29-1122.00"]
    assert ot["title"] == "Occupational Therapists" and ot["level"] == 5 and ot["onet_soc"] == "29-1122.00"
    assert "Registered Occupational Therapist (OTR)" in ot["aliases"]
    assert roles["31-2011.00"]["level"] == 3
    assert ot["track"] == "29 Healthcare Practitioners and Technical"


@pytest.mark.parametrize(
    "source, target, years, quals",
    [
        ("31-2011.00", "29-1122.00", 3.5, ["onet-job-zone-5"]),  # zone 3 -> 5: 5 - 1.5
        ("29-1122.00", "31-2011.00", 0.25, []),  # down a zone
        ("29-1122.00", "29-1123.00", 0.25, []),  # same zone
    ],
)
def test_years_rule(onet, source, target, years, quals):
    (link,) = [t for t in onet["transitions"] if (t["from"], t["to"]) == (source, target)]
    assert (link["years"], link["qualifications"]) == (years, quals)


def test_output_validates_and_records_source(onet):
    assert check_roles(json.loads(dumps(onet))) == []
    assert onet["meta"]["attribution"] == ATTRIBUTION and "CC BY 4.0" in ATTRIBUTION
    assert "O*NET gives no time or qualifications" in onet["meta"]["years"]


def test_import_is_deterministic_and_matches_the_packaged_file(onet):
    text = dumps(onet)
    assert dumps(import_onet(RAW)) == text
    assert (ROOT / "data" / "onet.json").read_text(encoding="utf-8") == text


def test_cli_import_writes_the_file(tmp_path, data_dir):
    out = tmp_path / "mini.json"
    result = CliRunner().invoke(cli, ["import", "onet", str(data_dir / "onet-mini"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert len(data["roles"]) == 6 and len(data["transitions"]) == 21
    assert "level" not in {r["id"]: r for r in data["roles"]}["31-2021.00"]
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0


def _broken(tmp_path, data_dir, name, edit):
    folder = tmp_path / "onet"
    shutil.copytree(data_dir / "onet-mini", folder)
    path = folder / name
    if edit is None:
        path.unlink()
    else:
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "name, edit, message",
    [
        ("Job Zones.txt", None, "Job Zones.txt: missing"),
        ("Occupation Data.txt", lambda t: t.replace("O*NET-SOC Code\tTitle", "Code\tTitle", 1),
         "Occupation Data.txt: line 1: expected the header O*NET-SOC Code | Title | Description"),
        ("Related Occupations.txt", lambda t: t.replace("29-1123.00\tPhysical Therapists\tPrimary-Short\t2",
                                                        "29-9999.00\tPhysical Therapists\tPrimary-Short\t2", 1),
         "Related Occupations.txt: line 4: link to unknown O*NET-SOC code 29-9999.00"),
        ("Job Zones.txt", lambda t: t.replace("\t5\t", "\t7\t", 1),
         "Job Zones.txt: line 3: job zone must be 1-5, not '7'"),
        ("Related Occupations.txt", lambda t: t.replace("Primary-Short", "Primary-Medium", 1),
         "line 3: relatedness tier must be one of"),
        ("Occupation Data.txt", lambda t: t.replace("\t", " ", 2), "line 1: expected the header"),
        ("Sample of Reported Titles.txt", lambda t: t + "29-1122.00\tonly two fields\n", "expected 4 tab-separated"),
    ],
)
def test_broken_input_names_file_and_line(tmp_path, data_dir, name, edit, message):
    folder = _broken(tmp_path, data_dir, name, edit)
    with pytest.raises(DataError) as err:
        import_onet(folder)
    assert message in str(err.value)
    result = CliRunner().invoke(cli, ["import", "onet", str(folder), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "out.json").exists()


# --- the packaged O*NET graph and the merged graph ----------------------------------------

def test_packaged_onet_works_out_of_the_box():
    result = CliRunner().invoke(cli, ["--data", "onet", "show", "29-1122.00"])
    assert result.exit_code == 0
    related = [line for line in result.output.splitlines() if line.startswith("  -> ")]
    assert related[0].startswith("  -> Occupational Therapy Assistants (31-2011.00)")
    assert related[0].endswith("[O*NET Primary-Short #1]")
    assert related[1].startswith("  -> Physical Therapists (29-1123.00)")


def test_merged_route_from_our_ladder_into_onet():
    cg = load_roles(["roles", "onet"])
    route = shortest_route(cg.graph, cg.find("Senior Occupational Therapist"),
                           cg.find("Medical and Health Services Managers"))
    assert route.roles[:2] == ("us-senior-ot", "29-1122.00")
    assert route.roles[-1] == "11-9111.00"


def test_merge_links_enter_a_ladder_at_its_first_rung():
    G = load_roles(["roles", "onet"]).graph
    assert G.has_edge("us-senior-ot", "29-1122.00") and G.has_edge("us-entry-ot", "29-1122.00")
    assert G.has_edge("29-1122.00", "us-entry-ot") and not G.has_edge("29-1122.00", "us-senior-ot")
    assert G.has_edge("31-2011.00", "us-cota")
    # no shortcut up the ladder through O*NET
    assert shortest_route(G, "us-entry-ot", "us-senior-ot").total_years == 5


def test_merge_rejects_a_role_id_in_two_files(tmp_path, data_dir):
    with pytest.raises(DataError, match='role id "a" is also in'):
        load_roles([data_dir / "tiny.json", data_dir / "tiny.json"])


def test_cli_merged_routes():
    result = CliRunner().invoke(cli, ["--data", "roles", "--data", "onet", "routes", "Senior Occupational Therapist",
                                      "Medical and Health Services Managers", "-k", "2", "--json"])
    assert result.exit_code == 0, result.output
    routes = json.loads(result.output)
    assert len(routes) == 2 and all(r["roles"][-1]["id"] == "11-9111.00" for r in routes)


@pytest.mark.parametrize("command", [["reach", "29-1122.00", "--within-years", "0.5"], ["stats", "--json"],
                                     ["routes", "29-1122.00", "11-9111.00", "--pareto"],
                                     ["path", "29-1122.00", "11-9111.00", "--track", "29 Healthcare Practitioners "
                                      "and Technical"]])
def test_commands_work_on_onet(command):
    result = CliRunner().invoke(cli, ["--data", "onet", *command])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
