"""Plain descriptions of cases and their steps, for the bulk path of the case services (services/bulk.py).

A spec names places by region code, departments by department code and people by username, so whoever writes
specs (the demo generator) never needs the database, and the same seed always describes the same cases. The
bulk service checks every step against the workflow and writes the rows the one-at-a-time services would.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Steps that are not transitions of the process, each as its service takes it
ASSIGN_CO = "assign_co"  # case_assign(role=co)
NOTE = "note"  # case_add_note: the internal note, then the public one
EXTENSION_REQUEST = "extension_request"  # case_extension_request
EXTENSION_APPROVE = "extension_approve"  # case_extension_decide(approve=True)
CO_TASK_DONE = "co_task_done"  # case_co_task_complete: to_department's co-task, its result in the note
NON_TRANSITIONS = {ASSIGN_CO, NOTE, EXTENSION_REQUEST, EXTENSION_APPROVE, CO_TASK_DONE}


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
class AnswerSpec:
    """The written answer, 复查 or 复核 opinion a petition step issues (services.petition_answers.AnswerInput)."""

    text: str
    outcome: str
    body: str = ""  # department code; "" for the lead department (or the reviewing body of a 复查/复核)
    override_note: str = ""
    delivery_method: str = ""
    delivered_on: dt.date | None = None


@dataclass(frozen=True)
class ReviewSpec:
    """A 复查/复核 request: the day it was received and the reviewing body (services.review.ReviewRequestInput)."""

    received_on: dt.date
    body: str  # department code


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
    channel: str = ""  # a refusal or redirection step: the notice channel's code and detail
    channel_detail: str = ""
    routes: tuple[str, ...] = ()  # the routes the parties were told about (a failed mediation)
    answer: AnswerSpec | None = None
    review: ReviewSpec | None = None


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


@dataclass
class BulkNames:
    """Ids of the reference rows specs name, by code and username."""

    regions: dict[str, tuple[int, str]]  # region code -> (id, path)
    departments: dict[str, tuple[int, str]]  # department code -> (id, name)
    users: dict[str, int]  # username -> id
