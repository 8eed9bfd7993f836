"""Evidence downloads: permission-checked, always as an attachment, never sniffed by the browser."""
from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.audit.services import personal_data_access_record
from fengqiao.cases.selectors import attachment_get_visible
from fengqiao.core.viewkit import staff_view


@staff_view
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    attachment = attachment_get_visible(user=request.user, case_id=pk, attachment_id=attachment_id)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    personal_data_access_record(user=request.user, kind=PersonalDataAccess.Kind.VIEW, obj=attachment, field="file")
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
