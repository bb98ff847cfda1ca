"""Screen reader support: announcements, readable value labels, and roles Qt does not give.

Qt exposes the same accessibility tree to AT-SPI (Linux), UI Automation (Windows) and
NSAccessibility (macOS); what is set here reaches all three.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QStatusBar, QWidget


class Announcer(QObject):
    """Sends screen reader announcements and reports them (for the status line and tests).

    Signals:
        announced(str, bool): text, and True when it interrupts (assertive).
    """

    announced = Signal(str, bool)

    def announce(self, widget: QWidget, text: str, assertive: bool = False) -> None:
        text = " ".join(text.split())
        if not text:
            return
        event = QAccessibleAnnouncementEvent(widget, text)
        event.setPoliteness(
            QAccessible.AnnouncementPoliteness.Assertive
            if assertive
            else QAccessible.AnnouncementPoliteness.Polite
        )
        QAccessible.updateAccessibility(event)
        self.announced.emit(text, assertive)


_announcer: Announcer | None = None


def announcer() -> Announcer:
    global _announcer
    if _announcer is None or not shiboken6.isValid(_announcer):
        _announcer = Announcer()
    return _announcer


def announce(widget: QWidget, text: str, assertive: bool = False) -> None:
    """Have the screen reader say ``text`` (politely: after what it is saying)."""
    announcer().announce(widget, text, assertive)


def describe_value(label: QLabel, caption: str) -> None:
    """Let ``label`` be read as its text, with ``caption`` as its description.

    A QLabel given an accessible name is read as that name and never as its text: value
    labels must keep their text as their name.
    """
    label.setAccessibleName("")
    label.setAccessibleDescription(caption)


class RoleProvider:
    """Mixin for widgets that tell the accessibility layer their role (e.g. an alert)."""

    def accessible_role(self) -> QAccessible.Role:
        raise NotImplementedError


class _RoleInterface(QAccessibleWidget):
    """QAccessibleWidget whose role the widget decides at each query."""

    def role(self) -> QAccessible.Role:
        widget = self.widget()
        if isinstance(widget, RoleProvider) and shiboken6.isValid(widget):
            return widget.accessible_role()
        return super().role()


# Interfaces made by the factory are deleted by Qt with their widget; they must stay referenced
# from Python until then, or Python frees them under Qt's cache.
_interfaces: list[_RoleInterface] = []


def _factory(_key: str, obj: QObject) -> QAccessibleWidget | None:
    if not isinstance(obj, RoleProvider) or not isinstance(obj, QWidget):
        return None
    _interfaces[:] = [i for i in _interfaces if shiboken6.isValid(i)]
    interface = _RoleInterface(obj, obj.accessible_role(), "")
    _interfaces.append(interface)
    return interface


_installed = False


def install_accessibility() -> None:
    """Install the factory that gives ``RoleProvider`` widgets their role (once)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def role_changed(widget: QWidget) -> None:
    """Tell assistive technology that ``widget``'s role changed."""
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.RoleChanged))


class StatusAnnouncer(QObject):
    """Announces a status bar's messages, each new one once (auto-refresh repeats them)."""

    def __init__(self, status_bar: QStatusBar, quiet: frozenset[str] = frozenset()) -> None:
        super().__init__(status_bar)
        self.status_bar = status_bar
        self.quiet = quiet
        self._last = ""
        status_bar.messageChanged.connect(self._changed)

    def _changed(self, text: str) -> None:
        if not text or text in self.quiet or text == self._last:
            return
        self._last = text
        announce(self.status_bar, text)


class AnnouncedLabel(QLabel):
    """A status label read as its text, whose every new text is announced politely."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        describe_value(self, caption)

    def setText(self, text: str) -> None:
        changed = text != self.text()
        super().setText(text)
        if changed and text:
            announce(self, text)
