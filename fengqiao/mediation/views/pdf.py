"""Downloading the agreement PDF: permission-checked, logged as an export of personal data, always as a file."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.audit.services import personal_data_access_record
from fengqiao.core.errors import ServiceError
from fengqiao.core.viewkit import staff_view
from fengqiao.mediation.pdf import agreement_filename, agreement_pdf
from fengqiao.mediation.selectors import agreement_with_instalments, mediation_get_visible
from fengqiao.mediation.services.common import ensure_can_act


@staff_view
def agreement_download(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    try:
        ensure_can_act(request.user, mediation.case)
    except ServiceError as exc:
        return render(request, "mediation/problem.html", {"message": exc.message, "mediation": mediation},
                      status=exc.status_code)
    agreement = agreement_with_instalments(mediation)
    if agreement is None:
        return render(request, "mediation/problem.html", {"mediation": mediation, "missing_agreement": True}, status=404)
    agreement.mediation = mediation
    content = agreement_pdf(agreement=agreement)
    personal_data_access_record(user=request.user, kind=PersonalDataAccess.Kind.EXPORT, obj=agreement,
                                reason="调解协议书 PDF")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=agreement_filename(agreement))
    response["X-Content-Type-Options"] = "nosniff"
    return response
