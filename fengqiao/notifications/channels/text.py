"""The words of an outgoing message, built from the stored (already masked) notification."""
from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from fengqiao.core.masking import mask_text
from fengqiao.notifications.models import Notification

SMS_MAX_CHARS = 300


def absolute_link(notification: Notification) -> str:
    """The notification's link as a full address, when the site's address is configured (FENGQIAO_SITE_URL)."""
    site = getattr(settings, "FENGQIAO_SITE_URL", "").rstrip("/")
    if not notification.url or not site:
        return ""
    return f"{site}{notification.url}"


def email_subject(notification: Notification) -> str:
    prefix = _("【紧急】") if notification.urgent else ""
    return mask_text(f"{prefix}{_('枫桥')} · {notification.title}").replace("\n", " ").replace("\r", " ")


def email_body(notification: Notification) -> str:
    lines = [notification.title, ""]
    if notification.body:
        lines += [notification.body, ""]
    lines.append(_("类型：%(kind)s") % {"kind": notification.get_kind_display()})
    if notification.case_id:
        lines.append(_("案件编号：%(reference)s") % {"reference": notification.case.reference})
    link = absolute_link(notification)
    if link:
        lines.append(_("查看：%(link)s") % {"link": link})
    lines += ["", _("此邮件由枫桥平台自动发送，请勿直接回复。可在平台“通知设置”中调整接收方式。")]
    return mask_text("\n".join(lines))


def sms_text(notification: Notification) -> str:
    parts = [f"【{_('枫桥')}】{notification.title}"]
    if notification.case_id:
        parts.append(_("（案件编号 %(reference)s）") % {"reference": notification.case.reference})
    if notification.body:
        parts.append(notification.body.replace("\r", " ").replace("\n", " "))
    text = mask_text("".join(parts))
    return text if len(text) <= SMS_MAX_CHARS else text[: SMS_MAX_CHARS - 1] + "…"
