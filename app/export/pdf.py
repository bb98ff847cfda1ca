"""Printable PDF transcript for compliance files, drawn by Qt (QTextDocument on a QPdfWriter).

QtGui only (no widgets); works headless once a QGuiApplication exists (``ensure_gui_app``).
"""

from __future__ import annotations

import concurrent.futures
import html
import os
import tempfile
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


def submit(job: Callable[[], T]) -> concurrent.futures.Future[T]:
    """Run ``job`` on a Qt pool thread: QTextDocument starts Qt timers, which a plain Python
    thread (asyncio.to_thread) lacks the event dispatcher for ("QBasicTimer::start: current
    thread's event dispatcher has already been destroyed"). Await with asyncio.wrap_future."""
    ensure_gui_app()
    future: concurrent.futures.Future[T] = concurrent.futures.Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(job())
        except BaseException as exc:  # handed to the awaiting coroutine
            future.set_exception(exc)

    QThreadPool.globalInstance().start(run)
    return future


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
