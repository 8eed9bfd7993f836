"""`fengqiao rules templates`: list another place's deadline rules, or switch one on or off for a region."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from fengqiao.cases.services.rules import rule_template_enable, rule_templates
from fengqiao.core.errors import ValidationFailed
from fengqiao.regions.models import Region


class Command(BaseCommand):
    help = ("Deadline-rule templates of other places (off by default): `rules templates` lists them; "
            "`rules templates --enable NAME --region CODE` switches one on for a region (audited); --disable off.")

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["templates"])
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--enable", metavar="NAME")
        group.add_argument("--disable", metavar="NAME")
        parser.add_argument("--region", metavar="CODE", help="region code (区划代码) the template applies to")

    def handle(self, *args, **options):
        name = options["enable"] or options["disable"]
        if not name:
            for template in rule_templates():
                where = "、".join(template.enabled_in) or _("未启用")
                self.stdout.write(f"{template.name}\t{template.regulation}\t{where}")
                for step in template.steps:
                    self.stdout.write(f"    {step}")
            return
        if not options["region"]:
            raise CommandError(_("请用 --region 指定适用的区划代码。"))
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise CommandError(_("没有区划代码为 %(code)s 的区划。") % {"code": options["region"]})
        try:
            changed = rule_template_enable(name=name, region=region, acting_user=None, enable=bool(options["enable"]))
        except ValidationFailed as exc:
            raise CommandError(str(exc)) from exc
        verb = _("启用") if options["enable"] else _("停用")
        self.stdout.write(_("已在%(region)s%(verb)s模板 %(name)s：%(count)d 条时限规则。") % {
            "region": region.name, "verb": verb, "name": name, "count": len(changed)})
