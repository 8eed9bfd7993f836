"""Remembering when a user last opened a case, so 我的待办 can mark what changed since."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from fengqiao.accounts.models import User
from fengqiao.cases.models import Case
from fengqiao.notifications.models import CaseVisit


@transaction.atomic
def case_visit_record(*, acting_user: User, case: Case) -> None:
    """Note that the acting user opened the case's page now (one row per user and case, moved on each visit).

    No audit row of its own: opening the case page is already logged as a view of its personal data."""
    if not getattr(acting_user, "pk", None) or case.pk is None:
        return
    CaseVisit.objects.bulk_create(
        [CaseVisit(user=acting_user, case=case, seen_at=timezone.now())],
        update_conflicts=True, unique_fields=["user", "case"], update_fields=["seen_at"],
    )
