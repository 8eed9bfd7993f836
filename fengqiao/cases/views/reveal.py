"""Showing a party's full ID or phone number: asks for a reason, and the service logs the reveal."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fengqiao.cases import services
from fengqiao.cases.forms import RevealForm
from fengqiao.cases.models import Party
from fengqiao.cases.selectors import party_get_visible
from fengqiao.cases.services.personal_data import REVEALABLE_FIELDS
from fengqiao.core.errors import NotFoundError, ServiceError
from fengqiao.core.viewkit import add_service_errors, is_htmx, staff_view


def _masked(party: Party, field: str) -> str:
    return party.masked_id_number if field == "id_number" else party.masked_phone


@staff_view
def party_reveal(request: HttpRequest, pk: int, party_id: int, field: str) -> HttpResponse:
    if field not in REVEALABLE_FIELDS or request.method not in {"GET", "POST"}:
        raise Http404
    party = party_get_visible(user=request.user, case_id=pk, party_id=party_id)
    if not getattr(party, field):
        raise Http404
    context = {
        "case": party.case, "party": party, "field": field, "masked": _masked(party, field),
        "url": reverse("cases:reveal", args=[pk, party.pk, field]), "value": None,
    }
    status = 200
    form = RevealForm(request.POST or None, auto_id=f"id_reveal_{party.pk}_{field}_%s")
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                context["value"] = services.party_reveal(party=party, field=field, acting_user=request.user,
                                                         reason=form.cleaned_data["reason"])
                status = 200
            except NotFoundError as exc:
                raise Http404 from exc
            except ServiceError as exc:
                add_service_errors(form, exc)
                status = exc.status_code
    context["form"] = form
    template = "cases/partials/reveal.html" if is_htmx(request) else "cases/party_reveal.html"
    return render(request, template, context, status=status)
