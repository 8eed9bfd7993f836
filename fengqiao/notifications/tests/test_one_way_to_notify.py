"""One way to send a notice: apps above the notifications app call its public API
(`fengqiao.notifications.services.notify` / `notify_roles`, kinds from `notifications.choices`); the cases app,
which sits below it, never imports it: its after-commit hook `cases.services.notices.notify_after_commit` publishes
a `NoticeRequested` event (cases.events) and the notifications app subscribes in its `AppConfig.ready()`.
Nobody writes Notification rows or reaches the app's inner modules, and nobody finds it with importlib."""
from __future__ import annotations

import ast
from pathlib import Path

import fengqiao
from fengqiao.cases import events

ROOT = Path(fengqiao.__file__).resolve().parent
PUBLIC = {"fengqiao.notifications.services", "fengqiao.notifications.choices"}


def _product_modules() -> list[Path]:
    return [path for path in ROOT.rglob("*.py")
            if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts) and path.name != "conftest.py"
            and path.relative_to(ROOT).parts[0] not in {"notifications", "config", "testing"}]


def _notification_imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fengqiao.notifications"):
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("fengqiao.notifications")]
    return found


def test_apps_reach_notifications_only_through_its_public_api():
    modules = _product_modules()
    assert ROOT / "mediation" / "services" / "common.py" in modules
    offenders = [f"{path.relative_to(ROOT)}:{line} {module}" for path in modules
                 for line, module in _notification_imports(path) if module not in PUBLIC]
    assert offenders == []


def test_mediation_sends_through_the_public_notify():
    imports = _notification_imports(ROOT / "mediation" / "services" / "common.py")
    assert "fengqiao.notifications.services" in {module for _line, module in imports}


def test_the_cases_app_sends_only_through_its_after_commit_hook():
    # issue 10: not even its hook imports the notifications app; the hook publishes NoticeRequested instead
    senders = [path.relative_to(ROOT) for path in _product_modules()
               if path.relative_to(ROOT).parts[0] == "cases" and _notification_imports(path)]
    assert senders == []
    hook = ROOT / "cases" / "services" / "notices.py"
    assert "events.NoticeRequested(" in hook.read_text(encoding="utf-8")
    assert "notifications-on-notice-requested" in dict(events.subscribers(events.NoticeRequested))
