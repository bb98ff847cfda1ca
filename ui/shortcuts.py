"""Window-wide playback keys (unless a text field has focus) and the Keyboard shortcuts dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
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
            Shortcut("Space or K", "Play / pause (Space not while typing)"),
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
            Shortcut("Ctrl+E", "Export this call, the selected or all calls"),
        ),
    ),
)

_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class PlaybackKeys(QObject):
    """Application event filter turning player keys into actions while ``window`` is active."""

    def __init__(self, window: QWidget, actions: dict[int, Callable[[], None]]) -> None:
        super().__init__(window)
        self.window = window
        self.actions = actions

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier):
            return False
        action = self.actions.get(event.key())
        if action is None:
            return False
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not self.window or isinstance(focus, _TEXT_INPUTS):
            return False
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and isinstance(
            focus, QAbstractSlider
        ):
            return False
        action()
        return True


class ShortcutsDialog(QDialog):
    """Lists SHORTCUTS."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setMinimumSize(560, 520)
        layout = QVBoxLayout(self)
        rows = [(group, s) for group, items in SHORTCUTS for s in items]
        table = QTableWidget(len(rows), 3)
        table.setHorizontalHeaderLabels(["Area", "Keys", "Action"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setAccessibleName("Keyboard shortcuts")
        for r, (group, shortcut) in enumerate(rows):
            for c, text in enumerate((group, shortcut.keys, shortcut.description)):
                table.setItem(r, c, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table = table
