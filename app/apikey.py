"""API keys as opaque values that never print, and a log filter that redacts any leak."""

from __future__ import annotations

import logging
import threading
import weakref
from typing import Final

from app.errors import ConfigurationError
from app.i18n import QT_TRANSLATE_NOOP
from app.sanitize import cut_urls

_MASK: Final = "ak_…redacted"
#: Fixed starts of Aurion keys that say what kind of key it is, not which one.
_PUBLIC_PREFIXES: Final = ("ak_live_", "ak_test_", "ak_demo_", "ak_")
_SHOWN_TAIL: Final = 4


class InvalidApiKeyError(ConfigurationError, ValueError):
    """A value that cannot be an API key (empty, spaces, control or non-ASCII characters)."""

    title = QT_TRANSLATE_NOOP("AurionError", "Invalid API key")


class ApiKey:
    """An API key whose ``repr``/``str`` never reveal it; ``reveal()`` is the only way in."""

    __slots__ = ("__weakref__", "_value")

    def __init__(self, value: str) -> None:
        value = value.strip()
        if not value:
            raise InvalidApiKeyError(
                QT_TRANSLATE_NOOP("AurionError", "An API key cannot be empty.")
            )
        if any(ord(c) <= 32 or ord(c) == 127 for c in value) or not value.isascii():
            # It could not travel in an HTTP header (httpx refuses it at every try).
            raise InvalidApiKeyError(
                QT_TRANSLATE_NOOP(
                    "AurionError",
                    "An API key is one word of ASCII letters, digits and signs: this one holds "
                    "spaces, line breaks or other characters a key never has.",
                )
            )
        self._value = value
        _registry.add(self)

    def reveal(self) -> str:
        return self._value

    def masked(self) -> str:
        """A hint a person can recognise: a known public prefix and at most the last four
        characters, e.g. ``ak_live_…x9Qz``. Short keys show fewer (a third of what follows
        the prefix, rounded down), so the hint never gives away most of a key."""
        v = self._value
        prefix = next((p for p in _PUBLIC_PREFIXES if v.startswith(p)), "")
        shown = min(_SHOWN_TAIL, (len(v) - len(prefix)) // 3)
        return f"{prefix}…{v[len(v) - shown :]}"

    def __repr__(self) -> str:
        return f"ApiKey({self.masked()!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ApiKey) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("API keys are not serialisable")


class _Registry:
    """Live keys, so the log filter can redact them wherever they appear."""

    def __init__(self) -> None:
        self._keys: weakref.WeakSet[ApiKey] = weakref.WeakSet()
        self._lock = threading.Lock()

    def add(self, key: ApiKey) -> None:
        with self._lock:
            self._keys.add(key)

    def values(self) -> list[str]:
        with self._lock:
            return [k.reveal() for k in self._keys]


_registry = _Registry()


def redact(text: str) -> str:
    """Replace every known live API key in ``text`` with a mask."""
    for value in _registry.values():
        if value in text:
            text = text.replace(value, _MASK)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites log records so that no live API key, and no query of a URL (the signature of a
    signed recording URL), reaches a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = cut_urls(redact(message))
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_text:
            record.exc_text = cut_urls(redact(record.exc_text))
        return True


def install_log_redaction(logger: logging.Logger | None = None) -> None:
    """Attach the redacting filter to every handler of ``logger`` (the root by default)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
