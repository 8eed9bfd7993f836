"""The default hotlines (added after migrate when missing; an administrator edits them in the admin)."""
from __future__ import annotations

from django.db import transaction

from fengqiao.care.choices import HotlineScope
from fengqiao.care.models import Hotline

DEFAULT_HOTLINES = [
    ("全国心理援助热线", "12356", "国家卫生健康委统一设置的心理援助热线", HotlineScope.ALL),
    ("希望24热线", "400-161-9995", "全国性 24 小时心理危机干预热线", HotlineScope.SELF_HARM),
    ("报警电话", "110", "人身安全受到威胁、可能发生伤害时立即报警", HotlineScope.ALL),
    ("急救电话", "120", "已经发生自伤或受伤时立即呼叫急救", HotlineScope.ALL),
]


@transaction.atomic
def hotlines_seed() -> int:
    added = 0
    for order, (name, number, description, scope) in enumerate(DEFAULT_HOTLINES):
        _hotline, created = Hotline.objects.get_or_create(
            number=number, defaults={"name": name, "description": description, "scope": scope, "order": order * 10}
        )
        added += created
    return added
