"""Specification of redaction: what is masked, as which kind, and what a reviewer still reads."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from typing import Any

import pypdf
import pytest

from app.export import redact
from app.export.document import ExportDocument
from app.export.formats import FORMATS
from app.export.redact import (
    CALL_SAFE_FIELDS,
    RULES_VERSION,
    TRANSCRIPT_SAFE_FIELDS,
    redact_number,
    redact_payload,
    redact_text,
)
from app.models import CallDetail, Transcript
from tests.app.export.redaction_corpus import (
    ALL_ITEMS,
    ORDINARY,
    SEGMENT_ITEMS,
    Planted,
    corpus_payloads,
)

# -- text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Call +33612345678 now", "Call [phone] now"),
        ("au 06 12 34 56 78.", "au [phone]."),
        ("06/12/34/56/78", "[phone]"),
        ("06–12–34–56–78", "[phone]"),
        ("06.12.34.56.78", "[phone]"),
        ("c'est le 06, 12, 34, 56, 78, voilà", "c'est le [phone], voilà"),
        ("+44 (0)20 7946 0958", "[phone]"),
        ("07700 900123 x12, thanks", "[phone], thanks"),
        ("(212) 555-0100 ext. 345", "[phone]"),
        ("09 70 80 90 00 poste 12.", "[phone]."),
        ("dial 555-0123", "dial [phone]"),
        ("089/1234567", "[phone]"),
        ("06 11 22 33 44 07 55 66 77 88", "[phone] [phone]"),
        ("02 98 45 12 36 / 06 87 45 12 39", "[phone] / [phone]"),
        ("٠٦١٢٣٤٥٦٧٨", "[phone]"),  # Arabic-Indic digits are digits too
    ],
)
def test_phone_numbers_become_a_phone_token(text: str, masked: str) -> None:
    assert redact_text(text) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("zéro six douze trente-quatre cinquante-six soixante-dix-huit", "[phone]"),
        ("Alors, zéro sept quatre-vingt-dix-huit soixante et onze douze zéro.", "Alors, [phone]."),
        ("oh seven seven double oh nine double oh one two three", "[phone]"),
        ("it's five five five, oh one nine nine.", "it's [phone]."),
        ("zéro six 12 34 56 78", "[phone]"),
    ],
)
def test_spelled_out_numbers_are_masked(text: str, masked: str) -> None:
    assert redact_text(text) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("write to jo.doe@example.com.", "write to [email]."),
        ("écrivez à zoé@exemple.fr", "écrivez à [email]"),
        ("jean dot dupont at gmail dot com", "[email]"),
        ("C'est jean point dupont arobase gmail point com.", "C'est [email]."),
        ("mary underscore smith 42 at yahoo dot co dot uk", "[email]"),
        ("sophie (at) laposte (dot) net", "[email]"),
        ("jean.dupont at gmail.com", "[email]"),
    ],
)
def test_email_addresses_written_or_spelled_become_an_email_token(text: str, masked: str) -> None:
    assert redact_text(text) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("card 4111 1111 1111 1111.", "card [card]."),
        ("amex 3782-822463-10005", "amex [card]"),
        ("IBAN FR76 3000 6000 0112 3456 7890 189 merci", "IBAN [iban] merci"),
        ("gb82west12345698765432", "[iban]"),
        # fails Luhn: still a long number, masked without claiming to be a card
        ("ref 4111 1111 1111 1112", "ref [number]"),
    ],
)
def test_cards_pass_luhn_and_ibans_pass_mod_97(text: str, masked: str) -> None:
    assert redact_text(text) == masked


def test_an_iban_failing_mod_97_still_loses_its_digits() -> None:
    masked = redact_text("FR76 3000 6000 0112 3456 7890 188")
    assert masked.startswith("FR76 [") and not re.search(r"\d", masked.removeprefix("FR76"))


@pytest.mark.parametrize("sentence", ORDINARY)
def test_ordinary_text_stays_readable(sentence: str) -> None:
    assert redact_text(sentence) == sentence


def test_redaction_is_idempotent_and_keeps_other_text() -> None:
    text = "Merci ! 👍 Rappelez le 06 12 34 56 78 à 10:30, ticket #1042."
    once = redact_text(text)
    assert once == "Merci ! 👍 Rappelez le [phone] à 10:30, ticket #1042."
    assert redact_text(once) == once


def test_rules_have_a_version() -> None:
    assert re.fullmatch(r"\d{4}\.\d+", RULES_VERSION)


# -- JSON payloads --------------------------------------------------------------------------------


def test_payload_keeps_safe_fields_with_their_shape_and_redacts_everything_else() -> None:
    payload = {
        "id": "call_abc123",
        "status": "completed",
        "language": "Call me on 06 12 34 56 78",  # a safe field with an unexpected value
        "duration_seconds": 185,
        "tickets_created": [1042],
        "requester_id": 42,
        "tools_used": ["search_kb", "jo@x.org"],
        "authenticated": True,
        "score": 0.75,
        "extra": {"deep": [{"mail": "jo@x.org", "n": 33612345678, "ok": 12}]},
    }
    assert redact_payload(payload, CALL_SAFE_FIELDS) == {
        "id": "call_abc123",
        "status": "completed",
        "language": "Call me on [phone]",
        "duration_seconds": 185,
        "tickets_created": [1042],
        "requester_id": 42,
        "tools_used": ["search_kb", "[email]"],
        "authenticated": True,
        "score": 0.75,
        "extra": {"deep": [{"mail": "[email]", "n": "[phone]", "ok": 12}]},
    }


def test_unknown_keys_are_redacted_without_losing_a_value() -> None:
    payload = {"by_number": {"0612345678": "home", "0798765432": "work"}}
    assert redact_payload(payload, CALL_SAFE_FIELDS) == {
        "by_number": {"[phone]": "home", "[phone] (2)": "work"}
    }


@pytest.mark.parametrize(
    ("value", "redacted"),
    [
        (33612345678, "[phone]"),
        (4111111111111111, "[card]"),
        (123456, 123456),
        (3.5, 3.5),
        (33612345678.0, "[phone]"),
        (True, True),
    ],
)
def test_whole_numbers_of_seven_digits_or_more_are_masked(value: Any, redacted: Any) -> None:
    assert redact_number(value) == redacted


def test_nesting_beyond_the_limit_is_dropped() -> None:
    deep: dict[str, Any] = {"v": "06 12 34 56 78"}
    for _ in range(redact.MAX_DEPTH + 5):
        deep = {"d": deep}
    out = redact_payload(deep, TRANSCRIPT_SAFE_FIELDS)
    assert "06 12" not in json.dumps(out)


# -- the corpus through every format ---------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_doc() -> ExportDocument:
    detail, transcript = corpus_payloads()
    return ExportDocument(
        CallDetail.from_json(detail), Transcript.from_json(transcript), redacted=True
    )


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"-\n", "-", text)  # a line wrapped after a hyphen is one word


def rendered(doc: ExportDocument, name: str) -> str:
    data = FORMATS[name].render(doc)
    return _pdf_text(data) if name == "pdf" else data.decode("utf-8")


def _digit_view(text: str) -> str:
    """Digits as a reader would copy them: separators between digits dropped (a comma only
    when a space follows: CSV's bare commas separate fields)."""
    return re.sub(r"(?<=\w)(?:[\s.\-–—/()]|,(?=\s))+(?=\w)", "", text).upper()


def _word_view(text: str) -> str:
    return " ".join(re.sub(r"[,\-–]", " ", text.lower()).split())


def leaks(item: Planted, text: str) -> list[str]:
    """The needles of ``item`` found in an export's text."""
    digits, words = _digit_view(text), _word_view(text)
    found = []
    for needle in item.needles:
        if re.fullmatch(r"[\dA-Z]+", needle):
            if needle in digits:
                found.append(needle)
        elif re.search(rf"(?<!\w){re.escape(_word_view(needle))}(?!\w)", words):
            found.append(needle)
    return found


ALL_ITEMS_BY_SECRET = {item.secret: item for item in ALL_ITEMS}


def test_corpus_has_over_a_hundred_items_of_every_kind() -> None:
    assert len(ALL_ITEMS) >= 100
    assert len(ALL_ITEMS_BY_SECRET) == len(ALL_ITEMS)  # one item per secret
    kinds = {item.kind for item in ALL_ITEMS}
    assert kinds == {"phone", "email", "card", "iban", "spoken-phone", "spoken-email"}
    wheres = {item.where.split(".")[0] for item in ALL_ITEMS}
    assert {"segment", "speaker", "call", "transcript"} <= wheres


#: What each format shows of the call: JSON everything, the others the transcript and a header.
SHOWN = {
    "json": None,
    "txt": {"segment", "speaker", "call.caller_id", "call.requester_name"},
    "pdf": {"segment", "speaker", "call.caller_id", "call.requester_name"},
    "csv": {"segment", "speaker"},
    "srt": {"segment", "speaker"},
    "vtt": {"segment", "speaker"},
}


@pytest.mark.parametrize("name", ["txt", "json", "csv", "srt", "vtt", "pdf"])
@pytest.mark.usefixtures("qapp")
def test_the_leak_check_finds_every_item_it_shows_when_not_redacted(name: str) -> None:
    detail, transcript = corpus_payloads()
    doc = ExportDocument(CallDetail.from_json(detail), Transcript.from_json(transcript))
    text = rendered(doc, name)
    shown = SHOWN[name]
    expected = [item.secret for item in ALL_ITEMS if shown is None or item.where in shown]
    assert len(expected) >= 80
    assert [secret for secret in expected if not leaks(ALL_ITEMS_BY_SECRET[secret], text)] == []


@pytest.mark.parametrize("name", ["txt", "json", "csv", "srt", "vtt", "pdf"])
@pytest.mark.usefixtures("qapp")  # the PDF is drawn by QtGui: the session QApplication first
def test_no_planted_item_survives_any_format(corpus_doc: ExportDocument, name: str) -> None:
    text = rendered(corpus_doc, name)
    leaked = {item.secret: found for item in ALL_ITEMS if (found := leaks(item, text))}
    assert leaked == {}
    for token in ("[phone]", "[email]", "[card]", "[iban]"):
        assert token in text


@pytest.mark.parametrize("name", ["txt", "json", "csv", "srt", "vtt", "pdf"])
@pytest.mark.usefixtures("qapp")
def test_ordinary_text_reads_the_same_in_every_format(
    corpus_doc: ExportDocument, name: str
) -> None:
    text = " ".join(rendered(corpus_doc, name).split())
    missing = [s for s in ORDINARY if s not in text]
    assert missing == []


def test_each_planted_segment_keeps_its_words_around_the_mask(corpus_doc: ExportDocument) -> None:
    texts = {s.text for s in corpus_doc.transcript.segments}
    for item in SEGMENT_ITEMS:
        before, _, after = item.sentence.partition(item.secret)
        assert any(t.startswith(before) and t.endswith(after) for t in texts), item.sentence


# -- the document -------------------------------------------------------------------------------


def test_json_export_records_the_rules_and_keeps_safe_fields(corpus_doc: ExportDocument) -> None:
    data = json.loads(FORMATS["json"].render(corpus_doc))
    assert data["redacted"] is True and data["redaction_rules"] == RULES_VERSION
    call, transcript = data["call"], data["transcript"]
    assert call["id"] == "call_c0ffee1234" and call["started_at"] == "2026-03-08T10:30:00Z"
    assert call["tools_used"] == ["search_tickets", "create_ticket"]
    assert call["tickets_created"] == [1042, 1043] and call["requester_id"] == 42
    assert call["caller_id"] == "[phone]"
    assert call["requester_name"] == "Camille Girardot ([phone])"
    assert call["metadata"]["phone"] == "[phone]"
    assert call["metadata"]["payment"] == {"card": "[card]", "iban": "[iban]", "pan": "[card]"}
    assert transcript["segments"][0]["timestamp"] == "2026-03-08T10:30:00Z"
    assert transcript["segments"][0]["confidence"] == 0.93


def test_speakers_and_typed_fields_are_redacted(corpus_doc: ExportDocument) -> None:
    speakers = {s.speaker for s in corpus_doc.timeline.segments}
    assert speakers == {
        "caller",
        "agent",
        "caller [phone]",
        "Caller [phone]",
        "caller:[email]",
        "agent-transfer-[phone]",
    }
    assert corpus_doc.caller_id == "[phone]"
    assert corpus_doc.requester_name == "Camille Girardot ([phone])"
    assert corpus_doc.detail.caller_id == "[phone]"


def test_unredacted_document_is_the_payload_as_given() -> None:
    detail, transcript = corpus_payloads()
    doc = ExportDocument(CallDetail.from_json(detail), Transcript.from_json(transcript))
    assert doc.raw_detail() == detail and doc.raw_transcript() == transcript
    assert doc.caller_id == "+33 6 98 76 54 31"


def test_redacting_a_redacted_document_changes_nothing(corpus_doc: ExportDocument) -> None:
    again = dataclasses.replace(corpus_doc)
    assert again.raw_detail() == corpus_doc.raw_detail()
    assert again.raw_transcript() == corpus_doc.raw_transcript()
    assert again.timeline.segments == corpus_doc.timeline.segments
