"""Seed data for written notices and paused clocks: the channels each kind of notice (告知书) may name, and the
lawful grounds for pausing a step's clock with the steps where each applies. Seeding only adds what is missing,
so an administrator's edits survive upgrades."""
from __future__ import annotations

from fengqiao.cases.choices import NoticeKind as K
from fengqiao.cases.models import NoticeChannel, PauseGround, State

XF31 = "信访工作条例 第三十一条"
XF22 = "信访工作条例 第二十二条第二款"
RMTJ26 = "人民调解法 第二十六条"

# notice kind: [(code, channel, what the notice tells the resident, legal basis, needs a written detail)]
NOTICE_CHANNELS: dict[str, list[tuple[str, str, str, str, bool]]] = {
    K.PETITION_NOT_ACCEPTED: [
        ("litigation", "诉讼", "依法向有管辖权的人民法院提起诉讼或者申请再审", f"{XF31}第（一）项", False),
        ("police_procuratorate", "公安、检察机关法律程序", "依法向公安机关、人民检察院提出，按照刑事立案或者法律监督程序处理",
         f"{XF31}第（一）项", False),
        ("arbitration", "仲裁", "依法向有关仲裁机构申请仲裁", f"{XF31}第（二）项", False),
        ("party_appeal", "党员申诉、申请复审", "通过党员申诉、申请复审等程序提出", f"{XF31}第（三）项", False),
        ("admin_review", "行政复议", "依法向有权的行政复议机关申请行政复议", f"{XF31}第（四）项", False),
        ("admin_procedure", "行政裁决、行政确认等行政程序", "依法申请行政裁决、行政确认、行政许可或者行政处罚等行政程序",
         f"{XF31}第（四）项", False),
        ("competent_body", "向有权处理的机关、单位提出", "不属于本机关、单位职权范围，请向有权处理的机关、单位提出",
         "信访工作条例 第二十三条第一款", True),
        ("other", "其他法定途径", "通过其他法定途径提出", XF31, True),
    ],
    K.PETITION_LEGAL_CHANNEL: [
        ("court", "人民法院", "已转送人民法院依法处理", XF22, False),
        ("procuratorate", "人民检察院", "已转送人民检察院依法处理", XF22, False),
        ("public_security", "公安机关", "已转送公安机关依法处理", XF22, False),
        ("justice", "司法行政机关", "已转送司法行政机关依法处理", XF22, False),
        ("discipline", "纪检监察机关", "属于纪检监察机关受理的检举控告类事项，已按照管理权限转送有关纪检监察机关依规依纪依法处理",
         XF22, False),
    ],
    K.DISPUTE_DECLINED: [
        ("people_mediation", "人民调解", "可以向村（居）民委员会、企业事业单位等设立的人民调解委员会申请调解",
         "人民调解法 第十七条", False),
        ("litigation", "诉讼", "可以依法向人民法院起诉", RMTJ26, False),
        ("arbitration", "仲裁", "可以依法申请仲裁（劳动人事争议仲裁、农村土地承包经营纠纷仲裁、商事仲裁等）", RMTJ26, False),
        ("administrative", "行政途径", "可以依法申请行政调解、行政裁决或者向有关行政机关反映", RMTJ26, False),
        ("other", "其他途径", "可以通过其他途径维护自己的权利", RMTJ26, True),
    ],
    K.WORKORDER_EMERGENCY: [
        ("110", "110 报警服务台", "已即时转至110报警服务台", "", False),
        ("119", "119 火警", "已即时转至119火警", "", False),
        ("120", "120 医疗急救", "已即时转至120医疗急救", "", False),
        ("122", "122 交通事故报警", "已即时转至122交通事故报警", "", False),
    ],
    K.WORKORDER_REDIRECTED: [
        ("litigation", "诉讼", "请依法向人民法院起诉", "", False),
        ("arbitration", "仲裁", "请依法申请仲裁", "", False),
        ("admin_review", "行政复议", "请依法申请行政复议", "", False),
        ("petition", "信访", "请依照信访工作条例向有权处理的机关、单位提出信访事项", "", False),
        ("discipline", "纪检监察", "请向纪检监察机关检举控告", "", False),
        ("gov_info", "政府信息公开", "请依法申请政府信息公开", "", False),
        ("market", "市场、社会等其他渠道", "超出承办单位职责范围，请通过市场、社会等其他渠道解决", "", True),
        ("other", "其他渠道", "请通过其他渠道提出", "", True),
    ],
}

# (code, ground, legal basis, [(process, state) where it may pause the clock])
PAUSE_GROUNDS = [
    ("hearing", "听证", "信访工作条例 第三十六条第二款：听证所需时间不计算在复核期限内", [("petition", "re_review")]),
    ("appraisal", "鉴定评估", "人民法院在线调解规则 第二十六条：鉴定评估期限不计入调解期限", [("dispute", "mediating")]),
    ("parties_agreed", "当事人同意暂停调解", "人民法院在线调解规则 第二十四条：各方当事人同意延长的，不受此限",
     [("dispute", "mediating")]),
]


def seed_notices() -> None:
    for kind, channels in NOTICE_CHANNELS.items():
        for order, (code, name, guidance, basis, needs_detail) in enumerate(channels):
            NoticeChannel.objects.get_or_create(
                notice_kind=kind, code=code,
                defaults={"name": name, "guidance": guidance, "legal_basis": basis, "needs_detail": needs_detail,
                          "order": order},
            )
    for order, (code, name, basis, steps) in enumerate(PAUSE_GROUNDS):
        ground, created = PauseGround.objects.get_or_create(code=code, defaults={"name": name, "legal_basis": basis,
                                                                                 "order": order})
        if created:
            for process_code, state_code in steps:
                state = State.objects.filter(process__code=process_code, code=state_code).first()
                if state is not None:
                    ground.states.add(state)
