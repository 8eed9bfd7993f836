"""Writing count rows in few statements: an additive upsert for the change of one case, plain inserts for a
rebuild. Both speak the SQL that SQLite (3.24 and later) and PostgreSQL share, so one code path serves both
databases; the ORM's bulk_create would build one model instance per row and cannot add to a column on conflict.

Only the reports app's own tables are written here.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import connection

from fengqiao.reports.models import DailyCount, StateCount
from fengqiao.reports.services.facts import DAILY, DAILY_COLUMNS, STATE, CountKey

KEY_COLUMNS = ("region_path", "depth", "dimension", "value")
DAILY_KEY = (*KEY_COLUMNS, "day")
STATE_KEY = (*KEY_COLUMNS, "state_id", "due_on")
STATE_COLUMNS = ("cases",)
# The columns of each table's unique constraint (the conflict target of the upsert): depth follows from the path.
DAILY_UNIQUE = ("region_path", "dimension", "value", "day")
STATE_UNIQUE = ("region_path", "dimension", "value", "state_id", "due_on")
ROWS_PER_STATEMENT = 500


def table_of(key: CountKey) -> str:
    return DAILY if key[0] == DAILY else STATE


def row_values(key: CountKey, counts: dict[str, int]) -> tuple:
    """The values of one row in column order: its key (its day as a date), then every count column (0 where the
    row has none)."""
    columns = DAILY_COLUMNS if key[0] == DAILY else STATE_COLUMNS
    *fields, day = key[1:]
    return (*fields, as_date(day), *(counts.get(column, 0) for column in columns))


def as_date(value: str | dt.date) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _layout(table: str) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    if table == DAILY:
        return DailyCount._meta.db_table, DAILY_KEY, DAILY_UNIQUE, DAILY_COLUMNS
    return StateCount._meta.db_table, STATE_KEY, STATE_UNIQUE, STATE_COLUMNS


def _chunks(rows: Sequence[tuple], size: int) -> Iterable[Sequence[tuple]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def add_to_rows(table: str, rows: Sequence[tuple]) -> None:
    """Add each row's counts to the row of the same key (`column = column + n`), inserting rows not there yet: one
    `INSERT … ON CONFLICT DO UPDATE` per 500 rows, atomic on both databases whoever else writes the same rows.
    The caller passes rows in one fixed key order, so two writers never wait for each other in opposite orders."""
    _insert(table, rows, add_on_conflict=True)


def insert_rows(table: str, rows: Sequence[tuple]) -> None:
    """Insert new rows (the tables are empty: a rebuild), 500 to a statement."""
    _insert(table, rows, add_on_conflict=False)


def _insert(table: str, rows: Sequence[tuple], *, add_on_conflict: bool) -> None:
    db_table, key, unique, counts = _layout(table)
    quote = connection.ops.quote_name
    columns = (*key, *counts)
    one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    on_conflict = ""
    if add_on_conflict:
        additions = ", ".join(f"{quote(c)} = {quote(db_table)}.{quote(c)} + excluded.{quote(c)}" for c in counts)
        on_conflict = f" ON CONFLICT ({', '.join(quote(c) for c in unique)}) DO UPDATE SET {additions}"
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, ROWS_PER_STATEMENT):
            cursor.execute(
                f"INSERT INTO {quote(db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608 - names from the models
                f"VALUES {', '.join([one_row] * len(chunk))}{on_conflict}",
                [value for row in chunk for value in row],
            )
