"""Delivery channels that leave the platform (e-mail, SMS). In-app delivery is the Notification row itself.

`send(delivery)` either returns (sent), raises `DeliveryImpossible` (the recipient has no address on
that channel: skipped, not retried) or raises anything else (a failure: recorded and retried).
"""
from __future__ import annotations

from django.conf import settings
from django.utils import translation

from fengqiao.notifications.channels.errors import DeliveryImpossible
from fengqiao.notifications.choices import Channel
from fengqiao.notifications.models import Delivery

DEFAULT_SEND_TIMEOUT_SECONDS = 10.0

__all__ = ["DeliveryImpossible", "send", "send_timeout"]


def send_timeout() -> float:
    """Seconds a gateway may take before the attempt counts as failed (setting FENGQIAO_NOTIFICATION_SEND_TIMEOUT)."""
    return float(getattr(settings, "FENGQIAO_NOTIFICATION_SEND_TIMEOUT", DEFAULT_SEND_TIMEOUT_SECONDS))


def send(delivery: Delivery) -> None:
    from fengqiao.notifications.channels.email import send_email
    from fengqiao.notifications.channels.sms import send_sms

    senders = {Channel.EMAIL: send_email, Channel.SMS: send_sms}
    sender = senders.get(delivery.channel)
    if sender is None:
        raise DeliveryImpossible(f"channel {delivery.channel!r} is not sent through a gateway")
    # Outgoing messages use the site language, whichever language the request that caused them used.
    with translation.override(settings.LANGUAGE_CODE):
        sender(delivery, timeout=send_timeout())
