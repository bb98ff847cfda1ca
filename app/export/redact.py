"""Masks phone numbers and e-mail addresses, keeping just enough to recognise them."""

from __future__ import annotations

import re

#: Recorded in export manifests: files redacted under other rules are redacted again.
RULES_VERSION = "1"

_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)")
# A phone number: optional +, then digits with spaces, dots, dashes or brackets; 9-15 digits.
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{7,}\d(?!\w)")
_TWO_DIGIT_CODES = 2  # most country codes here (+33, +44); +1 and +7 have one digit


def mask_phone(number: str) -> str:
    """``+33612345678`` -> ``+33 6** *** *78``: country code, first and last two digits kept."""
    digits = re.sub(r"\D", "", number)
    if not 9 <= len(digits) <= 15:
        return number
    if number.lstrip().startswith("+"):
        cc_len = 1 if digits[0] in "17" else _TWO_DIGIT_CODES
        cc, rest = digits[:cc_len], digits[cc_len:]
        prefix = f"+{cc} "
    else:
        prefix, rest = "", digits
    masked = rest[0] + "*" * (len(rest) - 3) + rest[-2:]
    groups: list[str] = []
    while masked:  # groups of three from the right
        groups.insert(0, masked[-3:])
        masked = masked[:-3]
    return prefix + " ".join(groups)


def mask_email(match: re.Match[str]) -> str:
    return f"{match.group(1)}***@{match.group(2)}"


def redact_text(text: str) -> str:
    """Mask every e-mail address and phone number in ``text``."""
    text = _EMAIL.sub(mask_email, text)
    return _PHONE.sub(lambda m: mask_phone(m.group(0)), text)
