"""``--smoke-test``: proves that an installed build or a bundle works end to end, then quits.

A hidden option for the wheel-install test and the bundle check. The real window, started the
normal way, must list a page of calls from the server it opened on (the demo server with
``--demo``), then stream a finished call's recording until playback has advanced a second (so
QtMultimedia's FFmpeg backend and its plugins are there). It prints one line saying what it saw
and closes the window like a user would: exit status 0. Anything else, or nothing within the
deadline, prints the reason and gives exit status 1.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, QTimer

from ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEADLINE_MS = 60_000
#: Played this far (ms) counts as playing: the media backend decoded and the clock ran.
PLAYED_MS = 1_000
#: Finished calls tried in turn when one has no playable recording.
MAX_CANDIDATES = 5


class SmokeTest(QObject):
    """Drives ``window`` through list → select → play; ``exit_code`` is 0 once it has played."""

    def __init__(self, window: MainWindow, deadline_ms: int = DEADLINE_MS) -> None:
        super().__init__(window)
        self.window = window
        self.exit_code = 1
        self._done = False
        self._candidates: list[int] | None = None
        self._calls_listed = 0
        self._tried: list[str] = []
        window.page_shown.connect(self._page_shown)
        window.player.ready.connect(self._ready)
        window.player.unavailable.connect(self._unavailable)
        window.player.position_changed.connect(self._position_changed)
        self._deadline = QTimer(self, singleShot=True, interval=deadline_ms)
        self._deadline.timeout.connect(self._timed_out)
        self._deadline.start()

    def _page_shown(self) -> None:
        if self._candidates is not None or self._done:
            return  # only the first page counts
        model = self.window.model
        self._calls_listed = model.rowCount()
        calls = [(row, model.call_at(row)) for row in range(self._calls_listed)]
        self._candidates = [
            row
            for row, call in calls
            if call is not None and call.status not in ("active", "failed")
        ][:MAX_CANDIDATES]
        connection = self.window.connection
        origin = connection.base_url if connection else "?"
        print(f"smoke test: window shows {self._calls_listed} calls from {origin}", flush=True)
        if not self._candidates:
            self._finish(1, f"the first page ({self._calls_listed} calls) has no finished call")
            return
        self._try_next()

    def _try_next(self) -> None:
        if not self._candidates:
            self._finish(1, f"no recording played (tried {', '.join(self._tried)})")
            return
        row = self._candidates.pop(0)
        call = self.window.model.call_at(row)
        self._tried.append(call.id if call else f"row {row}")
        self.window.table.selectRow(row)

    def _ready(self) -> None:
        if not self._done:
            self.window.player.player.play()

    def _unavailable(self, reason: str) -> None:
        if not self._done:
            log.warning("smoke test: %s: %s", self._tried[-1] if self._tried else "?", reason)
            self._try_next()

    def _position_changed(self, ms: int) -> None:
        if ms >= PLAYED_MS and not self._done:
            self._finish(0, f"the recording of {self._tried[-1]} played to {ms / 1000:.1f} s")

    def _timed_out(self) -> None:
        stage = (
            "no page of calls was shown"
            if self._candidates is None
            else f"no recording played (tried {', '.join(self._tried) or 'none'})"
        )
        self._finish(1, f"{stage} within {self._deadline.interval() / 1000:.0f} s")

    def _finish(self, code: int, message: str) -> None:
        if self._done:
            return
        self._done = True
        self._deadline.stop()
        self.exit_code = code
        verdict = "passed" if code == 0 else "FAILED"
        print(
            f"smoke test {verdict}: {message}",
            file=sys.stdout if code == 0 else sys.stderr,
            flush=True,
        )
        self.window.player.player.stop()
        self.window.close()  # the last window: the app quits the way it does for a user
