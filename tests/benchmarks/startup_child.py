"""One cold start, timed by the parent: ``python -m tests.benchmarks.startup_child bare|app URL``.

Prints ``painted`` on stdout the moment the window is on screen (bare) or its call table has
painted the first page of 100 calls (app), then exits at once.
"""

from __future__ import annotations

import os
import sys
import tempfile


def main() -> None:
    mode, base_url = sys.argv[1], sys.argv[2]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    def done() -> None:
        sys.stdout.write("painted\n")
        sys.stdout.flush()
        os._exit(0)  # the measure is taken; skip teardown

    class PaintWatch(QObject):
        def __init__(self, ready: object) -> None:
            super().__init__()
            self.ready = ready

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.ready():  # type: ignore[operator]
                QTimer.singleShot(0, done)  # after this paint has finished
            return False

    if mode == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        watch = PaintWatch(lambda: True)
        window.installEventFilter(watch)
        window.resize(1280, 800)
        window.show()
        app.exec()
        return

    import asyncio

    import qasync
    from PySide6.QtCore import QSettings

    from app.accounts import KeyStore, Profile, ProfileStore
    from app.apikey import ApiKey
    from app.session import DemoRuntime
    from ui.application import create_application
    from ui.main_window import MainWindow
    from ui.settings import Prefs, Settings

    tmp = tempfile.mkdtemp(prefix="aurion-bench-")
    app = create_application(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    settings = Settings(QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat))
    settings.set(Prefs.page_size, 100)
    settings.set(Prefs.last_profile, "Bench")
    profiles = ProfileStore(__import__("pathlib").Path(tmp) / "profiles.json")
    profiles.save([Profile("Bench", base_url)])
    keys = KeyStore()
    keys.set_for_session("Bench", ApiKey(os.environ["AURION_BENCH_KEY"]))
    window = MainWindow(settings, profiles, keys, DemoRuntime())
    watch = PaintWatch(lambda: window.model.rowCount() >= 100)
    window.table.viewport().installEventFilter(watch)
    window.resize(1280, 800)
    window.show()
    with loop:
        loop.run_forever()


if __name__ == "__main__":
    main()
