"""What a search should find, computed the slow, obvious way: the specification the library's
full-text index is checked against (accents and case ignored, whole words, phrases,
prefixes, OR, exclusions)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Words as SQLite's unicode61 tokenizer (remove_diacritics 2) sees them: runs of
    letters and digits, case folded, accents removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _TOKEN.findall(plain.casefold())


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False

    def found_in(self, toks: list[str]) -> bool:
        n = len(self.words)
        for i in range(len(toks) - n + 1):
            head, last = toks[i : i + n - 1], toks[i + n - 1]
            if list(self.words[:-1]) != head:
                continue
            if last == self.words[-1] or (self.prefix and last.startswith(self.words[-1])):
                return True
        return False


@dataclass(frozen=True)
class Query:
    """All of ``groups`` (each: any of its terms), none of ``excluded``."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    def matches(self, text: str) -> bool:
        toks = tokens(text)
        return all(any(t.found_in(toks) for t in g) for g in self.groups) and not any(
            t.found_in(toks) for t in self.excluded
        )


def term(text: str, prefix: bool = False) -> Term:
    return Term(tuple(tokens(text)), prefix)


def words(*texts: str) -> Query:
    return Query(tuple((term(t),) for t in texts))
