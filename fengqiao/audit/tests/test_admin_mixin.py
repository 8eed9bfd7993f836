"""The audited admin keeps what one request saw on that request: the ModelAdmin is shared by every thread."""
import pytest
from django.contrib import admin
from django.test import RequestFactory

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Category
from fengqiao.testing.factories import UserFactory


def _admin_edit(model_admin, user, category, new_name):
    """One admin change request up to its save: the form bound and cleaned, the object not yet written."""
    request = RequestFactory().post("/admin/")
    request.user = user
    form_class = model_admin.get_form(request, category, change=True)
    form = form_class({"code": category.code, "name": new_name, "parent": "", "is_active": "on"}, instance=category)
    assert form.is_valid(), form.errors
    return request, form, form.save(commit=False)


@pytest.mark.django_db
def test_two_interleaved_admin_saves_each_audit_their_own_before_snapshot():
    root = UserFactory(is_superuser=True, is_staff=True)
    first = Category.objects.create(code="audit-first", name="甲类")
    second = Category.objects.create(code="audit-second", name="乙类")
    model_admin = admin.site._registry[Category]

    request_1, form_1, obj_1 = _admin_edit(model_admin, root, first, "甲类（改）")
    request_2, form_2, obj_2 = _admin_edit(model_admin, root, second, "乙类（改）")
    # Two threads of one worker: both save their object, then both save the related rows and write the audit.
    model_admin.save_model(request_1, obj_1, form_1, True)
    model_admin.save_model(request_2, obj_2, form_2, True)
    model_admin.save_related(request_1, form_1, [], True)
    model_admin.save_related(request_2, form_2, [], True)

    entries = {e.object_id: e for e in AuditEntry.objects.filter(action="admin.category.change")}
    assert entries[str(first.pk)].before["name"] == "甲类" and entries[str(first.pk)].after["name"] == "甲类（改）"
    assert entries[str(second.pk)].before["name"] == "乙类" and entries[str(second.pk)].after["name"] == "乙类（改）"
    assert not any(name.startswith("_saved") for name in vars(model_admin))  # nothing per request on the shared admin


@pytest.mark.django_db
def test_an_admin_create_is_audited_without_a_before_snapshot():
    root = UserFactory(is_superuser=True, is_staff=True)
    model_admin = admin.site._registry[Category]
    request = RequestFactory().post("/admin/")
    request.user = root
    form = model_admin.get_form(request, None, change=False)({"code": "audit-new", "name": "丙类", "is_active": "on"})
    assert form.is_valid(), form.errors
    obj = form.save(commit=False)
    model_admin.save_model(request, obj, form, False)
    model_admin.save_related(request, form, [], False)
    entry = AuditEntry.objects.get(action="admin.category.create", object_id=str(obj.pk))
    assert entry.before is None and entry.after["name"] == "丙类"
