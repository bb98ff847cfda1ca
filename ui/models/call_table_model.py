"""Table model over one page of calls: a thin adapter, every change inside a model reset."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ColumnSpec:
    title: str
    sort_field: str | None  # the API's sort_by when the server can sort by this column
    tooltip: str


COLUMNS: dict[Column, ColumnSpec] = {
    Column.STARTED: ColumnSpec("Started", "started_at", "When the call started (local time)"),
    Column.CALLER: ColumnSpec("Caller", None, "Caller id: phone number or e-mail"),
    Column.CHANNEL: ColumnSpec("Channel", None, "Phone, mobile app or web widget"),
    Column.STATUS: ColumnSpec("Status", None, "Active, completed, escalated, failed or abandoned"),
    Column.DURATION: ColumnSpec("Duration", "duration_seconds", "Length of the call (m:ss)"),
    Column.LANGUAGE: ColumnSpec("Language", None, "Language of the conversation"),
    Column.REQUESTER: ColumnSpec("Requester", None, "Id of the identified requester"),
    Column.TICKETS: ColumnSpec("Tickets", None, "Tickets created during the call"),
    Column.AUTHENTICATED: ColumnSpec("Auth.", None, "Whether the caller was authenticated"),
}
SORTABLE_COLUMNS = {c for c, spec in COLUMNS.items() if spec.sort_field}


def column_for_sort_field(sort_by: str) -> Column:
    return next(c for c, spec in COLUMNS.items() if spec.sort_field == sort_by)


class CallTableModel(QAbstractTableModel):
    """Rows are the calls of the page on screen; sorting is the server's, not the model's."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._calls: list[CallSummary] = []
        self._icons: dict[str, QIcon] = {}

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
            if spec.sort_field:
                return f"{spec.tooltip}. Click (or use View > Sort by) to sort all calls."
            return f"{spec.tooltip}. The server sorts by Started or Duration only."
        if role == Qt.ItemDataRole.InitialSortOrderRole and spec.sort_field:
            # the first click on Started or Duration shows the newest or longest calls
            return Qt.SortOrder.DescendingOrder
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._calls):
            return None
        call = self._calls[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
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
            return f"{COLUMNS[column].title}: {self._display(call, column)}"
        return None

    # -- our API ---------------------------------------------------------------------------

    def set_calls(self, calls: Sequence[CallSummary]) -> None:
        self.beginResetModel()
        self._calls = list(calls)
        self.endResetModel()

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

    @staticmethod
    def _tooltip(call: CallSummary, column: Column) -> str:
        if column is Column.STARTED:
            return format_local_time(call.started_at, with_seconds=True)
        if column is Column.CALLER:
            return f"{call.caller_id} · call {call.id}"
        return CallTableModel._display(call, column)

    def _icon(self, channel: str) -> QIcon | None:
        if channel not in CHANNEL_LABELS:
            return None
        if channel not in self._icons:
            self._icons[channel] = selectable_icon(channel)
        return self._icons[channel]
