"""The listening area: player controls above the transcript, with the recording's status."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.i18n import QT_TRANSLATE_NOOP
from ui.accessibility import announce, describe_value
from ui.widgets.player_controls import PlayerControls
from ui.widgets.transcript_view import TranscriptView

NO_AUDIO_OUTPUT = QT_TRANSLATE_NOOP(
    "ReviewPane",
    "No audio output device: the recording plays silently. Connect speakers or headphones.",
)


class ReviewPane(QWidget):
    """Player and transcript of the selected call."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 0)
        layout.setSpacing(6)
        title = QLabel(self.tr("Recording and transcript"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.recording_status = QLabel()
        self.recording_status.setWordWrap(True)
        describe_value(self.recording_status, self.tr("Recording status"))
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
        """Show (and announce) why the recording cannot be heard; "" hides the line."""
        changed = text != self.recording_status.text()
        self.recording_status.setText(text)
        self.recording_status.setVisible(bool(text))
        if text and changed:
            announce(self.recording_status, text)

    def show_audio_output_missing(self, missing: bool) -> None:
        """Warn that playback is silent, or take the warning back once a device is there."""
        if missing:
            self.show_recording_status(QCoreApplication.translate("ReviewPane", NO_AUDIO_OUTPUT))
        elif self.recording_status.text() == QCoreApplication.translate(
            "ReviewPane", NO_AUDIO_OUTPUT
        ):
            self.show_recording_status("")
