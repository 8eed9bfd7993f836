"""The lowest level that can settle a case (小事不出村): matters between neighbours stay with the community.

A category model trained on government messages reads a neighbour's noise as 环境保护 and would send it to the
county's environment bureau. Noise of daily life between neighbours is the community's to dissuade and mediate
and, failing that, the police's (噪声污染防治法 第七十条, 第八十七条), so when the dispute type says the
matter is between neighbours, routing uses the category that neighbour disputes belong to (民间纠纷, settled at
the community level by default) instead, and says why.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

NEIGHBOUR_TYPE = "neighbour"


def is_neighbour_matter(dispute_type_code: str | None) -> bool:
    """True when the dispute type puts the matter between neighbours (noise from the flat above, a leak, a
    shared wall, parking between two households)."""
    return dispute_type_code == NEIGHBOUR_TYPE


def neighbour_reason() -> str:
    return _(
        "邻里之间的事（楼上噪声、漏水、共用墙体、邻里停车等）先由社区（村）调解：社会生活噪声由居（村）民委员会、"
        "业主委员会、物业服务人劝阻、调解（噪声污染防治法 第七十条），不交县级生态环境部门。"
    )
