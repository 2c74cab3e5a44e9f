"""Hypothesis strategies: random small valid roles datasets."""

from hypothesis import strategies as st

TRACKS = ["t1", "t2", "t3"]
COUNTRIES = ["UK", "US"]
QUALS = ["q0", "q1", "q2", "q3"]


@st.composite
def datasets(draw, min_roles=2, max_roles=8, max_edges=20):
    n = draw(st.integers(min_roles, max_roles))
    roles = [
        {
            "id": f"r{i}",
            "title": f"Role {i}",
            "kind": draw(st.sampled_from(["job", "job", "education"])),
            "track": draw(st.sampled_from(TRACKS)),
            "country": draw(st.sampled_from(COUNTRIES)),
            "level": draw(st.integers(0, 9)),
        }
        for i in range(n)
    ]
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
                          max_size=max_edges, unique=True))
    transitions = [
        {
            "from": f"r{a}",
            "to": f"r{b}",
            "years": draw(st.sampled_from([0, 0.5, 1, 2, 3, 4.5])),
            "qualifications": draw(st.lists(st.sampled_from(QUALS), max_size=3, unique=True)),
        }
        for a, b in pairs
    ]
    return {
        "qualifications": [{"id": q, "title": q.upper()} for q in QUALS],
        "roles": roles,
        "transitions": transitions,
    }


# --- helpers shared by the property and fuzz tests ----------------------------------------

#: How many fuzzed inputs ran, reported at the end of the test session (see conftest.py).
FUZZ_COUNT = {"inputs": 0, "crashes": 0}

titles = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00") | st.sampled_from('"\\<>&\n'),
    min_size=1, max_size=20,
).filter(lambda s: s.strip()) | st.sampled_from(["[1]", '{"a": 2}', "[]", "null", "3"])


@st.composite
def titled_datasets(draw):
    """Random valid datasets whose titles and aliases hold any text."""
    data = draw(datasets())
    for role in data["roles"]:
        role["title"] = draw(titles)
        role["aliases"] = draw(st.lists(titles, max_size=2))
    return data


def same_graph(G, H):
    """Assert two career graphs hold the same roles, moves and attributes."""
    assert list(G.nodes) == list(H.nodes)
    assert set(G.edges) == set(H.edges)
    for n in G:
        assert dict(H.nodes[n]) == dict(G.nodes[n]), n
    for u, v in G.edges:
        assert dict(H.edges[u, v]) == dict(G.edges[u, v]), (u, v)


@st.composite
def gated_datasets(draw, max_roles=6, max_edges=14):
    """Random valid datasets in the version-2 model whose roles (and some moves) have entry
    requirements: groups of one qualification or of alternatives, awarded by some moves."""
    data = draw(datasets(min_roles=2, max_roles=max_roles, max_edges=max_edges))
    group = st.sampled_from(QUALS) | st.lists(st.sampled_from(QUALS), min_size=2, max_size=3, unique=True)
    for role in data["roles"]:
        if draw(st.booleans()):
            role["requires"] = draw(st.lists(group, min_size=1, max_size=2))
    for move in data["transitions"]:
        move["awards"] = move.pop("qualifications")
        move["years_min"] = move["years"]
        move["years_max"] = draw(st.sampled_from([move["years"], move["years"] + 1, None]))
        if draw(st.integers(0, 5)) == 0:
            move["requires"] = [draw(group)]
    return data
