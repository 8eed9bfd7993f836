from django import template

from fengqiao.worktime.checks import uncovered_upcoming_years

register = template.Library()


@register.simple_tag
def calendar_uncovered_years() -> list[int]:
    return uncovered_upcoming_years()
