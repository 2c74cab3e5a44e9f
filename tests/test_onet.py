import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from otgraph import DataError, check_roles, load_roles, shortest_route
from otgraph.cli import cli
from otgraph.importers.onet import ATTRIBUTION, ZONE_PREPARATION_YEARS, dumps, import_onet
from otgraph.importers.onet_licensing import BACHELORS_ID, NOT_CHECKED, load_table

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "onet-29.3"
TABLE = ROOT / "data" / "onet-licensing.json"
ZONE = "onet-job-zone-"


@pytest.fixture(scope="module")
def onet():
    return import_onet(RAW)


@pytest.fixture(scope="module")
def roles(onet):
    return {r["id"]: r for r in onet["roles"]}


@pytest.fixture(scope="module")
def table():
    return json.loads(TABLE.read_text(encoding="utf-8"))


def _ids(groups):
    return {q for g in groups or [] for q in (g if isinstance(g, list) else [g])}


def _gates(role):
    """A role's requirement groups other than its Job Zone group."""
    return [g for g in role.get("requires", []) if not all(q.startswith(ZONE) for q in _ids([g]))]


def _raw_rows(name):
    with open(RAW / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_counts_match_the_raw_files(onet, table):
    occupations = [r for r in onet["roles"] if "onet_soc" in r]
    assert len(occupations) == len(_raw_rows("Occupation Data.txt")) == 1016
    licensed = [c for c, o in table["occupations"].items() if o["licensed"]]
    routes = [r for r in onet["roles"] if r["id"].startswith("entry:") and not r["id"].startswith("entry:11-")]
    assert sorted(r["id"] for r in routes) == sorted(f"entry:{c}" for c in licensed)
    stages = [r for r in onet["roles"] if r["id"].startswith("entry:11-")]  # management stages (issue 29)
    # and the one bachelor's degree and the OTA bridge's prerequisite coursework
    assert stages and len(onet["roles"]) == 1016 + len(licensed) + len(stages) + 2
    links = {(t["from"], t["to"]) for t in onet["transitions"] if "onet" in t}
    raw = [(r["O*NET-SOC Code"], r["Related O*NET-SOC Code"]) for r in _raw_rows("Related Occupations.txt")]
    assert len(raw) == 18460
    # Every link is kept, with its rank, or, into a licensed occupation, leads into that
    # occupation's entry route instead (keeping its rank).
    assert len(links) == len(raw)
    for a, b in raw:
        assert (a, b) in links or (a, f"entry:{b}") in links
    zones = {r["O*NET-SOC Code"]: int(r["Job Zone"]) for r in _raw_rows("Job Zones.txt")}
    assert {r["id"]: r["level"] for r in onet["roles"] if "level" in r} == zones


def test_every_move_has_the_v2_fields(onet):
    for t in onet["transitions"]:
        assert {"years", "years_min", "years_max", "years_kind", "years_evidence", "awards", "requires"} <= set(t)
        assert not {"qualifications", "years_basis"} & set(t)
        assert t["years_min"] <= t["years"] and (t["years_max"] is None or t["years"] <= t["years_max"])


def test_the_licence_table_matches_the_onet_files(table):
    zones = {r["O*NET-SOC Code"]: int(r["Job Zone"]) for r in _raw_rows("Job Zones.txt")}
    decided = {**table["occupations"], **table["unlicensed_within_two_links"]}
    assert all(code in zones for code in [*decided, *table["not_checked"]])
    assert all(zones[c] == o["job_zone"] for c, o in table["occupations"].items())
    assert not set(decided) & set(table["not_checked"])
    assert all(zones[c] >= 4 for c in table["not_checked"])
    assert load_table(TABLE).licensed  # the importer's reader accepts it


@pytest.mark.parametrize(
    "source, target, tier, index",
    [
        ("29-1122.00", "29-1125.00", "Primary-Short", 4),
        ("29-1122.00", "29-1126.00", "Supplemental", 19),
        ("31-2011.00", "31-2012.00", "Primary-Short", 1),
        ("11-1011.00", "11-1021.00", "Primary-Short", 1),
    ],
)
def test_known_links_keep_tier_and_index(onet, source, target, tier, index):
    (link,) = [t for t in onet["transitions"] if (t["from"], t["to"]) == (source, target)]
    assert link["onet"] == {"tier": tier, "index": index}
    assert link["years_kind"] == "estimate"
    assert {k: v for k, v in link["years_evidence"].items() if k not in ("grade", "note")} == {
        "rule": "job-zone-preparation", "source": "onet-29.3", "locator": "Job Zone Reference.txt"}
    assert link["years_evidence"]["grade"] == ("estimate" if target == "11-1021.00" else "derived")  # unchecked


def test_licensed_occupations_are_entered_through_their_entry_route(onet):
    moves = {(t["from"], t["to"]) for t in onet["transitions"]}
    # OT -> PT is an O*NET link, but a PT licence comes only with the PT entry route
    assert ("29-1122.00", "29-1123.00") not in moves
    assert ("29-1122.00", "entry:29-1123.00") in moves and ("entry:29-1123.00", "29-1123.00") in moves


def test_roles_carry_zone_title_and_reported_titles(onet):
    roles = {r["id"]: r for r in onet["roles"]}
    ot = roles["29-1122.00"]
    assert ot["title"] == "Occupational Therapists" and ot["level"] == 5 and ot["onet_soc"] == "29-1122.00"
    assert "Registered Occupational Therapist (OTR)" in ot["reported_titles"] and not ot.get("aliases")
    assert roles["31-2011.00"]["level"] == 3
    assert ot["track"] == "29 Healthcare Practitioners and Technical"


@pytest.mark.parametrize(
    "source, target, years, low, high, awards",
    [
        ("31-9099.01", "29-1122.01", 3.5, 2.0, None, ["onet-job-zone-5"]),  # zone 3 -> 5: 5 - 1.5; SVP 4+ - 2
        ("31-2011.00", "29-1125.00", 1.5, 0.0, 3.0, ["onet-job-zone-4"]),  # zone 3 -> 4
        ("29-1122.00", "29-1126.00", 0.25, 0.25, 0.25, []),  # down a zone
        ("31-2011.00", "31-2012.00", 0.25, 0.25, 0.25, []),  # down a zone
    ],
)
def test_years_rule(onet, source, target, years, low, high, awards):
    (link,) = [t for t in onet["transitions"] if (t["from"], t["to"]) == (source, target)]
    assert (link["years"], link["years_min"], link["years_max"], link["awards"]) == (years, low, high, awards)


def test_zone_gates(onet, roles):
    assert roles["11-9111.00"]["requires"] == [["onet-job-zone-4", "onet-job-zone-5"], "management-experience"]
    assert roles["11-9111.00"]["requires_evidence"][0]["grade"] == "derived"
    assert roles["29-1122.01"]["requires"] == ["onet-job-zone-5"]
    # a move up a zone awards that zone's preparation, and nothing else does
    for t in onet["transitions"]:
        zones = [q for q in t["awards"] if q.startswith(ZONE)]
        if "onet" in t and zones:
            target = roles[t["to"].removeprefix("entry:")]  # a management stage: its occupation's zone
            a, b = roles[t["from"]].get("level"), target["level"]
            assert zones == [f"{ZONE}{b}"] and (a is None or a < b)
            if a is not None and not t["to"].startswith("entry:11-") and not target["title"].startswith("First-Line"):
                assert t["years"] == round(ZONE_PREPARATION_YEARS[b] - ZONE_PREPARATION_YEARS[a], 2)


def test_physical_therapists_need_a_dpt_npte_and_licence(onet, roles):
    assert _gates(roles["29-1123.00"]) == ["us-dpt", "npte-pt", "us-pt-licence", "us-bachelors-degree"]
    for q in ("us-dpt", "npte-pt", "us-pt-licence"):
        awarding = [(t["from"], t["to"]) for t in onet["transitions"] if q in t["awards"]]
        assert awarding == [("entry:29-1123.00", "29-1123.00")]
    (route,) = [t for t in onet["transitions"] if t["from"] == "entry:29-1123.00"]
    assert route["years"] >= 2.5 and route["years_kind"] == "source-range"
    assert route["years_evidence"]["grade"] == "sourced"
    assert route["years_evidence"]["source"] == "bls-ooh-physical-therapists"
    assert roles["entry:29-1123.00"]["kind"] == "education"
    assert roles["entry:29-1123.00"]["requires"] == ["us-bachelors-degree"]
    # everyone O*NET relates to PTs may start the route; the bachelor's degree leads to it too
    into = {t["from"] for t in onet["transitions"] if t["to"] == "entry:29-1123.00"}
    related = {r["O*NET-SOC Code"] for r in _raw_rows("Related Occupations.txt")
               if r["Related O*NET-SOC Code"] == "29-1123.00"}
    assert into == related | {BACHELORS_ID}


def test_only_its_own_entry_route_awards_a_licence(onet, table):
    for occ in table["occupations"].values():
        if not occ["licensed"]:
            continue
        awarding = {t["from"] for t in onet["transitions"] if occ["licence"]["id"] in t["awards"]}
        sharing = {c for c, o in table["occupations"].items()
                   if o["licensed"] and o["licence"]["id"] == occ["licence"]["id"]}
        assert awarding == {f"entry:{c}" for c in sharing}


def test_unlicensed_codes_carry_no_licence(roles):
    assert _gates(roles["29-1129.01"]) == []  # art therapists
    assert _gates(roles["29-1129.02"]) == []  # music therapists
    assert _gates(roles["29-1122.01"]) == []  # low vision / O&M specialists are not OTs
    assert _gates(roles["29-1125.00"]) == []  # recreational therapists: licensed in a few states only
    assert "entry:29-1122.01" not in roles


def test_ot_and_ota_use_the_curated_ids(roles):
    assert _gates(roles["29-1122.00"])[:3] == [["us-mot", "us-otd"], "nbcot-otr", "us-state-ot-licence"]
    assert _gates(roles["31-2011.00"]) == ["us-ota-associate-degree", "nbcot-cota", "us-state-ota-licence"]
    curated = {q["id"] for q in json.loads((ROOT / "data" / "roles.json").read_text())["qualifications"]}
    assert {"us-mot", "us-otd", "nbcot-otr", "us-state-ot-licence", "us-ota-associate-degree", "nbcot-cota",
            "us-state-ota-licence", "us-bachelors-degree"} <= curated


@pytest.mark.parametrize("code, degree, licence", [
    ("29-1141.02", "us-pmh-aprn-graduate", "us-aprn-pmh"),
    ("29-1141.04", "us-cns-graduate", "us-aprn-cns"),
    ("29-1171.00", "us-np-graduate", "us-aprn-np"),
])
def test_advanced_practice_nurses_need_the_rn_licence_and_a_graduate_degree(roles, code, degree, licence):
    gates = _ids(_gates(roles[code]))
    assert {"us-rn-licence", degree, licence} <= gates
    assert "us-rn-licence" in _ids(roles[f"entry:{code}"]["requires"])
    assert _gates(roles["29-1141.00"]) == ["us-rn-prelicensure", "nclex-rn", "us-rn-licence"]


def test_unchecked_zone_4_5_occupations_say_licence_not_checked(onet, roles, table):
    decided = set(table["occupations"]) | set(table["unlicensed_within_two_links"])
    for t in onet["transitions"]:
        if "onet" not in t or t["to"].startswith("entry:"):
            continue
        target = roles[t["to"]]
        unchecked = target.get("level", 0) >= 4 and t["to"] not in decided
        assert (t.get("note") == NOT_CHECKED) == unchecked
        assert (t["years_evidence"]["grade"] == "estimate") == (unchecked or "level" not in roles[t["from"]])
    assert "13-2011.00" not in decided and roles["13-2011.00"]["level"] == 4  # accountants: outside the table
    into = [t for t in onet["transitions"] if t["to"] == "13-2011.00" and "onet" in t]
    assert into and all(t["note"] == NOT_CHECKED for t in into)
    assert "11-9111.00" in table["not_checked"]
    assert all(t.get("note") == NOT_CHECKED for t in onet["transitions"] if t["to"] == "11-9111.00")
    assert not any(t.get("note") == NOT_CHECKED for t in onet["transitions"] if t["to"] == "29-1125.00")


def test_one_bachelors_node(onet, roles):
    assert [r for r in roles if "bachelor" in r] == [BACHELORS_ID]
    into = [t for t in onet["transitions"] if t["to"] == BACHELORS_ID]
    assert all(t["awards"] == ["us-bachelors-degree"] and t["years"] == 4 for t in into)
    assert {t["from"] for t in into} >= {"31-2011.00", "31-2012.00", "11-9111.00"}
    assert "29-1122.00" in {t["from"] for t in into}  # a bridge OT may not hold one (issue 29)
    assert "29-1123.00" not in {t["from"] for t in into}  # a PT holds one


def test_output_validates_and_records_source(onet):
    assert check_roles(json.loads(dumps(onet))) == []
    data = json.loads(dumps(onet))
    known = {q["id"] for q in data["qualifications"]}
    assert all(_ids(r.get("requires")) <= known for r in data["roles"])
    assert all(set(t["awards"]) <= known for t in data["transitions"])
    assert "imported" in onet["meta"] and "licence table" in onet["meta"]["requires"]
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
    # 6 occupations, 4 entry routes (OT, PT, OTA, PTA) and the bachelor's degree; 21 links (those into a
    # licensed occupation lead into its entry route), 4 route moves, 4 into the bachelor's degree (OT's
    # code does not require one: its bridge admits COTAs without one) and 2 out, and the OTA bridge's
    # prerequisite coursework stage with its move in and out
    assert len(data["roles"]) == 12 and len(data["transitions"]) == 33
    assert sum("onet" in t for t in data["transitions"]) == 21
    by_id = {r["id"]: r for r in data["roles"]}
    assert "level" not in by_id["31-2021.00"]
    assert by_id["31-2021.00"]["requires"] == ["us-pta-associate", "npte-pta", "us-pta-licence"]
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0


def test_missing_licence_table_is_named(tmp_path, data_dir):
    with pytest.raises(DataError, match="nope.json: missing: the O.NET importer needs the licence table"):
        import_onet(data_dir / "onet-mini", tmp_path / "nope.json")


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
    related = [line for line in result.output.splitlines() if line.startswith("  -> ") and "[O*NET" in line]
    assert related[0].startswith("  -> Occupational Therapy Assistants entry route (entry:31-2011.00)")
    assert related[0].endswith("[O*NET Primary-Short #1]")
    assert related[1].startswith("  -> Physical Therapists entry route (entry:29-1123.00)")


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
    curated = shortest_route(load_roles("roles").graph, "us-entry-ot", "us-senior-ot")
    assert shortest_route(G, "us-entry-ot", "us-senior-ot").total_years == curated.total_years


# --- routes under the gated search (the lead's code) --------------------------------------



@pytest.fixture(scope="module")
def onet_graph():
    return load_roles("onet").graph


def test_route_ot_to_pt_takes_the_dpt(onet_graph):
    route = shortest_route(onet_graph, "29-1122.00", "29-1123.00")
    assert route.total_years >= 2.5
    assert "entry:29-1123.00" in route.roles


def test_route_into_a_licensed_occupation_goes_through_its_entry_route(onet_graph):
    for source, target in [("31-2012.00", "29-1122.00"), ("29-1123.00", "29-1122.00"), ("31-2011.00", "29-1123.00")]:
        route = shortest_route(onet_graph, source, target)
        assert route.roles[-2] == f"entry:{target}"
    assert shortest_route(onet_graph, "31-2011.00", "29-1123.00").total_years >= 4 + 3  # bachelor's, then DPT


def test_route_to_an_unlicensed_neighbour_needs_no_entry_route(onet_graph):
    route = shortest_route(onet_graph, "29-1122.00", "29-1122.01")
    assert route.roles == ("29-1122.00", "29-1122.01")


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


def test_reach_on_onet_lists_no_stage(onet_graph):
    from otgraph.reachability import reach

    found = reach(onet_graph, "29-1122.00", within_years=1)
    assert found and not [r["role"] for r in found if onet_graph.nodes[r["role"]]["kind"] == "education"]


# --- derived rules: management experience, first-line supervisors (issue 29) ---------------

def test_derived_rules_table_is_printed_in_the_docs():
    from otgraph.importers.onet_rules import DERIVED_RULES, rules_table

    assert rules_table() in (ROOT / "docs" / "onet-rules.md").read_text(encoding="utf-8")
    assert {r["rule"] for r in DERIVED_RULES} >= {"job-zone-preparation", "svp-lower-bound",
                                                   "management-experience", "first-line-supervisor"}


@pytest.mark.parametrize(("target", "least"), [("Medical and Health Services Managers", 2), ("Chief Executives", 4)])
def test_a_management_occupation_takes_its_zones_experience(onet_graph, target, least):
    route = shortest_route(onet_graph, "Occupational Therapists", target)
    assert route.total_years >= least
    assert any(r.startswith("entry:11-") for r in route.roles)


def test_management_occupations_require_the_experience_only_their_stage_awards(onet, roles):
    for code, role in roles.items():
        if code.startswith("11-"):
            assert "management-experience" in role["requires"]
    for move in onet["transitions"]:
        a, b = move["from"], move["to"]
        if b.startswith("11-") and not a.startswith("11-") and not roles[a]["title"].startswith("First-Line"):
            assert a == f"entry:{b}" and "management-experience" in move["awards"], (a, b)
        if a.startswith("entry:11-"):
            assert move["years"] == 0
        if b.startswith("entry:11-"):
            zone = roles[b[len("entry:"):]].get("level", 4)
            assert move["years"] >= {2: 0.25, 3: 1, 4: 2, 5: 4}[zone]
            assert move["years_evidence"]["rule"] == "management-experience"


def test_first_line_supervisors_cost_their_zone_and_award_the_experience(onet, roles):
    checked = 0
    for move in onet["transitions"]:
        a, b = roles.get(move["from"]), roles.get(move["to"])
        if b and b["title"].startswith("First-Line Supervisors") and "level" in b:
            assert move["years"] >= {1: 0, 2: 0.25, 3: 1, 4: 2}[b["level"]]
            checked += 1
        if a and a["title"].startswith("First-Line Supervisors") and "onet" in move:
            assert "management-experience" in move["awards"]
    assert checked


def test_management_experience_is_one_id_in_both_datasets(onet):
    curated = json.loads((ROOT / "data" / "roles.json").read_text(encoding="utf-8"))
    assert "management-experience" in {q["id"] for q in curated["qualifications"]}
    assert "management-experience" in {q["id"] for q in onet["qualifications"]}
    awarded = {(t["from"], t["to"]) for t in curated["transitions"] if "management-experience" in t["awards"]}
    assert ("us-lead-ot", "us-rehab-services-manager") in awarded


# --- entry routes from one table (issue 29) ------------------------------------------------

def test_entry_table_agrees_with_the_curated_moves():
    from otgraph.importers.ot_entry import EntryTable, load_entry_table

    table = load_entry_table()
    curated = json.loads((ROOT / "data" / "roles.json").read_text(encoding="utf-8"))
    moves = {(t["from"], t["to"]): t for t in curated["transitions"]}
    for name, step in table.steps.items():
        assert step["curated"], name
        for a, b in step["curated"]:
            assert EntryTable.figures(moves[a, b]) == EntryTable.figures(step), (name, a, b)


def test_onet_ot_and_ota_entry_routes_carry_the_tables_steps(onet, roles):
    from otgraph.importers.ot_entry import EntryTable, load_entry_table

    steps = load_entry_table().steps
    moves = {(t["from"], t["to"]): t for t in onet["transitions"]}
    assert {k: v for k, v in moves["entry:29-1122.00", "29-1122.00"].items() if k in EntryTable.figures(
        steps["ot-exam-and-licence"])} == EntryTable.figures(steps["ot-exam-and-licence"]) | {
        "awards": [*steps["ot-exam-and-licence"]["awards"], "onet-job-zone-5"]}
    mot = moves[BACHELORS_ID, "entry:29-1122.00"]
    assert mot["years"] == steps["mot"]["years"] and mot["requires"] == ["us-bachelors-degree"]
    assert "us-bachelors-degree" not in _ids(roles["29-1122.00"]["requires"])
    assert "requires" not in roles["entry:29-1122.00"]
    bridge = moves["31-2011.00", "entry:29-1122.00"]
    assert (bridge["years"], bridge["years_max"], bridge["awards"]) == (
        steps["cota-to-ot-bridge"]["years"], steps["cota-to-ot-bridge"]["years_max"],
        steps["cota-to-ot-bridge"]["awards"])
    assert moves["entry:31-2011.00", "31-2011.00"]["years"] == steps["ota-exam-and-licence"]["years"]


def test_ota_to_ot_takes_the_bridge_master_exam_and_licence(onet_graph):
    route = shortest_route(onet_graph, "Occupational Therapy Assistants", "Occupational Therapists")
    assert route.total_years <= 4.5
    assert route.roles == ("31-2011.00", "edu:us-ota-bridge-credits", "entry:29-1122.00", "29-1122.00")
    assert {"us-mot", "nbcot-otr", "us-state-ot-licence"} <= set(route.qualifications)


def test_merged_school_to_ot_is_no_shorter_than_curated():
    merged = load_roles(["roles", "onet"]).graph
    curated = load_roles().graph
    a, b = "edu-us-high-school", "us-entry-ot"
    assert shortest_route(merged, a, b).total_years >= shortest_route(curated, a, b).total_years == 5


# --- bridge prerequisites (issue 29) -------------------------------------------------------

def test_the_bridge_needs_credits_or_a_bachelors(onet):
    moves = {(t["from"], t["to"]): t for t in onet["transitions"]}
    bridge = moves["31-2011.00", "entry:29-1122.00"]
    assert bridge["requires"] == [["us-ota-bridge-credits", "us-bachelors-degree"]]
    assert bridge["condition"]["served_years"] == 1
    assert moves["31-2011.00", "edu:us-ota-bridge-credits"]["awards"] == ["us-ota-bridge-credits"]


def test_every_broken_licence_entry_is_named(tmp_path):
    # each occupation's problems are its own: a first bad entry does not hide a later one's
    from otgraph.importers.onet_licensing import load_table
    from otgraph.read import data_dir

    table = json.loads((data_dir() / "onet-licensing.json").read_text(encoding="utf-8"))
    licensed = [c for c, o in table["occupations"].items() if o.get("licensed")]
    del table["occupations"][licensed[0]]["exam"]
    table["occupations"][licensed[1]]["evidence"]["source"] = "nowhere"
    path = tmp_path / "licensing.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_table(path)
    assert f"occupations.{licensed[0]}.exam: missing" in err.value.problems
    assert f'occupations.{licensed[1]}.evidence.source: unknown source "nowhere"' in err.value.problems
    path.write_text("[1]", encoding="utf-8")
    with pytest.raises(DataError, match="licensing.json: expected a JSON object"):
        load_table(path)
