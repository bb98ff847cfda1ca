"""The export formats by name: file extension and renderer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.export import csv_export, json_export, subtitles, text
from app.export.document import ExportDocument


def _pdf(doc: ExportDocument) -> bytes:
    from app.export import pdf  # Qt is loaded only when a PDF is asked for

    return pdf.render(doc)


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    description: str
    render: Callable[[ExportDocument], bytes]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("txt", "txt", "Plain text", text.render),
        Format("json", "json", "JSON (lossless)", json_export.render),
        Format("csv", "csv", "CSV, one row per segment", csv_export.render),
        Format("srt", "srt", "SubRip subtitles", subtitles.render_srt),
        Format("vtt", "vtt", "WebVTT subtitles", subtitles.render_vtt),
        Format("pdf", "pdf", "PDF for printing", _pdf),
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
