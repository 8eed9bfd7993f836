"""The rating block on the portal's tracking page ({% include "followup/portal_rating.html" %} there)."""
from __future__ import annotations

from django import template

from fengqiao.core.tracked_session import tracked_case_id
from fengqiao.followup.forms import RatingForm
from fengqiao.followup.selectors import portal_rating_for

register = template.Library()


@register.inclusion_tag("followup/partials/portal_rating_block.html", takes_context=True)
def followup_rating(context: template.Context) -> dict:
    request = context.get("request")
    case_id = None
    if request is not None:
        case_id = tracked_case_id(request.session)
    rating = portal_rating_for(case_id=case_id) if case_id else None
    return {"rating": rating, "form": RatingForm(auto_id="id_rating_%s") if rating and rating.can_rate else None,
            "request": request, "csrf_token": context.get("csrf_token")}
