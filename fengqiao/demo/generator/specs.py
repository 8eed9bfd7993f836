"""Plain descriptions of generated cases: what the loader turns into rows.

Places are region codes, departments are department codes and people are usernames, so the
generator never needs the database and the same seed always describes the same cases.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Steps that are not transitions of the process
ASSIGN_CO = "assign_co"
NOTE = "note"
EXTENSION_REQUEST = "extension_request"
EXTENSION_APPROVE = "extension_approve"
NON_TRANSITIONS = {ASSIGN_CO, NOTE, EXTENSION_REQUEST, EXTENSION_APPROVE}


@dataclass(frozen=True)
class PartySpec:
    name: str
    role: str = "applicant"
    kind: str = "person"
    id_number: str = ""
    phone: str = ""
    address: str = ""
    is_representative: bool = False


@dataclass(frozen=True)
class StepSpec:
    """One thing that happened to a case: a transition (by its action code) or one of the other steps above."""

    action: str
    at: dt.datetime
    actor: str
    to_department: str = ""
    to_user: str = ""
    note: str = ""
    public_note: str = ""
    days: int = 0


@dataclass
class CaseSpec:
    key: str
    process: str
    channel: str
    title: str
    narrative: str
    region: str
    received_at: dt.datetime
    registered_by: str  # username; "" for a resident's own online submission
    parties: list[PartySpec]
    steps: list[StepSpec] = field(default_factory=list)
    category: str = ""
    dispute_type: str = ""
    urgency: str = "normal"
    party_count: int = 0
    address: str = ""
    latitude: str = ""
    longitude: str = ""
    external_ref: str = ""
    topic: str = ""

    def __post_init__(self) -> None:
        if not self.party_count:
            self.party_count = len(self.parties)
