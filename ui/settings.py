"""Persisted settings, declared once with type and default; preferences apart from window state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One QSettings key with its Python type and default."""

    key: str
    default: T
    kind: type


class Prefs:
    """User preferences (``prefs/``): what a user chose."""

    page_size = Setting[int]("prefs/page_size", 50, int)
    sort_by = Setting[str]("prefs/sort_by", "started_at", str)
    sort_order = Setting[str]("prefs/sort_order", "desc", str)
    auto_refresh = Setting[bool]("prefs/auto_refresh", False, bool)
    last_profile = Setting[str]("prefs/last_profile", "", str)
    volume = Setting[float]("prefs/volume", 0.8, float)
    playback_rate = Setting[float]("prefs/playback_rate", 1.0, float)
    follow_playback = Setting[bool]("prefs/follow_playback", True, bool)
    announce_lines = Setting[bool]("prefs/announce_lines", False, bool)
    export_dir = Setting[str]("prefs/export_dir", "", str)
    export_formats = Setting[str]("prefs/export_formats", "txt,pdf", str)
    export_redact = Setting[bool]("prefs/export_redact", False, bool)
    #: Where evidence packs go (File > Evidence pack…).
    pack_dir = Setting[str]("prefs/pack_dir", "", str)
    pack_redact = Setting[bool]("prefs/pack_redact", False, bool)
    theme = Setting[str]("prefs/theme", "system", str)
    #: "library" (the default once an account has one) or "live": the API's list.
    source_mode = Setting[str]("prefs/source_mode", "library", str)
    #: "system" (the system's language), "en" or "fr" (ui.i18n.LANGUAGE_CHOICES); applied at
    #: the next start.
    language = Setting[str]("prefs/language", "system", str)
    #: "local" (the computer's time zone) or "utc": the zone of the times the window shows.
    time_zone = Setting[str]("prefs/time_zone", "local", str)


class WindowState:
    """Window state (``window/``): geometry, splitters, columns; safe to forget."""

    geometry = Setting[QByteArray]("window/geometry", QByteArray(), QByteArray)
    main_splitter = Setting[QByteArray]("window/main_splitter", QByteArray(), QByteArray)
    side_splitter = Setting[QByteArray]("window/side_splitter", QByteArray(), QByteArray)
    table_header = Setting[QByteArray]("window/table_header", QByteArray(), QByteArray)


PAGE_SIZES = (10, 20, 50, 100)


class Settings:
    """Typed access to a QSettings store; never holds an API key (keys live in the keyring)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings()

    def get(self, setting: Setting[T]) -> T:
        raw: Any = self.store.value(setting.key, setting.default)
        if raw is None:
            return setting.default
        try:
            if setting.kind is bool and isinstance(raw, str):
                return raw.lower() in {"true", "1", "yes"}  # type: ignore[return-value]
            value = raw if isinstance(raw, setting.kind) else setting.kind(raw)
            return cast(T, value)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self.store.setValue(setting.key, value)

    def page_size(self) -> int:
        size = self.get(Prefs.page_size)
        return size if size in PAGE_SIZES else Prefs.page_size.default

    def sync(self) -> None:
        self.store.sync()
