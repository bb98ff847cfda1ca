"""Specification of webhook signatures: what the demo server signs, what a receiver takes."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from app.errors import ConfigurationError
from app.webhook_signature import (
    EVENT_ID,
    MAX_SIGNATURES,
    TOLERANCE_SECONDS,
    Verdict,
    check_signature,
    new_event_id,
    secret_from_env,
    signature_header,
)

SECRET = b"0123456789abcdef-secret"
BODY = b'{"id":"evt_1","type":"call.started","data":{"id":"call_1"}}'
NOW = 1_800_000_000


def test_the_header_is_a_timestamp_and_an_hmac_of_timestamp_dot_body() -> None:
    header = signature_header(SECRET, BODY, NOW)
    expected = hmac.new(SECRET, f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert header == f"t={NOW},v1={expected}"
    assert check_signature(SECRET, BODY, header, NOW) is Verdict.VALID


@pytest.mark.parametrize(
    ("secret", "body", "signed_at"),
    [
        (b"another-secret-of-16+", BODY, NOW),  # another secret
        (SECRET, BODY + b" ", NOW),  # one byte more in the body
        (SECRET, BODY, NOW + 1),  # the timestamp changed after signing (below)
    ],
)
def test_any_change_to_secret_body_or_timestamp_breaks_the_signature(
    secret: bytes, body: bytes, signed_at: int
) -> None:
    header = signature_header(secret, body, signed_at)
    if signed_at != NOW:  # keep the HMAC, claim another time
        header = header.replace(f"t={signed_at}", f"t={NOW}")
    assert check_signature(SECRET, BODY, header, NOW) is Verdict.MISMATCH


def test_a_signature_older_or_newer_than_the_tolerance_is_stale() -> None:
    for offset in (TOLERANCE_SECONDS + 1, -(TOLERANCE_SECONDS + 1)):
        header = signature_header(SECRET, BODY, NOW + offset)
        assert check_signature(SECRET, BODY, header, NOW) is Verdict.STALE
    edge = signature_header(SECRET, BODY, NOW - TOLERANCE_SECONDS)
    assert check_signature(SECRET, BODY, edge, NOW) is Verdict.VALID


def test_one_matching_v1_among_several_is_enough_and_other_schemes_are_ignored() -> None:
    good = signature_header(SECRET, BODY, NOW).split(",")[1]
    header = f"t={NOW},v1={'0' * 64},v0=whatever,{good}"
    assert check_signature(SECRET, BODY, header, NOW) is Verdict.VALID


@pytest.mark.parametrize(
    "header",
    [
        "",
        "v1=" + "a" * 64,  # no timestamp
        f"t={NOW}",  # no signature
        f"t={NOW},t={NOW},v1=" + "a" * 64,  # two timestamps
        "t=١٢٣,v1=" + "a" * 64,  # Arabic-Indic digits: isdigit() is true, int() reads them
        "t=" + "9" * 5000 + ",v1=" + "a" * 64,  # int() refuses past 4,300 digits
        f"t={NOW},v1=" + "A" * 64,  # upper-case hex
        f"t={NOW},v1=" + "a" * 63,
        f"t={NOW},v1=" + "é" * 64,  # compare_digest refuses non-ASCII text
        f"t={NOW},garbage",
        f"t={NOW}," + ",".join(["v1=" + "a" * 64] * (MAX_SIGNATURES + 1)),
    ],
)
def test_malformed_headers_are_refused_before_any_number_is_read(header: str) -> None:
    assert check_signature(SECRET, BODY, header, NOW) is Verdict.MALFORMED


def test_no_header_is_missing() -> None:
    assert check_signature(SECRET, BODY, None, NOW) is Verdict.MISSING


def test_event_ids_are_unique_and_fit_the_receivers_pattern() -> None:
    ids = {new_event_id() for _ in range(1000)}
    assert len(ids) == 1000 and all(EVENT_ID.fullmatch(i) for i in ids)


def test_the_secret_comes_from_the_named_variable_and_is_long_enough(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOOK_SECRET", "x" * 16)
    assert secret_from_env("HOOK_SECRET") == b"x" * 16
    monkeypatch.setenv("HOOK_SECRET", "short")
    with pytest.raises(ConfigurationError, match="at least 16"):
        secret_from_env("HOOK_SECRET")
    monkeypatch.delenv("HOOK_SECRET")
    with pytest.raises(ConfigurationError, match=r"HOOK_SECRET .* is not set"):
        secret_from_env("HOOK_SECRET")
