"""One write path for a case: outside the cases app no module writes Case, CaseEvent or Assignment rows or
reaches into `fengqiao.cases.services.common`; they call the public `fengqiao.cases.services` functions
(case_log_event, case_lock, case_classify, case_care_team_assign, case_assign, case_transition, case_bulk_load...).
Raw writes count too: the cases app's row writer (`fengqiao.cases.rows`), a RowWriter of a case model, a case
model's table name taken from its `_meta`, or SQL that inserts, updates, deletes or copies into a case table.
And no module uses importlib to reach another app: apps import each other's public API directly."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import fengqiao

ROOT = Path(fengqiao.__file__).resolve().parent
CASE_MODELS = {"Case", "CaseEvent", "Assignment"}
CASE_RELATED = {"events", "assignments"}  # related names of CaseEvent and Assignment on Case
WRITES = {"create", "update", "save", "delete", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
# Apps let off the scan: none since the demo loader drives the cases services (case_bulk_load).
KNOWN_EXCEPTIONS: set[str] = set()
RAW_WRITERS = {"fengqiao.cases.rows", "fengqiao.cases.services.bulk_steps"}
CASE_TABLES = r"cases_(?:case|caseevent|assignment)\b"
BULK_CALLS = {"RowWriter", "executemany", "copy", "copy_from", "copy_expert"}  # raw writers of many rows
RAW_SQL = re.compile(rf"\b(?:insert\s+into|update|delete\s+from|copy)\b[^;]*?\b{CASE_TABLES}", re.IGNORECASE | re.DOTALL)


def _product_modules() -> list[Path]:
    paths = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or path.name in {"conftest.py"} or parts[0] == "testing":
            continue
        paths.append(path)
    return paths


def _outside_cases() -> list[Path]:
    return [p for p in _product_modules() if p.relative_to(ROOT).parts[0] not in {"cases", *KNOWN_EXCEPTIONS}]


def _chain(node: ast.AST) -> tuple[str | None, list[str]]:
    """The root name and the attribute names of a call's receiver (`Case.objects.filter(...).update` ->
    ("Case", ["objects", "filter"]))."""
    attrs: list[str] = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            attrs.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id, list(reversed(attrs))
        else:
            return None, list(reversed(attrs))


def _is_case_like(name: str) -> bool:
    return name in {"case", "assignment", "event"} or name.endswith(("_case", "_assignment"))


def case_writes(source: str, filename: str = "<source>") -> list[str]:
    """The lines of `source` that write a Case, CaseEvent or Assignment row or import cases.services.common."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            if any(n == "fengqiao.cases.services.common" for n in names):
                found.append(f"{filename}:{node.lineno} imports cases.services.common")
            if any(n in RAW_WRITERS for n in names):
                found.append(f"{filename}:{node.lineno} imports the cases app's raw row writer")
        elif isinstance(node, ast.Import):
            if any(a.name.startswith("fengqiao.cases.services.common") for a in node.names):
                found.append(f"{filename}:{node.lineno} imports cases.services.common")
            if any(a.name in RAW_WRITERS for a in node.names):
                found.append(f"{filename}:{node.lineno} imports the cases app's raw row writer")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "RowWriter"
              and any(isinstance(a, ast.Name) and a.id in CASE_MODELS for a in node.args)):
            found.append(f"{filename}:{node.lineno} RowWriter of a case model")
        elif (isinstance(node, ast.Attribute) and node.attr == "db_table" and isinstance(node.value, ast.Attribute)
              and node.value.attr == "_meta" and isinstance(node.value.value, ast.Name)
              and node.value.value.id in CASE_MODELS):
            found.append(f"{filename}:{node.lineno} {node.value.value.id}._meta.db_table")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and RAW_SQL.search(node.value):
            found.append(f"{filename}:{node.lineno} SQL writing a case table")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
            root, attrs = _chain(node.func.value)
            if root in CASE_MODELS and attrs[:1] == ["objects"]:
                found.append(f"{filename}:{node.lineno} {root}.objects...{node.func.attr}()")
            elif root and _is_case_like(root) and (not attrs or attrs[-1] == "case" or
                                                   set(attrs) & CASE_RELATED):
                found.append(f"{filename}:{node.lineno} {root}.{'.'.join(attrs + [node.func.attr])}()")
            elif root and attrs and attrs[-1] == "case" and node.func.attr == "save":
                found.append(f"{filename}:{node.lineno} {root}.{'.'.join(attrs)}.save()")
            elif root and attrs and set(attrs) & CASE_RELATED and "case" in attrs:
                found.append(f"{filename}:{node.lineno} {root}.{'.'.join(attrs + [node.func.attr])}()")
    return found


def raw_bulk_writes(source: str, filename: str = "<source>") -> list[str]:
    """In a module that imports Case, CaseEvent or Assignment: the calls of a raw bulk writer (a RowWriter of any
    model, executemany, COPY), which could be writing those rows without the ORM."""
    tree = ast.parse(source, filename=filename)
    if not any(isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fengqiao.cases.models")
               and {a.name for a in node.names} & CASE_MODELS for node in ast.walk(tree)):
        return []
    return [f"{filename}:{node.lineno} {_called(node)}() beside case models" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _called(node) in BULK_CALLS
            and (node.args or _called(node) != "copy")]  # dict.copy() and QueryDict.copy() take no SQL


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _uses_importlib(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(a.name.split(".")[0] == "importlib" for a in node.names)
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").split(".")[0] == "importlib"
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__"


def _importlib_uses(source: str, filename: str) -> list[str]:
    return [f"{filename}:{node.lineno}" for node in ast.walk(ast.parse(source, filename=filename))
            if _uses_importlib(node)]


def test_the_scan_sees_every_kind_of_case_write():
    source = """
from fengqiao.cases.services.common import add_event
import fengqiao.cases.services.common
Case.objects.filter(pk=1).update(state=None)
CaseEvent.objects.create(case=case)
Assignment.objects.create(case=case)
case.save(update_fields=["state"])
event.save(update_fields=["data"])
link.case.save()
case.assignments.filter(status="active").update(status="done")
mediation.case.events.create(kind="note")
from fengqiao.cases.rows import RowWriter
import fengqiao.cases.services.bulk_steps
RowWriter(CaseEvent).write(rows)
cursor.execute(f"INSERT INTO {Case._meta.db_table} (title) VALUES (%s)", ["x"])
cursor.execute("update cases_assignment set status = 'done'")
cursor.execute("COPY cases_caseevent (kind) FROM STDIN")
"""
    assert len(case_writes(source)) == 16
    harmless = """
from fengqiao.cases.services import case_log_event
Case.objects.visible_to(user).filter(pk=1).exists()
followup.save(update_fields=["status"])
Mediation.objects.create(case=case)
case.assignments.filter(status="active").first()
RowWriter(Mediation).write(rows)
cursor.execute("SELECT id FROM cases_case WHERE state_id = %s", [1])
from fengqiao.cases.services import case_bulk_load
"""
    assert case_writes(harmless) == []


def test_the_scan_sees_a_bulk_writer_beside_the_case_models():
    loader = """
from fengqiao.cases.models import Case, CaseEvent
from fengqiao.demo.rows import RowWriter
writers = {model: RowWriter(model) for model in (Case, CaseEvent)}
cursor.executemany(sql, rows)
data = request.POST.copy()
"""
    assert len(raw_bulk_writes(loader)) == 2
    assert raw_bulk_writes(loader.replace("Case, CaseEvent", "Category")) == []


def test_only_the_cases_app_writes_case_rows():
    modules = _outside_cases()
    assert ROOT / "triage" / "services" / "feedback.py" in modules  # the scan reaches the other apps
    offenders = [hit for path in modules for scan in (case_writes, raw_bulk_writes)
                 for hit in scan(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert offenders == []


def test_the_demo_app_is_scanned_like_every_other():
    # The demo loader was let off until issue 10 moved it onto the cases services (case_bulk_load)
    assert not KNOWN_EXCEPTIONS
    assert ROOT / "demo" / "management" / "commands" / "demo.py" in _outside_cases()


def test_no_module_uses_importlib_to_reach_another_app():
    offenders = [hit for path in _product_modules()
                 for hit in _importlib_uses(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert offenders == []
