"""The review workspace over a library: notes, scorecards, each call's review status, their
export and import between reviewers, and calibration (two reviewers' scorecards compared).

Every change is one transaction of the library with its audit entry written inside it: when
the entry cannot be written, the change is rolled back, so the trail misses no change.

Decisions (the README's "For compliance auditors" says the same):

- A **note** is anchored to a call and a moment (seconds, optionally a transcript segment),
  with text and tags. Editing keeps its id; deleting keeps only its id (its text and tags go,
  the audit entry keeps their SHA-256), so that importing the same file again does not bring
  it back.
- A **scorecard** is a draft until submitted; a call has at most one draft per template made
  here (saving again changes it). A **submitted** scorecard never changes: ``revise`` makes a
  new draft from it that ``supersedes`` it.
- A call's **review status** is derived from its records, whoever made them: *reviewed* with
  a submitted scorecard, *in review* with a draft or a note, else *unreviewed*. The library
  keeps it as a column of its calls (filtered and sorted like the others).
- **Import** takes another reviewer's export, checked strictly (nothing is imported when an
  item is wrong, each problem named); every note and scorecard has a UUID given at creation,
  so importing twice adds nothing, an imported item is only ever updated by a later version
  of itself (a note edited, a draft submitted since), and never overwrites what was made here.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import os
import stat
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

import orjson

from app.errors import AurionError, LibraryError
from app.i18n import QT_TRANSLATE_NOOP
from app.library import repository as repo
from app.library.library import Library
from app.models import format_timestamp, parse_timestamp
from app.review import audit as events
from app.review.audit import AuditLog
from app.review.identity import Reviewer
from app.review.scorecard import (
    Answer,
    Template,
    TemplateError,
    score,
    template_data,
    template_from_data,
)
from app.sanitize import printable
from app.storage import atomic_write_bytes

#: The ``format`` of a review export file.
REVIEW_FORMAT = "aurion-call-review/review-v1"
REVIEW_STATUSES = repo.REVIEW_STATUSES
UNREVIEWED, IN_REVIEW, REVIEWED = REVIEW_STATUSES
DRAFT, SUBMITTED = "draft", "submitted"

#: Bounds of what a note or scorecard may hold (a file to import is held to them too).
MAX_TEXT = 10_000  # characters of a note, or of an answer's comment
MAX_TAGS = 20
MAX_TAG = 60
MAX_EVIDENCE = 50  # moments an answer points to
MAX_OFFSET = 7 * 24 * 3600.0  # seconds into a call
MAX_CALL_ID = 1000
MAX_NAME = 200
MAX_EMAIL = 320
#: Bounds of a file to import.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_ITEMS = 100_000
#: Problems of a file listed before "and N more".
SHOWN_PROBLEMS = 20
#: Call ids named by one audit entry of an import or export (more: more entries).
AUDIT_IDS = 500


class ReviewError(AurionError):
    """A note or scorecard that cannot be saved, changed or found; the message says why."""

    title = QT_TRANSLATE_NOOP("AurionError", "Review")


class ReviewFileError(ReviewError):
    """A review export that cannot be written, or a file that cannot be read as one
    (missing, not JSON, another format)."""


class ReviewImportError(ReviewError):
    """A review export with invalid items: nothing was imported; ``problems`` names each."""

    def __init__(self, source: str, problems: list[str]) -> None:
        shown = problems[:SHOWN_PROBLEMS]
        more = len(problems) - len(shown)
        tail = [f"… and {more:,} more"] if more else []
        super().__init__(f"{source} was not imported:\n" + "\n".join([*shown, *tail]))
        self.problems = problems


class _CheckError(ValueError):
    """One value that fails its check (the message says how, without saying where)."""


# -- records -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where an imported note or scorecard came from (None on those made here)."""

    file: str
    imported_at: datetime
    imported_by: Reviewer

    def as_json(self) -> dict[str, Any]:
        return {
            "imported_from": self.file,
            "imported_at": format_timestamp(self.imported_at),
            "imported_by": self.imported_by.as_json(),
        }

    @classmethod
    def from_row(cls, data: Mapping[str, Any] | None) -> Origin | None:
        if data is None:
            return None
        who = data.get("imported_by") or {}
        return cls(
            str(data.get("imported_from", "")),
            parse_timestamp(str(data["imported_at"])),
            Reviewer(str(who.get("name", "")), str(who.get("email", ""))),
        )


def _time(ms: int) -> datetime:
    return repo.from_ms(ms)


def _stamp(ms: int | None) -> str | None:
    return None if ms is None else format_timestamp(repo.from_ms(ms))


@dataclass(frozen=True)
class Note:
    """A reviewer's note on a moment of a call."""

    id: str
    call_id: str
    #: Seconds into the call.
    offset: float
    #: The transcript segment it is about (its index), if any.
    segment: int | None
    text: str
    tags: tuple[str, ...]
    reviewer: Reviewer
    created_at: datetime
    updated_at: datetime
    origin: Origin | None = None

    @property
    def imported(self) -> bool:
        return self.origin is not None

    @classmethod
    def from_row(cls, row: repo.NoteRow) -> Note:
        return cls(
            row.id,
            row.call_id,
            row.offset_seconds,
            row.segment_index,
            row.text,
            row.tags,
            Reviewer(row.reviewer_name, row.reviewer_email),
            _time(row.created_ms),
            _time(row.updated_ms),
            Origin.from_row(row.origin),
        )

    def as_json(self) -> dict[str, Any]:
        """The note as exports and evidence packs carry it."""
        return {
            "id": self.id,
            "call_id": self.call_id,
            "offset": self.offset,
            "segment": self.segment,
            "text": self.text,
            "tags": list(self.tags),
            "reviewer": self.reviewer.as_json(),
            "created_at": format_timestamp(self.created_at),
            "updated_at": format_timestamp(self.updated_at),
            "origin": self.origin.as_json() if self.origin else None,
        }


@dataclass(frozen=True)
class Scorecard:
    """A scorecard of a call: a template's criteria answered, and the scores they make."""

    id: str
    call_id: str
    #: The template's ``id@version``.
    template_key: str
    template_title: str
    answers: tuple[Answer, ...]
    status: str  # DRAFT or SUBMITTED
    quality: float | None
    compliance: float | None
    #: Fatal criteria failed (the quality score is then 0).
    fatal: tuple[str, ...]
    reviewer: Reviewer
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None = None
    #: The submitted scorecard this one revises.
    supersedes: str | None = None
    origin: Origin | None = None

    @property
    def submitted(self) -> bool:
        return self.status == SUBMITTED

    @property
    def imported(self) -> bool:
        return self.origin is not None

    def answer(self, criterion_id: str) -> Answer | None:
        return next((a for a in self.answers if a.criterion_id == criterion_id), None)

    @classmethod
    def from_row(cls, row: repo.CardRow) -> Scorecard:
        answers = tuple(
            Answer(
                str(a["criterion_id"]),
                a["value"],
                tuple(float(t) for t in a.get("evidence", ())),
                str(a.get("comment", "")),
            )
            for a in row.answers
        )
        return cls(
            row.id,
            row.call_id,
            row.template_key,
            row.template_title,
            answers,
            row.status,
            row.quality,
            row.compliance,
            row.fatal,
            Reviewer(row.reviewer_name, row.reviewer_email),
            _time(row.created_ms),
            _time(row.updated_ms),
            _time(row.submitted_ms) if row.submitted_ms is not None else None,
            row.supersedes,
            Origin.from_row(row.origin),
        )

    def as_json(self, template: Template | None = None) -> dict[str, Any]:
        """The scorecard as exports and evidence packs carry it (each answer with its
        question when the template is given)."""

        def answer(a: Answer) -> dict[str, Any]:
            out: dict[str, Any] = {"criterion_id": a.criterion_id}
            criterion = template.criterion(a.criterion_id) if template else None
            if criterion is not None:
                out["question"] = criterion.question
            out.update(value=a.value, evidence=list(a.evidence), comment=a.comment)
            return out

        return {
            "id": self.id,
            "call_id": self.call_id,
            "template": self.template_key,
            "template_title": self.template_title,
            "status": self.status,
            "quality": self.quality,
            "compliance": self.compliance,
            "fatal": list(self.fatal),
            "answers": [answer(a) for a in self.answers],
            "reviewer": self.reviewer.as_json(),
            "created_at": format_timestamp(self.created_at),
            "updated_at": format_timestamp(self.updated_at),
            "submitted_at": format_timestamp(self.submitted_at) if self.submitted_at else None,
            "supersedes": self.supersedes,
            "origin": self.origin.as_json() if self.origin else None,
        }


def _answer_json(a: Answer) -> dict[str, Any]:
    return {
        "criterion_id": a.criterion_id,
        "value": a.value,
        "evidence": list(a.evidence),
        "comment": a.comment,
    }


# -- calibration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionComparison:
    """One criterion as two reviewers answered it (None: not answered)."""

    criterion_id: str
    section: str
    question: str
    first: str | int | None
    second: str | int | None

    @property
    def agree(self) -> bool | None:
        """Whether the answers are the same; None when one of them is missing."""
        if self.first is None or self.second is None:
            return None
        return self.first == self.second


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(b - a, 2)


@dataclass(frozen=True)
class Calibration:
    """Two scorecards of one call and template compared criterion by criterion."""

    template: Template
    first: Scorecard
    second: Scorecard
    criteria: tuple[CriterionComparison, ...]

    @property
    def call_id(self) -> str:
        return self.first.call_id

    @property
    def compared(self) -> int:
        """Criteria both answered."""
        return sum(1 for c in self.criteria if c.agree is not None)

    @property
    def agreed(self) -> int:
        return sum(1 for c in self.criteria if c.agree)

    @property
    def agreement(self) -> float | None:
        """The share of criteria both answered on which they agree, in percent."""
        return round(100.0 * self.agreed / self.compared, 1) if self.compared else None

    def as_json(self) -> dict[str, Any]:
        def who(card: Scorecard) -> dict[str, Any]:
            return {
                "scorecard": card.id,
                "reviewer": card.reviewer.as_json(),
                "status": card.status,
                "submitted_at": format_timestamp(card.submitted_at) if card.submitted_at else None,
                "quality": card.quality,
                "compliance": card.compliance,
                "imported_from": card.origin.file if card.origin else None,
            }

        return {
            "call_id": self.call_id,
            "template": self.template.key,
            "template_title": self.template.title,
            "a": who(self.first),
            "b": who(self.second),
            "criteria": [
                {
                    "criterion_id": c.criterion_id,
                    "section": c.section,
                    "question": c.question,
                    "a": c.first,
                    "b": c.second,
                    "agree": c.agree,
                }
                for c in self.criteria
            ],
            "agreed": self.agreed,
            "compared": self.compared,
            "agreement_percent": self.agreement,
            "quality_difference": _difference(self.first.quality, self.second.quality),
            "compliance_difference": _difference(self.first.compliance, self.second.compliance),
        }


def calibrate(template: Template, first: Scorecard, second: Scorecard) -> Calibration:
    """Compare two scorecards of ``template``, criterion by criterion in template order."""
    rows = []
    for section in template.sections:
        for criterion in section.criteria:
            a, b = first.answer(criterion.id), second.answer(criterion.id)
            rows.append(
                CriterionComparison(
                    criterion.id,
                    section.title,
                    criterion.question,
                    a.value if a else None,
                    b.value if b else None,
                )
            )
    return Calibration(template, first, second, tuple(rows))


def _reviewer_key(reviewer: Reviewer) -> str:
    return reviewer.email.strip().lower() or reviewer.name.strip().casefold()


# -- checks --------------------------------------------------------------------------------


def _shown(text: str) -> bool:
    """Text shown as it is: no control, bidi or invisible character (see ``printable``)."""
    return printable(text) == text


def _check_text(value: Any, limit: int, *, empty: bool, lines: bool) -> str:
    if not isinstance(value, str):
        raise _CheckError("must be text")
    text = value.replace("\r\n", "\n").strip() if lines else value.strip()
    if not text and not empty:
        raise _CheckError("must not be empty")
    if len(text) > limit:
        raise _CheckError(f"is longer than {limit:,} characters")
    plain = text.replace("\n", " ").replace("\t", " ") if lines else text
    if not _shown(plain):
        raise _CheckError("holds control or invisible characters")
    return text


def _check_tags(values: Any) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise _CheckError("must be a list of tags")
    tags: dict[str, str] = {}
    for value in values:
        if not isinstance(value, str):
            raise _CheckError("must be a list of tags (text)")
        tag = " ".join(value.split())
        if not tag:
            continue
        if len(tag) > MAX_TAG or not _shown(tag):
            raise _CheckError(f"{printable(tag, 40)!r} is not a tag (at most {MAX_TAG} characters)")
        tags.setdefault(tag.casefold(), tag)
    if len(tags) > MAX_TAGS:
        raise _CheckError(f"more than {MAX_TAGS} tags")
    return tuple(tags.values())


def _check_seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _CheckError("must be a number of seconds")
    if not 0 <= value <= MAX_OFFSET:
        raise _CheckError(f"must be between 0 and {MAX_OFFSET:,.0f} seconds")
    return round(float(value), 3)


def _check_segment(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < repo.MAX_SEGMENTS:
        raise _CheckError(f"must be a segment index from 0 to {repo.MAX_SEGMENTS - 1}, or null")
    return value


def _check_call_id(value: Any) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_CALL_ID:
        raise _CheckError(f"must be a call id (1 to {MAX_CALL_ID} characters)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _CheckError("is not valid text") from None
    return value


def _check_answers(template: Template, answers: Iterable[Answer]) -> tuple[Answer, ...]:
    """Answers checked against ``template`` and bounded, in the template's order."""
    given: dict[str, Answer] = {}
    for answer in answers:
        criterion = template.criterion(answer.criterion_id)
        name = printable(str(answer.criterion_id), 60)
        if criterion is None:
            raise _CheckError(f"{name}: no such criterion in {template.key}")
        if answer.criterion_id in given:
            raise _CheckError(f"{name} is answered twice")
        if not criterion.allows(answer.value):
            raise _CheckError(
                f"{name}: {printable(repr(answer.value), 40)} is not an answer it allows"
            )
        evidence = tuple(answer.evidence)
        if len(evidence) > MAX_EVIDENCE:
            raise _CheckError(f"{name}: more than {MAX_EVIDENCE} moments as evidence")
        try:
            moments = tuple(_check_seconds(t) for t in evidence)
            comment = _check_text(answer.comment, MAX_TEXT, empty=True, lines=True)
        except _CheckError as exc:
            raise _CheckError(f"{name}: {exc}") from None
        given[answer.criterion_id] = Answer(answer.criterion_id, answer.value, moments, comment)
    return tuple(given[c.id] for c in template.criteria if c.id in given)


def _check_reviewer(value: Any) -> Reviewer:
    if not isinstance(value, Mapping) or set(value) - {"name", "email"}:
        raise _CheckError('must be {"name": ..., "email": ...}')
    name = _check_text(value.get("name"), MAX_NAME, empty=False, lines=False)
    email = _check_text(value.get("email", ""), MAX_EMAIL, empty=True, lines=False)
    return Reviewer(name, email)


def _check_stamp(value: Any) -> int:
    if not isinstance(value, str) or len(value) > 40:
        raise _CheckError("must be a UTC timestamp")
    try:
        return repo.to_ms(parse_timestamp(value))
    except (ValueError, OverflowError):
        raise _CheckError("must be a UTC timestamp") from None


def _check_id(value: Any) -> str:
    try:
        canonical = str(uuid.UUID(value)) if isinstance(value, str) else ""
    except ValueError:
        canonical = ""
    if not canonical or canonical != value:
        raise _CheckError("must be a UUID written in lower case with hyphens")
    return canonical


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _text(value: Any) -> str:
    return orjson.dumps(value).decode()


def _reviewed(value: Any, path: str) -> str:
    """An item's label for a problem: its place and, when readable, its id."""
    item_id = value.get("id") if isinstance(value, Mapping) else None
    return f"{path} ({printable(item_id, 40)})" if isinstance(item_id, str) else path


# -- the store -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    file: str
    sha256: str
    reviewers: tuple[Reviewer, ...]
    notes_added: int
    notes_updated: int
    notes_known: int
    scorecards_added: int
    scorecards_updated: int
    scorecards_known: int
    call_ids: tuple[str, ...]


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    path: Path
    sha256: str
    notes: int
    scorecards: int
    call_ids: tuple[str, ...]


@dataclass
class _Parsed:
    notes: list[repo.NoteRow] = field(default_factory=list)
    cards: list[repo.CardRow] = field(default_factory=list)
    templates: dict[str, Template] = field(default_factory=dict)
    reviewers: dict[str, Reviewer] = field(default_factory=dict)


_KEEP: Any = object()


class ReviewStore:
    """Notes, scorecards and review status of a library's calls (any call id: a call seen
    on the API only may be reviewed too); reads on the library's reader thread, changes on
    its writer, each with its audit entry. Listeners of the library are told which calls'
    records changed (``Library.subscribe``).

    Satisfies ``app.review.pack.ReviewRecords`` (``notes_json``, ``scorecards_json``).
    """

    def __init__(
        self,
        library: Library,
        trail: AuditLog,
        *,
        source: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.library = library
        self.trail = trail
        #: What audit entries name as their source (the account's API, or the library).
        self.source = source or f"library {library.path}"
        self._clock = clock

    @property
    def reviewer(self) -> Reviewer:
        """Who is reviewing: the audit trail's reviewer (set it there to change both)."""
        return self.trail.reviewer

    def _now_ms(self) -> int:
        return repo.to_ms(self._clock())

    def _audit(
        self, event: str, call_id: str | None, data: Mapping[str, Any]
    ) -> Callable[[], None]:
        def append() -> None:
            self.trail.append(event, call_id=call_id, source=self.source, data=data)

        return append

    async def _write(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return await self.library.writer.run(fn, *args)
        except LibraryError as exc:
            raise ReviewError(str(exc)) from None

    # -- notes -----------------------------------------------------------------------------

    async def add_note(
        self,
        call_id: str,
        offset: float,
        text: str,
        *,
        tags: Iterable[str] = (),
        segment: int | None = None,
    ) -> Note:
        """Add a note at ``offset`` seconds into the call (about transcript ``segment``)."""
        try:
            row = repo.NoteRow(
                id=str(uuid.uuid4()),
                call_id=_check_call_id(call_id),
                offset_seconds=_check_seconds(offset),
                segment_index=_check_segment(segment),
                text=_check_text(text, MAX_TEXT, empty=False, lines=True),
                tags=_check_tags(tags),
                reviewer_name=self.reviewer.name,
                reviewer_email=self.reviewer.email,
                created_ms=(now := self._now_ms()),
                updated_ms=now,
            )
        except _CheckError as exc:
            raise ReviewError(f"The note {exc}.") from None
        data = {
            "note_id": row.id,
            "offset": row.offset_seconds,
            "segment": row.segment_index,
            "tags_sha256": _sha256(_text(list(row.tags))),
            "text_sha256": _sha256(row.text),
            "text_length": len(row.text),
        }
        await self._write(repo.insert_note, row, self._audit(events.NOTE_ADDED, call_id, data))
        self.library.notify([call_id])
        return Note.from_row(row)

    async def edit_note(
        self,
        note_id: str,
        *,
        text: str | None = None,
        tags: Iterable[str] | None = None,
        offset: float | None = None,
        segment: int | None = _KEEP,
    ) -> Note:
        """Change a note made here; what is not given stays. Imported notes are their
        reviewer's: they cannot be changed here (they can be deleted)."""
        note = await self._note_row(note_id)
        if note.origin is not None:
            raise ReviewError(
                f"This note is {note.reviewer_name}'s, imported: it cannot be changed here."
            )
        try:
            changed = replace(
                note,
                offset_seconds=note.offset_seconds if offset is None else _check_seconds(offset),
                segment_index=note.segment_index if segment is _KEEP else _check_segment(segment),
                text=note.text
                if text is None
                else _check_text(text, MAX_TEXT, empty=False, lines=True),
                tags=note.tags if tags is None else _check_tags(tags),
                updated_ms=self._now_ms(),
            )
        except _CheckError as exc:
            raise ReviewError(f"The note {exc}.") from None
        what = [
            name
            for name, before, after in (
                ("offset", note.offset_seconds, changed.offset_seconds),
                ("segment", note.segment_index, changed.segment_index),
                ("text", note.text, changed.text),
                ("tags", note.tags, changed.tags),
            )
            if before != after
        ]
        if not what:
            return Note.from_row(note)
        data = {
            "note_id": note.id,
            "changed": what,
            "offset": changed.offset_seconds,
            "segment": changed.segment_index,
            "tags_sha256": _sha256(_text(list(changed.tags))),
            "text_sha256": _sha256(changed.text),
            "text_length": len(changed.text),
        }
        done = await self._write(
            repo.update_note, changed, self._audit(events.NOTE_CHANGED, note.call_id, data)
        )
        if not done:
            raise ReviewError("This note was deleted meanwhile.")
        self.library.notify([note.call_id])
        return Note.from_row(changed)

    async def delete_note(self, note_id: str) -> None:
        """Delete a note (made here or imported): its text and tags are gone for good."""
        note = await self._note_row(note_id)
        data = {"note_id": note.id, "text_sha256": _sha256(note.text)}
        done = await self._write(
            repo.delete_note,
            note.id,
            self._now_ms(),
            self._audit(events.NOTE_DELETED, note.call_id, data),
        )
        if not done:
            raise ReviewError("This note was deleted meanwhile.")
        self.library.notify([note.call_id])

    async def _note_row(self, note_id: str) -> repo.NoteRow:
        row = await self.library.reader.run(repo.get_note, note_id)
        if row is None or row.deleted_ms is not None:
            raise ReviewError(f"There is no note {printable(note_id, 60)} (deleted?).")
        return row

    async def note(self, note_id: str) -> Note | None:
        row = await self.library.reader.run(repo.get_note, note_id)
        return None if row is None or row.deleted_ms is not None else Note.from_row(row)

    async def notes(self, call_id: str) -> list[Note]:
        """A call's notes, in the order of the call (every reviewer's)."""
        return [Note.from_row(r) for r in await self.library.reader.run(repo.call_notes, call_id)]

    # -- templates -------------------------------------------------------------------------

    async def add_template(self, template: Template) -> None:
        """Keep a template in the library (a user's own, loaded from its file), so that it is
        at hand with ``templates()``; refused when another one has its id and version."""
        row = repo.TemplateRow(template.key, template.title, template_data(template))
        await self._write(repo.add_template, row, self._now_ms())

    async def templates(self) -> list[Template]:
        """The templates kept in the library: added, or used by a scorecard."""
        rows = await self.library.reader.run(repo.list_templates)
        return [self._template(r) for r in rows]

    async def template(self, key: str) -> Template | None:
        row = await self.library.reader.run(repo.get_template, key)
        return None if row is None else self._template(row)

    @staticmethod
    def _template(row: repo.TemplateRow) -> Template:
        return template_from_data(row.definition, f"(library) {row.key}")

    # -- scorecards ------------------------------------------------------------------------

    async def save_scorecard(
        self, call_id: str, template: Template, answers: Iterable[Answer]
    ) -> Scorecard:
        """Save the draft scorecard of this call and template made here (made at the first
        save, changed at the next ones) with its scores; answers may be partial. A draft
        made after a submitted scorecard of this call and template made here revises it
        (``supersedes``): a submitted scorecard itself never changes."""
        try:
            call_id = _check_call_id(call_id)
            checked = _check_answers(template, answers)
        except _CheckError as exc:
            raise ReviewError(f"The scorecard cannot be saved: {exc}.") from None
        scores = score(template, checked)
        draft, submitted = await self._local(call_id, template.key)
        now = self._now_ms()
        template_row = repo.TemplateRow(template.key, template.title, template_data(template))
        if draft is None:
            row = repo.CardRow(
                id=str(uuid.uuid4()),
                call_id=call_id,
                template_key=template.key,
                template_title=template.title,
                answers=tuple(_answer_json(a) for a in checked),
                status=DRAFT,
                quality=scores.quality,
                compliance=scores.compliance,
                fatal=scores.fatal,
                reviewer_name=self.reviewer.name,
                reviewer_email=self.reviewer.email,
                created_ms=now,
                updated_ms=now,
                supersedes=submitted.id if submitted else None,
            )
            data = self._card_audit(row, answered=len(checked))
            await self._write(
                repo.insert_card,
                row,
                template_row,
                self._audit(events.SCORECARD_SAVED, call_id, data),
            )
        else:
            row = replace(
                draft,
                answers=tuple(_answer_json(a) for a in checked),
                quality=scores.quality,
                compliance=scores.compliance,
                fatal=scores.fatal,
                updated_ms=now,
            )
            data = self._card_audit(row, answered=len(checked))
            done = await self._write(
                repo.update_draft,
                row,
                template_row,
                self._audit(events.SCORECARD_SAVED, call_id, data),
            )
            if not done:
                raise ReviewError("This draft was submitted or discarded meanwhile.")
        self.library.notify([call_id])
        return Scorecard.from_row(row)

    async def submit_scorecard(self, card_id: str) -> Scorecard:
        """Submit a draft made here: every criterion must be answered. It never changes
        after (``revise_scorecard`` makes a new draft from it)."""
        card = await self._card_row(card_id)
        if card.status != DRAFT or card.origin is not None:
            raise ReviewError("Only a draft made here can be submitted.")
        template = await self.template(card.template_key)
        if template is None:
            raise ReviewError(f"The template {card.template_key} is not in the library.")
        scores = score(template, Scorecard.from_row(card).answers)
        if scores.unanswered:
            raise ReviewError(
                f"{len(scores.unanswered)} criteria are not answered yet: "
                + ", ".join(scores.unanswered)
            )
        now = self._now_ms()
        digest = hashlib.sha256(orjson.dumps(list(card.answers))).hexdigest()
        data = {**self._card_audit(card), "status": SUBMITTED, "answers_sha256": digest}
        done = await self._write(
            repo.submit_draft,
            card.id,
            now,
            self._audit(events.SCORECARD_SUBMITTED, card.call_id, data),
        )
        if not done:
            raise ReviewError("This draft was submitted or discarded meanwhile.")
        self.library.notify([card.call_id])
        submitted = await self.library.reader.run(repo.get_card, card.id)
        assert submitted is not None
        return Scorecard.from_row(submitted)

    async def revise_scorecard(self, card_id: str) -> Scorecard:
        """A new draft made from a submitted scorecard made here, which it supersedes."""
        card = await self._card_row(card_id)
        if card.status != SUBMITTED or card.origin is not None:
            raise ReviewError("Only a submitted scorecard made here can be revised.")
        if (await self._local(card.call_id, card.template_key))[0] is not None:
            raise ReviewError(
                "This call already has a draft of this scorecard: submit or discard it first."
            )
        template = await self.template(card.template_key)
        if template is None:
            raise ReviewError(f"The template {card.template_key} is not in the library.")
        now = self._now_ms()
        row = replace(
            card,
            id=str(uuid.uuid4()),
            status=DRAFT,
            reviewer_name=self.reviewer.name,
            reviewer_email=self.reviewer.email,
            created_ms=now,
            updated_ms=now,
            submitted_ms=None,
            supersedes=card.id,
        )
        data = {**self._card_audit(row, answered=len(row.answers)), "revises": card.id}
        template_row = repo.TemplateRow(template.key, template.title, template_data(template))
        await self._write(
            repo.insert_card,
            row,
            template_row,
            self._audit(events.SCORECARD_SAVED, card.call_id, data),
        )
        self.library.notify([card.call_id])
        return Scorecard.from_row(row)

    async def discard_draft(self, card_id: str) -> None:
        """Discard a draft made here."""
        card = await self._card_row(card_id)
        if card.status != DRAFT or card.origin is not None:
            raise ReviewError("Only a draft made here can be discarded.")
        data = self._card_audit(card)
        done = await self._write(
            repo.delete_draft, card.id, self._audit(events.SCORECARD_DISCARDED, card.call_id, data)
        )
        if not done:
            raise ReviewError("This draft was submitted or discarded meanwhile.")
        self.library.notify([card.call_id])

    def _card_audit(self, card: repo.CardRow, answered: int | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "scorecard_id": card.id,
            "template": card.template_key,
            "status": card.status,
            "quality": card.quality,
            "compliance": card.compliance,
            "fatal": list(card.fatal),
        }
        if answered is not None:
            data["answered"] = answered
        return data

    async def _card_row(self, card_id: str) -> repo.CardRow:
        row = await self.library.reader.run(repo.get_card, card_id)
        if row is None:
            raise ReviewError(f"There is no scorecard {printable(card_id, 60)}.")
        return row

    async def _local(
        self, call_id: str, template_key: str
    ) -> tuple[repo.CardRow | None, repo.CardRow | None]:
        """The draft of this call and template made here, and the last one submitted here."""
        rows = await self.library.reader.run(repo.call_cards, call_id)
        mine = [r for r in rows if r.template_key == template_key and r.origin is None]
        draft = next((r for r in mine if r.status == DRAFT), None)
        submitted = [r for r in mine if r.status == SUBMITTED]
        return draft, max(submitted, key=lambda r: (r.submitted_ms or 0, r.id), default=None)

    async def draft(self, call_id: str, template_key: str) -> Scorecard | None:
        """The draft of this call and template made here, if any."""
        row = (await self._local(call_id, template_key))[0]
        return None if row is None else Scorecard.from_row(row)

    async def scorecard(self, card_id: str) -> Scorecard | None:
        row = await self.library.reader.run(repo.get_card, card_id)
        return None if row is None else Scorecard.from_row(row)

    async def scorecards(self, call_id: str) -> list[Scorecard]:
        """A call's scorecards, oldest first (every reviewer's, drafts and submitted)."""
        rows = await self.library.reader.run(repo.call_cards, call_id)
        return [Scorecard.from_row(r) for r in rows]

    # -- review status ---------------------------------------------------------------------

    async def status(self, call_id: str) -> str:
        """UNREVIEWED, IN_REVIEW or REVIEWED."""
        return (await self.statuses([call_id]))[call_id]

    async def statuses(self, call_ids: Iterable[str]) -> dict[str, str]:
        """The review status of each call (for a page of the call table)."""
        numbers = await self.library.reader.run(repo.review_statuses, list(call_ids))
        return {call_id: REVIEW_STATUSES[n] for call_id, n in numbers.items()}

    async def status_counts(self) -> dict[str, int]:
        """How many of the library's calls have each review status."""
        counts = await self.library.reader.run(repo.count_by_review_status)
        return dict(zip(REVIEW_STATUSES, counts, strict=True))

    # -- what an evidence pack carries (``ReviewRecords``) ---------------------------------

    async def notes_json(self, call_id: str) -> list[dict[str, Any]]:
        return [n.as_json() for n in await self.notes(call_id)]

    async def scorecards_json(self, call_id: str) -> list[dict[str, Any]]:
        cards = await self.scorecards(call_id)
        templates = {k: await self.template(k) for k in {c.template_key for c in cards}}
        return [c.as_json(templates[c.template_key]) for c in cards]

    # -- export and import -----------------------------------------------------------------

    async def export_json(self, call_ids: Iterable[str] | None = None) -> dict[str, Any]:
        """Notes (not deleted) and scorecards of these calls (None: every call), and the
        templates of those scorecards, as ``import_json`` takes them."""
        ids = None if call_ids is None else list(dict.fromkeys(call_ids))
        notes, cards, templates = await self.library.reader.run(repo.review_records, ids)
        by_key = {t.key: self._template(t) for t in templates}
        return {
            "format": REVIEW_FORMAT,
            "exported_at": format_timestamp(self._clock()),
            "exported_by": self.reviewer.as_json(),
            "source": self.source,
            "templates": [{"key": t.key, "definition": template_data(t)} for t in by_key.values()],
            "notes": [Note.from_row(n).as_json() for n in notes],
            "scorecards": [
                Scorecard.from_row(c).as_json(by_key.get(c.template_key)) for c in cards
            ],
        }

    async def export_file(self, path: Path, call_ids: Iterable[str] | None = None) -> ExportReport:
        """Write ``export_json`` to ``path`` (whole or not at all), and audit it."""
        payload = await self.export_json(call_ids)
        data = orjson.dumps(payload, option=orjson.OPT_INDENT_2) + b"\n"
        try:
            await asyncio.to_thread(atomic_write_bytes, path, data)
        except OSError as exc:
            raise ReviewFileError(f"Cannot write {path}: {exc.strerror or exc}.") from None
        digest = hashlib.sha256(data).hexdigest()
        ids = sorted(
            {n["call_id"] for n in payload["notes"]} | {c["call_id"] for c in payload["scorecards"]}
        )
        report = ExportReport(
            path, digest, len(payload["notes"]), len(payload["scorecards"]), tuple(ids)
        )
        common = {
            "file": str(path),
            "sha256": digest,
            "notes": report.notes,
            "scorecards": report.scorecards,
        }
        await asyncio.to_thread(self._audit_calls, events.REVIEW_EXPORTED, common, ids)
        return report

    def _audit_calls(self, event: str, common: Mapping[str, Any], call_ids: Sequence[str]) -> None:
        """One entry naming these calls (a pack of any of them carries it); more entries
        when they are many, so that no line of the trail grows without bound."""
        chunks = [call_ids[i : i + AUDIT_IDS] for i in range(0, len(call_ids), AUDIT_IDS)] or [[]]
        for part, chunk in enumerate(chunks, 1):
            data = {**common, "call_ids": list(chunk)}
            if len(chunks) > 1:
                data["part"] = f"{part}/{len(chunks)}"
            self.trail.append(event, source=self.source, data=data)

    async def import_file(self, path: Path) -> ImportReport:
        """Import a review export file (``ReviewFileError`` when it is not one)."""
        raw = await asyncio.to_thread(_read_bounded, path)
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise ReviewFileError(f"{path} is not JSON ({exc}).") from None
        return await self.import_json(data, path.name, hashlib.sha256(raw).hexdigest())

    async def import_json(self, data: Any, name: str, sha256: str = "") -> ImportReport:
        """Import notes and scorecards (``export_json``'s shape) from another reviewer:
        checked strictly first (``ReviewImportError`` naming each problem: nothing is
        imported), then added in one transaction (see the module's docstring)."""
        if not isinstance(data, Mapping) or data.get("format") != REVIEW_FORMAT:
            raise ReviewFileError(f"{name} is not a review export (format {REVIEW_FORMAT}).")
        sha256 = sha256 or hashlib.sha256(orjson.dumps(data)).hexdigest()
        cards = data.get("scorecards")
        keys = {
            str(c["template"])
            for c in (cards if isinstance(cards, list) else [])
            if isinstance(c, Mapping) and isinstance(c.get("template"), str)
        }
        known = {k: t for k in keys if (t := await self.template(k)) is not None}
        now = self._now_ms()
        origin = Origin(name, _time(now), self.reviewer).as_json()
        parsed = await asyncio.to_thread(_parse_export, data, name, known, origin)
        rows = [
            repo.TemplateRow(t.key, t.title, template_data(t)) for t in parsed.templates.values()
        ]
        common = {
            "file": name,
            "sha256": sha256,
            "reviewers": [r.label for r in parsed.reviewers.values()],
        }

        def audit(done: repo.Imported) -> None:
            summary = {
                **common,
                "notes_added": done.notes_added,
                "notes_updated": done.notes_updated,
                "scorecards_added": done.cards_added,
                "scorecards_updated": done.cards_updated,
            }
            self._audit_calls(events.REVIEW_IMPORTED, summary, done.call_ids)

        done = await self._write(repo.import_review, parsed.notes, parsed.cards, rows, now, audit)
        self.library.notify(done.call_ids)
        return ImportReport(
            file=name,
            sha256=sha256,
            reviewers=tuple(parsed.reviewers.values()),
            notes_added=done.notes_added,
            notes_updated=done.notes_updated,
            notes_known=done.notes_known,
            scorecards_added=done.cards_added,
            scorecards_updated=done.cards_updated,
            scorecards_known=done.cards_known,
            call_ids=done.call_ids,
        )

    # -- calibration -----------------------------------------------------------------------

    async def compare(self, first_id: str, second_id: str) -> Calibration:
        """Two scorecards of one call and template, compared criterion by criterion."""
        first, second = await self._card_row(first_id), await self._card_row(second_id)
        if first.call_id != second.call_id or first.template_key != second.template_key:
            raise ReviewError("Only scorecards of the same call and template can be compared.")
        template = await self.template(first.template_key)
        if template is None:
            raise ReviewError(f"The template {first.template_key} is not in the library.")
        return calibrate(template, Scorecard.from_row(first), Scorecard.from_row(second))

    async def calibrations(
        self, call_id: str, template_key: str | None = None
    ) -> list[Calibration]:
        """Each pair of reviewers who submitted a scorecard of this call (of a template, or
        of each), their latest ones compared; the scorecard made here first."""
        cards = [c for c in await self.scorecards(call_id) if c.submitted]
        if template_key is not None:
            cards = [c for c in cards if c.template_key == template_key]
        out: list[Calibration] = []
        for key in sorted({c.template_key for c in cards}):
            latest: dict[str, Scorecard] = {}
            for card in sorted(
                (c for c in cards if c.template_key == key),
                key=lambda c: c.submitted_at or c.created_at,
            ):
                latest[_reviewer_key(card.reviewer)] = card
            if len(latest) < 2:
                continue
            template = await self.template(key)
            if template is None:
                continue
            ordered = sorted(
                latest.values(), key=lambda c: (c.imported, c.submitted_at or c.created_at)
            )
            out.extend(calibrate(template, a, b) for a, b in combinations(ordered, 2))
        return out


# -- reading an export ---------------------------------------------------------------------


def _read_bounded(path: Path) -> bytes:
    """A regular file's bytes, at most ``MAX_IMPORT_BYTES`` of them (a device, a pipe or a
    larger file is refused before it is read whole)."""
    try:
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ReviewFileError(f"{path} is not a file.")
            raw = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ReviewFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise ReviewFileError(
            f"{path} is larger than {MAX_IMPORT_BYTES >> 20} MiB: not a review export."
        )
    return raw


_TOP_KEYS = {"format", "exported_at", "exported_by", "source", "templates", "notes", "scorecards"}
_NOTE_KEYS = {"id", "call_id", "offset", "segment", "text", "tags", "reviewer", "created_at",
              "updated_at", "origin"}  # fmt: skip
_CARD_KEYS = {"id", "call_id", "template", "template_title", "status", "quality", "compliance",
              "fatal", "answers", "reviewer", "created_at", "updated_at", "submitted_at",
              "supersedes", "origin"}  # fmt: skip
_ANSWER_KEYS = {"criterion_id", "question", "value", "evidence", "comment"}


def _parse_export(
    data: Mapping[str, Any],
    name: str,
    known: Mapping[str, Template],
    origin: Mapping[str, Any],
) -> _Parsed:
    """Every item of an export checked; ``ReviewImportError`` listing what is wrong."""
    problems: list[str] = []
    out = _Parsed()

    def lists(key: str, required: bool) -> list[Any]:
        value = data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list):
            problems.append(f"{key}: must be a list")
            return []
        if len(value) > MAX_ITEMS:
            problems.append(f"{key}: more than {MAX_ITEMS:,} items")
            return []
        return value

    for extra in sorted(set(data) - _TOP_KEYS):
        problems.append(f"{printable(extra, 40)}: not a field of a review export")
    templates = lists("templates", required=False)
    notes = lists("notes", required=True)
    cards = lists("scorecards", required=True)
    if problems:
        raise ReviewImportError(name, problems)

    for i, item in enumerate(templates):
        where = f"templates[{i}]"
        if not isinstance(item, Mapping) or set(item) != {"key", "definition"}:
            problems.append(f'{where}: must be {{"key": ..., "definition": ...}}')
            continue
        try:
            template = template_from_data(item["definition"], where)
        except TemplateError as exc:
            problems.extend(exc.problems)
            continue
        if item["key"] != template.key:
            problems.append(f"{where}: its key is not its id@version ({template.key})")
        elif template.key in known and template_data(known[template.key]) != template_data(
            template
        ):
            problems.append(
                f"{where}: this library holds another template as {template.key}: a changed "
                "template needs a new version (or id)"
            )
        else:
            out.templates[template.key] = template

    for i, item in enumerate(notes):
        where = _reviewed(item, f"notes[{i}]")
        try:
            note = _note_of(item, origin)
        except _CheckError as exc:
            problems.append(f"{where}: {exc}")
            continue
        out.notes.append(note)
        reviewer = Reviewer(note.reviewer_name, note.reviewer_email)
        out.reviewers.setdefault(_reviewer_key(reviewer), reviewer)

    for i, item in enumerate(cards):
        where = _reviewed(item, f"scorecards[{i}]")
        try:
            card = _card_of(item, {**known, **out.templates}, origin)
        except _CheckError as exc:
            problems.append(f"{where}: {exc}")
            continue
        out.cards.append(card)
        reviewer = Reviewer(card.reviewer_name, card.reviewer_email)
        out.reviewers.setdefault(_reviewer_key(reviewer), reviewer)

    for kind, items in (("notes", out.notes), ("scorecards", out.cards)):
        seen: set[str] = set()
        for row in items:
            if row.id in seen:
                problems.append(f"{kind}: the id {row.id} is used twice")
            seen.add(row.id)
    if problems:
        raise ReviewImportError(name, problems)
    # Only the templates the scorecards use are kept (with the library's, if any).
    used = {c.template_key for c in out.cards}
    out.templates = {k: t for k, t in out.templates.items() if k in used}
    return out


def _field(item: Mapping[str, Any], key: str, check: Callable[[Any], Any]) -> Any:
    try:
        return check(item.get(key))
    except _CheckError as exc:
        raise _CheckError(f"{key} {exc}") from None


def _object(item: Any, keys: set[str], required: set[str]) -> Mapping[str, Any]:
    if not isinstance(item, Mapping):
        raise _CheckError("must be an object")
    extra = sorted(set(item) - keys)
    if extra:
        raise _CheckError(f"{printable(str(extra[0]), 40)} is not one of its fields")
    missing = sorted(required - set(item))
    if missing:
        raise _CheckError(f"{missing[0]} is missing")
    return item


def _origin(value: Any) -> None:
    if value is not None and not isinstance(value, Mapping):
        raise _CheckError("must be an object or null")


def _note_of(item: Any, origin: Mapping[str, Any]) -> repo.NoteRow:
    note = _object(item, _NOTE_KEYS, _NOTE_KEYS - {"segment", "tags", "updated_at", "origin"})
    _field(note, "origin", _origin)
    created = _field(note, "created_at", _check_stamp)
    updated = _field(note, "updated_at", _check_stamp) if "updated_at" in note else created
    if updated < created:
        raise _CheckError("updated_at is before created_at")
    reviewer = _field(note, "reviewer", _check_reviewer)
    return repo.NoteRow(
        id=_field(note, "id", _check_id),
        call_id=_field(note, "call_id", _check_call_id),
        offset_seconds=_field(note, "offset", _check_seconds),
        segment_index=_field(note, "segment", _check_segment),
        text=_field(note, "text", lambda v: _check_text(v, MAX_TEXT, empty=False, lines=True)),
        tags=_field(note, "tags", lambda v: _check_tags(v if v is not None else ())),
        reviewer_name=reviewer.name,
        reviewer_email=reviewer.email,
        created_ms=created,
        updated_ms=updated,
        origin=origin,
    )


def _answers_of(value: Any, template: Template) -> tuple[Answer, ...]:
    if not isinstance(value, list) or len(value) > len(template.criteria):
        raise _CheckError(f"must be a list of at most {len(template.criteria)} answers")
    answers = []
    for j, raw in enumerate(value):
        try:
            answer = _object(raw, _ANSWER_KEYS, {"criterion_id", "value"})
            criterion_id = answer["criterion_id"]
            if not isinstance(criterion_id, str):
                raise _CheckError("criterion_id must be text")
            evidence = answer.get("evidence", [])
            if not isinstance(evidence, list):
                raise _CheckError("evidence must be a list of seconds")
            question = answer.get("question", "")
            if not isinstance(question, str):
                raise _CheckError("question must be text")
            answers.append(
                Answer(criterion_id, answer["value"], tuple(evidence), answer.get("comment", ""))
            )
        except _CheckError as exc:
            raise _CheckError(f"answers[{j}]: {exc}") from None
    return _check_answers(template, answers)


def _close(a: Any, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return not isinstance(a, bool) and isinstance(a, int | float) and abs(a - b) < 0.01


def _card_of(
    item: Any, templates: Mapping[str, Template], origin: Mapping[str, Any]
) -> repo.CardRow:
    card = _object(
        item,
        _CARD_KEYS,
        {"id", "call_id", "template", "status", "answers", "reviewer", "created_at"},
    )
    _field(card, "origin", _origin)
    key = card["template"]
    template = templates.get(key) if isinstance(key, str) else None
    if template is None:
        raise _CheckError(
            f"its template {printable(str(key), 60)} is neither in the file nor in this library"
        )
    title = card.get("template_title", template.title)
    if title != template.title:
        raise _CheckError(f"template_title is not the title of {template.key}")
    status = card["status"]
    if status not in (DRAFT, SUBMITTED):
        raise _CheckError("status must be draft or submitted")
    answers = _field(card, "answers", lambda v: _answers_of(v, template))
    scores = score(template, answers)
    if status == SUBMITTED and scores.unanswered:
        raise _CheckError(
            f"it is submitted with criteria unanswered ({', '.join(scores.unanswered)})"
        )
    for name, computed in (("quality", scores.quality), ("compliance", scores.compliance)):
        if name in card and not _close(card[name], computed):
            raise _CheckError(f"{name} {card[name]!r} is not what its answers score ({computed})")
    if "fatal" in card and card["fatal"] != list(scores.fatal):
        raise _CheckError(f"fatal is not what its answers make ({list(scores.fatal)})")
    created = _field(card, "created_at", _check_stamp)
    updated = _field(card, "updated_at", _check_stamp) if "updated_at" in card else created
    submitted = card.get("submitted_at")
    submitted_ms = None
    if status == SUBMITTED:
        submitted_ms = _field(card, "submitted_at", _check_stamp)
    elif submitted is not None:
        raise _CheckError("a draft has no submitted_at")
    if updated < created or (submitted_ms is not None and submitted_ms < created):
        raise _CheckError("its times are out of order (created after updated or submitted)")
    supersedes = card.get("supersedes")
    if supersedes is not None:
        supersedes = _field(card, "supersedes", _check_id)
    reviewer = _field(card, "reviewer", _check_reviewer)
    return repo.CardRow(
        id=_field(card, "id", _check_id),
        call_id=_field(card, "call_id", _check_call_id),
        template_key=template.key,
        template_title=template.title,
        answers=tuple(_answer_json(a) for a in answers),
        status=status,
        quality=scores.quality,
        compliance=scores.compliance,
        fatal=scores.fatal,
        reviewer_name=reviewer.name,
        reviewer_email=reviewer.email,
        created_ms=created,
        updated_ms=updated,
        submitted_ms=submitted_ms,
        supersedes=supersedes,
        origin=origin,
    )
