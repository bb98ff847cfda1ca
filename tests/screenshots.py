"""Screenshots of the main states on the demo server: ``python -m tests.screenshots [OUT_DIR]``.

Runs the real window (under Xvfb via ``make screenshots``) in light and dark palettes and writes
PNGs to ``docs/screenshots/``: the call table, a call playing with its transcript (keyboard
focus in the transcript, so its focus ring shows), the accounts dialog, an export in progress,
an error banner, the empty state and the keyboard shortcuts, at 1280×800, 1920×1080 and the
small 1024×640 (details open and folded), and the dark theme switched on at run time; then the
same at 1280×800 in French (``*-fr-*``: fr_FR formats, Qt's own buttons in French). Then the
library the window syncs itself: its view, the filters, search results, a hit opened and the
window offline (``python -m tests.screenshots OUT_DIR library`` takes these alone).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import qasync
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.accounts import KeyStore, Profile, ProfileStore
from app.apikey import ApiKey
from app.demo.config import DemoConfig
from app.demo.faults import Faults
from app.demo.process import DemoProcess
from app.session import DemoRuntime
from ui.application import create_application
from ui.call_browser import SourceMode
from ui.export_dialog import Scope
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.shortcuts import ShortcutsDialog
from ui.theme import apply_theme

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
ONLY_LIBRARY = sys.argv[2:] == ["library"]


def fresh_data_dir() -> None:
    """No library yet: each run starts as a new user does (the demo's library is one file)."""
    os.environ["AURION_DATA_DIR"] = tempfile.mkdtemp(prefix="aurion-shots-data-")


async def wait_for(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window never reached the expected state")
        await asyncio.sleep(0.05)


async def save(widget: QWidget, name: str) -> None:
    # Let Qt lay out and paint from the loop: processEvents() here would run other asyncio
    # tasks (a running export's workers) inside this one, which asyncio refuses.
    await asyncio.sleep(0.05)
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path}")


#: The languages shot, with their locale (the system's does not matter) and window sizes.
LANGUAGES = (
    ("en", QLocale("en_US"), ((1280, 800), (1920, 1080), (1024, 640))),
    ("fr", QLocale("fr_FR"), ((1280, 800),)),
)


async def shoot(
    app: QApplication,
    scheme: str,
    demo: DemoProcess,
    empty: DemoProcess,
    language: str = "en",
    sizes: tuple[tuple[int, int], ...] = ((1280, 800),),
) -> None:
    """The shots of one theme in one language; French names carry ``-fr`` after the state."""
    lang = "" if language == "en" else f"-{language}"
    fresh_data_dir()
    tmp = Path(tempfile.mkdtemp(prefix="aurion-shots-"))
    profiles = ProfileStore(tmp / "profiles.json")
    keys = KeyStore()
    profiles.save([Profile("Wrong key", demo.base_url), Profile("New tenant", empty.base_url)])
    keys.set_for_session("Wrong key", ApiKey("ak_live_revoked_00000000"))
    keys.set_for_session("New tenant", ApiKey(empty.api_key))

    for width, height in sizes:
        # a first start at each size: no splitter or column state from the previous window
        settings = Settings(QSettings(str(tmp / f"s-{width}.ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings, profiles, keys, DemoRuntime.attached(demo), force_demo=True)
        # Xvfb has no audio device; the shots show a desktop that has one (no silent warning).
        window.player.has_audio_output = lambda: True
        window.resize(width, height)
        window.show()
        window.activateWindow()
        await wait_for(lambda w=window: w.model.rowCount() > 0)  # type: ignore[misc]
        suffix = f"{scheme}-{width}x{height}"
        await save(window, f"table{lang}-{suffix}")

        # a completed call with a recording: select, play a few seconds
        row = next(
            i
            for i, c in enumerate(window.model.calls())
            if c.status == "completed" and (c.duration_seconds or 0) >= 30
        )
        window.table.selectRow(row)
        await wait_for(lambda w=window: w.review.transcript.model.rowCount() > 0)  # type: ignore[misc]
        await wait_for(lambda w=window: w.player.link is not None)  # type: ignore[misc]
        window.player.seek(12_000, play=True)
        window.review.transcript.list.setFocus(Qt.FocusReason.TabFocusReason)
        await asyncio.sleep(2.5)
        await save(window, f"playing{lang}-{suffix}")
        window.player.player.pause()

        if width == 1024:
            window.detail.set_collapsed(True)
            await asyncio.sleep(0.3)
            await save(window, f"details-folded{lang}-{suffix}")
            window.detail.set_collapsed(False)

        if width == 1280:
            window.review.transcript.open_search()
            # a word this call's transcript really contains, so the shot shows highlighted hits
            segments = window.review.transcript.model.timeline.segments
            word = max(segments[1].text.split(), key=len).strip(",.?!")
            window.review.transcript.search_edit.setText(word)
            await asyncio.sleep(0.2)
            await save(window, f"search{lang}-{suffix}")
            window.review.transcript.close_search()

            # keyboard only: Tab from the table to the pager, the focus ring on a button
            window.table.setFocus(Qt.FocusReason.TabFocusReason)
            for _ in range(2):
                QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            await asyncio.sleep(0.2)
            await save(window, f"keyboard-focus{lang}-{suffix}")

            await shoot_export(window, demo, tmp / "exports", f"{lang[1:]}-{scheme}".lstrip("-"))

            window.open_accounts()
            await asyncio.sleep(0.3)
            assert window.accounts_dialog is not None
            await save(window.accounts_dialog, f"accounts{lang}-{scheme}")
            window.accounts_dialog.reject()

            window.show_shortcuts()
            await asyncio.sleep(0.3)
            dialogs = [w for w in app.topLevelWidgets() if isinstance(w, ShortcutsDialog)]
            if dialogs:
                await save(dialogs[0], f"shortcuts{lang}-{scheme}")
                dialogs[0].close()

            window.connect_to("Wrong key")
            await wait_for(lambda w=window: w.banner.isVisible() and "401" in w.banner.text())  # type: ignore[misc]
            await save(window, f"error-banner{lang}-{suffix}")
            if scheme == "light" and not lang:  # the other theme, switched while it is open
                window.theme_menu.set_theme("dark")
                await asyncio.sleep(0.3)
                await save(window, f"theme-switched-to-dark-{width}x{height}")
                window.theme_menu.set_theme("light")
                await asyncio.sleep(0.1)

            window.connect_to("New tenant")
            no_calls = QCoreApplication.translate(
                "MainWindow",
                "No calls yet for this account. New calls appear here once they start.",
            )
            await wait_for(lambda w=window, t=no_calls: w.banner.text() == t)  # type: ignore[misc]
            await save(window, f"empty{lang}-{suffix}")
        await window.aclose()
        window.close()
        window.deleteLater()
        await asyncio.sleep(0.1)  # let deleteLater run while Qt is alive


async def shoot_library(scheme: str, demo: DemoProcess) -> None:
    """The library synced from the window, filtered, searched, a hit opened, and offline."""
    fresh_data_dir()
    tmp = Path(tempfile.mkdtemp(prefix="aurion-shots-"))
    settings = Settings(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(
        settings,
        ProfileStore(tmp / "profiles.json"),
        KeyStore(),
        DemoRuntime.attached(demo),
        force_demo=True,
    )
    window.player.has_audio_output = lambda: True
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    browser = window.browser
    await wait_for(lambda: window.model.rowCount() > 0)
    finished: list[object] = []
    browser.sync_finished.connect(finished.append)
    window.sync_action.trigger()  # what Library > Sync now does
    await wait_for(lambda: bool(finished), timeout=180)
    await wait_for(lambda: browser.mode is SourceMode.LIBRARY and window.model.rowCount() > 0)
    suffix = f"{scheme}-1280x800"
    row = next(
        i
        for i, c in enumerate(window.model.calls())
        if c.status == "completed" and (c.duration_seconds or 0) >= 30
    )
    window.table.selectRow(row)
    await wait_for(lambda: window.review.transcript.model.rowCount() > 0)
    await asyncio.sleep(0.5)
    await save(window, f"library-{suffix}")

    bar = window.filter_bar
    bar.toggle.setChecked(True)
    bar.channel.setCurrentIndex(bar.channel.findData("phone"))
    bar.language.setCurrentIndex(bar.language.findData("fr-FR"))
    await wait_for(
        lambda: (
            window.model.rowCount() > 0
            and all(c.channel == "phone" and c.language == "fr-FR" for c in window.model.calls())
        )
    )
    await asyncio.sleep(0.5)
    await save(window, f"library-filters-{suffix}")

    searched: list[object] = []
    browser.search_finished.connect(searched.append)
    bar.search_edit.setText("mot de passe")
    await wait_for(lambda: bool(searched) and searched[-1] is not None)
    await asyncio.sleep(0.5)
    await save(window, f"library-search-{suffix}")

    window.hits_view.setCurrentIndex(window.hits_model.index(1))
    window.hits_view.setFocus()
    QTest.keyClick(window.hits_view, Qt.Key.Key_Return)  # open the call at the hit
    await wait_for(lambda: window.player.playing, timeout=20)
    await asyncio.sleep(1.5)
    await save(window, f"library-hit-{suffix}")
    window.player.player.pause()

    demo.stop()  # the API goes away; the library stays
    finished.clear()
    window.sync_action.trigger()
    await wait_for(lambda: bool(finished) and browser.offline_since is not None, timeout=60)
    await asyncio.sleep(0.5)
    await save(window, f"library-offline-{suffix}")
    demo.start()
    await window.aclose()
    window.close()
    window.deleteLater()
    await asyncio.sleep(0.1)


async def shoot_export(window: MainWindow, demo: DemoProcess, out: Path, variant: str) -> None:
    """All calls exporting (slowed by server latency so the shot catches it midway)."""
    window.open_export()
    dialog = window.export_dialog
    assert dialog is not None
    dialog.set_scope(Scope.ALL)
    dialog.set_formats(["txt", "pdf"])
    dialog.folder_edit.setText(str(out))
    demo.set_faults(Faults(latency_ms=150))
    dialog.start()
    job = dialog.job
    assert job is not None
    await wait_for(lambda: job.progress.finished >= 60, timeout=60)
    await asyncio.sleep(0.3)
    await save(dialog, f"export-progress-{variant}")
    dialog.cancel()
    await wait_for(lambda: not dialog.running)
    demo.set_faults(Faults())
    await save(dialog, f"export-cancelled-{variant}")
    dialog.close()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("AURION_CONFIG_DIR", tempfile.mkdtemp(prefix="aurion-config-"))
    app = create_application(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # windows come and go between shots
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    demo = DemoProcess(DemoConfig(control=True)).start()
    empty = DemoProcess(DemoConfig(calls=0)).start()
    try:
        with loop:
            for language, locale, sizes in LANGUAGES:
                install_language(app, language, locale)
                for scheme in ("light", "dark"):
                    apply_theme(app, scheme)
                    if not ONLY_LIBRARY:
                        loop.run_until_complete(shoot(app, scheme, demo, empty, language, sizes))
                    if language == "en":
                        loop.run_until_complete(shoot_library(scheme, demo))
    finally:
        demo.stop()
        empty.stop()
    return 0


if __name__ == "__main__":
    code = main()
    # Workaround: PySide 6.12 aborts during interpreter finalization here (refcount error in
    # bool/None deallocation after QMediaPlayer use); the PNGs are written, so leave at once.
    sys.stdout.flush()
    os._exit(code)
