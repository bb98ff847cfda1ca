"""The keyboard way to sort calls: a *Sort by* menu, and a tool button that shows the sort."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.i18n import QT_TRANSLATE_NOOP

#: How each sort field reads, and its two orders (descending first); translated when shown.
_FIELDS: dict[str, tuple[str, str, str]] = {
    "started_at": (
        QT_TRANSLATE_NOOP("SortMenu", "Started"),
        QT_TRANSLATE_NOOP("SortMenu", "newest first"),
        QT_TRANSLATE_NOOP("SortMenu", "oldest first"),
    ),
    "duration_seconds": (
        QT_TRANSLATE_NOOP("SortMenu", "Duration"),
        QT_TRANSLATE_NOOP("SortMenu", "longest first"),
        QT_TRANSLATE_NOOP("SortMenu", "shortest first"),
    ),
    "caller_id": (
        QT_TRANSLATE_NOOP("SortMenu", "Caller"),
        QT_TRANSLATE_NOOP("SortMenu", "Z to A"),
        QT_TRANSLATE_NOOP("SortMenu", "A to Z"),
    ),
    "channel": (
        QT_TRANSLATE_NOOP("SortMenu", "Channel"),
        QT_TRANSLATE_NOOP("SortMenu", "Z to A"),
        QT_TRANSLATE_NOOP("SortMenu", "A to Z"),
    ),
    "status": (
        QT_TRANSLATE_NOOP("SortMenu", "Status"),
        QT_TRANSLATE_NOOP("SortMenu", "Z to A"),
        QT_TRANSLATE_NOOP("SortMenu", "A to Z"),
    ),
    "language": (
        QT_TRANSLATE_NOOP("SortMenu", "Language"),
        QT_TRANSLATE_NOOP("SortMenu", "Z to A"),
        QT_TRANSLATE_NOOP("SortMenu", "A to Z"),
    ),
    "requester_id": (
        QT_TRANSLATE_NOOP("SortMenu", "Requester"),
        QT_TRANSLATE_NOOP("SortMenu", "highest first"),
        QT_TRANSLATE_NOOP("SortMenu", "lowest first"),
    ),
    "tickets_created": (
        QT_TRANSLATE_NOOP("SortMenu", "Tickets"),
        QT_TRANSLATE_NOOP("SortMenu", "highest first"),
        QT_TRANSLATE_NOOP("SortMenu", "lowest first"),
    ),
    "authenticated": (
        QT_TRANSLATE_NOOP("SortMenu", "Authenticated"),
        QT_TRANSLATE_NOOP("SortMenu", "yes first"),
        QT_TRANSLATE_NOOP("SortMenu", "no first"),
    ),
}
#: (sort_by, sort_order, label in English) for every order the API offers; the library offers
#: all. ``sort_label`` gives the label translated.
SORT_OPTIONS: tuple[tuple[str, str, str], ...] = tuple(
    (field, order, f"{name}, {words}")
    for field, (name, desc, asc) in _FIELDS.items()
    for order, words in (("desc", desc), ("asc", asc))
)
API_SORT_OPTIONS = tuple(o for o in SORT_OPTIONS if o[0] in ("started_at", "duration_seconds"))
#: Said whenever calls are sorted by duration: those still in progress have none yet.
LIVE_NOTE = QT_TRANSLATE_NOOP("SortMenu", "calls in progress last")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SortMenu", text)


def sort_label(sort_by: str, sort_order: str) -> str:
    """``Started, newest first`` (``Début, plus récents d'abord``)."""
    if sort_by not in _FIELDS:
        return f"{sort_by} {sort_order}"
    name, desc, asc = _FIELDS[sort_by]
    return QCoreApplication.translate("SortMenu", "{field}, {order}").format(
        field=_tr(name), order=_tr(desc if sort_order == "desc" else asc)
    )


def describe_sort(sort_by: str, sort_order: str) -> str:
    """``Duration, longest first (calls in progress last)`` and the like."""
    label = sort_label(sort_by, sort_order)
    if sort_by != "duration_seconds":
        return label
    return QCoreApplication.translate("SortMenu", "{sort} ({note})").format(
        sort=label, note=_tr(LIVE_NOTE)
    )


class SortMenu(QMenu):
    """One checkable entry per order.

    Signals:
        sort_chosen(str, str): sort_by and sort_order the user picked.
    """

    sort_chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("SortMenu", "Sort &by"), parent)
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
        for field, order, _english in SORT_OPTIONS:
            if field not in fields:
                continue
            action = QAction(sort_label(field, order), self, checkable=True)
            if field == "duration_seconds":
                action.setToolTip(self.tr("Calls in progress have no duration yet: they come last"))
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
        self.setToolTip(
            self.tr("Sort all calls (the API by start time or duration, the library by any)")
        )

    def set_current(self, sort_by: str, sort_order: str) -> None:
        self.setText(self.tr("Sort: {sort}").format(sort=sort_label(sort_by, sort_order)))
        self.setAccessibleDescription(describe_sort(sort_by, sort_order))
