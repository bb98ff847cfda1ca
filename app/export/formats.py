"""The export formats by name: file extension and renderer."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.export import csv_export, json_export, subtitles, text
from app.export.document import ExportDocument
from app.i18n import QT_TRANSLATE_NOOP


def _pdf(doc: ExportDocument) -> bytes:
    from app.export import pdf  # Qt is loaded only when a PDF is asked for

    return pdf.render(doc)


Renderer = Callable[[ExportDocument], Iterable[bytes]]


def _whole(render: Callable[[ExportDocument], bytes]) -> Renderer:
    return lambda doc: (render(doc),)


@dataclass(frozen=True)
class Format:
    """A format's name, extension and renderer; ``chunks`` yields the file in bounded pieces."""

    name: str
    extension: str
    #: In English (the window translates it: "ExportFormats" context).
    description: str
    chunks: Renderer
    #: Drawn by Qt on an export's render pool rather than inline.
    drawn: bool = False

    def render(self, doc: ExportDocument) -> bytes:
        return b"".join(self.chunks(doc))


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("txt", "txt", QT_TRANSLATE_NOOP("ExportFormats", "Plain text"), text.chunks),
        Format(
            "json",
            "json",
            QT_TRANSLATE_NOOP("ExportFormats", "JSON (lossless)"),
            json_export.chunks,
        ),
        Format(
            "csv",
            "csv",
            QT_TRANSLATE_NOOP("ExportFormats", "CSV, one row per segment"),
            csv_export.chunks,
        ),
        Format(
            "srt",
            "srt",
            QT_TRANSLATE_NOOP("ExportFormats", "SubRip subtitles"),
            subtitles.srt_chunks,
        ),
        Format(
            "vtt",
            "vtt",
            QT_TRANSLATE_NOOP("ExportFormats", "WebVTT subtitles"),
            subtitles.vtt_chunks,
        ),
        Format(
            "pdf",
            "pdf",
            QT_TRANSLATE_NOOP("ExportFormats", "PDF for printing"),
            _whole(_pdf),
            drawn=True,
        ),
    )
}


def parse_formats(spec: str) -> list[Format]:
    """``txt,json,srt`` -> formats; a clear ValueError for an unknown one."""
    names = [n.strip().lower() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise ValueError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return [FORMATS[n] for n in dict.fromkeys(names)]
