"""A slim in-place banner for loading, empty, error and demo states, with optional actions."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class BannerKind(Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


_STYLES = {
    # light, dark: background, border, text
    BannerKind.INFO: (("#eff6ff", "#bfdbfe", "#1e3a8a"), ("#172554", "#1e40af", "#dbeafe")),
    BannerKind.WARNING: (("#fffbeb", "#fde68a", "#78350f"), ("#422006", "#a16207", "#fef3c7")),
    BannerKind.ERROR: (("#fef2f2", "#fecaca", "#7f1d1d"), ("#450a0a", "#b91c1c", "#fee2e2")),
}


class Banner(QFrame):
    """A one-line message with up to two buttons.

    Signals:
        action_triggered(str): the id of the button the user pressed.
    """

    action_triggered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.setSpacing(8)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self._layout = layout
        self.kind = BannerKind.INFO
        self.hide()

    def show_message(
        self,
        text: str,
        kind: BannerKind = BannerKind.INFO,
        actions: list[tuple[str, str]] | None = None,
    ) -> None:
        """Show ``text``; ``actions`` are (id, button label) pairs."""
        self.kind = kind
        self.label.setText(text)
        self.setAccessibleName(f"{kind.value} message")
        self.setAccessibleDescription(text)
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for action_id, caption in actions or []:
            button = QPushButton(caption)
            button.setAccessibleName(caption)
            button.setToolTip(caption)
            button.setProperty("action_id", action_id)
            button.clicked.connect(self._button_clicked)
            self._layout.addWidget(button)
            self._buttons.append(button)
        self._apply_style()
        self.show()

    def _button_clicked(self) -> None:
        sender = self.sender()
        if sender is not None:
            self.action_triggered.emit(str(sender.property("action_id")))

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def text(self) -> str:
        return self.label.text()

    def _apply_style(self) -> None:
        dark = self.palette().color(self.backgroundRole()).lightness() < 128
        bg, border, fg = _STYLES[self.kind][1 if dark else 0]
        self.setStyleSheet(
            f"QFrame#banner {{ background: {bg}; border: 1px solid {border}; border-radius: 6px; }}"
            f"QFrame#banner QLabel {{ color: {fg}; background: transparent; border: none; }}"
        )
