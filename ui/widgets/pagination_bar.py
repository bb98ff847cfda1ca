"""First/previous/next/last buttons, the page-size choice and the "201–300 of 1,234" label."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from app.paging import PageWindow
from ui.accessibility import announce, describe_value
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

        self.range_label = QLabel("No calls")
        describe_value(self.range_label, "Calls shown")
        layout.addWidget(self.range_label)
        layout.addStretch(1)

        size_label = QLabel("Rows per page:")
        layout.addWidget(size_label)
        self.size_box = QComboBox()
        for size in PAGE_SIZES:
            self.size_box.addItem(str(size), size)
        self.size_box.setAccessibleName("Rows per page")
        self.size_box.setToolTip("How many calls to show on one page")
        size_label.setBuddy(self.size_box)
        self.size_box.currentIndexChanged.connect(self._size_chosen)
        layout.addWidget(self.size_box)
        layout.addSpacing(12)

        self.first_button = self._button("«", "First page", "First page (Alt+Home)")
        self.previous_button = self._button("‹", "Previous page", "Previous page (Alt+Page Up)")
        self.page_label = QLabel("Page 1 of 1")
        describe_value(self.page_label, "Page number")
        self.next_button = self._button("›", "Next page", "Next page (Alt+Page Down)")
        self.last_button = self._button("»", "Last page", "Last page (Alt+End)")
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
        shown = window.range_text()
        page = f"Page {window.page_number:,} of {window.page_count:,}"
        changed = (shown, page) != (self.range_label.text(), self.page_label.text())
        self.range_label.setText(shown)
        self.page_label.setText(page)
        if changed and window.total:
            announce(self, f"Calls {shown}, {page.lower()}")
        self.first_button.setEnabled(window.has_previous)
        self.previous_button.setEnabled(window.has_previous)
        self.next_button.setEnabled(window.has_next)
        self.last_button.setEnabled(window.has_next)
        index = self.size_box.findData(window.limit)
        if index >= 0 and index != self.size_box.currentIndex():
            self.size_box.blockSignals(True)
            self.size_box.setCurrentIndex(index)
            self.size_box.blockSignals(False)

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
