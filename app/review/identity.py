"""Who reviews: a name and e-mail recorded on every note, score and audit event, and the
reviewer's Ed25519 signing key (private half in the OS keyring, public half in preferences)."""

from __future__ import annotations

import base64
import getpass
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.accounts import KEYRING_SERVICE, KeyStoreUnavailableError, config_dir
from app.errors import ConfigurationError
from app.storage import atomic_write_text

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

#: The keyring entry of the signing key (one per reviewer e-mail, or name without one).
SIGNING_KEY_PREFIX = "reviewer-signing-key:"


@dataclass(frozen=True)
class Reviewer:
    """The person reviewing, as notes, scores and the audit trail record them."""

    name: str
    email: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "email": self.email}


def default_reviewer() -> Reviewer:
    try:
        return Reviewer(getpass.getuser())
    except (KeyError, OSError):  # no user name in the environment nor the password database
        return Reviewer("reviewer")


class ReviewerStore:
    """``reviewer.json`` in the config folder: the reviewer's name, e-mail and public key."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "reviewer.json"

    def load(self) -> Reviewer:
        data = self._read()
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            return default_reviewer()
        email = data.get("email")
        return Reviewer(name.strip(), email.strip() if isinstance(email, str) else "")

    def save(self, reviewer: Reviewer) -> None:
        if not reviewer.name.strip():
            raise ConfigurationError("A reviewer needs a name.")
        data = {**self._read(), **asdict(reviewer)}
        self._write(data)

    def public_key(self) -> str | None:
        value = self._read().get("public_key")
        return value if isinstance(value, str) else None

    def remember_public_key(self, public_key: str) -> None:
        data = self._read()
        data["public_key"] = public_key
        data["fingerprint"] = fingerprint(public_key)
        self._write(data)

    def _read(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, object]) -> None:
        try:
            atomic_write_text(self.path, json.dumps(data, indent=2) + "\n")
        except OSError as exc:
            raise ConfigurationError(f"Could not save the reviewer to {self.path}: {exc}") from exc


def encode_public_key(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def decode_public_key(text: str) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except ValueError as exc:
        raise ConfigurationError("That is not an Ed25519 public key.") from exc


def fingerprint(public_key: str) -> str:
    """``SHA256:ab12 cd34 …``: 16 groups of the public key's SHA-256, to read out and compare."""
    digest = hashlib.sha256(base64.b64decode(public_key)).hexdigest()
    return "SHA256:" + " ".join(digest[i : i + 4] for i in range(0, 64, 4))


def verify_signature(public_key: str, signature: str, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        decode_public_key(public_key).verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, ValueError, ConfigurationError):
        return False
    return True


class Signer:
    """The reviewer's signing key: created on first use, kept in the OS keyring."""

    def __init__(self, reviewer: Reviewer, store: ReviewerStore | None = None) -> None:
        self.reviewer = reviewer
        self.store = store or ReviewerStore()
        self._key: Ed25519PrivateKey | None = None

    @property
    def _entry(self) -> str:
        return SIGNING_KEY_PREFIX + (self.reviewer.email or self.reviewer.name)

    def key(self) -> Ed25519PrivateKey:
        """The private key, from the keyring, or a new one stored there on first use."""
        if self._key is not None:
            return self._key
        # imported here: cryptography and keyring cost ~75 ms; the window starts without signing
        import keyring
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from keyring.errors import KeyringError

        try:
            stored = keyring.get_password(KEYRING_SERVICE, self._entry)
            if stored:
                self._key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
            else:
                self._key = Ed25519PrivateKey.generate()
                raw = self._key.private_bytes_raw()
                keyring.set_password(KEYRING_SERVICE, self._entry, base64.b64encode(raw).decode())
        except KeyringError as exc:
            raise KeyStoreUnavailableError(
                "No system keyring is available to keep the reviewer's signing key "
                f"({type(exc).__name__}): evidence packs and the audit trail cannot be signed."
            ) from None
        except ValueError:
            raise ConfigurationError(
                "The signing key in the keyring is damaged: remove it to create a new one."
            ) from None
        public = self.public_key()
        if self.store.public_key() != public:
            self.store.remember_public_key(public)
        return self._key

    def public_key(self) -> str:
        return encode_public_key(self.key().public_key())

    def existing_public_key(self) -> str | None:
        """This reviewer's public key if their key pair was made already (never makes one):
        ``KeyStoreUnavailableError`` without a keyring."""
        if self._key is not None:
            return self.public_key()
        import keyring
        from keyring.errors import KeyringError

        try:
            stored = keyring.get_password(KEYRING_SERVICE, self._entry)
        except KeyringError as exc:
            raise KeyStoreUnavailableError(
                f"No system keyring is available to keep the reviewer's signing key "
                f"({type(exc).__name__})."
            ) from None
        return self.public_key() if stored else None

    def sign(self, data: bytes) -> str:
        return base64.b64encode(self.key().sign(data)).decode("ascii")
