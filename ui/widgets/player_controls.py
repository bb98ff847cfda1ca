"""Player controls: play/pause, a seek slider showing speaker turns, skips, speed and volume."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPolygonF
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_duration
from app.timeline import Timeline
from ui.accessibility import describe_value
from ui.i18n import rate

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
#: Mid-tone turn marks that read on light and dark grooves alike.
TURN_COLORS = {"agent": "#3b82f6", "caller": "#a855f7"}
#: Note markers above the groove: amber reads on light and dark grooves alike.
NOTE_COLOR = "#f59e0b"


class TurnSlider(QSlider):
    """A horizontal seek slider in whole seconds whose groove shows who talked when.

    Seconds, not milliseconds: screen readers read the slider's number ("15", not "15000"),
    and its description says "0:15 of 0:47".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.turns: list[tuple[float, float, str]] = []  # start, end (seconds), speaker
        #: Moments of the reviewer's notes (seconds), drawn as markers above the groove.
        self.marks: list[float] = []
        self.setMinimumHeight(26)

    def set_turns(self, timeline: Timeline) -> None:
        self.turns = [(s.start, s.end, s.speaker) for s in timeline.segments]
        self.update()

    def set_marks(self, seconds: list[float]) -> None:
        self.marks = sorted(seconds)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        span = self.maximum() - self.minimum()
        if (self.turns or self.marks) and span > 0:
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            groove: QRect = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
            )
            painter = QPainter(self)
            top = groove.center().y() + 5
            for start, end, speaker in self.turns:
                x0 = groove.left() + groove.width() * (start - self.minimum()) / span
                x1 = groove.left() + groove.width() * (end - self.minimum()) / span
                color = QColor(TURN_COLORS.get(speaker, TURN_COLORS["caller"]))
                painter.fillRect(QRectF(x0, top, max(1.0, x1 - x0 - 1), 4), color)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(NOTE_COLOR))
            bottom = groove.center().y() - 4
            for at in self.marks:
                x = (
                    groove.left()
                    + groove.width() * (min(at, self.maximum()) - self.minimum()) / span
                )
                painter.drawPolygon(
                    QPolygonF([QPointF(x - 4, bottom - 6), QPointF(x + 4, bottom - 6),
                               QPointF(x, bottom)])
                )  # fmt: skip
            painter.end()
        super().paintEvent(event)


class PlayerControls(QWidget):
    """Emits what the user wants; a controller makes it happen.

    Signals:
        play_toggled(): play or pause.
        seek_requested(int): go to this position (ms).
        skip_requested(int): move by this many ms (negative: back).
        rate_changed(float): playback speed.
        volume_changed(float): 0..1.
        mute_toggled(bool): muted or not.
    """

    play_toggled = Signal()
    seek_requested = Signal(int)
    skip_requested = Signal(int)
    rate_changed = Signal(float)
    volume_changed = Signal(float)
    mute_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Player"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)

        seek_row = QHBoxLayout()
        self._duration_ms = 0
        self.elapsed = QLabel("0:00")
        describe_value(self.elapsed, self.tr("Elapsed time"))
        self.slider = TurnSlider()
        self.slider.setAccessibleName(self.tr("Position"))
        self.slider.setToolTip(
            self.tr("Drag to move in the recording; coloured marks show speaker turns")
        )
        self.slider.setRange(0, 0)
        self.slider.setSingleStep(5)
        self.slider.setPageStep(15)
        self.slider.sliderMoved.connect(self._slider_moved)
        self.slider.actionTriggered.connect(self._slider_action)
        self.total = QLabel("0:00")
        describe_value(self.total, self.tr("Total time"))
        seek_row.addWidget(self.elapsed)
        seek_row.addWidget(self.slider, 1)
        seek_row.addWidget(self.total)
        outer.addLayout(seek_row)

        row = QHBoxLayout()
        row.setSpacing(4)
        self.back15 = self._button(
            self.tr("−15s"), self.tr("Back 15 seconds"), self.tr("Back 15 s (J)"), -15000
        )
        self.back5 = self._button(
            self.tr("−5s"), self.tr("Back 5 seconds"), self.tr("Back 5 s (Left)"), -5000
        )
        self.play_button = QToolButton()
        self.play_button.setText(self.tr("Play"))
        self.play_button.setAccessibleName(self.tr("Play"))
        self.play_button.setToolTip(self.tr("Play or pause (Space, K)"))
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.play_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.play_button.setMinimumWidth(84)
        self.play_button.clicked.connect(self.play_toggled)
        self.fwd5 = self._button(
            self.tr("+5s"), self.tr("Forward 5 seconds"), self.tr("Forward 5 s (Right)"), 5000
        )
        self.fwd15 = self._button(
            self.tr("+15s"), self.tr("Forward 15 seconds"), self.tr("Forward 15 s (L)"), 15000
        )
        for w in (self.back15, self.back5, self.play_button, self.fwd5, self.fwd15):
            row.addWidget(w)
        row.addSpacing(12)
        self.speed_box = QComboBox()
        for speed in SPEEDS:
            self.speed_box.addItem(rate(speed), speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_box.setAccessibleName(self.tr("Playback speed"))
        self.speed_box.setToolTip(self.tr("Playback speed ([ slower, ] faster)"))
        self.speed_box.currentIndexChanged.connect(self._speed_chosen)
        row.addWidget(self.speed_box)
        row.addStretch(1)
        self.mute_button = QToolButton()
        self.mute_button.setCheckable(True)
        self.mute_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaVolume))
        self.mute_button.setAccessibleName(self.tr("Mute"))
        self.mute_button.setToolTip(self.tr("Mute or unmute (M)"))
        self.mute_button.toggled.connect(self._mute_toggled)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(80)
        self.volume.setMinimumWidth(64)
        self.volume.setMaximumWidth(110)
        self.volume.setAccessibleName(self.tr("Volume"))
        self.volume.setToolTip(self.tr("Volume"))
        self.volume.valueChanged.connect(self._volume_moved)
        row.addWidget(self.mute_button)
        row.addWidget(self.volume)
        outer.addLayout(row)
        self.set_enabled(False)

    def _button(self, text: str, name: str, tip: str, delta_ms: int) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setMinimumWidth(40)
        button.setProperty("delta_ms", delta_ms)
        button.clicked.connect(self._skip_clicked)
        return button

    def tab_order(self) -> list[QWidget]:
        return [
            self.slider,
            self.back15,
            self.back5,
            self.play_button,
            self.fwd5,
            self.fwd15,
            self.speed_box,
            self.mute_button,
            self.volume,
        ]

    # -- display ---------------------------------------------------------------------------

    def set_enabled(self, on: bool) -> None:
        for w in (
            self.slider,
            self.back15,
            self.back5,
            self.play_button,
            self.fwd5,
            self.fwd15,
        ):
            w.setEnabled(on)

    def set_playing(self, playing: bool) -> None:
        sp = QStyle.StandardPixmap
        pixmap = sp.SP_MediaPause if playing else sp.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(pixmap))
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.play_button.setAccessibleName(self.tr("Pause") if playing else self.tr("Play"))

    def set_duration(self, ms: int) -> None:
        self._duration_ms = max(0, ms)
        self.slider.setRange(0, math.ceil(self._duration_ms / 1000))
        self.total.setText(format_duration(ms / 1000))
        self._describe_position()

    def duration_ms(self) -> int:
        return self._duration_ms

    def set_position(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(ms // 1000)
            self.slider.blockSignals(False)
        self.elapsed.setText(format_duration(ms / 1000))
        self._describe_position()

    def position_text(self) -> str:
        """``0:15 of 0:47``: what the position slider says to a screen reader."""
        return self.tr("{elapsed} of {total}").format(
            elapsed=self.elapsed.text(), total=self.total.text()
        )

    def _describe_position(self) -> None:
        text = self.position_text()
        if text != self.slider.accessibleDescription():  # changes once a second at most
            self.slider.setAccessibleDescription(text)

    def set_rate(self, rate: float) -> None:
        index = self.speed_box.findData(rate)
        if index >= 0:
            self.speed_box.setCurrentIndex(index)

    def step_rate(self, step: int) -> None:
        index = min(max(0, self.speed_box.currentIndex() + step), self.speed_box.count() - 1)
        self.speed_box.setCurrentIndex(index)

    def set_volume(self, volume: float) -> None:
        self.volume.setValue(round(volume * 100))

    # -- input (slots return None: a Python value returned to a void signal upsets PySide) ----

    def _skip_clicked(self) -> None:
        sender = self.sender()
        if sender is not None:
            self.skip_requested.emit(int(sender.property("delta_ms")))

    def _volume_moved(self, value: int) -> None:
        self.volume_changed.emit(value / 100)

    def _speed_chosen(self, index: int) -> None:
        self.rate_changed.emit(float(self.speed_box.itemData(index)))

    def _slider_moved(self, value: int) -> None:
        self.elapsed.setText(format_duration(value))
        self._describe_position()
        self.seek_requested.emit(value * 1000)

    def _slider_action(self, action: int) -> None:
        if action != QSlider.SliderAction.SliderMove.value:
            # clicks on the groove and keyboard steps: the value is applied after this signal
            self.seek_requested.emit(self.slider.sliderPosition() * 1000)

    def _mute_toggled(self, muted: bool) -> None:
        icon = (
            QStyle.StandardPixmap.SP_MediaVolumeMuted
            if muted
            else QStyle.StandardPixmap.SP_MediaVolume
        )
        self.mute_button.setIcon(self.style().standardIcon(icon))
        self.mute_toggled.emit(muted)
