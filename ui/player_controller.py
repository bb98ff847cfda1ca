"""Wires the player controls and transcript to QMediaPlayer streaming a call's signed recording."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import (
    Q_ARG,
    QGenericArgumentHolder,
    QMetaObject,
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

from app.errors import AurionError, NotFoundError
from app.models import RecordingLink
from app.recording import MAX_ERROR_RENEWALS, renewal_delay
from app.source import CallSource
from ui.errors import quiet_ffmpeg
from ui.i18n import error_message
from ui.tasks import LatestRequest
from ui.widgets.player_controls import PlayerControls
from ui.widgets.transcript_view import TranscriptView

log = logging.getLogger(__name__)

Status = QMediaPlayer.MediaStatus
State = QMediaPlayer.PlaybackState


class PlayerController(QObject):
    """Streams the signed OGG URL, keeps controls and transcript in sync, renews expiring URLs.

    Signals:
        position_changed(int): playback position in ms (after the transcript was updated).
        unavailable(str): the call has no playable recording; the reason for a person.
        ready(): a recording is loaded and can play.
        renewed(): a fresh signed URL replaced an expiring or refused one.
        audio_output_missing(bool): playback started with no audio output device (True), or
            a device came back (False): time runs, but nothing can be heard.
    """

    position_changed = Signal(int)
    unavailable = Signal(str)
    ready = Signal()
    renewed = Signal()
    audio_output_missing = Signal(bool)

    def __init__(
        self, controls: PlayerControls, transcript: TranscriptView, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.controls = controls
        self.transcript = transcript
        self.player = QMediaPlayer(self)
        quiet_ffmpeg()  # after the first player: loading the FFmpeg backend resets the level
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        if hasattr(self.player, "setPitchCompensation"):  # Qt 6.10+: natural voices at 2x
            self.player.setPitchCompensation(True)
        self.source: CallSource | None = None
        self.call_id: str | None = None
        self.link: RecordingLink | None = None
        self._link_request: LatestRequest[RecordingLink] = LatestRequest()
        self._renew_timer = QTimer(self, singleShot=True)
        self._renew_timer.timeout.connect(lambda: self.renew("expiry"))
        self._error_renewals = 0
        self._pending_seek: int | None = None
        #: Where the last renewal resumed (ms), for the status line and tests.
        self.resume_position: int | None = None
        self._resume_playing = False
        self._loaded_once = False
        # True from setSource() until the new media reports Loading then Loaded: signals in
        # between still describe the old media, so a pending seek must wait.
        self._awaiting_load = False
        self._loading_seen = False

        self.player.positionChanged.connect(self._position_changed)
        self.player.durationChanged.connect(self.controls.set_duration)
        #: Whether the system has an audio output; replaced in tests and screenshots.
        self.has_audio_output: Callable[[], bool] = lambda: bool(QMediaDevices.audioOutputs())
        self._warned_no_output = False
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._outputs_changed)
        self.player.playbackStateChanged.connect(self._state_changed)
        transcript.is_playing = lambda: self.playing
        self.player.mediaStatusChanged.connect(self._status_changed)
        self.player.seekableChanged.connect(self._seekable_changed)
        self.player.errorOccurred.connect(self._error)

        controls.play_toggled.connect(self.toggle)
        controls.seek_requested.connect(self.seek)
        controls.skip_requested.connect(self.skip)
        controls.rate_changed.connect(self.player.setPlaybackRate)
        controls.volume_changed.connect(self.audio.setVolume)
        controls.mute_toggled.connect(self.audio.setMuted)
        transcript.seek_requested.connect(lambda s: self.seek(round(s * 1000), play=True))

    # -- loading ---------------------------------------------------------------------------

    def load(self, source: CallSource, call_id: str) -> None:
        """Ask the source for the call's recording (a signed URL from the API, a kept file from
        the library) and stream it (stops what was playing)."""
        self.clear()
        self.source = source
        self.call_id = call_id
        self.controls.set_enabled(False)
        self._link_request.run(source.get_recording(call_id), self._link_loaded, self._link_failed)

    def clear(self) -> None:
        self._link_request.cancel()
        self._renew_timer.stop()
        self._invoke("stop")
        self._invoke("setSource", Q_ARG(QUrl, QUrl()))
        self.link = None
        self.call_id = None
        self._pending_seek = None
        self._resume_playing = False
        self._error_renewals = 0
        self._loaded_once = False
        self._awaiting_load = False
        self.controls.set_enabled(False)
        self.controls.set_duration(0)
        self.controls.set_position(0)
        self.controls.set_playing(False)

    def _invoke(self, method: str, *args: QGenericArgumentHolder) -> None:
        """Call a QMediaPlayer slot from the event loop, not from Python.

        Workaround for a deadlock seen with py-spy (PySide6 6.11, FFmpeg backend): tearing the
        old media down, FFmpeg's thread disconnects from our Python-made player, whose
        ``disconnectNotify`` override check needs the GIL while Qt's connection mutex is held;
        ``stop()``/``setSource()`` called from Python hold the GIL and wait for that mutex.
        Queued, the call runs inside the event loop, where the GIL is released.
        """
        queued = Qt.ConnectionType.QueuedConnection
        QMetaObject.invokeMethod(self.player, method, queued, *args)

    def _link_loaded(self, link: RecordingLink) -> None:
        renewing = self.link is not None
        self.link = link
        if renewing and self._pending_seek is None:
            self._pending_seek = self.player.position()
        if renewing:
            self.resume_position = self._pending_seek
        self._awaiting_load, self._loading_seen = True, False
        self._invoke("setSource", Q_ARG(QUrl, QUrl(link.url)))
        if link.duration_seconds:
            self.controls.set_duration(round(link.duration_seconds * 1000))
        self._renew_timer.start(round(renewal_delay(link) * 1000))
        self.controls.set_enabled(True)
        if renewing:
            self.renewed.emit()

    def _link_failed(self, error: AurionError) -> None:
        if isinstance(error, NotFoundError):
            self.unavailable.emit(
                self.tr("No recording available. {reason}").format(reason=_reason(error))
            )
        else:
            self.unavailable.emit(
                self.tr("The recording could not be loaded. {error}").format(
                    error=error_message(error)
                )
            )
        self.controls.set_enabled(False)

    def renew(self, why: str) -> None:
        """Fetch a fresh signed URL and resume at the same position and play state."""
        if self.source is None or self.call_id is None:
            return
        log.info("renewing the recording URL of %s (%s)", self.call_id, why)
        self._pending_seek = self.player.position()
        self._resume_playing = self.player.playbackState() == State.PlayingState
        self._link_request.run(
            self.source.get_recording(self.call_id), self._link_loaded, self._link_failed
        )

    # -- player events ---------------------------------------------------------------------

    def _status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == Status.LoadingMedia and self._awaiting_load:
            self._loading_seen = True
        if status in (Status.LoadedMedia, Status.BufferedMedia):
            if self._awaiting_load and not self._loading_seen:
                return  # still the old media
            self._awaiting_load = False
            self._error_renewals = 0
            self._apply_pending_seek()
            if not self._loaded_once:
                self._loaded_once = True
                self.ready.emit()

    def _state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == State.PlayingState
        self.controls.set_playing(playing)
        if playing and not self.has_audio_output():
            self._warned_no_output = True
            self.audio_output_missing.emit(True)

    def _outputs_changed(self) -> None:
        if self.has_audio_output():
            # QAudioOutput stays on the device it was given: move to the new default one.
            default = QMediaDevices.defaultAudioOutput()
            if not default.isNull() and default != self.audio.device():
                self.audio.setDevice(default)
            if self._warned_no_output:
                self._warned_no_output = False
                self.audio_output_missing.emit(False)

    def _seekable_changed(self, seekable: bool) -> None:
        if seekable and not self._awaiting_load:
            self._apply_pending_seek()

    def _apply_pending_seek(self) -> None:
        # setPosition() before the new media is seekable is dropped (see pitfalls), so a renewed
        # URL resumes here: seek first, then play, so playback never restarts from zero.
        if self._pending_seek is not None and self.player.isSeekable():
            position, self._pending_seek = self._pending_seek, None
            self.player.setPosition(position)
            if self._resume_playing:
                self._resume_playing = False
                self._invoke("play")  # after a pending source change (queued, in order)

    def _error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        # An expired or refused signed URL surfaces as a resource or access error (see pitfalls).
        if self._error_renewals < MAX_ERROR_RENEWALS and self.link is not None:
            self._error_renewals += 1
            keep = self._pending_seek
            self.renew(f"stream error: {message}")
            if keep is not None:
                self._pending_seek = keep
            return
        self.unavailable.emit(
            self.tr("The recording could not be played: {problem}").format(problem=message)
        )

    def _position_changed(self, ms: int) -> None:
        self.controls.set_position(ms)
        self.transcript.set_position(ms / 1000)
        self.position_changed.emit(ms)

    # -- commands --------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self.player.playbackState() == State.PlayingState

    def toggle(self) -> None:
        if self.link is None:
            return
        if self.playing:
            self._invoke("pause")
        else:
            self._invoke("play")  # after a pending source change (queued, in order)

    def seek(self, ms: int, play: bool = False) -> None:
        if self.link is None:
            return
        ms = max(0, ms)
        if self.player.isSeekable():
            self.player.setPosition(ms)
        else:
            self._pending_seek = ms
        self.controls.set_position(ms)
        self.transcript.set_position(ms / 1000)
        if play and not self.playing:
            self._invoke("play")  # after a pending source change (queued, in order)

    def skip(self, delta_ms: int) -> None:
        duration = self.player.duration() or self.controls.duration_ms()
        self.seek(min(max(0, self.player.position() + delta_ms), max(0, duration - 100)))

    def set_rate(self, rate: float) -> None:
        self.controls.set_rate(rate)


def _reason(error: AurionError) -> str:
    """What the server said when the message quotes it, else the whole message (translated)."""
    text = str(error)
    marker = "The server said: "
    return text.split(marker, 1)[1] if marker in text else error_message(error)
