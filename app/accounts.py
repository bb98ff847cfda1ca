"""Account profiles (name and base URL, in a JSON file); their API keys live in the OS keyring."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import platformdirs

from app.apikey import ApiKey
from app.client import DEFAULT_BASE_URL, validate_base_url
from app.errors import AurionError, ConfigurationError
from app.i18n import QT_TRANSLATE_NOOP, Text
from app.storage import atomic_write_text

KEYRING_SERVICE = "Aurion Call Review"
ENV_API_KEY = "AURION_API_KEY"
APP_DIR_NAME = "aurion-call-review"
_NAME_RE = re.compile(r"^[\w .@-]{1,60}$")


#: Override where data lives (libraries, the audit trail), like ``AURION_CONFIG_DIR``.
ENV_DATA_DIR = "AURION_DATA_DIR"


def config_dir() -> Path:
    """Where profiles live; ``AURION_CONFIG_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get("AURION_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_DIR_NAME))


def data_dir() -> Path:
    """Where the app keeps data (libraries, the audit trail); ``AURION_DATA_DIR`` overrides."""
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME))


@dataclass(frozen=True, slots=True)
class Profile:
    """A named account: where the API is. Its key is in the keyring under the same name."""

    name: str
    base_url: str = DEFAULT_BASE_URL

    def validated(self) -> Profile:
        name = self.name.strip()
        if not _NAME_RE.match(name):
            raise ConfigurationError(
                "A profile name needs 1 to 60 letters, digits, spaces or . _ @ - characters."
            )
        return Profile(name, str(validate_base_url(self.base_url)))


class ProfileStore:
    """The list of profiles in ``profiles.json`` (never a key), written atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "profiles.json"

    def load(self) -> list[Profile]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise ConfigurationError(f"Could not read the profiles in {self.path}: {exc}") from exc
        profiles: list[Profile] = []
        for entry in raw.get("profiles", []) if isinstance(raw, dict) else []:
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                profiles.append(
                    Profile(entry["name"], str(entry.get("base_url") or DEFAULT_BASE_URL))
                )
        return profiles

    def save(self, profiles: Iterable[Profile]) -> None:
        payload = {"profiles": [asdict(p) for p in profiles]}
        try:
            atomic_write_text(self.path, json.dumps(payload, indent=2) + "\n")
        except OSError as exc:
            raise ConfigurationError(f"Could not save the profiles to {self.path}: {exc}") from exc

    def get(self, name: str) -> Profile | None:
        return next((p for p in self.load() if p.name == name), None)


class KeyStoreUnavailableError(ConfigurationError):
    """No usable OS keyring: the key can only be held for this session or come from the env."""

    title = QT_TRANSLATE_NOOP("AurionError", "No system keyring")


class KeyStore:
    """API keys per profile: the OS keyring, else a key held in memory for this run only."""

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service
        self._session: dict[str, ApiKey] = {}

    def keyring_available(self) -> bool:
        """True when the chosen keyring backend can store secrets (not fail/null/plaintext)."""
        import keyring  # on first use: ~50 ms the window does not need to show the demo

        backend = keyring.get_keyring()
        name = type(backend).__module__ + "." + type(backend).__name__
        if "fail" in name.lower() or "null" in name.lower() or "keyrings.alt" in name:
            return False
        try:
            return float(backend.priority) > 0
        except Exception:
            return False

    def get(self, profile: str) -> ApiKey | None:
        """The profile's key: this session's, else the keyring's, else ``AURION_API_KEY``."""
        import keyring  # on first use: ~50 ms the window does not need to show the demo
        from keyring.errors import KeyringError

        if profile in self._session:
            return self._session[profile]
        try:
            value = keyring.get_password(self.service, profile)
        except KeyringError:
            value = None
        if value:
            return ApiKey(value)
        env = os.environ.get(ENV_API_KEY, "").strip()
        return ApiKey(env) if env else None

    def source(self, profile: str) -> str:
        """Where ``get`` finds the key: session, keyring, environment, or none."""
        import keyring  # on first use: ~50 ms the window does not need to show the demo
        from keyring.errors import KeyringError

        if profile in self._session:
            return "session"
        try:
            if keyring.get_password(self.service, profile):
                return "keyring"
        except KeyringError:
            pass
        return "environment" if os.environ.get(ENV_API_KEY, "").strip() else "none"

    def set(self, profile: str, key: ApiKey) -> None:
        """Store in the keyring; raises ``KeyStoreUnavailableError`` when there is none."""
        import keyring  # on first use: ~50 ms the window does not need to show the demo
        from keyring.errors import KeyringError

        try:
            keyring.set_password(self.service, profile, key.reveal())
        except KeyringError as exc:
            raise KeyStoreUnavailableError(
                Text(
                    QT_TRANSLATE_NOOP(
                        "AurionError",
                        "No system keyring is available to store the API key ({problem}). Keep "
                        "it for this session only, or set the {env} environment variable.",
                    ),
                    problem=type(exc).__name__,
                    env=ENV_API_KEY,
                )
            ) from None
        self._session.pop(profile, None)

    def set_for_session(self, profile: str, key: ApiKey) -> None:
        """Hold the key in memory until the app quits; nothing is written anywhere."""
        self._session[profile] = key

    def delete(self, profile: str) -> None:
        import keyring  # on first use: ~50 ms the window does not need to show the demo
        from keyring.errors import KeyringError, PasswordDeleteError

        self._session.pop(profile, None)
        try:
            keyring.delete_password(self.service, profile)
        except PasswordDeleteError:
            pass
        except KeyringError as exc:
            raise KeyStoreUnavailableError(
                Text(
                    QT_TRANSLATE_NOOP(
                        "AurionError",
                        "Could not remove the key from the system keyring ({problem}).",
                    ),
                    problem=type(exc).__name__,
                )
            ) from None

    def rename(self, old: str, new: str) -> None:
        key = self.get(old)
        if key is None or old == new:
            return
        if self.source(old) == "session":
            self.set_for_session(new, key)
        else:
            self.set(new, key)
        self.delete(old)


#: Audit events of accounts (``app.review.audit`` lists them with the others).
ACCOUNT_ADDED = "account.added"
ACCOUNT_REMOVED = "account.removed"

#: Records an account event (``event``, ``data``); ``AuditLog.append`` fits (see ``audited``).
AccountRecorder = Callable[[str, Mapping[str, Any]], object]


class AccountService:
    """The rules of adding, changing and removing account profiles (the Accounts dialog is
    a view of it), each addition and removal recorded in the audit trail when given one: the
    profile's name and base URL, never its key."""

    def __init__(
        self, profiles: ProfileStore, keys: KeyStore, record: AccountRecorder | None = None
    ) -> None:
        self.profiles = profiles
        self.keys = keys
        self._record = record

    def save(self, profile: Profile, key: ApiKey | None, editing: str | None) -> str:
        """Save ``profile`` (new when ``editing`` is None, else replacing the profile named
        ``editing``), its key, if given, in the keyring (else for this session). Returns what
        became of the key, for a person; ``ConfigurationError`` when it cannot be saved."""
        profile = profile.validated()
        current = self.profiles.load()
        before = next((p for p in current if p.name == editing), None)
        others = [p for p in current if p.name != editing]
        if any(p.name == profile.name for p in others):
            raise ConfigurationError(f"A profile named '{profile.name}' already exists.")
        if before is None and key is None and self.keys.get(profile.name) is None:
            raise ConfigurationError("Enter the API key for this account.")
        index = next((i for i, p in enumerate(current) if p.name == editing), None)
        if index is None:
            others.append(profile)
        else:
            others.insert(index, profile)
        self.profiles.save(others)
        if before is not None and before.name != profile.name:
            with contextlib.suppress(KeyStoreUnavailableError):
                self.keys.rename(before.name, profile.name)
        notes = [self._store_key(profile.name, key)] if key is not None else []
        if before is None:
            notes.append(self._audit(ACCOUNT_ADDED, profile))
        elif before != profile:  # another name or base URL: the old profile is gone
            notes.append(self._audit(ACCOUNT_REMOVED, before))
            notes.append(self._audit(ACCOUNT_ADDED, profile))
        return " ".join(n for n in notes if n)

    def _store_key(self, name: str, key: ApiKey) -> str:
        try:
            self.keys.set(name, key)
            return "The key is in the system keyring."
        except KeyStoreUnavailableError:
            self.keys.set_for_session(name, key)
            return (
                "No system keyring: the key is kept in memory for this session only "
                f"(set {ENV_API_KEY} to avoid typing it again)."
            )

    def remove(self, name: str) -> str:
        """Delete the profile and its key (``ConfigurationError`` when that fails); returns
        what a person should know besides (the audit trail could not record it)."""
        current = self.profiles.load()
        gone = next((p for p in current if p.name == name), None)
        self.profiles.save(p for p in current if p.name != name)
        self.keys.delete(name)
        return self._audit(ACCOUNT_REMOVED, gone) if gone is not None else ""

    def _audit(self, event: str, profile: Profile) -> str:
        """Record the event; a trail that cannot be written is said, the change is kept."""
        if self._record is None:
            return ""
        try:
            self._record(event, {"profile": profile.name, "base_url": profile.base_url})
        except AurionError as exc:
            return f"The audit trail could not record it: {exc}"
        return ""
