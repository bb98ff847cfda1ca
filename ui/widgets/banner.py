"""A slim in-place banner for loading, empty, error and demo states, with optional actions."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.i18n import QT_TRANSLATE_NOOP
from ui.accessibility import RoleProvider, announce, role_changed
from ui.theme import THEME_EVENTS, is_dark


class BannerKind(Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


_KIND_NAMES = {
    BannerKind.INFO: QT_TRANSLATE_NOOP("Banner", "Information"),
    BannerKind.WARNING: QT_TRANSLATE_NOOP("Banner", "Warning"),
    BannerKind.ERROR: QT_TRANSLATE_NOOP("Banner", "Error"),
}

BANNER_COLORS = {
    # light, dark: background, border, text
    BannerKind.INFO: (("#eff6ff", "#bfdbfe", "#1e3a8a"), ("#172554", "#1e40af", "#dbeafe")),
    BannerKind.WARNING: (("#fffbeb", "#fde68a", "#78350f"), ("#422006", "#a16207", "#fef3c7")),
    BannerKind.ERROR: (("#fef2f2", "#fecaca", "#7f1d1d"), ("#450a0a", "#b91c1c", "#fee2e2")),
}


class Banner(QFrame, RoleProvider):
    """A one-line message with up to two buttons; errors and warnings are alerts.

    Each message is announced to screen readers (errors interrupt), and the banner follows
    theme changes while it is shown.

    Signals:
        action_triggered(str): the id of the button the user pressed.
        buttons_changed(): its buttons were replaced (the window re-applies its Tab order).
    """

    action_triggered = Signal(str)
    buttons_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = BannerKind.INFO
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.setSpacing(8)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self._layout = layout
        self.hide()

    def show_message(
        self,
        text: str,
        kind: BannerKind = BannerKind.INFO,
        actions: list[tuple[str, str]] | None = None,
    ) -> None:
        """Show ``text``; ``actions`` are (id, button label) pairs."""
        kind_changed = kind is not self.kind
        self.kind = kind
        self.label.setText(text)
        self.setAccessibleName(QCoreApplication.translate("Banner", _KIND_NAMES[kind]))
        self.setAccessibleDescription(text)
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for action_id, caption in actions or []:
            button = QPushButton(caption)
            button.setToolTip(caption)
            button.setProperty("action_id", action_id)
            button.clicked.connect(self._button_clicked)
            self._layout.addWidget(button)
            self._buttons.append(button)
        self._apply_style()
        self.show()
        if kind_changed:
            role_changed(self)
        announce(self, text, assertive=kind is BannerKind.ERROR)
        self.buttons_changed.emit()

    def accessible_role(self) -> QAccessible.Role:
        if self.kind is BannerKind.INFO:
            return QAccessible.Role.Pane
        return QAccessible.Role.AlertMessage

    def _button_clicked(self) -> None:
        sender = self.sender()
        if sender is not None:
            self.action_triggered.emit(str(sender.property("action_id")))

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def text(self) -> str:
        return self.label.text()

    def event(self, event: QEvent) -> bool:
        if event.type() in THEME_EVENTS:
            self._apply_style()
        return super().event(event)

    def _apply_style(self) -> None:
        # The application palette, not ours: our style sheet sets our own background colour.
        dark = is_dark(QApplication.palette())
        bg, border, fg = BANNER_COLORS[self.kind][1 if dark else 0]
        sheet = (
            f"QFrame#banner {{ background: {bg}; border: 1px solid {border}; border-radius: 6px; }}"
            f"QFrame#banner QLabel {{ color: {fg}; background: transparent; border: none; }}"
        )
        if sheet != self.styleSheet():  # setting it sends StyleChange: do it once
            self.setStyleSheet(sheet)
