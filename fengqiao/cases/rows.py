"""Writing many rows fast: COPY on PostgreSQL, one prepared INSERT run with executemany elsewhere.

Rows are plain dicts keyed by attribute name (`case_id`, not `case`); a missing field takes its
model default. Values are converted as Django converts them for an insert, but without
`pre_save`, so `auto_now_add` columns keep the historical times the loader gives them.
Only the field types the demo models use get a shortcut (text, numbers, booleans, foreign
keys pass through; date-times are adapted by the backend); every other field goes through its
own `get_db_prep_save`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models

MISSING = object()
PASS_THROUGH = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)


class RowWriter:
    def __init__(self, model: type[models.Model], using: str = DEFAULT_DB_ALIAS) -> None:
        self.connection = connections[using]
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        quote = self.connection.ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - identifiers from the model, values as parameters
            quote(model._meta.db_table), ", ".join(quote(f.column) for f in self.fields), ", ".join(["%s"] * len(self.fields))
        )
        self.copy_sql = "COPY {} ({}) FROM STDIN".format(
            quote(model._meta.db_table), ", ".join(quote(f.column) for f in self.fields)
        )
        self.columns: list[tuple[str, Any, bool, Callable[[Any], Any] | None]] = []
        for f in self.fields:
            default = f.default if f.has_default() else (None if f.null else f.get_default())
            self.columns.append((f.attname, default, callable(default), self._converter(f)))

    def _converter(self, f: models.Field) -> Callable[[Any], Any] | None:
        if isinstance(f, models.DateTimeField):
            if self.connection.vendor == "sqlite" and settings.USE_TZ and self.connection.timezone == dt.UTC:
                # what the SQLite backend's adapt_datetimefield_value does for an aware value, minus its checks
                return lambda v: str(v.astimezone(dt.UTC).replace(tzinfo=None))
            return self.connection.ops.adapt_datetimefield_value
        if isinstance(f, PASS_THROUGH):
            return None
        return lambda v, f=f: f.get_db_prep_save(v, self.connection)

    def prepare(self, row: dict[str, Any]) -> list[Any]:
        values = []
        for attname, default, is_callable, convert in self.columns:
            value = row.get(attname, MISSING)
            if value is MISSING:
                value = default() if is_callable else default
            values.append(value if convert is None or value is None else convert(value))
        return values

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                # COPY is several times faster than INSERT for bulk loads; psycopg adapts each value
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in rows:
                        copy.write_row(self.prepare(row))
            else:
                cursor.executemany(self.sql, [self.prepare(row) for row in rows])
