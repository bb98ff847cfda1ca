"""The window's tool bar: the account, where calls come from, refresh, sort, the library."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QToolBar, QWidget

from ui.accessibility import describe_value
from ui.focus import make_toolbar_focusable
from ui.widgets.sort_menu import SortButton, SortMenu
from ui.widgets.source_switch import SourceSwitch

AUTO_REFRESH_SECONDS = 15


class AccountToolbar(QToolBar):
    """Holds the controls; the window connects them (this bar decides nothing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("AccountToolbar", "Account"), parent)
        self.setObjectName("accountToolbar")
        self.setMovable(False)
        account_label = QLabel(self.tr("Account:"))
        account_label.setContentsMargins(4, 0, 4, 0)
        self.addWidget(account_label)
        self.profile_box = QComboBox()
        self.profile_box.setMinimumWidth(200)
        self.profile_box.setAccessibleName(self.tr("Account"))
        self.profile_box.setToolTip(self.tr("Which Aurion account to review"))
        account_label.setBuddy(self.profile_box)
        self.addWidget(self.profile_box)
        self.accounts_action = self._action(
            self.tr("Accounts…"), self.tr("Add, test or remove Aurion accounts and their API keys")
        )
        self.addSeparator()
        self.source_switch = SourceSwitch()
        self.addWidget(self.source_switch)
        self.addSeparator()
        self.refresh_action = self._action(
            self.tr("Refresh"), self.tr("Reload this page of calls (F5)")
        )
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.sort_menu = SortMenu(self)
        self.sort_button = SortButton(self.sort_menu)
        self.addWidget(self.sort_button)
        self.auto_refresh_box = QCheckBox(self.tr("Auto-refresh"))
        self.auto_refresh_box.setToolTip(
            self.tr("Reload every {seconds} s while this page shows active calls").format(
                seconds=AUTO_REFRESH_SECONDS
            )
        )
        self.auto_refresh_box.setAccessibleName(self.tr("Auto-refresh"))
        # (a tool bar shows or hides its widgets through their actions)
        self.auto_refresh_item = self.addWidget(self.auto_refresh_box)
        self.sync_action = self._action(
            self.tr("Sync library"),
            self.tr(
                "Bring this account's library up to date (makes it the first time): Ctrl+Shift+S"
            ),
        )
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_label = QLabel()
        self.sync_label.setContentsMargins(8, 0, 8, 0)
        describe_value(self.sync_label, self.tr("Library status"))
        self.addWidget(self.sync_label)
        make_toolbar_focusable(self)

    def _action(self, text: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        self.addAction(action)
        return action

    def tab_order(self) -> list[QWidget | None]:
        return [
            self.profile_box,
            self.widgetForAction(self.accounts_action),
            *self.source_switch.buttons.values(),
            self.widgetForAction(self.refresh_action),
            self.sort_button,
            self.auto_refresh_box,
            self.widgetForAction(self.sync_action),
        ]
