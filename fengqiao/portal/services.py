"""What the resident-facing portal does: limit how often one address may act, turn a submission into a case,
find a case by its tracking code and a party's phone number, and remember a verified lookup for a short time
(fengqiao.core.tracked_session, which the follow-up app reads too)."""
from __future__ import annotations

import hmac
import logging
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest

from fengqiao.cases.choices import PartyKind, PartyRole
from fengqiao.cases.models import Case, Party, Process
from fengqiao.cases.services import case_create
from fengqiao.cases.services.attachments import AttachmentInput
from fengqiao.cases.services.create import CaseInput, PartyInput
from fengqiao.core.masking import normalise_phone
from fengqiao.core.ratelimit import RateDecision, client_address, rate_limit_take
from fengqiao.intake.choices import Channel
from fengqiao.portal.choices import RequestKind
from fengqiao.regions.models import Region

logger = logging.getLogger("fengqiao.portal")

SUBMIT_BUCKET = "submit"
TRACK_BUCKET = "track"

PROCESS_FOR_KIND: dict[str, str] = {RequestKind.DISPUTE: "dispute", RequestKind.GOVERNMENT: "workorder"}


def submission_quota_take(request: HttpRequest) -> RateDecision:
    return rate_limit_take(bucket=SUBMIT_BUCKET, address=client_address(request),
                           limit=settings.FENGQIAO_PORTAL_SUBMISSIONS_PER_HOUR)


def tracking_quota_take(request: HttpRequest) -> RateDecision:
    return rate_limit_take(bucket=TRACK_BUCKET, address=client_address(request),
                           limit=settings.FENGQIAO_PORTAL_TRACKS_PER_HOUR)


# --- submitting ---------------------------------------------------------------------------------------------------

@dataclass
class Submission:
    kind: str
    name: str
    phone: str
    region: Region | None
    title: str
    narrative: str
    id_number: str = ""
    address: str = ""
    attachments: list[AttachmentInput] = field(default_factory=list)


def submission_create(*, submission: Submission) -> Case:
    """Register a resident's own submission as an online case with the resident as the applicant.

    Everything is validated and saved by `case_create` in one transaction (with its audit row); a
    `ValidationFailed` from it leaves nothing behind."""
    process_code = PROCESS_FOR_KIND.get(submission.kind)
    process = Process.objects.filter(code=process_code).first() if process_code else None
    applicant = PartyInput(
        name=submission.name, role=PartyRole.APPLICANT, kind=PartyKind.PERSON,
        id_number=submission.id_number, phone=submission.phone,
    )
    data = CaseInput(
        process=process,
        channel=Channel.ONLINE,
        title=submission.title,
        narrative=submission.narrative,
        region=submission.region,
        address=submission.address,
        parties=[applicant],
        attachments=submission.attachments,
    )
    return case_create(acting_user=None, data=data)


# --- tracking -----------------------------------------------------------------------------------------------------

def normalise_tracking_code(value: str) -> str:
    """Upper case without spaces or dashes; full-width characters typed on a Chinese keyboard become ASCII."""
    value = unicodedata.normalize("NFKC", value or "")
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def normalise_phone_input(value: str) -> str:
    """Digits only (spaces, dashes, brackets and a +86 prefix dropped; full-width digits made ASCII)."""
    return normalise_phone(unicodedata.normalize("NFKC", value or "").strip())


def case_find_for_tracking(*, code: str, phone: str) -> Case | None:
    """The case with this tracking code, if one of its parties has this phone number; otherwise None.

    Both failures look the same to the caller, and the lookup does the same work for a wrong code and a wrong
    phone number (one query for the parties of the code, every phone compared in constant time)."""
    code = normalise_tracking_code(code)
    wanted = normalise_phone_input(phone).encode()
    if not code or not wanted:
        return None
    matched: int | None = None
    for case_id, party_phone in Party.objects.filter(case__tracking_code=code).values_list("case_id", "phone"):
        candidate = normalise_phone_input(party_phone).encode()
        if candidate and hmac.compare_digest(candidate, wanted):
            matched = case_id
    if matched is None:
        return None
    return Case.objects.filter(pk=matched).first()

