"""Backtest of the risk levels on the demo county: are planted escalations flagged red or orange at least 7 days
before they break out, and how many flags are false alarms?

The demo county is generated and loaded into a fresh database (SQLite in a temporary folder unless --database
is given), with the matters of fengqiao/demo/generator/escalations.py planted among the usual cases. Every week
over the backtest window the scorer rates every case open at that time, from what was known then (cases
received by then, mediation steps taken by then; the overdue feature is left out, as the demo keeps only the
current clock). Then:
- an escalation is caught when one of its matter's earlier reports was red or orange at a weekly cut-off at
  least 7 days before it broke out; recall = caught / escalations;
- a flagged case (red or orange at any cut-off) is a true alarm when it is an earlier report of a matter that
  broke out 7 to 60 days later, a false alarm when it belongs to no escalation (decoy matters that settled,
  ordinary cases); flags on reports whose matter broke out less than 7 days later count as neither; precision =
  true / (true + false). The escalated cases themselves are not scored, nor any case that is already a
  many-party or crisis case at the cut-off (that is the outcome forecast, not a forecast).
Planted matters scale with the county (one per 60 cases, at least 24), with a third as many decoys.
Usage: python bench/warning.py [--cases 6000] [--seed 20260101] [--matters N] [--database URL]
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import add_repo_to_path, emit, parser

LEAD_DAYS = 7
HORIZON_DAYS = 60


def setup(database: str | None) -> None:
    if database:
        os.environ["DATABASE_URL"] = database
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["FENGQIAO_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-warning-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fengqiao.config.settings")
    os.environ["FENGQIAO_EAGER_TASKS"] = "1"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def load(cases: int, seed: int, now: dt.datetime, matters: int) -> dict[str, int]:
    """Load the county, the ordinary cases and the planted ones; spec key -> case id."""
    from django.db import transaction

    from fengqiao.audit.models import AuditEntry
    from fengqiao.cases.services import BULK_ACTION, case_bulk_load
    from fengqiao.demo.accounts import demo_password
    from fengqiao.demo.generator.cases import Generator, generate_cases
    from fengqiao.demo.generator.county import build_county
    from fengqiao.demo.generator.escalations import EscalationParameters, planted_escalations
    from fengqiao.demo.reference import load_reference

    county = build_county()
    planted_gen = Generator(seed=seed + 1, now=now, months=24, count=cases, county=county)
    planted = list(planted_escalations(planted_gen, EscalationParameters(matters=matters, decoys=max(matters // 3, 1))))
    with transaction.atomic():
        directory = load_reference(county, password=demo_password())
        specs = [*generate_cases(seed=seed, count=cases, now=now, county=county), *(s for s, _ in planted)]
        case_bulk_load(specs=specs, names=directory, first_day=(now - dt.timedelta(days=24 * 31 + 1)).date())
    keys = {}
    for object_id, after in AuditEntry.objects.filter(action=BULK_ACTION).values_list("object_id", "after"):
        keys[after["key"]] = int(object_id)
    load.truth = {truth.key: truth.escalated_at for _, truth in planted}  # type: ignore[attr-defined]
    return keys


def flags_at(cutoff: dt.datetime, skip: set[int]) -> set[int]:
    """Cases open at `cutoff` that the scorer rates red or orange from what was known then."""
    from django.db.models import Q

    from fengqiao.cases.models import Case
    from fengqiao.warning.engine.risk import MANY_PARTY_THRESHOLD, assess
    from fengqiao.warning.facts import facts_for
    from fengqiao.warning.services.risk import risk_weights_current

    weights = risk_weights_current().weights
    open_then = (Case.objects.filter(received_at__lte=cutoff).filter(Q(closed_at__isnull=True) | Q(closed_at__gt=cutoff))
                 .exclude(pk__in=skip).prefetch_related("parties"))
    flagged: set[int] = set()
    batch = list(open_then)
    for start in range(0, len(batch), 500):
        chunk = batch[start:start + 500]
        for case_id, facts in facts_for(chunk, as_of=cutoff).items():
            if facts.party_count > MANY_PARTY_THRESHOLD or facts.crisis:
                continue  # already a many-party or crisis case: its level is no forecast of an escalation
            if assess(facts, weights).level in {"red", "orange"}:
                flagged.add(case_id)
    return flagged


def main() -> None:
    args_parser = parser(__doc__.splitlines()[0])
    args_parser.add_argument("--cases", type=int, default=6000)
    args_parser.add_argument("--seed", type=int, default=20260101)
    args_parser.add_argument("--matters", type=int, default=0,
                             help="planted escalations (default: one per 60 cases, at least 24; a third as many decoys)")
    args_parser.add_argument("--database", default=None, help="a DATABASE_URL to use instead of a fresh SQLite file")
    args = args_parser.parse_args()
    add_repo_to_path()
    started = time.monotonic()
    setup(args.database)
    from django.utils import timezone

    from fengqiao.cases.models import Case
    from fengqiao.warning.services.keys import matter_keys_refresh

    now = timezone.localtime().replace(microsecond=0)
    matters = args.matters or max(24, args.cases // 60)
    keys = load(args.cases, args.seed, now, matters)
    truth: dict[str, dt.datetime | None] = load.truth  # type: ignore[attr-defined]
    loaded = time.monotonic()
    ids = sorted(keys.values())
    for start in range(0, len(ids), 1000):
        matter_keys_refresh(case_ids=ids[start:start + 1000])
    matter_of = {case_id: key.split("-")[0] for key, case_id in keys.items() if key.split("-")[0] in truth}
    escalated_ids = {case_id for key, case_id in keys.items() if key.endswith("-x")}
    received = dict(Case.objects.filter(pk__in=list(matter_of)).values_list("pk", "received_at"))
    first = min(received.values()) - dt.timedelta(days=7)
    cutoffs = []
    at = first
    while at < now:
        cutoffs.append(at)
        at += dt.timedelta(days=7)
    caught: dict[str, int] = {}  # matter -> the longest lead of a qualifying flag, in days
    true_flags: set[int] = set()
    false_flags: set[int] = set()
    late_flags: set[int] = set()
    for cutoff in cutoffs:
        for case_id in flags_at(cutoff, escalated_ids):
            matter = matter_of.get(case_id)
            escalated_at = truth.get(matter) if matter else None
            if escalated_at is None:
                false_flags.add(case_id)
                continue
            lead = (escalated_at - cutoff).days
            if LEAD_DAYS <= lead <= HORIZON_DAYS:
                true_flags.add(case_id)
                caught[matter] = max(caught.get(matter, 0), lead)  # type: ignore[index]
            elif lead < LEAD_DAYS:
                late_flags.add(case_id)
            else:
                false_flags.add(case_id)
    late_flags -= true_flags
    escalations = [m for m, at in truth.items() if at is not None]
    decoy_flags = {c for c in false_flags if matter_of.get(c)}
    leads = sorted(caught.values())
    recall = len(caught) / len(escalations) if escalations else 0.0
    flagged = len(true_flags) + len(false_flags)
    precision = len(true_flags) / flagged if flagged else 0.0
    emit({
        "recall": round(recall, 3), "precision": round(precision, 3),
        "escalations": len(escalations), "caught": len(caught), "decoy_matters": len(truth) - len(escalations),
        "flagged_cases": flagged, "true_alarms": len(true_flags), "false_alarms": len(false_flags),
        "false_alarms_on_decoys": len(decoy_flags), "late_flags": len(late_flags),
        "median_lead_days": leads[len(leads) // 2] if leads else None,
        "cases": len(keys), "cutoffs": len(cutoffs), "load_seconds": round(loaded - started, 1),
        "seconds": round(time.monotonic() - started, 1),
    })


if __name__ == "__main__":
    main()
