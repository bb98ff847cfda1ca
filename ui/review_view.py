"""Wires the review column, the transcript margin and the timeline to the ReviewSession; writes a
note at the playhead with playback paused while the reviewer types."""

from __future__ import annotations

import bisect
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from app.errors import AurionError
from app.review.scorecard import Scores, Template
from app.review.store import Note, Scorecard
from ui.i18n import error_message, error_title
from ui.player_controller import PlayerController
from ui.review_session import ReviewSession
from ui.widgets.notes_panel import NoteDialog
from ui.widgets.review_pane import ReviewPane
from ui.widgets.review_panel import ReviewPanel


class ReviewView(QObject):
    """The review column's view of the ``ReviewSession``.

    Signals:
        message(str): something to tell in the status bar.
        note_dialog_opened(object): the ``NoteDialog`` just opened (tests and screenshots).
        panel_wanted(int): show the review column at this page (a note is being written).
    """

    message = Signal(str)
    note_dialog_opened = Signal(object)
    panel_wanted = Signal(int)

    def __init__(
        self,
        reviews: ReviewSession,
        panel: ReviewPanel,
        pane: ReviewPane,
        player: PlayerController,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.reviews, self.panel, self.pane, self.player = reviews, panel, pane, player
        self.window = window
        self.dialog: NoteDialog | None = None
        notes, card = panel.notes, panel.scorecard
        notes.add_requested.connect(self.add_note_at_playhead)
        notes.play_requested.connect(self.play_from)
        notes.edit_requested.connect(self.edit_note)
        notes.delete_requested.connect(reviews.delete_note)
        card.set_templates(reviews.desk.templates, reviews.template.key)
        card.template_chosen.connect(reviews.choose_template)
        card.load_template_requested.connect(self.load_template)
        card.answered.connect(reviews.answer)
        card.evidence_requested.connect(self.mark_evidence)
        card.evidence_removed.connect(reviews.remove_evidence)
        card.play_requested.connect(self.play_from)
        card.submit_requested.connect(reviews.submit)
        card.revise_requested.connect(reviews.revise)
        reviews.notes_changed.connect(self._notes_changed)
        reviews.card_changed.connect(self._card_changed)
        reviews.scores_changed.connect(self._scores_changed)
        reviews.failed.connect(self.message)
        reviews.session.opened.connect(lambda _c: self._call_open(True))
        reviews.session.cleared.connect(lambda: self._call_open(False))
        # a new transcript resets the margin: mark the notes again, whoever hears of it first
        pane.transcript.model.modelReset.connect(lambda: self._notes_changed(reviews.notes))
        card.show_card(reviews.template, None)
        card.show_scores(
            Scores(None, None, unanswered=tuple(c.id for c in reviews.template.criteria))
        )
        self._call_open(False)

    def _call_open(self, on: bool) -> None:
        self.panel.notes.set_enabled(on)
        self.panel.scorecard.set_call_open(on)

    # -- notes -----------------------------------------------------------------------------

    def _notes_changed(self, notes: list[Note]) -> None:
        self.panel.notes.set_notes(notes)
        self.panel.set_note_count(len(notes))
        self.pane.controls.slider.set_marks([n.offset for n in notes])
        timeline = self.reviews.session.timeline
        rows: dict[int, list[str]] = {}
        if timeline is not None and len(timeline):
            starts = [s.start for s in timeline.segments]
            for note in notes:
                row = (
                    note.segment
                    if note.segment is not None
                    else (max(0, bisect.bisect_right(starts, note.offset) - 1))
                )
                rows.setdefault(row, []).append(note.text)
        self.pane.transcript.model.set_notes(rows)

    def playhead(self) -> float:
        return max(0.0, self.player.player.position() / 1000)

    def add_note_at_playhead(self) -> None:
        """N: write a note at the moment playing; playback pauses while the reviewer types
        and goes on after (unless it was paused already)."""
        if self.reviews.call is None or self.dialog is not None:
            return
        offset = self.playhead()
        timeline = self.reviews.session.timeline
        segment = None
        if timeline is not None and len(timeline):
            segment = timeline.segments[timeline.index_at(offset)].index
        self.panel_wanted.emit(0)
        self._open_dialog(offset, None, segment)

    def edit_note(self, note: Note) -> None:
        if self.dialog is None:
            self._open_dialog(note.offset, note, note.segment)

    def _open_dialog(self, offset: float, note: Note | None, segment: int | None) -> None:
        was_playing = self.player.playing
        if was_playing:
            self.player.player.pause()
        dialog = NoteDialog(offset, note, self.window)
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            if result == QDialog.DialogCode.Accepted:
                if note is None:
                    self.reviews.add_note(offset, dialog.note_text(), dialog.note_tags(), segment)
                else:
                    self.reviews.edit_note(note, dialog.note_text(), dialog.note_tags())
            if was_playing and self.player.link is not None:
                self.player.player.play()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        self.note_dialog_opened.emit(dialog)

    def play_from(self, seconds: float) -> None:
        if self.player.link is not None:
            self.player.seek(round(seconds * 1000), play=True)

    # -- the scorecard ---------------------------------------------------------------------

    def _card_changed(self, template: Template, card: Scorecard | None) -> None:
        scorecard = self.panel.scorecard
        scorecard.show_card(template, card)
        # the answers on screen are the session's: a save that comes back late shows no
        # older answer than the one just chosen
        for cid in scorecard.rows:
            answer = self.reviews.answers.get(cid)
            scorecard.show_answer(
                cid, answer.value if answer else None, answer.evidence if answer else ()
            )

    def _scores_changed(self, scores: Scores) -> None:
        scorecard = self.panel.scorecard
        for cid, row in scorecard.rows.items():
            answer = self.reviews.answers.get(cid)
            if answer is not None and answer.evidence != row.moments:
                row.show_answer(answer.value, answer.evidence)
            elif answer is None and row.moments:
                row.show_answer(None, ())
        scorecard.show_scores(scores)

    def mark_evidence(self, criterion_id: str) -> None:
        """E, or *Mark moment*: the playhead as evidence for the criterion."""
        at = self.playhead()
        if not self.reviews.add_evidence(criterion_id, at):
            self.message.emit(
                self.tr("Answer the criterion first, then mark the moment that shows it.")
            )

    def load_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Load a scorecard template"),
            "",
            self.tr("Scorecard templates (*.toml)"),
        )
        if not path:
            return
        try:
            template = self.reviews.desk.load_template(Path(path))
        except AurionError as exc:
            QMessageBox.warning(self.window, error_title(exc), error_message(exc))
            return
        self.panel.scorecard.set_templates(self.reviews.desk.templates, template.key)
        self.reviews.load_template(template)
        self.message.emit(
            self.tr("Loaded the template {title} (v{version}).").format(
                title=template.title, version=template.version
            )
        )
