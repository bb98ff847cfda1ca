"""Signed webhook events: how the demo server signs them and how the receiver checks them.

An event is a JSON body ``{"id", "event", "created_at", "data"}`` posted with

- ``X-Aurion-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>``: the HMAC, keyed with the
  shared secret, of the ASCII timestamp, a dot and the raw body (``b"<t>." + body``), as
  common providers do (Stripe, Slack): the signature covers the time it was made, so a
  captured request cannot be replayed later; several ``v1=`` are allowed (a secret being
  rotated), one must match;
- ``X-Aurion-Event-Id``: the event's id, the same as the body's ``id`` (signed there), so a
  receiver can refuse an event it has already taken;
- ``X-Aurion-Event``: its type (``call.started``…), also the body's ``event``.

The Aurion document names the events only; this scheme is the demo's and the receiver's.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from enum import Enum

from app.errors import ConfigurationError

#: The environment variable that holds the shared secret unless told another.
ENV_WEBHOOK_SECRET = "AURION_WEBHOOK_SECRET"
SIGNATURE_HEADER = "X-Aurion-Signature"
EVENT_ID_HEADER = "X-Aurion-Event-Id"
EVENT_TYPE_HEADER = "X-Aurion-Event"
#: Version tag of the signature scheme in the header.
SCHEME = "v1"
#: An event signed more than this many seconds before or after the receiver's clock is refused.
TOLERANCE_SECONDS = 300
#: Shortest secret accepted: one signed event must not let anyone guess the secret offline.
MIN_SECRET_LENGTH = 16
#: Longest signature header read, and most ``v1=`` values in it.
MAX_HEADER_LENGTH = 1024
MAX_SIGNATURES = 8
#: What an event id may be: the receiver keeps the ids it has seen.
EVENT_ID = re.compile(r"[A-Za-z0-9_.:-]{1,100}")

_DIGITS = re.compile(r"[0-9]{1,12}")
_HEX64 = re.compile(r"[0-9a-f]{64}")


class Verdict(Enum):
    VALID = "valid"
    #: No signature header at all.
    MISSING = "missing"
    #: A header that is not ``t=...,v1=...``.
    MALFORMED = "malformed"
    #: Signed too long ago (or in the future): outside the tolerance.
    STALE = "stale"
    #: No ``v1`` matches the body and timestamp with our secret.
    MISMATCH = "mismatch"


def new_event_id() -> str:
    return "evt_" + secrets.token_hex(12)


def signature(secret: bytes, body: bytes, timestamp: int) -> str:
    """The hex HMAC-SHA256 of ``b"<timestamp>." + body``."""
    return hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def signature_header(secret: bytes, body: bytes, timestamp: int) -> str:
    return f"t={timestamp},{SCHEME}={signature(secret, body, timestamp)}"


def check_signature(
    secret: bytes,
    body: bytes,
    header: str | None,
    now: float,
    tolerance: float = TOLERANCE_SECONDS,
) -> Verdict:
    """Whether ``header`` signs ``body`` with ``secret`` within ``tolerance`` of ``now``.

    Every HMAC is compared in constant time. A malformed header is refused before any
    number in it is read (``int()`` of thousands of digits, non-ASCII digits).
    """
    if header is None:
        return Verdict.MISSING
    if len(header) > MAX_HEADER_LENGTH or not header.isascii():
        return Verdict.MALFORMED
    stamp: str | None = None
    given: list[str] = []
    for part in header.split(","):
        name, sep, value = part.strip().partition("=")
        if not sep:
            return Verdict.MALFORMED
        if name == "t":
            if stamp is not None or not _DIGITS.fullmatch(value):
                return Verdict.MALFORMED
            stamp = value
        elif name == SCHEME:
            if not _HEX64.fullmatch(value) or len(given) >= MAX_SIGNATURES:
                return Verdict.MALFORMED
            given.append(value)
        # Other schemes (a future v2) are ignored, as providers document.
    if stamp is None or not given:
        return Verdict.MALFORMED
    expected = signature(secret, body, int(stamp)).encode()
    # Every value is compared, so the time taken does not say which one matched.
    matched = False
    for value in given:
        matched |= hmac.compare_digest(expected, value.encode())
    if not matched:
        return Verdict.MISMATCH
    if abs(now - int(stamp)) > tolerance:
        return Verdict.STALE
    return Verdict.VALID


def secret_from_env(name: str, option: str = "--webhook-secret-env") -> bytes:
    """The shared secret held by the environment variable ``name`` (never on a command line,
    where other users of the computer could read it)."""
    if not name:
        raise ConfigurationError(f"{option} needs the name of an environment variable.")
    value = os.environ.get(name)
    if value is None:
        raise ConfigurationError(
            f"The environment variable {name} ({option}) is not set: export the webhook secret "
            "in it."
        )
    if len(value) < MIN_SECRET_LENGTH:
        raise ConfigurationError(
            f"The webhook secret in {name} is {len(value)} characters long: use at least "
            f"{MIN_SECRET_LENGTH} (for example 32 random bytes in hex)."
        )
    return value.encode()
