"""Every export format from a fixed demo call: byte-exact goldens, parsed back by real parsers."""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import json
import os
from pathlib import Path

import pypdf
import pytest
import srt
import webvtt

from app.demo.server import DemoServer
from app.export.document import ExportDocument
from app.export.formats import FORMATS, parse_formats
from tests.app.export.conftest import GOLDEN_CALL, WIDGET_CALL, fetch_document

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("name", ["txt", "json", "csv", "srt", "vtt"])
def test_format_matches_its_golden_file(golden_doc: ExportDocument, name: str) -> None:
    data = FORMATS[name].render(golden_doc)
    path = GOLDEN / f"{GOLDEN_CALL}.{name}"
    if UPDATE:
        path.write_bytes(data)
    assert data == path.read_bytes()
    data.decode("utf-8")  # UTF-8 throughout


def test_txt_reads_like_a_transcript(golden_doc: ExportDocument) -> None:
    text = FORMATS["txt"].render(golden_doc).decode()
    assert "Requester:     Inès Rousseau" in text
    assert "\n[0:00] Agent: Bonjour, ici le support informatique Aurion." in text
    assert "Started:       2026-08-24 10:57:46 UTC" in text
    assert "Tools used:    check_status, reset_password, create_ticket" in text


def test_json_is_lossless(golden_doc: ExportDocument) -> None:
    data = json.loads(FORMATS["json"].render(golden_doc))
    assert data["call"] == dict(golden_doc.detail.raw)
    assert data["transcript"] == dict(golden_doc.transcript.raw)


def test_csv_round_trips(golden_doc: ExportDocument) -> None:
    raw = FORMATS["csv"].render(golden_doc).decode()
    assert raw.startswith("call_id,offset_seconds,timestamp,speaker,text\r\n")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    segments = golden_doc.transcript.segments
    assert [r["text"] for r in rows] == [s.text for s in segments]
    assert [r["speaker"] for r in rows] == [s.speaker for s in segments]
    assert {r["call_id"] for r in rows} == {GOLDEN_CALL}
    assert float(rows[1]["offset_seconds"]) == golden_doc.timeline.segments[1].start


def test_srt_parses_with_one_cue_per_segment_ending_at_the_next(
    golden_doc: ExportDocument,
) -> None:
    cues = list(srt.parse(FORMATS["srt"].render(golden_doc).decode()))
    segs = golden_doc.timeline.segments
    assert len(cues) == len(segs)
    for cue, nxt in itertools.pairwise(cues):
        assert cue.end == nxt.start
    assert cues[-1].end.total_seconds() == pytest.approx(golden_doc.detail.duration_seconds)
    assert cues[0].content.startswith("Agent: Bonjour")
    assert cues[1].content.startswith("Caller: ")


def test_vtt_parses_with_voice_tags(golden_doc: ExportDocument, tmp_path: Path) -> None:
    path = tmp_path / "t.vtt"
    path.write_bytes(FORMATS["vtt"].render(golden_doc))
    captions = webvtt.read(str(path))
    segs = golden_doc.timeline.segments
    assert len(captions) == len(segs)
    assert captions[0].voice == "Agent" and captions[1].voice == "Caller"
    assert captions[0].start_in_seconds == int(segs[0].start)
    assert captions[-1].end_in_seconds == golden_doc.detail.duration_seconds


# The PDF is drawn by QtGui. Under pytest the session QApplication (pytest-qt's ``qapp``) must exist
# first: the QGuiApplication that the headless CLI creates would forbid the widget tests' QWidgets.
@pytest.mark.usefixtures("qapp")
def test_pdf_has_header_wrapped_text_and_page_numbers(golden_doc: ExportDocument) -> None:
    data = FORMATS["pdf"].render(golden_doc)
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(data))
    # Qt's PDF spaces words with tabs; compare on normalised white space
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert GOLDEN_CALL in text and "Inès Rousseau" in text
    assert "Bonjour, ici le support informatique Aurion" in text
    assert "1" in reader.pages[0].extract_text().split()[-3:]  # page number at the foot


@pytest.mark.usefixtures("qapp")
def test_long_transcript_pdf_spans_numbered_pages(golden_doc: ExportDocument) -> None:
    from app.models import Transcript

    many = golden_doc.transcript.segments * 12
    doc = ExportDocument(
        golden_doc.detail, Transcript(GOLDEN_CALL, many, golden_doc.transcript.raw)
    )
    reader = pypdf.PdfReader(io.BytesIO(FORMATS["pdf"].render(doc)))
    assert len(reader.pages) >= 3
    assert str(len(reader.pages)) in reader.pages[-1].extract_text().split()[-3:]


def test_redaction_masks_phones_and_emails_everywhere(demo_server: DemoServer) -> None:
    doc = fetch_document(demo_server, GOLDEN_CALL, redacted=True)
    plain = fetch_document(demo_server, GOLDEN_CALL)
    for name in ("txt", "json", "csv", "srt", "vtt"):
        assert plain.detail.caller_id not in FORMATS[name].render(doc).decode(), name
    assert "Caller:        [phone]\n" in FORMATS["txt"].render(doc).decode()
    widget = fetch_document(demo_server, WIDGET_CALL, redacted=True)
    text = FORMATS["json"].render(widget).decode()
    assert "emily.smith" not in text and '"caller_id": "[email]"' in text


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown format docx"):
        parse_formats("txt,docx")
    assert [f.name for f in parse_formats("srt, TXT,srt")] == ["srt", "txt"]


@pytest.mark.usefixtures("qapp")
def test_pdf_text_has_no_ligatures_so_ids_can_be_searched(golden_doc: ExportDocument) -> None:
    detail = dataclasses.replace(golden_doc.detail, id="call_ff0fi1")
    doc = ExportDocument(detail, golden_doc.transcript)
    reader = pypdf.PdfReader(io.BytesIO(FORMATS["pdf"].render(doc)))
    assert "call_ff0fi1" in reader.pages[0].extract_text()


@pytest.mark.parametrize("count", [1, 999, 1000, 1001, 2500])
def test_json_streams_in_pieces_equal_to_one_encoding(
    golden_doc: ExportDocument, count: int
) -> None:
    import orjson

    from app.export import json_export
    from app.models import Transcript

    raw = dict(golden_doc.transcript.raw)
    segments = [{**raw["segments"][i % 3], "extra": {"n": [i]}} for i in range(count)]
    doc = ExportDocument(golden_doc.detail, Transcript.from_json({**raw, "segments": segments}))
    pieces = list(json_export.chunks(doc))
    whole = {"format": json_export.FORMAT_ID, "redacted": False, "call": doc.raw_detail(),
             "transcript": doc.raw_transcript()}  # fmt: skip
    assert b"".join(pieces) == orjson.dumps(
        whole, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
    )
    assert len(pieces) == 2 + -(-count // json_export.SEGMENTS_PER_CHUNK)


@pytest.mark.usefixtures("qapp")
def test_pdf_is_the_same_bytes_when_exported_again(
    golden_doc: ExportDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    first = FORMATS["pdf"].render(golden_doc)
    time.sleep(1.1)  # Qt stamps the current second
    assert FORMATS["pdf"].render(golden_doc) == first
    meta = pypdf.PdfReader(io.BytesIO(first)).metadata
    assert meta is not None and meta["/CreationDate"] == "D:20260824105842Z"  # the call's end
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    meta = pypdf.PdfReader(io.BytesIO(FORMATS["pdf"].render(golden_doc))).metadata
    assert meta is not None and meta["/CreationDate"] == "D:20260101000000Z"


@pytest.mark.usefixtures("qapp")
def test_pdf_shows_every_detail_a_reviewer_checks(golden_doc: ExportDocument) -> None:
    reader = pypdf.PdfReader(io.BytesIO(FORMATS["pdf"].render(golden_doc)))
    text = " ".join(reader.pages[0].extract_text().split())
    for shown in ("Authenticated Yes", "Escalated No", "Tools used check_status, reset_password"):
        assert shown in text
