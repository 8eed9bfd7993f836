"""Helpers for the REST API tests: token-authenticated clients and a valid create body."""
from __future__ import annotations

import copy
from typing import Any

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from fengqiao.accounts.models import User
from fengqiao.regions.models import Region
from fengqiao.testing.factories import valid_id_number

CASES_URL = "/api/v1/cases/"
FULL_ID = valid_id_number(birth="19750315", seq="042")
FULL_PHONE = "13912345678"


def token_header(user: User) -> str:
    """The value of the Authorization header for this user's API token."""
    token, _ = Token.objects.get_or_create(user=user)
    return f"Token {token.key}"


def token_client(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=token_header(user))
    return client


def case_url(case_id: int, action: str = "") -> str:
    return f"{CASES_URL}{case_id}/" + (f"{action}/" if action else "")


def case_body(region: Region, /, **overrides: Any) -> dict:
    body: dict[str, Any] = {
        "process": "dispute",
        "channel": "api",
        "title": "拖欠工资纠纷",
        "narrative": "申请人在工地务工五个月，工资一直未结清，多次讨要无果。",
        "region": region.code,
        "parties": [
            {"name": "张某", "id_number": FULL_ID, "phone": FULL_PHONE, "address": "青石街道柳湾社区3号"},
            {"name": "某建筑公司", "role": "respondent", "kind": "organisation"},
        ],
    }
    body.update(copy.deepcopy(overrides))
    return body
