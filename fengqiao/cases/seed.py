"""Seed workflow data: the three processes of DOMAIN.md, their transitions and legal clocks.

Every number here is a starting point in an editable table, never a constant the code relies on.
Seeding only adds what is missing, so an administrator's edits survive upgrades.
"""
from __future__ import annotations

from django.db import transaction

from fengqiao.cases.choices import NoticeKind
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

# The previous seed of dispute/registered (no extension); a data migration moves an unedited row to the new one.
DISPUTE_ACCEPTANCE_BASIS_BEFORE = "深圳矛盾纠纷多元化解条例 第46条：5个工作日内决定是否受理"
DISPUTE_ACCEPTANCE_BASIS = (
    "深圳矛盾纠纷多元化解条例 第46条：5个工作日内决定是否受理；法律关系复杂或者涉及多个行政机关的，"
    "经批准延长至10个工作日"
)

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

# (process, state, duration, unit, start_event, max_extension, legal basis): the default rules (all regions).
DEADLINES = [
    ("dispute", "registered", 5, "working_days", "received", 5, DISPUTE_ACCEPTANCE_BASIS),
    ("dispute", "dispatched", 3, "working_days", "state_entered", 0, "深圳矛盾纠纷多元化解条例 第45条：3个工作日内移交"),
    ("dispute", "mediating", 30, "calendar_days", "state_entered", 30, "深圳矛盾纠纷多元化解条例 第25条：调解期限一般为30日"),
    ("dispute", "mediated", 10, "working_days", "state_entered", 0, "回访：调解成功后10个工作日内回访"),
    ("dispute", "mediation_failed", 10, "working_days", "state_entered", 0, "回访：调解不成后10个工作日内回访并告知其他途径"),
    ("dispute", "follow_up", 5, "working_days", "state_entered", 0, "回访完成后办结"),
    ("petition", "registered", 15, "calendar_days", "received", 0, "信访工作条例 第22-23条：15日内转送、交办或决定受理"),
    ("petition", "dispatched", 5, "working_days", "state_entered", 0, "信访工作条例 第22条：5个工作日内提出异议"),
    ("petition", "accepted", 60, "calendar_days", "state_entered", 30, "信访工作条例 第34条：60日内办结，可延长不超过30日"),
    ("petition", "answered", 30, "calendar_days", "step_date", 0, PETITION_REVIEW_RULES["answered"][1]),
    ("petition", "review", 30, "calendar_days", "step_date", 0, PETITION_REVIEW_RULES["review"][1]),
    ("petition", "reviewed", 30, "calendar_days", "step_date", 0, PETITION_REVIEW_RULES["reviewed"][1]),
    ("petition", "re_review", 30, "calendar_days", "step_date", 0, PETITION_REVIEW_RULES["re_review"][1]),
    ("workorder", "received", 1, "working_days", "received", 0, "接诉即办：及时派单（首接负责）"),
    ("workorder", "dispatched", 1, "working_days", "state_entered", 0, "接诉即办：派单后及时签收"),
    ("workorder", "handling", 5, "working_days", "state_entered", 5, "济南、潍坊等地：5个工作日内办理，法定期限更长的从其规定"),
    ("workorder", "replied", 3, "working_days", "state_entered", 0, "北京市接诉即办工作条例 第23条：回访"),
]

# Jurisdiction rules that differ from the defaults, seeded switched off and for all regions: the region tree
# starts at the county, so there is no province to attach them to. An administrator sets the region (a county
# of that province) and switches the rule on; the deepest region's active rule then wins (cases.deadlines).
# A template counts as present while any rule of its step cites its regulation, so a template an administrator
# has attached or edited is never seeded again.
# (process, state, duration, unit, start_event, max_extension, regulation, legal basis)
JURISDICTION_TEMPLATES = [
    ("petition", "registered", 5, "working_days", "received", 0, "浙江省信访条例",
     "浙江省信访条例：5个工作日内决定是否受理（启用前请设置适用区划并核对条文）"),
    ("petition", "accepted", 30, "calendar_days", "state_entered", 60, "浙江省信访条例",
     "浙江省信访条例：30日内办结，可延长不超过60日（启用前请设置适用区划并核对条文）"),
]

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
                          "notice_kind": NOTICE_STEPS.get((code, action), "")},
            )
    seed_deadline_rules()
    seed_notices()
    for order, (code, name, description) in enumerate(DISPUTE_TYPES):
        DisputeType.objects.get_or_create(code=code, defaults={"name": name, "description": description, "order": order})
    for code, name in CATEGORIES:
        Category.objects.get_or_create(code=code, defaults={"name": name})


def seed_deadline_rules() -> None:
    """A default rule for each step that has none, and each jurisdiction template that is missing."""
    templates = {regulation for *_, regulation, _basis in JURISDICTION_TEMPLATES}
    for process_code, state_code, duration, unit, start, max_ext, basis in DEADLINES:
        state = State.objects.select_related("process").get(process__code=process_code, code=state_code)
        defaults = DeadlineRule.objects.filter(state=state, region=None)
        for regulation in templates:
            defaults = defaults.exclude(legal_basis__startswith=regulation)
        if not defaults.exists():
            DeadlineRule.objects.create(process=state.process, state=state, region=None, duration=duration, unit=unit,
                                        start_event=start, max_extension=max_ext, legal_basis=basis,
                                        extension_by_head=(process_code, state_code) in HEAD_APPROVAL)
    for process_code, state_code, duration, unit, start, max_ext, regulation, basis in JURISDICTION_TEMPLATES:
        state = State.objects.select_related("process").get(process__code=process_code, code=state_code)
        if not DeadlineRule.objects.filter(state=state, legal_basis__startswith=regulation).exists():
            DeadlineRule.objects.create(process=state.process, state=state, region=None, duration=duration, unit=unit,
                                        start_event=start, max_extension=max_ext, legal_basis=basis, is_active=False)
