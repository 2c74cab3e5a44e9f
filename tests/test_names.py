"""Names people use (issue 28): band phrases, synonyms, abbreviations, neighbouring professions,
O*NET reported titles, misspellings and nonsense, each with the answer it must get
(tests/data/everyday_names.json); the same band parser for ``learn --map-to``; and every
command that takes a role accepting the same names.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import otgraph
from otgraph.bands import band_codes, band_matches, parse_band
from otgraph.cli import cli
from otgraph.errors import AmbiguousRoleError, UnknownRoleError
from otgraph.learn.mapping import load_target, map_titles
from otgraph.names import find_role, normalize_name

FIXTURE = json.loads((Path(__file__).parent / "data" / "everyday_names.json").read_text(encoding="utf-8"))
ROWS = [(category, row) for category, rows in FIXTURE["categories"].items() for row in rows]


@cache
def graph(data: str) -> nx.DiGraph:
    return otgraph.load_roles(data.split("+") if "+" in data else data).graph


def test_the_fixture_is_large_enough():
    assert len({normalize_name(row["name"]) for _, row in ROWS}) >= 80
    assert all(len(rows) >= 8 for rows in FIXTURE["categories"].values())
    assert len(FIXTURE["categories"]) == 8


def _outcome(G: nx.DiGraph, name: str) -> tuple[str, object, str]:
    try:
        return "role", find_role(G, name), ""
    except AmbiguousRoleError as exc:
        return "ambiguous", [c["id"] for c in exc.candidates], str(exc)
    except UnknownRoleError as exc:
        return "unknown", [c["id"] for c in exc.candidates], str(exc)


@pytest.mark.parametrize("category, row", ROWS, ids=[f"{c}:{r['data']}:{r['name']}" for c, r in ROWS])
def test_everyday_name(category, row):
    G = graph(row["data"])
    kind, found, message = _outcome(G, row["name"])
    expect = row["expect"]
    if "role" in expect:
        assert (kind, found) == ("role", expect["role"]), message
    elif "ambiguous" in expect:
        assert kind == "ambiguous", (kind, found)
        assert (sorted(found) == expect["ambiguous"]) if expect["exactly"] else set(expect["ambiguous"]) <= set(found)
        assert "\n" not in message
    elif "pointer" in expect:
        pointer = expect["pointer"]
        assert kind == "unknown" and "not a role in this data" in message, message
        assert pointer["onet"] in message and "\n" not in message
        assert found == ([pointer["nearest"]] if pointer["nearest"] else [])
    else:
        assert kind == "unknown" and "not a role in this data" not in message, (kind, found)
        assert (found[:1] == [expect["unknown"]]) if expect["unknown"] else found == [], message


def test_ambiguity_lists_parent_codes_first_then_by_title():
    with pytest.raises(AmbiguousRoleError) as info:
        find_role(graph("onet"), "Nurse")
    ids = [c["id"] for c in info.value.candidates]
    parents = [i for i in ids if i.endswith(".00")]
    assert ids[:len(parents)] == parents and "29-1141.00" in parents
    titles = [c["title"] for c in info.value.candidates[:len(parents)]]
    assert titles == sorted(titles, key=str.casefold)
    assert all(c["country"] == "US" for c in info.value.candidates)


def test_band_7_ot_is_never_the_fcp_and_band_phrases_skip_separately_recognised_roles():
    G = graph("roles")
    assert G.nodes["nhs-first-contact-practitioner"]["band_phrase"] is False
    assert G.nodes["nhs-acp-ot"]["band_phrase"] is False
    assert "Band 7 OT" not in G.nodes["nhs-first-contact-practitioner"].get("aliases", [])
    assert find_role(G, "Band 7 OT") == "nhs-advanced-ot"


def test_everyday_names_are_synonyms_with_sources_not_aliases():
    G = graph("roles")
    sources = G.graph["sources"]
    for name in ("OT", "OTR", "OTR/L", "COTA", "OTA", "Band 5 OT"):
        holders = [n for n, a in G.nodes(data=True) if name in {s["text"] for s in a.get("synonyms", ())}]
        assert holders, name
        assert not any(name in a.get("aliases", ()) for _, a in G.nodes(data=True)), name
    for _, attrs in G.nodes(data=True):
        assert all(s["source"] in sources for s in attrs.get("synonyms", ()))
    for table in ("neighbouring_professions",):
        assert all(row["source"] in sources and sources[row["source"]].get("url") for row in G.graph["meta"][table])


def test_onet_reported_titles_are_apart_from_aliases_and_abbreviations_have_sources():
    G = graph("onet")
    assert "Staff Nurse" in G.nodes["29-1141.00"]["reported_titles"]
    assert not any(a.get("aliases") for _, a in G.nodes(data=True) if a.get("reported_titles"))
    sources = G.graph["sources"]
    abbreviations = G.graph["meta"]["abbreviations"]
    assert {a["text"] for a in abbreviations} >= {"RN", "LPN", "LVN", "PT", "PTA", "OTA", "SLP", "NP", "PA"}
    assert all(a["role"] in G and a["source"] in sources for a in abbreviations)


@pytest.mark.parametrize("text, band, rest", [
    ("Band 8a", "8a", ""), ("8a", "8a", ""), ("Band 8", "8", ""), ("band 7 OT", "7", "ot"),
    ("Specialist OT (Band 7)", "7", "specialist ot"),
    ("AfC Band 5 Occupational Therapist", "5", "occupational therapist"),
])
def test_band_parser(text, band, rest):
    assert parse_band(text) == type(parse_band("8a"))(band, rest)


def test_band_ranges():
    assert band_codes("8a-8b") == {"8a", "8b"} and band_matches("8", "8c") and not band_matches("8a", "8b")
    assert parse_band("Occupational Therapist") is None and parse_band("Level 3 OT") is None


def _band_titles() -> list[str]:
    names = [row["name"] for _, row in ROWS if parse_band(row["name"]) is not None]
    return [*names, "Band 8 Occupational Therapist", "Band 8a Occupational Therapist", "Specialist OT (Band 7)",
            "Band 6 Occupational Therapist", "Senior OT Band 6", "Band 7 Highly Specialist Occupational Therapist"]


def test_learn_map_to_never_maps_a_title_with_a_band_to_a_role_of_another_band():
    target = load_target("roles")
    titles = _band_titles()
    mapping = map_titles(titles, target)
    G = graph("roles")
    for title in titles:
        if title in mapping.matched:
            role = mapping.matched[title][0]
            assert band_matches(parse_band(title).band, G.nodes[role].get("band")), (title, role)
    assert mapping.matched["Band 6 Occupational Therapist"][0] == "nhs-specialist-ot"
    assert mapping.matched["Band 7 Highly Specialist Occupational Therapist"][0] == "nhs-advanced-ot"
    assert "Band 8 Occupational Therapist" in mapping.ambiguous
    assert "Specialist OT (Band 7)" not in mapping.matched


def test_learn_map_to_uses_no_synonyms():
    mapping = map_titles(["Rotational OT", "COTA/L"], load_target("roles"))
    assert mapping.matched.get("Rotational OT", ("", ""))[1] != "exact"
    assert "COTA/L" not in mapping.matched or mapping.matched["COTA/L"][1] == "fuzzy"


#: Each command that takes a role, with a place for the name (FROM, TO or an option's value).
COMMANDS = [
    ("show", "{}"), ("path", "{} | Consultant Occupational Therapist"),
    ("routes", "{} | Consultant Occupational Therapist"),
    ("requires", "Consultant Occupational Therapist | --from | {}"), ("reach", "{}"), ("translate", "{}"),
    ("path", "Band 5 OT | Consultant Occupational Therapist | --via | {}"),
    ("path", "Band 5 OT | Consultant Occupational Therapist | --avoid | {}"),
    ("export", "--format | mermaid | -o | {out} | --highlight | {name} | Consultant Occupational Therapist"),
    ("export", "--format | mermaid | -o | {out} | --around | {name}"),
]


@pytest.mark.parametrize("command, args", COMMANDS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(COMMANDS)])
@pytest.mark.parametrize("name, outcome", [("Band 7 OT", 0), ("Band 8a", 2), ("physio", 2), ("Consultnt OT", 2)])
def test_every_command_that_takes_a_role_accepts_the_same_names(command, args, name, outcome, tmp_path):
    out = str(tmp_path / "map.mmd")
    argv = [command, *(a.format(name, name=name, out=out) for a in args.split(" | "))]
    result = CliRunner().invoke(cli, argv)
    if outcome == 0:
        assert "unknown role" not in result.output and "ambiguous" not in result.output, result.output
        assert result.exit_code in (0, 1), result.output  # found (1: no route or nothing listed)
        return
    assert result.exit_code == 2, (result.exit_code, result.output)
    line = result.output.strip().splitlines()[-1]
    expected = {"Band 8a": "nhs-principal-ot", "physio": "Physical Therapists",
                "Consultnt OT": "nhs-consultant-ot"}[name]
    assert expected in line and len(result.output.strip().splitlines()) == 1
