"""Accent- and case-insensitive text search that reports matches in the original text."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Letters NFKD leaves whole but a reviewer types differently (``coeur`` for ``cœur``), and
#: typographic marks typed with their plain keyboard equivalent (``j'ai`` for ``j’ai``).
_SPELLED = {
    "œ": "oe",
    "Œ": "oe",
    "æ": "ae",
    "Æ": "ae",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "\u00a0": " ",
    "\u202f": " ",
}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    spelled = _SPELLED.get(char)
    if spelled is not None:
        return spelled
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """``text`` without case, accents or typographic variants: ``Boîte`` → ``boite``."""
    return "".join(_fold_char(c) for c in text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from in ``text``."""
    parts: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        folded = _fold_char(char)
        parts.append(folded)
        origin.extend([i] * len(folded))
    return "".join(parts), origin


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-overlapping match of ``query`` in ``text``, folded alike."""
    needle = fold(query.strip())
    if not needle:
        return []
    folded, origin = fold_with_map(text)
    spans: list[tuple[int, int]] = []
    start = folded.find(needle)
    while start >= 0:
        end = start + len(needle)
        spans.append((origin[start], origin[end - 1] + 1))
        start = folded.find(needle, end)
    return spans
