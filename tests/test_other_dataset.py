"""Every command on a second profession's data (tests/data/physio.json), through --data."""

import json
import shutil

import pytest
from click.testing import CliRunner

from otgraph.cli import cli


@pytest.fixture
def physio(data_dir):
    def run(*args):
        result = CliRunner().invoke(cli, ["--data", str(data_dir / "physio.json"), *args])
        assert "Traceback" not in result.output
        return result

    return run


def test_roles(physio):
    result = physio("roles", "--track", "physio", "--json")
    assert [r["id"] for r in json.loads(result.output)][:2] == ["pt-assistant", "pt-apprentice"]


def test_show(physio):
    result = physio("show", "FCP Physio")
    assert result.output.startswith("First Contact Physiotherapist  (pt-fcp)")


def test_path(physio):
    data = json.loads(physio("path", "Physiotherapy Assistant", "Consultant Physiotherapist", "--json").output)
    assert [r["id"] for r in data["roles"]] == ["pt-assistant", "pt-apprentice", "pt-band5", "pt-band6", "pt-fcp",
                                                "pt-acp", "pt-consultant"]
    assert data["total_years"] == 13


def test_routes_and_pareto(physio):
    routes = json.loads(physio("routes", "school", "pt-consultant", "-k", "3", "--json").output)
    assert [r["total_years"] for r in routes] == [12, 13, 13]
    pareto = json.loads(physio("routes", "school", "pt-consultant", "--pareto", "--json").output)
    assert [(r["total_years"], r["total_qualifications"]) for r in pareto] == [(12, 4), (13, 2)]


def test_constraints(physio):
    result = physio("path", "school", "pt-consultant", "--via", "pt-fcp")
    assert result.exit_code == 0 and "First Contact Physiotherapist" in result.output
    blocked = physio("path", "school", "pt-consultant", "--track", "physio", "--avoid", "pt-band5")
    assert blocked.exit_code == 1 and "with avoid 'pt-band5'" in blocked.output


def test_reach_requires_translate(physio):
    assert physio("reach", "pt-band6", "--within-years", "2").output.split()[-1] == "pt-fcp"
    need = json.loads(physio("requires", "pt-acp", "--json").output)
    assert [q["id"] for q in need["qualifications"]] == ["bsc-physio", "hcpc-physio", "msk-fcp", "acp-msc"]
    assert "= US  Physical Therapist (US)" in physio("translate", "Physiotherapist").output


def test_stats(physio):
    data = json.loads(physio("stats", "--json").output)
    assert data["roles"] == 11 and data["entry_roles"] == ["pt-us", "school"]
    assert data["diameter"] == {"years": 13, "from": "pt-assistant", "to": "pt-consultant"}


def test_validate(physio, data_dir):
    assert physio("validate").exit_code == 0


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "mermaid", "dot", "svg"])
def test_export(physio, tmp_path, fmt):
    if fmt == "svg" and shutil.which("dot") is None:
        pytest.skip("Graphviz not installed")
    out = tmp_path / f"physio.{fmt}"
    result = physio("export", "-o", str(out), "--highlight", "school", "pt-consultant")
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


def test_minimal_file_from_the_readme(data_dir):
    result = CliRunner().invoke(cli, ["--data", str(data_dir / "minimal.json"), "path", "Care Assistant", "RN"])
    assert result.exit_code == 0 and "Total: 3 years, 1 step, 0 qualifications" in result.output
