"""WCAG contrast of the light and dark themes, computed from the colours the app really uses.

Text 4.5:1 (WCAG 1.4.3), control outlines, focus indicators and the playing line's accent
3:1 (1.4.11). The outlines of check boxes and radio buttons are measured on pixels the style
really draws.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from ui.theme import (
    AccessibleStyle,
    apply_theme,
    contrast_ratio,
    control_outline,
    dark_palette,
    focus_ring_color,
    light_palette,
    playing_accent,
    playing_fill,
)
from ui.widgets.banner import BANNER_COLORS
from ui.widgets.search_results import HIT_COLORS
from ui.widgets.source_switch import SourceSwitch, chosen_colors
from ui.widgets.status_badge import STATUS_COLORS
from ui.widgets.transcript_view import MATCH_BG, MATCH_FG, SPEAKER_COLORS

Role, Group = QPalette.ColorRole, QPalette.ColorGroup
THEMES = {"light": light_palette, "dark": dark_palette}
TEXT, NON_TEXT = 4.5, 3.0


def color(
    palette: QPalette, role: QPalette.ColorRole, group: QPalette.ColorGroup = Group.Active
) -> QColor:
    return palette.color(group, role)


@pytest.fixture(params=list(THEMES))
def palette(request: pytest.FixtureRequest) -> QPalette:
    return THEMES[request.param]()


def test_the_measured_formula_matches_known_values() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    # Fusion's own selection colour, measured at 3.6:1 with white text before this theme
    assert contrast_ratio(QColor("#308cc6"), QColor("#ffffff")) < TEXT


@pytest.mark.parametrize("group", [Group.Active, Group.Inactive])
def test_selected_rows_read_at_4_5(palette: QPalette, group: QPalette.ColorGroup) -> None:
    ratio = contrast_ratio(
        color(palette, Role.HighlightedText, group), color(palette, Role.Highlight, group)
    )
    assert ratio >= TEXT


@pytest.mark.parametrize("text_role", [Role.Text, Role.WindowText, Role.PlaceholderText])
@pytest.mark.parametrize("background", [Role.Base, Role.AlternateBase, Role.Window])
def test_text_and_secondary_text_read_at_4_5(
    palette: QPalette, text_role: QPalette.ColorRole, background: QPalette.ColorRole
) -> None:
    assert contrast_ratio(color(palette, text_role), color(palette, background)) >= TEXT


def test_the_playing_line_reads_at_4_5_and_its_accent_stands_out(palette: QPalette) -> None:
    fill = playing_fill(palette)
    for role in (Role.Text, Role.PlaceholderText):
        assert contrast_ratio(color(palette, role), fill) >= TEXT
    # the line differs from its neighbours by more than a tint: its accent bar is 3:1
    assert contrast_ratio(playing_accent(palette), fill) >= NON_TEXT
    assert contrast_ratio(playing_accent(palette), color(palette, Role.Base)) >= NON_TEXT


def test_control_outlines_and_focus_rings_reach_3_to_1(palette: QPalette) -> None:
    for background in (Role.Base, Role.Window, Role.AlternateBase):
        assert contrast_ratio(control_outline(palette), color(palette, background)) >= NON_TEXT
        assert contrast_ratio(focus_ring_color(palette), color(palette, background)) >= NON_TEXT
    assert contrast_ratio(focus_ring_color(palette), playing_fill(palette)) >= NON_TEXT


@pytest.mark.parametrize("theme", list(THEMES))
def test_badges_chips_banners_and_matches_read_at_4_5(theme: str) -> None:
    dark = theme == "dark"
    pairs: list[tuple[str, str, str]] = []
    for name, (lbg, lfg, dbg, dfg) in STATUS_COLORS.items():
        pairs.append((f"status {name}", dfg if dark else lfg, dbg if dark else lbg))
    for name, (lbg, lfg, dbg, dfg) in SPEAKER_COLORS.items():
        pairs.append((f"speaker {name}", dfg if dark else lfg, dbg if dark else lbg))
    for kind, (light, dark_colors) in BANNER_COLORS.items():
        bg, _border, fg = dark_colors if dark else light
        pairs.append((f"banner {kind.value}", fg, bg))
    pairs.append(("search match", MATCH_FG.name(), MATCH_BG.name()))
    hit_bg, hit_fg = HIT_COLORS[theme]
    pairs.append(("search result hit", hit_fg, hit_bg))
    low = {n: round(contrast_ratio(QColor(f), QColor(b)), 2) for n, f, b in pairs}
    assert {n: r for n, r in low.items() if r < TEXT} == {}


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    style, palette = qapp.style().name(), qapp.palette()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


def darkest_outline_contrast(
    kind: type[QCheckBox] | type[QRadioButton], palette: QPalette
) -> float:
    """Draw an unchecked indicator with the app's style and measure its outline pixels."""
    style = AccessibleStyle()
    option = QStyleOptionButton()
    option.palette = palette
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Off
    size = 15
    option.rect.setRect(0, 0, size, size)
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    window = color(palette, Role.Window)
    image.fill(window)
    painter = QPainter(image)
    element = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox
        if kind is QCheckBox
        else QStyle.PrimitiveElement.PE_IndicatorRadioButton
    )
    style.drawPrimitive(element, option, painter, None)
    painter.end()
    base = color(palette, Role.Base)
    edge = [image.pixelColor(x, size // 2) for x in range(size // 2)]  # left edge to centre
    return max(contrast_ratio(c, base) for c in edge)


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_unchecked_indicators_are_drawn_with_a_3_to_1_outline(
    themed: QApplication, palette: QPalette, kind: type[QCheckBox] | type[QRadioButton]
) -> None:
    # measured before: 1.61:1 (light) and 1.08:1 (dark) with Fusion's outline
    assert darkest_outline_contrast(kind, palette) >= NON_TEXT


def test_system_theme_on_fusion_uses_the_accessible_palettes(themed: QApplication) -> None:
    assert apply_theme(themed, "dark")
    assert isinstance(themed.style(), AccessibleStyle)
    assert themed.palette().color(Role.Window) == QColor("#1f2227")
    assert apply_theme(themed, "system")  # the platform style here is Fusion
    expected = "#1f2227" if themed.styleHints().colorScheme() == Qt.ColorScheme.Dark else "#efefef"
    assert themed.palette().color(Role.Window) == QColor(expected)
    assert isinstance(themed.style(), AccessibleStyle)


@pytest.mark.parametrize("theme", list(THEMES))
def test_the_chosen_source_stands_out_from_the_other(
    themed: QApplication, qtbot: QtBot, theme: str
) -> None:
    """Measured on the switch's pixels: Fusion drew the checked one a shade darker (in the
    dark theme the unchecked one looked pressed)."""
    apply_theme(themed, theme)
    switch = SourceSwitch()
    qtbot.addWidget(switch)
    switch.set_library_available(True)
    switch.set_mode("library")
    switch.show()
    qtbot.waitExposed(switch)
    image = switch.grab().toImage()

    def fill(mode: str) -> QColor:
        box = switch.buttons[mode].geometry()
        return image.pixelColor(box.left() + 3, box.top() + 3)  # inside the border, off the text

    chosen, text = chosen_colors(themed.palette())
    assert fill("library") == chosen
    assert contrast_ratio(fill("library"), fill("live")) >= NON_TEXT
    assert contrast_ratio(text, chosen) >= TEXT
