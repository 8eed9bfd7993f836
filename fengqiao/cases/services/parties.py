"""How a party's row is written: the one place its typed values are tidied and its search hashes computed.

`case_create` and the bulk path (`bulk_steps`) both build a party's row here, so a party is found by its phone or
ID number whichever way it came in; `party_search_hashes_refresh` recomputes the hashes of stored rows (after the
search key changes, or for rows written before the hashes existed).
"""
from __future__ import annotations

from typing import Any

from django.db import transaction

from fengqiao.audit.services import audit_record
from fengqiao.cases.models import Party
from fengqiao.core.lookup_keys import id_number_hash, phone_hash, search_key
from fengqiao.core.validators import normalised_phone

REFRESH_BATCH = 2000


def party_row_values(*, kind: str, role: str, name: str, id_number: str = "", phone: str = "", address: str = "",
                     is_representative: bool = False) -> dict[str, Any]:
    """The stored values of a party: trimmed, the ID upper-case, the phone in its one spelling (digits only; as typed
    without spaces if it is not recognisable); with the keyed hashes of its phone and ID number (empty when the
    number is not recognisable)."""
    id_number = (id_number or "").strip().upper()
    phone = normalised_phone(phone) or (phone or "").strip().replace(" ", "")
    return {
        "kind": kind, "role": role, "name": (name or "").strip(), "id_number": id_number, "phone": phone,
        "address": (address or "").strip(), "is_representative": is_representative,
        "phone_hash": phone_hash(phone), "id_number_hash": id_number_hash(id_number),
    }


def party_search_hashes_refresh(*, acting_user=None, batch_size: int = REFRESH_BATCH) -> int:
    """Recompute every party's search hashes from its stored numbers; the rows whose hashes changed are saved, a
    batch per transaction. System work (a deploy step); one audit row says how many changed. Returns that count."""
    key = search_key()
    changed = 0
    last_id = 0
    while True:
        rows = list(Party.objects.filter(pk__gt=last_id).order_by("pk")
                    .only("pk", "phone", "id_number", "phone_hash", "id_number_hash")[:batch_size])
        if not rows:
            break
        last_id = rows[-1].pk
        stale = []
        for party in rows:
            wanted = phone_hash(party.phone, key=key), id_number_hash(party.id_number, key=key)
            if (party.phone_hash, party.id_number_hash) != wanted:
                party.phone_hash, party.id_number_hash = wanted
                stale.append(party)
        if stale:
            with transaction.atomic():
                Party.objects.bulk_update(stale, ["phone_hash", "id_number_hash"], batch_size=500)
            changed += len(stale)
    audit_record(actor=acting_user, action="party.search_hashes", object_type="cases.party",
                 after={"changed": changed})
    return changed
