"""Presigned recording URLs for the demo server: an HMAC-SHA256 over the object and its expiry."""

from __future__ import annotations

import hashlib
import hmac
from enum import Enum


class SignatureCheck(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"


#: Longest accepted expiry (seconds since 1970, 12 digits: beyond year 33000) and object name.
MAX_EXPIRES_DIGITS = 12
MAX_NAME_LENGTH = 256
_SIGNATURE_LENGTH = 64  # hex SHA-256
_HEX = frozenset("0123456789abcdef")


class UrlSigner:
    """Signs ``(object name, expiry)`` pairs, like an object store's presigned GET URLs."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def signature(self, name: str, expires: int) -> str:
        message = f"GET\n{name}\n{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def query(self, name: str, expires: int) -> str:
        return f"X-Aurion-Expires={expires}&X-Aurion-Signature={self.signature(name, expires)}"

    def check(
        self, name: str, expires: str | None, signature: str | None, now: float
    ) -> SignatureCheck:
        """Anything but ASCII digits of a sane length and 64 lowercase hex digits is INVALID:
        ``"٣".isdigit()`` is true, ``int("²")`` fails, ``int()`` refuses over 4,300 digits and
        ``hmac.compare_digest`` refuses non-ASCII text, each a 500 had they got that far."""
        if not expires or not signature or len(name) > MAX_NAME_LENGTH:
            return SignatureCheck.INVALID
        if len(expires) > MAX_EXPIRES_DIGITS or not (expires.isascii() and expires.isdigit()):
            return SignatureCheck.INVALID
        if len(signature) != _SIGNATURE_LENGTH or not _HEX.issuperset(signature):
            return SignatureCheck.INVALID
        expected = self.signature(name, int(expires)).encode()
        if not hmac.compare_digest(expected, signature.encode()):
            return SignatureCheck.INVALID
        if now >= int(expires):
            return SignatureCheck.EXPIRED
        return SignatureCheck.VALID
