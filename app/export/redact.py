"""Redaction rules (versioned): phone numbers, e-mails, payment cards and IBANs become kind tokens.

Everything an export masks is decided here, so that ``RULES_VERSION`` names one behaviour:

* text (:func:`redact_text`): e-mail addresses, written (``jo@x.org``) or spelled out in
  French or English (``jean dot dupont at gmail dot com``, ``jean point dupont arobase gmail
  point com``) become ``[email]``; IBANs that pass mod-97 and their country's format become
  ``[iban]``; runs of 7 or more digits (any grouping with spaces, dots, dashes, slashes,
  brackets, a ``+`` or ``00`` prefix, an extension ``x12`` / ``ext. 12`` / ``poste 12``;
  digits spelled out in French or English count too) become ``[card]`` when they pass Luhn,
  ``[phone]`` when ``phonenumbers`` finds one or several phone numbers of the regions we serve
  in them, and ``[number]`` otherwise. Dates, times, IP addresses, UUIDs, year ranges, amounts
  with a currency and dotted version or build numbers are left as they are.
* JSON payloads (:func:`redact_payload`): every string is redacted as text, every key of an
  object we do not know too, and every whole number of 7 or more digits becomes the kind token
  of those digits, except the fields an allow-list names as safe *and* whose value has the
  shape that field always has (a call id, a timestamp, a status word...).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import luhn

#: Bump when the rules change: an export records which rules masked it.
RULES_VERSION: Final = "2026.1"

PHONE: Final = "[phone]"
EMAIL: Final = "[email]"
CARD: Final = "[card]"
IBAN: Final = "[iban]"
#: 7 or more digits that are neither a card nor a phone number of our regions.
NUMBER: Final = "[number]"

#: One line for the people who read an export (the PDF note, the export dialog).
SUMMARY: Final = (
    "Phone numbers, e-mail addresses, payment card numbers, IBANs and other numbers of 7 or "
    "more digits are masked as [phone], [email], [card], [iban] and [number]."
)

#: Regions whose national formats are recognised (international ``+``/``00`` numbers always are).
REGIONS: Final = ("FR", "GB", "US", "CA", "BE", "CH", "DE")

#: Fewer digits than this in a run are never masked (ticket and order numbers, amounts...).
MIN_DIGITS: Final = 7
#: The longest run we try to split into several phone numbers side by side.
MAX_SPLIT_DIGITS: Final = 32

# -- shapes left alone ---------------------------------------------------------------------

_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_CURRENCY = r"(?:€|\$|£|eur\b|euros?\b|usd\b|dollars?\b|gbp\b|pounds?\b|livres?\b|chf\b|francs?\b)"
_THOUSANDS = r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d{1,2})?"
#: Spans that look like digits but are not personal data; they also stop a run of digits.
_SAFE = re.compile(
    rf"""
    (?<![\w.])(?:
        {_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])          # ISO date (and time)
            (?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?
      | {_YEAR}([/.])(?:0?[1-9]|1[0-2])\1{_DAY}                     # 2026/03/08
      | {_DAY}([/.\-])(?:{_MONTH}|1[3-9]|2\d|3[01])\2{_YEAR}        # 08/03/2026, 03-08-2026
      | (?:[01]?\d|2[0-3])(?::[0-5]\d(?::[0-5]\d)?|h[0-5]\d)         # 10:30, 10:30:15, 14h30
      | (?:{_OCTET}\.){{3}}{_OCTET}                                  # IPv4 address
      | [0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}  # UUID
      | {_YEAR}\s?[-–—/]\s?{_YEAR}                                   # 2024-2026
      | {_THOUSANDS}\s?{_CURRENCY}                                   # 1 250 000 €
    )(?![\w]|[.,:/\-]\d)
    | (?:[$€£]|\b(?:eur|usd|gbp|chf)\b)\s?{_THOUSANDS}                # $1,200,000.50
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A private-use character: not a digit, not a separator, not a word character.
_BLOCK = "\ue000"

# -- e-mail addresses ------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+%'-])[\w.+%-][\w.+%'-]*@[\w-]+(?:\.[\w-]+)+")
_TLDS = (
    "com|net|org|info|biz|edu|gov|int|eu|fr|uk|us|ca|be|ch|de|lu|nl|es|it|pt|ie|at|io|co|me|ai|"
    "app|dev|email|online|pro|tv|xyz|gouv"
)
_ATOM = r"[^\W_][\w+'-]{0,63}"
_LOCAL_SEP = (
    r"(?:[._+-]|\s+(?=\d)|\s+(?:dot|point|underscore|tiret(?:\s+bas)?|dash|hyphen|plus)\s+)"
)
_AT = (
    r"(?:\s*@\s*|\s*[\[(<{]\s*(?:at|arobase|@)\s*[\])>}]\s*"
    r"|\s+(?:at|arobase|arrobase|a\s+commercial)\s+)"
)
_DOT = r"(?:\.|\s*[\[(<{]\s*(?:dot|point|\.)\s*[\])>}]\s*|\s+(?:dot|point)\s+)"
#: An address spelled out or obfuscated: ``jean dot dupont at gmail dot com``, ``jo (at) x.fr``.
_SPOKEN_EMAIL = re.compile(
    rf"(?<![\w@]){_ATOM}(?:{_LOCAL_SEP}{_ATOM}){{0,6}}{_AT}"
    rf"{_ATOM}(?:{_DOT}{_ATOM}){{0,4}}{_DOT}(?:{_TLDS})(?!\w)",
    re.IGNORECASE,
)

# -- IBANs ---------------------------------------------------------------------------------

_IBAN_START = re.compile(r"(?<!\w)[A-Za-z]{2}\d\d(?=[ \u00a0-]?[A-Za-z0-9])")
_IBAN_PART = re.compile(r"[ \u00a0-]?([A-Za-z0-9]+)")
_IBAN_MAX = 34

# -- digits ---------------------------------------------------------------------------------

_SEP = r"(?:[^\S\r\n]|[.\-‐‑‒–—―−/()])"
#: Digits joined by at most three separators; a ``+`` or ``(`` may open it, ``x12`` may follow.
_RUN = re.compile(rf"(?<![\w+])(?:\+[^\S\r\n]?)?\(?\d(?:{_SEP}{{0,3}}\d)*(?!(?![xX]\d)\w)")
_EXTENSION = re.compile(
    r"[^\S\r\n]*,?[^\S\r\n]*(?:x|ext\.?|extension|poste|p\.)[^\S\r\n]?\d{1,6}(?![\w])",
    re.IGNORECASE,
)
#: A French number said in pairs with pauses, as speech-to-text writes it: 06, 12, 34, 56, 78.
_COMMA_PAIRS = re.compile(
    r"(?<![\w,.])0\d(?:[^\S\r\n]?,[^\S\r\n]?\d\d){4}(?!\w|[^\S\r\n]?,[^\S\r\n]?\d)"
)
#: 7 digits close together: without them no run of digits (nor IBAN) can need masking.
_SEVEN_CLOSE_DIGITS = re.compile(rf"\d(?:{_SEP}{{0,3}}\d){{6}}")

# -- digits spelled out (French and English) ---------------------------------------------------

_UNITS = {
    "zero": 0, "zéro": 0, "oh": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "un": 1, "une": 1, "deux": 2,
    "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dix": 10, "onze": 11,
    "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60,
}  # fmt: skip
_SCALES = {"hundred": 100, "cent": 100, "cents": 100, "thousand": 1000, "mille": 1000}
_REPEATS = {"double": 2, "triple": 3}
_JOINERS = {"and", "et"}
_MAX_SPOKEN_VALUE = 10**12
_NUMBER_WORDS = frozenset({*_UNITS, *_TEENS, *_TENS, *_SCALES, *_REPEATS})
#: Words and digit groups; a spelled-out number is a row of them joined by the separators below.
_TOKEN = re.compile(r"[^\W_]+")
_SPELLED_GAP = re.compile(r"[^\S\r\n]*[,.\-–]?[^\S\r\n]*")
#: Fewer number words and digit groups than this cannot spell 7 digits.
_MIN_SPELLED_TOKENS = 3
_AT_WORDS = frozenset({"at", "arobase", "arrobase", "commercial"})
_DOT_WORDS = frozenset({"dot", "point"})
# Starts with the literal dot, so the engine skips to each "." instead of trying every position.
_LETTER_DOT_LETTER = re.compile(r"\.(?<=[^\W\d_]\.)(?=[^\W\d_])")


# -- public API -------------------------------------------------------------------------------


def redact_text(text: str) -> str:
    """``text`` with every e-mail address, IBAN, card, phone and long number as a kind token."""
    if not text:
        return text
    if "@" in text:
        text = _EMAIL.sub(EMAIL, text)
    # One pass over the words decides which of the costlier scans can find anything at all.
    words = _TOKEN.findall(text.lower())
    if ("@" in text or not _AT_WORDS.isdisjoint(words)) and (
        not _DOT_WORDS.isdisjoint(words) or _LETTER_DOT_LETTER.search(text)
    ):
        text = _SPOKEN_EMAIL.sub(EMAIL, text)
    spelled = 0 if _NUMBER_WORDS.isdisjoint(words) else sum(w in _NUMBER_WORDS for w in words)
    if spelled and spelled + sum(1 for w in words if w.isdecimal()) >= _MIN_SPELLED_TOKENS:
        return _redact_numbers(text, spelled=True)
    if _SEVEN_CLOSE_DIGITS.search(text) is None and _COMMA_PAIRS.search(text) is None:
        return text
    return _redact_numbers(text, spelled=False)


def redact_number(value: int | float) -> int | float | str:
    """A JSON number: whole numbers of 7 or more digits become the token of their kind."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if not value.is_integer() or abs(value) >= 1e20:
            return value
        whole = int(value)
    else:
        whole = value
    if abs(whole) >= 10**19:  # longer than any card or phone number
        return NUMBER
    digits = str(abs(whole))
    if len(digits) < MIN_DIGITS:
        return value
    return _kind_of_digits(digits, international=False)


# -- JSON payloads ----------------------------------------------------------------------------

Shape = Callable[[Any], bool]


def _matches(pattern: str) -> Shape:
    compiled = re.compile(pattern)
    return lambda v: isinstance(v, str) and compiled.fullmatch(v) is not None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_ID: Final = _matches(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")
_WORD: Final = _matches(r"[A-Za-z][A-Za-z0-9_.-]{0,63}")
_LANGUAGE: Final = _matches(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}")
_TIMESTAMP: Final = _matches(
    r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|z|[+-]\d\d:?\d\d)?)?"
)

#: Paths (``[]`` stands for any list item) whose values are kept when they have their shape.
SafeFields = Mapping[tuple[str, ...], Shape]

CALL_SAFE_FIELDS: Final[SafeFields] = {
    ("id",): _ID,
    ("channel",): _WORD,
    ("status",): _WORD,
    ("language",): _LANGUAGE,
    ("started_at",): _TIMESTAMP,
    ("ended_at",): _TIMESTAMP,
    ("sentiment",): _WORD,
    ("tools_used", "[]"): _WORD,
    ("format",): _WORD,
    ("duration_seconds",): _is_number,
    ("requester_id",): _is_number,
    ("tickets_created", "[]"): _is_number,
}
TRANSCRIPT_SAFE_FIELDS: Final[SafeFields] = {
    ("call_id",): _ID,
    ("segments", "[]", "timestamp"): _TIMESTAMP,
}
#: Values nested deeper than this are dropped (null): far beyond any real payload, it bounds the
#: recursion on a hostile one.
MAX_DEPTH: Final = 64


def redact_payload(
    payload: Mapping[str, Any], safe: SafeFields, memo: dict[str, str] | None = None
) -> dict[str, Any]:
    """A redacted deep copy of a JSON object: only ``safe`` fields with their shape stay as is.

    ``memo`` caches ``redact_text`` across calls (a transcript repeats speakers and phrases).
    """
    return _Walk(safe, memo).object(payload, (), 0)


def redact_field(
    value: Any, path: tuple[str, ...], safe: SafeFields, memo: dict[str, str] | None = None
) -> Any:
    """One value found at ``path`` of a payload, by the rules of :func:`redact_payload`."""
    return _Walk(safe, memo).value(value, path, len(path))


def cached_redact(text: str, memo: dict[str, str]) -> str:
    """``redact_text`` through a caller's cache."""
    done = memo.get(text)
    if done is None:
        done = memo[text] = redact_text(text)
    return done


class _Walk:
    """One redacting deep copy: the allow-list, the paths leading to it, a cache of texts."""

    def __init__(self, safe: SafeFields, memo: dict[str, str] | None) -> None:
        self.safe = safe
        #: Keys on the way to a safe field are names we know (not data): they stay as they are.
        self.known = _known_paths(tuple(safe))
        self.memo = {} if memo is None else memo

    def object(self, obj: Mapping[str, Any], path: tuple[str, ...], depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in obj.items():
            name = str(key)
            child = (*path, name)
            if child not in self.known:
                name = cached_redact(name, self.memo)
                if name in out:  # two keys masked alike: keep both values
                    name = _unique(name, out)
            out[name] = self.value(value, child, depth + 1)
        return out

    def value(self, value: Any, path: tuple[str, ...], depth: int) -> Any:
        if depth > MAX_DEPTH:
            return None
        shape = self.safe.get(path)
        if shape is not None and shape(value):
            return value
        if isinstance(value, str):
            return cached_redact(value, self.memo)
        if isinstance(value, Mapping):
            return self.object(value, path, depth)
        if isinstance(value, list | tuple):
            item = (*path, "[]")
            return [self.value(v, item, depth + 1) for v in value]
        if _is_number(value):
            return redact_number(value)
        return value  # true, false, null


@functools.lru_cache(maxsize=16)
def _known_paths(paths: tuple[tuple[str, ...], ...]) -> frozenset[tuple[str, ...]]:
    return frozenset(path[:n] for path in paths for n in range(1, len(path) + 1))


def _unique(name: str, taken: Mapping[str, Any]) -> str:
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


# -- numbers in text -----------------------------------------------------------------------------


def _redact_numbers(text: str, *, spelled: bool) -> str:
    """IBANs, then spelled-out and written runs of digits, in one left-to-right rebuild."""
    masks = list(_ibans(text))
    working = _blocked(text, masks)
    working = _SAFE.sub(lambda m: _BLOCK * len(m.group()), working)
    pairs = [(m.start(), m.end(), PHONE) for m in _COMMA_PAIRS.finditer(working)]
    masks += pairs
    working = _blocked(working, pairs)
    if spelled:
        spoken = list(_spelled_runs(working))
        masks += spoken
        working = _blocked(working, spoken)
    masks += _digit_runs(working)
    if not masks:
        return text
    masks.sort()
    out: list[str] = []
    last = 0
    for start, end, token in masks:
        if start < last:  # overlapping claims: the first one wins
            continue
        out.append(text[last:start])
        out.append(token)
        last = end
    out.append(text[last:])
    return "".join(out)


def _blocked(text: str, masks: list[tuple[int, int, str]]) -> str:
    """``text`` with each masked span overwritten by as many ``_BLOCK`` (positions kept)."""
    if not masks:
        return text
    out: list[str] = []
    last = 0
    for start, end, _ in sorted(masks):
        start = max(start, last)
        out += (text[last:start], _BLOCK * (end - start))
        last = max(end, last)
    out.append(text[last:])
    return "".join(out)


def _ibans(text: str) -> Iterator[tuple[int, int, str]]:
    for start in _IBAN_START.finditer(text):
        compact = start.group().upper()
        ends = []
        pos = start.end()
        while len(compact) < _IBAN_MAX:
            part = _IBAN_PART.match(text, pos)
            if part is None:
                break
            compact += part.group(1).upper()
            pos = part.end()
            ends.append((pos, compact))
        for end, candidate in reversed(ends):
            if 15 <= len(candidate) <= _IBAN_MAX and stdnum_iban.is_valid(
                candidate, check_country=False
            ):
                yield start.start(), end, IBAN
                break


def _spelled_runs(working: str) -> Iterator[tuple[int, int, str]]:
    """Rows of number words (digit groups and ``et``/``and`` may join in) spelling 7+ digits."""
    row: list[re.Match[str]] = []
    for token in [*_TOKEN.finditer(working), None]:
        word = token.group().lower() if token else ""
        joined = bool(row) and token is not None and _joined(working, row[-1].end(), token.start())
        if token is not None and (
            word in _NUMBER_WORDS or word.isdecimal() or (row and word in _JOINERS)
        ):
            if row and not joined:
                yield from _spelled_row(working, row)
                row = []
            row.append(token)
            continue
        if row:
            yield from _spelled_row(working, row)
            row = []


def _joined(working: str, end: int, start: int) -> bool:
    gap = _SPELLED_GAP.match(working, end)
    return gap is not None and gap.end() == start


def _spelled_row(working: str, row: list[re.Match[str]]) -> Iterator[tuple[int, int, str]]:
    while row and row[-1].group().lower() in _JOINERS:
        row = row[:-1]
    words = [t.group().lower() for t in row]
    if len(words) < _MIN_SPELLED_TOKENS or all(w.isdecimal() or w in _JOINERS for w in words):
        return  # digits only: the digit pass decides
    digits = _spelled_digits(words)
    if len(digits) >= MIN_DIGITS:
        end = _extension_end(working, row[-1].end())
        yield row[0].start(), end, _kind_of_digits(digits, international=False)


def _spelled_digits(words: list[str]) -> str:
    """``["zéro", "six", "douze", "trente", "quatre"]`` -> ``"061234"``: digits as spoken."""
    out: list[str] = []
    current: int | None = None
    repeat = 1

    def flush() -> None:
        nonlocal current
        if current is not None:
            out.append(str(current))
            current = None

    for word in words:
        if word.isdecimal():
            flush()
            out.append(_ascii_digits(word))
        elif word in _REPEATS:
            flush()
            repeat = _REPEATS[word]
        elif word in _UNITS:
            unit = _UNITS[word]
            if repeat > 1 or unit == 0:
                flush()
                out.append(str(unit) * repeat)
                repeat = 1
            elif current is not None and current % 10 == 0 and current % 100 in (10, 70, 90):
                current += unit  # dix-sept, soixante-dix-huit, quatre-vingt-dix-neuf
            elif current is not None and current % 10 == 0 and current % 100 >= 20:
                current += unit  # twenty-three, trente-quatre
            elif current is not None and current % 100 == 0 and current >= 100:
                current += unit  # two hundred (and) five
            else:
                flush()
                current = unit
        elif word in _TEENS:
            repeat = 1
            teen = _TEENS[word]
            if current is not None and current % 100 in (0, 60, 80) and current > 0:
                current += teen  # soixante-douze, quatre-vingt-dix, two hundred twelve
            else:
                flush()
                current = teen
        elif word in _TENS:
            repeat = 1
            tens = _TENS[word]
            if tens == 20 and current is not None and current % 100 == 4:
                current = current - 4 + 80  # quatre-vingt(s)
            elif current is not None and current % 100 == 0 and current >= 100:
                current += tens
            else:
                flush()
                current = tens
        elif word in _SCALES:
            if current is not None and current >= _MAX_SPOKEN_VALUE:
                flush()  # "mille mille mille...": a hostile text cannot grow a huge integer
            current = (current or 1) * _SCALES[word]
    flush()
    return "".join(out)


def _digit_runs(working: str) -> list[tuple[int, int, str]]:
    masks: list[tuple[int, int, str]] = []
    for run in _RUN.finditer(working):
        parts = _mask_run(run.group())
        if parts is None:
            continue
        for start, end, token in parts:
            if token == PHONE:
                end = _extension_end(working, run.start() + end) - run.start()
            masks.append((run.start() + start, run.start() + end, token))
    return masks


def _extension_end(working: str, end: int) -> int:
    extension = _EXTENSION.match(working, end)
    return extension.end() if extension else end


def _mask_run(run: str) -> list[tuple[int, int, str]] | None:
    """What to mask in one run of digits and separators (spans within ``run``), or None."""
    groups = [(m.start(), m.end()) for m in re.finditer(r"\d+", run)]
    digits = _ascii_digits("".join(run[s:e] for s, e in groups))
    if len(digits) < MIN_DIGITS:
        return None
    # A run opens with "+", "(" or a digit and ends with a digit; "(" only if it is closed.
    whole = (1 if run.startswith("(") and ")" not in run else 0, len(run))
    international = run.startswith("+") or digits.startswith("00")
    separators = {run[a[1] : b[0]] for a, b in itertools.pairwise(groups)}
    if separators == {"."} and not international and not _dotted_phone(run, groups):
        return None  # versions, builds, decimals: 10.0.22631.3155, 22631.3155
    kind = _kind_of_digits(digits, international=international)
    if kind == NUMBER and len(digits) <= MAX_SPLIT_DIGITS:
        pieces = _split_phones(run, groups)
        if pieces:
            return pieces
    return [(*whole, kind)]


def _dotted_phone(run: str, groups: list[tuple[int, int]]) -> bool:
    """06.12.34.56.78 or 212.555.0100: three or more groups of two to four digits."""
    return len(groups) >= 3 and all(2 <= e - s <= 4 for s, e in groups)


def _kind_of_digits(digits: str, *, international: bool) -> str:
    digits = _ascii_digits(digits)
    if international:
        number = "+" + digits.removeprefix("00")
        return PHONE if 8 <= len(number) <= 16 else NUMBER
    if 13 <= len(digits) <= 19 and digits[0] != "0" and luhn.is_valid(digits):
        return CARD
    if len(digits) <= 15 and (_valid_phone(digits) or _possible_phone(digits)):
        return PHONE
    return NUMBER


def _split_phones(run: str, groups: list[tuple[int, int]]) -> list[tuple[int, int, str]] | None:
    """Two or more phone numbers side by side: cut between groups so that each piece is valid.

    Of the ways to cut, the fewest pieces win, then pieces valid in the earlier regions of
    ``REGIONS`` (Germany's open numbering accepts almost any length), then cuts where the
    separator differs from the one inside the numbers (``06 12 34 56 78 / 07 ...``).
    """
    count = len(groups)
    gaps = [run[a[1] : b[0]] for a, b in itertools.pairwise(groups)]
    usual = max(set(gaps), key=gaps.count)
    # best[i]: (cost, cut points) covering groups[:i]; cost = (pieces, region ranks, plain cuts)
    best: list[tuple[tuple[int, int, int], list[int]] | None] = [None] * (count + 1)
    best[0] = ((0, 0, 0), [])
    for i in range(count):
        before = best[i]
        if before is None:
            continue
        (pieces, ranks, plain), cuts = before
        digits = ""
        for j in range(i, count):
            digits += _ascii_digits(run[groups[j][0] : groups[j][1]])
            if len(digits) > 15:
                break
            rank = _phone_rank(digits) if len(digits) >= MIN_DIGITS else None
            if rank is None:
                continue
            is_plain = int(j + 1 < count and gaps[j] == usual)
            cost = (pieces + 1, ranks + rank, plain + is_plain)
            known = best[j + 1]
            if known is None or cost < known[0]:
                best[j + 1] = (cost, [*cuts, j + 1])
    found = best[count]
    if found is None or len(found[1]) < 2:
        return None
    spans, first = [], 0
    for cut in found[1]:
        spans.append((groups[first][0], groups[cut - 1][1], PHONE))
        first = cut
    return spans


def _valid_phone(digits: str) -> bool:
    return _phone_rank(digits) is not None


@functools.lru_cache(maxsize=4096)
def _phone_rank(digits: str) -> int | None:
    """The index in ``REGIONS`` of the first region where ``digits`` is a valid number."""
    for rank, region in enumerate(REGIONS):
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return rank
    return None


@functools.lru_cache(maxsize=4096)
def _possible_phone(digits: str) -> bool:
    for region in REGIONS:
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return True
    return False


def _ascii_digits(digits: str) -> str:
    if digits.isascii():
        return digits
    return "".join(str(unicodedata.decimal(c, 0)) if c.isdecimal() else c for c in digits)
