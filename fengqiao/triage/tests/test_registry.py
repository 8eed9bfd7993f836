"""The model registry: one active model per kind, activation and rollback with audit rows, retraining from the
platform's own labels (with a clear message when there are too few), and triage using the active model."""
from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Category
from fengqiao.core.errors import ValidationFailed
from fengqiao.testing.factories import UserFactory
from fengqiao.triage.models import ModelVersion, TriageLabel, TriageResult
from fengqiao.triage.services import model_activate, model_retrain, model_rollback, model_train
from fengqiao.triage.tests.test_commands import TOPICS, rows


def _train(activate: bool = False) -> ModelVersion:
    data = rows(6)
    outcome = model_train(kind="category", texts=[f"{a}\n{b}" for a, b, _ in data], labels=[c for *_, c in data],
                          activate=activate)
    return outcome.model


@pytest.mark.django_db
def test_activate_and_roll_back_with_audit_rows():
    first = _train(activate=True)
    second = _train()
    assert (first.version, second.version) == (1, 2) and first.is_active and not second.is_active
    model_activate(model=second, acting_user=None)
    first.refresh_from_db()
    assert not first.is_active and ModelVersion.objects.get(is_active=True) == second
    back = model_rollback(kind="category", acting_user=None)
    assert back == first and ModelVersion.objects.get(is_active=True).pk == first.pk
    actions = list(AuditEntry.objects.filter(object_type="triage.modelversion").values_list("action", flat=True))
    assert actions.count("triage.model_activate") == 2 and "triage.model_rollback" in actions


@pytest.mark.django_db
def test_one_active_model_per_kind_is_enforced_by_the_database():
    first, second = _train(activate=True), _train()
    with pytest.raises(IntegrityError), transaction.atomic():
        ModelVersion.objects.filter(pk=second.pk).update(is_active=True)
    assert ModelVersion.objects.filter(is_active=True).get() == first


@pytest.mark.django_db
def test_rollback_without_an_earlier_version_is_refused():
    _train(activate=True)
    with pytest.raises(ValidationFailed, match="没有可以回退"):
        model_rollback(kind="category", acting_user=None)


def test_triage_uses_the_active_model(county, triaged):
    model = _train(activate=True)
    Category.objects.get_or_create(code="transport", defaults={"name": "交通运输"})
    case = triaged(acting_user=county.center, region=county.grid, title="公交线路班次太少",
                   narrative="公交线路班次太少，请有关部门尽快处理。")
    result = TriageResult.objects.get(case=case)
    assert result.category_source == "model" and result.category.name == "交通运输"
    assert result.category_model == model and result.model_versions["category"] == "v1"
    assert 0 < result.category_confidence <= 1


def test_retrain_with_too_few_labels_says_what_is_missing(county, triaged):
    with pytest.raises(ValidationFailed) as caught:
        model_retrain(acting_user=None)
    assert "已标注的案件不足" in str(caught.value.message) and "目前有 0 件" in str(caught.value.message)


def test_retrain_from_staff_labels(county, settings, django_capture_on_commit_callbacks):
    from fengqiao.testing.factories import make_case
    from fengqiao.triage.services import triage_feedback

    settings.TRIAGE_MIN_RETRAIN_LABELS = 12
    categories = {name: Category.objects.get_or_create(name=name, defaults={"code": f"c{i}"})[0]
                  for i, name in enumerate(TOPICS)}
    for title, narrative, label in rows(4):
        case = make_case(acting_user=county.center, region=county.grid, title=title, narrative=narrative)
        triage_feedback(case=case, field="category", chosen=categories[label].code, acting_user=county.center)
    assert TriageLabel.objects.count() == 12
    outcome = model_retrain(acting_user=county.admin, activate=True)
    assert outcome.model.is_active and outcome.model.training_summary["n"] == 12
    assert set(outcome.counts) == set(TOPICS)
    assert AuditEntry.objects.filter(action="triage.model_register", actor=county.admin).exists()


def test_the_admin_activates_rolls_back_and_retrains(county, client):
    root = UserFactory(is_superuser=True, is_staff=True)
    first, second = _train(activate=True), _train()
    client.force_login(root)
    changelist = reverse("admin:triage_modelversion_changelist")
    assert client.get(changelist).status_code == 200
    client.post(changelist, {"action": "activate_selected", "_selected_action": [second.pk]})
    assert ModelVersion.objects.get(is_active=True) == second
    client.post(changelist, {"action": "roll_back", "_selected_action": [second.pk]})
    assert ModelVersion.objects.get(is_active=True) == first
    response = client.post(reverse("admin:triage_modelversion_retrain"), follow=True)
    assert "已标注的案件不足" in response.content.decode()
    for name in ("triage_triageresult", "triage_triagelabel", "triage_routingrulechange", "triage_categorysetting"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
