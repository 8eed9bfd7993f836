"""Requests refused before any view runs get a clear answer in Chinese and English, and nothing is saved:
a form post too big or too many-fielded to read, a broken multipart body, a stale CSRF token, a bad Host."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case

CREATE = reverse("cases:create")


@pytest.fixture
def browser(county) -> Client:
    """A logged-in staff client whose posts must carry a CSRF token, as a real browser's do."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(county.center)
    client.get(CREATE)  # sets the CSRF cookie
    return client


def token(client: Client) -> str:
    return client.cookies["csrftoken"].value


def assert_nothing_saved() -> None:
    assert Case.objects.count() == 0
    assert not AuditEntry.objects.filter(action="case.create").exists()


def test_a_staff_form_post_too_big_to_read_gets_a_page_saying_so(browser, county, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    data = {"csrfmiddlewaretoken": token(browser), "title": "噪音", "narrative": "字" * 400_000}
    response = browser.post(CREATE, data, HTTP_REFERER=f"http://testserver{CREATE}")

    assert response.status_code == 413
    page = response.content.decode()
    assert "提交的内容过大（最多 1 MB）。附件请单独上传。" in page
    assert "没有保存任何内容" in page
    assert f'href="http://testserver{CREATE}"' in page  # back to the form
    assert "Bad Request" not in page
    assert_nothing_saved()


def test_the_same_page_in_english(browser, county, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = browser.post(CREATE, {"csrfmiddlewaretoken": token(browser), "narrative": "字" * 400_000})

    assert response.status_code == 413
    page = response.content.decode()
    assert "提交的内容过大" not in page
    assert "1 MB" in page and "Nothing was saved" in page


def test_a_back_link_never_points_to_another_site(browser, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = browser.post(
        CREATE, {"narrative": "字" * 400_000}, HTTP_REFERER="https://elsewhere.example/phish"
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "elsewhere.example" not in page
    assert 'class="btn" href="/"' in page


def test_too_many_fields_are_refused_with_a_reason(browser, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {f"field{i}": "x" for i in range(20)} | {"csrfmiddlewaretoken": token(browser)}
    response = browser.post(CREATE, data)

    assert response.status_code == 400
    assert "提交的字段或文件过多" in response.content.decode()
    assert_nothing_saved()


def test_a_broken_multipart_body_is_refused_with_a_reason(browser):
    response = browser.generic(
        "POST", CREATE, b"--x\r\nnot a part", content_type="multipart/form-data; boundary="
    )
    assert response.status_code == 400
    assert "提交的数据格式有误" in response.content.decode()
    assert_nothing_saved()


def test_a_form_post_to_the_api_answers_json_in_both_languages(county, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    client = Client()
    response = client.post("/api/v1/cases/", {"narrative": "字" * 400_000})

    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "request_too_large"
    assert body["detail_zh"] == "提交的内容过大（最多 1 MB）。附件请单独上传。"
    assert "1 MB" in body["detail_en"] and body["detail_en"] != body["detail_zh"]
    assert_nothing_saved()


def test_a_post_within_the_limit_still_goes_through(browser, county):
    """The middleware only reads the body: a normal post reaches the view (here: the form's own errors)."""
    response = browser.post(CREATE, {"csrfmiddlewaretoken": token(browser), "title": ""})
    assert response.status_code in (200, 400)
    assert "请填写标题" in response.content.decode() or "请选择" in response.content.decode()


def test_a_stale_csrf_token_gets_a_page_saying_what_to_do(browser):
    response = browser.post(CREATE, {"csrfmiddlewaretoken": "stale" * 8, "title": "噪音"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期" in page and "请刷新页面后重新提交" in page
    assert "CSRF verification failed" not in page
    assert "案件列表" in page  # in the staff pages' frame, with the navigation
    assert_nothing_saved()


def test_a_request_for_an_unknown_host_gets_our_400_page(client):
    response = client.get(reverse("cases:list"), HTTP_HOST="unknown.example")
    assert response.status_code == 400
    assert "请求有误，无法处理。" in response.content.decode()


def test_an_api_request_for_an_unknown_host_gets_json(client):
    response = client.get("/api/v1/cases/", HTTP_HOST="unknown.example")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
