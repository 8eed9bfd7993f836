"""The written notice (告知书) of a refusal or redirection as a PDF: for staff who may see the case, logged as an
export of personal data, always as a file."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.audit.services import personal_data_access_record
from fengqiao.cases.models import CaseNotice
from fengqiao.cases.notice_pdf import notice_filename, notice_pdf
from fengqiao.cases.selectors import case_get_visible
from fengqiao.core.viewkit import staff_view


def notice_response(notice: CaseNotice) -> HttpResponse:
    response = HttpResponse(notice_pdf(notice=notice), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=notice_filename(notice))
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view
@require_GET
def notice_download(request: HttpRequest, pk: int, notice_id: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    notice = CaseNotice.objects.filter(case=case, pk=notice_id).select_related("case").first()
    if notice is None:
        raise Http404
    personal_data_access_record(user=request.user, kind=PersonalDataAccess.Kind.EXPORT, obj=notice, reason="告知书 PDF")
    return notice_response(notice)
