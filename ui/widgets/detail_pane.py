"""Shows every documented field of one call, with empty, loading and error states in place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.formatting import (
    CHANNEL_LABELS,
    STATUS_LABELS,
    format_duration,
    format_local_time,
    label,
)
from app.models import CallDetail
from ui.widgets.status_badge import badge_colors


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


class DetailPane(QWidget):
    """The selected call's details.

    Signals:
        retry_requested(): the user asked to load the details again after an error.
    """

    retry_requested = Signal()

    FIELDS = (
        ("caller", "Caller"),
        ("channel", "Channel"),
        ("status", "Status"),
        ("language", "Language"),
        ("started", "Started"),
        ("ended", "Ended"),
        ("duration", "Duration"),
        ("requester", "Requester"),
        ("tickets", "Tickets created"),
        ("authenticated", "Authenticated"),
        ("escalated", "Escalated"),
        ("sentiment", "Sentiment"),
        ("tools", "Tools used"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Call details")
        self.detail: CallDetail | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setObjectName("detailMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.stack.addWidget(self.message)

        form_page = QWidget()
        form = QFormLayout(form_page)
        form.setContentsMargins(12, 8, 12, 8)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        id_row = QHBoxLayout()
        self.id_field = QLineEdit()
        self.id_field.setReadOnly(True)
        self.id_field.setAccessibleName("Call id")
        self.id_field.setToolTip("The call id (select to copy)")
        self.copy_button = QToolButton()
        self.copy_button.setText("Copy")
        self.copy_button.setAccessibleName("Copy call id")
        self.copy_button.setToolTip("Copy the call id to the clipboard")
        self.copy_button.clicked.connect(self.copy_id)
        id_row.addWidget(self.id_field, 1)
        id_row.addWidget(self.copy_button)
        form.addRow("Call id", id_row)

        self.values: dict[str, QLabel] = {}
        for key, caption in self.FIELDS:
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            value.setAccessibleName(caption)
            form.addRow(caption, value)
            self.values[key] = value
        self.stack.addWidget(form_page)
        self.show_empty()

    # -- states ----------------------------------------------------------------------------

    def show_empty(self, text: str = "Select a call to see its details.") -> None:
        self.detail = None
        self.message.setText(text)
        self.stack.setCurrentIndex(0)

    def show_loading(self, call_id: str) -> None:
        self.detail = None
        self.message.setText(f"Loading {call_id}…")
        self.stack.setCurrentIndex(0)

    def show_error(self, text: str) -> None:
        self.detail = None
        self.message.setText(text)
        self.stack.setCurrentIndex(0)

    def show_detail(self, detail: CallDetail) -> None:
        self.detail = detail
        self.id_field.setText(detail.id)
        v = self.values
        v["caller"].setText(detail.caller_id or "Unknown")
        v["channel"].setText(label(CHANNEL_LABELS, detail.channel))
        status = label(STATUS_LABELS, detail.status)
        bg, fg = badge_colors(detail.status, self.palette())
        v["status"].setText(status)
        v["status"].setStyleSheet(
            f"QLabel {{ background: {bg.name()}; color: {fg.name()}; border-radius: 8px;"
            " padding: 1px 10px; }"
        )
        v["status"].setMaximumWidth(v["status"].fontMetrics().horizontalAdvance(status) + 28)
        v["language"].setText(detail.language or "—")
        v["started"].setText(format_local_time(detail.started_at, with_seconds=True))
        v["ended"].setText(
            format_local_time(detail.ended_at, with_seconds=True)
            if detail.ended_at
            else "— (in progress)"
            if detail.status == "active"
            else "—"
        )
        v["duration"].setText(
            "in progress"
            if detail.duration_seconds is None and detail.status == "active"
            else format_duration(detail.duration_seconds)
        )
        if detail.requester_name or detail.requester_id is not None:
            name = detail.requester_name or "Unnamed"
            ident = f" (#{detail.requester_id})" if detail.requester_id is not None else ""
            v["requester"].setText(name + ident)
        else:
            v["requester"].setText("— (not identified)")
        v["tickets"].setText(", ".join(f"#{t}" for t in detail.tickets_created) or "None")
        v["authenticated"].setText(_yes_no(detail.authenticated))
        v["escalated"].setText(_yes_no(detail.escalated))
        v["sentiment"].setText((detail.sentiment or "—").capitalize())
        v["tools"].setText(", ".join(detail.tools_used) or "None")
        self.stack.setCurrentIndex(1)

    def copy_id(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self.detail is not None and clipboard is not None:
            clipboard.setText(self.detail.id)
