"""The window's language and locale: Qt's translators, and numbers, dates, times, speeds and
core messages written as the chosen locale writes them (``QLocale``).

Translation convention (README, "Adding a language"): ``self.tr()`` in QObject subclasses,
plurals as ``self.tr("%Ln call(s)", "", n)``; ``QCoreApplication.translate(context, ...)``
elsewhere; ``QT_TRANSLATE_NOOP(context, ...)`` for constants, translated where shown.
"""

from __future__ import annotations

import atexit
import re
from collections.abc import Mapping
from contextlib import ExitStack
from datetime import UTC, datetime
from importlib.resources import as_file, files
from pathlib import Path

import PySide6
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

from app.errors import AurionError
from app.formatting import label as english_label
from app.i18n import ERRORS, QT_TRANSLATE_NOOP, Text

#: The *Language* preference: the system's, or one of the translations.
LANGUAGE_CHOICES = ("system", "en", "fr")
#: Languages the window is written in (``resources/i18n/aurion_<code>.qm``); English first,
#: the fallback for every other system language.
LANGUAGES: dict[str, QLocale.Language] = {
    "en": QLocale.Language.English,
    "fr": QLocale.Language.French,
}
#: The *Times* preference: the computer's time zone or UTC.
TIME_ZONES = ("local", "utc")

_installed: list[QTranslator] = []
_time_zone = "local"
_files = ExitStack()
atexit.register(_files.close)


# -- language ------------------------------------------------------------------------------


def ui_language(choice: str, system: QLocale | None = None) -> str:
    """The language code the window uses for the preference ``choice``."""
    if choice in LANGUAGES:
        return choice
    system = system if system is not None else QLocale.system()
    return next((code for code, lang in LANGUAGES.items() if lang == system.language()), "en")


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The locale of ``language`` with the system's formats when they are of that language
    (fr_CA, en_GB), else the language's own in the system's country when Qt knows it (en_FR
    writes dd/MM/yyyy), else the language's default (fr_FR, en_US)."""
    system = system if system is not None else QLocale.system()
    wanted = LANGUAGES.get(language, QLocale.Language.English)
    if system.language() == wanted:
        return system
    near = QLocale(wanted, system.territory())
    if near.language() == wanted and near.territory() == system.territory():
        return near
    return QLocale(wanted)


def _resource(name: str) -> Path | None:
    resource = files("resources") / "i18n" / name
    if not resource.is_file():
        return None
    return Path(_files.enter_context(as_file(resource)))


def qt_translations_dirs() -> list[Path]:
    """Where Qt's own catalogues (``qtbase_fr.qm``) are: Qt's configured path, and the
    wheel's folder (a bundle may configure no path)."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    dirs.append(Path(PySide6.__file__).parent / "Qt" / "translations")
    return [d for d in dict.fromkeys(dirs) if d.is_dir()]


def install_language(app: QCoreApplication, choice: str, system: QLocale | None = None) -> str:
    """Install the translators and default locale for ``choice`` ("system", "en", "fr"),
    replacing those installed before; returns the language code now in use.

    Widgets made before keep their text: the window applies a new choice at its next start.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = ui_language(choice, system)
    QLocale.setDefault(locale_for(language, system))
    catalogues: list[Path] = []
    for folder in qt_translations_dirs():
        qtbase = folder / f"qtbase_{language}.qm"
        if qtbase.is_file():
            catalogues.append(qtbase)
            break
    ours = _resource(f"aurion_{language}.qm")
    if ours is not None:
        catalogues.append(ours)
    for path in catalogues:
        translator = QTranslator(app)
        if translator.load(str(path)) and app.installTranslator(translator):
            _installed.append(translator)
    return language


def installed_catalogues() -> list[str]:
    """The files of the translators installed now (for tests and the log)."""
    return [t.filePath() for t in _installed]


# -- numbers -------------------------------------------------------------------------------


def number(value: int) -> str:
    """``1,200`` in English, ``1 200`` in French."""
    return QLocale().toString(value)


def decimal(value: float, places: int = 1) -> str:
    """``38.2`` in English, ``38,2`` in French."""
    return QLocale().toString(float(value), "f", places)


def rate(value: float) -> str:
    """A playback speed: ``1×``, ``1.5×`` (``1,5×`` in French)."""
    return f"{QLocale().toString(float(value), 'g', 3)}×"


# -- dates and times -----------------------------------------------------------------------


def set_time_zone(zone: str) -> None:
    """Show times in the computer's time zone ("local") or in UTC ("utc")."""
    global _time_zone
    _time_zone = zone if zone in TIME_ZONES else "local"


def time_zone() -> str:
    return _time_zone


def shown_time(value: datetime) -> datetime:
    """``value`` in the zone the window shows (an instant without a zone is taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC) if _time_zone == "utc" else value.astimezone()
    except (OverflowError, ValueError):  # year 1 or 9999 next to an offset has no local time
        return value


def date_pattern(locale: QLocale | None = None) -> str:
    """The locale's short date with a four-digit year (``dd/MM/yyyy``, ``M/d/yyyy``)."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    return re.sub(r"(?<!y)yy(?!y)", "yyyy", pattern)


def time_pattern(with_seconds: bool = False, locale: QLocale | None = None) -> str:
    """The locale's short time (``HH:mm``, ``h:mm AP``, ``HH 'h' mm``), or its long time
    without the zone name when seconds are wanted (the window says the zone apart)."""
    locale = locale or QLocale()
    if not with_seconds:
        return locale.timeFormat(QLocale.FormatType.ShortFormat)
    parts = locale.timeFormat(QLocale.FormatType.LongFormat).split("'")
    for i in range(0, len(parts), 2):  # outside quoted text: drop the zone ("t" to "tttt")
        parts[i] = re.sub(r"\s*t+", "", parts[i])
    return "'".join(parts).strip()


def _qdatetime(value: datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second)
    )


def format_time(value: datetime | None, with_seconds: bool = False) -> str:
    """A moment in the shown zone as the locale writes it: ``20/11/2026 17:28`` in French,
    ``11/20/2026 5:28 PM`` in American English; an em dash when unknown."""
    if value is None:
        return "—"
    shown = shown_time(value)
    pattern = f"{date_pattern()} {time_pattern(with_seconds)}"
    return QLocale().toString(_qdatetime(shown), pattern)


def format_clock(value: datetime) -> str:
    """The time of day only (``17:28``, ``5:28 PM``), in the shown zone."""
    return QLocale().toString(_qdatetime(shown_time(value)), time_pattern())


def _offset_text(moment: datetime) -> str:
    offset = moment.utcoffset()
    minutes = round(offset.total_seconds() / 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def utc_offset(value: datetime | None = None) -> str:
    """``UTC+01:00``: the offset of the shown zone at ``value`` (now when None)."""
    return _offset_text(shown_time(value or datetime.now(UTC)))


def local_offset(value: datetime | None = None) -> str:
    """The offset of the computer's zone at ``value`` (now), whichever zone is shown."""
    moment = value or datetime.now(UTC)
    try:
        return _offset_text(moment.astimezone())
    except (OverflowError, ValueError):
        return _offset_text(moment)


def zone_label(value: datetime | None = None) -> str:
    """What zone the times are in: ``local time, UTC+01:00`` or ``UTC``."""
    if _time_zone == "utc":
        return QCoreApplication.translate("Formats", "UTC")
    return QCoreApplication.translate("Formats", "local time, {offset}").format(
        offset=utc_offset(value)
    )


# -- labels and core messages --------------------------------------------------------------

#: Sentiments as the window shows them (app.formatting marks the other enums' labels).
SENTIMENT_LABELS = {
    "positive": QT_TRANSLATE_NOOP("Labels", "Positive"),
    "neutral": QT_TRANSLATE_NOOP("Labels", "Neutral"),
    "negative": QT_TRANSLATE_NOOP("Labels", "Negative"),
}


def label(mapping: Mapping[str, str], value: str | None) -> str:
    """The display label of an API enum value, translated; unknown values as they come."""
    return QCoreApplication.translate("Labels", english_label(dict(mapping), value))


def yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("Formats", "Yes")
        if value
        else QCoreApplication.translate("Formats", "No")
    )


def translate_text(text: Text | str, context: str = ERRORS) -> str:
    """A core message in the window's language: its template translated, its fields put back
    (whole numbers as the locale writes them, ``Text`` fields translated in turn)."""
    if isinstance(text, str):
        return QCoreApplication.translate(context, text)
    template = QCoreApplication.translate(context, text.template)
    if not text.fields:
        return template
    fields: dict[str, str] = {}
    for name, value in text.fields.items():
        if isinstance(value, Text):
            fields[name] = translate_text(value, context)
        elif isinstance(value, int) and not isinstance(value, bool):
            fields[name] = number(value)
        else:
            fields[name] = str(value)
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field: the English
        return str(text)


def error_title(error: AurionError) -> str:
    return QCoreApplication.translate(ERRORS, error.title)


def error_message(error: AurionError) -> str:
    """``str(error)`` in the window's language (English where the core has no template)."""
    text = getattr(error, "text", None)
    return translate_text(text) if isinstance(text, Text) else str(error)


def error_line(error: AurionError) -> str:
    """``Invalid API key: The API key was refused…`` (``Clé API refusée : …``)."""
    return QCoreApplication.translate("Formats", "{title}: {message}").format(
        title=error_title(error), message=error_message(error)
    )
