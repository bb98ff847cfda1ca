"""What a screen reader gets: the accessibility tree Qt gives AT-SPI, UIA and NSAccessibility.

Every control has a name, every label and value is read as shown, the playing transcript line
is the selected item, status changes are announced and error banners are alerts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QToolButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.accounts import KeyStore, Profile, ProfileStore
from app.apikey import ApiKey
from app.demo.process import DemoProcess
from tests.ui.a11y_tree import problems, walk
from tests.ui.conftest import WindowFactory
from ui.accessibility import announcer
from ui.accounts_dialog import AccountsDialog
from ui.main_window import MainWindow
from ui.settings import Prefs
from ui.shortcuts import ShortcutsDialog
from ui.widgets.banner import BannerKind


@pytest.fixture
def said(qapp: QApplication) -> Iterator[list[tuple[str, bool]]]:
    """Announcements made while the test runs: (text, assertive)."""
    heard: list[tuple[str, bool]] = []

    def hear(text: str, assertive: bool) -> None:
        heard.append((text, assertive))

    announcer().announced.connect(hear)
    yield heard
    announcer().announced.disconnect(hear)


def open_call(window: MainWindow, qtbot: QtBot, language: str = "fr-FR") -> int:
    row = next(
        i
        for i, c in enumerate(window.model.calls())
        if c.status == "completed" and c.language == language
    )
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
        window.table.selectRow(row)
    qtbot.waitUntil(lambda: window.player.link is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.review.controls.duration_ms() > 0, timeout=10_000)
    return row


def test_the_walk_finds_unnamed_controls_and_hidden_values(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    layout.addWidget(QToolButton())  # no text, no name
    hidden = QLabel("Yes")
    hidden.setAccessibleName("Authenticated")  # read as "Authenticated", never "Yes"
    layout.addWidget(hidden)
    root.show()
    found = problems(root)
    assert any(p.startswith("unnamed Button") for p in found)
    assert any("reads 'Authenticated' but shows 'Yes'" in p for p in found)


def test_the_window_has_no_unnamed_control_or_unreadable_value(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    assert problems(window) == []
    row = open_call(window, qtbot)
    assert problems(window) == []
    window.review.transcript.open_search()
    qtbot.keyClicks(window.review.transcript.search_edit, "bonjour")
    assert problems(window) == []
    names = {n.name for n in walk(window) if n.widget is window.pager.range_label}
    assert names == {"1–50 of 1,200"}
    values = {n.widget: n.name for n in walk(window) if n.widget in window.detail.values.values()}
    call = window.model.call_at(row)
    assert call is not None
    assert values[window.detail.values["authenticated"]] == ("Yes" if call.authenticated else "No")
    assert values[window.detail.values["caller"]] == call.caller_id


def test_detail_values_times_and_counts_are_read_as_shown(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    open_call(window, qtbot)
    shown = {
        window.detail.values["duration"]: window.detail.values["duration"].text(),
        window.review.controls.elapsed: "0:00",
        window.review.controls.total: window.review.controls.total.text(),
        window.pager.page_label: "Page 1 of 24",
    }
    read = {n.widget: n.name for n in walk(window) if n.widget in shown}
    assert read == shown
    description = {n.widget: n.description for n in walk(window) if n.widget in shown}
    assert description[window.review.controls.elapsed] == "Elapsed time"


def test_the_position_slider_reads_minutes_and_seconds(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    open_call(window, qtbot)
    window.player.seek(15_000)
    slider = QAccessible.queryAccessibleInterface(window.review.controls.slider)
    total = window.review.controls.total.text()
    assert slider.text(QAccessible.Text.Description) == f"0:15 of {total}"
    assert slider.valueInterface().currentValue() == 15  # seconds, not 15000 milliseconds
    assert re.fullmatch(r"\d+", slider.text(QAccessible.Text.Value))


def test_the_playing_line_is_the_selected_item_and_lines_are_read_only_on_request(
    make_window: WindowFactory, qtbot: QtBot, said: list[tuple[str, bool]]
) -> None:
    window = make_window()
    open_call(window, qtbot)
    transcript = window.review.transcript
    timeline = transcript.model.timeline
    window.player.player.play()
    qtbot.waitUntil(lambda: window.player.playing, timeout=5_000)
    window.player.seek(round(timeline.segments[2].start * 1000) + 100)
    qtbot.waitUntil(lambda: transcript.model.current == 2, timeout=5_000)

    items = QAccessible.queryAccessibleInterface(transcript.list)
    selected = [i for i in range(items.childCount()) if items.child(i).state().selected]
    assert selected == [2]
    assert items.child(2).text(QAccessible.Text.Description) == "Playing"
    assert not any(text.startswith(("Agent at", "Caller at")) for text, _ in said)

    transcript.announce_action.setChecked(True)  # View > Announce transcript lines
    assert window.settings.get(Prefs.announce_lines)  # and so at the next start
    window.player.seek(round(timeline.segments[3].start * 1000) + 100)
    qtbot.waitUntil(lambda: transcript.model.current == 3, timeout=5_000)
    line = transcript.model.index(3).data(Qt.ItemDataRole.AccessibleTextRole)
    assert (line, False) in said
    window.player.player.pause()


def test_french_transcripts_carry_their_language(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    open_call(window, qtbot, "fr-FR")
    attributes = QAccessible.queryAccessibleInterface(window.review.transcript.list)
    locale = attributes.attributesInterface().attributeValue(QAccessible.Attribute.Locale)
    assert locale.language() == QLocale.Language.French
    open_call(window, qtbot, "en-US")
    locale = attributes.attributesInterface().attributeValue(QAccessible.Attribute.Locale)
    assert locale.language() == QLocale.Language.English


def test_error_banners_are_alerts_and_interrupt(
    make_window: WindowFactory,
    qtbot: QtBot,
    profiles: ProfileStore,
    demo_server: DemoProcess,
    said: list[tuple[str, bool]],
) -> None:
    keys = KeyStore()
    window = make_window(keys=keys)
    assert QAccessible.queryAccessibleInterface(window.demo_banner).role() == QAccessible.Role.Pane
    profiles.save([Profile("Prod", demo_server.base_url)])
    keys.set("Prod", ApiKey("ak_live_wrong_000000"))
    window.connect_to("Prod")
    qtbot.waitUntil(lambda: window.banner.isVisible() and window.banner.kind is BannerKind.ERROR)
    banner = QAccessible.queryAccessibleInterface(window.banner)
    assert banner.role() == QAccessible.Role.AlertMessage
    assert banner.text(QAccessible.Text.Description) == window.banner.text()
    assert (" ".join(window.banner.text().split()), True) in said
    assert problems(window) == []


def test_loading_and_paging_are_announced_once(
    make_window: WindowFactory, qtbot: QtBot, said: list[tuple[str, bool]]
) -> None:
    window = make_window()
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        window.pager.go_next()
    assert ("Calls 51–100 of 1,200, page 2 of 24", False) in said
    count = len(said)
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        window.refresh()  # same page, same text: nothing new to say
    assert said[count:] == []


def test_dialogs_have_named_controls_and_readable_results(
    make_window: WindowFactory,
    qtbot: QtBot,
    tmp_path: Path,
    said: list[tuple[str, bool]],
) -> None:
    window = make_window()
    window.settings.set(Prefs.export_dir, str(tmp_path))
    window.settings.set(Prefs.export_formats, "txt")
    open_call(window, qtbot)
    window.open_export()
    dialog = window.export_dialog
    assert dialog is not None
    assert problems(dialog) == []
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000):
        dialog.start()
    assert problems(dialog) == []
    status = [n.name for n in walk(dialog) if n.widget is dialog.status]
    assert status == [dialog.status.text()] and status[0].startswith("Exported 1 call")
    assert (" ".join(dialog.status.text().split()), False) in said
    dialog.close()

    accounts = AccountsDialog(window.profiles, KeyStore(), window)
    qtbot.addWidget(accounts)
    accounts.show()
    assert problems(accounts) == []
    accounts.test_connection()  # no key typed: says so in its result line
    result = [n.name for n in walk(accounts) if n.widget is accounts.status]
    assert result == [accounts.status.text()] and "Enter an API key" in result[0]
    assert (accounts.status.text(), False) in said

    shortcuts = ShortcutsDialog(window)
    qtbot.addWidget(shortcuts)
    shortcuts.show()
    assert problems(shortcuts) == []
