"""Scenarios in a real main window on the qasync loop: paging, detail, transcript, audio, soak."""

from __future__ import annotations

import asyncio
import logging
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt, QTimer, SignalInstance
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.accounts import KeyStore, ProfileStore
from app.demo.longcall import LONG_CALL_ID, MANY_SEGMENTS_CALL_ID
from app.demo.process import DemoProcess
from app.models import CallSummary, Transcript
from app.session import DemoRuntime
from app.source import RemoteSource
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow
from ui.models.call_table_model import Column
from ui.settings import Prefs, Settings


class PaintClock(QObject):
    """Remembers when ``widget`` or one of its children last painted (a pane that scrolls
    paints through its viewport and labels, not itself)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.last = 0.0
        for watched in (widget, *widget.findChildren(QWidget)):
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.last = time.perf_counter()
        return False


class HttpClock:
    """Times every HTTP request of a client by path (the server's share of a scenario).

    Wraps ``send``: the client streams bodies (``stream()``, to cap their size), so ``get``
    is not the only way in; the time runs until the body is read and the response closed.
    """

    def __init__(self, http: Any) -> None:
        self.samples: list[tuple[str, float]] = []
        original = http.send

        async def timed(request: Any, *args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            response = await original(request, *args, **kwargs)
            close = response.aclose

            async def closed() -> None:
                try:
                    await close()
                finally:
                    self.samples.append((request.url.path, time.perf_counter() - started))

            response.aclose = closed
            return response

        http.send = timed

    def last(self, path: str) -> float:
        """The duration of the latest request of ``path`` (relative to the API base URL)."""
        return next(t for url, t in reversed(self.samples) if url.rstrip("/").endswith("/" + path))


async def wait_signal(signal: SignalInstance, timeout: float = 10.0) -> tuple[Any, ...]:
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def fire(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(fire)
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(fire)


async def painted_after(clock: PaintClock, since: float, timeout: float = 5.0) -> float:
    deadline = time.perf_counter() + timeout
    while clock.last <= since:
        if time.perf_counter() > deadline:
            raise TimeoutError("no paint")
        await asyncio.sleep(0)
    return clock.last


def bytes_read() -> int:
    """Bytes this process has read through read()/pread() (not recv(), which FFmpeg uses)."""
    with open("/proc/self/io", encoding="ascii") as io:
        return next(int(line.split()[1]) for line in io if line.startswith("rchar:"))


def rss_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


class Heartbeat(QObject):
    """A 10 ms timer; the longest gap between ticks is how long the GUI thread was busy."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self, interval=10)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now


class WindowBench:
    def __init__(self, app: QApplication, server: DemoProcess) -> None:
        self.app = app
        self.server = server
        tmp = Path(tempfile.mkdtemp(prefix="aurion-bench-ui-"))
        self.tmp = tmp
        self.settings = Settings(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
        self.settings.set(Prefs.page_size, 100)
        self.window = MainWindow(
            self.settings, ProfileStore(tmp / "p.json"), KeyStore(), DemoRuntime.attached(server)
        )
        self.window.resize(1280, 800)
        self.errors: list[str] = []
        self._unavailable = False

    async def start(self) -> None:
        self.window.show()
        await wait_signal(self.window.page_shown, 20)
        assert self.window.connection is not None
        self.client = self.window.connection.client
        self.http = HttpClock(self.client._http)
        self.table_paint = PaintClock(self.window.table.viewport())
        self.detail_paint = PaintClock(self.window.detail)
        self.window.player.unavailable.connect(self._player_message)

    def _player_message(self, text: str) -> None:
        self._unavailable = True
        if "could not" in text:
            self.errors.append(text)

    async def _link_within(self, seconds: float) -> bool:
        """True once the selected call's recording link is in; False if it has none."""
        deadline = time.perf_counter() + seconds
        while self.window.player.link is None:
            if self._unavailable or time.perf_counter() > deadline:
                return False
            await asyncio.sleep(0.01)
        return True

    async def page_change(self, samples: int = 30) -> dict[str, Any]:
        """Next page / sort header click -> rows painted, minus the HTTP time of the request."""
        w = self.window
        header = w.table.horizontalHeader()
        overheads, totals = [], []
        for i in range(samples):
            started = time.perf_counter()
            if i % 3 == 2:
                column = Column.DURATION if i % 2 else Column.STARTED
                x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
                QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
            else:
                if not w.pager.next_button.isEnabled():
                    w.pager.go_first()
                    await wait_signal(w.page_shown)
                    started = time.perf_counter()
                QTest.mouseClick(w.pager.next_button, Qt.MouseButton.LeftButton)
            await wait_signal(w.page_shown)
            done = await painted_after(self.table_paint, started)
            total = done - started
            totals.append(total * 1000)
            overheads.append((total - self.http.last("calls")) * 1000)
        return {
            "page_change_ms": statistics.median(overheads),
            "page_change_total_ms": statistics.median(totals),
            "page_change_max_ms": max(overheads),
        }

    async def detail(self, samples: int = 30) -> dict[str, Any]:
        """Select a row -> detail pane filled and painted, minus the detail request's time."""
        w = self.window
        overheads, totals = [], []
        for i in range(samples):
            row = (i * 7) % w.model.rowCount()
            started = time.perf_counter()
            w.table.selectRow(row)
            await wait_signal(w.detail_shown)
            done = await painted_after(self.detail_paint, started)
            call = w.model.call_at(row)
            assert call is not None
            total = done - started
            totals.append(total * 1000)
            overheads.append((total - self.http.last(f"calls/{call.id}")) * 1000)
        return {
            "detail_ms": statistics.median(overheads),
            "detail_total_ms": statistics.median(totals),
        }

    async def _summary(self, call_id: str) -> CallSummary:
        return CallSummary.from_json((await self.client.get_call(call_id)).raw)

    async def transcript(self, runs: int = 5, positions: int = 2000) -> dict[str, Any]:
        """10,000 segments shown; then player position -> highlighted segment."""
        w = self.window
        call = await self._summary(MANY_SEGMENTS_CALL_ID)
        transcript: Transcript = await self.client.get_transcript(MANY_SEGMENTS_CALL_ID)
        view = w.review.transcript
        builds = []
        for _ in range(runs):
            w.session.close()
            self.app.processEvents()
            w.session.call = call
            started = time.perf_counter()
            w.session._transcript_done(transcript)  # what the session does with the response
            view.list.viewport().repaint()  # painted, not just scheduled
            builds.append((time.perf_counter() - started) * 1000)
        duration_ms = (call.duration_seconds or 0) * 1000
        rng = random.Random(1)
        updates = []
        for _ in range(positions):
            ms = rng.randrange(duration_ms)
            started = time.perf_counter()
            w.player._position_changed(ms)  # the slot QMediaPlayer.positionChanged drives
            updates.append((time.perf_counter() - started) * 1000)
        assert view.model.current >= 0
        return {
            "transcript_build_ms": statistics.median(builds),
            "transcript_build_max_ms": max(builds),
            "transcript_segments": len(transcript.segments),
            "highlight_ms": statistics.median(updates),
            "highlight_p99_ms": sorted(updates)[int(len(updates) * 0.99)],
        }

    async def time_to_audio(self, runs: int = 3) -> dict[str, Any]:
        """Press play on the 30-minute call -> first position update, and how much of the file
        the demo server had sent by then (counted at the server, so it includes what the TCP
        buffers took without the player reading it; FFmpeg's recv() is not in read_bytes)."""
        w = self.window
        link = await self.client.get_recording(LONG_CALL_ID)
        import httpx

        async with httpx.AsyncClient() as media:
            size = int((await media.head(link.url)).headers["content-length"])
        times, fractions, read_fractions = [], [], []
        for _ in range(runs):
            w.player.clear()
            await asyncio.sleep(0.3)
            self.server.media_bytes_sent(reset=True)
            read_before = bytes_read()
            w.player.load(RemoteSource(self.client), LONG_CALL_ID)
            await wait_signal(w.player.ready, 20)
            first: asyncio.Future[float] = asyncio.get_running_loop().create_future()

            def moved(ms: int, first: asyncio.Future[float] = first) -> None:
                if ms > 0 and not first.done():
                    first.set_result(time.perf_counter())

            w.player.player.positionChanged.connect(moved)
            started = time.perf_counter()
            w.player.toggle()  # the play button's slot
            at = await asyncio.wait_for(first, 10)
            read = bytes_read() - read_before  # before any other request of ours reads
            sent = await asyncio.to_thread(self.server.media_bytes_sent)
            w.player.player.positionChanged.disconnect(moved)
            w.player.player.pause()
            times.append((at - started) * 1000)
            fractions.append(sent / size)
            read_fractions.append(read / size)
        w.player.clear()
        return {
            "time_to_audio_ms": statistics.median(times),
            "audio_prefetch_fraction": max(fractions),
            "audio_read_syscall_fraction": max(read_fractions),
            "audio_bytes_total": size,
        }

    async def ui_stall(self, export_calls: int = 300) -> dict[str, Any]:
        """Longest heartbeat gap while paging, loading transcripts and exporting."""
        w = self.window
        beat = Heartbeat()
        beat.start()
        for _ in range(10):
            if not w.pager.next_button.isEnabled():
                w.pager.go_first()
            else:
                w.pager.go_next()
            await wait_signal(w.page_shown)
        for row in range(0, 60, 3):
            w.table.selectRow(row)
            await wait_signal(w.transcript_shown)
        calls = []
        async for call in self.client.iter_calls():
            calls.append(call)
            if len(calls) == export_calls:
                break
        assert w.browser.lease is not None
        dialog = ExportDialog(w.browser.lease, self.settings, None, calls, len(calls), w)
        dialog.set_formats(["txt", "json", "srt"])
        dialog.folder_edit.setText(str(self.tmp / "export"))
        dialog.show()
        dialog.start()
        await wait_signal(dialog.export_finished, 120)
        dialog.close()
        beat.stop()
        gaps = sorted(g * 1000 for g in beat.gaps)
        return {
            "ui_stall_ms": gaps[-1],
            "ui_heartbeat_p99_ms": gaps[int(len(gaps) * 0.99)],
            "ui_heartbeats": len(gaps),
        }

    async def soak(self, switches: int = 500, warmup: int = 50) -> dict[str, Any]:
        """Call switches with play and seek; RSS growth after warm-up, and errors seen."""
        w = self.window
        handler = _ErrorCounter()
        logging.getLogger().addHandler(handler)
        base = 0
        started = time.perf_counter()
        try:
            for i in range(switches + warmup):
                if i == warmup:
                    base = rss_bytes()
                row = i % w.model.rowCount()
                if row == 0 and i:
                    if w.pager.next_button.isEnabled():
                        w.pager.go_next()
                    else:
                        w.pager.go_first()
                    await wait_signal(w.page_shown)
                self._unavailable = False
                w.table.selectRow(row)
                await wait_signal(w.transcript_shown)
                if await self._link_within(3.0):
                    w.player.seek(2000 + (i % 5) * 1000, play=True)
                    await asyncio.sleep(0.05)
                    w.player.skip(5000)
                await asyncio.sleep(0.01)
            for _ in range(5):
                self.app.processEvents()
                await asyncio.sleep(0.05)
            end = rss_bytes()
        finally:
            logging.getLogger().removeHandler(handler)
            w.player.clear()
        return {
            "soak_rss_growth": (end - base) / base,
            "soak_rss_start_mib": base / 2**20,
            "soak_rss_end_mib": end / 2**20,
            "soak_switches": switches,
            "soak_errors": handler.count + len(self.errors),
            "soak_s": time.perf_counter() - started,
        }

    async def close(self) -> None:
        await self.window.aclose()
        self.window.close()


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


async def run_all(
    app: QApplication, server: DemoProcess, progress: Callable[[str], None]
) -> dict[str, Any]:
    bench = WindowBench(app, server)
    await bench.start()
    results: dict[str, Any] = {}
    steps: list[tuple[str, Callable[[], Awaitable[dict[str, Any]]]]] = [
        ("page change", bench.page_change),
        ("detail", bench.detail),
        ("transcript build and highlight", bench.transcript),
        ("time to audio", bench.time_to_audio),
        ("UI stall", bench.ui_stall),
        ("soak", bench.soak),
    ]
    try:
        for name, step in steps:
            progress(name)
            results.update(await step())
    finally:
        await bench.close()
    return results
