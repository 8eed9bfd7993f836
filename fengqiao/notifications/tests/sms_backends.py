"""SMS backends for tests: real classes that behave like a broken or flaky gateway."""
from __future__ import annotations

from fengqiao.notifications.channels.sms import LoggingSmsBackend, SmsBackend
from fengqiao.notifications.models import Delivery


class FailingSmsBackend(SmsBackend):
    """A gateway that never answers."""

    def send(self, *, phone: str, message: str, delivery: Delivery | None = None) -> str:
        raise ConnectionError(f"gateway timed out after {self.timeout}s sending to {phone}")


class FlakySmsBackend(LoggingSmsBackend):
    """Fails the first attempt of every delivery, then behaves like the logging backend."""

    def send(self, *, phone: str, message: str, delivery: Delivery | None = None) -> str:
        if delivery is not None and delivery.attempts <= 1:
            raise TimeoutError("gateway busy")
        return super().send(phone=phone, message=message, delivery=delivery)
