"""Queue again the e-mail and SMS deliveries that have waited too long (run from cron or a beat schedule)."""
from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser

from fengqiao.notifications.services import deliveries_requeue_stale


class Command(BaseCommand):
    help = "重新排队等待过久的邮件和短信通知。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--minutes", type=int, default=15, help="等待超过多少分钟的投递重新排队（默认 15）。")

    def handle(self, *args: object, **options: object) -> None:
        count = deliveries_requeue_stale(older_than=timedelta(minutes=int(options["minutes"])))
        self.stdout.write(f"requeued {count}")
