"""Human-readable formatting shared by the window and the exports (durations, times, labels)."""

from __future__ import annotations

from datetime import datetime

from app.i18n import QT_TRANSLATE_NOOP

#: Labels of the API's enums, in English (exports); the window shows them translated
#: ("Labels" context).
CHANNEL_LABELS = {
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone"),
    "mobile": QT_TRANSLATE_NOOP("Labels", "Mobile app"),
    "widget": QT_TRANSLATE_NOOP("Labels", "Web widget"),
}
STATUS_LABELS = {
    "active": QT_TRANSLATE_NOOP("Labels", "Active"),
    "completed": QT_TRANSLATE_NOOP("Labels", "Completed"),
    "escalated": QT_TRANSLATE_NOOP("Labels", "Escalated"),
    "failed": QT_TRANSLATE_NOOP("Labels", "Failed"),
    "abandoned": QT_TRANSLATE_NOOP("Labels", "Abandoned"),
}
SPEAKER_LABELS = {
    "agent": QT_TRANSLATE_NOOP("Labels", "Agent"),
    "caller": QT_TRANSLATE_NOOP("Labels", "Caller"),
}
#: A call's review status (the library's notes and scorecards make it).
REVIEW_LABELS = {
    "unreviewed": QT_TRANSLATE_NOOP("Labels", "Unreviewed"),
    "in_review": QT_TRANSLATE_NOOP("Labels", "In review"),
    "reviewed": QT_TRANSLATE_NOOP("Labels", "Reviewed"),
}


def format_duration(seconds: float | None) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour on); an em dash when unknown."""
    if seconds is None:
        return "—"
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_local_time(value: datetime | None, with_seconds: bool = False) -> str:
    """A timestamp in the computer's time zone, e.g. ``2026-03-08 11:30``."""
    if value is None:
        return "—"
    try:
        local = value.astimezone()
    except (OverflowError, ValueError):  # year 1 or 9999 next to an offset has no local time
        local = value
    return local.strftime("%Y-%m-%d %H:%M:%S" if with_seconds else "%Y-%m-%d %H:%M")


def label(mapping: dict[str, str], value: str | None) -> str:
    """The display label of an API enum value; unknown values are shown as they come."""
    if value is None:
        return "—"
    return mapping.get(value, value.replace("_", " ").capitalize())
