"""Last-resort error handling, and Qt's own messages routed through our (redacting) logging."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QMainWindow

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "qt"
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s: %s", category, message)


def route_qt_messages() -> None:
    """Send Qt's messages (QtMultimedia's included) to the ``qt`` logger instead of stderr, so
    that the log filter cuts signed recording URLs and API keys out of them as of any line.

    FFmpeg's own lines (``[http @ 0x...] ...``) do not go through Qt; at its default level
    FFmpeg names no URL in them (checked with an expired link: "HTTP error 403 Forbidden").
    """
    qInstallMessageHandler(_qt_message)


def install_excepthook(window: QMainWindow) -> None:
    """Exceptions escaping Qt slots or qasync tasks reach sys.excepthook (see pitfalls)."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.error("unexpected error", exc_info=(kind, error, tb))
        window.statusBar().showMessage(
            f"Something went wrong ({kind.__name__}); details are in the log.", 10_000
        )

    sys.excepthook = hook
