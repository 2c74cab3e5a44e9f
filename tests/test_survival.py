"""The Kaplan-Meier median and its interval (otgraph.learn.survival, issue 31), against R's rule
and lifelines."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")

from otgraph.learn import km_median  # noqa: E402
from otgraph.learn.survival import km_median_table  # noqa: E402


def lifelines_or_skip():
    return pytest.importorskip("lifelines", reason="lifelines (the test extra) checks the Kaplan-Meier figures")


def test_a_flat_at_one_half_gives_its_midpoint():
    """Four spells ending on days 1 to 4: the curve is 0.5 from day 2 to day 3. R's
    quantile.survfit gives 2.5; the first time at or below 0.5 would be 2."""
    assert km_median([1, 2, 3, 4], [True] * 4).median == 2.5
    # a flat at 0.5 that ends the curve (the rest censored): midpoint with the last time seen
    assert km_median([1, 2, 9], [True, False, False]).median is None
    assert km_median([1, 2, 3, 9], [True, True, False, False]).median == (2 + 9) / 2


def test_g3_control_median_is_r_s_33_days():
    """lifelines' g3 data, Control arm: the curve is at 0.5 from day 32 to 34. R gives 33;
    lifelines 34 (its product rounds just above 0.5); the first time at 0.5 is 32."""
    datasets = lifelines_or_skip().datasets
    g3 = datasets.load_g3()
    control = g3[g3["group"] == "Control"]
    result = km_median(control["time"].to_numpy(), control["event"].to_numpy())
    assert result.median == 33
    assert result.lower == 9 and result.upper is None  # the band's upper curve never reaches 0.5


@pytest.mark.parametrize("group", [None, "control", "miR-137"])
def test_waltons_interval_equals_lifelines_in_days(group):
    lifelines = lifelines_or_skip()
    from lifelines.utils import median_survival_times

    waltons = lifelines.datasets.load_waltons()
    if group is not None:
        waltons = waltons[waltons["group"] == group]
    fitted = lifelines.KaplanMeierFitter().fit(waltons["T"], waltons["E"])
    lower, upper = median_survival_times(fitted.confidence_interval_).to_numpy()[0]
    ours = km_median(waltons["T"].to_numpy(), waltons["E"].to_numpy())
    assert (ours.lower, ours.upper) == (lower, upper)
    assert ours.median == fitted.median_survival_time_


def test_no_upper_bound_is_none_and_a_table_agrees_with_the_spells():
    ours = km_median([3, 5, 8, 10, 12, 20], [True, True, True, False, True, False])
    table = km_median_table([3, 5, 8, 10, 12, 20], [1, 1, 1, 0, 1, 0], [1, 1, 1, 1, 1, 1])
    assert ours == table
    assert ours.lower <= ours.median and ours.upper is None


def test_lengths_must_agree():
    with pytest.raises(ValueError, match="differ in length"):
        km_median([1, 2], [True])
