"""Paths to the bundled resources (icons, recordings) and cached icon loading."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ICONS = RESOURCES / "icons"


@cache
def icon(name: str) -> QIcon:
    """The bundled SVG icon ``resources/icons/<name>.svg``."""
    return QIcon(str(ICONS / f"{name}.svg"))
