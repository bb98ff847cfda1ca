"""Field text made safe for a file's structure: one line, no control characters, no formulas."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates that can make text
# display in another order than it is stored (Trojan Source); str.split() then takes care of
# every kind of white space and line break, U+2028/U+2029 and NEL included.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
_ARROW = re.compile(r"-{2,}>")
#: First characters a spreadsheet reads as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_SURROGATE = re.compile("[\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` on a single line: breaks and tabs become spaces, controls are dropped, and a
    lone surrogate (valid JSON, not valid UTF-8) becomes U+FFFD so the file can be written."""
    cleaned = _SURROGATE.sub("\ufffd", _INVISIBLE.sub(" ", text))
    return _SPACES.sub(" ", cleaned).strip()


def no_cue_arrow(text: str) -> str:
    """SRT and WebVTT read ``-->`` as a cue timing: never let a field write one (``--->`` and
    longer runs too: replacing ``-->`` alone would leave ``-->`` behind)."""
    return _ARROW.sub("->", text)


def csv_cell(text: str) -> str:
    """A CSV cell that stays one line and that no spreadsheet runs as a formula.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    apostrophe, which spreadsheets show as text (the OWASP recommendation).
    """
    value = one_line(text)
    if value.startswith(_FORMULA_START) or text.startswith(_FORMULA_START):
        return "'" + value
    return value
