"""First/previous/next/last buttons, the page-size choice and the "201–300 of 1,234" label."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from app.paging import PageWindow
from ui.accessibility import announce, describe_value
from ui.i18n import number
from ui.settings import PAGE_SIZES


class PaginationBar(QWidget):
    """Shows where the page is and asks for another.

    Signals:
        page_requested(int): the offset of the page the user asked for.
        page_size_changed(int): the new page size.
    """

    page_requested = Signal(int)
    page_size_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = PageWindow(0, PAGE_SIZES[2], 0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)

        self.range_label = QLabel(self.tr("No calls"))
        describe_value(self.range_label, self.tr("Calls shown"))
        layout.addWidget(self.range_label)
        layout.addStretch(1)

        size_label = QLabel(self.tr("Rows per page:"))
        layout.addWidget(size_label)
        self.size_box = QComboBox()
        for size in PAGE_SIZES:
            self.size_box.addItem(number(size), size)
        self.size_box.setAccessibleName(self.tr("Rows per page"))
        self.size_box.setToolTip(self.tr("How many calls to show on one page"))
        size_label.setBuddy(self.size_box)
        self.size_box.currentIndexChanged.connect(self._size_chosen)
        layout.addWidget(self.size_box)
        layout.addSpacing(12)

        self.first_button = self._button(
            "«", self.tr("First page"), self.tr("First page (Alt+Home)")
        )
        self.previous_button = self._button(
            "‹", self.tr("Previous page"), self.tr("Previous page (Alt+Page Up)")
        )
        self.page_label = QLabel(
            self.tr("Page {page} of {count}").format(page=number(1), count=number(1))
        )
        describe_value(self.page_label, self.tr("Page number"))
        self.next_button = self._button(
            "›", self.tr("Next page"), self.tr("Next page (Alt+Page Down)")
        )
        self.last_button = self._button("»", self.tr("Last page"), self.tr("Last page (Alt+End)"))
        for widget in (
            self.first_button,
            self.previous_button,
            self.page_label,
            self.next_button,
            self.last_button,
        ):
            layout.addWidget(widget)
        self.first_button.clicked.connect(self.go_first)
        self.previous_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        self.last_button.clicked.connect(self.go_last)
        self.set_window(self.window_)

    def _button(self, text: str, name: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setMinimumWidth(32)
        return button

    def tab_order(self) -> list[QWidget]:
        return [
            self.size_box,
            self.first_button,
            self.previous_button,
            self.next_button,
            self.last_button,
        ]

    def set_window(self, window: PageWindow) -> None:
        """Show ``window``; a new range is announced (a refresh of the same one is not)."""
        self.window_ = window
        shown = self.range_text(window)
        page = self.tr("Page {page} of {count}").format(
            page=number(window.page_number), count=number(window.page_count)
        )
        changed = (shown, page) != (self.range_label.text(), self.page_label.text())
        self.range_label.setText(shown)
        self.page_label.setText(page)
        if changed and window.total:
            announce(
                self,
                self.tr("Calls {range}, page {page} of {count}").format(
                    range=shown, page=number(window.page_number), count=number(window.page_count)
                ),
            )
        self.first_button.setEnabled(window.has_previous)
        self.previous_button.setEnabled(window.has_previous)
        self.next_button.setEnabled(window.has_next)
        self.last_button.setEnabled(window.has_next)
        index = self.size_box.findData(window.limit)
        if index >= 0 and index != self.size_box.currentIndex():
            self.size_box.blockSignals(True)
            self.size_box.setCurrentIndex(index)
            self.size_box.blockSignals(False)

    def range_text(self, window: PageWindow) -> str:
        """``201–300 of 1,234`` (``201–300 sur 1 234``); ``No calls`` when empty."""
        if window.total <= 0:
            return self.tr("No calls")
        first = min(window.offset + 1, window.total)
        last = min(window.offset + window.limit, window.total)
        return self.tr("{first}–{last} of {total}").format(
            first=number(first), last=number(last), total=number(window.total)
        )

    def go_first(self) -> None:
        if self.window_.has_previous:
            self.page_requested.emit(self.window_.first_offset)

    def go_previous(self) -> None:
        if self.window_.previous_offset is not None:
            self.page_requested.emit(self.window_.previous_offset)

    def go_next(self) -> None:
        if self.window_.next_offset is not None:
            self.page_requested.emit(self.window_.next_offset)

    def go_last(self) -> None:
        if self.window_.has_next:
            self.page_requested.emit(self.window_.last_offset)

    def _size_chosen(self, index: int) -> None:
        size = int(self.size_box.itemData(index))
        self.page_size_changed.emit(size)
