"""Specification of redaction."""

from __future__ import annotations

import pytest

from app.export.redact import mask_phone, redact_text


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("+33612345678", "+33 6** *** *78"),
        ("+447700900123", "+44 7 *** *** *23"),
        ("+12125550100", "+1 2 *** *** *00"),
        ("06 12 34 56 78", "0 *** *** *78"),
    ],
)
def test_phone_numbers_keep_country_code_first_and_last_two_digits(
    number: str, masked: str
) -> None:
    assert mask_phone(number) == masked


def test_text_keeps_ordinary_numbers() -> None:
    text = "Ticket 1042 at 10:30, employee 42719, call +33612345678 or jo.doe@example.com."
    assert redact_text(text) == (
        "Ticket 1042 at 10:30, employee 42719, call +33 6** *** *78 or j***@example.com."
    )


def test_french_accents_and_emoji_survive() -> None:
    assert redact_text("Merci beaucoup ! 👍 écrivez à zoé@exemple.fr") == (
        "Merci beaucoup ! 👍 écrivez à z***@exemple.fr"
    )
