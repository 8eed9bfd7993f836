"""The generator without the database: reproducible, complete, and consistent with the workflow."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

from fengqiao.core.validators import is_valid_id_number, is_valid_phone
from fengqiao.demo.generator.cases import generate_cases
from fengqiao.demo.generator.county import build_county
from fengqiao.demo.generator.paths import walk

NOW = dt.datetime(2026, 11, 29, 15, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def describe(seed: int) -> list[tuple]:
    return [(s.key, s.title, s.narrative, s.region, s.received_at, s.parties, s.steps)
            for s in generate_cases(seed=seed, count=400, now=NOW)]


def test_same_seed_same_cases_other_seed_other_cases():
    first = describe(11)
    assert first == describe(11)
    assert first != describe(12)
    assert len(first) == 400


def test_cases_are_plausible():
    specs = list(generate_cases(seed=5, count=1500, now=NOW))
    start = NOW - dt.timedelta(days=24 * 31)
    for spec in specs:
        assert start <= spec.received_at <= NOW
        times = [spec.received_at] + [s.at for s in spec.steps]
        assert times == sorted(times) and times[-1] <= NOW, spec.key
        walk(spec.process, [s.action for s in spec.steps])  # raises on an action the workflow does not have
        assert any(p.role == "applicant" for p in spec.parties)
        assert spec.party_count >= len(spec.parties)
        for party in spec.parties:
            assert not party.id_number or party.kind == "organisation" or is_valid_id_number(party.id_number)
            assert not party.phone or (is_valid_phone(party.phone) and party.phone.startswith("19900"))
    # repeat reports: one phone behind several cases with much the same text
    phones = Counter(s.parties[0].phone for s in specs if s.key.startswith("r"))
    assert phones and min(phones.values()) >= 3


def test_wage_arrears_rise_before_the_spring_festival():
    specs = list(generate_cases(seed=3, count=6000, now=NOW))
    wages = [s.received_at.date() for s in specs if s.topic == "wage_arrears" and s.key.startswith("g")]
    before = sum(1 for d in wages if dt.date(2025, 12, 18) <= d < dt.date(2026, 2, 17))
    autumn = sum(1 for d in wages if dt.date(2025, 8, 18) <= d < dt.date(2025, 10, 17))
    assert before > 2 * autumn
    heating = Counter(s.received_at.month for s in specs if s.topic == "heating")
    assert heating[1] + heating[12] > 4 * (heating[7] + heating[8] + 1)
    hotspot = [s for s in specs if s.key.startswith("scenario-hotspot")]
    recent = sum(1 for s in hotspot if s.received_at > NOW - dt.timedelta(days=21))
    assert recent >= 20 and recent > 3 * sum(
        1 for s in hotspot if NOW - dt.timedelta(days=42) < s.received_at <= NOW - dt.timedelta(days=21)
    )


def test_county_layout():
    county = build_county()
    levels = Counter(r.level for r in county.regions)
    assert levels == {1: 1, 2: 7, 3: 33, 4: 165}
    assert len({r.code for r in county.regions}) == len(county.regions)
    assert len({s.username for s in county.staff}) == len(county.staff)
    assert all(county.handlers(d.code) for d in county.departments)
    assert all(county.people("grid_worker", g.code) for g in county.level(4))
