"""The registry of personal-data fields (SECURITY.md item 1) and their class.

Every model field that holds information about an identifiable person is listed here with its
class: "general" personal information, or "sensitive" (ID numbers, health or crisis narratives,
whereabouts, minors). Masking, access logging, export rules and retention read this registry;
a test fails when a model gains such a field without an entry.
"""
from __future__ import annotations

GENERAL = "general"
SENSITIVE = "sensitive"

PERSONAL_DATA_FIELDS: dict[str, dict[str, str]] = {
    "accounts.user": {"username": GENERAL, "first_name": GENERAL, "last_name": GENERAL, "email": GENERAL,
                      "display_name": GENERAL, "phone": GENERAL},
    "cases.party": {"name": GENERAL, "id_number": SENSITIVE, "phone": GENERAL, "address": GENERAL,
                    # keyed hashes of the numbers (pseudonymised, still personal data): for search only, never shown
                    "phone_hash": GENERAL, "id_number_hash": SENSITIVE},
    "cases.case": {"narrative": SENSITIVE, "title": GENERAL, "address": GENERAL, "latitude": SENSITIVE,
                   "longitude": SENSITIVE},
    "cases.caseevent": {"note": SENSITIVE, "public_note": GENERAL},
    "cases.attachment": {"file": SENSITIVE, "original_name": GENERAL},
    "cases.deadlineextension": {"reason": GENERAL, "decision_note": GENERAL},
    "cases.assignment": {"note": GENERAL, "end_note": GENERAL, "task": GENERAL},
    "cases.jointmeeting": {"chaired_by": GENERAL, "other_attendees": GENERAL, "minutes": SENSITIVE, "decisions": GENERAL},
    "cases.supervision": {"reason": GENERAL, "reply": GENERAL, "close_note": GENERAL},
    "cases.leadercase": {"note": GENERAL, "end_note": GENERAL},
    "cases.escalation": {"reason": GENERAL},
    "cases.petitiondetail": {"accused_name": SENSITIVE},
    "cases.petitionanswer": {"text": SENSITIVE, "override_note": GENERAL, "delivery_note": GENERAL},
    "cases.clockpause": {"reason": GENERAL, "end_note": GENERAL},
    "cases.casenotice": {"reason": SENSITIVE, "channel_detail": GENERAL, "text": SENSITIVE},
    "audit.personaldataaccess": {"reason": GENERAL},
    "notifications.notification": {"title": GENERAL, "body": SENSITIVE},
    "notifications.smslog": {"phone_masked": GENERAL, "message": SENSITIVE},
    "mediation.mediator": {"name": GENERAL, "phone": GENERAL},
    "mediation.mediation": {"note": GENERAL, "refusal_note": SENSITIVE, "failure_reason": SENSITIVE,
                            "mediator_reason": GENERAL},
    "mediation.labourlimitation": {"note": SENSITIVE},
    "mediation.arbitrationreferral": {"note": SENSITIVE, "extension_note": GENERAL},
    "mediation.mediationsession": {"place": GENERAL, "minutes": SENSITIVE, "cancel_reason": GENERAL},
    "mediation.mediationclock": {"note": GENERAL},
    "mediation.agreement": {"facts": SENSITIVE, "terms": SENSITIVE, "performance_method": GENERAL,
                            "confirmation_note": GENERAL},
    "mediation.instalment": {"description": GENERAL},
    "mediation.performancecheck": {"note": GENERAL},
    "followup.followup": {"resident_words": GENERAL, "review_note": GENERAL},
    "followup.followupcall": {"resident_words": GENERAL, "note": GENERAL},
    "replies.writtenreply": {"text": SENSITIVE, "override_note": GENERAL},
    "triage.triageresult": {"entities": SENSITIVE, "places": GENERAL, "crisis_reasons": SENSITIVE,
                            "manual_reasons": GENERAL},
    "triage.routingrulechange": {"note": GENERAL},
    "care.referral": {"phrases": SENSITIVE, "close_note": SENSITIVE},
    "care.referralcontact": {"outcome": SENSITIVE, "safety_plan": SENSITIVE},
    "care.policereport": {"reason": SENSITIVE, "title": GENERAL, "message": SENSITIVE},
    "triage.samematterlink": {"note": GENERAL},
    "warning.riskoverride": {"note": SENSITIVE, "clear_note": GENERAL},
    "warning.alert": {"note": GENERAL},
    "warning.matterkey": {"label": GENERAL},  # an organisation's name, or a person's number masked
    "warning.hotissue": {"description": SENSITIVE},  # words from the cases' narratives (numbers masked)
    "accounts.loginfailure": {"address_key": GENERAL},  # a keyed hash of the client's IP address (per /64 for IPv6)
    # the petition office's recommendation to a body: its name, and how the body answered (may name officials)
    "reports.recommendation": {"addressed_to": GENERAL, "decision_note": GENERAL},
}

# Field names that suggest personal data; the registry test looks for these in every model.
SUSPECT_NAMES = ("name", "phone", "mobile", "id_number", "address", "email", "narrative", "latitude", "longitude",
                 "birth", "note", "reason", "file")
# Fields whose name matches but that hold no personal data (names of things, not of people).
NOT_PERSONAL: set[str] = {
    "regions.region.name", "regions.department.name", "cases.process.name", "cases.state.name", "cases.transition.name",
    "cases.transition.requires_note", "cases.noticechannel.name", "cases.pauseground.name", "cases.casenotice.channel_name",
    "cases.category.name", "cases.disputetype.name", "regions.department.contact_phone",
    "worktime.calendarday.name", "auth.group.name", "auth.permission.name", "contenttypes.contenttype.app_label",
    "audit.auditentry.object_repr", "regions.region.latitude", "regions.region.longitude", "worktime.calendaryear.note",
    "mediation.organisation.name", "mediation.organisation.address", "mediation.organisation.contact_phone",
    "mediation.mediationclock.target_name", "care.hotline.name",
    "warning.riskweights.note",  # why the weights changed
    "warning.riskassessment.reasons",  # feature codes with counts and points, nothing about a person
    "warning.cluster.title",  # an organisation's name or a region's, a masked number at most
    "reports.reportrun.file", "reports.reportrun.file_format",  # a report's figures: counts by region, category, body
    "triage.samematterlink.reasons",  # kinds of match (text, place, organisation) and a similarity, nothing about a person
}


def classify(model_label: str, field: str) -> str | None:
    return PERSONAL_DATA_FIELDS.get(model_label, {}).get(field)
