"""The matter keys of cases (keyed hashes of persons, organisations and addresses), rewritten from the case rows."""
from __future__ import annotations

from django.conf import settings
from django.db import transaction

from fengqiao.cases.choices import PartyKind
from fengqiao.cases.models import Case
from fengqiao.core.masking import mask_phone
from fengqiao.core.validators import normalised_id_number, normalised_phone
from fengqiao.warning.choices import KeyKind
from fengqiao.warning.engine import linking
from fengqiao.warning.models import MatterKey


def key_secret() -> bytes:
    """The HMAC key of the matter keys: its own setting, or one derived from SECRET_KEY."""
    own = getattr(settings, "FENGQIAO_WARNING_KEY_SECRET", "")
    return (own or f"fengqiao-warning-keys:{settings.SECRET_KEY}").encode()


def keys_of(case: Case, secret: bytes) -> list[MatterKey]:
    """The keys one case can be linked by (parties prefetched)."""
    found: dict[tuple[str, str], str] = {}
    for party in case.parties.all():
        if party.kind == PartyKind.ORGANISATION:
            name = linking.organisation_name(party.name)
            if name:
                found[(KeyKind.ORGANISATION, linking.keyed_hash(secret, "org", name))] = name
            continue
        id_number = normalised_id_number(party.id_number)
        if id_number:
            found[(KeyKind.PERSON, linking.keyed_hash(secret, "id", id_number))] = party.masked_id_number
        phone = normalised_phone(party.phone)
        if phone:
            found[(KeyKind.PERSON, linking.keyed_hash(secret, "phone", phone))] = mask_phone(phone)
    address = linking.address_text(case.address)
    if address:
        found[(KeyKind.PLACE, linking.keyed_hash(secret, "addr", address))] = ""
    return [MatterKey(case_id=case.pk, kind=kind, key=key, label=label[:200]) for (kind, key), label in found.items()]


def matter_keys_refresh(*, case_ids: list[int]) -> int:
    """Rewrite the keys of these cases (system work: no acting user, no audit row, nothing a person decided). The
    keys are computed before the write transaction opens, which only swaps the rows."""
    cases = list(Case.objects.filter(pk__in=case_ids).prefetch_related("parties"))
    secret = key_secret()
    rows = [key for case in cases for key in keys_of(case, secret)]
    with transaction.atomic():
        MatterKey.objects.filter(case_id__in=case_ids).delete()
        MatterKey.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
