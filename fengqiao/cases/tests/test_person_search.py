"""Finding a person's cases by phone, ID number, name or work-order number (issue 13): the keyed hashes written with
every party, the search box and the API, and never a case outside the user's jurisdiction."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.list_filters import CaseFilters, person_key
from fengqiao.cases.models import Case, Party
from fengqiao.cases.selectors import case_list_for
from fengqiao.cases.services.create import PartyInput
from fengqiao.cases.tests.api_support import CASES_URL, token_client
from fengqiao.core.lookup_keys import id_number_hash, phone_hash
from fengqiao.testing.factories import UserFactory, make_case, valid_id_number

LIST = reverse("cases:list")
PHONE = "13955501234"
ID_NUMBER = valid_id_number(birth="19660606", area="330106", seq="777")
PHONE_SPELLINGS = ["13955501234", "139-5550-1234", "139 5550 1234", "１３９５５５０１２３４", "+86 139 5550 1234",
                   "0086-13955501234", "8613955501234", "+86１３９-５５５０-１２３４"]
ID_SPELLINGS = [ID_NUMBER, ID_NUMBER.lower(), f"{ID_NUMBER[:6]} {ID_NUMBER[6:14]} {ID_NUMBER[14:]}",
                "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in ID_NUMBER)]


def _person(**overrides) -> PartyInput:
    return PartyInput(**{"name": "王秀兰", "phone": PHONE, "id_number": ID_NUMBER, **overrides})


@pytest.fixture
def person_cases(county, other_county):
    """The same resident in four cases: two in county A (different streets), one of them led by the labour bureau,
    one in county B, one with only her ID number; and a case of somebody else."""
    respondent = PartyInput(name="某物业公司", role="respondent", kind="organisation")
    built = {
        "grid": make_case(acting_user=county.center, region=county.grid, title="物业费纠纷",
                          parties=[_person(phone="139-5550-1234"), respondent]),
        "other_street": make_case(acting_user=county.center, region=county.other_grid, title="东坪漏水",
                                  parties=[_person(phone="+86 139 5550 1234", id_number=""), respondent],
                                  external_ref="12345-2026-0042"),
        "id_only": make_case(acting_user=county.center, region=county.other_grid, title="东坪噪声",
                             parties=[_person(phone=""), respondent]),
        "other_county": make_case(acting_user=other_county.center, region=other_county.grid, title="外县欠薪",
                                  parties=[_person(), respondent]),
        "somebody_else": make_case(acting_user=county.center, region=county.grid, title="另一户的纠纷"),
    }
    Case.objects.filter(pk=built["other_street"].pk).update(lead_department=county.labour)
    return built


def _found(user, text: str = "", person: str = "") -> set[int]:
    return set(case_list_for(user=user, filters=CaseFilters(text=text, person=person)).values_list("pk", flat=True))


# ------------------------------------------------------------------------------------------------ writing the hashes

def test_every_party_is_written_with_the_hashes_of_its_numbers(person_cases):
    party = Party.objects.get(case=person_cases["grid"], name="王秀兰")
    assert party.phone == PHONE  # stored in its one spelling
    assert party.phone_hash == phone_hash(PHONE) and party.id_number_hash == id_number_hash(ID_NUMBER)
    assert len(party.phone_hash) == 64 and PHONE not in party.phone_hash
    organisation = Party.objects.get(case=person_cases["grid"], role="respondent")
    assert organisation.phone_hash == "" and organisation.id_number_hash == ""
    assert Party.objects.get(case=person_cases["other_street"], name="王秀兰").id_number_hash == ""


def test_the_recompute_command_restores_the_hashes_and_is_audited(person_cases, settings):
    Party.objects.update(phone_hash="", id_number_hash="")
    call_command("party_search_hashes", stdout=io.StringIO())
    party = Party.objects.get(case=person_cases["grid"], name="王秀兰")
    assert party.phone_hash == phone_hash(PHONE) and party.id_number_hash == id_number_hash(ID_NUMBER)
    entry = AuditEntry.objects.filter(action="party.search_hashes").latest("id")
    assert entry.after["changed"] >= 4

    old_hash = party.phone_hash
    settings.FENGQIAO_SEARCH_KEY = "a-new-key"
    out = io.StringIO()
    call_command("party_search_hashes", stdout=out)
    party.refresh_from_db()
    assert party.phone_hash == phone_hash(PHONE) != old_hash
    assert "已更新" in out.getvalue()
    assert _found(UserFactory(is_superuser=True), PHONE_SPELLINGS[1]) >= {
        person_cases["grid"].pk, person_cases["other_street"].pk}


def test_the_migration_fills_the_hashes_of_rows_written_before_it(person_cases):
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection, migrations
    from django.db.migrations.loader import MigrationLoader

    Party.objects.update(phone_hash="", id_number_hash="")
    migration = MigrationLoader(connection).get_migration("cases", "0010_party_search_hashes")
    fill = next(op for op in migration.operations if isinstance(op, migrations.RunPython))
    fill.code(apps, SimpleNamespace(connection=connection))
    party = Party.objects.get(case=person_cases["id_only"], name="王秀兰")
    assert party.phone_hash == "" and party.id_number_hash == id_number_hash(ID_NUMBER)
    assert Party.objects.get(case=person_cases["grid"], name="王秀兰").phone_hash == phone_hash(PHONE)


# ------------------------------------------------------------------------------------------------ what the search finds

@pytest.mark.parametrize("spelling", PHONE_SPELLINGS)
def test_every_spelling_of_the_phone_finds_her_cases(county, person_cases, spelling):
    assert _found(county.center, spelling) == {person_cases["grid"].pk, person_cases["other_street"].pk}


@pytest.mark.parametrize("spelling", ID_SPELLINGS)
def test_every_spelling_of_the_id_number_finds_her_cases(county, person_cases, spelling):
    assert _found(county.center, spelling) == {person_cases["grid"].pk, person_cases["id_only"].pk}


def test_her_name_the_work_order_number_and_a_wrong_number(county, person_cases):
    her_cases = {person_cases[k].pk for k in ("grid", "other_street", "id_only")}
    assert _found(county.center, "王秀兰") == her_cases
    assert _found(county.center, "12345-2026-0042") == {person_cases["other_street"].pk}
    assert _found(county.center, "１２３４５-２０２６-００４２") == {person_cases["other_street"].pk}
    assert _found(county.center, "13955501235") == set()
    assert _found(county.center, ID_NUMBER[:17] + ("1" if ID_NUMBER[17] != "1" else "2")) == set()


def test_a_number_on_very_many_cases_is_searched_by_subquery_with_the_same_answer(county, person_cases, monkeypatch):
    from fengqiao.cases import list_filters

    expected = _found(county.center, PHONE)
    monkeypatch.setattr(list_filters, "MAX_LISTED_CASES", 1)
    assert list_filters.person_case_ids(person_key(PHONE)) is None
    assert _found(county.center, PHONE) == expected == {person_cases["grid"].pk, person_cases["other_street"].pk}
    assert _found(county.grid_worker, PHONE) == {person_cases["grid"].pk}


# ------------------------------------------------------------------------------------------------ jurisdiction

ROLES = {
    # role attribute on the County fixture -> the cases of hers it may find
    "center": {"grid", "other_street"},
    "admin": {"grid", "other_street"},
    "leader": {"grid", "other_street"},
    "street_center": {"grid"},
    "grid_worker": {"grid"},
    "mediator": {"grid"},
    "handler": {"other_street"},  # the labour bureau leads that case
    "police_handler": set(),
    "counsellor": set(),
}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_role_finds_only_her_cases_in_its_jurisdiction(county, person_cases, role, fresh):
    user = fresh(getattr(county, role))
    expected = {person_cases[k].pk for k in ROLES[role]}
    found = _found(user, "139 5550 1234")
    assert found == expected
    assert found <= set(Case.objects.visible_to(user).values_list("pk", flat=True))
    # the API answers the same, by ?q= and by ?person=
    client = token_client(user)
    for params in ({"q": "139 5550 1234"}, {"person": "+86 13955501234"}):
        response = client.get(CASES_URL, params)
        assert response.status_code == 200
        assert {row["id"] for row in response.json()["results"]} == expected


def test_another_county_and_a_superuser(county, other_county, person_cases, fresh):
    assert _found(fresh(other_county.center), PHONE) == {person_cases["other_county"].pk}
    root = UserFactory(is_superuser=True)
    assert _found(root, PHONE) == {person_cases[k].pk for k in ("grid", "other_street", "other_county")}
    nobody = UserFactory()
    assert _found(nobody, PHONE) == set()
    assert token_client(nobody).get(CASES_URL, {"person": PHONE}).json()["results"] == []


# ------------------------------------------------------------------------------------------------ the page

def test_the_page_replaces_the_number_by_its_key_and_never_shows_it(client, county, person_cases):
    client.force_login(county.center)
    response = client.get(LIST, {"q": "139-5550-1234", "page": "2"})
    assert response.status_code == 302
    assert "13955501234" not in response["Location"] and "5550" not in response["Location"]
    assert f"person={person_key(PHONE).replace(':', '%3A')}" in response["Location"]
    page = client.get(response["Location"])
    html = page.content.decode()
    assert {c.pk for c in page.context["page"].object_list} == {person_cases["grid"].pk, person_cases["other_street"].pk}
    for clear in ("13955501234", "139-5550-1234", "5550", ID_NUMBER, ID_NUMBER[6:14]):
        assert clear not in html
    assert "按当事人电话查找" in html


def test_an_htmx_search_for_a_number_reloads_the_page_by_its_key(client, county, person_cases):
    client.force_login(county.center)
    response = client.get(LIST, {"q": ID_SPELLINGS[2]}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert response.status_code == 200 and response.content == b""
    assert response["HX-Redirect"].startswith(LIST + "?person=id%3A")
    assert ID_NUMBER[6:14] not in response["HX-Redirect"]
    page = client.get(response["HX-Redirect"], HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert {c.pk for c in page.context["page"].object_list} == {person_cases["grid"].pk, person_cases["id_only"].pk}


def test_typing_other_text_replaces_the_person_search(client, county, person_cases):
    client.force_login(county.center)
    key = person_key(PHONE)
    response = client.get(LIST, {"person": key, "q": "另一户"})
    assert response.status_code == 302 and "person" not in response["Location"]
    # a number in clear in ?person= is replaced too; something unreadable is a clear error
    assert client.get(LIST, {"person": "139 5550 1234"})["Location"].endswith(key.replace(":", "%3A"))
    bad = client.get(LIST, {"person": "not-a-number"})
    assert bad.status_code == 400 and "无法识别的电话号码或证件号码" in bad.content.decode()


def test_the_api_refuses_an_unreadable_person_and_shows_no_number(county, person_cases):
    client = token_client(county.center)
    response = client.get(CASES_URL, {"person": "12345"})
    assert response.status_code == 400 and "person" in response.json().get("errors", response.json())
    body = client.get(CASES_URL, {"q": PHONE}).content.decode()
    assert PHONE not in body and ID_NUMBER not in body


# ------------------------------------------------------------------------------------------------ the work-order number

def test_the_work_order_number_on_the_registration_form_and_the_case_page(client, county):
    from fengqiao.cases.tests.test_views_create import _form

    client.force_login(county.center)
    assert 'name="external_ref"' in client.get(reverse("cases:create")).content.decode()
    response = client.post(reverse("cases:create"), _form(county, external_ref="RX-2026-000731"))
    assert response.status_code == 303
    case = Case.objects.get(external_ref="RX-2026-000731")
    assert "RX-2026-000731" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    too_long = client.post(reverse("cases:create"), _form(county, external_ref="X" * 65))
    assert too_long.status_code == 400
