"""Reviewing in the window: notes at the playhead, the scorecard pane, review status, the trail."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.demo.config import DemoConfig
from app.demo.process import DemoProcess
from app.review.audit import verify_file
from app.review.scorecard import NA, NO, YES
from app.review.store import Note
from tests.ui.conftest import WindowFactory
from tests.ui.test_library_view import synced
from ui.main_window import MainWindow
from ui.models.call_table_model import Column
from ui.models.transcript_model import NotesRole
from ui.widgets.notes_panel import NoteDialog
from ui.widgets.review_panel import NOTES, SCORECARD

#: Each test its own libraries and audit trail (notes make the demo account a library).
pytestmark = pytest.mark.usefixtures("data_dir")


@pytest.fixture
def small_demo() -> Iterator[DemoProcess]:
    with DemoProcess(DemoConfig(calls=60, control=True)) as server:
        yield server


def open_completed(window: MainWindow, qtbot: QtBot, nth: int = 0) -> int:
    rows = [i for i, c in enumerate(window.model.calls()) if c.status == "completed"]
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
        window.table.selectRow(rows[nth])
    qtbot.waitUntil(lambda: window.player.link is not None, timeout=10_000)
    return rows[nth]


def trail_events(window: MainWindow) -> list[tuple[str, str | None]]:
    return [(e.event, e.call_id) for e in window.desk.trail.entries()]


def press_n(window: MainWindow, qtbot: QtBot) -> NoteDialog:
    """N in the call table, as a keyboard user does: the note dialog opens."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    with qtbot.waitSignal(window.review_view.note_dialog_opened, timeout=5_000) as opened:
        qtbot.keyClick(window.table, Qt.Key.Key_N)
    dialog = opened.args[0]
    assert isinstance(dialog, NoteDialog)
    return dialog


def save_note(window: MainWindow, qtbot: QtBot, dialog: NoteDialog) -> list[Note]:
    """Click Save; the notes of the open call once saved."""
    with qtbot.waitSignal(window.reviews.notes_changed, timeout=10_000) as changed:
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )
    return list(changed.args[0])


def write_note(window: MainWindow, qtbot: QtBot, text: str, tags: str = "") -> list[Note]:
    dialog = press_n(window, qtbot)
    qtbot.keyClicks(dialog.text, text)
    dialog.tags.setText(tags)
    return save_note(window, qtbot, dialog)


def test_n_notes_the_moment_playing_and_playback_waits_for_the_typing(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    row = open_completed(window, qtbot)
    call = window.model.call_at(row)
    assert call is not None
    window.player.toggle()
    qtbot.waitUntil(lambda: window.player.player.position() > 1500, timeout=10_000)
    dialog = press_n(window, qtbot)
    assert not window.player.playing  # paused while the reviewer types
    assert (
        window.review_actions.review_panel_shown
        and window.review_panel.stack.currentIndex() == NOTES
    )
    at = dialog.offset
    assert at >= 1.5
    qtbot.keyClicks(dialog.text, "Agent confirms the VPN reset")
    dialog.tags.setText("#resolution, tools")
    (note,) = save_note(window, qtbot, dialog)
    qtbot.waitUntil(lambda: window.player.playing, timeout=5_000)  # and it goes on

    assert (note.call_id, note.text, note.tags) == (
        call.id,
        "Agent confirms the VPN reset",
        ("resolution", "tools"),
    )
    assert note.offset == pytest.approx(at)
    assert note.reviewer == window.desk.reviewer
    notes = window.review_panel.notes
    assert notes.model.rowCount() == 1
    assert notes.model.index(0).data().startswith(f"0:0{int(at)}  Agent confirms the VPN reset")
    assert window.review_panel.notes_button.text() == "Notes (1)"
    # in the transcript margin, on the line being said then, and on the timeline
    timeline = window.session.timeline
    assert timeline is not None
    line = timeline.index_at(at)
    margin = window.review.transcript.model
    assert margin.index(line).data(NotesRole) == ["Agent confirms the VPN reset"]
    assert [r for r in range(margin.rowCount()) if margin.index(r).data(NotesRole)] == [line]
    assert window.review.controls.slider.marks == [pytest.approx(at)]
    # the call is now in review, in the table
    qtbot.waitUntil(lambda: window.model.index(row, Column.REVIEW).data() == "In review")
    # and the trail says so, without the note's text
    events = trail_events(window)
    assert ("call.opened", call.id) in events and ("note.added", call.id) in events
    assert "VPN reset" not in window.desk.trail.path.read_text("utf-8")


def test_a_note_plays_from_its_moment_edits_and_deletes(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    open_completed(window, qtbot)
    window.player.seek(4000)
    qtbot.waitUntil(lambda: window.player.player.position() >= 4000, timeout=10_000)
    write_note(window, qtbot, "Greeting is late")
    notes = window.review_panel.notes
    notes.list.setCurrentIndex(notes.model.index(0))
    window.player.seek(0)
    qtbot.waitUntil(lambda: window.player.player.position() < 1000, timeout=10_000)
    notes.list.setFocus()
    qtbot.keyClick(notes.list, Qt.Key.Key_Return)  # Enter plays from the note
    qtbot.waitUntil(lambda: window.player.playing, timeout=5_000)
    assert window.player.player.position() >= 3900

    with qtbot.waitSignal(window.review_view.note_dialog_opened, timeout=5_000) as opened:
        qtbot.mouseClick(notes.edit_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert dialog.text.toPlainText() == "Greeting is late"
    dialog.text.setPlainText("Greeting is late (4 s)")
    with qtbot.waitSignal(window.reviews.notes_changed, timeout=10_000) as changed:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert [n.text for n in changed.args[0]] == ["Greeting is late (4 s)"]
    assert "Greeting is late (4 s)" in notes.model.index(0).data()

    notes.list.setFocus()
    notes.list.setCurrentIndex(notes.model.index(0))
    with qtbot.waitSignal(window.reviews.notes_changed, timeout=10_000) as changed:
        qtbot.keyClick(notes.list, Qt.Key.Key_Delete)
    assert changed.args[0] == []
    assert notes.model.rowCount() == 0 and notes.empty.isVisible() is not None
    assert window.review.controls.slider.marks == []
    events = [e for e, _ in trail_events(window)]
    assert events.count("note.added") == 1
    assert "note.changed" in events and "note.deleted" in events


def test_an_empty_note_is_not_saved_and_cancel_keeps_playing(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    open_completed(window, qtbot)
    window.player.toggle()
    qtbot.waitUntil(lambda: window.player.playing, timeout=5_000)
    dialog = press_n(window, qtbot)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and "empty note" in dialog.problem.text()
    dialog.reject()
    qtbot.waitUntil(lambda: window.player.playing, timeout=5_000)
    assert window.review_panel.notes.model.rowCount() == 0
    assert window.reviews.notes == []


def choose(box: QComboBox, qtbot: QtBot, text: str) -> None:
    """Choose an answer as a keyboard user does: focus the box and step to it."""
    box.setFocus()
    target = box.findText(text)
    assert target >= 0, text
    key = Qt.Key.Key_Down if target > box.currentIndex() else Qt.Key.Key_Up
    while box.currentIndex() != target:
        qtbot.keyClick(box, key)


def test_the_scorecard_scores_as_it_is_answered_and_submits(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    row = open_completed(window, qtbot)
    call = window.model.call_at(row)
    assert call is not None
    window.review_actions.show_review_panel(True, page=SCORECARD)
    pane = window.review_panel.scorecard
    template = window.reviews.template
    assert list(pane.rows) == [c.id for c in template.criteria]
    total = len(template.criteria)
    assert f"0 of {total} answered" in pane.scores.text()

    # a fatal criterion failed zeroes quality; compliance is counted apart
    fatal = next(c for c in template.criteria if c.fatal)
    scored = [c for c in template.criteria if not c.compliance and not c.fatal]
    compliance = [c for c in template.criteria if c.compliance]
    assert fatal in compliance  # the default template: authentication is both
    first = scored[0]
    with qtbot.waitSignal(window.reviews.card_changed, timeout=10_000):
        choose(pane.rows[first.id].box, qtbot, "Yes" if first.answer != "scale" else
               f"{first.scale} of {first.scale}")  # fmt: skip
    assert "Quality 100%" in pane.scores.text()
    assert "Draft, saved" in pane.state.text()

    # E attaches the playhead to the focused criterion
    window.player.seek(3000)
    qtbot.waitUntil(lambda: window.player.player.position() >= 3000, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    pane.rows[first.id].box.setFocus()
    with qtbot.waitSignal(window.reviews.card_changed, timeout=10_000):
        qtbot.keyClick(pane.rows[first.id].box, Qt.Key.Key_E)
    assert window.reviews.answers[first.id].evidence == (pytest.approx(3.0, abs=0.3),)
    assert pane.rows[first.id].evidence.isVisible()
    assert "0:03" in pane.rows[first.id].evidence.text()

    with qtbot.waitSignal(window.reviews.card_changed, timeout=10_000):
        choose(pane.rows[fatal.id].box, qtbot, "No")
    assert "Quality 0%" in pane.scores.text() and "fatal" in pane.scores.text()
    for criterion in compliance:
        if criterion is not fatal:
            with qtbot.waitSignal(window.reviews.card_changed, timeout=10_000):
                choose(pane.rows[criterion.id].box, qtbot, "Yes")
    expected = 100 * (len(compliance) - 1) / len(compliance)
    assert f"Compliance {expected:.0f}%" in pane.scores.text()

    # submitting needs every criterion
    with qtbot.waitSignal(window.reviews.failed, timeout=5_000) as refused:
        qtbot.mouseClick(pane.submit_button, Qt.MouseButton.LeftButton)
    assert "Answer every criterion" in refused.args[0]
    for criterion in template.criteria:
        if criterion.id in window.reviews.answers:
            continue
        text = (
            "Not applicable"
            if criterion.na
            else (
                "Yes" if criterion.answer != "scale" else f"{criterion.scale} of {criterion.scale}"
            )
        )
        with qtbot.waitSignal(window.reviews.card_changed, timeout=10_000):
            choose(pane.rows[criterion.id].box, qtbot, text)
    assert f"{total} of {total} answered" in pane.scores.text()
    with qtbot.waitSignal(
        window.reviews.card_changed, timeout=10_000, check_params_cb=lambda _t, c: c.submitted
    ) as submitted:
        qtbot.mouseClick(pane.submit_button, Qt.MouseButton.LeftButton)
    card = submitted.args[1]
    assert card.submitted and card.quality == 0.0 and card.fatal == (fatal.id,)
    assert "Submitted" in pane.state.text()
    assert not pane.rows[first.id].box.isEnabled() and pane.revise_button.isVisible()
    qtbot.waitUntil(lambda: window.model.index(row, Column.REVIEW).data() == "Reviewed")
    answers = {a.criterion_id: a.value for a in card.answers}
    assert answers[fatal.id] == NO and answers[first.id] in (YES, first.scale)
    assert all(v in (YES, NO, NA) or isinstance(v, int) for v in answers.values())
    events = [e for e, c in trail_events(window) if c == call.id]
    assert "scorecard.saved" in events and "scorecard.submitted" in events
    assert verify_file(window.desk.trail.path).ok

    # a submitted scorecard does not change; Revise starts a new draft from it
    with qtbot.waitSignal(window.reviews.card_changed, timeout=10_000) as revised:
        qtbot.mouseClick(pane.revise_button, Qt.MouseButton.LeftButton)
    draft = revised.args[1]
    assert not draft.submitted and draft.supersedes == card.id
    assert pane.rows[first.id].box.isEnabled()


def test_notes_and_scorecard_come_back_in_a_new_window(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    row = open_completed(window, qtbot, nth=1)
    write_note(window, qtbot, "Caller repeats the ticket number", "tickets")
    criterion = window.reviews.template.criteria[0]
    window.review_actions.show_review_panel(True, page=SCORECARD)
    with qtbot.waitSignal(window.reviews.card_changed, timeout=10_000):
        choose(window.review_panel.scorecard.rows[criterion.id].box, qtbot, "No")
    call_id = window.model.call_at(row).id  # type: ignore[union-attr]

    again = make_window()
    qtbot.waitUntil(lambda: again.browser.library is not None, timeout=10_000)
    target = again.model.row_of(call_id)
    with qtbot.waitSignal(
        again.reviews.card_changed, timeout=10_000, check_params_cb=lambda _t, c: c is not None
    ) as shown:
        again.table.selectRow(target)
    qtbot.waitUntil(lambda: again.review_panel.notes.model.rowCount() == 1, timeout=10_000)
    assert "Caller repeats the ticket number  #tickets" in (
        again.review_panel.notes.model.index(0).data()
    )
    card = shown.args[1]
    assert card is not None and card.answer(criterion.id).value == NO
    # the note is marked in the margin of the transcript that loaded alongside
    margin = again.review.transcript.model
    qtbot.waitUntil(
        lambda: any(margin.index(r).data(NotesRole) for r in range(margin.rowCount())),
        timeout=10_000,
    )
    assert again.review_panel.scorecard.rows[criterion.id].box.currentText() == "No"
    qtbot.waitUntil(lambda: again.model.index(target, Column.REVIEW).data() == "In review")
    # the live view stays the live view: a library made for notes is empty of calls
    assert again.browser.mode.value == "live"


def test_listening_is_one_trail_entry_with_merged_intervals(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    row = open_completed(window, qtbot)
    call_id = window.model.call_at(row).id  # type: ignore[union-attr]
    window.player.toggle()
    qtbot.waitUntil(lambda: window.player.player.position() > 1200, timeout=10_000)
    window.player.toggle()  # pause, then go on: still one entry
    qtbot.waitUntil(lambda: not window.player.playing, timeout=5_000)
    window.player.toggle()
    qtbot.waitUntil(lambda: window.player.player.position() > 2200, timeout=10_000)
    with qtbot.waitSignal(window.reviews.recorded, timeout=10_000) as recorded:
        open_completed(window, qtbot, nth=1)  # another call: what was heard is written
        qtbot.waitUntil(lambda: ("recording.listened", call_id) in trail_events(window))
    assert recorded.args
    entries = [e for e in window.desk.trail.entries() if e.event == "recording.listened"]
    assert len(entries) == 1 and entries[0].call_id == call_id
    intervals = json.loads(json.dumps(entries[0].data["intervals"]))
    assert len(intervals) == 1
    start, end = intervals[0]
    assert start < 0.6 and end > 2.0


def test_the_library_filters_and_sorts_calls_by_review_status(
    make_window: WindowFactory, qtbot: QtBot, small_demo: DemoProcess
) -> None:
    window = synced(qtbot, make_window(demo=small_demo))
    first = open_completed(window, qtbot)
    reviewed_id = window.model.call_at(first).id  # type: ignore[union-attr]
    write_note(window, qtbot, "Needs a second listen")
    qtbot.waitUntil(lambda: window.model.index(first, Column.REVIEW).data() == "In review")

    bar = window.filter_bar
    bar.toggle.click()
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        bar.review.setCurrentIndex(bar.review.findData("in_review"))
    assert [c.id for c in window.model.calls()] == [reviewed_id]
    assert window.model.index(0, Column.REVIEW).data() == "In review"
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        bar.review.setCurrentIndex(bar.review.findData("unreviewed"))
    assert reviewed_id not in [c.id for c in window.model.calls()]
    assert window.model.rowCount() > 0
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        bar.clear()
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        window.set_sort("review_status", "desc")
    assert window.model.calls()[0].id == reviewed_id
