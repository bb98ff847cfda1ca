"""Specification of profiles (a JSON file without keys) and keys (keyring, session, env)."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import NoKeyringError

from app.accounts import KEYRING_SERVICE, KeyStore, KeyStoreUnavailableError, Profile, ProfileStore
from app.apikey import ApiKey
from app.errors import ConfigurationError
from tests.conftest import MemoryKeyring


class NoKeyring(KeyringBackend):
    """What keyring picks on headless Linux without a Secret Service."""

    priority = 0  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise NoKeyringError("No recommended backend was available.")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NoKeyringError("No recommended backend was available.")

    def delete_password(self, service: str, username: str) -> None:
        raise NoKeyringError("No recommended backend was available.")


def test_profiles_round_trip_without_keys(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "cfg" / "profiles.json")
    assert store.load() == []
    store.save([Profile("Prod"), Profile("Staging", "https://staging.example.com/api/v1")])
    assert [p.name for p in store.load()] == ["Prod", "Staging"]
    assert store.get("Staging") == Profile("Staging", "https://staging.example.com/api/v1")
    assert "key" not in store.path.read_text()


def test_corrupt_profiles_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    path.write_text("{not json")
    with pytest.raises(ConfigurationError, match="Could not read the profiles"):
        ProfileStore(path).load()


@pytest.mark.parametrize(
    ("name", "url"),
    [("", "https://x.example/api"), ("ok", "http://x.example/api"), ("a/b", "https://x")],
)
def test_profile_validation(name: str, url: str) -> None:
    with pytest.raises(ConfigurationError):
        Profile(name, url).validated()


def test_keys_live_in_the_keyring_under_the_app_service(memory_keyring: MemoryKeyring) -> None:
    keys = KeyStore()
    keys.set("Prod", ApiKey("ak_live_abcdef123456"))
    assert memory_keyring.items == {(KEYRING_SERVICE, "Prod"): "ak_live_abcdef123456"}
    assert keys.get("Prod") == ApiKey("ak_live_abcdef123456") and keys.source("Prod") == "keyring"
    keys.rename("Prod", "Production")
    assert set(memory_keyring.items) == {(KEYRING_SERVICE, "Production")}
    keys.delete("Production")
    assert memory_keyring.items == {} and keys.get("Production") is None


def test_without_a_keyring_keys_are_session_only_or_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyring.set_keyring(NoKeyring())
    monkeypatch.delenv("AURION_API_KEY", raising=False)
    keys = KeyStore()
    assert not keys.keyring_available()
    with pytest.raises(KeyStoreUnavailableError, match="AURION_API_KEY"):
        keys.set("Prod", ApiKey("ak_live_abcdef123456"))
    assert keys.get("Prod") is None
    monkeypatch.setenv("AURION_API_KEY", "ak_env_key_987654")
    assert keys.get("Prod") == ApiKey("ak_env_key_987654") and keys.source("Prod") == "environment"
    keys.set_for_session("Prod", ApiKey("ak_live_session_1111"))
    assert keys.get("Prod") == ApiKey("ak_live_session_1111") and keys.source("Prod") == "session"


def test_api_key_hides_itself() -> None:
    key = ApiKey("ak_live_1234567890abcd")
    assert "1234567890" not in repr(key) and "1234567890" not in str(key)
    assert key.masked() == "ak_live_…abcd"
    with pytest.raises(ValueError):
        ApiKey("   ")


def test_account_service_records_additions_and_removals_never_the_key(tmp_path: Path) -> None:
    from collections.abc import Mapping
    from typing import Any

    from app.accounts import AccountService
    from app.review.audit import AuditError

    recorded: list[tuple[str, dict[str, Any]]] = []

    def record(event: str, data: Mapping[str, Any]) -> None:
        recorded.append((event, dict(data)))

    service = AccountService(ProfileStore(tmp_path / "p.json"), KeyStore(), record)
    with pytest.raises(ConfigurationError, match="Enter the API key"):
        service.save(Profile("Prod", "https://api.example.org/api/v1"), None, None)
    service.save(Profile("Prod", "https://api.example.org/api/v1"), ApiKey("ak_live_1"), None)
    with pytest.raises(ConfigurationError, match="already exists"):
        service.save(Profile("Prod", "https://other.example.org/api/v1"), ApiKey("k"), None)
    service.save(Profile("Production", "https://api.example.org/api/v1"), None, "Prod")
    assert KeyStore().get("Production") == ApiKey("ak_live_1")  # the key followed the rename
    service.remove("Production")
    assert recorded == [
        ("account.added", {"profile": "Prod", "base_url": "https://api.example.org/api/v1"}),
        ("account.removed", {"profile": "Prod", "base_url": "https://api.example.org/api/v1"}),
        ("account.added", {"profile": "Production", "base_url": "https://api.example.org/api/v1"}),
        (
            "account.removed",
            {"profile": "Production", "base_url": "https://api.example.org/api/v1"},
        ),
    ]
    assert "ak_live_1" not in repr(recorded)

    # a trail that cannot be written does not undo the change: it is said
    def broken(event: str, data: Mapping[str, Any]) -> None:
        raise AuditError("disk full")

    failing = AccountService(ProfileStore(tmp_path / "q.json"), KeyStore(), broken)
    note = failing.save(Profile("Lab", "https://lab.example.org/api/v1"), ApiKey("k2"), None)
    assert "could not record it: disk full" in note
    assert [p.name for p in ProfileStore(tmp_path / "q.json").load()] == ["Lab"]
