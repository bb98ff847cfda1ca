"""Export file names: readable, sorted by time, and unique per call id on every file system."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

#: An id used as it is: lower case (so no two ids differ only by case, which Windows and macOS
#: folders would treat as one name), digits, ``_`` and ``-``, at most 80 characters.
_PLAIN_ID = re.compile(r"[a-z0-9_-]{1,80}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
#: How much of the id's SHA-256 a changed id carries: 40 bits, widened on a collision.
SHORT_HASH = 10
READABLE_PART = 60


def utc_stamp(value: datetime) -> str:
    """``20260308-103000`` in UTC, for any aware datetime (year 1 with an offset included)."""
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError):
        utc = datetime.min.replace(tzinfo=UTC) if value.year < 2 else datetime.max
    return (
        f"{utc.year:04d}{utc.month:02d}{utc.day:02d}-{utc.hour:02d}{utc.minute:02d}{utc.second:02d}"
    )


def id_digest(call_id: str) -> str:
    return hashlib.sha256(call_id.encode("utf-8", "surrogatepass")).hexdigest()


def base_name(call_id: str, started_at: datetime, hash_length: int = 0) -> str:
    """``20260308-103000_call_abc123``; an id that had to change carries a hash of itself.

    Ids that are not plain (upper case, ``/``, ``..``, spaces, newlines, non-ASCII, over 80
    characters) keep a readable part and add ``~`` and the start of their SHA-256, so that two
    ids never share a name however alike they look once made safe.
    ``hash_length`` forces a hash of that length (a plain id too): the namer's way out of a
    collision.
    """
    stamp = utc_stamp(started_at)
    if not hash_length and _PLAIN_ID.fullmatch(call_id):
        return f"{stamp}_{call_id}"
    readable = _UNSAFE.sub("_", call_id).strip("_")[:READABLE_PART] or "call"
    return f"{stamp}_{readable}~{id_digest(call_id)[: hash_length or SHORT_HASH]}"


class FileNamer:
    """Hands out base names, never the same one (ignoring case) to two call ids.

    ``claimed`` maps base names already in use (by an earlier run's manifest) to their call ids.
    """

    def __init__(self, claimed: dict[str, str] | None = None) -> None:
        self._owners: dict[str, str] = {}
        for name, call_id in (claimed or {}).items():
            self._owners.setdefault(name.casefold(), call_id)

    def name_for(self, call_id: str, started_at: datetime) -> str:
        name = base_name(call_id, started_at)
        owner = self._owners.setdefault(name.casefold(), call_id)
        if owner != call_id:
            # Two ids met on one name (an earlier version's naming, or a hash collision):
            # the full digest is unique.
            name = base_name(call_id, started_at, hash_length=64)
            self._owners[name.casefold()] = call_id
        return name
