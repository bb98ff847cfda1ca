"""The Accounts dialog: named profiles with a base URL, API keys kept in the OS keyring only."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.accounts import ENV_API_KEY, AccountService, KeyStore, Profile, ProfileStore
from app.apikey import ApiKey
from app.client import DEFAULT_BASE_URL, AurionClient
from app.errors import AurionError, ConfigurationError
from app.models import CallSummary, Page
from app.review.audit import AuditLog
from ui.accessibility import AnnouncedLabel
from ui.i18n import error_line, error_message
from ui.tasks import LatestRequest
from ui.widgets.banner import Banner, BannerKind


def _ask(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("AccountsDialog", "Aurion Call Review"), text
    )
    return answer == QMessageBox.StandardButton.Yes


class AccountsDialog(QDialog):
    """Add, edit, test, delete and pick account profiles.

    Signals:
        test_finished(bool, str): a connection test ended (success, message shown).
    """

    test_finished = Signal(bool, str)

    def __init__(
        self,
        profiles: ProfileStore,
        keys: KeyStore,
        parent: QWidget | None = None,
        trail: AuditLog | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Accounts"))
        self.setMinimumSize(720, 420)
        self.profiles = profiles
        self.keys = keys
        #: The rules of saving and deleting; additions and removals go to ``trail``.
        self.service = AccountService(
            profiles,
            keys,
            (lambda event, data: trail.append(event, data=data)) if trail is not None else None,
        )
        self.changed = False
        self.chosen_profile: str | None = None
        #: Asks the user to confirm; replaced in tests.
        self.confirm: Callable[[str], bool] = lambda text: _ask(self, text)
        self._test: LatestRequest[Page[CallSummary]] = LatestRequest()
        self._editing: str | None = None  # name of the saved profile in the form, None = new

        layout = QVBoxLayout(self)
        self.keyring_banner = Banner()
        layout.addWidget(self.keyring_banner)
        if not keys.keyring_available():
            self.keyring_banner.show_message(
                self.tr(
                    "No system keyring is available (for example no Secret Service on this Linux "
                    "session). Keys you save are kept in memory for this session only and are "
                    "never written to disk; set {env} to avoid typing the key each time."
                ).format(env=ENV_API_KEY),
                BannerKind.WARNING,
            )

        body = QHBoxLayout()
        layout.addLayout(body, 1)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Profiles"))
        self.list.setToolTip(self.tr("Saved account profiles"))
        self.list.currentItemChanged.connect(self._item_changed)
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Create a new profile"))
        self.add_button.clicked.connect(self.new_profile)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(
            self.tr("Delete this profile and remove its key from the keyring")
        )
        self.delete_button.clicked.connect(self.delete_profile)
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)
        body.addLayout(left, 1)

        right = QVBoxLayout()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Profile name"))
        self.name_edit.setToolTip(self.tr("A name for this account, e.g. Production"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Production"))
        self.url_edit = QLineEdit(DEFAULT_BASE_URL)
        self.url_edit.setAccessibleName(self.tr("Base URL"))
        self.url_edit.setToolTip(self.tr("The Aurion API base URL"))
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setAccessibleName(self.tr("API key"))
        self.key_edit.setToolTip(
            self.tr("The API key (needs the calls:read scope); {where}").format(
                where=self._where_keys_go()
            )
        )
        self.key_edit.setPlaceholderText("ak_live_…")
        # A button beside the field, not a line-edit action: that one had no icon, so it
        # was an invisible Tab stop.
        self.reveal_button = QToolButton()
        self.reveal_button.setText(self.tr("Show"))
        self.reveal_button.setCheckable(True)
        self.reveal_button.setAccessibleName(self.tr("Show the key"))
        self.reveal_button.setToolTip(self.tr("Show or hide the key while typing"))
        self.reveal_button.toggled.connect(
            lambda on: self.key_edit.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.reveal_button)
        self.key_hint = QLabel()
        self.key_hint.setWordWrap(True)
        form.addRow(self.tr("&Name"), self.name_edit)
        form.addRow(self.tr("Base &URL"), self.url_edit)
        form.addRow(self.tr("API &key"), key_row)
        key_label = form.labelForField(key_row)
        if isinstance(key_label, QLabel):
            key_label.setBuddy(self.key_edit)
        form.addRow("", self.key_hint)
        right.addLayout(form)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setToolTip(
            self.tr("Save the profile; {where}").format(where=self._where_keys_go())
        )
        self.save_button.clicked.connect(self.save_profile)
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setToolTip(self.tr("Ask the API for one call with this URL and key"))
        self.test_button.clicked.connect(self.test_connection)
        self.use_button = QPushButton(self.tr("&Use this account"))
        self.use_button.setToolTip(self.tr("Save, close and review this account's calls"))
        self.use_button.clicked.connect(self.use_profile)
        for button in (self.save_button, self.test_button, self.use_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right.addLayout(buttons)
        self.status = AnnouncedLabel(self.tr("Result"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.status)
        right.addStretch(1)
        body.addLayout(right, 2)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self._reload_list(None)

    def _where_keys_go(self) -> str:
        """Where a saved key is kept, the same wherever the dialog says it."""
        if self.keys.keyring_available():
            return self.tr("the key is stored in the system keyring")
        return self.tr("no system keyring: the key is kept in memory for this session")

    # -- list ------------------------------------------------------------------------------

    def _reload_list(self, select: str | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        try:
            profiles = self.profiles.load()
        except ConfigurationError as exc:
            profiles = []
            self.status.setText(error_message(exc))
        for profile in profiles:
            item = QListWidgetItem(profile.name)
            item.setData(Qt.ItemDataRole.UserRole, profile)
            self.list.addItem(item)
        self.list.blockSignals(False)
        match = self.list.findItems(select, Qt.MatchFlag.MatchExactly) if select else []
        if match:
            self.list.setCurrentItem(match[0])
        elif self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_profile()

    def _item_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        profile: Profile = item.data(Qt.ItemDataRole.UserRole)
        self._editing = profile.name
        self.name_edit.setText(profile.name)
        self.url_edit.setText(profile.base_url)
        self.key_edit.clear()
        self._show_key_hint(profile.name)
        self.status.clear()
        self.delete_button.setEnabled(True)

    def _show_key_hint(self, name: str) -> None:
        key = self.keys.get(name)
        source = self.keys.source(name)
        if key is None:
            self.key_hint.setText(self.tr("No key stored yet."))
        else:
            where = {
                "keyring": self.tr("in the system keyring"),
                "session": self.tr("in memory for this session only"),
                "environment": self.tr("from {env}").format(env=ENV_API_KEY),
            }.get(source, "")
            self.key_hint.setText(
                self.tr("Key {key} {where}. Type a new key to replace it.").format(
                    key=key.masked(), where=where
                )
            )

    def new_profile(self) -> None:
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._editing = None
        self.name_edit.clear()
        self.url_edit.setText(DEFAULT_BASE_URL)
        self.key_edit.clear()
        self.key_hint.setText(
            self.tr("{where}, never in a file.").format(where=self._where_keys_go().capitalize())
        )
        self.status.clear()
        self.delete_button.setEnabled(False)
        self.name_edit.setFocus()

    # -- actions ---------------------------------------------------------------------------

    def _form_profile(self) -> Profile:
        return Profile(self.name_edit.text(), self.url_edit.text() or DEFAULT_BASE_URL).validated()

    def save_profile(self) -> bool:
        """Validate and save the form; the key (if typed) goes to the keyring. True on success."""
        typed = self.key_edit.text().strip()
        try:
            profile = self._form_profile()
            note = self.service.save(profile, ApiKey(typed) if typed else None, self._editing)
        except (AurionError, ValueError) as exc:
            shown = error_message(exc) if isinstance(exc, AurionError) else str(exc)
            self.status.setText(self.tr("Not saved: {error}").format(error=shown))
            return False
        self.changed = True
        self.key_edit.clear()
        self._reload_list(profile.name)
        saved = self.tr("Saved '{name}'.").format(name=profile.name)
        self.status.setText(saved + (f" {note}" if note else ""))
        return True

    def delete_profile(self) -> None:
        name = self._editing
        if name is None:
            return
        if not self.confirm(
            self.tr("Delete the profile '{name}' and remove its API key?").format(name=name)
        ):
            return
        try:
            note = self.service.remove(name)
        except AurionError as exc:
            self.status.setText(
                self.tr("Could not delete: {error}").format(error=error_message(exc))
            )
            return
        self.changed = True
        self._reload_list(None)
        deleted = self.tr("Deleted '{name}' and its key.").format(name=name)
        self.status.setText(deleted + (f" {note}" if note else ""))

    def use_profile(self) -> None:
        if self.key_edit.text().strip() or self._editing is None:
            if not self.save_profile():
                return
        elif self._editing != self.name_edit.text().strip() and not self.save_profile():
            return
        self.chosen_profile = self._editing
        self.accept()

    def test_connection(self) -> None:
        typed = self.key_edit.text().strip()
        try:  # a key with spaces or control characters, or no keyring, is a message
            key = ApiKey(typed) if typed else (
                self.keys.get(self._editing) if self._editing else None
            )  # fmt: skip
        except (AurionError, ValueError) as exc:
            self._test_done(False, str(exc))
            return
        if key is None:
            self._test_done(False, self.tr("Enter an API key to test."))
            return
        try:
            client = AurionClient(self.url_edit.text() or DEFAULT_BASE_URL, key)
        except ConfigurationError as exc:
            self._test_done(False, error_message(exc))
            return
        self.status.setText(self.tr("Testing…"))
        self.test_button.setEnabled(False)

        async def probe() -> Page[CallSummary]:
            async with client:
                return await client.list_calls(limit=1)

        self._test.run(
            probe(),
            lambda page: self._test_done(
                True, self.tr("Connected: this key can read %Ln call(s).", "", page.total)
            ),
            lambda error: self._test_done(False, error_line(error)),
        )

    def _test_done(self, ok: bool, message: str) -> None:
        self.test_button.setEnabled(True)
        self.status.setText(("✔ " if ok else "✖ ") + message)
        self.test_finished.emit(ok, message)

    def done(self, result: int) -> None:
        self._test.cancel()
        super().done(result)
