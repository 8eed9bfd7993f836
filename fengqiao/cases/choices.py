from django.db import models
from django.utils.translation import gettext_lazy as _


class StateKind(models.TextChoices):
    OPEN = "open", _("办理中")
    RESOLVED = "resolved", _("已化解")
    CLOSED = "closed", _("已办结")


class TransitionEffect(models.TextChoices):
    """What a transition does besides moving the case to its target state: the code reads this, never the
    action code (an administrator may name a step as the county likes)."""
    ASSIGN = "assign", _("交办（指定新的主办）")
    TRANSFER = "transfer", _("转办（改派主办）")
    ACCEPT = "accept", _("受理（执行人承办）")
    RETURN = "return", _("退回中心（主办结束）")
    REFUSED = "refused", _("当事人拒绝调解（退回中心另选途径）")
    ANSWER = "answer", _("出具书面答复或意见（信访）")
    REQUEST_REVIEW = "request_review", _("申请复查（信访）")
    REQUEST_RE_REVIEW = "request_re_review", _("申请复核（信访）")
    SETTLE = "settle", _("调解成功")
    FAIL = "fail", _("调解不成")
    DECLINE = "decline", _("不予受理或告知其他途径（终结未化解）")
    FOLLOW_UP = "follow_up", _("回访")
    CLOSE = "close", _("办结")
    REOPEN = "reopen", _("重新办理")
    NONE = "none", _("仅变更环节")


# Steps that name a new lead (the form asks for a department or person); steps that give the case back to the
# center, the lead's assignment ending as returned (退回; a party's refusal of mediation, 人民调解法 第十七条).
LEAD_EFFECTS = frozenset({TransitionEffect.ASSIGN, TransitionEffect.TRANSFER})
RETURN_EFFECTS = frozenset({TransitionEffect.RETURN, TransitionEffect.REFUSED})


class NoticeKind(models.TextChoices):
    """Written notices of a refusal or redirection (告知书); each has its list of channels (NoticeChannel)."""
    PETITION_NOT_ACCEPTED = "petition_not_accepted", _("信访事项不予受理告知书")
    PETITION_LEGAL_CHANNEL = "petition_legal_channel", _("涉法涉诉信访事项转送告知书")
    DISPUTE_DECLINED = "dispute_declined", _("矛盾纠纷不予受理告知书")
    WORKORDER_EMERGENCY = "workorder_emergency", _("紧急事项转接告知")
    WORKORDER_REDIRECTED = "workorder_redirected", _("诉求办理途径告知书")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")
    CRITICAL = "critical", _("特急")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("单位")


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("申请人")
    RESPONDENT = "respondent", _("被申请人")
    THIRD_PARTY = "third_party", _("第三人")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("主办")
    CO = "co", _("协办")


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("办理中")
    DONE = "done", _("已完成")
    RETURNED = "returned", _("已退回")
    TRANSFERRED = "transferred", _("已转办")
    WAIVED = "waived", _("已免除")


class DeadlineUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("自然日")
    WORKING_DAYS = "working_days", _("工作日")


class ClockStart(models.TextChoices):
    STATE_ENTERED = "state_entered", _("进入本环节时")
    RECEIVED = "received", _("收到诉求时")
    # The date recorded with the step: the day the resident received the written answer, or the day a 复查/复核
    # request was received (信访工作条例 第三十五条, 第三十六条). No clock runs until that date is recorded.
    STEP_DATE = "step_date", _("本环节登记的日期（答复送达或收到请求之日）")


class DeadlineStatus(models.TextChoices):
    NONE = "none", _("无时限")
    GREEN = "green", _("正常")
    YELLOW = "yellow", _("临期")
    RED = "red", _("超期")
    PAUSED = "paused", _("已暂停")


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("未批准")


class EventKind(models.TextChoices):
    CREATED = "created", _("登记")
    TRANSITION = "transition", _("流转")
    ASSIGNED = "assigned", _("交办")
    NOTE = "note", _("备注")
    ATTACHMENT = "attachment", _("附件")
    EXTENSION = "extension", _("延期")
    DEADLINE = "deadline", _("时限")
    JOINT = "joint", _("联合处置")
    SUPERVISION = "supervision", _("督办")
    LEADER = "leader", _("领导包案")
    ESCALATION = "escalation", _("上报")
    CLOCK = "clock", _("计时")


class SupervisionKind(models.TextChoices):
    AUTO = "auto", _("超期自动督办")
    FORMAL = "formal", _("正式督办")


class ReplyStatus(models.TextChoices):
    NOT_ASKED = "not_asked", _("无需回复")
    WAITING = "waiting", _("待回复")
    OVERDUE = "overdue", _("回复超期")
    REPLIED = "replied", _("已回复")


# Pseudo-role: the person currently holding an active assignment on the case.
ASSIGNEE = "assignee"
MANY_PARTY_THRESHOLD = 5  # 信访工作条例: more than 5 people is a many-party matter


class RemedyRoute(models.TextChoices):
    """The routes the parties are told about when mediation fails or is refused (人民调解法 第二十六条: 仲裁、行政、
    司法等途径). One list for the case page and the mediation page (mediation.choices.Route is this list)."""

    ARBITRATION = "arbitration", _("仲裁")
    ADMINISTRATIVE = "administrative", _("行政途径（行政处理、行政复议等）")
    LITIGATION = "litigation", _("诉讼")
