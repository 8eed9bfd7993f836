"""登记案件: the registration form with its party rows and attachments; the service validates and saves."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from fengqiao.cases import services
from fengqiao.cases.choices import PartyRole
from fengqiao.cases.forms import (
    MAX_PARTY_ROWS,
    PARTY_PREFIX,
    CaseCreateForm,
    PartyForm,
    add_create_errors,
    build_case_input,
    filled_party_forms,
    party_formset,
    party_rows_from_post,
    read_uploads,
)
from fengqiao.cases.selectors import default_registration_region, regions_for_registration
from fengqiao.core.errors import ServiceError
from fengqiao.core.viewkit import redirect_after_post, staff_view

TEMPLATE = "cases/case_create.html"


def _show_again_without_errors(request: HttpRequest, regions, add_rows: int) -> tuple[CaseCreateForm, object]:
    """The "more rows" button without JavaScript: show what was typed, unbound (no errors yet), one row more."""
    initial = {k: v for k, v in request.POST.items() if not k.startswith(PARTY_PREFIX) and k != "csrfmiddlewaretoken"}
    form = CaseCreateForm(regions=regions, initial=initial)
    rows, count = party_rows_from_post(request.POST, add=add_rows)
    return form, party_formset(rows=count, initial=rows)


@staff_view
def case_create(request: HttpRequest) -> HttpResponse:
    regions = regions_for_registration(user=request.user)
    if not regions.exists():
        return render(request, TEMPLATE, {"forbidden": True}, status=403)
    status = 200
    if request.method == "POST" and "add_party" in request.POST:
        form, formset = _show_again_without_errors(request, regions, add_rows=1)
    elif request.method == "POST":
        form = CaseCreateForm(request.POST, request.FILES, regions=regions)
        formset = party_formset(request.POST)
        party_forms = filled_party_forms(formset)
        status = 400
        if form.is_valid() and all(f.is_valid() for f in party_forms):
            data = build_case_input(form, party_forms, read_uploads(form.cleaned_data["attachments"]))
            try:
                case = services.case_create(acting_user=request.user, data=data)
            except ServiceError as exc:
                form.add_error(None, str(exc.message))
                for message in add_create_errors(form, party_forms, exc):
                    form.add_error(None, message)
                status = exc.status_code
            else:
                messages.success(request, _("案件已登记：%(ref)s（查询码 %(code)s）。") % {
                    "ref": case.reference, "code": case.tracking_code})
                return redirect_after_post(request, reverse("cases:detail", args=[case.pk]))
        else:
            form.add_error(None, _("提交的数据有误，请检查标出的字段。"))
        narrative = form.data.get("narrative", "")
        if len(narrative) > settings.FENGQIAO_MAX_NARRATIVE_CHARS:
            # Do not send megabytes back to the browser: keep the start of the text for the user to shorten.
            form.data = form.data.copy()
            form.data["narrative"] = narrative[: settings.FENGQIAO_MAX_NARRATIVE_CHARS]
    else:
        default_region = default_registration_region(user=request.user)
        form = CaseCreateForm(regions=regions, initial={"region": default_region.pk if default_region else None})
        formset = party_formset(rows=2)
    context = {"form": form, "formset": formset, "next_index": formset.total_form_count(), "max_rows": MAX_PARTY_ROWS}
    return render(request, TEMPLATE, context, status=status)


@staff_view
@require_GET
def party_row(request: HttpRequest) -> HttpResponse:
    """HTMX: one more party row, with the formset's row count and the "add" button updated out of band."""
    try:
        index = int(request.GET.get("index", ""))
    except ValueError:
        index = -1
    if not 0 <= index < MAX_PARTY_ROWS:
        return HttpResponse(status=400)
    form = PartyForm(prefix=f"{PARTY_PREFIX}-{index}", initial={"role": PartyRole.RESPONDENT})
    context = {"form": form, "index": index, "next_index": index + 1, "max_rows": MAX_PARTY_ROWS}
    return render(request, "cases/partials/party_row_added.html", context)
