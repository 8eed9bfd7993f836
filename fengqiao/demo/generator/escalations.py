"""Planted escalations: matters that brew over weeks and then break out, for the warning backtest (bench/warning.py).

A matter is a dispute with one organisation behind it (unpaid wages, a property company, a polluting factory).
First a few people report it, one by one; a mediation may fail and its applicant come back; then, on the
escalation day, it grows into a many-party case, often with crisis language. Some matters (`decoys`) brew the
same way and then settle without breaking out: not every warning sign comes true.

The parameters below shape the truth the backtest checks against. The warning app's scorer never reads this
module (nor the spec keys it writes, which only the bench maps back to cases).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from fengqiao.demo.generator import people
from fengqiao.demo.generator.specs import CaseSpec, PartySpec, StepSpec

if TYPE_CHECKING:
    from fengqiao.demo.generator.cases import Generator

KEY_PREFIX = "esc"
TOPICS = {"wage_arrears": "construction", "property_fee": "property", "factory_smell": "factory",
          "prepaid_card": "shop"}
CRISIS_WORDS = ("有工人扬言再不给钱就从楼上跳下去。", "有人说再不解决就去堵路，和他们同归于尽。",
                "几名业主情绪激动，称要集体去县政府讨说法，有人说不想活了。")


@dataclass(frozen=True)
class EscalationParameters:
    matters: int = 24
    decoys: int = 8
    reports: tuple[int, int] = (2, 5)  # reports before the matter breaks out (or settles)
    brewing_days: tuple[int, int] = (20, 60)  # from the first report to the escalation
    failed_mediation: float = 0.6  # the first reporter's mediation fails and they come back
    quiet: float = 0.12  # matters with a single report and nothing more beforehand
    escalated_parties: tuple[int, int] = (12, 40)
    crisis: float = 0.5
    window_days: int = 330  # escalations fall within the last this many days


@dataclass(frozen=True)
class Escalation:
    """The truth of one planted matter: its key prefix and the day it broke out (None for a decoy)."""

    key: str
    escalated_at: dt.datetime | None


def _open_until_end(spec: CaseSpec) -> CaseSpec:
    """Keep the steps up to the case's acceptance (it stays in handling)."""
    kept: list[StepSpec] = []
    for step in spec.steps:
        kept.append(step)
        if step.action == "accept":
            return replace(spec, steps=kept)
    return replace(spec, steps=[s for s in kept if s.action in {"assign"}])


def _failed(spec: CaseSpec, at: dt.datetime) -> CaseSpec:
    """Accepted, then mediation fails at `at` (调解不成)."""
    spec = _open_until_end(spec)
    accept = next((s for s in spec.steps if s.action == "accept"), None)
    if accept is None or accept.at >= at:
        return spec
    fail = StepSpec("fail", at, accept.actor, note="双方分歧较大，调解不成，已告知当事人可通过仲裁、行政或诉讼途径解决。")
    return replace(spec, steps=[*spec.steps, fail])


def _settled(spec: CaseSpec, at: dt.datetime, now: dt.datetime) -> CaseSpec:
    """An open report settles at `at` (mediation succeeds), if that is in the past."""
    accept = next((s for s in spec.steps if s.action == "accept"), None)
    if accept is None or spec.steps[-1].action != "accept" or at >= now or at <= accept.at:
        return spec
    return replace(spec, steps=[*spec.steps, StepSpec("succeed", at, accept.actor, note="经调解，双方达成协议。")])


def _report(gen: Generator, topic_key: str, community, company: str, at: dt.datetime, key: str,
            applicant: PartySpec | None = None) -> CaseSpec:
    topic = gen.topic_by_key[topic_key]
    for _ in range(10):
        spec = gen.build(topic, process="dispute", channel="visit", community=community, received=at, many=False,
                         company=company, applicant=applicant, key=key)
        if any(s.action == "accept" for s in spec.steps):
            return spec
    return spec


def planted_escalations(gen: Generator, params: EscalationParameters | None = None
                        ) -> Iterator[tuple[CaseSpec, Escalation]]:
    """Each planted case with the truth of its matter, with the documents its steps need (as every generated
    case has: notices, routes, co-task reports before closing)."""
    from fengqiao.demo.generator.documents import with_documents

    for spec, truth in _planted(gen, params or EscalationParameters()):
        yield with_documents(spec, gen.county), truth


def _planted(gen: Generator, params: EscalationParameters) -> Iterator[tuple[CaseSpec, Escalation]]:
    rng = gen.rng
    topics = list(TOPICS)
    for number in range(params.matters + params.decoys):
        decoy = number >= params.matters
        topic_key = topics[number % len(topics)]
        community = gen.community_for(gen.topic_by_key[topic_key])
        company = people.company_name(rng, TOPICS[topic_key], place=community.name[:2])
        key = f"{KEY_PREFIX}{number:03d}"
        escalated = gen.now - dt.timedelta(days=rng.randint(14, params.window_days), hours=rng.uniform(0, 8))
        truth = Escalation(key=key, escalated_at=None if decoy else escalated)
        brewing = rng.randint(*params.brewing_days)
        first_at = escalated - dt.timedelta(days=brewing)
        quiet = not decoy and rng.random() < params.quiet
        count = 1 if quiet else rng.randint(*params.reports)
        settle = escalated + dt.timedelta(days=rng.uniform(3, 20))  # after it broke out, or when a decoy calms down

        def still_open(spec: CaseSpec, settle: dt.datetime = settle) -> CaseSpec:
            return _settled(_open_until_end(spec), settle, gen.now)

        first = _report(gen, topic_key, community, company, first_at, f"{key}-0")
        if not quiet and rng.random() < params.failed_mediation:
            failed_at = first_at + dt.timedelta(days=rng.uniform(3, brewing * 0.4))
            yield _failed(first, failed_at), truth
            back_at = failed_at + dt.timedelta(days=rng.uniform(1, 5))
            yield still_open(_report(gen, topic_key, community, company, back_at, f"{key}-0b",
                                     applicant=first.parties[0])), truth
        else:
            yield still_open(first), truth
        for index in range(1, count):
            at = first_at + dt.timedelta(days=brewing * index / count * rng.uniform(0.6, 0.95))
            yield still_open(_report(gen, topic_key, community, company, at, f"{key}-{index}")), truth
        if decoy:
            continue
        topic = gen.topic_by_key[topic_key]
        grown = gen.build(topic, process="dispute", channel="visit", community=community, received=escalated,
                          many=True, company=company, key=f"{key}-x")
        size = rng.randint(*params.escalated_parties)
        narrative = grown.narrative + (rng.choice(CRISIS_WORDS) if rng.random() < params.crisis else "")
        yield replace(grown, narrative=narrative, party_count=max(size, len(grown.parties))), truth
