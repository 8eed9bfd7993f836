"""Two years of follow-up answers for the demo county: most cases resolved more than a week ago were called back
a few days later, as a center does, so satisfaction and settlement show in every month of the dashboard's trend,
not only the current one. Answers go through the follow-up app's batch service (followups_record_past_answers);
outcomes are drawn per case from a fixed seed, so a second load of the same county gives the same answers. The
center has reviewed every past negative answer (the live calls leave the one awaiting review)."""
from __future__ import annotations

import datetime as dt
import random

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.cases.models import Case
from fengqiao.followup.choices import FollowUpStatus, Satisfaction, Settled
from fengqiao.followup.models import FollowUp
from fengqiao.followup.resolution import DONE_KINDS, resolutions_subquery
from fengqiao.followup.services import PastAnswer, followups_record_past_answers
from fengqiao.regions.models import Region

SEED = "qingxi-followups"
ANSWERED_SHARE = 0.7  # of the cases resolved more than RECENT_DAYS ago
RECENT_DAYS = 7  # newer resolutions are left to the live calls
BATCH = 2000
WORDS = {
    Satisfaction.SATISFIED: [_("问题解决了，感谢工作人员。"), _("处理得很及时，满意。"), ""],
    Satisfaction.FAIRLY: [_("基本解决，就是时间长了点。"), _("还行，希望以后更快一些。"), ""],
    Satisfaction.DISSATISFIED: [_("对方还是没有履行，问题没有解决。"), _("跑了好几趟，还是没有结果。")],
}


def _answer(case_id: int, resolved_at: dt.datetime, caller: User, now: dt.datetime) -> PastAnswer | None:
    rng = random.Random(f"{SEED}:{case_id}")
    if rng.random() >= ANSWERED_SHARE:
        return None
    satisfaction = rng.choices([Satisfaction.SATISFIED, Satisfaction.FAIRLY, Satisfaction.DISSATISFIED],
                               weights=[62, 26, 12])[0]
    unsettled = 0.7 if satisfaction == Satisfaction.DISSATISFIED else 0.04
    settled = Settled.NO if rng.random() < unsettled else Settled.YES
    called_at = resolved_at + dt.timedelta(days=rng.randint(1, 5), hours=rng.randint(1, 8))
    if called_at > now - dt.timedelta(hours=1):
        return None
    negative = settled == Settled.NO or satisfaction == Satisfaction.DISSATISFIED
    return PastAnswer(case_id=case_id, called_at=called_at, called_by=caller, settled=settled,
                      satisfaction=satisfaction, resident_words=rng.choice(WORDS[satisfaction]),
                      review_note=_("中心已复核：已再次协调，当事人表示理解。") if negative else "")


def answer_past_followups(county: Region, caller: User) -> int:
    """Record the county's past answers in batches; returns how many were recorded."""
    now = timezone.now()
    answered = FollowUp.objects.filter(case_id=OuterRef("pk"), status=FollowUpStatus.ANSWERED)
    resolved = (Case.objects.filter(region_path__startswith=county.path, state__kind__in=DONE_KINDS,
                                    state__ends_unsettled=False)
                .annotate(resolved=resolutions_subquery()).exclude(Exists(answered))
                .filter(resolved__lt=now - dt.timedelta(days=RECENT_DAYS))
                .order_by("pk").values_list("pk", "resolved"))
    answers = [a for pk, at in resolved if at is not None and (a := _answer(pk, at, caller, now)) is not None]
    recorded = 0
    for start in range(0, len(answers), BATCH):
        recorded += followups_record_past_answers(acting_user=None, answers=answers[start:start + BATCH])
    return recorded
