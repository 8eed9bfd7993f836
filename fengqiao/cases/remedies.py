"""The routes to a remedy that the parties are told of (人民调解法 第二十六条): one check and one wording for the
case step (调解不成) and the mediation page alike."""
from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from fengqiao.cases.choices import RemedyRoute
from fengqiao.core.errors import ValidationFailed


def clean_routes(routes: Iterable[str] | None, *, required: bool, action: str = "") -> list[str]:
    """The routes told to the parties, in the list's order; none where the step requires them is refused."""
    chosen = list(dict.fromkeys(routes or []))
    if any(r not in RemedyRoute.values for r in chosen):
        raise ValidationFailed(_("未知的救济途径。"), field_errors={"routes": [_("未知")]})
    if required and not chosen:
        raise ValidationFailed(
            _("“%(action)s”须告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利（人民调解法 第二十六条），"
              "请勾选已告知的途径。") % {"action": action},
            field_errors={"routes": [_("必选")]},
        )
    return [r for r in RemedyRoute.values if r in chosen]


def routes_text(routes: Iterable[str]) -> str:
    return "、".join(str(RemedyRoute(r).label) for r in routes)
