"""The scripted cases: the scenarios of the design notes, told with the demo county's people.

1. Twenty-three workers unpaid before the Spring Festival (joint handling, a crisis call).
2. Noise in 柳湾社区 settled by the grid worker (小事不出村).
3. Land compensation petitions from 东坪村 registered on 2 October (legal clocks, extension, 复查).
4. A cluster of hotline orders about one feed mill's smell.
5. Property complaints in 锦华苑社区 rising over the last three weeks (a hotspot).
6. A family dispute in which one side threatens violence (referral to the police).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from fengqiao.demo.generator import people
from fengqiao.demo.generator.specs import (
    ASSIGN_CO,
    EXTENSION_APPROVE,
    EXTENSION_REQUEST,
    NOTE,
    CaseSpec,
    PartySpec,
    StepSpec,
)

if TYPE_CHECKING:
    from fengqiao.demo.generator.cases import Generator

HOTSPOT_COMPANY = "锦华苑物业服务有限公司"
FEED_MILL = "青溪金诺饲料有限公司"


def scenario_cases(gen: Generator, count: int) -> Iterator[CaseSpec]:
    yield from _wages(gen)
    yield _noise(gen)
    yield from _land_petitions(gen)
    yield from _feed_mill(gen, count)
    yield from _hotspot(gen, count)
    yield _family_threat(gen)


def _at(gen: Generator, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=gen.now.tzinfo)


def _past(gen: Generator, steps: list[StepSpec]) -> list[StepSpec]:
    """Only what has happened by now (a scenario dated near today stops where today is)."""
    limit = gen.now - dt.timedelta(minutes=20)
    kept = []
    for step in steps:
        if step.at > limit:
            break
        kept.append(step)
    return kept


def _wages(gen: Generator) -> Iterator[CaseSpec]:
    from fengqiao.demo.generator.cases import SPRING_FESTIVALS

    festivals = [f for f in SPRING_FESTIVALS if f <= (gen.now - dt.timedelta(days=30)).date()
                 and (gen.now.date() - f).days < gen.span_days]
    if not festivals:
        return
    festival = festivals[-1]
    day0 = festival - dt.timedelta(days=34)  # mid-January for a mid-February festival
    community = gen.county.community_named("新河社区")
    grid = gen.county.grids_of(community.code)[2]
    workers = [gen.person(community, with_id=1.0, with_phone=0.6, representative=(i == 0)) for i in range(23)]
    sub = "青溪恒固建筑劳务有限公司"
    main = "青溪宏建建设集团有限公司"
    parties = [*workers, PartySpec(name=sub, role="respondent", kind="organisation", id_number=people.credit_code(gen.rng)),
               PartySpec(name=main, role="respondent", kind="organisation", id_number=people.credit_code(gen.rng))]
    d = lambda n: day0 + dt.timedelta(days=n)  # noqa: E731
    steps = [
        StepSpec("assign", _at(gen, d(0), 14, 5), "demo-center", to_department="qx-rsj",
                 note="涉及23名农民工、临近春节，风险等级橙色，请县人社局牵头联合处置。", public_note="已转交县人社局牵头办理。"),
        StepSpec("accept", _at(gen, d(1), 9, 10), "demo-handler", note="人社局牵头受理，劳动保障监察大队介入。",
                 public_note="您反映的问题已受理，正在办理。"),
        StepSpec(ASSIGN_CO, _at(gen, d(1), 9, 40), "demo-center", to_department="qx-zjj",
                 note="项目施工许可和农民工工资保证金由县住建局协办。"),
        StepSpec(ASSIGN_CO, _at(gen, d(1), 9, 42), "demo-center", to_department="qx-pcs-qingshi",
                 note="请青石派出所协助维护现场秩序。"),
        StepSpec(NOTE, _at(gen, d(2), 15, 0), "demo-handler",
                 note="已核实考勤记录，欠薪总额约41.4万元；分包单位负责人失联，已约谈总包单位。"),
        StepSpec("succeed", _at(gen, d(5), 16, 30), "demo-handler",
                 note="在青石街道劳动争议调解室调解成功：总包单位从农民工工资保证金中分两期支付，"
                      "一周内支付一半，春节前十天付清。已告知当事人可在协议生效之日起30日内共同申请司法确认。",
                 public_note="经调解达成协议，工资分两期支付。"),
        StepSpec(NOTE, _at(gen, d(7), 20, 10), "demo-counsellor",
                 note="一名工人在群众端留言情绪激动，值班心理咨询师一小时内电话联系，情绪已稳定，已告知付款安排。"),
        StepSpec(NOTE, _at(gen, d(13), 9, 0), "demo-handler", note="第一期款项逾期未付，已向总包单位发出督办通知。"),
        StepSpec(NOTE, _at(gen, d(15), 11, 0), "demo-handler", note="第一期款项已支付到位。"),
        StepSpec("follow_up", _at(gen, d(25), 10, 0), "demo-handler", note="两期款项全部支付到位，工人代表表示满意。"),
        StepSpec("close", _at(gen, d(26), 9, 30), "demo-center", public_note="工资已全部支付，案件办结。"),
    ]
    lat, lng = gen.jitter(gen.county.by_code[grid])
    yield CaseSpec(
        key="scenario-wages", process="dispute", channel="grid", title="23名农民工被拖欠五个月工资",
        narrative=("网格员在青石街道锦华名苑二期工地门口遇到23名轻质隔墙安装工人，反映分包单位" + sub + "已五个月未发工资，"
                   "合计约41万元，包工头电话打不通，总包单位" + main + "称工程款已拨付给分包。工人们多为外地人，"
                   "春节临近急于返乡，情绪激动，准备到县政府上访。"),
        region=grid, received_at=_at(gen, d(0), 10, 20), registered_by=gen.county.grid_worker(grid), parties=parties,
        steps=_past(gen, steps), category="labour_social_security", dispute_type="labour", urgency="urgent",
        address="青石街道锦华名苑二期工地", latitude=lat, longitude=lng, topic="wage_arrears",
    )


def _noise(gen: Generator) -> CaseSpec:
    community = gen.county.community_named("柳湾社区")
    grid = gen.county.grids_of(community.code)[0]
    day = (gen.now - dt.timedelta(days=12)).date()
    applicant = gen.person(community, with_id=0.0, with_phone=1.0)
    upstairs = PartySpec(name=people.anonymised_name(gen.rng), role="respondent")
    steps = [
        StepSpec("accept", _at(gen, day + dt.timedelta(days=1), 19, 30), "demo-grid",
                 note="网格员晚上上门，分别走访楼上楼下两户。", public_note="网格员已受理，正在调解。"),
        StepSpec("succeed", _at(gen, day + dt.timedelta(days=1), 20, 15), "demo-grid",
                 note="双方约定晚上十点后不拖动家具，楼上给椅子脚套上防滑垫。", public_note="经调解，双方已达成一致。"),
        StepSpec("follow_up", _at(gen, day + dt.timedelta(days=4), 10, 0), "demo-grid",
                 note="群众端回访：问题已解决，评价“满意”。"),
        StepSpec("close", _at(gen, day + dt.timedelta(days=4), 10, 5), "demo-grid", public_note="您的事项已办结，感谢您的支持。"),
    ]
    lat, lng = gen.jitter(gen.county.by_code[grid])
    return CaseSpec(
        key="scenario-noise", process="dispute", channel="online", title="楼上半夜拖动家具噪音扰民",
        narrative=f"我住{community.name}7幢2单元502室，楼上住户每天半夜十二点以后还在拖动家具，声音很大，"
                  "家里老人和孩子都睡不好，上去敲过门没人理，希望社区帮忙协调。",
        region=grid, received_at=_at(gen, day, 21, 40), registered_by="", parties=[applicant, upstairs],
        steps=_past(gen, steps), category="civil_dispute", dispute_type="neighbour", address=f"{community.name}7幢2单元502室",
        latitude=lat, longitude=lng, topic="neighbour_noise",
    )


def _land_petitions(gen: Generator) -> Iterator[CaseSpec]:
    village = gen.county.community_named("东坪村")
    handler = gen.county.handlers("qx-zrzyj")[0]
    years = [y for y in (gen.now.year - 1, gen.now.year) if dt.date(y, 10, 2) < (gen.now - dt.timedelta(days=2)).date()
             and (gen.now.date() - dt.date(y, 10, 2)).days < gen.span_days]
    for year in years:
        day = dt.date(year, 10, 2)
        d = lambda n, day=day: day + dt.timedelta(days=n)  # noqa: E731
        villager = gen.person(village, with_id=1.0, with_phone=1.0)
        steps = [
            StepSpec("assign", _at(gen, d(7), 10, 0), "demo-center", to_department="qx-zrzyj",
                     note="涉及征地补偿标准，转送县自然资源局办理。", public_note="已转送县自然资源局办理。"),
            StepSpec("accept", _at(gen, d(11), 15, 20), handler, note="决定受理，已书面告知信访人。", public_note="您的信访事项已受理。"),
            StepSpec(EXTENSION_REQUEST, _at(gen, d(53), 9, 30), handler, days=30,
                     note="需会同东坪镇核实地类和面积，并征求县交通运输局意见，申请延长办理期限30日。"),
            StepSpec(EXTENSION_APPROVE, _at(gen, d(54), 11, 0), "demo-center", days=30, note="同意延期30日，理由告知信访人。"),
            StepSpec("answer", _at(gen, d(81), 16, 0), handler,
                     note="书面答复：该地块属一类区片，按县征地区片综合地价标准补偿，依据《土地管理法》第四十八条；"
                          "地上青苗和果树按实际清点数量补偿。如不服，可自收到答复之日起30日内向县人民政府申请复查。",
                     public_note="已出具书面答复意见，并告知复查途径。"),
            StepSpec("request_review", _at(gen, d(101), 10, 30), "demo-center",
                     note="信访人在收到答复后第20日申请复查，认为果树数量清点有误。", public_note="您的复查申请已收到。"),
            StepSpec("answer", _at(gen, d(127), 15, 0), handler,
                     note="复查意见：经重新清点，补发果树补偿款3,600元，其余维持原答复。",
                     public_note="已出具复查意见。"),
            StepSpec("close", _at(gen, d(135), 10, 0), handler, public_note="您的信访事项已办结。"),
        ]
        yield CaseSpec(
            key=f"scenario-land-{year}", process="petition", channel="letter", title="道路建设征收承包地补偿标准问题",
            narrative=f"东坪村村民{villager.name}来信反映：县里修建东坪至溪口公路，征收了其家承包地2.3亩，"
                      "补偿款只按旱地标准发放，但该地块多年来一直种植水稻和柑橘，要求按水田标准补偿并补发果树补偿。",
            region=village.code, received_at=_at(gen, day, 9, 40), registered_by="demo-center", parties=[villager],
            steps=_past(gen, steps), category="urban_construction", dispute_type="expropriation", topic="land_compensation",
        )


def _feed_mill(gen: Generator, count: int) -> Iterator[CaseSpec]:
    topic = gen.topic_by_key["factory_smell"]
    village = gen.county.community_named("沙洲村")
    size = min(40, max(5, round(40 * count / 6000)))
    start = gen.now - dt.timedelta(days=13)
    for index in range(size):
        at = start + dt.timedelta(hours=gen.rng.uniform(0, 6 * 24))
        spec = gen.build(topic, process="workorder", channel="hotline", community=village, received=at,
                         company=FEED_MILL, many=False, key=f"scenario-feed-{index:02d}")
        spec.title = gen.rng.choice(("饲料厂异味扰民", "沙洲村附近工厂刺鼻气味", "夜间饲料加工异味"))
        spec.narrative = (f"来电人反映沙洲村附近的{FEED_MILL}这几天晚上一直散发刺鼻的发酵气味，"
                          + gen.rng.choice(("整个村子都能闻到，", "窗户关着也挡不住，", "孩子闻了恶心想吐，"))
                          + "希望环保部门尽快查处。")
        yield spec


def _hotspot(gen: Generator, count: int) -> Iterator[CaseSpec]:
    """About two complaints a week in 锦华苑社区, then 4, 7 and 11 in the last three weeks (at 6,000 cases)."""
    community = gen.county.community_named("锦华苑社区")
    scale = count / 6000
    topics = [gen.topic_by_key["property_fee"], gen.topic_by_key["lift_fault"]]
    weeks = gen.span_days // 7
    number = 0
    for week in range(weeks, 0, -1):
        week_start = gen.now - dt.timedelta(days=7 * week)
        if week > 3:
            expected = 2 * scale
            n = int(expected) + (1 if gen.rng.random() < expected - int(expected) else 0)
            company_share = 0.4
        else:
            n = max({3: 2, 2: 4, 1: 6}[week], round({3: 4, 2: 7, 1: 11}[week] * scale))
            company_share = 0.85
        for _ in range(n):
            at = week_start + dt.timedelta(hours=gen.rng.uniform(0, 7 * 24 - 1))
            company = HOTSPOT_COMPANY if gen.rng.random() < company_share else ""
            topic = gen.rng.choice(topics)
            yield gen.build(topic, community=community, received=at, company=company, key=f"scenario-hotspot-{number:03d}")
            number += 1


def _family_threat(gen: Generator) -> CaseSpec:
    village = gen.county.community_named("龙潭村")
    grid = gen.county.grids_of(village.code)[1]
    mediator = gen.county.mediator(village.code)
    day = (gen.now - dt.timedelta(days=6)).date()
    woman = gen.person(village, with_id=1.0, with_phone=1.0)
    woman = PartySpec(name=woman.name, id_number=people.id_number(gen.rng, female=True, today=gen.now.date()),
                      phone=woman.phone, address=woman.address)
    former = PartySpec(name=people.person_name(gen.rng, female=False), role="respondent", phone=people.phone_number(gen.rng))
    steps = [
        StepSpec("accept", _at(gen, day, 10, 30), mediator, note="村人民调解委员会受理，约定两日后调解。",
                 public_note="人民调解委员会已受理。"),
        StepSpec(NOTE, _at(gen, day + dt.timedelta(days=2), 16, 0), mediator,
                 note="调解中申请人称前夫曾扬言“和我同归于尽”。已按人民调解法第二十五条报告东坪派出所，并通知心理咨询师跟进；"
                      "经双方同意继续调解，已记录安全预案：分开调解，民警在场。"),
        StepSpec(ASSIGN_CO, _at(gen, day + dt.timedelta(days=2), 16, 20), "demo-center", to_department="qx-pcs-dongping",
                 note="可能激化为治安或刑事案件，请派出所协助。"),
    ]
    lat, lng = gen.jitter(gen.county.by_code[grid])
    return CaseSpec(
        key="scenario-family", process="dispute", channel="visit", title="离婚后房屋分割纠纷（有过激言语）",
        narrative=f"{woman.name}与前夫{former.name}离婚后仍同住在龙潭村的老房子里，对房屋如何分割一直谈不拢，"
                  "她请求村调委会帮助分割房屋，并称前夫最近多次酒后吵闹。",
        region=grid, received_at=_at(gen, day, 9, 15), registered_by=mediator, parties=[woman, former],
        steps=_past(gen, steps), category="civil_dispute", dispute_type="marriage_family", urgency="critical",
        address=f"龙潭村3组{gen.rng.randint(1, 80)}号", latitude=lat, longitude=lng, topic="divorce_property",
    )
