"""Printable PDF transcript for compliance files, drawn by Qt (QTextDocument on a QPdfWriter).

QtGui only (no widgets); works headless once a QGuiApplication exists (``ensure_gui_app``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import html
import os
import re
import threading
import uuid
import weakref
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import TypeVar

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QThreadPool, QUuid
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from app.errors import ExportError
from app.export import redact
from app.export.document import ExportDocument
from app.export.fields import one_line
from app.export.text import header_fields, speaker_label
from app.formatting import format_duration
from app.i18n import QT_TRANSLATE_NOOP
from app.timeline import TimedSegment


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


#: Transcript rows and characters laid out at a time: memory stays bounded (a row takes about
#: 20 KB while laid out, a character of a long row some 70 bytes).
ROWS_PER_CHUNK = 400
CHARACTERS_PER_CHUNK = 200_000
ROW_CHARACTERS = 20_000
#: Above this, a PDF is refused: over a thousand pages nobody prints, which take minutes to lay
#: out and cannot be interrupted meanwhile (Qt's layout); txt, csv or json hold it all.
MAX_SEGMENTS = 50_000
MAX_CHARACTERS = 2_000_000

_STYLE = """
  body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }
  h1 { font-size: 15pt; margin-bottom: 4pt; }
  td { padding: 2pt 6pt 2pt 0; vertical-align: top; }
  td.k { color: #444; font-weight: bold; padding-right: 14pt; white-space: nowrap; }
  td.t { color: #555; white-space: nowrap; }
  td.s { white-space: nowrap; }
"""


class PdfTooLongError(ExportError):
    """A transcript too long to print; the text formats still hold it."""

    title = QT_TRANSLATE_NOOP("AurionError", "Transcript too long for a PDF")


_Row = tuple[str, str, str]  # time, speaker, text: a transcript row as the PDF shows it


def _rows(rows: list[_Row]) -> str:
    return "".join(
        "<tr>"
        f"<td class='t' width='8%'>{time}</td>"
        f"<td class='s' width='13%'><b>{html.escape(speaker)}</b></td>"
        f"<td>{html.escape(text)}</td>"
        "</tr>"
        for time, speaker, text in rows
    )


def _split(segment: TimedSegment) -> Iterator[_Row]:
    """A segment's rows: one, or for a very long text pieces of ``ROW_CHARACTERS`` (the time and
    speaker on the first), so that no single cell holds more than a few pages."""
    text = one_line(segment.text)
    pieces = [text[i : i + ROW_CHARACTERS] for i in range(0, len(text), ROW_CHARACTERS)] or [""]
    yield format_duration(segment.start), speaker_label(segment.speaker), pieces[0]
    for piece in pieces[1:]:
        yield "", "", piece


def _page(body: str) -> str:
    return f"<html><head><style>{_STYLE}</style></head><body>{body}</body></html>"


def _chunks(segments: list[TimedSegment]) -> Iterator[list[_Row]]:
    """Runs of at most ``ROWS_PER_CHUNK`` rows and ``CHARACTERS_PER_CHUNK`` characters: what one
    QTextDocument lays out at a time."""
    chunk: list[_Row] = []
    size = 0
    for segment in segments:
        for row in _split(segment):
            full = len(chunk) >= ROWS_PER_CHUNK or size + len(row[2]) > CHARACTERS_PER_CHUNK
            if chunk and full:
                yield chunk
                chunk, size = [], 0
            chunk.append(row)
            size += len(row[2])
    yield chunk


def html_parts(doc: ExportDocument) -> Iterator[str]:
    """The PDF's content as HTML documents of bounded size (``_chunks``); the first holds the
    call's details."""
    rows = "".join(
        f"<tr><td class='k' width='17%'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
        for k, v in header_fields(doc)
    )
    note = f"<p><i>{html.escape(redact.SUMMARY)}</i></p>" if doc.redacted else ""
    chunks = _chunks(doc.timeline.segments)
    first = _rows(next(chunks)) or "<tr><td colspan='3'>(no transcript)</td></tr>"
    yield _page(
        f"<h1>Call transcript — {html.escape(one_line(doc.detail.id))}</h1>"
        f"<table width='100%'>{rows}</table>{note}"
        f"<h2 style='font-size: 12pt'>Transcript</h2><table width='100%'>{first}</table>"
    )
    for chunk in chunks:
        yield _page(f"<table width='100%'>{_rows(chunk)}</table>")


def render(doc: ExportDocument) -> bytes:
    """Draw the PDF page by page, laying out a bounded chunk of rows at a time."""
    segments = doc.timeline.segments
    count = len(segments)
    characters = sum(len(s.text) for s in segments)
    if count > MAX_SEGMENTS or characters > MAX_CHARACTERS:
        raise PdfTooLongError(
            f"The transcript has {count:,} segments and {characters:,} characters: a PDF holds "
            f"at most {MAX_SEGMENTS:,} segments and {MAX_CHARACTERS:,} characters (some 1,000 "
            "pages). Export it as txt, csv or json instead."
        )
    ensure_gui_app()
    # Drawn in memory: a temporary file (in the system's temp folder) would hold call data
    # outside the export folder, and outlive a killed run.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"Call transcript {one_line(doc.detail.id)}")
    writer.setCreator("Aurion Call Review")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setDocumentId(QUuid(str(_document_id(doc))))
    _draw(writer, html_parts(doc))
    del writer  # finishes the document
    data = bytes(buffer.data().data())
    buffer.close()
    return pin_dates(data, creation_time(doc))


#: The namespace of our PDFs' document ids (a UUID5 of the call and its redaction).
_PDF_NAMESPACE = uuid.UUID("6f1d4b0e-9a53-4d7c-9b7e-2f4e3c1a8d21")
_INFO_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)(\d{14})(Z|[+-]\d\d'\d\d'?)")
_XMP_DATE = re.compile(
    rb'(xmp:(?:CreateDate|ModifyDate|MetadataDate)=")(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(Z|[+-]\d\d:\d\d)'
)


def _document_id(doc: ExportDocument) -> uuid.UUID:
    return uuid.uuid5(_PDF_NAMESPACE, f"{doc.detail.id}\n{doc.redacted}")


def creation_time(doc: ExportDocument) -> datetime:
    """The time a PDF says it was made: ``SOURCE_DATE_EPOCH`` when set (reproducible builds'
    convention), else the call's end (or start), so that exporting again gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(min(int(epoch), 253402300799), UTC)
    when = doc.detail.ended_at or doc.detail.started_at
    try:
        return when.astimezone(UTC)
    except (OverflowError, ValueError):
        return datetime(1970, 1, 1, tzinfo=UTC)


def _offset(suffix: bytes) -> timezone:
    if suffix in (b"Z", b""):
        return UTC
    sign = -1 if suffix[:1] == b"-" else 1
    digits = suffix[1:].replace(b"'", b"").replace(b":", b"")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def pin_dates(data: bytes, when: datetime) -> bytes:
    """Replace the creation dates Qt writes (now, in the Info dictionary and the XMP metadata)
    with ``when``, keeping each date's length and time zone, so no object offset moves."""

    def local(suffix: bytes) -> datetime:
        try:
            return when.astimezone(_offset(suffix))
        except (OverflowError, ValueError):
            return when

    def info(match: re.Match[bytes]) -> bytes:
        stamp = local(match.group(3)).strftime("%Y%m%d%H%M%S").encode()
        return match.group(1) + stamp + match.group(3)

    def xmp(match: re.Match[bytes]) -> bytes:
        stamp = local(match.group(3)).strftime("%Y-%m-%dT%H:%M:%S").encode()
        return match.group(1) + stamp + match.group(3)

    return _XMP_DATE.sub(xmp, _INFO_DATE.sub(info, data))


def _draw(writer: QPdfWriter, parts: Iterator[str]) -> None:
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    width, height = float(page.width()), float(page.height())
    font = _plain_font()
    footer = QFontMetricsF(font, writer).height() * 2
    body = QSizeF(width, height - footer)
    painter = QPainter(writer)
    try:
        number = 0
        for part in parts:
            text = QTextDocument()
            text.documentLayout().setPaintDevice(writer)
            text.setDefaultFont(font)
            text.setPageSize(body)
            text.setHtml(part)
            for index in range(text.pageCount()):
                if number:
                    writer.newPage()
                number += 1
                top = index * body.height()
                painter.save()
                painter.translate(0, -top)
                text.drawContents(painter, QRectF(0, top, width, body.height()))
                painter.restore()
                painter.setFont(font)
                painter.drawText(
                    QRectF(0, height - footer, width, footer),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                    str(number),
                )
    finally:
        painter.end()
