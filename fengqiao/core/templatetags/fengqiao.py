from __future__ import annotations

from django import template

from fengqiao.core.masking import mask_id_number, mask_phone, mask_text

register = template.Library()


@register.filter
def masked(value: str | None) -> str:
    """Free text with every ID and phone number masked."""
    return mask_text(value or "")


@register.filter
def masked_phone(value: str | None) -> str:
    return mask_phone(value)


@register.filter
def masked_id(value: str | None) -> str:
    return mask_id_number(value)


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key) if mapping else None
