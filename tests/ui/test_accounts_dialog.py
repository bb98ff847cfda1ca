"""Specification of the Accounts dialog against the demo server and an in-memory keyring."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.accounts import KEYRING_SERVICE, KeyStore, ProfileStore
from app.demo.config import DEMO_NO_SCOPE_KEY
from app.demo.process import DemoProcess
from tests.app.test_accounts import NoKeyring
from tests.conftest import MemoryKeyring
from ui.accounts_dialog import AccountsDialog


@pytest.fixture
def dialog(qtbot: QtBot, aloop: object, profiles: ProfileStore) -> AccountsDialog:
    d = AccountsDialog(profiles, KeyStore())
    qtbot.addWidget(d)
    d.show()
    return d


def fill(d: AccountsDialog, name: str, url: str, key: str) -> None:
    d.name_edit.setText(name)
    d.url_edit.setText(url)
    d.key_edit.setText(key)


def test_save_puts_the_key_in_the_keyring_only(
    dialog: AccountsDialog, qtbot: QtBot, memory_keyring: MemoryKeyring, demo_server: DemoProcess
) -> None:
    fill(dialog, "Prod", demo_server.base_url, demo_server.api_key)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Saved 'Prod'" in dialog.status.text()
    assert memory_keyring.items == {(KEYRING_SERVICE, "Prod"): demo_server.api_key}
    assert demo_server.api_key not in dialog.profiles.path.read_text()
    assert dialog.key_edit.text() == "" and dialog.key_edit.echoMode().name == "Password"
    assert "ak_demo_…read" in dialog.key_hint.text() and "system keyring" in dialog.key_hint.text()
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["Prod"]


@pytest.mark.parametrize(
    ("key", "ok", "expected"),
    [
        (None, True, "1,200 calls"),
        ("ak_wrong_key_0000", False, "401"),
        (DEMO_NO_SCOPE_KEY, False, "calls:read"),
    ],
)
def test_test_connection_reports_plainly(
    dialog: AccountsDialog,
    qtbot: QtBot,
    demo_server: DemoProcess,
    key: str | None,
    ok: bool,
    expected: str,
) -> None:
    fill(dialog, "Prod", demo_server.base_url, key or demo_server.api_key)
    with qtbot.waitSignal(dialog.test_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] is ok and expected in blocker.args[1]
    assert expected in dialog.status.text()


def test_network_failure_is_reported(dialog: AccountsDialog, qtbot: QtBot) -> None:
    from app.demo.config import free_port

    fill(dialog, "Down", f"http://127.0.0.1:{free_port()}/api/v1", "ak_live_x_123456789")
    with qtbot.waitSignal(dialog.test_finished, timeout=30_000) as blocker:
        dialog.test_connection()
    assert blocker.args[0] is False and "Could not reach" in blocker.args[1]


def test_a_malformed_key_is_a_message_not_a_traceback(dialog: AccountsDialog, qtbot: QtBot
                                                       ) -> None:  # fmt: skip
    fill(dialog, "Typo", "https://apps.aurionai.net/api/v1", "ak_live pasted with spaces")
    with qtbot.waitSignal(dialog.test_finished, timeout=5_000) as blocker:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] is False
    assert "pasted with spaces" not in blocker.args[1]  # never echo what may be a key
    assert blocker.args[1] and blocker.args[1] in dialog.status.text()


def test_insecure_url_is_refused(dialog: AccountsDialog) -> None:
    fill(dialog, "Bad", "http://apps.aurionai.net/api/v1", "ak_live_x_123456789")
    assert dialog.save_profile() is False
    assert "plain http" in dialog.status.text()


def test_delete_removes_profile_and_key(
    dialog: AccountsDialog, qtbot: QtBot, memory_keyring: MemoryKeyring, demo_server: DemoProcess
) -> None:
    fill(dialog, "Prod", demo_server.base_url, demo_server.api_key)
    assert dialog.save_profile()
    dialog.confirm = lambda _text: True
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert memory_keyring.items == {}
    assert dialog.profiles.load() == []


def test_without_keyring_the_key_is_kept_for_the_session_only(
    qtbot: QtBot, aloop: object, tmp_path: Path, demo_server: DemoProcess
) -> None:
    keyring.set_keyring(NoKeyring())
    keys = KeyStore()
    d = AccountsDialog(ProfileStore(tmp_path / "p.json"), keys)
    qtbot.addWidget(d)
    assert d.keyring_banner.isVisibleTo(d) and "No system keyring" in d.keyring_banner.text()
    fill(d, "Prod", demo_server.base_url, demo_server.api_key)
    assert d.save_profile()
    assert "memory for this session only" in d.status.text()
    assert keys.source("Prod") == "session"
    assert demo_server.api_key not in (tmp_path / "p.json").read_text()


def test_without_keyring_nothing_claims_the_key_goes_to_the_keyring(
    qtbot: QtBot, aloop: object, tmp_path: Path
) -> None:
    keyring.set_keyring(NoKeyring())
    d = AccountsDialog(ProfileStore(tmp_path / "p.json"), KeyStore())
    qtbot.addWidget(d)
    d.new_profile()
    said = [d.key_hint.text(), d.key_edit.toolTip(), d.save_button.toolTip()]
    assert not any("stored in the system keyring" in text for text in said)
    assert all("memory for this session" in text for text in said)


def test_with_a_keyring_the_dialog_says_so(dialog: AccountsDialog) -> None:
    dialog.new_profile()
    assert dialog.key_hint.text() == "The key is stored in the system keyring, never in a file."
    assert not dialog.keyring_banner.isVisibleTo(dialog)


def test_the_key_can_be_shown_by_keyboard(dialog: AccountsDialog, qtbot: QtBot) -> None:
    dialog.key_edit.setText("ak_live_secret")
    dialog.reveal_button.setFocus()
    qtbot.keyClick(dialog.reveal_button, Qt.Key.Key_Space)
    assert dialog.key_edit.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.keyClick(dialog.reveal_button, Qt.Key.Key_Space)
    assert dialog.key_edit.echoMode() == QLineEdit.EchoMode.Password


def test_accounts_added_and_removed_are_in_the_audit_trail_without_their_keys(
    qtbot: QtBot, aloop: object, profiles: ProfileStore, demo_server: DemoProcess, tmp_path: Path
) -> None:
    from app.review.audit import AuditLog, verify_file
    from app.review.identity import Reviewer

    trail = AuditLog(Reviewer("Lea Martin"), tmp_path / "audit.jsonl")
    d = AccountsDialog(profiles, KeyStore(), trail=trail)
    qtbot.addWidget(d)
    d.confirm = lambda _text: True
    fill(d, "Prod", demo_server.base_url, demo_server.api_key)
    assert d.save_profile()
    d.key_edit.setText("ak_live_new_key_000")  # a new key only: no account added or removed
    assert d.save_profile()
    d.url_edit.setText(demo_server.base_url.replace("127.0.0.1", "localhost"))
    assert d.save_profile()  # another base URL: the old account is gone, the new one added
    d.delete_profile()

    entries = [(e.event, dict(e.data)) for e in trail.entries()]
    prod = {"profile": "Prod", "base_url": demo_server.base_url}
    moved = {"profile": "Prod", "base_url": demo_server.base_url.replace("127.0.0.1", "localhost")}
    assert entries == [
        ("account.added", prod),
        ("account.removed", prod),
        ("account.added", moved),
        ("account.removed", moved),
    ]
    written = trail.path.read_text()
    assert demo_server.api_key not in written and "ak_live_new_key_000" not in written
    assert verify_file(trail.path).ok
