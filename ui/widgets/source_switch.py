"""Where the call list comes from: the live API, or the account's library (two toggles)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QButtonGroup, QHBoxLayout, QToolButton, QWidget

from ui.theme import (
    THEME_EVENTS,
    contrast_ratio,
    control_outline,
    focus_ring_color,
    playing_accent,
)

LIVE, LIBRARY = "live", "library"


def chosen_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """The chosen toggle's fill and text: the accent that stands out in this theme (3:1 or
    more against the others; the dark theme's selection blue was 2.6:1), and whichever of
    white or near-black reads best on it."""
    fill = playing_accent(palette)
    text = max((QColor("#ffffff"), QColor("#0b1220")), key=lambda c: contrast_ratio(c, fill))
    return fill, text


def segmented_sheet(palette: QPalette) -> str:
    """Toggles that read as one control, the chosen one filled with the accent.

    Fusion told a checked tool button from the others by a slightly darker grey, and in the
    dark palette the unchecked one looked the pressed one.
    """
    outline, ring = control_outline(palette).name(), focus_ring_color(palette).name()
    fill, text = (c.name() for c in chosen_colors(palette))
    return (
        f"QToolButton {{ border: 1px solid {outline}; background: palette(button); "
        "padding: 2px 7px; }"
        "QToolButton:hover:!checked { background: palette(light); }"
        f"QToolButton:checked {{ background: {fill}; color: {text}; border-color: {fill}; }}"
        f"QToolButton:focus {{ border: 2px solid {ring}; padding: 1px 6px; }}"
        "QToolButton:checked:focus { border-color: palette(text); }"
    )


def apply_segmented(widget: QWidget) -> None:
    # The application palette: a style sheet freezes the widget's own (see ui/theme.py).
    sheet = segmented_sheet(QApplication.palette())
    if sheet != widget.styleSheet():
        widget.setStyleSheet(sheet)


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
        apply_segmented(self)

    def event(self, event: QEvent) -> bool:
        if event.type() in THEME_EVENTS:
            apply_segmented(self)
        return super().event(event)

    def set_mode(self, mode: str) -> None:
        self.buttons[mode].setChecked(True)

    def set_library_available(self, available: bool) -> None:
        button = self.buttons[LIBRARY]
        button.setEnabled(available)
        button.setToolTip(
            self.tr("The calls kept on this computer: any sort, filters, search, offline")
            if available
            else self.tr("No library yet for this account: Sync library (Ctrl+Shift+S) makes one")
        )
