"""Last-resort error handling, and Qt's own messages routed through our (redacting) logging."""

from __future__ import annotations

import logging
import sys
from functools import cache
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
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
            QCoreApplication.translate(
                "ErrorHook", "Something went wrong ({kind}); details are in the log."
            ).format(kind=kind.__name__),
            10_000,
        )

    sys.excepthook = hook


#: FFmpeg's AV_LOG_ERROR: its notes (AV_LOG_INFO and below) name the URL being read.
_AV_LOG_ERROR = 16


@cache
def quiet_ffmpeg() -> bool:
    """Keep FFmpeg's own notes off stderr: at its default level it prints "Input #0, ogg, from
    '<signed recording URL>'", query and signature included, for every recording opened, and
    those lines bypass Qt's message handler. Errors still print (they name no URL). Sets the
    level of the libavutil that PySide6 ships (the one QtMultimedia's FFmpeg plugin loads);
    False when it is not found (another Qt build). Call it once a QMediaPlayer exists: the
    backend sets FFmpeg's level when it loads, undoing an earlier call."""
    import ctypes

    import PySide6

    root = Path(PySide6.__file__).parent
    for pattern in ("Qt/lib/libavutil.so.*", "Qt/lib/libavutil.*.dylib", "avutil-*.dll"):
        for library in sorted(root.glob(pattern)):
            try:
                ctypes.CDLL(str(library)).av_log_set_level(_AV_LOG_ERROR)
            except (OSError, AttributeError):
                continue
            return True
    return False
