"""SMS: a pluggable backend chosen by the dotted path in setting FENGQIAO_SMS_BACKEND.

The default `LoggingSmsBackend` sends nothing: it writes the masked number and text to the
"fengqiao.sms" logger and to the SmsLog table, so a demo shows what would have gone out.
A gateway subclasses `SmsBackend` and implements `send`, honouring `self.timeout`.
"""
from __future__ import annotations

import logging
from abc import ABC, abstractmethod

from django.conf import settings
from django.utils.module_loading import import_string

from fengqiao.core.masking import mask_phone, mask_text, normalise_phone
from fengqiao.notifications.channels.errors import DeliveryImpossible
from fengqiao.notifications.channels.text import sms_text
from fengqiao.notifications.models import Delivery, SmsLog

DEFAULT_SMS_BACKEND = "fengqiao.notifications.channels.sms.LoggingSmsBackend"
logger = logging.getLogger("fengqiao.sms")


class SmsBackend(ABC):
    """Interface of an SMS gateway. `send` returns the gateway's message id ("" if it gives none)
    and raises on any failure; the caller records the failure and retries."""

    def __init__(self, *, timeout: float) -> None:
        self.timeout = timeout

    @property
    def label(self) -> str:
        return f"{type(self).__module__}.{type(self).__qualname__}"

    @abstractmethod
    def send(self, *, phone: str, message: str, delivery: Delivery | None = None) -> str:
        """Send `message` to `phone` (digits only, no country code)."""


class LoggingSmsBackend(SmsBackend):
    """Sends nothing; records what would have been sent, with the number masked."""

    def send(self, *, phone: str, message: str, delivery: Delivery | None = None) -> str:
        masked_phone = mask_phone(phone)
        masked_message = mask_text(message)
        logger.info("SMS to %s: %s", masked_phone, masked_message)
        log = SmsLog.objects.create(
            user=delivery.notification.recipient if delivery else None,
            delivery=delivery,
            phone_masked=masked_phone,
            message=masked_message,
            backend=self.label,
        )
        return f"log-{log.pk}"


def get_sms_backend(*, timeout: float) -> SmsBackend:
    path = getattr(settings, "FENGQIAO_SMS_BACKEND", "") or DEFAULT_SMS_BACKEND
    backend_class = import_string(path)
    return backend_class(timeout=timeout)


def send_sms(delivery: Delivery, *, timeout: float) -> None:
    phone = normalise_phone(delivery.notification.recipient.phone or "")
    if not phone:
        raise DeliveryImpossible("no phone number")
    get_sms_backend(timeout=timeout).send(phone=phone, message=sms_text(delivery.notification), delivery=delivery)
