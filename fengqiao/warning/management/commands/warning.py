"""`fengqiao warning <action>`: early-warning work run from the console.

    fengqiao warning hot-issues --data FILE.csv [--top 5] [--json] [--export DIR]
    fengqiao warning risk-recompute [--county CODE] [--chunk PATH | --list-chunks] [--skip-clusters]
    fengqiao warning hot-issues-scan

`hot-issues-scan` is the daily scan by hand: each county's cases of the last 90 days; the issues raised by enough
people are stored and become alerts.

`risk-recompute` is the nightly run by hand: each county's matter keys and clusters, then the risk levels of the
open cases in region chunks (`--chunk` runs one chunk, so several processes can share the work; `--list-chunks`
prints them).

The file (CSV in UTF-8, or XLSX) has the columns 留言编号, 留言用户, 留言主题, 留言时间, 留言详情, 反对数, 点赞数.
`--json` prints one JSON object; without it a table. `--export DIR` also writes 热点问题表.xlsx and
热点问题留言明细表.xlsx. A bad file ends with one line naming the problem (Chinese and English) and exit status 1.
"""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from fengqiao.core.cli import positive_int
from fengqiao.regions.models import Region
from fengqiao.warning.engine import MessageTableError, find_hot_issues
from fengqiao.warning.engine.files import read_messages
from fengqiao.warning.services import nightly

ACTIONS = ("hot-issues", "risk-recompute", "hot-issues-scan")


class Command(BaseCommand):
    help = _("预警：热点问题挖掘（hot-issues）、风险研判重算（risk-recompute）、每日热点问题扫描（hot-issues-scan）。")
    requires_system_checks: list[str] = []  # output is read by scripts: nothing mixed into it

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="{" + ",".join(ACTIONS) + "}")
        sub.required = True
        hot = sub.add_parser("hot-issues", help=_("把同一地点、同一问题的留言归为热点问题，按热度排序"))
        hot.add_argument("--data", required=True, help=_("CSV（UTF-8）或 XLSX 文件"))
        hot.add_argument("--top", type=positive_int, default=5, help=_("输出前几个热点问题（默认 5）"))
        hot.add_argument("--json", action="store_true", help=_("输出一个 JSON 对象"))
        hot.add_argument("--export", metavar="DIR", help=_("在此目录写出热点问题表和热点问题留言明细表（XLSX）"))
        recompute = sub.add_parser("risk-recompute", help=_("重算关联案件群和在办案件的风险等级"))
        recompute.add_argument("--county", default="", help=_("只算一个县（区划代码）"))
        recompute.add_argument("--chunk", default="", help=_("只算一个分片（见 --list-chunks）"))
        recompute.add_argument("--list-chunks", action="store_true", help=_("列出分片后退出"))
        recompute.add_argument("--skip-clusters", action="store_true", help=_("不重建关联案件群"))
        sub.add_parser("hot-issues-scan", help=_("扫描各县近 90 天的案件，多人反映的热点问题存档并预警"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "hot-issues":
            self.hot_issues(options)
        elif options["action"] == "risk-recompute":
            self.risk_recompute(options)
        elif options["action"] == "hot-issues-scan":
            from fengqiao.warning.services.hot_issues import hot_issues_scan

            started = time.monotonic()
            found = hot_issues_scan()
            self.stdout.write(_("已扫描热点问题：%(n)d 个达到预警人数（用时 %(s).1f 秒）。") % {
                "n": len(found), "s": time.monotonic() - started})

    def risk_recompute(self, options: dict[str, Any]) -> None:
        county = ""
        if options["county"]:
            region = Region.objects.filter(code=options["county"]).first()
            if region is None:
                raise CommandError(_("未找到区划代码 %(code)s。") % {"code": options["county"]})
            county = region.path
        chunks = nightly.risk_chunks(county or None)
        if options["list_chunks"]:
            for chunk in chunks:
                self.stdout.write(chunk)
            return
        if options["chunk"]:
            if options["chunk"] not in chunks:
                raise CommandError(_("未知的分片：%(chunk)s（见 --list-chunks）") % {"chunk": options["chunk"]})
            chunks = [options["chunk"]]
        started = time.monotonic()
        if not options["skip_clusters"] and not options["chunk"]:
            for path in [county] if county else nightly.counties():
                found = nightly.warning_prepare_county(county=path)
                self.stdout.write(_("%(county)s：%(n)d 个关联案件群") % {"county": path, "n": found})
        scored = sum(nightly.risk_recompute_chunk(chunk=chunk) for chunk in chunks)
        self.stdout.write(_("已研判 %(n)d 件在办案件（%(chunks)d 个分片，用时 %(s).1f 秒）。") % {
            "n": scored, "chunks": len(chunks), "s": time.monotonic() - started})

    def hot_issues(self, options: dict[str, Any]) -> None:
        started = time.perf_counter()
        try:
            messages = read_messages(options["data"])
        except MessageTableError as exc:
            raise CommandError(str(exc)) from exc
        report = find_hot_issues(messages, top=options["top"])
        written = []
        if options.get("export"):
            from fengqiao.warning.export import write_tables

            try:
                written = write_tables(report.issues, messages, options["export"])
            except OSError as exc:
                raise CommandError(
                    f"无法写出表格 / cannot write the tables: {options['export']} ({exc.strerror})"
                ) from exc
        if options["json"]:
            self.stdout.write(json.dumps({
                "n_messages": report.n_messages,
                "n_groups": report.n_groups,
                "seconds": round(time.perf_counter() - started, 2),
                "hot_issues": [{"rank": n, **issue.as_dict()} for n, issue in enumerate(report.issues, start=1)],
                "exported": [str(p) for p in written],
            }, ensure_ascii=False))
            return
        self._table(report.issues)
        for path in written:
            self.stdout.write(_("已写出：%(path)s") % {"path": path})

    def _table(self, issues: list) -> None:
        if not issues:
            self.stdout.write(_("没有发现热点问题（至少两人反映同一地点、同一问题）。"))
            return
        self.stdout.write("\t".join([_("排名"), _("热度"), _("人数"), _("留言数"), _("地点"), _("问题"), _("时间范围"),
                                     _("问题描述")]))
        for rank, issue in enumerate(issues, start=1):
            span = f"{issue.start:%Y-%m-%d}~{issue.end:%Y-%m-%d}"
            self.stdout.write("\t".join(str(v) for v in (rank, issue.heat, issue.people, len(issue.members),
                                                           issue.place, issue.problem, span, issue.description)))
