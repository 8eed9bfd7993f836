"""The demo loader writes refusal steps without the services; their notices (告知书) are written afterwards."""
from __future__ import annotations

from fengqiao.cases.choices import EventKind
from fengqiao.cases.models import CaseEvent, CaseNotice, State, Transition
from fengqiao.cases.tests.helpers import put_in_state
from fengqiao.cases.tests.oversight_support import at
from fengqiao.demo.notices import write_demo_notices
from fengqiao.testing.factories import make_case


def test_a_loaded_refusal_gets_its_notice_once(county):
    case = make_case(acting_user=county.center, region=county.grid, process="petition", received_at=at(2026, 9, 29))
    decline = Transition.objects.get(process__code="petition", action="decline")
    put_in_state(case, "not_accepted")
    CaseEvent.objects.create(case=case, kind=EventKind.TRANSITION, action="decline", actor=county.center,
                             from_state=decline.from_state, to_state=decline.to_state, created_at=at(2026, 10, 8),
                             note="该事项依法应当通过诉讼途径解决。", data={})
    assert write_demo_notices(county.county) == 1
    notice = CaseNotice.objects.get(case=case)
    assert notice.channel_name == "诉讼" and notice.issued_at == at(2026, 10, 8) and "2026年9月29日" in notice.text
    assert CaseEvent.objects.get(case=case, action="decline").data["notice"] == notice.pk
    assert write_demo_notices(county.county) == 0  # already written
    assert State.objects.get(pk=notice.state_id).code == "not_accepted"
