"""Specification of redaction: what is masked, as which kind, and what a reviewer still reads."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import unicodedata
from collections.abc import Iterator
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
from app.export.text import header_fields
from app.models import CallDetail, Transcript
from tests.app.export.redaction_corpus import (
    ALL_ITEMS,
    ORDINARY,
    SEGMENT_ITEMS,
    SPEAKER_ITEMS,
    Planted,
    corpus_payloads,
    reader_view,
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


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("06\n12\n34\n56\n78", "[phone]"),
        ("4111\r\n1111\r\n1111\r\n1111", "[card]"),
        ("FR76\n3000\n6000\n0112\n3456\n7890\n189", "[iban]"),
        ("06\x0012\x0034\x0056\x0078", "[phone]"),
        ("06\u202e12\u202e34\u202e56\u202e78", "[phone]"),  # RIGHT-TO-LEFT OVERRIDE
        ("06\u200b12\u200b34\u200b56\u200b78", "[phone]"),  # ZERO WIDTH SPACE
        ("06\u00ad12\u00ad34\u00ad56\u00ad78", "[phone]"),  # SOFT HYPHEN
        ("06\u2060\u2060\u206012\ufeff34\u180e56\u200d78", "[phone]"),  # joiners, BOM...
        ("06\u316412\u316434\u316456\u316478", "[phone]"),  # HANGUL FILLER
        ("06\U000e002012\U000e002034\U000e002056\U000e002078", "[phone]"),  # tag characters
        ("06\u202812\u202934\x8556\x0b78", "[phone]"),  # line and paragraph separators
        ("06    12    34    56    78", "[phone]"),  # any amount of white space
        ("06\n\n\n\n\n12 34 56 78", "[phone]"),
        ("06\u280012\u300034\u00a056\u202f78", "[phone]"),  # blank Braille, wide spaces
        ("06\ue00012\ue00034\ue00056\ue00078", "[phone]"),  # a private-use character
        ("0\u03016\u03011\u03012\u03013\u03014\u03015\u03016\u03017\u03018\u0301", "[phone]"),
        ("".join(f"{d}\ufe0f\u20e3" for d in "0612345678") + " ok", "[phone] ok"),  # keycaps
        ("zéro\nsix\ndouze\ntrente-quatre\ncinquante-six\nsoixante-dix-huit", "[phone]"),
        ("zé\u200bro six douze trente\u00ad-quatre cinquante-six soixante-dix-huit", "[phone]"),
        ("jo\n@\nexample\n.\norg", "[email]"),
        ("j\u200bo@exam\u200bple.org", "[email]"),
    ],
)
def test_line_breaks_controls_and_invisible_characters_hide_nothing(text: str, masked: str) -> None:
    assert redact_text(text) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("4111_1111_1111_1111", "[card]"),
        ("06;12;34;56;78", "[phone]"),
        ("06|12|34|56|78", "[phone]"),
        ("06~12~34~56~78", "[phone]"),
        ("06*12*34*56*78", "[phone]"),
        ("06#12#34#56#78", "[phone]"),
        ("06=12=34=56=78", "[phone]"),
        ("06+12+34+56+78", "[phone]"),
        ("06:12:34:56:78", "[phone]"),
        ("06•12•34•56•78", "[phone]"),  # any other punctuation or symbol, but a currency sign
        ("06·12·34·56·78", "[phone]"),
        ("06⁄12⁄34⁄56⁄78", "[phone]"),
        ("06−12−34−56−78", "[phone]"),  # MINUS SIGN
        ("06----12----34----56----78", "[phone]"),
        ("06 -- 12 -- 34 -- 56 -- 78", "[phone]"),
        ("4111,1111,1111,1111", "[card]"),  # commas without a space
        ("Ticket #0612345678", "Ticket #[phone]"),
        ("FR76_3000_6000_0112_3456_7890_189", "[iban]"),
        ("FR76|3000|6000|0112|3456|7890|189", "[iban]"),
    ],
)
def test_any_punctuation_between_groups_of_digits_joins_them(text: str, masked: str) -> None:
    assert redact_text(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "０６１２３４５６７８",  # fullwidth
        "٠٦١٢٣٤٥٦٧٨",  # Arabic-Indic
        "۰۶۱۲۳۴۵۶۷۸",  # Extended Arabic-Indic (Persian)
        "०६१२३४५६७८",  # Devanagari
        "𝟎𝟔𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖",  # mathematical bold
        "⁰⁶¹²³⁴⁵⁶⁷⁸",  # superscripts
        "⓪⑥①②③④⑤⑥⑦⑧",  # circled
        "０６ １２ ３４ ５６ ７８",
    ],
)
def test_digits_of_any_script_or_form_are_digits(text: str) -> None:
    assert redact_text(text) == "[phone]"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("jo[at]example[.]org", "[email]"),
        ("jo @ example . org", "[email]"),
        ("jo . doe @ example . org", "[email]"),
        ("jo @example.museum", "[email]"),
        ("jo@ example.org", "[email]"),
        ("jo(@)example.org", "[email]"),
        ("mailto:jo%40example.org", "mailto:[email]"),
        ("https://x.org/u?email=jo%40example%2Eorg&id=1", "https://x.org/u?email=[email]&id=1"),
        ("jo&#64;example.org", "[email]"),
        ("jo&#x40;example.org", "[email]"),
        ("jo&commat;example.org", "[email]"),
        ("jo＠example.org", "[email]"),  # FULLWIDTH COMMERCIAL AT
        ("ｊｏ＠ｅｘａｍｐｌｅ．ｏｒｇ", "[email]"),
        ("jo@example。org", "[email]"),  # IDEOGRAPHIC FULL STOP, a dot to IDNA
        ("jo at example . org", "[email]"),
        ("«jo@example.org»", "«[email]»"),
    ],
)
def test_obfuscated_addresses_are_addresses(text: str, masked: str) -> None:
    assert redact_text(text) == masked


@pytest.mark.parametrize(
    "sentence",
    [
        "De 10:30-11:45, puis 14:00 – 17:30 ; pause 12:00/13:00.",
        "The server 192.168.10.20:8040 answered at 10:30:15.250.",
        "Tickets #1042 #1043 and #1044; 12€ 15€ or 18€; 50% 60% 70%.",
        "Scores 3:2 and 2:1, a 16:9 screen, ticket 483920; order 58213 | ref 775421.",
        "see you @ 10. Then bye",  # "@" for "at", then a sentence
        "I'm at home. Be there at noon. It works.",
        "C’est l’heure : « 10 h 30 » 👍 à 14 h ; 3 × 4 = 12.",
        "Il a dit 1042 puis 1043, x = 12 + 345, the 1990s–2000s.",
        "call_1234567 and KB5034441 and v1.2.3.4",
    ],
)
def test_more_ordinary_text_stays_readable(sentence: str) -> None:
    assert redact_text(sentence) == sentence


def test_redacted_text_keeps_line_breaks_and_drops_what_nobody_sees() -> None:
    """JSON carries the masked text: line breaks and tabs stay, invisible characters go (no later
    step can join what they kept apart), other controls become spaces."""
    text = "Bonjour\r\n\tle 06\n12\n34\n56\n78\u2028merci\u200b\u00ad\u202e, bye\x00\x1b!"
    assert redact_text(text) == "Bonjour\r\n\tle [phone]\u2028merci, bye  !"
    invisible = "\u200b\u00ad\u202e\u2066\ufeff\u2060\u180e\U000e0041\ufe0f\u034f\ud800"
    assert redact_text(f"a{invisible}b") == "ab"
    assert redact_text("ze\u0301ro") == "zéro"  # composed (NFC), as a reader sees it


def _unseen(char: str) -> bool:
    """A character nobody sees, which a format may drop (or not): joining what it kept apart."""
    category = unicodedata.category(char)
    return (
        category in ("Cf", "Cs")
        or (category == "Cc" and not char.isspace())
        or (reader_view(char) == "" and category not in ("Mn", "Me"))
    )


def test_redacted_text_keeps_no_character_a_format_could_drop() -> None:
    """Whatever a format's one-line cleaning removes or keeps, it cannot reveal a number."""
    sentences = [item.sentence for item in [*SEGMENT_ITEMS, *SPEAKER_ITEMS]]
    assert any(_unseen(c) for s in sentences for c in s)  # the corpus plants such characters
    assert [s for s in sentences if any(_unseen(c) for c in redact_text(s))] == []


@pytest.mark.parametrize("name", ["started_at", "ended_at"])
@pytest.mark.parametrize(
    "value",
    ["2026-03-08T10:30:00Z", "2026-03-08T10:30:00.123+01:00", "2026-03-08 10:30", "2026-03-08"],
)
def test_a_shape_that_skips_the_rules_is_one_they_keep(name: str, value: str) -> None:
    assert CALL_SAFE_FIELDS[(name,)](value)
    assert redact_text(value) == value


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


def test_no_field_keeps_a_number_of_seven_digits_or_more() -> None:
    """The README's promise holds for the fields the API documents as numbers and ids too."""
    payload = {
        "id": "0612345678",
        "duration_seconds": 33612345678,
        "requester_id": 33612345678,
        "tickets_created": [1042, 4111111111111111, 4111111111111111.0],
        "started_at": "06 12 34 56 78",  # not a timestamp: the rules decide
    }
    assert redact_payload(payload, CALL_SAFE_FIELDS) == {
        "id": "[phone]",
        "duration_seconds": "[phone]",
        "requester_id": "[phone]",
        "tickets_created": [1042, "[card]", "[card]"],
        "started_at": "[phone]",
    }
    transcript = {"call_id": "33612345678", "segments": [{"timestamp": "0612345678"}]}
    assert redact_payload(transcript, TRANSCRIPT_SAFE_FIELDS) == {
        "call_id": "[phone]",
        "segments": [{"timestamp": "[phone]"}],
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
        (4.111111111111111e21, "[number]"),  # an exponent shows the leading digits all the same
        (float("inf"), float("inf")),
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


def _json_scalars(value: Any) -> Iterator[str]:
    """Every key and value of a JSON document, decoded (as a JSON viewer shows them)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_scalars(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_scalars(item)
    else:
        yield str(value)


def rendered(doc: ExportDocument, name: str) -> str:
    data = FORMATS[name].render(doc)
    if name == "pdf":
        return _pdf_text(data)
    if name == "json":  # "\n", "\u200b"... read decoded, one value a line
        return "\n".join(" ".join(s.split()) for s in _json_scalars(json.loads(data)))
    return data.decode("utf-8")


def _digit_view(text: str) -> str:
    """Digits as a reader would copy them: as a person sees them (``reader_view``), with what
    separates two letters or digits dropped, but a comma before anything but a space (CSV's
    bare commas separate fields), colons, brackets and angle brackets (the time stamps of
    subtitles and of the TXT lines are not part of a number)."""
    return re.sub(
        r"(?<=[^\W_])(?:[^\w,:\[\]<>]|_|,(?=\s))+(?=[^\W_])", "", reader_view(text)
    ).upper()


def _word_view(text: str) -> str:
    return " ".join(re.sub(r"[,\-–]", " ", reader_view(text).lower()).split())


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
HEADER = {"call.caller_id", "call.requester_name", "call.requester_id", "call.tickets_created.2"}
SHOWN = {
    "json": None,
    "txt": {"segment", "speaker", *HEADER},
    "pdf": {"segment", "speaker", *HEADER},
    "csv": {"segment", "speaker"},
    "srt": {"segment", "speaker"},
    "vtt": {"segment", "speaker"},
}


#: Characters the fonts the PDF is drawn with here lack (fullwidth forms, mathematical digits).
_NO_PDF_GLYPHS = re.compile("[\uff00-\uffef\U0001d400-\U0001d7ff]")


@pytest.mark.parametrize("name", ["txt", "json", "csv", "srt", "vtt", "pdf"])
@pytest.mark.usefixtures("qapp")
def test_the_leak_check_finds_every_item_it_shows_when_not_redacted(name: str) -> None:
    detail, transcript = corpus_payloads()
    doc = ExportDocument(CallDetail.from_json(detail), Transcript.from_json(transcript))
    text = rendered(doc, name)
    shown = SHOWN[name]
    expected = [item.secret for item in ALL_ITEMS if shown is None or item.where in shown]
    if name == "pdf":  # drawn as boxes: the PDF fonts here have no fullwidth or math digits
        expected = [secret for secret in expected if not _NO_PDF_GLYPHS.search(secret)]
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
    # ticket numbers up to 6 digits stay readable; the planted long ones are masked
    assert call["tickets_created"] == [1042, 1043, "[card]"]
    assert call["requester_id"] == "[phone]"
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
        "Caller\n[phone]",
    }
    assert corpus_doc.caller_id == "[phone]"
    assert corpus_doc.requester_name == "Camille Girardot ([phone])"
    assert corpus_doc.detail.caller_id == "[phone]"


def test_long_requester_ids_and_ticket_numbers_show_as_tokens(corpus_doc: ExportDocument) -> None:
    """An int field cannot hold a token: the typed fields leave such values out, and the labels
    the text formats show carry the token instead."""
    assert corpus_doc.detail.requester_id is None
    assert corpus_doc.detail.tickets_created == (1042, 1043)
    assert corpus_doc.requester_label == "Camille Girardot ([phone]) (#[phone])"
    assert corpus_doc.ticket_labels == ("#1042", "#1043", "#[card]")


def test_requester_and_ticket_labels_read_as_the_header_does() -> None:
    detail, transcript = corpus_payloads()
    doc = ExportDocument(CallDetail.from_json(detail), Transcript.from_json(transcript))
    header = dict(header_fields(doc))
    assert (
        doc.requester_label
        == header["Requester"]
        == "Camille Girardot (06 23 45 67 80) (#33687654329)"
    )
    assert ", ".join(doc.ticket_labels) == header["Tickets"] == "#1042, #1043, #4242424242424242"
    for changes, requester, tickets in [
        ({"requester_id": None, "requester_name": None, "tickets_created": []}, "—", ()),
        ({"requester_id": 42, "requester_name": None}, "Unnamed (#42)", None),
        ({"requester_id": None, "requester_name": "Ann"}, "Ann", None),
    ]:
        other = ExportDocument(CallDetail.from_json({**detail, **changes}), doc.transcript)
        assert other.requester_label == requester == dict(header_fields(other))["Requester"]
        if tickets is not None:
            assert other.ticket_labels == tickets
        short = ExportDocument(other.detail, other.transcript, redacted=True)
        assert short.requester_label == requester  # short ids stay readable when redacted


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
    assert again.detail == corpus_doc.detail
    assert again.requester_label == corpus_doc.requester_label
    assert again.ticket_labels == corpus_doc.ticket_labels
