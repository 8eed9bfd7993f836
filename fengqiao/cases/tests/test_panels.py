from django.urls import reverse

from fengqiao.cases import panels
from fengqiao.testing.factories import make_case


def test_registered_panels_appear_on_the_case_page_and_can_hide(client, county, tmp_path, settings):
    (tmp_path / "panel_test.html").write_text("<section id='panel-test'>{{ case.reference }} {{ extra }}</section>")
    # Assigning a new TEMPLATES value (not mutating it) makes Django rebuild its template engines.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    case = make_case(acting_user=county.center, region=county.grid)
    panels.register_case_panel(name="test", template="panel_test.html",
                               context=lambda request, c: {"extra": "附加信息"} if c.pk == case.pk else None)
    try:
        client.force_login(county.center)
        body = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert "panel-test" in body and "附加信息" in body and case.reference in body
        other = make_case(acting_user=county.center, region=county.grid)
        assert "panel-test" not in client.get(reverse("cases:detail", args=[other.pk])).content.decode()
    finally:
        panels._PANELS.pop("test", None)
