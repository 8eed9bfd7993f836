"""Fixed choice sets of the mediation app. Durations and legal clocks are rows (ClockRule), never constants here."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.choices import RemedyRoute


class OrganisationKind(models.TextChoices):
    VILLAGE_COMMITTEE = "village", _("村（社区）人民调解委员会")
    TOWNSHIP_COMMITTEE = "township", _("镇（街道）人民调解委员会")
    INDUSTRY_COMMITTEE = "industry", _("行业性专业性人民调解委员会")
    POLICE_ROOM = "police_room", _("派出所警调室")
    COURT_CENTER = "court_center", _("法院诉调对接中心")
    ADMINISTRATIVE = "administrative", _("行政调解（行政机关）")


class Channel(models.TextChoices):
    PEOPLE = "people", _("人民调解")
    ADMINISTRATIVE = "administrative", _("行政调解")
    JUDICIAL = "judicial", _("司法调解（诉调对接）")
    INDUSTRY = "industry", _("行业性专业性调解")


# Which kinds of organisation run which channel (警调室 is people's mediation at a police station).
CHANNEL_ORGANISATION_KINDS: dict[str, set[str]] = {
    Channel.PEOPLE: {OrganisationKind.VILLAGE_COMMITTEE, OrganisationKind.TOWNSHIP_COMMITTEE, OrganisationKind.POLICE_ROOM},
    Channel.ADMINISTRATIVE: {OrganisationKind.ADMINISTRATIVE},
    Channel.JUDICIAL: {OrganisationKind.COURT_CENTER},
    Channel.INDUSTRY: {OrganisationKind.INDUSTRY_COMMITTEE},
}


class MediationStatus(models.TextChoices):
    ACTIVE = "active", _("调解中")
    REFUSED = "refused", _("当事人拒绝调解")
    SUCCEEDED = "succeeded", _("调解成功")
    FAILED = "failed", _("调解不成")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("已安排")
    HELD = "held", _("已举行")
    CANCELLED = "cancelled", _("已取消")


class SessionOutcome(models.TextChoices):
    NO_AGREEMENT = "no_agreement", _("未达成一致，继续调解")
    AGREED = "agreed", _("达成一致，制作协议")
    ADJOURNED = "adjourned", _("改期再调")
    PARTY_ABSENT = "party_absent", _("当事人未到场")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("待签署")
    EFFECTIVE = "effective", _("已生效")


class ConfirmationResult(models.TextChoices):
    PENDING = "pending", _("法院审查中")
    CONFIRMED = "confirmed", _("裁定确认有效")
    REJECTED = "rejected", _("裁定驳回申请（不予确认）")


class PerformanceResult(models.TextChoices):
    PERFORMED = "performed", _("已履行")
    PARTLY = "partly", _("部分履行")
    NOT_PERFORMED = "not_performed", _("未履行")


class InstalmentStatus(models.TextChoices):
    PENDING = "pending", _("待回访")
    PERFORMED = "performed", _("已履行")
    PARTLY = "partly", _("部分履行")
    NOT_PERFORMED = "not_performed", _("未履行")


# Routes the parties are told about when mediation fails (人民调解法 第26条): the one list in cases.choices, so the
# case page's "调解不成" step and the mediation page ask for the same routes.
Route = RemedyRoute


class ClockKind(models.TextChoices):
    JUDICIAL_CONFIRMATION = "judicial_confirmation", _("申请司法确认期限")
    COURT_PRE_FILING = "court_pre_filing", _("诉前调解期限")
    LABOUR_ARBITRATION = "labour_arbitration", _("可申请劳动仲裁之日")
    LABOUR_LIMITATION = "labour_limitation", _("劳动仲裁时效")
    COURT_APPOINTMENT = "court_appointment", _("法院指定调解员期限")
    COURT_ACCEPTANCE = "court_acceptance", _("确认接受委派期限")
    COURT_POST_FILING_ORDINARY = "court_post_filing_ordinary", _("立案后调解期限（普通程序）")
    COURT_POST_FILING_SIMPLIFIED = "court_post_filing_simplified", _("立案后调解期限（简易程序）")
    LABOUR_ACCEPTANCE = "labour_acceptance", _("劳动仲裁受理期限")
    LABOUR_AWARD = "labour_award", _("劳动仲裁裁决期限")
    LABOUR_AWARD_EXTENSION = "labour_award_extension", _("劳动仲裁裁决延期上限")
    LABOUR_SUIT = "labour_suit", _("不服仲裁裁决起诉期限")


class CourtReferralKind(models.TextChoices):
    """How a court sent the dispute to the organisation (人民法院在线调解规则); blank: not court-entrusted."""

    PRE_FILING = "pre_filing", _("诉前委派调解")
    POST_FILING_ORDINARY = "post_filing_ordinary", _("立案后委托调解（普通程序）")
    POST_FILING_SIMPLIFIED = "post_filing_simplified", _("立案后委托调解（简易程序）")


# The mediation period a court-entrusted mediation runs against, from the day the referral is accepted (第24条).
COURT_PERIOD_CLOCKS: dict[str, str] = {
    CourtReferralKind.PRE_FILING: ClockKind.COURT_PRE_FILING,
    CourtReferralKind.POST_FILING_ORDINARY: ClockKind.COURT_POST_FILING_ORDINARY,
    CourtReferralKind.POST_FILING_SIMPLIFIED: ClockKind.COURT_POST_FILING_SIMPLIFIED,
}


class ClockStatus(models.TextChoices):
    NONE = "none", _("无时限")
    GREEN = "green", _("正常")
    YELLOW = "yellow", _("临期")
    RED = "red", _("超期")
    DONE = "done", _("已完成")


class ArbitrationOutcome(models.TextChoices):
    """How a labour arbitration referral ended (劳动争议调解仲裁法 第二十九条、第四十二条、第四十三条、第四十七条)."""

    AWARD = "award", _("作出裁决（支持或部分支持请求）")
    FINAL_AWARD = "final_award", _("作出终局裁决（第四十七条）")
    DISMISSED = "dismissed", _("裁决驳回仲裁请求")
    CONCILIATION = "conciliation", _("仲裁调解结案（调解书）")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    WITHDRAWN = "withdrawn", _("申请人撤回仲裁申请")


# Outcomes after which a party may sue within 15 days of receiving the award (第四十八条、第五十条).
AWARD_OUTCOMES = {ArbitrationOutcome.AWARD, ArbitrationOutcome.FINAL_AWARD, ArbitrationOutcome.DISMISSED}
