"""UI fixtures: a qasync loop on the pytest-qt QApplication, settings in a temp file, a window."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.accounts import KeyStore, ProfileStore
from app.demo.config import DemoConfig
from app.demo.process import DemoProcess
from app.session import DemoRuntime
from ui.i18n import install_language, set_time_zone
from ui.main_window import MainWindow
from ui.settings import Settings

#: The locale the tests are written for, whatever the machine's (LANG may be fr_FR.UTF-8).
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


@pytest.fixture(scope="session", autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """The window in English (its plural forms loaded) with US formats, as a user gets it on
    an en_US system; tests of other languages switch and come back (``french``)."""
    install_language(qapp, "en", ENGLISH)
    yield


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """The window in French (fr_FR formats, Qt's own buttons in French) for one test."""
    install_language(qapp, "fr", FRENCH)
    yield
    install_language(qapp, "en", ENGLISH)
    set_time_zone("local")


@pytest.fixture(scope="session")
def session_loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """One asyncio loop for the session, run by Qt whenever it processes events (qtbot.wait*)."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    loop.stop()  # with already_running the loop is "running"; close() shuts its executor down
    loop.close()
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)


@pytest.fixture
def aloop(session_loop: qasync.QEventLoop, qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """The session loop; tasks a test leaves behind are cancelled when it ends."""
    yield session_loop
    pending = [t for t in asyncio.all_tasks(session_loop) if not t.done()]
    for task in pending:
        task.cancel()
    for _ in range(50):
        if all(t.done() for t in pending):
            break
        qapp.processEvents()


def run_async(qtbot: QtBot, coro: object, timeout: int = 10_000) -> object:
    """Run a coroutine on the qasync loop while Qt keeps processing events."""
    task = asyncio.ensure_future(coro)  # type: ignore[arg-type]
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


@pytest.fixture(scope="session")
def demo_server() -> Iterator[DemoProcess]:
    """For Qt tests the demo server runs in a child process: in-process, QMediaPlayer.stop()
    holding the GIL while FFmpeg waits on the server thread deadlocks (app/demo/process.py)."""
    with DemoProcess(DemoConfig()) as server:
        yield server


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def profiles(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "profiles.json")


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(
    qtbot: QtBot,
    aloop: qasync.QEventLoop,
    settings: Settings,
    profiles: ProfileStore,
    demo_server: DemoProcess,
) -> Iterator[WindowFactory]:
    """Builds main windows on the shared demo server and closes them cleanly afterwards."""

    def make(
        demo: DemoProcess | None = None, keys: KeyStore | None = None, wait: bool = True
    ) -> MainWindow:
        window = MainWindow(
            settings, profiles, keys or KeyStore(), DemoRuntime.attached(demo or demo_server)
        )
        qtbot.addWidget(window, before_close_func=lambda w: run_async(qtbot, w.aclose()))
        window.resize(1280, 800)
        window.show()
        if wait:
            with qtbot.waitSignal(window.page_shown, timeout=10_000):
                pass
        return window

    yield make


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Libraries and the audit trail of this test only (the demo's library is one file
    whatever its port)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("AURION_DATA_DIR", str(folder))
    return folder
