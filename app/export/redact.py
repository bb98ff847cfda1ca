"""Redaction rules (versioned): phone numbers, e-mails, payment cards and IBANs become kind tokens.

Everything an export masks is decided here, so that ``RULES_VERSION`` names one behaviour:

* text (:func:`redact_text`): e-mail addresses, written (``jo@x.org``, ``jo @ x . org``,
  ``jo[at]x[.]org``, ``jo%40x.org``) or spelled out in French or English (``jean dot dupont at
  gmail dot com``, ``jean point dupont arobase gmail point com``) become ``[email]``; IBANs that
  pass mod-97 and their country's format become ``[iban]``; runs of 7 or more digits (any
  grouping with spaces, line breaks, punctuation or symbols other than a currency sign, a ``+``
  or ``00`` prefix, an extension ``x12`` / ``ext. 12`` / ``poste 12``; digits of any script and
  digits spelled out in French or English count too) become ``[card]`` when they pass Luhn,
  ``[phone]`` when ``phonenumbers`` finds one or several phone numbers of the regions we serve
  in them, and ``[number]`` otherwise. Dates, times and time ranges, IP addresses (and ports),
  UUIDs, year ranges, amounts with a currency and dotted version or build numbers are left as
  they are.
* JSON payloads (:func:`redact_payload`): every string is redacted as text, every key of an
  object we do not know too, and every whole number of 7 or more digits becomes the kind token
  of those digits, in every field (a call's ``requester_id`` and ``tickets_created`` too).

Text is read as a reader would see it, whatever a renderer later does with it: the rules run on
a *probe*, a copy of the same length in which every line break, control, space and combining
mark is a space, every digit an ASCII digit and every compatibility form (fullwidth ``＠``,
``０``) its plain character, and they mask the same spans of the text. Characters no reader sees
(format and bidi controls, zero-width and other default-ignorable characters, lone surrogates)
are dropped from redacted text first, so no later step can join what they kept apart, and other
control characters become spaces.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import luhn

from app.i18n import QT_TRANSLATE_NOOP

#: Bump when the rules change: an export records which rules masked it.
RULES_VERSION: Final = "2026.2"

PHONE: Final = "[phone]"
EMAIL: Final = "[email]"
CARD: Final = "[card]"
IBAN: Final = "[iban]"
#: 7 or more digits that are neither a card nor a phone number of our regions.
NUMBER: Final = "[number]"
#: Every token a masked value can become.
TOKENS: Final = frozenset({PHONE, EMAIL, CARD, IBAN, NUMBER})

#: One line for the people who read an export (the PDF note, in English; the export dialog
#: translates it: "Redaction" context).
SUMMARY: Final = QT_TRANSLATE_NOOP(
    "Redaction",
    "Phone numbers, e-mail addresses, payment card numbers, IBANs and other numbers of 7 or "
    "more digits are masked as [phone], [email], [card], [iban] and [number].",
)

#: Regions whose national formats are recognised (international ``+``/``00`` numbers always are).
REGIONS: Final = ("FR", "GB", "US", "CA", "BE", "CH", "DE")

#: Fewer digits than this in a run are never masked (ticket and order numbers, amounts...).
MIN_DIGITS: Final = 7
#: The longest run we try to split into several phone numbers side by side.
MAX_SPLIT_DIGITS: Final = 32

#: A span of the probe to mask, and the token that replaces it.
_Mask = tuple[int, int, str]

# -- the probe: text as a reader sees it ---------------------------------------------------------

#: Default-ignorable code points that are not format characters (Unicode's
#: DerivedCoreProperties): combining grapheme joiner, Hangul fillers, Khmer inherent vowels,
#: Mongolian variation selectors, variation selectors, and the reserved ranges around them.
_IGNORABLE_RANGES: Final = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
#: Controls that are not white space: they become spaces in redacted text (C0, DEL, C1 but NEL).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
#: Punctuation that keeps its meaning in the rules (dashes, apostrophes, an ideographic stop);
#: any other punctuation or symbol but a currency sign reads as ``~`` in the probe.
_PUNCTUATION: Final = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "\u3002": "."}
_OTHER_SYMBOL: Final = "~"
#: Characters looked up so far; a hostile text cannot grow it beyond this many entries.
_TABLE_LIMIT: Final = 1 << 16


def _is_invisible(char: str) -> bool:
    code = ord(char)
    if unicodedata.category(char) in ("Cf", "Cs"):
        return True
    return any(low <= code <= high for low, high in _IGNORABLE_RANGES)


def _probe_char(char: str) -> str:
    """What one character reads as: one character, or ``""`` when nobody sees it."""
    if char.isascii():
        return " " if char.isspace() or _CONTROLS.match(char) else char
    if _is_invisible(char):
        return ""
    if char.isspace() or char == "\u2800":  # U+2800: the blank Braille pattern
        return " "
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) == 1 and folded != char:
        return folded if folded.isascii() else _probe_char(folded)
    if len(folded) > 1:
        digits = [c for c in folded if c.isdecimal()]  # ⑴ ⒈ ½: a digit stands for the sign
        if digits:
            return str(unicodedata.decimal(digits[0]))
        if len(set(folded)) == 1:  # … ‼: the character repeated
            return _probe_char(folded[0]) if not folded.isascii() else folded[0]
    category = unicodedata.category(char)
    if category in ("Cc", "Mn", "Me"):
        return " "
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    if category == "Pd":
        return "-"
    if category[0] in "PS" and category != "Sc":
        return _OTHER_SYMBOL
    if category in ("Co", "Cn"):  # drawn as a box or a private glyph: a mark between digits
        return _OTHER_SYMBOL
    return char


class _Table(dict[int, str]):
    """A ``str.translate`` table filled as characters are first met."""

    def __init__(self, lookup: Callable[[str], str]) -> None:
        super().__init__()
        self.lookup = lookup

    def __missing__(self, code: int) -> str:
        value = self.lookup(chr(code))
        if len(self) < _TABLE_LIMIT:
            self[code] = value
        return value


_PROBE = _Table(_probe_char)
_VISIBLE = _Table(lambda c: "" if _is_invisible(c) else c)
_ASCII_PROBE: Final = str.maketrans({c: " " for c in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"})
#: A character the probe may change; text without any is its own probe (most text: a fast path).
#: Latin letters (U+00C0 to U+017E but × and ÷) read as themselves and are composed (NFC).
_PLAIN = re.compile("[^\x20-\x7e\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017e]")


def _prepare(text: str) -> tuple[str, str]:
    """``text`` as a redacted export carries it, and its probe (same length).

    The text loses what no reader sees, is composed (NFC) and has its other controls as spaces;
    in the probe, white space, controls and combining marks are spaces, digits ASCII digits,
    compatibility forms their plain character, other punctuation and symbols ``~``.
    """
    if _PLAIN.search(text) is None:  # printable ASCII and Latin letters: nothing to map
        return text, text
    if text.isascii():
        if _CONTROLS.search(text):
            text = _CONTROLS.sub(" ", text)
        return text, text.translate(_ASCII_PROBE)
    probe = text.translate(_PROBE)
    changed = False
    if len(probe) != len(text):  # the probe dropped invisible characters: so does the text
        text = text.translate(_VISIBLE)
        changed = True
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        changed = True
    if changed:
        probe = text.translate(_PROBE)
    if _CONTROLS.search(text):
        text = _CONTROLS.sub(" ", text)
    return text, probe


# -- shapes left alone ---------------------------------------------------------------------

_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_CURRENCY = r"(?:€|\$|£|eur\b|euros?\b|usd\b|dollars?\b|gbp\b|pounds?\b|livres?\b|chf\b|francs?\b)"
_THOUSANDS = r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d{1,2})?"
_ISO_TIMESTAMP = (
    rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    r"(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)?"
)
_TIME = r"(?:[01]?\d|2[0-3])(?::[0-5]\d(?::[0-5]\d(?:[.,]\d{1,3})?)?|h[0-5]\d)"
#: Spans that look like digits but are not personal data; they also stop a run of digits.
_SAFE = re.compile(
    rf"""
    (?<![\w.])(?:
        {_ISO_TIMESTAMP}                                             # ISO date (and time)
      | {_YEAR}([/.])(?:0?[1-9]|1[0-2])\1{_DAY}                     # 2026/03/08
      | {_DAY}([/.\-])(?:{_MONTH}|1[3-9]|2\d|3[01])\2{_YEAR}        # 08/03/2026, 03-08-2026
      | {_TIME}(?:\ ?[-/]\ ?{_TIME})?                                # 10:30, 14h30, 10:30-11:45
      | (?:{_OCTET}\.){{3}}{_OCTET}(?::\d{{1,5}})?                   # IPv4 address (and port)
      | [0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}  # UUID
      | {_YEAR}\ ?[-/]\ ?{_YEAR}                                     # 2024-2026
      | {_THOUSANDS}\ ?{_CURRENCY}                                   # 1 250 000 €
    )(?![\w]|[.,:/\-]\d)
    | (?:[$€£]|\b(?:eur|usd|gbp|chf)\b)\ ?{_THOUSANDS}                # $1,200,000.50
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A private-use character: not a digit, not a separator, not a word character (the probe has
# none of its own: they read as ``~`` there).
_BLOCK = "\ue000"

# -- e-mail addresses ------------------------------------------------------------------------

#: ``@`` as written, URL-encoded or as an HTML entity.
_AT_SIGN = r"(?:@|%40|&\#0*64;|&\#x0*40;|&commat;)"
_HAS_AT_SIGN = re.compile(_AT_SIGN, re.IGNORECASE | re.VERBOSE)
_EMAIL = re.compile(
    rf"(?<![\w.+%'-])[\w.+%-][\w.+%'-]*{_AT_SIGN}[\w-]+(?:(?:\.|%2e)[\w-]+)+",
    re.IGNORECASE | re.VERBOSE,
)
_TLDS = (
    "com|net|org|info|biz|edu|gov|int|eu|fr|uk|us|ca|be|ch|de|lu|nl|es|it|pt|ie|at|io|co|me|ai|"
    "app|dev|email|online|pro|tv|xyz|gouv"
)
_TLD_SET = frozenset(_TLDS.split("|"))
_ATOM = r"[^\W_][\w+'-]{0,63}"
_LOCAL_SEP = (
    r"(?:[._+-]|\s+(?=\d)|\s+(?:dot|point|underscore|tiret(?:\s+bas)?|dash|hyphen|plus)\s+)"
)
_AT = (
    r"(?:\s*@\s*|\s*[\[(<{]\s*(?:at|arobase|@)\s*[\])>}]\s*"
    r"|\s+(?:at|arobase|arrobase|a\s+commercial)\s+)"
)
_DOT = r"(?:\.|\s*[\[(<{]\s*(?:dot|point|\.)\s*[\])>}]\s*|\s+(?:dot|point|\.)\s+)"
#: An address spelled out or obfuscated: ``jean dot dupont at gmail dot com``, ``jo (at) x.fr``.
_SPOKEN_EMAIL = re.compile(
    rf"(?<![\w@]){_ATOM}(?:{_LOCAL_SEP}{_ATOM}){{0,6}}{_AT}"
    rf"{_ATOM}(?:{_DOT}{_ATOM}){{0,4}}{_DOT}(?:{_TLDS})(?!\w)",
    re.IGNORECASE,
)
#: ``@`` (or ``[at]``) with spaces or obfuscated dots about: ``jo @ x . org``, ``jo[at]x[.]org``.
_SPACED_DOT = r"\s*(?:\.|%2e|&\#0*46;|&period;|[\[(<{]\s*(?:dot|point|\.)\s*[\])>}])\s*"
_SPACED_EMAIL = re.compile(
    rf"""(?<![\w@]){_ATOM}(?:\s*[._+-]\s*{_ATOM}){{0,6}}
    \s*(?:{_AT_SIGN}|[\[(<{{]\s*(?:at|arobase|{_AT_SIGN})\s*[\])>}}])\s*
    (?P<domain>{_ATOM}(?:{_SPACED_DOT}{_ATOM}){{0,4}}){_SPACED_DOT}(?P<tld>[^\W\d_]{{2,24}})(?!\w)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_LABEL_SPLIT = re.compile(_SPACED_DOT, re.IGNORECASE | re.VERBOSE)

# -- IBANs ---------------------------------------------------------------------------------

#: What may join two groups of digits (or of an IBAN): white space (any amount: renderers put
#: every field on one line), punctuation and symbols, a comma not followed by a space (``1,250``
#: but not ``1042, 1043``), a ``#`` right after a digit (``06#12`` but not ``#1042 #1043``);
#: not a currency sign, a percent sign or a letter.
_GAP_CHAR = r"[ !\"&'()*+\-./:;<=>?@\[\\\]^_`{|}~]"
_GAP = rf"(?:{_GAP_CHAR}|,(?!\ )|(?<=\d)\#)*+"
_IBAN_START = re.compile(rf"(?<!\w)[A-Za-z]{{2}}\d\d(?={_GAP}[A-Za-z0-9])", re.VERBOSE)
_IBAN_PART = re.compile(rf"{_GAP}([A-Za-z0-9]+)", re.VERBOSE)
_IBAN_MAX = 34

# -- digits ---------------------------------------------------------------------------------

#: Digits joined by separators; a ``+`` or ``(`` may open it, ``x12`` may follow.
_RUN = re.compile(rf"(?<![\w+])(?:\+\ *)?\(?\d(?:{_GAP}\d)*(?!(?![xX]\d)\w)", re.VERBOSE)
_GROUPS = re.compile(r"\d+")
_EXTENSION = re.compile(
    r" *,? *(?:x|ext\.?|extension|poste|p\.) ?\d{1,6}(?![\w])",
    re.IGNORECASE,
)
#: A French number said in pairs with pauses, as speech-to-text writes it: 06, 12, 34, 56, 78.
_COMMA_PAIRS = re.compile(r"(?<![\w,.])0\d(?: *, *\d\d){4}(?!\w| *, *\d)")
#: 7 digits close together: without them no run of digits (nor IBAN) can need masking.
_SEVEN_CLOSE_DIGITS = re.compile(rf"\d(?:{_GAP}\d){{6}}", re.VERBOSE)

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
#: Between two words of a spelled-out number: spaces, commas, any other punctuation.
_SPELLED_GAP = re.compile(rf"(?:{_GAP_CHAR}|[,\#])*+", re.VERBOSE)
#: Fewer number words and digit groups than this cannot spell 7 digits.
_MIN_SPELLED_TOKENS = 3
_AT_WORDS = frozenset({"at", "arobase", "arrobase", "commercial"})
_DOT_WORDS = frozenset({"dot", "point"})
# Starts with the literal dot, so the engine skips to each "." instead of trying every position.
_LETTER_DOT_LETTER = re.compile(r"\.(?<=[^\W\d_]\.)(?=[^\W\d_])")
#: A dot written apart or in brackets, as an obfuscated address has it: ``x . org``, ``x[.]org``.
_LOOSE_DOT = re.compile(r" \. |[\[(<{] *\. *[\])>}]")
_BRACKETS = re.compile(r"[\[(<{]")


# -- public API -------------------------------------------------------------------------------


def redact_text(text: str) -> str:
    """``text`` with every e-mail address, IBAN, card, phone and long number as a kind token.

    Characters no reader sees are dropped and other controls become spaces (see ``_prepare``).
    """
    if not text:
        return text
    text, working = _prepare(text)
    masks: list[_Mask] = []

    def claim(found: Iterable[_Mask]) -> None:
        nonlocal working
        spans = list(found)
        masks.extend(spans)
        working = _blocked(working, spans)

    at_sign = "@" in working or (
        ("%" in working or "&" in working) and _HAS_AT_SIGN.search(working) is not None
    )
    if at_sign:
        claim((m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(working))
    # One pass over the words decides which of the costlier scans can find anything at all.
    words = _TOKEN.findall(working.lower())
    at_words = not _AT_WORDS.isdisjoint(words)
    if at_sign or (at_words and _BRACKETS.search(working)):
        claim(_spaced_emails(working))
    if (at_sign or at_words) and (
        not _DOT_WORDS.isdisjoint(words)
        or _LETTER_DOT_LETTER.search(working)
        or _LOOSE_DOT.search(working)
    ):
        claim((m.start(), m.end(), EMAIL) for m in _SPOKEN_EMAIL.finditer(working))
    spelled = 0 if _NUMBER_WORDS.isdisjoint(words) else sum(w in _NUMBER_WORDS for w in words)
    if spelled and spelled + sum(1 for w in words if w.isdecimal()) >= _MIN_SPELLED_TOKENS:
        masks += _number_masks(working, spelled=True)
    elif _SEVEN_CLOSE_DIGITS.search(working) or _COMMA_PAIRS.search(working):
        masks += _number_masks(working, spelled=False)
    return _masked(text, masks)


def redact_number(value: int | float) -> int | float | str:
    """A JSON number: whole numbers of 7 or more digits become the token of their kind."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if not value.is_integer():  # fractions, infinities and NaN
            return value
        if abs(value) >= 1e19:  # written with an exponent, its leading digits still show
            return NUMBER
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


def _matches(pattern: str, flags: int = 0) -> Shape:
    compiled = re.compile(pattern, flags)
    return lambda v: isinstance(v, str) and compiled.fullmatch(v) is not None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


#: An ISO 8601 timestamp, which the text rules keep whole (``_SAFE``).
_TIMESTAMP: Final = _matches(_ISO_TIMESTAMP, re.IGNORECASE)

#: Paths (``[]`` stands for any list item) whose values skip the rules when they have a shape
#: the rules keep anyway: a fast path for the many timestamps of a transcript, never an
#: exemption. Every other value, ids and allow-listed numbers included, goes through the rules.
SafeFields = Mapping[tuple[str, ...], Shape]

CALL_SAFE_FIELDS: Final[SafeFields] = {
    ("started_at",): _TIMESTAMP,
    ("ended_at",): _TIMESTAMP,
}
TRANSCRIPT_SAFE_FIELDS: Final[SafeFields] = {
    ("segments", "[]", "timestamp"): _TIMESTAMP,
}
#: Values nested deeper than this are dropped (null): far beyond any real payload, it bounds the
#: recursion on a hostile one.
MAX_DEPTH: Final = 64


def redact_payload(
    payload: Mapping[str, Any], safe: SafeFields, memo: dict[str, str] | None = None
) -> dict[str, Any]:
    """A redacted deep copy of a JSON object (``safe``: shapes that skip the rules, see above).

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
    """One redacting deep copy: the fast paths, the paths leading to them, a cache of texts."""

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


def _number_masks(working: str, *, spelled: bool) -> list[_Mask]:
    """IBANs, then French pairs, spelled-out and written runs of digits (spans of ``working``)."""
    masks = list(_ibans(working))
    working = _blocked(working, masks)
    working = _SAFE.sub(lambda m: _BLOCK * len(m.group()), working)
    pairs = [(m.start(), m.end(), PHONE) for m in _COMMA_PAIRS.finditer(working)]
    masks += pairs
    working = _blocked(working, pairs)
    if spelled:
        spoken = list(_spelled_runs(working))
        masks += spoken
        working = _blocked(working, spoken)
    masks += _digit_runs(working)
    return masks


def _masked(text: str, masks: list[_Mask]) -> str:
    """``text`` with each span of ``masks`` replaced by its token, in one left-to-right rebuild."""
    if not masks:
        return text
    masks.sort()
    out: list[str] = []
    last = 0
    for start, end, token in masks:
        if start < last:  # overlapping claims: the first one wins
            continue
        while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Me"):
            end += 1  # a mark on the last character masked goes with it (a keycap's frame)
        out.append(text[last:start])
        out.append(token)
        last = end
    out.append(text[last:])
    return "".join(out)


def _spaced_emails(working: str) -> Iterator[_Mask]:
    """Addresses with spaces or obfuscated dots around their parts (``jo @ x . org``).

    When the domain has spaces in it, its ending must be a common one and each of its labels
    must have a letter, so that ``see you @ 10. Then`` stays as it is.
    """
    pos = 0
    while (found := _SPACED_EMAIL.search(working, pos)) is not None:
        tail = working[found.start("domain") : found.end()]
        labels = _LABEL_SPLIT.split(found.group("domain"))
        if " " not in tail or (
            found.group("tld").lower() in _TLD_SET
            and all(any(c.isalpha() for c in label) for label in labels)
        ):
            yield found.start(), found.end(), EMAIL
            pos = found.end()
        else:
            pos = found.start() + 1


def _blocked(text: str, masks: list[_Mask]) -> str:
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
    groups = [(m.start(), m.end()) for m in _GROUPS.finditer(run)]
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
