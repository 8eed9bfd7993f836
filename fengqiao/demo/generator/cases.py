"""The demo case generator: thousands of plausible cases over the last months, reproducible from a seed.

`generate_cases(seed=…, count=…, now=…)` yields CaseSpec objects; the same arguments always
give the same cases. What it puts in:
- the scripted scenarios of the design notes (scenarios.py) and a property-complaint hotspot;
- repeat reports: the same applicant (same phone) writing about the same matter several times;
- a coverage prelude so that even a small run has every topic, dispute type, category,
  channel and every state of every process;
- the rest drawn by topic weight, with seasons (wage arrears before the Spring Festival,
  heating and water in winter, noise in summer) and a slowly growing volume.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from itertools import islice

from fengqiao.demo.generator import people
from fengqiao.demo.generator.county import County, RegionSpec, build_county
from fengqiao.demo.generator.paths import walk
from fengqiao.demo.generator.specs import CaseSpec, PartySpec
from fengqiao.demo.generator.timeline import CO_DEPARTMENTS, Choice, Planner
from fengqiao.demo.generator.topics import ESTATES, PROJECTS, SHOPS, TIMES, TOPICS, WORK, Topic

SPRING_FESTIVALS = [dt.date(2024, 2, 10), dt.date(2025, 1, 29), dt.date(2026, 2, 17), dt.date(2027, 2, 6), dt.date(2028, 1, 26)]
CHANNELS = {
    "dispute": {"visit": 25, "grid": 30, "online": 12, "court": 8, "police": 10, "hotline": 7, "letter": 3, "api": 5},
    "petition": {"letter": 35, "visit": 40, "online": 20, "hotline": 5},
    "workorder": {"hotline": 70, "online": 18, "api": 8, "grid": 4},
}
# The highest value season_factor() can take per kind of season (the envelope for drawing dates)
SEASON_PEAK = {"": 1.0, "spring_festival": 5.0, "winter": 4.5, "summer": 2.8}
ALL_CHANNELS = ["visit", "letter", "hotline", "online", "grid", "court", "police", "api"]
# Topics that belong to flats in town (社区) or to villages (村)
URBAN_TOPICS = {"property_fee", "lift_fault", "heating", "neighbour_noise", "house_quality", "neighbour_leak", "water_supply"}
RURAL_TOPICS = {"land_contract", "forest_boundary", "homestead_boundary", "land_compensation", "village_finance",
                "water_pollution", "neighbour_passage", "bus_service"}
HOTSPOT_COMMUNITY = "锦华苑社区"
# For each state: how many steps of a plain path lead there (None: the whole path), and the turns to take.
TARGET_PATHS: dict[str, dict[str, tuple[int | None, Choice]]] = {
    "dispute": {
        "registered": (0, Choice(plain=True, handling="department")),
        "dispatched": (1, Choice(plain=True, handling="department")),
        "mediating": (2, Choice(plain=True, handling="department")),
        "route_choice": (3, Choice(plain=True, handling="department", refused=True)),
        "mediated": (3, Choice(plain=True, handling="department", success=True)),
        "mediation_failed": (3, Choice(plain=True, handling="department", success=False)),
        "follow_up": (4, Choice(plain=True, handling="department")),
        "closed": (None, Choice(plain=True, handling="department")),
        "declined": (None, Choice(plain=True, redirect=True)),
    },
    "petition": {
        "registered": (0, Choice(plain=True, decline=False)),
        "dispatched": (1, Choice(plain=True, decline=False)),
        "accepted": (2, Choice(plain=True, decline=False)),
        "answered": (3, Choice(plain=True, decline=False)),
        "review": (4, Choice(plain=True, decline=False, review=2)),
        "reviewed": (5, Choice(plain=True, decline=False, review=2)),
        "re_review": (6, Choice(plain=True, decline=False, review=2)),
        "closed": (None, Choice(plain=True, decline=False, review=0)),
        "not_accepted": (None, Choice(plain=True, decline=True)),
        "legal_channel": (None, Choice(plain=True, redirect=True)),
    },
    "workorder": {
        "received": (0, Choice(plain=True, direct_close=False)),
        "dispatched": (1, Choice(plain=True, direct_close=False)),
        "handling": (2, Choice(plain=True, direct_close=False)),
        "replied": (3, Choice(plain=True, direct_close=False)),
        "visited": (4, Choice(plain=True, direct_close=False)),
        "closed": (None, Choice(plain=True, direct_close=False)),
        "redirected": (None, Choice(plain=True, redirect=True)),
    },
}


class Slots(dict):
    """Template slots, each drawn only when a template asks for it (fewer draws, same story for title and text)."""

    def __init__(self, gen: Generator, community: RegionSpec, received: dt.datetime, **known: str) -> None:
        super().__init__(**known)
        self.gen, self.community, self.received = gen, community, received

    def __missing__(self, key: str) -> str:
        rng = self.gen.rng
        if key == "months":
            value = str(rng.randint(2, 8))
        elif key == "start":
            back = self.received.date() - dt.timedelta(days=30 * int(self["months"]))
            value = f"{back.year}年{back.month}月"
        elif key == "fee2":
            value = str(int(self["fee"]) + rng.choice((100, 150, 200)))
        else:
            value = SLOT_DRAWS[key](self.gen, self)
        self[key] = value
        return value


SLOT_DRAWS = {
    "street": lambda g, s: g.county.street_of(s.community.code).name,
    "address": lambda g, s: g.address(s.community),
    "amount": lambda g, s: str(g.rng.randrange(8, 400) * 500),
    "small": lambda g, s: str(g.rng.randrange(6, 180) * 50),
    "total": lambda g, s: str(int(s["count"]) * g.rng.randrange(16, 80) * 500),
    "days": lambda g, s: str(g.rng.randint(3, 40)),
    "years": lambda g, s: str(g.rng.randint(2, 12)),
    "age": lambda g, s: str(g.rng.randint(62, 91)),
    "area": lambda g, s: f"{g.rng.randint(1, 30) / 2:g}",
    "width": lambda g, s: f"{g.rng.randint(3, 15) / 10:g}",
    "distance": lambda g, s: str(g.rng.randint(80, 600)),
    "time": lambda g, s: g.rng.choice(TIMES),
    "project": lambda g, s: g.rng.choice(PROJECTS),
    "estate": lambda g, s: g.rng.choice(ESTATES),
    "work": lambda g, s: g.rng.choice(WORK),
    "shop": lambda g, s: g.rng.choice(SHOPS),
    "plate": lambda g, s: people.plate_number(g.rng),
    "deadline": lambda g, s: g.rng.choice(("上个月底", "中秋节", "国庆节", "元旦")),
    "fee": lambda g, s: str(g.rng.choice((150, 200, 260, 300))),
}


def weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


class Generator:
    def __init__(self, *, seed: int, now: dt.datetime, months: int, count: int, county: County | None = None) -> None:
        self.rng = random.Random(seed)
        self.count = count
        self.now = now
        self.months = months
        self.span_days = max(int(months * 30.44), 7)
        self.county = county or build_county()
        self.planner = Planner(self.county, self.rng)
        self.urban = [c for c in self.county.level(3) if c.name.endswith("社区") and c.name != HOTSPOT_COMMUNITY]
        self.rural = [c for c in self.county.level(3) if c.name.endswith("村")]
        self.everywhere = [c for c in self.county.level(3) if c.name != HOTSPOT_COMMUNITY]
        self.topic_by_key = {t.key: t for t in TOPICS}
        self.serial = 0

    # -- places and times --------------------------------------------------------------------------
    def community_for(self, topic: Topic) -> RegionSpec:
        if topic.key in URBAN_TOPICS:
            return self.rng.choice(self.urban)
        if topic.key in RURAL_TOPICS:
            return self.rng.choice(self.rural)
        # town streets are busier than villages
        return self.rng.choice(self.urban + self.everywhere)

    def season_factor(self, topic: Topic, day: dt.date) -> float:
        factor = 1.0
        if topic.season == "spring_festival":
            for festival in SPRING_FESTIVALS:
                before = (festival - day).days
                if 0 <= before <= 61:
                    factor = 2.0 + 3.0 * (1 - before / 61)
        elif topic.season == "winter":
            factor = {12: 4.0, 1: 4.5, 2: 3.0, 11: 1.2, 3: 0.8}.get(day.month, 0.12)
        elif topic.season == "summer":
            factor = {6: 2.0, 7: 2.8, 8: 2.6, 9: 1.3}.get(day.month, 0.8)
        return factor

    def received_at(self, topic: Topic, channel: str, *, max_days: int | None = None) -> dt.datetime:
        span = min(max_days or self.span_days, self.span_days)
        while True:
            days_back = self.rng.random() * span
            day = (self.now - dt.timedelta(days=days_back)).date()
            trend = 0.75 + 0.5 * (1 - days_back / span)
            if self.rng.random() * SEASON_PEAK[topic.season] * 1.25 <= self.season_factor(topic, day) * trend:
                break
        return self.clock_time(day, channel)

    def clock_time(self, day: dt.date, channel: str) -> dt.datetime:
        if channel in {"hotline", "online", "api"}:
            minutes = self.rng.randint(6 * 60, 23 * 60 + 30)
        elif channel == "grid":
            minutes = self.rng.randint(8 * 60, 20 * 60)
        else:
            minutes = self.rng.randint(8 * 60 + 30, 17 * 60)
        at = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60, self.rng.randint(0, 59)), tzinfo=self.now.tzinfo)
        if at > self.now:
            at = self.now - dt.timedelta(minutes=self.rng.randint(30, 300))
        return at

    def address(self, community: RegionSpec) -> str:
        if community.name.endswith("社区"):
            return (f"{community.name}{self.rng.randint(1, 28)}幢{self.rng.randint(1, 4)}单元"
                    f"{self.rng.randint(1, 18)}0{self.rng.randint(1, 4)}室")
        return f"{community.name}{self.rng.randint(1, 9)}组{self.rng.randint(1, 120)}号"

    def jitter(self, region: RegionSpec) -> tuple[str, str]:
        lat = region.latitude + Decimal(f"{self.rng.uniform(-0.0015, 0.0015):.6f}")
        lng = region.longitude + Decimal(f"{self.rng.uniform(-0.0015, 0.0015):.6f}")
        return str(lat), str(lng)

    # -- people ------------------------------------------------------------------------------------
    def person(self, community: RegionSpec, *, role: str = "applicant", with_id: float = 0.6, with_phone: float = 0.9,
               representative: bool = False, name: str = "") -> PartySpec:
        rng = self.rng
        female = rng.random() < 0.45
        return PartySpec(
            name=name or people.person_name(rng, female=female),
            role=role,
            id_number=people.id_number(rng, female=female, today=self.now.date()) if rng.random() < with_id else "",
            phone=people.phone_number(rng) if rng.random() < with_phone else "",
            address=self.address(community) if rng.random() < 0.6 else "",
            is_representative=representative,
        )

    def organisation(self, name: str, role: str = "respondent") -> PartySpec:
        return PartySpec(name=name, role=role, kind="organisation",
                         id_number=people.credit_code(self.rng) if self.rng.random() < 0.5 else "")

    # -- one case ------------------------------------------------------------------------------------
    def slots(self, topic: Topic, community: RegionSpec, applicant: str, respondent: str, company: str, count: int,
              received: dt.datetime) -> Slots:
        return Slots(self, community, received, applicant=applicant, respondent=respondent, company=company,
                     place=community.name, count=str(count))

    def build(self, topic: Topic, *, process: str | None = None, channel: str | None = None, community: RegionSpec | None = None,
              received: dt.datetime | None = None, target_state: str | None = None, many: bool | None = None,
              applicant: PartySpec | None = None, prefix: str = "", company: str = "", key: str = "") -> CaseSpec:
        rng = self.rng
        process = process or weighted(rng, topic.processes)
        if channel is None:
            channel = weighted(rng, CHANNELS[process])
        community = community or self.community_for(topic)
        grid_code = rng.choice(self.county.grids_of(community.code))
        region_code = community.code if process == "petition" else grid_code
        stop_after, choice = TARGET_PATHS[process][target_state] if target_state else (None, None)
        received = received or self.received_at(topic, channel)
        many = (rng.random() < topic.many_party) if many is None else many
        count = rng.randint(*topic.many_range) if many else 1

        if not company and topic.respondent.startswith("company:"):
            company = people.company_name(rng, topic.respondent.split(":")[1])
        company = company or people.company_name(rng, "construction")
        respondent_name = people.person_name(rng) if rng.random() < 0.7 else people.anonymised_name(rng)
        parties: list[PartySpec] = []
        if applicant is None:
            applicant = self.person(community, representative=many, with_id=0.55 if channel == "online" else 0.7)
        parties.append(applicant)
        listed = min(count, 40)
        for _ in range(listed - 1):
            parties.append(self.person(community, with_phone=0.5, with_id=0.8))
        if topic.respondent.startswith("company:"):
            parties.append(self.organisation(company))
            if topic.key == "wage_arrears":
                parties.append(PartySpec(name=respondent_name, role="respondent", phone=people.phone_number(rng)))
        elif topic.respondent == "person":
            parties.append(PartySpec(name=respondent_name, role="respondent",
                                     phone=people.phone_number(rng) if rng.random() < 0.4 else ""))
        slots = self.slots(topic, community, applicant.name, respondent_name, company, count, received)
        index = rng.randrange(len(topic.narratives))
        titles = [t for i, t in enumerate(topic.titles) if i % len(topic.narratives) == index] or topic.titles
        title = rng.choice(titles).format_map(slots)
        narrative = prefix + topic.narratives[index].format_map(slots)
        if channel == "grid":
            narrative = "网格员巡查发现：" + narrative
        elif channel == "court":
            narrative += "（县法院诉前委派调解）"
        elif channel == "police":
            narrative += "（派出所警调对接移交）"

        department = self.county.department(topic.department, region_code)
        dispute_type = topic.dispute_type
        if process == "dispute":
            handling = weighted(rng, topic.handling)
            if channel in {"court", "police"} and handling == "grid":
                handling = "mediator"
            co = []
            if (many and rng.random() < 0.6) or rng.random() < 0.04:
                co = [self.county.department(c, region_code) for c in CO_DEPARTMENTS.get(dispute_type, ["pcs"])]
            co = [c for c in co if c != department]
            drafts = self.planner.dispute(region=region_code, department=department, handling=handling,
                                          dispute_type=dispute_type, co_departments=co, choice=choice)
        elif process == "petition":
            drafts = self.planner.petition(region=region_code, department=department, category=topic.category, choice=choice)
        else:
            drafts = self.planner.workorder(region=region_code, department=department, category=topic.category, choice=choice)
        if target_state is not None:
            # start early enough that the steps up to the target are all in the past
            needed = sum(d.delay[1] + 24 for d in drafts[:stop_after])
            received = self.clock_time((self.now - dt.timedelta(hours=needed + rng.uniform(1, 48))).date(), channel)
        stuck = target_state is None and (self.now - received).days > 45 and rng.random() < 0.02
        steps = self.planner.timed(drafts, start=received, now=self.now, process=process, stuck=stuck, stop_after=stop_after)
        lat, lng = self.jitter(self.county.by_code[grid_code])
        urgency = "normal"
        if rng.random() < topic.urgent or (many and count > 15):
            urgency = "urgent"
        if rng.random() < 0.005:
            urgency = "critical"
        self.serial += 1
        external = ""
        if channel == "hotline":
            external = f"12345-{received:%Y%m%d}{self.serial % 10000:04d}"
        elif channel == "court":
            external = f"（{received.year}）青溪诉前调{self.serial % 1000:03d}号"
        return CaseSpec(
            key=key or f"g{self.serial:06d}", process=process, channel=channel, title=title[:200], narrative=narrative,
            region=region_code, received_at=received, registered_by=self.registrar(channel, region_code, process),
            parties=parties, steps=steps, category=topic.category, dispute_type=dispute_type, urgency=urgency,
            party_count=max(count + len(parties) - listed, len(parties)), address=slots["address"] if process != "petition" else "",
            latitude=lat, longitude=lng, external_ref=external, topic=topic.key,
        )

    def registrar(self, channel: str, region_code: str, process: str) -> str:
        if channel == "online":
            return ""
        if channel == "grid":
            return self.planner.grid_worker(region_code)
        if channel in {"visit", "police"} and process == "dispute":
            return self.planner.center(region_code)
        return self.rng.choice(self.county.county_center())

    # -- the whole set -------------------------------------------------------------------------------
    def coverage(self) -> Iterator[CaseSpec]:
        """One case per topic, one per channel, one per state of every process."""
        for topic in TOPICS:
            yield self.build(topic)
        for channel in ALL_CHANNELS:
            yield self.build(self.topic_by_key["neighbour_leak"], process="dispute", channel=channel)
        for process, targets in TARGET_PATHS.items():
            topic = {"dispute": "private_loan", "petition": "land_compensation", "workorder": "road_damage"}[process]
            for state in targets:
                yield self.build_state(self.topic_by_key[topic], process, state)
        yield from self.deadline_mix(self.count)

    def deadline_mix(self, count: int) -> Iterator[CaseSpec]:
        """Open cases on every kind of clock: just registered (green) and past the warning point (yellow)."""
        for _ in range(2):
            spec = self.build_state(self.topic_by_key["neighbour_leak"], "dispute", "registered")
            spec.received_at = (self.now - dt.timedelta(hours=self.rng.uniform(1, 6))).replace(microsecond=0)
            yield spec
        plan = [("petition", "accepted", "land_compensation", (50, 57)), ("dispute", "mediating", "private_loan", (25, 28))]
        for number in range(max(2, count // 400)):
            process, state, topic, (low, high) = plan[number % len(plan)]
            spec = self.build_state(self.topic_by_key[topic], process, state)
            entered = self.now - dt.timedelta(days=self.rng.randint(low, high))
            shift = dt.timedelta(days=(entered.date() - spec.steps[-1].at.date()).days)
            spec.received_at += shift
            spec.steps = [replace(step, at=step.at + shift) for step in spec.steps]
            yield spec

    def build_state(self, topic: Topic, process: str, state: str) -> CaseSpec:
        """A case that ends in `state` (a plain path cut after the right number of steps)."""
        for _ in range(20):
            spec = self.build(topic, process=process, target_state=state, channel=weighted(self.rng, CHANNELS[process]))
            if walk(spec.process, [s.action for s in spec.steps]) == state:
                return spec
        raise RuntimeError(f"no generated path reaches {process}.{state}")

    def repeats(self, clusters: int) -> Iterator[CaseSpec]:
        """The same person reporting the same matter three to five times, with much the same words."""
        keys = ["neighbour_noise", "factory_smell", "construction_noise", "property_fee", "lift_fault", "road_damage",
                "water_pollution", "wage_arrears", "subsidy"]
        ordinals = ["", "再次反映：", "第三次反映：", "第四次反映：", "第五次反映："]
        for number in range(clusters):
            topic = self.topic_by_key[keys[number % len(keys)]]
            community = self.community_for(topic)
            applicant = self.person(community, with_id=0.5, with_phone=1.0)
            process = {"subsidy": "petition", "wage_arrears": "dispute"}.get(topic.key, "workorder")
            channel = "letter" if process == "petition" else "hotline"
            times = self.rng.randint(3, 5)
            at = min(self.received_at(topic, channel), self.now - dt.timedelta(days=12 * times))
            first: CaseSpec | None = None
            for index in range(times):
                spec = self.build(topic, process=process, channel=channel, community=community, received=at,
                                  applicant=applicant, many=False, key=f"r{number:03d}-{index}")
                if first is None:
                    first = spec
                else:
                    spec.title = first.title
                    spec.narrative = f"{ordinals[index]}{first.narrative}此前已反映过{index}次，问题至今没有解决。"
                    spec.region, spec.address = first.region, first.address
                    spec.latitude, spec.longitude = first.latitude, first.longitude
                yield spec
                at = at + dt.timedelta(days=self.rng.uniform(4, 11), hours=self.rng.uniform(-3, 3))

    def generic(self, count: int) -> Iterator[CaseSpec]:
        weights = [t.weight for t in TOPICS]
        for _ in range(count):
            yield self.build(self.rng.choices(TOPICS, weights=weights)[0])


def generate_cases(*, seed: int, count: int, now: dt.datetime, months: int = 24, county: County | None = None) -> Iterator[CaseSpec]:
    """Yield exactly `count` case descriptions: scenarios and coverage first (all of them from about 150 cases on)."""
    from fengqiao.demo.generator.documents import with_documents
    from fengqiao.demo.generator.scenarios import scenario_cases

    generator = Generator(seed=seed, now=now, months=months, count=count, county=county)

    def everything() -> Iterator[CaseSpec]:
        produced = 0
        for part in (scenario_cases(generator, count), generator.coverage(), generator.repeats(max(2, count // 200))):
            for spec in part:
                produced += 1
                yield with_documents(spec, generator.county)
        for spec in generator.generic(max(count - produced, 0)):
            yield with_documents(spec, generator.county)

    return islice(everything(), count)
