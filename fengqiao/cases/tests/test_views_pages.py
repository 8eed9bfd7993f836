"""Every staff page renders for the roles that use it; nothing of one county is reachable from another."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.cases.models import Case
from fengqiao.cases.services import case_assign
from fengqiao.conftest import PASSWORD
from fengqiao.testing.factories import make_case

ROLES = ["admin", "leader", "center", "street_center", "grid_worker", "mediator", "handler", "police_handler"]


@pytest.fixture
def case(county) -> Case:
    case = make_case(acting_user=county.grid_worker, region=county.grid)
    return case_assign(case=case, acting_user=county.center, to_department=county.labour, expected_version=case.version)


def test_login_page_renders_and_signs_in(client, county):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "工作人员登录" in page.content.decode()
    wrong = client.post(reverse("login"), {"username": county.center.username, "password": "not-the-password"})
    assert "用户名或密码不正确" in wrong.content.decode()
    ok = client.post(reverse("login"), {"username": county.center.username, "password": PASSWORD})
    # a login lands on the home view: center staff and leaders go on to the dashboard, the others to their work
    assert ok.status_code == 302 and ok["Location"] == reverse("reports:home")
    assert client.get(ok["Location"])["Location"] == reverse("reports:dashboard")


def test_anonymous_users_are_sent_to_login(client, case):
    for url in [reverse("cases:my_work"), reverse("cases:list"), reverse("cases:detail", args=[case.pk]),
                reverse("cases:create")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_htmx_request_with_expired_session_redirects_whole_page(client, case):
    response = client.get(reverse("cases:list"), headers={"HX-Request": "true", "HX-Target": "results"})
    assert response.status_code == 401 and response["HX-Redirect"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_pages_render_for_each_role(client, county, case, role):
    user = getattr(county, role)
    client.force_login(user)
    for url in [reverse("cases:my_work"), reverse("cases:list"), reverse("cases:create")]:
        response = client.get(url)
        assert response.status_code == 200, (role, url)
        html = response.content.decode()
        assert str(user) in html and "我的待办" in html and "案件列表" in html and "登记案件" in html
    detail = client.get(reverse("cases:detail", args=[case.pk]))
    expected = 404 if role == "police_handler" else 200  # the police station is not on this case
    assert detail.status_code == expected, role


def test_header_shows_roles_logout_language_and_admin_link_for_staff(client, county):
    client.force_login(county.center)
    html = client.get(reverse("cases:my_work")).content.decode()
    assert "矛调中心工作人员" in html
    assert f'action="{reverse("logout")}"' in html and f'action="{reverse("set_language")}"' in html
    assert reverse("admin:index") not in html
    county.center.is_staff = True
    county.center.save(update_fields=["is_staff"])
    assert reverse("admin:index") in client.get(reverse("cases:my_work")).content.decode()


def test_logout_is_a_post_and_ends_the_session(client, county):
    client.force_login(county.center)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("cases:my_work")).status_code == 302


def test_language_switch_shows_english(client, county):
    client.force_login(county.center)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get(reverse("cases:my_work")).content.decode()


def test_counsellor_without_a_region_cannot_register(client, county):
    client.force_login(county.counsellor)
    response = client.get(reverse("cases:create"))
    assert response.status_code == 403
    assert "没有可登记案件的区划" in response.content.decode()


def test_my_work_lists_assigned_and_waiting_cases_soonest_first(client, county):
    waiting = make_case(acting_user=county.grid_worker, region=county.grid, title="甲号纠纷")
    assigned = make_case(acting_user=county.grid_worker, region=county.grid, title="乙号纠纷")
    assigned = case_assign(case=assigned, acting_user=county.center, to_department=county.labour,
                           expected_version=assigned.version)
    elsewhere = make_case(acting_user=county.center, region=county.other_grid, title="丙号纠纷")

    client.force_login(county.handler)
    html = client.get(reverse("cases:my_work")).content.decode()
    assert "乙号纠纷" in html and "甲号纠纷" not in html

    client.force_login(county.street_center)
    html = client.get(reverse("cases:my_work")).content.decode()
    assert "甲号纠纷" in html and "乙号纠纷" not in html and "丙号纠纷" not in html

    client.force_login(county.center)
    page = client.get(reverse("cases:my_work")).context["page"]
    rows = list(page.object_list)
    assert {c.pk for c in rows} == {waiting.pk, elsewhere.pk}
    assert [c.due_at for c in rows] == sorted(c.due_at for c in rows)
    html = client.get(reverse("cases:my_work")).content.decode()
    assert "badge-green" in html and waiting.reference in html


def test_my_work_marks_red_and_yellow_deadlines(client, county):
    import datetime as dt

    from django.utils import timezone

    late = make_case(acting_user=county.grid_worker, region=county.grid, title="超期案件")
    soon = make_case(acting_user=county.grid_worker, region=county.grid, title="临期案件")
    now = timezone.now()
    Case.objects.filter(pk=late.pk).update(due_at=now - dt.timedelta(days=1), warn_at=now - dt.timedelta(days=2))
    Case.objects.filter(pk=soon.pk).update(due_at=now + dt.timedelta(days=1), warn_at=now - dt.timedelta(hours=1))
    client.force_login(county.center)
    html = client.get(reverse("cases:my_work")).content.decode()
    assert html.index("超期案件") < html.index("临期案件")
    assert "badge-red" in html and "badge-yellow" in html


def test_other_county_gets_404_everywhere(client, county, other_county, case):
    from fengqiao.cases.services import case_attachment_add
    from fengqiao.cases.services.attachments import AttachmentInput

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    attachment = case_attachment_add(case=case, items=[AttachmentInput("photo.png", png)], acting_user=county.center)[0]
    party = case.parties.first()
    client.force_login(other_county.admin)
    gets = [
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:audit", args=[case.pk]),
        reverse("cases:attachment", args=[case.pk, attachment.pk]),
        reverse("cases:reveal", args=[case.pk, party.pk, "phone"]),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        (reverse("cases:transition", args=[case.pk, "accept"]), {"version": case.version}),
        (reverse("cases:note_add", args=[case.pk]), {"version": case.version, "note": "x", "visibility": "internal"}),
        (reverse("cases:co_handler_add", args=[case.pk]), {"version": case.version, "to_department": other_county.labour.pk}),
        (reverse("cases:extension_request", args=[case.pk]), {"days": 3, "reason": "理由"}),
        (reverse("cases:attachment_upload", args=[case.pk]), {}),
        (reverse("cases:reveal", args=[case.pk, party.pk, "id_number"]), {"reason": "联系当事人"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    case.refresh_from_db()
    assert case.state.code == "dispatched" and case.events.filter(kind="note").count() == 0
    # the same URLs for a missing case look exactly the same
    assert client.get(reverse("cases:detail", args=[case.pk + 1000])).status_code == 404


def test_audit_page_only_for_platform_admins(client, county, case):
    client.force_login(county.admin)
    response = client.get(reverse("cases:audit", args=[case.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "case.create" in html and "case.assign" in html and "个人信息访问记录" in html
    for user in [county.center, county.leader, county.handler, county.street_center]:
        client.force_login(user)
        assert client.get(reverse("cases:audit", args=[case.pk])).status_code == 404
    client.force_login(county.admin)
    assert reverse("cases:audit", args=[case.pk]) in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_error_pages_render(client, county):
    client.force_login(county.center)
    response = client.get("/cases/999999/")
    assert response.status_code == 404
    from django.template.loader import render_to_string

    html = render_to_string("500.html", {"reference": "abc-123"})
    assert "abc-123" in html and "系统出现错误" in html
