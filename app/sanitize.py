"""Server-provided text made safe to print: no control, escape or bidi characters; URLs cut."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

ELLIPSIS = "…"

#: Short, familiar escapes for the control characters people recognise.
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

#: Format characters that are kept: joiners inside emoji and scripts (they cannot reorder or
#: hide text). Every other format character (bidi overrides and isolates, invisible operators,
#: zero-width spaces, BOM) is shown escaped.
_KEPT_FORMAT = {"\u200c", "\u200d"}

#: Categories escaped: controls (C0, DEL, C1 - ESC and CSI among them), format characters,
#: surrogates, line and paragraph separators.
_ESCAPED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _escape(char: str) -> str | None:
    """The visible form of ``char``, or None when it may be printed as it is."""
    if char.isprintable():
        return None
    if char in _NAMED:
        return _NAMED[char]
    if char in _KEPT_FORMAT or unicodedata.category(char) not in _ESCAPED_CATEGORIES:
        return None  # e.g. a space separator other than ' ', an unassigned code point
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str, limit: int | None = None) -> str:
    """``text`` safe for a terminal, a log line or a dialog: one line, nothing hidden.

    Control characters (newlines, ESC and so every ANSI/OSC escape sequence, C1 controls),
    bidi overrides and isolates, zero-width and other invisible format characters are replaced
    by a visible escape (``\\n``, ``\\x1b``, ``\\u202e``), so no text from a server can move the
    cursor, recolour or retitle a terminal, reorder what is shown or start a fake line. With
    ``limit``, the result has at most ``limit`` characters, the last one an ellipsis when cut.
    """
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    # Every character gives at least one: limit + 1 of them tell whether the text is cut.
    source = text if limit is None else text[: limit + 1]
    shown = "".join(_escape(char) or char for char in source)
    if limit is not None and len(shown) > limit:
        shown = shown[: limit - len(ELLIPSIS)] + ELLIPSIS
    return shown


def cut_url(url: str) -> str:
    """``scheme://host[:port]/path?…``: a URL fit for a message, without its query (where signed
    URLs keep their signature), credentials or fragment; printable, at most 200 characters."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        head = url.split("?", 1)[0].split("#", 1)[0]
        return printable(head + ("?…" if "?" in url else ""), 200)
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port is not None else host
    shown = f"{parts.scheme}://{netloc}{parts.path}" if parts.scheme else parts.path
    if parts.query:
        shown += "?…"
    return printable(shown, 200)


_URL = re.compile(
    r"\b([a-zA-Z][a-zA-Z0-9+.-]*://)(?:[^\s/@\"'<>]*@)?([^\s?#\"'<>]*)(\?[^\s#\"'<>]*)?"
)


def cut_urls(text: str) -> str:
    """``text`` with every URL's credentials dropped and its query replaced by ``?…`` (log
    lines, Qt's messages): a signed recording URL works for an hour without a key."""
    return _URL.sub(lambda m: m.group(1) + m.group(2) + ("?…" if m.group(3) else ""), text)
