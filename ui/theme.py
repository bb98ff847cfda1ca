"""Light/dark palettes for the Fusion style, used when the user picks a theme over the system's."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    base = {
        role.Window: "#1f2227",
        role.WindowText: "#e6e8eb",
        role.Base: "#16181c",
        role.AlternateBase: "#1d2025",
        role.ToolTipBase: "#2a2e35",
        role.ToolTipText: "#e6e8eb",
        role.PlaceholderText: "#9aa3ad",
        role.Text: "#e6e8eb",
        role.Button: "#2a2e35",
        role.ButtonText: "#e6e8eb",
        role.BrightText: "#ff6b6b",
        role.Light: "#3a3f47",
        role.Midlight: "#32363e",
        role.Mid: "#25292f",
        role.Dark: "#121418",
        role.Shadow: "#000000",
        role.Highlight: "#3b82f6",
        role.HighlightedText: "#ffffff",
        role.Link: "#60a5fa",
        role.LinkVisited: "#a78bfa",
    }
    for r, color in base.items():
        p.setColor(r, QColor(color))
    # Disabled text stays readable (about 4.7:1 on the window colour): a running export
    # freezes its whole form, and the reviewer still needs to see what was chosen.
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#8b929c"))
    # Fusion fills a disabled check box or radio button with Base; a lighter Base under
    # the indicator keeps the mark visible.
    p.setColor(group.Disabled, role.Base, QColor("#262a30"))
    return p


def apply_theme(app: QApplication, theme: str) -> None:
    """``system`` keeps the platform's palette; ``light``/``dark`` force Fusion palettes."""
    if theme == "system":
        return
    app.setStyle("Fusion")
    style = app.style()
    app.setPalette(dark_palette() if theme == "dark" else style.standardPalette())
