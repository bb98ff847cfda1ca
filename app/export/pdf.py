"""Printable PDF transcript for compliance files, drawn by Qt (QTextDocument on a QPdfWriter).

QtGui only (no widgets); works headless once a QGuiApplication exists (``ensure_gui_app``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import html
import os
import tempfile
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QMarginsF, QThreadPool
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.export.document import ExportDocument
from app.export.text import header_fields
from app.formatting import SPEAKER_LABELS, format_duration, label


def ensure_gui_app() -> None:
    """QTextDocument needs fonts, hence a QGuiApplication; headless runs use 'offscreen'."""
    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication(["aurion-review"])


T = TypeVar("T")

#: Every live pool, so that an exiting process can wait for the pages still being drawn.
_pools: weakref.WeakSet[RenderPool] = weakref.WeakSet()


class RenderPool:
    """A Qt thread pool an export owns for its PDFs: cancellable, and waited for before exit.

    QTextDocument starts Qt timers, which a plain Python thread (asyncio.to_thread) lacks the
    event dispatcher for ("QBasicTimer::start: current thread's event dispatcher has already
    been destroyed"), hence Qt's threads. Work on the global pool kept running after its
    asyncio future was cancelled, and a paint device destroyed at exit while a pool thread
    still painted crashed the process ("Cannot destroy paint device that is being painted").
    """

    def __init__(self, threads: int = 2) -> None:
        ensure_gui_app()
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(threads)
        self._cancelled = threading.Event()
        _pools.add(self)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def submit(self, job: Callable[[], T]) -> concurrent.futures.Future[T]:
        """Run ``job`` on a pool thread; await it with ``asyncio.wrap_future``."""
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        if self.cancelled:
            future.cancel()
            return future

        def run() -> None:
            if self.cancelled or not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(job())
            except BaseException as exc:  # handed to the awaiting coroutine
                future.set_exception(exc)

        self._pool.start(run)
        return future

    def cancel(self) -> None:
        """Start nothing more; what is being drawn finishes (see ``wait``)."""
        self._cancelled.set()
        self._pool.clear()

    @property
    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    async def wait(self) -> None:
        """Until no page is being drawn, without blocking the event loop."""
        while self.busy:
            await asyncio.sleep(0.01)

    def wait_blocking(self) -> None:
        self._pool.waitForDone()


def wait_for_all_renders() -> None:
    """Block until every pool is idle: call it before the process exits."""
    for pool in list(_pools):
        pool.cancel()
        pool.wait_blocking()


def _plain_font() -> QFont:
    """DejaVu Sans without ligatures: "ff" in a call id must stay two letters when an auditor
    copies or searches the PDF's text."""
    font = QFont("DejaVu Sans", 10)
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def to_html(doc: ExportDocument) -> str:
    rows = "".join(
        f"<tr><td class='k'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
        for k, v in header_fields(doc)
    )
    segments = (
        "".join(
            "<tr>"
            f"<td class='t'>{format_duration(s.start)}</td>"
            f"<td class='s'><b>{html.escape(label(SPEAKER_LABELS, s.speaker))}</b></td>"
            f"<td>{html.escape(s.text)}</td>"
            "</tr>"
            for s in doc.timeline.segments
        )
        or "<tr><td colspan='3'>(no transcript)</td></tr>"
    )
    note = "<p><i>Phone numbers and e-mail addresses are masked.</i></p>" if doc.redacted else ""
    return f"""
<html><head><style>
  body {{ font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }}
  h1 {{ font-size: 15pt; margin-bottom: 4pt; }}
  td {{ padding: 2pt 6pt 2pt 0; vertical-align: top; }}
  td.k {{ color: #444; font-weight: bold; }}
  td.t {{ color: #555; white-space: nowrap; }}
  td.s {{ white-space: nowrap; }}
</style></head><body>
<h1>Call transcript — {html.escape(doc.detail.id)}</h1>
<table>{rows}</table>{note}
<h2 style="font-size: 12pt">Transcript</h2>
<table width="100%">{segments}</table>
</body></html>"""


def render(doc: ExportDocument) -> bytes:
    ensure_gui_app()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.pdf"
        writer = QPdfWriter(str(path))
        writer.setTitle(f"Call transcript {doc.detail.id}")
        writer.setCreator("Aurion Call Review")
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
        text = QTextDocument()
        text.setDefaultFont(_plain_font())
        text.setHtml(to_html(doc))
        # print_() lays the document out on the writer's pages and numbers them.
        text.print_(writer)
        del writer
        return path.read_bytes()
