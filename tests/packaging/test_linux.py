"""The Linux desktop integration in packaging/linux: valid, complete, and in step with the app."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app import __version__
from ui.application import APP_ID

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
HICOLOR = LINUX / "icons" / "hicolor"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:  # .ci/run installs them (desktop-file-utils, appstream)
        pytest.skip(f"{name} is not installed")
    return path


def test_the_desktop_file_is_valid() -> None:
    result = subprocess.run(
        [tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_metainfo_is_valid() -> None:
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_file_metainfo_icons_and_window_use_one_id() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Icon"] == APP_ID
    assert desktop["Exec"] == "aurion-review"  # the console script, and the bundle's executable
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("provides/binary") == "aurion-review"


def test_the_metainfo_describes_this_version_with_existing_screenshots() -> None:
    component = ET.parse(METAINFO).getroot()
    releases = component.findall("releases/release")
    assert releases[0].get("version") == __version__, "add release notes for the new version"
    assert releases[0].find("description") is not None
    images = [image.text or "" for image in component.iterfind("screenshots/screenshot/image")]
    assert images
    for url in images:
        assert url.startswith("https://")
        shot = ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[1]
        assert shot.is_file(), f"{url} names no file in docs/screenshots"


@pytest.mark.parametrize("size", SIZES)
def test_every_hicolor_size_is_a_png_of_that_size(size: int) -> None:
    image = QImage(str(HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    assert image.pixelColor(size // 2, size // 2).alpha() == 255  # not blank


def test_the_scalable_icon_is_the_apps_icon() -> None:
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (ROOT / "resources" / "icons" / "app.svg").read_bytes(), (
        "run packaging/linux/make_icons.py"
    )
