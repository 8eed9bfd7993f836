"""Seed data (issue 9): the default step clocks cite national law or the county's own rules, no other place's
regulation. A default row still exactly as an earlier version seeded it (its period and its legal basis) gets the
new legal basis; a row an administrator edited stays as it is. Another place's rules become switched-off
templates (cases.seed.JURISDICTION_TEMPLATES), added by the seed after migrating.

Also: a step may require the routes told to the parties (Transition.requires_routes, 人民调解法 第二十六条); the
dispute process's 调解不成 step requires them. The new 拒绝调解待另选途径 step, its transitions and its clock are
added by the seed after migrating (get_or_create)."""
from django.db import migrations, models

# (process, state, duration, unit, start_event, max_extension, basis before, basis after)
ROWS = [
    ('dispute', 'registered', 5, 'working_days', 'received', 5, '深圳矛盾纠纷多元化解条例 第46条：5个工作日内决定是否受理；法律关系复杂或者涉及多个行政机关的，经批准延长至10个工作日', '县矛调中心工作规则（本县自定，可修改）：5个工作日内决定是否受理；法律关系复杂或者涉及多个部门的，经批准延长至10个工作日'),
    ('dispute', 'dispatched', 3, 'working_days', 'state_entered', 0, '深圳矛盾纠纷多元化解条例 第45条：3个工作日内移交', '县矛调中心工作规则（本县自定，可修改）：交办后3个工作日内签收或者移交'),
    ('dispute', 'mediating', 30, 'calendar_days', 'state_entered', 30, '深圳矛盾纠纷多元化解条例 第25条：调解期限一般为30日', '县矛调中心工作规则（本县自定，可修改）：当事人约定调解期限的从其约定，没有约定的一般为30日，当事人同意的可以延长（人民调解法未规定调解期限）'),
    ('dispute', 'mediated', 10, 'working_days', 'state_entered', 0, '回访：调解成功后10个工作日内回访', '县矛调中心工作规则（本县自定，可修改）：调解成功后10个工作日内回访'),
    ('dispute', 'mediation_failed', 10, 'working_days', 'state_entered', 0, '回访：调解不成后10个工作日内回访并告知其他途径', '县矛调中心工作规则（本县自定，可修改）：调解不成后10个工作日内回访（人民调解法 第二十六条：告知当事人其他途径）'),
    ('dispute', 'follow_up', 5, 'working_days', 'state_entered', 0, '回访完成后办结', '县矛调中心工作规则（本县自定，可修改）：回访完成后5个工作日内办结'),
    ('workorder', 'received', 1, 'working_days', 'received', 0, '接诉即办：及时派单（首接负责）', '县12345热线工作规则（本县自定，可修改）：1个工作日内派单（首接负责）'),
    ('workorder', 'dispatched', 1, 'working_days', 'state_entered', 0, '接诉即办：派单后及时签收', '县12345热线工作规则（本县自定，可修改）：派单后1个工作日内签收'),
    ('workorder', 'handling', 5, 'working_days', 'state_entered', 5, '济南、潍坊等地：5个工作日内办理，法定期限更长的从其规定', '县12345热线工作规则（本县自定，可修改）：5个工作日内办理，可延长5个工作日；法律、法规规定的期限更长的从其规定'),
    ('workorder', 'replied', 3, 'working_days', 'state_entered', 0, '北京市接诉即办工作条例 第23条：回访', '县12345热线工作规则（本县自定，可修改）：办理反馈后3个工作日内回访'),
]


def _move(apps, *, backwards: bool) -> None:  # noqa: ANN001
    DeadlineRule = apps.get_model("cases", "DeadlineRule")
    for process, state, duration, unit, start, max_ext, before, after in ROWS:
        old, new = (after, before) if backwards else (before, after)
        DeadlineRule.objects.filter(
            process__code=process, state__code=state, region=None, duration=duration, unit=unit, start_event=start,
            max_extension=max_ext, legal_basis=old,
        ).update(legal_basis=new)


def _routes(apps, value: bool) -> None:  # noqa: ANN001
    Transition = apps.get_model("cases", "Transition")
    Transition.objects.filter(process__code="dispute", action="fail", from_state__code="mediating").update(
        requires_routes=value)


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    _move(apps, backwards=False)
    _routes(apps, True)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201
    _move(apps, backwards=True)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_refusal_notices_pause_grounds_head_approval")]
    operations = [
        migrations.AddField(
            model_name="transition",
            name="requires_routes",
            field=models.BooleanField(
                default=False, verbose_name="须记录告知的途径",
                help_text="人民调解法 第二十六条：调解不成的，告知当事人可以通过仲裁、行政、司法等途径维护权利",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
