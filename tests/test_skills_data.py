"""Checks on the skills/duties data in data/roles.json and the mapping data/seed-bullets.json.

roles.json holds one table of items (``skills``: responsibilities, hard and soft skills,
training or experience) and, on each role, the items the role asks for, each with its evidence.
seed-bullets.json maps every bullet of the seed job descriptions (stored as the sha1 of the
bullet text, not the text) to the item ids that carry it.
"""

import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data"

US_LADDER = ["us-entry-ot", "us-mid-ot", "us-senior-ot", "us-lead-ot", "us-rehab-services-manager"]
TECHNICIANS = ["us-cota", "us-cota-experienced", "us-cota-lead"]
# A bullet's `role` is a role id or one of these groups (the seed's general sections).
GROUPS = {"all-us-ot-levels": US_LADDER, "all-us-ot-technician-levels": TECHNICIANS}

LIST_KINDS = {
    "responsibilities": {"responsibility"},
    "skills": {"hard", "soft"},
    "preferred": {"responsibility", "hard", "soft", "training"},
}
# Sections that carry duties and skills (the counted ones); the seeds' education,
# certification and preferred-qualification sections are mapped too but not counted here.
DUTY_SKILL_SECTION = re.compile(r"(Responsibilities|Hard skills|Soft skills)$")


def load(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def skills():
    """The skills table and, per role, its lists, as read from roles.json."""
    data = load("roles.json")
    lists = ("responsibilities", "skills", "preferred")
    return {"skills": data["skills"],
            "roles": {r["id"]: {k: r[k] for k in lists if k in r} for r in data["roles"] if any(k in r for k in lists)}}


@pytest.fixture(scope="module")
def bullets():
    return load("seed-bullets.json")


@pytest.fixture(scope="module")
def roles_file():
    return load("roles.json")


@pytest.fixture(scope="module")
def kinds(skills):
    return {s["id"]: s["kind"] for s in skills["skills"]}


def entries(role_data):
    for lst in ("responsibilities", "skills", "preferred"):
        for entry in role_data.get(lst, []):
            yield lst, entry


def evidence_of(entry):
    return [entry["evidence"], *entry.get("more_evidence", [])]


def held(skills, role):
    return {entry["item"] for _, entry in entries(skills["roles"].get(role, {}))}


def test_skill_table(skills):
    ids = [s["id"] for s in skills["skills"]]
    assert len(ids) == len(set(ids)), "duplicate skill ids"
    for s in skills["skills"]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s["id"]), s["id"]
        assert s["kind"] in {"hard", "soft", "responsibility", "training"}, s
        assert s["label"].strip(), s
    used = {e["item"] for r in skills["roles"].values() for _, e in entries(r)}
    assert used == set(ids), f"unused items: {set(ids) - used}"


def test_roles_and_evidence(skills, roles_file, kinds):
    role_ids = {r["id"] for r in roles_file["roles"]}
    sources = roles_file["sources"]
    assert set(skills["roles"]) <= role_ids, set(skills["roles"]) - role_ids
    for role, data in skills["roles"].items():
        assert set(data) <= set(LIST_KINDS), (role, set(data))
        seen = set()
        for lst, entry in entries(data):
            item = entry["item"]
            assert item in kinds, (role, item)
            assert kinds[item] in LIST_KINDS[lst], (role, lst, item, kinds[item])
            assert item not in seen, f"{item} twice on {role}"
            seen.add(item)
            for ev in evidence_of(entry):
                assert ev["grade"] == "sourced", (role, item, ev)
                assert ev["source"] in sources, (role, item, ev)
                assert ev["locator"].strip(), (role, item, ev)


def test_section_indices_and_hashes(bullets):
    for seed, sections in bullets.items():
        for name, rows in sections.items():
            assert [b["index"] for b in rows] == list(range(len(rows))), (seed, name)
            for b in rows:
                assert re.fullmatch(r"[0-9a-f]{40}", b["text_sha1"]), (seed, name, b)
                assert "text" not in b


def count(rows, role=None):
    return sum(1 for b in rows if role is None or b["role"] == role)


def test_seed_001_counts(bullets):
    sections = {n: r for n, r in bullets["seed-001"].items() if DUTY_SKILL_SECTION.search(n)}
    general = sum(count(rows, "all-us-ot-levels") for rows in sections.values())
    assert general == 15
    per_level = [sum(count(rows, role) for rows in sections.values()) for role in US_LADDER]
    assert per_level == [13, 13, 12, 12, 12]
    # the general sections hold only general bullets, the level sections only their level's
    for name, rows in sections.items():
        assert len({b["role"] for b in rows}) == 1, name


def test_seed_003_counts(bullets):
    s = bullets["seed-003"]
    assert len(s["Occupational Therapy Technician Duties and Responsibilities"]) == 9
    assert len(s["Occupational Therapy Technician Job Description Template > Responsibilities"]) == 8
    assert len(s["Occupational Therapy Technician Qualifications and Skills"]) == 8
    # the template's own Qualifications list (7: education, certification, experience, skills)
    assert len(s["Occupational Therapy Technician Job Description Template > Qualifications"]) == 7


def test_mapped_items_are_on_the_role_with_that_seed(bullets, skills, kinds, roles_file):
    role_ids = {r["id"] for r in roles_file["roles"]}
    for seed, sections in bullets.items():
        for name, rows in sections.items():
            for b in rows:
                targets = GROUPS.get(b["role"], [b["role"]])
                for role in targets:
                    assert role in role_ids, (seed, name, b["role"])
                    by_item = {e["item"]: e for _, e in entries(skills["roles"].get(role, {}))}
                    for item in b["items"]:
                        assert item in kinds, (seed, name, b["index"], item)
                        assert item in by_item, (seed, name, b["index"], role, item)
                        assert seed in {ev["source"] for ev in evidence_of(by_item[item])}, (
                            seed, name, b["index"], role, item)


def test_every_duty_or_skill_bullet_maps_to_an_item(bullets):
    for seed, sections in bullets.items():
        for name, rows in sections.items():
            if DUTY_SKILL_SECTION.search(name) or "Qualifications and Skills" in name:
                for b in rows:
                    assert b["items"], (seed, name, b["index"])


def test_manager_adds_over_the_ladder(skills):
    before = set()
    for role in US_LADDER[:-1]:
        before |= held(skills, role)
    adds = held(skills, "us-rehab-services-manager") - before
    assert {"budget-management", "budgeting-skills"} & adds
    assert "departmental-kpis" in adds
    assert "multidisciplinary-team-management" in adds
    assert "staff-scheduling" in held(skills, "us-lead-ot")
    assert "staff-scheduling" not in adds
    assert "staff-scheduling" in held(skills, "us-rehab-services-manager")
