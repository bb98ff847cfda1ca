"""The window by keyboard only: every control on one Tab chain, Space and Enter on buttons, and
a whole review (pick a call, play, seek, search, sort, page, export) without the mouse.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from app.textsearch import fold
from tests.ui.conftest import WindowFactory
from ui.accessibility import announcer
from ui.export_dialog import ExportDialog
from ui.focus import focus_rings
from ui.main_window import MainWindow
from ui.settings import Prefs
from ui.theme import contrast_ratio

Key, Mod = Qt.Key, Qt.KeyboardModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Mod.NoModifier) -> None:
    """A key press where the keyboard focus is, as the user's keyboard would send it."""
    qtbot.keyClick(focused(), key, modifier)


def active(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts and focus work in the active window
    return window


def select_completed_call(window: MainWindow, qtbot: QtBot) -> int:
    row = next(i for i, c in enumerate(window.model.calls()) if c.status == "completed")
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
        window.table.selectRow(row)
    return row


def tab_cycle(qtbot: QtBot, start: QWidget, limit: int = 80) -> list[QWidget]:
    """Widgets Tab visits from ``start`` until it comes back to ``start``."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    visited: list[QWidget] = []
    for _ in range(limit):
        press(qtbot, Key.Key_Tab)
        if focused() is start:
            return visited
        visited.append(focused())
    raise AssertionError(f"Tab never came back to {start!r}: {visited}")


def test_tab_leaves_the_table_and_visits_every_control_once(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = active(qtbot, make_window())
    select_completed_call(window, qtbot)
    qtbot.waitUntil(lambda: window.review.controls.play_button.isEnabled(), timeout=10_000)

    window.table.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Key.Key_Tab)
    assert focused() is window.pager.size_box  # out of the table, not to its next cell
    press(qtbot, Key.Key_Tab, Mod.ShiftModifier)
    assert focused() is window.table

    cycle = tab_cycle(qtbot, window.profile_box)
    assert len(cycle) == len(set(cycle)), "a control is visited twice"
    toolbar = window.toolbar
    controls = window.review.controls
    expected = [
        toolbar.widgetForAction(window.accounts_action),
        window.source_switch.buttons["live"],  # "Library" is off: this account has none yet
        toolbar.widgetForAction(window.refresh_action),
        window.sort_button,
        window.auto_refresh_box,
        toolbar.widgetForAction(window.sync_action),
        *window.demo_banner.buttons(),
        window.table,
        window.pager.size_box,
        window.pager.next_button,
        window.pager.last_button,
        window.detail.toggle_button,
        window.detail.id_field,
        window.detail.copy_button,
        controls.slider,
        controls.back15,
        controls.back5,
        controls.play_button,
        controls.fwd5,
        controls.fwd15,
        controls.speed_box,
        controls.mute_button,
        controls.volume,
        window.review.transcript.list,
    ]
    assert cycle == expected


def test_space_and_enter_press_buttons_playback_keys_stay_where_listening_happens(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = active(qtbot, make_window())
    select_completed_call(window, qtbot)
    qtbot.waitUntil(lambda: window.player.link is not None, timeout=10_000)

    box = window.auto_refresh_box
    box.setFocus(Qt.FocusReason.TabFocusReason)
    before = box.isChecked()
    press(qtbot, Key.Key_Space)
    assert box.isChecked() is not before and not window.player.playing
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: box.isChecked() is before, timeout=2_000)  # an animated click
    assert not window.player.playing

    copy = window.detail.copy_button
    copy.setFocus(Qt.FocusReason.TabFocusReason)
    with qtbot.waitSignal(copy.clicked, timeout=2_000):
        press(qtbot, Key.Key_Return)
    assert QApplication.clipboard().text() == window.detail.id_field.text()
    press(qtbot, Key.Key_K)  # not a playback key outside table, transcript and player
    assert not window.player.playing

    window.review.controls.fwd15.setFocus(Qt.FocusReason.TabFocusReason)
    position = window.player.player.position()
    press(qtbot, Key.Key_Space)  # presses "+15s", does not start playback
    qtbot.waitUntil(lambda: window.player.player.position() >= position + 14_000, timeout=5_000)
    assert not window.player.playing


def test_a_whole_review_by_keyboard(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    window.settings.set(Prefs.export_dir, str(tmp_path))  # where the export goes
    window.settings.set(Prefs.export_formats, "txt")
    active(qtbot, window)
    said: list[str] = []
    announcer().announced.connect(lambda text, _assertive: said.append(text))

    # pick a call: Ctrl+L to the table, then Down to a finished call
    press(qtbot, Key.Key_L, Mod.ControlModifier)
    assert focused() is window.table
    row = next(i for i, c in enumerate(window.model.calls()) if c.status == "completed")
    press(qtbot, Key.Key_Home, Mod.ControlModifier)  # the first call
    for _ in range(row):
        press(qtbot, Key.Key_Down)
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: window.player.link is not None, timeout=10_000)
    assert window.detail.id_field.text() == window.model.call_at(row).id  # type: ignore[union-attr]

    # play, then seek with the position slider's keys
    press(qtbot, Key.Key_Space)
    qtbot.waitUntil(lambda: window.player.playing, timeout=5_000)
    press(qtbot, Key.Key_K)
    qtbot.waitUntil(lambda: not window.player.playing, timeout=5_000)
    slider = window.review.controls.slider
    while focused() is not slider:
        press(qtbot, Key.Key_Tab)
    start = window.player.player.position()
    press(qtbot, Key.Key_Right)
    press(qtbot, Key.Key_Right)
    qtbot.waitUntil(lambda: window.player.player.position() >= start + 9_000, timeout=5_000)
    assert " of " in slider.accessibleDescription()

    # search the transcript, without accents, and close the search
    transcript = window.review.transcript
    word = max(transcript.model.timeline.segments[1].text.split(), key=len).strip(",.?!")
    press(qtbot, Key.Key_F, Mod.ControlModifier)
    assert focused() is transcript.search_edit
    qtbot.keyClicks(transcript.search_edit, fold(word))  # typed without accents
    press(qtbot, Key.Key_Return)
    assert " of " in transcript.hits_label.text()
    press(qtbot, Key.Key_Escape)
    assert not transcript.search_bar.isVisible() and focused() is transcript.list

    # sort by duration from the Sort button's menu
    while focused() is not window.sort_button:
        press(qtbot, Key.Key_Tab)

    def choose_longest_first() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if action.text() == "Duration, longest first":
                menu.setActiveAction(action)
        qtbot.keyClick(menu, Key.Key_Return)

    QTimer.singleShot(200, choose_longest_first)
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        press(qtbot, Key.Key_Space)
    assert (window.browser.sort_by, window.browser.sort_order) == ("duration_seconds", "desc")
    assert "Duration, longest first" in window.sort_button.text()
    qtbot.waitUntil(lambda: any("longest first" in s for s in said), timeout=2_000)

    # page: Enter on the pager's next button
    while focused() is not window.pager.next_button:
        press(qtbot, Key.Key_Tab)
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        press(qtbot, Key.Key_Return)
    assert window.pager.range_label.text() == "51–100 of 1,200"
    assert any(s.startswith("Calls 51–100 of 1,200") for s in said)

    # export this call: Ctrl+E, Enter exports, Esc closes
    press(qtbot, Key.Key_L, Mod.ControlModifier)
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_E, Mod.ControlModifier)
    dialog = window.export_dialog
    assert isinstance(dialog, ExportDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000) as finished:
        press(qtbot, Key.Key_Return)
    assert finished.args == [True]
    assert len(list(tmp_path.glob("*.txt"))) == 1
    assert said[-1].startswith("Exported 1 call")  # the result is announced
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_focused_control_has_a_visible_ring(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = active(qtbot, make_window())
    window.table.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Key.Key_Tab)
    target = focused()
    rings = focus_rings()
    assert rings is not None
    ring = rings.ring_for(window)
    assert ring is not None and ring.isVisible() and ring.target is target
    frame = ring.geometry()
    inner = QRect(target.mapTo(window, QPoint(0, 0)), target.size())
    assert frame.contains(inner) and frame.width() >= inner.width() + 4
    image = window.grab().toImage()
    background = window.palette().color(QPalette.ColorRole.Window)
    for x, y in ((frame.left() + 1, frame.center().y()), (frame.center().x(), frame.top() + 1)):
        assert contrast_ratio(image.pixelColor(x, y), background) >= 3.0

    window.review.controls.slider.setEnabled(True)
    window.review.controls.slider.setFocus(Qt.FocusReason.TabFocusReason)
    assert ring.target is window.review.controls.slider and ring.isVisible()


def test_the_search_clear_button_is_on_the_tab_chain(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = active(qtbot, make_window())
    select_completed_call(window, qtbot)
    window.table.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Key.Key_F, Mod.ControlModifier)
    search = window.review.transcript.search_edit
    qtbot.keyClicks(search, "bonjour")
    press(qtbot, Key.Key_Tab)
    clear = focused()
    assert clear.accessibleName() == "Clear search"
    press(qtbot, Key.Key_Space)
    assert search.text() == "" and focused() is search
    qtbot.waitUntil(lambda: not clear.isVisible())  # Qt fades it out
    press(qtbot, Key.Key_Tab)  # nothing to clear: the hidden button is skipped
    assert focused() is window.review.transcript.prev_button
