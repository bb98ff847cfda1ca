"""Table model over one page of calls: a thin adapter; new pages reset it, live changes update
the rows they touch (keyed by call id), so selection and scroll survive them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon

from app.formatting import (
    CHANNEL_LABELS,
    REVIEW_LABELS,
    STATUS_LABELS,
    format_duration,
    format_local_time,
    label,
)
from app.models import CallSummary
from ui.resources import selectable_icon

CallRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    STARTED = 0
    CALLER = 1
    CHANNEL = 2
    STATUS = 3
    DURATION = 4
    LANGUAGE = 5
    REQUESTER = 6
    TICKETS = 7
    AUTHENTICATED = 8
    REVIEW = 9


@dataclass(frozen=True)
class ColumnSpec:
    title: str
    sort_field: str  # the CallQuery.sort_by of this column (a source may not sort by it)
    tooltip: str


COLUMNS: dict[Column, ColumnSpec] = {
    Column.STARTED: ColumnSpec("Started", "started_at", "When the call started (local time)"),
    Column.CALLER: ColumnSpec("Caller", "caller_id", "Caller id: phone number or e-mail"),
    Column.CHANNEL: ColumnSpec("Channel", "channel", "Phone, mobile app or web widget"),
    Column.STATUS: ColumnSpec(
        "Status", "status", "Active, completed, escalated, failed or abandoned"
    ),
    Column.DURATION: ColumnSpec("Duration", "duration_seconds", "Length of the call (m:ss)"),
    Column.LANGUAGE: ColumnSpec("Language", "language", "Language of the conversation"),
    Column.REQUESTER: ColumnSpec("Requester", "requester_id", "Id of the identified requester"),
    Column.TICKETS: ColumnSpec("Tickets", "tickets_created", "Tickets created during the call"),
    Column.AUTHENTICATED: ColumnSpec(
        "Auth.", "authenticated", "Whether the caller was authenticated"
    ),
    Column.REVIEW: ColumnSpec(
        "Review", "review_status", "Unreviewed, in review (notes or a draft) or reviewed"
    ),
}

#: What the Aurion API sorts by; the library sorts by every column.
API_SORT_FIELDS = frozenset({"started_at", "duration_seconds"})


def column_for_sort_field(sort_by: str) -> Column:
    return next(c for c, spec in COLUMNS.items() if spec.sort_field == sort_by)


class CallTableModel(QAbstractTableModel):
    """Rows are the calls of the page on screen; sorting is the server's, not the model's."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._calls: list[CallSummary] = []
        self._icons: dict[str, QIcon] = {}
        #: The sort fields the current source offers (its columns show a sort arrow).
        self.sortable: frozenset[str] = API_SORT_FIELDS
        #: Call id → review status, as the review records say (unknown: unreviewed).
        self.review_statuses: dict[str, str] = {}

    # -- Qt overrides ----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._calls)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        spec = COLUMNS[Column(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.title
        if role == Qt.ItemDataRole.ToolTipRole:
            if spec.sort_field in self.sortable:
                return f"{spec.tooltip}. Click (or use View > Sort by) to sort all calls."
            return (
                f"{spec.tooltip}. The API sorts by Started or Duration only; the library sorts "
                "by any column."
            )
        if role == Qt.ItemDataRole.InitialSortOrderRole and spec.sort_field in (
            "started_at",
            "duration_seconds",
        ):
            # the first click on Started or Duration shows the newest or longest calls
            return Qt.SortOrder.DescendingOrder
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._calls):
            return None
        call = self._calls[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.REVIEW:
                return label(REVIEW_LABELS, self.review_statuses.get(call.id, "unreviewed"))
            return self._display(call, column)
        if role == CallRole:
            return call
        if role == StatusRole:
            return call.status
        if role == Qt.ItemDataRole.DecorationRole and column is Column.CHANNEL:
            return self._icon(call.channel)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(call, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.DURATION,
            Column.TICKETS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{COLUMNS[column].title}: {self.data(index)}"
        return None

    # -- our API ---------------------------------------------------------------------------

    def set_calls(self, calls: Sequence[CallSummary]) -> None:
        self.beginResetModel()
        self._calls = list(calls)
        self.endResetModel()

    def set_sortable(self, fields: frozenset[str]) -> None:
        self.sortable = fields
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def update_calls(self, calls: Sequence[CallSummary]) -> None:
        """Show ``calls`` by changing only what differs, keyed by call id: rows that stay are
        updated in place (``dataChanged``), others removed and inserted, so that the views
        keep their selection and scroll (live updates)."""
        new = list(calls)
        old_ids = [c.id for c in self._calls]
        new_ids = [c.id for c in new]
        opcodes = SequenceMatcher(None, old_ids, new_ids, autojunk=False).get_opcodes()
        last_column = len(COLUMNS) - 1
        # From the end, so that the rows of earlier operations keep their numbers.
        for tag, i1, i2, j1, j2 in reversed(opcodes):
            if tag == "equal":
                for offset in range(i2 - i1):
                    if self._calls[i1 + offset] != new[j1 + offset]:
                        self._calls[i1 + offset] = new[j1 + offset]
                        row = i1 + offset
                        self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
                continue
            if i2 > i1:
                self.beginRemoveRows(QModelIndex(), i1, i2 - 1)
                del self._calls[i1:i2]
                self.endRemoveRows()
            if j2 > j1:
                self.beginInsertRows(QModelIndex(), i1, i1 + (j2 - j1) - 1)
                self._calls[i1:i1] = new[j1:j2]
                self.endInsertRows()

    def set_review_statuses(self, statuses: dict[str, str]) -> None:
        """Call id → review status; the rows whose status changed are told (``dataChanged``)."""
        column = int(Column.REVIEW)
        for call_id, status in statuses.items():
            if self.review_statuses.get(call_id, "unreviewed") == status:
                self.review_statuses[call_id] = status
                continue
            self.review_statuses[call_id] = status
            row = self.row_of(call_id)
            if row >= 0:
                index = self.index(row, column)
                self.dataChanged.emit(index, index)

    def clear(self) -> None:
        self.set_calls(())

    def calls(self) -> list[CallSummary]:
        return list(self._calls)

    def call_at(self, row: int) -> CallSummary | None:
        return self._calls[row] if 0 <= row < len(self._calls) else None

    def row_of(self, call_id: str) -> int:
        return next((i for i, c in enumerate(self._calls) if c.id == call_id), -1)

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _display(call: CallSummary, column: Column) -> str:
        match column:
            case Column.STARTED:
                return format_local_time(call.started_at)
            case Column.CALLER:
                return call.caller_id or "Unknown"
            case Column.CHANNEL:
                return label(CHANNEL_LABELS, call.channel)
            case Column.STATUS:
                return label(STATUS_LABELS, call.status)
            case Column.DURATION:
                if call.duration_seconds is None and call.status == "active":
                    return "live"
                return format_duration(call.duration_seconds)
            case Column.LANGUAGE:
                return call.language or "—"
            case Column.REQUESTER:
                return f"#{call.requester_id}" if call.requester_id is not None else "—"
            case Column.TICKETS:
                return ", ".join(f"#{t}" for t in call.tickets_created) or "—"
            case Column.AUTHENTICATED:
                return "Yes" if call.authenticated else "No"
            case Column.REVIEW:
                return ""  # from the review records: see data()

    @staticmethod
    def _tooltip(call: CallSummary, column: Column) -> str:
        if column is Column.STARTED:
            return format_local_time(call.started_at, with_seconds=True)
        if column is Column.CALLER:
            return f"{call.caller_id} · call {call.id}"
        if column is Column.REVIEW:
            return COLUMNS[column].tooltip
        return CallTableModel._display(call, column)

    def _icon(self, channel: str) -> QIcon | None:
        if channel not in CHANNEL_LABELS:
            return None
        if channel not in self._icons:
            self._icons[channel] = selectable_icon(channel)
        return self._icons[channel]
