"""Presigned recording URLs for the demo server: an HMAC-SHA256 over the object and its expiry."""

from __future__ import annotations

import hashlib
import hmac
from enum import Enum


class SignatureCheck(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"


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
        if not expires or not signature or not expires.isdigit():
            return SignatureCheck.INVALID
        if not hmac.compare_digest(self.signature(name, int(expires)), signature):
            return SignatureCheck.INVALID
        if now >= int(expires):
            return SignatureCheck.EXPIRED
        return SignatureCheck.VALID
