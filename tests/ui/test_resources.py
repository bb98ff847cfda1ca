"""The icons come from the installed ``resources`` package and every one the UI names exists."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.formatting import CHANNEL_LABELS
from ui.resources import icon, icon_path, selectable_icon


@pytest.mark.parametrize("name", ["app", *CHANNEL_LABELS])
def test_every_icon_the_ui_names_renders(qapp: QApplication, name: str) -> None:
    image = icon(name).pixmap(32, 32).toImage()
    assert not image.isNull()
    assert any(image.pixelColor(x, 16).alpha() > 0 for x in range(32)), f"{name} is blank"


def test_an_unknown_icon_is_an_error_not_a_blank() -> None:
    with pytest.raises(FileNotFoundError):
        icon_path("no-such-icon")


@pytest.mark.parametrize("name", list(CHANNEL_LABELS))
def test_channel_icons_stay_visible_on_a_selected_row(qapp: QApplication, name: str) -> None:
    selected = selectable_icon(name).pixmap(32, 32, QIcon.Mode.Selected).toImage()
    inked = [
        selected.pixelColor(x, y)
        for x in range(32)
        for y in range(32)
        if selected.pixelColor(x, y).alpha() > 128
    ]
    assert inked, f"{name} is blank when selected"
    assert all(c.red() > 240 and c.green() > 240 and c.blue() > 240 for c in inked)
    normal = selectable_icon(name).pixmap(32, 32).toImage()
    assert normal == icon(name).pixmap(32, 32).toImage()
