"""What every API accepts: strict request serializers (documented fields only), their pieces, and one way to
turn DRF's errors into the services' field names."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import SkipField, empty, get_error_detail
from rest_framework.settings import api_settings

from fengqiao.core.errors import ValidationFailed

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


class BoundedCharField(serializers.CharField):
    """A CharField that refuses an over-long value before any other check walks through it."""

    def run_validation(self, data: Any = empty) -> Any:
        if isinstance(data, str) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().run_validation(data)


class CodeField(serializers.SlugRelatedField):
    """A reference to a row by its code; anything but a short string is refused without a query."""

    default_error_messages = {
        "does_not_exist": _("未知的代码“{value}”。"),
        "invalid": _("应为代码字符串。"),
    }

    def __init__(self, *, slug_field: str = "code", max_code_length: int = 150, **kwargs: Any) -> None:
        self.max_code_length = max_code_length
        super().__init__(slug_field=slug_field, **kwargs)

    def to_internal_value(self, data: Any) -> Model:
        if not isinstance(data, str) or not data or len(data) > self.max_code_length or not data.isprintable():
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSerializer(serializers.Serializer):
    """Accepts only documented fields (minimum collection) and remembers which values did validate,
    so that the service's own checks can still name the remaining bad fields in the same answer."""

    default_error_messages = {"invalid": _("请求体应为 JSON 对象。")}

    def to_internal_value(self, data: Any) -> dict:
        self.valid_values: dict[str, Any] = {}
        if not isinstance(data, Mapping):
            raise serializers.ValidationError({NON_FIELD: [self.error_messages["invalid"]]}, code="invalid")
        errors: dict[str, Any] = {
            str(name): [serializers.ErrorDetail(str(_("不接受该字段。")), code="unknown_field")]
            for name in data
            if name not in self.fields
        }
        for field in self._writable_fields:
            try:
                value = field.run_validation(field.get_value(data))
            except serializers.ValidationError as exc:
                errors[field.field_name] = exc.detail
            except DjangoValidationError as exc:
                errors[field.field_name] = get_error_detail(exc)
            except SkipField:
                continue
            else:
                self.valid_values[field.source] = value
        if errors:
            raise serializers.ValidationError(errors)
        return dict(self.valid_values)


class ItemListSerializer(serializers.ListSerializer):
    """A list whose errors are keyed by item index and which remembers the items that did validate."""

    def to_internal_value(self, data: Any) -> list:
        self.items: list[Any] | None = None
        if not isinstance(data, list):
            message = self.error_messages["not_a_list"].format(input_type=type(data).__name__)
            raise serializers.ValidationError({NON_FIELD: [message]}, code="not_a_list")
        if self.max_length is not None and len(data) > self.max_length:
            message = self.error_messages["max_length"].format(max_length=self.max_length)
            raise serializers.ValidationError({NON_FIELD: [message]}, code="max_length")
        items: list[Any] = []
        errors: dict[int, Any] = {}
        for index, item in enumerate(data):
            try:
                items.append(self.child.run_validation(item))
            except serializers.ValidationError as exc:
                items.append(None)
                errors[index] = exc.detail
        self.items = items
        if errors:
            raise serializers.ValidationError(errors)
        return items


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as {"field": [...], "parties[1].phone": [...]}, the services' naming."""
    flat: dict[str, list[str]] = {}

    def add(name: str, messages: list[str]) -> None:
        flat.setdefault(name or NON_FIELD, []).extend(messages)

    if isinstance(detail, Mapping):
        for key, value in detail.items():
            if isinstance(key, int):
                name = f"{prefix}[{key}]"
            elif key == NON_FIELD and prefix:
                name = prefix
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            for sub, messages in flatten_errors(value, name).items():
                add(sub, messages)
    elif isinstance(detail, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in detail):
            add(prefix, [str(item) for item in detail])
        else:
            for index, item in enumerate(detail):
                for sub, messages in flatten_errors(item, f"{prefix}[{index}]").items():
                    add(sub, messages)
    else:
        add(prefix, [str(detail)])
    return flat


def validated(serializer: StrictSerializer) -> dict:
    """The serializer's data, or ValidationFailed with flat field names."""
    if not serializer.is_valid():
        raise ValidationFailed(_("提交的数据有误，请检查标出的字段。"), field_errors=flatten_errors(serializer.errors))
    return serializer.validated_data
