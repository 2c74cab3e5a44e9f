"""Properties over random datasets: loading fails only with otgraph's own errors, routes agree
with an independent Dijkstra, and exports read back as the same graph."""

import itertools
import json

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import datasets, same_graph, titled_datasets

from otgraph import CareerGraph, NoRouteError, OtgraphError, load_roles, shortest_route
from otgraph.export import render
from otgraph.export.networkx_formats import decode_attributes

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _mutations(data):
    """Data that is almost a valid dataset: one part replaced by an arbitrary JSON value."""
    return st.sampled_from(["roles", "transitions", "qualifications", "sources", "meta", "role", "edge"]).flatmap(
        lambda where: json_values.map(lambda value: _mutate(data, where, value)))


def _mutate(data, where, value):
    data = json.loads(json.dumps(data))
    if where == "role" and data["roles"]:
        data["roles"][0][str(value)[:5] or "x"] = value
    elif where == "edge" and data["transitions"]:
        data["transitions"][0]["years"] = value
    else:
        data[where] = value
    return data


@SETTINGS
@given(st.one_of(json_values, datasets().flatmap(_mutations), st.binary(max_size=200)))
def test_loading_raises_only_otgraph_errors(tmp_path_factory, value):
    f = tmp_path_factory.mktemp("load") / "roles.json"
    if isinstance(value, bytes):
        f.write_bytes(value)
    else:
        f.write_text(json.dumps(value), encoding="utf-8")
    try:
        cg = load_roles(f)
    except OtgraphError as exc:
        assert str(exc).startswith(str(f))
        return
    assert isinstance(cg.graph, nx.DiGraph)


@SETTINGS
@given(datasets(), st.sampled_from(["years", "qualifications", "steps"]), st.data())
def test_path_totals_equal_independent_dijkstra(data, by, pick):
    G = CareerGraph.from_data(data).graph
    s, t = pick.draw(st.sampled_from(list(G))), pick.draw(st.sampled_from(list(G)))
    weight = {"years": "years", "qualifications": lambda u, v, d: len(d["awards"]),
              "steps": lambda u, v, d: 1}[by]
    try:
        expected = nx.dijkstra_path_length(G, s, t, weight=weight)
    except nx.NetworkXNoPath:
        with pytest.raises(NoRouteError):
            shortest_route(G, s, t, by)
        return
    route = shortest_route(G, s, t, by)
    assert route.cost() == pytest.approx(expected)
    assert route.total_years == pytest.approx(sum(G.edges[e]["years"] for e in itertools.pairwise(route.roles)))


@SETTINGS
@given(titled_datasets())
def test_exports_read_back_as_the_same_graph(data):
    G = CareerGraph.from_data(data).graph
    node_link = json.loads(render(G, "json").decode("utf-8"))
    same_graph(G, nx.node_link_graph(node_link, edges="edges"))
    import io

    H = decode_attributes(nx.read_graphml(io.BytesIO(render(G, "graphml"))))
    same_graph(G, H)


@SETTINGS
@given(st.one_of(json_values, datasets().flatmap(_mutations), titled_datasets()))
def test_fast_and_full_schema_checks_agree(value):
    """jsonschema-rs decides "valid?" on every first load; jsonschema must agree with it."""
    import jsonschema

    from otgraph import load_schema
    from otgraph.validate import _fast_validator

    full = not list(jsonschema.Draft202012Validator(load_schema()).iter_errors(value))
    try:
        fast = _fast_validator()(value)
    except Exception:
        fast = False
    assert fast == full


_EDGE_FIELDS = ["from", "to", "years", "years_min", "years_max", "awards", "qualifications", "requires",
                "years_evidence", "sources"]


@st.composite
def _edge_mutations(draw):
    """A dataset with one field of one move set to a value likely to be wrong in some way."""
    from strategies import gated_datasets

    data = json.loads(json.dumps(draw(gated_datasets())))
    if not data["transitions"]:
        return data
    move = draw(st.sampled_from(data["transitions"]))
    ids = [r["id"] for r in data["roles"]] + ["nobody"]
    quals = [q["id"] for q in data.get("qualifications", [])] + ["unknown-qualification"]
    value = draw(st.one_of(
        json_values, st.sampled_from(ids), st.lists(st.sampled_from(quals), max_size=3),
        st.lists(st.one_of(st.sampled_from(quals), st.lists(st.sampled_from(quals), max_size=2)), max_size=2),
        st.floats(min_value=-1, max_value=20) | st.just(float("nan")) | st.just(float("inf")),
        st.fixed_dictionaries({"grade": st.just("sourced"),
                               "source": st.sampled_from(["nowhere", *data.get("sources", {})])}),
    ))
    move[draw(st.sampled_from(_EDGE_FIELDS))] = value
    if draw(st.booleans()) and len(data["transitions"]) > 1:
        data["transitions"].append(dict(data["transitions"][0]))  # a duplicate move
    return data


@SETTINGS
@given(_edge_mutations())
def test_the_quick_transition_checks_never_hide_a_problem(monkeypatch, data):
    """The column-wise checks answer "fine" only when the item-by-item loop finds nothing."""
    from otgraph import validate

    quick = validate.check_roles(data, schema=False)
    with monkeypatch.context() as m:
        m.setattr(validate, "_transitions_fine", lambda *args: False)
        assert validate.check_roles(data, schema=False) == quick
