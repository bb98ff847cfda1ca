"""Creates the QApplication and the main window with the services it needs."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.accounts import KeyStore, ProfileStore
from app.session import DemoRuntime
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.resources import icon
from ui.settings import Prefs, Settings
from ui.theme import apply_theme

ORGANIZATION = "Aurion"
APPLICATION = "Aurion Call Review"
#: The desktop entry's name (packaging/linux/<APP_ID>.desktop) and the AppStream id: Wayland
#: compositors and docks find the window's icon and name through it.
APP_ID = "net.aurionai.CallReview"


def create_application(argv: list[str]) -> QApplication:
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationDisplayName(APPLICATION)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication(argv)
    app.setWindowIcon(icon("app"))
    # Before any widget: translators and the default locale (View > Language, next start).
    install_language(app, Settings().get(Prefs.language))
    return app


def create_main_window(demo: DemoRuntime, force_demo: bool = False) -> MainWindow:
    settings = Settings()
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, settings.get(Prefs.theme))
    return MainWindow(settings, ProfileStore(), KeyStore(), demo, force_demo=force_demo)
