"""Admin pieces every app uses."""
from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ReadOnlyMixin:
    """Rows that change only through their app's services (permission-checked, audited): the admin shows them.
    Put it before the ModelAdmin class it is mixed into (e.g. with audit's AuditedModelAdmin)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """A ModelAdmin that only shows."""
