"""`fengqiao reports <action>`: look after the count tables behind the figures.

    fengqiao reports rebuild-counts [--chunk-size 2000]   # count every case again, from scratch
"""
from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from fengqiao.reports.services import counts_rebuild
from fengqiao.reports.services.rebuild import DEFAULT_CHUNK

ACTIONS = ("rebuild-counts",)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(_("--chunk-size 应为正整数。"))
    return number


class Command(BaseCommand):
    help = _("统计报表：从全部案件重新生成计数表。")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="{" + ",".join(ACTIONS) + "}")
        sub.required = True
        rebuild = sub.add_parser("rebuild-counts", help=_("清空计数表，按全部案件重新计数"))
        rebuild.add_argument("--chunk-size", type=_positive, default=DEFAULT_CHUNK, help=_("每批读取的案件数"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = counts_rebuild(acting_user=None, chunk_size=options["chunk_size"])
        except DatabaseError as exc:
            raise CommandError(_("重新计数失败：%(error)s") % {"error": exc}) from exc
        self.stdout.write(_("已重新计数 %(cases)d 件案件：%(daily)d 行每日计数，%(state)d 行环节计数，用时 %(seconds)s 秒。")
                          % {"cases": report.cases, "daily": report.daily_rows, "state": report.state_rows,
                             "seconds": report.seconds})
