"""Playback keys where listening happens (table, transcript, player) and the shortcuts dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
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

from app.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Shortcut:
    keys: str
    description: str


#: Every keyboard shortcut of the window, listed in Help > Keyboard shortcuts (marked for
#: translation in the "Shortcuts" context; the dialog translates them).
SHORTCUTS: tuple[tuple[str, tuple[Shortcut, ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Playback"),
        (
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Space or K"),
                QT_TRANSLATE_NOOP(
                    "Shortcuts", "Play / pause (in the call table, transcript or player)"
                ),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Left / Right"),
                QT_TRANSLATE_NOOP("Shortcuts", "Back / forward 5 seconds"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "J / L"),
                QT_TRANSLATE_NOOP("Shortcuts", "Back / forward 15 seconds"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "[ / ]"),
                QT_TRANSLATE_NOOP("Shortcuts", "Slower / faster"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "M"), QT_TRANSLATE_NOOP("Shortcuts", "Mute / unmute")
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Transcript"),
        (
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+F"),
                QT_TRANSLATE_NOOP("Shortcuts", "Search the transcript"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Enter / Shift+Enter"),
                QT_TRANSLATE_NOOP("Shortcuts", "Next / previous match (in the search field)"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Enter or click"),
                QT_TRANSLATE_NOOP("Shortcuts", "Play from the selected line"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Esc"),
                QT_TRANSLATE_NOOP("Shortcuts", "Close the search"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Up / Down"),
                QT_TRANSLATE_NOOP("Shortcuts", "Move between lines"),
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Calls"),
        (
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Up / Down"),
                QT_TRANSLATE_NOOP("Shortcuts", "Select the previous / next call"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Page Down at the last row"),
                QT_TRANSLATE_NOOP("Shortcuts", "Next page"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Page Up at the first row"),
                QT_TRANSLATE_NOOP("Shortcuts", "Previous page"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Alt+Home / Alt+End"),
                QT_TRANSLATE_NOOP("Shortcuts", "First / last page"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Alt+Page Up / Alt+Page Down"),
                QT_TRANSLATE_NOOP("Shortcuts", "Previous / next page"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "F5"), QT_TRANSLATE_NOOP("Shortcuts", "Refresh")
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+L"),
                QT_TRANSLATE_NOOP("Shortcuts", "Focus the call table"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Alt+V, B"),
                QT_TRANSLATE_NOOP("Shortcuts", "Sort by start time or duration (View > Sort by)"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+E"),
                QT_TRANSLATE_NOOP("Shortcuts", "Export this call, the selected or all calls"),
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Window"),
        (
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Tab / Shift+Tab"),
                QT_TRANSLATE_NOOP("Shortcuts", "Next / previous control"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Space or Enter"),
                QT_TRANSLATE_NOOP("Shortcuts", "Press the focused button or tick the check box"),
            ),
            Shortcut(
                QT_TRANSLATE_NOOP("Shortcuts", "Alt + underlined letter"),
                QT_TRANSLATE_NOOP("Shortcuts", "Open a menu"),
            ),
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
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        rows = [(group, s) for group, items in SHORTCUTS for s in items]
        table = QTableWidget(len(rows), 3)
        table.setHorizontalHeaderLabels([self.tr("Area"), self.tr("Keys"), self.tr("Action")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        for r, (group, shortcut) in enumerate(rows):
            for c, text in enumerate((group, shortcut.keys, shortcut.description)):
                table.setItem(r, c, QTableWidgetItem(QCoreApplication.translate("Shortcuts", text)))
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
