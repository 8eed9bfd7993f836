"""Hotspots: a place and topic whose cases this week rise above their own usual level.

One series is the weekly count of new cases of one place (a grid or a community) and one topic (a category or a
dispute type), oldest week first, the week being tested last. The test asks how surprising this week's count is
against the place's own past:

- **Baseline.** The `baseline_weeks` weeks that end `guard_weeks` weeks before the tested one. The guard keeps a
  rise that builds over two or three weeks out of its own baseline (SCENARIOS 5: two a week, then eleven).
- **Model.** A place's weekly count is negative binomial: Poisson with a rate that itself varies from week to
  week, by the dispersion 1/k (variance = mean + mean²/k; 0 is plain Poisson). The dispersion is one figure for
  all the series tested together (`pooled_dispersion`, a method-of-moments estimate corrected for the noise of
  each baseline's mean), because eight or twelve weeks of one place cannot tell it.
- **Expected count and its uncertainty.** With k known, the place's mean is uncertain too: a Beta(`prior_a`,
  `prior_b`) prior on k / (k + mean), updated by the baseline's n weeks and total S, gives this week's count the
  beta-negative-binomial distribution (r = k, a = prior_a + n·k, b = prior_b + S). A place with a short or empty
  past is therefore not flagged for one or two cases, and a well-known rate is tested tightly.
- **Flag.** A week is flagged when P(count ≥ observed) is below `alpha`, at least `min_count` cases arrived, and
  the count is at least `min_ratio` times the baseline's weekly mean.

**False-alarm rate.** For a place whose weekly counts follow its baseline, a week is flagged with probability at
most `alpha` (0.1 % by default; the count is discrete, and the floors on count and ratio lower it further), so a
county testing K place-topic series a week expects at most K × alpha false flags. The tests measure it on
simulated steady places, Poisson and overdispersed, and the power on planted rises.

Pure Python with NumPy and SciPy; no Django import here.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean, variance
from typing import TypeVar

import numpy as np
from scipy.special import betaln, gammaln

K = TypeVar("K", bound=Hashable)
MIN_DISPERSION = 1e-3  # 1/k below this is treated as Poisson (k = 1,000)


@dataclass(frozen=True)
class HotspotRule:
    baseline_weeks: int = 12
    guard_weeks: int = 2
    alpha: float = 1e-3
    min_count: int = 3
    min_ratio: float = 2.0
    prior_a: float = 1.0
    prior_b: float = 1.0

    def __post_init__(self) -> None:
        if self.baseline_weeks < 1 or self.guard_weeks < 0:
            raise ValueError("baseline_weeks must be at least 1 and guard_weeks at least 0")
        if not 0 < self.alpha < 1:
            raise ValueError("alpha must lie between 0 and 1")
        if self.prior_a <= 0 or self.prior_b <= 0:
            raise ValueError("the prior's a and b must be positive")

    @property
    def weeks_needed(self) -> int:
        """How many weeks of history, the tested one included, a full test reads."""
        return self.baseline_weeks + self.guard_weeks + 1


@dataclass(frozen=True)
class Surge:
    count: int  # cases in the tested week
    expected: float  # the baseline's weekly mean
    ratio: float  # count / expected (the expected count is floored at one case in ten weeks)
    p_value: float  # P(count >= observed) under the baseline
    baseline: tuple[int, ...]  # the weeks the expectation was drawn from, oldest first
    dispersion: float  # the 1/k the test used
    flagged: bool


def baseline_of(weeks: Sequence[int], rule: HotspotRule) -> tuple[int, ...]:
    """The baseline weeks of a series whose last element is the tested week (fewer where the past is short)."""
    end = max(len(weeks) - 1 - rule.guard_weeks, 0)
    return tuple(int(w) for w in weeks[max(end - rule.baseline_weeks, 0):end])


def pooled_dispersion(baselines: Iterable[Sequence[int]]) -> float:
    """One 1/k for many places: sum of (variance - mean) over sum of (mean² - variance / n), baselines of at least
    three weeks; 0 (Poisson) where the counts vary no more than a Poisson rate would."""
    excess = scale = 0.0
    for baseline in baselines:
        if len(baseline) < 3:
            continue
        mean = fmean(baseline)
        var = variance(baseline, xbar=mean)
        excess += var - mean
        scale += mean * mean - var / len(baseline)
    return max(excess / scale, 0.0) if scale > 0 else 0.0


def tail_probability(count: int, *, r: float, a: float, b: float) -> float:
    """P(X >= count) for the beta-negative-binomial(r, a, b), summed from its log-pmf (r need not be whole)."""
    if count <= 0:
        return 1.0
    x = np.arange(count)
    log_pmf = gammaln(r + x) - gammaln(x + 1) - gammaln(r) + betaln(a + r, b + x) - betaln(a, b)
    return float(min(max(1.0 - np.exp(log_pmf).sum(), 0.0), 1.0))


def surge_test(weeks: Sequence[int], rule: HotspotRule | None = None, *, dispersion: float | None = None) -> Surge:
    """Test the last week of `weeks` (weekly counts, oldest first) against its baseline; `dispersion` is the
    pooled 1/k of the series tested with it (by default this series' own estimate)."""
    rule = rule or HotspotRule()
    if not weeks:
        raise ValueError("a series needs at least the tested week")
    if any(int(w) < 0 for w in weeks):
        raise ValueError("weekly counts cannot be negative")
    count = int(weeks[-1])
    baseline = baseline_of(weeks, rule)
    if dispersion is None:
        dispersion = pooled_dispersion([baseline])
    if dispersion < 0:
        raise ValueError("the dispersion cannot be negative")
    k = 1.0 / max(dispersion, MIN_DISPERSION)
    n, total = len(baseline), sum(baseline)
    p_value = tail_probability(count, r=k, a=rule.prior_a + n * k, b=rule.prior_b + total)
    expected = total / n if n else 0.0
    ratio = count / max(expected, 0.1)
    flagged = p_value < rule.alpha and count >= rule.min_count and ratio >= rule.min_ratio
    return Surge(count=count, expected=round(expected, 3), ratio=round(ratio, 2), p_value=p_value,
                 baseline=baseline, dispersion=round(dispersion, 4), flagged=flagged)


def find_hotspots(series: Mapping[K, Sequence[int]], rule: HotspotRule | None = None) -> list[tuple[K, Surge]]:
    """The flagged series, most surprising first (then the larger rise), each with its test; the dispersion is
    pooled over all the series given (pass one topic's places together)."""
    rule = rule or HotspotRule()
    dispersion = pooled_dispersion(baseline_of(weeks, rule) for weeks in series.values() if weeks)
    flagged = [(key, surge) for key, weeks in series.items()
               if weeks and (surge := surge_test(weeks, rule, dispersion=dispersion)).flagged]
    flagged.sort(key=lambda item: (item[1].p_value, -item[1].ratio))
    return flagged
