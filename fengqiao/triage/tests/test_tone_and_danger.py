"""Issue 9, through intake: cases registered the way residents' words reach the platform (case_create, then
triage on commit). Anger and lawful intentions (petition, lawsuit, media, 讨个说法, 拼了, 鱼死网破) never raise a
crisis alert, never leave the care team and never mark the person (信访工作条例 第十八条); real danger always
alerts the care team at once. No automated path sends anything to a police department (人民调解法 第二十五条,
个人信息保护法 第二十四条)."""
from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from fengqiao.care.models import PoliceReport, Referral
from fengqiao.notifications.models import Notification
from fengqiao.regions.choices import DepartmentKind
from fengqiao.triage.models import TriageResult
from fengqiao.triage.selectors import tone_note_for
from fengqiao.triage.tests.tone_sentences import LAWFUL_OR_ANGRY, REAL_DANGER

ROOT = Path(__file__).resolve().parents[3]


def _to_police():
    return Notification.objects.filter(recipient__memberships__department__kind=DepartmentKind.POLICE)


def test_the_sets_are_large_enough():
    assert len(LAWFUL_OR_ANGRY) >= 40 and len(REAL_DANGER) >= 40
    for word in ("上访", "北京", "起诉", "记者", "讨个说法", "跟他拼了", "鱼死网破"):
        assert any(word in s for s in LAWFUL_OR_ANGRY), word


@pytest.mark.parametrize("sentence", LAWFUL_OR_ANGRY)
def test_anger_and_lawful_intentions_raise_no_alert_and_mark_no_one(county, triaged, sentence):
    case = triaged(acting_user=county.grid_worker, region=county.grid, title="群众反映", narrative=sentence)
    result = TriageResult.objects.get(case=case)
    assert result.status == "done" and result.crisis is False and result.crisis_reasons == []
    assert not Notification.objects.filter(case=case, kind="crisis_alert").exists()
    assert not Referral.objects.filter(case=case).exists()
    assert not _to_police().exists()
    assert tone_note_for(case=case)  # a note on tone for the handler, computed, not stored


@pytest.mark.parametrize("sentence", REAL_DANGER)
def test_real_danger_alerts_the_care_team_at_once_and_never_the_police(county, triaged, sentence):
    case = triaged(acting_user=county.grid_worker, region=county.grid, title="群众反映", narrative=sentence)
    result = TriageResult.objects.get(case=case)
    assert result.crisis is True and result.crisis_dispatched_at is not None
    alerts = Notification.objects.filter(case=case, kind="crisis_alert")
    assert alerts.filter(recipient=county.counsellor, urgent=True).exists()
    assert alerts.filter(recipient=county.center).exists()
    assert not _to_police().exists() and not PoliceReport.objects.exists()


def test_no_automated_path_reaches_the_police(county, triaged, client, django_capture_on_commit_callbacks):
    """Triage, a staff member's crisis mark, the periodic retry and the care referral: none of them sends to a
    police department; only care.services.police sends there, and only police_report_send, which only the
    officer's confirmation on the report page calls."""
    from fengqiao.triage.tasks import triage_retry_pending

    case = triaged(acting_user=county.mediator, region=county.community, title="离婚纠纷",
                   narrative="他说要拿刀捅死前妻全家，然后自己也不活了。")
    client.force_login(county.mediator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/triage/cases/{case.pk}/feedback/", {"field": "crisis", "chosen": "harm_others"},
                    HTTP_HX_REQUEST="true")
    triage_retry_pending()
    assert Referral.objects.filter(case=case).exists()
    assert not _to_police().exists() and not PoliceReport.objects.exists()

    senders = [p.relative_to(ROOT).as_posix() for p in (ROOT / "fengqiao").rglob("*.py")
               if "/tests/" not in p.as_posix() and "police_report_send(" in p.read_text(encoding="utf-8")]
    assert sorted(senders) == ["fengqiao/care/police_views.py", "fengqiao/care/services/police.py"]
    named = [p.relative_to(ROOT).as_posix() for p in (ROOT / "fengqiao").rglob("*.py")
             if "/tests/" not in p.as_posix() and "/migrations/" not in p.as_posix()
             and any(w in p.read_text(encoding="utf-8") for w in ('contains="派出所"', 'contains="公安"', "派出所|公安"))]
    assert named == []  # no department is matched by a word in its name


def test_the_handler_sees_the_note_on_tone_on_the_case_page(county, triaged, client):
    case = triaged(acting_user=county.grid_worker, region=county.grid, title="讨薪",
                   narrative="老板再不给钱，我就去省里上访，大不了鱼死网破。")
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "语气提示" in page and "不是危机" in page and "危机言语提示" not in page
    plain = triaged(acting_user=county.grid_worker, region=county.grid, title="路灯", narrative="楼道灯坏了。")
    assert "语气提示" not in client.get(reverse("cases:detail", args=[plain.pk])).content.decode()


@pytest.mark.parametrize(("sentence", "danger"), [(LAWFUL_OR_ANGRY[0], False), (LAWFUL_OR_ANGRY[31], False),
                                                  (REAL_DANGER[0], True), (REAL_DANGER[2], True)])
def test_through_the_residents_portal(county, client, django_capture_on_commit_callbacks, sentence, danger):
    """The same through the public form a resident fills in."""
    from django.core.cache import cache

    from fengqiao.cases.models import Case
    from fengqiao.portal.tests.helpers import submission

    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:submit"), submission(county, title="反映问题", narrative=sentence))
    assert response.status_code in (302, 303)
    case = Case.objects.get()
    assert TriageResult.objects.get(case=case).crisis is danger
    alerts = Notification.objects.filter(case=case, kind="crisis_alert")
    assert alerts.filter(recipient=county.counsellor).exists() is danger
    assert not _to_police().exists()
    cache.clear()
