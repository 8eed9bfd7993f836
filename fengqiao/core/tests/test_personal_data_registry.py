from django.apps import apps

from fengqiao.core.personal_data import NOT_PERSONAL, PERSONAL_DATA_FIELDS, SUSPECT_NAMES


def test_every_personal_data_field_is_classified():
    missing = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if not model.__module__.startswith("fengqiao.") and label != "accounts.user":
            continue
        for field in model._meta.concrete_fields:
            key = f"{label}.{field.name}"
            suspect = any(s in field.name for s in SUSPECT_NAMES) and key not in NOT_PERSONAL
            if suspect and field.name not in PERSONAL_DATA_FIELDS.get(label, {}):
                missing.append(key)
    assert missing == [], f"classify these in fengqiao/core/personal_data.py: {missing}"


def test_registry_names_real_fields():
    for label, fields in PERSONAL_DATA_FIELDS.items():
        model = apps.get_model(label)
        names = {f.name for f in model._meta.concrete_fields}
        assert set(fields) <= names, label
