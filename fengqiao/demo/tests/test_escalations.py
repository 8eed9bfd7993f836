"""The planted escalations of the warning backtest: reproducible, each matter brewing before it breaks out."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from fengqiao.demo.generator.cases import Generator
from fengqiao.demo.generator.escalations import EscalationParameters, planted_escalations
from fengqiao.demo.generator.paths import walk

NOW = dt.datetime(2026, 12, 7, 12, tzinfo=ZoneInfo("Asia/Shanghai"))


def plant(seed: int = 1, **params):
    return list(planted_escalations(Generator(seed=seed, now=NOW, months=24, count=1000),
                                    EscalationParameters(**params)))


def test_matters_brew_then_break_out_and_decoys_settle():
    planted = plant(matters=10, decoys=4)
    keys = {spec.key for spec, _ in planted}
    assert keys == {spec.key for spec, _ in plant(matters=10, decoys=4)}  # the same seed, the same cases
    matters = {truth.key: truth for _, truth in planted}
    assert len(matters) == 14 and sum(t.escalated_at is None for t in matters.values()) == 4
    for key, truth in matters.items():
        specs = [s for s, t in planted if t.key == key]
        grown = [s for s in specs if s.key.endswith("-x")]
        if truth.escalated_at is None:
            assert not grown
            continue
        assert len(grown) == 1 and grown[0].party_count >= 12 and grown[0].received_at == truth.escalated_at
        earlier = [s for s in specs if not s.key.endswith("-x")]
        assert earlier and all(s.received_at < truth.escalated_at for s in earlier)
        organisations = {p.name for s in specs for p in s.parties if p.kind == "organisation"}
        assert len(organisations) == 1  # one organisation behind the matter
        for spec in specs:
            walk("dispute", [s.action for s in spec.steps])  # a path the workflow allows


def test_the_scorer_never_reads_the_planted_truth():
    warning = Path(__file__).resolve().parents[2] / "warning"
    sources = [p.read_text(encoding="utf-8") for p in warning.rglob("*.py") if "tests" not in p.parts]
    assert sources and not any("escalations" in text or "fengqiao.demo" in text for text in sources)
