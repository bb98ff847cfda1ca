"""The library's search and filters: words said, a call id to open, and what calls to list."""

from __future__ import annotations

from datetime import UTC, datetime, time

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.formatting import CHANNEL_LABELS, REVIEW_LABELS, STATUS_LABELS
from app.i18n import QT_TRANSLATE_NOOP
from app.source import CallFilters
from ui.accessibility import describe_value
from ui.i18n import SENTIMENT_LABELS, date_pattern, number, time_zone
from ui.i18n import label as enum_label

#: Typing pauses this long before the search runs (counts update as you type).
SEARCH_DELAY_MS = 300
LANGUAGES = ("fr-FR", "fr-CA", "en-GB", "en-US")
SENTIMENTS = ("positive", "neutral", "negative")
_ANY = QT_TRANSLATE_NOOP("FilterBar", "Any")


def _choice(name: str, items: list[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.addItem(QCoreApplication.translate("FilterBar", _ANY), None)
    for text, value in items:
        box.addItem(text, value)
    return box


def _yes_no(name: str) -> QComboBox:
    return _choice(
        name,
        [
            (QCoreApplication.translate("FilterBar", "Yes"), True),
            (QCoreApplication.translate("FilterBar", "No"), False),
        ],
    )


class FilterBar(QWidget):
    """Search what was said, go to a call by id, and filter the library's calls.

    Signals:
        text_changed(str): the words to search (after a pause in typing).
        filters_changed(object): the ``CallFilters`` to apply.
        go_to_call(str): open the call with this id.
    """

    text_changed = Signal(str)
    filters_changed = Signal(object)
    go_to_call = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)

        top = QHBoxLayout()
        top.setSpacing(6)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("Search what was said, callers and requesters…")
        )
        self.search_edit.setAccessibleName(self.tr("Search the library"))
        self.search_edit.setToolTip(
            self.tr('Words (accents and case ignored), "a phrase", a prefix* ; Ctrl+Shift+F')
        )
        self.search_edit.setClearButtonEnabled(True)
        top.addWidget(self.search_edit, 3)
        self.goto_edit = QLineEdit()
        self.goto_edit.setPlaceholderText(self.tr("Go to call id…"))
        self.goto_edit.setAccessibleName(self.tr("Go to call id"))
        self.goto_edit.setToolTip(self.tr("Open a call by its id (Enter); Ctrl+G"))
        top.addWidget(self.goto_edit, 1)
        self.toggle = QToolButton()
        self.toggle.setText(self.tr("Filters"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAccessibleName(self.tr("Show filters"))
        self.toggle.toggled.connect(self._show_filters)
        top.addWidget(self.toggle)
        self.count_label = QLabel()
        self._calls: int | None = None
        self._hits: tuple[int, bool] | None = None
        describe_value(self.count_label, self.tr("Matching calls"))
        top.addWidget(self.count_label)
        layout.addLayout(top)

        self.panel = QWidget()
        grid = QGridLayout(self.panel)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.channel = _choice(
            self.tr("Channel"), [(enum_label(CHANNEL_LABELS, key), key) for key in CHANNEL_LABELS]
        )
        self.status = _choice(
            self.tr("Status"), [(enum_label(STATUS_LABELS, key), key) for key in STATUS_LABELS]
        )
        self.language = _choice(self.tr("Language"), [(code, code) for code in LANGUAGES])
        self.sentiment = _choice(
            self.tr("Sentiment"), [(enum_label(SENTIMENT_LABELS, s), s) for s in SENTIMENTS]
        )
        self.escalated = _yes_no(self.tr("Escalated"))
        self.authenticated = _yes_no(self.tr("Authenticated"))
        self.has_ticket = _yes_no(self.tr("Has a ticket"))
        self.has_recording = _yes_no(self.tr("Has a recording"))
        self.review = _choice(
            self.tr("Review status"), [(enum_label(REVIEW_LABELS, k), k) for k in REVIEW_LABELS]
        )
        self.tool = QLineEdit()
        self.tool.setPlaceholderText(self.tr("any"))
        self.tool.setAccessibleName(self.tr("Tool used"))
        self.since = self._date(self.tr("Started from"))
        self.until = self._date(self.tr("Started up to"))
        self.min_duration = self._seconds(self.tr("Shortest duration"))
        self.max_duration = self._seconds(self.tr("Longest duration"))
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        cells = [
            (self.tr("Channel"), self.channel), (self.tr("Status"), self.status),
            (self.tr("Language"), self.language), (self.tr("Sentiment"), self.sentiment),
            (self.tr("Escalated"), self.escalated), (self.tr("Authenticated"), self.authenticated),
            (self.tr("Ticket"), self.has_ticket), (self.tr("Recording"), self.has_recording),
            (self.tr("Review"), self.review), (self.tr("Tool used"), self.tool),
            (self.tr("From"), self.since), (self.tr("Up to"), self.until),
            (self.tr("Min (s)"), self.min_duration), (self.tr("Max (s)"), self.max_duration),
        ]  # fmt: skip
        for i, (text, widget) in enumerate(cells):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, (i // 5) * 2, i % 5)
            grid.addWidget(widget, (i // 5) * 2 + 1, i % 5)
        for column in range(5):  # equal columns: the tool's text box took the spare width
            grid.setColumnStretch(column, 1)
        grid.addWidget(self.clear_button, 5, 4, Qt.AlignmentFlag.AlignRight)
        self.panel.hide()
        layout.addWidget(self.panel)

        self._typing = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._typing.timeout.connect(lambda: self.text_changed.emit(self.search_edit.text()))
        self.search_edit.textChanged.connect(lambda _t: self._typing.start())
        self.search_edit.returnPressed.connect(self._search_now)
        self.goto_edit.returnPressed.connect(self._go_to)
        for box in (self.channel, self.status, self.language, self.sentiment, self.escalated,
                    self.authenticated, self.has_ticket, self.has_recording,
                    self.review):  # fmt: skip
            box.currentIndexChanged.connect(self._changed)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._changed)
        for spin in (self.min_duration, self.max_duration):
            spin.valueChanged.connect(self._changed)
        self.tool.editingFinished.connect(self._changed)

    @staticmethod
    def _date(name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_pattern())
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setSpecialValueText(QCoreApplication.translate("FilterBar", _ANY))  # minimum: any
        edit.setDate(edit.minimumDate())
        return edit

    @staticmethod
    def _seconds(name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setAccessibleName(name)
        spin.setRange(-1, 7 * 24 * 3600)
        spin.setSpecialValueText(QCoreApplication.translate("FilterBar", _ANY))  # -1: any
        spin.setValue(-1)
        return spin

    def _show_filters(self, shown: bool) -> None:
        self.panel.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self._name_toggle()

    def _name_toggle(self) -> None:
        """``Filters (2)``: how many filters are on, seen with the panel folded too."""
        on = self.active_count()
        self.toggle.setText(
            self.tr("Filters ({count})").format(count=number(on)) if on else self.tr("Filters")
        )
        if self.toggle.isChecked():
            name = self.tr("Hide filters, %Ln on", "", on) if on else self.tr("Hide filters")
        else:
            name = self.tr("Show filters, %Ln on", "", on) if on else self.tr("Show filters")
        self.toggle.setAccessibleName(name)

    def active_count(self) -> int:
        """How many filters are set to something other than "any"."""
        f = self.filters()
        values = (f.channels, f.statuses, f.languages, f.sentiments, f.since, f.until,
                  f.min_duration, f.max_duration, f.escalated, f.authenticated, f.tool,
                  f.has_ticket, f.has_recording, f.review_status)  # fmt: skip
        return sum(1 for v in values if v not in (None, frozenset()))

    def _search_now(self) -> None:
        self._typing.stop()
        self.text_changed.emit(self.search_edit.text())

    def _go_to(self) -> None:
        call_id = self.goto_edit.text().strip()
        if call_id:
            self.go_to_call.emit(call_id)

    def _changed(self) -> None:
        self._name_toggle()
        self.filters_changed.emit(self.filters())

    def filters(self) -> CallFilters:
        def chosen(box: QComboBox) -> frozenset[str]:
            value = box.currentData()
            return frozenset({value}) if isinstance(value, str) else frozenset()

        def day(edit: QDateEdit, end: bool) -> datetime | None:
            if edit.date() == edit.minimumDate():
                return None
            moment = time.max if end else time.min
            # the day in the zone the window shows its times in (View > Times)
            zone = UTC if time_zone() == "utc" else None
            chosen = datetime.combine(edit.date().toPython(), moment, tzinfo=zone)  # type: ignore[arg-type]
            return chosen if zone is not None else chosen.astimezone()

        def seconds(spin: QSpinBox) -> int | None:
            return None if spin.value() < 0 else spin.value()

        return CallFilters(
            channels=chosen(self.channel),
            statuses=chosen(self.status),
            languages=chosen(self.language),
            sentiments=chosen(self.sentiment),
            since=day(self.since, end=False),
            until=day(self.until, end=True),
            min_duration=seconds(self.min_duration),
            max_duration=seconds(self.max_duration),
            escalated=self.escalated.currentData(),
            authenticated=self.authenticated.currentData(),
            tool=self.tool.text().strip() or None,
            has_ticket=self.has_ticket.currentData(),
            has_recording=self.has_recording.currentData(),
            review_status=chosen(self.review),
        )

    def clear(self) -> None:
        """Every filter back to "any" (the search words stay)."""
        widgets = [self.channel, self.status, self.language, self.sentiment, self.escalated,
                   self.authenticated, self.has_ticket, self.has_recording, self.review,
                   self.since, self.until, self.min_duration, self.max_duration,
                   self.tool]  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        for box in widgets[:9]:
            box.setCurrentIndex(0)  # type: ignore[attr-defined]
        for edit in (self.since, self.until):
            edit.setDate(edit.minimumDate())
        for spin in (self.min_duration, self.max_duration):
            spin.setValue(-1)
        self.tool.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self._changed()

    def set_calls(self, calls: int | None) -> None:
        """How many calls the filters and the search keep (None: not known)."""
        self._calls = calls
        self._show_counts()

    def set_hits(self, hits: int | None, more: bool = False) -> None:
        """How many lines the search matched (``more``: at least that many; None: no search)."""
        self._hits = None if hits is None else (hits, more)
        self._show_counts()

    def _show_counts(self) -> None:
        """``312 calls · 1,024 lines match``."""
        parts = []
        if self._calls is not None:
            parts.append(self.tr("%Ln call(s)", "", self._calls))
        if self._hits is not None:
            hits, more = self._hits
            parts.append(
                self.tr("%Ln+ line(s) match", "", hits)
                if more
                else self.tr("%Ln line(s) match", "", hits)
            )
        self.count_label.setText(" · ".join(parts))

    def tab_order(self) -> list[QWidget]:
        order: list[QWidget] = [self.search_edit, self.goto_edit, self.toggle]
        if self.panel.isVisible():
            order += [self.channel, self.status, self.language, self.sentiment, self.escalated,
                      self.authenticated, self.has_ticket, self.has_recording, self.review,
                      self.tool,
                      self.since, self.until, self.min_duration, self.max_duration,
                      self.clear_button]  # fmt: skip
        return order
