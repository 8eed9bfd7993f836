"""`fengqiao warning risk-recompute`: the nightly run by hand — each county's matter keys and clusters, then the
risk levels of the open cases in region chunks (`--chunk` runs one chunk, so several processes can share the
work; `--list-chunks` prints them)."""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from fengqiao.regions.models import Region
from fengqiao.warning.services import nightly


class Command(BaseCommand):
    help = "预警：风险研判重算（risk-recompute）"

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        recompute = commands.add_parser("risk-recompute", help=_("重算关联案件群和在办案件的风险等级"))
        recompute.add_argument("--county", default="", help=_("只算一个县（区划代码）"))
        recompute.add_argument("--chunk", default="", help=_("只算一个分片（见 --list-chunks）"))
        recompute.add_argument("--list-chunks", action="store_true", help=_("列出分片后退出"))
        recompute.add_argument("--skip-clusters", action="store_true", help=_("不重建关联案件群"))

    def handle(self, *args, **options) -> None:
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
