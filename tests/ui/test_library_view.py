"""Specification of the library in the window: the default view once it exists, filters with
search, any sort, search hits that open the call at their moment, going to a call id, working
offline and coming back, and rows a sync of another process brings, without losing the call
being listened to."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.demo.config import DemoConfig
from app.demo.live import LiveOptions
from app.demo.process import DemoProcess
from app.review.store import REVIEW_STATUSES
from app.source import CallFilters
from tests.ui.conftest import WindowFactory
from ui.call_browser import SourceMode
from ui.main_window import MainWindow
from ui.models.call_table_model import COLUMNS

SYNC_TIMEOUT = 60_000
#: A sync of the demo's library by another process (as ``aurion-review sync --listen`` would
#: keep a real account's library current while the window is open).
OTHER_PROCESS_SYNC = """
import asyncio, sys
from pathlib import Path
from app.client import AurionClient
from app.library.library import Library
from app.library.sync import LibrarySync
from app.session import DEMO_ACCOUNT, lease_source
from app.source import RemoteSource

async def main():
    base_url, key, path = sys.argv[1:]
    library = await Library.open(Path(path), account=DEMO_ACCOUNT)
    source = RemoteSource(AurionClient(base_url, key), name=DEMO_ACCOUNT)
    report = await LibrarySync(library, lease_source(source)).run()
    await library.aclose()
    sys.exit(0 if report.ok else 1)

asyncio.run(main())
"""


@pytest.fixture
def small_demo() -> Iterator[DemoProcess]:
    with DemoProcess(DemoConfig(calls=60, control=True)) as server:
        yield server


def synced(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """The account's library made by the window's own sync, and shown."""
    assert not window.source_switch.buttons["library"].isEnabled()  # none yet
    with qtbot.waitSignal(window.browser.sync_finished, timeout=SYNC_TIMEOUT) as done:
        qtbot.mouseClick(
            window.toolbar.widgetForAction(window.sync_action), Qt.MouseButton.LeftButton
        )
    report = done.args[0]
    assert report.ok, report
    qtbot.waitUntil(lambda: window.browser.mode is SourceMode.LIBRARY, timeout=10_000)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    return window


@pytest.fixture
def library_window(
    make_window: WindowFactory, qtbot: QtBot, small_demo: DemoProcess, data_dir: Path
) -> MainWindow:
    return synced(qtbot, make_window(demo=small_demo))


def test_the_library_is_the_default_view_once_it_exists(
    library_window: MainWindow, make_window: WindowFactory, qtbot: QtBot, small_demo: DemoProcess
) -> None:
    window = library_window
    assert window.source_switch.buttons["library"].isChecked()
    assert window.filter_bar.isVisible() and not window.auto_refresh_box.isVisible()
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        window.refresh()  # (the sync's "Library synced" may still be in the status bar)
    assert "library" in window.statusBar().currentMessage()
    again = make_window(demo=small_demo)  # a new window on the same account
    qtbot.waitUntil(lambda: again.browser.mode is SourceMode.LIBRARY, timeout=10_000)
    qtbot.mouseClick(again.source_switch.buttons["live"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "live API" in again.statusBar().currentMessage(), timeout=10_000)
    assert not again.filter_bar.isVisible()


def test_every_column_sorts_in_the_library(library_window: MainWindow, qtbot: QtBot) -> None:
    window = library_window
    for spec in COLUMNS.values():
        for order in ("asc", "desc"):
            with qtbot.waitSignal(window.page_shown, timeout=10_000):
                window.set_sort(spec.sort_field, order)
            assert (window.browser.sort_by, window.browser.sort_order) == (spec.sort_field, order)
            if spec.sort_field == "review_status":  # from the review records, not the call
                statuses = window.model.review_statuses
                values = [REVIEW_STATUSES.index(statuses.get(c.id, "unreviewed"))
                          for c in window.model.calls()]  # fmt: skip
            else:
                values = [getattr(c, spec.sort_field) for c in window.model.calls()]
            key = [v if not isinstance(v, tuple) else (v[0] if v else -1) for v in values]
            known = [v for v in key if v is not None]
            assert known == sorted(known, reverse=order == "desc"), spec.sort_field


def test_filters_combine_with_search_and_counts_follow(
    library_window: MainWindow, qtbot: QtBot
) -> None:
    window = library_window
    bar = window.filter_bar
    with qtbot.waitSignal(window.browser.search_finished, timeout=10_000):
        bar.search_edit.setText("VPN")  # said in the English and French conversations
    everywhere = window.hits_model.rowCount()
    assert everywhere > 0 and window.tabs.matches_shown
    assert all("vpn" in window.hits_model.hit_at(r).text.lower() for r in range(everywhere))
    with qtbot.waitSignal(window.browser.search_finished, timeout=10_000):
        bar.language.setCurrentIndex(bar.language.findData("fr-FR"))
    french = window.hits_model.rowCount()
    assert 0 < french < everywhere
    calls = window.model.calls()
    assert calls and all(c.language == "fr-FR" for c in calls)
    assert bar.toggle.text() == "Filters (1)"  # seen with the panel folded too
    assert f"{window.browser.window.total:,} call" in bar.count_label.text()
    assert f"{french:,} line" in bar.count_label.text()
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        window.browser.refresh()  # a page reloaded (paging, live changes) keeps the hit count
    assert f"{french:,} line" in bar.count_label.text()
    with qtbot.waitSignal(window.browser.search_finished, timeout=10_000):
        bar.search_edit.clear()
    assert not window.tabs.matches_shown and window.browser.filters == CallFilters(
        languages=frozenset({"fr-FR"})
    )
    assert "line" not in bar.count_label.text()
    bar.clear()
    assert bar.toggle.text() == "Filters"


def test_a_hit_opens_its_call_and_plays_from_that_moment(
    library_window: MainWindow, qtbot: QtBot
) -> None:
    window = library_window
    with qtbot.waitSignal(window.browser.search_finished, timeout=10_000):
        window.filter_bar.search_edit.setText("mot de passe")
    row = next(
        r for r in range(window.hits_model.rowCount())
        if (window.hits_model.hit_at(r).offset_seconds or 0) > 5
    )  # fmt: skip
    hit = window.hits_model.hit_at(row)
    window.hits_view.setCurrentIndex(window.hits_model.index(row))
    window.hits_view.setFocus()
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000) as shown:
        qtbot.keyClick(window.hits_view, Qt.Key.Key_Return)
    assert shown.args == [hit.call_id]
    assert window.detail.id_field.text() == hit.call_id
    qtbot.waitUntil(lambda: window.player.playing, timeout=10_000)
    assert abs(window.player.player.position() / 1000 - hit.offset_seconds) < 3
    assert window.review.transcript.list.currentIndex().row() == hit.seq
    assert window.review.transcript.search_bar.isVisible()  # the words highlighted


def test_go_to_a_call_id(library_window: MainWindow, qtbot: QtBot, small_demo: DemoProcess) -> None:
    window = library_window
    wanted = small_demo.tenant.calls[-1].id
    window.filter_bar.goto_edit.setText(wanted)
    with qtbot.waitSignal(window.detail_shown, timeout=10_000) as shown:
        qtbot.keyClick(window.filter_bar.goto_edit, Qt.Key.Key_Return)
    assert shown.args == [wanted]
    window.filter_bar.goto_edit.setText("call_nobody")
    qtbot.keyClick(window.filter_bar.goto_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "No such call" in window.statusBar().currentMessage(), timeout=10_000)


def test_offline_the_library_still_works_and_syncs_when_the_api_is_back(
    library_window: MainWindow, qtbot: QtBot, small_demo: DemoProcess
) -> None:
    window = library_window
    browser = window.browser
    browser._probe.setInterval(200)
    small_demo.stop()
    qtbot.mouseClick(window.source_switch.buttons["live"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(browser.offline_changed, timeout=60_000) as went:
        pass
    assert went.args[0] is not None
    assert window.sync_label.text().startswith("Offline since ")
    assert "Use the library" in [b.text() for b in window.banner.buttons()]
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        browser.set_mode(SourceMode.LIBRARY)
    assert window.model.rowCount() > 0  # browsing offline
    with qtbot.waitSignal(browser.search_finished, timeout=10_000):
        window.filter_bar.search_edit.setText("VPN")
    assert window.hits_model.rowCount() > 0  # searching offline
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
        window.table.selectRow(1)  # transcripts from the library
    small_demo.start()
    with qtbot.waitSignal(browser.sync_finished, timeout=SYNC_TIMEOUT):  # back: it catches up
        pass
    assert browser.offline_since is None and window.sync_label.text().startswith("Library")


def test_offline_in_the_library_it_says_since_when_and_a_sync_brings_it_back(
    library_window: MainWindow, qtbot: QtBot, small_demo: DemoProcess
) -> None:
    window = library_window
    browser = window.browser
    small_demo.stop()
    with qtbot.waitSignal(browser.sync_finished, timeout=SYNC_TIMEOUT):
        window.sync_action.trigger()  # the first request that finds the API gone
    assert browser.offline_since is not None and browser.mode is SourceMode.LIBRARY
    assert window.sync_label.text().startswith("Offline since ")  # not "Sync failed"
    assert "browsing the library" in window.banner.text()
    # already in the library: no "Use the library"; syncing is what brings it back
    assert [b.text() for b in window.banner.buttons()] == ["Sync now"]
    with qtbot.waitSignal(window.page_shown, timeout=10_000):
        window.pager.go_next()  # still browsing
    small_demo.start()
    with qtbot.waitSignal(browser.sync_finished, timeout=SYNC_TIMEOUT) as done:
        qtbot.mouseClick(window.banner.buttons()[0], Qt.MouseButton.LeftButton)
    assert done.args[0].ok
    # back at once, not at the next probe (30 s)
    assert browser.offline_since is None and not window.banner.isVisible()
    assert window.sync_label.text().startswith("Library synced")


def test_calls_another_process_syncs_arrive_without_losing_the_call_being_heard(
    make_window: WindowFactory, qtbot: QtBot, data_dir: Path
) -> None:
    live = DemoConfig(calls=30, control=True, live=LiveOptions(interval=1.0, duration=4.0))
    with DemoProcess(live) as server:
        window = synced(qtbot, make_window(demo=server))
        row = next(
            i for i, c in enumerate(window.model.calls())
            if c.status == "completed" and (c.duration_seconds or 0) > 30
        )  # fmt: skip
        with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
            window.table.selectRow(row)
        listened = window.model.call_at(row)
        qtbot.waitUntil(lambda: window.player.link is not None, timeout=10_000)
        window.player.toggle()
        qtbot.waitUntil(lambda: window.player.player.position() > 500, timeout=10_000)
        before = window.model.rowCount()
        known = {c.id for c in window.model.calls()}
        qtbot.wait(3_000)  # live calls start on the demo server meanwhile
        heard = window.player.player.position()
        library = window.browser.connection.library_file()  # type: ignore[union-attr]
        done = subprocess.run(
            [sys.executable, "-c", OTHER_PROCESS_SYNC, server.base_url, server.api_key,
             str(library)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        qtbot.waitUntil(
            lambda: any(c.id not in known for c in window.model.calls()), timeout=2_500
        )  # shown within 2 s of the write (polled every second)
        assert window.model.rowCount() >= before
        assert window._current_call() == listened or window._current_call().id == listened.id  # type: ignore[union-attr]
        assert window.session.call.id == listened.id  # type: ignore[union-attr]
        selected = window.table.selectionModel().selectedRows()
        assert [window.model.call_at(i.row()).id for i in selected] == [listened.id]  # type: ignore[union-attr]
        # the recording played on from where it was: not reloaded, not back to the start
        assert window.player.playing and window.player.player.position() >= heard
        # Stopped while its server still answers: FFmpeg's read of a server gone mid-stream
        # can block QMediaPlayer's teardown on the GUI thread (seen once under load here).
        window.player.clear()
