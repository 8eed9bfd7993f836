"""Risk reasons as text for the pages (the rows keep codes and values)."""
from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from fengqiao.warning.engine import cues
from fengqiao.warning.engine import risk as engine


def _vulnerable(value: str) -> str:
    names = {cues.ELDERLY: _("老年人"), cues.MINOR: _("未成年人"), cues.DISABLED: _("残疾人或重病者")}
    return "、".join(names.get(v, v) for v in str(value).split(",") if v)


def reason_text(reason: dict[str, Any]) -> str:
    code, value = reason.get("code"), reason.get("value", "")
    texts = {
        engine.MANY_PARTIES: lambda: _("涉及 %(n)s 人（群体性）") % {"n": value},
        engine.REPEAT_REPORTS: lambda: _("同一事项此前已反映 %(n)s 次（可能未化解到位）") % {"n": value},
        engine.FAILED_MEDIATION: lambda: _("调解不成 %(n)s 次") % {"n": value},
        engine.OVERDUE: lambda: _("本环节已超期 %(n)s 天") % {"n": value},
        engine.CRISIS_LANGUAGE: lambda: _("出现危机言语（需心理关怀）"),
        engine.VULNERABLE_PARTY: lambda: _("涉及弱势群体：%(who)s") % {"who": _vulnerable(str(value))},
        engine.WAGES_BEFORE_FESTIVAL: lambda: _("欠薪纠纷，距春节还有 %(n)s 天") % {"n": value},
        engine.SHARED_ORGANISATION: lambda: _("同一单位另有 %(n)s 件在办案件") % {"n": value},
        engine.SHARED_PLACE: lambda: _("同一地点另有 %(n)s 件在办案件") % {"n": value},
    }
    make = texts.get(str(code))
    return make() if make else str(code)


def feature_names() -> dict[str, str]:
    """The features by code, for the weights page."""
    return {
        engine.MANY_PARTIES: _("群体性（超过5人）"), engine.REPEAT_REPORTS: _("同一事项重复反映"),
        engine.FAILED_MEDIATION: _("调解不成"), engine.OVERDUE: _("环节超期"), engine.CRISIS_LANGUAGE: _("危机言语"),
        engine.VULNERABLE_PARTY: _("涉及弱势群体"), engine.WAGES_BEFORE_FESTIVAL: _("春节前欠薪"),
        engine.SHARED_ORGANISATION: _("同一单位多起在办案件"), engine.SHARED_PLACE: _("同一地点多起在办案件"),
        "per_extra": _("每多一次（件、周）加分"), "cap": _("加分上限"),
        "red": _("红色阈值"), "orange": _("橙色阈值"), "yellow": _("黄色阈值"),
    }
