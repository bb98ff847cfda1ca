"""Review > Reviewer identity…: the name and e-mail recorded on every note, score and audit
event, and the fingerprint of the reviewer's signing key (made here, or on first use)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AurionError
from app.review.desk import ReviewDesk
from app.review.identity import Reviewer, fingerprint
from ui.accessibility import AnnouncedLabel, describe_value


class ReviewerDialog(QDialog):
    """Edit who reviews; show (and make) their key's fingerprint, to read out and compare.

    Signals:
        reviewer_saved(object): the ``Reviewer`` now recorded on what follows.
    """

    reviewer_saved = Signal(object)

    def __init__(self, desk: ReviewDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reviewer identity"))
        self.setMinimumWidth(560)
        self.desk = desk
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Every note, scorecard and audit entry you make from now on records this "
                "name and e-mail; evidence packs are signed with your key."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.name_edit = QLineEdit(desk.reviewer.name)
        self.name_edit.setAccessibleName(self.tr("Reviewer name"))
        self.email_edit = QLineEdit(desk.reviewer.email)
        self.email_edit.setAccessibleName(self.tr("Reviewer e-mail"))
        self.email_edit.setPlaceholderText(self.tr("name@example.org (optional)"))
        form.addRow(self.tr("&Name"), self.name_edit)
        form.addRow(self.tr("&E-mail"), self.email_edit)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe_value(self.fingerprint_label, self.tr("Signing key fingerprint"))
        key_row = QHBoxLayout()
        key_row.addWidget(self.fingerprint_label, 1)
        self.create_key_button = QPushButton(self.tr("Create &key"))
        self.create_key_button.setToolTip(
            self.tr("Make your Ed25519 signing key now (kept in the system keyring)")
        )
        self.create_key_button.clicked.connect(self.create_key)
        key_row.addWidget(self.create_key_button)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setToolTip(self.tr("Copy the fingerprint"))
        self.copy_button.clicked.connect(self.copy_fingerprint)
        key_row.addWidget(self.copy_button)
        form.addRow(self.tr("Signing key"), key_row)
        layout.addLayout(form)

        self.status = AnnouncedLabel(self.tr("Result"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fingerprint: str | None = None
        self._show_key()

    def _show_key(self) -> None:
        try:
            self.fingerprint = self.desk.fingerprint()
        except AurionError as exc:
            self.fingerprint = None
            self.fingerprint_label.setText(str(exc))
            self.create_key_button.setEnabled(False)
            self.copy_button.setEnabled(False)
            return
        if self.fingerprint is None:
            self.fingerprint_label.setText(
                self.tr("No key yet: it is made when you first sign (or now, with Create key).")
            )
        else:
            self.fingerprint_label.setText(self.fingerprint)
        self.create_key_button.setVisible(self.fingerprint is None)
        self.create_key_button.setEnabled(True)
        self.copy_button.setEnabled(self.fingerprint is not None)

    def save(self) -> bool:
        """Save the name and e-mail (the name is required); True when saved."""
        reviewer = Reviewer(self.name_edit.text().strip(), self.email_edit.text().strip())
        try:
            self.desk.set_reviewer(reviewer)
        except AurionError as exc:
            self.status.setText(self.tr("Not saved: {problem}").format(problem=exc))
            return False
        self._show_key()
        self.status.setText(
            self.tr("Saved: from now on, you review as {reviewer}.").format(reviewer=reviewer.label)
        )
        self.reviewer_saved.emit(reviewer)
        return True

    def create_key(self) -> None:
        """Make the reviewer's key pair now (private half in the keyring)."""
        try:
            public = self.desk.public_key()
        except AurionError as exc:
            self.status.setText(self.tr("No key was made: {problem}").format(problem=exc))
            return
        self._show_key()
        self.status.setText(
            self.tr("Key made: {fingerprint}").format(fingerprint=fingerprint(public))
        )

    def copy_fingerprint(self) -> None:
        if self.fingerprint is not None:
            QGuiApplication.clipboard().setText(self.fingerprint)
            self.status.setText(self.tr("Fingerprint copied."))
