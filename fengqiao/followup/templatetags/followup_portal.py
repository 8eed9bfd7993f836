"""The rating block on the portal's tracking page ({% include "followup/portal_rating.html" %} there)."""
from __future__ import annotations

from django import template

from fengqiao.followup.forms import RatingForm
from fengqiao.followup.selectors import portal_rating_for
from fengqiao.portal import services as portal_services

register = template.Library()


@register.inclusion_tag("followup/partials/portal_rating_block.html", takes_context=True)
def followup_rating(context: template.Context) -> dict:
    request = context.get("request")
    case_id = None
    if request is not None:
        case_id = portal_services.session_recall(request.session, portal_services.TRACKED_SESSION_KEY,
                                                 portal_services.TRACKED_MAX_AGE)
    rating = portal_rating_for(case_id=case_id) if case_id else None
    return {"rating": rating, "form": RatingForm(auto_id="id_rating_%s") if rating and rating.can_rate else None,
            "request": request, "csrf_token": context.get("csrf_token")}
