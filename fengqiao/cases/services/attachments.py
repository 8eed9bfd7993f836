"""Evidence uploads: size-limited, type checked by content, stored outside the web root."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import EventKind
from fengqiao.cases.models import Attachment, Case
from fengqiao.core.errors import NotFoundError, ValidationFailed

# extension -> MIME types that the file's content may show
ALLOWED_TYPES = {
    ".jpg": {"image/jpeg"}, ".jpeg": {"image/jpeg"}, ".png": {"image/png"}, ".gif": {"image/gif"},
    ".webp": {"image/webp"}, ".pdf": {"application/pdf"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    ".mp3": {"audio/mpeg"}, ".m4a": {"audio/mp4", "video/mp4", "audio/x-m4a"}, ".mp4": {"video/mp4"},
}
MAX_ATTACHMENTS = 20


@dataclass
class AttachmentInput:
    name: str
    content: bytes


def sniff(item: AttachmentInput) -> str | None:
    """The MIME type the content really has, if it matches what the extension claims; otherwise None."""
    suffix = PurePath(item.name).suffix.lower()
    allowed = ALLOWED_TYPES.get(suffix)
    if not allowed:
        return None
    kind = filetype.guess(item.content[:8192])
    if kind is None or kind.mime not in allowed:
        return None
    return kind.mime


def validate_attachments(items: list[AttachmentInput]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if len(items) > MAX_ATTACHMENTS:
        errors["attachments"] = [_("附件过多（最多 %(n)d 个）。") % {"n": MAX_ATTACHMENTS}]
        return errors
    limit = settings.FENGQIAO_MAX_UPLOAD_BYTES
    for index, item in enumerate(items):
        key = f"attachments[{index}]"
        suffix = PurePath(item.name).suffix.lower()
        if len(item.content) > limit:
            errors[key] = [_("文件“%(name)s”超过 %(mb)d MB。") % {"name": item.name, "mb": limit // (1024 * 1024)}]
        elif not item.content:
            errors[key] = [_("文件“%(name)s”为空。") % {"name": item.name}]
        elif suffix not in ALLOWED_TYPES:
            errors[key] = [_("不支持的文件类型“%(ext)s”，请上传图片、PDF、Word、Excel 或音视频文件。") % {"ext": suffix or "?"}]
        elif sniff(item) is None:
            errors[key] = [_("文件“%(name)s”的内容与扩展名不符。") % {"name": item.name}]
    return errors


def store_attachments(*, case: Case, items: list[AttachmentInput], acting_user) -> list[Attachment]:
    from fengqiao.cases.services.common import add_event

    stored: list[Attachment] = []
    for item in items:
        attachment = Attachment(
            case=case, original_name=PurePath(item.name).name[:200], content_type=sniff(item) or "application/octet-stream",
            size=len(item.content), sha256=hashlib.sha256(item.content).hexdigest(), uploaded_by=acting_user,
        )
        suffix = PurePath(item.name).suffix.lower()
        # Content-addressed name: a file left behind by a rolled-back transaction is never referenced.
        attachment.file.save(f"{attachment.sha256[:32]}{suffix}", ContentFile(item.content), save=False)
        attachment.save()
        stored.append(attachment)
        add_event(case, kind=EventKind.ATTACHMENT, actor=acting_user, note=attachment.original_name,
                  data={"attachment": attachment.pk, "size": attachment.size})
    return stored


@transaction.atomic
def case_attachment_add(*, case: Case, items: list[AttachmentInput], acting_user) -> list[Attachment]:
    from fengqiao.cases.permissions import can_work_on

    if not can_work_on(acting_user, case):
        raise NotFoundError(_("未找到该案件。"))
    errors = validate_attachments(items)
    if errors:
        raise ValidationFailed(_("附件有误。"), field_errors=errors)
    stored = store_attachments(case=case, items=items, acting_user=acting_user)
    audit_record(actor=acting_user, action="case.attachment_add", obj=case, after={"attachments": [a.original_name for a in stored]})
    events.publish(events.AttachmentsAdded(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None),
                                           attachment_ids=tuple(a.pk for a in stored)))
    return stored
