from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from fengqiao.mediation.services import (
    court_clock_overdue_sweep,
    performance_overdue_sweep,
    session_reminders_send,
)


class Command(BaseCommand):
    help = ("Send mediation session reminders (next 24 hours) and supervision notices for missed agreement instalments "
            "and for court referrals not accepted or mediated in time.")

    def handle(self, *args, **options):
        reminders = session_reminders_send()
        overdue = performance_overdue_sweep()
        court = court_clock_overdue_sweep()
        self.stdout.write(_("调解会议提醒 %(r)d 条；履行超期督办提醒 %(o)d 条；法院委派调解超期督办提醒 %(c)d 条。") % {
            "r": reminders, "o": overdue, "c": court})
