"""Merging datasets: curated requirements survive O*NET links, link moves in the version-2 shape,
shared qualification ids, and learned overlays."""

import copy
import json
from pathlib import Path

import pytest

from otgraph import DataError
from otgraph.merge import MERGE_EVIDENCE, MERGE_SOURCE, merge_roles

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"


def _read(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def curated():
    return _read(ROOT / "data" / "roles.json")


@pytest.fixture(scope="module")
def onet():
    return _read(ROOT / "data" / "onet.json")


@pytest.fixture(scope="module")
def merged(curated, onet):
    return merge_roles([("roles.json", curated), ("onet.json", onet)])


def _roles(data):
    return {r["id"]: r for r in data["roles"]}


def _ids(groups):
    return {q for g in groups or [] for q in (g if isinstance(g, list) else [g])}


# --- O*NET links ----------------------------------------------------------------------------

def test_curated_roles_keep_their_requirements(curated, merged):
    before, after = _roles(curated), _roles(merged)
    for rid, role in before.items():
        assert after[rid].get("requires") == role.get("requires"), rid
        assert after[rid] == role  # untouched


def test_linked_occupations_carry_only_their_own_requirements(merged):
    roles = _roles(merged)
    ot_gates = {"nbcot-otr", "us-state-ot-licence"}
    # broad codes linked to curated OT roles get nothing of OT's
    assert roles["11-9111.00"]["requires"] == [["onet-job-zone-4", "onet-job-zone-5"], "management-experience"]
    assert not _ids(roles["25-1071.00"]["requires"]) & ot_gates
    # OT's own code carries OT's requirements; the shared group takes the curated alternatives
    assert roles["29-1122.00"]["requires"][:3] == [["us-mot", "us-otd", "nbcot-oted"], "nbcot-otr",
                                                   "us-state-ot-licence"]
    assert roles["31-2011.00"]["requires"][:3] == ["us-ota-associate-degree", "nbcot-cota", "us-state-ota-licence"]
    assert len(roles["29-1122.00"]["requires_evidence"]) == len(roles["29-1122.00"]["requires"])


def test_link_moves_have_the_v2_shape(merged):
    links = [t for t in merged["transitions"] if t.get("sources") == [MERGE_SOURCE]]
    assert links
    for t in links:
        assert (t["years"], t["years_min"], t["years_max"], t["years_kind"]) == (0, 0, 0, "estimate")
        assert t["years_evidence"] == MERGE_EVIDENCE == {"grade": "derived", "rule": "same-onet-code",
                                                         "source": MERGE_SOURCE, "locator": "otgraph merge rule"}
        assert "qualifications" not in t and "years_basis" not in t and t["requires"] == []
    by_pair = {(t["from"], t["to"]): t for t in links}
    # into the occupation: its background (Job Zone preparation, prior degree), never a licence
    assert by_pair["us-entry-ot", "29-1122.00"]["awards"] == ["onet-job-zone-5"]  # a bridge OT has no bachelor's
    assert by_pair["us-rehab-services-manager", "11-9111.00"]["awards"] == ["onet-job-zone-4", "management-experience"]
    assert by_pair["us-cota", "31-2011.00"]["awards"] == ["onet-job-zone-3"]
    assert by_pair["29-1122.00", "us-entry-ot"]["awards"] == []
    licences = {"us-state-ot-licence", "us-state-ota-licence", "nbcot-otr", "nbcot-cota", "us-mot"}
    assert not any(set(t["awards"]) & licences for t in links)
    # entered at the first rung only
    assert ("29-1122.00", "us-senior-ot") not in by_pair


def test_merged_data_validates(merged):
    from otgraph import check_roles

    assert check_roles(merged) == []


def test_merge_does_not_change_its_inputs(curated, onet):
    a, b = copy.deepcopy(curated), copy.deepcopy(onet)
    merge_roles([("roles.json", a), ("onet.json", b)])
    assert a == curated and b == onet


# --- shared qualification ids -------------------------------------------------------------

def _tiny(name, **meta):
    return {"meta": {"name": name, **meta}, "sources": {},
            "qualifications": [{"id": "q", "title": f"Q from {name}"}],
            "roles": [{"id": f"r-{name}", "title": name}], "transitions": []}


def test_the_curated_entry_of_a_shared_qualification_wins_over_an_import():
    for order in (1, -1):
        files = [("curated.json", _tiny("curated")), ("import.json", _tiny("import", imported="otgraph import"))]
        merged = merge_roles(files[::order])
        assert merged["qualifications"] == [{"id": "q", "title": "Q from curated"}]


def test_the_curated_ot_qualifications_replace_the_onet_ones(curated, merged):
    mine = {q["id"]: q for q in curated["qualifications"]}
    theirs = {q["id"]: q for q in merged["qualifications"]}
    for qid in ("us-mot", "us-otd", "nbcot-otr", "us-state-ot-licence", "us-bachelors-degree"):
        assert theirs[qid] == mine[qid]


def test_two_hand_written_contents_for_one_qualification_are_an_error():
    with pytest.raises(DataError, match='qualification "q" differs from the one in a.json'):
        merge_roles([("a.json", _tiny("a")), ("b.json", _tiny("b"))])


# --- learned overlays ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny():
    return _read(DATA / "tiny.json")


@pytest.fixture(scope="module")
def learned():
    return _read(DATA / "learned-overlay.json")


@pytest.mark.parametrize("order", [1, -1])
def test_a_learned_file_overlays_the_curated_roles(tiny, learned, order):
    files = [("tiny.json", tiny), ("learned.json", learned)][::order]
    merged = merge_roles(files)
    roles = _roles(merged)
    assert sorted(roles) == ["a", "b", "c", "d", "e", "f", "z"]
    curated_a = _roles(tiny)["a"]
    assert roles["a"]["title"] == curated_a["title"] == "Alpha Worker"  # curated fields win
    assert {k: v for k, v in roles["a"].items() if k not in ("observed", "sources")} == \
        {k: v for k, v in curated_a.items() if k != "sources"}
    assert roles["a"]["observed"] == _roles(learned)["a"]["observed"]
    assert roles["a"]["sources"] == ["s1", "otgraph-learn"]
    assert roles["z"] == _roles(learned)["z"]  # a learned role the curated data lacks: as it is
    moves = {(t["from"], t["to"]): t for t in merged["transitions"]}
    assert len(merged["transitions"]) == len(tiny["transitions"]) + 1
    ab = moves["a", "b"]
    assert ab["years"] == 1 and ab["qualifications"] == ["q1"]  # the curated move wins...
    assert ab["observed"] == {"count": 12, "people": 12, "share": 0.6, "gap_median": 0.1,  # ...and gains observed,
                              "years_quartiles": [1.2, 1.8, 2.6], "n": 12}  # the learned years kept (issue 31)
    assert "years_kind" not in ab
    assert moves["b", "z"] == learned["transitions"][1]  # a learned move the curated data lacks: as it is
    assert merged["meta"]["learned"] == ["learned.json"]


def test_a_learned_overlay_loads_and_builds_a_graph(data_dir):
    from otgraph import load_roles

    G = load_roles([data_dir / "tiny.json", data_dir / "learned-overlay.json"]).graph
    assert G.nodes["a"]["title"] == "Alpha Worker"
    assert G.has_edge("b", "z") and G.has_edge("a", "b")


def test_without_the_learned_marker_a_repeated_id_is_an_error(tiny, learned):
    unmarked = copy.deepcopy(learned)
    del unmarked["meta"]["learned"]
    with pytest.raises(DataError, match='role id "a" is also in tiny.json'):
        merge_roles([("tiny.json", tiny), ("unmarked.json", unmarked)])


def test_two_curated_files_still_clash(tiny):
    with pytest.raises(DataError, match='role id "a" is also in'):
        merge_roles([("tiny.json", tiny), ("again.json", tiny)])


def test_an_overlaid_move_shows_the_curated_and_the_observed_years(data_dir, tmp_path):
    """show, path and the map give both figures of a curated move with learned years (issue 31)."""
    from click.testing import CliRunner

    from otgraph.cli import cli

    data = ["--data", str(data_dir / "tiny.json"), "--data", str(data_dir / "learned-overlay.json")]
    shown = CliRunner().invoke(cli, [*data, "show", "a"])
    assert shown.exit_code == 0, shown.output
    assert "-> Beta Worker (b)  1 yr sourced; observed 1.8 yr (1.2-2.6), n=12" in shown.output
    path = CliRunner().invoke(cli, [*data, "path", "a", "b"])
    assert path.exit_code == 0 and "observed 1.8 yr (1.2-2.6), n=12 (in career records)" in path.output
    from otgraph import load_roles
    from otgraph.export.html import page_data

    moves = page_data(load_roles([data_dir / "tiny.json", data_dir / "learned-overlay.json"]).graph)["moves"]
    assert [m["observed"] for m in moves if "observed" in m] == ["observed 1.8 yr (1.2-2.6), n=12"]


def test_merged_routes_never_undercut_the_curated_ones():
    """For every pair of curated roles with a curated route, the merged data's best total is at
    least the curated one, unless data/merge-exceptions.json lists the pair (one gated
    single-source search per curated role on each graph)."""
    from otgraph import load_roles
    from otgraph.routes import route_tree

    listed = json.loads((ROOT / "data" / "merge-exceptions.json").read_text(encoding="utf-8"))["exceptions"]
    allowed = {(e["from"], e["to"]) for e in listed}
    curated, merged = load_roles().graph, load_roles(["roles", "onet"]).graph
    undercut = []
    for source in curated:
        want, _ = route_tree(curated, source)
        got, paths = route_tree(merged, source, cutoff=max(want.values()))
        undercut += [(source, t, c, got[t], paths[t]) for t, c in want.items()
                     if t != source and got.get(t, c) < c - 1e-9 and (source, t) not in allowed]
    assert undercut == []
