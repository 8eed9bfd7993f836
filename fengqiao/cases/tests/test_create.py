"""Registering cases: validation with clear field errors, nothing half-saved."""
import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Attachment, Case, Party
from fengqiao.cases.services.attachments import AttachmentInput
from fengqiao.cases.services.create import PartyInput
from fengqiao.core.errors import ValidationFailed
from fengqiao.testing.factories import make_case, valid_id_number

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def refused(county, **overrides):
    before = (Case.objects.count(), Party.objects.count(), Attachment.objects.count())
    with pytest.raises(ValidationFailed) as error:
        make_case(acting_user=county.center, region=overrides.pop("region", county.grid), **overrides)
    assert (Case.objects.count(), Party.objects.count(), Attachment.objects.count()) == before
    return error.value.field_errors


def test_a_good_case_is_saved_with_parties_event_and_audit(county):
    case = make_case(acting_user=county.center, region=county.grid, attachments=[AttachmentInput("现场.png", PNG)])
    assert case.parties.count() == 2 and case.events.count() == 2  # created + attachment
    assert case.attachments.get().content_type == "image/png"
    audit = AuditEntry.objects.get(action="case.create", object_id=str(case.pk))
    assert audit.actor == county.center and audit.request_id == ""
    assert case.region_path == county.grid.path and len(case.tracking_code) == 10


@pytest.mark.parametrize(("overrides", "field"), [
    ({"title": ""}, "title"),
    ({"title": "标" * 201}, "title"),
    ({"narrative": "   "}, "narrative"),
    ({"narrative": "长" * (10 * 1024 * 1024)}, "narrative"),
    ({"channel": "fax"}, "channel"),
    ({"urgency": "whenever"}, "urgency"),
    ({"latitude": 123}, "latitude"),
    ({"party_count": 0}, "party_count"),
    ({"parties": [PartyInput(name="张某", role="respondent")]}, "parties"),
    ({"parties": [PartyInput(name="")]}, "parties[0].name"),
    ({"parties": [PartyInput(
        name="张某",
        id_number=valid_id_number()[:-1] + "0" if not valid_id_number().endswith("0") else valid_id_number()[:-1] + "1",
    )]}, "parties[0].id_number"),
    ({"parties": [PartyInput(name="张某", phone="12345")]}, "parties[0].phone"),
    ({"received_at": timezone.now() + dt.timedelta(days=3)}, "received_at"),
    ({"received_at": timezone.make_aware(dt.datetime(1899, 1, 1))}, "received_at"),
    ({"attachments": [AttachmentInput("合同.pdf", PNG)]}, "attachments[0]"),
    ({"attachments": [AttachmentInput("脚本.exe", b"MZ" + b"\x00" * 50)]}, "attachments[0]"),
    ({"attachments": [AttachmentInput("空.png", b"")]}, "attachments[0]"),
])
def test_bad_input_names_the_field_and_saves_nothing(county, overrides, field):
    assert field in refused(county, **overrides)


def test_an_unknown_region_is_a_field_error(county):
    assert "region" in refused(county, region=None)


def test_oversized_attachment_is_refused(county, settings):
    settings.FENGQIAO_MAX_UPLOAD_BYTES = 100
    assert "attachments[0]" in refused(county, attachments=[AttachmentInput("大.png", PNG + b"\x00" * 200)])


def test_html_in_text_is_stored_as_text(county):
    case = make_case(acting_user=county.center, region=county.grid, title="<script>alert(1)</script>")
    assert Case.objects.get(pk=case.pk).title == "<script>alert(1)</script>"
