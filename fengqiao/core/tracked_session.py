"""A case the resident verified on the portal, remembered in their session for a short time.

The portal writes the entries (after a submission, after a tracking code and a party's phone number matched);
apps below the portal read them (the follow-up app's rating on the tracking page) without importing the portal.
An entry holds only the case id and when it was stored; a stale entry is removed when it is read.
"""
from __future__ import annotations

import time

from django.contrib.sessions.backends.base import SessionBase
from django.db import models

SUBMITTED_SESSION_KEY = "portal_submitted"
TRACKED_SESSION_KEY = "portal_tracked"
SUBMITTED_MAX_AGE = 15 * 60
TRACKED_MAX_AGE = 10 * 60


def session_remember(session: SessionBase, key: str, case: models.Model) -> None:
    session[key] = {"case": case.pk, "at": time.time()}


def session_recall(session: SessionBase, key: str, max_age: int) -> int | None:
    """The case id stored under `key` if it is younger than `max_age` seconds; a stale entry is removed."""
    entry = session.get(key)
    if not isinstance(entry, dict):
        return None
    case_id, stored_at = entry.get("case"), entry.get("at")
    if not isinstance(case_id, int) or not isinstance(stored_at, int | float) or time.time() - stored_at > max_age:
        session.pop(key, None)
        return None
    return case_id


def session_forget(session: SessionBase, key: str) -> None:
    session.pop(key, None)


def tracked_case_id(session: SessionBase) -> int | None:
    """The case the resident verified on the tracking page in the last ten minutes, if any."""
    return session_recall(session, TRACKED_SESSION_KEY, TRACKED_MAX_AGE)
