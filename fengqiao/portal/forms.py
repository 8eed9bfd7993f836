"""The two forms a resident fills in: a submission and a tracking lookup.

The submission form collects only what handling the matter needs (PIPL minimum collection) and checks it with the
same validators the case service uses, so every mistake is shown at once; the service checks again on save."""
from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.services.attachments import AttachmentInput
from fengqiao.core.errors import ServiceError
from fengqiao.core.validators import is_valid_id_number, is_valid_phone
from fengqiao.portal.choices import RequestKind
from fengqiao.portal.selectors import region_options
from fengqiao.portal.services import Submission, normalise_phone_input, normalise_tracking_code
from fengqiao.regions.models import Region

logger = logging.getLogger("fengqiao.portal")

MAX_FILES = 9
ACCEPTED_FILES = "image/*,.pdf,.docx,.xlsx,.mp3,.m4a,.mp4"
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input that accepts several files and cleans to a list of uploads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "accept": ACCEPTED_FILES}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        single = super().clean
        return [single(item, initial) for item in items if item]


class ParentTaggedSelect(forms.Select):
    """A select whose options carry `data-parent` (the street of a community), so the page script can show only
    the communities of the chosen street. Without the script every option stays available, grouped by street."""

    def __init__(self, *args: Any, parents: dict[str, int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parents = parents or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        parent = self.parents.get(str(value))
        if parent is not None:
            option["attrs"]["data-parent"] = str(parent)
        return option


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip()


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("您要反映的是"), choices=RequestKind.choices, widget=forms.RadioSelect,
        error_messages={"required": _("请选择您要反映的事项类型。"), "invalid_choice": _("请选择您要反映的事项类型。")},
    )
    title = forms.CharField(
        label=_("标题"), max_length=200, help_text=_("一句话说明是什么事，如“楼上深夜噪音扰民”。"),
        error_messages={"required": _("请填写标题。"), "max_length": _("标题过长（最多 %(limit_value)d 字，现为 %(show_value)d 字）。")},
    )
    narrative = forms.CharField(
        label=_("具体情况"), widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("请写明发生了什么、涉及哪些人或单位、您希望如何解决。"),
        error_messages={"required": _("请填写具体情况。")},
    )
    attachments = MultipleFileField(
        label=_("照片或材料（选填）"), required=False,
    )
    street = forms.TypedChoiceField(
        label=_("所在街道（乡镇）"), coerce=int, empty_value=None,
        error_messages={"required": _("请选择所在街道（乡镇）。"), "invalid_choice": _("所选街道（乡镇）不存在，请从列表中选择。")},
    )
    community = forms.TypedChoiceField(
        label=_("所在社区（村）"), coerce=int, empty_value=None, required=False,
        error_messages={"invalid_choice": _("所选社区（村）不存在，请从列表中选择。")},
    )
    address = forms.CharField(
        label=_("详细地址（选填）"), max_length=300, required=False, help_text=_("如小区、楼栋、门牌号，便于工作人员上门了解情况。"),
        error_messages={"max_length": _("地址过长（最多 %(limit_value)d 字）。")},
    )
    name = forms.CharField(
        label=_("您的姓名"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("请填写您的姓名。"), "max_length": _("姓名过长（最多 %(limit_value)d 字）。")},
    )
    phone = forms.CharField(
        label=_("手机号码"), max_length=30,
        help_text=_("用于工作人员联系您，也是您日后查询办理进度的凭证。"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("请填写手机号码：工作人员需要联系您，查询进度时也要用到。")},
    )
    id_number = forms.CharField(
        label=_("身份证号码（选填）"), max_length=30, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label=_("我已阅读并同意上述个人信息处理说明"),
        error_messages={"required": _("请勾选同意个人信息处理说明，否则无法受理您的诉求。")},
    )
    # Left empty by people; filled in by form-filling robots. Hidden from view and from screen readers.
    website = forms.CharField(required=False, label=_("网址（请勿填写）"),
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    # How the case service names the fields it refuses, and where the form shows them.
    SERVICE_FIELDS = {
        "process": "kind", "title": "title", "narrative": "narrative", "region": "street", "address": "address",
        "parties[0].name": "name", "parties[0].phone": "phone", "parties[0].id_number": "id_number",
        "parties": "name", "attachments": "attachments",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.FENGQIAO_MAX_NARRATIVE_CHARS
        narrative = self.fields["narrative"]
        narrative.max_length = limit
        narrative.widget.attrs["maxlength"] = str(limit)
        narrative.validators.append(MaxLengthValidator(limit))
        narrative.error_messages["max_length"] = _(
            "具体情况过长（最多 %(limit_value)d 字，现为 %(show_value)d 字）。输入框中只保留了前 %(limit_value)d 字，"
            "请精简后再提交，详细材料可作为附件上传。"
        )
        # An over-long text is shown back only up to the limit (the page must not carry megabytes back).
        self._narrative_length = 0
        if self.is_bound:
            raw = self.data.get("narrative") or ""
            if len(raw) > limit:
                self._narrative_length = len(raw)
                self.data = self.data.copy()
                self.data["narrative"] = raw[:limit]
        self.fields["attachments"].help_text = _(
            "最多 %(n)d 个文件，每个不超过 %(mb)d MB；支持图片、PDF、Word、Excel、录音和视频。"
        ) % {"n": MAX_FILES, "mb": settings.FENGQIAO_MAX_UPLOAD_BYTES // (1024 * 1024)}
        streets, communities = region_options()
        self._regions = {o.pk: o for o in (*streets, *communities)}
        self._street_ids = {o.pk for o in streets}
        self.fields["street"].choices = [("", _("请选择"))] + _grouped(streets, group=len({o.parent_id for o in streets}) > 1)
        community = self.fields["community"]
        community.widget = ParentTaggedSelect(parents={str(o.pk): o.parent_id for o in communities})
        community.choices = [("", _("请选择（选填）"))] + _grouped(communities, group=True)

    # --- field checks -------------------------------------------------------------------------------------------

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if MARKUP.search(title):
            raise forms.ValidationError(_("标题中不能包含网页代码（尖括号标记），请用文字描述。"))
        return title

    def clean_narrative(self) -> str:
        narrative = self.cleaned_data["narrative"]
        if self._narrative_length:
            field = self.fields["narrative"]
            raise forms.ValidationError(field.error_messages["max_length"], code="max_length",
                                        params={"limit_value": field.max_length, "show_value": self._narrative_length})
        return narrative

    def clean_phone(self) -> str:
        phone = normalise_phone_input(self.cleaned_data["phone"])
        if not is_valid_phone(phone):
            raise forms.ValidationError(_("请填写正确的手机号码（11位）或带区号的固定电话。"))
        return phone

    def clean_id_number(self) -> str:
        value = _nfkc(self.cleaned_data.get("id_number", "")).replace(" ", "").upper()
        if value and not is_valid_id_number(value):
            raise forms.ValidationError(_("身份证号码无效，请核对：应为18位，出生日期和最后一位校验码须正确。"))
        return value

    def clean_attachments(self) -> list[AttachmentInput]:
        uploads: list[UploadedFile] = self.cleaned_data.get("attachments") or []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("最多上传 %(n)d 个文件。") % {"n": MAX_FILES})
        limit = settings.FENGQIAO_MAX_UPLOAD_BYTES
        too_big = [u.name for u in uploads if (u.size or 0) > limit]
        if too_big:
            raise forms.ValidationError(_("文件“%(name)s”超过 %(mb)d MB。") % {"name": too_big[0], "mb": limit // (1024 * 1024)})
        items = []
        for upload in uploads:
            upload.seek(0)
            items.append(AttachmentInput(name=upload.name or "", content=upload.read()))
        return items

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("website"):
            logger.info("portal submission refused: honeypot field filled")
            raise forms.ValidationError(_("提交未成功，请刷新页面后重新填写。"))
        street_id, community_id = cleaned.get("street"), cleaned.get("community")
        if street_id is not None and street_id not in self._street_ids:
            self.add_error("street", _("所选街道（乡镇）不存在，请从列表中选择。"))
        elif community_id is not None and street_id is not None:
            community = self._regions.get(community_id)
            if community is None or community.parent_id != street_id:
                self.add_error("community", _("所选社区（村）不属于该街道（乡镇），请重新选择。"))
        return cleaned

    # --- hand-over to the service -------------------------------------------------------------------------------

    def to_submission(self) -> Submission:
        data = self.cleaned_data
        region_id = data.get("community") or data["street"]
        return Submission(
            kind=data["kind"], name=data["name"].strip(), phone=data["phone"], id_number=data.get("id_number", ""),
            region=Region.objects.filter(pk=region_id).first(), address=data.get("address", "").strip(),
            title=data["title"], narrative=data["narrative"].strip(), attachments=data.get("attachments") or [],
        )

    def add_service_errors(self, error: ServiceError) -> None:
        """Show a refused write next to the fields it names; anything else at the top of the form."""
        self.add_error(None, str(error.message))
        for key, messages in error.field_errors.items():
            target = self.SERVICE_FIELDS.get(key) or self.SERVICE_FIELDS.get(key.split("[")[0])
            for message in messages:
                self.add_error(target if target in self.fields else None, str(message))


def _grouped(options: list, *, group: bool) -> list:
    """Choices for a select: flat, or in <optgroup>s by parent name (streets of one county need no group)."""
    if not group:
        return [(o.pk, o.name) for o in options]
    groups: dict[str, list] = {}
    for o in options:
        groups.setdefault(o.parent_name, []).append((o.pk, o.name))
    return list(groups.items())


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("查询码"), max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": _("请填写查询码。")},
    )
    phone = forms.CharField(
        label=_("提交时填写的手机号码"), max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("请填写手机号码。")},
    )

    def clean_code(self) -> str:
        return normalise_tracking_code(self.cleaned_data["code"])

    def clean_narrative(self) -> str:
        narrative = self.cleaned_data["narrative"]
        if self._narrative_length:
            field = self.fields["narrative"]
            raise forms.ValidationError(field.error_messages["max_length"], code="max_length",
                                        params={"limit_value": field.max_length, "show_value": self._narrative_length})
        return narrative

    def clean_phone(self) -> str:
        return normalise_phone_input(self.cleaned_data["phone"])
