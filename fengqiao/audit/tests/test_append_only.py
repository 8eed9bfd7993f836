import pytest
from django.db import DatabaseError, connection, transaction

from fengqiao.audit.models import AppendOnlyError, AuditEntry
from fengqiao.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_audit_rows_cannot_be_changed_or_deleted_by_the_application():
    entry = audit_record(actor=None, action="test.event", object_type="x", object_id=1, after={"a": 1})
    entry.action = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_the_database_refuses_a_raw_update():
    entry = audit_record(actor=None, action="test.event", object_type="x", object_id=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'x' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.event"


def test_snapshots_are_masked_and_line_breaks_escaped():
    entry = audit_record(actor=None, action="test.event", object_type="x", object_id=1,
                         after={"note": "电话13812345678\r\n伪造行", "id": "330106198001011234"})
    assert entry.after["note"] == "电话138****5678\\r\\n伪造行"
    assert "8001011" not in entry.after["id"]


def test_the_database_refuses_a_raw_delete_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("DELETE is refused by a trigger on PostgreSQL only (SQLite test databases must be flushable)")
    entry = audit_record(actor=None, action="test.event", object_type="x", object_id=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
