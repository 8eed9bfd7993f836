"""Keyed hashes of personal identifiers, for finding a person's cases without keeping the number searchable in clear.

A party's phone number and ID number are stored with an HMAC-SHA256 of their one spelling
(`fengqiao.core.validators.normalised_phone` / `normalised_id_number`); a search hashes what was typed the same way and
compares hashes. The key is `FENGQIAO_SEARCH_KEY`, or one derived from `SECRET_KEY` when that is empty, so a copy of
the table alone does not give the numbers back by hashing every possible number. Changing the key means recomputing
the stored hashes (`manage.py party_search_hashes`).
"""
from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

from fengqiao.core.validators import normalised_id_number, normalised_phone

PHONE, ID_NUMBER = "phone", "id"
HASH_LENGTH = 64  # hex digits of a SHA-256


def search_key() -> bytes:
    """The HMAC key: its own setting, or one derived from SECRET_KEY (never SECRET_KEY itself)."""
    own = getattr(settings, "FENGQIAO_SEARCH_KEY", "")
    return (own or f"fengqiao-person-search:{settings.SECRET_KEY}").encode()


def keyed_hash(kind: str, normalised: str, *, key: bytes | None = None) -> str:
    """The hash of an already normalised value; "" for an empty one (nothing to find)."""
    if not normalised:
        return ""
    return hmac.new(key or search_key(), f"{kind}:{normalised}".encode(), hashlib.sha256).hexdigest()


def phone_hash(value: str, *, key: bytes | None = None) -> str:
    """The search hash of a phone number in any spelling; "" when it is not a recognisable number."""
    return keyed_hash(PHONE, normalised_phone(value), key=key)


def id_number_hash(value: str, *, key: bytes | None = None) -> str:
    """The search hash of an ID number (or credit code) in any spelling; "" when it does not pass its check."""
    return keyed_hash(ID_NUMBER, normalised_id_number(value), key=key)
