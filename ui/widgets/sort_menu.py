"""The keyboard way to sort calls: a *Sort by* menu, and a tool button that shows the sort."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

#: (sort_by, sort_order, label) for every order the server offers.
SORT_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("started_at", "desc", "Started, newest first"),
    ("started_at", "asc", "Started, oldest first"),
    ("duration_seconds", "desc", "Duration, longest first"),
    ("duration_seconds", "asc", "Duration, shortest first"),
)
#: Said whenever calls are sorted by duration: those still in progress have none yet.
LIVE_NOTE = "calls in progress last"


def describe_sort(sort_by: str, sort_order: str) -> str:
    """``Duration, longest first (calls in progress last)`` and the like."""
    label = next(
        (text for field, order, text in SORT_OPTIONS if (field, order) == (sort_by, sort_order)),
        f"{sort_by} {sort_order}",
    )
    return f"{label} ({LIVE_NOTE})" if sort_by == "duration_seconds" else label


class SortMenu(QMenu):
    """One checkable entry per order.

    Signals:
        sort_chosen(str, str): sort_by and sort_order the user picked.
    """

    sort_chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Sort &by", parent)
        self.setToolTipsVisible(True)
        group = QActionGroup(self)
        self.sort_actions: dict[tuple[str, str], QAction] = {}
        for field, order, text in SORT_OPTIONS:
            action = QAction(text, self, checkable=True)
            if field == "duration_seconds":
                action.setToolTip("Calls in progress have no duration yet: they come last")
            action.triggered.connect(lambda _c=False, f=field, o=order: self.sort_chosen.emit(f, o))
            group.addAction(action)
            self.addAction(action)
            self.sort_actions[(field, order)] = action

    def set_current(self, sort_by: str, sort_order: str) -> None:
        action = self.sort_actions.get((sort_by, sort_order))
        if action is not None:
            action.setChecked(True)


class SortButton(QToolButton):
    """Shows the current sort ("Sort: Started, newest first") and opens the menu."""

    def __init__(self, menu: SortMenu, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMenu(menu)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setToolTip("Sort all calls (the server sorts by start time or duration)")

    def set_current(self, sort_by: str, sort_order: str) -> None:
        label = next((t for f, o, t in SORT_OPTIONS if (f, o) == (sort_by, sort_order)), sort_by)
        self.setText(f"Sort: {label}")
        self.setAccessibleDescription(describe_sort(sort_by, sort_order))
