"""Where the call list comes from: the live API, or the account's library (two toggles)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

LIVE, LIBRARY = "live", "library"


class SourceSwitch(QWidget):
    """*Live API* or *Library*; the library is off until the account has one.

    Signals:
        mode_chosen(str): "live" or "library", picked by the user.
    """

    mode_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        for mode, text, tip, name in (
            (LIVE, self.tr("Live API"),
             self.tr("The API's list, as it is now (sorted by start or duration only)"),
             self.tr("Show the Live API")),
            (LIBRARY, self.tr("Library"),
             self.tr("The calls kept on this computer: any sort, filters, search, offline"),
             self.tr("Show the Library")),
        ):  # fmt: skip
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setToolTip(tip)
            button.setAccessibleName(name)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _c=False, m=mode: self.mode_chosen.emit(m))
            self.group.addButton(button)
            self.buttons[mode] = button
            layout.addWidget(button)

    def set_mode(self, mode: str) -> None:
        self.buttons[mode].setChecked(True)

    def set_library_available(self, available: bool) -> None:
        button = self.buttons[LIBRARY]
        button.setEnabled(available)
        button.setToolTip(
            self.tr("The calls kept on this computer: any sort, filters, search, offline")
            if available
            else self.tr("No library yet for this account: Library > Sync library makes one")
        )
