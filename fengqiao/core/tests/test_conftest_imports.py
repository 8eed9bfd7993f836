"""Product and test-support code must not import a pytest conftest: conftest modules are pytest's, loaded by
it alone; what tests and test support share lives in fengqiao/testing."""
import ast
from pathlib import Path

import fengqiao

ROOT = Path(fengqiao.__file__).resolve().parent


def _imported_modules(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names += [base, *(f"{base}.{alias.name}" if base else alias.name for alias in node.names)]
    return names


def _outside_tests() -> list[Path]:
    return [path for path in ROOT.rglob("*.py")
            if "tests" not in path.relative_to(ROOT).parts and path.name != "conftest.py"]


def test_no_module_outside_tests_imports_a_conftest():
    modules = _outside_tests()
    assert ROOT / "testing" / "browser.py" in modules  # the scan does reach test-support code
    offenders = sorted(str(path.relative_to(ROOT)) for path in modules
                       if any(name.split(".")[-1] == "conftest" or ".conftest." in f".{name}."
                              for name in _imported_modules(path)))
    assert offenders == []
