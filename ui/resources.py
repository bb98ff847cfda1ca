"""The bundled icons, read from the installed ``resources`` package, with cached loading."""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap

# QIcon needs a file name, and may read it again when it renders another size. as_file() gives
# the real path when the package is a folder (a wheel install, the PyInstaller bundle, the
# checkout) and an extracted copy otherwise (a zip); keep either until the process exits.
_files = ExitStack()
atexit.register(_files.close)


@cache
def icon_path(name: str) -> str:
    """A file path of the bundled SVG icon ``resources/icons/<name>.svg``."""
    resource = files("resources") / "icons" / f"{name}.svg"
    if not resource.is_file():
        raise FileNotFoundError(f"No bundled icon named {name!r}")
    return str(_files.enter_context(as_file(resource)))


@cache
def icon(name: str) -> QIcon:
    """The bundled SVG icon ``resources/icons/<name>.svg``."""
    return QIcon(icon_path(name))


class _SelectedTintEngine(QIconEngine):
    """Draws an icon as it is, and in one solid colour when its row is selected."""

    def __init__(self, name: str, selected_color: str) -> None:
        super().__init__()
        self.name = name
        self.selected_color = selected_color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        base = icon(self.name).pixmap(size, QIcon.Mode.Normal, state)
        if mode != QIcon.Mode.Selected:
            return icon(self.name).pixmap(size, mode, state)
        tinted = QPixmap(base.size())
        tinted.setDevicePixelRatio(base.devicePixelRatio())
        tinted.fill(Qt.GlobalColor.transparent)
        painter = QPainter(tinted)
        painter.drawPixmap(0, 0, base)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(tinted.rect(), QColor(self.selected_color))
        painter.end()
        return tinted

    def clone(self) -> QIconEngine:
        return _SelectedTintEngine(self.name, self.selected_color)


@cache
def selectable_icon(name: str, selected_color: str = "#ffffff") -> QIcon:
    """``icon(name)`` that stays visible on a selected row: drawn in ``selected_color`` there.

    Qt's default selected-mode pixmap tints the icon with the selection colour itself, so a
    mid-tone icon vanished into the highlight.
    """
    icon_path(name)  # an unknown name fails here, not when painted
    return QIcon(_SelectedTintEngine(name, selected_color))
