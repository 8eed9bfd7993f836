"""The hotspot test: its false-alarm rate measured on simulated steady places, its power on planted rises."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fengqiao.warning.engine.hotspots import (
    HotspotRule,
    baseline_of,
    find_hotspots,
    pooled_dispersion,
    surge_test,
)

WEEKS = HotspotRule().weeks_needed


def _flag_rate(weeks: np.ndarray, rule: HotspotRule) -> float:
    rows = [row.tolist() for row in weeks]
    dispersion = pooled_dispersion(baseline_of(row, rule) for row in rows)
    return sum(surge_test(row, rule, dispersion=dispersion).flagged for row in rows) / len(rows)


@pytest.mark.parametrize("rate", [0.3, 1.0, 2.0, 6.0])
def test_the_stated_false_alarm_rate_holds_on_steady_poisson_places(rate):
    # The pure statistical test (no count or ratio floor) at alpha 1 %: flags at most ~alpha of steady weeks.
    rule = HotspotRule(alpha=0.01, min_count=0, min_ratio=0)
    weeks = np.random.default_rng(7).poisson(rate, size=(6000, WEEKS))
    assert _flag_rate(weeks, rule) <= 0.01 * 1.3


def test_the_stated_false_alarm_rate_holds_on_overdispersed_places():
    # Counts that vary more than Poisson (a gamma-mixed rate per week, variance about three times the mean).
    rng = np.random.default_rng(11)
    rule = HotspotRule(alpha=0.01, min_count=0, min_ratio=0)
    weeks = rng.poisson(rng.gamma(shape=1.0, scale=2.0, size=(6000, WEEKS)))
    assert _flag_rate(weeks, rule) <= 0.01 * 1.3
    # The pooled estimate finds the simulated dispersion (1/k = 1) within a few percent.
    rows = [row.tolist() for row in weeks]
    assert pooled_dispersion(baseline_of(row, rule) for row in rows) == pytest.approx(1.0, rel=0.1)


def test_the_default_rule_almost_never_flags_a_steady_county():
    rng = np.random.default_rng(3)
    weeks = rng.poisson(rng.choice([0.2, 0.5, 1, 2, 4], size=(20000, 1)), size=(20000, WEEKS))
    flagged = find_hotspots({n: row.tolist() for n, row in enumerate(weeks)})
    assert len(flagged) <= 20000 * HotspotRule().alpha


def test_a_community_at_five_and_a_half_times_its_usual_two_a_week_is_flagged():
    surge = surge_test([2, 1, 3, 2, 2, 2, 1, 3, 2, 2, 1, 3, 2, 2, 11])
    assert surge.flagged
    assert surge.expected == 2.0
    assert surge.ratio == 5.5
    assert surge.baseline == (2, 1, 3, 2, 2, 2, 1, 3, 2, 2, 1, 3)


def test_a_rise_that_builds_over_three_weeks_is_still_measured_against_the_weeks_before_it():
    surge = surge_test([2] * 12 + [5, 8, 11])
    assert surge.baseline == (2,) * 12
    assert surge.flagged


def test_a_county_whose_weeks_vary_widely_needs_a_larger_rise():
    # The same 2 -> 11 week, tested with the dispersion of a county whose counts vary a lot from week to week.
    steady = surge_test([2, 1, 3, 2, 2, 2, 1, 3, 2, 2, 1, 3, 2, 2, 11], dispersion=0.0)
    varied = surge_test([2, 1, 3, 2, 2, 2, 1, 3, 2, 2, 1, 3, 2, 2, 11], dispersion=0.5)
    assert varied.p_value > steady.p_value * 10
    assert steady.flagged and not varied.flagged


def test_one_or_two_cases_in_a_quiet_place_are_not_a_hotspot():
    assert not surge_test([0] * 14 + [2]).flagged  # under min_count
    assert not surge_test([3]).flagged  # no past at all: the prior alone is too vague
    assert not surge_test([5, 6, 4, 5, 6, 5, 4, 6, 5, 5, 6, 4, 5, 5, 9]).flagged  # a busy place's ordinary bad week


def test_hotspots_are_ranked_most_surprising_first_and_keep_their_keys():
    series = {
        ("锦华苑", "物业"): [2, 1, 3, 2, 2, 2, 1, 3, 2, 2, 1, 3, 2, 2, 11],
        ("东湖村", "邻里"): [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 6],
        ("城南社区", "物业"): [2] * 15,
    }
    found = find_hotspots(series)
    assert {key for key, _ in found} == {("锦华苑", "物业"), ("东湖村", "邻里")}
    assert [s.p_value for _, s in found] == sorted(s.p_value for _, s in found)
    assert ("城南社区", "物业") not in dict(found)


def test_bad_series_and_rules_are_refused():
    with pytest.raises(ValueError):
        surge_test([])
    with pytest.raises(ValueError):
        surge_test([1, -2, 3])
    with pytest.raises(ValueError):
        HotspotRule(alpha=0)
    with pytest.raises(ValueError):
        HotspotRule(baseline_weeks=0)
    with pytest.raises(ValueError):
        surge_test([1, 2, 3], dispersion=-1)


@given(st.lists(st.integers(min_value=0, max_value=200), min_size=1, max_size=30))
def test_any_series_gives_a_probability_and_a_rise_that_agree(weeks):
    surge = surge_test(weeks)
    assert 0.0 <= surge.p_value <= 1.0
    assert surge.expected >= 0 and surge.ratio >= 0
    assert len(surge.baseline) <= HotspotRule().baseline_weeks
    assert surge.baseline == baseline_of(weeks, HotspotRule())
    # One more case this week is never less surprising.
    assert surge_test([*weeks[:-1], weeks[-1] + 1]).p_value <= surge.p_value + 1e-12
