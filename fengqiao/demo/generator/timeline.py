"""How a generated case moves: the steps it takes, who takes them, when, and what they write.

The actions are those of the seeded workflow (cases/seed.py); the loader checks each one
against the Transition table, so a path that the workflow does not allow fails loudly.
A path is cut where it would pass the present moment, which leaves recent cases open;
a few older cases are left stuck in an open step, and those show as overdue.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from fengqiao.demo.generator.county import County
from fengqiao.demo.generator.specs import (
    ASSIGN_CO,
    EXTENSION_APPROVE,
    EXTENSION_REQUEST,
    NOTE,
    StepSpec,
)

# States whose kind is open, per process (mirrors the seed; used to choose where a stuck case stops)
OPEN_AFTER = {
    "dispute": {"assign", "accept", "transfer", "reopen", "return"},
    "petition": {"assign", "accept", "transfer", "request_review", "request_re_review", "return"},
    "workorder": {"assign", "accept", "transfer", "reopen", "return"},
}

RESOLUTIONS = {
    "labour": ["用人单位同意在{pay_day}前一次性支付拖欠工资{amount}元", "双方同意按{amount}元结算，分两期付清",
               "公司同意补缴社保并支付经济补偿{amount}元"],
    "neighbour": ["双方约定晚上十点后不再发出噪声，互相留了电话", "楼上住户同意请人重做防水并承担维修费{amount}元",
                  "对方同意拆除围墙、恢复通道，双方握手言和"],
    "marriage_family": ["子女三人约定每月各支付赡养费{fee}元并轮流照料", "双方约定房屋归女方所有，女方补偿男方{amount}元",
                        "男方同意补付抚养费并按月转账"],
    "housing_homestead": ["双方按原宅基地证界址确认边界，越界部分由被申请人自行拆除", "开发商同意在30日内完成维修并接受业主代表验收"],
    "land": ["承包地于秋收后返还申请人，当季收成归耕种方", "流转方同意于月底前付清两年租金"],
    "contract": ["借款人同意分{months}期归还借款本金", "装修公司同意退还预付款{amount}元"],
    "business": ["设备按七折作价，由继续经营方补偿退伙方{amount}元", "房东同意按原合同租金续租至期满"],
    "damages": ["被申请人一次性赔偿医疗费、误工费等共计{amount}元", "犬主承担全部疫苗和医疗费用并当面致歉"],
    "expropriation": ["补偿款按公示标准重新核算，差额部分于本月发放", "街道协调延长过渡费发放至安置房交付"],
    "environment": ["企业加装废气处理设施并承诺夜间停产整改", "养殖场停止直排，限期建设污水处理池"],
    "medical": ["医院同意减免部分住院费用并补偿{amount}元", "诊所一次性补偿{amount}元"],
    "traffic": ["肇事方先行垫付医疗费{amount}元，其余待保险理赔后结算", "对方公司同意赔偿维修费和误工费{amount}元"],
    "property_mgmt": ["物业公司暂停执行新收费标准，待业主大会表决", "物业承诺十日内修复电梯并公示维修资金使用情况"],
    "consumer": ["商家同意退还剩余费用{amount}元", "商家同意更换新品"],
    "village_affairs": ["村委会承诺本月底前公开近三年集体收支账目", "重新召开村民代表会议评议"],
    "other": ["双方各让一步，当场和解", "经协调，问题已解决"],
}
REPLIES = {
    "environment": "执法人员夜间到现场检查，责令企业停产整改，已立案调查。",
    "transport": "已安排养护单位修复路面并设置警示标志。",
    "education_culture": "经核实，已责令学校退还所收费用，并向家长说明政策。",
    "health": "已向来电人解释报销政策，并提醒卫生院改进服务。",
    "urban_construction": "已联系物业和供水单位现场处理，问题已解决。",
    "commerce_tourism": "已约谈经营者，督促其退还费用，消费者表示接受。",
    "labour_social_security": "劳动监察大队已约谈用人单位，责令限期整改。",
    "public_security": "派出所已组织警力核查处置。",
    "civil_dispute": "已联系双方了解情况并进行了劝导。",
    "other": "已向来电人详细解答相关政策。",
}
SATISFACTION = ["满意", "满意", "满意", "基本满意", "不满意"]
CO_DEPARTMENTS = {
    "labour": ["zjj", "pcs"],
    "environment": ["zhzf", "pcs"],
    "expropriation": ["zjj", "sfj"],
    "property_mgmt": ["scjgj", "pcs"],
    "consumer": ["pcs"],
    "medical": ["sfj"],
}


@dataclass
class Choice:
    """Fixes the random turns of a path (used to aim a case at a given state); None means draw it."""

    plain: bool = False  # no detours: no transfer, return, reopen, notes, co-handling or extension
    handling: str | None = None
    success: bool | None = None
    decline: bool | None = None
    direct_close: bool | None = None
    review: int | None = None  # petitions: 0 none, 1 复查, 2 复查 and 复核
    redirect: bool = False  # refused or sent to another channel at once (不予受理, 涉法涉诉, 告知其他渠道); no draw
    refused: bool = False  # disputes: a party refuses mediation (人民调解法 第十七条); the center mediates again


@dataclass
class Draft:
    """A step before its time is fixed: delay range in hours after the previous step."""

    action: str
    actor: str
    delay: tuple[float, float]
    to_department: str = ""
    note: str = ""
    public_note: str = ""
    days: int = 0
    office_hours: bool = True


class Planner:
    """Builds the steps of one case from the county roster and a random source."""

    def __init__(self, county: County, rng: random.Random) -> None:
        self.county = county
        self.rng = rng

    # -- actors ----------------------------------------------------------------------------------
    def center(self, region_code: str, county_level: bool = False) -> str:
        pool = self.county.county_center() if county_level or self.rng.random() < 0.5 else self.county.street_center(region_code)
        return self.rng.choice(pool)

    def handler(self, department_code: str) -> str:
        return self.rng.choice(self.county.handlers(department_code))

    def grid_worker(self, region_code: str) -> str:
        region = self.county.by_code[region_code]
        if region.level == 3:
            region_code = self.county.grids_of(region_code)[0]
        return self.county.grid_worker(region_code)

    def mediator(self, region_code: str) -> str:
        if self.county.street_of(region_code).name == "青石街道" and self.rng.random() < 0.5:
            return "demo-mediator"
        return self.county.mediator(region_code)

    def department_name(self, code: str) -> str:
        return self.county.department_by_code[code].name

    # -- texts -----------------------------------------------------------------------------------
    def resolution(self, dispute_type: str) -> str:
        template = self.rng.choice(RESOLUTIONS.get(dispute_type) or RESOLUTIONS["other"])
        return template.format(amount=self.rng.randrange(2, 120) * 500, fee=self.rng.choice((300, 500, 800)),
                               months=self.rng.randint(3, 12), pay_day=self.rng.choice(("本月底", "春节前", "下周五")))

    def follow_up_note(self) -> str:
        return f"电话回访当事人，对处理结果表示{self.rng.choice(SATISFACTION)}。"

    # -- paths -----------------------------------------------------------------------------------
    def chance(self, p: float, plain: bool = False) -> bool:
        """A detour taken with probability p (never on a plain path); draws either way to keep the sequence stable."""
        return self.rng.random() < p and not plain

    def dispute(self, *, region: str, department: str, handling: str, dispute_type: str, co_departments: list[str],
                choice: Choice | None = None) -> list[Draft]:
        rng = self.rng
        choice = choice or Choice()
        if choice.redirect:
            return [Draft("decline", self.center(region), (2, 72),
                          note="属于商事合同纠纷，本中心不予受理，已书面告知可以申请仲裁或者向人民法院起诉。",
                          public_note="您反映的纠纷不予受理，已书面告知可以选择的途径。")]
        handling = choice.handling or handling
        success = rng.random() < 0.86 if choice.success is None else choice.success
        outcome = "succeed" if success else "fail"
        outcome_note = (f"经调解，双方自愿达成协议：{self.resolution(dispute_type)}。" if success else
                        "双方分歧较大，调解不成，已告知当事人可通过仲裁、行政或诉讼途径解决（人民调解法第二十六条）。")
        outcome_public = "经调解，双方已达成一致。" if success else "调解未达成一致，已告知您其他解决途径。"
        if handling == "grid":
            worker = self.grid_worker(region)
            if self.chance(0.45, choice.plain):
                return [Draft("close", worker, (2, 30), note=f"网格员上门了解情况，现场调解：{self.resolution(dispute_type)}，就地化解。",
                              public_note="网格员已现场调解，问题已就地化解。", office_hours=False)]
            return [
                Draft("accept", worker, (1, 24), note="网格员上门了解情况，就地调解。", public_note="网格员已受理，正在调解。",
                      office_hours=False),
                Draft(outcome, worker, (2, 96), note=outcome_note, public_note=outcome_public, office_hours=False),
                Draft("follow_up", worker, (24, 120), note=self.follow_up_note()),
                Draft("close", worker, (1, 48), public_note="您的事项已办结，感谢您的支持。"),
            ]
        if handling == "mediator":
            mediator = self.mediator(region)
            return [
                Draft("accept", mediator, (2, 72), note="人民调解委员会受理，已通知双方当事人。",
                      public_note="人民调解委员会已受理。"),
                Draft(NOTE, mediator, (24, 120), note="分别与双方当事人谈话，了解诉求。"),
                Draft(outcome, mediator, (48, 500), note=outcome_note, public_note=outcome_public),
                Draft("follow_up", mediator, (48, 200), note=self.follow_up_note()),
                Draft("close", mediator, (1, 72), public_note="您的事项已办结，感谢您的支持。"),
            ]
        center = self.center(region)
        handler = self.handler(department)
        drafts = [
            Draft("assign", center, (1, 30), to_department=department, note="请依职责办理，按时反馈。",
                  public_note=f"已转交{self.department_name(department)}办理。"),
        ]
        if self.chance(0.03, choice.plain):
            other = self.county.department("sfs", region) if "sfs" not in department else "qx-sfj"
            drafts.append(Draft("transfer", center, (4, 40), to_department=other,
                                note="经核实，该事项不属原承办部门职责，改派。",
                                public_note=f"已改由{self.department_name(other)}办理。"))
            department, handler = other, self.handler(other)
        drafts.append(Draft("accept", handler, (2, 60), note="已签收，安排专人办理。", public_note="您反映的问题已受理，正在办理。"))
        if choice.refused:
            drafts += [
                Draft("refuse_mediation", handler, (24, 120), note="被申请人明确表示拒绝调解，本次调解终止（人民调解法第十七条），"
                      "退回中心另选途径。", public_note="当事人拒绝调解，本次调解终止，中心将另行选择处理途径。"),
                Draft("accept", center, (4, 48), note="经做工作，双方同意由镇人民调解委员会另行调解。",
                      public_note="您的纠纷已另行安排调解。"),
            ]
        for co in [] if choice.plain else co_departments:
            drafts.append(Draft(ASSIGN_CO, center, (2, 24), to_department=co, note="联合处置，请协助办理。"))
        if self.chance(0.3, choice.plain):
            drafts.append(Draft(NOTE, handler, (24, 120), note="已电话联系双方当事人，约定时间到场调解。",
                                public_note="正在协调双方当事人。" if rng.random() < 0.5 else ""))
        drafts += [
            Draft(outcome, handler, (48, 520), note=outcome_note, public_note=outcome_public),
            Draft("follow_up", handler, (24, 200), note=self.follow_up_note()),
        ]
        if self.chance(0.03, choice.plain):
            drafts += [
                Draft("reopen", center, (2, 48), note="回访中当事人表示协议未履行，重新办理。", public_note="已重新办理。"),
                Draft("succeed", handler, (48, 300), note=f"再次调解，{self.resolution(dispute_type)}。",
                      public_note="经再次调解，双方已达成一致。"),
            ]
        drafts.append(Draft("close", self.rng.choice((handler, center)), (1, 72), public_note="您的事项已办结，感谢您的支持。"))
        return drafts

    def petition(self, *, region: str, department: str, category: str, choice: Choice | None = None) -> list[Draft]:
        rng = self.rng
        choice = choice or Choice()
        center = self.center(region, county_level=True)
        if choice.redirect:
            return [Draft("refer_legal", center, (24, 200), note="反映对民事判决不服，属于涉诉事项，转送人民法院依法处理。",
                          public_note="您反映的涉诉事项已转送人民法院依法处理，详见书面告知。")]
        decline = rng.random() < 0.05
        if decline if choice.decline is None else choice.decline:
            return [Draft("decline", center, (48, 300), note="该事项已经或者依法应当通过诉讼途径解决，不予受理，已书面告知信访人。",
                          public_note="您反映的事项依法应通过诉讼途径解决，不予受理，详见书面告知。")]
        handler = self.handler(department)
        answer = REPLIES.get(category, REPLIES["other"])
        drafts = [
            Draft("assign", center, (24, 300), to_department=department, note="按照属地管理、分级负责原则转送办理。",
                  public_note=f"已转送{self.department_name(department)}办理。"),
        ]
        if self.chance(0.02, choice.plain):
            drafts.append(Draft("return", handler, (4, 100), note="经研究，该事项不属本单位职责，提出异议退回。"))
            drafts.append(Draft("assign", center, (4, 48), to_department=department, note="经研究，仍由原单位办理。",
                                public_note=f"已转送{self.department_name(department)}办理。"))
        drafts.append(Draft("accept", handler, (4, 90), note="决定受理，已书面告知信访人。", public_note="您的信访事项已受理。"))
        if self.chance(0.08, choice.plain):
            drafts += [
                Draft(EXTENSION_REQUEST, handler, (800, 1200), days=30, note="情况复杂，需会同乡镇核实，申请延长办理期限。"),
                Draft(EXTENSION_APPROVE, center, (4, 40), days=30, note="同意延期30日。"),
                Draft("answer", handler, (100, 600), note=f"出具书面答复意见：{answer}如不服，可在收到答复之日起30日内申请复查。",
                      public_note="已出具书面答复意见。"),
            ]
        else:
            drafts.append(Draft("answer", handler, (200, 1300),
                                note=f"出具书面答复意见：{answer}如不服，可在收到答复之日起30日内申请复查。",
                                public_note="已出具书面答复意见。"))
        review = (0 if rng.random() >= 0.1 else 2 if rng.random() < 0.25 else 1) if choice.review is None else choice.review
        if review:
            drafts += [
                Draft("request_review", center, (100, 650), note="信访人不服处理意见，在规定期限内申请复查。",
                      public_note="您的复查申请已收到。"),
                Draft("answer", handler, (100, 650), note="复查意见：原处理意见认定事实清楚，予以维持。", public_note="已出具复查意见。"),
            ]
            if review == 2:
                drafts += [
                    Draft("request_re_review", center, (100, 650), note="信访人不服复查意见，申请复核。",
                          public_note="您的复核申请已收到。"),
                    Draft("close", center, (200, 650), note="复核意见：维持复查意见。同一事实和理由不再受理。",
                          public_note="复核已办结。"),
                ]
                return drafts
        drafts.append(Draft("close", handler, (48, 400), public_note="您的信访事项已办结。"))
        return drafts

    def workorder(self, *, region: str, department: str, category: str, choice: Choice | None = None) -> list[Draft]:
        rng = self.rng
        choice = choice or Choice()
        center = self.center(region, county_level=True)
        if choice.redirect:
            return [Draft("redirect", center, (0.2, 6), note="来电人反映商品质量纠纷，告知可以向消费者协会投诉或者依法起诉。",
                          public_note="已告知您办理途径。")]
        direct = rng.random() < 0.12
        if direct if choice.direct_close is None else choice.direct_close:
            return [Draft("close", center, (0.2, 6), note="来电人咨询政策，已当场答复。", public_note="已答复。")]
        handler = self.handler(department)
        drafts = [
            Draft("assign", center, (0.2, 8), to_department=department, note="请按接诉即办要求办理并反馈。",
                  public_note=f"已派单至{self.department_name(department)}。"),
        ]
        if self.chance(0.03, choice.plain):
            drafts += [
                Draft("return", handler, (2, 20), note="非本单位职责范围，退单。"),
                Draft("assign", center, (1, 8), to_department=department, note="经核实仍属该单位职责，重新派单。",
                      public_note=f"已派单至{self.department_name(department)}。"),
            ]
        drafts.append(Draft("accept", handler, (1, 20), note="已签收。", public_note="已签收，正在办理。"))
        if self.chance(0.04, choice.plain):
            drafts += [
                Draft(EXTENSION_REQUEST, handler, (60, 100), days=3, note="需等待配件到货后维修，申请延期。"),
                Draft(EXTENSION_APPROVE, center, (1, 10), days=3, note="同意延期3个工作日。"),
            ]
        reply = REPLIES.get(category, REPLIES["other"])
        drafts += [
            Draft("reply", handler, (8, 110), note=reply, public_note=reply),
            Draft("follow_up", center, (8, 72), note=self.follow_up_note()),
            Draft("close", center, (1, 48), public_note="您的诉求已办结，感谢您的支持。"),
        ]
        if self.chance(0.02, choice.plain):
            drafts[-1:-1] = [Draft("reopen", center, (1, 24), note="回访不满意，重新办理。", public_note="已重新办理。"),
                             Draft("reply", handler, (24, 100), note="再次到现场处理，问题已解决。", public_note="已再次处理。"),
                             Draft("follow_up", center, (8, 48), note="再次回访，来电人表示满意。")]
        return drafts

    # -- time ------------------------------------------------------------------------------------
    def timed(self, drafts: list[Draft], *, start: dt.datetime, now: dt.datetime, process: str,
              stuck: bool = False, stop_after: int | None = None) -> list[StepSpec]:
        """Give each draft a time after the previous one; stop at `now`, at `stop_after` steps, or (stuck) early."""
        steps: list[StepSpec] = []
        at = start
        limit = len(drafts) if stop_after is None else stop_after
        if stuck:
            open_points = [i + 1 for i, d in enumerate(drafts) if d.action in OPEN_AFTER[process]]
            choices = [0, *open_points]
            limit = min(limit, self.rng.choice(choices))
        for draft in drafts[:limit]:
            low, high = draft.delay
            at = at + dt.timedelta(hours=self.rng.uniform(low, high))
            at = at.replace(microsecond=0)
            if draft.office_hours:
                at = office_time(at, self.rng)
            if at > now - dt.timedelta(minutes=20):
                break
            steps.append(StepSpec(action=draft.action, at=at, actor=draft.actor, to_department=draft.to_department,
                                  note=draft.note, public_note=draft.public_note, days=draft.days))
        return steps


def office_time(at: dt.datetime, rng: random.Random) -> dt.datetime:
    """Move a staff action that falls at night into the next working hours (8:30-17:30)."""
    minutes = at.hour * 60 + at.minute
    if 510 <= minutes <= 1050:
        return at
    day = at.date() if minutes < 510 else at.date() + dt.timedelta(days=1)
    return at.replace(year=day.year, month=day.month, day=day.day, hour=8, minute=30, second=0, microsecond=0) + dt.timedelta(
        minutes=rng.randint(0, 240)
    )
