"""The rules behind notification preferences: defaults when a user has chosen nothing, and locked cells.

- In-app: on for every kind; it cannot be switched off for urgent kinds (crisis alerts, supervision).
- E-mail: on for supervision, deadline and crisis kinds, if the user has an e-mail address.
- SMS: on for urgent kinds only, if the user has a phone number.
A stored `NotificationPreference` row overrides the default of its cell (except a locked cell).
"""
from __future__ import annotations

from collections.abc import Mapping

from fengqiao.accounts.models import User
from fengqiao.notifications.choices import EMAIL_DEFAULT_KINDS, URGENT_KINDS, Channel, Kind

Cell = tuple[str, str]  # (kind, channel)


def is_locked(kind: str, channel: str) -> bool:
    """A cell the user cannot switch off."""
    return channel == Channel.INAPP and kind in URGENT_KINDS


def default_enabled(user: User, kind: str, channel: str) -> bool:
    if channel == Channel.INAPP:
        return True
    if channel == Channel.EMAIL:
        return kind in EMAIL_DEFAULT_KINDS and bool(user.email)
    if channel == Channel.SMS:
        return kind in URGENT_KINDS and bool(user.phone)
    return False


def effective_enabled(user: User, kind: str, channel: str, stored: Mapping[Cell, bool]) -> bool:
    if is_locked(kind, channel):
        return True
    if (kind, channel) in stored:
        return stored[(kind, channel)]
    return default_enabled(user, kind, channel)


def all_cells() -> list[Cell]:
    return [(kind, channel) for kind in Kind.values for channel in Channel.values]
