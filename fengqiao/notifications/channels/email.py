"""E-mail through Django's mail API (settings EMAIL_BACKEND), with a connection timeout."""
from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from fengqiao.notifications.channels.errors import DeliveryImpossible
from fengqiao.notifications.channels.text import email_body, email_subject
from fengqiao.notifications.models import Delivery


def send_email(delivery: Delivery, *, timeout: float) -> None:
    notification = delivery.notification
    address = (notification.recipient.email or "").strip()
    if not address:
        raise DeliveryImpossible("no e-mail address")
    # The SMTP backend honours `timeout`; the other backends accept and ignore it.
    connection = get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or timeout)
    message = EmailMessage(
        subject=email_subject(notification),
        body=email_body(notification),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        connection=connection,
    )
    if message.send() != 1:
        raise RuntimeError("the mail backend accepted no message")
