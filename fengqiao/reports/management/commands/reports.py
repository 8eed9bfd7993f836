"""`fengqiao reports <action>`: look after the count tables behind the figures.

    fengqiao reports rebuild-counts [--chunk-size 2000]   # count every case again, from scratch
    fengqiao reports hotspots-scan [--day YYYY-MM-DD]     # test each community and grid's last seven days
"""
from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from fengqiao.core.cli import iso_day, positive_int
from fengqiao.reports.services import counts_rebuild
from fengqiao.reports.services.hotspots import hotspots_scan
from fengqiao.reports.services.rebuild import DEFAULT_CHUNK
from fengqiao.warning.services.hotspots import hotspot_title

ACTIONS = ("rebuild-counts", "hotspots-scan")


class Command(BaseCommand):
    help = _("统计报表：从全部案件重新生成计数表。")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="{" + ",".join(ACTIONS) + "}")
        sub.required = True
        rebuild = sub.add_parser("rebuild-counts", help=_("清空计数表，按全部案件重新计数"))
        rebuild.add_argument("--chunk-size", type=positive_int, default=DEFAULT_CHUNK, help=_("每批读取的案件数"))
        scan = sub.add_parser("hotspots-scan", help=_("按社区、网格和类别检测近 7 天的异常增多（热点区域）"))
        scan.add_argument("--day", type=iso_day, default=None, help=_("检测截至这一天的 7 天（默认今天）"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "hotspots-scan":
            found = hotspots_scan(today=options["day"])
            self.stdout.write(_("发现 %(n)d 个热点区域。") % {"n": len(found)})
            for hotspot in found:
                self.stdout.write(hotspot_title(hotspot))
            return
        try:
            report = counts_rebuild(acting_user=None, chunk_size=options["chunk_size"])
        except DatabaseError as exc:
            raise CommandError(_("重新计数失败：%(error)s") % {"error": exc}) from exc
        self.stdout.write(_("已重新计数 %(cases)d 件案件：%(daily)d 行每日计数，%(state)d 行环节计数，用时 %(seconds)s 秒。")
                          % {"cases": report.cases, "daily": report.daily_rows, "state": report.state_rows,
                             "seconds": report.seconds})
