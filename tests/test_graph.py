import pytest

from otgraph import AmbiguousRoleError, UnknownRoleError, normalize_name


@pytest.mark.parametrize(
    "name, role_id",
    [
        ("a", "a"),
        ("Alpha Worker", "a"),
        ("alpha worker", "a"),
        ("  ALPHA-worker!! ", "a"),
        ("starter", "a"),
        ("Delta Lead", "d"),
    ],
)
def test_find_by_id_title_or_alias(tiny, name, role_id):
    assert tiny.find(name) == role_id


def test_ambiguous_name_lists_candidates(tiny):
    with pytest.raises(AmbiguousRoleError) as err:
        tiny.find("middle role")
    assert [(c["id"], c["title"]) for c in err.value.candidates] == [("b", "Beta Worker"), ("c", "Gamma Worker")]
    assert "Beta Worker (b, UK)" in str(err.value) and "Gamma Worker (c, UK)" in str(err.value)


def test_unknown_name_suggests_close_matches(tiny):
    with pytest.raises(UnknownRoleError) as err:
        tiny.find("Alpah Worker")
    assert err.value.candidates[0] == {"id": "a", "title": "Alpha Worker", "country": "UK", "band": "2"}
    assert "did you mean Alpha Worker (a, UK, Band 2)" in str(err.value)


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_empty_name(tiny, name):
    with pytest.raises(UnknownRoleError, match="empty role name"):
        tiny.find(name)


@pytest.mark.parametrize(
    "name, role_id",
    [
        ("Occupational Therapy Support Worker", "nhs-ot-support-worker"),
        ("Consultant Occupational Therapist", "nhs-consultant-ot"),
        ("Entry-Level Occupational Therapist", "us-entry-ot"),
        ("Rehabilitation Services Manager", "us-rehab-services-manager"),
        ("Occupational Therapy Technician", "us-cota"),
        ("Occupational Therapy Department Manager", "us-ot-department-manager"),
        ("Social Services Occupational Therapist", "ss-ot"),
        ("senior occupational therapist", "us-senior-ot"),
        ("COTA/L", "us-cota"),
    ],
)
def test_seed_titles_find_roles(ot, name, role_id):
    assert ot.find(name) == role_id


def test_uk_and_us_share_a_title(ot):
    with pytest.raises(AmbiguousRoleError) as err:
        ot.find("Occupational Therapy Assistant")
    assert {c["id"] for c in err.value.candidates} == {"nhs-ot-assistant", "us-cota"}


def test_roles_filter_by_track_and_country(tiny):
    assert [r["id"] for r in tiny.roles(track="one")] == ["a", "b", "d", "e"]
    assert [r["id"] for r in tiny.roles(country="US")] == ["f"]
    assert tiny.tracks == ["one", "three", "two"] and tiny.countries == ["UK", "US"]


def test_equivalents_work_both_ways(tiny):
    assert [e["role"] for e in tiny.equivalents("b")] == ["f"]
    assert [e["role"] for e in tiny.equivalents("f")] == ["b"]


def test_describe_lists_moves(tiny):
    info = tiny.describe("Beta Worker")
    assert info["id"] == "b"
    assert [m["role"] for m in info["moves"]["in"]] == ["a"]
    assert [(m["role"], m["years"]) for m in info["moves"]["out"]] == [("d", 1)]
    assert info["equivalents"][0]["title"] == "Foxtrot Island"


def test_normalize_name():
    assert normalize_name("Entry-Level  OT") == normalize_name("entry level ot") == "entry level ot"
