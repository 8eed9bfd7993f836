"""Sending the external deliveries (e-mail, SMS): queueing, one attempt, retries, and a sweep for strays.

An attempt never raises: a gateway failure is written on the Delivery row (masked) and the task
retries with backoff; after the last attempt the delivery is marked failed.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from fengqiao.core.masking import mask_text
from fengqiao.notifications.channels import DeliveryImpossible, send
from fengqiao.notifications.choices import EXTERNAL_CHANNELS, DeliveryStatus
from fengqiao.notifications.models import Delivery

logger = logging.getLogger("fengqiao.notifications")

MAX_ATTEMPTS = 4  # the first try and three retries
SENT, FAILED, RETRY, SKIPPED, NOTHING = "sent", "failed", "retry", "skipped", "nothing"
# Publishing to the broker must not hold up the request that caused the notification.
PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


def retry_delay(retries: int) -> float:
    """Seconds before retry number `retries + 1`: 30, 60, 120 by default (FENGQIAO_NOTIFICATION_RETRY_SECONDS)."""
    base = float(getattr(settings, "FENGQIAO_NOTIFICATION_RETRY_SECONDS", 30))
    return base * (2**retries)


def _error_text(exc: BaseException) -> str:
    return mask_text(f"{type(exc).__name__}: {exc}").replace("\r", " ").replace("\n", " ")[:500]


def deliveries_enqueue(*, delivery_ids: list[int]) -> int:
    """Hand deliveries to the task queue (run on commit). A broker that cannot be reached leaves them
    queued, with the reason, for `deliveries_requeue_stale`; nothing is raised. Returns how many were queued."""
    from fengqiao.notifications.tasks import deliver_notification

    handed = 0
    for delivery_id in delivery_ids:
        try:
            deliver_notification.apply_async(args=[delivery_id], retry=True, retry_policy=PUBLISH_RETRY_POLICY)
            handed += 1
        except Exception as exc:  # the broker may be down; the sweep queues it again
            logger.warning("notification delivery %s could not be queued: %s", delivery_id, _error_text(exc))
            Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.QUEUED).update(
                last_error=_error_text(exc)
            )
    return handed


def delivery_attempt(*, delivery_id: int) -> str:
    """One try at sending an external delivery. Returns "sent", "skipped" (no address), "retry" (failed,
    try again later), "failed" (failed for the last time) or "nothing" (missing, or already handled)."""
    delivery = (
        Delivery.objects.select_related("notification__recipient", "notification__case")
        .filter(pk=delivery_id, channel__in=EXTERNAL_CHANNELS)
        .first()
    )
    if delivery is None or delivery.status != DeliveryStatus.QUEUED:
        return NOTHING
    # Claim this attempt: if two workers hold the same delivery, only one passes this conditional update.
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.QUEUED, attempts=delivery.attempts
    ).update(attempts=F("attempts") + 1, last_attempt_at=now)
    if not claimed:
        return NOTHING
    delivery.attempts += 1
    try:
        send(delivery)
    except DeliveryImpossible as exc:
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SKIPPED, last_error=_error_text(exc))
        return SKIPPED
    except Exception as exc:  # any gateway failure is recorded, never raised into the caller
        final = delivery.attempts >= MAX_ATTEMPTS
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED if final else DeliveryStatus.QUEUED, last_error=_error_text(exc)
        )
        logger.warning(
            "notification delivery %s (%s) attempt %s failed: %s",
            delivery.pk, delivery.channel, delivery.attempts, _error_text(exc),
        )
        return FAILED if final else RETRY
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error="")
    return SENT


def deliveries_requeue_stale(*, older_than: timedelta = timedelta(minutes=15), limit: int = 500) -> int:
    """Queue again the deliveries still waiting after `older_than` (lost by a broker outage or a crashed
    worker). Returns how many were handed to the queue."""
    cutoff = timezone.now() - older_than
    ids = list(
        Delivery.objects.filter(status=DeliveryStatus.QUEUED, channel__in=EXTERNAL_CHANNELS, created_at__lt=cutoff)
        .filter(Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=cutoff))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return deliveries_enqueue(delivery_ids=ids) if ids else 0
