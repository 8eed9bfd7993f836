"""Seed workflow data: the three processes of DOMAIN.md, their transitions and legal clocks.

Every number here is a starting point in an editable table, never a constant the code relies on.
Seeding only adds what is missing, so an administrator's edits survive upgrades.
"""
from __future__ import annotations

from django.db import transaction

from fengqiao.cases.choices import NoticeKind, TransitionEffect
from fengqiao.cases.models import Category, DeadlineRule, DisputeType, Process, State, Transition
from fengqiao.cases.seed_notices import seed_notices

C, L, A, H, M, G, ADM, AS = "center", "leader", "assignee", "handler", "mediator", "grid_worker", "admin", "assignee"
STAFF = [C, ADM, L]
DOERS = [C, ADM, H, M, G, AS]

# process code: (name, description, states[(code, name, kind)], transitions[(action, name, from, to, roles, note?)])
PROCESSES: dict[str, tuple] = {
    "dispute": (
        "矛盾纠纷",
        "登记受理 → 分流交办 → 调解 → 调解成功/调解不成 → 回访 → 办结",
        [
            ("registered", "登记受理", "open"),
            ("dispatched", "分流交办", "open"),
            ("mediating", "调解中", "open"),
            ("route_choice", "拒绝调解待另选途径", "open"),
            ("mediated", "调解成功", "resolved"),
            ("mediation_failed", "调解不成", "resolved"),
            ("follow_up", "回访", "resolved"),
            ("closed", "办结", "closed"),
            ("declined", "不予受理（已告知途径）", "closed"),
        ],
        [
            ("assign", "分流交办", "registered", "dispatched", STAFF, False),
            ("decline", "不予受理并告知途径", "registered", "declined", STAFF, True),
            ("accept", "受理（就地调解）", "registered", "mediating", [C, ADM, G, M], False),
            ("close", "就地化解办结", "registered", "closed", [C, ADM, G, M], True),
            ("accept", "受理", "dispatched", "mediating", [H, M, C, ADM, G, AS], False),
            ("transfer", "转办", "dispatched", "dispatched", STAFF, True),
            ("return", "退回", "dispatched", "registered", [H, M, G, AS], True),
            ("succeed", "调解成功", "mediating", "mediated", DOERS, False),
            ("fail", "调解不成", "mediating", "mediation_failed", DOERS, True),
            ("return", "退回", "mediating", "registered", [H, M, AS], True),
            ("refuse_mediation", "当事人拒绝调解", "mediating", "route_choice", DOERS, True),
            ("assign", "分流交办", "route_choice", "dispatched", STAFF, False),
            ("accept", "另行调解", "route_choice", "mediating", STAFF, False),
            ("decline", "告知其他途径（不再调解）", "route_choice", "declined", STAFF, True),
            ("follow_up", "转入回访", "mediated", "follow_up", DOERS, False),
            ("follow_up", "转入回访", "mediation_failed", "follow_up", DOERS, False),
            ("close", "办结", "mediated", "closed", DOERS, False),
            ("close", "办结", "mediation_failed", "closed", DOERS, False),
            ("close", "办结", "follow_up", "closed", DOERS, False),
            ("reopen", "重新办理", "follow_up", "mediating", STAFF, True),
            ("reopen", "重新办理", "closed", "mediating", STAFF, True),
        ],
    ),
    "petition": (
        "信访事项",
        "登记 → 15日内转送交办或决定受理 → 受理后60日内办结 → 复查 → 复核",
        [
            ("registered", "登记", "open"),
            ("dispatched", "转送交办", "open"),
            ("accepted", "受理办理", "open"),
            ("answered", "已书面答复", "resolved"),
            ("review", "复查中", "open"),
            ("reviewed", "复查已答复", "resolved"),
            ("re_review", "复核中", "open"),
            ("closed", "办结", "closed"),
            ("not_accepted", "不予受理", "closed"),
            ("legal_channel", "涉法涉诉转政法部门", "closed"),
        ],
        [
            ("assign", "转送交办", "registered", "dispatched", STAFF, False),
            ("accept", "受理", "registered", "accepted", STAFF, False),
            ("decline", "不予受理", "registered", "not_accepted", STAFF, True),
            ("refer_legal", "涉法涉诉转送政法部门", "registered", "legal_channel", STAFF, True),
            ("refer_legal", "涉法涉诉转送政法部门", "dispatched", "legal_channel", STAFF, True),
            ("accept", "受理", "dispatched", "accepted", [H, C, ADM, AS], False),
            ("transfer", "转办", "dispatched", "dispatched", STAFF, True),
            ("return", "提出异议退回", "dispatched", "registered", [H, AS], True),
            ("answer", "出具书面答复", "accepted", "answered", [H, C, ADM, AS], True),
            ("request_review", "申请复查", "answered", "review", STAFF, True),
            ("answer", "出具复查意见", "review", "reviewed", [H, C, ADM, AS], True),
            ("request_re_review", "申请复核", "reviewed", "re_review", STAFF, True),
            ("close", "出具复核意见（办结）", "re_review", "closed", [C, ADM, AS, H], True),
            ("close", "办结", "answered", "closed", [H, C, ADM, AS], False),
            ("close", "办结", "reviewed", "closed", [H, C, ADM, AS], False),
            ("reopen", "重新办理", "closed", "accepted", STAFF, True),
        ],
    ),
    "workorder": (
        "诉求工单",
        "受理 → 派单 → 办理 → 反馈 → 回访 → 办结（接诉即办）",
        [
            ("received", "受理", "open"),
            ("dispatched", "已派单", "open"),
            ("handling", "办理中", "open"),
            ("replied", "已反馈", "resolved"),
            ("visited", "已回访", "resolved"),
            ("closed", "办结", "closed"),
            ("redirected", "已转其他渠道", "closed"),
        ],
        [
            ("assign", "派单", "received", "dispatched", STAFF, False),
            ("close", "直接答复办结", "received", "closed", [C, ADM, G], True),
            ("to_emergency", "转紧急服务热线", "received", "redirected", [C, ADM, G], True),
            ("redirect", "告知其他渠道", "received", "redirected", [C, ADM, G], True),
            ("redirect", "告知其他渠道", "handling", "redirected", [H, C, ADM, AS], True),
            ("accept", "签收", "dispatched", "handling", [H, C, ADM, G, M, AS], False),
            ("transfer", "改派", "dispatched", "dispatched", STAFF, True),
            ("return", "退单", "dispatched", "received", [H, G, M, AS], True),
            ("reply", "办理反馈", "handling", "replied", DOERS, True),
            ("return", "退单", "handling", "received", [H, AS], True),
            ("follow_up", "回访", "replied", "visited", [C, ADM, G], False),
            ("close", "办结", "replied", "closed", [C, ADM, H, AS], False),
            ("close", "办结", "visited", "closed", [C, ADM, H, G, AS], False),
            ("reopen", "重新办理", "visited", "handling", STAFF, True),
            ("reopen", "重新办理", "closed", "handling", STAFF, True),
        ],
    ),
}

# What each seeded step does (Transition.effect): the code reads the effect, never the action code. A step an
# administrator adds chooses its effect in the admin; migration cases 0007 filled it in for existing rows.
E = TransitionEffect
SEEDED_EFFECTS: dict[str, str] = {
    "assign": E.ASSIGN, "transfer": E.TRANSFER, "accept": E.ACCEPT, "return": E.RETURN,
    "refuse_mediation": E.REFUSED, "answer": E.ANSWER, "request_review": E.REQUEST_REVIEW,
    "request_re_review": E.REQUEST_RE_REVIEW, "succeed": E.SETTLE, "fail": E.FAIL, "decline": E.DECLINE,
    "refer_legal": E.DECLINE, "to_emergency": E.DECLINE, "redirect": E.DECLINE, "follow_up": E.FOLLOW_UP,
    "close": E.CLOSE, "reopen": E.REOPEN, "reply": E.NONE,
}

# Steps that end a case without settling it (counted in no settled, resolved or closed figure) and the steps
# that must give a written notice (告知书) naming the channel to use; channels and pause grounds: seed_notices.
UNSETTLED_STATES = {("dispute", "declined"), ("petition", "not_accepted"), ("petition", "legal_channel"),
                    ("workorder", "redirected")}
NOTICE_STEPS = {
    ("dispute", "decline"): NoticeKind.DISPUTE_DECLINED,
    ("petition", "decline"): NoticeKind.PETITION_NOT_ACCEPTED,
    ("petition", "refer_legal"): NoticeKind.PETITION_LEGAL_CHANNEL,
    ("workorder", "to_emergency"): NoticeKind.WORKORDER_EMERGENCY,
    ("workorder", "redirect"): NoticeKind.WORKORDER_REDIRECTED,
}
# Steps whose extension only a 负责人 of the handling body may approve (信访工作条例 第三十四条).
HEAD_APPROVAL = {("petition", "accepted")}

# The petition review clocks run from the resident's own dates (信访工作条例 第三十五条, 第三十六条): the day the
# written answer was received, the day the request was received. state: (basis before, basis now); a data
# migration moves an unedited row (state_entered, the basis before) to the step's date.
PETITION_REVIEW_RULES = {
    "answered": ("信访工作条例 第35条：收到书面答复之日起30日内可请求复查",
                 "信访工作条例 第三十五条：自信访人收到书面答复之日起30日内可以请求复查（自送达登记的收到日期起算）"),
    "review": ("信访工作条例 第35条：30日内提出复查意见",
               "信访工作条例 第三十五条：自收到复查请求之日起30日内提出复查意见"),
    "reviewed": ("信访工作条例 第36条：收到复查意见之日起30日内可请求复核",
                 "信访工作条例 第三十六条：自收到复查意见书面答复之日起30日内可以请求复核（自送达登记的收到日期起算）"),
    "re_review": ("信访工作条例 第36条：30日内提出复核意见",
                  "信访工作条例 第三十六条：自收到复核请求之日起30日内提出复核意见"),
}

# Steps that must record the routes the parties were told about (人民调解法 第二十六条), case page and mediation
# page alike: (process, action, from state). Ending a refused mediation without another route is a refusal step
# (decline from 拒绝调解待另选途径): its written notice names the route, and it never counts as settled.
ROUTE_TRANSITIONS = {("dispute", "fail", "mediating")}

# A county's own periods: the law sets none for these steps, so the county decides (and may edit the row).
COUNTY_RULES = "县矛调中心工作规则（本县自定，可修改）"
HOTLINE_RULES = "县12345热线工作规则（本县自定，可修改）"

# (process, state, duration, unit, start_event, max_extension, roll_to_workday, legal basis): the default rules
# (all regions). Only national law (信访工作条例, 人民调解法, 劳动争议调解仲裁法, 民事诉讼法) and the county's own
# periods; another place's regulation is a template below. No national rule moves a last day off a holiday for
# these steps (民事诉讼法 第八十五条 governs civil-procedure periods only), so none of them rolls.
DEADLINES = [
    ("dispute", "registered", 5, "working_days", "received", 5, False,
     f"{COUNTY_RULES}：5个工作日内决定是否受理；法律关系复杂或者涉及多个部门的，经批准延长至10个工作日"),
    ("dispute", "dispatched", 3, "working_days", "state_entered", 0, False,
     f"{COUNTY_RULES}：交办后3个工作日内签收或者移交"),
    ("dispute", "mediating", 30, "calendar_days", "state_entered", 30, False,
     f"{COUNTY_RULES}：当事人约定调解期限的从其约定，没有约定的一般为30日，当事人同意的可以延长"
     "（人民调解法未规定调解期限）"),
    ("dispute", "route_choice", 3, "working_days", "state_entered", 0, False,
     f"{COUNTY_RULES}：当事人拒绝调解的，3个工作日内另选途径（人民调解法 第十七条：当事人一方明确拒绝调解的，不得调解）"),
    ("dispute", "mediated", 10, "working_days", "state_entered", 0, False,
     f"{COUNTY_RULES}：调解成功后10个工作日内回访"),
    ("dispute", "mediation_failed", 10, "working_days", "state_entered", 0, False,
     f"{COUNTY_RULES}：调解不成后10个工作日内回访（人民调解法 第二十六条：告知当事人其他途径）"),
    ("dispute", "follow_up", 5, "working_days", "state_entered", 0, False, f"{COUNTY_RULES}：回访完成后5个工作日内办结"),
    ("petition", "registered", 15, "calendar_days", "received", 0, False, "信访工作条例 第22-23条：15日内转送、交办或决定受理"),
    ("petition", "dispatched", 5, "working_days", "state_entered", 0, False, "信访工作条例 第22条：5个工作日内提出异议"),
    ("petition", "accepted", 60, "calendar_days", "state_entered", 30, False, "信访工作条例 第34条：60日内办结，可延长不超过30日"),
    ("petition", "answered", 30, "calendar_days", "step_date", 0, False, PETITION_REVIEW_RULES["answered"][1]),
    ("petition", "review", 30, "calendar_days", "step_date", 0, False, PETITION_REVIEW_RULES["review"][1]),
    ("petition", "reviewed", 30, "calendar_days", "step_date", 0, False, PETITION_REVIEW_RULES["reviewed"][1]),
    ("petition", "re_review", 30, "calendar_days", "step_date", 0, False, PETITION_REVIEW_RULES["re_review"][1]),
    ("workorder", "received", 1, "working_days", "received", 0, False, f"{HOTLINE_RULES}：1个工作日内派单（首接负责）"),
    ("workorder", "dispatched", 1, "working_days", "state_entered", 0, False, f"{HOTLINE_RULES}：派单后1个工作日内签收"),
    ("workorder", "handling", 5, "working_days", "state_entered", 5, False,
     f"{HOTLINE_RULES}：5个工作日内办理，可延长5个工作日；法律、法规规定的期限更长的从其规定"),
    ("workorder", "replied", 3, "working_days", "state_entered", 0, False, f"{HOTLINE_RULES}：办理反馈后3个工作日内回访"),
]

# The seeds of earlier versions, by step: a data migration (cases 0004) moves a row still exactly as seeded to
# the new default above; a row an administrator edited stays as it is.
DISPUTE_ACCEPTANCE_BASIS_BEFORE = "深圳矛盾纠纷多元化解条例 第46条：5个工作日内决定是否受理"
DISPUTE_ACCEPTANCE_BASIS = (
    "深圳矛盾纠纷多元化解条例 第46条：5个工作日内决定是否受理；法律关系复杂或者涉及多个行政机关的，"
    "经批准延长至10个工作日"
)
SEEDED_BEFORE_ISSUE_9: dict[tuple[str, str], str] = {
    ("dispute", "registered"): DISPUTE_ACCEPTANCE_BASIS,
    ("dispute", "dispatched"): "深圳矛盾纠纷多元化解条例 第45条：3个工作日内移交",
    ("dispute", "mediating"): "深圳矛盾纠纷多元化解条例 第25条：调解期限一般为30日",
    ("dispute", "mediated"): "回访：调解成功后10个工作日内回访",
    ("dispute", "mediation_failed"): "回访：调解不成后10个工作日内回访并告知其他途径",
    ("dispute", "follow_up"): "回访完成后办结",
    ("workorder", "received"): "接诉即办：及时派单（首接负责）",
    ("workorder", "dispatched"): "接诉即办：派单后及时签收",
    ("workorder", "handling"): "济南、潍坊等地：5个工作日内办理，法定期限更长的从其规定",
    ("workorder", "replied"): "北京市接诉即办工作条例 第23条：回访",
}

# Another place's rules, seeded switched off and for all regions: the region tree starts at the county, so there
# is no province or city to attach them to. At set-up an administrator enables a template for a region
# (`fengqiao rules templates --enable NAME --region CODE`, or the admin); the deepest region's active rule then
# wins (cases.deadlines). A template's rows are found by their regulation (the start of the legal basis), so a
# template an administrator has attached or edited is never seeded again.
# name: (regulation, [(process, state, duration, unit, start_event, max_extension, roll_to_workday, basis)])
TEMPLATE_CHECK = "（启用前请设置适用区划并核对条文）"
JURISDICTION_TEMPLATES: dict[str, tuple[str, list[tuple]]] = {
    "zhejiang-petition": ("浙江省信访条例", [
        ("petition", "registered", 5, "working_days", "received", 0, False,
         f"浙江省信访条例：5个工作日内决定是否受理{TEMPLATE_CHECK}"),
        ("petition", "accepted", 30, "calendar_days", "state_entered", 60, False,
         f"浙江省信访条例：30日内办结，可延长不超过60日{TEMPLATE_CHECK}"),
    ]),
    "shenzhen-dispute": ("深圳经济特区矛盾纠纷多元化解条例", [
        ("dispute", "registered", 5, "working_days", "received", 5, False,
         f"深圳经济特区矛盾纠纷多元化解条例 第四十六条：5个工作日内决定是否受理；法律关系复杂或者涉及多个行政机关的，"
         f"10个工作日内决定{TEMPLATE_CHECK}"),
        ("dispute", "dispatched", 3, "working_days", "state_entered", 0, False,
         f"深圳经济特区矛盾纠纷多元化解条例 第四十五条：3个工作日内移送{TEMPLATE_CHECK}"),
        ("dispute", "mediating", 30, "calendar_days", "state_entered", 30, False,
         f"深圳经济特区矛盾纠纷多元化解条例 第二十五条：当事人可以约定调解期限，没有约定的为30日{TEMPLATE_CHECK}"),
    ]),
    "beijing-12345": ("北京市接诉即办工作条例", [
        ("workorder", "replied", 3, "working_days", "state_entered", 0, False,
         f"北京市接诉即办工作条例 第二十三条：诉求办理时限期满，回访诉求人{TEMPLATE_CHECK}"),
    ]),
    "shandong-12345": ("山东省济南、潍坊等地接诉即办规定", [
        ("workorder", "handling", 5, "working_days", "state_entered", 5, False,
         f"山东省济南、潍坊等地接诉即办规定：5个工作日内办理，法定期限更长的从其规定{TEMPLATE_CHECK}"),
    ]),
}


def template_regulations() -> set[str]:
    return {regulation for regulation, _rows in JURISDICTION_TEMPLATES.values()}


DISPUTE_TYPES = [
    ("marriage_family", "婚姻家庭", "婚姻、继承、赡养、抚养"),
    ("neighbour", "邻里", "邻里之间的噪声、漏水、通行、采光等"),
    ("housing_homestead", "房屋宅基地", ""),
    ("land", "山林土地", "含土地承包"),
    ("contract", "合同", ""),
    ("business", "生产经营", ""),
    ("damages", "损害赔偿", ""),
    ("labour", "劳动争议", "含拖欠农民工工资"),
    ("expropriation", "征地拆迁", ""),
    ("environment", "环境污染", ""),
    ("medical", "医疗", ""),
    ("traffic", "道路交通事故", ""),
    ("property_mgmt", "物业", ""),
    ("consumer", "消费", ""),
    ("village_affairs", "村务管理", ""),
    ("other", "其他", ""),
]

CATEGORIES = [
    ("urban_construction", "城乡建设"),
    ("environment", "环境保护"),
    ("transport", "交通运输"),
    ("education_culture", "教育文体"),
    ("labour_social_security", "劳动和社会保障"),
    ("commerce_tourism", "商贸旅游"),
    ("health", "卫生计生"),
    ("public_security", "治安维稳"),
    ("civil_dispute", "民间纠纷"),
    ("other", "其他"),
]


@transaction.atomic
def seed_workflow() -> None:
    for code, (name, description, states, transitions) in PROCESSES.items():
        process, _ = Process.objects.get_or_create(code=code, defaults={"name": name, "description": description})
        by_code: dict[str, State] = {}
        for order, (state_code, state_name, kind) in enumerate(states):
            state, _ = State.objects.get_or_create(
                process=process,
                code=state_code,
                defaults={"name": state_name, "kind": kind, "order": order, "is_initial": order == 0,
                          "ends_unsettled": (code, state_code) in UNSETTLED_STATES},
            )
            by_code[state_code] = state
        for action, t_name, source, target, roles, note in transitions:
            Transition.objects.get_or_create(
                process=process,
                action=action,
                from_state=by_code[source],
                defaults={"name": t_name, "to_state": by_code[target], "allowed_roles": roles, "requires_note": note,
                          "effect": SEEDED_EFFECTS[action],
                          "notice_kind": NOTICE_STEPS.get((code, action), ""),
                          "requires_routes": (code, action, source) in ROUTE_TRANSITIONS},
            )
    seed_deadline_rules()
    seed_notices()
    for order, (code, name, description) in enumerate(DISPUTE_TYPES):
        DisputeType.objects.get_or_create(code=code, defaults={"name": name, "description": description, "order": order})
    for code, name in CATEGORIES:
        Category.objects.get_or_create(code=code, defaults={"name": name})


def seed_deadline_rules() -> None:
    """A default rule for each step that has none, and each jurisdiction template that is missing."""
    regulations = template_regulations()
    for process_code, state_code, duration, unit, start, max_ext, roll, basis in DEADLINES:
        state = State.objects.select_related("process").get(process__code=process_code, code=state_code)
        defaults = DeadlineRule.objects.filter(state=state, region=None)
        for regulation in regulations:
            defaults = defaults.exclude(legal_basis__startswith=regulation)
        if not defaults.exists():
            DeadlineRule.objects.create(process=state.process, state=state, region=None, duration=duration, unit=unit,
                                        start_event=start, max_extension=max_ext, roll_to_workday=roll,
                                        legal_basis=basis, extension_by_head=(process_code, state_code) in HEAD_APPROVAL)
    for regulation, rows in JURISDICTION_TEMPLATES.values():
        for process_code, state_code, duration, unit, start, max_ext, roll, basis in rows:
            state = State.objects.select_related("process").get(process__code=process_code, code=state_code)
            if not DeadlineRule.objects.filter(state=state, legal_basis__startswith=regulation).exists():
                DeadlineRule.objects.create(process=state.process, state=state, region=None, duration=duration,
                                            unit=unit, start_event=start, max_extension=max_ext, roll_to_workday=roll,
                                            legal_basis=basis, is_active=False)
