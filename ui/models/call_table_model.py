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
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon

from app.formatting import CHANNEL_LABELS, REVIEW_LABELS, STATUS_LABELS, format_duration
from app.i18n import QT_TRANSLATE_NOOP
from app.models import CallSummary
from ui.i18n import format_time, label, time_zone, yes_no, zone_label
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


def _tr(text: str) -> str:
    return QCoreApplication.translate("CallTableModel", text)


@dataclass(frozen=True)
class ColumnSpec:
    """A column; ``title`` and ``tooltip`` are English, translated by ``header``/``tip``."""

    title: str
    sort_field: str  # the CallQuery.sort_by of this column (a source may not sort by it)
    tooltip: str

    @property
    def header(self) -> str:
        """The title in the window's language."""
        return _tr(self.title)

    @property
    def tip(self) -> str:
        """The tooltip in the window's language (the zone of the times filled in)."""
        return _tr(self.tooltip).format(zone=zone_label())


COLUMNS: dict[Column, ColumnSpec] = {
    Column.STARTED: ColumnSpec(
        QT_TRANSLATE_NOOP("CallTableModel", "Started"),
        "started_at",
        QT_TRANSLATE_NOOP("CallTableModel", "When the call started ({zone})"),
    ),
    Column.CALLER: ColumnSpec(
        QT_TRANSLATE_NOOP("CallTableModel", "Caller"),
        "caller_id",
        QT_TRANSLATE_NOOP("CallTableModel", "Caller id: phone number or e-mail"),
    ),
    Column.CHANNEL: ColumnSpec(
        QT_TRANSLATE_NOOP("CallTableModel", "Channel"),
        "channel",
        QT_TRANSLATE_NOOP("CallTableModel", "Phone, mobile app or web widget"),
    ),
    Column.STATUS: ColumnSpec(
        QT_TRANSLATE_NOOP("CallTableModel", "Status"),
        "status",
        QT_TRANSLATE_NOOP("CallTableModel", "Active, completed, escalated, failed or abandoned"),
    ),
    Column.DURATION: ColumnSpec(
        QT_TRANSLATE_NOOP("CallTableModel", "Duration"),
        "duration_seconds",
        QT_TRANSLATE_NOOP("CallTableModel", "Length of the call (m:ss)"),
    ),
    Column.LANGUAGE: ColumnSpec(
        QT_TRANSLATE_NOOP("CallTableModel", "Language"),
        "language",
        QT_TRANSLATE_NOOP("CallTableModel", "Language of the conversation"),
    ),
    Column.REQUESTER: ColumnSpec(
        QT_TRANSLATE_NOOP("CallTableModel", "Requester"),
        "requester_id",
        QT_TRANSLATE_NOOP("CallTableModel", "Id of the identified requester"),
    ),
    Column.TICKETS: ColumnSpec(
        QT_TRANSLATE_NOOP("CallTableModel", "Tickets"),
        "tickets_created",
        QT_TRANSLATE_NOOP("CallTableModel", "Tickets created during the call"),
    ),
    Column.AUTHENTICATED: ColumnSpec(
        QT_TRANSLATE_NOOP("CallTableModel", "Auth."),
        "authenticated",
        QT_TRANSLATE_NOOP("CallTableModel", "Whether the caller was authenticated"),
    ),
    Column.REVIEW: ColumnSpec(
        QT_TRANSLATE_NOOP("CallTableModel", "Review"),
        "review_status",
        QT_TRANSLATE_NOOP("CallTableModel", "Unreviewed, in review (notes or a draft) or reviewed"),
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
            if section == Column.STARTED and time_zone() == "utc":
                return self.tr("{column} (UTC)").format(column=spec.header)
            return spec.header
        if role == Qt.ItemDataRole.ToolTipRole:
            if spec.sort_field in self.sortable:
                return self.tr("{tip}. Click (or use View > Sort by) to sort all calls.").format(
                    tip=spec.tip
                )
            return self.tr(
                "{tip}. The API sorts by Started or Duration only; the library sorts by any column."
            ).format(tip=spec.tip)
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
            if column is Column.REVIEW:  # quiet until there is something to see
                status = self.review_statuses.get(call.id, "unreviewed")
                return "—" if status == "unreviewed" else label(REVIEW_LABELS, status)
            return self._display(call, column)
        if role == CallRole:
            return call
        if role == StatusRole:
            return call.status
        if role == Qt.ItemDataRole.DecorationRole and column is Column.CHANNEL:
            return self._icon(call.channel)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.REVIEW:
                return self._review_label(call)
            return self._tooltip(call, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.DURATION,
            Column.TICKETS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            value = self._review_label(call) if column is Column.REVIEW else self.data(index)
            return self.tr("{column}: {value}").format(column=COLUMNS[column].header, value=value)
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

    def _review_label(self, call: CallSummary) -> str:
        return label(REVIEW_LABELS, self.review_statuses.get(call.id, "unreviewed"))

    def set_review_statuses(self, statuses: dict[str, str]) -> None:
        """Call id → review status; the rows whose status changed are told (``dataChanged``)."""
        column = int(Column.REVIEW)
        for call_id, status in statuses.items():
            changed = self.review_statuses.get(call_id, "unreviewed") != status
            self.review_statuses[call_id] = status
            row = self.row_of(call_id) if changed else -1
            if row >= 0:
                index = self.index(row, column)
                self.dataChanged.emit(index, index)

    def clear(self) -> None:
        self.set_calls(())

    def times_changed(self) -> None:
        """The zone of the times shown changed (View > Times): headers and rows again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._calls:
            last = self.index(len(self._calls) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

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
                return format_time(call.started_at)
            case Column.CALLER:
                return call.caller_id or QCoreApplication.translate("CallTableModel", "Unknown")
            case Column.CHANNEL:
                return label(CHANNEL_LABELS, call.channel)
            case Column.STATUS:
                return label(STATUS_LABELS, call.status)
            case Column.DURATION:
                if call.duration_seconds is None and call.status == "active":
                    return QCoreApplication.translate("CallTableModel", "live")
                return format_duration(call.duration_seconds)
            case Column.LANGUAGE:
                return call.language or "—"
            case Column.REQUESTER:
                return f"#{call.requester_id}" if call.requester_id is not None else "—"
            case Column.TICKETS:
                return ", ".join(f"#{t}" for t in call.tickets_created) or "—"
            case Column.AUTHENTICATED:
                return yes_no(call.authenticated)
            case Column.REVIEW:
                return ""  # from the review records: see data()

    @staticmethod
    def _tooltip(call: CallSummary, column: Column) -> str:
        if column is Column.STARTED:
            return QCoreApplication.translate("CallTableModel", "{time} ({zone})").format(
                time=format_time(call.started_at, with_seconds=True),
                zone=zone_label(call.started_at),
            )
        if column is Column.CALLER:
            return QCoreApplication.translate("CallTableModel", "{caller} · call {id}").format(
                caller=call.caller_id, id=call.id
            )
        return CallTableModel._display(call, column)

    def _icon(self, channel: str) -> QIcon | None:
        if channel not in CHANNEL_LABELS:
            return None
        if channel not in self._icons:
            self._icons[channel] = selectable_icon(channel)
        return self._icons[channel]
