"""Specification of the main window against the demo server: paging, sorting, detail, errors."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.accounts import KeyStore, Profile, ProfileStore
from app.apikey import ApiKey
from app.demo.config import DEMO_NO_SCOPE_KEY, DemoConfig
from app.demo.faults import Faults
from app.demo.process import DemoProcess
from tests.ui.conftest import WindowFactory
from ui.main_window import MainWindow
from ui.models.call_table_model import Column
from ui.settings import Prefs, Settings
from ui.theme import DARK, apply_theme
from ui.widgets.banner import BANNER_COLORS, BannerKind


def list_queries(server: DemoProcess) -> list[str]:
    return [q for (_m, path, q) in server.requests() if path.endswith("/calls")]


def wait_page(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        pass


def test_opens_on_the_demo_tenant_first_page(make_window: WindowFactory) -> None:
    window = make_window()
    assert window.connection is not None and window.connection.is_demo
    assert window.model.rowCount() == 50
    assert window.pager.range_label.text() == "1–50 of 1,200"
    assert window.demo_banner.isVisible() and "Demo data" in window.demo_banner.text()
    starts = [c.started_at for c in window.model.calls()]
    assert starts == sorted(starts, reverse=True)


def test_clicking_duration_header_queries_the_server_sort(
    make_window: WindowFactory, qtbot: QtBot, demo_server: DemoProcess
) -> None:
    window = make_window()
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.DURATION) + 10
    demo_server.clear_requests()
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5)
        )
    query = list_queries(demo_server)[-1]
    assert "sort_by=duration_seconds" in query and "offset=0" in query
    first_order = "asc" if "sort_order=asc" in query else "desc"
    durations = [c.duration_seconds or -1 for c in window.model.calls()]
    assert durations == sorted(durations, reverse=first_order == "desc")
    assert header.sortIndicatorSection() == Column.DURATION
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5)
        )
    second = list_queries(demo_server)[-1]
    assert ("sort_order=asc" in second) != ("sort_order=asc" in query)


def test_unsortable_header_keeps_the_sort_and_sends_nothing(
    make_window: WindowFactory, qtbot: QtBot, demo_server: DemoProcess
) -> None:
    window = make_window()
    header = window.table.horizontalHeader()
    demo_server.clear_requests()
    header.setSortIndicator(Column.CALLER, Qt.SortOrder.AscendingOrder)
    qtbot.wait(100)
    assert header.sortIndicatorSection() == Column.STARTED
    assert list_queries(demo_server) == []
    assert "can't be sorted by Caller" in window.statusBar().currentMessage()


def test_paging_buttons_and_page_size(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    with qtbot.waitSignal(window.page_shown):
        qtbot.mouseClick(window.pager.next_button, Qt.MouseButton.LeftButton)
    assert window.pager.range_label.text() == "51–100 of 1,200"
    with qtbot.waitSignal(window.page_shown):
        qtbot.mouseClick(window.pager.last_button, Qt.MouseButton.LeftButton)
    assert window.pager.range_label.text() == "1,151–1,200 of 1,200"
    assert not window.pager.next_button.isEnabled()
    with qtbot.waitSignal(window.page_shown):
        window.pager.size_box.setCurrentIndex(window.pager.size_box.findData(100))
    assert window.pager.range_label.text() == "1,101–1,200 of 1,200"
    assert window.model.rowCount() == 100
    assert window.settings.get(Prefs.page_size) == 100
    with qtbot.waitSignal(window.page_shown):
        qtbot.mouseClick(window.pager.first_button, Qt.MouseButton.LeftButton)
    assert window.pager.range_label.text() == "1–100 of 1,200"


def test_page_down_at_the_last_row_turns_the_page(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    window.table.setFocus()
    window.table.selectRow(window.model.rowCount() - 1)
    with qtbot.waitSignal(window.page_shown):
        qtbot.keyClick(window.table, Qt.Key.Key_PageDown)
    assert window.browser.window.offset == 50
    assert window.table.currentIndex().row() == 0
    with qtbot.waitSignal(window.page_shown):
        qtbot.keyClick(window.table, Qt.Key.Key_PageUp)
    assert window.browser.window.offset == 0
    assert window.table.currentIndex().row() == window.model.rowCount() - 1


def test_selecting_a_row_fills_the_detail_pane(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    call = window.model.call_at(3)
    assert call is not None
    with qtbot.waitSignal(window.detail_shown, timeout=10_000) as blocker:
        window.table.selectRow(3)
    assert blocker.args == [call.id]
    assert window.detail.id_field.text() == call.id
    assert window.detail.values["caller"].text() == call.caller_id
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.detail.id_field.text() == window.model.call_at(4).id  # type: ignore[union-attr]


def test_stale_page_answers_are_dropped(make_window: WindowFactory, qtbot: QtBot) -> None:
    slow = DemoProcess(DemoConfig(calls=300, faults=Faults(latency_ms=150))).start()
    try:
        window = make_window(demo=slow)
        shown: list[int] = []
        window.page_shown.connect(lambda: shown.append(window.browser.window.offset))
        window.browser.load_page(50)
        window.browser.load_page(100)
        window.browser.load_page(150)
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
        qtbot.wait(400)
        assert shown == [150]
        assert window.model.call_at(0) is not None
        assert window.pager.range_label.text() == "151–200 of 300"
    finally:
        slow.stop()


def connect_profile(
    window: MainWindow,
    qtbot: QtBot,
    profiles: ProfileStore,
    keys: KeyStore,
    server: DemoProcess,
    key: str,
) -> None:
    profiles.save([Profile("Prod", server.base_url)])
    keys.set("Prod", ApiKey(key))
    window.connect_to("Prod")


def test_wrong_key_shows_a_401_banner_with_accounts(
    make_window: WindowFactory, qtbot: QtBot, profiles: ProfileStore, demo_server: DemoProcess
) -> None:
    keys = KeyStore()
    window = make_window(keys=keys)
    connect_profile(window, qtbot, profiles, keys, demo_server, "ak_live_wrong_000000")
    qtbot.waitUntil(lambda: window.banner.isVisible() and window.banner.kind is BannerKind.ERROR)
    assert "401" in window.banner.text()
    assert [b.text() for b in window.banner.buttons()] == ["Retry", "Accounts…"]
    assert window.model.rowCount() == 0


def test_scopeless_key_shows_the_missing_scope(
    make_window: WindowFactory, qtbot: QtBot, profiles: ProfileStore, demo_server: DemoProcess
) -> None:
    keys = KeyStore()
    window = make_window(keys=keys)
    connect_profile(window, qtbot, profiles, keys, demo_server, DEMO_NO_SCOPE_KEY)
    qtbot.waitUntil(lambda: window.banner.kind is BannerKind.ERROR and window.banner.isVisible())
    assert "calls:read" in window.banner.text()


def test_server_errors_show_a_banner_and_retry_recovers(
    make_window: WindowFactory, qtbot: QtBot, profiles: ProfileStore
) -> None:
    broken = DemoProcess(DemoConfig(calls=40, faults=Faults(error_rate=1.0))).start()
    try:
        keys = KeyStore()
        window = make_window(keys=keys)
        connect_profile(window, qtbot, profiles, keys, broken, broken.api_key)
        qtbot.waitUntil(
            lambda: window.banner.kind is BannerKind.ERROR and window.banner.isVisible(),
            timeout=20_000,
        )
        assert "HTTP 503" in window.banner.text()
        broken.set_faults(Faults())  # the server recovers
        with qtbot.waitSignal(window.page_shown, timeout=10_000):
            qtbot.mouseClick(window.banner.buttons()[0], Qt.MouseButton.LeftButton)
        assert not window.banner.isVisible() and window.model.rowCount() == 40
    finally:
        broken.stop()


def test_profile_without_key_explains_what_to_do(
    make_window: WindowFactory,
    qtbot: QtBot,
    profiles: ProfileStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("AURION_API_KEY", raising=False)
    window = make_window()
    profiles.save([Profile("Empty", "https://apps.aurionai.net/api/v1")])
    window.connect_to("Empty")
    assert window.banner.isVisible() and "No API key is stored for 'Empty'" in window.banner.text()


def test_window_state_and_preferences_persist_but_never_a_key(
    make_window: WindowFactory,
    qtbot: QtBot,
    settings: Settings,
    profiles: ProfileStore,
    demo_server: DemoProcess,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = demo_server.api_key
    keys = KeyStore()
    window = make_window(keys=keys)
    connect_profile(window, qtbot, profiles, keys, demo_server, secret)
    wait_page(qtbot, window)
    window.close()
    settings.sync()
    stored = QSettings(settings.store.fileName(), QSettings.Format.IniFormat)
    assert stored.value("prefs/last_profile") == "Prod"
    assert stored.value("window/geometry") is not None
    text = Path(settings.store.fileName()).read_text(encoding="utf-8", errors="replace")
    assert secret not in text
    assert secret not in profiles.path.read_text(encoding="utf-8")
    assert all(secret not in r.getMessage() for r in caplog.records)


def test_f5_refreshes_and_keeps_the_selected_call(
    make_window: WindowFactory, qtbot: QtBot, demo_server: DemoProcess
) -> None:
    window = make_window()
    call = window.model.call_at(7)
    assert call is not None
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        window.table.selectRow(7)
    demo_server.clear_requests()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert len(list_queries(demo_server)) == 1
    assert window.table.currentIndex().row() == 7
    assert window.detail.id_field.text() == call.id


def test_auto_refresh_runs_only_while_active_calls_are_shown(
    make_window: WindowFactory, qtbot: QtBot, demo_server: DemoProcess
) -> None:
    window = make_window()
    assert any(c.status == "active" for c in window.model.calls())
    window.browser._auto_refresh.setInterval(100)
    window.auto_refresh_box.setChecked(True)
    assert window.browser._auto_refresh.isActive()
    demo_server.clear_requests()
    qtbot.waitUntil(lambda: len(list_queries(demo_server)) >= 1, timeout=5_000)
    with qtbot.waitSignal(window.page_shown):
        window.set_sort("duration_seconds", "desc")  # longest calls: none is active
    assert not any(c.status == "active" for c in window.model.calls())
    assert not window.browser._auto_refresh.isActive()
    window.auto_refresh_box.setChecked(False)


def test_a_new_page_opens_at_its_top(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    bar = window.table.verticalScrollBar()
    window.table.scrollToBottom()
    assert bar.value() > 0
    with qtbot.waitSignal(window.page_shown):
        window.pager.go_next()
    assert bar.value() == 0  # rows 51 onwards, not rows 79–100 of the new page


def test_the_status_line_says_the_sort_in_use_and_nothing_stale(
    make_window: WindowFactory,
    qtbot: QtBot,
    profiles: ProfileStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    status = window.statusBar()
    assert status.currentMessage() == "1,200 calls · live API · sorted by Started, newest first"
    for sort_by, order, said in (
        ("started_at", "asc", "Started, oldest first"),
        ("duration_seconds", "desc", "Duration, longest first (calls in progress last)"),
        ("duration_seconds", "asc", "Duration, shortest first (calls in progress last)"),
    ):
        with qtbot.waitSignal(window.page_shown):
            window.set_sort(sort_by, order)
        assert status.currentMessage() == f"1,200 calls · live API · sorted by {said}"
        assert window.sort_menu.sort_actions[(sort_by, order)].isChecked()
    # shortest first: calls in progress (no duration yet) are not listed as the shortest
    assert all(c.duration_seconds is not None for c in window.model.calls())

    monkeypatch.delenv("AURION_API_KEY", raising=False)
    profiles.save([Profile("No key", "https://apps.aurionai.net/api/v1")])
    window.connect_to("No key")  # fails at once: an empty table, and no "1,200 calls" under it
    assert window.model.rowCount() == 0 and status.currentMessage() == ""

    empty = DemoProcess(DemoConfig(calls=0)).start()
    try:
        keys = KeyStore()
        profiles.save([Profile("New", empty.base_url)])
        keys.set("New", ApiKey(empty.api_key))
        window.keys = keys
        window.connect_to("New")
        assert "1,200" not in status.currentMessage()  # not the previous account's calls
        wait_page(qtbot, window)
        assert status.currentMessage() == "No calls"
    finally:
        empty.stop()


def test_the_first_click_on_started_shows_the_newest_calls(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    with qtbot.waitSignal(window.page_shown):
        window.set_sort("duration_seconds", "asc")
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.STARTED) + 10
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert (window.browser.sort_by, window.browser.sort_order) == ("started_at", "desc")


def test_a_network_error_offers_retry_and_accounts(
    make_window: WindowFactory, qtbot: QtBot, profiles: ProfileStore
) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    keys = KeyStore()
    window = make_window(keys=keys)
    profiles.save([Profile("Down", f"http://127.0.0.1:{port}/api/v1")])
    keys.set("Down", ApiKey("ak_live_unreachable_0000"))
    window.connect_to("Down")
    qtbot.waitUntil(
        lambda: window.banner.isVisible() and window.banner.kind is BannerKind.ERROR,
        timeout=20_000,
    )
    assert [b.text() for b in window.banner.buttons()] == ["Retry", "Accounts…"]


def test_every_column_fits_at_1280_by_800(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    header = window.table.horizontalHeader()
    qtbot.wait(50)
    assert header.length() <= window.table.viewport().width()
    assert not window.table.horizontalScrollBar().isVisible()
    assert header.sectionSize(Column.TICKETS) >= header.fontMetrics().horizontalAdvance("#1742")


def test_at_1024_by_640_the_transcript_keeps_eight_lines_and_details_scroll_or_fold(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    window.resize(1024, 640)
    row = next(i for i, c in enumerate(window.model.calls()) if c.status == "completed")
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
        window.table.selectRow(row)
    qtbot.waitUntil(lambda: window.height() == 640)
    qtbot.wait(50)
    transcript = window.review.transcript.list
    line = transcript.fontMetrics().lineSpacing()
    assert transcript.viewport().height() >= 8 * line
    whole_rows = [
        r
        for r in range(transcript.model().rowCount())
        if transcript.viewport()
        .rect()
        .contains(transcript.visualRect(transcript.model().index(r, 0)))
    ]
    assert len(whole_rows) >= 4  # each line of transcript text, with its speaker and time
    fields = window.detail.fields_area
    assert fields.verticalScrollBar().maximum() > 0  # the details scroll...
    assert fields.focusPolicy() != Qt.FocusPolicy.NoFocus  # ...by keyboard too
    before = transcript.height()
    window.detail.set_collapsed(True)  # ...or fold to their title
    qtbot.waitUntil(lambda: transcript.height() > before)
    assert window.detail.height() <= window.detail.toggle_button.sizeHint().height() + 2
    window.detail.set_collapsed(False)
    qtbot.waitUntil(lambda: window.detail.fields_area.isVisible())


def test_switching_theme_while_open_repaints_banners_and_buttons(
    make_window: WindowFactory, qtbot: QtBot, qapp: QApplication
) -> None:
    style, palette = qapp.style().name(), qapp.palette()
    try:
        apply_theme(qapp, "light")
        window = make_window()
        banner = window.demo_banner
        assert banner.isVisible()
        theme_menu = next(
            a.menu() for a in window.menuBar().actions()[1].menu().actions() if a.text() == "&Theme"
        )
        dark = next(a for a in theme_menu.actions() if a.text() == "Dark")
        dark.trigger()
        qtbot.wait(50)
        light_bg, dark_bg = (
            BANNER_COLORS[BannerKind.INFO][0][0],
            BANNER_COLORS[BannerKind.INFO][1][0],
        )
        assert dark_bg in banner.styleSheet() and light_bg not in banner.styleSheet()
        button = banner.buttons()[0]
        assert button.palette().color(QPalette.ColorRole.Button) == QColor(
            DARK[QPalette.ColorRole.Button]
        )
        image = banner.grab().toImage()
        assert image.pixelColor(4, image.height() // 2).lightness() < 128
        assert window.settings.get(Prefs.theme) == "dark"
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)
