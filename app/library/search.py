"""Search words as a reviewer types them, made into a safe full-text query; hits with snippets.

What a query can say (README, ``aurion-review search --help``):

- words: every word must be in the same utterance (``mot passe``); case and accents are
  ignored (``resiliation`` finds *Résiliation*), a word matches whole words only;
- ``"a phrase"``: these words, in this order, side by side;
- ``word*`` / ``"a phra"*``: words starting so (a prefix);
- ``OR`` between two terms: either; ``-word`` or ``-"a phrase"``: utterances without it.

Nothing a user types reaches the full-text engine as syntax: every term is quoted, so a
stray quote, bracket, colon or ``NEAR`` is only text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.library.repository import MARK_CLOSE, MARK_OPEN, HitRow, from_ms
from app.source import UnsupportedQueryError

#: Longest query accepted, in characters, and most terms in it.
MAX_QUERY_CHARS = 1000
MAX_TERMS = 32


@dataclass(frozen=True)
class _Term:
    text: str
    prefix: bool = False
    negated: bool = False

    def fts(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted


def _searchable(text: str) -> bool:
    """Whether the tokenizer finds a word in ``text`` (letters or digits)."""
    return any(ch.isalnum() for ch in text)


def _terms(text: str) -> list[_Term | str]:
    """The terms of a query, and the string ``"OR"`` where it joins two of them."""
    out: list[_Term | str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch == "-" and i + 1 < n and not text[i + 1].isspace():
            negated = True
            i += 1
            ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            value = text[i + 1 : end]
            i = end + 1
            prefix = i < n and text[i] == "*"
            if prefix:
                i += 1
            if _searchable(value):
                out.append(_Term(value, prefix, negated))
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        word = text[start:i]
        if word == "OR" and not negated:
            out.append("OR")
            continue
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if _searchable(word):
            out.append(_Term(word, prefix, negated))
    return out


def parse_query(text: str) -> str:
    """The FTS5 expression for what a user typed; ``UnsupportedQueryError`` when it cannot
    be searched (nothing to look for, or too long)."""
    if len(text) > MAX_QUERY_CHARS:
        raise UnsupportedQueryError(
            f"The search is too long ({len(text):,} characters; at most {MAX_QUERY_CHARS:,})."
        )
    items = _terms(text)
    groups: list[list[_Term]] = []  # terms joined by OR, the groups joined by AND
    negated: list[_Term] = []
    join = False
    count = 0
    for item in items:
        if item == "OR":
            join = bool(groups)
            continue
        assert isinstance(item, _Term)
        count += 1
        if item.negated:
            negated.append(item)
            join = False
        elif join:
            groups[-1].append(item)
            join = False
        else:
            groups.append([item])
    if count > MAX_TERMS:
        raise UnsupportedQueryError(
            f"The search has too many words ({count}; at most {MAX_TERMS})."
        )
    if not groups:
        raise UnsupportedQueryError(
            "Nothing to search for: give at least one word to find (words to leave out, with "
            "-, need one to find)."
            if negated
            else "Nothing to search for: give at least one word."
        )
    parts = []
    for group in groups:
        terms = [t.fts() for t in group]
        parts.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
    expression = " AND ".join(parts)
    for term in negated:
        expression += " NOT " + term.fts()
    return expression


def marked_spans(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Text with the repository's match markers, as (plain text, spans of the matches)."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    start: int | None = None
    length = 0
    for ch in marked:
        if ch == MARK_OPEN:
            start = length
        elif ch == MARK_CLOSE:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            plain.append(ch)
            length += 1
    return "".join(plain), tuple(spans)


@dataclass(frozen=True)
class SearchHit:
    """One place a search matched: an utterance of a call, or its caller or requester."""

    call_id: str
    started_at: datetime
    #: ``text`` (what was said), ``caller_id`` or ``requester_name``.
    field: str
    #: The utterance's index in the transcript (None for the caller and requester).
    seq: int | None
    #: Seconds from the call's start (None for the caller and requester).
    offset_seconds: float | None
    speaker: str | None
    #: The whole utterance (or field), and where the matched words are in it.
    text: str
    matches: tuple[tuple[int, int], ...]
    #: A short excerpt around the matches ("…" where cut), and where they are in it.
    snippet: str
    snippet_matches: tuple[tuple[int, int], ...]

    @classmethod
    def from_row(cls, row: HitRow) -> SearchHit:
        text, matches = marked_spans(row.highlighted)
        snippet, snippet_matches = marked_spans(row.snippet)
        return cls(
            call_id=row.call_id,
            started_at=from_ms(row.started_ms),
            field=row.field,
            seq=row.seq if row.seq >= 0 else None,
            offset_seconds=row.offset_ms / 1000 if row.offset_ms is not None else None,
            speaker=row.speaker,
            text=text,
            matches=matches,
            snippet=snippet,
            snippet_matches=snippet_matches,
        )


@dataclass(frozen=True)
class SearchResult:
    """A page of hits, and whether more follow it."""

    hits: tuple[SearchHit, ...]
    more: bool
