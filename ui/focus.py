"""Keyboard focus: a visible focus ring, Enter on buttons, tab chains and focusable tool buttons.

WCAG 2.1.1 (everything by keyboard) and 2.4.7 (focus visible). Qt leaves tool bar buttons and
a line edit's clear button out of the Tab chain, activates a focused button with Space only, and
draws a 1-pixel focus frame that vanishes on sliders and selected rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPen, QRegion
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLineEdit,
    QMenu,
    QMenuBar,
    QToolBar,
    QToolButton,
    QWidget,
)

from ui.theme import focus_ring_color

RING_WIDTH = 2
RING_GAP = 1  # between the widget and the ring, so the ring never covers its content

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FocusRing(QWidget):
    """A 2-pixel ring in the theme's focus colour around ``target``, drawn over its window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self._watched: list[QWidget] = []
        self.hide()

    def track(self, target: QWidget | None) -> None:
        for watched in self._watched:
            if shiboken6.isValid(watched):
                watched.removeEventFilter(self)
        self._watched = []
        self.target = target
        widget: QWidget | None = target
        while widget is not None and widget is not self.parentWidget():
            widget.installEventFilter(self)
            self._watched.append(widget)
            widget = widget.parentWidget()
        self.follow()

    def follow(self) -> None:
        """Place the ring around the target's visible part, or hide it."""
        target, window = self.target, self.parentWidget()
        if target is not None and not shiboken6.isValid(target):
            self.target = target = None
        if target is None or window is None or not target.isVisible():
            self.hide()
            return
        visible = target.visibleRegion().boundingRect()
        if visible.isEmpty():
            self.hide()
            return
        top_left = target.mapTo(window, visible.topLeft())
        margin = RING_WIDTH + RING_GAP
        area = QRect(top_left, visible.size()).adjusted(-margin, -margin, margin, margin)
        area = area.intersected(window.rect())
        if area != self.geometry():
            self.setGeometry(area)
            # only the frame belongs to the ring: the widget under it repaints on its own
            inner = self.rect().adjusted(margin, margin, -margin, -margin)
            self.setMask(QRegion(self.rect()).subtracted(QRegion(inner)))
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self.follow()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(focus_ring_color(self.palette()), RING_WIDTH))
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 4, 4)
        painter.end()


class FocusRings(QObject):
    """Keeps a ``FocusRing`` (a direct child of each window) on the focused widget."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        app.focusChanged.connect(self._focus_changed)

    @staticmethod
    def ring_for(window: QWidget) -> FocusRing | None:
        return window.findChild(FocusRing, "focusRing", Qt.FindChildOption.FindDirectChildrenOnly)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and shiboken6.isValid(old):
            ring = self.ring_for(old.window())
            if ring is not None and ring.target is old:
                ring.track(None)
        if new is None or isinstance(new, QMenu | QMenuBar):
            return  # menus highlight their own current item
        window = new.window()
        if window.windowType() == Qt.WindowType.Popup:
            return
        ring = self.ring_for(window) or FocusRing(window)
        ring.track(new)


class ButtonActivation(QObject):
    """Enter presses the focused button or check box of ``window`` (Space already does).

    Dialogs are left alone: there Enter presses the default button, as users expect.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in _ENTER or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        focus = QApplication.focusWidget()
        if (
            watched is not focus
            or not isinstance(focus, QAbstractButton)
            or focus.window() is not self.window
            or isinstance(focus.window(), QDialog)
            or not focus.isEnabled()
        ):
            return False
        focus.animateClick()
        return True


_rings: FocusRings | None = None


def install_focus_support(window: QWidget) -> ButtonActivation:
    """Focus rings for every window of the application, Enter on ``window``'s buttons."""
    global _rings
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if _rings is None or _rings.parent() is not app:
        _rings = FocusRings(app)
    activation = ButtonActivation(window)
    app.installEventFilter(activation)
    return activation


def focus_rings() -> FocusRings | None:
    return _rings


def make_toolbar_focusable(toolbar: QToolBar) -> None:
    """Tool bar buttons join the Tab chain (Qt leaves them out)."""
    for action in toolbar.actions():
        widget = toolbar.widgetForAction(action)
        if isinstance(widget, QToolButton):
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def make_line_edit_buttons_focusable(edit: QLineEdit, names: dict[str, str]) -> None:
    """A line edit's own buttons (clear, actions) join the Tab chain with a name.

    Qt gives them no focus and no name (the clear button's action has no text).

    ``names`` maps an action's text to the accessible name of its button; the clear button,
    whose action has no text, is named by ``names[""]``.
    """
    for button in edit.findChildren(QToolButton):
        action = button.defaultAction()
        text = action.text() if action is not None else ""
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # back to the field once pressed (the clear button hides itself when it has cleared)
        button.clicked.connect(lambda _checked=False, e=edit: e.setFocus())
        name = names.get(text, text)
        if name:
            button.setAccessibleName(name)
            button.setToolTip(button.toolTip() or name)


def set_tab_chain(widgets: Iterable[QWidget | None]) -> None:
    """Tab visits ``widgets`` in this order (hidden ones are skipped by Qt). Widgets that take
    no Tab focus are left out: ``setTabOrder`` through one of them (a scroll area with
    NoFocus) could close the ring on itself, trapping Tab on the widget before it."""
    chain = [w for w in widgets if w is not None and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)


class TabChain:
    """A window's Tab order, re-applied when widgets come and go (banner buttons)."""

    def __init__(self, widgets: Callable[[], Iterable[QWidget | None]]) -> None:
        self.widgets = widgets

    def apply(self) -> None:
        set_tab_chain(self.widgets())
