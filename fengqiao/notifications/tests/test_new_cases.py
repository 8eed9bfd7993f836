"""Issue 13: 我的待办 marks the cases assigned or changed since the user last opened them (bold, a 新 badge with a
label for screen readers) and ?new=1 lists only those. Opening the case page is what clears the mark, per user."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.cases.models import Case
from fengqiao.cases.services import case_add_note, case_assign
from fengqiao.notifications.models import CaseVisit
from fengqiao.notifications.selectors import cases_with_new_mark
from fengqiao.testing.factories import make_case

LABEL = "新：自您上次查看后有变化"


@pytest.fixture
def assigned(county, fresh) -> list[Case]:
    """Two cases given to the labour bureau (both in its handler's 我的待办)."""
    cases = []
    for title in ("甲案欠薪", "乙案欠薪"):
        case = make_case(acting_user=county.grid_worker, region=county.grid, title=title)
        cases.append(case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour))
    return cases


def row_of(html: str, case: Case) -> str:
    start = html.rindex("<tr", 0, html.index(f'href="/cases/{case.pk}/"'))
    return html[start:html.index("</tr>", start)]


def my_work(client, **params) -> str:
    response = client.get(reverse("cases:my_work"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_cases_never_opened_are_new_and_opening_one_clears_its_mark(client, county, assigned):
    first, second = assigned
    client.force_login(county.handler)
    html = my_work(client)
    for case in assigned:
        row = row_of(html, case)
        assert "row-new" in row and "badge-new" in row
        assert f'<span class="visually-hidden">{LABEL}</span>' in row and f'title="{LABEL}"' in row
    assert client.get(reverse("cases:detail", args=[first.pk])).status_code == 200
    html = my_work(client)
    assert "row-new" not in row_of(html, first) and "row-new" in row_of(html, second)


def test_a_change_after_the_visit_makes_the_case_new_again(client, county, fresh, assigned):
    first, _second = assigned
    client.force_login(county.handler)
    client.get(reverse("cases:detail", args=[first.pk]))
    assert "row-new" not in row_of(my_work(client), first)
    case_add_note(case=Case.objects.get(pk=first.pk), acting_user=fresh(county.center), note="已联系企业")
    assert "row-new" in row_of(my_work(client), first)


def test_the_new_filter_lists_only_the_new_cases(client, county, assigned):
    first, second = assigned
    client.force_login(county.handler)
    client.get(reverse("cases:detail", args=[first.pk]))
    html = my_work(client, new="1")
    assert f'href="/cases/{second.pk}/"' in html and f'href="/cases/{first.pk}/"' not in html
    assert 'href="/?new=1" aria-current="page"' in html
    client.get(reverse("cases:detail", args=[second.pk]))
    assert "自您上次查看后，待办案件没有新的变化。" in my_work(client, new="1")
    html = my_work(client)  # the whole list still has both
    assert f'href="/cases/{first.pk}/"' in html and f'href="/cases/{second.pk}/"' in html


def test_a_visit_is_the_users_own(client, county, assigned):
    first, _second = assigned
    client.force_login(county.center)
    client.get(reverse("cases:detail", args=[first.pk]))
    assert CaseVisit.objects.filter(user=county.center, case=first).exists()
    marked = {c.pk: c.is_new for c in cases_with_new_mark(Case.objects.filter(pk__in=[first.pk]), county.handler)}
    assert marked == {first.pk: True}
    # visiting twice keeps one row and moves its time on
    before = CaseVisit.objects.get(user=county.center, case=first).seen_at
    client.get(reverse("cases:detail", args=[first.pk]))
    assert CaseVisit.objects.filter(user=county.center, case=first).count() == 1
    assert CaseVisit.objects.get(user=county.center, case=first).seen_at >= before


def test_a_case_out_of_reach_is_not_found_and_leaves_no_visit(client, other_county, assigned):
    client.force_login(other_county.center)
    assert client.get(reverse("cases:detail", args=[assigned[0].pk])).status_code == 404
    assert not CaseVisit.objects.exists()


def test_the_case_list_shows_no_marks(client, county, assigned):
    client.force_login(county.handler)
    html = client.get(reverse("cases:list")).content.decode()
    assert f'href="/cases/{assigned[0].pk}/"' in html and "row-new" not in html
