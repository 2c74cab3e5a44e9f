"""`otgraph show A B [C D]`: roles side by side, wrapped to the terminal's width (issue 17)."""

import json

import pytest
from click.testing import CliRunner

from otgraph.cli import cli

FOUR = ("Band 5 OT", "Entry-Level Occupational Therapist", "COTA", "Rehabilitation Services Manager")


def show(*args, columns=None):
    env = {"COLUMNS": str(columns)} if columns else {"COLUMNS": ""}
    return CliRunner().invoke(cli, ["show", *args], env=env, catch_exceptions=False)


def columns_of(lines, n):
    """Each column's text, its wrapped lines joined again (a line ending in '-' joined without
    a space), with the row labels in it: 'Title (id) Country UK, nhs Band / stage ...'."""
    cells = [[] for _ in range(n)]
    for line in lines:
        if line.startswith("-- "):
            for c in cells:
                c.append(line.strip("- "))
            continue
        if line == "= listed by every role shown":
            continue
        parts = (line + " ").split(" | ")
        assert len(parts) == n, line
        for c, part in zip(cells, parts, strict=True):
            if part.strip():
                c.append(part.strip())
    return [" ".join(c).replace("- ", "-").replace(" -", " - ") for c in cells]


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("n", [2, 3, 4])
def test_side_by_side_fits_the_width(ot, columns, n):
    result = show(*FOUR[:n], columns=columns)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert max(len(line) for line in lines) > columns - 20  # the columns use the width
    for name, text in zip(FOUR[:n], columns_of(lines, n), strict=True):
        role = ot.role(name)
        assert text.startswith(f"{role['title']} ({role['id']})")
        for figure in role.get("pay") or ():
            if figure.get("percentiles"):  # 'USD 10th 56,800, ...' or 'median USD 96,370'
                assert f"{min(figure['percentiles'].values()):,}" in text
                continue
            amount = f"{figure['min']:,}" if figure.get("min") is not None else f"{figure['average']:,}"
            assert f"{figure['currency']} {amount}" in text
        if not role.get("pay"):
            assert "Pay none in the data" in text
    for label in ("Country", "Band / stage", "Pay", "Entry requirements", "Skills", "Responsibilities",
                  "Moves in", "Moves out"):
        assert f"-- {label} -" in result.output


def test_side_by_side_content():
    out = show("Band 5 OT", "Entry-Level Occupational Therapist", columns=120).output
    assert "GBP 31,049-37,796 a year (England, 2025/26)" in out
    assert "average USD 92,577 a year (US)" in out
    assert "Band 5" in out and "entry (level 5)" in out
    assert "- HCPC registration" in out and "- NBCOT OTR exam" in out
    assert "-> Specialist Occupational Therapist (Band 6)" in out


def test_shared_items_are_marked():
    out = show("Entry-Level Occupational Therapist", "Mid-Level Occupational Therapist", columns=120).output
    assert "= Know adaptive strategies (hard)" in out and out.rstrip().endswith("= listed by every role shown")


def test_piped_output_is_80_wide():
    out = show(*FOUR).output  # CliRunner's output is not a terminal and COLUMNS is unset
    assert max(len(line) for line in out.splitlines()) <= 80


def test_json_one_and_several(ot):
    one = json.loads(show("Band 5 OT", "--json").output)
    assert one == json.loads(json.dumps(ot.describe("Band 5 OT")))
    several = json.loads(show("Band 5 OT", "COTA", "--json").output)
    assert isinstance(several, list) and [r["id"] for r in several] == ["nhs-band5-ot", "us-cota"]
    assert several[0] == one


def test_one_role_text_is_as_before():
    out = show("Band 5 OT").output
    assert out.startswith("Band 5 Occupational Therapist (Rotational)  (nhs-band5-ot)\n")
    assert "-- Pay" not in out and "Moves in:" in out


def test_more_than_four_is_a_usage_error():
    result = show(*FOUR, "Lead Occupational Therapist")
    assert result.exit_code == 2
    assert "at most 4 roles" in result.output


def test_unknown_role_exits_2():
    result = show("Band 5 OT", "Zzyzx Wrangler")
    assert result.exit_code == 2
    assert "unknown role 'Zzyzx Wrangler'" in result.output
    assert "Traceback" not in result.output
