"""What is left to translate in the window's ``.ts`` files, and the checks the tests make of them.

``python -m tests.i18n_status resources/i18n`` (the last step of ``make translations``) lists,
for each ``aurion_<lang>.ts``, every entry unfinished, obsolete, empty, or whose translation
lost a ``{field}``, a ``%n`` or its ``&`` shortcut; it exits 1 when there is any.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

#: Plural forms Qt expects for each language (Qt's numerus rules: French singular 0 and 1).
NUMERUS_FORMS = {"en": 2, "fr": 2}
_FIELD = re.compile(r"\{(\w*)\}")
_PERCENT_N = re.compile(r"%L?n")


@dataclass(frozen=True)
class Entry:
    """One message of a ``.ts`` file."""

    context: str
    source: str
    comment: str
    numerus: bool
    kind: str  # "" (finished), "unfinished", "obsolete" or "vanished"
    translations: tuple[str, ...]  # one, or one per plural form

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    def where(self) -> str:
        return f"[{self.context}] {self.source!r}"


def read_ts(path: Path) -> list[Entry]:
    """Every message of the ``.ts`` file at ``path``."""
    root = ET.parse(path).getroot()
    entries = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            forms: tuple[str, ...] = ()
            if translation is not None:
                numerus_forms = translation.findall("numerusform")
                if numerus_forms:
                    forms = tuple(f.text or "" for f in numerus_forms)
                else:
                    forms = (translation.text or "",)
            entries.append(
                Entry(
                    context=name,
                    source=message.findtext("source") or "",
                    comment=message.findtext("comment") or "",
                    numerus=message.get("numerus") == "yes",
                    kind=kind,
                    translations=forms,
                )
            )
    return entries


def language_of(path: Path) -> str:
    """``fr`` for ``aurion_fr.ts``."""
    return path.stem.rsplit("_", 1)[-1]


def _mnemonics(text: str) -> int:
    return len(re.findall(r"&(?!&)\S", text.replace("&&", "")))


def problems(path: Path) -> list[str]:
    """Every entry of ``path`` that is not a finished, faithful translation, one line each."""
    language = language_of(path)
    found = []
    for entry in read_ts(path):
        if entry.kind in ("obsolete", "vanished"):
            found.append(f"obsolete (no longer in the code): {entry.where()}")
            continue
        if entry.kind == "unfinished" or not any(t.strip() for t in entry.translations):
            found.append(f"unfinished: {entry.where()}")
            continue
        if entry.numerus:
            wanted = NUMERUS_FORMS.get(language, 2)
            if len(entry.translations) != wanted or not all(t.strip() for t in entry.translations):
                found.append(f"needs {wanted} plural forms: {entry.where()}")
                continue
        fields = sorted(_FIELD.findall(entry.source))
        for translation in entry.translations:
            if sorted(_FIELD.findall(translation)) != fields:
                found.append(f"fields {fields} differ in {translation!r}: {entry.where()}")
            if entry.numerus and not _PERCENT_N.search(translation):
                found.append(f"no %n in {translation!r}: {entry.where()}")
            if _mnemonics(entry.source) != _mnemonics(translation):
                found.append(f"& shortcut lost in {translation!r}: {entry.where()}")
    return found


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "resources/i18n")
    total = 0
    for path in sorted(folder.glob("aurion_*.ts")):
        found = problems(path)
        total += len(found)
        print(f"{path}: {len(read_ts(path))} messages, {len(found)} to do")
        for line in found:
            print(f"  {line}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
