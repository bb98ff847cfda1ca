"""Listening in the main window: selecting loads the transcript and recording; keys drive it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WindowFactory
from ui.main_window import MainWindow
from ui.widgets.review_pane import NO_AUDIO_OUTPUT


def select_call(window: MainWindow, qtbot: QtBot, status: str) -> int:
    row = next(i for i, c in enumerate(window.model.calls()) if c.status == status)
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
        window.table.selectRow(row)
    return row


def test_selecting_a_call_shows_its_transcript_and_readies_playback(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    select_call(window, qtbot, "completed")
    transcript = window.review.transcript
    assert transcript.model.rowCount() > 3
    assert transcript.model.index(0).data().startswith(("Bonjour", "Hello"))
    qtbot.waitUntil(lambda: window.review.controls.play_button.isEnabled(), timeout=10_000)
    assert len(window.review.controls.slider.turns) == transcript.model.rowCount()


def test_space_plays_and_pauses_unless_typing(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    select_call(window, qtbot, "completed")
    qtbot.waitUntil(lambda: window.player.link is not None, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.player.playing, timeout=5_000)
    qtbot.keyClick(window.table, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: not window.player.playing, timeout=5_000)
    # typing a space in the search field types, it does not play
    window.review.transcript.open_search()
    qtbot.keyClicks(window.review.transcript.search_edit, "le support")
    assert window.review.transcript.search_edit.text() == "le support"
    assert not window.player.playing


def test_ctrl_f_searches_with_a_hit_count(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    select_call(window, qtbot, "completed")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    view = window.review.transcript
    assert view.search_edit.hasFocus()
    first_word = view.model.index(0).data().split()[0].strip(",")
    qtbot.keyClicks(view.search_edit, first_word)
    assert view.model.matches and view.model.matches[0] == 0
    assert view.hits_label.text() == f"1 of {len(view.model.matches)}"
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Escape)
    assert not view.search_bar.isVisible()


def test_active_call_says_why_there_is_no_recording(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    row = next(i for i, c in enumerate(window.model.calls()) if c.status == "active")
    window.table.selectRow(row)
    qtbot.waitUntil(lambda: window.review.recording_status.isVisible(), timeout=10_000)
    assert "No recording available" in window.review.recording_status.text()
    assert "in progress" in window.review.recording_status.text()
    assert not window.review.controls.play_button.isEnabled()


def test_shortcuts_dialog_lists_the_playback_keys(make_window: WindowFactory, qtbot: QtBot) -> None:
    from ui.shortcuts import ShortcutsDialog

    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    keys = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert {"Space or K", "Left / Right", "J / L", "[ / ]", "Ctrl+F", "F5"} <= keys


def test_shortcuts_dialog_shows_every_shortcut_without_scrolling(qtbot: QtBot) -> None:
    from ui.shortcuts import SHORTCUTS, ShortcutsDialog

    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.table.rowCount() == sum(len(items) for _group, items in SHORTCUTS)
    assert dialog.table.verticalScrollBar().maximum() == 0
    assert dialog.table.horizontalScrollBar().maximum() == 0


def test_a_new_call_opens_its_transcript_at_the_top(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    select_call(window, qtbot, "completed")
    transcript = window.review.transcript.list
    transcript.scrollToBottom()
    assert transcript.verticalScrollBar().value() > 0
    second = [i for i, c in enumerate(window.model.calls()) if c.status == "completed"][1]
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
        window.table.selectRow(second)
    qtbot.wait(50)
    assert transcript.verticalScrollBar().value() == 0


def test_playing_without_an_audio_device_says_it_is_silent(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    window.player.has_audio_output = lambda: False
    select_call(window, qtbot, "completed")
    qtbot.waitUntil(lambda: window.player.link is not None, timeout=10_000)
    assert not window.review.recording_status.isVisible()
    window.player.toggle()
    qtbot.waitUntil(lambda: window.review.recording_status.isVisible(), timeout=5_000)
    assert window.review.recording_status.text() == NO_AUDIO_OUTPUT
    window.player.player.pause()
    window.player.has_audio_output = lambda: True
    window.player._outputs_changed()  # what QMediaDevices reports when a device is plugged in
    assert not window.review.recording_status.isVisible()
