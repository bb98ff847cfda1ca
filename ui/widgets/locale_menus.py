"""*View > Theme* (at once), *View > Language* (at the next start) and *View > Times* (local time or
UTC, at once)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from ui.i18n import (
    LANGUAGE_CHOICES,
    LANGUAGES,
    TIME_ZONES,
    local_offset,
    set_time_zone,
    ui_language,
)
from ui.settings import Prefs, Settings
from ui.theme import THEMES, apply_theme

#: Each language by its own name, as language menus show them (never translated).
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


class LanguageMenu(QMenu):
    """System / English / Français, saved as the ``language`` preference.

    The window's text is set when it is built, so a new choice applies at the next start; the
    menu says so, and so does the status bar once one is picked.

    Signals:
        language_chosen(str): "system", "en" or "fr", picked by the user.
        message(str): what the choice does, for the status bar.
    """

    language_chosen = Signal(str)
    message = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("LanguageMenu", "&Language"), parent)
        self.settings = settings
        self.setToolTipsVisible(True)
        group = QActionGroup(self)
        current = settings.get(Prefs.language)
        self.language_actions: dict[str, QAction] = {}
        for choice in LANGUAGE_CHOICES:
            text = self.tr("System") if choice == "system" else LANGUAGE_NAMES[choice]
            action = QAction(text, self, checkable=True)
            action.setChecked(choice == current)
            action.setToolTip(
                self.tr("The system's language (English when it is not one of these)")
                if choice == "system"
                else self.tr("Applies when Aurion Call Review starts again")
            )
            action.triggered.connect(lambda _c=False, c=choice: self._chosen(c))
            group.addAction(action)
            self.addAction(action)
            self.language_actions[choice] = action
        self.addSeparator()
        note = self.addAction(self.tr("Applies at the next start"))
        note.setEnabled(False)

    def _chosen(self, choice: str) -> None:
        self.settings.set(Prefs.language, choice)
        self.language_chosen.emit(choice)
        code = ui_language(choice)
        name = LANGUAGE_NAMES.get(code, code) if code in LANGUAGES else code
        self.message.emit(
            self.tr(
                "The window will be in {language} the next time Aurion Call Review starts."
            ).format(language=name)
        )


class ThemeMenu(QMenu):
    """System / Light / Dark, saved as the ``theme`` preference and applied at once (the
    system's own theme at the next start).

    Signals:
        message(str): something to say in the status bar.
    """

    message = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ThemeMenu", "&Theme"), parent)
        self.settings = settings
        self.setToolTipsVisible(True)
        group = QActionGroup(self)
        current = settings.get(Prefs.theme)
        texts = {
            "system": (self.tr("System"), self.tr("Follow the system")),
            "light": (self.tr("Light"), self.tr("Always light")),
            "dark": (self.tr("Dark"), self.tr("Always dark")),
        }
        self.theme_actions: dict[str, QAction] = {}
        for theme in THEMES:
            text, tip = texts.get(theme, (theme.capitalize(), theme))
            action = QAction(text, self, checkable=True)
            action.setChecked(theme == current)
            action.setToolTip(tip)
            action.triggered.connect(lambda _c=False, t=theme: self.set_theme(t))
            group.addAction(action)
            self.addAction(action)
            self.theme_actions[theme] = action

    def set_theme(self, theme: str) -> None:
        self.settings.set(Prefs.theme, theme)
        app = QApplication.instance()
        if isinstance(app, QApplication) and not apply_theme(app, theme):
            self.message.emit(self.tr("The system theme applies the next time you start."))


class TimesMenu(QMenu):
    """Local time (with its offset) or UTC, saved as the ``time_zone`` preference.

    Signals:
        zone_chosen(str): "local" or "utc"; ``ui.i18n`` already shows times in it.
    """

    zone_chosen = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("TimesMenu", "T&imes"), parent)
        self.settings = settings
        self.setToolTipsVisible(True)
        group = QActionGroup(self)
        current = settings.get(Prefs.time_zone)
        set_time_zone(current)
        self.zone_actions: dict[str, QAction] = {}
        for zone in TIME_ZONES:
            action = QAction(self, checkable=True)
            action.setChecked(zone == current)
            action.triggered.connect(lambda _c=False, z=zone: self._chosen(z))
            group.addAction(action)
            self.addAction(action)
            self.zone_actions[zone] = action
        self.aboutToShow.connect(self._label)
        self._label()

    def _label(self) -> None:
        """The local offset may change (summer time) while the window is open."""
        local = self.zone_actions["local"]
        local.setText(self.tr("Local time ({offset})").format(offset=local_offset()))
        local.setToolTip(self.tr("Times in this computer's time zone"))
        utc = self.zone_actions["utc"]
        utc.setText(self.tr("UTC"))
        utc.setToolTip(self.tr("Times in UTC, as exports write them"))

    def _chosen(self, zone: str) -> None:
        self.settings.set(Prefs.time_zone, zone)
        set_time_zone(zone)
        self.zone_chosen.emit(zone)
