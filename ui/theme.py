"""Light/dark palettes and a Fusion proxy style whose text and control outlines meet WCAG."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

THEMES = ("system", "light", "dark")

#: Sent to every widget once ``apply_theme`` has put the new style and palette in place.
THEME_APPLIED = QEvent.Type(QEvent.registerEventType())
#: Events a widget that draws its own theme colours (style sheets, painted badges) reacts to.
THEME_EVENTS = (
    THEME_APPLIED,
    QEvent.Type.ApplicationPaletteChange,
    QEvent.Type.PaletteChange,
    QEvent.Type.StyleChange,
    QEvent.Type.ThemeChange,
)

Role, Group = QPalette.ColorRole, QPalette.ColorGroup

#: Selected rows, the playing line's accent and focus all use the accent; white text on it
#: is 5.2:1 (WCAG 1.4.3 asks 4.5:1). Fusion's own #308cc6 gave 3.7:1.
ACCENT = "#2563eb"

LIGHT = {
    Role.Window: "#efefef",
    Role.WindowText: "#000000",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f5f5f5",
    Role.ToolTipBase: "#ffffdc",
    Role.ToolTipText: "#000000",
    # secondary text (transcript offsets, hints): 6.3:1 on white, 5.5:1 on the window colour
    Role.PlaceholderText: "#5c6068",
    Role.Text: "#000000",
    Role.Button: "#efefef",
    Role.ButtonText: "#000000",
    Role.BrightText: "#ffffff",
    Role.Light: "#ffffff",
    Role.Midlight: "#cacaca",
    Role.Mid: "#b8b8b8",
    Role.Dark: "#9f9f9f",
    Role.Shadow: "#767676",
    Role.Highlight: ACCENT,
    Role.HighlightedText: "#ffffff",
    Role.Accent: ACCENT,
    Role.Link: "#1d4ed8",
    Role.LinkVisited: "#6d28d9",
}
LIGHT_DISABLED = {
    # disabled controls are exempt from WCAG, but a frozen form must still be legible
    Role.WindowText: "#7a7a7a",
    Role.Text: "#7a7a7a",
    Role.ButtonText: "#7a7a7a",
    Role.Base: "#efefef",
    Role.Highlight: "#919191",
}

DARK = {
    Role.Window: "#1f2227",
    Role.WindowText: "#e6e8eb",
    Role.Base: "#16181c",
    Role.AlternateBase: "#1d2025",
    Role.ToolTipBase: "#2a2e35",
    Role.ToolTipText: "#e6e8eb",
    Role.PlaceholderText: "#9aa3ad",
    Role.Text: "#e6e8eb",
    Role.Button: "#2a2e35",
    Role.ButtonText: "#e6e8eb",
    Role.BrightText: "#ff6b6b",
    Role.Light: "#3a3f47",
    Role.Midlight: "#32363e",
    Role.Mid: "#25292f",
    Role.Dark: "#121418",
    Role.Shadow: "#000000",
    Role.Highlight: ACCENT,
    Role.HighlightedText: "#ffffff",
    Role.Accent: ACCENT,
    Role.Link: "#60a5fa",
    Role.LinkVisited: "#a78bfa",
}
DARK_DISABLED = {
    # about 4.7:1 on the window colour: a running export freezes its whole form, and the
    # reviewer still needs to see what was chosen
    Role.WindowText: "#8b929c",
    Role.Text: "#8b929c",
    Role.ButtonText: "#8b929c",
    # Fusion fills a disabled check box or radio button with Base; a lighter Base under the
    # indicator keeps the mark visible
    Role.Base: "#262a30",
    Role.Highlight: "#4b5563",
}

#: Outline of check boxes, radio buttons and text fields: 3:1 or more against Base and Window
#: (WCAG 1.4.11). Fusion derives it from the window colour and got 1.6:1 (light), 1.1:1 (dark).
CONTROL_OUTLINE = {"light": "#767676", "dark": "#8b929c"}
#: The keyboard focus ring: 3:1 or more against everything it is drawn over.
FOCUS_RING = {"light": "#1d4ed8", "dark": "#93c5fd"}
#: Background of the transcript line being heard (opaque, so contrast can be measured) and
#: the accent bar beside it (3:1 against that background and the list's).
PLAYING_FILL = {"light": "#dbe6fd", "dark": "#19315c"}
PLAYING_ACCENT = {"light": ACCENT, "dark": "#60a5fa"}


def _palette(
    colors: dict[QPalette.ColorRole, str], disabled: dict[QPalette.ColorRole, str]
) -> QPalette:
    p = QPalette()
    for role, color in colors.items():
        p.setColor(role, QColor(color))
    for role, color in disabled.items():
        p.setColor(Group.Disabled, role, QColor(color))
    return p


def light_palette() -> QPalette:
    return _palette(LIGHT, LIGHT_DISABLED)


def dark_palette() -> QPalette:
    return _palette(DARK, DARK_DISABLED)


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightness() < 128


def scheme(palette: QPalette) -> str:
    return "dark" if is_dark(palette) else "light"


def control_outline(palette: QPalette) -> QColor:
    return QColor(CONTROL_OUTLINE[scheme(palette)])


def focus_ring_color(palette: QPalette) -> QColor:
    return QColor(FOCUS_RING[scheme(palette)])


def playing_fill(palette: QPalette) -> QColor:
    return QColor(PLAYING_FILL[scheme(palette)])


def playing_accent(palette: QPalette) -> QColor:
    return QColor(PLAYING_ACCENT[scheme(palette)])


def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two opaque colours, 1.0 to 21.0."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


class AccessibleStyle(QProxyStyle):
    """Fusion with check box, radio button and text field outlines that meet WCAG 1.4.11."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.setObjectName("aurion-fusion")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        pe = QStyle.PrimitiveElement
        if element not in (
            pe.PE_IndicatorCheckBox,
            pe.PE_IndicatorRadioButton,
            pe.PE_FrameLineEdit,
        ):
            return
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if element == pe.PE_FrameLineEdit and focused:
            return  # Fusion's focused frame is drawn in the accent colour already
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        color = focus_ring_color(option.palette) if focused else control_outline(option.palette)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == pe.PE_IndicatorRadioButton:
            # 1.5 px: a 1 px circle is antialiased to half its colour on most pixels
            painter.setPen(QPen(color, 1.5))
            painter.drawEllipse(rect.adjusted(0.75, 0.75, -0.75, -0.75))
        else:
            painter.setPen(QPen(color, 1))
            painter.drawRoundedRect(rect, 2, 2)
        painter.restore()


_platform_style: str | None = None


def apply_theme(app: QApplication, theme: str) -> bool:
    """``light``/``dark`` force our palettes; ``system`` follows the system's colour scheme.

    Where the platform's own style is Fusion (Linux without a desktop theme), ``system`` uses
    the light or dark palette the system asks for, so the defaults meet the contrast
    requirements too. Returns False when ``system`` can only apply at the next start (a
    native style was replaced earlier in this run).
    """
    global _platform_style
    if _platform_style is None:
        _platform_style = app.style().name().lower()
    if theme == "system":
        if _platform_style != "fusion" and not isinstance(app.style(), AccessibleStyle):
            return True  # the native style and palette are in place
        if _platform_style != "fusion":
            return False
        dark = app.styleHints().colorScheme() == Qt.ColorScheme.Dark
        theme = "dark" if dark else "light"
    app.setStyle(AccessibleStyle())
    app.setPalette(dark_palette() if theme == "dark" else light_palette())
    _refresh_widgets(app)
    return True


def _refresh_widgets(app: QApplication) -> None:
    """Bring widgets with style sheets (and their children) to the new palette.

    A style sheet freezes the palette of its widget and children at polish time, and no
    event reaches them when the application palette changes: the banner and its buttons kept
    the old theme. Setting the sheet again re-polishes them; THEME_APPLIED lets widgets that
    compute their colours from the theme compute them again.
    """
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)
    for widget in app.allWidgets():
        QApplication.sendEvent(widget, QEvent(THEME_APPLIED))
