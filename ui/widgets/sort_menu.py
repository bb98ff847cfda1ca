"""The keyboard way to sort calls: a *Sort by* menu, and a tool button that shows the sort."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

#: How each sort field reads, and its two orders (descending first).
_FIELDS: dict[str, tuple[str, str, str]] = {
    "started_at": ("Started", "newest first", "oldest first"),
    "duration_seconds": ("Duration", "longest first", "shortest first"),
    "caller_id": ("Caller", "Z to A", "A to Z"),
    "channel": ("Channel", "Z to A", "A to Z"),
    "status": ("Status", "Z to A", "A to Z"),
    "language": ("Language", "Z to A", "A to Z"),
    "requester_id": ("Requester", "highest first", "lowest first"),
    "tickets_created": ("Tickets", "highest first", "lowest first"),
    "authenticated": ("Authenticated", "yes first", "no first"),
}
#: (sort_by, sort_order, label) for every order the API offers; the library offers all.
SORT_OPTIONS: tuple[tuple[str, str, str], ...] = tuple(
    (field, order, f"{name}, {words}")
    for field, (name, desc, asc) in _FIELDS.items()
    for order, words in (("desc", desc), ("asc", asc))
)
API_SORT_OPTIONS = tuple(o for o in SORT_OPTIONS if o[0] in ("started_at", "duration_seconds"))
#: Said whenever calls are sorted by duration: those still in progress have none yet.
LIVE_NOTE = "calls in progress last"


def sort_label(sort_by: str, sort_order: str) -> str:
    return next(
        (text for field, order, text in SORT_OPTIONS if (field, order) == (sort_by, sort_order)),
        f"{sort_by} {sort_order}",
    )


def describe_sort(sort_by: str, sort_order: str) -> str:
    """``Duration, longest first (calls in progress last)`` and the like."""
    label = sort_label(sort_by, sort_order)
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
        self._group = QActionGroup(self)
        self.sort_actions: dict[tuple[str, str], QAction] = {}
        self.set_fields(frozenset(f for f, _o, _t in API_SORT_OPTIONS))

    def set_fields(self, fields: frozenset[str]) -> None:
        """Offer the orders of these fields (the current source's sortable columns)."""
        for action in self.sort_actions.values():
            self._group.removeAction(action)
            self.removeAction(action)
            action.deleteLater()
        self.sort_actions.clear()
        for field, order, text in SORT_OPTIONS:
            if field not in fields:
                continue
            action = QAction(text, self, checkable=True)
            if field == "duration_seconds":
                action.setToolTip("Calls in progress have no duration yet: they come last")
            action.triggered.connect(lambda _c=False, f=field, o=order: self.sort_chosen.emit(f, o))
            self._group.addAction(action)
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
        self.setToolTip("Sort all calls (the API by start time or duration, the library by any)")

    def set_current(self, sort_by: str, sort_order: str) -> None:
        self.setText(f"Sort: {sort_label(sort_by, sort_order)}")
        self.setAccessibleDescription(describe_sort(sort_by, sort_order))
