"""The core (app/) stays free of the UI layer and of Qt widgets, checked on the source itself."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_core_never_imports_ui_or_qt_widgets() -> None:
    offenders = {
        str(path.relative_to(APP.parent)): sorted(
            m
            for m in imported_modules(path)
            if m == "ui" or m.startswith("ui.") or "QtWidgets" in m
        )
        for path in APP.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
