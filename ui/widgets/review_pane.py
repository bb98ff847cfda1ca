"""The listening area: player controls above the transcript, with the recording's status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.widgets.player_controls import PlayerControls
from ui.widgets.transcript_view import TranscriptView


class ReviewPane(QWidget):
    """Player and transcript of the selected call."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 0)
        layout.setSpacing(6)
        title = QLabel("Recording and transcript")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.recording_status = QLabel()
        self.recording_status.setWordWrap(True)
        self.recording_status.setAccessibleName("Recording status")
        self.recording_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recording_status.hide()
        layout.addWidget(self.recording_status)
        self.controls = PlayerControls()
        layout.addWidget(self.controls)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.transcript = TranscriptView()
        layout.addWidget(self.transcript, 1)

    def show_recording_status(self, text: str) -> None:
        self.recording_status.setText(text)
        self.recording_status.setVisible(bool(text))
