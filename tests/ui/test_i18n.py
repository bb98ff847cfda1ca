"""The window's languages: complete catalogues, every text marked, and locale formats.

Catalogue tests fail with the exact list of what to do; ``make translations`` then fixes the
``.ts`` files (new strings come in unfinished, vanished ones go) and ``.qm`` files.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.client import _status_error
from app.errors import AurionError, ConfigurationError
from app.export.progress import ExportReport, Progress
from app.i18n import Text
from tests.i18n_status import problems, read_ts
from tests.ui.conftest import ENGLISH, FRENCH
from ui.i18n import (
    date_pattern,
    error_line,
    error_message,
    format_clock,
    format_time,
    install_language,
    installed_catalogues,
    locale_for,
    number,
    rate,
    set_time_zone,
    ui_language,
    zone_label,
)
from ui.progress_text import progress_text
from ui.widgets.filter_bar import FilterBar
from ui.widgets.player_controls import PlayerControls

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
TOOLS = Path(sys.executable).parent
NNBSP = "\u202f"  # the group separator of fr_FR (CLDR), a narrow no-break space


# -- catalogues ----------------------------------------------------------------------------


def _lupdate(tmp_path: Path, name: str, *options: str) -> Path:
    """A fresh catalogue of every marked string of the code, as ``make translations``."""
    out = tmp_path / name
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), "-silent", "-extensions", "py", "-locations", "none",
         "-no-obsolete", *options, "app", "ui", "-ts", str(out)],
        cwd=ROOT, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return out


def _keys(path: Path) -> set[tuple[str, str, str]]:
    return {e.key for e in read_ts(path) if e.kind not in ("obsolete", "vanished")}


@pytest.mark.parametrize(
    ("catalogue", "options"), [("aurion_fr.ts", ()), ("aurion_en.ts", ("-pluralonly",))]
)
def test_the_catalogue_holds_exactly_the_strings_of_the_code(
    tmp_path: Path, catalogue: str, options: tuple[str, ...]
) -> None:
    code = _keys(_lupdate(tmp_path, catalogue, *options))
    committed = _keys(I18N / catalogue)
    missing = sorted(code - committed)
    gone = sorted(committed - code)
    assert not missing and not gone, (
        f"resources/i18n/{catalogue} is behind the code: run `make translations`, translate, "
        "run it again.\n"
        + "".join(f"  not in the catalogue: [{c}] {s!r}\n" for c, s, _ in missing)
        + "".join(f"  no longer in the code: [{c}] {s!r}\n" for c, s, _ in gone)
    )


@pytest.mark.parametrize("catalogue", ["aurion_fr.ts", "aurion_en.ts"])
def test_every_entry_of_the_catalogue_is_translated(catalogue: str) -> None:
    todo = problems(I18N / catalogue)
    assert not todo, f"resources/i18n/{catalogue}:\n" + "\n".join(f"  {t}" for t in todo)


@pytest.mark.parametrize("name", ["aurion_fr", "aurion_en"])
def test_the_committed_qm_is_built_from_the_committed_ts(tmp_path: Path, name: str) -> None:
    built = tmp_path / f"{name}.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), "-silent", str(I18N / f"{name}.ts"), "-qm", str(built)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    assert built.read_bytes() == (I18N / f"{name}.qm").read_bytes(), (
        f"resources/i18n/{name}.qm is stale: run `make translations`"
    )


def test_the_status_tool_names_what_is_left_to_translate(tmp_path: Path) -> None:
    ts = tmp_path / "aurion_fr.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="fr_FR">'
        "<context><name>Demo</name>"
        '<message><source>Save</source><translation type="unfinished"></translation></message>'
        "<message><source>Hello {name}</source><translation>Bonjour</translation></message>"
        "<message><source>&amp;File</source><translation>Fichier</translation></message>"
        '<message numerus="yes"><source>%n call(s)</source><translation>'
        "<numerusform>%n appel</numerusform><numerusform></numerusform></translation></message>"
        '<message><source>Old</source><translation type="vanished">Vieux</translation></message>'
        "</context></TS>",
        encoding="utf-8",
    )
    found = problems(ts)
    assert found == [
        "unfinished: [Demo] 'Save'",
        "fields ['name'] differ in 'Bonjour': [Demo] 'Hello {name}'",
        "& shortcut lost in 'Fichier': [Demo] '&File'",
        "needs 2 plural forms: [Demo] '%n call(s)'",
        "obsolete (no longer in the code): [Demo] 'Old'",
    ]


# -- every text marked ---------------------------------------------------------------------

#: Calls whose string arguments a user sees.
TEXT_SINKS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
    "setPlaceholderText", "setAccessibleName", "setAccessibleDescription", "showMessage",
    "show_message", "addMenu", "setTitle", "addItem", "addItems", "addTab", "setTabText",
    "setItemText", "setHorizontalHeaderLabels", "setVerticalHeaderLabels",
    "setSpecialValueText", "setLabelText", "addButton", "addRow", "setPrefix", "setSuffix",
    "announce", "describe_value", "show_empty", "show_error", "show_recording_status",
    "show_matches", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QToolButton",
    "QGroupBox", "QAction", "QMenu", "QToolBar", "QTableWidgetItem", "QListWidgetItem",
    "AnnouncedLabel", "getExistingDirectory", "getOpenFileName", "getSaveFileName", "_button",
    "_action", "_choice", "_yes_no", "_date", "_seconds",
}  # fmt: skip


#: QMessageBox's static dialogs (their title and text are shown).
MESSAGE_BOXES = {"question", "information", "warning", "critical", "about"}
#: Shown as they are in every language: an example of the API key format.
NOT_WORDS = {"ak_live_…"}


def _has_words(text: str) -> bool:
    return text not in NOT_WORDS and any(c.isalpha() for c in text)


def _bare_text(node: ast.expr) -> str | None:
    """The untranslated words a user would see in ``node``, if any."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if _has_words(node.value) else None
    if isinstance(node, ast.JoinedStr):
        words = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
        return ast.unparse(node) if _has_words(words) else None
    if isinstance(node, ast.BinOp):
        return _bare_text(node.left) or _bare_text(node.right)
    if isinstance(node, ast.IfExp):
        return _bare_text(node.body) or _bare_text(node.orelse)
    if (  # "Words {x}".format(...) without tr()
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return _bare_text(node.func.value)
    if isinstance(node, ast.List | ast.Tuple):
        for element in node.elts:
            # banner actions are (id, caption) pairs: only the caption is shown
            if isinstance(element, ast.Tuple) and len(element.elts) == 2:
                found = _bare_text(element.elts[1])
            else:
                found = _bare_text(element)
            if found:
                return found
    return None


def _untranslated(path: Path) -> Iterator[str]:
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        boxed = (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "QMessageBox"
        )
        if name not in TEXT_SINKS and not (boxed and name in MESSAGE_BOXES):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            found = _bare_text(arg)
            if found:
                yield f"{shown}:{node.lineno}: {name}({found!r})"


def test_no_text_reaches_a_widget_without_going_through_translation() -> None:
    found = [line for path in sorted((ROOT / "ui").rglob("*.py")) for line in _untranslated(path)]
    assert not found, (
        "Wrap these in self.tr() / QCoreApplication.translate() (README, Adding a language):\n"
        + "\n".join(found)
    )


def test_the_marked_text_check_finds_bare_text(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(w, n):\n"
        "    w.setText('Hello')\n"
        "    w.setToolTip(f'{n} calls')\n"
        "    w.show_message('Loading…', 1, [('retry', 'Retry')])\n"
        "    w.show_message(w.tr('Loading…'), 1, [('retry', w.tr('Retry'))])\n"
        "    w.setText('«')\n"
        "    w.setText(w.tr('Page {n}').format(n=n))\n"
        "    w.setText('Page {n}'.format(n=n))\n",
        encoding="utf-8",
    )
    found = list(_untranslated(sample))
    assert [line.split(": ", 1)[1] for line in found] == [
        "setText('Hello')",
        "setToolTip(\"f'{n} calls'\")",
        "show_message('Loading…')",
        "show_message('Retry')",
        "setText('Page {n}')",
    ]


# -- language and locale -------------------------------------------------------------------


@pytest.fixture
def restore_english(qapp: QApplication) -> Iterator[None]:
    yield
    install_language(qapp, "en", ENGLISH)
    set_time_zone("local")


def test_the_language_follows_the_system_unless_the_user_chose_one() -> None:
    assert ui_language("system", QLocale("fr_CA")) == "fr"
    assert ui_language("system", QLocale("en_GB")) == "en"
    assert ui_language("system", QLocale("de_DE")) == "en"  # no German: English
    assert ui_language("system", QLocale.c()) == "en"
    assert ui_language("fr", QLocale("en_US")) == "fr"
    assert ui_language("en", QLocale("fr_FR")) == "en"


def test_the_locale_keeps_the_systems_formats_where_it_can() -> None:
    assert locale_for("fr", QLocale("fr_CA")).name() == "fr_CA"
    assert locale_for("fr", QLocale.c()).name() == "fr_FR"
    assert locale_for("en", QLocale("en_GB")).name() == "en_GB"
    assert locale_for("en", QLocale("fr_FR")).name() == "en_FR"  # English, French dates
    assert locale_for("fr", QLocale("en_US")).name() == "fr_FR"  # Qt has no fr_US


@pytest.mark.usefixtures("restore_english")
def test_french_installs_qts_own_catalogue_and_ours(qapp: QApplication) -> None:
    assert install_language(qapp, "fr", FRENCH) == "fr"
    names = [Path(p).name for p in installed_catalogues()]
    assert names == ["qtbase_fr.qm", "aurion_fr.qm"]
    assert QApplication.translate("QPlatformTheme", "Close") == "Fermer"
    assert QLocale().name() == "fr_FR"
    assert install_language(qapp, "en", ENGLISH) == "en"
    assert [Path(p).name for p in installed_catalogues()] == ["qtbase_en.qm", "aurion_en.qm"]
    assert QApplication.translate("QPlatformTheme", "Close") == "Close"


@pytest.mark.usefixtures("restore_english")
def test_counts_and_plurals_in_french_and_english(qapp: QApplication, qtbot: object) -> None:
    bar = FilterBar()
    text = progress_text()
    install_language(qapp, "fr", FRENCH)
    assert number(1200) == f"1{NNBSP}200"
    said = {}
    for n in (0, 1, 2, 1200):
        bar.set_calls(n)
        said[n] = bar.count_label.text()
    assert said == {0: "0 appel", 1: "1 appel", 2: "2 appels", 1200: f"1{NNBSP}200 appels"}
    bar.set_calls(3)
    bar.set_hits(1, more=True)
    assert bar.count_label.text() == "3 appels · 1+ ligne correspond"
    install_language(qapp, "en", ENGLISH)
    assert number(1200) == "1,200"
    for n, words in ((0, "0 calls"), (1, "1 call"), (2, "2 calls"), (1200, "1,200 calls")):
        bar.set_hits(None)
        bar.set_calls(n)
        assert bar.count_label.text() == words
    bar.set_calls(3)
    bar.set_hits(1)
    assert bar.count_label.text() == "3 calls · 1 line matches"
    report = ExportReport(progress=Progress(done=1, skipped=1), files=1)
    assert text.export_summary(report, Path("/tmp/out")) == [
        "Exported 1 call (1 file) to /tmp/out.",
        "1 call was already complete.",
    ]
    install_language(qapp, "fr", FRENCH)
    assert text.export_summary(report, Path("/tmp/out")) == [
        "1 appel exporté (1 fichier) vers /tmp/out.",
        "1 appel était déjà complet.",
    ]
    report = ExportReport(progress=Progress(done=1200), files=2400)
    assert text.export_summary(report, Path("/o"))[0] == (
        f"1{NNBSP}200 appels exportés (2{NNBSP}400 fichiers) vers /o."
    )


@pytest.fixture
def paris_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process's local time is Paris time (UTC+01:00 in winter, +02:00 in summer)."""
    import time

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("restore_english", "paris_time")
def test_dates_and_times_as_each_locale_writes_them_in_the_zone_chosen(
    qapp: QApplication,
) -> None:
    winter = datetime(2026, 3, 8, 10, 30, 5, tzinfo=UTC)  # 11:30 in Paris
    summer = datetime(2026, 7, 14, 21, 5, tzinfo=UTC)  # 23:05 in Paris
    install_language(qapp, "fr", FRENCH)
    assert date_pattern() == "dd/MM/yyyy"
    assert format_time(winter) == "08/03/2026 11:30"
    assert format_time(winter, with_seconds=True) == "08/03/2026 11:30:05"
    assert format_clock(summer) == "23:05"
    assert zone_label(winter) == "heure locale, UTC+01:00"
    assert zone_label(summer) == "heure locale, UTC+02:00"
    set_time_zone("utc")
    assert format_time(winter) == "08/03/2026 10:30"
    assert zone_label(winter) == "UTC"
    set_time_zone("local")
    install_language(qapp, "en", ENGLISH)
    assert format_time(winter) == f"3/8/2026 11:30{NNBSP}AM"
    assert format_time(summer, with_seconds=True) == f"7/14/2026 11:05:00{NNBSP}PM"
    assert zone_label(winter) == "local time, UTC+01:00"
    install_language(qapp, "en", QLocale("en_GB"))
    assert format_time(winter) == "08/03/2026 11:30"
    assert format_time(None) == "—"


@pytest.mark.usefixtures("restore_english")
def test_durations_and_speeds(qapp: QApplication, qtbot: object) -> None:
    install_language(qapp, "fr", FRENCH)
    controls = PlayerControls()
    controls.set_duration(47_000)
    controls.set_position(15_000)
    assert controls.position_text() == "0:15 sur 0:47"
    assert [controls.speed_box.itemText(i) for i in range(controls.speed_box.count())] == [
        "0,5×", "0,75×", "1×", "1,25×", "1,5×", "1,75×", "2×",
    ]  # fmt: skip
    assert rate(1.5) == "1,5×"
    p = Progress(done=120, skipped=3, failed=1, total=1200)
    line = progress_text().export_progress(p)
    assert line.startswith(f"124 sur 1{NNBSP}200 appels · 3 déjà complets · 1 en échec")
    install_language(qapp, "en", ENGLISH)
    assert rate(1.5) == "1.5×"
    assert (
        progress_text()
        .export_progress(p)
        .startswith("124 of 1,200 calls · 3 already complete · 1 failed")
    )


@pytest.mark.usefixtures("restore_english")
def test_core_errors_reach_the_window_in_french(qapp: QApplication) -> None:
    refused = _status_error(401, {}, b'{"error": {"message": "key revoked"}}', "the call list")
    assert str(refused).startswith("The API key was refused (HTTP 401)")  # the CLI's English
    install_language(qapp, "fr", FRENCH)
    assert error_line(refused) == (
        "Clé API invalide\u00a0: La clé API a été refusée (HTTP 401)\u00a0: elle est erronée, "
        "révoquée ou expirée. Vous pouvez en créer une nouvelle dans la console Aurion. "
        "Le serveur a répondu\u00a0: key revoked"
    )
    busy = Text(
        "The Aurion API did not answer in time while loading {what}.",
        what=Text("the transcript of {id}", id="call_1"),
    )
    assert error_message(AurionError(busy)) == (
        "L'API Aurion n'a pas répondu à temps pendant le chargement de la transcription de call_1."
    )
    # a message the core did not mark stays as it was written
    assert error_message(ConfigurationError("disk on fire")) == "disk on fire"


@pytest.mark.parametrize(
    ("lang", "choice", "expected"),
    [
        ("fr_FR.UTF-8", "", "&Fichier|Fermer|1\u202f200"),
        ("fr_CA.UTF-8", "", "&Fichier|Fermer|1\u00a0200"),
        ("en_GB.UTF-8", "", "&File|Close|1,200"),
        ("fr_FR.UTF-8", "en", "&File|Close|1\u202f200"),
        ("C.UTF-8", "fr", "&Fichier|Fermer|1\u202f200"),
    ],
)
def test_the_application_speaks_the_systems_language_or_the_one_chosen(
    tmp_path: Path, lang: str, choice: str, expected: str
) -> None:
    """As a user starts it: LANG decides, unless View > Language was set (saved settings)."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QLocale, QSettings\n"
        "from ui.application import create_application\n"
        f"if {choice!r}:\n"
        "    QCoreApplication.setOrganizationName('Aurion')\n"
        "    QCoreApplication.setApplicationName('Aurion Call Review')\n"
        f"    QSettings().setValue('prefs/language', {choice!r}); QSettings().sync()\n"
        "app = create_application(sys.argv[:1])\n"
        "print(QCoreApplication.translate('MainWindow', '&File'),\n"
        "      QCoreApplication.translate('QPlatformTheme', 'Close'),\n"
        "      QLocale().toString(1200), sep='|')\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": lang,
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stdout.decode().strip() == expected
