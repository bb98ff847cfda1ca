"""The call table view: row-wise keyboard use, a clear focus row, page turns at its edges."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.formatting import CHANNEL_LABELS, REVIEW_LABELS, STATUS_LABELS
from ui.i18n import format_time
from ui.models.call_table_model import CallTableModel, Column
from ui.theme import focus_ring_color
from ui.widgets.status_badge import StatusBadgeDelegate

#: What each column must fit, besides its title and sort arrow (the caller stretches): the
#: widest of these texts (context, English) in the window's language, the start time as the
#: locale writes it (at every hour of the day: "12:58 PM" is wider than "5:58 PM").
_SAMPLE_STARTS = tuple(datetime(2026, 12, 28, hour, 58, tzinfo=UTC) for hour in range(24))
_SAMPLES: dict[Column, tuple[tuple[str, str], ...]] = {
    Column.STARTED: (),
    Column.CHANNEL: tuple(("Labels", text) for text in CHANNEL_LABELS.values()),
    Column.STATUS: tuple(("Labels", text) for text in STATUS_LABELS.values()),
    Column.DURATION: (("", "1:23:45"), ("CallTableModel", "live")),
    Column.LANGUAGE: (("", "fr-FR"),),
    Column.REQUESTER: (("", "#0000"),),
    Column.TICKETS: (("", "#1742"),),
    Column.AUTHENTICATED: (("Formats", "Yes"), ("Formats", "No")),
    Column.REVIEW: tuple(
        ("Labels", text) for k, text in REVIEW_LABELS.items() if k != "unreviewed"
    ),
}
_EXTRA = {Column.CHANNEL: 24, Column.STATUS: 20}  # the icon, the badge's rounded ends
_CELL_PADDING = 12
_SORT_ARROW = 20  # Fusion's sort indicator beside a sortable column's title


class _RowFocusDelegate(QStyledItemDelegate):
    """Leaves out the per-cell focus frame: the view outlines the whole current row."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_HasFocus


class _StatusDelegate(StatusBadgeDelegate):
    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_HasFocus


class CallTableView(QTableView):
    """Rows are calls; Tab leaves the table (arrows move inside it).

    Signals:
        next_page_requested(): Page Down on the last row.
        previous_page_requested(): Page Up on the first row.
    """

    next_page_requested = Signal()
    previous_page_requested = Signal()

    def __init__(self, model: CallTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callTable")
        self.setAccessibleName(self.tr("Calls"))
        self.setModel(model)
        self.setItemDelegate(_RowFocusDelegate(self))
        self.setItemDelegateForColumn(Column.STATUS, _StatusDelegate(self))
        # Qt's default moves cell by cell on Tab and wraps inside the table: a keyboard trap.
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(28)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.CALLER, QHeaderView.ResizeMode.Stretch)
        self.fit_columns()

    def fit_columns(self, sorted_by: Column = Column.STARTED) -> None:
        """Size each column to its content and title (the sorted one to its arrow too); the
        caller takes what is left. At 1280×800 every column fits without a scroll bar.
        """
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        header_metrics = header.fontMetrics()
        for column, samples in _SAMPLES.items():
            texts = [QCoreApplication.translate(c, t) if c else t for c, t in samples]
            if column is Column.STARTED:
                texts += [format_time(start) for start in _SAMPLE_STARTS]
            shown = max(metrics.horizontalAdvance(text) for text in texts)
            title = str(self.model().headerData(column, Qt.Orientation.Horizontal))
            arrow = _SORT_ARROW if column is sorted_by else 0
            width = max(
                shown + _CELL_PADDING + _EXTRA.get(column, 0),
                header_metrics.horizontalAdvance(title) + _CELL_PADDING + arrow,
            )
            header.resizeSection(column, width)
        header.setMinimumSectionSize(40)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() == Qt.KeyboardModifier.NoModifier:
            row, last = self.currentIndex().row(), self.model().rowCount() - 1
            if event.key() == Qt.Key.Key_PageDown and row == last and last >= 0:
                self.next_page_requested.emit()
                return
            if event.key() == Qt.Key.Key_PageUp and row <= 0:
                self.previous_page_requested.emit()
                return
        super().keyPressEvent(event)

    def currentChanged(
        self,
        current: QModelIndex | QPersistentModelIndex,
        previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().currentChanged(current, previous)
        self.viewport().update()  # the row outline spans every column, not just the cell

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        current = self.currentIndex()
        if not self.hasFocus() or not current.isValid():
            return
        first = self.visualRect(current.siblingAtColumn(0))
        last = self.visualRect(current.siblingAtColumn(self.model().columnCount() - 1))
        row = QRect(first.topLeft(), last.bottomRight()).intersected(self.viewport().rect())
        if row.isEmpty():
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = self.selectionModel().isRowSelected(current.row(), current.parent())
        # On a selected row the ring is drawn in the highlighted text colour (white on the
        # accent); elsewhere in the focus colour.
        color = (
            self.palette().highlightedText().color()
            if selected
            else focus_ring_color(self.palette())
        )
        painter.setPen(QPen(color, 2, Qt.PenStyle.SolidLine))
        painter.drawRect(QRectF(row).adjusted(1.5, 1.5, -1.5, -1.5))
        painter.end()
