"""The wheel a user installs holds app/, ui/ and resources/ complete and runs outside the checkout.

The wheel is built from a copy of the source, offline (the dev extras bring setuptools), and
installed by pip into a fresh venv in a temporary folder. Its dependencies must not come from
PyPI (slow, and no network in tests) nor from ``--system-site-packages`` or the project's whole
``.venv`` (that would hide a dependency missing from pyproject.toml). So the fresh venv sees
exactly the distributions the wheel's ``Requires-Dist`` reaches, transitively, taken from the
project's ``.venv``: their files are linked into one folder that a ``.pth`` file puts on the
venv's path. pip then resolves the wheel's requirements against that set with ``--no-index``
(it fails if one is missing), and ``pip check`` confirms it. A dependency that the code imports
but pyproject.toml does not declare is absent there, and the commands below fail on it.
"""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from app import __version__
from tests.installed import Installed, check_commands, check_demo_server, run_smoke_test

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "ui", "resources")
BUILD_TIMEOUT_S = 180

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="links files and runs bin/ scripts: POSIX only"
)


def source_files() -> set[str]:
    """Every file of the three packages in the checkout, as wheel paths."""
    return {
        path.relative_to(ROOT).as_posix()
        for package in PACKAGES
        for path in (ROOT / package).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def run(args: list[str], cwd: Path, timeout: float = BUILD_TIMEOUT_S) -> str:
    result = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built offline from a clean copy of the source (no stale build/ folder)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    dist = work / "dist"
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
    run([*pip, "--quiet", "--wheel-dir", str(dist), str(source)], cwd=work)
    (built,) = dist.glob("*.whl")
    return built


def wheel_metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.parser.Parser().parsestr(archive.read(name).decode())


def test_the_wheel_carries_every_file_of_app_ui_and_resources(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode()
    assert {n for n in names if ".dist-info/" not in n} == source_files()
    assert {"resources/openapi.json", "resources/icons/app.svg"} <= set(names)
    assert {"resources/i18n/aurion_fr.qm", "resources/i18n/aurion_en.qm"} <= set(names)
    assert "[console_scripts]\naurion-review = ui.launcher:main" in scripts
    assert "[gui_scripts]\naurion-review-gui = ui.launcher:main" in scripts
    assert wheel_metadata(wheel)["Version"] == __version__


def dependency_closure(requirements: list[str]) -> list[Distribution]:
    """The installed distributions these requirements reach, extras and markers honoured."""
    dists: dict[str, Distribution] = {}
    extras_done: dict[str, set[str]] = {}
    todo = [r for r in map(Requirement, requirements) if not r.marker or r.marker.evaluate()]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        wanted = {"", *requirement.extras}
        new_extras = wanted - extras_done.get(name, set())
        if not new_extras:
            continue
        if name not in dists:
            try:
                dists[name] = distribution(name)
            except PackageNotFoundError:
                pytest.fail(f"{requirement} is required but not installed in the project's .venv")
        dist = dists[name]
        assert requirement.specifier.contains(dist.version, prereleases=True), (
            f"the project's .venv has {name} {dist.version}, the wheel needs {requirement}"
        )
        extras_done.setdefault(name, set()).update(wanted)
        for nested in map(Requirement, dist.requires or []):
            marker = nested.marker
            if marker is None or any(marker.evaluate({"extra": e}) for e in new_extras):
                todo.append(nested)
    return list(dists.values())


def link_distributions(dists: list[Distribution], target: Path) -> int:
    """Link every file the distributions installed (their RECORD) into ``target``."""
    count = 0
    for dist in dists:
        assert dist.files is not None, f"{dist.metadata['Name']} has no RECORD"
        for file in dist.files:
            if file.parts[0] == "..":
                continue  # console scripts in bin/: the wheel under test brings its own
            source = Path(str(dist.locate_file(file)))
            if not source.is_file():
                continue  # RECORD may list a .pyc that was never written
            link = target / file
            if link.exists():
                continue  # a folder shared by two distributions (e.g. PySide6/)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(source)
            count += 1
    return count


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside the checkout with the wheel installed by pip; returns its bin/."""
    work = tmp_path_factory.mktemp("venv")
    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=work)
    python = venv / "bin" / "python"
    purelib = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=work
    ).strip()
    requirements = wheel_metadata(wheel).get_all("Requires-Dist") or []
    closure = dependency_closure(requirements)
    assert link_distributions(closure, work / "deps") > 0
    (Path(purelib) / "aurion-test-deps.pth").write_text(f"{work / 'deps'}\n", encoding="utf-8")
    # pip from the project's .venv installs into the fresh venv (which has no pip of its own).
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    run([*pip, "install", "--quiet", "--no-index", "--no-build-isolation", str(wheel)], cwd=work)
    run([*pip, "check"], cwd=work)
    return venv / "bin"


def test_the_installed_packages_are_the_wheels_not_the_checkouts(installed: Path) -> None:
    code = (
        "import app, app.export, resources, ui, ui.models, ui.widgets\n"
        "from importlib.resources import files\n"
        "print(*[m.__file__ for m in (app, app.export, resources, ui, ui.models, ui.widgets)])\n"
        "print((files('resources') / 'recordings' / 'conversations.json').is_file())"
    )
    result = subprocess.run(
        [str(installed / "python"), "-c", code],
        cwd=installed.parent.parent,
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    paths, resources_found = result.stdout.splitlines()
    site = Path(sysconfig.get_paths(vars={"base": str(installed.parent)})["purelib"]).resolve()
    for path in paths.split():
        assert Path(path).resolve().is_relative_to(site), f"{path} is not in {site}"
    assert resources_found == "True"
    assert (installed / "aurion-review-gui").is_file()


def test_the_commands_answer(installed: Path, tmp_path: Path) -> None:
    check_commands(
        Installed.isolated([str(installed / "aurion-review")], tmp_path, None), __version__
    )


def test_the_demo_server_serves_calls_and_recordings(installed: Path, tmp_path: Path) -> None:
    check_demo_server(Installed.isolated([str(installed / "aurion-review")], tmp_path, None))


def test_the_window_opens_offscreen_lists_calls_and_plays_one(
    installed: Path, tmp_path: Path
) -> None:
    app = Installed.isolated([str(installed / "aurion-review")], tmp_path, "offscreen")
    result = run_smoke_test(app)
    assert "calls from http://127.0.0.1:" in result.output
