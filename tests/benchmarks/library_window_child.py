"""The window with a library open, in a process of its own: prints its RSS in KiB.

``python -m tests.benchmarks.library_window_child DATA_DIR BASE_URL [LIBRARY]`` (the API key in
``AURION_BENCH_KEY``) makes ``LIBRARY`` (a hard link to it; none: an empty library) the library
of the account at ``BASE_URL`` in ``DATA_DIR``, starts the real main window on that account,
waits for the library's first page, opens the filters, runs a search, lets the window settle,
then prints ``rss_kib``, ``hwm_kib`` (the peak), ``rows`` and ``hits`` and exits at once.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

#: What the benchmark searches for (common in the generated library, so the hits list is full).
WORDS = "password"
SETTLE_S = 1.0


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(f"{field}:"))


def main() -> None:
    data, base_url = Path(sys.argv[1]), sys.argv[2]
    source = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    os.environ["AURION_DATA_DIR"] = str(data)

    import qasync
    from PySide6.QtCore import QSettings

    from app.accounts import KeyStore, Profile, ProfileStore
    from app.apikey import ApiKey
    from app.library import repository as repo
    from app.library.library import library_path
    from app.session import DemoRuntime
    from ui.application import create_application
    from ui.call_browser import SourceMode
    from ui.main_window import MainWindow
    from ui.settings import Prefs, Settings

    target = library_path(base_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    if source is not None:
        os.link(source, target)  # the same file for every run, not a 600 MB copy each
    conn = repo.connect(target)  # an empty library when there was none
    # the file is this run's account's, whatever its port; and it has been synced (a library
    # never synced, made for a first note, does not open as the default view)
    repo.set_meta(conn, {"account": None, "last_sync_started": "2026-11-29T00:00:00Z"})
    conn.close()

    tmp = Path(tempfile.mkdtemp(prefix="aurion-bench-libwin-"))
    app = create_application(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    settings = Settings(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    settings.set(Prefs.page_size, 100)
    settings.set(Prefs.last_profile, "Bench")
    profiles = ProfileStore(tmp / "profiles.json")
    profiles.save([Profile("Bench", base_url)])
    keys = KeyStore()
    keys.set_for_session("Bench", ApiKey(os.environ["AURION_BENCH_KEY"]))
    window = MainWindow(settings, profiles, keys, DemoRuntime())
    window.resize(1280, 800)

    async def until(condition: object, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():  # type: ignore[operator]
            if time.monotonic() > deadline:
                raise TimeoutError("the window never reached the expected state")
            await asyncio.sleep(0.02)

    async def run() -> None:
        shown: list[int] = []
        window.page_shown.connect(lambda: shown.append(window.model.rowCount()))
        window.show()
        await until(lambda: window.browser.mode is SourceMode.LIBRARY and shown)
        window.filter_bar.toggle.setChecked(True)  # the filters panel open
        searched: list[object] = []
        window.browser.search_finished.connect(searched.append)
        window.filter_bar.search_edit.setText(WORDS)
        await until(lambda: searched and searched[-1] is not None and len(shown) > 1)
        await asyncio.sleep(SETTLE_S)  # painted, timers idle
        assert window.filter_bar.panel.isVisible() and window.tabs.matches_shown
        print(f"rss_kib {_status_kib('VmRSS')}")
        print(f"hwm_kib {_status_kib('VmHWM')}")
        print(f"rows {window.model.rowCount()}")
        print(f"hits {window.hits_model.rowCount()}")
        print(f"total {window.browser.window.total}")
        sys.stdout.flush()
        os._exit(0)  # the measure is taken; skip teardown

    with loop:
        loop.run_until_complete(run())


if __name__ == "__main__":
    main()
