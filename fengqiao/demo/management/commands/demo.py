"""`fengqiao demo`: set up the demo county 青溪县 and serve it.

Runs the migrations, loads the county with its staff and generated cases unless it is already
there (found by its region code), prints the demo accounts and serves on 127.0.0.1.
Demo accounts exist only in demo mode (FENGQIAO_DEMO=1, or DEBUG); `--remove-accounts`
switches them off for an install that leaves demo mode.
"""
from __future__ import annotations

import datetime as dt
import time
import unicodedata

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.services import BulkLoadError, case_bulk_analyze, case_bulk_load
from fengqiao.core.errors import ValidationFailed
from fengqiao.demo.accounts import demo_account_lines, demo_accounts_disable, demo_password
from fengqiao.demo.generator.background import generate_in_background
from fengqiao.demo.generator.cases import generate_cases
from fengqiao.demo.generator.county import build_county
from fengqiao.demo.reference import county_exists, load_reference
from fengqiao.demo.settling import settle_demo

BACKGROUND_FROM = 5000  # cases


class Command(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs):  # Django hook
        self.help = _("加载演示县（青溪县）及演示账号，并在本机启动服务。仅限演示模式（FENGQIAO_DEMO=1）。")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help=_("服务端口（默认 8000，只监听 127.0.0.1）"))
        parser.add_argument("--no-serve", action="store_true", help=_("只加载数据，不启动服务"))
        parser.add_argument("--cases", type=int, default=6000, help=_("生成的案件数（默认 6000）"))
        parser.add_argument("--seed", type=int, default=20260101, help=_("随机种子（相同种子生成相同案件）"))
        parser.add_argument("--months", type=int, default=24, help=_("案件分布在最近多少个月（默认 24）"))
        parser.add_argument("--remove-accounts", action="store_true",
                            help=_("停用全部 demo-* 账号（退出演示模式时使用）"))

    def handle(self, *args, **options) -> None:
        if options["remove_accounts"]:
            count = demo_accounts_disable()
            self.stdout.write(_("已停用 %(count)d 个演示账号（不能再登录）。") % {"count": count})
            return
        if not (getattr(settings, "FENGQIAO_DEMO", False) or settings.DEBUG):
            raise CommandError(_("演示账号只能在演示模式下创建：请设置环境变量 FENGQIAO_DEMO=1 后再运行（生产环境切勿开启）。"))
        if options["cases"] < 1 or options["months"] < 1:
            raise CommandError(_("--cases 和 --months 必须是正整数。"))
        call_command("migrate", interactive=False, verbosity=0)
        if county_exists():
            self.stdout.write(_("演示县已存在，沿用现有数据（不重复加载）。"))
        else:
            self.load(options)
            self.prepare_triage()
            self.stdout.write(settle_demo())
            # the bulk load and the past follow-up answers publish no events: count the settled county once
            call_command("reports", "rebuild-counts", verbosity=options["verbosity"])
            # what the nightly and daily runs would find, so the risk board, clusters, hotspots, hot issues and
            # alerts show the planted escalations on first start
            call_command("warning", "risk-recompute", verbosity=options["verbosity"])
            call_command("reports", "hotspots-scan", verbosity=options["verbosity"])
            call_command("warning", "hot-issues-scan", verbosity=options["verbosity"])
        self.print_accounts()
        if not options["no_serve"]:
            call_command("collectstatic", interactive=False, verbosity=0)
            self.stdout.write(_("启动服务：http://127.0.0.1:%(port)d/ （Ctrl+C 停止）") % {"port": options["port"]})
            call_command("runserver", f"127.0.0.1:{options['port']}", use_reloader=False)

    def load(self, options: dict) -> None:
        started = time.monotonic()
        county = build_county()
        self.stdout.write(_("正在加载演示县：%(regions)d 个区划、%(departments)d 个部门、%(staff)d 名工作人员……") % {
            "regions": len(county.regions), "departments": len(county.departments), "staff": len(county.staff)})
        try:
            with transaction.atomic():
                directory = load_reference(county, password=demo_password())
                arguments = {"seed": options["seed"], "count": options["cases"], "now": timezone.localtime(),
                             "months": options["months"]}
                # a large load generates in a second process while this one writes
                if options["cases"] >= BACKGROUND_FROM:
                    specs = generate_in_background(**arguments)
                else:
                    specs = generate_cases(**arguments, county=county)
                total = options["cases"]

                def progress(done: int) -> None:
                    if done % 2000 < 500 or done == total:
                        self.stdout.write(_("  已生成案件 %(done)d / %(total)d") % {"done": done, "total": total})

                first_day = timezone.localdate() - dt.timedelta(days=options["months"] * 31 + 1)
                report = case_bulk_load(specs=specs, names=directory, first_day=first_day,
                                        progress=progress if options["verbosity"] else None)
        except ValidationFailed as exc:
            details = "; ".join(m for messages in exc.field_errors.values() for m in messages)
            raise CommandError(_("演示密码不符合密码规则：%(details)s") % {"details": details}) from exc
        except (BulkLoadError, RuntimeError) as exc:
            raise CommandError(_("加载演示数据失败，未写入任何数据：%(error)s") % {"error": exc}) from exc
        case_bulk_analyze()
        self.stdout.write(_("加载完成：%(cases)d 件案件、%(parties)d 名当事人、%(events)d 条办理记录，用时 %(seconds).1f 秒。") % {
            "cases": report.cases, "parties": report.parties, "events": report.events, "seconds": time.monotonic() - started})

    def prepare_triage(self, open_cases: int = 400) -> None:
        """Seed routing rules for the demo departments and analyse the open cases staff will look at first."""
        from fengqiao.cases.models import Case
        from fengqiao.triage.services import routing_seed_defaults, triage_run

        routing_seed_defaults(acting_user=None)
        ids = list(Case.objects.open().filter(triage_result__isnull=True).order_by("-received_at")
                   .values_list("id", flat=True)[:open_cases])
        for case_id in ids:
            triage_run(case_id=case_id)
        self.stdout.write(_("已为 %(n)d 件办理中的案件生成智能分析。") % {"n": len(ids)})

    def print_accounts(self) -> None:
        password = demo_password()
        self.stdout.write("")
        self.stdout.write(_("演示账号（密码均为 %(password)s）：") % {"password": password})
        for line in demo_account_lines():
            status = "" if line.can_login else _("（已停用）")
            self.stdout.write(f"  {pad(line.username, 16)} {pad(line.role, 18)} {pad(line.where, 18)} {password}{status}")


def pad(text: str, width: int) -> str:
    """Left-align in a terminal column: wide (Chinese) characters take two cells."""
    cells = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - cells, 0)
