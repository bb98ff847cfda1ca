"""The call open in the window: its details, transcript and recording, from the browser's source."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.models import CallDetail, CallSummary, Transcript
from app.source import CallSource
from app.timeline import Timeline
from ui.player_controller import PlayerController
from ui.tasks import LatestRequest


class CallSession(QObject):
    """Loads what the detail pane, the transcript and the player show for one call.

    Signals:
        opened(object): a ``CallSummary`` is now the open call (loading starts).
        cleared(): no call is open.
        detail_loaded(object): its ``CallDetail``.
        detail_failed(object): an ``AurionError`` loading the details.
        transcript_loaded(object, object): the ``CallSummary`` and its ``Timeline``.
        transcript_failed(object): an ``AurionError`` loading the transcript.
    """

    opened = Signal(object)
    cleared = Signal()
    detail_loaded = Signal(object)
    detail_failed = Signal(object)
    transcript_loaded = Signal(object, object)
    transcript_failed = Signal(object)

    def __init__(self, player: PlayerController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.call: CallSummary | None = None
        self.detail: CallDetail | None = None
        self.timeline: Timeline | None = None
        self._source: CallSource | None = None
        self._detail: LatestRequest[CallDetail] = LatestRequest()
        self._transcript: LatestRequest[Transcript] = LatestRequest()
        #: Where to start playing once the transcript is in (a search hit), in seconds.
        self._start_at: float | None = None
        player.ready.connect(self._play_from_start)

    def open(self, source: CallSource, call: CallSummary, start_at: float | None = None) -> None:
        """Open ``call`` (the same call again keeps playing, unless asked to start elsewhere)."""
        if self.call is not None and self.call.id == call.id and start_at is None:
            self.call = call
            return
        self.close()
        self.call, self._source, self._start_at = call, source, start_at
        self.opened.emit(call)
        self.player.load(source, call.id)
        self._detail.run(source.get_call(call.id), self._detail_done, self.detail_failed.emit)
        self._transcript.run(
            source.get_transcript(call.id), self._transcript_done, self.transcript_failed.emit
        )

    def reload_detail(self) -> None:
        if self.call is not None and self._source is not None:
            self._detail.run(
                self._source.get_call(self.call.id), self._detail_done, self.detail_failed.emit
            )

    def close(self) -> None:
        self._detail.cancel()
        self._transcript.cancel()
        self.player.clear()
        was_open = self.call is not None
        self.call = self.detail = self.timeline = None
        self._source = None
        if was_open:
            self.cleared.emit()

    def _detail_done(self, detail: CallDetail) -> None:
        self.detail = detail
        self.detail_loaded.emit(detail)

    def _transcript_done(self, transcript: Transcript) -> None:
        call = self.call
        if call is None:
            return
        self.timeline = Timeline.build(transcript, call.started_at, call.duration_seconds)
        self.transcript_loaded.emit(call, self.timeline)
        self._play_from_start()

    def _play_from_start(self) -> None:
        """Play from the moment asked for, once both the transcript and the recording are in."""
        if self._start_at is None or self.timeline is None or self.player.link is None:
            return
        self.player.seek(round(self._start_at * 1000), play=True)
        self._start_at = None

    @property
    def busy(self) -> bool:
        return self._detail.busy
