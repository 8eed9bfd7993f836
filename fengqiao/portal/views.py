"""Resident-facing pages. No login: a resident submits, then tracks with the tracking code and a phone number."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from fengqiao.cases.models import CaseNotice
from fengqiao.cases.notice_pdf import notice_filename
from fengqiao.cases.notice_pdf import notice_pdf as notice_pdf_bytes
from fengqiao.core import tracked_session
from fengqiao.core.errors import ServiceError
from fengqiao.core.ratelimit import RateDecision, rate_limit_release
from fengqiao.portal import selectors, services
from fengqiao.portal.forms import SubmissionForm, TrackForm


def _rate_limited(request: HttpRequest, decision: RateDecision, action: str, back: str) -> HttpResponse:
    minutes = max(1, (decision.retry_after + 59) // 60)
    context = {"action": action, "limit": decision.limit, "minutes": minutes, "back_url": reverse(back)}
    response = render(request, "portal/rate_limited.html", context, status=429)
    response["Retry-After"] = str(decision.retry_after)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "portal/submit.html", {"form": SubmissionForm()})
    # A post too big to read never gets here: UnreadablePostMiddleware answers it with its own page.
    decision = services.submission_quota_take(request)
    if not decision.allowed:
        return _rate_limited(request, decision, _("提交诉求"), "portal:submit")
    form = SubmissionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            case = services.submission_create(submission=form.to_submission())
        except ServiceError as error:
            form.add_service_errors(error)
        else:
            tracked_session.session_remember(request.session, tracked_session.SUBMITTED_SESSION_KEY, case)
            return redirect("portal:submitted")
    # Nothing was saved, so the attempt does not count against the address.
    rate_limit_release(decision)
    return render(request, "portal/submit.html", {"form": form})


@never_cache
@require_http_methods(["GET"])
def submitted(request: HttpRequest) -> HttpResponse:
    case_id = tracked_session.session_recall(request.session, tracked_session.SUBMITTED_SESSION_KEY,
                                             tracked_session.SUBMITTED_MAX_AGE)
    receipt = selectors.submission_receipt(case_id=case_id) if case_id else None
    if receipt is None:
        return redirect("portal:submit")
    return render(request, "portal/submitted.html", {"receipt": receipt})


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "portal/track.html", {"form": TrackForm()})
    tracked_session.session_forget(request.session, tracked_session.TRACKED_SESSION_KEY)
    decision = services.tracking_quota_take(request)
    if not decision.allowed:
        return _rate_limited(request, decision, _("查询进度"), "portal:track")
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/track.html", {"form": form})
    case = services.case_find_for_tracking(code=form.cleaned_data["code"], phone=form.cleaned_data["phone"])
    if case is not None:
        request.session.cycle_key()  # a session id planted before the lookup cannot read the case afterwards
        tracked_session.session_remember(request.session, tracked_session.TRACKED_SESSION_KEY, case)
        return redirect("portal:track_result")
    # The same answer for a wrong code and a wrong phone number, and the phone number is not echoed back.
    blank = TrackForm(initial={"code": form.cleaned_data["code"]})
    return render(request, "portal/track.html", {"form": blank, "not_found": True})


@never_cache
@require_http_methods(["GET"])
def track_result(request: HttpRequest) -> HttpResponse:
    case_id = tracked_session.tracked_case_id(request.session)
    tracked = selectors.tracked_case(case_id=case_id) if case_id else None
    if tracked is None:
        return redirect("portal:track")
    return render(request, "portal/track_result.html", {"tracked": tracked})


@never_cache
@require_http_methods(["GET"])
def notice_pdf(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The 告知书 of the case this session has looked up (with its tracking code and phone), as a PDF; any other
    notice, or none looked up, is not found."""
    case_id = tracked_session.tracked_case_id(request.session)
    notice = CaseNotice.objects.filter(pk=notice_id, case_id=case_id).select_related("case").first() if case_id else None
    if notice is None:
        raise Http404
    response = HttpResponse(notice_pdf_bytes(notice=notice), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=notice_filename(notice))
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def track_end(request: HttpRequest) -> HttpResponse:
    """Forget the verified lookup (for a shared phone or computer)."""
    tracked_session.session_forget(request.session, tracked_session.TRACKED_SESSION_KEY)
    return redirect("portal:track")
