"""Shows every documented field of one call, with empty, loading and error states in place.

The fields scroll when the window is short, and the pane folds to its title so that the
transcript keeps the room.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.formatting import CHANNEL_LABELS, STATUS_LABELS, format_duration
from app.i18n import QT_TRANSLATE_NOOP
from app.models import CallDetail
from ui.accessibility import describe_value
from ui.i18n import SENTIMENT_LABELS, format_time, label, yes_no, zone_label
from ui.theme import THEME_EVENTS
from ui.widgets.status_badge import badge_colors

#: The fields can shrink to this height (they scroll); the transcript gets the rest.
MIN_FIELDS_HEIGHT = 72


def _yes_no(value: bool) -> str:
    return yes_no(value)


class DetailPane(QWidget):
    """The selected call's details.

    Signals:
        retry_requested(): the user asked to load the details again after an error.
        collapsed_changed(bool): the pane was folded to its title (True) or unfolded.
    """

    retry_requested = Signal()
    collapsed_changed = Signal(bool)

    FIELDS = (  # captions translated when shown ("DetailPane" context)
        ("caller", QT_TRANSLATE_NOOP("DetailPane", "Caller")),
        ("channel", QT_TRANSLATE_NOOP("DetailPane", "Channel")),
        ("status", QT_TRANSLATE_NOOP("DetailPane", "Status")),
        ("language", QT_TRANSLATE_NOOP("DetailPane", "Language")),
        ("started", QT_TRANSLATE_NOOP("DetailPane", "Started")),
        ("ended", QT_TRANSLATE_NOOP("DetailPane", "Ended")),
        ("duration", QT_TRANSLATE_NOOP("DetailPane", "Duration")),
        ("requester", QT_TRANSLATE_NOOP("DetailPane", "Requester")),
        ("tickets", QT_TRANSLATE_NOOP("DetailPane", "Tickets created")),
        ("authenticated", QT_TRANSLATE_NOOP("DetailPane", "Authenticated")),
        ("escalated", QT_TRANSLATE_NOOP("DetailPane", "Escalated")),
        ("sentiment", QT_TRANSLATE_NOOP("DetailPane", "Sentiment")),
        ("tools", QT_TRANSLATE_NOOP("DetailPane", "Tools used")),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Call details"))
        self.detail: CallDetail | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        self.toggle_button = QToolButton()
        self.toggle_button.setObjectName("detailsToggle")
        self.toggle_button.setText(self.tr("Call details"))
        self.toggle_button.setCheckable(True)
        self.toggle_button.setChecked(True)
        self.toggle_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle_button.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle_button.setAutoRaise(True)
        self.toggle_button.setToolTip(self.tr("Show or hide the call's details"))
        font = self.toggle_button.font()
        font.setBold(True)
        self.toggle_button.setFont(font)
        # a heading that folds, not a pressed button: no sunken fill while unfolded
        self.toggle_button.setStyleSheet(
            "QToolButton#detailsToggle { border: none; background: transparent; padding: 2px; }"
        )
        self.toggle_button.toggled.connect(lambda shown: self.set_collapsed(not shown))
        outer.addWidget(self.toggle_button)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setObjectName("detailMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.stack.addWidget(self.message)

        self.fields_area = QScrollArea()
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields_area.setMinimumHeight(MIN_FIELDS_HEIGHT)
        self.fields_area.setAccessibleName(self.tr("Call details"))
        # a Tab stop only while the fields overflow: then arrows scroll them
        self.fields_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fields_area.verticalScrollBar().rangeChanged.connect(
            lambda _low, high: self.fields_area.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if high > 0 else Qt.FocusPolicy.NoFocus
            )
        )
        form_page = QWidget()
        form = QFormLayout(form_page)
        form.setContentsMargins(12, 8, 12, 8)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        id_row = QHBoxLayout()
        self.id_field = QLineEdit()
        self.id_field.setReadOnly(True)
        self.id_field.setAccessibleName(self.tr("Call id"))
        self.id_field.setToolTip(self.tr("The call id (select to copy)"))
        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy call id"))
        self.copy_button.setToolTip(self.tr("Copy the call id to the clipboard"))
        self.copy_button.clicked.connect(self.copy_id)
        id_row.addWidget(self.id_field, 1)
        id_row.addWidget(self.copy_button)
        form.addRow(self.tr("Call id"), id_row)

        self.values: dict[str, QLabel] = {}
        for key, english in self.FIELDS:
            caption = QCoreApplication.translate("DetailPane", english)
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            describe_value(value, caption)
            form.addRow(caption, value)
            self.values[key] = value
        self.fields_area.setWidget(form_page)
        self.stack.addWidget(self.fields_area)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.show_empty()

    # -- folding ---------------------------------------------------------------------------

    @property
    def collapsed(self) -> bool:
        return not self.toggle_button.isChecked()

    def set_collapsed(self, collapsed: bool) -> None:
        """Fold the pane to its title (the splitter gives the room to the transcript)."""
        self.toggle_button.setChecked(not collapsed)
        self.toggle_button.setArrowType(
            Qt.ArrowType.RightArrow if collapsed else Qt.ArrowType.DownArrow
        )
        self.stack.setVisible(not collapsed)
        self.setMaximumHeight(self.toggle_button.sizeHint().height() if collapsed else 16777215)
        self._resplit()
        self.collapsed_changed.emit(collapsed)

    def _resplit(self) -> None:
        """In a splitter, take our natural height and give the rest to the pane after us.

        QSplitter keeps a pane's share when its maximum height changes, leaving a blank.
        """
        splitter = self.parentWidget()
        if not isinstance(splitter, QSplitter):
            return
        sizes = splitter.sizes()
        index = splitter.indexOf(self)
        if len(sizes) < 2 or index < 0:
            return
        neighbour = index + 1 if index + 1 < len(sizes) else index - 1
        pair = sizes[index] + sizes[neighbour]
        other = splitter.widget(neighbour)
        room = pair - (other.minimumSizeHint().height() if other is not None else 0)
        mine = max(0, min(self.sizeHint().height(), room))
        sizes[index], sizes[neighbour] = mine, pair - mine
        splitter.setSizes(sizes)

    # -- states ----------------------------------------------------------------------------

    def show_empty(self, text: str = "") -> None:
        self.detail = None
        self.message.setText(text or self.tr("Select a call to see its details."))
        self.stack.setCurrentIndex(0)

    def show_loading(self, call_id: str) -> None:
        self.detail = None
        self.message.setText(self.tr("Loading {id}…").format(id=call_id))
        self.stack.setCurrentIndex(0)

    def show_error(self, text: str) -> None:
        self.detail = None
        self.message.setText(text)
        self.stack.setCurrentIndex(0)

    def show_detail(self, detail: CallDetail) -> None:
        self.detail = detail
        self.id_field.setText(detail.id)
        v = self.values
        v["caller"].setText(detail.caller_id or self.tr("Unknown"))
        v["channel"].setText(label(CHANNEL_LABELS, detail.channel))
        status = label(STATUS_LABELS, detail.status)
        v["status"].setText(status)
        self._style_status()
        v["status"].setMaximumWidth(v["status"].fontMetrics().horizontalAdvance(status) + 28)
        v["language"].setText(detail.language or "—")
        v["started"].setText(
            self.tr("{time} ({zone})").format(
                time=format_time(detail.started_at, with_seconds=True),
                zone=zone_label(detail.started_at),
            )
        )
        v["ended"].setText(
            format_time(detail.ended_at, with_seconds=True)
            if detail.ended_at
            else self.tr("— (in progress)")
            if detail.status == "active"
            else "—"
        )
        v["duration"].setText(
            self.tr("in progress")
            if detail.duration_seconds is None and detail.status == "active"
            else format_duration(detail.duration_seconds)
        )
        if detail.requester_name or detail.requester_id is not None:
            name = detail.requester_name or self.tr("Unnamed")
            ident = f" (#{detail.requester_id})" if detail.requester_id is not None else ""
            v["requester"].setText(name + ident)
        else:
            v["requester"].setText(self.tr("— (not identified)"))
        v["tickets"].setText(", ".join(f"#{t}" for t in detail.tickets_created) or self.tr("None"))
        v["authenticated"].setText(_yes_no(detail.authenticated))
        v["escalated"].setText(_yes_no(detail.escalated))
        v["sentiment"].setText(label(SENTIMENT_LABELS, detail.sentiment))
        v["tools"].setText(", ".join(detail.tools_used) or self.tr("None"))
        self.stack.setCurrentIndex(1)

    def _style_status(self) -> None:
        if getattr(self, "detail", None) is None:  # also reached while __init__ runs
            return
        assert self.detail is not None
        bg, fg = badge_colors(self.detail.status, QGuiApplication.palette())
        sheet = (
            f"QLabel {{ background: {bg.name()}; color: {fg.name()}; border-radius: 8px;"
            " padding: 1px 10px; }"
        )
        if sheet != self.values["status"].styleSheet():
            self.values["status"].setStyleSheet(sheet)

    def event(self, event: QEvent) -> bool:
        if event.type() in THEME_EVENTS:
            self._style_status()
        return super().event(event)

    def tab_order(self) -> list[QWidget]:
        return [self.toggle_button, self.id_field, self.copy_button, self.fields_area]

    def sizeHint(self) -> QSize:
        """Tall enough to show every field without scrolling (the splitter starts there)."""
        hint = super().sizeHint()
        if not hasattr(self, "fields_area"):  # asked while __init__ runs
            return hint
        if self.collapsed:
            return QSize(hint.width(), self.toggle_button.sizeHint().height())
        page = self.fields_area.widget()
        layout = self.layout()
        spacing = layout.spacing() if layout is not None else 0
        fields = page.sizeHint().height() if page is not None else 0
        height = self.toggle_button.sizeHint().height() + spacing + fields
        return QSize(hint.width(), height + 2)

    def copy_id(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self.detail is not None and clipboard is not None:
            clipboard.setText(self.detail.id)
