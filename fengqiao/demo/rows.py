"""Writing many rows fast: one prepared INSERT per model, run with executemany.

Rows are plain dicts keyed by attribute name (`case_id`, not `case`); a missing field takes its
model default. Values are converted as Django converts them for an insert, but without
`pre_save`, so `auto_now_add` columns keep the historical times the loader gives them.
Only the field types the demo models use get a shortcut (text, numbers, booleans, foreign
keys pass through; date-times are adapted by the backend); every other field goes through its
own `get_db_prep_save`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

PASS_THROUGH = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)


class RowWriter:
    def __init__(self, model: type[models.Model], using: str = DEFAULT_DB_ALIAS) -> None:
        self.connection = connections[using]
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        quote = self.connection.ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - identifiers from the model, values as parameters
            quote(model._meta.db_table), ", ".join(quote(f.column) for f in self.fields), ", ".join(["%s"] * len(self.fields))
        )
        self.columns: list[tuple[str, Any, bool, Callable[[Any], Any] | None]] = []
        for f in self.fields:
            default = f.default if f.has_default() else (None if f.null else f.get_default())
            self.columns.append((f.attname, default, callable(default), self._converter(f)))

    def _converter(self, f: models.Field) -> Callable[[Any], Any] | None:
        if isinstance(f, models.DateTimeField):
            adapt = self.connection.ops.adapt_datetimefield_value
            return lambda v: None if v is None else adapt(v)
        if isinstance(f, PASS_THROUGH):
            return None
        return lambda v, f=f: f.get_db_prep_save(v, self.connection)

    def prepare(self, row: dict[str, Any]) -> list[Any]:
        values = []
        for attname, default, is_callable, convert in self.columns:
            value = row[attname] if attname in row else (default() if is_callable else default)
            values.append(convert(value) if convert else value)
        return values

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        with self.connection.cursor() as cursor:
            cursor.executemany(self.sql, [self.prepare(row) for row in rows])
