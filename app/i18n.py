"""Text the window shows translated, marked here without Qt (the core never imports it).

``QT_TRANSLATE_NOOP(context, text)`` returns ``text`` unchanged; its name is what
``pyside6-lupdate`` looks for, so the marked English goes into ``resources/i18n/*.ts`` and the
window translates it when it shows it (``ui.i18n``). ``Text`` keeps a message's template and
its fields apart, so that the window can translate the template and put the fields back in;
``str()`` of either is the English the CLI prints.
"""

from __future__ import annotations

from collections.abc import Mapping

#: The translation context of every error title and message marked in the core; lupdate
#: needs it written out as a literal in each QT_TRANSLATE_NOOP("AurionError", ...).
ERRORS = "AurionError"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation under ``context``; returns it unchanged."""
    return text


class Text:
    """An English message with named fields (``{name}``), translatable as a whole later.

    Fields are shown as they are, but for whole numbers (``1,200`` in English; the window
    writes them as its locale does) and ``Text`` fields (translated in turn).
    """

    __slots__ = ("fields", "template")

    def __init__(self, template: str, /, **fields: object) -> None:
        self.template = template
        self.fields: Mapping[str, object] = fields

    def __str__(self) -> str:
        if not self.fields:
            return self.template
        shown = {
            name: f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value
            for name, value in self.fields.items()
        }
        return self.template.format(**shown)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Text({self.template!r}, **{dict(self.fields)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return (self.template, dict(self.fields)) == (other.template, dict(other.fields))

    def __hash__(self) -> int:
        return hash(self.template)
