"""Specification of the review workspace over a real library file: notes, scorecards, each
call's review status (a library filter and sort), the audit entry of every change, export and
import between reviewers, and calibration."""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest

from app.library import repository as repo
from app.library.library import Library
from app.library.source import LibrarySource
from app.models import CallSummary
from app.review.audit import AuditError, AuditLog, verify_file
from app.review.identity import Reviewer
from app.review.scorecard import NA, NO, YES, Answer, Template, default_template, parse_template
from app.review.store import (
    IN_REVIEW,
    REVIEW_FORMAT,
    REVIEWED,
    UNREVIEWED,
    ReviewError,
    ReviewFileError,
    ReviewImportError,
    ReviewStore,
    Scorecard,
)
from app.source import CallFilters, CallQuery
from tests.scripted_server import call

T = TypeVar("T")

ANA = Reviewer("Ana Lopez", "ana@example.org")
BEN = Reviewer("Ben Okafor", "ben@example.org")
LEAD = Reviewer("Lea Martin", "lea@example.org")
TEMPLATE = default_template()


class Clock:
    """A clock the test moves: a second a reading, so that every change has its own time."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


class Desk:
    """A reviewer's library file, audit trail and store."""

    def __init__(self, folder: Path, reviewer: Reviewer) -> None:
        self.folder = folder
        self.reviewer = reviewer
        self.trail = AuditLog(reviewer, folder / "audit.jsonl")
        self.clock = Clock()

    async def open(self) -> ReviewStore:
        library = await Library.open(self.folder / "library.sqlite3")
        return ReviewStore(library, self.trail, clock=self.clock)

    def events(self) -> list[dict[str, Any]]:
        path = self.trail.path
        lines = path.read_text().splitlines() if path.exists() else []
        return [json.loads(line) for line in lines]

    def run(self, work: Callable[[ReviewStore], Awaitable[T]]) -> T:
        async def go() -> T:
            store = await self.open()
            try:
                return await work(store)
            finally:
                await store.library.aclose()

        return asyncio.run(go())


@pytest.fixture
def ana(tmp_path: Path) -> Desk:
    (tmp_path / "ana").mkdir()
    return Desk(tmp_path / "ana", ANA)


@pytest.fixture
def ben(tmp_path: Path) -> Desk:
    (tmp_path / "ben").mkdir()
    return Desk(tmp_path / "ben", BEN)


@pytest.fixture
def lead(tmp_path: Path) -> Desk:
    (tmp_path / "lead").mkdir()
    return Desk(tmp_path / "lead", LEAD)


def every_answer(tone: int = 4, **values: str | int) -> list[Answer]:
    """Every criterion of the default template answered: yes (or ``values``), tone ``tone``."""
    out = []
    for c in TEMPLATE.criteria:
        value = values.get(c.id, tone if c.answer == "scale" else YES)
        out.append(Answer(c.id, value))
    return out


async def submitted(store: ReviewStore, call_id: str, answers: list[Answer]) -> Scorecard:
    draft = await store.save_scorecard(call_id, TEMPLATE, answers)
    return await store.submit_scorecard(draft.id)


# -- notes ---------------------------------------------------------------------------------


def test_notes_are_anchored_to_a_moment_and_listed_in_call_order(ana: Desk) -> None:
    async def work(store: ReviewStore) -> None:
        late = await store.add_note("call_a", 64.25, "Transfer took too long", tags=["hold"])
        early = await store.add_note(
            "call_a", 4.5, "  Late greeting\r\nno name given ", tags=["greeting", " Greeting ",
                                                                    "  first   words "],
            segment=1,
        )  # fmt: skip
        await store.add_note("call_b", 1, "Other call")
        notes = await store.notes("call_a")
        assert [n.id for n in notes] == [early.id, late.id]
        assert early.text == "Late greeting\nno name given"  # trimmed, line ends made \n
        assert early.tags == ("greeting", "first words")  # spaces folded, duplicates dropped
        assert (early.offset, early.segment, early.reviewer) == (4.5, 1, ANA)
        assert early.created_at == early.updated_at and not early.imported
        assert uuid.UUID(early.id).version == 4
        assert await store.note(early.id) == early

    ana.run(work)


def test_a_note_is_edited_in_place_and_deleted_for_good(ana: Desk) -> None:
    async def work(store: ReviewStore) -> None:
        note = await store.add_note("call_a", 10, "Agent interrupts", tags=["tone"], segment=3)
        moved = await store.edit_note(note.id, offset=12.5, segment=None)
        assert (moved.offset, moved.segment, moved.text, moved.tags) == (
            12.5, None, "Agent interrupts", ("tone",)
        )  # fmt: skip
        edited = await store.edit_note(note.id, text="Agent interrupts twice", tags=[])
        assert (edited.id, edited.text, edited.tags) == (note.id, "Agent interrupts twice", ())
        assert edited.updated_at > note.updated_at and edited.created_at == note.created_at
        assert await store.notes("call_a") == [edited]
        unchanged = await store.edit_note(note.id, text="Agent interrupts twice")
        assert unchanged == edited  # nothing changed: nothing recorded
        await store.delete_note(note.id)
        assert await store.notes("call_a") == [] and await store.note(note.id) is None
        with pytest.raises(ReviewError, match="no note"):
            await store.edit_note(note.id, text="back")
        with pytest.raises(ReviewError, match="no note"):
            await store.delete_note(note.id)
        # Its text is gone from the library file, not only hidden.
        row = await store.library.reader.run(repo.get_note, note.id)
        assert row is not None and row.text == "" and row.tags == ()

    ana.run(work)
    events = ana.events()
    assert [e["event"] for e in events] == [
        "note.added", "note.changed", "note.changed", "note.deleted"
    ]  # fmt: skip
    assert events[1]["data"]["changed"] == ["offset", "segment"]
    assert events[2]["data"]["changed"] == ["text", "tags"]
    assert all(e["call_id"] == "call_a" and e["reviewer"] == ANA.as_json() for e in events)
    # The trail proves what a note said without holding it (a pack of it may be redacted).
    assert "Agent interrupts" not in ana.trail.path.read_text()
    said = hashlib.sha256(b"Agent interrupts twice").hexdigest()
    assert events[2]["data"]["text_sha256"] == events[3]["data"]["text_sha256"] == said
    assert verify_file(ana.trail.path).ok


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"text": "   "}, "must not be empty"),
        ({"text": "x" * 10_001}, "longer than 10,000"),
        ({"text": "ok\x1b[31m red"}, "control or invisible"),
        ({"text": "bidi \u202e trick"}, "control or invisible"),
        ({"offset": -1}, "between 0 and"),
        ({"offset": float("nan")}, "number of seconds"),
        ({"offset": True}, "number of seconds"),
        ({"segment": -1}, "segment index"),
        ({"segment": 1 << 16}, "segment index"),
        ({"tags": "greeting"}, "list of tags"),
        ({"tags": ["t" * 61]}, "is not a tag"),
        ({"tags": ["bell\x07"]}, "is not a tag"),
        ({"tags": [f"t{i}" for i in range(21)]}, "more than 20 tags"),
    ],
)
def test_a_note_that_cannot_be_kept_is_refused_and_nothing_is_stored(
    ana: Desk, change: dict[str, Any], says: str
) -> None:
    async def work(store: ReviewStore) -> None:
        fields: dict[str, Any] = {"offset": 1.0, "text": "fine", "tags": [], "segment": None}
        fields.update(change)
        with pytest.raises(ReviewError, match=says):
            await store.add_note("call_a", fields.pop("offset"), fields.pop("text"), **fields)
        assert await store.notes("call_a") == []
        assert await store.status("call_a") == UNREVIEWED

    ana.run(work)
    assert ana.events() == []


def test_a_change_whose_audit_entry_cannot_be_written_is_not_kept(ana: Desk) -> None:
    ana.trail.path = ana.folder / "trail-is-a-folder"
    ana.trail.path.mkdir()

    async def work(store: ReviewStore) -> None:
        with pytest.raises(AuditError):
            await store.add_note("call_a", 1, "Never recorded")
        with pytest.raises(AuditError):
            await store.save_scorecard("call_a", TEMPLATE, [Answer("greeting", YES)])
        assert await store.notes("call_a") == [] and await store.scorecards("call_a") == []
        assert await store.status("call_a") == UNREVIEWED

    ana.run(work)


# -- scorecards ----------------------------------------------------------------------------


def test_a_draft_is_saved_again_and_again_then_submitted_and_never_changes(ana: Desk) -> None:
    async def work(store: ReviewStore) -> None:
        first = await store.save_scorecard("call_a", TEMPLATE, [Answer("greeting", NO)])
        assert (first.status, first.quality, first.compliance) == ("draft", 0.0, None)
        assert first.template_key == "ai-voice-agent@1" and first.reviewer == ANA
        again = await store.save_scorecard("call_a", TEMPLATE, every_answer(tone=2))
        assert again.id == first.id  # one draft per call and template
        assert (again.quality, again.compliance) == (92.5, 100.0)
        assert [a.criterion_id for a in again.answers] == [c.id for c in TEMPLATE.criteria]
        with pytest.raises(ReviewError, match="1 criteria are not answered yet: tone"):
            partial = every_answer()[:-1]
            await store.submit_scorecard(
                (await store.save_scorecard("call_a", TEMPLATE, partial)).id
            )
        await store.save_scorecard("call_a", TEMPLATE, every_answer(tone=2))
        done = await store.submit_scorecard(first.id)
        assert done.submitted and done.submitted_at is not None and done.quality == 92.5
        with pytest.raises(ReviewError, match="Only a draft made here can be submitted"):
            await store.submit_scorecard(first.id)
        with pytest.raises(ReviewError, match="Only a draft made here can be discarded"):
            await store.discard_draft(first.id)
        # Saving again starts a new draft that revises the submitted one, which stays as is.
        revision = await store.save_scorecard("call_a", TEMPLATE, every_answer(tone=4))
        assert revision.id != first.id and revision.supersedes == first.id
        assert await store.scorecard(first.id) == done
        assert [c.id for c in await store.scorecards("call_a")] == [first.id, revision.id]
        assert await store.draft("call_a", TEMPLATE.key) == revision

    ana.run(work)
    events = [(e["event"], e["data"]["status"]) for e in ana.events()]
    assert events == [("scorecard.saved", "draft")] * 4 + [
        ("scorecard.submitted", "submitted"), ("scorecard.saved", "draft")
    ]  # fmt: skip


def test_revise_makes_a_draft_from_a_submitted_scorecard(ana: Desk) -> None:
    async def work(store: ReviewStore) -> None:
        card = await submitted(store, "call_a", every_answer(tone=1))
        revision = await store.revise_scorecard(card.id)
        assert revision.status == "draft" and revision.supersedes == card.id
        assert revision.answers == card.answers and revision.quality == card.quality
        with pytest.raises(ReviewError, match="already has a draft"):
            await store.revise_scorecard(card.id)
        with pytest.raises(ReviewError, match="Only a submitted scorecard"):
            await store.revise_scorecard(revision.id)
        await store.discard_draft(revision.id)
        assert [c.id for c in await store.scorecards("call_a")] == [card.id]

    ana.run(work)
    assert [e["event"] for e in ana.events()][-2:] == ["scorecard.saved", "scorecard.discarded"]
    assert ana.events()[-2]["data"]["revises"] is not None


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        ([Answer("greeting", "maybe")], "'maybe' is not an answer it allows"),
        ([Answer("tone", 5)], "tone: 5 is not an answer it allows"),
        ([Answer("tone", True)], "is not an answer it allows"),
        ([Answer("greeting", NA)], "is not an answer it allows"),  # greeting has no n/a
        ([Answer("mood", YES)], "mood: no such criterion"),
        ([Answer("greeting", YES), Answer("greeting", NO)], "answered twice"),
        ([Answer("greeting", YES, (-2.0,))], "between 0 and"),
        ([Answer("greeting", YES, tuple(float(i) for i in range(51)))], "more than 50 moments"),
        ([Answer("greeting", YES, comment="\x07")], "control or invisible"),
    ],
)
def test_a_scorecard_with_answers_its_template_does_not_allow_is_refused(
    ana: Desk, answers: list[Answer], says: str
) -> None:
    async def work(store: ReviewStore) -> None:
        with pytest.raises(ReviewError, match=says):
            await store.save_scorecard("call_a", TEMPLATE, answers)
        assert await store.scorecards("call_a") == []

    ana.run(work)


def test_a_changed_template_needs_a_new_version(ana: Desk) -> None:
    text = (Path(__file__).parents[3] / "resources/scorecards/ai_voice_agent.toml").read_text()
    changed = parse_template(text.replace("weight = 25", "weight = 20").replace(
        "weight = 10", "weight = 15"), "mine.toml")  # fmt: skip
    bumped = parse_template(text.replace("version = 1", "version = 2"), "mine.toml")

    async def work(store: ReviewStore) -> None:
        await store.save_scorecard("call_a", TEMPLATE, [Answer("greeting", YES)])
        with pytest.raises(ReviewError, match="another scorecard template as ai-voice-agent@1"):
            await store.save_scorecard("call_b", changed, [Answer("greeting", YES)])
        with pytest.raises(ReviewError, match="another scorecard template"):
            await store.add_template(changed)
        await store.add_template(bumped)
        assert [t.key for t in await store.templates()] == ["ai-voice-agent@1", "ai-voice-agent@2"]
        assert await store.template("ai-voice-agent@2") == parse_template(text.replace(
            "version = 1", "version = 2"), "(library) ai-voice-agent@2")  # fmt: skip
        assert await store.scorecards("call_b") == []

    ana.run(work)


# -- review status -------------------------------------------------------------------------


def library_with_calls(store: ReviewStore, ids: list[str]) -> Awaitable[Any]:
    summaries = [
        CallSummary.from_json(call(i, f"2026-03-08T10:{n:02d}:00Z").summary())
        for n, i in enumerate(ids)
    ]
    return store.library.writer.run(repo.record_listing, summaries, 1)


def test_review_status_follows_notes_drafts_and_submissions(ana: Desk) -> None:
    async def work(store: ReviewStore) -> None:
        ids = ["call_a", "call_b", "call_c", "call_d"]
        await library_with_calls(store, ids)
        assert await store.statuses(ids) == dict.fromkeys(ids, UNREVIEWED)
        note = await store.add_note("call_a", 1, "Look at this")
        draft = await store.save_scorecard("call_b", TEMPLATE, [Answer("greeting", YES)])
        await submitted(store, "call_c", every_answer())
        assert await store.statuses(ids) == {
            "call_a": IN_REVIEW, "call_b": IN_REVIEW, "call_c": REVIEWED, "call_d": UNREVIEWED
        }  # fmt: skip
        assert await store.status_counts() == {UNREVIEWED: 1, IN_REVIEW: 2, REVIEWED: 1}
        await store.delete_note(note.id)
        await store.discard_draft(draft.id)
        assert await store.statuses(["call_a", "call_b"]) == dict.fromkeys(
            ["call_a", "call_b"], UNREVIEWED
        )
        # A call not in the library (seen on the API only) has a status too.
        await store.add_note("call_not_synced", 2, "Seen online")
        assert await store.status("call_not_synced") == IN_REVIEW

    ana.run(work)


def test_review_status_is_a_filter_and_a_sort_of_the_library(ana: Desk) -> None:
    async def work(store: ReviewStore) -> list[list[str]]:
        ids = [f"call_{i}" for i in range(6)]
        await library_with_calls(store, ids)
        await store.add_note("call_1", 1, "in review")
        await store.save_scorecard("call_4", TEMPLATE, [Answer("greeting", YES)])
        await submitted(store, "call_2", every_answer())
        source = LibrarySource(store.library)

        async def listed(statuses: set[str], sort_by: str = "started_at") -> list[str]:
            filters = CallFilters(review_status=frozenset(statuses))
            page = await source.list_calls(
                CallQuery(limit=50, sort_by=sort_by, sort_order="asc", filters=filters)
            )
            assert page.total == len(page.data)
            return [c.id for c in page.data]

        return [
            await listed({REVIEWED}),
            await listed({IN_REVIEW}),
            await listed({UNREVIEWED}),
            await listed({UNREVIEWED, REVIEWED}),
            await listed(set(), sort_by="review_status"),
        ]

    reviewed, in_review, unreviewed, either, by_status = ana.run(work)
    assert reviewed == ["call_2"] and in_review == ["call_1", "call_4"]
    assert unreviewed == ["call_0", "call_3", "call_5"]
    assert either == ["call_0", "call_2", "call_3", "call_5"]
    assert by_status == ["call_0", "call_3", "call_5", "call_1", "call_4", "call_2"]


def test_an_unknown_review_status_is_a_clear_error(ana: Desk) -> None:
    from app.errors import LibraryError

    async def work(store: ReviewStore) -> None:
        query = CallQuery(filters=CallFilters(review_status=frozenset({"done"})))
        with pytest.raises(LibraryError, match="No review status 'done'"):
            await LibrarySource(store.library).list_calls(query)

    ana.run(work)


def test_a_call_synced_after_it_was_reviewed_gets_its_status(ana: Desk) -> None:
    async def work(store: ReviewStore) -> None:
        await submitted(store, "call_late", every_answer())
        await store.add_note("call_later", 1, "Seen online first")
        await library_with_calls(store, ["call_late", "call_later", "call_other"])
        source = LibrarySource(store.library)
        query = CallQuery(sort_by="review_status", sort_order="desc")
        assert [c.id for c in (await source.list_calls(query)).data] == [
            "call_late", "call_later", "call_other"
        ]  # fmt: skip

    ana.run(work)


# -- export and import ---------------------------------------------------------------------


def export_of(desk: Desk, call_ids: list[str] | None = None) -> dict[str, Any]:
    return desk.run(lambda store: store.export_json(call_ids))


def test_an_export_holds_notes_scorecards_and_their_templates(ana: Desk, tmp_path: Path) -> None:
    async def work(store: ReviewStore) -> None:
        await store.add_note("call_a", 3, "Greeting", tags=["greeting"])
        gone = await store.add_note("call_a", 4, "Deleted")
        await store.delete_note(gone.id)
        await store.add_note("call_b", 3, "Elsewhere")
        await submitted(store, "call_a", every_answer(tone=3))
        report = await store.export_file(tmp_path / "out" / "ana.json", ["call_a"])
        assert (report.notes, report.scorecards, report.call_ids) == (1, 1, ("call_a",))

    ana.run(work)
    data = json.loads((tmp_path / "out" / "ana.json").read_text())
    assert data["format"] == REVIEW_FORMAT and data["exported_by"] == ANA.as_json()
    assert [n["text"] for n in data["notes"]] == ["Greeting"]
    [card] = data["scorecards"]
    assert card["template"] == "ai-voice-agent@1" and card["status"] == "submitted"
    assert card["answers"][-1] == {
        "criterion_id": "tone",
        "question": TEMPLATE.criterion("tone").question,  # type: ignore[union-attr]
        "value": 3,
        "evidence": [],
        "comment": "",
    }
    assert [t["key"] for t in data["templates"]] == ["ai-voice-agent@1"]
    exported = ana.events()[-1]
    assert exported["event"] == "review.exported" and exported["data"]["call_ids"] == ["call_a"]
    assert len(export_of(ana)["notes"]) == 2  # every call


def test_a_second_reviewer_is_imported_once_marked_and_never_over_local_work(
    ana: Desk, ben: Desk
) -> None:
    def ben_work(store: ReviewStore) -> Awaitable[Any]:
        async def go() -> None:
            await store.add_note("call_a", 7.5, "Ben's note", tags=["escalation"])
            await submitted(store, "call_a", every_answer(tone=2, escalation=NO))

        return go()

    ben.run(ben_work)
    file = export_of(ben)

    async def work(store: ReviewStore) -> None:
        mine = await submitted(store, "call_a", every_answer(tone=4))
        first = await store.import_json(file, "ben.json")
        assert (first.notes_added, first.scorecards_added, first.call_ids) == (1, 1, ("call_a",))
        assert first.reviewers == (BEN,)
        again = await store.import_json(file, "ben.json")
        assert (again.notes_added, again.scorecards_added) == (0, 0)
        assert (again.notes_known, again.scorecards_known, again.call_ids) == (1, 1, ())
        cards = await store.scorecards("call_a")
        assert len(cards) == 2 and cards[0] == mine
        theirs = cards[1]
        assert theirs.reviewer == BEN and theirs.imported and theirs.origin is not None
        assert theirs.origin.file == "ben.json" and theirs.origin.imported_by == ANA
        assert theirs.quality == 77.5  # escalation missed (15), tone 2 of 4 (7.5 of 15)
        [note] = await store.notes("call_a")
        assert note.reviewer == BEN and note.imported
        with pytest.raises(ReviewError, match="Ben Okafor's, imported: it cannot be changed"):
            await store.edit_note(note.id, text="mine now")
        with pytest.raises(ReviewError, match="Only a submitted scorecard made here"):
            await store.revise_scorecard(theirs.id)
        # A file that claims my scorecard's id does not change it.
        forged = json.loads(json.dumps(file))
        forged["scorecards"][0]["id"] = mine.id
        forged["notes"] = []
        forged_report = await store.import_json(forged, "forged.json")
        assert forged_report.scorecards_known == 1 and await store.scorecard(mine.id) == mine
        # Deleting an imported note is allowed, and importing again does not bring it back.
        await store.delete_note(note.id)
        await store.import_json(file, "ben.json")
        assert await store.notes("call_a") == []

    ana.run(work)
    imported = [e for e in ana.events() if e["event"] == "review.imported"]
    assert imported[0]["data"]["call_ids"] == ["call_a"]
    assert imported[0]["data"]["reviewers"] == [BEN.label]
    assert imported[0]["data"]["notes_added"] == 1 and imported[1]["data"]["call_ids"] == []


def test_a_later_version_of_an_imported_item_brings_it_up_to_date(ana: Desk, ben: Desk) -> None:
    ids: dict[str, str] = {}

    async def start(store: ReviewStore) -> None:
        ids["note"] = (await store.add_note("call_a", 1, "First thought")).id
        ids["card"] = (await store.save_scorecard("call_a", TEMPLATE, every_answer()[:3])).id

    ben.run(start)
    before = export_of(ben)

    async def later(store: ReviewStore) -> None:
        await store.edit_note(ids["note"], text="Second thought")
        await store.save_scorecard("call_a", TEMPLATE, every_answer(tone=1))
        await store.submit_scorecard(ids["card"])

    ben.run(later)
    after = export_of(ben)

    async def work(store: ReviewStore) -> None:
        await store.import_json(before, "ben-monday.json")
        assert await store.status("call_a") == IN_REVIEW
        report = await store.import_json(after, "ben-tuesday.json")
        assert (report.notes_updated, report.scorecards_updated) == (1, 1)
        [note] = await store.notes("call_a")
        assert note.text == "Second thought" and note.origin is not None
        assert note.origin.file == "ben-tuesday.json"
        card = await store.scorecard(ids["card"])
        assert card is not None and card.submitted and card.quality == 88.75
        assert await store.status("call_a") == REVIEWED
        # An older file does not take it back.
        stale = await store.import_json(before, "ben-monday.json")
        assert (stale.notes_updated, stale.scorecards_updated) == (0, 0)
        assert (await store.scorecard(ids["card"])) == card

    ana.run(work)


def good_file(ben: Desk) -> dict[str, Any]:
    async def work(store: ReviewStore) -> None:
        await store.add_note("call_a", 7.5, "Ben's note", tags=["escalation"], segment=2)
        await submitted(store, "call_a", every_answer(tone=2))

    ben.run(work)
    return export_of(ben)


def broken(file: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """``file`` with the value at ``path`` (``notes.0.text``) replaced, or removed (...)."""
    copy = json.loads(json.dumps(file))
    *parents, last = path.split(".")
    target: Any = copy
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    key: Any = int(last) if isinstance(target, list) else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return copy


CORRUPTIONS = [
    ("notes.0.text", "", "notes[0] (*): text must not be empty"),
    ("notes.0.text", ..., "notes[0] (*): text is missing"),
    ("notes.0.offset", "4.5", "notes[0] (*): offset must be a number of seconds"),
    ("notes.0.segment", 2.5, "notes[0] (*): segment must be a segment index"),
    ("notes.0.id", "not-a-uuid", "notes[0] (not-a-uuid): id must be a UUID"),
    ("notes.0.id", "A" * 8 + "-" + "0" * 4 + "-4" + "0" * 3 + "-8" + "0" * 3 + "-" + "0" * 12,
     "id must be a UUID written in lower case"),
    ("notes.0.reviewer", {"name": ""}, "notes[0] (*): reviewer must not be empty"),
    ("notes.0.reviewer", "Ben", 'reviewer must be {"name": ..., "email": ...}'),
    ("notes.0.created_at", "yesterday", "notes[0] (*): created_at must be a UTC timestamp"),
    ("notes.0.updated_at", "2000-01-01T00:00:00Z", "updated_at is before created_at"),
    ("notes.0.mood", "happy", "notes[0] (*): mood is not one of its fields"),
    ("notes.0.tags", ["a\u0000b"], "is not a tag"),
    ("notes.0.call_id", "", "call_id must be a call id"),
    ("notes.0", "a note", "notes[0]: must be an object"),
    ("scorecards.0.answers.0.value", "maybe", "scorecards[0] (*): answers greeting: 'maybe'"),
    ("scorecards.0.answers.0.criterion_id", "mood", "mood: no such criterion"),
    ("scorecards.0.answers.0.evidence", "4.5", "answers[0]: evidence must be a list"),
    ("scorecards.0.answers.0.extra", 1, "answers[0]: extra is not one of its fields"),
    ("scorecards.0.answers.7", ..., "submitted with criteria unanswered (tone)"),
    ("scorecards.0.quality", 99.0, "quality 99.0 is not what its answers score (92.5)"),
    ("scorecards.0.fatal", ["authentication"], "fatal is not what its answers make"),
    ("scorecards.0.status", "final", "status must be draft or submitted"),
    ("scorecards.0.submitted_at", None, "submitted_at must be a UTC timestamp"),
    ("scorecards.0.template", "other@1", "its template other@1 is neither in the file nor"),
    ("scorecards.0.template_title", "Something else", "template_title is not the title"),
    ("scorecards.0.supersedes", "x", "supersedes must be a UUID"),
    ("templates.0.key", "ai-voice-agent@9", "templates[0]: its key is not its id@version"),
    ("templates.0.definition.sections.0.criteria.0.weight", 50,
     "weights of the scored criteria add up to 140"),
    ("templates.0.definition.sections.0", 3, "templates[0]: sections[0]: must be a table"),
    ("templates.0.definition", [], "a template must be an object"),
    ("notes", {}, "notes: must be a list"),
    ("scorecards", ..., "scorecards: must be a list"),
    ("exported_with", "x", "exported_with: not a field of a review export"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value", "says"), CORRUPTIONS)
def test_an_invalid_item_is_named_and_nothing_is_imported(
    ana: Desk, ben: Desk, path: str, value: Any, says: str
) -> None:
    good = good_file(ben)
    file = broken(good, path, value)
    kind = path.split(".")[0]
    item_id = good[kind][0]["id"] if kind in ("notes", "scorecards") else ""
    says = says.replace("(*)", f"({item_id})")

    async def work(store: ReviewStore) -> None:
        with pytest.raises(ReviewImportError) as caught:
            await store.import_json(file, "ben.json")
        assert str(caught.value).startswith("ben.json was not imported:\n")
        assert any(says in p for p in caught.value.problems), caught.value.problems
        assert await store.notes("call_a") == [] and await store.scorecards("call_a") == []
        assert await store.templates() == []

    ana.run(work)
    assert ana.events() == []


def test_a_file_that_is_not_a_review_export_is_refused(ana: Desk, tmp_path: Path) -> None:
    (tmp_path / "text.json").write_text("not json")
    (tmp_path / "other.json").write_text(json.dumps({"format": "something-else", "notes": []}))
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024 + 1)

    async def work(store: ReviewStore) -> None:
        for name, says in [
            ("text.json", "is not JSON"),
            ("other.json", "is not a review export"),
            ("big.json", "larger than 64 MiB"),
            ("missing.json", "Cannot read"),
            ("/dev/zero", "is not a file"),
        ]:
            with pytest.raises(ReviewFileError, match=says):
                await store.import_file(tmp_path / name)

    ana.run(work)


def test_a_template_that_differs_from_the_librarys_is_refused_by_an_import(
    ana: Desk, ben: Desk
) -> None:
    file = good_file(ben)
    criteria = file["templates"][0]["definition"]["sections"][0]["criteria"]
    criteria[0]["question"] = "Said hello?"

    async def work(store: ReviewStore) -> None:
        await store.add_template(TEMPLATE)
        with pytest.raises(ReviewImportError, match="holds another template as ai-voice-agent@1"):
            await store.import_json(file, "ben.json")

    ana.run(work)


def test_many_problems_are_counted_past_the_first_twenty(ana: Desk, ben: Desk) -> None:
    file = good_file(ben)
    file["notes"] = [{**file["notes"][0], "id": str(uuid.uuid4()), "offset": -1}] * 25

    async def work(store: ReviewStore) -> None:
        with pytest.raises(ReviewImportError) as caught:
            await store.import_json(file, "ben.json")
        assert len(caught.value.problems) >= 25
        assert str(caught.value).endswith("more")

    ana.run(work)


# -- calibration ---------------------------------------------------------------------------


def test_two_reviewers_are_compared_criterion_by_criterion(
    ana: Desk, ben: Desk, lead: Desk
) -> None:
    async def ben_work(store: ReviewStore) -> None:
        await submitted(store, "call_a", every_answer(tone=1))
        await submitted(store, "call_a", every_answer(tone=2, escalation=NO))  # his second look

    async def ana_work(store: ReviewStore) -> None:
        await submitted(store, "call_a", every_answer(tone=2, ticket_when_promised=NA))

    ben.run(ben_work)
    ana.run(ana_work)
    files = [export_of(ana), export_of(ben)]

    async def work(store: ReviewStore) -> dict[str, Any]:
        await store.add_note("call_a", 1, "The lead's own note")
        assert await store.calibrations("call_a") == []
        for i, file in enumerate(files):
            await store.import_json(file, f"file{i}.json")
        [calibration] = await store.calibrations("call_a")
        assert await store.calibrations("call_a", "other@1") == []
        assert calibration.first.reviewer == ANA and calibration.second.reviewer == BEN
        assert calibration.second.quality == 77.5  # Ben's latest, not his first
        direct = await store.compare(calibration.first.id, calibration.second.id)
        assert direct == calibration
        return calibration.as_json()

    result = lead.run(work)
    rows = {r["criterion_id"]: r for r in result["criteria"]}
    assert [r["criterion_id"] for r in result["criteria"]] == [c.id for c in TEMPLATE.criteria]
    assert (rows["ticket_when_promised"]["a"], rows["ticket_when_promised"]["b"]) == (NA, YES)
    assert (rows["escalation"]["a"], rows["escalation"]["b"]) == (YES, NO)
    assert rows["tone"] == {
        "criterion_id": "tone", "section": "Outcome",
        "question": TEMPLATE.criterion("tone").question,  # type: ignore[union-attr]
        "a": 2, "b": 2, "agree": True,
    }  # fmt: skip
    assert (result["agreed"], result["compared"], result["agreement_percent"]) == (6, 8, 75.0)
    assert result["a"]["reviewer"] == ANA.as_json() and result["b"]["imported_from"] == "file1.json"
    # Ana's n/a leaves its weight out: 77.5 of 85 points.
    assert result["a"]["quality"] == pytest.approx(100 * 77.5 / 85)
    assert result["quality_difference"] == round(77.5 - 100 * 77.5 / 85, 2)
    assert result["template"] == "ai-voice-agent@1" and result["call_id"] == "call_a"


def test_only_scorecards_of_one_call_and_template_are_compared(ana: Desk) -> None:
    async def work(store: ReviewStore) -> None:
        a = await submitted(store, "call_a", every_answer())
        b = await submitted(store, "call_b", every_answer())
        with pytest.raises(ReviewError, match="same call and template"):
            await store.compare(a.id, b.id)
        with pytest.raises(ReviewError, match="no scorecard"):
            await store.compare(a.id, str(uuid.uuid4()))

    ana.run(work)


def test_a_store_tells_the_librarys_listeners_which_calls_changed(ana: Desk) -> None:
    async def work(store: ReviewStore) -> list[frozenset[str]]:
        seen: list[frozenset[str]] = []
        store.library.subscribe(seen.append)
        note = await store.add_note("call_a", 1, "x")
        await store.edit_note(note.id, text="y")
        await store.save_scorecard("call_b", TEMPLATE, [Answer("greeting", YES)])
        await store.delete_note(note.id)
        return seen

    assert ana.run(work) == [frozenset({"call_a"}), frozenset({"call_a"}),
                             frozenset({"call_b"}), frozenset({"call_a"})]  # fmt: skip


def test_templates_round_trip_through_their_declared_shape() -> None:
    from app.review.scorecard import template_data, template_from_data

    assert template_from_data(template_data(TEMPLATE), TEMPLATE.source) == TEMPLATE
    again: Template = template_from_data(json.loads(json.dumps(template_data(TEMPLATE))), "x")
    assert template_data(again) == template_data(TEMPLATE)
