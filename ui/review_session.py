"""The open call's review: its notes and scorecard, kept in the account's library, and the audit
trail of what the reviewer opened and listened to."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtMultimedia import QMediaPlayer

from app.errors import AurionError
from app.models import CallSummary
from app.review import audit
from app.review.audit import ListeningTracker
from app.review.desk import ReviewDesk
from app.review.scorecard import Answer, Template, score
from app.review.store import Note, ReviewStore, Scorecard
from ui.call_browser import CallBrowser
from ui.call_session import CallSession
from ui.i18n import error_line, error_message
from ui.tasks import Jobs, LatestRequest

log = logging.getLogger(__name__)
T = TypeVar("T")


class ReviewSession(QObject):
    """Notes and the scorecard of the open call, and the review status of the calls shown.

    The records live in the account's library (made on the first note or answer when the
    account has none); the table's page and the open call come from the browser and the
    call session. Changes run to the end even when the user moves on.

    Signals:
        notes_changed(list): the open call's notes (``Note``), by offset.
        card_changed(object, object): the ``Template`` on screen and its ``Scorecard`` (the
            reviewer's draft, else their last submitted one, else None).
        scores_changed(object): the ``Scores`` of the answers on screen.
        statuses_changed(dict): call id → review status, for calls whose status is known.
        failed(str): a change or a read failed; the message for a person.
        recorded(str): an audit entry was written (its event), for tests and the status bar.
    """

    notes_changed = Signal(list)
    card_changed = Signal(object, object)
    scores_changed = Signal(object)
    statuses_changed = Signal(dict)
    failed = Signal(str)
    recorded = Signal(str)

    def __init__(
        self,
        desk: ReviewDesk,
        browser: CallBrowser,
        session: CallSession,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.browser, self.session = desk, browser, session
        self.notes: list[Note] = []
        self.template: Template = desk.templates[0]
        self.card: Scorecard | None = None
        #: The answers on screen (saved as a draft as they change).
        self.answers: dict[str, Answer] = {}
        self._store: ReviewStore | None = None
        self._reads: LatestRequest[tuple[list[Note], Scorecard | None]] = LatestRequest()
        self._jobs = Jobs()
        #: Scorecard writes one after the other, in the order made (a draft saved twice at
        #: once would be made twice).
        self._card_lock = asyncio.Lock()
        self._tracker = ListeningTracker(self._listened)
        session.opened.connect(self._opened)
        session.cleared.connect(self._cleared)
        player = session.player
        player.position_changed.connect(self._position)
        player.player.playbackStateChanged.connect(self._playback_state)
        browser.library_available.connect(self._library_changed)
        browser.page_loaded.connect(lambda page, *_: self.load_statuses(c.id for c in page.data))

    # -- where the records are -------------------------------------------------------------

    @property
    def source_name(self) -> str:
        """What audit entries name as the source: the account's API (or the demo)."""
        connection = self.browser.connection
        return connection.account if connection is not None else "none"

    def _library_changed(self, _available: bool) -> None:
        self._store = None

    def _existing_store(self) -> ReviewStore | None:
        source = self.browser.library_source
        if source is None:
            return None
        if self._store is None or self._store.library is not source.library:
            self._store = ReviewStore(source.library, self.desk.trail, source=self.source_name)
        return self._store

    async def store(self) -> ReviewStore:
        """The account's review records (its library is made when it has none)."""
        await self.browser.ensure_library()
        store = self._existing_store()
        assert store is not None  # ensure_library made it or raised
        return store

    def _change(self, coro: Coroutine[Any, Any, T], done: Callable[[T], None]) -> None:
        self._jobs.run(coro, done, lambda e: self.failed.emit(error_line(e)))

    # -- the open call ---------------------------------------------------------------------

    @property
    def call(self) -> CallSummary | None:
        return self.session.call

    def _opened(self, call: CallSummary) -> None:
        self._tracker.flush()
        self.notes, self.card, self.answers = [], None, {}
        self.notes_changed.emit([])
        self.card_changed.emit(self.template, None)
        self.scores_changed.emit(score(self.template, ()))
        self._audit(audit.CALL_OPENED, call.id, {})
        self.reload()

    def _cleared(self) -> None:
        self._tracker.flush()
        self._reads.cancel()
        self.notes, self.card, self.answers = [], None, {}
        self.notes_changed.emit([])
        self.card_changed.emit(self.template, None)

    def reload(self) -> None:
        """Read the open call's notes and the reviewer's scorecard again."""
        call, store = self.call, self._existing_store()
        if call is None or store is None:
            return
        self._reads.run(self._read(store, call.id), self._read_done, self._read_failed)

    async def _read(self, store: ReviewStore, call_id: str) -> tuple[list[Note], Scorecard | None]:
        notes = await store.notes(call_id)
        return notes, await self._mine(store, call_id)

    async def _mine(self, store: ReviewStore, call_id: str) -> Scorecard | None:
        """The reviewer's draft of the template on screen, else their last submitted one."""
        draft = await store.draft(call_id, self.template.key)
        if draft is not None:
            return draft
        mine = [
            c
            for c in await store.scorecards(call_id)
            if c.template_key == self.template.key
            and not c.imported
            and c.reviewer == self.desk.reviewer
        ]
        return mine[-1] if mine else None

    def _read_done(self, found: tuple[list[Note], Scorecard | None]) -> None:
        notes, card = found
        self._show_notes(notes)
        self._show_card(card)

    def _read_failed(self, error: AurionError) -> None:
        self.failed.emit(
            self.tr("The review records cannot be read: {error}").format(error=error_message(error))
        )

    # -- notes -----------------------------------------------------------------------------

    def _show_notes(self, notes: list[Note]) -> None:
        self.notes = sorted(notes, key=lambda n: (n.offset, n.created_at))
        self.notes_changed.emit(list(self.notes))

    def add_note(
        self, offset: float, text: str, tags: tuple[str, ...] = (), segment: int | None = None
    ) -> None:
        call = self.call
        if call is None:
            return

        async def add() -> Note:
            store = await self.store()
            return await store.add_note(call.id, offset, text, tags=tags, segment=segment)

        self._change(add(), lambda note: self._note_saved(call.id, note))

    def edit_note(self, note: Note, text: str, tags: tuple[str, ...]) -> None:
        async def edit() -> Note:
            store = await self.store()
            return await store.edit_note(note.id, text=text, tags=tags)

        self._change(edit(), lambda changed: self._note_saved(note.call_id, changed))

    def delete_note(self, note: Note) -> None:
        async def delete() -> None:
            store = await self.store()
            await store.delete_note(note.id)

        self._change(delete(), lambda _none: self._note_deleted(note))

    def _note_saved(self, call_id: str, note: Note) -> None:
        self.recorded.emit("note")
        if self.call is not None and self.call.id == call_id:
            self._show_notes([n for n in self.notes if n.id != note.id] + [note])
        self.load_statuses([call_id])

    def _note_deleted(self, note: Note) -> None:
        self.recorded.emit("note")
        if self.call is not None and self.call.id == note.call_id:
            self._show_notes([n for n in self.notes if n.id != note.id])
        self.load_statuses([note.call_id])

    # -- the scorecard ---------------------------------------------------------------------

    def _show_card(self, card: Scorecard | None) -> None:
        self.card = card
        self.answers = {a.criterion_id: a for a in card.answers} if card is not None else {}
        self.card_changed.emit(self.template, card)
        self.scores_changed.emit(score(self.template, self.answers.values()))

    def choose_template(self, key: str) -> None:
        template = self.desk.template(key)
        if template is None or template.key == self.template.key:
            return
        self.template = template
        self._show_card(None)
        self.reload()

    def load_template(self, template: Template) -> None:
        """A template the reviewer just loaded (``ReviewDesk.load_template``): show it."""
        self.template = template
        self._show_card(None)
        self.reload()

    @property
    def editable(self) -> bool:
        return self.call is not None and (self.card is None or not self.card.submitted)

    def answer(self, criterion_id: str, value: str | int | None) -> None:
        """Answer a criterion (None: take the answer back); saved as the draft."""
        if not self.editable:
            return
        old = self.answers.get(criterion_id)
        if value is None:
            self.answers.pop(criterion_id, None)
        else:
            evidence = old.evidence if old is not None else ()
            comment = old.comment if old is not None else ""
            self.answers[criterion_id] = Answer(criterion_id, value, evidence, comment)
        self._save_draft()

    def add_evidence(self, criterion_id: str, seconds: float) -> bool:
        """Attach a moment to an answered criterion (False when it has no answer yet)."""
        old = self.answers.get(criterion_id)
        if not self.editable or old is None:
            return False
        moments = tuple(sorted({*old.evidence, round(max(0.0, seconds), 1)}))
        self.answers[criterion_id] = Answer(criterion_id, old.value, moments, old.comment)
        self._save_draft()
        return True

    def remove_evidence(self, criterion_id: str, seconds: float) -> None:
        old = self.answers.get(criterion_id)
        if not self.editable or old is None:
            return
        moments = tuple(t for t in old.evidence if t != seconds)
        self.answers[criterion_id] = Answer(criterion_id, old.value, moments, old.comment)
        self._save_draft()

    def _save_draft(self) -> None:
        self.scores_changed.emit(score(self.template, self.answers.values()))
        call, template, answers = self.call, self.template, list(self.answers.values())
        if call is None:
            return

        async def save() -> Scorecard:
            async with self._card_lock:
                store = await self.store()
                return await store.save_scorecard(call.id, template, answers)

        self._change(save(), lambda card: self._card_saved(call.id, card))

    def _card_saved(self, call_id: str, card: Scorecard) -> None:
        self.recorded.emit("scorecard")
        shown = self.call is not None and self.call.id == call_id
        if shown and card.template_key == self.template.key:
            self.card = card
            self.card_changed.emit(self.template, card)
        self.load_statuses([call_id])

    def submit(self) -> None:
        """Submit the scorecard on screen (every criterion answered): it no longer changes."""
        call, template, answers = self.call, self.template, list(self.answers.values())
        if call is None or not self.editable:
            return
        scores = score(template, answers)
        if not scores.complete:
            self.failed.emit(
                self.tr("Answer every criterion before submitting (%Ln left).", "",
                        len(scores.unanswered))
            )  # fmt: skip
            return

        async def submit() -> Scorecard:
            async with self._card_lock:
                store = await self.store()
                draft = await store.save_scorecard(call.id, template, answers)
                return await store.submit_scorecard(draft.id)

        self._change(submit(), lambda card: self._card_saved(call.id, card))

    def revise(self) -> None:
        """Start a new draft from the submitted scorecard on screen (the submitted one stays)."""
        card = self.card
        if card is None or not card.submitted:
            return

        async def revise() -> Scorecard:
            async with self._card_lock:
                store = await self.store()
                return await store.revise_scorecard(card.id)

        self._change(revise(), lambda new: self._revised(card.call_id, new))

    def _revised(self, call_id: str, card: Scorecard) -> None:
        if self.call is not None and self.call.id == call_id:
            self._show_card(card)
        self.load_statuses([call_id])

    # -- review status of the calls shown --------------------------------------------------

    def load_statuses(self, call_ids: Any) -> None:
        store = self._existing_store()
        ids = list(call_ids)
        if store is None or not ids:
            return
        self._jobs.run(
            store.statuses(ids),
            self.statuses_changed.emit,
            lambda e: log.warning("review statuses not read: %s", e),
        )

    # -- audit: opened and listened --------------------------------------------------------

    def _audit(self, event: str, call_id: str | None, data: dict[str, Any]) -> None:
        self._jobs.run(
            self.desk.record(event, call_id=call_id, source=self.source_name, data=data),
            lambda _none: self.recorded.emit(event),
            lambda e: self.failed.emit(error_line(e)),
        )

    def _position(self, ms: int) -> None:
        call_id = self.session.player.call_id
        if call_id is not None and self.session.player.playing:
            self._tracker.position(call_id, ms / 1000)

    def _playback_state(self, state: QMediaPlayer.PlaybackState) -> None:
        if state is not QMediaPlayer.PlaybackState.PlayingState:
            self._tracker.paused()
        if state is QMediaPlayer.PlaybackState.StoppedState:
            self._tracker.flush()

    def _listened(self, call_id: str, intervals: list[tuple[float, float]]) -> None:
        self._audit(audit.RECORDING_LISTENED, call_id, {"intervals": [list(i) for i in intervals]})

    async def aclose(self) -> None:
        """Record what was listened to and finish every change before the library closes."""
        self._tracker.flush()
        self._reads.cancel()
        await self._jobs.drain()
