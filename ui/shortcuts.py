"""Playback keys where listening happens (table, transcript, player) and the shortcuts dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Shortcut:
    keys: str
    description: str


#: Every keyboard shortcut of the window, listed in Help > Keyboard shortcuts.
SHORTCUTS: tuple[tuple[str, tuple[Shortcut, ...]], ...] = (
    (
        "Playback",
        (
            Shortcut("Space or K", "Play / pause (in the call table, transcript or player)"),
            Shortcut("Left / Right", "Back / forward 5 seconds"),
            Shortcut("J / L", "Back / forward 15 seconds"),
            Shortcut("[ / ]", "Slower / faster"),
            Shortcut("M", "Mute / unmute"),
        ),
    ),
    (
        "Transcript",
        (
            Shortcut("Ctrl+F", "Search the transcript"),
            Shortcut("Enter / Shift+Enter", "Next / previous match (in the search field)"),
            Shortcut("Enter or click", "Play from the selected line"),
            Shortcut("Esc", "Close the search"),
            Shortcut("Up / Down", "Move between lines"),
        ),
    ),
    (
        "Calls",
        (
            Shortcut("Up / Down", "Select the previous / next call"),
            Shortcut("Page Down at the last row", "Next page"),
            Shortcut("Page Up at the first row", "Previous page"),
            Shortcut("Alt+Home / Alt+End", "First / last page"),
            Shortcut("Alt+Page Up / Alt+Page Down", "Previous / next page"),
            Shortcut("F5", "Refresh"),
            Shortcut("Ctrl+L", "Focus the call table"),
            Shortcut("Alt+V, B", "Sort by start time or duration (View > Sort by)"),
            Shortcut("Ctrl+E", "Export this call, the selected or all calls"),
        ),
    ),
    (
        "Window",
        (
            Shortcut("Tab / Shift+Tab", "Next / previous control"),
            Shortcut("Space or Enter", "Press the focused button or tick the check box"),
            Shortcut("Alt + underlined letter", "Open a menu"),
        ),
    ),
)

_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class PlaybackKeys(QObject):
    """Application event filter turning player keys into actions inside ``scopes``.

    Playback keys apply only while the focus is in one of ``scopes`` (the call table, the
    transcript, the player): elsewhere Space and Enter press the focused button. Inside them,
    text fields keep their keys, buttons keep Space, and sliders keep Left and Right.
    """

    def __init__(
        self, window: QWidget, actions: dict[int, Callable[[], None]], scopes: list[QWidget]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.actions = actions
        self.scopes = scopes

    def applies_to(self, focus: QWidget | None) -> bool:
        if focus is None or focus.window() is not self.window:
            return False
        return any(scope is focus or scope.isAncestorOf(focus) for scope in self.scopes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier):
            return False
        action = self.actions.get(event.key())
        if action is None:
            return False
        focus = QApplication.focusWidget()
        if watched is not focus or not self.applies_to(focus) or isinstance(focus, _TEXT_INPUTS):
            return False
        key = event.key()
        if key == Qt.Key.Key_Space and isinstance(focus, QAbstractButton):
            return False
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and isinstance(focus, QAbstractSlider):
            return False
        action()
        return True


class ShortcutsDialog(QDialog):
    """Lists SHORTCUTS, sized so that every row shows without scrolling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        rows = [(group, s) for group, items in SHORTCUTS for s in items]
        table = QTableWidget(len(rows), 3)
        table.setHorizontalHeaderLabels(["Area", "Keys", "Action"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.setAccessibleName("Keyboard shortcuts")
        for r, (group, shortcut) in enumerate(rows):
            for c, text in enumerate((group, shortcut.keys, shortcut.description)):
                table.setItem(r, c, QTableWidgetItem(text))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.resizeRowsToContents()
        frame = 2 * table.frameWidth()
        width = header.length() + frame + 8
        height = header.sizeHint().height() + table.verticalHeader().length() + frame
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:  # leave room for the title bar and the Close button
            height = min(height, screen.height() - 140)
            width = min(width, screen.width() - 80)
        table.setMinimumSize(width, height)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table = table
