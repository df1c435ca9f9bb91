"""The layering rules of house-style.md, enforced."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "operator_app"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
QT_ALLOWED = ("ui/", "app.py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _py_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_qt_is_imported_only_in_the_ui_layer() -> None:
    offenders = []
    for path in _py_files():
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(QT_ALLOWED):
            continue
        if any(name.split(".")[0] in QT_MODULES for name in _imports(path)):
            offenders.append(rel)
    assert offenders == []


def test_core_has_no_database_or_qt() -> None:
    offenders = []
    for path in (PACKAGE / "core").rglob("*.py"):
        roots = {name.split(".")[0] for name in _imports(path)}
        bad = roots & {"sqlalchemy", "sqlmodel", "psycopg", "alembic", *QT_MODULES}
        if bad or any(n.startswith("operator_app.data") for n in _imports(path)):
            offenders.append((path.name, sorted(bad)))
    assert offenders == []


def test_headless_modules_load_without_qt() -> None:
    """Importing every non-UI module (as the CLI and sync do) never loads Qt."""
    modules = [
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
        for p in _py_files()
        if not p.relative_to(PACKAGE).as_posix().startswith(QT_ALLOWED)
        and "migrations" not in p.parts
        and p.name != "__main__.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "leaked = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "print(leaked)\n"
        "sys.exit(1 if leaked else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
