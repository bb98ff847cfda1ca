"""Shows the open call (the CallSession's news) in the detail pane and the review pane."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.errors import AurionError
from app.models import CallDetail, CallSummary
from app.timeline import Timeline
from ui.call_session import CallSession
from ui.i18n import error_line, error_message
from ui.widgets.detail_pane import DetailPane
from ui.widgets.review_pane import ReviewPane

if TYPE_CHECKING:
    from app.library.search import SearchHit


class CallView(QObject):
    """Fills the panes as the session loads a call; highlights a search hit's words.

    Signals:
        detail_shown(str): the detail pane shows this call id.
        transcript_shown(str): the transcript of this call id is on screen.
        failed(object): an ``AurionError`` loading the call (the API may be unreachable).
    """

    detail_shown = Signal(str)
    transcript_shown = Signal(str)
    failed = Signal(object)

    def __init__(
        self, session: CallSession, detail: DetailPane, review: ReviewPane, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.session, self.detail, self.review = session, detail, review
        #: The search hit being opened (its words are highlighted), and what was searched.
        self.hit: SearchHit | None = None
        self.query = ""
        detail.retry_requested.connect(session.reload_detail)
        session.opened.connect(self._opened)
        session.cleared.connect(self._cleared)
        session.detail_loaded.connect(self._detail_loaded)
        session.detail_failed.connect(self._detail_failed)
        session.transcript_loaded.connect(self._transcript_loaded)
        session.transcript_failed.connect(self._transcript_failed)
        session.player.unavailable.connect(review.show_recording_status)
        session.player.audio_output_missing.connect(review.show_audio_output_missing)

    def start_at(self, call_id: str) -> float | None:
        """Where to start playing ``call_id``: the hit's moment when it is the hit's call."""
        hit = self.hit
        return hit.offset_seconds if hit is not None and hit.call_id == call_id else None

    def forget_hit(self, _error: object = None) -> None:
        self.hit = None

    def _opened(self, call: CallSummary) -> None:
        self.detail.show_loading(call.id)
        self.review.show_recording_status("")
        self.review.transcript.show_message(
            self.tr("Loading the transcript of {id}…").format(id=call.id)
        )
        self.review.controls.slider.set_turns(Timeline([]))

    def _cleared(self) -> None:
        self.detail.show_empty()
        self.review.show_recording_status("")
        self.review.transcript.show_message(self.tr("Select a call to read its transcript."))
        self.review.controls.slider.set_turns(Timeline([]))

    def _detail_loaded(self, detail: CallDetail) -> None:
        self.detail.show_detail(detail)
        self.detail_shown.emit(detail.id)

    def _detail_failed(self, error: AurionError) -> None:
        self.failed.emit(error)
        self.detail.show_error(
            self.tr("{error}\n\nSelect the call again to retry.").format(error=error_line(error))
        )

    def _transcript_loaded(self, call: CallSummary, timeline: Timeline) -> None:
        self.review.transcript.set_timeline(timeline, call.language)
        self.review.controls.slider.set_turns(timeline)
        hit = self.hit
        if hit is not None and hit.call_id == call.id and hit.seq is not None:
            self.review.transcript.highlight(" ".join(re.findall(r"\w+", self.query)), hit.seq)
        self.transcript_shown.emit(call.id)

    def _transcript_failed(self, error: AurionError) -> None:
        self.failed.emit(error)
        self.review.transcript.show_message(
            self.tr("The transcript could not be loaded. {error}").format(
                error=error_message(error)
            )
        )
